/**
 * fastai's `combine_scheds` as a schedule of progress, with its float32 arithmetic: fastai keeps
 * the cumulative pcts in a float32 tensor, so segment boundaries and in-segment positions carry
 * float32 rounding, and a boundary can move by one step (fit_sgdr's late restart).
 */
import { join } from '../../compose/join.js';
import { LrkitError } from '../../errors.js';
import { describe } from '../../export/describe.js';
import type { Schedule } from '../../schedule.js';

const f32 = Math.fround;

/**
 * The cumulative pcts as fastai holds them: `torch.cumsum(tensor([0] + pcts))`. Each pct is
 * rounded to float32, torch's CPU cumsum adds them in double and rounds each partial sum to
 * float32: `[0, P1, …, Pn]`.
 * @example float32Cumulative([1 / 7, 2 / 7, 4 / 7])[2] // 0.4285714626312256 (> fround(3/7))
 */
export function float32Cumulative(pcts: readonly number[]): number[] {
  const out = [0];
  let sum = 0;
  for (const p of pcts) {
    sum += f32(p);
    out.push(f32(sum));
  }
  return out;
}

/** True when the last segment has no length in float32 (fastai would divide 0 by 0 at its end). */
export function lastSegmentEmpty(pcts: readonly number[]): boolean {
  const c = float32Cumulative(pcts);
  return c.length < 2 || c[c.length - 1] === c[c.length - 2];
}

/**
 * `combine_scheds(pcts, scheds)` over pos ∈ [0, 1]: with P the float32 cumulative pcts, the
 * segment is the last i with fround(pos) ≥ P[i] (at most n − 1; empty segments are skipped), and
 * it runs at `actual_pos = fround(fround(fround(pos) − P[i]) / fround(P[i+1] − P[i]))`, float32
 * arithmetic as in fastai. Built on `join` (boundaries P1…P(n−1), owned by the next segment).
 * pos is clamped to [0, 1] and actual_pos to at most 1, so the end value holds (fastai would
 * extrapolate the last segment).
 * @example combineScheds([0.5, 0.5], [constant(1), constant(2)])(0.5) // 2
 */
export function combineScheds(pcts: readonly number[], scheds: readonly Schedule[]): Schedule {
  if (pcts.length !== scheds.length || scheds.length === 0) {
    throw new LrkitError(
      `combineScheds: needs one pct per schedule, got ${pcts.length} pcts and ${scheds.length} schedules`,
    );
  }
  if (lastSegmentEmpty(pcts)) {
    throw new LrkitError(
      `combineScheds: the last segment has no length in float32 (pcts ${pcts.join(', ')})`,
    );
  }
  const cum = float32Cumulative(pcts);
  const pieces = scheds.map((s, i): Schedule => {
    const width = f32(cum[i + 1]! - cum[i]!);
    // join hands segment i the offset fround(pos) − P[i] computed in double; rounding it to
    // float32 gives exactly fastai's float32 subtraction (as for the division after it)
    return describe((offset: number) => s(Math.min(1, f32(f32(offset) / width))), {
      kind: 'float32Segment',
      schedule: s,
      width,
    });
  });
  const joined = join(pieces, cum.slice(1, scheds.length), { at: 'next' });
  return describe((pos: number) => joined(f32(Math.min(Math.max(pos, 0), 1))), {
    kind: 'float32Clamp',
    schedule: joined,
  });
}
