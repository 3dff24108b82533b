/**
 * The TF.js callbacks against real `model.fit` on a tiny dense model (cpu backend). The lr each
 * batch runs with is recorded by a probe callback placed after the scheduler (TF.js runs
 * callbacks in array order, and an lr set in onBatchBegin applies to that batch).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { LrkitError, ParameterError, UnknownNameError } from '../../src/errors.js';
import { Scheduler } from '../../src/scheduler/Scheduler.js';
import {
  getBeta1,
  getLearningRate,
  getMomentum,
  learningRateScheduler,
  LearningRateScheduler,
  reduceLROnPlateau,
  ReduceLROnPlateau,
  type OptimizerLike,
} from '../../src/tfjs/index.js';
import { decode, torchGolden } from '../helpers/golden.js';
import { expectSeriesClose } from '../helpers/tolerance.js';

tf.env().set('PROD', true);

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** 8 samples, batch size 2: 4 batches per epoch, no shuffling. */
const X = [
  [0.1, 0.2],
  [0.3, -0.1],
  [-0.5, 0.4],
  [0.9, 0.7],
  [-0.2, -0.8],
  [0.6, 0.1],
  [0.0, 0.5],
  [-0.7, 0.3],
];
const Y = X.map(([a, b]) => [2 * a! - b! + 0.5]);
const BATCHES = 4;
const SPEC_4 = 'StepLR(step_size=4, gamma=0.5)';

/** The error `f` throws (fails the test when it throws nothing). */
function thrownBy(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  return expect.fail('expected an error');
}

function makeModel(optimizer: tf.Optimizer): tf.Sequential {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      units: 1,
      inputShape: [2],
      kernelInitializer: tf.initializers.constant({ value: 0.3 }),
      biasInitializer: 'zeros',
    }),
  );
  model.compile({ optimizer, loss: 'meanSquaredError' });
  return model;
}

/** Records the optimizer's lr (and momentum/β1) at each batch, after the scheduler ran. */
class Probe extends tf.Callback {
  lrs: number[] = [];
  moms: number[] = [];
  constructor(private readonly momentum?: (o: OptimizerLike) => number) {
    super();
  }
  override async onBatchBegin(): Promise<void> {
    const opt = (this.model as unknown as { optimizer: OptimizerLike }).optimizer;
    this.lrs.push(getLearningRate(opt));
    if (this.momentum) this.moms.push(this.momentum(opt));
  }
}

async function fit(
  model: tf.Sequential,
  epochs: number,
  callbacks: (tf.Callback | tf.CustomCallback)[],
  initialEpoch = 0,
) {
  const x = tf.tensor2d(X);
  const y = tf.tensor2d(Y);
  try {
    return await model.fit(x, y, {
      epochs,
      initialEpoch,
      batchSize: 2,
      shuffle: false,
      verbose: 0,
      callbacks,
    });
  } finally {
    x.dispose();
    y.dispose();
  }
}

function curve(s: Scheduler, n: number): { lr: number[]; mom: number[] } {
  const lr: number[] = [];
  const mom: number[] = [];
  for (let k = 0; k < n; k++) {
    s.stepTo(k);
    lr.push(s.lr[0]!);
    mom.push(s.momentum[0]!);
  }
  return { lr, mom };
}

const TOL = { rel: 1e-12 };

describe('learningRateScheduler', () => {
  it('applies a PyTorch spec per batch from the optimizer lr and cycles SGD momentum', async () => {
    const spec = 'OneCycleLR(max_lr=0.1, total_steps=12)';
    const model = makeModel(tf.train.momentum(0.01, 0.9));
    const probe = new Probe(getMomentum);
    const cb = learningRateScheduler(spec);
    expect(cb).toBeInstanceOf(LearningRateScheduler);
    const h = await fit(model, 3, [cb, probe]);
    const want = curve(new Scheduler(spec, { lr: 0.01, momentum: 0.9 }), 12);
    expectSeriesClose(probe.lrs, want.lr, 'lr per batch', TOL);
    expectSeriesClose(probe.moms, want.mom, 'momentum per batch', TOL);
    expect(new Set(probe.moms).size).toBeGreaterThan(2);
    // one lr per epoch: the lr in effect at the epoch's last batch
    expectSeriesClose(
      h.history.lr as number[],
      [3, 7, 11].map((k) => want.lr[k]!),
      'history.lr',
    );
    expectSeriesClose(
      h.history.momentum as number[],
      [3, 7, 11].map((k) => want.mom[k]!),
      'mom',
    );
    expect(cb.step).toBe(12);
  });

  it('cycles Adam beta1 under OneCycleLR', async () => {
    const spec = 'OneCycleLR(max_lr=0.01, total_steps=8)';
    const model = makeModel(tf.train.adam(0.001, 0.9, 0.999));
    const probe = new Probe(getBeta1);
    await fit(model, 2, [learningRateScheduler(spec), probe]);
    const want = curve(new Scheduler(spec, { lr: 0.001, momentum: 0.9, optimizer: 'adam' }), 8);
    expectSeriesClose(probe.lrs, want.lr, 'lr', TOL);
    expectSeriesClose(probe.moms, want.mom, 'beta1', TOL);
  });

  it('keeps a global step across epochs with a Schedule function', async () => {
    const model = makeModel(tf.train.sgd(1));
    const probe = new Probe();
    await fit(model, 3, [learningRateScheduler((k) => 0.01 * (k + 1)), probe]);
    expectSeriesClose(
      probe.lrs,
      Array.from({ length: 3 * BATCHES }, (_, k) => 0.01 * (k + 1)),
      'lr',
    );
  });

  it("steps per epoch with interval 'epoch'", async () => {
    const model = makeModel(tf.train.sgd(1));
    const probe = new Probe();
    const sched = (e: number) => 0.1 * 0.5 ** e;
    const h = await fit(model, 3, [learningRateScheduler(sched, { interval: 'epoch' }), probe]);
    expectSeriesClose(
      probe.lrs,
      [0, 1, 2].flatMap((e) => Array<number>(BATCHES).fill(sched(e))),
      'lr',
    );
    expect(h.history.lr).toEqual([0.1, 0.05, 0.025]);
  });

  it('accepts a Keras spec with its own values', async () => {
    const spec = 'keras.ExponentialDecay(initial_learning_rate=0.1, decay_steps=2, decay_rate=0.5)';
    const model = makeModel(tf.train.sgd(7));
    const probe = new Probe();
    await fit(model, 1, [learningRateScheduler(spec), probe]);
    expectSeriesClose(probe.lrs, curve(new Scheduler(spec, { lr: 7 }), 4).lr, 'lr', TOL);
    expect(probe.lrs[0]).toBe(0.1);
  });

  it('resumes with initialEpoch on the uninterrupted trajectory, bit-identical weights', async () => {
    const spec = 'CosineAnnealingLR(T_max=24, eta_min=0.001)';
    const full = makeModel(tf.train.sgd(0.05));
    const p1 = new Probe();
    await fit(full, 6, [learningRateScheduler(spec), p1]);

    const part = makeModel(tf.train.sgd(0.05));
    const first = learningRateScheduler(spec);
    const p2 = new Probe();
    await fit(part, 3, [first, p2]);
    const saved = JSON.parse(JSON.stringify(first.currentScheduler!.state())) as unknown;
    // a fresh callback from the saved scheduler state; the step comes from initialEpoch
    const p3 = new Probe();
    await fit(part, 6, [learningRateScheduler(Scheduler.fromState(saved)), p3], 3);

    expect([...p2.lrs, ...p3.lrs]).toEqual(p1.lrs);
    const a = full.getWeights().map((w) => Array.from(w.dataSync()));
    const b = part.getWeights().map((w) => Array.from(w.dataSync()));
    expect(b).toEqual(a);
  });

  it('honours the stepsPerEpoch option when resuming', async () => {
    const model = makeModel(tf.train.sgd(1));
    const probe = new Probe();
    await fit(model, 2, [learningRateScheduler((k) => k, { stepsPerEpoch: 10 }), probe], 1);
    expect(probe.lrs).toEqual([10, 11, 12, 13]);
  });

  it('works with fitDataset, resuming from batchesPerEpoch', async () => {
    const ds = () =>
      tf.data
        .zip({
          xs: tf.data.array(X.map((r) => tf.tensor1d(r))),
          ys: tf.data.array(Y.map((r) => tf.tensor1d(r))),
        })
        .batch(2)
        .repeat();
    const model = makeModel(tf.train.sgd(1));
    const probe = new Probe();
    const h = await model.fitDataset(ds(), {
      epochs: 3,
      initialEpoch: 1,
      batchesPerEpoch: BATCHES,
      verbose: 0,
      callbacks: [learningRateScheduler((k) => 0.01 * k), probe],
    });
    expectSeriesClose(
      probe.lrs,
      [4, 5, 6, 7, 8, 9, 10, 11].map((k) => 0.01 * k),
      'lr',
    );
    expectSeriesClose(h.history.lr as number[], [0.07, 0.11], 'history.lr');
  });

  it("mixes with a user's plain-object callback wrapped in tf.CustomCallback", async () => {
    const model = makeModel(tf.train.sgd(0.1));
    const losses: number[] = [];
    const user = new tf.CustomCallback({
      onEpochEnd: (_e, logs) => {
        losses.push(logs!.loss as number);
      },
    });
    const h = await fit(model, 2, [learningRateScheduler('StepLR(step_size=4, gamma=0.5)'), user]);
    expect(losses).toHaveLength(2);
    expect(h.history.lr).toEqual([0.1, 0.05]);
  });

  it('rejects metric-driven specs, pointing to reduceLROnPlateau', () => {
    expect(() => learningRateScheduler('ReduceLROnPlateau(patience=2)')).toThrow(
      /reduceLROnPlateau/,
    );
    expect(() => learningRateScheduler(new Scheduler('ReduceLROnPlateau()', { lr: 1 }))).toThrow(
      LrkitError,
    );
    expect(() => learningRateScheduler((k) => k, { interval: 'step' as 'batch' })).toThrow(
      /interval/,
    );
  });

  it('leaks no tensors across a fit', async () => {
    const model = makeModel(tf.train.momentum(0.01, 0.9));
    await fit(model, 1, []); // creates the optimizer's slot variables
    const before = tf.memory().numTensors;
    await fit(model, 3, [learningRateScheduler('OneCycleLR(max_lr=0.1, total_steps=12)')]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

/** Drives a plateau callback's onEpochEnd directly with scripted metrics; returns the lrs. */
async function drive(
  cb: ReduceLROnPlateau,
  lr0: number,
  metrics: readonly number[],
  key = 'val_loss',
): Promise<number[]> {
  const optimizer = tf.train.sgd(lr0);
  const model = makeModel(optimizer);
  cb.setModel(model);
  await cb.onTrainBegin();
  const out: number[] = [];
  for (let e = 0; e < metrics.length; e++) {
    await cb.onEpochEnd(e, { [key]: metrics[e]! });
    out.push(getLearningRate(optimizer));
  }
  model.dispose();
  return out;
}

describe('reduceLROnPlateau', () => {
  it("follows Keras's rules (wait ≥ patience, cooldown, minDelta, minLr floor)", async () => {
    const cb = reduceLROnPlateau({
      patience: 2,
      factor: 0.5,
      cooldown: 1,
      minDelta: 0.01,
      minLr: 0.2,
    });
    const metrics = [1.0, 0.9, 0.9, 0.9, 0.95, 0.85, 0.849, 0.85, 0.85, 0.85, 0.85, 0.85, 0.85];
    const want = [1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.2, 0.2, 0.2, 0.2];
    expectSeriesClose(await drive(cb, 1, metrics), want, 'keras lr', { rel: 1e-12 });
  });

  it("has Keras's defaults; mode auto watches accuracy upward", async () => {
    const cb = new ReduceLROnPlateau();
    expect([
      cb.monitor,
      cb.factor,
      cb.patience,
      cb.mode,
      cb.minDelta,
      cb.cooldown,
      cb.minLr,
    ]).toEqual(['val_loss', 0.1, 10, 'min', 1e-4, 0, 0]);
    const acc = reduceLROnPlateau({ monitor: 'val_acc', patience: 1 });
    expect(acc.mode).toBe('max');
    const lrs = await drive(acc, 1, [0.5, 0.6, 0.6, 0.7, 0.65], 'val_acc');
    expectSeriesClose(lrs, [1, 1, 0.1, 0.1, 0.01], 'acc lr');
  });

  it('reads tensor logs and names missing keys', async () => {
    const cb = reduceLROnPlateau({ patience: 0, factor: 0.5 });
    const optimizer = tf.train.sgd(1);
    const model = makeModel(optimizer);
    cb.setModel(model);
    await cb.onTrainBegin();
    const t = tf.scalar(1);
    await cb.onEpochEnd(0, { val_loss: t } as unknown as tf.Logs);
    await cb.onEpochEnd(1, { val_loss: t } as unknown as tf.Logs);
    t.dispose();
    expect(getLearningRate(optimizer)).toBe(0.5);
    await expect(cb.onEpochEnd(2, { loss: 1 })).rejects.toThrow(/'val_loss'.*available keys: loss/);
    model.dispose();
  });

  it('refuses options of the other semantics', () => {
    expect(() => reduceLROnPlateau({ threshold: 0.1 })).toThrow(/threshold is not used/);
    expect(() => reduceLROnPlateau({ semantics: 'pytorch', minDelta: 0.1 })).toThrow(/minDelta/);
    expect(() => reduceLROnPlateau({ factor: 1 })).toThrow(/factor/);
  });

  it("with semantics 'pytorch' matches PyTorch's recorded plateau curves", async () => {
    const cases = torchGolden().cases.filter(
      (c) => c.scheduler === 'ReduceLROnPlateau' && c.optimizer.lrs.length === 1,
    );
    expect(cases.length).toBeGreaterThanOrEqual(3);
    for (const c of cases) {
      const p = c.params as Record<string, number | string>;
      const cb = reduceLROnPlateau({
        semantics: 'pytorch',
        mode: p.mode as 'min' | 'max',
        factor: p.factor as number,
        patience: p.patience as number,
        ...(p.threshold !== undefined ? { threshold: p.threshold as number } : {}),
        ...(p.threshold_mode !== undefined ? { thresholdMode: p.threshold_mode as 'rel' } : {}),
        ...(p.cooldown !== undefined ? { cooldown: p.cooldown as number } : {}),
        ...(p.min_lr !== undefined ? { minLr: p.min_lr as number } : {}),
        ...(p.eps !== undefined ? { eps: p.eps as number } : {}),
      });
      const lrs = await drive(cb, c.optimizer.lrs[0]!, c.metrics!.map(decode));
      expectSeriesClose(lrs, c.lr[0]!.slice(1).map(decode), c.name, { rel: 1e-12 });
    }
  });

  it('reduces during a real fit and records history.lr', async () => {
    const model = makeModel(tf.train.sgd(0.1));
    const h = await fit(model, 3, [
      reduceLROnPlateau({ monitor: 'loss', mode: 'max', patience: 0 }),
    ]);
    // loss falls every epoch, so in 'max' mode every epoch is bad: one reduction per epoch
    expectSeriesClose(h.history.lr as number[], [0.1, 0.01, 0.001], 'history.lr');
  });
});

describe('reduceLROnPlateau option rules (the shared rules, named)', () => {
  it.each([
    [{ factor: 1 }, 'reduceLROnPlateau: factor must be in [0, 1), got 1'],
    [{ patience: 1.5 }, 'reduceLROnPlateau: patience must be a non-negative integer, got 1.5'],
    [
      { minDelta: Infinity },
      'reduceLROnPlateau: minDelta must be a finite number ≥ 0, got Infinity',
    ],
    [{ cooldown: -1 }, 'reduceLROnPlateau: cooldown must be a non-negative integer, got -1'],
    [{ minLr: NaN }, 'reduceLROnPlateau: minLr must be a finite number ≥ 0, got NaN'],
  ])('%j', (options, message) => {
    expect(() => reduceLROnPlateau(options)).toThrow(message);
  });
  it("PyTorch semantics take the registry's rules for threshold", () => {
    expect(() => reduceLROnPlateau({ semantics: 'pytorch', threshold: -1 })).toThrow(
      'ReduceLROnPlateau: threshold must be a finite number ≥ 0, got -1',
    );
  });
});

describe('unknown option names are errors with a did-you-mean', () => {
  it.each([
    [
      () => learningRateScheduler(SPEC_4, { intervl: 'epoch' } as object),
      "learningRateScheduler: unknown option 'intervl'; did you mean 'interval'?",
    ],
    [
      () => new LearningRateScheduler(SPEC_4, { stepsperepoch: 4 } as object),
      "learningRateScheduler: unknown option 'stepsperepoch'; did you mean 'stepsPerEpoch'?",
    ],
    [
      () => learningRateScheduler(SPEC_4, { float32_check: false } as object),
      "learningRateScheduler: unknown option 'float32_check'; did you mean 'float32Check'?",
    ],
    [
      () => reduceLROnPlateau({ patiense: 3 } as object),
      "reduceLROnPlateau: unknown option 'patiense'; did you mean 'patience'?",
    ],
    [
      () => new ReduceLROnPlateau({ min_lr: 0.1 } as object),
      "reduceLROnPlateau: unknown option 'min_lr'; did you mean 'minLr'?",
    ],
    [
      () => reduceLROnPlateau({ warmup: { step: 10 } as object }),
      "reduceLROnPlateau: unknown warmup option 'step'; did you mean 'steps'?",
    ],
    [
      () => reduceLROnPlateau({ warmup: { epochs: 2, start_factor: 0.1 } as object }),
      "reduceLROnPlateau: unknown warmup option 'start_factor'; did you mean 'startFactor'?",
    ],
    [
      () => reduceLROnPlateau({ warmup: { epochs: 2, ramp: 'linear' } as object }),
      "reduceLROnPlateau: unknown warmup option 'ramp'; known warmup options: steps, epochs, startFactor",
    ],
  ])('%#: %s', (make, message) => {
    const error = thrownBy(make);
    expect(error).toBeInstanceOf(UnknownNameError);
    expect(error.message).toBe(message);
  });

  it('options that are not an object are named too', () => {
    expect(() => reduceLROnPlateau(null as unknown as object)).toThrow(
      new ParameterError('reduceLROnPlateau', 'options', 'must be an object', null),
    );
    expect(() => learningRateScheduler(SPEC_4, [] as unknown as object)).toThrow(
      new ParameterError('learningRateScheduler', 'options', 'must be an object', []),
    );
  });
});

describe('schedule values that are not valid settings fail naming the step and the value', () => {
  it('a Schedule function that goes negative fails the fit at that step', async () => {
    const model = makeModel(tf.train.sgd(0.1));
    const probe = new Probe();
    await expect(
      fit(model, 2, [learningRateScheduler((s) => 0.1 - 0.1 * s), probe]),
    ).rejects.toThrow(
      new LrkitError(
        'learningRateScheduler: the schedule gave lr -0.1 at step 2; learning rates must be finite and ≥ 0',
      ),
    );
    expectSeriesClose(probe.lrs, [0.1, 0], 'lrs before the failure'); // steps 0 and 1 ran
    model.dispose();
  });

  it('NaN, and a momentum or β1 of 1 (allowed by OneCycleLR, not by the optimizers)', async () => {
    const cases: [tf.Optimizer, ConstructorParameters<typeof LearningRateScheduler>[0], string][] =
      [
        [
          tf.train.sgd(0.1),
          (s: number) => (s === 3 ? NaN : 0.1),
          'learningRateScheduler: the schedule gave lr NaN at step 3; learning rates must be finite and ≥ 0',
        ],
        [
          tf.train.momentum(0.01, 0.9),
          'OneCycleLR(max_lr=0.1, total_steps=8, max_momentum=1)',
          'learningRateScheduler: the schedule gave momentum 1 at step 0; momentum must be in [0, 1)',
        ],
        [
          tf.train.adam(0.01),
          'OneCycleLR(max_lr=0.1, total_steps=8, max_momentum=1)',
          'learningRateScheduler: the schedule gave beta1 1 at step 0; beta1 must be in [0, 1)',
        ],
      ];
    for (const [optimizer, source, message] of cases) {
      const model = makeModel(optimizer);
      await expect(fit(model, 2, [learningRateScheduler(source)])).rejects.toThrow(
        new LrkitError(message),
      );
      model.dispose();
    }
  });
});

describe('verbose logs print readable learning rates', () => {
  it('reduceLROnPlateau: 1e-5 × 0.1 prints as 0.000001, not 0.0000010000000000000002', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const lrs = await drive(reduceLROnPlateau({ verbose: 1, patience: 0 }), 1e-5, [1, 1, 1]);
      expect(lrs[1]).toBe(1e-5 * 0.1); // the lr itself is not rounded
      expect(log.mock.calls).toEqual([
        ['Epoch 2: reduceLROnPlateau reducing learning rate to 0.000001.'],
        ['Epoch 3: reduceLROnPlateau reducing learning rate to 1e-7.'],
      ]);
    } finally {
      log.mockRestore();
    }
  });

  it('learningRateScheduler: 0.1 × 0.7 prints as 0.07', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const model = makeModel(tf.train.sgd(0.1));
      const cb = learningRateScheduler((k) => 0.1 * 0.7 ** k, { interval: 'epoch', verbose: 1 });
      await fit(model, 2, [cb]);
      expect(log.mock.calls).toEqual([['learningRateScheduler: step 1: lr = 0.07']]);
      model.dispose();
    } finally {
      log.mockRestore();
    }
  });
});

describe('a learningRateScheduler reused in a second fit (Keras semantics)', () => {
  it("its step follows fit's epochs: restarts without initialEpoch, continues with it", async () => {
    const model = makeModel(tf.train.sgd(0.1));
    const cb = learningRateScheduler((k) => 0.01 * (k + 1));
    const steps = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => 0.01 * (from + i + 1));
    const first = new Probe();
    await fit(model, 2, [cb, first]);
    expectSeriesClose(first.lrs, steps(0, 8), 'first fit', TOL);
    expect(cb.step).toBe(8);
    // a second fit from epoch 0 restarts the schedule, as Keras's LearningRateScheduler does
    const again = new Probe();
    await fit(model, 1, [cb, again]);
    expectSeriesClose(again.lrs, steps(0, 4), 'second fit without initialEpoch', TOL);
    // initialEpoch continues: epoch e starts at step e · 4 (4 batches per epoch)
    const resumed = new Probe();
    await fit(model, 4, [cb, resumed], 2);
    expectSeriesClose(resumed.lrs, steps(8, 16), 'fit with initialEpoch 2', TOL);
    expect(cb.step).toBe(16);
    model.dispose();
  });
});
