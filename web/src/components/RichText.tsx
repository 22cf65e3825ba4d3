import { useMemo } from 'react';
import { Link } from 'react-router';
import { cn } from '@/lib/cn';
import { parseRichText, profilePath, tagPath } from '@/lib/richtext';

/**
 * Post or comment text with @mentions and #tags as links. Text is only ever rendered as React
 * text nodes: whatever markup someone types shows as the characters they typed.
 */
export function RichText({ text, className }: { text: string; className?: string }) {
  const segments = useMemo(() => parseRichText(text), [text]);
  return (
    <p dir="auto" className={cn('whitespace-pre-wrap break-words', className)}>
      {segments.map((s, i) =>
        s.kind === 'text' ? (
          s.text
        ) : (
          <Link
            key={i}
            to={s.kind === 'mention' ? profilePath(s.username) : tagPath(s.tag)}
            dir="auto"
            className="font-medium text-primary [unicode-bidi:isolate] hover:underline"
          >
            {s.text}
          </Link>
        ),
      )}
    </p>
  );
}
