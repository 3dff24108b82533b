import fc from 'fast-check';
import { describe, it } from 'vitest';
import {
  LrkitError,
  ParameterError,
  clamp,
  cosine,
  exponential,
  hold,
  linear,
  repeat,
  type Schedule,
} from '../../src/index.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';
import { expectThrows } from '../helpers/errors.js';

/** Reports the step it was given. */
const identity: Schedule = (t) => t;

function expectTable(f: Schedule, steps: number[], expected: number[], label: string) {
  expectSeriesClose(
    steps.map((t) => f(t)),
    expected,
    label,
  );
}

describe('clamp', () => {
  it('min 0.2 under 0.5^t', () => {
    const f = clamp(exponential({ initial: 1, rate: 0.5 }), { min: 0.2 });
    expectTable(f, [0, 1, 2, 3, 10, 1e9], [1, 0.5, 0.25, 0.2, 0.2, 0.2], 'min 0.2');
  });

  it('min 0.1 and max 0.6 around a ramp', () => {
    const f = clamp(linear({ from: 0, to: 1, steps: 10 }), { min: 0.1, max: 0.6 });
    expectTable(f, [0, 0.5, 1, 5, 6, 8, 1e9], [0.1, 0.1, 0.1, 0.5, 0.6, 0.6, 0.6], 'min/max');
  });

  it('defaults to min 0 and no max: a schedule that goes negative stops at 0', () => {
    const f = clamp((t) => 0.5 - t);
    expectTable(f, [0, 0.25, 0.5, 1, 1e9], [0.5, 0.25, 0, 0, 0], 'defaults');
    expectTable(
      clamp(() => 1e300),
      [0],
      [1e300],
      'no max',
    );
  });

  it('min = max: a constant', () => {
    expectTable(clamp(identity, { min: 0.3, max: 0.3 }), [0, 0.3, 5], [0.3, 0.3, 0.3], 'min = max');
  });

  it('property: min(max(s(t), min), max)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (x, min, width) => {
          const max = min + width;
          const v = clamp(() => x, { min, max })(0);
          const expected = x < min ? min : x > max ? max : x;
          return v >= min && v <= max && close(v, expected);
        },
      ),
    );
  });

  const errors: [
    options: { min?: number; max?: number },
    type: new (...args: never[]) => Error,
    message: string,
  ][] = [
    [{ min: -1 }, ParameterError, 'clamp: min must be a finite number ≥ 0, got -1'],
    [{ min: NaN }, ParameterError, 'clamp: min must be a finite number ≥ 0, got NaN'],
    [{ min: Infinity }, ParameterError, 'clamp: min must be a finite number ≥ 0, got Infinity'],
    [{ min: 0.5, max: 0.2 }, LrkitError, 'clamp: max must be ≥ min (0.5), got 0.2'],
    [{ max: -1 }, LrkitError, 'clamp: max must be ≥ min (0), got -1'],
    [{ max: NaN }, LrkitError, 'clamp: max must be ≥ min (0), got NaN'],
  ];
  for (const [options, type, message] of errors) {
    it(`rejects: ${message}`, () => {
      expectThrows(() => clamp(identity, options), type, message);
    });
  }
});

describe('hold', () => {
  it('stops a cosine at its period', () => {
    const f = hold(cosine({ from: 1, to: 0, period: 10 }), 10);
    expectTable(f, [0, 5, 10, 15, 20, 1e9], [1, 0.5, 0, 0, 0, 0], 'hold 10');
  });

  it('holds at a fractional step, and at 0', () => {
    expectTable(hold(identity, 2.5), [1, 2.5, 3, 1e9], [1, 2.5, 2.5, 2.5], 'hold 2.5');
    expectTable(hold(identity, 0), [0, 1, 1e9], [0, 0, 0], 'hold 0');
  });

  it('property: s(t) up to `until`, s(until) after', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 2e6, noNaN: true }),
        (until, t) => hold(identity, until)(t) === (t <= until ? t : until),
      ),
    );
  });

  const errors: [until: number, message: string][] = [
    [-1, 'hold: until must be a finite number ≥ 0, got -1'],
    [NaN, 'hold: until must be a finite number ≥ 0, got NaN'],
    [Infinity, 'hold: until must be a finite number ≥ 0, got Infinity'],
  ];
  for (const [until, message] of errors) {
    it(`rejects: ${message}`, () => {
      expectThrows(() => hold(identity, until), ParameterError, message);
    });
  }
});

describe('repeat', () => {
  it('repeats a ramp every 10 steps', () => {
    const f = repeat(linear({ from: 1, to: 0, steps: 10 }), 10);
    expectTable(f, [0, 5, 9, 10, 15, 25, 1e9], [1, 0.5, 0.1, 1, 0.5, 0.5, 1], 'repeat 10');
  });

  it('fractional period', () => {
    expectTable(repeat(identity, 2.5), [0, 1, 2.5, 3, 6, 7.5], [0, 1, 0, 0.5, 1, 0], 'repeat 2.5');
  });

  it('property: s(t − P·⌊t/P⌋) (integer periods, quarter steps)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 4_000_000 }),
        (P, quarters) => {
          const t = quarters / 4;
          return repeat(identity, P)(t) === t - P * Math.floor(t / P);
        },
      ),
    );
  });

  const errors: [period: number, message: string][] = [
    [0, 'repeat: period must be a finite number > 0, got 0'],
    [-2, 'repeat: period must be a finite number > 0, got -2'],
    [NaN, 'repeat: period must be a finite number > 0, got NaN'],
    [Infinity, 'repeat: period must be a finite number > 0, got Infinity'],
  ];
  for (const [period, message] of errors) {
    it(`rejects: ${message}`, () => {
      expectThrows(() => repeat(identity, period), ParameterError, message);
    });
  }
});
