import fc from 'fast-check';
import { describe, it } from 'vitest';
import { ParameterError, step, type StepOptions } from '../../src/index.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';
import { expectThrows } from '../helpers/errors.js';

describe('step', () => {
  const table: [StepOptions, steps: number[], expected: number[]][] = [
    [
      { initial: 0.1, gamma: 0.5, stepSize: 10 },
      [0, 9, 9.99, 10, 19, 20, 25, 1e9],
      [0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0],
    ],
    // gamma 0: 0^0 = 1 before the first decay, then 0
    [{ initial: 1, gamma: 0, stepSize: 3 }, [0, 2, 3, 1e9], [1, 1, 0, 0]],
    [{ initial: 0.3, gamma: 1, stepSize: 5 }, [0, 5, 1e9], [0.3, 0.3, 0.3]],
    [{ initial: 1, gamma: 2, stepSize: 1 }, [0, 1, 10], [1, 2, 1024]],
    // fractional steps
    [{ initial: 1, gamma: 0.1, stepSize: 1 }, [0.5, 1.5, 2], [1, 0.1, 0.01]],
  ];
  for (const [options, steps, expected] of table) {
    const label = `step(${JSON.stringify(options)})`;
    it(`${label} at ${steps.join(', ')}`, () => {
      const f = step(options);
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        label,
      );
    });
  }

  it('property: initial·γ^k with k the number of whole step sizes in t (integer arithmetic)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (initial, gamma, stepSize, t) => {
          const k = (t - (t % stepSize)) / stepSize;
          const v = step({ initial, gamma, stepSize })(t);
          return Number.isFinite(v) && v >= 0 && close(v, initial * Math.pow(gamma, k));
        },
      ),
    );
  });

  const ok = { initial: 0.1, gamma: 0.5, stepSize: 10 };
  const errors: [StepOptions, message: string][] = [
    [{ ...ok, initial: -1 }, 'step: initial must be a finite number ≥ 0, got -1'],
    [{ ...ok, initial: Infinity }, 'step: initial must be a finite number ≥ 0, got Infinity'],
    [{ ...ok, gamma: -0.1 }, 'step: gamma must be a finite number ≥ 0, got -0.1'],
    [{ ...ok, gamma: NaN }, 'step: gamma must be a finite number ≥ 0, got NaN'],
    [{ ...ok, stepSize: 0 }, 'step: stepSize must be a positive integer, got 0'],
    [{ ...ok, stepSize: 2.5 }, 'step: stepSize must be a positive integer, got 2.5'],
    [{ ...ok, stepSize: -3 }, 'step: stepSize must be a positive integer, got -3'],
    [{ ...ok, stepSize: NaN }, 'step: stepSize must be a positive integer, got NaN'],
    [{ ...ok, stepSize: Infinity }, 'step: stepSize must be a positive integer, got Infinity'],
  ];
  for (const [options, message] of errors) {
    it(`rejects: ${message}`, () => {
      expectThrows(() => step(options), ParameterError, message);
    });
  }
});
