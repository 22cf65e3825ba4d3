import type { TFunction } from 'i18next';
import { ApiError } from './api';

/** Turns any thrown value into one sentence a person understands, in the current language. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected');
  if (error.status === 429) {
    return error.retryAfter !== null
      ? t('errors.rate_limited_wait', { count: Math.max(1, Math.ceil(error.retryAfter / 60)), seconds: error.retryAfter })
      : t('errors.rate_limited');
  }
  const byCode = `errors.codes.${error.code}`;
  if (t(byCode, { defaultValue: '' }) !== '') return t(byCode);
  if (error.status === 422 && error.detail) return error.detail;
  if (error.status >= 500) return t('errors.server');
  if (error.detail) return error.detail;
  return t('errors.unexpected');
}

/** A message for one field error: translated by its code when known, else the server's words. */
export function fieldErrorMessage(code: string | undefined, message: string, t: TFunction): string {
  if (code) {
    const key = `errors.fields.${code}`;
    const translated = t(key, { defaultValue: '' });
    if (translated !== '') return translated;
  }
  return message || t('errors.fields.invalid');
}

type SetError = (name: never, error: { type: string; message: string }) => void;

/**
 * Copies the API's field errors onto a React Hook Form. Returns true when at least one landed on a
 * field of this form, so the caller can skip the general banner.
 */
export function applyFieldErrors(
  error: unknown,
  setError: SetError,
  fields: readonly string[],
  t: TFunction,
  rename: Record<string, string> = {},
): boolean {
  if (!(error instanceof ApiError)) return false;
  let applied = false;
  for (const fieldError of error.errors) {
    const apiName = fieldError.path[fieldError.path.length - 1] ?? '';
    const name = rename[apiName] ?? apiName;
    if (!fields.includes(name)) continue;
    // The API puts the reason on the problem (e.g. `weak_password`) and the field on `errors`.
    const code = fieldError.code || (error.code !== 'validation_error' ? error.code : undefined);
    setError(name as never, { type: 'server', message: fieldErrorMessage(code, fieldError.message, t) });
    applied = true;
  }
  return applied;
}
