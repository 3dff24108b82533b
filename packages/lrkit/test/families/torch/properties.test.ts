/**
 * Properties over every PyTorch entry: (a) fuzz — random valid parameters give finite values ≥ 0
 * at random steps up to 1e9 (1e6 for MultiplicativeLR, whose product is walked step by step);
 * random, possibly invalid parameters either build or throw an LrkitError naming the parameter —
 * never a crash, NaN, Infinity or a negative lr; (b) round trip — canonical text and JSON resolve
 * back to bit-identical curves.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LrkitError, Scheduler, curve, registry, specJson, specText } from '../../../src/index.js';

type Spec = { name: string; params: Record<string, unknown> };
const num = (min: number, max: number) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.double({ min, max, noNaN: true }).map((x) => x + 0) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
  );
const int = (min: number, max: number) => fc.integer({ min, max });
const lambdas = fc.constantFrom(
  'lambda e: 0.95**e',
  'lambda e: 1/(1+0.01*e)',
  'lambda e: min(1.0, (e+1)/10)',
  'lambda e: 0.5 ** (e // 10)',
  'lambda e: max(0.0, math.cos(math.pi * e / 200))',
);
const factors = fc.constantFrom(
  'lambda e: 0.95',
  'lambda e: 0.999 if e < 100 else 1.0',
  'lambda e: 1.0',
);
const basic: fc.Arbitrary<Spec> = fc.oneof(
  fc
    .record({ step_size: int(1, 1000), gamma: num(0, 1) })
    .map((p) => ({ name: 'StepLR', params: p })),
  fc
    .record({ milestones: fc.array(int(0, 1e6), { maxLength: 6 }), gamma: num(0, 1) })
    .map((p) => ({ name: 'MultiStepLR', params: p })),
  fc
    .record({ factor: num(0, 1), total_iters: int(0, 1e6) })
    .map((p) => ({ name: 'ConstantLR', params: p })),
  fc
    .record({ start_factor: num(1e-9, 1), end_factor: num(0, 1), total_iters: int(0, 1e6) })
    .map((p) => ({ name: 'LinearLR', params: p })),
  fc.record({ gamma: num(0, 1) }).map((p) => ({ name: 'ExponentialLR', params: p })),
  fc
    .record({ total_iters: int(1, 1e6), power: num(0, 10) })
    .map((p) => ({ name: 'PolynomialLR', params: p })),
  fc
    .record({ T_max: num(1e-3, 1e6), eta_min: num(0, 1) })
    .map((p) => ({ name: 'CosineAnnealingLR', params: p })),
  fc
    .record({ T_0: int(1, 1e6), T_mult: int(1, 5), eta_min: num(0, 1) })
    .map((p) => ({ name: 'CosineAnnealingWarmRestarts', params: p })),
  fc.record({ lr_lambda: lambdas }).map((p) => ({ name: 'LambdaLR', params: p })),
  fc
    .record({
      base_lr: num(0, 1),
      max_lr: num(0, 1),
      step_size_up: num(1e-3, 1e4),
      step_size_down: fc.option(num(1e-3, 1e4), { nil: null }),
      mode: fc.constantFrom('triangular', 'triangular2', 'exp_range'),
      gamma: num(0, 1),
      cycle_momentum: fc.boolean(),
    })
    .map((p) => ({ name: 'CyclicLR', params: p })),
  fc
    .record({
      max_lr: num(0, 10),
      total_steps: int(1, 1e6),
      pct_start: num(0, 1),
      anneal_strategy: fc.constantFrom('cos', 'linear'),
      three_phase: fc.boolean(),
      div_factor: num(1e-3, 1e4),
      final_div_factor: num(1e-3, 1e6),
      past_end: fc.constant('hold'),
    })
    .map((p) => ({ name: 'OneCycleLR', params: p })),
);
const multiplicative = fc
  .record({ lr_lambda: factors })
  .map((p): Spec => ({ name: 'MultiplicativeLR', params: p }));
const composite: fc.Arbitrary<Spec> = fc.oneof(
  fc.record({ a: basic, b: basic, m: int(0, 1e6) }).map(({ a, b, m }) => ({
    name: 'SequentialLR',
    params: { schedulers: [a, b], milestones: [m] },
  })),
  fc
    .record({ a: basic, b: basic })
    .map(({ a, b }) => ({ name: 'ChainedScheduler', params: { schedulers: [a, b] } })),
);
const steps = fc.oneof(
  int(0, 1000),
  fc.double({ min: 0, max: 1e9, noNaN: true }).map(Math.floor),
  fc.constantFrom(1e9),
);

function valuesAt(spec: Spec, lr: readonly number[], at: number[]) {
  const s = new Scheduler(spec, { lr });
  return at.map((k) => [...s.stepTo(k), ...s.momentum]);
}

describe('torch entries: properties', () => {
  it('covers every torch entry', () => {
    const names = registry.filter((e) => e.family === 'torch').map((e) => e.name);
    expect(names).toContain('ReduceLROnPlateau'); // checked by the state tests, metric-driven
    expect(names.length).toBe(15);
  });

  it('fuzz: valid parameters give finite values ≥ 0 at any step up to 1e9', () => {
    fc.assert(
      fc.property(
        fc.oneof(basic, composite),
        fc.array(steps, { minLength: 1, maxLength: 5 }),
        fc.constantFrom([0.1], [1, 1e-3]),
        (spec, at, lr) => {
          for (const v of valuesAt(spec, lr, at).flat()) {
            expect(Number.isFinite(v) && v >= 0, `${JSON.stringify(spec)} at ${at}: ${v}`).toBe(
              true,
            );
          }
        },
      ),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(
        multiplicative,
        fc.array(int(0, 1e6), { minLength: 1, maxLength: 3 }),
        (spec, at) => {
          for (const v of valuesAt(spec, [0.1], at).flat())
            expect(Number.isFinite(v) && v >= 0).toBe(true);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('fuzz: any parameters build or throw an LrkitError naming the parameter', () => {
    const anyValue = fc.oneof(
      fc.double(),
      fc.integer({ min: -1e6, max: 1e6 }),
      fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1, -1, 1e308, 5e-324),
      fc.string({ maxLength: 5 }),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.double(), { maxLength: 3 }),
    );
    const entries = registry.filter(
      (e) => e.family === 'torch' && !['SequentialLR', 'ChainedScheduler'].includes(e.name),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...entries),
        fc.dictionary(fc.constantFrom('x', 'y'), anyValue),
        fc.array(anyValue, { maxLength: 4 }),
        (entry, _, values) => {
          const params: Record<string, unknown> = {};
          entry.params.forEach((p, i) => {
            if (values[i] !== undefined) params[p.name] = values[i];
          });
          try {
            const s = new Scheduler({ name: entry.name, params }, { lr: 0.1 });
            if (s.metricDriven) return;
            for (const k of [1, 10, 1000]) {
              try {
                s.stepTo(k);
              } catch (e) {
                expect(e).toBeInstanceOf(LrkitError); // e.g. OneCycleLR past its end
                continue;
              }
              for (const v of s.lr)
                expect(
                  Number.isFinite(v) && v >= 0,
                  `${entry.name} ${JSON.stringify(params)}: ${v}`,
                ).toBe(true);
            }
          } catch (e) {
            expect(e, String(e)).toBeInstanceOf(LrkitError);
            const msg = (e as Error).message;
            const named =
              entry.params.some((p) => msg.includes(p.name)) || msg.includes(entry.name);
            expect(named, msg).toBe(true);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('round trip: text and JSON resolve back to bit-identical curves', () => {
    fc.assert(
      fc.property(fc.oneof(basic, composite, multiplicative), (spec) => {
        const opts = { lr: [0.1, 0.01], steps: 50 };
        const expected = curve(spec, opts);
        expect(curve(specText(spec), opts)).toEqual(expected);
        expect(curve(JSON.parse(JSON.stringify(specJson(spec))) as Spec, opts)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
