/**
 * From a designed schedule (spec text + base lr) to what the chart and the summary table show.
 * All values come from lrkit: `resolveSpec` validates, `buildPlan(...).bind` gives the pure
 * closed-form schedules (lr and, when cycled, momentum), `sample` evaluates them, `decimate`
 * keeps the min/max envelope for drawing, `summarize` gives the table row.
 *
 * Long horizons are drawn progressively: up to EXACT_SYNC_MAX steps everything is computed at
 * once; beyond, the page first draws a preview from PREVIEW_POINTS evenly spaced steps (a few
 * ms), and the exact envelope of every step plus the summary are computed by `exactData` in a
 * worker (see exactWorker.ts) and swapped in when ready.
 */
import {
  LrkitError,
  buildPlan,
  decimate,
  resolveSpec,
  sample,
  specText,
  summarize,
  toSchedule,
  type BoundSpec,
  type Schedule,
  type Summary,
} from 'lrkit';

/** Points per series handed to the chart (min/max envelope of the sampling). */
export const PLOT_POINTS = 4000;
/** Up to this many steps (+1), the exact curve and summary are computed at once on the page. */
export const EXACT_SYNC_MAX = 200_001;
/** Evenly spaced steps of the preview drawn first for longer horizons. */
export const PREVIEW_POINTS = 20_000;
/** Above this many steps the exact pass samples this many evenly spaced steps instead of all. */
export const FULL_SAMPLING_MAX = 2_000_001;

/** The exact part: decimated full-resolution curves and summaries (plain data, transferable). */
export interface ExactData {
  x: Float64Array;
  y: Float64Array;
  mx: Float64Array | undefined;
  my: Float64Array | undefined;
  summary: Summary;
  momSummary: Summary | undefined;
  /** Steps between samples (1 when every step was evaluated). */
  stride: number;
}

export interface Computed {
  ok: true;
  bound: BoundSpec;
  /** Canonical spec text. */
  text: string;
  lr: Schedule;
  momentum: Schedule | undefined;
  /** Points drawn: the exact envelope, or the preview until it is ready. */
  x: Float64Array;
  y: Float64Array;
  mx: Float64Array | undefined;
  my: Float64Array | undefined;
  /** The summary, once the exact pass has run. */
  summary: Summary | undefined;
  momSummary: Summary | undefined;
  stride: number;
  exact: boolean;
}

export interface Failed {
  ok: false;
  message: string;
  /** 0-based offset into the spec text, when lrkit knows where the problem is. */
  pos: number | undefined;
}

/** The message and text position of anything lrkit threw. */
export function describeError(e: unknown): { message: string; pos: number | undefined } {
  if (e instanceof LrkitError) {
    const column = (e as { column?: unknown }).column;
    const pos = e.pos ?? (typeof column === 'number' ? column - 1 : undefined);
    return { message: e.message, pos };
  }
  return { message: e instanceof Error ? e.message : String(e), pos: undefined };
}

let xsCache: Float64Array | undefined;
/** 0, 1, …, n−1 (shared between calls). */
function xsFor(n: number): Float64Array {
  if (!xsCache || xsCache.length !== n) {
    xsCache = new Float64Array(n);
    for (let i = 0; i < n; i++) xsCache[i] = i;
  }
  return xsCache;
}

/** Validated schedules of a spec for one param group with base lr `lr` (momentum 0.9). */
export function schedulesOf(
  spec: string | BoundSpec,
  lr: number,
): { bound: BoundSpec; lr: Schedule; momentum: Schedule | undefined } {
  const bound = typeof spec === 'string' ? resolveSpec(spec) : spec;
  if (!(Number.isFinite(lr) && lr >= 0)) {
    throw new LrkitError(`base lr must be a finite number ≥ 0, got ${lr}`);
  }
  const plan = buildPlan(bound);
  if (plan.kind !== 'closed-form') {
    throw new LrkitError(
      `${bound.entry.qualifiedName} is driven by a metric (it lowers the lr when a monitored loss stops improving), so it has no curve to draw without one`,
    );
  }
  const g = plan.bind([{ lr, momentum: 0.9 }])[0]!;
  // the lr through toSchedule, which refuses a negative or non-finite value naming the schedule
  return {
    bound,
    lr: toSchedule(bound, lr),
    momentum: plan.cyclesMomentum ? g.momentum : undefined,
  };
}

/**
 * Whether the schedule scales the base lr (PyTorch-style multipliers) or carries its own values
 * (Keras, optax): lrkit's schedule for base lr 1 and 2 compared at a few steps.
 */
export function usesBaseLr(bound: BoundSpec): boolean {
  const a = schedulesOf(bound, 1).lr;
  const b = schedulesOf(bound, 2).lr;
  return [0, 1, 10, 100, 1000].some((k) => a(k) !== b(k));
}

/** Samples steps 0..steps (every step, up to `max` values; else `max` evenly spaced steps and the last). */
export function sampleSteps(
  s: Schedule,
  steps: number,
  max = FULL_SAMPLING_MAX,
): { xs: Float64Array; ys: Float64Array; stride: number } {
  const n = steps + 1;
  if (n <= max) return { xs: xsFor(n), ys: sample(s, n), stride: 1 };
  const m = max - 1;
  const head = sample(s, m, n - 1);
  const ys = new Float64Array(max);
  ys.set(head);
  ys[m] = s(steps);
  const xs = new Float64Array(max);
  for (let i = 0; i < m; i++) xs[i] = Math.floor((i * (n - 1)) / m);
  xs[m] = steps;
  return { xs, ys, stride: (n - 1) / m };
}

/** The exact pass: every step sampled, decimated for drawing, summarised. */
export function exactData(spec: string, lr: number, steps: number): ExactData {
  const s = schedulesOf(spec, lr);
  const { xs, ys, stride } = sampleSteps(s.lr, steps);
  const d = decimate(xs, ys, PLOT_POINTS);
  const out: ExactData = {
    x: d.x,
    y: d.y,
    mx: undefined,
    my: undefined,
    summary: summarize(ys),
    momSummary: undefined,
    stride,
  };
  if (s.momentum) {
    const m = sampleSteps(s.momentum, steps);
    const dm = decimate(m.xs, m.ys, PLOT_POINTS);
    out.mx = dm.x;
    out.my = dm.y;
    out.momSummary = summarize(m.ys);
  }
  return out;
}

/** Everything shown for one schedule: exact for short horizons, else a preview (exact: false). */
export function compute(spec: string, lr: number, steps: number): Computed | Failed {
  try {
    const s = schedulesOf(spec, lr);
    const base = {
      ok: true as const,
      bound: s.bound,
      text: specText(s.bound),
      lr: s.lr,
      momentum: s.momentum,
    };
    if (steps + 1 <= EXACT_SYNC_MAX) return { ...base, ...exactData(spec, lr, steps), exact: true };
    const p = sampleSteps(s.lr, steps, PREVIEW_POINTS);
    const d = decimate(p.xs, p.ys, PLOT_POINTS);
    let mx: Float64Array | undefined;
    let my: Float64Array | undefined;
    if (s.momentum) {
      const m = sampleSteps(s.momentum, steps, PREVIEW_POINTS);
      const dm = decimate(m.xs, m.ys, PLOT_POINTS);
      mx = dm.x;
      my = dm.y;
    }
    return {
      ...base,
      x: d.x,
      y: d.y,
      mx,
      my,
      summary: undefined,
      momSummary: undefined,
      stride: p.stride,
      exact: false,
    };
  } catch (e) {
    return { ok: false, ...describeError(e) };
  }
}

const cache = new Map<string, Computed | Failed>();
export const cacheKey = (spec: string, lr: number, steps: number) => `${steps}|${lr}|${spec}`;

/** `compute`, memoised on (spec, lr, steps) so unchanged schedules are not resampled. */
export function computeCached(spec: string, lr: number, steps: number): Computed | Failed {
  const key = cacheKey(spec, lr, steps);
  let c = cache.get(key);
  if (!c) {
    c = compute(spec, lr, steps);
    if (cache.size > 64) cache.clear();
    cache.set(key, c);
  }
  return c;
}

/** Swaps the exact pass into a cached preview. */
export function completeCached(key: string, exact: ExactData): boolean {
  const c = cache.get(key);
  if (!c || !c.ok || c.exact) return false;
  cache.set(key, { ...c, ...exact, exact: true });
  return true;
}
