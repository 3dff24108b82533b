// The web playground's performance figures, measured in headless Chromium by the end-to-end run
// (web/e2e/perf.test.ts writes bench/results/web.json). Prints them as a table; runs the
// measurement first when the results file is absent (or with --run).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const resultsFile = join(here, 'results', 'web.json');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`bench/web.js: \`${cmd} ${args.join(' ')}\` failed (exit ${r.status})\n`);
    process.exit(r.status ?? 1);
  }
}

if (!existsSync(resultsFile) || process.argv.includes('--run')) {
  process.stderr.write(
    'bench/web.js: measuring (build the page, then web/e2e/perf.test.ts in headless Chromium)…\n',
  );
  run('npm', ['run', 'build:web', '--silent']);
  run('npx', ['vitest', 'run', '-c', 'web/vitest.e2e.config.ts', 'e2e/perf.test.ts']);
}

const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
const kB = (b) => `${(b / 1000).toFixed(1)} kB`;
const ok = (pass) => (pass ? 'yes' : 'NO');
const rows = [
  ['measure', 'value', 'target', 'met'],
  [
    `redraw after a parameter change, ${r.redraw.steps.toLocaleString('en-US')} steps (median of ${r.redraw.samplesMs.length})`,
    `${r.redraw.medianMs.toFixed(1)} ms`,
    `< ${r.redraw.targetMs} ms`,
    ok(r.redraw.medianMs < r.redraw.targetMs),
  ],
  [
    '  then exact curves of every step + summary (worker)',
    `${r.redraw.exact.medianMs.toFixed(1)} ms`,
    '—',
    '',
  ],
  [
    `page JavaScript, gzipped, without Train (${r.pageJs.files.length} files)`,
    kB(r.pageJs.gzipBytes),
    `< ${kB(r.pageJs.targetGzipBytes)}`,
    ok(r.pageJs.gzipBytes < r.pageJs.targetGzipBytes),
  ],
  [
    `Train: worker + TF.js, gzipped (${r.trainJs.files.length} files, loaded on opening Train)`,
    kB(r.trainJs.gzipBytes),
    '—',
    '',
  ],
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
const line = (row) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(`Web playground (${r.browser}, measured ${r.date})`);
console.log(line(rows[0]));
console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
for (const row of rows.slice(1)) console.log(line(row));
console.log(`redraw samples (ms): ${r.redraw.samplesMs.join(', ')}`);
console.log(`exact-pass samples (ms): ${r.redraw.exact.samplesMs.join(', ')}`);
