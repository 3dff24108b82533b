/**
 * Checkpoints: train 3 epochs, save the model (files written through `tf.io.withSaveHandler`),
 * the optimizer state and the callback state; load all three into fresh objects; train 3 more
 * epochs with `initialEpoch: 3`. The lrs of every batch and the final weights must be identical
 * (bit for bit) to an uninterrupted 6-epoch run from the same seeded initial weights and data
 * order, for every optimizer whose state TF.js can save.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getLearningRate,
  learningRateScheduler,
  loadOptimizerState,
  reduceLROnPlateau,
  saveOptimizerState,
  type OptimizerKind,
} from '../../src/tfjs/index.js';
import { expectSeriesClose } from '../helpers/tolerance.js';

tf.env().set('PROD', true);

const dir = mkdtempSync(join(tmpdir(), 'lrkit-checkpoint-'));
beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
const Y = X.map(([a, b]) => [Math.sin(3 * a!) - b! * b! + 0.5]);
const SPEC = 'OneCycleLR(max_lr=0.05, total_steps=24)'; // 6 epochs × 4 batches

const make: Record<Exclude<OptimizerKind, 'adamax'>, (lr: number) => tf.Optimizer> = {
  sgd: (lr) => tf.train.sgd(lr),
  momentum: (lr) => tf.train.momentum(lr, 0.9),
  adam: (lr) => tf.train.adam(lr, 0.9, 0.999, 1e-7),
  rmsprop: (lr) => tf.train.rmsprop(lr, 0.9, 0.5, 1e-7),
  adagrad: (lr) => tf.train.adagrad(lr, 0.1),
  adadelta: (lr) => tf.train.adadelta(lr, 0.95, 1e-7),
};

/** A 2→4→1 MLP with seeded initial weights (the same every time it is built). */
function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(
    tf.layers.dense({
      units: 4,
      inputShape: [2],
      activation: 'tanh',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      biasInitializer: 'zeros',
    }),
  );
  model.add(
    tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
  );
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

async function fit(
  model: tf.LayersModel,
  epochs: number,
  callbacks: tf.Callback[] = [],
  initialEpoch = 0,
): Promise<tf.History> {
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

/** Saves the model as model.json + weights.bin in `path` (what a file:// handler writes). */
async function saveModel(model: tf.LayersModel, path: string): Promise<void> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const { weightData, ...json } = artifacts;
      writeFileSync(join(path, 'model.json'), JSON.stringify(json));
      const data = tf.io.CompositeArrayBuffer.join(weightData!);
      writeFileSync(join(path, 'weights.bin'), new Uint8Array(data));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}

async function loadModel(path: string): Promise<tf.LayersModel> {
  const json = JSON.parse(readFileSync(join(path, 'model.json'), 'utf8')) as tf.io.ModelArtifacts;
  const bin = readFileSync(join(path, 'weights.bin'));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightSpecs,
      weightData,
    }),
  );
}

/** The float32 bit patterns of every weight. */
function bits(model: tf.LayersModel): number[][] {
  return model
    .getWeights()
    .map((w) => Array.from(new Uint32Array(Float32Array.from(w.dataSync()).buffer)));
}

describe.each(Object.keys(make) as (keyof typeof make)[])(
  'resume %s training from a checkpoint',
  (kind) => {
    it('3 + 3 epochs from files = 6 epochs: same lrs, bit-identical weights', async () => {
      const full = buildModel();
      full.compile({ optimizer: make[kind](0.01), loss: 'meanSquaredError' });
      const p1 = new LrProbe();
      await fit(full, 6, [learningRateScheduler(SPEC), p1]);

      const first = buildModel();
      first.compile({ optimizer: make[kind](0.01), loss: 'meanSquaredError' });
      const cb = learningRateScheduler(SPEC);
      const p2 = new LrProbe();
      await fit(first, 3, [cb, p2]);
      const path = mkdtempSync(join(dir, `${kind}-`));
      await saveModel(first, path);
      const state = {
        lrScheduler: cb.state(),
        optimizer: await saveOptimizerState(first.optimizer),
      };
      writeFileSync(join(path, 'lrkit-state.json'), JSON.stringify(state));
      expect(state.lrScheduler.epoch).toBe(3);
      expect(state.lrScheduler.step).toBe(12);

      // a fresh process would do exactly this: everything from the files
      const saved = JSON.parse(readFileSync(join(path, 'lrkit-state.json'), 'utf8')) as {
        lrScheduler: unknown;
        optimizer: unknown;
      };
      const second = await loadModel(path);
      // a different lr on purpose: the scheduler state carries its own base lr
      second.compile({ optimizer: make[kind](0.5), loss: 'meanSquaredError' });
      await loadOptimizerState(second.optimizer, saved.optimizer);
      const resumed = learningRateScheduler(SPEC).loadState(saved.lrScheduler);
      const p3 = new LrProbe();
      await fit(second, 6, [resumed, p3], 3);

      expect([...p2.lrs, ...p3.lrs]).toEqual(p1.lrs);
      expect(new Set(p1.lrs).size).toBe(24);
      expect(bits(second)).toEqual(bits(full));
      // the control: without the optimizer state the run is not the same
      if (kind !== 'sgd' && kind !== 'adadelta') {
        const bare = await loadModel(path);
        bare.compile({ optimizer: make[kind](0.01), loss: 'meanSquaredError' });
        await fit(bare, 6, [learningRateScheduler(SPEC).loadState(saved.lrScheduler)], 3);
        expect(bits(bare)).not.toEqual(bits(full));
        bare.dispose();
      }
      for (const m of [full, first, second]) m.dispose();
    });
  },
);

describe('optimizer state', () => {
  it("is bit-exact where TF.js's own includeOptimizer is not (adam: β^t recomputed with pow)", async () => {
    const build = () => {
      const m = buildModel();
      m.compile({ optimizer: make.adam(0.01), loss: 'meanSquaredError' });
      return m;
    };
    const full = build();
    await fit(full, 30);
    const half = build();
    await fit(half, 15);
    let artifacts: tf.io.ModelArtifacts | undefined;
    await half.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
      { includeOptimizer: true },
    );
    const lrkitState = await saveOptimizerState(half.optimizer);
    const viaTfjs = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    const viaLrkit = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    await loadOptimizerState(viaLrkit.optimizer, lrkitState);
    await fit(viaTfjs, 30, [], 15);
    await fit(viaLrkit, 30, [], 15);
    expect(bits(viaLrkit)).toEqual(bits(full));
    expect(bits(viaTfjs)).not.toEqual(bits(full));
    for (const m of [full, half, viaTfjs, viaLrkit]) m.dispose();
  });

  it('adamax cannot be saved (TF.js has no getWeights for it): a clear error', async () => {
    const opt = tf.train.adamax(0.01, 0.9, 0.999, 1e-7, 0);
    await expect(saveOptimizerState(opt)).rejects.toThrow(
      /saveOptimizerState: Adamax \(tf.train.adamax\) cannot save or restore its state/,
    );
    opt.dispose();
  });

  it('refuses a state of another kind, and loading leaks no tensors', async () => {
    const model = buildModel();
    model.compile({ optimizer: make.adam(0.01), loss: 'meanSquaredError' });
    await fit(model, 1, []);
    const state = await saveOptimizerState(model.optimizer);
    await expect(loadOptimizerState(tf.train.sgd(0.1), state)).rejects.toThrow(
      'loadOptimizerState: the state was saved from a tf.train.adam optimizer, but SGD is tf.train.sgd',
    );
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await loadOptimizerState(model.optimizer, state);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});

describe('resume reduceLROnPlateau (with a warm-up) from its saved state', () => {
  it('3 + 3 epochs = 6 epochs: same lr history and bit-identical weights', async () => {
    // loss falls every epoch, so in 'max' mode each watched epoch is bad: with patience 3 the
    // reductions depend on the bad-epoch count carried across the checkpoint
    const options = {
      monitor: 'loss',
      mode: 'max' as const,
      patience: 3,
      factor: 0.5,
      warmup: { steps: 3, startFactor: 0.25 },
    };
    const full = buildModel();
    full.compile({ optimizer: make.momentum(0.05), loss: 'meanSquaredError' });
    const p1 = new LrProbe();
    const h1 = await fit(full, 6, [reduceLROnPlateau(options), p1]);

    const first = buildModel();
    first.compile({ optimizer: make.momentum(0.05), loss: 'meanSquaredError' });
    const cb = reduceLROnPlateau(options);
    const p2 = new LrProbe();
    const h2 = await fit(first, 3, [cb, p2]);
    const path = mkdtempSync(join(dir, 'plateau-'));
    await saveModel(first, path);
    const text = JSON.stringify({
      plateau: cb.state(),
      optimizer: await saveOptimizerState(first.optimizer),
    });
    const saved = JSON.parse(text) as { plateau: { wait: number }; optimizer: unknown };
    expect(saved.plateau.wait).toBe(2);

    const second = await loadModel(path);
    second.compile({ optimizer: make.momentum(1), loss: 'meanSquaredError' });
    await loadOptimizerState(second.optimizer, saved.optimizer);
    const p3 = new LrProbe();
    const h3 = await fit(second, 6, [reduceLROnPlateau(options).loadState(saved.plateau), p3], 3);

    expect([...p2.lrs, ...p3.lrs]).toEqual(p1.lrs);
    expect([...(h2.history.lr as number[]), ...(h3.history.lr as number[])]).toEqual(h1.history.lr);
    // warm-up 0.25·0.05 → 0.05 over batches 0–2; epoch 0 improves on −∞, epochs 1–3 are bad:
    // one reduction, at the end of epoch 3 (a lost wait count would delay it past epoch 5)
    expect(h1.history.lr).toEqual([0.05, 0.05, 0.05, 0.025, 0.025, 0.025]);
    expectSeriesClose(p1.lrs.slice(0, 4), [0.0125, 0.025, 0.0375, 0.05], 'warm-up', { rel: 1e-15 });
    expect(bits(second)).toEqual(bits(full));
    for (const m of [full, first, second]) m.dispose();
  });
});
