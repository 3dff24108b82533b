import { LrkitError } from '../errors.js';
import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { describe } from '../export/describe.js';

/**
 * Value clamp: `f(t) = min(max(s(t), min), max)`.
 * @example clamp(exponential({ initial: 1, rate: 0.5 }), { min: 0.2 })(10) // 0.2
 */
export function clamp(schedule: Schedule, { min = 0, max = Infinity } = {}): Schedule {
  check('clamp', 'min', min, rules.nonNegative);
  if (!(max >= min)) throw new LrkitError(`clamp: max must be ≥ min (${min}), got ${max}`);
  return describe((t) => Math.min(Math.max(schedule(t), min), max), {
    kind: 'clamp',
    schedule,
    min,
    max,
  });
}

/**
 * Step clamp: the schedule stops at step `until` and holds its value there: `f(t) = s(min(t, until))`.
 * @example hold(cosine({ from: 1, to: 0, period: 10 }), 10)(15) // 0
 */
export function hold(schedule: Schedule, until: number): Schedule {
  check('hold', 'until', until, rules.nonNegative);
  return describe((t) => schedule(Math.min(t, until)), { kind: 'hold', schedule, until });
}

/**
 * Periodic repetition: `f(t) = s(t mod period)`.
 * @example repeat(linear({ from: 1, to: 0, steps: 10 }), 10)(15) // 0.5
 */
export function repeat(schedule: Schedule, period: number): Schedule {
  check('repeat', 'period', period, rules.positive);
  return describe((t) => schedule(t % period), { kind: 'repeat', schedule, period });
}
