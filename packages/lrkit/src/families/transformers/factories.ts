/**
 * Typed factories for Hugging Face transformers' schedules, one per registry entry: camelCase
 * parameters, validated by the registry (so a factory and the spec text can never disagree).
 * Every one is a multiplier of each param group's base lr (`new Scheduler(spec, { lr })`), stepped
 * once per optimizer update; the value at update k is base_lr · λ(k).
 * @example
 * const spec = getLinearScheduleWithWarmup({ numWarmupSteps: 10, numTrainingSteps: 100 });
 * curve(spec, { lr: 0.1, steps: 3 }).lr; // [[0, 0.01, 0.02, 0.03]]
 */
import { factory } from '../../registry/index.js';
import type { SchedulerType } from './getScheduler.js';

/** PyTorch's resume index, accepted so pasted code binds; only -1 (lrkit resumes from saved state). */
interface LastEpoch {
  /** Only -1 (default -1); lrkit resumes from `Scheduler.fromState()` instead. */
  lastEpoch?: number;
}

export interface WarmupParams extends LastEpoch {
  /** Updates of linear warm-up from 0 (integer ≥ 0; required): λ(k) = k / numWarmupSteps below it. */
  numWarmupSteps: number;
}

export interface WarmupDecayParams extends WarmupParams {
  /** Total updates, warm-up included (integer ≥ 0; required): where the decay ends. */
  numTrainingSteps: number;
}

export interface CosineParams extends WarmupDecayParams {
  /** Cosine waves over the decay (≥ 0; default 0.5: one half-cosine down). */
  numCycles?: number;
}

export interface HardRestartsParams extends WarmupDecayParams {
  /** Number of cosine cycles, each restarting at the base lr (≥ 0; default 1). */
  numCycles?: number;
}

export interface PolynomialParams extends WarmupDecayParams {
  /** Final lr, absolute (≥ 0, below every group's base lr; default 1e-7). */
  lrEnd?: number;
  /** Exponent of the decay (≥ 0; default 1: linear). */
  power?: number;
}

export interface InverseSqrtParams extends WarmupParams {
  /** Time scale τ in updates (positive integer; default null: numWarmupSteps, or 10,000 if that is 0). */
  timescale?: number | null;
}

export interface ReduceOnPlateauParams {
  /** 'min': lower metric is better (loss); 'max': higher is better (default 'min'). */
  mode?: 'min' | 'max';
  /** Multiplier applied on a plateau (in [0, 1); default 0.1). */
  factor?: number;
  /** Bad steps tolerated before reducing (integer ≥ 0; default 10). */
  patience?: number;
  /** Minimum improvement that counts (≥ 0; default 1e-4). */
  threshold?: number;
  /** Threshold relative to the best metric or absolute (default 'rel'). */
  thresholdMode?: 'rel' | 'abs';
  /** Steps to wait after a reduction (integer ≥ 0; default 0). */
  cooldown?: number;
  /** Lower bound on the lr, shared or one per group (≥ 0; default 0). */
  minLr?: number | number[];
  /** Reductions smaller than eps are skipped (≥ 0; default 1e-8). */
  eps?: number;
  /** Ignored (PyTorch prints each update; default false). */
  verbose?: boolean;
}

export interface CosineMinLrParams extends CosineParams {
  /** Floor of the cosine as an absolute lr (≥ 0, at most each group's lr; default null). Give this or minLrRate. */
  minLr?: number | null;
  /** Floor of the cosine as a fraction of the base lr (in [0, 1]; default null). Give this or minLr. */
  minLrRate?: number | null;
}

export interface CosineMinLrRateParams extends CosineMinLrParams {
  /** Multiplier at the first update, rising linearly to 1 at update W − 1 (in [0, 1]; default null: 1/W). */
  warmupLrRate?: number | null;
}

export type WsdShape = 'linear' | 'cosine' | '1-sqrt';

export interface WsdParams extends LastEpoch {
  /** Updates of warm-up from minLrRatio up to 1 (integer ≥ 0; required). */
  numWarmupSteps: number;
  /** Updates of the final decay down to minLrRatio (integer ≥ 0; required). */
  numDecaySteps: number;
  /** Total updates (integer ≥ 0; default null); gives numStableSteps when that is null. */
  numTrainingSteps?: number | null;
  /** Updates at the full lr between warm-up and decay (integer ≥ 0; default null). */
  numStableSteps?: number | null;
  /** Shape of the warm-up (default 'linear'). */
  warmupType?: WsdShape;
  /** Shape of the decay (default 'cosine'). */
  decayType?: WsdShape;
  /** Start of the warm-up and end of the decay as a fraction of the base lr (in [0, 1]; default 0). */
  minLrRatio?: number;
  /** Cosine decay: waves over the decay (≥ 0; default 0.5). */
  numCycles?: number;
}

export interface GetSchedulerParams {
  /** The schedule, a transformers `SchedulerType` value (required). */
  name: SchedulerType;
  /** Updates of warm-up (integer ≥ 0; default null; required by all but constant and reduce_lr_on_plateau). */
  numWarmupSteps?: number | null;
  /** Total updates (integer ≥ 0; default null; required by the decaying schedules). */
  numTrainingSteps?: number | null;
  /** The named schedule's other parameters, e.g. `{ num_cycles: 2 }` (default null). */
  schedulerSpecificKwargs?: Readonly<Record<string, unknown>> | null;
}

/** `transformers.get_constant_schedule`: the base lr throughout. */
export const getConstantSchedule = factory<LastEpoch>('transformers.get_constant_schedule');

/** `transformers.get_constant_schedule_with_warmup`: linear warm-up from 0, then the base lr. */
export const getConstantScheduleWithWarmup = factory<WarmupParams>(
  'transformers.get_constant_schedule_with_warmup',
);

/** `transformers.get_linear_schedule_with_warmup`: warm-up, then linear down to 0 at numTrainingSteps. */
export const getLinearScheduleWithWarmup = factory<WarmupDecayParams>(
  'transformers.get_linear_schedule_with_warmup',
);

/** `transformers.get_cosine_schedule_with_warmup`: warm-up, then cosine (not clamped after the end). */
export const getCosineScheduleWithWarmup = factory<CosineParams>(
  'transformers.get_cosine_schedule_with_warmup',
);

/** `transformers.get_cosine_with_hard_restarts_schedule_with_warmup`: warm-up, then numCycles cosines to 0. */
export const getCosineWithHardRestartsScheduleWithWarmup = factory<HardRestartsParams>(
  'transformers.get_cosine_with_hard_restarts_schedule_with_warmup',
);

/** `transformers.get_polynomial_decay_schedule_with_warmup`: warm-up, then polynomial decay to lrEnd. */
export const getPolynomialDecayScheduleWithWarmup = factory<PolynomialParams>(
  'transformers.get_polynomial_decay_schedule_with_warmup',
);

/** `transformers.get_inverse_sqrt_schedule`: warm-up, then base_lr / √((k − W + τ)/τ). */
export const getInverseSqrtSchedule = factory<InverseSqrtParams>(
  'transformers.get_inverse_sqrt_schedule',
);

/** `transformers.get_reduce_on_plateau_schedule`: PyTorch's ReduceLROnPlateau (stepped with a metric). */
export const getReduceOnPlateauSchedule = factory<ReduceOnPlateauParams>(
  'transformers.get_reduce_on_plateau_schedule',
);

/** `transformers.get_cosine_with_min_lr_schedule_with_warmup`: warm-up, then cosine to a floor. */
export const getCosineWithMinLrScheduleWithWarmup = factory<CosineMinLrParams>(
  'transformers.get_cosine_with_min_lr_schedule_with_warmup',
);

/** `transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate`: the same one update ahead. */
export const getCosineWithMinLrScheduleWithWarmupLrRate = factory<CosineMinLrRateParams>(
  'transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate',
);

/** `transformers.get_wsd_schedule`: warmup-stable-decay. */
export const getWsdSchedule = factory<WsdParams>('transformers.get_wsd_schedule');

/** `transformers.get_scheduler`: the schedule named by `name`, called as transformers calls it. */
export const getScheduler = factory<GetSchedulerParams>('transformers.get_scheduler');
