/**
 * The learning-rate range test ("LR finder", Smith 2015): train for a few iterations while the lr
 * grows from tiny to huge, watch the loss, and read a good lr off the curve.
 */
import { LrkitError, ParameterError } from '../errors.js';
import { checkOptionKeys } from '../options.js';
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
import { EventLoopYielder } from './yieldToEventLoop.js';

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
   * k, a number > 1 (default 4; Infinity never stops early): the sweep stops ('diverged') when
   * the smoothed loss s rises too far above the best smoothed loss so far, b.
   * - b > 0: when s > k·b (Smith's and fastai's rule).
   * - b ≤ 0 (negative log-likelihoods, negative ELBOs…), where k·b would be below b: when
   *   s − b > (k − 1)·scale, scale = max(|b|, s₀ − b), s₀ the first smoothed loss — the same
   *   rise as for b > 0 measured against the loss's own size, or how far it has fallen since the
   *   start when that is larger. Not checked while scale is 0 (every loss so far was 0).
   */
  divergeThreshold?: number;
  /** Optional validation loss at each iteration, called after `trainStep` with the same lr. */
  validate?: (lr: number, iteration: number) => number | Promise<number>;
  /**
   * Stops the sweep between iterations; the result so far comes back with stopReason 'aborted'.
   * The sweep yields to the event loop (a macrotask) every ~20 ms of wall time, so an abort from
   * a timer (`setTimeout`, `AbortSignal.timeout`), I/O or a worker message stops it too, even
   * when `trainStep` is synchronous.
   */
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

/** The option names {@link rangeTest} reads (any other key is an error with a did-you-mean). */
export const RANGE_TEST_OPTION_KEYS = [
  'trainStep',
  'startLr',
  'endLr',
  'numIter',
  'mode',
  'smoothing',
  'divergeThreshold',
  'validate',
  'signal',
  'onProgress',
  'adaptive',
] as const;

function checkOptions(options: RangeTestOptions) {
  if (typeof options !== 'object' || options === null) {
    throw new LrkitError(
      `${FN}: options must be an object with a trainStep function, got ${String(options)}`,
    );
  }
  checkOptionKeys(FN, options, RANGE_TEST_OPTION_KEYS);
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
 * Whether the sweep diverged at smoothed loss `smoothed`, given the best smoothed loss so far
 * and the first one (see {@link RangeTestOptions.divergeThreshold}); the stopDetail when it did.
 */
export function divergence(
  smoothed: number,
  best: number,
  first: number,
  k: number,
  lr: number,
  i: number,
): string | undefined {
  const at = `at lr ${formatLr(lr)} (iteration ${i})`;
  if (best > 0) {
    return smoothed > k * best
      ? `the smoothed loss ${smoothed.toPrecision(3)} exceeded ${k} × its best ${best.toPrecision(3)} ${at}`
      : undefined;
  }
  const scale = Math.max(-best, first - best);
  if (!(scale > 0) || !(smoothed - best > (k - 1) * scale)) return undefined;
  return (
    `the smoothed loss ${smoothed.toPrecision(3)} rose above its best ${best.toPrecision(3)} by ` +
    `more than ${k - 1} × ${scale.toPrecision(3)} (= max(|best|, first smoothed loss − best), ` +
    `the scale for a best ≤ 0) ${at}`
  );
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
 * the smoothed loss exceeds `divergeThreshold` × its best value ('diverged'; for a best ≤ 0 see
 * {@link RangeTestOptions.divergeThreshold}), when a loss is NaN or ±Infinity ('non-finite',
 * that point is not recorded), or when `signal` is aborted ('aborted'; checked before each
 * iteration, and the sweep yields to the event loop every ~20 ms so that timers can abort it).
 * Unknown option names are an error. An error thrown by `trainStep`, `validate` or `onProgress` rejects the promise
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
  let first = NaN;
  const yielder = new EventLoopYielder();
  for (let i = 0; i < o.numIter; i++) {
    // a timer, I/O or a worker message can abort (and a page repaint) only when the event loop
    // gets a turn: give it one every ~20 ms, even when trainStep never awaits a macrotask
    await yielder.maybeYield();
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
    if (i === 0) first = smoothed;
    if (smoothed < best) best = smoothed;
    const diverged = divergence(smoothed, best, first, o.divergeThreshold, lr, i);
    if (diverged !== undefined) {
      stopReason = 'diverged';
      stopDetail = diverged;
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
