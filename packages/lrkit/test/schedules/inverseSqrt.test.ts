import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/index.js';
import { inverseSqrt, type InverseSqrtOptions } from '../../src/schedules/inverseSqrt.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';
import { expectThrows } from '../helpers/errors.js';

describe('inverseSqrt', () => {
  const table: [InverseSqrtOptions, steps: number[], expected: number[]][] = [
    // halves at 3τ, a tenth at 99τ
    [
      { initial: 1, timescale: 10 },
      [0, 30, 990, 5, 2.5],
      [1, 0.5, 0.1, 1 / Math.sqrt(1.5), 0.8944271909999159],
    ],
    [{ initial: 0.1, timescale: 10_000 }, [0, 30_000, 1e9], [0.1, 0.05, 0.1 / Math.sqrt(100_001)]],
    // fractional timescale
    [{ initial: 2, timescale: 0.5 }, [0, 1.5, 12], [2, 1, 0.4]],
    [{ initial: 0, timescale: 3 }, [0, 7, 1e9], [0, 0, 0]],
    // (t + τ)/τ overflows to ∞: the value is 0, never NaN
    [{ initial: 0.3, timescale: 1e-310 }, [0, 1e9], [0.3, 0]],
  ];
  for (const [options, steps, expected] of table) {
    const label = `inverseSqrt(${JSON.stringify(options)})`;
    it(`${label} at ${steps.join(', ')}`, () => {
      const f = inverseSqrt(options);
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        label,
      );
    });
  }

  it('property: f(t)² · (1 + t/τ) = initial², decreasing, finite and ≥ 0', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        (initial, timescale, a, b) => {
          const f = inverseSqrt({ initial, timescale });
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const v = f(lo);
          return (
            Number.isFinite(v) &&
            v >= 0 &&
            f(hi) <= v &&
            close(v * v * (1 + lo / timescale), initial * initial, { rel: 1e-12, abs: 1e-300 })
          );
        },
      ),
    );
  });

  const errors: [options: unknown, message: string][] = [
    [{ initial: -1, timescale: 1 }, 'inverseSqrt: initial must be a finite number ≥ 0, got -1'],
    [{ initial: NaN, timescale: 1 }, 'inverseSqrt: initial must be a finite number ≥ 0, got NaN'],
    [{ initial: 1, timescale: 0 }, 'inverseSqrt: timescale must be a finite number > 0, got 0'],
    [{ initial: 1, timescale: -2 }, 'inverseSqrt: timescale must be a finite number > 0, got -2'],
    [
      { initial: 1, timescale: Infinity },
      'inverseSqrt: timescale must be a finite number > 0, got Infinity',
    ],
    [{ initial: 1 }, 'inverseSqrt: timescale must be a finite number > 0, got nothing'],
  ];
  for (const [options, message] of errors) {
    it(`rejects ${JSON.stringify(options)}: ${message}`, () => {
      expectThrows(() => inverseSqrt(options as InverseSqrtOptions), ParameterError, message);
    });
  }

  it('the error carries fn, param, rule and value', () => {
    try {
      inverseSqrt({ initial: 1, timescale: 0 });
      expect.fail('no error');
    } catch (e) {
      const p = e as ParameterError;
      expect([p.fn, p.param, p.rule, p.value]).toEqual([
        'inverseSqrt',
        'timescale',
        'must be a finite number > 0',
        0,
      ]);
    }
  });
});
