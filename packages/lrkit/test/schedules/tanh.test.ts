import fc from 'fast-check';
import { describe, it } from 'vitest';
import { ParameterError } from '../../src/index.js';
import { tanh, type TanhOptions } from '../../src/schedules/tanh.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';
import { expectThrows } from '../helpers/errors.js';

describe('tanh', () => {
  const table: [TanhOptions, steps: number[], expected: number[]][] = [
    // argument −1 → 1: (1 − tanh(−1))/2, 1/2 at the middle, (1 − tanh(1))/2, then held
    [
      { from: 1, to: 0, steps: 10, lb: -1, ub: 1 },
      [0, 5, 10, 11, 1e9],
      [0.8807970779778824, 0.5, 0.11920292202211757, 0.11920292202211757, 0.11920292202211757],
    ],
    // defaults lb = −7, ub = 3: the argument is 0 at p = 0.7
    [{ from: 0.1, to: 0, steps: 10 }, [7], [0.05]],
    [{ from: 0.1, to: 0, steps: 10 }, [0], [(0.1 * (1 - Math.tanh(-7))) / 2]],
    // to above from: rises; fractional steps
    [{ from: 0, to: 1, steps: 2.5, lb: -2, ub: 2 }, [1.25], [0.5]],
    [{ from: 0.3, to: 0.3, steps: 4 }, [0, 2, 4, 8], [0.3, 0.3, 0.3, 0.3]],
  ];
  for (const [options, steps, expected] of table) {
    const label = `tanh(${JSON.stringify(options)})`;
    it(`${label} at ${steps.join(', ')}`, () => {
      const f = tanh(options);
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        label,
      );
    });
  }

  const level = fc.oneof(fc.constant(0), fc.double({ min: 1e-12, max: 10, noNaN: true }));
  const bound = fc.double({ min: -50, max: 50, noNaN: true });
  it('property: to + (from − to)·(1 − tanh(lb + (ub − lb)·p))/2, finite, between the levels, monotone', () => {
    fc.assert(
      fc.property(
        level,
        level,
        fc.double({ min: 1e-3, max: 1e4, noNaN: true }),
        bound,
        fc.double({ min: 1e-6, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        (from, to, steps, lb, width, t, u) => {
          const ub = lb + width;
          const f = tanh({ from, to, steps, lb, ub });
          const v = f(t);
          const p = Math.min(t, steps) / steps;
          const expected = to + ((from - to) * (1 - Math.tanh(lb * (1 - p) + ub * p))) / 2;
          const lo = Math.min(from, to);
          const hi = Math.max(from, to);
          const tol = { rel: 1e-12, abs: 1e-15 * Math.max(hi, 1) };
          const [a, b] = t <= u ? [f(t), f(u)] : [f(u), f(t)];
          const monotone = from >= to ? a >= b - 1e-15 * hi : a <= b + 1e-15 * hi;
          return (
            Number.isFinite(v) &&
            v >= lo - 1e-15 * hi &&
            v <= hi + 1e-15 * hi &&
            close(v, expected, tol) &&
            monotone
          );
        },
      ),
    );
  });

  const ok = { from: 1, to: 0, steps: 10 };
  const errors: [TanhOptions, message: string][] = [
    [{ ...ok, from: -1 }, 'tanh: from must be a finite number ≥ 0, got -1'],
    [{ ...ok, to: NaN }, 'tanh: to must be a finite number ≥ 0, got NaN'],
    [{ ...ok, steps: 0 }, 'tanh: steps must be a finite number > 0, got 0'],
    [{ ...ok, steps: Infinity }, 'tanh: steps must be a finite number > 0, got Infinity'],
    [{ ...ok, lb: -Infinity }, 'tanh: lb must be a finite number, got -Infinity'],
    [{ ...ok, ub: NaN }, 'tanh: ub must be a finite number, got NaN'],
    [{ ...ok, lb: 3, ub: 3 }, 'tanh: ub must be > lb (3), got 3'],
    [{ ...ok, lb: 1, ub: -1 }, 'tanh: ub must be > lb (1), got -1'],
  ];
  for (const [options, message] of errors) {
    it(`rejects: ${message}`, () => {
      expectThrows(() => tanh(options), ParameterError, message);
    });
  }
});
