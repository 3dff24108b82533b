import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParameterError, curve, linear, type LinearOptions } from '../../src/index.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';
import { expectThrows } from '../helpers/errors.js';

describe('linear', () => {
  const table: [LinearOptions, steps: number[], expected: number[]][] = [
    [
      { from: 0, to: 1, steps: 4 },
      [0, 0.5, 1, 2, 3, 3.75, 4, 5, 1e9],
      [0, 0.125, 0.25, 0.5, 0.75, 0.9375, 1, 1, 1],
    ],
    [{ from: 1, to: 0.2, steps: 8 }, [0, 1, 2, 4, 8, 100, 1e9], [1, 0.9, 0.8, 0.6, 0.2, 0.2, 0.2]],
    // steps 0: `to` from the start
    [{ from: 0.5, to: 0.1, steps: 0 }, [0, 1, 1e9], [0.1, 0.1, 0.1]],
    // fractional ramp length
    [{ from: 0, to: 1, steps: 2.5 }, [0, 1, 2.5, 3], [0, 0.4, 1, 1]],
    [{ from: 0.3, to: 0.3, steps: 10 }, [0, 5, 10, 1e9], [0.3, 0.3, 0.3, 0.3]],
  ];
  for (const [options, steps, expected] of table) {
    const label = `linear(${JSON.stringify(options)})`;
    it(`${label} at ${steps.join(', ')}`, () => {
      const f = linear(options);
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        label,
      );
    });
  }

  // learning rates: 0 or a normal double (subnormal values only test underflow)
  const value = fc.oneof(fc.constant(0), fc.double({ min: 1e-12, max: 10, noNaN: true }));

  it('property: from·(1 − p) + to·p with p = min(t, T)/T', () => {
    fc.assert(
      fc.property(
        value,
        value,
        fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e4, noNaN: true })),
        fc.double({ min: 0, max: 2e4, noNaN: true }),
        (from, to, steps, t) => {
          const v = linear({ from, to, steps })(t);
          const p = steps === 0 ? 1 : Math.min(t, steps) / steps;
          const expected = from * (1 - p) + to * p;
          return (
            Number.isFinite(v) &&
            close(v, expected, { rel: 1e-12, abs: 1e-12 * Math.max(from, to, 1e-300) })
          );
        },
      ),
    );
  });

  const errors: [LinearOptions, message: string][] = [
    [{ from: -1, to: 1, steps: 4 }, 'linear: from must be a finite number ≥ 0, got -1'],
    [{ from: NaN, to: 1, steps: 4 }, 'linear: from must be a finite number ≥ 0, got NaN'],
    [{ from: 0, to: -0.5, steps: 4 }, 'linear: to must be a finite number ≥ 0, got -0.5'],
    [{ from: 0, to: Infinity, steps: 4 }, 'linear: to must be a finite number ≥ 0, got Infinity'],
    [{ from: 0, to: 1, steps: -1 }, 'linear: steps must be a finite number ≥ 0, got -1'],
    [
      { from: 0, to: 1, steps: Infinity },
      'linear: steps must be a finite number ≥ 0, got Infinity',
    ],
    [{ from: 0, to: 1, steps: NaN }, 'linear: steps must be a finite number ≥ 0, got NaN'],
    // the first bad parameter is the one reported
    [{ from: -1, to: -2, steps: -3 }, 'linear: from must be a finite number ≥ 0, got -1'],
  ];
  for (const [options, message] of errors) {
    it(`rejects: ${message}`, () => {
      expectThrows(() => linear(options), ParameterError, message);
    });
  }
});

describe('linear: never below its end points (regression)', () => {
  it('ends at exactly `to`, not one rounding below 0', () => {
    expect(linear({ from: 0.1, to: 0, steps: 3 })(3)).toBe(0);
    expect(linear({ from: 0.1, to: 0, steps: 3 })(1e9)).toBe(0);
  });
  it('LinearLR decaying to 0 runs (it used to throw a negative-lr error)', () => {
    expect(
      curve('LinearLR(start_factor=0.1, end_factor=0, total_iters=3)', { lr: 1, steps: 5 })
        .lr[0]![3],
    ).toBe(0);
  });
  it('property: between from and to at every step', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 2000 }),
        (from, to, steps, t) => {
          const v = linear({ from, to, steps })(t);
          expect(v).toBeGreaterThanOrEqual(Math.min(from, to));
          expect(v).toBeLessThanOrEqual(Math.max(from, to));
        },
      ),
    );
  });
});
