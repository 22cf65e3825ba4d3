import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { BellIcon } from '@/components/ui/icons';
import { cn } from '@/lib/cn';
import { formatCount } from '@/lib/format';
import { unreadCountOptions } from '../api/notifications';

export interface NotificationBellProps {
  /** `rail`: a labelled entry of the side navigation; `bar`: an icon button in a top or bottom bar. */
  variant: 'rail' | 'bar';
  className?: string;
}

/** A link to the notifications page with the live unread count (see useNotificationStream). */
export function NotificationBell({ variant, className }: NotificationBellProps) {
  const { t, i18n } = useTranslation();
  const { data: count = 0 } = useQuery(unreadCountOptions());
  const label = count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.title');
  const badge =
    count > 0 ? (
      <span
        data-testid="unread-count"
        aria-hidden="true"
        className="absolute -end-1.5 -top-1.5 min-w-5 rounded-full bg-primary px-1 text-center text-[0.7rem] font-bold leading-5 text-on-primary"
      >
        {count > 99 ? '99+' : formatCount(count, i18n.language)}
      </span>
    ) : null;

  return (
    <NavLink
      to="/notifications"
      aria-label={label}
      className={({ isActive }) =>
        cn(
          variant === 'rail'
            ? 'inline-flex items-center gap-3 rounded-full px-4 py-2.5 font-semibold transition-colors'
            : 'inline-flex size-10 items-center justify-center rounded-full',
          isActive ? 'bg-surface-2 text-primary' : 'text-fg hover:bg-surface-2',
          className,
        )
      }
    >
      <span className="relative inline-flex">
        <BellIcon />
        {badge}
      </span>
      {variant === 'rail' ? <span aria-hidden="true">{t('notifications.title')}</span> : null}
    </NavLink>
  );
}
