import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { describe } from '../export/describe.js';

export interface LinearOptions {
  /** Value at step 0. */
  from: number;
  /** Value from step `steps` on. */
  to: number;
  /** Length of the ramp in steps (0: `to` from the start). */
  steps: number;
}

/**
 * Linear ramp, then hold: `f(t) = from + (to − from) · min(t, T) / T`, exactly `to` from step T on.
 * @example linear({ from: 0, to: 1, steps: 4 })(1) // 0.25
 */
export function linear({ from, to, steps }: LinearOptions): Schedule {
  check('linear', 'from', from, rules.nonNegative);
  check('linear', 'to', to, rules.nonNegative);
  check('linear', 'steps', steps, rules.nonNegative);
  if (steps === 0) return describe(() => to, { kind: 'constant', value: to });
  const delta = to - from;
  // progress first, then the step: the result stays between `from` and `to` (never below 0)
  return describe((t) => (t >= steps ? to : from + delta * (t / steps)), {
    kind: 'linear',
    from,
    to,
    steps,
    delta,
  });
}
