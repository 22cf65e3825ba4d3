import { cn } from '@/lib/cn';

/**
 * "@username", isolated from the surrounding text: Latin names read left to right, Arabic names
 * right to left, whatever the page's direction.
 */
export function Handle({ username, className }: { username: string; className?: string }) {
  return (
    <span dir="auto" className={cn('[unicode-bidi:isolate]', className)}>
      @{username}
    </span>
  );
}
