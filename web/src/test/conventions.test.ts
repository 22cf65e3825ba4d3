import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ar from '@/locales/ar.json';
import en from '@/locales/en.json';

const SRC = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.(test|stories)\.tsx?$/.test(name) ? [path] : [];
  });
}

// Physical-direction utilities would not flip in Arabic; logical ones (ms-, pe-, start-, text-start) do.
const PHYSICAL = /(?<![\w-])-?(?:ml|mr|pl|pr|left|right|border-l|border-r|rounded-l|rounded-r|rounded-tl|rounded-tr|rounded-bl|rounded-br|text-left|text-right|float-left|float-right)(?:-[\w./[\]]+)?(?![\w-])/;

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

describe('conventions', () => {
  it('uses only logical CSS utilities in class names', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(SRC)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/className=(?:"([^"]*)"|\{[^}]*?'([^']*)')/g)) {
        const classes = (match[1] ?? match[2] ?? '').split(/\s+/);
        for (const cls of classes) {
          const bare = cls.split(':').pop() ?? '';
          if (PHYSICAL.test(bare) && bare.match(PHYSICAL)?.[0] === bare) offenders.push(`${file}: ${cls}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('has every English string in Arabic too', () => {
    const arabic = new Set(keys(ar).map(base));
    const missing = [...new Set(keys(en).map(base))].filter((k) => !arabic.has(k));
    expect(missing).toEqual([]);
  });
});
