/**
 * The Keras reference trajectories (test/golden/family_reference.json, recorded from Keras 3's own
 * learning_rate_schedule.py) with the tolerances the recording's README gives: `values` (floatx
 * float64) within 1e-12 relative; `values_float32` (Keras's default float32) within 1e-6 relative
 * plus an absolute term of 1e-7 of the curve's peak, since float32 rounding is relative to the
 * largest intermediate (the peak), not to a value near 0. Each case is also run through every
 * spelling a user pastes and through the typed factory.
 */
import { describe, expect, it } from 'vitest';
import { curve, lookupEntry } from '../../../src/index.js';
import * as keras from '../../../src/families/keras/factories.js';
import { familyGolden, pyLiteral } from '../../helpers/golden.js';
import { expectSeriesClose } from '../../helpers/tolerance.js';

const cases = familyGolden().cases.filter((c) => c.family === 'keras');

/** snake_case → camelCase, as the typed factories take their parameters. */
const camel = (o: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(o).map(([k, v]) => [
      k.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
      v,
    ]),
  );

const factories: Record<string, (p: never) => ReturnType<typeof keras.exponentialDecay>> = {
  ExponentialDecay: keras.exponentialDecay,
  PiecewiseConstantDecay: keras.piecewiseConstantDecay,
  PolynomialDecay: keras.polynomialDecay,
  InverseTimeDecay: keras.inverseTimeDecay,
  CosineDecay: keras.cosineDecay,
  CosineDecayRestarts: keras.cosineDecayRestarts,
};

describe('keras golden cases', () => {
  it('covers every Keras schedule class recorded', () => {
    expect(new Set(cases.map((c) => c.function))).toEqual(new Set(Object.keys(factories)));
    expect(cases.every((c) => !c.skip_reason)).toBe(true);
  });

  for (const c of cases) {
    describe(c.name, () => {
      const options = { lr: 0.1, steps: c.steps };
      const expected = c.values[0]!;

      it(`float64 values within 1e-12: ${c.spec}`, () => {
        expectSeriesClose(curve(c.spec, options).lr[0]!, expected, c.name);
      });

      it('float32 values within 1e-6 relative + 1e-7 of the peak', () => {
        const f32 = c.values_float32![0]!;
        const peak = Math.max(...f32);
        expectSeriesClose(curve(c.spec, options).lr[0]!, f32, `${c.name} float32`, {
          rel: 1e-6,
          abs: 1e-7 * peak,
        });
      });

      it('the same through module paths, and every param group gets the same values', () => {
        const out = curve(c.spec, options).lr[0]!;
        for (const prefix of ['tf.keras.optimizers.schedules.', 'keras.optimizers.schedules.']) {
          const spec = c.spec.replace(/^keras\./, prefix);
          expect(curve(spec, options).lr[0], spec).toEqual(out);
        }
        const groups = curve(c.spec, { lr: [1, 0.01, 0], steps: c.steps }).lr;
        for (const g of groups) expect(g).toEqual(out);
      });

      it('the same through positional arguments (the library order, name included)', () => {
        const out = curve(c.spec, options).lr[0]!;
        const params = lookupEntry(`keras.${c.function}`).params;
        let last = -1;
        params.forEach((p, i) => {
          if (p.name in c.params) last = i;
        });
        const args = params
          .slice(0, last + 1)
          .map((p) => pyLiteral(p.name in c.params ? c.params[p.name] : p.default));
        const spec = `tf.keras.optimizers.schedules.${c.function}(${args.join(', ')})`;
        expect(curve(spec, options).lr[0], spec).toEqual(out);
      });

      it('the same through the typed factory', () => {
        const make = factories[c.function]!;
        const bound = make(camel(c.params) as never);
        expect(curve(bound, options).lr[0]).toEqual(curve(c.spec, options).lr[0]);
      });
    });
  }
});
