import { LrkitError } from '../errors.js';
import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { describe } from '../export/describe.js';

export interface CosineRestartsOptions {
  /** Value at the start of every cycle. */
  from: number;
  /** Value the cosine approaches at the end of every cycle. */
  to: number;
  /** Length of the first cycle T₀ (> 0). */
  period: number;
  /** Each cycle is `mult` times longer than the one before (≥ 1). */
  mult: number;
}

/**
 * Locates step t in cycles of lengths T₀·mult^i: returns [cycle index i, position in the cycle,
 * cycle length]. Closed form with a log, corrected by exact comparisons so that cycle boundaries
 * land where repeated addition puts them.
 */
export function locateCycle(t: number, period: number, mult: number): [number, number, number] {
  if (mult === 1) {
    const i = Math.floor(t / period);
    return [i, t % period, period];
  }
  if (!Number.isFinite(t)) throw new LrkitError(`cosineRestarts: step must be finite, got ${t}`);
  const startOf = (i: number) => (period * (mult ** i - 1)) / (mult - 1);
  // the log gives the cycle up to rounding; bounded exact corrections fix it (with huge values
  // the log can overflow, so the index is clamped to where cycle starts are still finite)
  const logMax = Math.log(Number.MAX_VALUE) - Math.max(0, Math.log(period));
  const maxI = Math.max(0, Math.floor(logMax / Math.log(mult)));
  let i = Math.floor(Math.log((t / period) * (mult - 1) + 1) / Math.log(mult));
  if (!(i >= 0)) i = 0;
  if (i > maxI) i = maxI;
  for (let n = 0; n < 64 && i > 0 && startOf(i) > t; n++) i--;
  for (let n = 0; n < 64 && i < maxI && startOf(i + 1) <= t; n++) i++;
  return [i, t - startOf(i), period * mult ** i];
}

/**
 * Cosine annealing with warm restarts (SGDR): in cycle i of length T_i = T₀·mult^i, at position
 * t_cur, `f = to + (from − to) · (1 + cos(π t_cur / T_i)) / 2`. Accepts fractional steps.
 * @see Loshchilov & Hutter, SGDR: Stochastic Gradient Descent with Warm Restarts, 2016.
 * @example cosineRestarts({ from: 1, to: 0, period: 10, mult: 2 })(15) // 0.8535533905932737
 */
export function cosineRestarts({ from, to, period, mult }: CosineRestartsOptions): Schedule {
  check('cosineRestarts', 'from', from, rules.nonNegative);
  check('cosineRestarts', 'to', to, rules.nonNegative);
  check('cosineRestarts', 'period', period, rules.positive);
  check('cosineRestarts', 'mult', mult, rules.atLeastOne);
  const span = from - to;
  const f: Schedule = (t) => {
    const [, cur, len] = locateCycle(t, period, mult);
    return to + (span * (1 + Math.cos((Math.PI * cur) / len))) / 2;
  };
  return describe(f, { kind: 'cosineRestarts', to, period, mult, span });
}
