/**
 * Bad parameters for every timm scheduler raise a ParameterError (or, for names, an
 * UnknownNameError) whose message names the entry, the parameter, the rule and the value.
 */
import { describe, expect, it } from 'vitest';
import {
  LrkitError,
  ParameterError,
  UnknownNameError,
  curve,
  resolveSpec,
} from '../../../src/index.js';
import { expectThrows } from '../../helpers/errors.js';

const C = 'timm.CosineLRScheduler';
const table: [spec: string, message: string][] = [
  [`${C}(t_initial=0)`, `${C}: t_initial must be a positive integer, got 0`],
  [`${C}(t_initial=2.5)`, `${C}: t_initial must be an integer, got 2.5`],
  [`${C}(t_initial='10')`, `${C}: t_initial must be an integer, got '10'`],
  [`${C}(t_initial=10, lr_min=-1)`, `${C}: lr_min must be a finite number ≥ 0, got -1`],
  [`${C}(t_initial=10, cycle_mul=0)`, `${C}: cycle_mul must be a finite number > 0, got 0`],
  [
    `${C}(t_initial=10, cycle_mul=inf)`,
    `${C}: cycle_mul must be a finite number > 0, got Infinity`,
  ],
  [
    `${C}(t_initial=10, cycle_decay=-0.5)`,
    `${C}: cycle_decay must be a finite number ≥ 0, got -0.5`,
  ],
  [
    `${C}(t_initial=10, cycle_limit=-1)`,
    `${C}: cycle_limit must be a non-negative integer, got -1`,
  ],
  [
    `${C}(t_initial=10, cycle_decay=2.0, cycle_limit=2000)`,
    `${C}: cycle_decay must keep cycle_decay^(cycle_limit − 1) finite, got 2`,
  ],
  [`${C}(t_initial=10, warmup_t=-1)`, `${C}: warmup_t must be a non-negative integer, got -1`],
  [`${C}(t_initial=10, warmup_t=1.5)`, `${C}: warmup_t must be an integer, got 1.5`],
  [
    `${C}(t_initial=10, warmup_lr_init=nan)`,
    `${C}: warmup_lr_init must be a finite number ≥ 0, got NaN`,
  ],
  [`${C}(t_initial=10, warmup_prefix=1)`, `${C}: warmup_prefix must be True or False, got 1`],
  [`${C}(t_initial=10, t_in_epochs='yes')`, `${C}: t_in_epochs must be True or False, got 'yes'`],
  [
    `${C}(t_initial=10, noise_range_t='a')`,
    `${C}: noise_range_t must be None, a step, or a [start, end] pair of steps, got 'a'`,
  ],
  [
    `${C}(t_initial=10, noise_range_t=[1])`,
    `${C}: noise_range_t must be None, a step, or a [start, end] pair of steps, got [1]`,
  ],
  [
    `${C}(t_initial=10, noise_range_t=[1, 2, 3])`,
    `${C}: noise_range_t must be None, a step, or a [start, end] pair of steps, got [1, 2, 3]`,
  ],
  [
    `${C}(t_initial=10, noise_range_t=[1, nan])`,
    `${C}: noise_range_t[1] must be a finite number, got NaN`,
  ],
  [
    `${C}(t_initial=10, noise_range_t=-inf)`,
    `${C}: noise_range_t must be a finite number, got -Infinity`,
  ],
  [`${C}(t_initial=10, noise_pct=0)`, `${C}: noise_pct must be in (0, 1], got 0`],
  [`${C}(t_initial=10, noise_pct=1.5)`, `${C}: noise_pct must be in (0, 1], got 1.5`],
  [`${C}(t_initial=10, noise_std=-1)`, `${C}: noise_std must be a finite number ≥ 0, got -1`],
  [`${C}(t_initial=10, noise_seed=1.5)`, `${C}: noise_seed must be an integer, got 1.5`],
  [
    `${C}(t_initial=10, noise_seed=1e17)`,
    `${C}: noise_seed must be a safe integer (|n| < 2^53), got 100000000000000000`,
  ],
  [`${C}(t_initial=10, k_decay=0)`, `${C}: k_decay must be a finite number > 0, got 0`],
  [
    `${C}(t_initial=10, initialize=None)`,
    `${C}: initialize must be True or False, not None, got None`,
  ],
  [
    'timm.TanhLRScheduler(t_initial=10, lb=nan)',
    'timm.TanhLRScheduler: lb must be a finite number, got NaN',
  ],
  [
    'timm.TanhLRScheduler(t_initial=10, ub=-8)',
    'timm.TanhLRScheduler: ub must be > lb (-7), got -8',
  ],
  [
    'timm.TanhLRScheduler(t_initial=10, lb=3.0, ub=3.0)',
    'timm.TanhLRScheduler: ub must be > lb (3), got 3',
  ],
  [
    'timm.TanhLRScheduler(t_initial=10, cycle_limit=0.5)',
    'timm.TanhLRScheduler: cycle_limit must be an integer, got 0.5',
  ],
  [
    'timm.PolyLRScheduler(t_initial=10, power=-1)',
    'timm.PolyLRScheduler: power must be a finite number ≥ 0, got -1',
  ],
  [
    'timm.PolyLRScheduler(t_initial=10, k_decay=-2)',
    'timm.PolyLRScheduler: k_decay must be a finite number > 0, got -2',
  ],
  [
    'timm.StepLRScheduler(decay_t=0)',
    'timm.StepLRScheduler: decay_t must be a finite number > 0, got 0',
  ],
  [
    'timm.StepLRScheduler(decay_t=10, decay_rate=1.5)',
    'timm.StepLRScheduler: decay_rate must be in [0, 1], got 1.5',
  ],
  [
    'timm.StepLRScheduler(decay_t=10, warmup_prefix=None)',
    'timm.StepLRScheduler: warmup_prefix must be True or False, not None, got None',
  ],
  [
    'timm.MultiStepLRScheduler(decay_t=[10, 5])',
    'timm.MultiStepLRScheduler: decay_t must be sorted (timm bisects it), got [10, 5]',
  ],
  [
    'timm.MultiStepLRScheduler(decay_t=[-1])',
    'timm.MultiStepLRScheduler: decay_t[0] must be a non-negative integer, got -1',
  ],
  [
    'timm.MultiStepLRScheduler(decay_t=5)',
    'timm.MultiStepLRScheduler: decay_t must be a list of integers, got 5',
  ],
  [
    'timm.MultiStepLRScheduler(decay_t=[1, 2], decay_rate=1e200)',
    'timm.MultiStepLRScheduler: decay_rate must keep decay_rate^len(decay_t) finite, got 1e+200',
  ],
  [
    'timm.MultiStepLRScheduler(decay_t=[1], decay_rate=-0.1)',
    'timm.MultiStepLRScheduler: decay_rate must be a finite number ≥ 0, got -0.1',
  ],
  [
    'timm.PlateauLRScheduler(decay_rate=1.0)',
    'timm.PlateauLRScheduler: decay_rate must be in [0, 1), got 1',
  ],
  [
    'timm.PlateauLRScheduler(patience_t=-1)',
    'timm.PlateauLRScheduler: patience_t must be a non-negative integer, got -1',
  ],
  [
    'timm.PlateauLRScheduler(verbose=None)',
    'timm.PlateauLRScheduler: verbose must be True or False, not None, got None',
  ],
  [
    'timm.PlateauLRScheduler(threshold=-1)',
    'timm.PlateauLRScheduler: threshold must be a finite number ≥ 0, got -1',
  ],
  [
    'timm.PlateauLRScheduler(cooldown_t=0.5)',
    'timm.PlateauLRScheduler: cooldown_t must be an integer, got 0.5',
  ],
  [
    'timm.PlateauLRScheduler(warmup_t=-2)',
    'timm.PlateauLRScheduler: warmup_t must be a non-negative integer, got -2',
  ],
  [
    'timm.PlateauLRScheduler(warmup_lr_init=-1)',
    'timm.PlateauLRScheduler: warmup_lr_init must be a finite number ≥ 0, got -1',
  ],
  [
    'timm.PlateauLRScheduler(lr_min=-0.1)',
    'timm.PlateauLRScheduler: lr_min must be a finite number ≥ 0, got -0.1',
  ],
  [
    "timm.PlateauLRScheduler(mode='avg')",
    "timm.PlateauLRScheduler: mode must be one of 'min', 'max', got 'avg'",
  ],
  [
    "timm.PlateauLRScheduler(noise_type='pink')",
    "timm.PlateauLRScheduler: noise_type must be one of 'normal', 'uniform', got 'pink'",
  ],
  [
    'timm.PlateauLRScheduler(noise_range_t={1: 2})',
    'timm.PlateauLRScheduler: noise_range_t must be None, a step, or a [start, end] pair of steps, got {"1":2}',
  ],
  [
    'timm.PlateauLRScheduler(noise_pct=-0.5)',
    'timm.PlateauLRScheduler: noise_pct must be in (0, 1], got -0.5',
  ],
  [
    'timm.PlateauLRScheduler(noise_seed=0.5)',
    'timm.PlateauLRScheduler: noise_seed must be an integer, got 0.5',
  ],
];

describe('timm: bad parameters name the entry, parameter, rule and value', () => {
  for (const [spec, message] of table) {
    it(spec, () => expectThrows(() => resolveSpec(spec), ParameterError, message));
  }

  it('value errors carry their parts and the position in the text', () => {
    const spec = 'timm.CosineLRScheduler(t_initial=0)';
    try {
      resolveSpec(spec);
      expect.fail('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(ParameterError);
      const p = e as ParameterError;
      expect([p.fn, p.param, p.rule, p.value]).toEqual([
        'timm.CosineLRScheduler',
        't_initial',
        'must be a positive integer',
        0,
      ]);
      expect(p.pos).toBe('timm.CosineLRScheduler('.length);
    }
  });

  it('missing required parameters, unknown names and too many arguments', () => {
    expectThrows(
      () => resolveSpec('timm.CosineLRScheduler()'),
      LrkitError,
      "timm.CosineLRScheduler: missing required parameter 't_initial' (steps of the first cycle (updates, or epochs: whatever unit you step in))",
    );
    expectThrows(
      () => resolveSpec('timm.StepLRScheduler(decay_rate=0.5)'),
      LrkitError,
      "timm.StepLRScheduler: missing required parameter 'decay_t' (steps between decays (may be fractional))",
    );
    expectThrows(
      () => resolveSpec('timm.CosineLRScheduler(t_initial=10, cycle_mult=2)'),
      UnknownNameError,
      "timm.CosineLRScheduler: unknown parameter 'cycle_mult'; did you mean 'cycle_mul'?",
    );
    expectThrows(
      () => resolveSpec('timm.CosineLRScheduler(10, t_initial=20)'),
      LrkitError,
      "timm.CosineLRScheduler: got multiple values for parameter 't_initial'",
    );
    expectThrows(
      () => resolveSpec('timm.CosineScheduler(t_initial=10)'),
      UnknownNameError,
      "unknown schedule 'timm.CosineScheduler'; did you mean 'timm.CosineLRScheduler'?",
    );
    expectThrows(
      () =>
        resolveSpec('timm.StepLRScheduler(1, 0.5, 0, 0, True, True, None, 0.67, 1.0, 42, True, 9)'),
      LrkitError,
      'timm.StepLRScheduler: takes at most 11 positional arguments, got 12',
    );
  });

  it('PlateauLRScheduler needs metrics; the others refuse them', () => {
    expect(() => curve('timm.PlateauLRScheduler()', { lr: 0.1, steps: 3 })).toThrow(
      'timm.PlateauLRScheduler is driven by a metric: give 3 metrics (one per step), got 0',
    );
    expect(() =>
      curve('timm.StepLRScheduler(decay_t=1)', { lr: 0.1, steps: 1, metrics: [1] }),
    ).toThrow('timm.StepLRScheduler is not driven by a metric');
  });
});
