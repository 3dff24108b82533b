import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LrkitError,
  ParameterError,
  constant,
  join,
  linear,
  type Schedule,
} from '../../src/index.js';
import { activeIndex } from '../../src/compose/join.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';
import { expectThrows } from '../helpers/errors.js';

/** Child k reports 1000·k plus the step it was given. */
const echo =
  (k: number): Schedule =>
  (t) =>
    1000 * k + t;

describe('join', () => {
  const three = [echo(0), echo(1), echo(2)];
  const table: [
    label: string,
    schedules: Schedule[],
    boundaries: number[],
    at: 'next' | 'previous' | undefined,
    steps: number[],
    expected: number[],
  ][] = [
    // each child sees t − (the boundary where it starts); at a boundary the next child owns the step
    [
      "default 'next'",
      three,
      [3, 7],
      undefined,
      [0, 2.5, 3, 5, 6.5, 7, 9.5, 1e9],
      [0, 2.5, 1000, 1002, 1003.5, 2000, 2002.5, 2000 + (1e9 - 7)],
    ],
    ["'next'", three, [3, 7], 'next', [3, 7], [1000, 2000]],
    // with 'previous' the earlier child still runs at the boundary
    [
      "'previous'",
      three,
      [3, 7],
      'previous',
      [0, 3, 3.5, 7, 7.25, 1e9],
      [0, 3, 1000.5, 1004, 2000.25, 2000 + (1e9 - 7)],
    ],
    // equal boundaries: the middle child never runs
    ["equal, 'next'", three, [3, 3], 'next', [2, 3, 4], [2, 2000, 2001]],
    ["equal, 'previous'", three, [3, 3], 'previous', [2, 3, 4], [2, 3, 2001]],
    ['fractional boundary', [echo(0), echo(1)], [2.5], undefined, [2, 2.5, 3], [2, 1000, 1000.5]],
    ['negative boundary', [echo(0), echo(1)], [-2], undefined, [0, 1], [1002, 1003]],
    ['zero boundary', [echo(0), echo(1)], [0], 'previous', [0, 0.5], [0, 1000.5]],
    [
      'constant then linear',
      [constant(0.1), linear({ from: 0.1, to: 0, steps: 10 })],
      [5],
      undefined,
      [0, 4, 5, 10, 15, 1e9],
      [0.1, 0.1, 0.1, 0.05, 0, 0],
    ],
  ];
  for (const [label, schedules, boundaries, at, steps, expected] of table) {
    it(`${label}: boundaries ${boundaries.join(', ')} at ${steps.join(', ')}`, () => {
      const f = join(schedules, boundaries, at === undefined ? undefined : { at });
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        label,
      );
    });
  }

  it('one schedule and no boundaries: the schedule itself', () => {
    const f = echo(7);
    expect(join([f], [])).toBe(f);
  });

  it('keeps its own copies of the schedules and boundaries', () => {
    const schedules = [echo(0), echo(1)];
    const boundaries = [5];
    const f = join(schedules, boundaries);
    schedules[1] = echo(9);
    boundaries[0] = 0;
    expectSeriesClose([f(1), f(5), f(6)], [1, 1000, 1001], 'after mutating the inputs');
  });

  const sorted = fc
    .array(fc.double({ min: -100, max: 1000, noNaN: true }), { minLength: 1, maxLength: 8 })
    .map((bs) => [...bs].sort((a, b) => a - b));

  it('property: child k = number of boundaries passed, fed t − boundary[k − 1]', () => {
    fc.assert(
      fc.property(
        sorted,
        fc.constantFrom('next' as const, 'previous' as const),
        fc.oneof(fc.double({ min: -100, max: 1100, noNaN: true }), fc.constantFrom(0, 1000)),
        fc.nat(7),
        (boundaries, at, t, pick) => {
          // half of the time, step exactly on a boundary
          const step = pick % 2 === 0 ? boundaries[pick % boundaries.length]! : t;
          let k = 0;
          while (
            k < boundaries.length &&
            (at === 'next' ? step >= boundaries[k]! : step > boundaries[k]!)
          ) {
            k++;
          }
          const expected = 1000 * k + (k === 0 ? step : step - boundaries[k - 1]!);
          const children = Array.from({ length: boundaries.length + 1 }, (_, i) => echo(i));
          const v = join(children, boundaries, { at })(step);
          return close(v, expected) && activeIndex(boundaries, step, at) === k;
        },
      ),
    );
  });

  it('rejects no schedules', () => {
    expectThrows(() => join([], []), LrkitError, 'join: needs at least one schedule, got 0');
  });

  const errors: [
    schedules: Schedule[],
    boundaries: number[],
    type: new (...args: never[]) => Error,
    message: string,
  ][] = [
    [[echo(0), echo(1)], [], LrkitError, 'join: 2 schedules need 1 boundaries, got 0'],
    [[echo(0)], [1], LrkitError, 'join: 1 schedules need 0 boundaries, got 1'],
    [three, [1, 2, 3], LrkitError, 'join: 3 schedules need 2 boundaries, got 3'],
    [
      [echo(0), echo(1)],
      [NaN],
      ParameterError,
      'join: boundaries[0] must be a finite number, got NaN',
    ],
    [
      three,
      [1, Infinity],
      ParameterError,
      'join: boundaries[1] must be a finite number, got Infinity',
    ],
    [three, [5, 2], LrkitError, 'join: boundaries must be non-decreasing, got 5 then 2 at index 1'],
    [
      [echo(0), echo(1), echo(2), echo(3)],
      [1, 1.5, 1.25],
      LrkitError,
      'join: boundaries must be non-decreasing, got 1.5 then 1.25 at index 2',
    ],
  ];
  for (const [schedules, boundaries, type, message] of errors) {
    it(`rejects: ${message}`, () => {
      expectThrows(() => join(schedules, boundaries), type, message);
    });
  }
});
