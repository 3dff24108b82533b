/**
 * The forms users paste or write for fastai schedules: positional arguments, module paths and
 * `learn.` prefixes, nested schedules (unprefixed, strings, JSON objects, factories), the
 * library's own keyword arguments, JSON specs, and the typed factories.
 */
import { describe, expect, it } from 'vitest';
import { curve, lookupEntry, resolveSpec, specJson, specText } from '../../../src/index.js';
import * as fastai from '../../../src/families/fastai/factories.js';
import { familyGolden } from '../../helpers/golden.js';
import { expectSeriesClose } from '../../helpers/tolerance.js';

describe('spec forms', () => {
  it('positional arguments bind in the library’s order (lrkit’s additions last)', () => {
    const a = resolveSpec('fastai.SchedPoly(0.1, 0.001, 2, 50)');
    expect(a.args).toEqual({ start: 0.1, end: 0.001, power: 2, total_steps: 50 });
    const b = resolveSpec('fastai.fit_one_cycle(3, 0.01, 10, 1e4, 0.3, steps_per_epoch=7)');
    expect(b.args).toMatchObject({
      n_epoch: 3,
      lr_max: 0.01,
      div: 10,
      div_final: 1e4,
      pct_start: 0.3,
    });
    const c = resolveSpec('fastai.fit_sgdr(3, 1, 0.01, 3, total_steps=130)');
    expect(c.args).toMatchObject({ n_cycles: 3, cycle_len: 1, lr_max: 0.01, cycle_mult: 3 });
    expect(specText('fastai.SchedPoly(0.1, 0.001, 2, 50)')).toBe(
      'fastai.SchedPoly(start=0.1, end=0.001, power=2.0, total_steps=50)',
    );
  });

  it('module paths and a pasted learn./Learner. call resolve to the fastai entry', () => {
    const names: [string, string][] = [
      ['fastai.callback.schedule.SchedCos', 'fastai.SchedCos'],
      ['fastai.callback.all.combine_scheds', 'fastai.combine_scheds'],
      ['learn.fit_one_cycle', 'fastai.fit_one_cycle'],
      ['learner.fit_flat_cos', 'fastai.fit_flat_cos'],
      ['Learner.fit_sgdr', 'fastai.fit_sgdr'],
    ];
    for (const [name, qualified] of names) expect(lookupEntry(name).qualifiedName).toBe(qualified);
    const pasted =
      "learn.fit_one_cycle(3, 1e-2, wd=0.1, cbs=[SaveModelCallback(monitor='valid_loss')], reset_opt=True, steps_per_epoch=7)";
    const plain = 'fastai.fit_one_cycle(n_epoch=3, lr_max=0.01, steps_per_epoch=7)';
    expect(curve(pasted, { lr: 0.01, steps: 21 })).toEqual(curve(plain, { lr: 0.01, steps: 21 }));
    expect(specText(pasted)).toBe(
      "fastai.fit_one_cycle(n_epoch=3, lr_max=0.01, wd=0.1, cbs=[SaveModelCallback(monitor='valid_loss')], reset_opt=True, steps_per_epoch=7)",
    );
  });

  it('nested schedules: unprefixed, prefixed, module paths, strings and JSON objects alike', () => {
    const opts = { lr: 0.1, steps: 20 };
    const forms = [
      'fastai.combine_scheds([0.25, 0.75], [SchedLin(0.01, 0.1), SchedCos(0.1, 0)], total_steps=20)',
      'fastai.combine_scheds([0.25, 0.75], [fastai.SchedLin(0.01, 0.1), fastai.callback.schedule.SchedCos(0.1, 0)], total_steps=20)',
      "fastai.combine_scheds([0.25, 0.75], ['SchedLin(0.01, 0.1)', 'SchedCos(0.1, 0)'], total_steps=20)",
      '{"name": "fastai.combine_scheds", "params": {"pcts": [0.25, 0.75], "scheds": [{"name": "fastai.SchedLin", "params": {"start": 0.01, "end": 0.1}}, {"name": "fastai.SchedCos", "params": {"start": 0.1, "end": 0}}], "total_steps": 20}}',
    ];
    const expected = curve(forms[0]!, opts);
    for (const f of forms) expect(curve(f, opts), f).toEqual(expected);
    expect(
      curve(
        {
          name: 'fastai.combine_scheds',
          params: {
            pcts: [0.25, 0.75],
            scheds: [
              { name: 'fastai.SchedLin', params: { start: 0.01, end: 0.1 } },
              'SchedCos(0.1, 0)',
            ],
            totalSteps: 20,
          },
        },
        opts,
      ),
    ).toEqual(expected);
  });

  it('every reference case’s own keyword arguments bind (plus lrkit’s step count)', () => {
    for (const c of familyGolden().cases.filter((x) => x.family === 'fastai')) {
      const positions = c.positions ? { steps_per_epoch: 7 } : { total_steps: c.steps };
      const spec = { name: `fastai.${c.function}`, params: { ...c.params, ...positions } };
      const out = curve(spec, { lr: c.base_lrs ?? 0.1, steps: c.steps });
      c.values.forEach((v, g) =>
        expectSeriesClose(out.lr[g]!, v, `${c.name} lr[${g}]`, { rel: 1e-6, abs: 1e-12 }),
      );
    }
  });

  it('canonical text and JSON resolve back to the same curve', () => {
    const spec =
      'fastai.callback.schedule.combine_scheds(pcts=[0.3, 0.3, 0.4], scheds=[SchedCos(0.01, 0.1), SchedLin(0.1, 0.02), SchedExp(0.02, 1e-4)], total_steps=50)';
    expect(specText(spec)).toBe(
      'fastai.combine_scheds(pcts=[0.3, 0.3, 0.4], scheds=[fastai.SchedCos(start=0.01, end=0.1), fastai.SchedLin(start=0.1, end=0.02), fastai.SchedExp(start=0.02, end=0.0001)], total_steps=50)',
    );
    expect(specJson('fastai.SchedNo(0.1, 0, total_steps=3)')).toEqual({
      name: 'fastai.SchedNo',
      params: { start: 0.1, end: 0, total_steps: 3 },
    });
    const opts = { lr: 0.1, steps: 55 };
    expect(curve(specText(spec), opts)).toEqual(curve(spec, opts));
    expect(curve(JSON.parse(JSON.stringify(specJson(spec))) as never, opts)).toEqual(
      curve(spec, opts),
    );
  });
});

describe('typed factories', () => {
  const cases: [label: string, bound: ReturnType<typeof fastai.schedLin>, text: string][] = [
    [
      'schedLin',
      fastai.schedLin({ start: 0.1, end: 0.001, totalSteps: 50 }),
      'fastai.SchedLin(0.1, 0.001, total_steps=50)',
    ],
    [
      'schedCos',
      fastai.schedCos({ start: 0.1, end: 0.001, totalSteps: 50 }),
      'fastai.SchedCos(0.1, 0.001, total_steps=50)',
    ],
    [
      'schedNo',
      fastai.schedNo({ start: 0.05, end: 0.5, totalSteps: 10 }),
      'fastai.SchedNo(0.05, 0.5, total_steps=10)',
    ],
    [
      'schedExp',
      fastai.schedExp({ start: 1e-7, end: 10, totalSteps: 100 }),
      'fastai.SchedExp(1e-7, 10, total_steps=100)',
    ],
    [
      'schedPoly',
      fastai.schedPoly({ start: 0.1, end: 0.001, power: 2, totalSteps: 50 }),
      'fastai.SchedPoly(0.1, 0.001, 2, total_steps=50)',
    ],
    [
      'combineScheds',
      fastai.combineScheds({
        pcts: [0.3, 0.3, 0.4],
        scheds: [
          fastai.schedCos({ start: 0.01, end: 0.1 }),
          fastai.schedLin({ start: 0.1, end: 0.02 }),
          'SchedExp(0.02, 1e-4)',
        ],
        totalSteps: 50,
      }),
      'fastai.combine_scheds([0.3, 0.3, 0.4], [SchedCos(0.01, 0.1), SchedLin(0.1, 0.02), SchedExp(0.02, 1e-4)], total_steps=50)',
    ],
    [
      'combinedCos',
      fastai.combinedCos({ pct: 0.25, start: 0.0004, middle: 0.01, end: 1e-7, totalSteps: 40 }),
      'fastai.combined_cos(0.25, 0.0004, 0.01, 1e-7, total_steps=40)',
    ],
    [
      'fitOneCycle',
      fastai.fitOneCycle({
        nEpoch: 3,
        lrMax: 0.01,
        pctStart: 0.3,
        moms: [0.9, 0.8, 0.9],
        stepsPerEpoch: 7,
      }),
      'fastai.fit_one_cycle(3, 0.01, pct_start=0.3, moms=(0.9, 0.8, 0.9), steps_per_epoch=7)',
    ],
    [
      'fitFlatCos',
      fastai.fitFlatCos({ lr: [0.01, 0.001], divFinal: 1e4, totalSteps: 30 }),
      'fastai.fit_flat_cos(lr=[0.01, 0.001], div_final=1e4, total_steps=30)',
    ],
    [
      'fitSgdr',
      fastai.fitSgdr({
        nCycles: 3,
        cycleLen: 1,
        lrMax: [0.01, 0.001],
        cycleMult: 2,
        totalSteps: 70,
      }),
      'fastai.fit_sgdr(3, 1, [0.01, 0.001], 2, total_steps=70)',
    ],
  ];
  for (const [label, bound, text] of cases) {
    it(`${label} gives the same schedule as ${text}`, () => {
      const opts = { lr: [0.01, 0.001], steps: 60 };
      expect(curve(bound, opts)).toEqual(curve(text, opts));
      expect(specText(bound)).toBe(specText(text));
    });
  }

  it('validates like the spec text', () => {
    expect(() => fastai.fitSgdr({ nCycles: 3, cycleLen: 1, cycleMult: 1, totalSteps: 7 })).toThrow(
      'fastai.fit_sgdr: cycle_mult must be an integer ≥ 2 (fastai divides by cycle_mult − 1), got 1',
    );
  });
});
