import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { describe } from '../export/describe.js';

export interface ExponentialOptions {
  /** Value at step 0. */
  initial: number;
  /** Factor per `steps` steps (γ ≥ 0; < 1 decays, > 1 grows). */
  rate: number;
  /** Steps per factor of `rate` (default 1). */
  steps?: number;
  /** Apply the factor in whole jumps (⌊t/steps⌋) instead of continuously. */
  staircase?: boolean;
}

/**
 * Exponential decay: `f(t) = initial · rate^(t/steps)` (exponent floored when `staircase`).
 * Computed with one `pow` per call, so it is exact to about 1 ulp at any step (no drift).
 * @example exponential({ initial: 0.1, rate: 0.5, steps: 10 })(20) // 0.025
 */
export function exponential({
  initial,
  rate,
  steps = 1,
  staircase = false,
}: ExponentialOptions): Schedule {
  check('exponential', 'initial', initial, rules.nonNegative);
  check('exponential', 'rate', rate, rules.nonNegative);
  check('exponential', 'steps', steps, rules.positive);
  const node = { kind: 'exponential', initial, rate, steps, staircase } as const;
  if (staircase) return describe((t) => initial * rate ** Math.floor(t / steps), node);
  if (steps === 1) return describe((t) => initial * rate ** t, node);
  return describe((t) => initial * rate ** (t / steps), node);
}
