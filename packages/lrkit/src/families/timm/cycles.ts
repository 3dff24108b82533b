/**
 * timm's cycle arithmetic, shared by CosineLRScheduler, TanhLRScheduler and PolyLRScheduler: which
 * cycle a step is in and where in it, computed as timm computes it (Python floats, `math.log` with
 * a base, `//`), so that restarts land on the same steps as in timm, rounding quirks included.
 */
import { between } from '../../compose/product.js';
import { describe, type TimmShape } from '../../export/describe.js';
import type { Schedule } from '../../schedule.js';
import { compileExpr } from '../../spec/expr.js';

// CPython-exact `math.log(x, base)` and `//` (glibc's correctly rounded log, Python's float floor
// division): at exact cycle boundaries the floor of the log ratio decides the cycle, and JS's
// Math.log differs from glibc's in the last bit often enough to move it.
const pyLog = compileExpr('lambda x, base: math.log(x, base)');
const pyFloorDiv = compileExpr('lambda a, b: a // b');

/** Python's `a // b` on floats (and ints). */
export function floorDiv(a: number, b: number): number {
  return pyFloorDiv.evaluate(a, b);
}

/** Where a step is: cycle `index`, position `pos` in it, and the cycle's `length`. */
export interface CyclePosition {
  readonly index: number;
  readonly pos: number;
  readonly length: number;
}

/**
 * timm's cycle location of step t (`_get_lr`): with cycle_mul = 1, i = t // t_initial; otherwise
 * i = ⌊log(1 − t/t_initial · (1 − cycle_mul), cycle_mul)⌋, t_i = cycle_mul^i · t_initial,
 * t_cur = t − (1 − cycle_mul^i)/(1 − cycle_mul) · t_initial. Where the log ratio rounds just below
 * an integer (`math.log(1000, 10)` is 2.9999999999999996) timm puts an exact restart step at the
 * end of the previous cycle; so does this.
 *
 * Returns undefined past the end of every cycle: with cycle_mul < 1 the cycles shrink
 * geometrically and all of them fit in t_initial / (1 − cycle_mul) steps; from there on timm's
 * `math.log` raises ValueError (math domain error). Where timm's arithmetic overflows (cycle_mul
 * > 1 and t/t_initial · (cycle_mul − 1) beyond 1.8e308, an OverflowError in timm) the index comes
 * from the logs of the factors instead.
 */
export function timmCycle(t: number, tInitial: number, mul: number): CyclePosition | undefined {
  if (mul === 1) {
    const index = floorDiv(t, tInitial);
    return { index, pos: t - tInitial * index, length: tInitial };
  }
  const x = 1 - (t / tInitial) * (1 - mul);
  if (!(x > 0)) return undefined;
  const index =
    x < Infinity
      ? Math.floor(pyLog.evaluate(x, mul))
      : Math.floor((Math.log(t / tInitial) + Math.log(mul - 1)) / Math.log(mul));
  const grown = mul ** index;
  return { index, pos: t - ((1 - grown) / (1 - mul)) * tInitial, length: grown * tInitial };
}

export interface CycledOptions {
  readonly tInitial: number;
  readonly mul: number;
  /** Peak factor per cycle (cycle i peaks at base · decay^i). */
  readonly decay: number;
  /** Cycles before the lr stays at lrMin. */
  readonly limit: number;
  readonly lrMin: number;
  /** k-decay exponent (1: none). */
  readonly k: number;
}

/**
 * One param group's timm curve with restarts: in cycle i (while i < cycle_limit) the unit shape
 * of that cycle (1 at its start, falling towards 0 at its end) mapped onto [lr_min, base·decay^i]:
 * `lr_min + (base·decay^i − lr_min) · unit(t_cur^k)` where `unit(len)` is the shape over a cycle of
 * (k-decayed) length t_i^k; lr_min once the cycles are used up. t_cur is kept in [0, t_i] so that
 * rounding at a restart cannot push a fractional power or a poly base below 0 (timm would get a
 * complex number there and fail). `shape` describes `unit` (the cosine, tanh or polynomial from 1
 * to 0 that it builds) for code export.
 */
export function cycled(
  o: CycledOptions,
  base: number,
  unit: (length: number) => Schedule,
  shape: TimmShape,
): Schedule {
  let lastIndex = NaN;
  let lastLength = NaN;
  let piece: Schedule = () => o.lrMin;
  const f: Schedule = (t) => {
    const c = timmCycle(t, o.tInitial, o.mul);
    if (c === undefined || !(c.index < o.limit)) return o.lrMin;
    const cur = c.pos > 0 ? Math.min(c.pos, c.length) : 0;
    let a = cur ** o.k;
    let b = c.length ** o.k;
    if (!(b > 0 && b < Infinity && a < Infinity)) {
      // overflow or underflow of the powers, where timm would divide inf by inf or by 0
      a = c.length < Infinity ? (cur / c.length) ** o.k : 0;
      b = 1;
    }
    if (c.index !== lastIndex || b !== lastLength) {
      piece = between(unit(b), base * o.decay ** c.index, o.lrMin);
      lastIndex = c.index;
      lastLength = b;
    }
    return piece(a);
  };
  // `shape` names what `unit` builds, for export (src/export/describe.ts, TimmCyclesNode)
  return describe(f, { kind: 'timmCycles', ...o, base, unit: shape });
}
