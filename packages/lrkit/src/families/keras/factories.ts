/**
 * Typed TypeScript factories for Keras's learning-rate schedules, camelCase parameters with
 * Keras's defaults. Each returns the bound spec that `Scheduler`, `curve` and `specText` take;
 * validation is the registry's. Keras schedules carry their own scale: the param groups' lrs are
 * ignored.
 * @example curve(keras.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 }), { lr: 1, steps: 20 })
 */
import { factory } from '../../registry/index.js';

export interface ExponentialDecayParams {
  /** Learning rate at step 0 (≥ 0). */
  initialLearningRate: number;
  /** Steps per factor of decayRate (> 0). */
  decaySteps: number;
  /** Factor per decaySteps steps, in [0, 1]. */
  decayRate: number;
  /** Decay in whole jumps at multiples of decaySteps (default false). */
  staircase?: boolean;
  /** Ignored: Keras's op name scope (default 'ExponentialDecay'). */
  name?: string;
}
export interface PiecewiseConstantDecayParams {
  /** Steps (integers, increasing) after which the next value applies. */
  boundaries: readonly number[];
  /** The lr (≥ 0) of each interval, one more than boundaries. */
  values: readonly number[];
  /** Ignored: Keras's op name scope (default 'PiecewiseConstant'). */
  name?: string;
}
export interface PolynomialDecayParams {
  /** Learning rate at step 0 (≥ 0). */
  initialLearningRate: number;
  /** Steps of the decay (> 0). */
  decaySteps: number;
  /** Learning rate at decaySteps (≥ 0, default 0.0001). */
  endLearningRate?: number;
  /** Exponent of the polynomial (≥ 0, default 1: linear). */
  power?: number;
  /** Restart past decaySteps over the next multiple of decaySteps (default false). */
  cycle?: boolean;
  /** Ignored: Keras's op name scope (default 'PolynomialDecay'). */
  name?: string;
}
export interface InverseTimeDecayParams {
  /** Learning rate at step 0 (≥ 0). */
  initialLearningRate: number;
  /** Steps per unit of decayRate in the denominator (> 0). */
  decaySteps: number;
  /** Growth of the denominator per decaySteps steps (≥ 0). */
  decayRate: number;
  /** Floor step / decaySteps (default false). */
  staircase?: boolean;
  /** Ignored: Keras's op name scope (default 'InverseTimeDecay'). */
  name?: string;
}
export interface CosineDecayParams {
  /** Learning rate at step 0 (≥ 0): the peak, or the warm-up start with warmupTarget. */
  initialLearningRate: number;
  /** Steps of the cosine decay, after the warm-up (> 0). */
  decaySteps: number;
  /** Lowest lr as a fraction of the peak, in [0, 1] (default 0). */
  alpha?: number;
  /** Ignored: Keras's op name scope (default 'CosineDecay'). */
  name?: string;
  /** Lr (≥ 0) at the end of the warm-up, where the decay starts (default null: no warm-up). */
  warmupTarget?: number | null;
  /** Steps of the linear warm-up, only with warmupTarget (≥ 0, default 0). */
  warmupSteps?: number;
}
export interface CosineDecayRestartsParams {
  /** Learning rate at step 0 (≥ 0). */
  initialLearningRate: number;
  /** Steps of the first cycle (> 0). */
  firstDecaySteps: number;
  /** Each cycle is tMul times longer than the one before (≥ 1, default 2). */
  tMul?: number;
  /** Each restart peaks at mMul times the previous peak, in [0, 1] (default 1). */
  mMul?: number;
  /** Lowest lr as a fraction of initialLearningRate, in [0, 1] (default 0). */
  alpha?: number;
  /** Ignored: Keras's op name scope (default 'SGDRDecay'). */
  name?: string;
}
export interface TimeBasedDecayParams {
  /** The optimizer learning rate lr0 (≥ 0). */
  initialLearningRate: number;
  /** Decay per update: lr = lr0 / (1 + decay · iterations) (≥ 0, default 0). */
  decay?: number;
}

export const exponentialDecay = factory<ExponentialDecayParams>('keras.ExponentialDecay');
export const piecewiseConstantDecay = factory<PiecewiseConstantDecayParams>(
  'keras.PiecewiseConstantDecay',
);
export const polynomialDecay = factory<PolynomialDecayParams>('keras.PolynomialDecay');
export const inverseTimeDecay = factory<InverseTimeDecayParams>('keras.InverseTimeDecay');
export const cosineDecay = factory<CosineDecayParams>('keras.CosineDecay');
export const cosineDecayRestarts = factory<CosineDecayRestartsParams>('keras.CosineDecayRestarts');
export const timeBasedDecay = factory<TimeBasedDecayParams>('keras.TimeBasedDecay');
