import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { cn } from '@/lib/cn';

export type ToastTone = 'info' | 'success' | 'error';

export interface ToastMessage {
  id: number;
  message: string;
  tone: ToastTone;
}

interface ToastState {
  toasts: ToastMessage[];
  push: (message: string, tone?: ToastTone) => void;
  dismiss: (id: number) => void;
}

let nextId = 1;

export const useToasts = create<ToastState>()((set) => ({
  toasts: [],
  push: (message, tone = 'info') =>
    set((state) => ({ toasts: [...state.toasts.slice(-3), { id: nextId++, message, tone }] })),
  dismiss: (id) => set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) })),
}));

export const toast = {
  info: (message: string) => useToasts.getState().push(message, 'info'),
  success: (message: string) => useToasts.getState().push(message, 'success'),
  error: (message: string) => useToasts.getState().push(message, 'error'),
};

const TONES: Record<ToastTone, string> = {
  info: 'border-border',
  success: 'border-success',
  error: 'border-danger',
};

function ToastItem({ toast: item }: { toast: ToastMessage }) {
  const { t } = useTranslation();
  const dismiss = useToasts((s) => s.dismiss);
  useEffect(() => {
    const timer = window.setTimeout(() => dismiss(item.id), item.tone === 'error' ? 8000 : 4500);
    return () => window.clearTimeout(timer);
  }, [dismiss, item.id, item.tone]);
  return (
    <li
      className={cn(
        'pointer-events-auto flex items-start gap-3 rounded-xl border-s-4 border bg-surface-2 px-4 py-3 text-sm text-fg shadow-lg',
        TONES[item.tone],
      )}
    >
      <p className="flex-1">{item.message}</p>
      <button
        type="button"
        onClick={() => dismiss(item.id)}
        className="rounded px-1 text-muted hover:text-fg"
        aria-label={t('common.dismiss')}
      >
        ×
      </button>
    </li>
  );
}

/** Renders queued toasts in a polite live region at the bottom of the screen. */
export function Toaster() {
  const toasts = useToasts((s) => s.toasts);
  return (
    <div aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-20 z-50 flex justify-center px-4 md:bottom-6">
      <ul className="flex w-full max-w-md flex-col gap-2">
        {toasts.map((item) => (
          <ToastItem key={item.id} toast={item} />
        ))}
      </ul>
    </div>
  );
}
