/**
 * The classic range-test suggestion rules as pure functions of a sweep (lrs and the smoothed
 * losses): steepest descent, minimum ÷ 10, fastai's valley and fastai's slide.
 *
 * All take the whole sweep plus the window to consider (`skipStart` points at the start and
 * `skipEnd` at the end are ignored, as fastai ignores the first tenth and the last 5 points) and
 * return an index into the whole sweep.
 */
import { LrkitError } from '../errors.js';
import type { Suggestion } from './types.js';

/** The part of the sweep a suggestion rule looks at. */
export interface SuggestionWindow {
  /** Points ignored at the start (default 0). */
  skipStart?: number;
  /** Points ignored at the end (default 0). */
  skipEnd?: number;
}

function window(
  fn: string,
  lrs: ArrayLike<number>,
  losses: ArrayLike<number>,
  w: SuggestionWindow,
): [number, number] {
  if (lrs.length !== losses.length) {
    throw new LrkitError(
      `${fn}: lrs and losses must have the same length, got ${lrs.length} and ${losses.length}`,
    );
  }
  const { skipStart = 0, skipEnd = 0 } = w;
  if (!Number.isInteger(skipStart) || skipStart < 0) {
    throw new LrkitError(`${fn}: skipStart must be a non-negative integer, got ${skipStart}`);
  }
  if (!Number.isInteger(skipEnd) || skipEnd < 0) {
    throw new LrkitError(`${fn}: skipEnd must be a non-negative integer, got ${skipEnd}`);
  }
  for (let i = 0; i < lrs.length; i++) {
    if (!(lrs[i]! > 0) || !Number.isFinite(lrs[i]!)) {
      throw new LrkitError(`${fn}: every lr must be a finite number > 0, got ${lrs[i]} at ${i}`);
    }
  }
  return [skipStart, lrs.length - skipEnd];
}

function none(reason: string): Suggestion {
  return { lr: null, index: null, reason };
}

/** The index of the sweep point whose lr is nearest to `lr` on a log scale. */
export function nearestIndex(lrs: ArrayLike<number>, lr: number): number {
  let best = 0;
  for (let i = 1; i < lrs.length; i++) {
    if (Math.abs(Math.log(lrs[i]! / lr)) < Math.abs(Math.log(lrs[best]! / lr))) best = i;
  }
  return best;
}

/**
 * Steepest descent: the lr where the loss falls fastest per decade of lr,
 * i = argmin (L[i+1] − L[i]) / (log10 lr[i+1] − log10 lr[i]), suggestion lr[i].
 * @returns null when the window has fewer than 2 points or the loss never falls in it
 * @example steepestSuggestion([1e-3, 1e-2, 1e-1, 1], [2, 1.9, 1.0, 3]) // { lr: 0.01, index: 1 }
 */
export function steepestSuggestion(
  lrs: ArrayLike<number>,
  losses: ArrayLike<number>,
  w: SuggestionWindow = {},
): Suggestion {
  const [a, b] = window('steepestSuggestion', lrs, losses, w);
  if (b - a < 2) return none('fewer than 2 points to take a slope from');
  let best = -1;
  let bestSlope = 0;
  for (let i = a; i < b - 1; i++) {
    const dx = Math.log10(lrs[i + 1]!) - Math.log10(lrs[i]!);
    if (!(dx > 0)) continue;
    const drop = losses[i + 1]! - losses[i]!;
    if (!(drop < -1e-12 * Math.abs(losses[i]!))) continue; // rounding is not a descent
    const slope = drop / dx;
    if (slope < bestSlope) {
      bestSlope = slope;
      best = i;
    }
  }
  if (best < 0) return none('the loss never decreased during the sweep');
  return { lr: lrs[best]!, index: best };
}

/**
 * Minimum ÷ 10: one tenth of the lr at which the loss was lowest (Smith's rule of thumb and
 * fastai's `minimum`); `index` is the sweep point nearest to that tenth.
 * @returns null when the window is empty or the minimum is its first point (no descent seen)
 * @example minimumDiv10Suggestion([1e-3, 1e-2, 1e-1, 1], [2, 1.9, 1.0, 3]) // { lr: 0.01, index: 1 }
 */
export function minimumDiv10Suggestion(
  lrs: ArrayLike<number>,
  losses: ArrayLike<number>,
  w: SuggestionWindow = {},
): Suggestion {
  const [a, b] = window('minimumDiv10Suggestion', lrs, losses, w);
  if (b - a < 2) return none('fewer than 2 points in the sweep');
  let iMin = a;
  for (let i = a + 1; i < b; i++) if (losses[i]! < losses[iMin]!) iMin = i;
  if (!(losses[iMin]! < losses[a]! - 1e-12 * Math.abs(losses[a]!))) {
    return none('the loss was lowest at the first lr: it never decreased');
  }
  const lr = lrs[iMin]! / 10;
  return { lr, index: nearestIndex(lrs, lr) };
}

/**
 * fastai's valley: the longest valley is the longest strictly decreasing subsequence of the
 * losses (found by dynamic programming, O(n²)); it ends at index `end` and spans `len` points
 * counting back from there; the suggestion is the point about half-way down it (fastai's indexing),
 * `start + ⌊len/3⌋ + ⌊len/6⌋` (a third, plus half a third), with `start = end − len`.
 * @returns null when the window has fewer than 3 points or the loss never decreases
 * @example valleySuggestion([1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100], [3, 2.5, 2, 1.5, 1, 0.8, 5])
 *   // { lr: 0.01, index: 2 }
 */
export function valleySuggestion(
  lrs: ArrayLike<number>,
  losses: ArrayLike<number>,
  w: SuggestionWindow = {},
): Suggestion {
  const [a, b] = window('valleySuggestion', lrs, losses, w);
  const n = b - a;
  if (n < 3) return none('fewer than 3 points in the sweep');
  const lds = new Array<number>(n).fill(1);
  let end = 0;
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (losses[a + i]! < losses[a + j]! && lds[i]! < lds[j]! + 1) lds[i] = lds[j]! + 1;
    }
    if (lds[i]! > lds[end]!) end = i;
  }
  if (lds[end]! < 2) return none('the loss never decreased during the sweep');
  const start = end - lds[end]!;
  const third = (end - start) / 3;
  const idx = a + Math.max(0, start + Math.floor(third) + Math.floor(third / 2));
  return { lr: lrs[idx]!, index: idx };
}

/** Options of fastai's slide rule. */
export interface SlideOptions extends SuggestionWindow {
  /** Distance in points between the two slopes compared (default 15). */
  lrDiff?: number;
  /** Largest difference of the two slopes (loss units per point) that counts as flat (default 0.005). */
  thresh?: number;
  /** Factor applied to the lr found (default 1). */
  adjustValue?: number;
}

/**
 * fastai's slide: with g the loss gradient per point (central differences, one-sided at the
 * ends), a pair of points `lrDiff` apart slides left from the right end of the window while
 * |g[right] − g[left]| > thresh; the suggestion is the last left lr visited (× adjustValue), i.e.
 * the lr just right of the first place, seen from the top, where the slope is the same at both
 * ends of the pair (the loss is locally straight: the steady descent before the blow-up).
 * @returns null when the window has no more than `lrDiff` points
 * @example slideSuggestion(lrs, smoothed, { skipStart: 10, skipEnd: 5 })
 */
export function slideSuggestion(
  lrs: ArrayLike<number>,
  losses: ArrayLike<number>,
  options: SlideOptions = {},
): Suggestion {
  const [a, b] = window('slideSuggestion', lrs, losses, options);
  const { lrDiff = 15, thresh = 0.005, adjustValue = 1 } = options;
  if (!Number.isInteger(lrDiff) || lrDiff < 1) {
    throw new LrkitError(`slideSuggestion: lrDiff must be a positive integer, got ${lrDiff}`);
  }
  if (!(thresh >= 0) || !Number.isFinite(thresh)) {
    throw new LrkitError(`slideSuggestion: thresh must be a finite number ≥ 0, got ${thresh}`);
  }
  if (!(adjustValue > 0) || !Number.isFinite(adjustValue)) {
    throw new LrkitError(
      `slideSuggestion: adjustValue must be a finite number > 0, got ${adjustValue}`,
    );
  }
  const n = b - a;
  if (n <= lrDiff) return none(`no more than lrDiff = ${lrDiff} points in the sweep`);
  const g = new Array<number>(n);
  const L = (i: number) => losses[a + i]!;
  for (let i = 0; i < n; i++) {
    g[i] = i === 0 ? L(1) - L(0) : i === n - 1 ? L(n - 1) - L(n - 2) : (L(i + 1) - L(i - 1)) / 2;
  }
  let r = n - 1;
  let l = r - lrDiff;
  let found = l;
  while (l >= 0 && Math.abs(g[r]! - g[l]!) > thresh) {
    found = l;
    r--;
    l--;
  }
  const lr = lrs[a + found]! * adjustValue;
  return { lr, index: adjustValue === 1 ? a + found : nearestIndex(lrs, lr) };
}
