// Runs the Playwright suite and prints a plain "N passed, N failed" line that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const out = 'playwright-report/results.json';
rmSync(out, { force: true });

const run = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit' });

if (!existsSync(out)) {
  console.log('0 passed, 1 failed');
  process.exit(run.status || 1);
}
const { stats } = JSON.parse(readFileSync(out, 'utf8'));
console.log(`${stats.expected + stats.flaky} passed, ${stats.unexpected} failed`);
if (stats.skipped > 0) console.log(`(${stats.skipped} skipped)`);
process.exit(run.status ?? 1);
