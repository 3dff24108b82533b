import type { Schedule } from '../schedule.js';
import { describe } from '../export/describe.js';

/**
 * Remembers the last step asked for and its value. Still a pure function of the step (same step,
 * same value); it lets the param groups of one scheduler share a multiplier or a cosine shape so
 * that a step with n groups evaluates the shape once, not n times.
 * @example const unit = memoLast(cosine({ from: 1, to: 0, period: 100 })); // shared by groups
 */
export function memoLast(schedule: Schedule): Schedule {
  let lastT = NaN;
  let lastV = NaN;
  const f: Schedule = (t) => {
    if (t !== lastT) {
      lastV = schedule(t);
      lastT = t;
    }
    return lastV;
  };
  return describe(f, { kind: 'memo', schedule });
}
