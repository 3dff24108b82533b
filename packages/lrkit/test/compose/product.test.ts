import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LrkitError,
  constant,
  exponential,
  linear,
  product,
  scale,
  step,
  type Schedule,
} from '../../src/index.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';

describe('product', () => {
  const table: [label: string, schedules: Schedule[], steps: number[], expected: number[]][] = [
    [
      '0.5 × 0.9^t',
      [constant(0.5), exponential({ initial: 1, rate: 0.9 })],
      [0, 1, 2, 10],
      [0.5, 0.45, 0.405, 0.5 * 0.9 ** 10],
    ],
    [
      '2 × step × linear',
      [
        constant(2),
        step({ initial: 1, gamma: 0.5, stepSize: 2 }),
        linear({ from: 0, to: 1, steps: 4 }),
      ],
      [0, 1, 2, 4, 6, 1e9],
      [0, 0.5, 0.5, 0.5, 0.25, 0],
    ],
    ['a zero factor', [constant(0), exponential({ initial: 1, rate: 2 })], [0, 10], [0, 0]],
  ];
  for (const [label, schedules, steps, expected] of table) {
    it(`${label} at ${steps.join(', ')}`, () => {
      const f = product(schedules);
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        label,
      );
    });
  }

  it('one schedule: the schedule itself', () => {
    const f = constant(0.3);
    expect(product([f])).toBe(f);
  });

  it('keeps its own copy of the schedules', () => {
    const schedules = [constant(0.5), constant(0.5)];
    const f = product(schedules);
    schedules[0] = constant(100);
    schedules.push(constant(100));
    expectSeriesClose([f(0)], [0.25], 'after mutating the input');
  });

  it('property: the product of exponentials is initial₁·initial₂·(r₁·r₂)^t', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            initial: fc.double({ min: 1e-3, max: 10, noNaN: true }),
            rate: fc.double({ min: 0.5, max: 1, noNaN: true }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (factors, t) => {
          let initials = 1;
          let rates = 1;
          for (const { initial, rate } of factors) {
            initials *= initial;
            rates *= rate;
          }
          const v = product(factors.map((o) => exponential(o)))(t);
          return Number.isFinite(v) && v >= 0 && close(v, initials * rates ** t, { rel: 1e-10 });
        },
      ),
    );
  });

  it('rejects no schedules', () => {
    let error: unknown;
    try {
      product([]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LrkitError);
    expect((error as Error).message).toBe('product: needs at least one schedule, got 0');
  });
});

describe('scale', () => {
  const table: [label: string, f: Schedule, steps: number[], expected: number[]][] = [
    [
      '0.1 × 0.5^t',
      scale(exponential({ initial: 1, rate: 0.5 }), 0.1),
      [0, 1, 2, 3.5],
      [0.1, 0.05, 0.025, 0.1 * 0.5 ** 3.5],
    ],
    ['0 × linear', scale(linear({ from: 1, to: 2, steps: 4 }), 0), [0, 4], [0, 0]],
    ['3 × linear', scale(linear({ from: 1, to: 2, steps: 4 }), 3), [0, 2, 4, 1e9], [3, 4.5, 6, 6]],
  ];
  for (const [label, f, steps, expected] of table) {
    it(`${label} at ${steps.join(', ')}`, () => {
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        label,
      );
    });
  }

  it('property: k·s(t)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 0, max: 2e3, noNaN: true }),
        (k, from, steps, t) => {
          const v = scale(linear({ from, to: 0, steps }), k)(t);
          const p = Math.min(t, steps) / steps;
          return close(v, k * from * (1 - p), { rel: 1e-12, abs: 1e-12 * k * from + 1e-300 });
        },
      ),
    );
  });
});
