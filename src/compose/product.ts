import { LrkitError } from '../errors.js';
import type { Schedule } from '../schedule.js';

/**
 * Product: `f(t) = Π fᵢ(t)` — multiplier schedules applied together (PyTorch `ChainedScheduler`).
 * @example product([constant(0.5), exponential({ initial: 1, rate: 0.9 })])(1) // 0.45
 */
export function product(schedules: readonly Schedule[]): Schedule {
  if (schedules.length === 0) throw new LrkitError('product: needs at least one schedule, got 0');
  const ss = [...schedules];
  if (ss.length === 1) return ss[0]!;
  return (t) => {
    let v = ss[0]!(t);
    for (let i = 1; i < ss.length; i++) v *= ss[i]!(t);
    return v;
  };
}

/**
 * A schedule times a constant: `f(t) = k · s(t)` (a multiplier schedule applied to a base lr).
 * @example scale(exponential({ initial: 1, rate: 0.5 }), 0.1)(2) // 0.025
 */
export function scale(schedule: Schedule, k: number): Schedule {
  return (t) => k * schedule(t);
}
