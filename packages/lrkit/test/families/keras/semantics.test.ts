/**
 * Edge semantics of the Keras schedules as literal tables: boundaries, defaults, clamps and the
 * library's quirks (PiecewiseConstantDecay's ≤, PolynomialDecay's cycle, CosineDecay's warm-up,
 * alpha outside m_mul in CosineDecayRestarts). Index k is Keras's `schedule(k)`: the lr of the
 * (k+1)-th update.
 */
import { describe, expect, it } from 'vitest';
import { Scheduler, curve, toSchedule } from '../../../src/index.js';
import { expectSeriesClose } from '../../helpers/tolerance.js';

/** [spec, steps, expected values at those steps] */
type Row = [spec: string, steps: number[], expected: number[]];

function table(title: string, rows: Row[]) {
  describe(title, () => {
    for (const [spec, steps, expected] of rows) {
      it(`${spec} at ${steps.join(', ')}`, () => {
        const f = toSchedule(spec);
        expectSeriesClose(
          steps.map((t) => f(t)),
          expected,
          spec,
        );
      });
    }
  });
}

table('ExponentialDecay: initial · rate^(step / decay_steps)', [
  [
    'keras.ExponentialDecay(1.0, 2, 0.25)',
    [0, 1, 2, 3, 4, 2.5],
    [1, 0.5, 0.25, 0.125, 0.0625, 0.25 ** 1.25],
  ],
  // staircase: changes exactly at multiples of decay_steps
  [
    'keras.ExponentialDecay(1.0, 10, 0.5, staircase=True)',
    [0, 9, 10, 19, 20, 29, 30],
    [1, 1, 0.5, 0.5, 0.25, 0.25, 0.125],
  ],
  // no clamp, no end value: it keeps decaying (to 0 in floating point)
  ['keras.ExponentialDecay(0.1, 1, 0.5)', [1000, 1e9], [0.1 * 0.5 ** 1000, 0]],
  // rate 0: 0^0 = 1 at step 0 only; staircase holds it for the first decay_steps
  ['keras.ExponentialDecay(0.1, 10, 0.0)', [0, 1, 1e9], [0.1, 0, 0]],
  ['keras.ExponentialDecay(0.1, 10, 0.0, True)', [0, 9, 10], [0.1, 0.1, 0]],
  // rate 1: constant
  ['keras.ExponentialDecay(0.1, 1, 1.0)', [0, 1, 1e9], [0.1, 0.1, 0.1]],
  // decay_steps is an integer as Keras documents it; an integral float is accepted
  ['keras.ExponentialDecay(1.0, 2.0, 0.25)', [0, 1, 2], [1, 0.5, 0.25]],
]);

table('PiecewiseConstantDecay: a step equal to a boundary keeps the earlier value', [
  [
    'keras.PiecewiseConstantDecay([10, 25, 40], [0.1, 0.05, 0.01, 0.001])',
    [0, 9, 10, 11, 25, 26, 40, 41, 1e9],
    [0.1, 0.1, 0.1, 0.05, 0.05, 0.01, 0.01, 0.001, 0.001],
  ],
  // boundary 0: only step 0 gets values[0]
  ['keras.PiecewiseConstantDecay([0], [1.0, 0.5])', [0, 1, 2], [1, 0.5, 0.5]],
  // a repeated boundary: the value between the copies is never used (Keras's sum of ranges)
  [
    'keras.PiecewiseConstantDecay([5, 5, 10], [1.0, 2.0, 3.0, 4.0])',
    [0, 5, 6, 10, 11],
    [1, 1, 3, 3, 4],
  ],
  // fractional steps (Scheduler.stepTo) compare the same way
  ['keras.PiecewiseConstantDecay([10], [1.0, 0.5])', [9.5, 10, 10.5], [1, 1, 0.5]],
]);

table('PolynomialDecay: (init − end)(1 − s/D)^power + end', [
  // defaults: end_learning_rate 1e-4, power 1, no cycle: holds end from decay_steps on
  [
    'keras.PolynomialDecay(1.0, 4)',
    [0, 1, 2, 4, 5, 1e9],
    [1, 0.75 * 0.9999 + 1e-4, 0.5 * 0.9999 + 1e-4, 1e-4, 1e-4, 1e-4],
  ],
  ['keras.PolynomialDecay(1.0, 4, 0.0, 2.0)', [0, 1, 2, 3, 4, 8], [1, 0.5625, 0.25, 0.0625, 0, 0]],
  // cycle: D = decay_steps · ceil(step / decay_steps), 1 at step 0; end reached at every multiple
  [
    'keras.PolynomialDecay(1.0, 4, 0.0, cycle=True)',
    [0, 1, 4, 5, 8, 9, 12, 13, 40],
    [1, 0.75, 0, 0.375, 0, 0.25, 0, 1 - 13 / 16, 0],
  ],
  // end above initial: a polynomial rise, clamped at decay_steps
  ['keras.PolynomialDecay(0.0, 10, 1.0, 0.5)', [0, 10, 20], [0, 1, 1]],
  // power 0: (1 − p)^0 = 1 everywhere, including 0^0 at decay_steps: initial throughout
  ['keras.PolynomialDecay(0.5, 10, 0.1, 0.0)', [0, 10, 1e9], [0.5, 0.5, 0.5]],
  // cycle with decay_steps 1: every step is a multiple, so end_learning_rate from step 1 on
  [
    'keras.PolynomialDecay(0.5, 1, 0.1, cycle=True)',
    [0, 0.5, 1, 2, 1e9],
    [0.5, 0.3, 0.1, 0.1, 0.1],
  ],
  // fractional steps (Scheduler.stepTo) with cycle: D = decay_steps · ceil(step / decay_steps)
  ['keras.PolynomialDecay(1.0, 4, 0.0, cycle=True)', [0.5, 4.5, 7.5], [0.875, 0.4375, 0.0625]],
]);

table('InverseTimeDecay: initial / (1 + rate · step / decay_steps)', [
  ['keras.InverseTimeDecay(0.1, 10, 0.5)', [0, 10, 20, 30], [0.1, 0.1 / 1.5, 0.05, 0.04]],
  [
    'keras.InverseTimeDecay(0.1, 10, 0.5, staircase=True)',
    [0, 9, 10, 19, 20],
    [0.1, 0.1, 0.1 / 1.5, 0.1 / 1.5, 0.05],
  ],
  ['keras.InverseTimeDecay(0.1, 10, 0.0)', [0, 1e9], [0.1, 0.1]],
]);

table('TimeBasedDecay: the legacy optimizer decay, lr0 / (1 + decay · iterations)', [
  ['keras.TimeBasedDecay(1.0, 1.0)', [0, 1, 2, 3, 99], [1, 0.5, 1 / 3, 0.25, 0.01]],
  ['keras.TimeBasedDecay(0.01, decay=1e-4)', [0, 10000], [0.01, 0.005]],
  // Keras's default decay 0: no decay
  ['keras.TimeBasedDecay(0.01)', [0, 1e9], [0.01, 0.01]],
  // the alias
  ['keras.LegacyTimeBasedDecay(1.0, 0.5)', [0, 2], [1, 0.5]],
]);

const half = (x: number) => (1 + Math.cos(Math.PI * x)) / 2;

table('CosineDecay: cosine to initial · alpha, clamped at decay_steps', [
  ['keras.CosineDecay(1.0, 4)', [0, 1, 2, 3, 4, 5, 1e9], [1, half(0.25), 0.5, half(0.75), 0, 0, 0]],
  ['keras.CosineDecay(0.1, 4, 0.1)', [0, 2, 4, 100], [0.1, 0.1 * 0.55, 0.01, 0.01]],
  ['keras.CosineDecay(1.0, 4, 1.0)', [0, 2, 4], [1, 1, 1]],
  // warm-up from initial to warmup_target over warmup_steps, then the cosine over decay_steps
  [
    'keras.CosineDecay(0.0, 4, 0.5, warmup_target=1.0, warmup_steps=2)',
    [0, 1, 2, 4, 6, 7, 1e9],
    [0, 0.5, 1, 0.75, 0.5, 0.5, 0.5],
  ],
  // a warm-up that goes down (initial above warmup_target)
  [
    'keras.CosineDecay(1.0, 2, warmup_target=0.5, warmup_steps=4)',
    [0, 2, 4, 5, 6],
    [1, 0.75, 0.5, 0.25, 0],
  ],
  // quirk: warmup_target with warmup_steps 0 starts the decay at warmup_target (initial unused)
  ['keras.CosineDecay(0.1, 4, warmup_target=1.0)', [0, 2, 4], [1, 0.5, 0]],
  // quirk: warmup_steps without warmup_target is ignored
  ['keras.CosineDecay(1.0, 4, warmup_steps=100)', [0, 2, 4, 50], [1, 0.5, 0, 0]],
  // fractional steps (Scheduler.stepTo) inside the warm-up
  ['keras.CosineDecay(0.0, 10, warmup_target=1.0, warmup_steps=4)', [0, 1.5, 4], [0, 0.375, 1]],
]);

table('CosineDecayRestarts: SGDR with t_mul, m_mul and alpha outside m_mul', [
  // defaults t_mul 2, m_mul 1, alpha 0: cycles of 2, 4, 8 starting at 0, 2, 6, 14
  [
    'keras.CosineDecayRestarts(1.0, 2)',
    [0, 1, 2, 3, 4, 6, 10, 14],
    [1, 0.5, 1, half(0.25), 0.5, 1, 0.5, 1],
  ],
  // t_mul 1: equal cycles; m_mul scales each restart; alpha's floor does not shrink with m_mul
  [
    'keras.CosineDecayRestarts(1.0, 4, t_mul=1.0, m_mul=0.5, alpha=0.2)',
    [0, 2, 4, 6, 8, 10],
    [1, 0.2 + 0.8 * 0.5, 0.2 + 0.8 * 0.5, 0.2 + 0.8 * 0.25, 0.2 + 0.8 * 0.25, 0.2 + 0.8 * 0.125],
  ],
  // m_mul 0: only the first cycle decays from the peak; afterwards the floor alpha
  ['keras.CosineDecayRestarts(1.0, 4, 1.0, 0.0, 0.1)', [0, 4, 5, 1e9], [1, 0.1, 0.1, 0.1]],
  // exact restarts where Keras's float log lands one cycle early (first_decay_steps=1, t_mul=3:
  // cycle 5 starts at step 121, where Keras returns the end of cycle 4): lrkit restarts there
  [
    'keras.CosineDecayRestarts(1.0, 1, t_mul=3.0, m_mul=0.5)',
    [0, 1, 4, 13, 40, 121, 364],
    [1, 0.5, 0.25, 0.125, 0.0625, 0.03125, 0.015625],
  ],
  // real-valued t_mul: cycles 2, 3, 4.5 starting at 0, 2, 5, 9.5
  [
    'keras.CosineDecayRestarts(1.0, 2, t_mul=1.5, m_mul=0.5)',
    [0, 1, 2, 3.5, 5, 9.5],
    [1, 0.5, 0.5, 0.25, 0.25, 0.125],
  ],
]);

describe('Keras schedules carry their own scale', () => {
  it('every param group gets the same values, whatever its lr', () => {
    const out = curve('keras.ExponentialDecay(0.1, 10, 0.5)', { lr: [1, 0.001], steps: 30 }).lr;
    expect(out[0]).toEqual(out[1]);
    expect(out[0]![0]).toBe(0.1);
  });

  it('a Scheduler resumed from its JSON state continues bit-identically', () => {
    const spec = 'keras.CosineDecayRestarts(0.1, 7, t_mul=1.5, m_mul=0.8, alpha=0.05)';
    const s = new Scheduler(spec, { lr: 1 });
    for (let i = 0; i < 40; i++) s.step();
    const resumed = Scheduler.fromState(JSON.parse(JSON.stringify(s.state())) as unknown);
    for (let i = 0; i < 60; i++) expect(resumed.step()).toEqual(s.step());
  });

  it('stepTo evaluates the closed form at any step, fractional too', () => {
    const s = new Scheduler('keras.CosineDecay(1.0, 4)', { lr: 1 });
    expect(s.stepTo(2)).toEqual([0.5]);
    expect(s.stepTo(1e9)).toEqual([0]);
    expect(s.stepTo(0)).toEqual([1]);
  });
});
