import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { describe } from '../export/describe.js';

export interface PolynomialOptions {
  /** Value at step 0. */
  from: number;
  /** Value from step `steps` on. */
  to: number;
  /** Length of the decay in steps (> 0). */
  steps: number;
  /** Exponent p ≥ 0 (1: linear). */
  power: number;
}

/**
 * Polynomial decay, then hold: `f(t) = (from − to) · (1 − min(t, T)/T)^p + to` (with p = 0 it
 * stays at `from`, since 0⁰ = 1, as in PyTorch).
 * @example polynomial({ from: 1, to: 0, steps: 4, power: 2 })(2) // 0.25
 */
export function polynomial({ from, to, steps, power }: PolynomialOptions): Schedule {
  check('polynomial', 'from', from, rules.nonNegative);
  check('polynomial', 'to', to, rules.nonNegative);
  check('polynomial', 'steps', steps, rules.positive);
  check('polynomial', 'power', power, rules.nonNegative);
  const span = from - to;
  return describe((t) => span * (1 - Math.min(steps, t) / steps) ** power + to, {
    kind: 'polynomial',
    to,
    steps,
    power,
    span,
  });
}
