import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParameterError, cosineRestarts, type CosineRestartsOptions } from '../../src/index.js';
import { locateCycle } from '../../src/schedules/cosineRestarts.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';
import { expectThrows } from '../helpers/errors.js';

/** (1 + cos(π·x))/2: the cosine factor at fraction x of a cycle. */
const half = (x: number) => (1 + Math.cos(Math.PI * x)) / 2;

/** Cycle of step t by repeated addition of the cycle lengths T₀, T₀·mult, T₀·mult², ... */
function cycleByAddition(t: number, T0: number, mult: number): [number, number, number] {
  let start = 0;
  let len = T0;
  let i = 0;
  while (start + len <= t) {
    start += len;
    len *= mult;
    i++;
  }
  return [i, t - start, len];
}

describe('cosineRestarts', () => {
  const table: [CosineRestartsOptions, steps: number[], expected: number[]][] = [
    // cycles [0, 10), [10, 30), [30, 70), [70, 150), ...
    [
      { from: 1, to: 0, period: 10, mult: 2 },
      [0, 0.5, 5, 9, 10, 12.5, 15, 20, 29, 29.5, 30, 50, 70, 150],
      [
        1,
        half(0.5 / 10),
        0.5,
        half(9 / 10),
        1,
        half(2.5 / 20),
        0.8535533905932737,
        0.5,
        half(19 / 20),
        half(19.5 / 20),
        1,
        0.5,
        1,
        1,
      ],
    ],
    // 1e9 lies in cycle 26: 10·(2^26 − 1) = 671088630 ≤ 1e9 < 10·(2^27 − 1), length 10·2^26
    [
      { from: 1, to: 0, period: 10, mult: 2 },
      [1e9, 671088630, 671088629],
      [half((1e9 - 671088630) / 671088640), 1, half(335544319 / 335544320)],
    ],
    // mult 1: plain restarts every T₀
    [
      { from: 0.1, to: 0.01, period: 10, mult: 1 },
      [0, 5, 9, 10, 25.5, 1e9],
      [0.1, 0.055, 0.01 + 0.09 * half(0.9), 0.1, 0.01 + 0.09 * half(0.55), 0.1],
    ],
    // mult 1.5, T₀ 4: lengths 4, 6, 9, 13.5 → boundaries 4, 10, 19, 32.5
    [
      { from: 1, to: 0, period: 4, mult: 1.5 },
      [2, 4, 7, 10, 14.5, 19, 25.75, 32.5],
      [0.5, 1, 0.5, 1, 0.5, 1, 0.5, 1],
    ],
    // to above from
    [{ from: 0, to: 1, period: 2, mult: 2 }, [1, 2, 4, 6], [0.5, 0, 0.5, 0]],
  ];
  for (const [options, steps, expected] of table) {
    const label = `cosineRestarts(${JSON.stringify(options)})`;
    it(`${label} at ${steps.join(', ')}`, () => {
      const f = cosineRestarts(options);
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        label,
      );
    });
  }

  it('with mult 2, cycle i starts exactly at T₀·(2^i − 1) (integer arithmetic)', () => {
    for (const T0 of [1, 3, 7, 10, 1000]) {
      const f = cosineRestarts({ from: 1, to: 0, period: T0, mult: 2 });
      for (let i = 0; ; i++) {
        const startBig = BigInt(T0) * ((1n << BigInt(i)) - 1n);
        const lenBig = BigInt(T0) << BigInt(i);
        if (startBig + lenBig > 2n ** 53n) break;
        const start = Number(startBig);
        const len = Number(lenBig);
        expect(locateCycle(start, T0, 2), `T0=${T0}, start of cycle ${i}`).toEqual([i, 0, len]);
        expect(f(start), `T0=${T0}, f at start of cycle ${i}`).toBe(1);
        if (i > 0) {
          expect(locateCycle(start - 1, T0, 2), `T0=${T0}, last step of cycle ${i - 1}`).toEqual([
            i - 1,
            len / 2 - 1,
            len / 2,
          ]);
        }
        const mid = start + len / 2;
        expect(locateCycle(mid, T0, 2), `T0=${T0}, middle of cycle ${i}`).toEqual([
          i,
          len / 2,
          len,
        ]);
      }
    }
  });

  it('property: integer T₀ and mult, integer and quarter steps: same cycle as repeated addition', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom(1, 2, 3),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom(0, 0.25, 0.5, 0.75),
        (T0, mult, whole, frac) => {
          const t = whole + frac;
          const [i, cur, len] = cycleByAddition(t, T0, mult);
          const got = locateCycle(t, T0, mult);
          const v = cosineRestarts({ from: 0.5, to: 0.125, period: T0, mult })(t);
          return (
            got[0] === i &&
            got[1] === cur &&
            got[2] === len &&
            close(v, 0.125 + 0.375 * half(cur / len))
          );
        },
      ),
    );
  });

  it('property: real T₀, mult and steps: the SGDR formula over cycles found by repeated addition', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(0), fc.double({ min: 1e-12, max: 10, noNaN: true })),
        fc.oneof(fc.constant(0), fc.double({ min: 1e-12, max: 10, noNaN: true })),
        fc.double({ min: 0.5, max: 100, noNaN: true }),
        fc.oneof(fc.constant(1), fc.double({ min: 1.01, max: 3, noNaN: true })),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        (from, to, T0, mult, x) => {
          const t = x * T0;
          const [i, cur, len] = cycleByAddition(t, T0, mult);
          // skip steps within rounding distance of a cycle boundary
          fc.pre(cur > 1e-9 * (t + T0) && len - cur > 1e-9 * (t + T0));
          const v = cosineRestarts({ from, to, period: T0, mult })(t);
          const tol = { rel: 1e-9, abs: 1e-9 * Math.max(from, to, 1e-300) };
          return (
            locateCycle(t, T0, mult)[0] === i &&
            Number.isFinite(v) &&
            v >= 0 &&
            close(v, to + (from - to) * half(cur / len), tol)
          );
        },
      ),
    );
  });

  const ok = { from: 1, to: 0, period: 10, mult: 2 };
  const errors: [CosineRestartsOptions, message: string][] = [
    [{ ...ok, from: -1 }, 'cosineRestarts: from must be a finite number ≥ 0, got -1'],
    [{ ...ok, to: NaN }, 'cosineRestarts: to must be a finite number ≥ 0, got NaN'],
    [{ ...ok, to: -0.1 }, 'cosineRestarts: to must be a finite number ≥ 0, got -0.1'],
    [{ ...ok, period: 0 }, 'cosineRestarts: period must be a finite number > 0, got 0'],
    [
      { ...ok, period: Infinity },
      'cosineRestarts: period must be a finite number > 0, got Infinity',
    ],
    [{ ...ok, mult: 0.5 }, 'cosineRestarts: mult must be a finite number ≥ 1, got 0.5'],
    [{ ...ok, mult: 0 }, 'cosineRestarts: mult must be a finite number ≥ 1, got 0'],
    [{ ...ok, mult: NaN }, 'cosineRestarts: mult must be a finite number ≥ 1, got NaN'],
    [{ ...ok, mult: Infinity }, 'cosineRestarts: mult must be a finite number ≥ 1, got Infinity'],
  ];
  for (const [options, message] of errors) {
    it(`rejects: ${message}`, () => {
      expectThrows(() => cosineRestarts(options), ParameterError, message);
    });
  }
});

describe('cosineRestarts: extreme inputs terminate (regression)', () => {
  it('huge mult or tiny period returns a finite value', () => {
    expect(Number.isFinite(cosineRestarts({ from: 1, to: 0, period: 1, mult: 1e300 })(1e9))).toBe(
      true,
    );
    expect(Number.isFinite(cosineRestarts({ from: 1, to: 0, period: 1e-300, mult: 2 })(1e9))).toBe(
      true,
    );
  });
  it('a non-finite step is an error, not a hang', () => {
    expect(() => cosineRestarts({ from: 1, to: 0, period: 10, mult: 2 })(Infinity)).toThrow(
      'cosineRestarts: step must be finite, got Infinity',
    );
  });
});
