import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { MoreIcon } from './icons';

export interface MenuAction {
  key: string;
  label: string;
  icon?: ReactNode;
  tone?: 'danger';
  onSelect: () => void;
}

export interface MenuProps {
  /** The trigger's accessible name, e.g. "More actions for Nour's post". */
  label: string;
  actions: MenuAction[];
  className?: string;
}

/**
 * A "..." button opening a list of actions (WAI-ARIA menu button): arrow keys move, Escape and
 * a click elsewhere close it, and focus returns to the button. Callers pass whatever actions
 * apply, so features add theirs (report, delete, block, mute ...) without touching this file.
 */
export function Menu({ label, actions, className }: MenuProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLDivElement>(null);

  const items = () => Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (!open) return;
    items()[0]?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!listRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  if (actions.length === 0) return null;

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLButtonElement);
    const move: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: list.length - 1 };
    if (event.key === 'Escape' || event.key === 'Tab') {
      if (event.key === 'Escape') event.preventDefault();
      close();
    } else if (event.key in move) {
      event.preventDefault();
      list[((move[event.key] ?? 0) + list.length) % list.length]?.focus();
    }
  };

  return (
    <div className={cn('relative', className)}>
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((v) => !v)}
        className="inline-flex size-9 items-center justify-center rounded-full text-muted hover:bg-surface-2 hover:text-fg"
      >
        <MoreIcon />
      </button>
      {open ? (
        <div
          ref={listRef}
          id={menuId}
          role="menu"
          aria-label={label}
          onKeyDown={onKeyDown}
          className="absolute end-0 top-full z-40 mt-1 min-w-44 overflow-hidden rounded-xl border border-border bg-surface py-1 shadow-xl"
        >
          {actions.map((action) => (
            <button
              key={action.key}
              type="button"
              role="menuitem"
              tabIndex={-1}
              onClick={() => {
                close();
                action.onSelect();
              }}
              className={cn(
                'flex w-full items-center gap-3 px-4 py-2.5 text-start text-sm font-medium hover:bg-surface-2 focus:bg-surface-2 focus:outline-none',
                action.tone === 'danger' ? 'text-danger' : 'text-fg',
              )}
            >
              {action.icon}
              {action.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
