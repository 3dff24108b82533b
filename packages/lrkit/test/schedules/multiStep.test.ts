import fc from 'fast-check';
import { describe, it } from 'vitest';
import { ParameterError, multiStep, type MultiStepOptions } from '../../src/index.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';
import { expectThrows } from '../helpers/errors.js';

describe('multiStep', () => {
  const table: [MultiStepOptions, steps: number[], expected: number[]][] = [
    // a repeated milestone applies γ once per copy
    [
      { initial: 1, gamma: 0.1, milestones: [10, 10] },
      [0, 9, 10, 11, 1e9],
      [1, 1, 0.01, 0.01, 0.01],
    ],
    // unsorted milestones
    [
      { initial: 0.5, gamma: 0.5, milestones: [30, 10, 20] },
      [0, 9, 10, 15, 20, 29, 30, 1e9],
      [0.5, 0.5, 0.25, 0.25, 0.125, 0.125, 0.0625, 0.0625],
    ],
    // unsorted with a milestone three times
    [
      { initial: 1, gamma: 0.5, milestones: [5, 2, 5, 5] },
      [1, 2, 4, 5, 6],
      [1, 0.5, 0.5, 0.0625, 0.0625],
    ],
    [{ initial: 1, gamma: 0.1, milestones: [0] }, [0, 1], [0.1, 0.1]],
    [{ initial: 0.2, gamma: 0.1, milestones: [] }, [0, 1e9], [0.2, 0.2]],
    // fractional steps
    [{ initial: 1, gamma: 0.5, milestones: [3] }, [2.999, 3, 3.5], [1, 0.5, 0.5]],
  ];
  for (const [options, steps, expected] of table) {
    const label = `multiStep(${JSON.stringify(options)})`;
    it(`${label} at ${steps.join(', ')}`, () => {
      const f = multiStep(options);
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        label,
      );
    });
  }

  it('keeps its own copy of the milestones', () => {
    const milestones = [10, 20];
    const f = multiStep({ initial: 1, gamma: 0.5, milestones });
    milestones.push(1, 2, 3);
    milestones[0] = 0;
    expectSeriesClose([f(5), f(10), f(20)], [1, 0.5, 0.25], 'after mutating the input');
  });

  it('property: initial·γ^(number of milestones ≤ t, counted with repeats)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 12 }),
        fc.double({ min: 0, max: 150, noNaN: true }),
        (initial, gamma, milestones, t) => {
          let count = 0;
          for (const m of milestones) if (m <= t) count++;
          const v = multiStep({ initial, gamma, milestones })(t);
          return Number.isFinite(v) && v >= 0 && close(v, initial * Math.pow(gamma, count));
        },
      ),
    );
  });

  const ok = { initial: 1, gamma: 0.1, milestones: [10, 20] };
  const errors: [MultiStepOptions, message: string][] = [
    [{ ...ok, initial: -1 }, 'multiStep: initial must be a finite number ≥ 0, got -1'],
    [{ ...ok, gamma: -0.5 }, 'multiStep: gamma must be a finite number ≥ 0, got -0.5'],
    [{ ...ok, gamma: NaN }, 'multiStep: gamma must be a finite number ≥ 0, got NaN'],
    [
      { ...ok, milestones: [10, -1] },
      'multiStep: milestones[1] must be a non-negative integer, got -1',
    ],
    [
      { ...ok, milestones: [2.5] },
      'multiStep: milestones[0] must be a non-negative integer, got 2.5',
    ],
    [
      { ...ok, milestones: [1, 2, NaN] },
      'multiStep: milestones[2] must be a non-negative integer, got NaN',
    ],
    [
      { ...ok, milestones: [Infinity] },
      'multiStep: milestones[0] must be a non-negative integer, got Infinity',
    ],
  ];
  for (const [options, message] of errors) {
    it(`rejects: ${message}`, () => {
      expectThrows(() => multiStep(options), ParameterError, message);
    });
  }
});
