import { useState } from 'react';
import { cn } from '@/lib/cn';

export interface AvatarProps {
  name: string;
  src?: string | null;
  size?: 'sm' | 'md' | 'lg' | 'xl';
  className?: string;
}

const SIZES = {
  sm: 'size-8 text-xs',
  md: 'size-11 text-sm',
  lg: 'size-16 text-xl',
  xl: 'size-24 text-3xl sm:size-28',
} as const;

// Every pair keeps initials at WCAG AA contrast (4.5:1 or more).
const TINTS = [
  'bg-nile-700 text-nile-200',
  'bg-gold-700 text-sand-50',
  'bg-lapis-700 text-sand-100',
  'bg-nile-900 text-nile-300',
];

const ARABIC = /\p{Script=Arabic}/u;

/**
 * Latin names give the first letters of the first and last names ("NE"); Arabic letters join
 * into a word when written side by side ("سح" reads as one), so Arabic names give one letter.
 */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = [...(parts[0] ?? '?')][0] ?? '?';
  if (ARABIC.test(first) || parts.length < 2) return first.toUpperCase();
  const last = [...(parts[parts.length - 1] ?? '')][0] ?? '';
  return ARABIC.test(last) ? first.toUpperCase() : `${first}${last}`.toUpperCase();
}

function tint(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return TINTS[hash % TINTS.length] ?? TINTS[0]!;
}

/** The user's picture, or their initials on a brand colour when they have none. */
export function Avatar({ name, src, size = 'md', className }: AvatarProps) {
  const [failed, setFailed] = useState<string | null>(null);
  const classes = cn('inline-flex shrink-0 items-center justify-center overflow-hidden rounded-full', SIZES[size], className);
  // A picture that does not load falls back to the initials instead of a broken image and its
  // alt text spilling out of the circle.
  if (src && failed !== src) {
    return <img src={src} alt={name} className={cn(classes, 'object-cover')} loading="lazy" onError={() => setFailed(src)} />;
  }
  return (
    <span role="img" aria-label={name} className={cn(classes, 'font-bold', tint(name))}>
      <span aria-hidden="true">{initials(name)}</span>
    </span>
  );
}
