/** Counts Unicode code points, as the API does after trimming. */
export function textLength(text: string): number {
  return [...text.trim()].length;
}

/**
 * The Intl locale for a page language. Arabic uses Arabic-Indic digits (٠١٢٣), as Egyptian
 * print does and as the Arabic copy is written, in every number, count and date alike: plain
 * `ar` now formats with Western digits, so the region is named.
 */
export function intlLocale(language: string): string {
  return language === 'ar' ? 'ar-EG' : 'en';
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(intlLocale(language)).format(value);
}

export function formatCount(value: number, language: string): string {
  return new Intl.NumberFormat(intlLocale(language), { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** Items joined with the language's own comma: "a, b" in English, "a، b" in Arabic. */
export function formatList(items: string[], language: string): string {
  return items.join(language === 'ar' ? '، ' : ', ');
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31_536_000],
  ['month', 2_592_000],
  ['week', 604_800],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

export function formatRelative(iso: string, language: string, now: Date = new Date()): string {
  const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
  const rtf = new Intl.RelativeTimeFormat(intlLocale(language), { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(0, 'second');
}

export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A day without its time ("Joined March 2026"-style pages need no hour). */
export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'long' }).format(new Date(iso));
}
