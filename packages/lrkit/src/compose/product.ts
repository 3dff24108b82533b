import { LrkitError } from '../errors.js';
import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { describe, descriptionOf, unwrapMemo } from '../export/describe.js';

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

/**
 * A list of schedules (one per param group) written as one shared schedule s under a per-group
 * affine map, `f_g(t) = offset[g] + coef[g] · s(t)`, with exactly each closure's rounding:
 * - 'between': every group's schedule is `between(s, …)`, `to + span · s(t)`: offset = to,
 *   coef = span;
 * - 'scale': every group's is `scale(s, k)`, `k · s(t)`: coef = k and offset = −0, since
 *   x + (−0) = x for every double x (−0, ±Infinity and NaN included);
 * - 'same': every group's is s itself: coef = 1 (1 · x = x), offset = −0.
 */
export interface SharedAffine {
  readonly kind: 'same' | 'scale' | 'between';
  /**
   * The shared schedule s, evaluated once per step for all groups; a `memoLast` around it is
   * unwrapped (sharing it between groups is what this form does).
   */
  readonly schedule: Schedule;
  /** Per group: between's `span`, scale's `k`, or 1. */
  readonly coef: Float64Array;
  /** Per group: between's `to`, or −0. */
  readonly offset: Float64Array;
}

/**
 * Recognises schedules built as `scale` or `between` of one shared schedule (from the
 * descriptions those two register), or one schedule repeated, so that a caller stepping all of
 * them (the Scheduler) evaluates the shared schedule once per step and each group as
 * `offset[g] + coef[g] · s(t)`, bit-identical to the group's own closure. Undefined when the
 * schedules share no such form.
 * @param schedules one per param group (at least one; undefined: that group has none)
 * @example
 * const unit = memoLast(cosine({ from: 1, to: 0, period: 100 }));
 * sharedAffine([between(unit, 0.1, 0), between(unit, 0.2, 0)]);
 * // { kind: 'between', schedule: the cosine, coef: [0.1, 0.2], offset: [0, 0] }
 */
export function sharedAffine(
  schedules: readonly (Schedule | undefined)[],
): SharedAffine | undefined {
  const first = schedules[0];
  if (first === undefined) return undefined;
  const coef = new Float64Array(schedules.length).fill(1);
  const offset = new Float64Array(schedules.length).fill(-0);
  const nodes = schedules.map((f) => (f ? descriptionOf(f) : undefined));
  const head = nodes[0];
  if (
    (head?.kind === 'scale' || head?.kind === 'between') &&
    nodes.every(
      (d) =>
        (d?.kind === 'scale' || d?.kind === 'between') &&
        d.kind === head.kind &&
        d.schedule === head.schedule,
    )
  ) {
    nodes.forEach((d, g) => {
      if (d?.kind === 'scale') coef[g] = d.k;
      if (d?.kind === 'between') [coef[g], offset[g]] = [d.span, d.to];
    });
    return { kind: head.kind, schedule: unwrapMemo(head.schedule), coef, offset };
  }
  if (schedules.every((f) => f === first)) {
    return { kind: 'same', schedule: unwrapMemo(first), coef, offset };
  }
  return undefined;
}
