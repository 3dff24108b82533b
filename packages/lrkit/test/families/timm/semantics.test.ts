/**
 * timm's edge semantics, as literal tables: the construction value at index 0, warm-up prefix or
 * overlap, timm's float cycle arithmetic at exact restarts, cycle_mul < 1 past its end, k-decay,
 * absolute lr_min/warmup_lr_init across param groups, Python's floor division, MultiStep's
 * off-by-one. Literal values come from timm's `_get_lr` arithmetic on Python floats.
 */
import { describe, expect, it } from 'vitest';
import { curve, toSchedule } from '../../../src/index.js';
import { expectSeriesClose } from '../../helpers/tolerance.js';

/** The lrs of one group at the given indices. */
function at(spec: string, lr: number | number[], ks: number[], group = 0): number[] {
  const c = curve(spec, { lr, steps: Math.max(...ks) });
  return ks.map((k) => c.lr[group]![k]!);
}

describe('timm: index 0 is the construction value, not _get_lr(0)', () => {
  const table: [spec: string, lr: number, ks: number[], expected: number[]][] = [
    // tanh at t = 0 is base·(1 − tanh(−7))/2 = 0.0999999168…, but the groups keep the base lr
    [
      'timm.TanhLRScheduler(t_initial=10, cycle_mul=2.0, cycle_limit=3)',
      0.1,
      [0, 10],
      [0.1, 0.09999991684719724],
    ],
    // MultiStep counts milestones ≤ t + 1, so t = 0 is already decayed twice — except index 0
    [
      'timm.MultiStepLRScheduler(decay_t=[0, 1], decay_rate=0.5)',
      0.1,
      [0, 1, 2],
      [0.1, 0.025, 0.025],
    ],
    // noise never touches index 0, even when its range starts there
    ['timm.CosineLRScheduler(t_initial=10, noise_range_t=0, noise_pct=0.5)', 0.1, [0], [0.1]],
    // with a warm-up, index 0 is warmup_lr_init
    [
      'timm.PolyLRScheduler(t_initial=10, warmup_t=4, warmup_lr_init=0.02)',
      0.1,
      [0, 1, 4],
      [0.02, 0.04, 0.1 * (1 - 4 / 10) ** 0.5],
    ],
  ];
  for (const [spec, lr, ks, expected] of table) {
    it(spec, () => expectSeriesClose(at(spec, lr, ks), expected, spec));
  }
});

describe('timm: warm-up as a prefix or overlapping the schedule', () => {
  const table: [spec: string, expected: number[]][] = [
    // StepLRScheduler defaults to warmup_prefix=True: decays count from the end of the warm-up
    [
      'timm.StepLRScheduler(decay_t=2, decay_rate=0.5, warmup_t=2, warmup_lr_init=0)',
      [0, 0.5, 1, 1, 0.5, 0.5, 0.25],
    ],
    [
      'timm.StepLRScheduler(decay_t=2, decay_rate=0.5, warmup_t=2, warmup_lr_init=0, warmup_prefix=False)',
      [0, 0.5, 0.5, 0.5, 0.25, 0.25, 0.125],
    ],
    // MultiStep (prefix by default): milestone 2 of the shifted timeline applies at t − 2 = 1
    [
      'timm.MultiStepLRScheduler(decay_t=[2], decay_rate=0.5, warmup_t=2, warmup_lr_init=0)',
      [0, 0.5, 1, 0.5, 0.5, 0.5, 0.5],
    ],
    // Cosine defaults to warmup_prefix=False: at t = warmup_t the cosine is already at t
    [
      'timm.CosineLRScheduler(t_initial=4, warmup_t=2, warmup_lr_init=0)',
      [0, 0.5, 0.5, (1 + Math.cos((3 * Math.PI) / 4)) / 2, 0, 0, 0],
    ],
    [
      'timm.CosineLRScheduler(t_initial=4, warmup_t=2, warmup_lr_init=0, warmup_prefix=True)',
      [0, 0.5, 1, (1 + Math.SQRT1_2) / 2, 0.5, (1 - Math.SQRT1_2) / 2, 0],
    ],
  ];
  for (const [spec, expected] of table) {
    it(spec, () => expectSeriesClose(at(spec, 1, [0, 1, 2, 3, 4, 5, 6]), expected, spec));
  }
});

describe("timm: cycles found with Python's float log, quirks included", () => {
  const table: [spec: string, ks: number[], expected: number[]][] = [
    // log(1000, 10) = 2.9999999999999996: step 111 is the END of cycle 2 (lr_min), not a restart
    [
      'timm.CosineLRScheduler(t_initial=1, cycle_mul=10.0, cycle_limit=5)',
      [109, 110, 111, 112],
      [9.866357858642206e-5, 2.467198171342e-5, 0, 0.09999975326009292],
    ],
    // log(81, 3) = 4.0 exactly: step 40 restarts at 0.1·0.5^4; log(243, 3) = 4.999999999999999:
    // step 121 stays at the end of cycle 4
    [
      'timm.CosineLRScheduler(t_initial=1, cycle_mul=3.0, cycle_decay=0.5, cycle_limit=9)',
      [39, 40, 120, 121, 122],
      [4.226026411285611e-5, 0.00625, 2.3501484242811206e-6, 0, 0.0031248694216491207],
    ],
    // shrinking cycles: log(0.343, 0.7) = 2.9999999999999996 at step 2190
    [
      'timm.CosineLRScheduler(t_initial=1000, cycle_mul=0.7, cycle_limit=9)',
      [2189, 2190, 2191],
      [1.0276520816976386e-6, 0, 0.09999790275833108],
    ],
    // k-decay: cos(π·t²/T²), lr_min 0.001
    [
      'timm.CosineLRScheduler(t_initial=10, lr_min=0.001, k_decay=2.0)',
      [0, 1, 5, 9, 10, 11],
      [0.1, 0.09997557473810371, 0.0855017856687341, 0.009559511573409195, 0.001, 0.001],
    ],
  ];
  for (const [spec, ks, expected] of table) {
    it(spec, () => expectSeriesClose(at(spec, 0.1, ks), expected, spec));
  }

  it('cycle_mul < 1: past t_initial/(1 − cycle_mul), where timm raises ValueError, lrkit holds lr_min', () => {
    const spec =
      'timm.CosineLRScheduler(t_initial=64, lr_min=0.0001, cycle_mul=0.5, cycle_decay=1.0, cycle_limit=3)';
    const c = curve(spec, { lr: 0.1, steps: 400 });
    expectSeriesClose(c.lr[0]!.slice(112), new Array<number>(289).fill(0.0001), spec);
    // with a cycle_limit beyond what fits, the shrinking cycles run up to step 128, then lr_min
    const f = toSchedule(spec.replace('cycle_limit=3', 'cycle_limit=1000'), 0.1);
    for (const t of [112, 120, 124, 126, 127, 127.5, 127.99]) {
      expect(f(t)).toBeGreaterThanOrEqual(0.0001);
      expect(f(t)).toBeLessThanOrEqual(0.1);
    }
    expect([128, 129, 1000, 1e9].map(f)).toEqual([0.0001, 0.0001, 0.0001, 0.0001]);
  });

  it('cycle_limit=0: lr_min from the first step; cycle_decay shrinks each restart', () => {
    expectSeriesClose(
      at('timm.CosineLRScheduler(t_initial=10, lr_min=0.01, cycle_limit=0)', 0.1, [0, 1, 50]),
      [0.1, 0.01, 0.01],
      'cycle_limit=0',
    );
    expectSeriesClose(
      at('timm.CosineLRScheduler(t_initial=4, cycle_decay=0.5, cycle_limit=3)', 1, [0, 4, 8, 12]),
      [1, 0.5, 0.25, 0],
      'cycle_decay',
    );
  });
});

describe('timm: lr_min and warmup_lr_init are absolute, shared by every group', () => {
  it('two groups', () => {
    const spec =
      'timm.CosineLRScheduler(t_initial=10, lr_min=0.01, warmup_t=2, warmup_lr_init=0.001, warmup_prefix=True)';
    const c = curve(spec, { lr: [0.1, 1], steps: 12 });
    expectSeriesClose(
      [0, 1, 2, 12].map((k) => c.lr[0]![k]!),
      [0.001, 0.0505, 0.1, 0.01],
      'group 0',
    );
    expectSeriesClose(
      [0, 1, 2, 12].map((k) => c.lr[1]![k]!),
      [0.001, 0.5005, 1, 0.01],
      'group 1',
    );
  });
});

describe('timm: Step and MultiStep arithmetic', () => {
  const table: [spec: string, ks: number[], expected: number[]][] = [
    // Python's float floor division: 1 // 0.1 = 9, 2 // 0.1 = 19, 3 // 0.1 = 29
    [
      'timm.StepLRScheduler(decay_t=0.1, decay_rate=0.5)',
      [1, 2, 3],
      [0.1 * 0.5 ** 9, 0.1 * 0.5 ** 19, 0.1 * 0.5 ** 29],
    ],
    // decay_rate defaults to 1 (no decay)
    ['timm.StepLRScheduler(decay_t=3)', [0, 3, 1000, 1e6], [0.1, 0.1, 0.1, 0.1]],
    ['timm.StepLRScheduler(decay_t=3, decay_rate=0.0)', [0, 2, 3], [0.1, 0.1, 0]],
    // off by one: [10] decays at t = 9; a repeated milestone decays twice
    [
      'timm.MultiStepLRScheduler(decay_t=[10], decay_rate=0.1)',
      [8, 9, 10],
      [0.1, 0.010000000000000002, 0.010000000000000002],
    ],
    ['timm.MultiStepLRScheduler(decay_t=[3, 3], decay_rate=0.5)', [1, 2, 3], [0.1, 0.025, 0.025]],
    ['timm.MultiStepLRScheduler(decay_t=[])', [0, 5], [0.1, 0.1]],
  ];
  for (const [spec, ks, expected] of table) {
    it(spec, () => expectSeriesClose(at(spec, 0.1, ks), expected, spec));
  }
});

describe('timm: accepted-but-unused parameters change nothing', () => {
  const base = 'timm.CosineLRScheduler(t_initial=20, lr_min=0.001, warmup_t=3';
  const plain = curve(`${base})`, { lr: 0.1, steps: 40 }).lr;
  for (const extra of [
    't_in_epochs=False',
    't_in_epochs=True',
    'initialize=False',
    'noise_std=0.1',
    'noise_seed=7',
    'noise_pct=0.1',
  ]) {
    it(extra, () => expect(curve(`${base}, ${extra})`, { lr: 0.1, steps: 40 }).lr).toEqual(plain));
  }
});
