import fc from 'fast-check';
import { describe, it } from 'vitest';
import { ParameterError, cosine, type CosineOptions } from '../../src/index.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';
import { expectThrows } from '../helpers/errors.js';

describe('cosine', () => {
  const table: [CosineOptions, steps: number[], expected: number[]][] = [
    // past T the cosine keeps going (period 2T): not clamped at `to`
    [
      { from: 1, to: 0, period: 10 },
      [0, 2.5, 5, 10, 15, 20, 25, 30, 40, 1e9],
      [1, (1 + Math.SQRT1_2) / 2, 0.5, 0, 0.5, 1, 0.5, 0, 1, 1],
    ],
    [{ from: 0.1, to: 0.001, period: 100 }, [0, 50, 100, 200], [0.1, 0.0505, 0.001, 0.1]],
    // rising (from below to)
    [{ from: 0, to: 1, period: 4 }, [0, 2, 4, 6, 8], [0, 0.5, 1, 0.5, 0]],
    [{ from: 1, to: 0, period: 2.5 }, [1.25, 2.5, 5], [0.5, 0, 1]],
    [{ from: 0.4, to: 0.4, period: 3 }, [0, 1, 3, 1e9], [0.4, 0.4, 0.4, 0.4]],
  ];
  for (const [options, steps, expected] of table) {
    const label = `cosine(${JSON.stringify(options)})`;
    it(`${label} at ${steps.join(', ')}`, () => {
      const f = cosine(options);
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        label,
      );
    });
  }

  const value = fc.oneof(fc.constant(0), fc.double({ min: 1e-12, max: 10, noNaN: true }));
  const period = fc.double({ min: 0.5, max: 1000, noNaN: true });
  const step = fc.double({ min: 0, max: 1e4, noNaN: true });

  it('property: to + (from − to)·cos²(πt/2T), finite, ≥ 0 and between to and from', () => {
    fc.assert(
      fc.property(value, value, period, step, (from, to, T, t) => {
        const v = cosine({ from, to, period: T })(t);
        const c = Math.cos((Math.PI / 2) * (t / T));
        const expected = to + (from - to) * c * c;
        const span = Math.max(from, to);
        return (
          Number.isFinite(v) &&
          v >= 0 &&
          v >= Math.min(from, to) - 1e-15 * span &&
          v <= span * (1 + 1e-15) &&
          close(v, expected, { rel: 1e-9, abs: 1e-9 * Math.max(span, 1e-300) })
        );
      }),
    );
  });

  it('property: periodic with period 2T and symmetric about T', () => {
    fc.assert(
      fc.property(value, value, period, step, (from, to, T, t) => {
        const f = cosine({ from, to, period: T });
        const tol = { rel: 1e-9, abs: 1e-9 * Math.max(from, to, 1e-300) };
        return (
          close(f(t + 2 * T), f(t), tol) &&
          close(f(T + t), f(Math.abs(T - t)), tol) &&
          close(f(2 * T), from, tol)
        );
      }),
    );
  });

  const ok = { from: 1, to: 0, period: 10 };
  const errors: [CosineOptions, message: string][] = [
    [{ ...ok, from: -1 }, 'cosine: from must be a finite number ≥ 0, got -1'],
    [{ ...ok, from: Infinity }, 'cosine: from must be a finite number ≥ 0, got Infinity'],
    [{ ...ok, to: -0.001 }, 'cosine: to must be a finite number ≥ 0, got -0.001'],
    [{ ...ok, to: NaN }, 'cosine: to must be a finite number ≥ 0, got NaN'],
    [{ ...ok, period: 0 }, 'cosine: period must be a finite number > 0, got 0'],
    [{ ...ok, period: -10 }, 'cosine: period must be a finite number > 0, got -10'],
    [{ ...ok, period: NaN }, 'cosine: period must be a finite number > 0, got NaN'],
    [{ ...ok, period: Infinity }, 'cosine: period must be a finite number > 0, got Infinity'],
  ];
  for (const [options, message] of errors) {
    it(`rejects: ${message}`, () => {
      expectThrows(() => cosine(options), ParameterError, message);
    });
  }
});
