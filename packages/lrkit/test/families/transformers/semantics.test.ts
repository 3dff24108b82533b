/**
 * Edge semantics of the transformers schedules, as literal tables: warm-up boundaries, decays
 * that are already over, the library's quirks (cosine not clamped, the off-by-one lr_rate
 * variant, polynomial power 0, negative derived WSD stable phases), per-group floors and the
 * defaults. Values are base_lr · λ(k), index k = the lr of update k (`lrkit curve --lr`).
 */
import { describe, it } from 'vitest';
import { curve, toSchedule } from '../../../src/index.js';
import { expectSeriesClose } from '../../helpers/tolerance.js';

const c45 = (1 + Math.SQRT1_2) / 2; // ½(1 + cos π/4)
const c135 = (1 - Math.SQRT1_2) / 2; // ½(1 + cos 3π/4)

/** [spec, base lrs, expected values per group from k = 0]. */
const table: [spec: string, lr: number[], expected: number[][]][] = [
  // constant: the base lr throughout
  ['transformers.get_constant_schedule()', [0.1], [[0.1, 0.1, 0.1]]],
  // warm-up k / W: exactly 0 at the first update, the base lr from k = W on
  [
    'transformers.get_constant_schedule_with_warmup(num_warmup_steps=4)',
    [1],
    [[0, 0.25, 0.5, 0.75, 1, 1, 1]],
  ],
  ['transformers.get_constant_schedule_with_warmup(num_warmup_steps=0)', [0.1], [[0.1, 0.1]]],
  // linear: down to exactly 0 at T and 0 after
  [
    'transformers.get_linear_schedule_with_warmup(num_warmup_steps=2, num_training_steps=6)',
    [1],
    [[0, 0.5, 1, 0.75, 0.5, 0.25, 0, 0, 0]],
  ],
  [
    'transformers.get_linear_schedule_with_warmup(num_warmup_steps=0, num_training_steps=4)',
    [0.1, 0.01],
    [
      [0.1, 0.075, 0.05, 0.025, 0, 0],
      [0.01, 0.0075, 0.005, 0.0025, 0, 0],
    ],
  ],
  // T ≤ W: the warm-up still ramps to 1, then the (finished) decay gives 0
  [
    'transformers.get_linear_schedule_with_warmup(num_warmup_steps=3, num_training_steps=2)',
    [1],
    [[0, 1 / 3, 2 / 3, 0, 0, 0]],
  ],
  [
    'transformers.get_linear_schedule_with_warmup(num_warmup_steps=2, num_training_steps=2)',
    [1],
    [[0, 0.5, 0, 0]],
  ],
  // cosine: not clamped at T, the lr rises again (period 2·(T − W) with num_cycles 0.5)
  [
    'transformers.get_cosine_schedule_with_warmup(num_warmup_steps=0, num_training_steps=4)',
    [1],
    [[1, c45, 0.5, c135, 0, c135, 0.5, c45, 1]],
  ],
  // num_cycles=1: down and back up within T
  ['transformers.get_cosine_schedule_with_warmup(0, 4, num_cycles=1)', [1], [[1, 0.5, 0, 0.5, 1]]],
  // num_cycles=0: no decay at all
  ['transformers.get_cosine_schedule_with_warmup(2, 10, num_cycles=0)', [1], [[0, 0.5, 1, 1, 1]]],
  // T ≤ W: progress counts whole steps (max(1, T − W) = 1), alternating 1, 0
  [
    'transformers.get_cosine_schedule_with_warmup(num_warmup_steps=2, num_training_steps=1)',
    [1],
    [[0, 0.5, 1, 0, 1, 0]],
  ],
  // hard restarts: num_cycles cosines to 0, each restarting at the base lr, then exactly 0
  [
    'transformers.get_cosine_with_hard_restarts_schedule_with_warmup(0, 8, num_cycles=2)',
    [1],
    [[1, c45, 0.5, c135, 1, c45, 0.5, c135, 0, 0]],
  ],
  [
    'transformers.get_cosine_with_hard_restarts_schedule_with_warmup(num_warmup_steps=2, num_training_steps=6)',
    [1],
    [[0, 0.5, 1, c45, 0.5, c135, 0, 0]],
  ],
  // polynomial: lr_end is absolute; power 2
  [
    'transformers.get_polynomial_decay_schedule_with_warmup(2, 6, lr_end=0.01, power=2)',
    [0.1],
    [[0, 0.05, 0.1, 0.060625, 0.0325, 0.015625, 0.01, 0.01]],
  ],
  // power 0: (…)^0 = 1 keeps the base lr up to T; only after T does lr_end apply (transformers)
  [
    'transformers.get_polynomial_decay_schedule_with_warmup(2, 6, lr_end=0.01, power=0)',
    [0.1],
    [[0, 0.05, 0.1, 0.1, 0.1, 0.1, 0.1, 0.01]],
  ],
  // T < W: warm-up, then lr_end at once
  [
    'transformers.get_polynomial_decay_schedule_with_warmup(4, 2, lr_end=0.01)',
    [0.1],
    [[0, 0.025, 0.05, 0.075, 0.01, 0.01]],
  ],
  // two groups: lr_init is each group's base lr, so every group ends at lr_end (lrkit; see doc)
  [
    'transformers.get_polynomial_decay_schedule_with_warmup(0, 2, lr_end=0.001)',
    [0.1, 0.01],
    [
      [0.1, 0.0505, 0.001, 0.001],
      [0.01, 0.0055, 0.001, 0.001],
    ],
  ],
  // cosine with min lr: an absolute floor, per group
  [
    'transformers.get_cosine_with_min_lr_schedule_with_warmup(0, 4, min_lr=0.01)',
    [0.1, 0.05],
    [
      [0.1, 0.01 + 0.09 * c45, 0.055, 0.01 + 0.09 * c135, 0.01, 0.01 + 0.09 * c135],
      [0.05, 0.01 + 0.04 * c45, 0.03, 0.01 + 0.04 * c135, 0.01, 0.01 + 0.04 * c135],
    ],
  ],
  // … or a rate of each group's base lr
  [
    'transformers.get_cosine_with_min_lr_schedule_with_warmup(0, 4, min_lr_rate=0.2)',
    [1, 0.5],
    [
      [1, 0.2 + 0.8 * c45, 0.6, 0.2 + 0.8 * c135, 0.2],
      [0.5, 0.1 + 0.4 * c45, 0.3, 0.1 + 0.4 * c135, 0.1],
    ],
  ],
  // the lr_rate variant is one update ahead: (k + 1) / W, floor at k = T − 1, rising after
  [
    'transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate(4, 8, min_lr_rate=0)',
    [1],
    [[0.25, 0.5, 0.75, 1, c45, 0.5, c135, 0, c135, 0.5]],
  ],
  // warmup_lr_rate a: a + (1 − a) · k / max(1, W − 1), reaching 1 at k = W − 1
  [
    'transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate(5, 9, min_lr_rate=0, warmup_lr_rate=0.2)',
    [1],
    [[0.2, 0.4, 0.6, 0.8, 1, c45]],
  ],
  [
    'transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate(1, 5, min_lr_rate=0, warmup_lr_rate=0.5)',
    [1],
    [[0.5, c45]],
  ],
  // no warm-up: the first update is already at progress 1 / T
  [
    'transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate(0, 4, min_lr_rate=0)',
    [1],
    [[c45, 0.5, c135, 0]],
  ],
  // WSD: cosine warm-up, stable, 1-sqrt decay (1 − √p), then min_lr_ratio (0)
  [
    "transformers.get_wsd_schedule(2, 2, num_stable_steps=2, warmup_type='cosine', decay_type='1-sqrt')",
    [1],
    [[0, 0.5, 1, 1, 1, 1 - Math.SQRT1_2, 0, 0]],
  ],
  // cosine decay with num_cycles=1 over 4 steps, floor 0.5; after the decay: the floor
  [
    'transformers.get_wsd_schedule(0, 4, num_stable_steps=0, min_lr_ratio=0.5, num_cycles=1)',
    [1],
    [[1, 0.75, 0.5, 0.75, 0.5, 0.5]],
  ],
  // num_stable_steps wins over num_training_steps (transformers warns)
  [
    "transformers.get_wsd_schedule(1, 2, num_training_steps=100, num_stable_steps=1, decay_type='linear')",
    [1],
    [[0, 1, 1, 0.5, 0, 0]],
  ],
  // a negative derived stable phase (T < W + D) enters the decay part-way (transformers)
  [
    "transformers.get_wsd_schedule(2, 4, num_training_steps=4, decay_type='linear')",
    [1],
    [[0, 0.5, 0.5, 0.25, 0, 0]],
  ],
  // … or skips it entirely, straight to the floor after the warm-up
  [
    "transformers.get_wsd_schedule(2, 2, num_training_steps=1, decay_type='linear', min_lr_ratio=0.1)",
    [1],
    [[0.1, 0.55, 0.1, 0.1]],
  ],
  // inverse sqrt: timescale defaults to num_warmup_steps; base lr at k = W
  [
    'transformers.get_inverse_sqrt_schedule(num_warmup_steps=4)',
    [1],
    [[0, 0.25, 0.5, 0.75, 1, 1 / Math.sqrt(5 / 4), 1 / Math.sqrt(6 / 4)]],
  ],
  // explicit timescale τ: 1 / √((k − W + τ) / τ)
  [
    'transformers.get_inverse_sqrt_schedule(num_warmup_steps=4, timescale=2)',
    [1],
    [[0, 0.25, 0.5, 0.75, 1, 1 / Math.sqrt(1.5), 1 / Math.sqrt(2)]],
  ],
];

describe('transformers edge semantics', () => {
  for (const [spec, lr, expected] of table) {
    it(`${spec} with lr ${lr.join(', ')}`, () => {
      const out = curve(spec, { lr, steps: expected[0]!.length - 1 });
      expected.forEach((e, g) => expectSeriesClose(out.lr[g]!, e, `${spec} group ${g}`));
    });
  }

  /** [spec, base lr, steps, expected]: far steps and exact boundaries. */
  const points: [spec: string, lr: number, steps: number[], expected: number[]][] = [
    // inverse sqrt without warm-up: timescale 10,000 (`num_warmup_steps or 10_000`)
    [
      'transformers.get_inverse_sqrt_schedule(0)',
      1,
      [0, 30_000, 1e9],
      [1, 0.5, 1 / Math.sqrt(100_001)],
    ],
    ['transformers.get_inverse_sqrt_schedule(4)', 1, [16, 4e6], [1 / 2, 1 / 1000]],
    // linear and hard restarts stay exactly 0 far beyond T
    ['transformers.get_linear_schedule_with_warmup(10, 100)', 1, [100, 1e9], [0, 0]],
    [
      'transformers.get_cosine_with_hard_restarts_schedule_with_warmup(0, 10, 3)',
      1,
      [10, 1e9],
      [0, 0],
    ],
    // a restart falls exactly where transformers' (num_cycles · progress) mod 1 wraps: at k = 5
    // of 6 cycles over 10 steps it is 0, so lr = base (s mod (T/6) would give 0.99999…, lr ≈ 0)
    ['transformers.get_cosine_with_hard_restarts_schedule_with_warmup(0, 10, 6)', 1, [5], [1]],
    // the unclamped cosine keeps its period 2·(T − W) far out
    ['transformers.get_cosine_schedule_with_warmup(0, 4)', 1, [8e8 + 4, 8e8 + 8], [0, 1]],
    // polynomial ends at lr_end exactly as transformers computes it: base · (lr_end / lr_init)
    [
      'transformers.get_polynomial_decay_schedule_with_warmup(10, 100)',
      0.1,
      [100, 1e9],
      [1e-7, 1e-7],
    ],
    // WSD after the decay: min_lr_ratio forever
    ['transformers.get_wsd_schedule(1, 1, 10, min_lr_ratio=0.25)', 1, [10, 1e9], [0.25, 0.25]],
  ];
  for (const [spec, lr, steps, expected] of points) {
    it(`${spec} at steps ${steps.join(', ')}`, () => {
      const f = toSchedule(spec, lr);
      expectSeriesClose(
        steps.map((k) => f(k)),
        expected,
        spec,
        { rel: 1e-9, abs: 1e-15 },
      );
    });
  }
});
