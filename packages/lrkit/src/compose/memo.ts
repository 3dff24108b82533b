import type { Schedule } from '../schedule.js';
import { describe } from '../export/describe.js';

/**
 * Remembers the last step asked for and its value. Still a pure function of the step (same step,
 * same value); it lets the param groups of one scheduler share a multiplier or a cosine shape so
 * that a step with n groups evaluates the shape once, not n times. (A Scheduler goes further: it
 * recognises groups built as `scale`/`between` of one shared schedule, `sharedAffine` in
 * compose/product.ts, and evaluates that schedule once per step without the memo.)
 * @example const unit = memoLast(cosine({ from: 1, to: 0, period: 100 })); // shared by groups
 */
export function memoLast(schedule: Schedule): Schedule {
  // [last step, its value] in a Float64Array: doubles kept in closure variables would be boxed
  // on every write (a heap allocation per step)
  const last = new Float64Array([NaN, NaN]);
  const f: Schedule = (t) => {
    if (t !== last[0]) {
      last[1] = schedule(t);
      last[0] = t;
    }
    return last[1]!;
  };
  return describe(f, { kind: 'memo', schedule });
}
