/**
 * Properties over every fastai entry, with random parameters: (a) valid parameters give finite,
 * non-negative values at any step up to 1e9, and random (often invalid) parameters either work
 * or throw an LrkitError naming a parameter — never another error, NaN, Infinity or a negative
 * value; (b) the canonical spec text and JSON resolve back to bit-identical curves.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LrkitError,
  buildPlan,
  curve,
  registry,
  specJson,
  specText,
  type SpecInput,
} from '../../../src/index.js';

type Params = Record<string, unknown>;
interface Sample {
  spec: { name: string; params: Params };
  /** Base lr of each param group. */
  groups: number[];
}

const lr = fc.oneof(fc.constant(0), fc.double({ min: 1e-8, max: 10, noNaN: true }));
const positive = fc.double({ min: 1e-8, max: 10, noNaN: true });
const unit = fc.double({ min: 0, max: 1, noNaN: true });
const totalSteps = fc.integer({ min: 1, max: 200 });
const groupLrs = fc.array(lr, { minLength: 1, maxLength: 3 });

/** Fractions summing to 1 (within rounding) whose last segment is not empty. */
const pcts = (n: number) =>
  fc
    .tuple(
      fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1, noNaN: true })), {
        minLength: n - 1,
        maxLength: n - 1,
      }),
      fc.double({ min: 0.05, max: 1, noNaN: true }),
    )
    .map(([w, last]) => {
      const all = [...w, last];
      const sum = all.reduce((s, x) => s + x, 0);
      return all.map((x) => x / sum);
    });

const child = (name: string, params: fc.Arbitrary<Params>) =>
  params.map((p) => ({ name: `fastai.${name}`, params: p }));

const annealerParams = {
  SchedLin: fc.record({ start: lr, end: lr }),
  SchedCos: fc.record({ start: lr, end: lr }),
  SchedNo: fc.record({ start: lr, end: lr }),
  SchedExp: fc.record({ start: positive, end: lr }),
  SchedPoly: fc.record({ start: lr, end: lr, power: fc.double({ min: 0, max: 4, noNaN: true }) }),
};
const combinedCosParams = fc.record({
  pct: fc.double({ min: 0, max: 0.99, noNaN: true }),
  start: lr,
  middle: lr,
  end: lr,
});

const leaf = fc.oneof(
  ...Object.entries(annealerParams).map(([name, p]) => child(name, p)),
  child('combined_cos', combinedCosParams),
);
const combineParams = (children: fc.Arbitrary<unknown>) =>
  fc.integer({ min: 1, max: 4 }).chain((n) =>
    fc.record({
      pcts: pcts(n),
      scheds: fc.array(children, { minLength: n, maxLength: n }),
    }),
  );
const nested = fc.oneof(
  { weight: 4, arbitrary: leaf },
  { weight: 1, arbitrary: child('combine_scheds', combineParams(leaf)) },
);

/** total_steps, or n_epoch with steps_per_epoch (sometimes a very long epoch). */
const fitPositions = fc.oneof(
  totalSteps.map((t) => ({ total_steps: t })),
  fc.record({
    n_epoch: fc.integer({ min: 1, max: 20 }),
    steps_per_epoch: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1e6, max: 1e8 })),
  }),
);

/** A fit's lr argument for these groups: None, one number, or one per group. */
const fitLr = (groups: number[]) =>
  fc.oneof(
    fc.constant(null),
    lr,
    fc.array(lr, { minLength: groups.length, maxLength: groups.length }),
  );

const withGroups = (name: string, params: (groups: number[]) => fc.Arbitrary<Params>) =>
  groupLrs.chain((groups) =>
    params(groups).map((p): Sample => ({ spec: { name: `fastai.${name}`, params: p }, groups })),
  );

const topLevel = (name: string, p: fc.Arbitrary<Params>) =>
  withGroups(name, () =>
    fc.tuple(p, totalSteps).map(([params, t]) => ({ ...params, total_steps: t })),
  );

/** A valid random sample for every fastai entry. */
const arbitraries: Record<string, fc.Arbitrary<Sample>> = {
  'fastai.SchedLin': topLevel('SchedLin', annealerParams.SchedLin),
  'fastai.SchedCos': topLevel('SchedCos', annealerParams.SchedCos),
  'fastai.SchedNo': topLevel('SchedNo', annealerParams.SchedNo),
  'fastai.SchedExp': topLevel('SchedExp', annealerParams.SchedExp),
  'fastai.SchedPoly': topLevel('SchedPoly', annealerParams.SchedPoly),
  'fastai.combine_scheds': topLevel('combine_scheds', combineParams(nested)),
  'fastai.combined_cos': topLevel('combined_cos', combinedCosParams),
  'fastai.fit_one_cycle': withGroups('fit_one_cycle', (groups) =>
    fc
      .tuple(
        fc.record({
          lr_max: fitLr(groups),
          div: fc.double({ min: 0.5, max: 100, noNaN: true }),
          div_final: fc.double({ min: 1, max: 1e6, noNaN: true }),
          pct_start: fc.double({ min: 0, max: 0.99, noNaN: true }),
          moms: fc.oneof(fc.constant(null), fc.tuple(unit, unit, unit)),
          cycle_momentum: fc.boolean(),
        }),
        fitPositions,
      )
      .map(([p, pos]) => ({ ...p, ...pos })),
  ),
  'fastai.fit_flat_cos': withGroups('fit_flat_cos', (groups) =>
    fc
      .tuple(
        fc.record({
          lr: fitLr(groups),
          div_final: fc.double({ min: 1, max: 1e6, noNaN: true }),
          pct_start: fc.double({ min: 0, max: 0.99, noNaN: true }),
        }),
        fitPositions,
      )
      .map(([p, pos]) => ({ ...p, ...pos })),
  ),
  'fastai.fit_sgdr': withGroups('fit_sgdr', (groups) =>
    fc
      .record({
        n_cycles: fc.integer({ min: 1, max: 6 }),
        cycle_len: fc.integer({ min: 1, max: 4 }),
        lr_max: fitLr(groups),
        cycle_mult: fc.integer({ min: 2, max: 4 }),
        positions: fc.oneof(
          totalSteps.map((t) => ({ total_steps: t })),
          fc.integer({ min: 1, max: 30 }).map((s) => ({ steps_per_epoch: s })),
        ),
      })
      .map(({ positions, ...p }) => ({ ...p, ...positions })),
  ),
};

const entries = registry.filter((e) => e.family === 'fastai');
const steps = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 300 }),
    fc.integer({ min: 0, max: 1e9 }),
    fc.double({ min: 0, max: 1e9, noNaN: true }),
  ),
  { minLength: 1, maxLength: 20 },
);

/** Every value of the spec's plan at the steps: finite and ≥ 0 (momentum also ≤ 1). */
function valuesOk(spec: SpecInput, groups: number[], ks: number[]): boolean {
  const plan = buildPlan(spec);
  if (plan.kind !== 'closed-form') return false;
  const schedules = plan.bind(groups.map((g) => ({ lr: g, momentum: 0.9 })));
  return ks.every((k) =>
    schedules.every((s) => {
      const v = s.lr(k);
      const m = s.momentum ? s.momentum(k) : 0.5;
      return Number.isFinite(v) && v >= 0 && Number.isFinite(m) && m >= 0 && m <= 1;
    }),
  );
}

/** Every parameter name of the fastai entries (errors of nested schedules name theirs). */
const paramNames = [...new Set(entries.flatMap((e) => e.params.map((p) => p.name)))];

const wild = fc.oneof(
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    -1,
    -1e-9,
    0,
    -0,
    1e-320,
    1.5,
    2 ** 53,
    1e308,
    true,
    null,
    'x',
    [],
    [0.5, -1],
    [1e308, 1e-308],
    { name: 'fastai.SchedLin', params: { start: -1, end: 0 } },
    [{ name: 'fastai.SchedLin', params: { start: 1, end: 0, total_steps: 3 } }],
    [{ name: 'fastai.SchedExp', params: { start: 0, end: 1 } }],
  ),
  fc.double(),
  fc.integer({ min: -5, max: 100 }),
);

/**
 * Wild values for `scheds`. Not here: a JS number or unparsable text as an item (`[5]`), for
 * which the shared registry's nested-spec resolver gives a message without the parameter path.
 */
const wildScheds = fc.constantFrom(
  5,
  'x',
  null,
  [],
  [{ name: 'fastai.SchedLin', params: { start: -1, end: 0 } }],
  [{ name: 'fastai.SchedLin', params: { start: 1, end: 0, total_steps: 3 } }],
  [{ name: 'fastai.SchedExp', params: { start: 0, end: 1 } }],
  ['SchedCos(0.1, -1)'],
  [{ name: 'fastai.fit_sgdr', params: { n_cycles: 1, cycle_len: 1, total_steps: 3 } }],
  [{ name: 'fastai.SchedNo', params: { start: 1, end: 1 } }, 'SchedLin(1)'],
);

describe('fastai properties', () => {
  it('has an arbitrary for every fastai entry', () => {
    expect(Object.keys(arbitraries).sort()).toEqual(entries.map((e) => e.qualifiedName).sort());
  });

  for (const entry of entries) {
    const arb = arbitraries[entry.qualifiedName]!;
    describe(entry.qualifiedName, () => {
      it('fuzz: valid parameters give finite values ≥ 0 at any step up to 1e9', () => {
        fc.assert(fc.property(arb, steps, (s, ks) => valuesOk(s.spec, s.groups, ks)));
      });

      it('fuzz: random parameters build or throw an LrkitError naming a parameter', () => {
        const mutated = fc
          .tuple(
            arb,
            fc.array(
              fc
                .constantFrom(...entry.params.map((p) => p.name))
                .chain((name) =>
                  fc.tuple(fc.constant(name), name === 'scheds' ? wildScheds : wild),
                ),
            ),
            fc.boolean(),
          )
          .map(([s, changes, drop]) => {
            const params: Params = { ...s.spec.params };
            for (const [k, v] of changes) params[k] = v;
            if (drop && changes.length > 0) delete params[changes[0]![0]];
            return { ...s, spec: { ...s.spec, params } };
          });
        fc.assert(
          fc.property(mutated, steps, (s, ks) => {
            try {
              return valuesOk(s.spec, s.groups, ks);
            } catch (e) {
              if (!(e instanceof LrkitError)) throw e;
              if (!paramNames.some((n) => e.message.includes(n))) {
                throw new Error(`message names no parameter: ${e.message}`);
              }
              return true;
            }
          }),
          { numRuns: 300 },
        );
      });

      it('round trip: specText and specJson resolve to bit-identical curves', () => {
        fc.assert(
          fc.property(arb, (s) => {
            const opts = { lr: s.groups, steps: 60, momentum: 0.9 };
            const expected = curve(s.spec, opts);
            const text = specText(s.spec);
            expect(curve(text, opts)).toEqual(expected);
            expect(specText(text)).toBe(text);
            const json = JSON.parse(JSON.stringify(specJson(s.spec))) as SpecInput;
            expect(curve(json, opts)).toEqual(expected);
          }),
          { numRuns: 60 },
        );
      });
    });
  }
});
