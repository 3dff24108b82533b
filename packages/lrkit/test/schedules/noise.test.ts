import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/index.js';
import { noise, noiseDraw, type NoiseOptions } from '../../src/schedules/noise.js';
import { close } from '../helpers/tolerance.js';
import { expectThrows } from '../helpers/errors.js';

/** Mean and variance of a sample. */
function moments(xs: readonly number[]): [mean: number, variance: number] {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return [mean, xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1)];
}

/** ∫ f over [a, b] by Simpson's rule (in-test reference for the truncated normal). */
function simpson(f: (x: number) => number, a: number, b: number, n = 2000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

describe('noise', () => {
  it('is 1 outside the range: [start, end) or every step ≥ start', () => {
    const pair = noise({ range: [10, 20] });
    expect([0, 9, 9.999, 20, 21, 1e9].map(pair)).toEqual([1, 1, 1, 1, 1, 1]);
    expect([10, 15, 19.5].map(pair).every((v) => v !== 1)).toBe(true);
    const from = noise({ range: 5 });
    expect([0, 4.5].map(from)).toEqual([1, 1]);
    expect([5, 6, 1e9].map(from).every((v) => v !== 1)).toBe(true);
    // an empty range (start ≥ end) never applies
    expect([0, 5, 10].map(noise({ range: [10, 5] }))).toEqual([1, 1, 1]);
  });

  it('depends on seed + t only: deterministic, the same for equal sums, new for other sums', () => {
    const a = noise({ range: 0, seed: 42 });
    const b = noise({ range: 0, seed: 40 });
    expect(a(20)).toBe(a(20));
    expect(a(20)).toBe(b(22));
    expect(a(20)).toBe(1 + noiseDraw(62, 0.67, 'normal'));
    expect(a(21)).not.toBe(a(20));
    expect(noise({ range: 0, seed: 7 })(20)).not.toBe(a(20));
    // fractional steps get their own draws
    expect(a(20.5)).not.toBe(a(20));
  });

  it('property: |ε| < pct for both types, so 1 + ε stays in (0, 2)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        fc.double({ min: 1e-300, max: 1, noNaN: true }),
        fc.constantFrom('normal' as const, 'uniform' as const),
        (seed, t, pct, type) => {
          const v = noise({ range: 0, seed, pct, type })(t);
          return Number.isFinite(v) && Math.abs(v - 1) < pct + 1e-16 && v > 0 && v < 2;
        },
      ),
    );
  });

  it('normal: the distribution of a standard normal redrawn until |ε| < pct', () => {
    for (const pct of [0.67, 0.2, 1]) {
      const xs = Array.from({ length: 100_000 }, (_, t) => noiseDraw(42 + t, pct, 'normal'));
      const mass = simpson((x) => Math.exp((-x * x) / 2), -pct, pct);
      const variance = simpson((x) => x * x * Math.exp((-x * x) / 2), -pct, pct) / mass;
      const [mean, v] = moments(xs);
      expect(Math.abs(mean)).toBeLessThan(0.005 * pct);
      expect(close(v, variance, { rel: 0.02 })).toBe(true);
      // Kolmogorov–Smirnov distance to the truncated normal's CDF
      const sorted = [...xs].sort((p, q) => p - q);
      let d = 0;
      for (const i of [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95]) {
        const x = sorted[Math.floor(i * sorted.length)]!;
        d = Math.max(d, Math.abs(simpson((u) => Math.exp((-u * u) / 2), -pct, x, 400) / mass - i));
      }
      expect(d).toBeLessThan(0.01);
    }
  });

  it('uniform: ε uniform on [−pct, pct)', () => {
    const xs = Array.from({ length: 100_000 }, (_, t) => noiseDraw(t, 0.5, 'uniform'));
    const [mean, v] = moments(xs);
    expect(Math.abs(mean)).toBeLessThan(0.005);
    expect(close(v, 0.25 / 3, { rel: 0.02 })).toBe(true);
    expect(xs.filter((x) => x < 0).length / xs.length).toBeCloseTo(0.5, 2);
  });

  const errors: [NoiseOptions, message: string][] = [
    [{ range: NaN }, 'noise: range must be a finite number, got NaN'],
    [{ range: [1, Infinity] }, 'noise: range[1] must be a finite number, got Infinity'],
    [
      { range: [1, 2, 3] as unknown as [number, number] },
      'noise: range must be a number or a [start, end] pair, got [1, 2, 3]',
    ],
    [{ range: 0, pct: 0 }, 'noise: pct must be in (0, 1], got 0'],
    [{ range: 0, pct: 1.5 }, 'noise: pct must be in (0, 1], got 1.5'],
    [{ range: 0, seed: 1.5 }, 'noise: seed must be a safe integer (|n| < 2^53), got 1.5'],
    [
      { range: 0, seed: 2 ** 60 },
      `noise: seed must be a safe integer (|n| < 2^53), got ${2 ** 60}`,
    ],
    [
      { range: 0, type: 'gauss' as 'normal' },
      "noise: type must be 'normal' or 'uniform', got 'gauss'",
    ],
  ];
  for (const [options, message] of errors) {
    it(`rejects: ${message}`, () => {
      expectThrows(() => noise(options), ParameterError, message);
    });
  }
});
