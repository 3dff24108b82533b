/**
 * Bad parameters for every PyTorch scheduler raise lrkit's error type with a message naming the
 * scheduler, the parameter, the rule and the value.
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

const table: [spec: string, message: string][] = [
  [
    'LambdaLR(lr_lambda=5)',
    "LambdaLR: lr_lambda must be a lambda such as 'lambda e: 0.95**e', got 5",
  ],
  [
    "LambdaLR(lr_lambda='lambda a, b: a')",
    "LambdaLR: lr_lambda must take exactly one argument (the epoch), got 'lambda a, b: a'",
  ],
  [
    'MultiplicativeLR(lr_lambda=[])',
    'MultiplicativeLR: lr_lambda must not be an empty list, got []',
  ],
  ['StepLR(step_size=0)', 'StepLR: step_size must be a positive integer, got 0'],
  ['StepLR(step_size=2.5)', 'StepLR: step_size must be an integer, got 2.5'],
  ['StepLR(step_size=10, gamma=-0.1)', 'StepLR: gamma must be a finite number ≥ 0, got -0.1'],
  ["StepLR(step_size='10')", "StepLR: step_size must be an integer, got '10'"],
  [
    'MultiStepLR(milestones=[10, -1])',
    'MultiStepLR: milestones[1] must be a non-negative integer, got -1',
  ],
  ['MultiStepLR(milestones=5)', 'MultiStepLR: milestones must be a list of integers, got 5'],
  ['ConstantLR(factor=1.5)', 'ConstantLR: factor must be in [0, 1], got 1.5'],
  ['ConstantLR(total_iters=-1)', 'ConstantLR: total_iters must be a non-negative integer, got -1'],
  ['LinearLR(start_factor=0)', 'LinearLR: start_factor must be in (0, 1], got 0'],
  ['LinearLR(end_factor=2)', 'LinearLR: end_factor must be in [0, 1], got 2'],
  ['ExponentialLR(gamma=nan)', 'ExponentialLR: gamma must be a finite number ≥ 0, got NaN'],
  ['ExponentialLR()', "ExponentialLR: missing required parameter 'gamma' (factor per epoch)"],
  ['PolynomialLR(total_iters=0)', 'PolynomialLR: total_iters must be a positive integer, got 0'],
  ['PolynomialLR(power=-1)', 'PolynomialLR: power must be a finite number ≥ 0, got -1'],
  ['CosineAnnealingLR(T_max=0)', 'CosineAnnealingLR: T_max must be a finite number > 0, got 0'],
  [
    'CosineAnnealingLR(T_max=10, eta_min=-1e-3)',
    'CosineAnnealingLR: eta_min must be a finite number ≥ 0, got -0.001',
  ],
  [
    'CosineAnnealingWarmRestarts(T_0=0)',
    'CosineAnnealingWarmRestarts: T_0 must be a positive integer, got 0',
  ],
  [
    'CosineAnnealingWarmRestarts(T_0=10, T_mult=0)',
    'CosineAnnealingWarmRestarts: T_mult must be an integer ≥ 1, got 0',
  ],
  [
    'CosineAnnealingWarmRestarts(T_0=10, T_mult=1.5)',
    'CosineAnnealingWarmRestarts: T_mult must be an integer, got 1.5',
  ],
  [
    'CyclicLR(base_lr=0.1, max_lr=1, mode="tri")',
    "CyclicLR: mode must be one of 'triangular', 'triangular2', 'exp_range', got 'tri'",
  ],
  [
    'CyclicLR(base_lr=0.1, max_lr=1, step_size_up=0)',
    'CyclicLR: step_size_up must be a finite number > 0, got 0',
  ],
  ['CyclicLR(base_lr=-0.1, max_lr=1)', 'CyclicLR: base_lr must be a finite number ≥ 0, got -0.1'],
  [
    'CyclicLR(base_lr=0.1, max_lr=[1, -2])',
    'CyclicLR: max_lr[1] must be a finite number ≥ 0, got -2',
  ],
  [
    'CyclicLR(base_lr=0.1, max_lr=1, base_momentum=1.2)',
    'CyclicLR: base_momentum must be in [0, 1], got 1.2',
  ],
  [
    "CyclicLR(base_lr=0.1, max_lr=1, scale_mode='epoch')",
    "CyclicLR: scale_mode must be one of 'cycle', 'iterations', got 'epoch'",
  ],
  [
    'OneCycleLR(max_lr=0.1, total_steps=0)',
    'OneCycleLR: total_steps must be a positive integer, got 0',
  ],
  [
    'OneCycleLR(max_lr=0.1, total_steps=100, pct_start=1.5)',
    'OneCycleLR: pct_start must be in [0, 1], got 1.5',
  ],
  [
    "OneCycleLR(max_lr=0.1, total_steps=100, anneal_strategy='cosine')",
    "OneCycleLR: anneal_strategy must be one of 'cos', 'linear', got 'cosine'",
  ],
  [
    'OneCycleLR(max_lr=0.1, total_steps=100, div_factor=0)',
    'OneCycleLR: div_factor must be a finite number > 0, got 0',
  ],
  [
    'OneCycleLR(max_lr=0.1, epochs=10)',
    'OneCycleLR: give total_steps, or both epochs and steps_per_epoch (PyTorch: "You must define either total_steps OR (epochs AND steps_per_epoch)")',
  ],
  [
    'OneCycleLR(max_lr=0.1, total_steps=10, three_phase=1)',
    'OneCycleLR: three_phase must be True or False, got 1',
  ],
  [
    'SequentialLR(schedulers=[StepLR(step_size=1)], milestones=[3])',
    'SequentialLR: milestones must have one fewer item than schedulers (1 schedulers need 0), got 1',
  ],
  [
    'SequentialLR(schedulers=[], milestones=[])',
    'SequentialLR: schedulers must not be empty, got []',
  ],
  [
    'SequentialLR(schedulers=[StepLR(step_size=1), StepLR(step_size=2), StepLR(step_size=3)], milestones=[5, 2])',
    'SequentialLR: milestones must be non-decreasing, got 5 then 2 at index 1',
  ],
  [
    'SequentialLR(schedulers=[StepLR(step_size=0), StepLR(step_size=1)], milestones=[2])',
    'StepLR: step_size must be a positive integer, got 0',
  ],
  [
    'ChainedScheduler(schedulers=[5])',
    'ChainedScheduler: schedulers[0] must be a scheduler such as StepLR(step_size=10), got 5',
  ],
  ['ReduceLROnPlateau(factor=1.0)', 'ReduceLROnPlateau: factor must be in [0, 1), got 1'],
  [
    "ReduceLROnPlateau(mode='mid')",
    "ReduceLROnPlateau: mode must be one of 'min', 'max', got 'mid'",
  ],
  [
    "ReduceLROnPlateau(threshold_mode='relative')",
    "ReduceLROnPlateau: threshold_mode must be one of 'rel', 'abs', got 'relative'",
  ],
  [
    'ReduceLROnPlateau(patience=-1)',
    'ReduceLROnPlateau: patience must be a non-negative integer, got -1',
  ],
  ['ReduceLROnPlateau(cooldown=1.5)', 'ReduceLROnPlateau: cooldown must be an integer, got 1.5'],
  ['ReduceLROnPlateau(min_lr=-1)', 'ReduceLROnPlateau: min_lr must be a finite number ≥ 0, got -1'],
  ['ReduceLROnPlateau(eps=-1)', 'ReduceLROnPlateau: eps must be a finite number ≥ 0, got -1'],
  [
    'StepLR(step_size=10, last_epoch=5)',
    'StepLR: last_epoch must be -1 (resume from saved state instead), got 5',
  ],
];

describe('bad parameters name the scheduler, parameter, rule and value', () => {
  for (const [spec, message] of table) {
    it(spec, () => {
      expectThrows(
        () => {
          const bound = resolveSpec(spec);
          bound.entry.build(bound.args);
        },
        LrkitError,
        message,
      );
    });
  }

  it('value errors are ParameterErrors carrying the parts', () => {
    try {
      resolveSpec('StepLR(step_size=0)');
      expect.fail('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(ParameterError);
      const p = e as ParameterError;
      expect([p.fn, p.param, p.rule, p.value]).toEqual([
        'StepLR',
        'step_size',
        'must be a positive integer',
        0,
      ]);
      expect(p.pos).toBe('StepLR('.length);
    }
  });

  it('unknown names get a did-you-mean', () => {
    expect(() => resolveSpec('StepLr(step_size=1)')).toThrow(
      "unknown schedule 'StepLr'; did you mean 'StepLR'?",
    );
    expect(() => resolveSpec('CosineAnnealing(T_max=1)')).toThrow(
      "did you mean 'CosineAnnealingLR'?",
    );
    expect(() => resolveSpec('StepLR(step_size=1, gama=0.5)')).toThrow(
      "StepLR: unknown parameter 'gama'; did you mean 'gamma'?",
    );
    try {
      resolveSpec('StepLR(step_size=1, gama=0.5)');
    } catch (e) {
      expect(e).toBeInstanceOf(UnknownNameError);
      expect((e as UnknownNameError).pos).toBe('StepLR(step_size=1, '.length);
    }
  });

  it('per-group lists must match the number of param groups', () => {
    expect(
      () => new Scheduler('OneCycleLR(max_lr=[0.1, 0.01], total_steps=10)', { lr: 0.1 }),
    ).toThrow('OneCycleLR: max_lr must have one value per param group (1 group), got [0.1, 0.01]');
    expect(
      () => new Scheduler("LambdaLR(lr_lambda=['lambda e: 1', 'lambda e: 2'])", { lr: [1, 2, 3] }),
    ).toThrow('LambdaLR: lr_lambda must have one value per param group (3 groups), got 2 values');
    expect(() => new Scheduler('ReduceLROnPlateau(min_lr=[0, 0, 0])', { lr: [1, 2] })).toThrow(
      'ReduceLROnPlateau: min_lr must have one value per param group (2 groups), got [0, 0, 0]',
    );
  });

  it('bad groups and a lambda that goes negative are named', () => {
    expect(() => new Scheduler('StepLR(step_size=1)', { lr: -1 })).toThrow(
      'Scheduler: lr of group 0 must be a finite number ≥ 0, got -1',
    );
    expect(() => new Scheduler('StepLR(step_size=1)', { lr: [] })).toThrow(
      'at least one param group',
    );
    expect(() => curve("LambdaLR(lr_lambda='lambda e: 1 - 0.5*e')", { lr: 0.1, steps: 5 })).toThrow(
      'LambdaLR: the lr of group 0 would be -0.05 at step 3; learning rates must be finite and ≥ 0',
    );
  });

  it('ReduceLROnPlateau cannot be sequenced', () => {
    expect(
      () =>
        new Scheduler(
          'SequentialLR(schedulers=[StepLR(step_size=1), ReduceLROnPlateau()], milestones=[2])',
          { lr: 0.1 },
        ),
    ).toThrow(
      'SequentialLR: schedulers[1] is ReduceLROnPlateau, which is driven by metrics and cannot be composed',
    );
  });
});
