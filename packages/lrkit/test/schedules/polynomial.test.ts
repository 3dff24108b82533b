import fc from 'fast-check';
import { describe, it } from 'vitest';
import { ParameterError, polynomial, type PolynomialOptions } from '../../src/index.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';
import { expectThrows } from '../helpers/errors.js';

describe('polynomial', () => {
  const table: [PolynomialOptions, steps: number[], expected: number[]][] = [
    [
      { from: 1, to: 0, steps: 4, power: 2 },
      [0, 0.5, 1, 2, 3, 4, 5, 1e9],
      [1, 0.765625, 0.5625, 0.25, 0.0625, 0, 0, 0],
    ],
    [
      { from: 0.1, to: 0.001, steps: 10, power: 1 },
      [0, 5, 10, 20, 1e9],
      [0.1, 0.0505, 0.001, 0.001, 0.001],
    ],
    [{ from: 1, to: 0, steps: 4, power: 0.5 }, [0, 3, 4, 8], [1, 0.5, 0, 0]],
    // to above from: rises as 1 − (1 − p)^3
    [{ from: 0, to: 1, steps: 2, power: 3 }, [0, 1, 2, 3], [0, 0.875, 1, 1]],
    [{ from: 1, to: 0, steps: 2.5, power: 2 }, [1.25, 2.5, 3], [0.25, 0, 0]],
    // power 0: (1 − p)^0 = 1 everywhere, including 0^0 at p = 1 (PyTorch PolynomialLR keeps base_lr)
    [{ from: 0.5, to: 0.1, steps: 10, power: 0 }, [0, 5, 10, 1e9], [0.5, 0.5, 0.5, 0.5]],
  ];
  for (const [options, steps, expected] of table) {
    const label = `polynomial(${JSON.stringify(options)})`;
    it(`${label} at ${steps.join(', ')}`, () => {
      const f = polynomial(options);
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        label,
      );
    });
  }

  it('property: from·q + to·(1 − q) with q = (1 − min(t, T)/T)^p, finite and ≥ 0', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 2e4, noNaN: true }),
        (from, to, steps, power, t) => {
          const v = polynomial({ from, to, steps, power })(t);
          const q = Math.pow(1 - Math.min(t, steps) / steps, power);
          const expected = from * q + to * (1 - q);
          return (
            Number.isFinite(v) &&
            v >= 0 &&
            close(v, expected, { rel: 1e-12, abs: 1e-12 * Math.max(from, to, 1e-300) })
          );
        },
      ),
    );
  });

  const ok = { from: 1, to: 0, steps: 10, power: 2 };
  const errors: [PolynomialOptions, message: string][] = [
    [{ ...ok, from: -1 }, 'polynomial: from must be a finite number ≥ 0, got -1'],
    [{ ...ok, to: NaN }, 'polynomial: to must be a finite number ≥ 0, got NaN'],
    [{ ...ok, steps: 0 }, 'polynomial: steps must be a finite number > 0, got 0'],
    [{ ...ok, steps: -5 }, 'polynomial: steps must be a finite number > 0, got -5'],
    [{ ...ok, steps: Infinity }, 'polynomial: steps must be a finite number > 0, got Infinity'],
    [{ ...ok, power: -1 }, 'polynomial: power must be a finite number ≥ 0, got -1'],
    [{ ...ok, power: NaN }, 'polynomial: power must be a finite number ≥ 0, got NaN'],
  ];
  for (const [options, message] of errors) {
    it(`rejects: ${message}`, () => {
      expectThrows(() => polynomial(options), ParameterError, message);
    });
  }
});
