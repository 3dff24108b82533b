import { ParameterError } from '../errors.js';
import { describe } from '../export/describe.js';
import { check, rules, type Rule } from '../rules.js';
import type { Schedule } from '../schedule.js';

/** Where noise applies: steps in [start, end), or every step ≥ start (a single number). */
export type NoiseRange = number | readonly [start: number, end: number];

export interface NoiseOptions {
  /** Steps that get noise: `[start, end)`, or a single number for every step ≥ it. */
  range: NoiseRange;
  /** Bound on |ε|, in (0, 1] (default 0.67), so that 1 + ε stays in (0, 2). */
  pct?: number;
  /** Integer seed (default 42); the draw at step t depends on seed + t only. */
  seed?: number;
  /**
   * 'normal' (default): ε is a standard normal conditioned on |ε| < pct; 'uniform': ε is
   * uniform on [−pct, pct).
   */
  type?: 'normal' | 'uniform';
}

const safeInteger: Rule = {
  text: 'must be a safe integer (|n| < 2^53)',
  test: (v) => Number.isSafeInteger(v),
};

// The generator below (fmix32, uniforms, noiseDraw) is copied into exported code: as Python in
// src/export/python.ts (_noise_draw) and as TypeScript in src/export/typescript.ts (NOISE_DRAW).
// Those copies must change with this file; test/export/noise.test.ts fails if they drift.

/** murmur3's 32-bit finaliser: a bijective avalanche on 32-bit words. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A small deterministic generator keyed by a number (seed + t): mulberry32 started from a hash
 * of the key's integer high and low words and its fraction. Returns uniforms in [0, 1).
 */
function uniforms(key: number): () => number {
  const whole = Math.floor(key);
  const hi = Math.floor(whole / 4294967296);
  const lo = whole - hi * 4294967296;
  const frac = Math.floor((key - whole) * 4294967296);
  let s = fmix32((lo >>> 0) ^ fmix32((hi | 0) ^ fmix32((frac >>> 0) ^ 0x9e3779b9)));
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let r = Math.imul(s ^ (s >>> 15), 1 | s);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** Proposals before giving up (each is accepted with probability > 0.6; 64 fail with p < 1e-25). */
const MAX_DRAWS = 64;

/**
 * The noise ε drawn for `key` (seed + t): a pure function of its arguments.
 * 'normal' draws a standard normal conditioned on |ε| < pct, the distribution of timm's "draw
 * again until |ε| < pct", by rejection from the uniform envelope on (−pct, pct): a proposal x is
 * kept with probability exp(−x²/2). Unlike redrawing a normal, this never spins for a small pct.
 * @example noiseDraw(62, 0.67, 'normal') // a number in (−0.67, 0.67), the same on every call
 */
export function noiseDraw(key: number, pct: number, type: 'normal' | 'uniform'): number {
  const next = uniforms(key);
  if (type === 'uniform') return 2 * (next() - 0.5) * pct;
  for (let i = 0; i < MAX_DRAWS; i++) {
    const x = pct * (2 * next() - 1);
    if (Math.abs(x) < pct && next() < Math.exp(-0.5 * x * x)) return x;
  }
  return 0;
}

/** Whether step t is in the noise range. */
export function inNoiseRange(range: NoiseRange, t: number): boolean {
  return typeof range === 'number' ? t >= range : range[0] <= t && t < range[1];
}

/**
 * Multiplicative learning-rate noise (timm's `noise_range_t`/`noise_pct`/`noise_seed`):
 * `f(t) = 1 + ε(t)` for t in the range, 1 elsewhere, where ε(t) is drawn afresh for every step
 * from a generator seeded with seed + t, so the value at a step never depends on the steps
 * before it. Multiply a schedule by it with `product`. With pct ≤ 1, f stays in (0, 2).
 * The numbers are lrkit's own (a small seeded generator), not PyTorch's `torch.Generator`
 * stream: same distribution, different draws.
 * @param range steps with noise: `[start, end)` or a single start (finite numbers).
 * @param pct bound on |ε| (in (0, 1], default 0.67).
 * @param seed integer seed (default 42).
 * @param type 'normal' (default, truncated standard normal) or 'uniform' (on [−pct, pct)).
 * @example noise({ range: [10, 20] })(5) // 1 (outside the range)
 */
export function noise({ range, pct = 0.67, seed = 42, type = 'normal' }: NoiseOptions): Schedule {
  if (typeof range === 'number') {
    check('noise', 'range', range, rules.finite);
  } else {
    if (!Array.isArray(range) || range.length !== 2) {
      throw new ParameterError('noise', 'range', 'must be a number or a [start, end] pair', range);
    }
    check('noise', 'range[0]', range[0], rules.finite);
    check('noise', 'range[1]', range[1], rules.finite);
  }
  check('noise', 'pct', pct, rules.unitIntervalOpenLeft);
  check('noise', 'seed', seed, safeInteger);
  if (type !== 'normal' && type !== 'uniform') {
    throw new ParameterError('noise', 'type', "must be 'normal' or 'uniform'", type);
  }
  const r: NoiseRange = typeof range === 'number' ? range : [range[0], range[1]];
  return describe((t: number) => (inNoiseRange(r, t) ? 1 + noiseDraw(seed + t, pct, type) : 1), {
    kind: 'noise',
    start: typeof r === 'number' ? r : r[0],
    end: typeof r === 'number' ? null : r[1],
    pct,
    seed,
    type,
  });
}
