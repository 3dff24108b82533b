/**
 * bindScheduler in real custom training loops (`optimizer.minimize`), for every optimizer: the
 * weight changes are the hand-computed ones for the scheduled lr and momentum/β1 (the linear
 * problem of linearProblem.ts); plus state/resume, metric-driven stepping, and no tensor leak
 * over 10,000 scheduled steps.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LrkitError, SchedulerError, UnknownNameError } from '../../src/errors.js';
import { Scheduler } from '../../src/scheduler/Scheduler.js';
import {
  bindScheduler,
  BoundScheduler,
  getBeta1,
  getLearningRate,
  getMomentum,
  type OptimizerKind,
} from '../../src/tfjs/index.js';
import { expectSeriesClose } from '../helpers/tolerance.js';
import {
  BATCH,
  BATCHES,
  CYCLES,
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

tf.env().set('PROD', true);

/** The input batches, made once outside any tidy (minimize runs the loss in one). */
const batches: tf.Tensor2D[] = [];
beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  for (let b = 0; b < BATCHES; b++) batches.push(tf.tensor2d(X.slice(b * BATCH, (b + 1) * BATCH)));
});
afterAll(() => {
  for (const b of batches) b.dispose();
});
function batch(b: number): tf.Tensor2D {
  return batches[b]!;
}

/** The loss mean(x·w) of batch b (gradient: the batch's mean row). */
function loss(w: tf.Variable, b: number): () => tf.Scalar {
  return () => tf.mean(tf.matMul(batch(b), w.reshape([3, 1])));
}

describe.each(KINDS)('a custom loop with tf.train.%s', (kind) => {
  it('minimize + bound.step(): the weights move by the scheduled lr (and momentum/β1)', () => {
    const opt = make[kind]();
    const w = tf.variable(tf.tensor1d(W0));
    const bound = bindScheduler(opt, SPEC);
    expect(bound).toBeInstanceOf(BoundScheduler);
    const lrs: number[] = [];
    const weights: number[][] = [];
    for (let k = 0; k < STEPS; k++) {
      lrs.push(bound.lr);
      opt.minimize(loss(w, k % BATCHES));
      weights.push(Array.from(w.dataSync()));
      bound.step();
    }
    const want = scheduled(kind);
    expectSeriesClose(lrs, want.lr, 'lr', { rel: 1e-15 });
    expect(mismatch(weights, reference(kind, want.lr, want.mom))).toBeUndefined();
    expect(bound.stepCount).toBe(STEPS);
    if (CYCLES[kind]) {
      const fixed = want.mom.map(() => want.mom[0]!);
      expect(mismatch(weights, reference(kind, want.lr, fixed))).toBeDefined();
    }
    w.dispose();
    opt.dispose();
  });
});

describe('bindScheduler', () => {
  it('bound.minimize steps itself; returns the cost when asked', () => {
    const opt = make.adam();
    const w = tf.variable(tf.tensor1d(W0));
    const bound = bindScheduler(opt, SPEC);
    const weights: number[][] = [];
    for (let k = 0; k < STEPS; k++) {
      const cost = bound.minimize(loss(w, k % BATCHES), k === 0);
      if (k === 0) {
        expect(cost).not.toBeNull();
        cost!.dispose();
      }
      weights.push(Array.from(w.dataSync()));
    }
    const want = scheduled('adam');
    expect(mismatch(weights, reference('adam', want.lr, want.mom))).toBeUndefined();
    w.dispose();
    opt.dispose();
  });

  it('applies the step-0 values at binding; a PyTorch spec scales from the optimizer lr', () => {
    const opt = tf.train.momentum(0.2, 0.9);
    const bound = bindScheduler(opt, 'StepLR(step_size=2, gamma=0.5)');
    const seen = [bound.lr];
    for (let i = 0; i < 4; i++) seen.push(bound.step());
    expect(seen).toEqual([0.2, 0.2, 0.1, 0.1, 0.05]);
    expect(getLearningRate(opt)).toBe(0.05);
    expect(bound.momentum).toBe(0.9); // StepLR leaves momentum alone
    const one = bindScheduler(tf.train.adam(0.001, 0.9), 'OneCycleLR(max_lr=0.01, total_steps=10)');
    expect(one.lr).toBeCloseTo(0.01 / 25, 15);
    expect(getBeta1(one.optimizer)).toBe(0.95); // max_momentum at step 0
    // a Schedule function and a Scheduler work too
    const fnBound = bindScheduler(tf.train.sgd(1), (k) => 0.1 / (k + 1));
    fnBound.step();
    expect(fnBound.lr).toBe(0.05);
    const s = new Scheduler('ExponentialLR(gamma=0.5)', { lr: 0.4 });
    const sBound = bindScheduler(tf.train.rmsprop(1), s);
    sBound.step();
    expect(sBound.lr).toBe(0.2);
    expect(sBound.scheduler).toBe(s);
  });

  it('ReduceLROnPlateau: step(metric) once per epoch; minimize does not step it', () => {
    const opt = tf.train.sgd(1);
    const bound = bindScheduler(opt, 'ReduceLROnPlateau(patience=1, factor=0.5)');
    const w = tf.variable(tf.tensor1d(W0));
    bound.minimize(loss(w, 0));
    expect(bound.stepCount).toBe(0);
    const lrs = [3, 2, 2, 2, 2].map((m) => bound.step(m));
    expect(lrs).toEqual([1, 1, 1, 0.5, 0.5]);
    expect(() => bound.step()).toThrow(SchedulerError);
    expect(() => bindScheduler(tf.train.sgd(1), 'StepLR(step_size=1)').step(0.5)).toThrow(
      'bindScheduler: step() takes no metric (only ReduceLROnPlateau is driven by one), got 0.5',
    );
    w.dispose();
  });

  it('state() / loadState(): a rebuilt binding continues on the same trajectory', () => {
    const spec = 'OneCycleLR(max_lr=0.1, total_steps=20)';
    const a = tf.train.momentum(0.01, 0.9);
    const bound = bindScheduler(a, spec);
    for (let i = 0; i < 7; i++) bound.step();
    const saved = JSON.parse(JSON.stringify(bound.state())) as unknown;
    // a fresh optimizer with another lr and momentum: the state carries the schedule's own
    const b = tf.train.momentum(0.5, 0.5);
    const resumed = bindScheduler(b, spec).loadState(saved);
    expect(resumed.stepCount).toBe(7);
    expect(getLearningRate(b)).toBe(getLearningRate(a));
    expect(getMomentum(b)).toBe(getMomentum(a));
    for (let i = 0; i < 5; i++) expect(resumed.step()).toBe(bound.step());
    expect(() => bindScheduler(tf.train.sgd(1), 'StepLR(step_size=3)').loadState(saved)).toThrow(
      /loadState: the state is for OneCycleLR/,
    );
    expect(() => bound.loadState({ format: 'x' })).toThrow(/expected a state from BoundScheduler/);
  });

  it('errors name the optimizer and the spec problem', () => {
    expect(() => bindScheduler({ getClassName: () => 'Lion' }, 'StepLR(step_size=1)')).toThrow(
      /optimizerKind: unsupported optimizer 'Lion'/,
    );
    expect(() => bindScheduler(tf.train.sgd(1), 'StepLR(step_siz=1)')).toThrow(/step_siz/);
  });

  it('an unknown option name is an error with a did-you-mean', () => {
    const opt = tf.train.sgd(0.1);
    const bind = (o: object) => () => bindScheduler(opt, 'StepLR(step_size=1)', o);
    expect(bind({ float32check: false })).toThrow(
      new UnknownNameError('option', 'float32check', 'float32Check', 'bindScheduler'),
    );
    expect(bind({ float32check: false })).toThrow(
      "bindScheduler: unknown option 'float32check'; did you mean 'float32Check'?",
    );
    expect(bind({ interval: 'epoch' })).toThrow(
      /^bindScheduler: unknown option 'interval'; known options: float32Check, onWarning$/,
    );
    opt.dispose();
  });

  it('a schedule value that is not a valid lr, momentum or β1 names the step and the value', () => {
    const sgd = tf.train.sgd(0.1);
    const bound = bindScheduler(sgd, (s) => 0.1 - 0.1 * s);
    expect(bound.step()).toBe(0);
    expect(() => bound.step()).toThrow(
      new LrkitError(
        'bindScheduler: the schedule gave lr -0.1 at step 2; learning rates must be finite and ≥ 0',
      ),
    );
    expect(bound.lr).toBe(0); // the optimizer keeps the last valid lr
    expect(() => bindScheduler(sgd, () => Infinity)).toThrow(
      new LrkitError(
        'bindScheduler: the schedule gave lr Infinity at step 0; learning rates must be finite and ≥ 0',
      ),
    );
    const spec = 'OneCycleLR(max_lr=0.1, total_steps=8, max_momentum=1)';
    const momentum = tf.train.momentum(0.01, 0.9);
    expect(() => bindScheduler(momentum, spec)).toThrow(
      new LrkitError(
        'bindScheduler: the schedule gave momentum 1 at step 0; momentum must be in [0, 1)',
      ),
    );
    const adam = tf.train.adam(0.01);
    expect(() => bindScheduler(adam, spec)).toThrow(
      new LrkitError('bindScheduler: the schedule gave beta1 1 at step 0; beta1 must be in [0, 1)'),
    );
    for (const o of [sgd, momentum, adam]) o.dispose();
  });
});

describe('no leak over 10,000 scheduled steps', () => {
  it.each(KINDS)('%s: tf.memory().numTensors unchanged', (kind: OptimizerKind) => {
    const opt = make[kind]();
    const w = tf.variable(tf.tensor1d(W0));
    opt.minimize(loss(w, 0)); // creates the slot variables
    const before = tf.memory().numTensors;
    // OneCycleLR cycles momentum / β1 where the optimizer has it: every setter runs every step
    const bound = bindScheduler(opt, 'OneCycleLR(max_lr=0.1, total_steps=10000)');
    for (let i = 0; i < 10_000; i++) {
      bound.step();
      if (i % 2500 === 0) opt.minimize(loss(w, i % BATCHES));
    }
    expect(bound.stepCount).toBe(10_000);
    expect(tf.memory().numTensors).toBe(before);
    w.dispose();
    opt.dispose();
  });
});

describe('float32 warning', () => {
  it('warns once, through onWarning, when consecutive lrs are identical in float32', () => {
    const warnings: string[] = [];
    const bound = bindScheduler(tf.train.sgd(0.1), 'ExponentialLR(gamma=0.99999999)', {
      onWarning: (m) => warnings.push(m),
    });
    for (let i = 0; i < 5; i++) bound.step();
    expect(warnings).toEqual([
      'lrkit/tfjs: bindScheduler: the scheduled lr changes from 0.1 (step 0) to 0.099999999 ' +
        '(step 1), but both are 0.10000000149011612 in float32, the precision TF.js applies it ' +
        'in: from here the schedule moves more slowly than float32 can follow (e.g. a decay ' +
        'factor very close to 1); findFloat32Stall() checks a schedule in advance',
    ]);
  });

  it('defaults to console.warn; float32Check: false turns it off; no warning when float32 follows', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const a = bindScheduler(tf.train.sgd(0.1), 'ExponentialLR(gamma=0.99999999)');
      a.step();
      a.step();
      expect(warn).toHaveBeenCalledTimes(1);
      const b = bindScheduler(tf.train.sgd(0.1), 'ExponentialLR(gamma=0.99999999)', {
        float32Check: false,
      });
      b.step();
      const c = bindScheduler(tf.train.sgd(0.1), 'ExponentialLR(gamma=0.999)');
      for (let i = 0; i < 100; i++) c.step();
      const d = bindScheduler(tf.train.sgd(0.1), 'StepLR(step_size=3)'); // equal in float64 too
      for (let i = 0; i < 10; i++) d.step();
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });
});
