import { LrkitError, SchedulerError, formatValue } from '../errors.js';
import type { Schedule } from '../schedule.js';

/**
 * Samples a schedule at steps 0..n−1 (or at `n` evenly spaced steps of `[0, horizon)` when
 * `horizon` > n, for plotting long schedules) into a Float64Array. A value that is negative, NaN
 * or infinite is refused (a `SchedulerError` naming the step), never returned: a schedule's values
 * are learning rates or momenta.
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
  for (let i = 0; i < n; i++) {
    const t = spread ? Math.floor((i * horizon) / n) : i;
    const v = schedule(t);
    if (!(v >= 0 && v < Infinity)) {
      throw new SchedulerError(
        `sample: the schedule's value at step ${t} would be ${formatValue(v)}; learning rates must be finite and ≥ 0`,
      );
    }
    out[i] = v;
  }
  return out;
}
