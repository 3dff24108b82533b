import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/index.js';
import { inverseTime, type InverseTimeOptions } from '../../src/schedules/inverseTime.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';

function expectThrows(f: () => unknown, type: new (...args: never[]) => Error, message: string) {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error, `expected ${type.name}: ${message}`).toBeInstanceOf(type);
  expect((error as Error).message).toBe(message);
}

describe('inverseTime', () => {
  const table: [InverseTimeOptions, steps: number[], expected: number[]][] = [
    [
      { initial: 0.1, rate: 0.5, steps: 10 },
      [0, 10, 20, 30, 5, 1e9],
      [0.1, 0.1 / 1.5, 0.05, 0.04, 0.08, 0.1 / (1 + 0.5e8)],
    ],
    // staircase: the denominator grows at multiples of `steps` only
    [
      { initial: 0.1, rate: 0.5, steps: 10, staircase: true },
      [0, 9, 9.999, 10, 19, 20],
      [0.1, 0.1, 0.1, 0.1 / 1.5, 0.1 / 1.5, 0.05],
    ],
    // default steps 1: initial / (1 + rate·t) (Keras 2's optimizer `decay`)
    [{ initial: 1, rate: 1 }, [0, 1, 3, 99], [1, 0.5, 0.25, 0.01]],
    // rate 0: constant, even where t/steps overflows
    [{ initial: 0.3, rate: 0, steps: 1e-310 }, [0, 1, 1e9], [0.3, 0.3, 0.3]],
    // t/steps overflows: the value is 0, never NaN
    [{ initial: 0.3, rate: 2, steps: 1e-310 }, [0, 1e9], [0.3, 0]],
    [{ initial: 0, rate: 3, steps: 2 }, [0, 7], [0, 0]],
    // fractional steps
    [{ initial: 1, rate: 1, steps: 2.5 }, [0, 2.5, 5], [1, 0.5, 1 / 3]],
  ];
  for (const [options, steps, expected] of table) {
    const label = `inverseTime(${JSON.stringify(options)})`;
    it(`${label} at ${steps.join(', ')}`, () => {
      const f = inverseTime(options);
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        label,
      );
    });
  }

  it('property: initial / (1 + rate·t/steps), finite, ≥ 0 and at most initial', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e4, noNaN: true }),
        fc.boolean(),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        (initial, rate, steps, staircase, t) => {
          const v = inverseTime({ initial, rate, steps, staircase })(t);
          const p = staircase ? Math.floor(t / steps) : t / steps;
          return (
            Number.isFinite(v) &&
            v >= 0 &&
            v <= initial &&
            close(v, initial / (1 + rate * p), { rel: 1e-12, abs: 1e-300 })
          );
        },
      ),
    );
  });

  it('is monotone non-increasing in the step', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (a, b) => {
          const f = inverseTime({ initial: 0.1, rate: 0.7, steps: 3 });
          return a <= b ? f(a) >= f(b) : f(a) <= f(b);
        },
      ),
    );
  });

  const ok = { initial: 0.1, rate: 0.5, steps: 10 };
  const errors: [InverseTimeOptions, message: string][] = [
    [{ ...ok, initial: -1 }, 'inverseTime: initial must be a finite number ≥ 0, got -1'],
    [
      { ...ok, initial: Infinity },
      'inverseTime: initial must be a finite number ≥ 0, got Infinity',
    ],
    [{ ...ok, rate: -0.5 }, 'inverseTime: rate must be a finite number ≥ 0, got -0.5'],
    [{ ...ok, rate: NaN }, 'inverseTime: rate must be a finite number ≥ 0, got NaN'],
    [{ ...ok, steps: 0 }, 'inverseTime: steps must be a finite number > 0, got 0'],
    [{ ...ok, steps: -1 }, 'inverseTime: steps must be a finite number > 0, got -1'],
  ];
  for (const [options, message] of errors) {
    it(`rejects: ${message}`, () => {
      expectThrows(() => inverseTime(options), ParameterError, message);
    });
  }
});
