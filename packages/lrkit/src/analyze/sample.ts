import { LrkitError } from '../errors.js';
import type { Schedule } from '../schedule.js';

/**
 * Samples a schedule at steps 0..n−1 (or at `n` evenly spaced steps of `[0, horizon)` when
 * `horizon` > n, for plotting long schedules) into a Float64Array.
 * @example sample(exponential({ initial: 1, rate: 0.5 }), 3) // Float64Array [1, 0.5, 0.25]
 */
export function sample(schedule: Schedule, n: number, horizon = n): Float64Array {
  if (!Number.isInteger(n) || n < 0)
    throw new LrkitError(`sample: n must be a non-negative integer, got ${n}`);
  if (!Number.isFinite(horizon) || horizon < 0) {
    throw new LrkitError(`sample: horizon must be a finite number ≥ 0, got ${horizon}`);
  }
  const out = new Float64Array(n);
  const spread = horizon > n;
  for (let i = 0; i < n; i++) out[i] = schedule(spread ? Math.floor((i * horizon) / n) : i);
  return out;
}
