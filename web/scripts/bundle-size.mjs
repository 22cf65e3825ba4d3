// Prints the gzip size of the JavaScript the browser loads on first paint (the entry chunk and
// its modulepreloaded imports) and fails the build when it exceeds the hard limit.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 200;
const HARD_LIMIT_KB = 500;
const dist = new URL('../dist/', import.meta.url).pathname;

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entryFiles = [
  ...html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
].map((m) => m[1]);

const gzipKb = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;

let entryKb = 0;
for (const file of entryFiles) {
  const kb = gzipKb(file);
  entryKb += kb;
  console.log(`  entry  ${file}  ${kb.toFixed(1)} KB gzip`);
}
const assets = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
const totalKb = assets.reduce((sum, f) => sum + gzipKb(join('assets', f)), 0);
const totalRaw = assets.reduce((sum, f) => sum + statSync(join(dist, 'assets', f)).size, 0) / 1024;

console.log(`entry JS: ${entryKb.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB, hard limit ${HARD_LIMIT_KB} KB)`);
console.log(`all JS (${assets.length} chunks, lazy ones included): ${totalKb.toFixed(1)} KB gzip, ${totalRaw.toFixed(0)} KB raw`);

if (entryFiles.length === 0) {
  console.error('bundle-size: no entry script found in dist/index.html');
  process.exit(1);
}
if (entryKb > HARD_LIMIT_KB) {
  console.error(`bundle-size: entry JS ${entryKb.toFixed(1)} KB gzip is over the ${HARD_LIMIT_KB} KB limit`);
  process.exit(1);
}
if (entryKb > BUDGET_KB) {
  console.warn(`bundle-size: WARNING entry JS is over the ${BUDGET_KB} KB budget`);
}
