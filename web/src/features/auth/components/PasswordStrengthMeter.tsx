import { useTranslation } from 'react-i18next';
import { cn } from '@/lib/cn';
import { usePasswordStrength } from '../hooks/usePasswordStrength';

const COLOURS = ['bg-danger', 'bg-danger', 'bg-warning', 'bg-success', 'bg-success'] as const;

export function PasswordStrengthMeter({ password, userInputs }: { password: string; userInputs: string[] }) {
  const { t } = useTranslation();
  const score = usePasswordStrength(password, userInputs);
  if (!password) return null;
  const filled = score === null ? 0 : score + 1;
  return (
    <div className="flex flex-col gap-1" aria-live="polite">
      <div className="flex gap-1" aria-hidden="true">
        {[0, 1, 2, 3, 4].map((i) => (
          <span
            key={i}
            className={cn('h-1.5 flex-1 rounded-full', i < filled && score !== null ? COLOURS[score] : 'bg-surface-2')}
          />
        ))}
      </div>
      <p className="text-xs text-muted">
        {score === null ? t('auth.strength.checking') : t(`auth.strength.${score}`)}
        {score !== null && score < 3 ? ` — ${t('auth.strength.hint')}` : null}
      </p>
    </div>
  );
}
