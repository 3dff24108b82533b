import { LrkitError } from '../errors.js';
import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { describe } from '../export/describe.js';

export interface JoinOptions {
  /**
   * Who owns a step equal to a boundary: 'next' (default; the next schedule starts at its own
   * step 0 there, as optax `join_schedules` and PyTorch `SequentialLR`) or 'previous' (the
   * earlier schedule still runs at the boundary, as PyTorch `OneCycleLR`'s phases).
   */
  at?: 'next' | 'previous';
}

/**
 * Sequence: schedule i runs from boundary i−1 to boundary i and sees `t − boundary[i−1]` (its own
 * step count from 0). `n` schedules need `n − 1` non-decreasing boundaries.
 * @example join([constant(0.1), linear({ from: 0.1, to: 0, steps: 10 })], [5])(10) // 0.05
 */
export function join(
  schedules: readonly Schedule[],
  boundaries: readonly number[],
  { at = 'next' }: JoinOptions = {},
): Schedule {
  if (schedules.length === 0) throw new LrkitError('join: needs at least one schedule, got 0');
  if (boundaries.length !== schedules.length - 1) {
    throw new LrkitError(
      `join: ${schedules.length} schedules need ${schedules.length - 1} boundaries, got ${boundaries.length}`,
    );
  }
  boundaries.forEach((b, i) => {
    check('join', `boundaries[${i}]`, b, rules.finite);
    if (i > 0 && b < boundaries[i - 1]!) {
      throw new LrkitError(
        `join: boundaries must be non-decreasing, got ${boundaries[i - 1]} then ${b} at index ${i}`,
      );
    }
  });
  if (schedules.length === 1) return schedules[0]!;
  const bs = [...boundaries];
  const ss = [...schedules];
  // 'next': a step equal to a boundary belongs to the later schedule; 'previous': to the earlier
  // one. Shifting the comparison into the boundary keeps the search loop free of a closure call.
  const strict = at === 'previous';
  const n = bs.length;
  const f: Schedule = (t) => {
    // index of the active schedule = number of boundaries already passed
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const b = bs[mid]!;
      if (strict ? t > b : t >= b) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? ss[0]!(t) : ss[lo]!(t - bs[lo - 1]!);
  };
  return describe(f, { kind: 'join', schedules: ss, boundaries: bs, at });
}

/** Index of the schedule `join` uses at step t (the number of boundaries passed). */
export function activeIndex(boundaries: readonly number[], t: number, at: 'next' | 'previous') {
  let i = 0;
  while (i < boundaries.length && (at === 'next' ? t >= boundaries[i]! : t > boundaries[i]!)) i++;
  return i;
}
