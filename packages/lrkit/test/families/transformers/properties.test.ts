/**
 * Properties over every transformers entry, each with its own arbitrary of valid parameters:
 * (a) fuzz — valid parameters give finite lrs ≥ 0 at any step up to 1e9 for any base lrs, and
 * random (possibly invalid) parameters either build or throw an LrkitError naming a parameter;
 * (b) round trip — the canonical spec text and JSON give bit-identical curves.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LrkitError,
  curve,
  registry,
  resolveSpec,
  specJson,
  specText,
  type RegistryEntry,
} from '../../../src/index.js';

type Params = Record<string, unknown>;

const count = fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 1_000_000 }));
const cycles = fc.oneof(
  fc.constantFrom(0, 0.5, 1, 2, 3),
  fc.double({ min: 0, max: 20, noNaN: true }),
);
const fraction = (max: number) =>
  fc.oneof(fc.constant(0), fc.double({ min: 0, max, noNaN: true, noDefaultInfinity: true }));
const shape = fc.constantFrom('linear', 'cosine', '1-sqrt');

/** Optional keys: present or left to the default. */
const withOptional = (
  required: Record<string, fc.Arbitrary<unknown>>,
  optional: Record<string, fc.Arbitrary<unknown>>,
) =>
  fc.record(
    { ...required, ...optional },
    { requiredKeys: Object.keys(required) as never[] },
  ) as fc.Arbitrary<Params>;

const warmupDecay = { num_warmup_steps: count, num_training_steps: count };

const floor = fc.oneof(
  fc.record({ min_lr: fraction(0.1) }),
  fc.record({ min_lr_rate: fraction(1) }),
);

const minLr = fc
  .tuple(withOptional(warmupDecay, { num_cycles: cycles, last_epoch: fc.constant(-1) }), floor)
  .map(([a, b]) => ({ ...a, ...b }));

const wsd = fc
  .tuple(
    withOptional(
      { num_warmup_steps: count, num_decay_steps: count },
      {
        warmup_type: shape,
        decay_type: shape,
        min_lr_ratio: fraction(1),
        num_cycles: cycles,
      },
    ),
    fc.oneof(
      fc.record({ num_training_steps: count }),
      fc.record({ num_stable_steps: count }),
      fc.record({ num_training_steps: count, num_stable_steps: count }),
    ),
  )
  .map(([a, b]) => ({ ...a, ...b }));

const plateau = withOptional(
  {},
  {
    mode: fc.constantFrom('min', 'max'),
    factor: fc.double({ min: 0, max: 0.99, noNaN: true }),
    patience: fc.integer({ min: 0, max: 5 }),
    threshold: fraction(0.5),
    threshold_mode: fc.constantFrom('rel', 'abs'),
    cooldown: fc.integer({ min: 0, max: 3 }),
    min_lr: fraction(0.01),
    eps: fraction(1e-3),
  },
);

/** Valid parameters of each entry, by qualified name (base lrs are drawn from [0.1, 1]). */
const direct: Record<string, fc.Arbitrary<Params>> = {
  'transformers.get_constant_schedule': withOptional({}, { last_epoch: fc.constant(-1) }),
  'transformers.get_constant_schedule_with_warmup': fc.record({ num_warmup_steps: count }),
  'transformers.get_linear_schedule_with_warmup': fc.record(warmupDecay),
  'transformers.get_cosine_schedule_with_warmup': withOptional(warmupDecay, { num_cycles: cycles }),
  'transformers.get_cosine_with_hard_restarts_schedule_with_warmup': withOptional(warmupDecay, {
    num_cycles: cycles,
  }),
  'transformers.get_polynomial_decay_schedule_with_warmup': withOptional(warmupDecay, {
    lr_end: fraction(0.099),
    power: fc.double({ min: 0, max: 8, noNaN: true }),
  }).filter((p) => p.num_warmup_steps !== p.num_training_steps),
  'transformers.get_inverse_sqrt_schedule': withOptional(
    { num_warmup_steps: count },
    { timescale: fc.integer({ min: 1, max: 1_000_000 }) },
  ),
  'transformers.get_reduce_on_plateau_schedule': plateau,
  'transformers.get_cosine_with_min_lr_schedule_with_warmup': minLr,
  'transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate': fc
    .tuple(minLr, withOptional({}, { warmup_lr_rate: fraction(1) }))
    .map(([a, b]) => ({ ...a, ...b })),
  'transformers.get_wsd_schedule': wsd,
};

/** get_scheduler(name, …): the same parameters, split the way transformers takes them. */
function viaGetScheduler(name: string, qualified: string): fc.Arbitrary<Params> {
  return direct[qualified]!.map((p) => {
    const { num_warmup_steps, num_training_steps, ...rest } = p;
    if (name === 'constant') return { name };
    if (name === 'reduce_lr_on_plateau') return { name, scheduler_specific_kwargs: rest };
    if (name === 'constant_with_warmup' || name === 'inverse_sqrt')
      return { name, num_warmup_steps };
    return {
      name,
      num_warmup_steps,
      num_training_steps: num_training_steps ?? null,
      scheduler_specific_kwargs: rest,
    };
  });
}

const names: [string, string][] = [
  ['linear', 'transformers.get_linear_schedule_with_warmup'],
  ['cosine', 'transformers.get_cosine_schedule_with_warmup'],
  ['cosine_with_restarts', 'transformers.get_cosine_with_hard_restarts_schedule_with_warmup'],
  ['polynomial', 'transformers.get_polynomial_decay_schedule_with_warmup'],
  ['constant', 'transformers.get_constant_schedule'],
  ['constant_with_warmup', 'transformers.get_constant_schedule_with_warmup'],
  ['inverse_sqrt', 'transformers.get_inverse_sqrt_schedule'],
  ['reduce_lr_on_plateau', 'transformers.get_reduce_on_plateau_schedule'],
  ['cosine_with_min_lr', 'transformers.get_cosine_with_min_lr_schedule_with_warmup'],
  ['cosine_warmup_with_min_lr', 'transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate'],
  ['warmup_stable_decay', 'transformers.get_wsd_schedule'],
];

const arbitraries: Record<string, fc.Arbitrary<Params>> = {
  ...direct,
  'transformers.get_scheduler': fc.oneof(...names.map(([n, q]) => viaGetScheduler(n, q))),
};

const entries = registry.filter((e) => e.family === 'transformers');
const lrs = fc.array(fc.double({ min: 0.1, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 });
const step = fc.oneof(
  fc.integer({ min: 0, max: 1000 }),
  fc.integer({ min: 0, max: 1e9 }),
  fc.double({ min: 0, max: 1e9, noNaN: true }),
);
const metric = fc.double({ min: 0, max: 10, noNaN: true });

/** Every lr of the spec at the given steps (metric-driven specs: along the given metrics). */
function valuesAt(spec: unknown, groups: number[], steps: number[], metrics: number[]): number[] {
  const bound = resolveSpec(spec as Params & { name: string });
  const plan = bound.entry.build(bound.args);
  if (plan.kind === 'plateau') {
    return curve(bound, { lr: groups, steps: metrics.length, metrics }).lr.flat();
  }
  const schedules = plan.bind(groups.map((lr) => ({ lr })));
  return schedules.flatMap((s) => steps.map((t) => s.lr(t)));
}

/** The parameter names a message of this entry may name (get_scheduler's and the dispatched one's). */
const paramNames = new Set(entries.flatMap((e) => e.params.map((p) => p.name)));

const badValues: unknown[] = [
  -1,
  -0.5,
  NaN,
  Infinity,
  -Infinity,
  0,
  1,
  1.5,
  1e308,
  'x',
  'linear',
  null,
  true,
  [1, 2],
  {},
  { num_cycles: -1 },
];

describe('transformers properties', () => {
  it('every entry has an arbitrary', () => {
    expect(Object.keys(arbitraries).sort()).toEqual(entries.map((e) => e.qualifiedName).sort());
  });

  for (const entry of entries) {
    const arb = arbitraries[entry.qualifiedName]!;
    const spec = (params: Params) => ({ name: entry.qualifiedName, params });

    it(`${entry.qualifiedName}: valid parameters give finite lrs ≥ 0 at any step`, () => {
      fc.assert(
        fc.property(
          arb,
          lrs,
          fc.array(step, { minLength: 1, maxLength: 8 }),
          fc.array(metric, { maxLength: 30 }),
          (p, groups, steps, metrics) => {
            const values = valuesAt(spec(p), groups, steps, metrics);
            return values.every((v) => Number.isFinite(v) && v >= 0);
          },
        ),
        { numRuns: 300 },
      );
    });

    it(`${entry.qualifiedName}: any parameters build or throw an LrkitError naming a parameter`, () => {
      const mutated = fc
        .tuple(
          arb,
          fc.constantFrom(...entry.params.map((p) => p.name), 'num_cycle'),
          fc.constantFrom(...badValues),
          fc.boolean(),
        )
        .map(([p, key, bad, drop]) => {
          const q: Params = { ...p };
          if (drop) delete q[key];
          else q[key] = bad;
          return q;
        });
      fc.assert(
        fc.property(
          mutated,
          lrs,
          fc.array(step, { minLength: 1, maxLength: 4 }),
          fc.array(metric, { maxLength: 12 }),
          (p, groups, steps, metrics) => {
            let values: number[];
            try {
              values = valuesAt(spec(p), groups, steps, metrics);
            } catch (e) {
              if (!(e instanceof LrkitError)) throw e;
              const named = [...paramNames, 'num_cycle'].some((n) => e.message.includes(n));
              if (!named) throw new Error(`message names no parameter: ${e.message}`);
              return true;
            }
            return values.every((v) => Number.isFinite(v) && v >= 0);
          },
        ),
        { numRuns: 300 },
      );
    });

    it(`${entry.qualifiedName}: specText and specJson resolve to bit-identical curves`, () => {
      fc.assert(
        fc.property(
          arb,
          lrs,
          fc.array(metric, { minLength: 25, maxLength: 25 }),
          (p, groups, metrics) => {
            const bound = resolveSpec(spec(p));
            const plateau = bound.entry.build(bound.args).kind === 'plateau';
            const options = { lr: groups, steps: 25, ...(plateau ? { metrics } : {}) };
            const expected = curve(bound, options);
            const text = specText(bound);
            const json = JSON.parse(JSON.stringify(specJson(bound))) as {
              name: string;
              params: Params;
            };
            expect(curve(text, options)).toEqual(expected);
            expect(curve(json, options)).toEqual(expected);
            expect(specText(text)).toBe(text);
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it('covers every entry', () => {
    const covered: RegistryEntry[] = entries.filter((e) => arbitraries[e.qualifiedName]);
    expect(covered.length).toBe(12);
  });
});
