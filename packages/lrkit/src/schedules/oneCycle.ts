import { join } from '../compose/join.js';
import { LrkitError } from '../errors.js';
import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { anneal, type AnnealShape } from './anneal.js';
import { constant } from './constant.js';
import { describe } from '../export/describe.js';

/**
 * Consecutive anneals through `values` (n + 1 points for n phases); phase i ends at step `ends[i]`
 * and starts where phase i−1 ended (phase 0 at step 0). A step equal to a phase end still belongs
 * to that phase; steps after the last end hold the last value. A phase of zero or negative length
 * is skipped (its end value applies).
 * @example annealPhases([4, 9], [0.1, 1, 0.01], 'linear')(2) // 0.55
 */
export function annealPhases(
  ends: readonly number[],
  values: readonly number[],
  shape: AnnealShape,
): Schedule {
  if (values.length !== ends.length + 1) {
    throw new LrkitError(
      `annealPhases: ${ends.length} phases need ${ends.length + 1} values, got ${values.length}`,
    );
  }
  // A step belongs to the first phase whose end it has not passed, and is measured from the end
  // of the phase listed before it (PyTorch's phase scan). When ends are out of order (tiny
  // pct_start with three phases) selection uses their running maximum.
  const selectAt: number[] = [];
  ends.slice(0, -1).forEach((e, i) => selectAt.push(i === 0 ? e : Math.max(e, selectAt[i - 1]!)));
  const pieces = ends.map((end, i): Schedule => {
    const start = i === 0 ? 0 : ends[i - 1]!;
    const steps = end - start;
    const piece =
      steps > 0
        ? anneal({ from: values[i]!, to: values[i + 1]!, steps, shape })
        : constant(values[i + 1]!);
    const shift = i === 0 ? 0 : selectAt[i - 1]! - start;
    return shift === 0
      ? piece
      : describe((t: number) => piece(t + shift), { kind: 'shift', schedule: piece, by: shift });
  });
  return join(pieces, selectAt, { at: 'previous' });
}

export interface OneCycleOptions {
  /** Total number of steps T (positive integer); the cycle ends at step T − 1. */
  total: number;
  /** Fraction of the cycle spent rising (default 0.3). */
  pctStart?: number;
  /** Three phases (up, back down to `initial`, then down to `final`) instead of two. */
  threePhase?: boolean;
}

/**
 * The phase ends of a one-cycle schedule, in PyTorch's arithmetic: two phases end at
 * pct·T − 1 and T − 1; three at pct·T − 1, 2·pct·T − 2 and T − 1.
 */
export function oneCycleEnds({ total, pctStart = 0.3, threePhase = false }: OneCycleOptions) {
  check('oneCycle', 'total', total, rules.positiveInt);
  check('oneCycle', 'pctStart', pctStart, rules.unitInterval);
  const up = pctStart * total - 1;
  return threePhase ? [up, 2 * pctStart * total - 2, total - 1] : [up, total - 1];
}

/**
 * One-cycle: anneal from `initial` up to `peak` over the first pct of the steps, then down to
 * `final` (three-phase: peak → initial → final). After the last phase end the value holds (with
 * three phases and pctStart > 0.5 the second phase ends past T − 1, as in PyTorch, so `final` is
 * never reached).
 * @see Smith & Topin, Super-Convergence, 2017.
 * @example oneCycle({ initial: 0.004, peak: 0.1, final: 4e-7, total: 100, shape: 'cos' })(29) // 0.1
 */
export function oneCycle(
  options: OneCycleOptions & { initial: number; peak: number; final: number; shape: AnnealShape },
): Schedule {
  const { initial, peak, final, shape, threePhase = false } = options;
  check('oneCycle', 'initial', initial, rules.nonNegative);
  check('oneCycle', 'peak', peak, rules.nonNegative);
  check('oneCycle', 'final', final, rules.nonNegative);
  const ends = oneCycleEnds(options);
  const values = threePhase ? [initial, peak, initial, final] : [initial, peak, final];
  return annealPhases(ends, values, shape);
}
