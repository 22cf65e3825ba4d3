import { useEffect, useState } from 'react';

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

interface Checker {
  check: (password: string, userInputs?: string[]) => { score: number };
}

let checkerPromise: Promise<Checker> | null = null;

/** zxcvbn and its dictionaries are large: fetched on first use, never in the entry bundle. */
export function loadStrengthChecker(): Promise<Checker> {
  checkerPromise ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(
    ([core, common, en]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
      }),
  );
  return checkerPromise;
}

/** The zxcvbn score (0-4) of a password, or null while the checker loads or the field is empty. */
export function usePasswordStrength(password: string, userInputs: string[] = []): StrengthScore | null {
  const [result, setResult] = useState<{ password: string; score: StrengthScore } | null>(null);
  const inputsKey = userInputs.join('\u0000');

  useEffect(() => {
    if (!password) return;
    let cancelled = false;
    void loadStrengthChecker().then((checker) => {
      if (cancelled) return;
      const inputs = inputsKey ? inputsKey.split('\u0000') : [];
      const score = Math.min(4, Math.max(0, checker.check(password, inputs).score)) as StrengthScore;
      setResult({ password, score });
    });
    return () => {
      cancelled = true;
    };
  }, [password, inputsKey]);

  return password && result?.password === password ? result.score : null;
}
