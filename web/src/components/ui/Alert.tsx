import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

export interface AlertProps {
  tone?: 'info' | 'success' | 'error' | 'warning';
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
}

const TONES = {
  info: 'border-accent',
  success: 'border-success',
  error: 'border-danger',
  warning: 'border-warning',
} as const;

export function Alert({ tone = 'info', title, children, className }: AlertProps) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn('rounded-xl border border-s-4 bg-surface-2 px-4 py-3 text-sm text-fg', TONES[tone], className)}
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={cn(title ? 'mt-1' : null)}>{children}</div> : null}
    </div>
  );
}
