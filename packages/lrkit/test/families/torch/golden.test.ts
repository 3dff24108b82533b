/**
 * Every PyTorch 1.13 golden case (test/golden/torch_lr_golden.json): lrkit's trajectory matches
 * within 1e-12 relative (1e-15 absolute near 0). Index total_steps of OneCycleLR and beyond is
 * lrkit's own documented behaviour (PyTorch extrapolates there), checked separately. The extra
 * cases (test/golden/torch_extra_golden.json) were recorded the same way by
 * scripts/record_torch_extra.py to cover options the shipped file does not.
 */
import { describe, expect, it } from 'vitest';
import { curve } from '../../../src/index.js';
import { torchCaseInput, torchExtraGolden, torchGolden } from '../../helpers/golden.js';
import { expectSeriesClose } from '../../helpers/tolerance.js';

const { cases } = torchGolden();
const extra = torchExtraGolden().cases;

describe('PyTorch golden trajectories', () => {
  it('has the cases the README describes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  for (const c of [...cases, ...extra].filter((x) => !x.skip_reason)) {
    it(`${c.name}: ${c.scheduler}`, () => {
      const { spec, options } = torchCaseInput(c);
      const out = curve(spec, options);
      const pick = (series: number[]) =>
        c.record_indices ? c.record_indices.map((k) => series[k]!) : series;
      // OneCycleLR: PyTorch extrapolates at index total_steps (negative for linear); lrkit holds
      const limit = c.scheduler === 'OneCycleLR' ? (c.params.total_steps as number) : Infinity;
      c.lr.forEach((expected, g) => {
        const got = pick(out.lr[g]!);
        const n = Math.min(expected.length, limit);
        expectSeriesClose(got.slice(0, n), expected.slice(0, n), `${c.name} lr[${g}]`);
      });
      if (c.momentum) {
        expect(out.momentum, `${c.name}: momentum reported`).not.toBeNull();
        c.momentum.forEach((expected, g) => {
          const n = Math.min(expected.length, limit);
          expectSeriesClose(
            pick(out.momentum![g]!).slice(0, n),
            expected.slice(0, n),
            `${c.name} momentum[${g}]`,
          );
        });
      }
    });
  }
});
