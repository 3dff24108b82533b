/**
 * The range test's main acceptance: on gradient descent over random quadratics with a known
 * spectrum (divergence for lr > 2/λ_max), the recommended lr is below 2/λ_max every time, and at
 * least 0.05/λ_max whenever the gradient noise is moderate.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rangeTest } from '../../src/rangeTest/index.js';
import { quadratic, type QuadraticSpec } from './quadratic.js';

const problem = (noise: fc.Arbitrary<number>) =>
  fc.record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    dim: fc.integer({ min: 10, max: 50 }),
    condition: fc.double({ min: 1, max: 4, noNaN: true }).map((e) => Math.pow(10, e)),
    lambdaMax: fc
      .double({ min: Math.log10(0.5), max: Math.log10(300), noNaN: true })
      .map((e) => Math.pow(10, e)),
    noise,
    lossNoise: fc.constantFrom(0, 0.05),
    lossAfterUpdate: fc.boolean(),
    spectrum: fc.constantFrom('log-uniform' as const, 'outlier' as const),
  });

async function recommendation(spec: QuadraticSpec) {
  const q = quadratic(spec);
  const result = await rangeTest({ trainStep: q.trainStep });
  return { lr: result.recommended.lr, lambdaMax: spec.lambdaMax, result };
}

function describeCase(spec: QuadraticSpec, lr: number | null) {
  return `${JSON.stringify(spec)}: recommended ${lr}, 2/λ_max = ${2 / spec.lambdaMax}`;
}

describe('rangeTest on quadratics (ground truth: GD diverges for lr > 2/λ_max)', () => {
  it('without gradient noise: 0.05/λ_max ≤ recommended < 2/λ_max, every problem', async () => {
    await fc.assert(
      fc.asyncProperty(problem(fc.constant(0)), async (spec) => {
        const { lr } = await recommendation(spec);
        expect(lr, describeCase(spec, lr)).not.toBeNull();
        expect(lr! * spec.lambdaMax, describeCase(spec, lr)).toBeLessThan(2);
        expect(lr! * spec.lambdaMax, describeCase(spec, lr)).toBeGreaterThanOrEqual(0.05);
      }),
      { numRuns: 500, seed: 20261123 },
    );
  });

  it('with moderate gradient noise (≤ 0.3 × the first gradient): 0.05/λ_max ≤ recommended < 2/λ_max', async () => {
    await fc.assert(
      fc.asyncProperty(problem(fc.double({ min: 0.01, max: 0.3, noNaN: true })), async (spec) => {
        const { lr } = await recommendation(spec);
        expect(lr, describeCase(spec, lr)).not.toBeNull();
        expect(lr! * spec.lambdaMax, describeCase(spec, lr)).toBeLessThan(2);
        expect(lr! * spec.lambdaMax, describeCase(spec, lr)).toBeGreaterThanOrEqual(0.05);
      }),
      { numRuns: 500, seed: 42 },
    );
  });

  it('with heavy gradient noise (up to 3 × the first gradient): still never a divergent lr', async () => {
    await fc.assert(
      fc.asyncProperty(problem(fc.double({ min: 0.3, max: 3, noNaN: true })), async (spec) => {
        const { lr } = await recommendation(spec);
        expect(lr, describeCase(spec, lr)).not.toBeNull();
        expect(lr! * spec.lambdaMax, describeCase(spec, lr)).toBeLessThan(2);
        expect(lr! * spec.lambdaMax, describeCase(spec, lr)).toBeGreaterThan(0);
      }),
      { numRuns: 250, seed: 7 },
    );
  });

  it('the lowest point of the curve is itself a divergent lr: why the rule keeps a margin', async () => {
    for (let seed = 1; seed <= 30; seed++) {
      const spec = { seed, dim: 20, condition: 1000, lambdaMax: 50, noise: 0 };
      const { result } = await recommendation(spec);
      const s = result.smoothedLosses;
      const atMinimum = result.lrs[s.indexOf(Math.min(...s))]!;
      expect(atMinimum * spec.lambdaMax, `seed ${seed}`).toBeGreaterThan(2);
      expect(result.recommended.lr! * spec.lambdaMax, `seed ${seed}`).toBeLessThan(2);
    }
  });
});
