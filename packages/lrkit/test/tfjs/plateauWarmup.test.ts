/**
 * reduceLROnPlateau combined with a warm-up (its `warmup` option): the lr ramps linearly
 * (PyTorch LinearLR) per batch or per epoch, warm-up epochs' metrics are ignored, and then
 * Keras's (or PyTorch's) plateau rules apply from the base lr.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  getLearningRate,
  reduceLROnPlateau,
  type ReduceLROnPlateau,
} from '../../src/tfjs/index.js';
import { expectSeriesClose } from '../helpers/tolerance.js';

tf.env().set('PROD', true);

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

function makeModel(lr: number): tf.Sequential {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      units: 1,
      inputShape: [2],
      kernelInitializer: tf.initializers.constant({ value: 0.3 }),
    }),
  );
  model.compile({ optimizer: tf.train.sgd(lr), loss: 'meanSquaredError' });
  return model;
}

class LrProbe extends tf.Callback {
  lrs: number[] = [];
  override async onBatchBegin(): Promise<void> {
    this.lrs.push(
      getLearningRate((this.model as unknown as { optimizer: tf.Optimizer }).optimizer),
    );
  }
}

/** Drives the callback's hooks with scripted epoch metrics; the lr after each epoch end. */
async function drive(cb: ReduceLROnPlateau, lr0: number, metrics: number[]): Promise<number[]> {
  const model = makeModel(lr0);
  cb.setModel(model);
  await cb.onTrainBegin();
  const out: number[] = [];
  for (let e = 0; e < metrics.length; e++) {
    await cb.onEpochBegin(e);
    await cb.onEpochEnd(e, { val_loss: metrics[e]! });
    out.push(getLearningRate(model.optimizer));
  }
  model.dispose();
  return out;
}

describe('reduceLROnPlateau with warmup', () => {
  it('steps: ramps per batch, ignores the warm-up epoch, then reduces (real fit)', async () => {
    const model = makeModel(0.1);
    const probe = new LrProbe();
    const x = tf.tensor2d([
      [0.1, 0.2],
      [0.3, -0.1],
      [-0.5, 0.4],
      [0.9, 0.7],
      [-0.2, -0.8],
      [0.6, 0.1],
      [0.0, 0.5],
      [-0.7, 0.3],
    ]);
    const y = tf.ones([8, 1]);
    // the loss falls every epoch: in 'max' mode each watched epoch after the first is bad
    const cb = reduceLROnPlateau({
      monitor: 'loss',
      mode: 'max',
      patience: 0,
      warmup: { steps: 6, startFactor: 0.25 },
    });
    const h = await model.fit(x, y, {
      epochs: 3,
      batchSize: 2,
      shuffle: false,
      verbose: 0,
      callbacks: [cb, probe],
    });
    const ramp = [0, 1, 2, 3, 4, 5].map((k) => 0.1 * (0.25 + (0.75 * k) / 6));
    expectSeriesClose(probe.lrs, [...ramp, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1], 'lr per batch', {
      rel: 1e-15,
    });
    // epoch 0 (batches 0–3, all warm-up) is ignored; epoch 1 ends at the base lr and is the
    // first watched (it improves on −∞); epoch 2 is bad: reduced. Watching epoch 0 would have
    // reduced at epoch 1 instead.
    expectSeriesClose(h.history.lr as number[], [ramp[3]!, 0.1, 0.01], 'history.lr', {
      rel: 1e-15,
    });
    x.dispose();
    y.dispose();
    model.dispose();
  });

  it("epochs, Keras rules: warm-up metrics are ignored (a great one does not become 'best')", async () => {
    const cb = reduceLROnPlateau({
      patience: 1,
      factor: 0.5,
      warmup: { epochs: 2, startFactor: 0.5 },
    });
    const lrs = await drive(cb, 1, [0.1, 0.2, 1.0, 0.9, 0.95, 0.95, 0.95]);
    expectSeriesClose(lrs, [0.5, 0.75, 1, 1, 0.5, 0.25, 0.125], 'lr', { rel: 1e-15 });
  });

  it('epochs, PyTorch rules: reduce after patience + 1 bad epochs once warmed up', async () => {
    const cb = reduceLROnPlateau({
      semantics: 'pytorch',
      patience: 1,
      factor: 0.5,
      warmup: { epochs: 2, startFactor: 0.5 },
    });
    const lrs = await drive(cb, 1, [0.1, 0.2, 1.0, 0.9, 0.95, 0.95, 0.95]);
    expectSeriesClose(lrs, [0.5, 0.75, 1, 1, 1, 0.5, 0.5], 'lr', { rel: 1e-15 });
  });

  it('default startFactor is 1/3 (PyTorch LinearLR)', async () => {
    const cb = reduceLROnPlateau({ warmup: { epochs: 3 } });
    const lrs = await drive(cb, 0.3, [1, 1, 1, 1]);
    expectSeriesClose(lrs, [0.1, 0.3 * (1 / 3 + 2 / 9), 0.3 * (1 / 3 + 4 / 9), 0.3], 'lr', {
      rel: 1e-15,
    });
  });

  it.each([
    [{}, 'reduceLROnPlateau: warmup needs exactly one of steps or epochs, got {}'],
    [
      { steps: 2, epochs: 1 },
      'reduceLROnPlateau: warmup needs exactly one of steps or epochs, got {"steps":2,"epochs":1}',
    ],
    [{ steps: 0 }, 'reduceLROnPlateau: warmup.steps must be a positive integer, got 0'],
    [{ epochs: 1.5 }, 'reduceLROnPlateau: warmup.epochs must be a positive integer, got 1.5'],
    [
      { steps: 3, startFactor: 0 },
      'reduceLROnPlateau: warmup.startFactor must be in (0, 1], got 0',
    ],
  ])('rejects warmup %j', (warmup, message) => {
    expect(() => reduceLROnPlateau({ warmup })).toThrow(message);
  });

  it('loadState refuses a state of other semantics or warm-up', async () => {
    const keras = reduceLROnPlateau({ warmup: { epochs: 1 } });
    keras.setModel(makeModel(0.1));
    await keras.onTrainBegin();
    const state = keras.state();
    expect(() =>
      reduceLROnPlateau({ semantics: 'pytorch', warmup: { epochs: 1 } }).loadState(state),
    ).toThrow(
      "reduceLROnPlateau: loadState: the state has semantics 'keras', this callback 'pytorch'",
    );
    expect(() => reduceLROnPlateau().loadState(state)).toThrow(/disagree on having a warm-up/);
    expect(() => reduceLROnPlateau().loadState({})).toThrow(
      /expected a state from ReduceLROnPlateau/,
    );
  });
});
