/**
 * The fastai entries' edge semantics (literal tables): the annealers' shapes, combine_scheds'
 * boundaries, the fit_* defaults and quirks, param groups and momentum, holding past the end.
 */
import { describe, expect, it } from 'vitest';
import { Scheduler, curve, registry } from '../../../src/index.js';
import { familyGolden } from '../../helpers/golden.js';
import { expectSeriesClose } from '../../helpers/tolerance.js';

const f32tol = { rel: 1e-6, abs: 1e-12 };

describe('fastai entries in the registry', () => {
  it('lists the fastai schedules and fit policies, with docs', () => {
    const entries = registry.filter((e) => e.family === 'fastai');
    expect(entries.map((e) => e.qualifiedName)).toEqual([
      'fastai.SchedLin',
      'fastai.SchedCos',
      'fastai.SchedNo',
      'fastai.SchedExp',
      'fastai.SchedPoly',
      'fastai.combine_scheds',
      'fastai.combined_cos',
      'fastai.fit_one_cycle',
      'fastai.fit_flat_cos',
      'fastai.fit_sgdr',
    ]);
    for (const e of entries) {
      expect(e.qualifiedName).toBe(`fastai.${e.name}`);
      expect(e.doc.length, e.name).toBeGreaterThan(60);
      for (const p of e.params) expect(p.doc.length, `${e.name}.${p.name}`).toBeGreaterThan(3);
    }
  });

  it('has no fastai reference case that cannot be matched (no skip_reason)', () => {
    const skipped = familyGolden().cases.filter((c) => c.family === 'fastai' && c.skip_reason);
    expect(skipped.map((c) => c.name)).toEqual([]);
  });
});

describe('the annealers over total_steps = 4 (pos = k/4), holding past the end', () => {
  const steps = [0, 1, 2, 3, 4, 5, 100];
  const table: [spec: string, expected: number[]][] = [
    ['fastai.SchedLin(1, 0, total_steps=4)', [1, 0.75, 0.5, 0.25, 0, 0, 0]],
    ['fastai.SchedLin(0.2, 1, total_steps=4)', [0.2, 0.4, 0.6, 0.8, 1, 1, 1]],
    [
      'fastai.SchedCos(1, 0, total_steps=4)',
      [1, 0.8535533905932737, 0.5, 0.1464466094067262, 0, 0, 0],
    ],
    // SchedNo ignores end
    ['fastai.SchedNo(0.3, 99, total_steps=4)', [0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3]],
    ['fastai.SchedExp(1e-3, 10, total_steps=4)', [1e-3, 1e-2, 0.1, 1, 10, 10, 10]],
    ['fastai.SchedExp(1, 0, total_steps=4)', [1, 0, 0, 0, 0, 0, 0]],
    // start + (end − start)·pos²: stays near start, NOT the (1 − pos)² decay (which gives 0.25 at pos 0.5)
    ['fastai.SchedPoly(1, 0, 2, total_steps=4)', [1, 0.9375, 0.75, 0.4375, 0, 0, 0]],
    [
      'fastai.SchedPoly(0, 1, 0.5, total_steps=4)',
      [0, 0.5, 0.7071067811865476, 0.8660254037844386, 1, 1, 1],
    ],
    // power 0: pos⁰ = 1 everywhere (0⁰ = 1 in Python), so end from pos 0 on
    ['fastai.SchedPoly(1, 0.5, 0, total_steps=4)', [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]],
    ['fastai.combined_cos(0.5, 0.1, 1, 0, total_steps=4)', [0.1, 0.55, 1, 0.5, 0, 0, 0]],
  ];
  for (const [spec, expected] of table) {
    it(spec, () => {
      const s = new Scheduler(spec, { lr: 123 });
      expectSeriesClose(
        steps.map((k) => s.stepTo(k)[0]!),
        expected,
        spec,
      );
    });
  }

  it('stays between start and end even when their difference is subnormal', () => {
    // the cosine's halved span rounds in the subnormal range; the value must not dip below 0
    const s = new Scheduler('fastai.SchedCos(0, 1.5e-323, total_steps=4)', { lr: 1 });
    const v = [0, 1, 2, 3, 4].map((k) => s.stepTo(k)[0]!);
    expect(v.every((x) => x >= 0 && x <= 1.5e-323)).toBe(true);
    expect(Object.is(v[0], 0)).toBe(true);
  });

  it('carries its own scale: every param group gets the same values', () => {
    const out = curve('fastai.SchedLin(1, 0, total_steps=4)', { lr: [5, 0.5], steps: 4 });
    expect(out.lr[0]).toEqual([1, 0.75, 0.5, 0.25, 0]);
    expect(out.lr[1]).toEqual(out.lr[0]);
    expect(out.momentum).toBeNull();
  });
});

describe('combine_scheds', () => {
  it('a step whose float32 pos equals a boundary starts the next schedule', () => {
    // combine_three_inexact: k = 15 is pos 0.3, which is the float32 boundary fround(0.3)
    const c = familyGolden().cases.find((x) => x.name === 'fastai/combine_three_inexact')!;
    const lr = curve(c.spec, { lr: 0.1, steps: 50 }).lr[0]!;
    expectSeriesClose(lr.slice(14, 17), c.values[0]!.slice(14, 17), 'k = 14..16', f32tol);
    expectSeriesClose([lr[15]!], [0.1], 'SchedLin(0.1, 0.02) at its pos 0');
  });

  it('nests: a combine_scheds inside a combine_scheds gets its own positions', () => {
    const inner =
      'fastai.combine_scheds([0.5, 0.5], [fastai.SchedLin(0, 1), fastai.SchedLin(1, 0)])';
    const out = curve(
      `fastai.combine_scheds([0.5, 0.5], [${inner}, fastai.SchedNo(7, 0)], total_steps=8)`,
      { lr: 1, steps: 8 },
    );
    expectSeriesClose(out.lr[0]!, [0, 0.5, 1, 0.5, 7, 7, 7, 7, 7], 'nested');
  });
});

describe('fit_one_cycle', () => {
  const spec = 'fastai.fit_one_cycle(lr_max=0.01, total_steps=100)';
  const out = curve(spec, { lr: 0.01, steps: 120 });

  it('defaults: lr_max/25 → lr_max at pct_start 0.25 → lr_max/1e5 at pos 1, then holds', () => {
    const lr = out.lr[0]!;
    expectSeriesClose([lr[0]!, lr[25]!, lr[100]!, lr[120]!], [4e-4, 0.01, 1e-7, 1e-7], spec);
  });

  it('momentum: moms (0.95, 0.85, 0.95) along the same cosines', () => {
    const m = out.momentum![0]!;
    expectSeriesClose([m[0]!, m[25]!, m[100]!, m[120]!], [0.95, 0.85, 0.95, 0.95], spec);
  });

  it('differs from PyTorch’s OneCycleLR defaults (pct_start 0.3, final max_lr/2.5e5 at T − 1)', () => {
    const torch = curve('OneCycleLR(max_lr=0.01, total_steps=100)', { lr: 0.01, steps: 99 });
    expectSeriesClose(
      [torch.lr[0]![29]!, torch.lr[0]![99]!],
      [0.01, 4e-8],
      'OneCycleLR peak and end',
    );
    expect(out.lr[0]![29]).toBeLessThan(0.00995); // fastai peaked at k = 25 and is annealing
    expect(torch.lr[0]![25]).toBeLessThan(0.0099); // PyTorch is still warming up there
    expect(out.lr[0]![99]).toBeGreaterThan(1e-7);
  });

  it('lr_max None takes each param group’s lr; a list gives one per group', () => {
    const opts = { lr: [0.1, 0.01], steps: 12 };
    const fromGroups = curve('fastai.fit_one_cycle(total_steps=10)', opts);
    const fromList = curve('fastai.fit_one_cycle(lr_max=[0.1, 0.01], total_steps=10)', opts);
    expect(fromGroups).toEqual(fromList);
    expectSeriesClose([fromList.lr[0]![0]!, fromList.lr[1]![0]!], [0.004, 0.0004], 'lr/div');
    // one number: every group the same, whatever its lr
    const shared = curve('fastai.fit_one_cycle(lr_max=0.1, total_steps=10)', opts);
    expect(shared.lr[1]).toEqual(shared.lr[0]);
    expect(shared.lr[0]).toEqual(fromList.lr[0]);
  });

  it('momentum is Adam’s beta1 the same way; cycle_momentum=False leaves it', () => {
    const adam = curve(spec, { lr: 0.01, steps: 120, optimizer: 'adam', momentum: 0.9 });
    expect(adam.momentum).toEqual(out.momentum);
    const off = curve('fastai.fit_one_cycle(lr_max=0.01, total_steps=10, cycle_momentum=False)', {
      lr: 0.01,
      steps: 3,
      momentum: 0.9,
    });
    expect(off.momentum).toEqual([[0.9, 0.9, 0.9, 0.9]]);
  });

  it('custom moms and div', () => {
    const s = curve(
      'fastai.fit_one_cycle(lr_max=1, div=10, div_final=100, pct_start=0.5, moms=(0.9, 0.8, 0.7), total_steps=4)',
      { lr: 1, steps: 4 },
    );
    expectSeriesClose(s.lr[0]!, [0.1, 0.55, 1, 0.505, 0.01], 'lr');
    expectSeriesClose(s.momentum![0]!, [0.9, 0.85, 0.8, 0.75, 0.7], 'momentum');
  });

  it('n_epoch with steps_per_epoch follows a real fit: the last batch stays above the final lr', () => {
    const c = familyGolden().cases.find((x) => x.name === 'fastai/one_cycle_simulated_fit')!;
    const lr = curve(c.spec, { lr: 0.01, steps: 25 }).lr[0]!;
    expectSeriesClose(lr.slice(0, 21), c.values[0]!, c.name, f32tol);
    expect(lr[20]).toBeGreaterThan(9e-5);
    expectSeriesClose(lr.slice(21), [1e-7, 1e-7, 1e-7, 1e-7, 1e-7], 'held after the fit');
  });

  it('a Scheduler steps past the end and holds (no OneCycleLR-style error)', () => {
    const s = new Scheduler('fastai.fit_one_cycle(lr_max=0.01, total_steps=3)', { lr: 0.01 });
    for (let i = 0; i < 10; i++) s.step();
    expectSeriesClose([...s.lr], [1e-7], 'held');
  });
});

describe('fit_flat_cos', () => {
  it('flat at lr before pct_start 0.75 (fastai’s float32 boundary), then a cosine to lr/1e5', () => {
    const lr = curve('fastai.fit_flat_cos(lr=0.01, total_steps=100)', { lr: 0.01, steps: 110 })
      .lr[0]!;
    expect(lr.slice(0, 76).every((v) => v === 0.01)).toBe(true);
    expect(lr[76]).toBeLessThan(0.01);
    expectSeriesClose([lr[100]!, lr[110]!], [1e-7, 1e-7], 'end');
  });

  it('sets no momentum', () => {
    expect(curve('fastai.fit_flat_cos(lr=0.01, total_steps=4)', { lr: 1, steps: 4 }).momentum).toBe(
      null,
    );
  });
});

describe('fit_sgdr', () => {
  it('cycles of cycle_len·cycle_mult^i epochs; steps_per_epoch follows the fit fastai computes', () => {
    const byTotal = curve('fastai.fit_sgdr(3, 1, 0.01, total_steps=70)', { lr: 0.01, steps: 75 });
    // n_epoch = 1 + 2 + 4 = 7 epochs of 10 batches
    const byEpoch = curve('fastai.fit_sgdr(3, 1, 0.01, steps_per_epoch=10)', {
      lr: 0.01,
      steps: 75,
    });
    expectSeriesClose(byEpoch.lr[0]!, byTotal.lr[0]!, 'per-batch vs k/total', f32tol);
    expectSeriesClose(byTotal.lr[0]!.slice(70), [0, 0, 0, 0, 0, 0], 'held at 0');
    expect(byTotal.momentum).toBeNull();
  });

  it('cycle_mult = 3 with two cycles of 2 and 6 epochs: pcts 0.25, 0.75', () => {
    const lr = curve('fastai.fit_sgdr(2, 2, lr_max=1, cycle_mult=3, total_steps=8)', {
      lr: 1,
      steps: 8,
    }).lr[0]!;
    expectSeriesClose(
      lr,
      [
        1,
        0.5,
        1,
        (1 + Math.cos(Math.PI / 6)) / 2,
        0.75,
        0.5,
        0.25,
        (1 - Math.cos(Math.PI / 6)) / 2,
        0,
      ],
      'two cycles',
      f32tol,
    );
  });
});
