/** The range test on a TF.js model, through lrkit/tfjs's findLearningRate. */
import type * as TF from '@tensorflow/tfjs';
import type { RangeTestProgress, RangeTestResult } from 'lrkit';
import { disposeOptimizer, findLearningRate } from 'lrkit/tfjs';
import type { Tf } from './backend.js';

export interface FindLrOptions {
  numIter: number;
  batchSize: number;
  startLr: number;
  endLr: number;
  /** SGD momentum of the sweep's optimizer when the model is not compiled yet (default 0.9). */
  momentum?: number;
  /** The loss to compile an uncompiled model with (default categoricalCrossentropy). */
  loss?: string;
  smoothing?: number;
  divergeThreshold?: number;
  seed?: number;
  onProgress?: (p: RangeTestProgress) => void;
}

/**
 * Compiles `model` if needed (SGD with momentum), then runs the range test on (x, y); the model
 * comes back unchanged.
 */
export async function findLrOnModel(
  tf: Tf,
  model: TF.LayersModel,
  x: TF.Tensor,
  y: TF.Tensor,
  o: FindLrOptions,
): Promise<RangeTestResult> {
  let owned: TF.Optimizer | undefined;
  if (!(model as unknown as { optimizer?: unknown }).optimizer) {
    owned = tf.train.momentum(o.startLr, o.momentum ?? 0.9);
    model.compile({ optimizer: owned, loss: o.loss ?? 'categoricalCrossentropy' });
  }
  try {
    return await findLearningRate(model, x, y, {
      numIter: o.numIter,
      batchSize: o.batchSize,
      startLr: o.startLr,
      endLr: o.endLr,
      seed: o.seed ?? 0,
      ...(o.smoothing === undefined ? {} : { smoothing: o.smoothing }),
      ...(o.divergeThreshold === undefined ? {} : { divergeThreshold: o.divergeThreshold }),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    });
  } finally {
    if (owned) disposeOptimizer(owned);
  }
}
