import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { describe } from '../export/describe.js';

export interface InverseTimeOptions {
  /** Value at step 0 (≥ 0). */
  initial: number;
  /** Decay rate r (≥ 0): the denominator grows by r every `steps` steps. */
  rate: number;
  /** Steps per unit of the denominator's growth (> 0, may be fractional; default 1). */
  steps?: number;
  /** Grow the denominator in whole jumps (⌊t/steps⌋) instead of continuously. */
  staircase?: boolean;
}

/**
 * Inverse-time (1/t) decay: `f(t) = initial / (1 + rate · t/steps)` (t/steps floored when
 * `staircase`). Decreases from `initial` towards 0 and never reaches it; with `rate` 0 it stays at
 * `initial` at every step (also where t/steps overflows to ∞).
 * @param options.initial value at step 0, ≥ 0.
 * @param options.rate decay rate, ≥ 0 (0: constant).
 * @param options.steps steps per unit of decay, > 0 (default 1).
 * @param options.staircase floor t/steps (default false).
 * @example inverseTime({ initial: 0.1, rate: 0.5, steps: 10 })(20) // 0.05
 * @example inverseTime({ initial: 0.1, rate: 0.5, steps: 10, staircase: true })(19) // 0.06666666666666667
 */
export function inverseTime({
  initial,
  rate,
  steps = 1,
  staircase = false,
}: InverseTimeOptions): Schedule {
  check('inverseTime', 'initial', initial, rules.nonNegative);
  check('inverseTime', 'rate', rate, rules.nonNegative);
  check('inverseTime', 'steps', steps, rules.positive);
  // rate 0 would meet 0·∞ once t/steps overflows; the value is `initial` at every step anyway
  if (rate === 0) return describe(() => initial, { kind: 'constant', value: initial });
  const node = { kind: 'inverseTime', initial, rate, steps, staircase } as const;
  if (staircase) return describe((t) => initial / (1 + rate * Math.floor(t / steps)), node);
  return describe((t) => initial / (1 + rate * (t / steps)), node);
}
