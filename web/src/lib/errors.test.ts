import { afterEach, describe, expect, it } from 'vitest';
import i18n from './i18n';
import { ApiError } from './api';
import { errorMessage } from './errors';

describe('errorMessage', () => {
  afterEach(async () => {
    await i18n.changeLanguage('en');
  });

  it('names the wait of a 429 from Retry-After', () => {
    const error = new ApiError({ status: 429, code: 'rate_limited', retryAfter: 300 });
    expect(errorMessage(error, i18n.t)).toBe('Too many attempts. Please try again in about 5 minutes.');
  });

  it('speaks Arabic when the page is in Arabic', async () => {
    await i18n.changeLanguage('ar');
    const error = new ApiError({ status: 403, code: 'email_not_verified' });
    expect(errorMessage(error, i18n.t)).toContain('أكّد بريدك');
    expect(document.documentElement.dir).toBe('rtl');
  });

  it('falls back to a generic sentence for unknown errors and server failures', () => {
    expect(errorMessage(new Error('boom'), i18n.t)).toBe('Something went wrong. Please try again.');
    expect(errorMessage(new ApiError({ status: 503, code: 'server_error' }), i18n.t)).toContain('having trouble');
  });
});
