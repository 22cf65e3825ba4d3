import { forwardRef, useId, type ReactNode, type TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '@/lib/format';
import { cn } from '@/lib/cn';
import { controlClasses, describedBy, Field } from './Field';

export interface TextareaProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  hideLabel?: boolean;
  /** Shows "used / max" next to the label when both are given. */
  count?: number;
  maxChars?: number;
}

export function CharacterCounter({ count, max, id }: { count: number; max: number; id?: string }) {
  const { t, i18n } = useTranslation();
  const left = max - count;
  const format = (n: number) => formatNumber(n, i18n.language);
  return (
    <span
      id={id}
      aria-live="polite"
      className={cn(
        'text-xs tabular-nums',
        left < 0 ? 'font-bold text-danger' : left <= max * 0.1 ? 'text-warning' : 'text-muted',
      )}
    >
      <span aria-hidden="true">
        {format(count)} / {format(max)}
      </span>
      <span className="sr-only">{t('common.charactersLeft', { count: left })}</span>
    </span>
  );
}

export const Textarea = forwardRef<HTMLTextAreaElement, TextareaProps>(function Textarea(
  { label, error, hint, hideLabel, id, className, count, maxChars, rows = 4, ...rest },
  ref,
) {
  const autoId = useId();
  const areaId = id ?? autoId;
  const counter =
    count !== undefined && maxChars !== undefined ? <CharacterCounter count={count} max={maxChars} /> : null;
  return (
    <Field
      id={areaId}
      label={label}
      error={error}
      hint={hint}
      hideLabel={hideLabel}
      counter={counter}
      className={className}
    >
      <textarea
        ref={ref}
        id={areaId}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(areaId, error, hint)}
        // Each paragraph takes the direction of its own text; an empty box follows the page.
        className={cn(controlClasses(Boolean(error)), 'resize-y py-2.5 leading-relaxed [unicode-bidi:plaintext]')}
        {...rest}
      />
    </Field>
  );
});
