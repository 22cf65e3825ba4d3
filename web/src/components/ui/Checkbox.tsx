import { forwardRef, useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { useErrorText } from './Field';

export interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> {
  label: ReactNode;
  error?: string;
}

export const Checkbox = forwardRef<HTMLInputElement, CheckboxProps>(function Checkbox(
  { label, error, id, className, ...rest },
  ref,
) {
  const autoId = useId();
  const boxId = id ?? autoId;
  const errorText = useErrorText(error);
  return (
    <div className={className}>
      <div className="flex items-start gap-3">
        <input
          ref={ref}
          id={boxId}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={errorText ? `${boxId}-error` : undefined}
          className="mt-1 size-5 shrink-0 accent-[var(--color-primary)]"
          {...rest}
        />
        <label htmlFor={boxId} className="text-sm">
          {label}
        </label>
      </div>
      {errorText ? (
        <p id={`${boxId}-error`} role="alert" className="ms-8 mt-1 text-sm font-medium text-danger">
          {errorText}
        </p>
      ) : null}
    </div>
  );
});
