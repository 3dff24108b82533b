/**
 * Typed TypeScript factories for PyTorch's schedulers, camelCase parameters with PyTorch's
 * defaults. Each returns the bound spec that `Scheduler`, `curve` and `specText` take; validation
 * is the registry's.
 * @example new Scheduler(torch.stepLR({ stepSize: 30, gamma: 0.1 }), { lr: 0.1 })
 */
import { factory } from '../../registry/index.js';
import type { BoundSpec } from '../../registry/types.js';

/** A lambda: a safe expression string such as `'lambda e: 0.95**e'` (serialisable) or a function. */
export type Lambda = string | ((epoch: number) => number);
/** One value for every param group, or one per group. */
export type PerGroup = number | readonly number[];
/** A nested scheduler: spec text, a bound spec, or `{ name, params }`. */
export type Nested = string | BoundSpec | { name: string; params?: Record<string, unknown> };

export interface LambdaLRParams {
  /** Multiplier of the base lr as a function of the epoch (or one per group). */
  lrLambda: Lambda | readonly Lambda[];
}
export interface StepLRParams {
  /** Epochs between decays. */
  stepSize: number;
  /** Decay factor (default 0.1). */
  gamma?: number;
}
export interface MultiStepLRParams {
  /** Epochs at which γ applies (repeats count twice). */
  milestones: readonly number[];
  /** Decay factor (default 0.1). */
  gamma?: number;
}
export interface ConstantLRParams {
  /** Multiplier during the constant phase, in [0, 1] (default 1/3). */
  factor?: number;
  /** Epochs of the constant phase (default 5). */
  totalIters?: number;
}
export interface LinearLRParams {
  /** Multiplier at epoch 0, in (0, 1] (default 1/3). */
  startFactor?: number;
  /** Multiplier from totalIters on, in [0, 1] (default 1). */
  endFactor?: number;
  /** Epochs of the ramp (default 5). */
  totalIters?: number;
}
export interface ExponentialLRParams {
  /** Factor per epoch. */
  gamma: number;
}
export interface PolynomialLRParams {
  /** Epochs of the decay (default 5). */
  totalIters?: number;
  /** Exponent (default 1). */
  power?: number;
}
export interface CosineAnnealingLRParams {
  /** Epochs from the base lr down to etaMin (T_max). */
  tMax: number;
  /** Lowest lr (default 0). */
  etaMin?: number;
}
export interface CosineAnnealingWarmRestartsParams {
  /** Epochs of the first cycle (T_0). */
  t0: number;
  /** Growth factor of the cycle length, an integer ≥ 1 (T_mult, default 1). */
  tMult?: number;
  /** Lowest lr (default 0). */
  etaMin?: number;
}
export interface CyclicLRParams {
  /** Lower lr bound. */
  baseLr: PerGroup;
  /** Upper lr bound of the first cycle. */
  maxLr: PerGroup;
  /** Steps in the rising half (default 2000). */
  stepSizeUp?: number;
  /** Steps in the falling half (default stepSizeUp). */
  stepSizeDown?: number | null;
  /** Amplitude policy (default 'triangular'). */
  mode?: 'triangular' | 'triangular2' | 'exp_range';
  /** exp_range: amplitude · gamma^step (default 1). */
  gamma?: number;
  /** Custom amplitude scaling. */
  scaleFn?: Lambda | null;
  /** What scaleFn receives (default 'cycle'). */
  scaleMode?: 'cycle' | 'iterations';
  /** Cycle momentum (Adam: beta1) inversely to the lr (default true). */
  cycleMomentum?: boolean;
  /** Momentum at the lr peak (default 0.8). */
  baseMomentum?: PerGroup;
  /** Momentum at the lr bottom (default 0.9). */
  maxMomentum?: PerGroup;
}
export interface OneCycleLRParams {
  /** Peak lr. */
  maxLr: PerGroup;
  /** Steps in the cycle (or epochs × stepsPerEpoch). */
  totalSteps?: number | null;
  epochs?: number | null;
  stepsPerEpoch?: number | null;
  /** Fraction of the cycle spent rising (default 0.3). */
  pctStart?: number;
  /** Shape of each phase (default 'cos'). */
  annealStrategy?: 'cos' | 'linear';
  /** Cycle momentum (Adam: beta1) inversely to the lr (default true). */
  cycleMomentum?: boolean;
  /** Momentum at the lr peak (default 0.85). */
  baseMomentum?: PerGroup;
  /** Momentum at the start and end (default 0.95). */
  maxMomentum?: PerGroup;
  /** Initial lr = maxLr / divFactor (default 25). */
  divFactor?: number;
  /** Final lr = initial lr / finalDivFactor (default 1e4). */
  finalDivFactor?: number;
  /** Up, back down to the initial lr, then to the final lr (default false). */
  threePhase?: boolean;
  /** lrkit: stepping beyond totalSteps throws PyTorch's error or holds (default 'throw'). */
  pastEnd?: 'throw' | 'hold';
}
export interface SequentialLRParams {
  /** The schedulers, in order. */
  schedulers: readonly Nested[];
  /** Epochs at which the next scheduler takes over. */
  milestones: readonly number[];
}
export interface ChainedSchedulerParams {
  /** The schedulers to apply together. */
  schedulers: readonly Nested[];
}
export interface ReduceLROnPlateauParams {
  mode?: 'min' | 'max';
  /** Multiplier on a plateau, in [0, 1) (default 0.1). */
  factor?: number;
  /** Bad steps tolerated before reducing (default 10). */
  patience?: number;
  /** Minimum improvement that counts (default 1e-4). */
  threshold?: number;
  thresholdMode?: 'rel' | 'abs';
  /** Steps to wait after a reduction (default 0). */
  cooldown?: number;
  /** Lower bound on the lr (default 0). */
  minLr?: PerGroup;
  /** Reductions smaller than eps are skipped (default 1e-8). */
  eps?: number;
}

export const lambdaLR = factory<LambdaLRParams>('LambdaLR');
export const multiplicativeLR = factory<LambdaLRParams>('MultiplicativeLR');
export const stepLR = factory<StepLRParams>('StepLR');
export const multiStepLR = factory<MultiStepLRParams>('MultiStepLR');
export const constantLR = factory<ConstantLRParams>('ConstantLR');
export const linearLR = factory<LinearLRParams>('LinearLR');
export const exponentialLR = factory<ExponentialLRParams>('ExponentialLR');
export const polynomialLR = factory<PolynomialLRParams>('PolynomialLR');
export const cosineAnnealingLR = factory<CosineAnnealingLRParams>('CosineAnnealingLR');
export const cosineAnnealingWarmRestarts = factory<CosineAnnealingWarmRestartsParams>(
  'CosineAnnealingWarmRestarts',
);
export const cyclicLR = factory<CyclicLRParams>('CyclicLR');
export const oneCycleLR = factory<OneCycleLRParams>('OneCycleLR');
export const sequentialLR = factory<SequentialLRParams>('SequentialLR');
export const chainedScheduler = factory<ChainedSchedulerParams>('ChainedScheduler');
export const reduceLROnPlateau = factory<ReduceLROnPlateauParams>('ReduceLROnPlateau');
