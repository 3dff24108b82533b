/**
 * Properties over every Keras entry, with one arbitrary of valid parameters per entry (including
 * extremes: 0, subnormals, 1e300, MAX_VALUE) and one of possibly invalid ones:
 * (a) fuzz — valid parameters give finite values ≥ 0 at any step up to 1e9; any parameters either
 *     build or throw an LrkitError naming the entry and the parameter, never a crash, NaN,
 *     Infinity or a negative lr;
 * (b) round trip — the canonical text (`specText`) and the JSON form (`specJson`) resolve back to
 *     a schedule with bit-identical values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LrkitError,
  curve,
  lookupEntry,
  specJson,
  specText,
  toSchedule,
} from '../../../src/index.js';
import { kerasEntries } from '../../../src/families/keras/index.js';

type Spec = { name: string; params: Record<string, unknown> };

const noNegZero = (x: number) => x + 0;
const nonNegative = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 0, max: 10, noNaN: true }).map(noNegZero) },
  { weight: 1, arbitrary: fc.constantFrom(0, 5e-324, 1e-300, 1, 1e300, Number.MAX_VALUE) },
);
/** Positive integers (decay_steps), up to the largest double. */
const positive = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 1000 }) },
  { weight: 1, arbitrary: fc.constantFrom(1, 2 ** 53, 1e300, Number.MAX_VALUE) },
);
/** Non-negative integers (warmup_steps). */
const stepCount = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 1000 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 2 ** 53, 1e300, Number.MAX_VALUE) },
);
const unit = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map(noNegZero) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, 5e-324, 1 - 2 ** -53) },
);
const atLeastOne = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 1, max: 10, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(1, 2, 3, 1 + 2 ** -52, 1e10, 1e100, 1e300) },
);
const name = fc.option(fc.string({ maxLength: 8 }), { nil: undefined });
const bool = fc.option(fc.boolean(), { nil: undefined });
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** Increasing (repeats allowed) integer boundaries and one more value. */
const piecewise = fc
  .array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 6 })
  .chain((bs) =>
    fc.record({
      boundaries: fc.constant([...bs].sort((a, b) => a - b)),
      values: fc.array(nonNegative, { minLength: bs.length + 1, maxLength: bs.length + 1 }),
      name,
    }),
  );

/** Valid parameters of each entry (undefined: left to its default). */
const valid: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  'keras.ExponentialDecay': fc.record({
    initial_learning_rate: nonNegative,
    decay_steps: positive,
    decay_rate: unit,
    staircase: bool,
    name,
  }),
  'keras.PiecewiseConstantDecay': piecewise,
  'keras.PolynomialDecay': fc.record({
    initial_learning_rate: nonNegative,
    decay_steps: positive,
    end_learning_rate: opt(nonNegative),
    power: opt(
      fc.oneof(
        fc.double({ min: 0, max: 5, noNaN: true }).map(noNegZero),
        fc.constantFrom(0, 1, 1e300),
      ),
    ),
    cycle: bool,
    name,
  }),
  'keras.InverseTimeDecay': fc.record({
    initial_learning_rate: nonNegative,
    decay_steps: positive,
    decay_rate: nonNegative,
    staircase: bool,
    name,
  }),
  'keras.CosineDecay': fc.record({
    initial_learning_rate: nonNegative,
    decay_steps: positive,
    alpha: opt(unit),
    name,
    warmup_target: opt(fc.option(nonNegative, { nil: null })),
    warmup_steps: opt(stepCount),
  }),
  'keras.CosineDecayRestarts': fc.record({
    initial_learning_rate: nonNegative,
    first_decay_steps: positive,
    t_mul: opt(atLeastOne),
    m_mul: opt(unit),
    alpha: opt(unit),
    name,
  }),
  'keras.TimeBasedDecay': fc.record({
    initial_learning_rate: nonNegative,
    decay: opt(nonNegative),
  }),
};

/** Values of any kind: valid, out of range, non-finite, wrong types. */
const wild: fc.Arbitrary<unknown> = fc.oneof(
  nonNegative,
  positive,
  fc.double(),
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(
    -1,
    -1e-300,
    NaN,
    Infinity,
    -Infinity,
    1.5,
    2,
    'x',
    'nan',
    null,
    true,
    false,
    [0.1],
    {},
  ),
  fc.string({ maxLength: 4 }),
);
const wildList = fc.oneof(fc.array(wild, { maxLength: 5 }), wild);

/** Possibly invalid parameters: each one valid, wild or missing. */
function anyParams(qualifiedName: string): fc.Arbitrary<Record<string, unknown>> {
  return valid[qualifiedName]!.chain((ok) => {
    const entry = lookupEntry(qualifiedName);
    const fields = Object.fromEntries(
      entry.params.map((p) => {
        const list = p.type.kind === 'intList' || p.type.kind === 'numberList';
        return [
          p.name,
          fc.oneof(
            { weight: 3, arbitrary: fc.constant(ok[p.name]) },
            { weight: 2, arbitrary: list ? wildList : wild },
            { weight: 1, arbitrary: fc.constant(undefined) },
          ),
        ];
      }),
    );
    return fc.record(fields);
  });
}

const step = fc.oneof(
  fc.integer({ min: 0, max: 1e9 }),
  fc.double({ min: 0, max: 1e9, noNaN: true }).map(noNegZero),
  fc.constantFrom(0, 1, 2, 10, 100, 1e9),
);
const steps = fc.array(step, { minLength: 1, maxLength: 20 });

const spec = (n: string, params: Record<string, unknown>): Spec => ({ name: n, params });

/** The first few values, then some far steps, of a schedule. */
function evaluate(s: Spec | string, at: number[]): number[] {
  const f = toSchedule(s);
  return [...Array.from({ length: 12 }, (_, k) => f(k)), ...at.map((t) => f(t))];
}

const runs = { numRuns: 300 };

describe('keras properties', () => {
  it('has an arbitrary for every entry', () => {
    expect(Object.keys(valid).sort()).toEqual(kerasEntries.map((e) => e.qualifiedName).sort());
  });

  for (const entry of kerasEntries) {
    const q = entry.qualifiedName;
    describe(q, () => {
      it('fuzz: valid parameters give finite values ≥ 0 at any step up to 1e9', () => {
        fc.assert(
          fc.property(valid[q]!, steps, (params, at) => {
            for (const v of evaluate(spec(q, params), at)) {
              if (!(Number.isFinite(v) && v >= 0)) return false;
            }
            return true;
          }),
          runs,
        );
      });

      it('fuzz: any parameters build, or throw an LrkitError naming the entry and parameter', () => {
        const names = entry.params.map((p) => p.name);
        fc.assert(
          fc.property(anyParams(q), steps, (params, at) => {
            let values: number[];
            try {
              values = evaluate(spec(q, params), at);
            } catch (e) {
              expect(e, String(e)).toBeInstanceOf(LrkitError);
              const m = (e as Error).message;
              expect(m.startsWith(`${q}: `), m).toBe(true);
              expect(
                names.some((n) => m.includes(n)),
                m,
              ).toBe(true);
              return;
            }
            for (const v of values) expect(Number.isFinite(v) && v >= 0, String(v)).toBe(true);
          }),
          runs,
        );
      });

      it('round trip: specText and specJson give bit-identical values', () => {
        fc.assert(
          fc.property(valid[q]!, steps, (params, at) => {
            const s = spec(q, params);
            const text = specText(s);
            expect(specText(text)).toBe(text);
            const json = JSON.parse(JSON.stringify(specJson(s))) as Spec;
            const expected = curve(s, { lr: 0.1, steps: 30 });
            expect(curve(text, { lr: 0.1, steps: 30 })).toEqual(expected);
            expect(curve(json, { lr: 0.1, steps: 30 })).toEqual(expected);
            // far steps too, through both forms
            expect(evaluate(text, at)).toEqual(evaluate(s, at));
            expect(evaluate(json, at)).toEqual(evaluate(s, at));
          }),
          runs,
        );
      });
    });
  }
});
