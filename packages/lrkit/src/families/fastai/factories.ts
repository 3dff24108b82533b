/**
 * Typed factories for the fastai entries: camelCase parameters, validated by the registry, so a
 * factory call and the spec text give the same schedule.
 * @example
 * import { fastai, Scheduler } from 'lrkit';
 * const s = new Scheduler(fastai.fitOneCycle({ lrMax: 0.01, totalSteps: 100 }), { lr: 0.01 });
 * s.lr; // [0.0004]  (lr_max / div)
 */
import { factory } from '../../registry/index.js';
import type { BoundSpec } from '../../registry/types.js';

/** A nested fastai schedule of progress: a factory's result or spec text such as `'SchedCos(0.1, 0)'`. */
export type FastaiSched = BoundSpec | string;

/** lrkit's step count for a schedule of progress. */
interface TotalSteps {
  /**
   * lrkit: steps over which pos runs from 0 to 1; step k evaluates pos = k/totalSteps and the final
   * value holds after. Required at the top level, omitted inside combineScheds. Default None.
   */
  totalSteps?: number | null;
}

/** Parameters of `fastai.SchedLin`. */
export interface SchedLinParams extends TotalSteps {
  /** Value at pos 0 (≥ 0). Required. */
  start: number;
  /** Value at pos 1 (≥ 0). Required. */
  end: number;
}

/** Parameters of `fastai.SchedCos`. */
export interface SchedCosParams extends TotalSteps {
  /** Value at pos 0 (≥ 0). Required. */
  start: number;
  /** Value at pos 1 (≥ 0). Required. */
  end: number;
}

/** Parameters of `fastai.SchedNo`. */
export interface SchedNoParams extends TotalSteps {
  /** The constant value (≥ 0). Required. */
  start: number;
  /** Ignored (fastai's signature requires it). Required. */
  end: number;
}

/** Parameters of `fastai.SchedExp`. */
export interface SchedExpParams extends TotalSteps {
  /** Value at pos 0 (> 0). Required. */
  start: number;
  /** Value at pos 1 (≥ 0). Required. */
  end: number;
}

/** Parameters of `fastai.SchedPoly`. */
export interface SchedPolyParams extends TotalSteps {
  /** Value at pos 0 (≥ 0). Required. */
  start: number;
  /** Value at pos 1 (≥ 0). Required. */
  end: number;
  /** Exponent of pos (≥ 0; 1: linear): start + (end − start)·pos^power. Required. */
  power: number;
}

/** Parameters of `fastai.combine_scheds`. */
export interface CombineSchedsParams extends TotalSteps {
  /** Fraction of progress of each schedule (each ≥ 0, sum 1). Required. */
  pcts: readonly number[];
  /** The schedules of progress, one per pct, without totalSteps. Required. */
  scheds: readonly FastaiSched[];
}

/** Parameters of `fastai.combined_cos`. */
export interface CombinedCosParams extends TotalSteps {
  /** Fraction of progress of the first cosine, in [0, 1). Required. */
  pct: number;
  /** Value at pos 0 (≥ 0). Required. */
  start: number;
  /** Value at pos = pct (≥ 0). Required. */
  middle: number;
  /** Value at pos 1 (≥ 0). Required. */
  end: number;
}

/** What every fit_* accepts so that a pasted call binds; all ignored except `startEpoch`. */
interface FitCommon {
  /** Weight decay (one value or one per group): ignored. Default None. */
  wd?: number | readonly number[] | null;
  /** fastai callbacks: ignored. Default None. */
  cbs?: unknown;
  /** fastai resets the optimizer: ignored. Default False. */
  resetOpt?: boolean;
  /** Epochs to skip (fastai's resume): only 0; resume from Scheduler state instead. Default 0. */
  startEpoch?: number;
  /** lrkit: batches of the whole fit; step k evaluates pos = k/totalSteps. Default None. */
  totalSteps?: number | null;
  /** lrkit: batches per epoch, for fastai's accumulated per-batch progress. Default None. */
  stepsPerEpoch?: number | null;
}

/** Parameters of `fastai.fit_one_cycle`. */
export interface FitOneCycleParams extends FitCommon {
  /** Epochs of the fit, with stepsPerEpoch (or give totalSteps). Default None. */
  nEpoch?: number | null;
  /** Peak lr, one or one per param group; None: each group's lr. Default None. */
  lrMax?: number | readonly number[] | null;
  /** Initial lr = lrMax / div. Default 25. */
  div?: number;
  /** Final lr = lrMax / divFinal. Default 1e5. */
  divFinal?: number;
  /** Fraction of progress spent warming up, in [0, 1). Default 0.25. */
  pctStart?: number;
  /** Momentum (Adam: beta1) at pos 0, pctStart and 1. Default None: [0.95, 0.85, 0.95]. */
  moms?: readonly number[] | null;
  /** lrkit: set momentum from moms (False leaves it). Default True. */
  cycleMomentum?: boolean;
}

/** Parameters of `fastai.fit_flat_cos`. */
export interface FitFlatCosParams extends FitCommon {
  /** Epochs of the fit, with stepsPerEpoch (or give totalSteps). Default None. */
  nEpoch?: number | null;
  /** Lr of the flat phase, one or one per param group; None: each group's lr. Default None. */
  lr?: number | readonly number[] | null;
  /** Final lr = lr / divFinal. Default 1e5. */
  divFinal?: number;
  /** Fraction of progress spent flat, in [0, 1). Default 0.75. */
  pctStart?: number;
}

/** Parameters of `fastai.fit_sgdr`. */
export interface FitSgdrParams extends FitCommon {
  /** Number of cosine cycles (positive integer). Required. */
  nCycles: number;
  /** Epochs of the first cycle (positive integer). Required. */
  cycleLen: number;
  /** Lr at the start of every cycle, one or one per group; None: each group's lr. Default None. */
  lrMax?: number | readonly number[] | null;
  /** Growth factor of the cycle length (integer ≥ 2). Default 2. */
  cycleMult?: number;
}

/** `fastai.SchedLin`: start + pos·(end − start). */
export const schedLin = factory<SchedLinParams>('fastai.SchedLin');
/** `fastai.SchedCos`: half a cosine from start to end. */
export const schedCos = factory<SchedCosParams>('fastai.SchedCos');
/** `fastai.SchedNo`: constant start. */
export const schedNo = factory<SchedNoParams>('fastai.SchedNo');
/** `fastai.SchedExp`: start·(end/start)^pos. */
export const schedExp = factory<SchedExpParams>('fastai.SchedExp');
/** `fastai.SchedPoly`: start + (end − start)·pos^power. */
export const schedPoly = factory<SchedPolyParams>('fastai.SchedPoly');
/** `fastai.combine_scheds`: schedules one after another over fractions of progress. */
export const combineScheds = factory<CombineSchedsParams>('fastai.combine_scheds');
/** `fastai.combined_cos`: cosine start → middle over pct, then middle → end. */
export const combinedCos = factory<CombinedCosParams>('fastai.combined_cos');
/** `fastai.fit_one_cycle`: fastai's 1cycle lr and momentum. */
export const fitOneCycle = factory<FitOneCycleParams>('fastai.fit_one_cycle');
/** `fastai.fit_flat_cos`: flat lr, then a cosine down. */
export const fitFlatCos = factory<FitFlatCosParams>('fastai.fit_flat_cos');
/** `fastai.fit_sgdr`: cosine cycles of growing length. */
export const fitSgdr = factory<FitSgdrParams>('fastai.fit_sgdr');
