// lrkit benchmark: the per-batch overhead of lrkit/tfjs's LearningRateScheduler callback inside
// TF.js's model.fit, as a percentage of the batch time, on the cpu and wasm backends.
// Run with `npm run build && node bench/tfjs_callback.js`. See bench/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { mulberry32 } from 'lrkit';
import { disposeOptimizer, learningRateScheduler } from 'lrkit/tfjs';

const here = dirname(fileURLToPath(import.meta.url));
const resultsFile = join(here, 'results', 'tfjs-callback.json');

const REPS = 7; // interleaved pairs (without, with) per case
const BATCH = 32;
const TARGET_PERCENT = 1;
const BACKENDS = [
  { name: 'cpu', batches: 20 },
  { name: 'wasm', batches: 80 },
];
const CASES = [
  {
    name: 'sgd + CosineAnnealingLR',
    optimizer: () => tf.train.sgd(0.05),
    spec: 'CosineAnnealingLR',
  },
  {
    name: 'adam + OneCycleLR (lr and β1)',
    optimizer: () => tf.train.adam(0.001),
    spec: 'OneCycleLR',
  },
];

tf.env().set('PROD', true);

function progress(text) {
  process.stderr.write(`${text}\n`);
}

function data(samples) {
  const r = mulberry32(42);
  const x = tf.tensor2d(Float32Array.from({ length: samples * 784 }, r), [samples, 784]);
  const labels = tf.tensor1d(
    Int32Array.from({ length: samples }, () => Math.floor(r() * 10)),
    'int32',
  );
  const y = tf.oneHot(labels, 10);
  labels.dispose();
  return { x, y };
}

function model(optimizer) {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 128, inputShape: [784], activation: 'relu' }));
  m.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  m.compile({ optimizer, loss: 'categoricalCrossentropy' });
  return m;
}

/**
 * The callback, with the time spent inside its hooks measured: `perBatch[k]` is the time of
 * batch k's onBatchBegin + onBatchEnd; `total` includes the train/epoch hooks too.
 */
function timedCallback(spec, steps) {
  const text =
    spec === 'OneCycleLR'
      ? `OneCycleLR(max_lr=0.01, total_steps=${steps})`
      : `CosineAnnealingLR(T_max=${steps}, eta_min=0.0001)`;
  const cb = learningRateScheduler(text, { onWarning: () => {} });
  const clock = { total: 0, perBatch: [] };
  for (const hook of ['onTrainBegin', 'onEpochBegin', 'onBatchBegin', 'onBatchEnd', 'onEpochEnd']) {
    const inner = cb[hook];
    // the hooks' bodies are synchronous (async only by TF.js's callback contract): the time up
    // to the returned promise is all of their work, without TF.js's own await machinery
    cb[hook] = function (...args) {
      const t0 = performance.now();
      const promise = inner.apply(this, args);
      const ms = performance.now() - t0;
      clock.total += ms;
      if (hook === 'onBatchBegin') clock.perBatch.push(ms);
      else if (hook === 'onBatchEnd') clock.perBatch[clock.perBatch.length - 1] += ms;
      return promise;
    };
  }
  return { cb, clock };
}

async function fitOnce(m, x, y, callbacks) {
  const t0 = performance.now();
  await m.fit(x, y, { epochs: 1, batchSize: BATCH, shuffle: false, verbose: 0, callbacks });
  return performance.now() - t0;
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const rows = [];
const started = performance.now();
for (const backend of BACKENDS) {
  await tf.setBackend(backend.name);
  await tf.ready();
  const { x, y } = data(backend.batches * BATCH);
  for (const c of CASES) {
    progress(`${backend.name} / ${c.name}: ${backend.batches} batches per run, ${REPS} pairs`);
    const m = model(c.optimizer());
    // warm-up: kernels, slot variables and V8 type feedback for both variants
    await fitOnce(m, x, y, []);
    await fitOnce(m, x, y, [timedCallback(c.spec, backend.batches).cb]);
    const without = [];
    const withCb = [];
    const hook = [];
    const hookBatches = [];
    for (let r = 0; r < REPS; r++) {
      // alternate the order within pairs so that drift on a shared machine affects both alike
      const order = r % 2 === 0 ? ['without', 'with'] : ['with', 'without'];
      for (const variant of order) {
        if (variant === 'without') {
          without.push((await fitOnce(m, x, y, [])) / backend.batches);
        } else {
          const { cb, clock } = timedCallback(c.spec, backend.batches);
          withCb.push((await fitOnce(m, x, y, [cb])) / backend.batches);
          hook.push(clock.total / backend.batches);
          hookBatches.push(...clock.perBatch);
        }
      }
    }
    const optimizer = m.optimizer; // compiled with an object: the model does not own it
    m.dispose();
    disposeOptimizer(optimizer);
    const batchMs = median(without);
    const withMs = median(withCb);
    const hookMs = median(hook);
    const hookMedianMs = median(hookBatches);
    rows.push({
      backend: backend.name,
      case: c.name,
      batches: backend.batches,
      reps: REPS,
      batchMsWithout: batchMs,
      batchMsWith: withMs,
      sideBySidePercent: (100 * (withMs - batchMs)) / batchMs,
      hookMsPerBatch: hookMs,
      hookPercent: (100 * hookMs) / batchMs,
      hookMedianMsPerBatch: hookMedianMs,
      samplesWithout: without,
      samplesWith: withCb,
      samplesHook: hook,
    });
  }
  x.dispose();
  y.dispose();
}
const seconds = (performance.now() - started) / 1000;

const fmt = (v, digits) => v.toFixed(digits);
const header = [
  'backend',
  'case',
  'batch ms (no cb)',
  'batch ms (cb)',
  'side by side',
  'in hooks (typical)',
  'in hooks (mean)',
  'hooks / batch',
  `target < ${TARGET_PERCENT}%`,
];
const table = rows.map((r) => [
  r.backend,
  r.case,
  fmt(r.batchMsWithout, 3),
  fmt(r.batchMsWith, 3),
  `${r.sideBySidePercent >= 0 ? '+' : ''}${fmt(r.sideBySidePercent, 2)}%`,
  `${fmt(r.hookMedianMsPerBatch * 1000, 1)} µs`,
  `${fmt(r.hookMsPerBatch * 1000, 1)} µs`,
  `${fmt(r.hookPercent, 3)}%`,
  r.hookPercent < TARGET_PERCENT ? 'met' : 'NOT met',
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) =>
  cells
    .map((c, i) => c.padEnd(widths[i]))
    .join('  ')
    .trimEnd();
const cpu = os.cpus()[0]?.model ?? 'unknown';
console.log(
  `lrkit/tfjs LearningRateScheduler overhead — 784→128→10 MLP, batch ${BATCH}, medians of ${REPS} interleaved runs`,
);
console.log(
  `Node ${process.version}, ${cpu}, ${os.cpus().length} cores, @tensorflow/tfjs ${tf.version.tfjs}, ${fmt(seconds, 1)} s\n`,
);
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of table) console.log(line(row));
console.log(
  '\nside by side: (median batch time with the callback − without) / without; noisy on a shared ' +
    'machine (several %).\nin hooks: time spent inside the callback per batch, the median batch ' +
    "(typical) and the mean over each run's batches incl. train/epoch hooks and pauses that fall " +
    'in them (median of runs); hooks / batch: the mean as a share of the batch time without the ' +
    'callback (the target).',
);

mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(
  resultsFile,
  `${JSON.stringify(
    {
      timestamp: new Date().toISOString(),
      node: process.version,
      cpu,
      cores: os.cpus().length,
      tfjs: tf.version.tfjs,
      batchSize: BATCH,
      model: '784→128 relu→10 softmax, categoricalCrossentropy',
      targetPercent: TARGET_PERCENT,
      seconds,
      rows,
    },
    null,
    2,
  )}\n`,
);
progress(`wrote ${resultsFile}`);
