import { ParameterError } from '../errors.js';
import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { describe } from '../export/describe.js';

export interface TanhOptions {
  /** The upper level: f starts just below it (`from − (from − to)·(1 + tanh(lb))/2`). */
  from: number;
  /** The lower level: f ends just above it (`to + (from − to)·(1 − tanh(ub))/2`). */
  to: number;
  /** Length of the decay in steps (> 0, may be fractional); the value holds after it. */
  steps: number;
  /** Lower bound of the tanh argument, at step 0 (default −7). */
  lb?: number;
  /** Upper bound of the tanh argument, at step `steps` (default 3; must be > lb). */
  ub?: number;
}

/**
 * Hyperbolic-tangent decay, then hold: with p = min(t, T)/T,
 * `f(t) = to + (from − to) · (1 − tanh(lb · (1 − p) + ub · p)) / 2`. The argument sweeps from lb to
 * ub, so f moves from near `from` (lb = −7: within 1e-6 relative) to near `to` (ub = 3: 0.25 % of
 * the span above it); it never quite reaches either level.
 * @param from upper level (≥ 0).
 * @param to lower level (≥ 0; may exceed `from`, then f rises).
 * @param steps T, length of the decay in steps (> 0).
 * @param lb tanh argument at step 0 (finite, default −7).
 * @param ub tanh argument at step T (finite, > lb, default 3).
 * @see Hsueh et al., Stochastic Gradient Descent with Hyperbolic-Tangent Decay on
 *   Classification, WACV 2019 (arXiv:1806.01593).
 * @example tanh({ from: 1, to: 0, steps: 10, lb: -1, ub: 1 })(5) // 0.5
 */
export function tanh({ from, to, steps, lb = -7, ub = 3 }: TanhOptions): Schedule {
  check('tanh', 'from', from, rules.nonNegative);
  check('tanh', 'to', to, rules.nonNegative);
  check('tanh', 'steps', steps, rules.positive);
  check('tanh', 'lb', lb, rules.finite);
  check('tanh', 'ub', ub, rules.finite);
  if (!(ub > lb)) throw new ParameterError('tanh', 'ub', `must be > lb (${lb})`, ub);
  const span = from - to;
  const f: Schedule = (t) => {
    const p = Math.min(t, steps) / steps;
    return to + (span * (1 - Math.tanh(lb * (1 - p) + ub * p))) / 2;
  };
  return describe(f, { kind: 'tanh', to, steps, lb, ub, span });
}
