import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LrkitError,
  SchedulerError,
  cosine,
  exponential,
  sample,
  toSchedule,
  type Schedule,
} from '../../src/index.js';
import { expectThrows } from '../helpers/errors.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';

/** Reports the step it was given. */
const identity: Schedule = (t) => t;

describe('sample', () => {
  const table: [label: string, Schedule, n: number, horizon: number | undefined, number[]][] = [
    ['0.5^t, 3 steps', exponential({ initial: 1, rate: 0.5 }), 3, undefined, [1, 0.5, 0.25]],
    ['steps 0..4', identity, 5, undefined, [0, 1, 2, 3, 4]],
    ['n = 0', identity, 0, undefined, []],
    ['n = 0 with a horizon', identity, 0, 100, []],
    ['n = 1 with a horizon', identity, 1, 1e9, [0]],
    // horizon > n: n evenly spaced steps of [0, horizon), floored
    ['5 of 20', identity, 5, 20, [0, 4, 8, 12, 16]],
    ['4 of 10', identity, 4, 10, [0, 2, 5, 7]],
    ['3 of 10', identity, 3, 10, [0, 3, 6]],
    ['4 of 1e9', identity, 4, 1e9, [0, 2.5e8, 5e8, 7.5e8]],
    ['3 of 7.5', identity, 3, 7.5, [0, 2, 5]],
    // horizon ≤ n: steps 0..n−1
    ['horizon = n', identity, 4, 4, [0, 1, 2, 3]],
    ['horizon < n', identity, 4, 2, [0, 1, 2, 3]],
    [
      'cosine, 5 of 20',
      cosine({ from: 1, to: 0, period: 10 }),
      5,
      20,
      [
        1,
        (1 + Math.cos(0.4 * Math.PI)) / 2,
        (1 + Math.cos(0.8 * Math.PI)) / 2,
        (1 + Math.cos(1.2 * Math.PI)) / 2,
        (1 + Math.cos(1.6 * Math.PI)) / 2,
      ],
    ],
  ];
  for (const [label, schedule, n, horizon, expected] of table) {
    it(`${label}`, () => {
      const out = horizon === undefined ? sample(schedule, n) : sample(schedule, n, horizon);
      expect(out).toBeInstanceOf(Float64Array);
      expectSeriesClose(Array.from(out), expected, label);
    });
  }

  it('property: without a horizon, the schedule at steps 0..n−1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, initial, rate) => {
          const out = sample(exponential({ initial, rate }), n);
          return out.length === n && Array.from(out).every((v, i) => close(v, initial * rate ** i));
        },
      ),
    );
  });

  it('property: with horizon > n, n increasing integer steps in [0, horizon), within 1 of i·horizon/n', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.double({ min: 1, max: 1e4, noNaN: true }),
        (n, factor) => {
          const horizon = n * factor;
          fc.pre(horizon > n);
          const steps = Array.from(sample(identity, n, horizon));
          return (
            steps.length === n &&
            steps[0] === 0 &&
            steps.every(
              (s, i) =>
                Number.isInteger(s) &&
                s >= 0 &&
                s < horizon &&
                Math.abs(s - (i * horizon) / n) < 1 &&
                (i === 0 || s > steps[i - 1]!),
            )
          );
        },
      ),
    );
  });

  const errors: [n: number, message: string][] = [
    [-1, 'sample: n must be a non-negative integer, got -1'],
    [2.5, 'sample: n must be a non-negative integer, got 2.5'],
    [NaN, 'sample: n must be a non-negative integer, got NaN'],
    [Infinity, 'sample: n must be a non-negative integer, got Infinity'],
  ];
  for (const [n, message] of errors) {
    it(`rejects: ${message}`, () => {
      let error: unknown;
      try {
        sample(identity, n);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(LrkitError);
      expect((error as Error).message).toBe(message);
    });
  }
});

describe('sample refuses values that are not learning rates', () => {
  const cases: [
    label: string,
    Schedule,
    n: number,
    horizon: number | undefined,
    message: string,
  ][] = [
    [
      '1 − t/3 at step 4',
      (t) => 1 - t / 3,
      6,
      undefined,
      `sample: the schedule's value at step 4 would be ${1 - 4 / 3}; learning rates must be finite and ≥ 0`,
    ],
    [
      '1 − t/3 at step 4 of a spread horizon',
      (t) => 1 - t / 3,
      3,
      12,
      `sample: the schedule's value at step 4 would be ${1 - 4 / 3}; learning rates must be finite and ≥ 0`,
    ],
    [
      'NaN',
      () => NaN,
      1,
      undefined,
      "sample: the schedule's value at step 0 would be NaN; learning rates must be finite and ≥ 0",
    ],
    [
      'Infinity',
      (t) => (t === 2 ? Infinity : 1),
      3,
      undefined,
      "sample: the schedule's value at step 2 would be Infinity; learning rates must be finite and ≥ 0",
    ],
  ];
  for (const [label, schedule, n, horizon, message] of cases) {
    it(label, () => {
      expectThrows(
        () => (horizon === undefined ? sample(schedule, n) : sample(schedule, n, horizon)),
        SchedulerError,
        message,
      );
    });
  }

  it('a checked toSchedule names the schedule first', () => {
    expectThrows(
      () => sample(toSchedule('LambdaLR(lr_lambda="lambda e: 1 - e/3")', 1), 6),
      SchedulerError,
      `LambdaLR: the lr of group 0 would be ${1 * (1 - 4 / 3)} at step 4; learning rates must be finite and ≥ 0`,
    );
  });
});
