/**
 * Edge semantics of the optax schedules as literal tables: boundaries (which step a change takes
 * effect at), defaults, holds after the end, and optax's quirks (truncated one-cycle steps, dict
 * keys that coincide, end_value as floor or ceiling, decay_steps that include the warm-up).
 * Value k is optax's `schedule(count=k)`.
 */
import { describe, expect, it } from 'vitest';
import { curve, toSchedule } from '../../../src/index.js';
import { expectSeriesClose } from '../../helpers/tolerance.js';

const table: [spec: string, steps: number[], expected: number[]][] = [
  // constant_schedule
  ['optax.constant_schedule(0.1)', [0, 1, 1e9], [0.1, 0.1, 0.1]],
  ['optax.constant_schedule(0)', [0, 1e9], [0, 0]],

  // linear_schedule: flat until transition_begin, end_value from begin + T on
  [
    'optax.linear_schedule(init_value=1.0, end_value=0.0, transition_steps=4, transition_begin=2)',
    [0, 1, 2, 3, 4, 5, 6, 7, 1e9],
    [1, 1, 1, 0.75, 0.5, 0.25, 0, 0, 0],
  ],
  // rising, no begin
  ['optax.linear_schedule(0.0, 1.0, 4)', [0, 1, 4, 100], [0, 0.25, 1, 1]],

  // polynomial_schedule
  [
    'optax.polynomial_schedule(init_value=1.0, end_value=0.0, power=2, transition_steps=4)',
    [0, 1, 2, 3, 4, 5, 1e9],
    [1, 0.5625, 0.25, 0.0625, 0, 0, 0],
  ],
  // power 0: (1 − p)^0 = 1 everywhere (also 0^0 at the end): end_value is never reached
  [
    'optax.polynomial_schedule(init_value=1.0, end_value=0.5, power=0, transition_steps=4)',
    [0, 2, 4, 100],
    [1, 1, 1, 1],
  ],
  // rising with power 2: (0 − 1)·(1 − t/T)² + 1
  ['optax.polynomial_schedule(0.0, 1.0, 2, 2, 3)', [0, 3, 4, 5, 6], [0, 0, 0.75, 1, 1]],

  // piecewise_constant_schedule: a scale applies AT its step (count ≥ boundary), cumulatively;
  // keys in any order
  [
    'optax.piecewise_constant_schedule(1.0, {4: 0.5, 2: 0.5, 6: 4.0})',
    [0, 1, 2, 3, 4, 5, 6, 7, 1e9],
    [1, 1, 0.5, 0.5, 0.25, 0.25, 1, 1, 1],
  ],
  ['optax.piecewise_constant_schedule(0.1, {0: 0.5})', [0, 1], [0.05, 0.05]],
  ['optax.piecewise_constant_schedule(0.1, {3: 0.0, 5: 2.0})', [2, 3, 5, 1e9], [0.1, 0, 0, 0]],
  ['optax.piecewise_constant_schedule(0.1)', [0, 1e9], [0.1, 0.1]],
  ['optax.piecewise_constant_schedule(0.1, {})', [0, 1e9], [0.1, 0.1]],
  ['optax.piecewise_constant_schedule(0.1, None)', [0, 1e9], [0.1, 0.1]],

  // piecewise_interpolate_schedule: between running values, starting from init at step 0
  [
    "optax.piecewise_interpolate_schedule('linear', 1.0, {4: 0.5, 8: 0.5})",
    [0, 2, 4, 6, 8, 10, 1e9],
    [1, 0.75, 0.5, 0.375, 0.25, 0.25, 0.25],
  ],
  // optax's docstring example
  [
    "optax.piecewise_interpolate_schedule(interpolate_type='linear', init_value=1.0, boundaries_and_scales={4: 0.1, 8: 0.01})",
    [0, 2, 4, 6, 8, 10],
    [1, 0.55, 0.1, 0.0505, 0.001, 0.001],
  ],
  [
    "optax.piecewise_interpolate_schedule('cosine', 1.0, {4: 0.5, 6: 4.0})",
    [0, 2, 4, 5, 6, 100],
    [1, 0.75, 0.5, 1.25, 2, 2],
  ],
  // a boundary at 0: the first piece is empty, the value jumps to init·scale at step 0
  [
    "optax.piecewise_interpolate_schedule('linear', 1.0, {0: 2.0, 4: 0.5})",
    [0, 2, 4, 5],
    [2, 1.5, 1, 1],
  ],
  ["optax.piecewise_interpolate_schedule('cosine', 0.3)", [0, 1e9], [0.3, 0.3]],

  // exponential_decay
  [
    'optax.exponential_decay(1.0, 2, 0.5)',
    [0, 1, 2, 4, 5],
    [1, Math.SQRT1_2, 0.5, 0.25, 0.25 * Math.SQRT1_2],
  ],
  ['optax.exponential_decay(1.0, 2, 0.5, staircase=True)', [0, 1, 2, 3, 4], [1, 1, 0.5, 0.5, 0.25]],
  // transition_begin: init_value while t − begin ≤ 0
  [
    'optax.exponential_decay(1.0, 1, 0.5, transition_begin=3)',
    [0, 2, 3, 4, 5],
    [1, 1, 1, 0.5, 0.25],
  ],
  // end_value is a floor when decay_rate < 1 ...
  [
    'optax.exponential_decay(1.0, 1, 0.5, end_value=0.3)',
    [0, 1, 2, 3, 1e9],
    [1, 0.5, 0.3, 0.3, 0.3],
  ],
  // ... applied at every step: a floor above init_value lifts the start too
  ['optax.exponential_decay(1.0, 1, 0.5, end_value=2.0)', [0, 1, 1e9], [2, 2, 2]],
  // ... and a ceiling when decay_rate ≥ 1
  ['optax.exponential_decay(1.0, 1, 2.0, end_value=5.0)', [0, 1, 2, 3, 1e9], [1, 2, 4, 5, 5]],
  ['optax.exponential_decay(1.0, 1, 1.0, end_value=0.5)', [0, 10], [0.5, 0.5]],
  // growth without a ceiling saturates at the largest double instead of reaching Infinity
  ['optax.exponential_decay(1.0, 1, 2.0)', [0, 10, 1e9], [1, 1024, Number.MAX_VALUE]],
  ['optax.exponential_decay(0.0, 1, 2.0)', [0, 1e9], [0, 0]],

  // cosine_decay_schedule: holds init·alpha from decay_steps on
  ['optax.cosine_decay_schedule(1.0, 4)', [0, 2, 4, 8, 1e9], [1, 0.5, 0, 0, 0]],
  ['optax.cosine_decay_schedule(1.0, 4, alpha=0.5)', [0, 2, 4, 1e9], [1, 0.75, 0.5, 0.5]],
  ['optax.cosine_decay_schedule(1.0, 4, exponent=2.0)', [0, 2, 4], [1, 0.25, 0]],
  ['optax.cosine_decay_schedule(1.0, 4, alpha=2.0)', [0, 2, 4, 9], [1, 1.5, 2, 2]],

  // warmup_constant_schedule
  ['optax.warmup_constant_schedule(0.0, 1.0, 4)', [0, 1, 2, 4, 100], [0, 0.25, 0.5, 1, 1]],

  // warmup_cosine_decay_schedule: decay_steps counts the warm-up; the cosine starts at its step 0
  [
    'optax.warmup_cosine_decay_schedule(0.0, 1.0, 2, 6, end_value=0.5)',
    [0, 1, 2, 3, 4, 6, 100],
    [0, 0.5, 1, 0.5 + 0.5 * (0.5 + 0.5 * Math.SQRT1_2), 0.75, 0.5, 0.5],
  ],
  // no warm-up: init_value is never used
  ['optax.warmup_cosine_decay_schedule(0.3, 1.0, 0, 4)', [0, 2, 4], [1, 0.5, 0]],
  // peak_value 0: optax sets alpha = 0, so end_value is ignored
  ['optax.warmup_cosine_decay_schedule(0.0, 0.0, 2, 6, end_value=0.5)', [0, 3, 6, 9], [0, 0, 0, 0]],

  // warmup_exponential_decay_schedule: the decay (and its end_value clamp) starts after the warm-up
  [
    'optax.warmup_exponential_decay_schedule(0.0, 1.0, 2, 1, 0.5, transition_begin=1, end_value=0.2)',
    [0, 1, 2, 3, 4, 5, 6, 100],
    [0, 0.5, 1, 1, 0.5, 0.25, 0.2, 0.2],
  ],
  [
    'optax.warmup_exponential_decay_schedule(0.5, 1.0, 0, 2, 0.25, staircase=True)',
    [0, 1, 2, 4],
    [1, 1, 0.25, 0.0625],
  ],

  // linear_onecycle_schedule: steps int(0.3·10) = 3, int(0.85·10) = 8, 10
  [
    'optax.linear_onecycle_schedule(10, 1.0, div_factor=4.0, final_div_factor=2.0)',
    [0, 1, 3, 8, 9, 10, 1e9],
    [0.25, 0.5, 1, 0.25, 0.1875, 0.125, 0.125],
  ],
  // pct_final = 1: the step-10 key is given twice; the later scale (1/final_div) wins, so the lr
  // falls from the peak to peak/final_div and never returns to peak/div
  [
    'optax.linear_onecycle_schedule(10, 1.0, pct_final=1.0, div_factor=4.0, final_div_factor=2.0)',
    [0, 3, 10, 11],
    [0.25, 1, 0.5, 0.5],
  ],
  // cosine_onecycle_schedule: ends at peak/(div·final_div)
  [
    'optax.cosine_onecycle_schedule(10, 1.0, div_factor=4.0, final_div_factor=2.0)',
    [0, 3, 10, 1e9],
    [0.25, 1, 0.125, 0.125],
  ],
  // pct_start = 1: both keys are step 10; the peak is never reached
  [
    'optax.cosine_onecycle_schedule(10, 1.0, pct_start=1.0, div_factor=4.0, final_div_factor=2.0)',
    [0, 5, 10],
    [0.25, 0.140625, 0.03125],
  ],

  // sgdr_schedule: cycle i starts after the decay_steps of the cycles before it
  [
    "optax.sgdr_schedule([{'init_value': 0.0, 'peak_value': 1.0, 'warmup_steps': 2, 'decay_steps': 6}, {'init_value': 0.5, 'peak_value': 0.5, 'warmup_steps': 0, 'decay_steps': 4, 'end_value': 0.25}])",
    [0, 1, 2, 4, 5, 6, 8, 10, 100],
    [0, 0.5, 1, 0.5, 0.5 - 0.5 * Math.SQRT1_2, 0.5, 0.375, 0.25, 0.25],
  ],

  // join_schedules: at a boundary the next schedule starts at its own step 0
  [
    'optax.join_schedules([optax.constant_schedule(1.0), optax.linear_schedule(1.0, 0.0, 4)], [2])',
    [0, 1, 2, 3, 6, 100],
    [1, 1, 1, 0.75, 0, 0],
  ],
  // equal boundaries: the middle schedule never runs
  [
    'optax.join_schedules([constant_schedule(1.0), constant_schedule(2.0), constant_schedule(3.0)], [2, 2])',
    [0, 1, 2, 1e9],
    [1, 1, 3, 3],
  ],
  ['optax.join_schedules([optax.constant_schedule(0.2)], [])', [0, 1e9], [0.2, 0.2]],
];

describe('optax semantics', () => {
  for (const [spec, steps, expected] of table) {
    it(`${spec} at ${steps.join(', ')}`, () => {
      const f = toSchedule(spec);
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        spec,
        { abs: 1e-15 },
      );
    });
  }

  it('carries its own scale: every param group gets the same values, whatever its lr', () => {
    const out = curve('optax.cosine_decay_schedule(0.1, 10)', { lr: [0.5, 3], steps: 12 });
    expect(out.lr[0]).toEqual(out.lr[1]);
    expect(out.lr[0]![0]).toBe(0.1);
    expect(out.momentum).toBeNull();
  });

  it('a truncated one-cycle step: int(0.29 · 100) = 28, so the peak is at step 28', () => {
    const f = toSchedule('optax.linear_onecycle_schedule(100, 1.0, pct_start=0.29)');
    expect(f(28)).toBe(1);
    expect(f(29)).toBeLessThan(1);
  });

  it('a later dict entry with the same step replaces the earlier one (linear_onecycle)', () => {
    // pct_start = pct_final: {5: div, 5: 1/div, 10: 1/final} → {5: 1/div, 10: 1/final}
    const f = toSchedule(
      'optax.linear_onecycle_schedule(10, 1.0, pct_start=0.5, pct_final=0.5, div_factor=4.0, final_div_factor=2.0)',
    );
    expectSeriesClose([f(0), f(5), f(10)], [0.25, 0.0625, 0.03125], 'collision');
  });
});
