import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParameterError, cyclic, cyclicMode, type CyclicOptions } from '../../src/index.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';
import { expectThrows } from '../helpers/errors.js';

const triangular = { scale: () => 1, scaleMode: 'cycle' as const };

/** Triangle wave from the position in the cycle: rises over `up`, falls over `down`. */
function triangle(t: number, up: number, down: number): { cycle: number; s: number } {
  const total = up + down;
  const k = Math.floor(t / total);
  const pos = t - k * total;
  return { cycle: k + 1, s: pos <= up ? pos / up : (total - pos) / down };
}

describe('cyclic', () => {
  const table: [label: string, CyclicOptions, steps: number[], expected: number[]][] = [
    [
      'triangular 0 → 1, up 2',
      { base: 0, peak: 1, stepSizeUp: 2, ...cyclicMode('triangular', 1) },
      [0, 0.5, 1, 2, 3, 4, 5, 6, 8, 1e9, 1e9 + 2],
      [0, 0.25, 0.5, 1, 0.5, 0, 0.5, 1, 0, 0, 1],
    ],
    [
      'triangular 0.1 → 0.5, up 2',
      { base: 0.1, peak: 0.5, stepSizeUp: 2, ...cyclicMode('triangular', 1) },
      [0, 1, 2, 3],
      [0.1, 0.3, 0.5, 0.3],
    ],
    // the amplitude halves every cycle (cycles of 4 steps; peaks at 2, 6, 10, 14)
    [
      'triangular2 0 → 1, up 2',
      { base: 0, peak: 1, stepSizeUp: 2, ...cyclicMode('triangular2', 1) },
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 14],
      [0, 0.5, 1, 0.5, 0, 0.25, 0.5, 0.25, 0, 0.25, 0.125],
    ],
    [
      'triangular2 0.2 → 1, up 1',
      { base: 0.2, peak: 1, stepSizeUp: 1, ...cyclicMode('triangular2', 1) },
      [1, 3, 5],
      [1, 0.6, 0.4],
    ],
    // exp_range: amplitude times γ^t (t the step, not the cycle)
    [
      'exp_range γ 0.9, 0 → 1, up 2',
      { base: 0, peak: 1, stepSizeUp: 2, ...cyclicMode('exp_range', 0.9) },
      [0, 1, 2, 3, 4, 6, 7],
      [0, 0.5 * 0.9, 0.9 ** 2, 0.5 * 0.9 ** 3, 0, 0.9 ** 6, 0.5 * 0.9 ** 7],
    ],
    // step_size_down different from step_size_up: rise over 1, fall over 3
    [
      'up 1, down 3',
      { base: 0, peak: 1, stepSizeUp: 1, stepSizeDown: 3, ...triangular },
      [0, 0.5, 1, 2, 3, 4, 5, 6],
      [0, 0.5, 1, 2 / 3, 1 / 3, 0, 1, 2 / 3],
    ],
    [
      'up 3, down 1',
      { base: 0, peak: 1, stepSizeUp: 3, stepSizeDown: 1, ...triangular },
      [0, 1, 3, 3.5, 4, 7],
      [0, 1 / 3, 1, 0.5, 0, 1],
    ],
    // fractional step sizes
    [
      'up 0.5, down 1.5',
      { base: 0, peak: 1, stepSizeUp: 0.5, stepSizeDown: 1.5, ...triangular },
      [0.25, 0.5, 1.25, 2],
      [0.5, 1, 0.5, 0],
    ],
    // momentum moves inversely: peak below base
    [
      'inverse 0.95 → 0.85',
      { base: 0.95, peak: 0.85, stepSizeUp: 2, ...cyclicMode('triangular', 1) },
      [0, 1, 2, 3, 4],
      [0.95, 0.9, 0.85, 0.9, 0.95],
    ],
  ];
  for (const [label, options, steps, expected] of table) {
    it(`${label} at ${steps.join(', ')}`, () => {
      const f = cyclic(options);
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        label,
      );
    });
  }

  it("scaleMode 'cycle' passes the cycle number from 1; 'iterations' passes the step", () => {
    const seen: number[] = [];
    const byCycle = cyclic({
      base: 0,
      peak: 1,
      stepSizeUp: 1,
      stepSizeDown: 2,
      scaleMode: 'cycle',
      scale: (c) => {
        seen.push(c);
        return 1;
      },
    });
    [0, 2.5, 3, 5.99, 6, 1e9].forEach((t) => byCycle(t));
    expect(seen).toEqual([1, 1, 2, 2, 3, Math.floor(1e9 / 3) + 1]);

    seen.length = 0;
    const byStep = cyclic({
      base: 0,
      peak: 1,
      stepSizeUp: 1,
      scaleMode: 'iterations',
      scale: (k) => {
        seen.push(k);
        return 1;
      },
    });
    [0, 2.5, 7].forEach((t) => byStep(t));
    expect(seen).toEqual([0, 2.5, 7]);
  });

  it('cyclicMode gives each mode its scaling and scale mode', () => {
    const tri = cyclicMode('triangular', 0.5);
    const tri2 = cyclicMode('triangular2', 0.5);
    const exp = cyclicMode('exp_range', 0.5);
    expect([tri.scaleMode, tri2.scaleMode, exp.scaleMode]).toEqual([
      'cycle',
      'cycle',
      'iterations',
    ]);
    expectSeriesClose([1, 2, 10].map(tri.scale), [1, 1, 1], 'triangular');
    expectSeriesClose([1, 2, 3, 11].map(tri2.scale), [1, 0.5, 0.25, 2 ** -10], 'triangular2');
    expectSeriesClose([0, 1, 3, 2.5].map(exp.scale), [1, 0.5, 0.125, 0.5 ** 2.5], 'exp_range');
  });

  const value = fc.oneof(fc.constant(0), fc.double({ min: 1e-12, max: 10, noNaN: true }));
  const size = fc.double({ min: 0.5, max: 100, noNaN: true });
  const step = fc.double({ min: 0, max: 1e4, noNaN: true });
  const tolFor = (base: number, peak: number) => ({
    rel: 1e-9,
    abs: 1e-8 * Math.max(base, peak, 1e-300),
  });

  it('property: triangular and triangular2 against the triangle wave by position in the cycle', () => {
    fc.assert(
      fc.property(value, value, size, size, step, (base, peak, up, down, t) => {
        const { cycle, s } = triangle(t, up, down);
        const tri = cyclic({ base, peak, stepSizeUp: up, stepSizeDown: down, ...triangular })(t);
        const tri2 = cyclic({
          base,
          peak,
          stepSizeUp: up,
          stepSizeDown: down,
          ...cyclicMode('triangular2', 1),
        })(t);
        const tol = tolFor(base, peak);
        return (
          Number.isFinite(tri) &&
          tri >= 0 &&
          tri2 >= 0 &&
          close(tri, base + (peak - base) * s, tol) &&
          close(tri2, base + (peak - base) * s * 0.5 ** (cycle - 1), tol)
        );
      }),
    );
  });

  it('property: exp_range is base + (peak − base)·s·γ^t', () => {
    fc.assert(
      fc.property(
        value,
        value,
        size,
        fc.double({ min: 0.99, max: 1, noNaN: true }),
        step,
        (base, peak, up, gamma, t) => {
          const { s } = triangle(t, up, up);
          const v = cyclic({ base, peak, stepSizeUp: up, ...cyclicMode('exp_range', gamma) })(t);
          return v >= 0 && close(v, base + (peak - base) * s * gamma ** t, tolFor(base, peak));
        },
      ),
    );
  });

  const ok: CyclicOptions = { base: 0.1, peak: 1, stepSizeUp: 2, ...triangular };
  const errors: [CyclicOptions, message: string][] = [
    [{ ...ok, base: -0.1 }, 'cyclic: base must be a finite number ≥ 0, got -0.1'],
    [{ ...ok, base: NaN }, 'cyclic: base must be a finite number ≥ 0, got NaN'],
    [{ ...ok, peak: -2 }, 'cyclic: peak must be a finite number ≥ 0, got -2'],
    [{ ...ok, peak: Infinity }, 'cyclic: peak must be a finite number ≥ 0, got Infinity'],
    [{ ...ok, stepSizeUp: 0 }, 'cyclic: stepSizeUp must be a finite number > 0, got 0'],
    [{ ...ok, stepSizeUp: NaN }, 'cyclic: stepSizeUp must be a finite number > 0, got NaN'],
    [{ ...ok, stepSizeDown: 0 }, 'cyclic: stepSizeDown must be a finite number > 0, got 0'],
    [{ ...ok, stepSizeDown: -1 }, 'cyclic: stepSizeDown must be a finite number > 0, got -1'],
    [
      { ...ok, stepSizeDown: Infinity },
      'cyclic: stepSizeDown must be a finite number > 0, got Infinity',
    ],
  ];
  for (const [options, message] of errors) {
    it(`rejects: ${message}`, () => {
      expectThrows(() => cyclic(options), ParameterError, message);
    });
  }
});
