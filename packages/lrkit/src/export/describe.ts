/**
 * Closed-form descriptions of schedules: a small IR that code export reads to write a schedule
 * out in another language. Every primitive and composition registers one for the closure it
 * returns (`return describe(closure, {...})`), once, at construction; the closure itself is
 * untouched, so describing costs nothing per step. A node names its kind, the constants the
 * closure captured (derived ones too, exactly as the closure computed them) and its child
 * schedules by reference; their own descriptions are looked up when the tree is read.
 *
 * A schedule built from a closure no one described (a family's bespoke formula, a TypeScript
 * function) has no description: export refuses it rather than approximate it.
 */
import type { Schedule } from '../schedule.js';

/** `f(t) = value`. */
export interface ConstantNode {
  readonly kind: 'constant';
  readonly value: number;
}
/** `f(t) = t ≥ steps ? to : from + delta · (t / steps)`, delta = to − from (steps > 0). */
export interface LinearNode {
  readonly kind: 'linear';
  readonly from: number;
  readonly to: number;
  readonly steps: number;
  readonly delta: number;
}
/** `f(t) = span · (1 − min(steps, t) / steps) ** power + to`, span = from − to. */
export interface PolynomialNode {
  readonly kind: 'polynomial';
  readonly to: number;
  readonly steps: number;
  readonly power: number;
  readonly span: number;
}
/** `f(t) = initial · rate ** e`, e = ⌊t / steps⌋ (staircase), t (steps = 1) or t / steps. */
export interface ExponentialNode {
  readonly kind: 'exponential';
  readonly initial: number;
  readonly rate: number;
  readonly steps: number;
  readonly staircase: boolean;
}
/** `f(t) = initial · gamma ** ⌊t / stepSize⌋`. */
export interface StepNode {
  readonly kind: 'step';
  readonly initial: number;
  readonly gamma: number;
  readonly stepSize: number;
}
/** `f(t) = initial · gamma ** (number of milestones ≤ t)`; milestones sorted ascending. */
export interface MultiStepNode {
  readonly kind: 'multiStep';
  readonly initial: number;
  readonly gamma: number;
  readonly milestones: readonly number[];
}
/** `f(t) = to + (span · (1 + cos((π · t) / period))) / 2`, span = from − to. */
export interface CosineNode {
  readonly kind: 'cosine';
  readonly to: number;
  readonly period: number;
  readonly span: number;
}
/** `c = 0.5 · (1 + cos((π · min(t, steps)) / steps))`; `f(t) = initial · (keep · c ** exponent + alpha)`. */
export interface CosineDecayNode {
  readonly kind: 'cosineDecay';
  readonly initial: number;
  readonly steps: number;
  readonly alpha: number;
  readonly exponent: number;
  readonly keep: number;
}
/** SGDR: the cosine node's formula at the position `cur` in cycle `len` (`locateCycle`). */
export interface CosineRestartsNode {
  readonly kind: 'cosineRestarts';
  readonly to: number;
  readonly period: number;
  readonly mult: number;
  readonly span: number;
}
/**
 * p = min(t, steps) / steps; 'cos': `to + half · (cos(π · p) + 1)`, half = (from − to) / 2;
 * 'linear': `delta · p + from`, delta = to − from.
 */
export interface AnnealNode {
  readonly kind: 'anneal';
  readonly shape: 'cos' | 'linear';
  readonly from: number;
  readonly to: number;
  readonly steps: number;
  /** half (cos) or delta (linear). */
  readonly coefficient: number;
}
/** `f(t) = initial / √((t + timescale) / timescale)`. */
export interface InverseSqrtNode {
  readonly kind: 'inverseSqrt';
  readonly initial: number;
  readonly timescale: number;
}
/** `f(t) = initial / (1 + rate · x)`, x = ⌊t / steps⌋ (staircase) or t / steps. */
export interface InverseTimeNode {
  readonly kind: 'inverseTime';
  readonly initial: number;
  readonly rate: number;
  readonly steps: number;
  readonly staircase: boolean;
}
/**
 * p = min(t, steps) / steps; `f(t) = to + (span · (1 − tanh(lb · (1 − p) + ub · p))) / 2`,
 * span = from − to.
 */
export interface TanhNode {
  readonly kind: 'tanh';
  readonly to: number;
  readonly steps: number;
  readonly lb: number;
  readonly ub: number;
  readonly span: number;
}
/**
 * Triangle wave: cycle = ⌊1 + t / total⌋, x = 1 + t / total − cycle,
 * s = x ≤ ratio ? x / ratio : (x − 1) / (ratio − 1); `f(t) = base + height · s · scale(arg)` with
 * arg = cycle ('cycle') or t ('iterations').
 */
export interface CyclicNode {
  readonly kind: 'cyclic';
  readonly base: number;
  readonly height: number;
  readonly total: number;
  readonly ratio: number;
  readonly scaleMode: 'cycle' | 'iterations';
  readonly scale: Schedule;
}
/** CyclicLR's built-in amplitudes: 'triangular' 1, 'triangular2' `1 / 2 ** (c − 1)`, 'exp_range' `gamma ** x`. */
export interface CyclicScaleNode {
  readonly kind: 'cyclicScale';
  readonly mode: 'triangular' | 'triangular2' | 'exp_range';
  readonly gamma: number;
}
/**
 * Sequence: with i the number of boundaries passed (t ≥ b for 'next', t > b for 'previous'),
 * `f(t) = i = 0 ? s₀(t) : sᵢ(t − boundaries[i − 1])`.
 */
export interface JoinNode {
  readonly kind: 'join';
  readonly schedules: readonly Schedule[];
  readonly boundaries: readonly number[];
  readonly at: 'next' | 'previous';
}
/** `f(t) = s₀(t) · s₁(t) · …`, multiplied left to right. */
export interface ProductNode {
  readonly kind: 'product';
  readonly schedules: readonly Schedule[];
}
/** `f(t) = k · s(t)`. */
export interface ScaleNode {
  readonly kind: 'scale';
  readonly schedule: Schedule;
  readonly k: number;
}
/** `f(t) = to + span · u(t)`, span = from − to. */
export interface BetweenNode {
  readonly kind: 'between';
  readonly schedule: Schedule;
  readonly to: number;
  readonly span: number;
}
/** `f(t) = min(max(s(t), min), max)`. */
export interface ClampNode {
  readonly kind: 'clamp';
  readonly schedule: Schedule;
  readonly min: number;
  readonly max: number;
}
/** `f(t) = s(min(t, until))`. */
export interface HoldNode {
  readonly kind: 'hold';
  readonly schedule: Schedule;
  readonly until: number;
}
/** `f(t) = s(t mod period)` (JavaScript's `%`: C's fmod). */
export interface RepeatNode {
  readonly kind: 'repeat';
  readonly schedule: Schedule;
  readonly period: number;
}
/** `f(t) = s(t + by)`: a schedule read `by` steps later. */
export interface ShiftNode {
  readonly kind: 'shift';
  readonly schedule: Schedule;
  readonly by: number;
}
/** `f(t) = s(from − t)`: a schedule read backwards from step `from` (a ramp run in reverse). */
export interface ReverseNode {
  readonly kind: 'reverse';
  readonly schedule: Schedule;
  readonly from: number;
}
/**
 * Keras's cycling PolynomialDecay: `f(t) = s(t / (steps · m))`, m = t = 0 ? 1 : ⌈t / steps⌉ (the
 * first multiple of `steps` at or past t); s is a shape of progress in [0, 1].
 */
export interface StretchNode {
  readonly kind: 'stretch';
  readonly schedule: Schedule;
  readonly steps: number;
}
/** `f(t) = s(i)`, i the index of the SGDR cycle holding step t (`locateCycle(t, period, mult)[0]`). */
export interface CycleIndexNode {
  readonly kind: 'cycleIndex';
  readonly schedule: Schedule;
  readonly period: number;
  readonly mult: number;
}
/** `f(t) = s(t // by)`, with Python's float floor division (`1 // 0.1` is 9; timm's StepLRScheduler). */
export interface FloorDivNode {
  readonly kind: 'floorDiv';
  readonly schedule: Schedule;
  readonly by: number;
}
/**
 * A unit shape over a timm cycle of (k-decayed) length b, from 1 at a = 0 down towards 0:
 * 'cos' `(1 + cos((π · a) / b)) / 2`; 'tanh' with p = min(a, b) / b,
 * `(1 − tanh(lb · (1 − p) + ub · p)) / 2`; 'poly' `(1 − min(b, a) / b) ** power` (the cosine,
 * tanh and polynomial primitives from 1 to 0, whose `0 + 1 · x` is exactly x).
 */
export type TimmShape =
  | { readonly shape: 'cos' }
  | { readonly shape: 'tanh'; readonly lb: number; readonly ub: number }
  | { readonly shape: 'poly'; readonly power: number };
/**
 * timm's restarts (`src/families/timm/cycles.ts`, `cycled`): cycle i, position and length of
 * step t as timm finds them (Python's `math.log(x, mul)` and `//`); lrMin past the cycles or
 * from cycle `limit` on; else with cur = pos clamped to [0, length], a = cur ** k,
 * b = length ** k (both rescaled as (cur / length) ** k and 1 where they overflow),
 * `f(t) = lrMin + (base · decay ** i − lrMin) · unit(a; b)`.
 */
export interface TimmCyclesNode {
  readonly kind: 'timmCycles';
  readonly tInitial: number;
  readonly mul: number;
  readonly decay: number;
  readonly limit: number;
  readonly lrMin: number;
  readonly k: number;
  readonly base: number;
  readonly unit: TimmShape;
}
/** `f(t) = s(inner(t))`: a schedule of a progress variable read at the steps (fastai). */
export interface ComposeNode {
  readonly kind: 'compose';
  readonly schedule: Schedule;
  readonly inner: Schedule;
}
/** `f(t) = min(max(t, 0), total) / total`: progress of a run planned over `total` steps. */
export interface ProgressNode {
  readonly kind: 'progress';
  readonly total: number;
}
/**
 * fastai's `Learner.fit` progress: i = ⌊max(t, 0)⌋; 1 from i = nEpoch · stepsPerEpoch on; else
 * with e = ⌊i / stepsPerEpoch⌋, j = i − e · stepsPerEpoch, `e / nEpoch + d + d + … + d` (j
 * additions of d = 1 / total, each rounded as a loop rounds it).
 */
export interface FitProgressNode {
  readonly kind: 'fitProgress';
  readonly nEpoch: number;
  readonly stepsPerEpoch: number;
  readonly total: number;
  readonly d: number;
}
/**
 * A fastai `combine_scheds` segment, float32 as fastai computes it:
 * `f(t) = s(min(1, fround(fround(t) / width)))` (width a float32 value).
 */
export interface Float32SegmentNode {
  readonly kind: 'float32Segment';
  readonly schedule: Schedule;
  readonly width: number;
}
/** `f(t) = s(fround(min(max(t, 0), 1)))`: a progress clamped to [0, 1] and rounded to float32. */
export interface Float32ClampNode {
  readonly kind: 'float32Clamp';
  readonly schedule: Schedule;
}
/** `f(t) = s(t) / by`: a child's lr as a factor of the base lr (ChainedScheduler). */
export interface RatioNode {
  readonly kind: 'ratio';
  readonly schedule: Schedule;
  readonly by: number;
}
/**
 * MultiplicativeLR: with k = ⌊t⌋, `f(t) = initial · λ(1) · λ(2) · … · λ(k)`, multiplied left to
 * right, one factor per step as PyTorch applies them (λ the child schedule).
 */
export interface CumulativeProductNode {
  readonly kind: 'cumulativeProduct';
  readonly initial: number;
  readonly schedule: Schedule;
}
/**
 * `f(t) = s(t / divide)`, or `s(multiply · (t / divide))` when `multiply` is given: a schedule on
 * a progress variable (for families that write their shapes in progress, as transformers does).
 */
export interface WarpNode {
  readonly kind: 'warp';
  readonly schedule: Schedule;
  readonly divide: number;
  readonly multiply?: number | undefined;
}
/** `memoLast(s)`: the same values as s (a cache); transparent for export. */
export interface MemoNode {
  readonly kind: 'memo';
  readonly schedule: Schedule;
}
/**
 * A compiled expression (`lambda e: 0.95**e`), evaluated with Python semantics by
 * `spec/expr.ts`. `source` is the text as written (a bare expression has no `lambda` prefix);
 * `param` its one parameter.
 */
export interface LambdaNode {
  readonly kind: 'lambda';
  readonly source: string;
  readonly param: string;
}

/**
 * lrkit's multiplicative noise (`src/schedules/noise.ts`): `f(t) = 1 + noiseDraw(seed + t, pct,
 * type)` for `start ≤ t < end` (every t ≥ start when end is null), 1 elsewhere.
 */
export interface NoiseNode {
  readonly kind: 'noise';
  readonly start: number;
  readonly end: number | null;
  readonly pct: number;
  readonly seed: number;
  readonly type: 'normal' | 'uniform';
}

export type Node =
  | ConstantNode
  | LinearNode
  | PolynomialNode
  | ExponentialNode
  | StepNode
  | MultiStepNode
  | CosineNode
  | CosineDecayNode
  | CosineRestartsNode
  | AnnealNode
  | InverseSqrtNode
  | InverseTimeNode
  | TanhNode
  | CyclicNode
  | CyclicScaleNode
  | JoinNode
  | ProductNode
  | ScaleNode
  | BetweenNode
  | ClampNode
  | HoldNode
  | RepeatNode
  | ShiftNode
  | ReverseNode
  | StretchNode
  | CycleIndexNode
  | FloorDivNode
  | TimmCyclesNode
  | ComposeNode
  | ProgressNode
  | FitProgressNode
  | Float32SegmentNode
  | Float32ClampNode
  | RatioNode
  | CumulativeProductNode
  | WarpNode
  | MemoNode
  | LambdaNode
  | NoiseNode;

const descriptions = new WeakMap<Schedule, Node>();

/**
 * Registers `node` as the closed form of `fn` and returns `fn` (so a factory can end with
 * `return describe((t) => ..., {...})`).
 */
export function describe<F extends Schedule>(fn: F, node: Node): F {
  descriptions.set(fn, node);
  return fn;
}

/** The closed-form description of a schedule, or undefined if it was built from a bare closure. */
export function descriptionOf(fn: Schedule): Node | undefined {
  return descriptions.get(fn);
}

/** The child schedules a node refers to, in order. */
export function childrenOf(node: Node): readonly Schedule[] {
  switch (node.kind) {
    case 'cyclic':
      return [node.scale];
    case 'join':
    case 'product':
      return node.schedules;
    case 'compose':
      return [node.schedule, node.inner];
    case 'scale':
    case 'between':
    case 'clamp':
    case 'hold':
    case 'repeat':
    case 'shift':
    case 'reverse':
    case 'stretch':
    case 'cycleIndex':
    case 'floorDiv':
    case 'float32Segment':
    case 'float32Clamp':
    case 'ratio':
    case 'cumulativeProduct':
    case 'warp':
    case 'memo':
      return [node.schedule];
    default:
      return [];
  }
}

/**
 * Whether every part of `fn` is described, down to the leaves. Returns the path of the first
 * undescribed part (`'join.schedules[1]'`), or undefined when all of it is.
 */
export function undescribedPart(fn: Schedule, path = 'schedule'): string | undefined {
  const node = descriptions.get(fn);
  if (!node) return path;
  const children = childrenOf(node);
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    const field =
      node.kind === 'join' || node.kind === 'product'
        ? `${node.kind}.schedules[${i}]`
        : node.kind === 'cyclic'
          ? 'cyclic.scale'
          : node.kind === 'compose' && i === 1
            ? 'compose.inner'
            : `${node.kind}.schedule`;
    const bad = undescribedPart(child, `${path} → ${field}`);
    if (bad) return bad;
  }
  return undefined;
}

/** Follows memo nodes down to the schedule they cache. */
export function unwrapMemo(fn: Schedule): Schedule {
  let f = fn;
  for (let node = descriptions.get(f); node?.kind === 'memo'; node = descriptions.get(f)) {
    f = node.schedule;
  }
  return f;
}

/**
 * A text key equal for schedules with the same closed form (numbers compared bit for bit), so
 * export can share one function between param groups whose schedules are equal.
 * @throws Error if part of the tree is undescribed (check with {@link undescribedPart} first).
 */
export function structuralKey(fn: Schedule): string {
  const node = descriptions.get(unwrapMemo(fn));
  if (!node) throw new Error('structuralKey: undescribed schedule');
  const parts: string[] = [node.kind];
  for (const [k, v] of Object.entries(node)) {
    if (k === 'kind') continue;
    if (typeof v === 'function') parts.push(`${k}=(${structuralKey(v as Schedule)})`);
    else if (Array.isArray(v) && v.length > 0 && typeof v[0] === 'function') {
      parts.push(`${k}=[${(v as Schedule[]).map((c) => `(${structuralKey(c)})`).join(',')}]`);
    } else parts.push(`${k}=${keyValue(v)}`);
  }
  return parts.join(';');
}

function keyValue(v: unknown): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (Array.isArray(v)) return `[${v.map(keyValue).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    return `{${Object.entries(v)
      .map(([k, x]) => `${k}=${keyValue(x)}`)
      .join(';')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}
