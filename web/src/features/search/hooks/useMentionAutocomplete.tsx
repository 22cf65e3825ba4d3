import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type KeyboardEvent, type RefObject, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar, Handle } from '@/components/ui';
import { cn } from '@/lib/cn';
import { completeMention, mentionAt } from '@/lib/richtext';
import { mentionSuggestionOptions } from '../api/search';

const DEBOUNCE_MS = 150;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export interface MentionAutocompleteOptions {
  textarea: RefObject<HTMLTextAreaElement | null>;
  value: string;
  /** Replaces the text (the caret is placed by the hook). */
  onChange: (value: string) => void;
}

/**
 * @-autocomplete for a textarea: while an @name is being typed, a listbox offers matching
 * accounts. Arrow keys choose, Enter or Tab completes, Escape dismisses; the textarea keeps focus
 * and points at the active option (aria-activedescendant), as screen readers expect.
 */
export function useMentionAutocomplete({ textarea, value, onChange }: MentionAutocompleteOptions) {
  const { t } = useTranslation();
  const listId = useId();
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const found = caret === null ? null : mentionAt(value, caret);
  const at = found && found.start !== dismissed ? found : null;
  const prefix = useDebounced(at?.query ?? '', DEBOUNCE_MS);
  const { data: users = [] } = useQuery(mentionSuggestionOptions(prefix));
  const open = at !== null && prefix !== '' && at.query.startsWith(prefix) && users.length > 0;
  const current = Math.min(active, users.length - 1);

  const trackCaret = (event: SyntheticEvent<HTMLTextAreaElement>) => {
    setCaret(event.currentTarget.selectionStart);
    setActive(0);
  };

  const choose = (username: string) => {
    if (!at) return;
    const next = completeMention(value, at, username);
    onChange(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (!open) return;
    if (event.key === 'ArrowDown') setActive((current + 1) % users.length);
    else if (event.key === 'ArrowUp') setActive((current - 1 + users.length) % users.length);
    else if ((event.key === 'Enter' && !event.ctrlKey && !event.metaKey) || event.key === 'Tab') {
      const user = users[current];
      if (user) choose(user.username);
    } else if (event.key === 'Escape') setDismissed(at?.start ?? null);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  const optionId = (i: number) => `${listId}-option-${i}`;
  const inputProps = {
    onKeyDown,
    onSelect: trackCaret,
    onInput: trackCaret,
    'aria-autocomplete': 'list' as const,
    'aria-controls': open ? listId : undefined,
    'aria-activedescendant': open ? optionId(current) : undefined,
  };

  const popup = open ? (
    <ul
      id={listId}
      role="listbox"
      aria-label={t('compose.mentionSuggestions')}
      className="z-40 mt-1 max-h-72 overflow-y-auto rounded-xl border border-border bg-surface py-1 shadow-xl"
    >
      {users.map((user, i) => (
        <li
          key={user.username}
          id={optionId(i)}
          role="option"
          aria-selected={i === current}
          onMouseDown={(event) => {
            // Keep focus (and the caret) in the textarea.
            event.preventDefault();
            choose(user.username);
          }}
          onMouseEnter={() => setActive(i)}
          className={cn('flex cursor-pointer items-center gap-3 px-3 py-2', i === current && 'bg-surface-2')}
        >
          <Avatar name={user.display_name} src={user.avatar_url} size="sm" />
          <span className="min-w-0">
            <span className="block truncate font-semibold">{user.display_name}</span>
            <Handle username={user.username} className="block truncate text-sm text-muted" />
          </span>
        </li>
      ))}
    </ul>
  ) : null;

  return { inputProps, popup };
}
