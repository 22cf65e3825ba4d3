import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatList, formatNumber, formatRelative } from './format';

describe('one digit style per language', () => {
  it('writes Arabic numbers, counts and dates with Arabic-Indic digits, English with Western ones', () => {
    expect(formatNumber(1234, 'ar')).toBe('١٬٢٣٤');
    expect(formatCount(5, 'ar')).toBe('٥');
    expect(formatRelative('2026-01-01T09:00:00Z', 'ar', new Date('2026-01-01T12:00:00Z'))).toContain('٣');
    expect(formatDate('2026-03-05T10:00:00Z', 'ar')).toMatch(/^[^0-9]*$/);
    expect(formatNumber(1234, 'en')).toBe('1,234');
  });

  it('joins lists with the language own comma', () => {
    expect(formatList(['a', 'b'], 'en')).toBe('a, b');
    expect(formatList(['a', 'b'], 'ar')).toBe('a، b');
  });

  it('gives a day without a time for "Joined"', () => {
    expect(formatDate('2026-03-05T23:59:00Z', 'en')).not.toMatch(/:/);
  });
});
