/**
 * fastai's combine_scheds with its float32 boundaries: which segment owns a pos, where inside it
 * the segment runs, and the boundary that moves (fit_sgdr's late restart).
 */
import { describe, expect, it } from 'vitest';
import { LrkitError, constant, curve, type Schedule } from '../../../src/index.js';
import {
  combineScheds,
  float32Cumulative,
  lastSegmentEmpty,
} from '../../../src/families/fastai/combine.js';
import { familyGolden } from '../../helpers/golden.js';
import { expectThrows } from '../../helpers/errors.js';
import { expectSeriesClose } from '../../helpers/tolerance.js';

/** Segment k reports 10·k plus the position it was given. */
const echo =
  (k: number): Schedule =>
  (pos) =>
    10 * k + pos;

describe('float32Cumulative', () => {
  it('rounds each pct to float32, sums in double, rounds each sum (torch’s CPU cumsum)', () => {
    const c = float32Cumulative([1 / 7, 2 / 7, 4 / 7]);
    expect(c).toEqual([0, Math.fround(1 / 7), 0.4285714626312256, 1]);
    // the second boundary lies above 3/7 in float32: fit_sgdr's late restart
    expect(c[2]).toBeGreaterThan(Math.fround(3 / 7));
    expect(float32Cumulative([0.3, 0.3, 0.4])).toEqual([
      0, 0.30000001192092896, 0.6000000238418579, 1,
    ]);
  });

  it('flags a last segment that is empty in float32', () => {
    expect(lastSegmentEmpty([1, 0])).toBe(true);
    expect(lastSegmentEmpty([1 - 1e-9, 1e-9])).toBe(true); // 1 − 1e-9 is 1 in float32
    expect(lastSegmentEmpty([0, 1])).toBe(false);
    expect(lastSegmentEmpty([0.25, 0.75])).toBe(false);
  });
});

describe('combineScheds', () => {
  const table: [label: string, pcts: number[], pos: number[], expected: number[]][] = [
    // a pos equal to a boundary starts the next segment; positions rescale to [0, 1]
    [
      'boundaries',
      [0.25, 0.25, 0.5],
      [0, 0.125, 0.25, 0.375, 0.5, 0.75, 1],
      [0, 0.5, 10, 10.5, 20, 20.5, 21],
    ],
    // empty segments are skipped (the last i with pos ≥ P[i] wins)
    ['empty segments', [0, 0.5, 0, 0.5], [0, 0.25, 0.5, 1], [10, 10.5, 30, 31]],
    // past pos 1 the end holds; below 0 the start
    ['clamped', [0.5, 0.5], [-1, 1.5, 1e9], [0, 11, 11]],
  ];
  for (const [label, pcts, pos, expected] of table) {
    it(`${label}: pcts ${pcts.join(', ')}`, () => {
      const f = combineScheds(
        pcts,
        pcts.map((_, k) => echo(k)),
      );
      expect(pos.map(f)).toEqual(expected);
    });
  }

  it('rounds positions to float32, even with a single segment (fastai’s actual_pos)', () => {
    const f = combineScheds([1], [echo(0)]);
    expect(f(0.1)).toBe(Math.fround(0.1));
    expect(f(0.1)).not.toBe(0.1);
    // 0.3 rounds up to float32 0.30000001192092896, the boundary: the second segment starts there
    const g = combineScheds([0.3, 0.7], [echo(0), echo(1)]);
    expect(g(0.3)).toBe(10);
    expect(g(0.29999998)).toBe(Math.fround(Math.fround(0.29999998) / Math.fround(0.3)));
  });

  it('fit_sgdr over 70 steps: restarts at k = 10 and 31, not 30 (golden data agrees)', () => {
    const c = familyGolden().cases.find((x) => x.name === 'fastai/fit_sgdr_3cycles')!;
    const lr = curve(c.spec, { lr: 0.01, steps: 70 }).lr[0]!;
    expect(lr[10]).toBe(0.01);
    expect(lr[30]).toBeLessThan(1e-14);
    expect(c.values[0]![30]).toBeLessThan(1e-14);
    // the third cycle starts late, at float32 P2 = 0.42857146, so k = 31 is already past its start
    expect(lr[31]).toBeGreaterThan(0.0099);
    expectSeriesClose(lr.slice(29, 33), c.values[0]!.slice(29, 33), 'fit_sgdr k=29..32', {
      rel: 1e-6,
      abs: 1e-12,
    });
  });

  it('rejects mismatched lists and an empty last segment', () => {
    expectThrows(
      () => combineScheds([0.5, 0.5], [constant(1)]),
      LrkitError,
      'combineScheds: needs one pct per schedule, got 2 pcts and 1 schedules',
    );
    expectThrows(
      () => combineScheds([1, 0], [constant(1), constant(2)]),
      LrkitError,
      'combineScheds: the last segment has no length in float32 (pcts 1, 0)',
    );
  });
});
