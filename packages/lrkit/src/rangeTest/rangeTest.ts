/**
 * The learning-rate range test ("LR finder", Smith 2015): train for a few iterations while the lr
 * grows from tiny to huge, watch the loss, and read a good lr off the curve.
 */
import { LrkitError, ParameterError } from '../errors.js';
import { formatLr, recommendLr } from './recommend.js';
import {
  minimumDiv10Suggestion,
  slideSuggestion,
  steepestSuggestion,
  valleySuggestion,
} from './suggestions.js';
import type {
  RangeTestProgress,
  RangeTestResult,
  RangeTestSuggestions,
  StopReason,
} from './types.js';

/** Options of {@link rangeTest}. */
export interface RangeTestOptions {
  /**
   * Runs ONE training step (one mini-batch) at learning rate `lr` and returns its loss (a number,
   * or a promise of one). `iteration` is 0-based.
   */
  trainStep: (lr: number, iteration: number) => number | Promise<number>;
  /** First lr, > 0 (default 1e-7). */
  startLr?: number;
  /** Last lr, > startLr (default 10). */
  endLr?: number;
  /** Number of iterations (training steps), an integer ≥ 2 (default 100). */
  numIter?: number;
  /** 'exp' (default): lr_i = start·(end/start)^(i/(n−1)); 'linear': start + (end − start)·i/(n−1). */
  mode?: 'exp' | 'linear';
  /** β of fastai's debiased EMA of the loss, in [0, 1) (default 0.98; 0 = no smoothing). */
  smoothing?: number;
  /**
   * Stop when the smoothed loss exceeds `divergeThreshold` × the best smoothed loss so far, a
   * number > 1 (default 4; Infinity never stops early). Only checked while the best is > 0.
   */
  divergeThreshold?: number;
  /** Optional validation loss at each iteration, called after `trainStep` with the same lr. */
  validate?: (lr: number, iteration: number) => number | Promise<number>;
  /** Stops the sweep between iterations; the result so far comes back with stopReason 'aborted'. */
  signal?: AbortSignal;
  /** Called after every iteration. */
  onProgress?: (progress: RangeTestProgress) => void;
  /**
   * The optimizer adapts its step per parameter (Adam, Adamax, RMSProp, Adagrad): the
   * recommendation is then the lr of the smoothed minimum ÷ 10 (see {@link recommendLr}).
   * Default false: (momentum) gradient descent.
   */
  adaptive?: boolean;
}

const FN = 'rangeTest';

function checkOptions(options: RangeTestOptions) {
  if (typeof options !== 'object' || options === null) {
    throw new LrkitError(
      `${FN}: options must be an object with a trainStep function, got ${String(options)}`,
    );
  }
  const {
    trainStep,
    startLr = 1e-7,
    endLr = 10,
    numIter = 100,
    mode = 'exp',
    smoothing = 0.98,
    divergeThreshold = 4,
    validate,
    signal,
    onProgress,
    adaptive = false,
  } = options;
  if (typeof trainStep !== 'function') {
    throw new ParameterError(FN, 'trainStep', 'must be a function (lr) => loss', trainStep);
  }
  if (typeof startLr !== 'number' || !Number.isFinite(startLr) || startLr <= 0) {
    throw new ParameterError(FN, 'startLr', 'must be a finite number > 0', startLr);
  }
  if (typeof endLr !== 'number' || !Number.isFinite(endLr) || endLr <= startLr) {
    throw new ParameterError(FN, 'endLr', `must be a finite number > startLr (${startLr})`, endLr);
  }
  if (!Number.isInteger(numIter) || numIter < 2) {
    throw new ParameterError(FN, 'numIter', 'must be an integer ≥ 2', numIter);
  }
  if (mode !== 'exp' && mode !== 'linear') {
    throw new ParameterError(FN, 'mode', "must be 'exp' or 'linear'", mode);
  }
  if (typeof smoothing !== 'number' || !(smoothing >= 0 && smoothing < 1)) {
    throw new ParameterError(FN, 'smoothing', 'must be in [0, 1)', smoothing);
  }
  if (typeof divergeThreshold !== 'number' || !(divergeThreshold > 1)) {
    throw new ParameterError(
      FN,
      'divergeThreshold',
      'must be a number > 1 (Infinity: never stop)',
      divergeThreshold,
    );
  }
  if (validate !== undefined && typeof validate !== 'function') {
    throw new ParameterError(FN, 'validate', 'must be a function (lr) => loss', validate);
  }
  if (
    signal !== undefined &&
    (typeof signal !== 'object' || signal === null || typeof signal.aborted !== 'boolean')
  ) {
    throw new ParameterError(FN, 'signal', 'must be an AbortSignal', signal);
  }
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new ParameterError(FN, 'onProgress', 'must be a function', onProgress);
  }
  if (typeof adaptive !== 'boolean') {
    throw new ParameterError(FN, 'adaptive', 'must be true or false', adaptive);
  }
  return {
    trainStep,
    startLr,
    endLr,
    numIter,
    mode,
    smoothing,
    divergeThreshold,
    validate,
    signal,
    onProgress,
    adaptive,
  };
}

/** The lr of iteration i of a sweep. */
export function sweepLr(
  i: number,
  startLr: number,
  endLr: number,
  numIter: number,
  mode: 'exp' | 'linear',
): number {
  if (i === numIter - 1) return endLr;
  const t = i / (numIter - 1);
  return mode === 'exp' ? startLr * Math.pow(endLr / startLr, t) : startLr + (endLr - startLr) * t;
}

async function lossOf(
  what: 'trainStep' | 'validate',
  f: (lr: number, i: number) => number | Promise<number>,
  lr: number,
  i: number,
): Promise<number> {
  const v: unknown = await f(lr, i);
  if (typeof v !== 'number') {
    throw new LrkitError(
      `${FN}: ${what} must return the loss as a number (or a promise of one), got ${typeof v} at iteration ${i}`,
    );
  }
  return v;
}

/**
 * The suggestions of a sweep: each rule runs on the smoothed loss, skipping the first tenth of the
 * sweep (the EMA's warm-up, as fastai does) and, when the sweep diverged, its last 5 points.
 */
export function suggest(
  lrs: readonly number[],
  smoothed: readonly number[],
  stopReason: StopReason,
): RangeTestSuggestions {
  const window = {
    skipStart: Math.floor(lrs.length / 10),
    skipEnd: stopReason === 'diverged' ? Math.min(5, Math.floor(lrs.length / 10)) : 0,
  };
  return {
    steepest: steepestSuggestion(lrs, smoothed, window),
    minimumDiv10: minimumDiv10Suggestion(lrs, smoothed, window),
    valley: valleySuggestion(lrs, smoothed, window),
    slide: slideSuggestion(lrs, smoothed, window),
  };
}

/**
 * Runs a learning-rate range test: `numIter` training steps with the lr growing from `startLr`
 * to `endLr` (exponentially by default), recording the loss and fastai's debiased moving average
 * `s_i = a_i / (1 − β^(i+1))`, `a_i = β·a_(i−1) + (1 − β)·loss_i`. The sweep stops early when
 * the smoothed loss exceeds `divergeThreshold` × its best value ('diverged'), when a loss is NaN
 * or ±Infinity ('non-finite', that point is not recorded), or when `signal` is aborted
 * ('aborted'). An error thrown by `trainStep`, `validate` or `onProgress` rejects the promise
 * with that same error.
 *
 * The result carries the four classic suggestions (steepest, minimum ÷ 10, valley, slide) and a
 * recommended lr chosen to stay clear of divergence (see {@link recommendLr}).
 * @param options `trainStep(lr)` and the sweep settings (defaults: 1e-7 → 10, 100 iterations,
 *   'exp', β 0.98, divergence at 4× the best)
 * @returns a promise of the {@link RangeTestResult}
 * @see Smith, "Cyclical Learning Rates for Training Neural Networks" (2015/2017), §3.3
 * @example
 * let w = 5; // minimise f(w) = 0.7·w²/2 by gradient descent: diverges for lr > 2/0.7 ≈ 2.86
 * const result = await rangeTest({
 *   trainStep: (lr) => { const loss = 0.35 * w * w; w -= lr * 0.7 * w; return loss; },
 *   endLr: 1000,
 * });
 * result.stopReason;      // 'diverged'
 * result.recommended.lr;  // 1.43 (= 1/0.7, the best lr for this f)
 * result.recommended.reason;
 * // 'Half the divergence edge read from the blow-up: the loss grew 154× in one step at lr 19.2,
 * //  which puts the edge near 2.86.'
 */
export async function rangeTest(options: RangeTestOptions): Promise<RangeTestResult> {
  const o = checkOptions(options);
  const lrs: number[] = [];
  const losses: number[] = [];
  const smoothedLosses: number[] = [];
  const validationLosses: number[] | undefined = o.validate ? [] : undefined;
  let stopReason: StopReason = 'completed';
  let stopDetail = `the sweep reached endLr ${formatLr(o.endLr)} after ${o.numIter} iterations`;
  let avg = 0;
  let best = Infinity;
  for (let i = 0; i < o.numIter; i++) {
    if (o.signal?.aborted) {
      stopReason = 'aborted';
      stopDetail = `the sweep was aborted after ${i} of ${o.numIter} iterations`;
      break;
    }
    const lr = sweepLr(i, o.startLr, o.endLr, o.numIter, o.mode);
    const loss = await lossOf('trainStep', o.trainStep, lr, i);
    if (!Number.isFinite(loss)) {
      stopReason = 'non-finite';
      stopDetail = `the loss was ${loss} at lr ${formatLr(lr)} (iteration ${i})`;
      break;
    }
    let validationLoss: number | undefined;
    if (o.validate) {
      validationLoss = await lossOf('validate', o.validate, lr, i);
      validationLosses!.push(validationLoss);
    }
    avg = o.smoothing * avg + (1 - o.smoothing) * loss;
    const smoothed = avg / (1 - Math.pow(o.smoothing, i + 1));
    lrs.push(lr);
    losses.push(loss);
    smoothedLosses.push(smoothed);
    o.onProgress?.({
      iteration: i,
      numIter: o.numIter,
      lr,
      loss,
      smoothedLoss: smoothed,
      ...(validationLoss !== undefined ? { validationLoss } : {}),
    });
    if (smoothed < best) best = smoothed;
    if (best > 0 && smoothed > o.divergeThreshold * best) {
      stopReason = 'diverged';
      stopDetail = `the smoothed loss ${smoothed.toPrecision(3)} exceeded ${o.divergeThreshold} × its best ${best.toPrecision(3)} at lr ${formatLr(lr)} (iteration ${i})`;
      break;
    }
  }
  const suggestions = suggest(lrs, smoothedLosses, stopReason);
  const recommended = recommendLr(lrs, losses, smoothedLosses, {
    stopReason,
    adaptive: o.adaptive,
  });
  return {
    lrs,
    losses,
    smoothedLosses,
    ...(validationLosses ? { validationLosses } : {}),
    stopReason,
    stopDetail,
    suggestions,
    recommended,
    settings: {
      startLr: o.startLr,
      endLr: o.endLr,
      numIter: o.numIter,
      mode: o.mode,
      smoothing: o.smoothing,
      divergeThreshold: o.divergeThreshold,
      adaptive: o.adaptive,
    },
  };
}
