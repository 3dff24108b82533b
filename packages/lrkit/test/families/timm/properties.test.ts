/**
 * Properties over every timm entry, with an arbitrary of valid parameters per entry:
 * (a) fuzz: values at random steps up to 1e9 are finite and ≥ 0; random, possibly invalid,
 *     parameters either build or throw an LrkitError naming a parameter that was changed;
 * (b) round trip: the canonical spec text and the spec JSON resolve to bit-identical curves.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LrkitError,
  Scheduler,
  buildPlan,
  curve,
  registry,
  specJson,
  specText,
  type SpecInput,
} from '../../../src/index.js';

type Params = Record<string, unknown>;

const bool = fc.boolean();
const lrMin = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.05, noNaN: true }));
const tInitial = fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1e9 }));
const warmup = {
  warmup_t: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 1e7 })),
  warmup_lr_init: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.2, noNaN: true })),
};
const step = fc.integer({ min: 0, max: 1e9 });
const noise = {
  noise_range_t: fc.oneof(
    fc.constant(null),
    step,
    fc.double({ min: -10, max: 1e9, noNaN: true }),
    fc.tuple(step, step),
  ),
  noise_pct: fc.double({ min: 1e-12, max: 1, noNaN: true }),
  noise_std: fc.double({ min: 0, max: 10, noNaN: true }),
  noise_seed: fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
};
const compat = { t_in_epochs: bool, initialize: bool };
/** cycle_decay ≤ 1 with any cycle_limit, or a growing decay with few cycles. */
const decayAndLimit = fc.oneof(
  fc.record({
    cycle_decay: fc.double({ min: 0, max: 1, noNaN: true }),
    cycle_limit: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 1e9 })),
  }),
  fc.record({
    cycle_decay: fc.double({ min: 1, max: 3, noNaN: true }),
    cycle_limit: fc.integer({ min: 0, max: 200 }),
  }),
);
const cycleMul = fc.oneof(
  fc.constant(1),
  fc.double({ min: 0.05, max: 0.999, noNaN: true }),
  fc.double({ min: 1.001, max: 10, noNaN: true }),
  fc.double({ min: 1e-300, max: 1e300, noNaN: true }),
);
const kDecay = fc.oneof(fc.constant(1), fc.double({ min: 0.01, max: 20, noNaN: true }));

/** Valid parameters, every key optional except the required ones. */
function record(model: Record<string, fc.Arbitrary<unknown>>, required: string[]) {
  return fc.record(model, { requiredKeys: required });
}

function cycled(extra: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Params> {
  return fc
    .tuple(
      record(
        {
          t_initial: tInitial,
          lr_min: lrMin,
          cycle_mul: cycleMul,
          ...warmup,
          warmup_prefix: bool,
          ...noise,
          ...compat,
          ...extra,
        },
        ['t_initial'],
      ),
      fc.option(decayAndLimit, { nil: undefined }),
    )
    .map(([p, d]) => ({ ...p, ...d }));
}

const arbitraries: Record<string, fc.Arbitrary<Params>> = {
  'timm.CosineLRScheduler': cycled({ k_decay: kDecay }),
  'timm.TanhLRScheduler': fc
    .tuple(
      cycled({}),
      fc.double({ min: -30, max: 10, noNaN: true }),
      fc.double({ min: 1e-3, max: 30, noNaN: true }),
      bool,
    )
    .map(([p, lb, width, give]) => (give ? { ...p, lb, ub: lb + width } : p)),
  'timm.PolyLRScheduler': cycled({
    k_decay: kDecay,
    power: fc.double({ min: 0, max: 5, noNaN: true }),
  }),
  'timm.StepLRScheduler': record(
    {
      decay_t: fc.oneof(
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 1e-300, max: 1e9, noNaN: true }),
      ),
      decay_rate: fc.double({ min: 0, max: 1, noNaN: true }),
      ...warmup,
      warmup_prefix: bool,
      ...noise,
      ...compat,
    },
    ['decay_t'],
  ),
  'timm.MultiStepLRScheduler': record(
    {
      decay_t: fc
        .array(fc.integer({ min: 0, max: 1e9 }), { maxLength: 6 })
        .map((xs) => xs.sort((a, b) => a - b)),
      decay_rate: fc.oneof(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 1e40, noNaN: true }),
      ),
      ...warmup,
      warmup_prefix: bool,
      ...noise,
      ...compat,
    },
    ['decay_t'],
  ),
  'timm.PlateauLRScheduler': record(
    {
      decay_rate: fc.double({ min: 0, max: 0.999, noNaN: true }),
      patience_t: fc.integer({ min: 0, max: 5 }),
      verbose: bool,
      threshold: fc.double({ min: 0, max: 0.5, noNaN: true }),
      cooldown_t: fc.integer({ min: 0, max: 3 }),
      warmup_t: fc.integer({ min: 0, max: 20 }),
      warmup_lr_init: warmup.warmup_lr_init,
      lr_min: lrMin,
      mode: fc.constantFrom('min', 'max'),
      ...noise,
      noise_type: fc.constantFrom('normal', 'uniform'),
      noise_seed: fc.option(noise.noise_seed, { nil: null }),
      initialize: bool,
    },
    [],
  ),
};

const names = registry.filter((e) => e.family === 'timm').map((e) => e.qualifiedName);

it('an arbitrary for every timm entry', () => {
  expect(Object.keys(arbitraries).sort()).toEqual([...names].sort());
});

const groups = fc.array(fc.double({ min: 0, max: 10, noNaN: true }), {
  minLength: 1,
  maxLength: 3,
});
const metrics = fc.array(fc.oneof(fc.double({ noNaN: false }), fc.constant(1)), {
  minLength: 80,
  maxLength: 80,
});

/** Checks every group's lr at the given steps (closed form) or along a metric run (plateau). */
function valuesOk(spec: SpecInput, lrs: number[], steps: number[], ms: number[]): boolean {
  const plan = buildPlan(spec);
  if (plan.kind === 'plateau') {
    const s = new Scheduler(spec, { lr: lrs });
    const ok = () => s.lr.every((v) => Number.isFinite(v) && v >= 0);
    if (!ok()) return false;
    for (const m of ms) {
      s.step(m);
      if (!ok()) return false;
    }
    return true;
  }
  const schedules = plan.bind(lrs.map((lr) => ({ lr })));
  return schedules.every(({ lr }) =>
    steps.every((t) => {
      const v = lr(t);
      return Number.isFinite(v) && v >= 0;
    }),
  );
}

const junk = fc.constantFrom<unknown>(
  -1,
  -0.5,
  0,
  0.5,
  1.5,
  1e308,
  NaN,
  Infinity,
  -Infinity,
  'x',
  true,
  null,
  undefined,
  [],
  [1, 2, 3],
  [3, 1],
  [-1, 2],
  { a: 1 },
);

for (const name of names) {
  const entry = registry.find((e) => e.qualifiedName === name)!;
  const valid = arbitraries[name]!;
  describe(name, () => {
    it('fuzz: valid parameters give finite values ≥ 0 at steps up to 1e9', () => {
      fc.assert(
        fc.property(
          valid,
          groups,
          fc.array(fc.oneof(step, fc.double({ min: 0, max: 1e9, noNaN: true })), {
            minLength: 1,
            maxLength: 20,
          }),
          metrics,
          (params, lrs, steps, ms) => valuesOk({ name, params }, lrs, [0, 1, 2, ...steps], ms),
        ),
        { numRuns: 300 },
      );
    });

    it('fuzz: any parameters build, or throw an LrkitError naming a changed parameter', () => {
      const keys = entry.params.map((p) => p.name);
      fc.assert(
        fc.property(
          valid,
          fc.array(fc.tuple(fc.constantFrom(...keys), junk), { minLength: 1, maxLength: 3 }),
          groups,
          fc.array(step, { minLength: 1, maxLength: 8 }),
          metrics,
          (params, changes, lrs, steps, ms) => {
            const changed = { ...params };
            for (const [k, v] of changes) changed[k] = v;
            try {
              return valuesOk({ name, params: changed }, lrs, [0, 1, ...steps], ms);
            } catch (e) {
              if (!(e instanceof LrkitError)) throw e;
              return changes.some(([k]) => e.message.includes(k));
            }
          },
        ),
        { numRuns: 300 },
      );
    });

    it('round trip: specText and specJson resolve to bit-identical curves', () => {
      fc.assert(
        fc.property(valid, metrics, (params, ms) => {
          const spec = { name, params };
          const options = {
            lr: [0.1, 0.02],
            steps: 60,
            ...(entry.params.some((p) => p.name === 'patience_t') ? { metrics: ms } : {}),
          };
          const direct = curve(spec, options);
          const text = specText(spec);
          expect(curve(text, options)).toEqual(direct);
          expect(curve(specJson(spec) as SpecInput, options)).toEqual(direct);
          expect(specText(text)).toBe(text);
        }),
        { numRuns: 100 },
      );
    });
  });
}
