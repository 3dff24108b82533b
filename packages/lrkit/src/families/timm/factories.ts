/**
 * Typed TypeScript factories for timm's schedulers, camelCase parameters with timm's defaults.
 * Each returns the bound spec that `Scheduler`, `curve` and `specText` take; validation is the
 * registry's. A step is whatever unit you step in (timm's `t_in_epochs` is accepted and unused).
 * @example new Scheduler(timm.cosineLRScheduler({ tInitial: 100, lrMin: 1e-5, warmupT: 5 }), { lr: 0.1 })
 */
import { factory } from '../../registry/index.js';

/** Steps with lr noise: `[start, end)`, or every step ≥ a single number; null: none. */
export type NoiseRangeT = number | readonly [number, number] | null;

/** The warm-up parameters every timm scheduler has. */
export interface TimmWarmupParams {
  /** Steps of linear warm-up from warmupLrInit (default 0: none). */
  warmupT?: number;
  /** lr at step 0 of the warm-up, absolute, shared by every param group (default 0). */
  warmupLrInit?: number;
}

/** The noise parameters every timm scheduler has. */
export interface TimmNoiseParams {
  /** Steps with lr noise (default null: none). */
  noiseRangeT?: NoiseRangeT;
  /** Bound on the relative noise |ε|, in (0, 1] (default 0.67). */
  noisePct?: number;
  /** Accepted and unused, as in timm (default 1). */
  noiseStd?: number;
  /** Integer seed; the noise at step t is drawn with seed + t (default 42). */
  noiseSeed?: number | null;
}

/** Parameters accepted so that timm's argument lists carry over; both unused by lrkit. */
export interface TimmCompatParams {
  /** timm: whether t counts epochs; lrkit counts whatever unit you step in (default true). */
  tInEpochs?: boolean;
  /** timm: set the groups' initial_lr; lrkit takes base lrs from the scheduler (default true). */
  initialize?: boolean;
}

/** The restart parameters of the Cosine, Tanh and Poly schedulers. */
export interface TimmCycleParams extends TimmWarmupParams, TimmNoiseParams, TimmCompatParams {
  /** Steps of the first cycle (positive integer). */
  tInitial: number;
  /** Lowest lr, absolute, shared by every param group (default 0). */
  lrMin?: number;
  /** Each cycle is cycleMul times as long as the one before, > 0 (default 1). */
  cycleMul?: number;
  /** Cycle i peaks at base lr · cycleDecay^i, ≥ 0 (default 1). */
  cycleDecay?: number;
  /** Number of cycles before the lr stays at lrMin (default 1). */
  cycleLimit?: number;
  /** True: the schedule starts after the warm-up; false: they overlap (default false). */
  warmupPrefix?: boolean;
}

export interface CosineLRSchedulerParams extends TimmCycleParams {
  /** k-decay exponent, > 0 (default 1: plain cosine). */
  kDecay?: number;
}

export interface TanhLRSchedulerParams extends TimmCycleParams {
  /** tanh argument at the start of a cycle, < ub (default −7). */
  lb?: number;
  /** tanh argument at the end of a cycle (default 3). */
  ub?: number;
}

export interface PolyLRSchedulerParams extends TimmCycleParams {
  /** Exponent of the decay, ≥ 0 (default 0.5). */
  power?: number;
  /** k-decay exponent, > 0 (default 1). */
  kDecay?: number;
}

export interface StepLRSchedulerParams extends TimmWarmupParams, TimmNoiseParams, TimmCompatParams {
  /** Steps between decays, > 0 (may be fractional). */
  decayT: number;
  /** Factor applied every decayT steps, in [0, 1] (default 1: no decay). */
  decayRate?: number;
  /** True: the decays count from the end of the warm-up (default true). */
  warmupPrefix?: boolean;
}

export interface MultiStepLRSchedulerParams
  extends TimmWarmupParams, TimmNoiseParams, TimmCompatParams {
  /** Sorted milestone steps; each decay applies one step before its milestone (timm). */
  decayT: readonly number[];
  /** Factor applied at each milestone, ≥ 0 (default 1: no decay). */
  decayRate?: number;
  /** True: the milestones count from the end of the warm-up (default true). */
  warmupPrefix?: boolean;
}

export interface PlateauLRSchedulerParams extends TimmWarmupParams, TimmNoiseParams {
  /** Factor applied on a plateau, in [0, 1) (default 0.1). */
  decayRate?: number;
  /** Bad steps tolerated before decaying (default 10). */
  patienceT?: number;
  /** Ignored (default true). */
  verbose?: boolean;
  /** Minimum relative improvement that counts (default 1e-4). */
  threshold?: number;
  /** Steps to wait after a decay (default 0). */
  cooldownT?: number;
  /** Lower bound on the lr, absolute (default 0). */
  lrMin?: number;
  /** 'max' (timm's default): higher metric is better; 'min': lower is better. */
  mode?: 'min' | 'max';
  /** 'normal' (default): truncated standard normal noise; 'uniform'. */
  noiseType?: 'normal' | 'uniform';
  /** Accepted and unused (default true). */
  initialize?: boolean;
}

export const cosineLRScheduler = factory<CosineLRSchedulerParams>('timm.CosineLRScheduler');
export const tanhLRScheduler = factory<TanhLRSchedulerParams>('timm.TanhLRScheduler');
export const polyLRScheduler = factory<PolyLRSchedulerParams>('timm.PolyLRScheduler');
export const stepLRScheduler = factory<StepLRSchedulerParams>('timm.StepLRScheduler');
export const multiStepLRScheduler = factory<MultiStepLRSchedulerParams>(
  'timm.MultiStepLRScheduler',
);
export const plateauLRScheduler = factory<PlateauLRSchedulerParams>('timm.PlateauLRScheduler');
