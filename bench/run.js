// `npm run bench`: every benchmark, one after another, each in its own Node process so that one
// benchmark's JIT state, heap and TF.js backend never colour another's figures. Each prints its
// own table and writes its JSON into bench/results/. `npm run bench -- tfjs web` runs only the
// benchmarks whose names contain one of the words given.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** name → script, in the order they run; a missing script is reported, not skipped silently. */
const benches = [
  ['scheduler-step', 'scheduler_step.js', 'one scheduler step: lrkit vs PyTorch 1.13'],
  ['tfjs-callback', 'tfjs_callback.js', 'per-batch overhead of the lrkit/tfjs callback'],
  ['range-test', 'range_test.js', 'LR range test recommendation vs an 8-point grid'],
  ['web', 'web.js', 'playground redraw time and bundle size (headless Chromium)', ['--run']],
];

const only = process.argv.slice(2);
const chosen = benches.filter(([name]) => only.length === 0 || only.some((w) => name.includes(w)));
if (chosen.length === 0) {
  console.error(
    `no benchmark matches ${only.join(', ')}; known: ${benches.map((b) => b[0]).join(', ')}`,
  );
  process.exit(2);
}

const failed = [];
for (const [name, script, what, args = []] of chosen) {
  const path = join(here, script);
  console.log(`\n=== ${name}: ${what} (bench/${script})\n`);
  if (!existsSync(path)) {
    console.log(`bench/${script} is missing`);
    failed.push(name);
    continue;
  }
  const started = Date.now();
  const r = spawnSync(process.execPath, [path, ...args], { stdio: 'inherit' });
  console.log(`\n(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s, exit ${r.status})`);
  if (r.status !== 0) failed.push(name);
}
if (failed.length > 0) {
  console.error(`\nbenchmarks that failed: ${failed.join(', ')}`);
  process.exit(1);
}
