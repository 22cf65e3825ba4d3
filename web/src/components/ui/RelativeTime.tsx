import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative } from '@/lib/format';

const LONG_PRESS_MS = 500;

/**
 * "3 hours ago", with the full date and time on hover (title) and, on touch screens, after a
 * long press, which swaps the text for the full date until the next press.
 */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const { i18n } = useTranslation();
  const [full, setFull] = useState(false);
  const timer = useRef<number | null>(null);
  const exact = formatDateTime(iso, i18n.language);
  const cancel = () => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
  };
  return (
    <time
      dateTime={iso}
      title={exact}
      className={className}
      onPointerDown={(event) => {
        if (event.pointerType !== 'touch') return;
        cancel();
        timer.current = window.setTimeout(() => setFull((v) => !v), LONG_PRESS_MS);
      }}
      onPointerUp={cancel}
      onPointerLeave={cancel}
      onContextMenu={(event) => {
        // A long press opens the context menu on Android: show the date instead.
        if (timer.current !== null || full) event.preventDefault();
      }}
    >
      {full ? exact : formatRelative(iso, i18n.language)}
    </time>
  );
}
