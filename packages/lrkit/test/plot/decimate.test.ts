import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.js';
import { decimate } from '../../src/plot/index.js';
import { expectThrows } from '../helpers/errors.js';

describe('decimate', () => {
  it('keeps first, last and each bucket’s min and max in order', () => {
    const d = decimate([0, 1, 2, 3, 4, 5], [0, 9, 1, -9, 2, 0], 4);
    expect(Array.from(d.x)).toEqual([0, 1, 3, 5]);
    expect(Array.from(d.y)).toEqual([0, 9, -9, 0]);
  });
  it('is the identity (a copy) when n ≤ maxPoints', () => {
    const y = [3, 1, 2];
    const d = decimate([0, 1, 2], y, 4);
    expect(d.y).toBeInstanceOf(Float64Array);
    expect(Array.from(d.y)).toEqual(y);
  });
  it('never exceeds maxPoints and keeps the global extremes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 4, max: 100 }),
        (ys, maxPoints) => {
          const xs = ys.map((_, i) => i);
          const d = decimate(xs, ys, maxPoints);
          expect(d.x.length).toBeLessThanOrEqual(
            Math.max(maxPoints, ys.length <= maxPoints ? ys.length : 0),
          );
          expect(d.x[0]).toBe(0);
          expect(d.x[d.x.length - 1]).toBe(ys.length - 1);
          expect(Math.max(...d.y)).toBe(Math.max(...ys));
          expect(Math.min(...d.y)).toBe(Math.min(...ys));
          // every kept point is an original point, in increasing index order
          for (let k = 0; k < d.x.length; k++) {
            expect(d.y[k]).toBe(ys[d.x[k]!]);
            if (k > 0) expect(d.x[k]!).toBeGreaterThan(d.x[k - 1]!);
          }
        },
      ),
    );
  });
  it('keeps a gap (non-finite y) when there is room for it', () => {
    const n = 1000;
    const xs = Array.from({ length: n }, (_, i) => i);
    const ys = xs.map((i) => (i === 500 ? NaN : Math.sin(i / 50)));
    const d = decimate(xs, ys, 50);
    expect(d.x.length).toBeLessThanOrEqual(50);
    expect(Array.from(d.y).some(Number.isNaN)).toBe(true);
  });
  it('decimates a million points to at most 2000', () => {
    const n = 1_000_000;
    const x = new Float64Array(n).map((_, i) => i);
    const y = x.map((i) => Math.cos(i / 1000) + (i === 777_777 ? 5 : 0));
    const d = decimate(x, y, 2000);
    expect(d.x.length).toBeLessThanOrEqual(2000);
    expect(Math.max(...d.y)).toBe(y[777_777]);
  });
  it('validates', () => {
    expectThrows(
      () => decimate([1], [1], 3),
      ParameterError,
      'decimate: maxPoints must be an integer ≥ 4, got 3',
    );
    expectThrows(
      () => decimate([1, 2], [1], 4),
      ParameterError,
      'decimate: y must have the same length as x (2), got 1',
    );
  });
});
