import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cn } from '@/lib/cn';

export interface TabItem<K extends string> {
  key: K;
  label: ReactNode;
}

export interface TabsProps<K extends string> {
  items: TabItem<K>[];
  active: K;
  onChange: (key: K) => void;
  label: string;
  children: ReactNode;
}

interface Overflow {
  start: boolean;
  end: boolean;
}

/** Whether the tab strip hides tabs before its start edge or after its end edge. */
function overflowOf(node: Element): Overflow {
  // scrollLeft runs negative from the right edge in right-to-left: its size is the distance.
  const scrolled = Math.abs(node.scrollLeft);
  const room = node.scrollWidth - node.clientWidth;
  return { start: scrolled > 1, end: scrolled < room - 1 };
}

// Tab strips sit on cards: the fade runs from the card's colour.
const FADE = 'pointer-events-none absolute inset-y-0 z-10 flex w-10 items-center from-surface to-transparent text-muted';

/**
 * WAI-ARIA tabs: arrow keys move between tabs (mirrored in right-to-left), Home/End jump. On a
 * narrow screen the strip scrolls, keeps the active tab in view, and fades with an arrow at
 * each edge that hides more tabs.
 */
export function Tabs<K extends string>({ items, active, onChange, label, children }: TabsProps<K>) {
  const baseId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState<Overflow>({ start: false, end: false });

  useEffect(() => {
    const node = listRef.current;
    if (!node || typeof ResizeObserver === 'undefined') return;
    // The observer reports the strip's size once on observe(), then on every change.
    const observer = new ResizeObserver(() => setOverflow(overflowOf(node)));
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  // On a phone the tab strip scrolls: a page opened on a later tab (/settings/muted) shows it.
  useEffect(() => {
    const tab = listRef.current?.querySelector<HTMLElement>(`[data-key="${active}"]`);
    tab?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [active]);

  const focusTab = (index: number) => {
    const item = items[(index + items.length) % items.length];
    if (!item) return;
    onChange(item.key);
    listRef.current?.querySelector<HTMLButtonElement>(`[data-key="${item.key}"]`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = items.findIndex((i) => i.key === active);
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const backward = rtl ? 'ArrowRight' : 'ArrowLeft';
    if (event.key === forward) focusTab(index + 1);
    else if (event.key === backward) focusTab(index - 1);
    else if (event.key === 'Home') focusTab(0);
    else if (event.key === 'End') focusTab(items.length - 1);
    else return;
    event.preventDefault();
  };

  return (
    <div>
      <div className="relative">
        {overflow.start ? (
          <span aria-hidden="true" data-testid="tabs-more-start" className={cn(FADE, 'start-0 justify-start bg-linear-to-r rtl:bg-linear-to-l')}>
            <span className="rtl:rotate-180">‹</span>
          </span>
        ) : null}
        {overflow.end ? (
          <span aria-hidden="true" data-testid="tabs-more-end" className={cn(FADE, 'end-0 justify-end bg-linear-to-l rtl:bg-linear-to-r')}>
            <span className="rtl:rotate-180">›</span>
          </span>
        ) : null}
        <div
          ref={listRef}
          role="tablist"
          aria-label={label}
          onKeyDown={onKeyDown}
          onScroll={(event) => setOverflow(overflowOf(event.currentTarget))}
          className="flex gap-1 overflow-x-auto border-b border-border [scrollbar-width:none]"
        >
          {items.map((item) => {
            const selected = item.key === active;
            return (
              <button
                key={item.key}
                type="button"
                role="tab"
                data-key={item.key}
                id={`${baseId}-tab-${item.key}`}
                aria-selected={selected}
                aria-controls={`${baseId}-panel`}
                tabIndex={selected ? 0 : -1}
                onClick={() => onChange(item.key)}
                className={cn(
                  '-mb-px shrink-0 whitespace-nowrap border-b-2 px-4 py-2.5 text-sm font-semibold transition-colors',
                  selected ? 'border-primary text-fg' : 'border-transparent text-muted hover:text-fg',
                )}
              >
                {item.label}
              </button>
            );
          })}
        </div>
      </div>
      <div
        role="tabpanel"
        id={`${baseId}-panel`}
        aria-labelledby={`${baseId}-tab-${active}`}
        tabIndex={0}
        className="pt-4 focus-visible:outline-offset-4"
      >
        {children}
      </div>
    </div>
  );
}
