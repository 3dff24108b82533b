/**
 * One training run of the demo: model.fit driven by lrkit/tfjs's learningRateScheduler, recording
 * the lr, momentum and loss of every batch and the test loss/accuracy after every epoch.
 */
import type * as TF from '@tensorflow/tfjs';
import type { SpecInput, Schedule } from 'lrkit';
import { disposeOptimizer, getLearningRate, getMomentum, learningRateScheduler } from 'lrkit/tfjs';
import type { Tf } from './backend.js';
import type { DigitsTensors } from './digitsTask.js';

export interface RunRecord {
  /** lr in effect for each batch (global step k). */
  lr: number[];
  /** momentum in effect for each batch. */
  momentum: number[];
  /** Training loss of each batch. */
  batchLoss: number[];
  /** Per epoch (1-based index i ↔ after epoch i): mean training loss/accuracy, test loss/accuracy. */
  epochs: { loss: number; acc: number; valLoss: number; valAcc: number }[];
  /** Wall time of the fit, in seconds. */
  seconds: number;
}

export interface RunOptions {
  model: TF.LayersModel;
  data: DigitsTensors;
  /** What drives the lr: a spec, or a Schedule function (step → lr). */
  schedule: SpecInput | Schedule;
  /** The optimizer's lr before the schedule takes over (PyTorch specs scale from it). */
  lr: number;
  momentum: number;
  epochs: number;
  batchSize: number;
  /** Called after each batch with the global step (1-based) and the batch loss. */
  onBatch?: (step: number, loss: number) => void;
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : NaN;
}

/**
 * Trains `model` in place (SGD with momentum; no shuffling, so a run is reproducible). The
 * optimizer it compiles the model with is disposed when the fit ends, even when it fails.
 */
export async function trainRun(tf: Tf, o: RunOptions): Promise<RunRecord> {
  const optimizer = tf.train.momentum(o.lr, o.momentum);
  o.model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const rec: RunRecord = { lr: [], momentum: [], batchLoss: [], epochs: [], seconds: 0 };
  let step = 0;
  const recorder = new tf.CustomCallback({
    onBatchBegin: async () => {
      rec.lr.push(getLearningRate(optimizer));
      rec.momentum.push(getMomentum(optimizer));
    },
    onBatchEnd: async (_batch, logs) => {
      step++;
      const loss = num(logs?.loss);
      rec.batchLoss.push(loss);
      o.onBatch?.(step, loss);
    },
    onEpochEnd: async (_epoch, logs) => {
      rec.epochs.push({
        loss: num(logs?.loss),
        acc: num(logs?.acc ?? logs?.accuracy),
        valLoss: num(logs?.val_loss),
        valAcc: num(logs?.val_acc ?? logs?.val_accuracy),
      });
    },
  });
  const t0 = performance.now();
  try {
    await o.model.fit(o.data.xTrain, o.data.yTrain, {
      epochs: o.epochs,
      batchSize: o.batchSize,
      shuffle: false,
      validationData: [o.data.xTest, o.data.yTest],
      verbose: 0,
      callbacks: [learningRateScheduler(o.schedule), recorder],
    });
  } finally {
    // the model keeps a reference but does not own it (compiled with an object): free it here,
    // with disposeOptimizer (TF.js 4's MomentumOptimizer.dispose() leaks its cached -lr scalar)
    disposeOptimizer(optimizer);
  }
  rec.seconds = (performance.now() - t0) / 1000;
  return rec;
}
