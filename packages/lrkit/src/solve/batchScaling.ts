/**
 * Batch-size scaling of a base learning rate: linear (Goyal et al. 2017, "Accurate, Large
 * Minibatch SGD") or square-root (for Adam-like optimizers: Krizhevsky 2014; timm scales Ada-family and LAMB
 * this way), with the gradual warm-up that large batches need.
 */
import { ParameterError } from '../errors.js';

export interface BatchScalingInput {
  /** The lr tuned at the base batch size. */
  baseLr: number;
  /** The batch size baseLr was tuned for (Goyal et al.: 256). */
  baseBatch: number;
  /** The new batch size. */
  batch: number;
  /** 'linear' (default; SGD) or 'sqrt' (Adam, LAMB). */
  rule?: 'linear' | 'sqrt';
  /** Training set size, to turn the warm-up epochs into steps (optional). */
  datasetSize?: number;
  /** Warm-up length in epochs when the lr grows (default 5, Goyal et al.). */
  warmupEpochs?: number;
}

export interface BatchScalingResult {
  lr: number;
  /** The scale factor k = lr / baseLr. */
  factor: number;
  rule: 'linear' | 'sqrt';
  /** Warm-up in epochs (0 when the lr does not grow). */
  warmup_epochs: number;
  /** Warm-up in steps, when datasetSize was given. */
  warmup_steps: number | null;
  /** A PyTorch warm-up line for the scaled lr: from baseLr up to lr. */
  warmup_spec: string | null;
  explanation: string;
}

const FN = 'scaleLearningRate';

function positive(param: string, v: unknown, int = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || (int && !Number.isInteger(v))) {
    throw new ParameterError(
      FN,
      param,
      int ? 'must be a positive integer' : 'must be a finite number > 0',
      v,
    );
  }
  return v;
}

/**
 * Scales a base lr to a new batch size.
 * @example scaleLearningRate({ baseLr: 0.1, baseBatch: 256, batch: 8192 }).lr // 3.2
 */
export function scaleLearningRate(input: BatchScalingInput): BatchScalingResult {
  const baseLr = positive('baseLr', input.baseLr);
  const baseBatch = positive('baseBatch', input.baseBatch, true);
  const batch = positive('batch', input.batch, true);
  const rule = input.rule ?? 'linear';
  if (rule !== 'linear' && rule !== 'sqrt') {
    throw new ParameterError(FN, 'rule', "must be 'linear' or 'sqrt'", rule);
  }
  const ratio = batch / baseBatch;
  const factor = rule === 'linear' ? ratio : Math.sqrt(ratio);
  const lr = baseLr * factor;
  const warmupEpochs = factor > 1 ? (input.warmupEpochs ?? 5) : 0;
  if (!(Number.isFinite(warmupEpochs) && warmupEpochs >= 0)) {
    throw new ParameterError(FN, 'warmupEpochs', 'must be a finite number ≥ 0', warmupEpochs);
  }
  const datasetSize =
    input.datasetSize === undefined ? undefined : positive('datasetSize', input.datasetSize, true);
  const warmupSteps =
    datasetSize === undefined ? null : Math.round(warmupEpochs * Math.ceil(datasetSize / batch));
  const warmupSpec =
    factor > 1 && warmupSteps !== null && warmupSteps > 0
      ? `LinearLR(start_factor=${1 / factor}, end_factor=1.0, total_iters=${warmupSteps})`
      : null;
  const explanation =
    `${rule === 'linear' ? 'Linear' : 'Square-root'} scaling: batch ${batch} is ${ratio}× the base batch ${baseBatch}, so the lr is ${baseLr} × ${factor} = ${lr}.` +
    (factor > 1
      ? ` Large batches need a gradual warm-up (Goyal et al. 2017): ramp from ${baseLr} to ${lr} over ${warmupEpochs} epochs${warmupSteps !== null ? ` (${warmupSteps} steps)` : ''}.`
      : '');
  return {
    lr,
    factor,
    rule,
    warmup_epochs: warmupEpochs,
    warmup_steps: warmupSteps,
    warmup_spec: warmupSpec,
    explanation,
  };
}
