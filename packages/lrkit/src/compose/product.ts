import { LrkitError } from '../errors.js';
import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { describe } from '../export/describe.js';

/**
 * Product: `f(t) = Π fᵢ(t)` — multiplier schedules applied together (PyTorch `ChainedScheduler`).
 * @example product([constant(0.5), exponential({ initial: 1, rate: 0.9 })])(1) // 0.45
 */
export function product(schedules: readonly Schedule[]): Schedule {
  if (schedules.length === 0) throw new LrkitError('product: needs at least one schedule, got 0');
  const ss = [...schedules];
  if (ss.length === 1) return ss[0]!;
  const f: Schedule = (t) => {
    let v = ss[0]!(t);
    for (let i = 1; i < ss.length; i++) v *= ss[i]!(t);
    return v;
  };
  return describe(f, { kind: 'product', schedules: ss });
}

/**
 * A schedule times a constant: `f(t) = k · s(t)` (a multiplier schedule applied to a base lr).
 * @example scale(exponential({ initial: 1, rate: 0.5 }), 0.1)(2) // 0.025
 */
export function scale(schedule: Schedule, k: number): Schedule {
  check('scale', 'k', k, rules.nonNegative);
  return describe((t) => k * schedule(t), { kind: 'scale', schedule, k });
}

/**
 * Maps a unit schedule (1 at its start, 0 at its end) onto [to, from]:
 * `f(t) = to + (from − to) · u(t)` (a cosine from a base lr down to eta_min, per param group).
 * @example between(cosine({ from: 1, to: 0, period: 10 }), 0.1, 0.001)(10) // 0.001
 */
export function between(unit: Schedule, from: number, to: number): Schedule {
  const span = from - to;
  return describe((t) => to + span * unit(t), { kind: 'between', schedule: unit, to, span });
}
