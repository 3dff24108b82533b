/**
 * Every parameter rule of the fastai entries: the error type and its exact message, naming the
 * entry, the parameter, the rule and the value. Bind-time errors come from resolving the spec;
 * the few that need the param groups come from building a scheduler.
 */
import { describe, expect, it } from 'vitest';
import {
  LrkitError,
  ParameterError,
  Scheduler,
  UnknownNameError,
  curve,
  resolveSpec,
} from '../../../src/index.js';
import { expectThrows } from '../../helpers/errors.js';

const parameterErrors: [spec: string, message: string][] = [
  // the annealers
  [
    'fastai.SchedLin(-0.1, 0, total_steps=5)',
    'fastai.SchedLin: start must be a finite number ≥ 0, got -0.1',
  ],
  [
    'fastai.SchedLin(0.1, nan, total_steps=5)',
    'fastai.SchedLin: end must be a finite number ≥ 0, got NaN',
  ],
  ["fastai.SchedLin(0.1, '0', total_steps=5)", "fastai.SchedLin: end must be a number, got '0'"],
  [
    'fastai.SchedLin(0.1, 0, total_steps=0)',
    'fastai.SchedLin: total_steps must be a positive integer, got 0',
  ],
  [
    'fastai.SchedLin(0.1, 0, total_steps=2.5)',
    'fastai.SchedLin: total_steps must be an integer, got 2.5',
  ],
  [
    "fastai.SchedCos(float('inf'), 0, total_steps=5)",
    'fastai.SchedCos: start must be a finite number ≥ 0, got Infinity',
  ],
  [
    'fastai.SchedCos(0.1, -1e-3, total_steps=5)',
    'fastai.SchedCos: end must be a finite number ≥ 0, got -0.001',
  ],
  [
    'fastai.SchedNo(-1, 0, total_steps=5)',
    'fastai.SchedNo: start must be a finite number ≥ 0, got -1',
  ],
  [
    'fastai.SchedNo(1, None, total_steps=5)',
    'fastai.SchedNo: end must be a number, not None, got None',
  ],
  [
    'fastai.SchedExp(0, 10, total_steps=5)',
    'fastai.SchedExp: start must be a finite number > 0, got 0',
  ],
  [
    'fastai.SchedExp(1e-7, -10, total_steps=5)',
    'fastai.SchedExp: end must be a finite number ≥ 0, got -10',
  ],
  [
    'fastai.SchedExp(1e-300, 1e300, total_steps=5)',
    'fastai.SchedExp: end must keep end/start finite (start 1e-300), got 1e+300',
  ],
  [
    'fastai.SchedPoly(1, 0, -2, total_steps=5)',
    'fastai.SchedPoly: power must be a finite number ≥ 0, got -2',
  ],
  // combine_scheds and combined_cos
  [
    'fastai.combine_scheds([0.5, -0.5], [SchedLin(1, 0), SchedLin(0, 1)], total_steps=5)',
    'fastai.combine_scheds: pcts[1] must be a finite number ≥ 0, got -0.5',
  ],
  [
    'fastai.combine_scheds(0.5, [SchedLin(1, 0)], total_steps=5)',
    'fastai.combine_scheds: pcts must be a list of numbers, got 0.5',
  ],
  [
    'fastai.combine_scheds([], [SchedLin(1, 0)], total_steps=5)',
    'fastai.combine_scheds: pcts must have at least 1 item, got []',
  ],
  [
    'fastai.combine_scheds([1], [], total_steps=5)',
    'fastai.combine_scheds: scheds must not be empty, got []',
  ],
  [
    'fastai.combine_scheds([0.5, 0.4], [SchedLin(1, 0), SchedCos(0, 1)], total_steps=5)',
    'fastai.combine_scheds: pcts must sum to 1 (fastai asserts sum(pcts) == 1; the sum is 0.9), got [0.5, 0.4]',
  ],
  [
    'fastai.combine_scheds([1, 0], [SchedLin(1, 0), SchedLin(0, 1)], total_steps=5)',
    'fastai.combine_scheds: pcts[1] must leave the last segment a length > 0 in float32 (fastai divides by it: NaN at the end), got 0',
  ],
  [
    'fastai.combine_scheds([1 - 1e-10, 1e-10], [SchedLin(1, 0), SchedLin(0, 1)], total_steps=5)',
    'fastai.combine_scheds: pcts[1] must leave the last segment a length > 0 in float32 (fastai divides by it: NaN at the end), got 1e-10',
  ],
  [
    'fastai.combine_scheds([0.5, 0.5], [SchedLin(1, 0), SchedLin(0, 1, total_steps=3)], total_steps=5)',
    'fastai.combine_scheds: scheds[1].total_steps must be None (the combined schedule gives the positions), got 3',
  ],
  [
    'fastai.combine_scheds([0.5, 0.5], [SchedLin(1, 0), SchedLin(-1, 1)], total_steps=5)',
    'fastai.SchedLin: start must be a finite number ≥ 0, got -1',
  ],
  [
    'fastai.combined_cos(1.5, 0.1, 1, 0, total_steps=5)',
    'fastai.combined_cos: pct must be in [0, 1], got 1.5',
  ],
  [
    'fastai.combined_cos(1, 0.1, 1, 0, total_steps=5)',
    'fastai.combined_cos: pct must leave the last segment a length > 0 in float32 (fastai divides by it: NaN at the end), got 1',
  ],
  [
    'fastai.combined_cos(0.3, 0.1, -1, 0, total_steps=5)',
    'fastai.combined_cos: middle must be a finite number ≥ 0, got -1',
  ],
  // fit_one_cycle
  [
    'fastai.fit_one_cycle(0, 0.1, steps_per_epoch=5)',
    'fastai.fit_one_cycle: n_epoch must be a positive integer, got 0',
  ],
  [
    'fastai.fit_one_cycle(lr_max=-0.1, total_steps=5)',
    'fastai.fit_one_cycle: lr_max must be a finite number ≥ 0, got -0.1',
  ],
  [
    'fastai.fit_one_cycle(lr_max=[0.1, -1], total_steps=5)',
    'fastai.fit_one_cycle: lr_max[1] must be a finite number ≥ 0, got -1',
  ],
  [
    'fastai.fit_one_cycle(lr_max=[], total_steps=5)',
    'fastai.fit_one_cycle: lr_max must not be an empty list, got []',
  ],
  [
    'fastai.fit_one_cycle(lr_max=0.1, div=0, total_steps=5)',
    'fastai.fit_one_cycle: div must be a finite number > 0, got 0',
  ],
  [
    'fastai.fit_one_cycle(lr_max=1e300, div=1e-10, total_steps=5)',
    'fastai.fit_one_cycle: div must keep lr_max/div finite (lr_max 1e+300), got 1e-10',
  ],
  [
    'fastai.fit_one_cycle(lr_max=0.1, div_final=-1, total_steps=5)',
    'fastai.fit_one_cycle: div_final must be a finite number > 0, got -1',
  ],
  [
    'fastai.fit_one_cycle(lr_max=1e300, div_final=1e-10, total_steps=5)',
    'fastai.fit_one_cycle: div_final must keep lr_max/div_final finite (lr_max 1e+300), got 1e-10',
  ],
  [
    'fastai.fit_one_cycle(lr_max=0.1, pct_start=-0.1, total_steps=5)',
    'fastai.fit_one_cycle: pct_start must be in [0, 1], got -0.1',
  ],
  [
    'fastai.fit_one_cycle(lr_max=0.1, pct_start=1, total_steps=5)',
    'fastai.fit_one_cycle: pct_start must leave the last segment a length > 0 in float32 (fastai divides by it: NaN at the end), got 1',
  ],
  [
    'fastai.fit_one_cycle(lr_max=0.1, moms=(0.95, 0.85), total_steps=5)',
    'fastai.fit_one_cycle: moms must have exactly 3 values (start, middle, end), got [0.95, 0.85]',
  ],
  [
    'fastai.fit_one_cycle(lr_max=0.1, moms=(0.95, 1.5, 0.95), total_steps=5)',
    'fastai.fit_one_cycle: moms[1] must be in [0, 1], got 1.5',
  ],
  [
    'fastai.fit_one_cycle(lr_max=0.1, wd=-0.1, total_steps=5)',
    'fastai.fit_one_cycle: wd must be a finite number ≥ 0, got -0.1',
  ],
  [
    'fastai.fit_one_cycle(lr_max=0.1, reset_opt=1, total_steps=5)',
    'fastai.fit_one_cycle: reset_opt must be True or False, got 1',
  ],
  [
    'fastai.fit_one_cycle(lr_max=0.1, start_epoch=2, total_steps=5)',
    'fastai.fit_one_cycle: start_epoch must be 0 (resume from saved Scheduler state instead), got 2',
  ],
  [
    'fastai.fit_one_cycle(lr_max=0.1, steps_per_epoch=-3, n_epoch=2)',
    'fastai.fit_one_cycle: steps_per_epoch must be a positive integer, got -3',
  ],
  [
    'fastai.fit_one_cycle(3000000, 0.1, steps_per_epoch=3000000000000)',
    'fastai.fit_one_cycle: steps_per_epoch must keep the fit at most 2^53 − 1 batches (3000000 epochs), got 3000000000000',
  ],
  [
    'fastai.fit_one_cycle(lr_max=0.1, cycle_momentum=0, total_steps=5)',
    'fastai.fit_one_cycle: cycle_momentum must be True or False, got 0',
  ],
  // fit_flat_cos
  [
    'fastai.fit_flat_cos(lr=-1, total_steps=5)',
    'fastai.fit_flat_cos: lr must be a finite number ≥ 0, got -1',
  ],
  [
    'fastai.fit_flat_cos(lr=0.1, div_final=0, total_steps=5)',
    'fastai.fit_flat_cos: div_final must be a finite number > 0, got 0',
  ],
  [
    'fastai.fit_flat_cos(lr=1e300, div_final=1e-10, total_steps=5)',
    'fastai.fit_flat_cos: div_final must keep lr/div_final finite (lr 1e+300), got 1e-10',
  ],
  [
    'fastai.fit_flat_cos(lr=0.1, pct_start=1, total_steps=5)',
    'fastai.fit_flat_cos: pct_start must leave the last segment a length > 0 in float32 (fastai divides by it: NaN at the end), got 1',
  ],
  // fit_sgdr
  [
    'fastai.fit_sgdr(0, 1, 0.1, total_steps=5)',
    'fastai.fit_sgdr: n_cycles must be a positive integer, got 0',
  ],
  [
    'fastai.fit_sgdr(3, 1.5, 0.1, total_steps=5)',
    'fastai.fit_sgdr: cycle_len must be an integer, got 1.5',
  ],
  [
    'fastai.fit_sgdr(3, 1, 0.1, cycle_mult=1, total_steps=5)',
    'fastai.fit_sgdr: cycle_mult must be an integer ≥ 2 (fastai divides by cycle_mult − 1), got 1',
  ],
  [
    'fastai.fit_sgdr(3, 1, 0.1, cycle_mult=2.5, total_steps=5)',
    'fastai.fit_sgdr: cycle_mult must be an integer, got 2.5',
  ],
  [
    'fastai.fit_sgdr(60, 1, 0.1, total_steps=5)',
    'fastai.fit_sgdr: n_cycles must keep the fit at most 2^53 − 1 epochs (cycle_len·(cycle_mult^n_cycles − 1)/(cycle_mult − 1)), got 60',
  ],
  [
    'fastai.fit_sgdr(3, 1, [0.1, -0.01], total_steps=5)',
    'fastai.fit_sgdr: lr_max[1] must be a finite number ≥ 0, got -0.01',
  ],
  [
    'fastai.fit_sgdr(3, 1, 0.1, steps_per_epoch=2**51)',
    'fastai.fit_sgdr: steps_per_epoch must keep the fit at most 2^53 − 1 batches (7 epochs), got 2251799813685248',
  ],
];

const otherErrors: [spec: string, message: string][] = [
  ['fastai.SchedLin(0.1)', "fastai.SchedLin: missing required parameter 'end' (value at pos 1)"],
  [
    'fastai.SchedPoly(0.1, 0, total_steps=4)',
    "fastai.SchedPoly: missing required parameter 'power' (exponent of pos (1: linear))",
  ],
  [
    'fastai.fit_sgdr(3, lr_max=0.1, total_steps=5)',
    "fastai.fit_sgdr: missing required parameter 'cycle_len' (epochs of the first cycle)",
  ],
  ['fastai.SchedLin(0.1, 0, 5, 6)', 'fastai.SchedLin: takes at most 3 positional arguments, got 4'],
  [
    'fastai.combine_scheds([0.5, 0.5], [SchedLin(1, 0)], total_steps=5)',
    'fastai.combine_scheds: pcts and scheds must have the same length (one pct per schedule), got 2 pcts and 1 scheds',
  ],
  [
    'fastai.combine_scheds([0.5, 0.5], [SchedLin(1, 0), StepLR(2)], total_steps=5)',
    'fastai.combine_scheds: scheds[1]: StepLR cannot be nested here: expected a fastai schedule',
  ],
  [
    'fastai.combine_scheds([0.5, 0.5], [SchedLin(1, 0), keras.CosineDecay(0.1, 10)], total_steps=5)',
    'fastai.combine_scheds: scheds[1]: keras.CosineDecay cannot be nested here: expected a fastai schedule',
  ],
  [
    'fastai.combine_scheds([0.5, 0.5], [SchedLin(1, 0), fit_sgdr(1, 1, 0.1, total_steps=3)], total_steps=5)',
    'fastai.combine_scheds: scheds[1] is fastai.fit_sgdr, which is not a schedule of progress; combine SchedLin, SchedCos, SchedNo, SchedExp, SchedPoly, combined_cos or combine_scheds',
  ],
  [
    'fastai.combine_scheds([1], [5], total_steps=5)',
    'fastai.combine_scheds: scheds[0] must be a fastai schedule, got 5',
  ],
  [
    'fastai.fit_one_cycle(lr_max=0.1)',
    'fastai.fit_one_cycle: give exactly one of total_steps (pos = k/total_steps) or n_epoch with steps_per_epoch for fastai’s per-batch progress; got total_steps=None, n_epoch=None, steps_per_epoch=None',
  ],
  [
    'fastai.fit_one_cycle(5, 0.1)',
    'fastai.fit_one_cycle: give exactly one of total_steps (pos = k/total_steps) or n_epoch with steps_per_epoch for fastai’s per-batch progress; got total_steps=None, n_epoch=5, steps_per_epoch=None',
  ],
  [
    'fastai.fit_one_cycle(5, 0.1, total_steps=100)',
    'fastai.fit_one_cycle: give exactly one of total_steps (pos = k/total_steps) or n_epoch with steps_per_epoch for fastai’s per-batch progress; got total_steps=100, n_epoch=5, steps_per_epoch=None',
  ],
  [
    'fastai.fit_flat_cos(lr=0.1, steps_per_epoch=10)',
    'fastai.fit_flat_cos: give exactly one of total_steps (pos = k/total_steps) or n_epoch with steps_per_epoch for fastai’s per-batch progress; got total_steps=None, n_epoch=None, steps_per_epoch=10',
  ],
  [
    'fastai.fit_sgdr(3, 1, 0.1, total_steps=100, steps_per_epoch=10)',
    'fastai.fit_sgdr: give exactly one of total_steps (pos = k/total_steps) or steps_per_epoch (over the n_epoch fastai computes) for fastai’s per-batch progress; got total_steps=100, steps_per_epoch=10',
  ],
  [
    'fastai.fit_sgdr(3, 1, 0.1)',
    'fastai.fit_sgdr: give exactly one of total_steps (pos = k/total_steps) or steps_per_epoch (over the n_epoch fastai computes) for fastai’s per-batch progress; got total_steps=None, steps_per_epoch=None',
  ],
];

describe('fastai parameter errors name the entry, parameter, rule and value', () => {
  for (const [spec, message] of parameterErrors) {
    it(spec, () => expectThrows(() => resolveSpec(spec), ParameterError, message));
  }
  for (const [spec, message] of otherErrors) {
    it(spec, () => expectThrows(() => resolveSpec(spec), LrkitError, message));
  }

  it('value errors carry their parts and the position in the text', () => {
    try {
      resolveSpec('fastai.SchedCos(0.1, -1, total_steps=5)');
      expect.fail('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(ParameterError);
      const p = e as ParameterError;
      expect([p.fn, p.param, p.rule, p.value]).toEqual([
        'fastai.SchedCos',
        'end',
        'must be a finite number ≥ 0',
        -1,
      ]);
      expect(p.pos).toBe('fastai.SchedCos(0.1, '.length);
    }
  });

  it('unknown names and parameters get a did-you-mean', () => {
    expectThrows(
      () => resolveSpec('fastai.SchedCosine(0.1, 0, total_steps=5)'),
      UnknownNameError,
      "unknown schedule 'fastai.SchedCosine'; did you mean 'fastai.SchedCos'?",
    );
    expectThrows(
      () => resolveSpec('SchedCos(0.1, 0, total_steps=5)'),
      UnknownNameError,
      "unknown schedule 'SchedCos'; did you mean 'fastai.SchedCos'?",
    );
    expectThrows(
      () => resolveSpec('fastai.fit_one_cycle(lr_max=0.1, pct=0.3, total_steps=5)'),
      UnknownNameError,
      "fastai.fit_one_cycle: unknown parameter 'pct'; did you mean 'pct_start'?",
    );
  });

  it('a schedule of progress needs total_steps at the top level (checked when built)', () => {
    expect(() => resolveSpec('fastai.SchedCos(0.1, 0)')).not.toThrow();
    expectThrows(
      () => curve('fastai.SchedCos(0.1, 0)', { lr: 0.1, steps: 3 }),
      LrkitError,
      'fastai.SchedCos: total_steps is required at the top level (a fastai schedule is a function of progress pos ∈ [0, 1]; step k evaluates pos = k/total_steps)',
    );
  });

  it('errors that need the param groups come when a scheduler is built', () => {
    expectThrows(
      () => new Scheduler('fastai.fit_sgdr(2, 1, lr_max=[0.1, 0.01], total_steps=10)', { lr: 0.1 }),
      ParameterError,
      'fastai.fit_sgdr: lr_max must have one value per param group (1 group), got [0.1, 0.01]',
    );
    expectThrows(
      () => new Scheduler('fastai.fit_one_cycle(div=1e-300, total_steps=10)', { lr: 1e10 }),
      ParameterError,
      'fastai.fit_one_cycle: div must keep lr_max/div finite (lr_max 10000000000), got 1e-300',
    );
    expectThrows(
      () => new Scheduler('fastai.fit_flat_cos(div_final=1e-300, total_steps=10)', { lr: 1e10 }),
      ParameterError,
      'fastai.fit_flat_cos: div_final must keep lr/div_final finite (lr 10000000000), got 1e-300',
    );
  });
});
