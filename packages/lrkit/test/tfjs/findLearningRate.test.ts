/**
 * findLearningRate against real TF.js models (cpu backend): the model comes back bit-for-bit
 * (normal run, divergence to NaN, an error thrown by a callback or by the data, an abort), the
 * user's optimizer is the same object with the same state and iteration count, no tensor leaks,
 * and on linear regression (known Hessian) the recommended lr is below GD's divergence edge.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/random.js';
import { LrkitError, ParameterError, UnknownNameError } from '../../src/errors.js';
import { findLearningRate, type FindLearningRateOptions } from '../../src/tfjs/index.js';

tf.env().set('PROD', true);

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const uniform = mulberry32;

const N = 128;
const D = 4;
/** y = x·[1, −2, 0.5, 3] + 0.7 + small noise, x uniform in [−1, 1]. */
function regressionData(seed = 1) {
  const u = uniform(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < N; i++) {
    const row = Array.from({ length: D }, () => 2 * u() - 1);
    x.push(row);
    y.push(row[0]! - 2 * row[1]! + 0.5 * row[2]! + 3 * row[3]! + 0.7 + 0.05 * (u() - 0.5));
  }
  return { x, y };
}

/** A small MLP with BatchNorm (non-trainable moving statistics), seeded initial weights. */
function mlp(optimizer: tf.Optimizer | string = tf.train.adam(0.01)) {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      units: 8,
      inputShape: [D],
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    }),
  );
  model.add(tf.layers.batchNormalization());
  model.add(
    tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
  );
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return model;
}

/** Float32 bit patterns of every weight. */
function weightBits(model: tf.LayersModel): number[][] {
  return model
    .getWeights()
    .map((w) => Array.from(new Uint32Array(Float32Array.from(w.dataSync()).buffer)));
}

/** The optimizer's state (names and bit patterns of every slot, iterations included). */
async function optimizerState(opt: tf.Optimizer) {
  const named = await opt.getWeights();
  const state = named.map(({ name, tensor }) => ({
    name,
    bits: Array.from(new Uint32Array(Float32Array.from(tensor.dataSync()).buffer)),
  }));
  // the first entry ('iter') is a new scalar each call; the others are the live slot variables
  tf.dispose(named.filter((n) => n.name === 'iter').map((n) => n.tensor));
  return { state, iterations: opt.iterations };
}

interface Setup {
  model: tf.Sequential;
  xs: tf.Tensor2D;
  ys: tf.Tensor2D;
  userOptimizer: tf.Optimizer;
  before: {
    weights: number[][];
    optimizer: Awaited<ReturnType<typeof optimizerState>>;
    tensors: number;
  };
}

/** A model trained for a few steps (so its optimizer has state), and the facts to compare after. */
async function setup(optimizer?: tf.Optimizer | string): Promise<Setup> {
  const { x, y } = regressionData();
  const xs = tf.tensor2d(x);
  const ys = tf.tensor2d(y, [N, 1]);
  const model = mlp(optimizer);
  await model.fit(xs, ys, { epochs: 1, batchSize: 32, shuffle: false, verbose: 0 });
  const userOptimizer = model.optimizer;
  const opt = await optimizerState(userOptimizer);
  return {
    model,
    xs,
    ys,
    userOptimizer,
    before: { weights: weightBits(model), optimizer: opt, tensors: tf.memory().numTensors },
  };
}

async function expectRestored(s: Setup) {
  expect(s.model.optimizer).toBe(s.userOptimizer);
  expect(weightBits(s.model)).toEqual(s.before.weights);
  const opt = await optimizerState(s.userOptimizer);
  expect(opt.iterations).toBe(s.before.optimizer.iterations);
  expect(opt.state).toEqual(s.before.optimizer.state);
  expect(tf.memory().numTensors).toBe(s.before.tensors);
}

function dispose(s: Setup) {
  s.model.dispose();
  tf.dispose([s.xs, s.ys]);
}

describe('findLearningRate restores the model and the user optimizer', () => {
  it('after a normal sweep (and the sweep did train: the loss fell)', async () => {
    const s = await setup();
    expect(s.before.optimizer.iterations).toBe(4);
    const result = await findLearningRate(s.model, s.xs, s.ys, {
      startLr: 1e-4,
      endLr: 1,
      numIter: 40,
      seed: 1,
    });
    expect(result.lrs).toHaveLength(40);
    expect(Math.min(...result.smoothedLosses)).toBeLessThan(result.smoothedLosses[0]!);
    await expectRestored(s);
    dispose(s);
  });

  it("after the loss diverged to NaN/Infinity ('non-finite')", async () => {
    const s = await setup(tf.train.sgd(0.01));
    const result = await findLearningRate(s.model, s.xs, s.ys, {
      startLr: 1e-3,
      endLr: 1e12,
      numIter: 60,
      divergeThreshold: Infinity,
      seed: 2,
    });
    expect(result.stopReason).toBe('non-finite');
    await expectRestored(s);
    dispose(s);
  });

  it('after a callback throws: the same error, then everything restored', async () => {
    const s = await setup();
    const boom = new Error('callback failed');
    const run = findLearningRate(s.model, s.xs, s.ys, {
      numIter: 20,
      onProgress: ({ iteration }) => {
        if (iteration === 5) throw boom;
      },
    });
    await expect(run).rejects.toBe(boom);
    await expectRestored(s);
    dispose(s);
  });

  it('after the data throws (a dataset whose iterator fails mid-sweep)', async () => {
    const s = await setup();
    const boom = new Error('disk read failed');
    let batches = 0;
    const dataset = tf.data
      .zip({
        xs: tf.data.array(regressionData().x),
        ys: tf.data.array(regressionData().y.map((v) => [v])),
      })
      .batch(16)
      .map((b) => {
        if (++batches === 4) {
          tf.dispose(b); // a well-behaved pipeline frees what it holds before failing
          throw boom;
        }
        return b;
      });
    await expect(findLearningRate(s.model, dataset, { numIter: 20 })).rejects.toThrow(
      'disk read failed',
    );
    await expectRestored(s);
    dispose(s);
  });

  it("after an abort ('aborted', with the points so far)", async () => {
    const s = await setup();
    const controller = new AbortController();
    const result = await findLearningRate(s.model, s.xs, s.ys, {
      numIter: 50,
      signal: controller.signal,
      onProgress: ({ iteration }) => {
        if (iteration === 6) controller.abort();
      },
    });
    expect(result.stopReason).toBe('aborted');
    expect(result.lrs).toHaveLength(7);
    await expectRestored(s);
    dispose(s);
  });

  it('after an abort from a timer mid-sweep (the sweep gives the event loop a turn)', async () => {
    const s = await setup();
    const controller = new AbortController();
    let steps = 0;
    setTimeout(() => controller.abort(), 5);
    const result = await findLearningRate(s.model, s.xs, s.ys, {
      numIter: 100_000,
      signal: controller.signal,
      seed: 4,
      onProgress: ({ iteration }) => {
        steps = iteration + 1;
        // without macrotask yields the timer would never fire during the sweep: fail fast
        if (steps > 1500) throw new Error('the timer abort was never seen');
      },
    });
    expect(result.stopReason).toBe('aborted');
    expect(result.lrs).toHaveLength(steps);
    expect(steps).toBeLessThan(1000);
    await expectRestored(s);
    dispose(s);
  });

  it('with a tf.data.Dataset of batches (restarted when it ends), validation data, every optimizer kind', async () => {
    // (adamax is not here: TF.js cannot read its state back, getWeights() throws; it is swept below)
    const kinds: [string, () => tf.Optimizer | string][] = [
      ['sgd', () => 'sgd'],
      ['momentum', () => tf.train.momentum(0.01, 0.9, true)],
      ['adam', () => 'adam'],
      ['rmsprop', () => 'rmsprop'],
      ['adagrad', () => 'adagrad'],
      ['adadelta', () => tf.train.adadelta(0.01)],
    ];
    for (const [optimizer, make] of kinds) {
      const compiledWith = make();
      const s = await setup(compiledWith);
      const { x, y } = regressionData(3);
      const dataset = tf.data
        .zip({ xs: tf.data.array(x), ys: tf.data.array(y.map((v) => [v])) })
        .batch(32); // 4 batches: the sweep passes over it several times
      const vx = tf.tensor2d(x.slice(0, 32));
      const vy = tf.tensor2d(y.slice(0, 32), [32, 1]);
      const result = await findLearningRate(s.model, dataset, {
        numIter: 12,
        startLr: 1e-4,
        endLr: 0.1,
        validationData: [vx, vy],
      });
      expect(result.lrs, `${optimizer}: ${result.stopDetail}`).toHaveLength(12);
      expect(result.validationLosses, optimizer).toHaveLength(12);
      tf.dispose([vx, vy]);
      await expectRestored(s);
      // a model compiled with a string owns its optimizer (disposes it with the model): still so
      expect((s.model as unknown as { isOptimizerOwned: boolean }).isOptimizerOwned).toBe(
        typeof compiledWith === 'string',
      );
      dispose(s);
      if (typeof compiledWith !== 'string') compiledWith.dispose();
    }
  });

  it('the optimizer option: a name or a template that is never stepped', async () => {
    const s = await setup();
    const template = tf.train.adam(0.5, 0.8);
    await findLearningRate(s.model, s.xs, s.ys, { numIter: 5, optimizer: template });
    expect(template.iterations).toBe(0);
    const slots = await template.getWeights();
    expect(slots.map((w) => w.name)).toEqual(['iter']); // no moment slots were created
    tf.dispose(slots.map((w) => w.tensor));
    template.dispose();
    for (const name of ['sgd', 'momentum', 'rmsprop', 'adamax'] as const) {
      await findLearningRate(s.model, s.xs, s.ys, { numIter: 5, optimizer: name });
    }
    await expectRestored(s);
    dispose(s);
  });
});

describe('findLearningRate on linear regression (known Hessian)', () => {
  it('recommends an lr below the GD divergence edge 2/λ_max and not far below it', async () => {
    const { x, y } = regressionData(5);
    // MSE of a dense(1) with bias: Hessian 2/N · XᵀX with X = [x, 1]; λ_max by power iteration
    const X = x.map((r) => [...r, 1]);
    const H = Array.from({ length: D + 1 }, (_, a) =>
      Array.from({ length: D + 1 }, (_, b) => (2 / N) * X.reduce((s, r) => s + r[a]! * r[b]!, 0)),
    );
    let v = Array.from({ length: D + 1 }, () => 1);
    let lambdaMax = 0;
    for (let k = 0; k < 500; k++) {
      const Hv = H.map((row) => row.reduce((s, h, j) => s + h * v[j]!, 0));
      lambdaMax = Math.hypot(...Hv);
      v = Hv.map((t) => t / lambdaMax);
    }
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 1, inputShape: [D], kernelInitializer: 'zeros' }));
    model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
    const xs = tf.tensor2d(x);
    const ys = tf.tensor2d(y, [N, 1]);
    const start = tf.memory().numTensors;
    const options: FindLearningRateOptions = { batchSize: N, seed: 3 };
    const result = await findLearningRate(model, xs, ys, options);
    const lr = result.recommended.lr!;
    expect(lr * lambdaMax, result.recommended.reason).toBeLessThan(2);
    expect(lr * lambdaMax, result.recommended.reason).toBeGreaterThan(0.05);
    // and it trains: 50 full-batch steps at that lr cut the loss below 5% of the start
    const initial = (model.evaluate(xs, ys) as tf.Scalar).dataSync()[0]!;
    model.optimizer = tf.train.sgd(lr);
    await model.fit(xs, ys, { epochs: 50, batchSize: N, verbose: 0 });
    const final = (model.evaluate(xs, ys) as tf.Scalar).dataSync()[0]!;
    expect(final).toBeLessThan(0.05 * initial);
    expect(start).toBeGreaterThan(0);
    model.dispose();
    tf.dispose([xs, ys]);
  });
});

describe('findLearningRate checks its arguments', () => {
  it('an uncompiled model, bad batchSize, mismatched samples, unknown optimizer name', async () => {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 1, inputShape: [2] }));
    const xs = tf.zeros([4, 2]);
    const ys = tf.zeros([3, 1]);
    await expect(findLearningRate(model, xs, ys)).rejects.toThrow(
      new LrkitError(
        'findLearningRate: the model is not compiled: call model.compile({ optimizer, loss }) first',
      ),
    );
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    await expect(findLearningRate(model, xs, ys, { batchSize: 0 })).rejects.toThrow(
      new ParameterError('findLearningRate', 'batchSize', 'must be a positive integer', 0),
    );
    await expect(findLearningRate(model, xs, ys)).rejects.toThrow(
      'findLearningRate: x and y must hold the same number of samples (first dimension), got 4, 3',
    );
    const y4 = tf.zeros([4, 1]);
    await expect(findLearningRate(model, xs, y4, { optimizer: 'nadam' as 'adam' })).rejects.toThrow(
      "findLearningRate: optimizer must be a tf.train optimizer or one of 'sgd', 'momentum', 'adam', 'adamax', 'rmsprop', 'adagrad', 'adadelta', got 'nadam'",
    );
    await expect(findLearningRate(model, xs, y4, { numIter: 1 })).rejects.toThrow(
      'rangeTest: numIter must be an integer ≥ 2, got 1',
    );
    // unknown option names: rangeTest's and findLearningRate's own are known, nothing else
    const typo = (o: object) => findLearningRate(model, xs, y4, o as FindLearningRateOptions);
    await expect(typo({ numIters: 10 })).rejects.toThrow(
      new UnknownNameError('option', 'numIters', 'numIter', 'findLearningRate'),
    );
    await expect(typo({ batchsize: 2 })).rejects.toThrow(
      "findLearningRate: unknown option 'batchsize'; did you mean 'batchSize'?",
    );
    await expect(typo({ trainStep: () => 1 })).rejects.toThrow(
      "findLearningRate: unknown option 'trainStep'; known options: startLr, endLr, numIter, mode, smoothing, divergeThreshold, validate, signal, onProgress, adaptive, batchSize, optimizer, shuffle, seed, validationData",
    );
    tf.dispose([xs, ys, y4]);
    model.dispose();
  });
});
