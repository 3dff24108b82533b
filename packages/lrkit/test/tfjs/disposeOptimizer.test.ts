/**
 * disposeOptimizer against real @tensorflow/tfjs optimizers (cpu backend): after create → train →
 * (setLearningRate / setMomentum / setBeta1) → dispose, `tf.memory().numTensors` is back where it
 * started, for all seven `tf.train` optimizers.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LrkitError, ParameterError } from '../../src/errors.js';
import {
  disposeOptimizer,
  setBeta1,
  setLearningRate,
  setMomentum,
  type OptimizerKind,
} from '../../src/tfjs/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const MAKERS: Record<OptimizerKind, () => tf.Optimizer> = {
  sgd: () => tf.train.sgd(0.1),
  momentum: () => tf.train.momentum(0.1, 0.9),
  adam: () => tf.train.adam(0.01, 0.9, 0.999),
  adamax: () => tf.train.adamax(0.01, 0.9, 0.999, 1e-7, 0),
  rmsprop: () => tf.train.rmsprop(0.01, 0.9, 0.5, 1e-7, true),
  adagrad: () => tf.train.adagrad(0.1),
  adadelta: () => tf.train.adadelta(0.1),
};

/** Two weights owned by the test (not by the optimizer): they must survive the dispose. */
function withWeights(body: (w: tf.Variable, b: tf.Variable) => void): void {
  const w = tf.variable(tf.tensor1d([1, -2, 0.5]));
  const b = tf.variable(tf.scalar(0.25));
  try {
    body(w, b);
  } finally {
    w.dispose();
    b.dispose();
  }
}

function steps(opt: tf.Optimizer, w: tf.Variable, b: tf.Variable, n: number): void {
  for (let i = 0; i < n; i++) {
    const loss = opt.minimize(() => tf.add(tf.sum(tf.square(w)), tf.square(b)), true);
    if (loss) loss.dispose();
  }
}

describe('disposeOptimizer: no tensor left behind', () => {
  for (const [kind, make] of Object.entries(MAKERS) as [OptimizerKind, () => tf.Optimizer][]) {
    it(`${kind}: create, train, change hyper-parameters, train, dispose`, () => {
      withWeights((w, b) => {
        const start = tf.memory().numTensors;
        const opt = make();
        steps(opt, w, b, 3);
        setLearningRate(opt, 0.05);
        if (kind === 'momentum' || kind === 'rmsprop') setMomentum(opt, 0.8);
        if (kind === 'adam' || kind === 'adamax') setBeta1(opt, 0.85);
        steps(opt, w, b, 2);
        setLearningRate(opt, 0.02);
        steps(opt, w, b, 1);
        expect(tf.memory().numTensors).toBeGreaterThan(start); // it does hold tensors
        disposeOptimizer(opt);
        expect(tf.memory().numTensors).toBe(start);
        expect(w.isDisposed).toBe(false);
        expect(b.isDisposed).toBe(false);
      });
    });
  }

  it('momentum: TF.js 4 own dispose() leaks the cached -lr scalar; disposeOptimizer does not', () => {
    withWeights((w, b) => {
      const start = tf.memory().numTensors;
      const plain = tf.train.momentum(0.1, 0.9);
      steps(plain, w, b, 2);
      plain.dispose();
      // the fact this function exists for (fails once TF.js fixes MomentumOptimizer.dispose)
      expect(tf.memory().numTensors).toBe(start + 1);
      disposeOptimizer(plain); // after the optimizer's own dispose() it still cleans up
      expect(tf.memory().numTensors).toBe(start);
    });
  });

  it('is idempotent: a second call changes nothing and leaves other tensors alive', () => {
    withWeights((w, b) => {
      const start = tf.memory().numTensors;
      const opt = tf.train.momentum(0.1, 0.9, true);
      steps(opt, w, b, 2);
      disposeOptimizer(opt);
      const kept = tf.scalar(3); // a tensor created afterwards must not be touched
      disposeOptimizer(opt);
      expect(tf.memory().numTensors).toBe(start + 1);
      expect(kept.dataSync()[0]).toBe(3);
      kept.dispose();
      expect(tf.memory().numTensors).toBe(start);
    });
  });

  it('an optimizer used by model.fit: model.dispose() + disposeOptimizer() free everything', async () => {
    const start = tf.memory().numTensors;
    const x = tf.tensor2d([0, 1, 2, 3, 4, 5, 6, 7], [8, 1]);
    const y = tf.tensor2d([1, 3, 5, 7, 9, 11, 13, 15], [8, 1]);
    const model = tf.sequential({
      layers: [tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros' })],
    });
    const opt = tf.train.momentum(0.01, 0.9);
    model.compile({ optimizer: opt, loss: 'meanSquaredError' });
    await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0 });
    model.dispose();
    disposeOptimizer(opt);
    x.dispose();
    y.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });
});

describe('disposeOptimizer: errors', () => {
  it('names the class of an optimizer it does not know', () => {
    const lamb = { getClassName: () => 'Lamb', dispose: () => undefined };
    expect(() => disposeOptimizer(lamb)).toThrow(LrkitError);
    expect(() => disposeOptimizer(lamb)).toThrow(
      "disposeOptimizer: unsupported optimizer 'Lamb'; lrkit/tfjs supports tf.train.sgd, momentum, adam, adamax, rmsprop, adagrad and adadelta (TF.js 4 optimizers)",
    );
  });

  it('rejects what is not an object', () => {
    const notOptimizer = 0.1 as unknown as tf.Optimizer;
    expect(() => disposeOptimizer(notOptimizer)).toThrow(ParameterError);
    expect(() => disposeOptimizer(notOptimizer)).toThrow(
      'disposeOptimizer: optimizer must be a TF.js optimizer, got 0.1',
    );
  });

  it('rejects an SGD look-alike without dispose()', () => {
    const fake = { getClassName: () => 'SGD' };
    expect(() => disposeOptimizer(fake)).toThrow(
      "disposeOptimizer: SGD has no usable internal field 'dispose' (lrkit/tfjs expects the TF.js 4 optimizer layout); this TF.js version is not supported",
    );
  });
});
