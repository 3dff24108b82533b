/**
 * The same scheduled fit on the wasm backend (@tensorflow/tfjs-backend-wasm, offline in Node):
 * the per-batch lrs are the schedule's and the weight changes are the hand-computed ones, as on
 * cpu (fit.test.ts). Its own file: vitest runs each file in its own process, so the backend
 * chosen here does not affect the cpu tests.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bindScheduler,
  getLearningRate,
  learningRateScheduler,
  type OptimizerKind,
} from '../../src/tfjs/index.js';
import { expectSeriesClose } from '../helpers/tolerance.js';
import {
  BATCH,
  BATCHES,
  EPOCHS,
  make,
  mismatch,
  reference,
  scheduled,
  SPEC,
  STEPS,
  W0,
  X,
} from './linearProblem.js';

tf.env().set('PROD', true);

beforeAll(async () => {
  expect(await tf.setBackend('wasm')).toBe(true);
  await tf.ready();
  expect(tf.getBackend()).toBe('wasm');
});

class WeightProbe extends tf.Callback {
  weights: number[][] = [];
  lrs: number[] = [];
  override async onBatchBegin(): Promise<void> {
    this.lrs.push(
      getLearningRate((this.model as unknown as { optimizer: tf.Optimizer }).optimizer),
    );
  }
  override async onBatchEnd(): Promise<void> {
    this.weights.push(Array.from(this.model.getWeights()[0]!.dataSync()));
  }
}

describe('on the wasm backend', () => {
  it.each(['sgd', 'momentum', 'adam', 'rmsprop'] as OptimizerKind[])(
    'fit with tf.train.%s: scheduled lrs, hand-computed updates',
    async (kind) => {
      const model = tf.sequential();
      model.add(tf.layers.dense({ units: 1, inputShape: [3], useBias: false }));
      model.setWeights([tf.tensor2d(W0, [3, 1])]);
      model.compile({
        optimizer: make[kind](),
        loss: (_y: tf.Tensor, yPred: tf.Tensor) => tf.mean(yPred),
      });
      const x = tf.tensor2d(X);
      const y = tf.zeros([X.length, 1]);
      const probe = new WeightProbe();
      const before = tf.memory().numTensors;
      await model.fit(x, y, {
        epochs: EPOCHS,
        batchSize: BATCH,
        shuffle: false,
        verbose: 0,
        callbacks: [learningRateScheduler(SPEC), probe],
      });
      const want = scheduled(kind);
      expectSeriesClose(probe.lrs, want.lr, 'lr', { rel: 1e-15 });
      expect(mismatch(probe.weights, reference(kind, want.lr, want.mom))).toBeUndefined();
      // the optimizer's slot variables are the only new tensors
      const slots = { sgd: 0, momentum: 1, adam: 2, rmsprop: 2 } as Record<string, number>;
      expect(tf.memory().numTensors - before).toBe(slots[kind]);
      x.dispose();
      y.dispose();
      model.dispose();
    },
  );

  it('a bound scheduler in a custom loop, and no leak over 1,000 steps', () => {
    const opt = make.adam();
    const w = tf.variable(tf.tensor1d(W0));
    const xs = Array.from({ length: BATCHES }, (_, b) =>
      tf.tensor2d(X.slice(b * BATCH, (b + 1) * BATCH)),
    );
    const bound = bindScheduler(opt, SPEC);
    const weights: number[][] = [];
    for (let k = 0; k < STEPS; k++) {
      bound.minimize(() => tf.mean(tf.matMul(xs[k % BATCHES]!, w.reshape([3, 1]))));
      weights.push(Array.from(w.dataSync()));
    }
    const want = scheduled('adam');
    expect(mismatch(weights, reference('adam', want.lr, want.mom))).toBeUndefined();
    const before = tf.memory().numTensors;
    const long = bindScheduler(opt, 'OneCycleLR(max_lr=0.1, total_steps=1000)');
    for (let i = 0; i < 1000; i++) long.step();
    expect(tf.memory().numTensors).toBe(before);
    for (const t of [w, ...xs]) t.dispose();
    opt.dispose();
  });
});
