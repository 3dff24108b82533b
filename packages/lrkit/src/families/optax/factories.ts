/**
 * Typed TypeScript factories for optax's schedules, camelCase parameters with optax's defaults.
 * Each returns the bound spec that `Scheduler`, `curve` and `specText` take; validation is the
 * registry's. optax schedules carry their own scale: the optimizer's lr does not change them.
 * @example curve(optax.cosineDecaySchedule({ initValue: 0.1, decaySteps: 100 }), { steps: 100 })
 */
import { factory } from '../../registry/index.js';
import type { BoundSpec } from '../../registry/types.js';

/** optax's `{step: scale}` dict: an object or a Map with integer steps ≥ 0 as keys. */
export type BoundariesAndScales =
  Readonly<Record<number, number>> | ReadonlyMap<number, number> | null;
/** A nested optax schedule: spec text, a bound spec, or `{ name, params }`. */
export type Nested = string | BoundSpec | { name: string; params?: Record<string, unknown> };

export interface ConstantScheduleParams {
  /** The learning rate, at every step (≥ 0). */
  value: number;
}
export interface PolynomialScheduleParams {
  /** Learning rate until the transition starts (≥ 0). */
  initValue: number;
  /** Learning rate from the end of the transition on (≥ 0). */
  endValue: number;
  /** Exponent of the polynomial (≥ 0; 1 is linear). */
  power: number;
  /** Steps of the transition (positive integer). */
  transitionSteps: number;
  /** Steps at initValue before the transition starts (default 0). */
  transitionBegin?: number;
}
export interface LinearScheduleParams {
  /** Learning rate until the transition starts (≥ 0). */
  initValue: number;
  /** Learning rate from the end of the transition on (≥ 0). */
  endValue: number;
  /** Steps of the transition (positive integer). */
  transitionSteps: number;
  /** Steps at initValue before the transition starts (default 0). */
  transitionBegin?: number;
}
export interface PiecewiseConstantScheduleParams {
  /** Learning rate before the first boundary (≥ 0). */
  initValue: number;
  /** `{step: scale}`: from each step on the lr is multiplied by its scale (default none). */
  boundariesAndScales?: BoundariesAndScales;
}
export interface PiecewiseInterpolateScheduleParams {
  /** `'linear'` or `'cosine'` transitions between the boundary values. */
  interpolateType: 'linear' | 'cosine';
  /** Learning rate at step 0 (≥ 0). */
  initValue: number;
  /** `{step: scale}`: the value at each step is the running product (default none). */
  boundariesAndScales?: BoundariesAndScales;
}
export interface ExponentialDecayParams {
  /** Learning rate at step 0 and until transitionBegin (≥ 0). */
  initValue: number;
  /** Steps per factor of decayRate (positive integer). */
  transitionSteps: number;
  /** Factor per transitionSteps steps (> 0; < 1 decays, > 1 grows). */
  decayRate: number;
  /** Steps at initValue before the decay starts (default 0). */
  transitionBegin?: number;
  /** Decay in whole steps of transitionSteps (default false). */
  staircase?: boolean;
  /** Floor when decayRate < 1, ceiling otherwise (default null: unbounded). */
  endValue?: number | null;
}
export interface CosineDecayScheduleParams {
  /** Learning rate at step 0 (≥ 0). */
  initValue: number;
  /** Steps of the cosine (positive integer); the lr holds from then on. */
  decaySteps: number;
  /** Final lr as a fraction of initValue (default 0). */
  alpha?: number;
  /** Power of the cosine factor (default 1). */
  exponent?: number;
}
export interface WarmupConstantScheduleParams {
  /** Learning rate at step 0 (≥ 0). */
  initValue: number;
  /** Learning rate from the end of the warm-up on (≥ 0). */
  peakValue: number;
  /** Steps of the linear warm-up (positive integer). */
  warmupSteps: number;
}
export interface WarmupCosineDecayScheduleParams {
  /** Learning rate at step 0 (≥ 0). */
  initValue: number;
  /** Learning rate at the end of the warm-up (≥ 0). */
  peakValue: number;
  /** Steps of the linear warm-up (integer ≥ 0). */
  warmupSteps: number;
  /** Total steps of warm-up and cosine (integer > warmupSteps). */
  decaySteps: number;
  /** Learning rate at the end of the cosine and after (default 0). */
  endValue?: number;
  /** Power of the cosine factor (default 1). */
  exponent?: number;
}
export interface WarmupExponentialDecayScheduleParams {
  /** Learning rate at step 0 (≥ 0). */
  initValue: number;
  /** Learning rate at the end of the warm-up (≥ 0). */
  peakValue: number;
  /** Steps of the linear warm-up (integer ≥ 0). */
  warmupSteps: number;
  /** Steps per factor of decayRate (positive integer). */
  transitionSteps: number;
  /** Factor per transitionSteps steps (> 0). */
  decayRate: number;
  /** Steps at peakValue after the warm-up before the decay starts (default 0). */
  transitionBegin?: number;
  /** Decay in whole steps of transitionSteps (default false). */
  staircase?: boolean;
  /** Floor when decayRate < 1, ceiling otherwise (default null: unbounded). */
  endValue?: number | null;
}
export interface LinearOnecycleScheduleParams {
  /** Steps of the whole cycle (positive integer). */
  transitionSteps: number;
  /** Highest learning rate (≥ 0). */
  peakValue: number;
  /** Fraction of the steps spent rising, in [0, 1] (default 0.3). */
  pctStart?: number;
  /** Fraction of the steps at which the lr is back at peakValue / divFactor (default 0.85). */
  pctFinal?: number;
  /** Initial lr = peakValue / divFactor (default 25). */
  divFactor?: number;
  /** Final lr = peakValue / divFactor / finalDivFactor (default 1e4). */
  finalDivFactor?: number;
}
export interface CosineOnecycleScheduleParams {
  /** Steps of the whole cycle (positive integer). */
  transitionSteps: number;
  /** Highest learning rate (≥ 0). */
  peakValue: number;
  /** Fraction of the steps spent rising, in [0, 1] (default 0.3). */
  pctStart?: number;
  /** Initial lr = peakValue / divFactor (default 25). */
  divFactor?: number;
  /** Final lr = peakValue / (divFactor · finalDivFactor) (default 1e4). */
  finalDivFactor?: number;
}
export interface SgdrScheduleParams {
  /** One cycle per item: warmup_cosine_decay_schedule's arguments (decaySteps includes warm-up). */
  cosineKwargs: readonly WarmupCosineDecayScheduleParams[];
}
export interface JoinSchedulesParams {
  /** The optax schedules, in order; each later one starts at its own step 0. */
  schedules: readonly Nested[];
  /** Steps at which the next schedule takes over (one fewer than schedules, non-decreasing). */
  boundaries: readonly number[];
}

export const constantSchedule = factory<ConstantScheduleParams>('optax.constant_schedule');
export const linearSchedule = factory<LinearScheduleParams>('optax.linear_schedule');
export const polynomialSchedule = factory<PolynomialScheduleParams>('optax.polynomial_schedule');
export const piecewiseConstantSchedule = factory<PiecewiseConstantScheduleParams>(
  'optax.piecewise_constant_schedule',
);
export const piecewiseInterpolateSchedule = factory<PiecewiseInterpolateScheduleParams>(
  'optax.piecewise_interpolate_schedule',
);
export const exponentialDecay = factory<ExponentialDecayParams>('optax.exponential_decay');
export const cosineDecaySchedule = factory<CosineDecayScheduleParams>(
  'optax.cosine_decay_schedule',
);
export const warmupConstantSchedule = factory<WarmupConstantScheduleParams>(
  'optax.warmup_constant_schedule',
);
export const warmupCosineDecaySchedule = factory<WarmupCosineDecayScheduleParams>(
  'optax.warmup_cosine_decay_schedule',
);
export const warmupExponentialDecaySchedule = factory<WarmupExponentialDecayScheduleParams>(
  'optax.warmup_exponential_decay_schedule',
);
export const linearOnecycleSchedule = factory<LinearOnecycleScheduleParams>(
  'optax.linear_onecycle_schedule',
);
export const cosineOnecycleSchedule = factory<CosineOnecycleScheduleParams>(
  'optax.cosine_onecycle_schedule',
);
export const joinSchedules = factory<JoinSchedulesParams>('optax.join_schedules');

const sgdr = factory<{ cosineKwargs: unknown }>('optax.sgdr_schedule');

/** `initValue` → `init_value`: the dict keys optax's warmup_cosine_decay_schedule takes. */
function snakeKeys(o: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]),
  );
}

/** sgdr_schedule; each cycle's keys are written in optax's spelling, so specText is canonical. */
export function sgdrSchedule(params: SgdrScheduleParams): BoundSpec {
  const kw: unknown = params.cosineKwargs;
  return sgdr({
    cosineKwargs: Array.isArray(kw)
      ? kw.map((c: unknown) =>
          c !== null && typeof c === 'object' && !(c instanceof Map) ? snakeKeys(c) : c,
        )
      : kw,
  });
}
