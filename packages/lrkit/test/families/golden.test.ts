/**
 * Reference trajectories recorded from the real Keras 3, optax, transformers, timm and fastai
 * schedule code (test/golden/family_reference.json): each case's `spec` line gives the same values
 * within 1e-12 relative, or 1e-6 where the library computes partly in float32 (fastai's segment
 * boundaries). Keras's default float32 results are compared at 1e-6 as well.
 */
import { describe, expect, it } from 'vitest';
import { curve } from '../../src/index.js';
import { familyCaseInput, familyGolden } from '../helpers/golden.js';
import { expectSeriesClose } from '../helpers/tolerance.js';

const { cases } = familyGolden();
const families = ['keras', 'optax', 'transformers', 'timm', 'fastai'] as const;

for (const family of families) {
  describe(`${family} reference trajectories`, () => {
    for (const c of cases.filter((x) => x.family === family && !x.skip_reason)) {
      it(`${c.name}: ${c.spec}`, () => {
        const { spec, options } = familyCaseInput(c);
        const out = curve(spec, options);
        const tol = c.float32 ? { rel: 1e-6, abs: 1e-12 } : {};
        c.values.forEach((expected, g) => {
          expectSeriesClose(out.lr[g]!, expected, `${c.name} lr[${g}]`, tol);
        });
        if (c.values_float32) {
          c.values_float32.forEach((expected, g) => {
            expectSeriesClose(out.lr[g]!, expected, `${c.name} float32 lr[${g}]`, {
              rel: 1e-5,
              abs: 1e-8,
            });
          });
        }
        if (c.momentum) {
          expect(out.momentum, `${c.name}: momentum reported`).not.toBeNull();
          c.momentum.forEach((expected, g) => {
            expectSeriesClose(out.momentum![g]!, expected, `${c.name} momentum[${g}]`, tol);
          });
        }
      });
    }
  });
}
