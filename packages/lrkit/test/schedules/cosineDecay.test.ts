import fc from 'fast-check';
import { describe, it } from 'vitest';
import { ParameterError } from '../../src/index.js';
import { cosineDecay, type CosineDecayOptions } from '../../src/schedules/cosineDecay.js';
import { expectThrows } from '../helpers/errors.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';

describe('cosineDecay', () => {
  const table: [CosineDecayOptions, steps: number[], expected: number[]][] = [
    // holds at initial·α from T on (no second half-period, unlike `cosine`)
    [
      { initial: 1, steps: 10 },
      [0, 2.5, 5, 10, 15, 20, 1e9],
      [1, (1 + Math.SQRT1_2) / 2, 0.5, 0, 0, 0, 0],
    ],
    [{ initial: 1, steps: 10, alpha: 0.1 }, [0, 5, 10, 1e9], [1, 0.55, 0.1, 0.1]],
    // the exponent squares the cosine factor: ½ at the midpoint becomes ¼
    [{ initial: 1, steps: 10, exponent: 2 }, [0, 5, 10], [1, 0.25, 0]],
    [{ initial: 2, steps: 4, alpha: 0.5, exponent: 2 }, [0, 2, 4, 8], [2, 1.25, 1, 1]],
    // exponent 0: c⁰ = 1 everywhere (including 0⁰ at T)
    [{ initial: 0.3, steps: 4, exponent: 0 }, [0, 2, 4, 100], [0.3, 0.3, 0.3, 0.3]],
    // α > 1 rises from initial to initial·α
    [{ initial: 1, steps: 4, alpha: 3 }, [0, 2, 4, 5], [1, 2, 3, 3]],
    [{ initial: 0, steps: 4, alpha: 0.5 }, [0, 2, 1e9], [0, 0, 0]],
    [{ initial: 1, steps: 2.5 }, [1.25, 2.5, 3], [0.5, 0, 0]],
  ];
  for (const [options, steps, expected] of table) {
    const label = `cosineDecay(${JSON.stringify(options)})`;
    it(`${label} at ${steps.join(', ')}`, () => {
      const f = cosineDecay(options);
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        label,
        { abs: 1e-15 },
      );
    });
  }

  const value = fc.oneof(fc.constant(0), fc.double({ min: 1e-12, max: 10, noNaN: true }));
  const alpha = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 3, noNaN: true }));
  const exponent = fc.oneof(fc.constant(1), fc.double({ min: 0, max: 5, noNaN: true }));
  const steps = fc.double({ min: 0.5, max: 1e4, noNaN: true });
  const step = fc.double({ min: 0, max: 1e9, noNaN: true });

  it('property: initial·((1 − α)·cos^(2p)(π t/2T) + α) on [0, 0.9·T]', () => {
    // (near T the factor ½(1 + cos) cancels to ~1e-17, where c^p for a small p is ill-conditioned)
    fc.assert(
      fc.property(
        value,
        steps,
        alpha,
        exponent,
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        (initial, T, a, p, x) => {
          const t = x * T;
          const v = cosineDecay({ initial, steps: T, alpha: a, exponent: p })(t);
          const c = Math.cos((Math.PI / 2) * (t / T)) ** 2;
          const expected = initial * ((1 - a) * c ** p + a);
          return close(v, expected, {
            rel: 1e-9,
            abs: 1e-9 * Math.max(initial * Math.max(1, a), 1e-300),
          });
        },
      ),
    );
  });

  it('property: finite, ≥ 0, between initial and initial·α at any step, constant from T on', () => {
    fc.assert(
      fc.property(value, steps, alpha, exponent, step, (initial, T, a, p, t) => {
        const f = cosineDecay({ initial, steps: T, alpha: a, exponent: p });
        const v = f(t);
        const hi = initial * Math.max(1, a);
        const lo = initial * Math.min(1, a);
        return (
          Number.isFinite(v) &&
          v >= 0 &&
          v >= lo * (1 - 1e-12) &&
          v <= hi * (1 + 1e-12) &&
          f(T + t) === f(T)
        );
      }),
    );
  });

  const ok = { initial: 1, steps: 10, alpha: 0, exponent: 1 };
  const errors: [CosineDecayOptions, message: string][] = [
    [{ ...ok, initial: -1 }, 'cosineDecay: initial must be a finite number ≥ 0, got -1'],
    [{ ...ok, initial: NaN }, 'cosineDecay: initial must be a finite number ≥ 0, got NaN'],
    [{ ...ok, steps: 0 }, 'cosineDecay: steps must be a finite number > 0, got 0'],
    [{ ...ok, steps: Infinity }, 'cosineDecay: steps must be a finite number > 0, got Infinity'],
    [{ ...ok, alpha: -0.5 }, 'cosineDecay: alpha must be a finite number ≥ 0, got -0.5'],
    [{ ...ok, exponent: -1 }, 'cosineDecay: exponent must be a finite number ≥ 0, got -1'],
    [{ ...ok, exponent: NaN }, 'cosineDecay: exponent must be a finite number ≥ 0, got NaN'],
    [
      { ...ok, initial: 1e300, alpha: 1e10 },
      'cosineDecay: alpha must keep initial · alpha finite, got 10000000000',
    ],
  ];
  for (const [options, message] of errors) {
    it(`rejects: ${message}`, () => {
      expectThrows(() => cosineDecay(options), ParameterError, message);
    });
  }
});
