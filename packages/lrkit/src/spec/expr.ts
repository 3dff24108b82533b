/**
 * Safe arithmetic expressions: the Python lambdas users paste from PyTorch
 * (`lambda e: min(1.0, (e+1)/10)`), kept as text so schedules stay serialisable.
 *
 * The text is tokenised and parsed once, by {@link compileExpr}, into a tree of JS closures (one per
 * node, constant sub-trees folded); {@link CompiledExpr.evaluate} only runs those closures. Nothing
 * is ever handed to `eval` or `Function`: the only names an expression can reach are its parameters,
 * a few constants and the math functions listed in {@link EXPR_FUNCTIONS}.
 *
 * Semantics follow Python 3: precedence, chained comparisons, `and`/`or` returning an operand,
 * `//` and `%` on floats, `round` half to even, and Python's int/float distinction where it shows
 * (the sign of zero, `int ** int` computed exactly). Arguments with integer values are Python ints,
 * as PyTorch passes them. Where Python would fail (division by zero, math domain errors, overflow of
 * `**`), or quietly produce nan from non-nan operands (`inf - inf`), evaluation throws an
 * {@link LrkitError} naming the expression and the argument values.
 *
 * Results equal CPython's bit for bit for + - * / // % and sqrt (the same IEEE operations), and,
 * through the double-double code below, for `**`, pow, exp, log, log2, sin, cos and tan except in
 * about 1 input in 2000 where glibc itself is not correctly rounded (JS's Math.pow alone is off in
 * about 1 in 10). The other functions (log10, log1p, expm1, atan, asin, acos, atan2, sinh, cosh,
 * tanh, hypot) are JS's Math ones and may differ from CPython in the last bit. Ints beyond 2^53 are
 * doubles here, not Python's exact integers.
 */
import { LrkitError, SpecSyntaxError, didYouMean } from '../errors.js';

/** A parsed expression, ready to be evaluated many times. */
export interface CompiledExpr {
  /** The source text as given (trimmed). */
  readonly source: string;
  /** Parameter names, e.g. ['e'] for `lambda e: ...`. */
  readonly params: readonly string[];
  /** Evaluates with one number per parameter. Returns a number (booleans become 1/0). */
  evaluate(...args: number[]): number;
}

/** Options of {@link compileExpr}. */
export interface CompileExprOptions {
  /**
   * Names a bare expression (one without `lambda`) may use; all are bound to the first argument.
   * Default {@link DEFAULT_EXPR_PARAMS}.
   */
  defaultParams?: readonly string[];
}

/** The names a bare expression may use for its argument, unless told otherwise. */
export const DEFAULT_EXPR_PARAMS: readonly string[] = ['epoch', 'e', 'step', 't', 'x'];

// ---------------------------------------------------------------------------------------------
// Compiled nodes
// ---------------------------------------------------------------------------------------------

type Args = readonly number[];
type Fn = (a: Args) => number;
type Pred = (a: Args) => boolean;
/** Python type of a node's value, when known before evaluation. */
type Ty = 'int' | 'float' | 'dyn';

/** One compiled node: its value, its Python type and whether it depends on no parameter. */
interface Node {
  readonly f: Fn;
  readonly t: Ty;
  /** True when the value is a Python int; only consulted on rare paths (signed zeros, `**`). */
  readonly i: Pred;
  /** Constant: reads no parameter. */
  readonly k: boolean;
}

const YES: Pred = () => true;
const NO: Pred = () => false;
const TWO53 = 2 ** 53;

function node(f: Fn, t: Ty, k: boolean, i?: Pred): Node {
  return { f, t, k, i: t === 'int' ? YES : t === 'float' ? NO : (i ?? NO) };
}

function constant(v: number, int: boolean): Node {
  return node(() => v, int ? 'int' : 'float', true);
}

/** The Python type of an arithmetic result: int only when every operand is an int. */
function numType(xs: readonly Node[]): { t: Ty; i: Pred } {
  if (xs.every((x) => x.t === 'int')) return { t: 'int', i: YES };
  if (xs.some((x) => x.t === 'float')) return { t: 'float', i: NO };
  const preds = xs.map((x) => x.i);
  return { t: 'dyn', i: (a) => preds.every((p) => p(a)) };
}

/** The type of a node that returns one of its operands (`and`, `min`, conditionals). */
function eitherType(xs: readonly Node[]): Ty {
  const t = xs[0]!.t;
  return t !== 'dyn' && xs.every((x) => x.t === t) ? t : 'dyn';
}

/** Formats a number for a message, Python-style for the specials. */
function fmt(v: number | undefined): string {
  if (v === undefined) return '?';
  if (v !== v) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  if (Object.is(v, -0)) return '-0.0';
  return String(v);
}

/** Evaluation context: builds the runtime errors. */
interface Cx {
  readonly source: string;
  params: readonly string[];
}

function fail(cx: Cx, what: string, a: Args): never {
  const at = cx.params.length
    ? ` at ${cx.params.map((p, j) => `${p}=${fmt(a[j])}`).join(', ')}`
    : '';
  throw new LrkitError(`${what} in '${cx.source}'${at}`);
}

/** Replaces a node whose operands are all constant by its value (errors are left for runtime). */
function fold(n: Node): Node {
  if (!n.k) return n;
  try {
    return constant(n.f([]), n.i([]));
  } catch (err) {
    if (err instanceof LrkitError) return { ...n, k: false };
    throw err;
  }
}

/** The sign bit of `v`, also for zeros and nan. */
function signBit(v: number): boolean {
  if (v !== 0 && v === v) return v < 0;
  if (v === 0) return Object.is(v, -0);
  F64[0] = v;
  return U32[HI]! >= 0x80000000;
}

function isOddInteger(v: number): boolean {
  return Math.abs(v) % 2 === 1;
}

// ---------------------------------------------------------------------------------------------
// pow, exp, log, log2, sin, cos, tan rounded like CPython's (glibc's)
// ---------------------------------------------------------------------------------------------
//
// V8's Math.pow, exp, log, sin, cos and tan are within about 1 ulp but not correctly rounded:
// Math.pow(0.95, 10) is one ulp away from CPython's 0.95**10, so a LambdaLR trajectory built on it
// drifts from PyTorch's. glibc's versions are correctly rounded in all but rare cases. These carry
// about 100 bits (double-double arithmetic: a value is an unevaluated sum hi + lo of two doubles)
// and round once at the end, so they are correctly rounded unless the exact result lies within
// about 2^-20 ulp of a rounding boundary. Double-double helpers return the high part and leave the
// low part in LO. The tables they use are computed on first use (a few milliseconds).

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
/** Index in U32 of the word holding the sign, exponent and top of the mantissa. */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

let LO = 0;
/** Veltkamp's splitter, 2^27 + 1. */
const SPLIT = 134217729;

/** a + b exactly, as hi + LO. */
function twoSum(a: number, b: number): number {
  const s = a + b;
  const t = s - a;
  LO = a - (s - t) + (b - t);
  return s;
}

/** a + b exactly when |a| >= |b| (or a == 0), as hi + LO. */
function quickTwoSum(a: number, b: number): number {
  const s = a + b;
  LO = b - (s - a);
  return s;
}

/** a * b exactly (Dekker), as hi + LO. */
function twoProd(a: number, b: number): number {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  LO = ah * bh - p + ah * bl + al * bh + al * bl;
  return p;
}

function mulDD(ah: number, al: number, bh: number, bl: number): number {
  const p = twoProd(ah, bh);
  return quickTwoSum(p, LO + (ah * bl + al * bh));
}

function addDD(ah: number, al: number, bh: number, bl: number): number {
  const s = twoSum(ah, bh);
  return quickTwoSum(s, LO + al + bl);
}

/** 2^q for -1022 <= q <= 1023. */
function twoTo(q: number): number {
  U32[HI] = (q + 1023) << 20;
  U32[1 - HI] = 0;
  return F64[0]!;
}

/** Double-doubles as pairs, for building the tables once (slow, allocation is fine). */
type DD = readonly [number, number];
const dd = (h: number): DD => [h, 0];
const ddAdd = (a: DD, b: DD): DD => [addDD(a[0], a[1], b[0], b[1]), LO];
const ddMul = (a: DD, b: DD): DD => [mulDD(a[0], a[1], b[0], b[1]), LO];
const ddNeg = (a: DD): DD => [-a[0], -a[1]];

function ddDiv(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  let r = ddAdd(a, ddNeg(ddMul(b, dd(q1))));
  const q2 = r[0] / b[0];
  r = ddAdd(r, ddNeg(ddMul(b, dd(q2))));
  return ddAdd(ddAdd(dd(q1), dd(q2)), dd(r[0] / b[0]));
}

function ddSqrt(a: DD): DD {
  const s = Math.sqrt(a[0]);
  const p = twoProd(s, s);
  const pl = LO;
  return [quickTwoSum(s, (a[0] - p - pl + a[1]) / (2 * s)), LO];
}

/** ln(v) for v in [1/2, 2] from the series 2·atanh((v-1)/(v+1)); only used to build tables. */
function lnSlow(v: DD, reciprocals: DD[]): DD {
  const s = ddDiv(ddAdd(v, dd(-1)), ddAdd(v, dd(1)));
  const s2 = ddMul(s, s);
  let term = s;
  let sum = s;
  for (let j = 3; Math.abs(term[0]) > 1e-36 * Math.abs(sum[0]); j += 2) {
    term = ddMul(term, s2);
    reciprocals[j] ??= ddDiv(dd(1), dd(j));
    sum = ddAdd(sum, ddMul(term, reciprocals[j]!));
  }
  return ddAdd(sum, sum);
}

interface Tables {
  /** ln 2 as hi, lo. */
  readonly ln2: DD;
  readonly invLn2: DD;
  readonly third: DD;
  /** ln2/64 in three parts; the first has 36 bits so that k * part1 is exact. */
  readonly c1: number;
  readonly c2: number;
  readonly c3: number;
  /** 2^(j/64) for j = 0..63 as hi, lo pairs. */
  readonly exp2: Float64Array;
  /** For i = -40..56 (stored at i + 40): 1/(1 + i/128) rounded, and -ln of that double as hi, lo. */
  readonly invc: Float64Array;
  readonly logInvc: Float64Array;
  /** π/2 in four parts; the first three have 33 bits so that n * part is exact for |n| < 2^20. */
  readonly halfPi: readonly number[];
  /** (-1)^k / n! for n = 2..7 as hi, lo pairs (index 2n, 2n + 1). */
  readonly taylor: Float64Array;
}

let tablesCache: Tables | undefined;

function tables(): Tables {
  if (tablesCache) return tablesCache;
  const reciprocals: DD[] = [];
  const ln2 = lnSlow(dd(2), reciprocals);
  const c = ddMul(ln2, dd(1 / 64));
  const c1 = Math.floor(c[0] * 2 ** 42) / 2 ** 42;
  const c2 = quickTwoSum(c[0] - c1, c[1]);
  const c3 = LO;
  const exp2 = new Float64Array(128);
  let root: DD = dd(2);
  for (let n = 0; n < 6; n++) root = ddSqrt(root);
  let power: DD = dd(1);
  for (let j = 0; j < 64; j++) {
    exp2[2 * j] = power[0];
    exp2[2 * j + 1] = power[1];
    power = ddMul(power, root);
  }
  const invc = new Float64Array(97);
  const logInvc = new Float64Array(194);
  for (let i = -40; i <= 56; i++) {
    const v = 1 / (1 + i / 128);
    const l = ddNeg(lnSlow(dd(v), reciprocals));
    invc[i + 40] = v;
    logInvc[2 * (i + 40)] = l[0];
    logInvc[2 * (i + 40) + 1] = l[1];
  }
  const taylor = new Float64Array(16);
  let fact = 1;
  for (let n = 2; n <= 7; n++) {
    fact *= n;
    const sign = n % 4 === 2 || n % 4 === 3 ? -1 : 1;
    const v = ddDiv(dd(sign), dd(fact));
    taylor[2 * n] = v[0];
    taylor[2 * n + 1] = v[1];
  }
  tablesCache = {
    ln2,
    invLn2: ddDiv(dd(1), ln2),
    third: ddDiv(dd(1), dd(3)),
    c1,
    c2,
    c3,
    exp2,
    invc,
    logInvc,
    halfPi: halfPiParts(),
    taylor,
  };
  return tablesCache;
}

/** ln(x) for finite x > 0, as hi + LO with a relative error below 2^-85. */
function lnDD(x: number): number {
  const t = tables();
  let k = 0;
  F64[0] = x;
  if (U32[HI]! < 0x00100000) {
    F64[0] = x * 2 ** 54; // subnormal: make it normal first
    k = -54;
  }
  const hi = U32[HI]!;
  k += (hi >>> 20) - 1023;
  U32[HI] = (hi & 0x000fffff) | 0x3ff00000;
  let m = F64[0]!; // x = 2^k * m, m in [1, 2)
  if (m > Math.SQRT2) {
    m *= 0.5;
    k += 1;
  }
  // m = (1 + r) / invc with |r| < 2^-7.4; ln m = -ln(invc) + ln(1 + r)
  const i = Math.round((m - 1) * 128) + 40;
  const p = twoProd(m, t.invc[i]!);
  const rh = twoSum(p - 1, LO);
  const rl = LO;
  // ln(1 + r) = r - r²/2 + r³/3 - r⁴/4 + r⁵·(1/5 - r/6 + ...): the first four terms in double-double
  const r2 = twoProd(rh, rh);
  const r2l = LO;
  const r3 = mulDD(r2, r2l, rh, 0);
  const r3l = LO;
  const t3 = mulDD(r3, r3l, t.third[0], t.third[1]);
  const t3l = LO;
  const r4 = mulDD(r2, r2l, r2, r2l);
  const r4l = LO;
  const tail =
    r4 *
    rh *
    (1 / 5 -
      rh *
        (1 / 6 -
          rh *
            (1 / 7 -
              rh *
                (1 / 8 -
                  rh *
                    (1 / 9 -
                      rh * (1 / 10 - rh * (1 / 11 - rh * (1 / 12 - rh * (1 / 13 - rh / 14)))))))));
  let s = twoSum(rh, -0.5 * r2);
  let e = LO;
  s = twoSum(s, t3);
  e += LO;
  s = twoSum(s, -0.25 * r4);
  e += LO + (rl - rl * rh - 0.5 * r2l + t3l - 0.25 * r4l + tail);
  const lh = quickTwoSum(s, e);
  const ll = LO;
  // + k ln2 - ln(invc)
  const kh = twoProd(k, t.ln2[0]);
  const kl = LO + k * t.ln2[1];
  const a = addDD(kh, kl, t.logInvc[2 * i]!, t.logInvc[2 * i + 1]!);
  return addDD(a, LO, lh, ll);
}

/** e^(zh + zl), rounded, for |zh| <= 746 (0 or Infinity beyond the double range). */
function expDD(zh: number, zl: number): number {
  const t = tables();
  const kf = Math.round(zh * (64 / Math.LN2));
  // r = z - kf·ln2/64, |r| <= ln2/128 + tiny
  const r0 = zh - kf * t.c1; // exact
  const a = twoProd(kf, t.c2);
  const al = LO;
  const rs = twoSum(r0, -a);
  const rh = quickTwoSum(rs, LO - al + zl - kf * t.c3);
  const rl = LO;
  // e^r = 1 + r + r²/2 + r³·(1/6 + r/24 + ...)
  const r2 = twoProd(rh, rh);
  const r2l = LO;
  const tail =
    rh *
    r2 *
    (1 / 6 + rh * (1 / 24 + rh * (1 / 120 + rh * (1 / 720 + rh * (1 / 5040 + rh / 40320)))));
  let s = twoSum(1, rh);
  let e = LO;
  s = twoSum(s, 0.5 * r2);
  e += LO + (rl + rh * rl + 0.5 * r2l + tail);
  const eh = quickTwoSum(s, e);
  const el = LO;
  const j = ((kf % 64) + 64) % 64;
  const q = (kf - j) / 64;
  const h = mulDD(eh, el, t.exp2[2 * j]!, t.exp2[2 * j + 1]!);
  if (q > 1023) return h * twoTo(1023) * twoTo(q - 1023);
  if (q < -1022) return h * twoTo(q + 200) * twoTo(-200);
  return h * twoTo(q);
}

/** x ** y for finite x > 0, x != 1 and finite y != 0; Infinity on overflow. */
function powPositive(x: number, y: number): number {
  return expTimes(lnDD(x), LO, y);
}

/** e^(y·(lh + ll)): x ** y once ln x is known. */
function expTimes(lh: number, ll: number, y: number): number {
  const z = y * lh;
  if (z > 710) return Infinity;
  if (z < -746) return 0;
  const zh = twoProd(y, lh);
  return expDD(quickTwoSum(zh, LO + y * ll), LO);
}

/** π/2 in four parts; the first three have 33 bits (see {@link Tables.halfPi}). */
function halfPiParts(): number[] {
  // π/2 · 2^220 from Machin's formula π = 16·atan(1/5) − 4·atan(1/239), in integers
  const one = 1n << 220n;
  const atanInv = (k: bigint): bigint => {
    let power = one / k;
    let sum = power;
    for (let j = 1n; power !== 0n; j++) {
      power /= k * k;
      sum += ((j & 1n) === 1n ? -power : power) / (2n * j + 1n);
    }
    return sum;
  };
  let rest = (16n * atanInv(5n) - 4n * atanInv(239n)) / 2n;
  const parts: number[] = [];
  // π/2 is in [1, 2): its top 33 bits are rest >> 188, worth 2^-32 each
  for (let shift = 188; shift > 100; shift -= 33) {
    const top = rest >> BigInt(shift);
    parts.push(Number(top) * twoTo(shift - 220));
    rest -= top << BigInt(shift);
  }
  parts.push(Number(rest) * twoTo(-220));
  return parts;
}

/** sin r for r = rh + rl, r² = r2 + r2l, |r| <= π/4 + tiny; as hi + LO. */
function sinSeries(rh: number, rl: number, r2: number, r2l: number, c: Float64Array): number {
  // r - r³/3! + r⁵/5! - r⁷/7! in double-double, then r⁹·(1/9! - r²/11! + ...) in double
  let p = mulDD(rh, rl, r2, r2l);
  let pl = LO;
  let s = addDD(rh, rl, mulDD(p, pl, c[6]!, c[7]!), LO);
  let sl = LO;
  p = mulDD(p, pl, r2, r2l);
  pl = LO;
  s = addDD(s, sl, mulDD(p, pl, c[10]!, c[11]!), LO);
  sl = LO;
  p = mulDD(p, pl, r2, r2l);
  pl = LO;
  s = addDD(s, sl, mulDD(p, pl, c[14]!, c[15]!), LO);
  sl = LO;
  const z = r2;
  const tail =
    p *
    z *
    (1 / 362880 -
      z *
        (1 / 39916800 -
          z *
            (1 / 6227020800 -
              z * (1 / 1307674368000 - z * (1 / 355687428096000 - z / 121645100408832000)))));
  return quickTwoSum(s, sl + tail);
}

/** cos r, same conventions as {@link sinSeries}. */
function cosSeries(r2: number, r2l: number, c: Float64Array): number {
  // 1 - r²/2! + r⁴/4! - r⁶/6! in double-double, then r⁸·(1/8! - r²/10! + ...) in double
  let q = mulDD(r2, r2l, r2, r2l);
  let ql = LO;
  let k = addDD(1, 0, -0.5 * r2, -0.5 * r2l);
  let kl = LO;
  k = addDD(k, kl, mulDD(q, ql, c[8]!, c[9]!), LO);
  kl = LO;
  q = mulDD(q, ql, r2, r2l);
  ql = LO;
  k = addDD(k, kl, mulDD(q, ql, c[12]!, c[13]!), LO);
  kl = LO;
  const z = r2;
  const tail =
    q *
    z *
    (1 / 40320 -
      z *
        (1 / 3628800 -
          z *
            (1 / 479001600 -
              z * (1 / 87178291200 - z * (1 / 20922789888000 - z / 6402373705728000)))));
  return quickTwoSum(k, kl + tail);
}

const MATH_TRIG = [Math.sin, Math.cos, Math.tan] as const;

/** sin (0), cos (1) or tan (2) of x, rounded, for |x| < 1.6e6 (Math's beyond, and for inf/nan). */
function pyTrig(x: number, which: 0 | 1 | 2): number {
  if (!(Math.abs(x) < 1.6e6)) return MATH_TRIG[which](x);
  if (x === 0) return which === 1 ? 1 : x;
  const t = tables();
  const hp = t.halfPi;
  // x = n·π/2 + r, |r| <= π/4 (+ tiny), r as rh + rl
  const n = Math.round(x * (2 / Math.PI));
  const a = x - n * hp[0]!; // exact
  const b = twoSum(a, -n * hp[1]!);
  const bl = LO;
  const b2 = twoSum(b, -n * hp[2]!);
  const rh = twoSum(b2, LO + bl - n * hp[3]!);
  const rl = LO;
  const r2 = mulDD(rh, rl, rh, rl);
  const r2l = LO;
  const quadrant = ((n % 4) + 4) % 4;
  if (which === 2) {
    // tan = sin/cos, or -cos/sin in odd quadrants; one double-double division step
    const s = sinSeries(rh, rl, r2, r2l, t.taylor);
    const sl = LO;
    const k = cosSeries(r2, r2l, t.taylor);
    const kl = LO;
    const odd = quadrant % 2 === 1;
    const nh = odd ? -k : s;
    const nl = odd ? -kl : sl;
    const dh = odd ? s : k;
    const dl = odd ? sl : kl;
    const q1 = nh / dh;
    const m = twoProd(q1, dh);
    return q1 + (nh - m - LO + nl - q1 * dl) / dh;
  }
  // sin x = sin r, cos r, -sin r, -cos r in quadrants 0..3; cos x is sin(x + π/2)
  const turn = which === 0 ? quadrant : (quadrant + 1) % 4;
  const v = turn % 2 === 0 ? sinSeries(rh, rl, r2, r2l, t.taylor) : cosSeries(r2, r2l, t.taylor);
  return turn >= 2 ? -v : v;
}

/** CPython's math.exp. */
function pyExp(x: number): number {
  if (!(x > -746)) return x === -Infinity ? 0 : x !== x ? x : 0;
  if (x > 710) return Infinity;
  return expDD(x, 0);
}

/** CPython's math.log (nan for x < 0, -inf for 0, like C). */
function pyLog(x: number): number {
  if (!(x > 0) || x === Infinity) return x === 0 ? -Infinity : x > 0 ? x : NaN;
  return lnDD(x);
}

function pyLog2(x: number): number {
  if (!(x > 0) || x === Infinity) return x === 0 ? -Infinity : x > 0 ? x : NaN;
  const h = lnDD(x);
  const s = tables().invLn2;
  return mulDD(h, LO, s[0], s[1]);
}

// ---------------------------------------------------------------------------------------------
// Python arithmetic
// ---------------------------------------------------------------------------------------------

/** Python's float `//` (v !== 0): exact even where `Math.floor(u / v)` rounds (`1 // 0.1 == 9`). */
function floorDiv(u: number, v: number): number {
  const mod = u % v;
  let div = (u - mod) / v;
  if (mod !== 0 && v < 0 !== mod < 0) div -= 1;
  if (div !== 0) {
    let fl = Math.floor(div);
    if (div - fl > 0.5) fl += 1;
    return fl;
  }
  return signBit(u / v) ? -0 : 0;
}

/** Python's float `%` (v !== 0): the result has the sign of the divisor. */
function pyMod(u: number, v: number): number {
  let mod = u % v;
  if (mod !== 0) {
    if (v < 0 !== mod < 0) mod += v;
    return mod;
  }
  return signBit(v) ? -0 : 0;
}

type PowFail = (kind: 'overflow' | 'zero' | 'complex') => never;

/** Python's float `**` (and `math.pow`): IEEE specials handled first, as CPython does. */
function floatPow(x: number, y: number, bad: PowFail): number {
  if (x > 0 && x !== 1 && x !== Infinity && y !== 0 && Number.isFinite(y)) {
    const r = powPositive(x, y);
    if (r === Infinity) bad('overflow');
    return r;
  }
  if (y === 0) return 1;
  if (x !== x) return x;
  if (y !== y) return x === 1 ? 1 : y;
  if (y === Infinity || y === -Infinity) {
    const ax = Math.abs(x);
    if (ax === 1) return 1;
    return y > 0 === ax > 1 ? Infinity : 0;
  }
  if (x === Infinity || x === -Infinity) {
    const odd = isOddInteger(y);
    if (y > 0) return odd ? x : Infinity;
    return odd && x < 0 ? -0 : 0;
  }
  if (x === 0) {
    if (y < 0) bad('zero');
    return isOddInteger(y) ? x : 0;
  }
  let negate = false;
  if (x < 0) {
    if (y !== Math.floor(y)) bad('complex');
    x = -x;
    negate = isOddInteger(y);
  }
  if (x === 1) return negate ? -1 : 1;
  const r = powPositive(x, y);
  if (r === Infinity) bad('overflow');
  return negate ? -r : r;
}

/** Python's `int ** int` for y >= 0: exact, then correctly rounded to a double. */
function intPow(x: number, y: number, bad: PowFail): number {
  if (!Number.isFinite(x)) return floatPow(x, y, bad);
  if (y === 0 || x === 1) return 1;
  if (x === 0) return 0;
  if (x === -1) return isOddInteger(y) ? -1 : 1;
  if (y > 1100) bad('overflow');
  let r = 1;
  let b = x;
  let n = y;
  for (;;) {
    if (n % 2 === 1) {
      r *= b;
      if (Math.abs(r) > TWO53) break;
    }
    n = Math.floor(n / 2);
    if (n === 0) return r;
    b *= b;
    if (b > TWO53) break;
  }
  const exact = Number(BigInt(x) ** BigInt(y));
  if (!Number.isFinite(exact)) bad('overflow');
  return exact;
}

/** Python's `round(x)` for a finite float: half to even, as an int (never -0). */
function roundHalfEven(x: number): number {
  const fl = Math.floor(x);
  const d = x - fl;
  const r = d > 0.5 ? fl + 1 : d < 0.5 ? fl : fl % 2 === 0 ? fl : fl + 1;
  return r + 0;
}

/** Rounds the exact rational num/den (both > 0) to an integer, half to even. */
function divHalfEven(num: bigint, den: bigint): bigint {
  let q = num / den;
  const twice = (num - q * den) * 2n;
  if (twice > den || (twice === den && (q & 1n) === 1n)) q += 1n;
  return q;
}

/** `|x| = m * 2**e` exactly, for a finite nonzero double. */
function decompose(x: number): { m: bigint; e: number } {
  F64[0] = Math.abs(x);
  const hi = U32[HI]!;
  const lo = U32[1 - HI]!;
  const biased = hi >>> 20;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  return biased === 0 ? { m: frac, e: -1074 } : { m: frac | (1n << 52n), e: biased - 1075 };
}

/**
 * Python's `round(x, n)` for a float: the exact value of x rounded half to even at the n-th decimal,
 * then read back as the nearest double (CPython rounds through a correctly rounded decimal string).
 */
function roundFloatDigits(x: number, n: number, tooLarge: () => never): number {
  if (!Number.isFinite(x) || x === 0 || n > 323) return x;
  if (n < -308) return 0 * x;
  const { m, e } = decompose(x);
  let num = m;
  let den = 1n;
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  if (n >= 0) num *= 10n ** BigInt(n);
  else den *= 10n ** BigInt(-n);
  const r = Number(`${divHalfEven(num, den)}e${-n}`);
  if (r === Infinity) tooLarge();
  return x < 0 ? -r : r;
}

/** Python's `round(i, n)` for an int: unchanged for n >= 0, else half to even at 10**-n. */
function roundIntDigits(x: number, n: number): number {
  if (n >= 0 || !Number.isFinite(x)) return x;
  if (n < -330) return 0;
  const p = 10n ** BigInt(-n);
  const q = divHalfEven(BigInt(Math.abs(x)), p);
  const r = Number(q * p);
  return (x < 0 ? -r : r) + 0;
}

// ---------------------------------------------------------------------------------------------
// Operators
// ---------------------------------------------------------------------------------------------

type BinOp = '+' | '-' | '*' | '/' | '//' | '%' | '**';
type CmpOp = '<' | '<=' | '>' | '>=' | '==' | '!=';

function invalid(cx: Cx, u: number, op: string, v: number, a: Args): never {
  return fail(cx, `invalid operation ${fmt(u)} ${op} ${fmt(v)} (the result is nan)`, a);
}

function powFail(cx: Cx, u: number, v: number, a: Args, math: boolean): PowFail {
  const what = math ? `math.pow(${fmt(u)}, ${fmt(v)})` : `${fmt(u)} ** ${fmt(v)}`;
  return (kind) => {
    if (kind === 'overflow') {
      return fail(cx, `${what}: ${math ? 'math range error (overflow)' : 'overflow'}`, a);
    }
    if (kind === 'zero') {
      const text = math ? 'math domain error' : 'division by zero (0 to a negative power)';
      return fail(cx, `${what}: ${text}`, a);
    }
    const text = math ? 'math domain error' : 'a negative number to a fractional power is complex';
    return fail(cx, `${what}: ${text}`, a);
  };
}

/** `x ** y` with Python's types: int ** non-negative int is an exact int, anything else a float. */
function power(x: Node, y: Node, cx: Cx, math: boolean): Node {
  const xf = x.f;
  const yf = y.f;
  const k = x.k && y.k;
  if (math || x.t === 'float' || y.t === 'float') {
    const base = x.k && !y.k ? xf([]) : NaN;
    if (base > 0 && base !== 1 && base !== Infinity) {
      // constant base (`0.95**e`): its logarithm is computed once
      const lh = lnDD(base);
      const ll = LO;
      const f: Fn = (a) => {
        const v = yf(a);
        if (v !== 0 && Number.isFinite(v)) {
          const r = expTimes(lh, ll, v);
          if (r !== Infinity) return r;
        }
        return floatPow(base, v, powFail(cx, base, v, a, math));
      };
      return node(f, 'float', false);
    }
    const f: Fn = (a) => {
      const u = xf(a);
      const v = yf(a);
      if (u > 0 && u !== 1 && u !== Infinity && v !== 0 && Number.isFinite(v)) {
        const r = powPositive(u, v);
        if (r !== Infinity) return r;
      }
      return floatPow(u, v, powFail(cx, u, v, a, math));
    };
    return fold(node(f, 'float', k));
  }
  const xi = x.i;
  const yi = y.i;
  const f: Fn = (a) => {
    const u = xf(a);
    const v = yf(a);
    const bad = () => powFail(cx, u, v, a, false);
    if (v >= 0 && xi(a) && yi(a)) return intPow(u, v, bad());
    if (u > 0 && u !== 1 && u !== Infinity && v !== 0 && Number.isFinite(v)) {
      const r = powPositive(u, v);
      if (r !== Infinity) return r;
    }
    return floatPow(u, v, bad());
  };
  return fold(node(f, 'dyn', k, (a) => xi(a) && yi(a) && yf(a) >= 0));
}

function binary(op: BinOp, x: Node, y: Node, cx: Cx): Node {
  if (op === '**') return power(x, y, cx, false);
  const xf = x.f;
  const yf = y.f;
  const k = x.k && y.k;
  const ty = op === '/' ? { t: 'float' as Ty, i: NO } : numType([x, y]);
  const ints = ty.t === 'int';
  const xi = x.i;
  const yi = y.i;
  /** Python ints have no -0: a zero result of int operands is +0. */
  const unsign = ty.t === 'float' ? (r: number) => r : ints ? (r: number) => r + 0 : null;
  let f: Fn;
  switch (op) {
    case '+':
      f = (a) => {
        const u = xf(a);
        const v = yf(a);
        const r = u + v;
        if (r !== r && u === u && v === v) invalid(cx, u, '+', v, a);
        return r;
      };
      break;
    case '-':
      f = (a) => {
        const u = xf(a);
        const v = yf(a);
        const r = u - v;
        if (r !== r && u === u && v === v) invalid(cx, u, '-', v, a);
        return r;
      };
      break;
    case '*':
      f = (a) => {
        const u = xf(a);
        const v = yf(a);
        const r = u * v;
        if (r !== r && u === u && v === v) invalid(cx, u, '*', v, a);
        if (r === 0) return unsign ? unsign(r) : xi(a) && yi(a) ? 0 : r;
        return r;
      };
      break;
    case '/':
      f = (a) => {
        const u = xf(a);
        const v = yf(a);
        if (v === 0) fail(cx, 'division by zero', a);
        const r = u / v;
        if (r !== r && u === u && v === v) invalid(cx, u, '/', v, a);
        return r;
      };
      break;
    case '//':
    case '%': {
      const g = op === '//' ? floorDiv : pyMod;
      const zero = op === '//' ? 'division by zero' : 'modulo by zero';
      f = (a) => {
        const u = xf(a);
        const v = yf(a);
        if (v === 0) fail(cx, zero, a);
        const r = g(u, v);
        if (r !== r && u === u && v === v) invalid(cx, u, op, v, a);
        if (r === 0) return unsign ? unsign(r) : xi(a) && yi(a) ? 0 : r;
        return r;
      };
      break;
    }
  }
  return fold(node(f, ty.t, k, ty.i));
}

function negate(x: Node): Node {
  const xf = x.f;
  const xi = x.i;
  let f: Fn;
  if (x.t === 'int') f = (a) => 0 - xf(a);
  else if (x.t === 'float') f = (a) => -xf(a);
  else
    f = (a) => {
      const v = xf(a);
      return v === 0 && xi(a) ? 0 : -v;
    };
  return fold(node(f, x.t, x.k, xi));
}

const COMPARE: Record<CmpOp, (u: number, v: number) => boolean> = {
  '<': (u, v) => u < v,
  '<=': (u, v) => u <= v,
  '>': (u, v) => u > v,
  '>=': (u, v) => u >= v,
  '==': (u, v) => u === v,
  '!=': (u, v) => u !== v,
};

/** `a < b <= c`: each operand evaluated once, stopping at the first false link; 1 or 0. */
function compare(ops: readonly CmpOp[], xs: readonly Node[]): Node {
  const k = xs.every((x) => x.k);
  if (ops.length === 1) {
    const xf = xs[0]!.f;
    const yf = xs[1]!.f;
    const test = COMPARE[ops[0]!];
    return fold(node((a) => (test(xf(a), yf(a)) ? 1 : 0), 'int', k));
  }
  const fs = xs.map((x) => x.f);
  const tests = ops.map((op) => COMPARE[op]);
  const f: Fn = (a) => {
    let u = fs[0]!(a);
    for (let j = 0; j < tests.length; j++) {
      const v = fs[j + 1]!(a);
      if (!tests[j]!(u, v)) return 0;
      u = v;
    }
    return 1;
  };
  return fold(node(f, 'int', k));
}

/** `a and b`, `a or b`: Python returns the deciding operand (0, -0.0 are false; nan is true). */
function logical(op: 'and' | 'or', x: Node, y: Node): Node {
  const xf = x.f;
  const yf = y.f;
  const xi = x.i;
  const yi = y.i;
  const f: Fn =
    op === 'and'
      ? (a) => {
          const u = xf(a);
          return u === 0 ? u : yf(a);
        }
      : (a) => {
          const u = xf(a);
          return u !== 0 ? u : yf(a);
        };
  const i: Pred =
    op === 'and' ? (a) => (xf(a) === 0 ? xi(a) : yi(a)) : (a) => (xf(a) !== 0 ? xi(a) : yi(a));
  return fold(node(f, eitherType([x, y]), x.k && y.k, i));
}

function conditional(body: Node, test: Node, orelse: Node): Node {
  const bf = body.f;
  const tf = test.f;
  const of = orelse.f;
  const bi = body.i;
  const oi = orelse.i;
  return fold(
    node(
      (a) => (tf(a) !== 0 ? bf(a) : of(a)),
      eitherType([body, orelse]),
      body.k && test.k && orelse.k,
      (a) => (tf(a) !== 0 ? bi(a) : oi(a)),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Functions
// ---------------------------------------------------------------------------------------------

type Builder = (args: readonly Node[], cx: Cx) => Node;
interface FnSpec {
  readonly min: number;
  readonly max: number;
  readonly build: Builder;
}

/** A one-argument math function returning a float, with CPython's error rules. */
function math1(name: string, g: (x: number) => number, canOverflow = false): FnSpec {
  return {
    min: 1,
    max: 1,
    build: ([x], cx) => {
      const xf = x!.f;
      const f: Fn = (a) => {
        const u = xf(a);
        const r = g(u);
        if (r !== r) {
          if (u === u) fail(cx, `${name}(${fmt(u)}): math domain error`, a);
        } else if ((r === Infinity || r === -Infinity) && Number.isFinite(u)) {
          const why = canOverflow ? 'math range error (overflow)' : 'math domain error';
          fail(cx, `${name}(${fmt(u)}): ${why}`, a);
        }
        return r;
      };
      return node(f, 'float', x!.k);
    },
  };
}

/** floor, ceil, trunc, int: a float becomes an int; inf and nan cannot. */
function toInt(name: string, g: (x: number) => number): FnSpec {
  return {
    min: 1,
    max: 1,
    build: ([x], cx) => {
      const xf = x!.f;
      if (x!.t === 'int') return node(xf, 'int', x!.k);
      const f: Fn = (a) => {
        const u = xf(a);
        if (!Number.isFinite(u)) {
          const what = u !== u ? 'NaN' : 'infinity';
          fail(cx, `${name}(${fmt(u)}): cannot convert float ${what} to integer`, a);
        }
        return g(u) + 0;
      };
      return node(f, 'int', x!.k);
    },
  };
}

function minMax(isMax: boolean): FnSpec {
  return {
    min: 2,
    max: Infinity,
    build: (xs) => {
      const fs = xs.map((x) => x.f);
      const is = xs.map((x) => x.i);
      const better = isMax
        ? (v: number, best: number) => v > best
        : (v: number, best: number) => v < best;
      const k = xs.every((x) => x.k);
      if (xs.length === 2) {
        const xf = fs[0]!;
        const yf = fs[1]!;
        const xi = is[0]!;
        const yi = is[1]!;
        const f: Fn = isMax
          ? (a) => {
              const u = xf(a);
              const v = yf(a);
              return v > u ? v : u;
            }
          : (a) => {
              const u = xf(a);
              const v = yf(a);
              return v < u ? v : u;
            };
        return node(f, eitherType(xs), k, (a) => (better(yf(a), xf(a)) ? yi(a) : xi(a)));
      }
      const winner = (a: Args): number => {
        let best = fs[0]!(a);
        let at = 0;
        for (let j = 1; j < fs.length; j++) {
          const v = fs[j]!(a);
          if (better(v, best)) {
            best = v;
            at = j;
          }
        }
        return at;
      };
      const f: Fn = (a) => {
        let best = fs[0]!(a);
        for (let j = 1; j < fs.length; j++) {
          const v = fs[j]!(a);
          if (better(v, best)) best = v;
        }
        return best;
      };
      return node(f, eitherType(xs), k, (a) => is[winner(a)]!(a));
    },
  };
}

function logSpec(): FnSpec {
  const one = (u: number): number | string => {
    const r = pyLog(u);
    if (r !== r) return u === u ? 'math domain error' : r;
    if (r === -Infinity) return 'math domain error';
    return r;
  };
  return {
    min: 1,
    max: 2,
    build: (xs, cx) => {
      const xf = xs[0]!.f;
      if (xs.length === 1) {
        return node(
          (a) => {
            const u = xf(a);
            const r = one(u);
            return typeof r === 'number' ? r : fail(cx, `log(${fmt(u)}): ${r}`, a);
          },
          'float',
          xs[0]!.k,
        );
      }
      const bf = xs[1]!.f;
      const f: Fn = (a) => {
        const u = xf(a);
        const b = bf(a);
        const what = `log(${fmt(u)}, ${fmt(b)})`;
        const num = one(u);
        const den = one(b);
        if (typeof num !== 'number') return fail(cx, `${what}: ${num}`, a);
        if (typeof den !== 'number') return fail(cx, `${what}: ${den}`, a);
        if (den === 0) return fail(cx, `${what}: division by zero`, a);
        const r = num / den;
        if (r !== r && num === num && den === den) return invalid(cx, num, '/', den, a);
        return r;
      };
      return node(f, 'float', xs[0]!.k && xs[1]!.k);
    },
  };
}

function roundSpec(): FnSpec {
  return {
    min: 1,
    max: 2,
    build: (xs, cx) => {
      const x = xs[0]!;
      const xf = x.f;
      if (xs.length === 1) {
        if (x.t === 'int') return node(xf, 'int', x.k);
        const f: Fn = (a) => {
          const u = xf(a);
          if (!Number.isFinite(u)) {
            const what = u !== u ? 'NaN' : 'infinity';
            fail(cx, `round(${fmt(u)}): cannot convert float ${what} to integer`, a);
          }
          return roundHalfEven(u);
        };
        return node(f, 'int', x.k);
      }
      const nd = xs[1]!;
      const nf = nd.f;
      const ni = nd.i;
      const xi = x.i;
      const f: Fn = (a) => {
        const u = xf(a);
        const n = nf(a);
        if (!ni(a)) fail(cx, `round(${fmt(u)}, ${fmt(n)}): ndigits must be an integer`, a);
        if (xi(a)) return roundIntDigits(u, n);
        return roundFloatDigits(u, n, () =>
          fail(cx, `round(${fmt(u)}, ${fmt(n)}): rounded value too large to represent`, a),
        );
      };
      return node(f, x.t, x.k && nd.k, xi);
    },
  };
}

function float2(name: string, g: (x: number, y: number) => number): FnSpec {
  return {
    min: 2,
    max: 2,
    build: ([x, y]) => {
      const xf = x!.f;
      const yf = y!.f;
      return node((a) => g(xf(a), yf(a)), 'float', x!.k && y!.k);
    },
  };
}

const RAD_TO_DEG = 180 / Math.PI;
const DEG_TO_RAD = Math.PI / 180;

/** Functions callable from expressions, with or without a `math.` prefix. */
const FUNCTIONS: ReadonlyMap<string, FnSpec> = new Map<string, FnSpec>([
  ['min', minMax(false)],
  ['max', minMax(true)],
  [
    'abs',
    {
      min: 1,
      max: 1,
      build: ([x]) => {
        const xf = x!.f;
        return node((a) => Math.abs(xf(a)), x!.t, x!.k, x!.i);
      },
    },
  ],
  ['floor', toInt('floor', Math.floor)],
  ['ceil', toInt('ceil', Math.ceil)],
  ['trunc', toInt('trunc', Math.trunc)],
  ['round', roundSpec()],
  ['int', toInt('int', Math.trunc)],
  ['float', { min: 1, max: 1, build: ([x]) => node(x!.f, 'float', x!.k) }],
  ['exp', math1('exp', pyExp, true)],
  ['log', logSpec()],
  ['log2', math1('log2', pyLog2)],
  ['log10', math1('log10', Math.log10)],
  ['log1p', math1('log1p', Math.log1p)],
  ['expm1', math1('expm1', Math.expm1, true)],
  ['sqrt', math1('sqrt', Math.sqrt)],
  ['pow', { min: 2, max: 2, build: ([x, y], cx) => power(x!, y!, cx, false) }],
  ['cos', math1('cos', (x) => pyTrig(x, 1))],
  ['sin', math1('sin', (x) => pyTrig(x, 0))],
  ['tan', math1('tan', (x) => pyTrig(x, 2))],
  ['acos', math1('acos', Math.acos)],
  ['asin', math1('asin', Math.asin)],
  ['atan', math1('atan', Math.atan)],
  ['atan2', float2('atan2', Math.atan2)],
  ['cosh', math1('cosh', Math.cosh, true)],
  ['sinh', math1('sinh', Math.sinh, true)],
  ['tanh', math1('tanh', Math.tanh)],
  [
    'hypot',
    {
      min: 0,
      max: Infinity,
      build: (xs) => {
        const fs = xs.map((x) => x.f);
        return node(
          (a) => Math.hypot(...fs.map((g) => g(a))),
          'float',
          xs.every((x) => x.k),
        );
      },
    },
  ],
  ['fabs', math1('fabs', Math.abs)],
  ['copysign', float2('copysign', (x, y) => (signBit(y) ? -Math.abs(x) : Math.abs(x)))],
  ['degrees', { min: 1, max: 1, build: ([x]) => scale(x!, RAD_TO_DEG) }],
  ['radians', { min: 1, max: 1, build: ([x]) => scale(x!, DEG_TO_RAD) }],
  ['isnan', predicate((v) => v !== v)],
  ['isinf', predicate((v) => v === Infinity || v === -Infinity)],
]);

/** `math.pow`: always a float; its errors are math errors. */
const MATH_POW: FnSpec = {
  min: 2,
  max: 2,
  build: ([x, y], cx) => power(x!, y!, cx, true),
};

function scale(x: Node, by: number): Node {
  const xf = x.f;
  return node((a) => xf(a) * by, 'float', x.k);
}

function predicate(test: (v: number) => boolean): FnSpec {
  return {
    min: 1,
    max: 1,
    build: ([x]) => {
      const xf = x!.f;
      return node((a) => (test(xf(a)) ? 1 : 0), 'int', x!.k);
    },
  };
}

/** The names of the functions expressions may call (each also as `math.<name>`). */
export const EXPR_FUNCTIONS: readonly string[] = [...FUNCTIONS.keys()];

const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
  ['inf', Infinity],
  ['nan', NaN],
]);

function arity(spec: FnSpec): string {
  const s = (n: number) => (n === 1 ? '' : 's');
  if (spec.min === spec.max) return `exactly ${spec.min} argument${s(spec.min)}`;
  if (spec.max === Infinity) return `at least ${spec.min} argument${s(spec.min)}`;
  return `${spec.min} or ${spec.max} arguments`;
}

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

interface Tok {
  readonly kind: 'num' | 'name' | 'op' | 'eof';
  /** 0-based offset of the first character. */
  readonly pos: number;
  readonly text: string;
  readonly value: number;
  readonly isInt: boolean;
}

// prettier-ignore
const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue',
  'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in',
  'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with',
  'yield',
]);

/** Operators and punctuation, longest first; many exist only to be named in an error. */
// prettier-ignore
const OPERATORS = [
  '===', '!==', '**=', '//=', '>>=', '<<=', '...',
  '**', '//', '<=', '>=', '==', '!=', ':=', '->', '<<', '>>', '&&', '||',
  '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=',
  '(', ')', '[', ']', '{', '}', ',', ':', '.', '+', '-', '*', '/', '%', '<', '>', '=', '@', '~',
  '&', '|', '^', ';', '!', '?',
];

const RADIX: Readonly<Record<string, number>> = { x: 16, o: 8, b: 2 };
const STRING_PREFIXES = new Set(['r', 'u', 'b', 'f', 'br', 'rb', 'fr', 'rf']);

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isIdentStart = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_');
const isIdentChar = (c: string | undefined): boolean => isIdentStart(c) || isDigit(c);

/** Splits the source into tokens on demand, so errors come in source order. */
class Lexer {
  private readonly toks: Tok[] = [];
  private at = 0;

  constructor(private readonly src: string) {}

  token(k: number): Tok {
    while (this.toks.length <= k) this.toks.push(this.scan());
    return this.toks[k]!;
  }

  private error(reason: string, pos: number): never {
    throw new SpecSyntaxError(reason, this.src, pos + 1);
  }

  private scan(): Tok {
    const s = this.src;
    let i = this.at;
    for (;;) {
      const c = s[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') i++;
      else if (c === '#') while (i < s.length && s[i] !== '\n') i++;
      else break;
    }
    const start = i;
    const c = s[i];
    const tok = (kind: Tok['kind'], end: number, value = 0, isInt = false): Tok => {
      this.at = end;
      return { kind, pos: start, text: s.slice(start, end), value, isInt };
    };
    if (c === undefined) return tok('eof', i);
    if (isDigit(c) || (c === '.' && isDigit(s[i + 1]))) return this.number(start);
    if (isIdentStart(c)) {
      while (isIdentChar(s[i])) i++;
      if ((s[i] === "'" || s[i] === '"') && STRING_PREFIXES.has(s.slice(start, i).toLowerCase())) {
        this.error('strings are not supported in lrkit expressions', start);
      }
      return tok('name', i);
    }
    if (c === "'" || c === '"' || c === '`') {
      this.error('strings are not supported in lrkit expressions', start);
    }
    for (const op of OPERATORS) {
      if (s.startsWith(op, i)) return tok('op', i + op.length);
    }
    if (c === '\\') this.error("line continuation ('\\') is not supported in lrkit expressions", i);
    return this.error(`unexpected character '${c}'`, i);
  }

  /** Python number literals: 10, 1_000, 0x1f, 0o17, 0b101, 1.5, .5, 5., 1e-4. */
  private number(start: number): Tok {
    const s = this.src;
    let i = start;
    const bad = (end = i + 1): never =>
      this.error(`invalid number literal '${s.slice(start, end)}'`, start);
    const done = (value: number, isInt: boolean): Tok => {
      if (s[i] === 'j' || s[i] === 'J') {
        this.error('complex numbers are not supported in lrkit expressions', start);
      }
      if (isIdentChar(s[i])) bad();
      this.at = i;
      return { kind: 'num', pos: start, text: s.slice(start, i), value, isInt };
    };
    const radix = s[i] === '0' ? RADIX[(s[i + 1] ?? '').toLowerCase()] : undefined;
    if (radix !== undefined) {
      const ok = radix === 16 ? /[0-9a-f]/i : radix === 8 ? /[0-7]/ : /[01]/;
      i += 2;
      let digits = '';
      for (;;) {
        const j = s[i] === '_' ? i + 1 : i;
        const d = s[j];
        if (d === undefined || !ok.test(d)) break;
        digits += d;
        i = j + 1;
      }
      if (digits === '' || isIdentChar(s[i])) bad();
      const value = Number(BigInt(`0${s[start + 1]!.toLowerCase()}${digits}`));
      if (!Number.isFinite(value)) this.error('integer literal is too large', start);
      return done(value, true);
    }
    const digitPart = (j: number): number => {
      j++;
      for (;;) {
        if (isDigit(s[j])) j++;
        else if (s[j] === '_' && isDigit(s[j + 1])) j += 2;
        else return j;
      }
    };
    let isInt = true;
    if (isDigit(s[i])) i = digitPart(i);
    if (s[i] === '.') {
      isInt = false;
      i++;
      if (isDigit(s[i])) i = digitPart(i);
    }
    if (s[i] === 'e' || s[i] === 'E') {
      let j = i + 1;
      if (s[j] === '+' || s[j] === '-') j++;
      if (!isDigit(s[j])) bad(j + 1);
      i = digitPart(j);
      isInt = false;
    }
    const text = s.slice(start, i).replace(/_/g, '');
    if (!isInt) return done(Number(text), false);
    if (/^0+[1-9]/.test(text)) {
      this.error('leading zeros in integer literals are not permitted', start);
    }
    const value = text.length <= 15 ? Number(text) : Number(BigInt(text));
    if (!Number.isFinite(value)) this.error('integer literal is too large', start);
    return done(value, true);
  }
}

// ---------------------------------------------------------------------------------------------
// Parser: tokens -> compiled nodes
// ---------------------------------------------------------------------------------------------

const COMPARISONS = new Set<string>(['<', '<=', '>', '>=', '==', '!=']);
const BITWISE = new Set(['~', '&', '|', '^', '<<', '>>']);
const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', '**=', '//=']);
const JS_SPELLINGS: Record<string, string> = {
  '&&': "use 'and'",
  '||': "use 'or'",
  '!': "use 'not'",
  '===': "use '=='",
  '!==': "use '!='",
  '?': "use 'a if condition else b'",
};

class Parser {
  private readonly lex: Lexer;
  private p = 0;
  /** Offsets of the '(' not yet closed. */
  private readonly open: number[] = [];
  /** Parameter name -> argument index. */
  private readonly scope = new Map<string, number>();
  /** For a bare expression: the default names it used, in order. */
  readonly used: string[] = [];
  private bare = false;
  readonly cx: Cx;

  constructor(
    private readonly src: string,
    private readonly defaults: readonly string[],
  ) {
    this.lex = new Lexer(src);
    this.cx = { source: src, params: [] };
  }

  private peek(k = 0): Tok {
    return this.lex.token(this.p + k);
  }
  private next(): Tok {
    const t = this.peek();
    this.p++;
    return t;
  }
  private isOp(t: Tok, text: string): boolean {
    return t.kind === 'op' && t.text === text;
  }
  private isWord(t: Tok, text: string): boolean {
    return t.kind === 'name' && t.text === text;
  }
  private error(reason: string, pos: number): never {
    throw new SpecSyntaxError(reason, this.src, pos + 1);
  }

  /** The whole source: `lambda params: body` (possibly parenthesised) or a bare expression. */
  parse(): { params: string[]; body: Node } {
    let wraps = 0;
    while (this.isOp(this.peek(wraps), '(')) wraps++;
    if (!this.isWord(this.peek(wraps), 'lambda')) {
      this.bare = true;
      for (const name of this.defaults) this.scope.set(name, 0);
      const body = this.test();
      this.end();
      const params = this.defaults.length ? [this.used[0] ?? this.defaults[0]!] : [];
      return { params, body };
    }
    for (let j = 0; j < wraps; j++) this.open.push(this.next().pos);
    this.next();
    const params = this.lambdaParams();
    this.cx.params = params;
    const t = this.peek();
    if (t.kind === 'eof' || (wraps > 0 && this.isOp(t, ')'))) {
      this.error('lambda has no body', t.pos);
    }
    const body = this.test();
    for (let j = 0; j < wraps; j++) this.close();
    this.end();
    return { params, body };
  }

  private lambdaParams(): string[] {
    const params: string[] = [];
    for (;;) {
      const t = this.next();
      if (this.isOp(t, ':')) return params;
      if (t.kind === 'name' && !KEYWORDS.has(t.text)) {
        if (params.includes(t.text)) this.error(`duplicate parameter '${t.text}'`, t.pos);
        if (t.text === 'math') this.error("'math' cannot be a parameter name", t.pos);
        params.push(t.text);
        this.scope.set(t.text, params.length - 1);
        const after = this.peek();
        if (this.isOp(after, ',')) this.next();
        else if (this.isOp(after, '=')) {
          this.error('parameter defaults are not supported in lrkit expressions', after.pos);
        } else if (after.kind === 'eof') {
          this.error("expected ':' after the lambda parameters", after.pos);
        } else if (!this.isOp(after, ':')) {
          this.error(`expected ',' or ':' after parameter '${t.text}'`, after.pos);
        }
        continue;
      }
      if (this.isOp(t, '*') || this.isOp(t, '**')) {
        this.error(`'${t.text}' parameters are not supported in lrkit expressions`, t.pos);
      }
      if (this.isOp(t, '/')) {
        this.error("'/' in parameters is not supported in lrkit expressions", t.pos);
      }
      if (t.kind === 'eof') this.error("expected ':' after the lambda parameters", t.pos);
      if (t.kind === 'name') this.error(`'${t.text}' cannot be a parameter name`, t.pos);
      this.error(`expected a parameter name or ':', got '${t.text}'`, t.pos);
    }
  }

  private end(): void {
    const t = this.peek();
    if (t.kind !== 'eof') this.unexpected(t);
  }

  private close(): void {
    const t = this.peek();
    if (!this.isOp(t, ')')) {
      if (this.isOp(t, ',')) this.error('tuples are not supported in lrkit expressions', t.pos);
      this.unexpected(t);
    }
    this.next();
    this.open.pop();
  }

  /** A token that cannot come here: the most helpful message for it. */
  private unexpected(t: Tok): never {
    const at = t.pos;
    switch (t.kind) {
      case 'eof': {
        const paren = this.open[this.open.length - 1];
        if (paren !== undefined) this.error("unbalanced parenthesis: '(' is never closed", paren);
        return this.error('unexpected end of expression', at);
      }
      case 'num':
        return this.error(`unexpected number '${t.text}'`, at);
      case 'name': {
        const w = t.text;
        if (!KEYWORDS.has(w)) return this.error(`unexpected name '${w}'`, at);
        if (w === 'lambda') this.error('nested lambdas are not supported in lrkit expressions', at);
        if (w === 'in' || w === 'is') {
          this.error(`'${w}' comparisons are not supported in lrkit expressions`, at);
        }
        if (w === 'for') this.error('comprehensions are not supported in lrkit expressions', at);
        if (w === 'None') this.error('None is not supported in lrkit expressions', at);
        if (['if', 'else', 'and', 'or', 'not', 'True', 'False'].includes(w)) {
          this.error(`unexpected '${w}'`, at);
        }
        return this.error(`'${w}' is not supported in lrkit expressions`, at);
      }
      case 'op': {
        const op = t.text;
        if (op === ')') {
          this.error(
            this.open.length ? "unexpected ')'" : "unbalanced parenthesis: unmatched ')'",
            at,
          );
        }
        if (op === '=') {
          this.error("assignment ('=') is not supported in lrkit expressions", at);
        }
        if (op === ':=' || AUGMENTED.has(op)) {
          this.error(`assignment ('${op}') is not supported in lrkit expressions`, at);
        }
        if (op === '[') {
          this.error("subscripts and lists ('[') are not supported in lrkit expressions", at);
        }
        if (op === '{') {
          this.error("dicts and sets ('{') are not supported in lrkit expressions", at);
        }
        if (op === '.') {
          this.error(
            'attribute access is not supported in lrkit expressions (only math.<name>)',
            at,
          );
        }
        if (op === '@') {
          this.error("matrix multiplication ('@') is not supported in lrkit expressions", at);
        }
        if (BITWISE.has(op)) {
          this.error(`bitwise operator '${op}' is not supported in lrkit expressions`, at);
        }
        const js = JS_SPELLINGS[op];
        if (js) this.error(`'${op}' is not supported in lrkit expressions; ${js}`, at);
        if (op === ';' || op === '...' || op === '->') {
          this.error(`'${op}' is not supported in lrkit expressions`, at);
        }
        return this.error(`unexpected '${op}'`, at);
      }
    }
  }

  /** `a if c else b` (right-associative). */
  private test(): Node {
    const t = this.peek();
    if (this.isWord(t, 'lambda')) this.unexpected(t);
    const body = this.or();
    if (!this.isWord(this.peek(), 'if')) return body;
    this.next();
    const cond = this.or();
    const e = this.peek();
    if (!this.isWord(e, 'else')) {
      this.error("expected 'else' in the conditional expression", e.pos);
    }
    this.next();
    const orelse = this.test();
    return conditional(body, cond, orelse);
  }

  private or(): Node {
    let x = this.and();
    while (this.isWord(this.peek(), 'or')) {
      this.next();
      x = logical('or', x, this.and());
    }
    return x;
  }

  private and(): Node {
    let x = this.not();
    while (this.isWord(this.peek(), 'and')) {
      this.next();
      x = logical('and', x, this.not());
    }
    return x;
  }

  private not(): Node {
    if (!this.isWord(this.peek(), 'not')) return this.comparison();
    this.next();
    const x = this.not();
    const xf = x.f;
    return fold(node((a) => (xf(a) === 0 ? 1 : 0), 'int', x.k));
  }

  private comparison(): Node {
    const first = this.arith();
    const ops: CmpOp[] = [];
    const xs = [first];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'op' && COMPARISONS.has(t.text)) {
        this.next();
        ops.push(t.text as CmpOp);
        xs.push(this.arith());
      } else if (this.isWord(t, 'not') && this.isWord(this.peek(1), 'in')) {
        this.error("'not in' comparisons are not supported in lrkit expressions", t.pos);
      } else break;
    }
    return ops.length ? compare(ops, xs) : first;
  }

  private arith(): Node {
    let x = this.term();
    for (;;) {
      const t = this.peek();
      if (!this.isOp(t, '+') && !this.isOp(t, '-')) return x;
      this.next();
      x = binary(t.text as BinOp, x, this.term(), this.cx);
    }
  }

  private term(): Node {
    let x = this.factor();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || !['*', '/', '//', '%'].includes(t.text)) return x;
      this.next();
      x = binary(t.text as BinOp, x, this.factor(), this.cx);
    }
  }

  /** Unary `+`/`-`: looser than `**` on their right (`-2**2 == -4`). */
  private factor(): Node {
    const t = this.peek();
    if (this.isOp(t, '-')) {
      this.next();
      return negate(this.factor());
    }
    if (this.isOp(t, '+')) {
      this.next();
      return this.factor();
    }
    return this.power();
  }

  /** `a ** b`: right-associative, its right operand may carry a sign (`2**-1`). */
  private power(): Node {
    const base = this.primary();
    const t = this.peek();
    if (this.isOp(t, '(')) this.error('only functions such as min(...) can be called', t.pos);
    if (!this.isOp(t, '**')) return base;
    this.next();
    return binary('**', base, this.factor(), this.cx);
  }

  private primary(): Node {
    const t = this.peek();
    if (t.kind === 'num') {
      this.next();
      return constant(t.value, t.isInt);
    }
    if (this.isOp(t, '(')) {
      this.next();
      if (this.isOp(this.peek(), ')')) {
        this.error("empty parentheses '()' are not supported in lrkit expressions", t.pos);
      }
      this.open.push(t.pos);
      const x = this.test();
      this.close();
      return x;
    }
    if (t.kind !== 'name') return this.unexpected(t);
    const name = t.text;
    if (name === 'True' || name === 'False') {
      this.next();
      return constant(name === 'True' ? 1 : 0, true);
    }
    if (KEYWORDS.has(name)) return this.unexpected(t);
    this.next();
    const after = this.peek();
    if (
      after.kind === 'op' &&
      (after.text === '=' || after.text === ':=' || AUGMENTED.has(after.text))
    ) {
      this.unexpected(after);
    }
    const called = this.isOp(this.peek(), '(');
    const index = this.scope.get(name);
    if (index !== undefined) {
      if (called) this.error(`'${name}' is a parameter, not a function`, this.peek().pos);
      if (this.bare && !this.used.includes(name)) this.used.push(name);
      const v = (a: Args): number => a[index]!;
      const isInt: Pred = (a) => {
        const x = a[index]!;
        return Number.isInteger(x) && !Object.is(x, -0);
      };
      return node(v, 'dyn', false, isInt);
    }
    if (name === 'math') return this.mathMember(t);
    const fn = FUNCTIONS.get(name);
    if (fn) {
      if (!called) this.error(`'${name}' is a function; call it as ${name}(...)`, t.pos);
      return this.call(name, fn, t.pos);
    }
    const value = CONSTANTS.get(name);
    if (value !== undefined) {
      if (called) this.error(`'${name}' is a constant, not a function`, t.pos);
      return constant(value, false);
    }
    if (called) {
      const hint = this.hint(name, EXPR_FUNCTIONS);
      this.error(
        `unknown function '${name}'${hint} (allowed: ${EXPR_FUNCTIONS.join(', ')})`,
        t.pos,
      );
    }
    const names = [
      ...this.scope.keys(),
      ...[...CONSTANTS.keys()].filter((c) => !this.scope.has(c)),
    ];
    const hint = this.hint(name, [...names, ...EXPR_FUNCTIONS]);
    return this.error(
      `unknown name '${name}'${hint} (allowed: ${[...names, 'True', 'False'].join(', ')}, ` +
        `math functions ${EXPR_FUNCTIONS.join(', ')})`,
      t.pos,
    );
  }

  private hint(name: string, known: readonly string[]): string {
    // one-letter names would match almost anything
    const s =
      name.length < 3
        ? undefined
        : didYouMean(
            name,
            known.filter((k) => k.length > 1),
          );
    return s ? `; did you mean '${s}'?` : '';
  }

  /** `math.pi`, `math.floor(x)`: the only attribute access there is. */
  private mathMember(math: Tok): Node {
    const dot = this.peek();
    if (!this.isOp(dot, '.')) {
      this.error("'math' must be followed by '.name', e.g. math.pi or math.floor(x)", math.pos);
    }
    this.next();
    const t = this.next();
    if (t.kind !== 'name') this.error("expected a name after 'math.'", t.pos);
    const name = `math.${t.text}`;
    const called = this.isOp(this.peek(), '(');
    const fn = t.text === 'pow' ? MATH_POW : FUNCTIONS.get(t.text);
    if (fn) {
      if (!called) this.error(`'${name}' is a function; call it as ${name}(...)`, t.pos);
      return this.call(name, fn, math.pos);
    }
    const value = CONSTANTS.get(t.text);
    if (value !== undefined) {
      if (called) this.error(`'${name}' is a constant, not a function`, t.pos);
      return constant(value, false);
    }
    const hint = this.hint(t.text, [...CONSTANTS.keys(), ...EXPR_FUNCTIONS]);
    return this.error(
      `unknown name '${name}'${hint} (math offers ${[...CONSTANTS.keys()].join(', ')}, ` +
        `${EXPR_FUNCTIONS.join(', ')})`,
      t.pos,
    );
  }

  /** `name(arg, ...)`: positional arguments only, arity checked here. */
  private call(name: string, fn: FnSpec, pos: number): Node {
    const paren = this.next();
    this.open.push(paren.pos);
    const args: Node[] = [];
    while (!this.isOp(this.peek(), ')')) {
      const t = this.peek();
      if (t.kind === 'name' && this.isOp(this.peek(1), '=')) {
        this.error('keyword arguments are not supported in lrkit expressions', t.pos);
      }
      if (this.isOp(t, '*') || this.isOp(t, '**')) {
        this.error(`unpacking ('${t.text}') is not supported in lrkit expressions`, t.pos);
      }
      args.push(this.test());
      const after = this.peek();
      if (this.isOp(after, ',')) this.next();
      else if (this.isWord(after, 'for')) {
        this.error('generator expressions are not supported in lrkit expressions', after.pos);
      } else if (!this.isOp(after, ')')) this.unexpected(after);
    }
    this.next();
    this.open.pop();
    if (args.length < fn.min || args.length > fn.max) {
      this.error(`${name}() takes ${arity(fn)} (${args.length} given)`, pos);
    }
    return fold(fn.build(args, this.cx));
  }
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/**
 * Parses `source` (`lambda e: min(1.0, (e+1)/10)`, or a bare expression over
 * `options.defaultParams`) into a {@link CompiledExpr}. Throws {@link SpecSyntaxError} (column is
 * 1-based in the trimmed source) for anything that does not parse or names something unknown.
 * A bare expression has one parameter: the first default name it uses (else the first default).
 */
export function compileExpr(source: string, options: CompileExprOptions = {}): CompiledExpr {
  if (typeof source !== 'string') {
    throw new LrkitError(`an expression must be a string, got ${typeof source}`);
  }
  const src = source.trim();
  if (src === '') throw new SpecSyntaxError('empty expression', src, 1);
  const parser = new Parser(src, options.defaultParams ?? DEFAULT_EXPR_PARAMS);
  const { params, body } = parser.parse();
  parser.cx.params = params;
  const root = body.f;
  const n = params.length;
  const arityError = (got: number) =>
    new LrkitError(
      `'${src}' takes ${n} argument${n === 1 ? '' : 's'}` +
        `${n ? ` (${params.join(', ')})` : ''}, got ${got}`,
    );
  const evaluate = (...args: number[]): number => {
    if (args.length !== n) throw arityError(args.length);
    for (let j = 0; j < n; j++) {
      const v = args[j];
      if (typeof v !== 'number' || v !== v) {
        throw new LrkitError(
          `'${src}': argument ${params[j]} must be a number, got ${typeof v === 'number' ? 'NaN' : typeof v}`,
        );
      }
    }
    return root(args);
  };
  return Object.freeze({ source: src, params: Object.freeze([...params]), evaluate });
}
