/**
 * Acceptance through real `model.fit` / `model.fitDataset` (cpu backend), for each of the seven
 * `tf.train` optimizers: the lr (and momentum or β1) applied to every batch is the scheduled
 * one, verified from the weight updates themselves.
 *
 * The model is a bias-free linear layer trained on the loss mean(ŷ), so the gradient of batch b
 * is the batch's mean input — known exactly (dyadic inputs) and independent of the weights.
 * Each optimizer's update is then recomputed by hand in float64 (TF.js's maths for each
 * optimizer; PyTorch's Adam with the current β1 for adam) from the scheduled values, and every
 * per-batch weight change must match it within float32 precision. A control shows that the same
 * check fails when the lrs are shifted by one batch, so it can tell the right lr from a near one.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/scheduler/Scheduler.js';
import {
  BATCH,
  BATCHES,
  CYCLES,
  EPOCHS,
  KINDS,
  make,
  mismatch,
  reference,
  scheduled,
  SPEC,
  STEPS,
  W0,
  X,
} from './linearProblem.js';
import { combineCallbacks, getLearningRate, learningRateScheduler } from '../../src/tfjs/index.js';
import { expectSeriesClose } from '../helpers/tolerance.js';

tf.env().set('PROD', true);

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

function makeModel(optimizer: tf.Optimizer): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, inputShape: [3], useBias: false }));
  model.setWeights([tf.tensor2d(W0, [3, 1])]);
  model.compile({ optimizer, loss: (_y: tf.Tensor, yPred: tf.Tensor) => tf.mean(yPred) });
  return model;
}

/** Records the kernel after every batch (it runs after the scheduler: array order). */
class WeightProbe extends tf.Callback {
  weights: number[][] = [];
  lrs: number[] = [];
  override async onBatchBegin(): Promise<void> {
    const opt = (this.model as unknown as { optimizer: tf.Optimizer }).optimizer;
    this.lrs.push(getLearningRate(opt));
  }
  override async onBatchEnd(): Promise<void> {
    this.weights.push(Array.from(this.model.getWeights()[0]!.dataSync()));
  }
}

async function fitArrays(
  model: tf.Sequential,
  callbacks: (tf.CustomCallbackArgs | tf.Callback | tf.CustomCallback)[],
) {
  const x = tf.tensor2d(X);
  const y = tf.zeros([X.length, 1]);
  try {
    return await model.fit(x, y, {
      epochs: EPOCHS,
      batchSize: BATCH,
      shuffle: false,
      verbose: 0,
      callbacks: callbacks as tf.Callback[],
    });
  } finally {
    x.dispose();
    y.dispose();
  }
}

describe.each(KINDS)('model.fit with tf.train.%s under OneCycleLR', (kind) => {
  it('every batch moves the weights by exactly the scheduled lr (and momentum/β1)', async () => {
    const model = makeModel(make[kind]());
    const probe = new WeightProbe();
    const h = await fitArrays(model, [learningRateScheduler(SPEC), probe]);
    const want = scheduled(kind);
    expectSeriesClose(probe.lrs, want.lr, 'lr per batch', { rel: 1e-15 });
    const ref = reference(kind, want.lr, want.mom);
    expect(mismatch(probe.weights, ref)).toBeUndefined();
    // the check can fail: the lrs of one batch earlier are told apart
    const shifted = [want.lr[0]!, ...want.lr.slice(0, -1)];
    expect(mismatch(probe.weights, reference(kind, shifted, want.mom))).toBeDefined();
    if (CYCLES[kind]) {
      // and so can the momentum/β1: the uncycled value is told apart
      const fixed = want.mom.map(() => want.mom[0]!);
      expect(mismatch(probe.weights, reference(kind, want.lr, fixed))).toBeDefined();
    }
    // history.lr: one entry per epoch, the lr of the epoch's last batch
    expectSeriesClose(
      h.history.lr as number[],
      [1, 2, 3].map((e) => want.lr[e * BATCHES - 1]!),
      'history.lr',
      { rel: 1e-15 },
    );
    model.dispose();
  });
});

describe('momentum cycling', () => {
  it("changes the real update; TF.js's own setMomentum would not (the check fails on it)", async () => {
    const want = scheduled('momentum');
    const ref = reference('momentum', want.lr, want.mom);

    // the same schedule, but with momentum set through TF.js's MomentumOptimizer.setMomentum
    const s = new Scheduler(SPEC, { lr: 0.01, momentum: 0.9 });
    let step = 0;
    const tfjsOwn = new tf.CustomCallback({
      onBatchBegin: () => {
        s.stepTo(step++);
        (model.optimizer as tf.MomentumOptimizer).setLearningRate(s.lr[0]!);
        (model.optimizer as tf.MomentumOptimizer).setMomentum(s.momentum[0]!);
      },
    });
    const model = makeModel(tf.train.momentum(0.01, 0.9));
    const probe = new WeightProbe();
    await fitArrays(model, [tfjsOwn, probe]);
    expect(mismatch(probe.weights, ref)).toBeDefined();
    // what TF.js really did: the constructor's momentum 0.9 throughout
    const fixed = want.mom.map(() => 0.9);
    expect(mismatch(probe.weights, reference('momentum', want.lr, fixed))).toBeUndefined();
    model.dispose();
  });
});

describe('model.fitDataset', () => {
  it.each(['sgd', 'momentum', 'adam'] as const)(
    '%s: the same per-batch updates as fit',
    async (kind) => {
      const ds = tf.data
        .zip({
          xs: tf.data.array(X.map((r) => tf.tensor1d(r))),
          ys: tf.data.array(X.map(() => tf.tensor1d([0]))),
        })
        .batch(BATCH);
      const model = makeModel(make[kind]());
      const probe = new WeightProbe();
      const h = await model.fitDataset(ds, {
        epochs: EPOCHS,
        verbose: 0,
        callbacks: [learningRateScheduler(SPEC), probe],
      });
      const want = scheduled(kind);
      expectSeriesClose(probe.lrs, want.lr, 'lr', { rel: 1e-15 });
      expect(mismatch(probe.weights, reference(kind, want.lr, want.mom))).toBeUndefined();
      expect(h.history.lr).toHaveLength(EPOCHS);
      model.dispose();
    },
  );
});

describe("mixing with users' plain-object callbacks", () => {
  const want = scheduled('momentum');
  const ref = reference('momentum', want.lr, want.mom);

  it('combineCallbacks: a plain object first, then lrkit, in one array', async () => {
    const model = makeModel(make.momentum());
    const epochs: number[] = [];
    const weights: number[][] = [];
    const plainLosses: unknown[] = [];
    const cb = learningRateScheduler(SPEC);
    const h = await fitArrays(
      model,
      combineCallbacks([
        {
          onEpochEnd: async (e: number, logs?: tf.Logs) => {
            epochs.push(e);
            plainLosses.push(logs?.loss);
          },
        },
        cb,
        // after lrkit's: reads the weights each batch produced with the lr lrkit set
        {
          onBatchEnd: async () => {
            weights.push(Array.from(model.getWeights()[0]!.dataSync()));
          },
        },
      ]),
    );
    expect(epochs).toEqual([0, 1, 2]);
    for (const l of plainLosses) expect(typeof l).toBe('number'); // plain objects get numbers
    expect(mismatch(weights, ref)).toBeUndefined();
    expect(cb.step).toBe(STEPS);
    expectSeriesClose(
      h.history.lr as number[],
      [3, 7, 11].map((k) => want.lr[k]!),
      'lr',
    );
    model.dispose();
  });

  it('TF.js alone: a plain object first hides the model, and lrkit says so', async () => {
    const model = makeModel(make.sgd());
    const plain: tf.CustomCallbackArgs = { onEpochEnd: () => {} };
    await expect(
      fitArrays(model, [plain, learningRateScheduler(SPEC) as unknown as tf.CustomCallbackArgs]),
    ).rejects.toThrow(
      /learningRateScheduler: TF.js wrapped this callback in a tf.CustomCallback.*combineCallbacks/,
    );
    expect(() => combineCallbacks([7 as unknown as tf.CustomCallbackArgs])).toThrow(
      'combineCallbacks: callbacks[0] must be a callback instance or a plain object of hooks, got 7',
    );
    model.dispose();
  });

  it('a class callback first: plain objects must be wrapped in tf.CustomCallback', async () => {
    const model = makeModel(make.momentum());
    const probe = new WeightProbe();
    let ends = 0;
    const user = new tf.CustomCallback({ onEpochEnd: () => void (ends += 1) });
    await fitArrays(model, [learningRateScheduler(SPEC), user, probe]);
    expect(ends).toBe(EPOCHS);
    expect(mismatch(probe.weights, ref)).toBeUndefined();
    // unwrapped, TF.js itself fails (tfjs-layers treats the array as class instances)
    const raw = { onEpochEnd: () => {} } as unknown as tf.Callback;
    await expect(
      fitArrays(makeModel(make.sgd()), [learningRateScheduler(SPEC), raw]),
    ).rejects.toThrow(/setParams is not a function/);
    model.dispose();
  });
});
