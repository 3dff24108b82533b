import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { linear } from '../schedules/linear.js';
import { join } from './join.js';

export interface WarmupOptions {
  /** Length of the warm-up in steps (0: none). */
  steps: number;
  /** Value at step 0 (default 0); the ramp ends at `schedule(0)`. */
  from?: number;
}

/**
 * Linear warm-up, then `schedule` from its own step 0:
 * `join([linear(from → schedule(0), steps), schedule], [steps])`.
 * @example warmup(constant(0.1), { steps: 10 })(5) // 0.05
 */
export function warmup(schedule: Schedule, { steps, from = 0 }: WarmupOptions): Schedule {
  check('warmup', 'steps', steps, rules.nonNegative);
  check('warmup', 'from', from, rules.nonNegative);
  if (steps === 0) return schedule;
  return join([linear({ from, to: schedule(0), steps }), schedule], [steps]);
}
