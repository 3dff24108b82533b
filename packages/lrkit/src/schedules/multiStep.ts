import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { describe } from '../export/describe.js';

export interface MultiStepOptions {
  /** Value before the first milestone. */
  initial: number;
  /** Factor applied at each milestone (≥ 0). */
  gamma: number;
  /** Steps at which γ applies, in any order; a repeated milestone applies γ once per copy. */
  milestones: readonly number[];
}

/** Number of sorted values ≤ t (binary search). */
export function countAtOrBelow(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Multi-step decay: `f(t) = initial · γ^(number of milestones ≤ t)`, milestones counted as a
 * multiset (PyTorch `MultiStepLR`).
 * @example multiStep({ initial: 1, gamma: 0.1, milestones: [10, 10] })(10) // 0.01
 */
export function multiStep({ initial, gamma, milestones }: MultiStepOptions): Schedule {
  check('multiStep', 'initial', initial, rules.nonNegative);
  check('multiStep', 'gamma', gamma, rules.nonNegative);
  milestones.forEach((m, i) => check('multiStep', `milestones[${i}]`, m, rules.nonNegativeInt));
  const sorted = [...milestones].sort((a, b) => a - b);
  const last = new Float64Array([NaN, NaN]); // [exponent, value], unboxed
  const f: Schedule = (t) => {
    const n = countAtOrBelow(sorted, t);
    if (n !== last[0]) {
      last[1] = initial * gamma ** n;
      last[0] = n;
    }
    return last[1]!;
  };
  return describe(f, { kind: 'multiStep', initial, gamma, milestones: [...sorted] });
}
