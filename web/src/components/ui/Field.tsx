import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '@/lib/cn';

export interface FieldProps {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  counter?: ReactNode;
  children: ReactNode;
  className?: string;
  hideLabel?: boolean;
}

/** Translates `validation.*` keys coming from Zod; server messages are already translated. */
export function useErrorText(error?: string): string | undefined {
  const { t } = useTranslation();
  if (!error) return undefined;
  return error.startsWith('validation.') ? t(error) : error;
}

export function Field({ id, label, error, hint, counter, children, className, hideLabel }: FieldProps) {
  const errorText = useErrorText(error);
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className={cn('text-sm font-semibold', hideLabel && 'sr-only')}>
          {label}
        </label>
        {counter}
      </div>
      {children}
      {hint && !errorText ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {errorText ? (
        <p id={`${id}-error`} className="text-sm font-medium text-danger" role="alert">
          {errorText}
        </p>
      ) : null}
    </div>
  );
}

export const controlClasses = (invalid: boolean) =>
  cn(
    'w-full rounded-xl border bg-surface px-3.5 text-fg placeholder:text-muted',
    'transition-colors focus:border-primary',
    invalid ? 'border-danger' : 'border-border',
  );

export const describedBy = (id: string, error?: string, hint?: ReactNode) =>
  [error ? `${id}-error` : null, hint && !error ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
