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
  const out = new Float64Array(n);
  const stride = n > 0 && horizon > n ? horizon / n : 1;
  for (let i = 0; i < n; i++) out[i] = schedule(stride === 1 ? i : Math.floor(i * stride));
  return out;
}
