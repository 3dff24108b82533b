/** The four suggestion rules on small literal sweeps, with the expected index worked out by hand. */
import { describe, expect, it } from 'vitest';
import { LrkitError } from '../../src/errors.js';
import {
  minimumDiv10Suggestion,
  nearestIndex,
  slideSuggestion,
  steepestSuggestion,
  valleySuggestion,
} from '../../src/rangeTest/index.js';
import { expectThrows } from '../helpers/errors.js';

const decades = [1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100];

describe('steepestSuggestion', () => {
  it('the start of the steepest drop per decade', () => {
    // drops per decade: −0.5, −0.5, −0.5, −0.5, −0.2, +4.2
    expect(steepestSuggestion(decades, [3, 2.5, 2, 1.5, 1, 0.8, 5])).toEqual({
      lr: 1e-4,
      index: 0,
    });
    expect(steepestSuggestion([1e-3, 1e-2, 1e-1, 1], [2, 1.9, 1.0, 3])).toEqual({
      lr: 0.01,
      index: 1,
    });
  });
  it('divides by the log-lr step (unequal spacing)', () => {
    // drop 0.2 over 2 decades (−0.1/decade) vs 0.15 over 1 decade (−0.15/decade)
    expect(steepestSuggestion([1e-3, 1e-1, 1], [1, 0.8, 0.65])).toEqual({ lr: 0.1, index: 1 });
  });
  it('respects the window', () => {
    expect(steepestSuggestion(decades, [3, 1, 0.9, 0.8, 0.5, 0.6, 5], { skipStart: 1 })).toEqual({
      lr: 0.1,
      index: 3,
    });
  });
  it('null with a reason when nothing decreases', () => {
    expect(steepestSuggestion([1, 2, 3], [1, 2, 3])).toEqual({
      lr: null,
      index: null,
      reason: 'the loss never decreased during the sweep',
    });
    expect(steepestSuggestion([1], [1])).toEqual({
      lr: null,
      index: null,
      reason: 'fewer than 2 points to take a slope from',
    });
  });
});

describe('minimumDiv10Suggestion', () => {
  it('lr at the minimum ÷ 10, indexed at the nearest sweep point', () => {
    expect(minimumDiv10Suggestion(decades, [3, 2.5, 2, 1.5, 1, 0.8, 5])).toEqual({
      lr: 1,
      index: 4,
    });
    const r = minimumDiv10Suggestion([0.1, 0.2, 0.3, 0.4], [2, 1.5, 1, 3]);
    expect(r.lr).toBeCloseTo(0.03, 15);
    expect(r.index).toBe(0);
  });
  it('null when the minimum is the first point', () => {
    expect(minimumDiv10Suggestion(decades, [1, 2, 3, 4, 5, 6, 7]).lr).toBeNull();
  });
});

describe('valleySuggestion', () => {
  it("fastai's indexing: start = end − length of the longest decreasing run, then ⌊len/3⌋ + ⌊len/6⌋", () => {
    // longest strictly decreasing subsequence: indices 0..5 (length 6), end 5, start −1, 2 + 1 → 2
    expect(valleySuggestion(decades, [3, 2.5, 2, 1.5, 1, 0.8, 5])).toEqual({ lr: 1e-2, index: 2 });
  });
  it('the subsequence may skip bumps', () => {
    // 9, 8, (8.5), 7, (7.5), 6, 5, 4, 3, (10): length 7 ending at index 8 → start 1, 2 + 1 → 4
    const lrs = Array.from({ length: 10 }, (_, i) => 10 ** (i - 5));
    expect(valleySuggestion(lrs, [9, 8, 8.5, 7, 7.5, 6, 5, 4, 3, 10])).toEqual({
      lr: 1e-1,
      index: 4,
    });
  });
  it('null when too short or never decreasing', () => {
    expect(valleySuggestion([1, 2], [2, 1]).lr).toBeNull();
    expect(valleySuggestion([1, 2, 3], [1, 1, 1]).lr).toBeNull();
  });
});

describe('slideSuggestion', () => {
  it('slides left from the end until the slopes lrDiff apart agree within thresh', () => {
    // a straight descent (slope −0.1 per point) up to index 10, then a blow-up
    const losses = [...Array.from({ length: 11 }, (_, i) => 2 - 0.1 * i), 2, 4, 8, 16];
    const lrs = losses.map((_, i) => 10 ** (i / 5 - 3));
    // g (central differences): −0.1 … at 0..9, 0.45 at 10, 1.5, 3, 6, 8 (one-sided at the end)
    // pairs (r, l = r − 3): (14, 11) differ, (13, 10) differ, (12, 9) differ, (11, 8) differ,
    // (10, 7) differ (0.45 vs −0.1), (9, 6) agree → last left visited is 7
    expect(slideSuggestion(lrs, losses, { lrDiff: 3, thresh: 0.01 })).toEqual({
      lr: lrs[7],
      index: 7,
    });
    const adjusted = slideSuggestion(lrs, losses, { lrDiff: 3, thresh: 0.01, adjustValue: 0.5 });
    expect(adjusted.lr).toBe(lrs[7]! * 0.5);
  });
  it('null when the window is not longer than lrDiff', () => {
    expect(slideSuggestion([1, 2, 3], [3, 2, 1]).lr).toBeNull();
  });
  it('validates its options', () => {
    expectThrows(
      () => slideSuggestion([1, 2], [1, 2], { lrDiff: 0 }),
      LrkitError,
      'slideSuggestion: lrDiff must be a positive integer, got 0',
    );
  });
});

describe('shared checks', () => {
  it('lrs and losses must match and lrs be positive', () => {
    expectThrows(
      () => valleySuggestion([1, 2], [1]),
      LrkitError,
      'valleySuggestion: lrs and losses must have the same length, got 2 and 1',
    );
    expectThrows(
      () => steepestSuggestion([1, 0], [1, 2]),
      LrkitError,
      'steepestSuggestion: every lr must be a finite number > 0, got 0 at 1',
    );
  });
  it('nearestIndex is nearest on a log scale', () => {
    expect(nearestIndex([1, 10, 100], 4)).toBe(1);
    expect(nearestIndex([1, 10, 100], 3)).toBe(0);
  });
});
