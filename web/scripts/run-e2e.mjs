// Runs the Playwright suite and prints a plain "N passed, N failed" line that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const out = 'playwright-report/results.json';
rmSync(out, { force: true });

// The backend serves web/dist: build it first when it is missing.
if (!existsSync('dist/index.html')) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const run = spawnSync('npx', ['playwright', 'test', ...process.argv.slice(2)], { stdio: 'inherit' });

if (!existsSync(out)) {
  console.log('0 passed, 1 failed');
  process.exit(run.status || 1);
}
const report = JSON.parse(readFileSync(out, 'utf8'));
const { stats } = report;
// Errors outside any test (a server that did not start, a broken spec file) count as failures.
const failed = stats.unexpected + (report.errors?.length ?? 0);
console.log(`${stats.expected + stats.flaky} passed, ${failed} failed`);
if (stats.skipped > 0) console.log(`(${stats.skipped} skipped)`);
process.exit(run.status ?? 1);
