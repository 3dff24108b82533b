/**
 * Every parameter rule of the transformers entries, with its exact message: the registry's
 * `<qualifiedName>: <param> <rule>, got <value>` for single parameters, transformers' own wording
 * for the rules between parameters, and the per-group checks made when a scheduler is built.
 */
import { describe, expect, it } from 'vitest';
import {
  LrkitError,
  ParameterError,
  Scheduler,
  curve,
  UnknownNameError,
  resolveSpec,
} from '../../../src/index.js';
import { expectThrows } from '../../helpers/errors.js';

const T = 'transformers.';

/** [spec, error class, exact message]. */
const table: [spec: string, type: new (...args: never[]) => Error, message: string][] = [
  [
    'transformers.get_constant_schedule(last_epoch=3)',
    ParameterError,
    `${T}get_constant_schedule: last_epoch must be -1 (resume from saved state instead), got 3`,
  ],
  [
    'transformers.get_constant_schedule_with_warmup()',
    LrkitError,
    `${T}get_constant_schedule_with_warmup: missing required parameter 'num_warmup_steps' (updates of linear warm-up: the multiplier is k / num_warmup_steps for k below it (0 at k = 0))`,
  ],
  [
    'transformers.get_constant_schedule_with_warmup(num_warmup_steps=-1)',
    ParameterError,
    `${T}get_constant_schedule_with_warmup: num_warmup_steps must be a non-negative integer, got -1`,
  ],
  [
    'transformers.get_constant_schedule_with_warmup(num_warmup_steps=2.5)',
    ParameterError,
    `${T}get_constant_schedule_with_warmup: num_warmup_steps must be an integer, got 2.5`,
  ],
  [
    'transformers.get_linear_schedule_with_warmup(num_warmup_steps=10)',
    LrkitError,
    `${T}get_linear_schedule_with_warmup: missing required parameter 'num_training_steps' (total updates, warm-up included: the decay runs from num_warmup_steps to here)`,
  ],
  [
    'transformers.get_linear_schedule_with_warmup(10, -5)',
    ParameterError,
    `${T}get_linear_schedule_with_warmup: num_training_steps must be a non-negative integer, got -5`,
  ],
  [
    "transformers.get_linear_schedule_with_warmup(10, '100')",
    ParameterError,
    `${T}get_linear_schedule_with_warmup: num_training_steps must be an integer, got '100'`,
  ],
  [
    'transformers.get_cosine_schedule_with_warmup(10, 100, num_cycles=-0.5)',
    ParameterError,
    `${T}get_cosine_schedule_with_warmup: num_cycles must be a finite number in [0, 1e9], got -0.5`,
  ],
  [
    'transformers.get_cosine_with_hard_restarts_schedule_with_warmup(10, 100, num_cycles=nan)',
    ParameterError,
    `${T}get_cosine_with_hard_restarts_schedule_with_warmup: num_cycles must be a finite number in [0, 1e9], got NaN`,
  ],
  [
    'transformers.get_polynomial_decay_schedule_with_warmup(10, 100, lr_end=-1)',
    ParameterError,
    `${T}get_polynomial_decay_schedule_with_warmup: lr_end must be a finite number ≥ 0, got -1`,
  ],
  [
    'transformers.get_polynomial_decay_schedule_with_warmup(10, 100, power=-1)',
    ParameterError,
    `${T}get_polynomial_decay_schedule_with_warmup: power must be a finite number ≥ 0, got -1`,
  ],
  [
    'transformers.get_polynomial_decay_schedule_with_warmup(10, 10)',
    LrkitError,
    `${T}get_polynomial_decay_schedule_with_warmup: num_training_steps must differ from num_warmup_steps (transformers divides by num_training_steps − num_warmup_steps at step num_warmup_steps), got both 10`,
  ],
  [
    'transformers.get_inverse_sqrt_schedule(10, timescale=0)',
    ParameterError,
    `${T}get_inverse_sqrt_schedule: timescale must be a positive integer, got 0`,
  ],
  [
    'transformers.get_reduce_on_plateau_schedule(factor=1)',
    ParameterError,
    `${T}get_reduce_on_plateau_schedule: factor must be in [0, 1), got 1`,
  ],
  [
    "transformers.get_reduce_on_plateau_schedule(mode='avg')",
    ParameterError,
    `${T}get_reduce_on_plateau_schedule: mode must be one of 'min', 'max', got 'avg'`,
  ],
  [
    'transformers.get_reduce_on_plateau_schedule(last_epoch=-1)',
    UnknownNameError,
    `${T}get_reduce_on_plateau_schedule: unknown parameter 'last_epoch'`,
  ],
  [
    'transformers.get_cosine_with_min_lr_schedule_with_warmup(10, 100)',
    LrkitError,
    `${T}get_cosine_with_min_lr_schedule_with_warmup: One of min_lr or min_lr_rate should be set (in the Trainer through \`lr_scheduler_kwargs\`), got both None`,
  ],
  [
    'transformers.get_cosine_with_min_lr_schedule_with_warmup(10, 100, min_lr=1e-3, min_lr_rate=0.1)',
    LrkitError,
    `${T}get_cosine_with_min_lr_schedule_with_warmup: Only one of min_lr or min_lr_rate should be set, got min_lr=0.001 and min_lr_rate=0.1`,
  ],
  [
    'transformers.get_cosine_with_min_lr_schedule_with_warmup(10, 100, min_lr=-1e-3)',
    ParameterError,
    `${T}get_cosine_with_min_lr_schedule_with_warmup: min_lr must be a finite number ≥ 0, got -0.001`,
  ],
  [
    'transformers.get_cosine_with_min_lr_schedule_with_warmup(10, 100, min_lr_rate=inf)',
    ParameterError,
    `${T}get_cosine_with_min_lr_schedule_with_warmup: min_lr_rate must be in [0, 1], got Infinity`,
  ],
  [
    'transformers.get_cosine_with_min_lr_schedule_with_warmup(10, 100, min_lr_rate=1.5)',
    ParameterError,
    `${T}get_cosine_with_min_lr_schedule_with_warmup: min_lr_rate must be in [0, 1], got 1.5`,
  ],
  [
    'transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate(10, 100, min_lr_rate=0.1, warmup_lr_rate=-0.1)',
    ParameterError,
    `${T}get_cosine_with_min_lr_schedule_with_warmup_lr_rate: warmup_lr_rate must be in [0, 1], got -0.1`,
  ],
  [
    'transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate(10, 100)',
    LrkitError,
    `${T}get_cosine_with_min_lr_schedule_with_warmup_lr_rate: One of min_lr or min_lr_rate should be set (in the Trainer through \`lr_scheduler_kwargs\`), got both None`,
  ],
  [
    'transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate(10, 100, min_lr=0.1, min_lr_rate=0.1)',
    LrkitError,
    `${T}get_cosine_with_min_lr_schedule_with_warmup_lr_rate: Only one of min_lr or min_lr_rate should be set, got min_lr=0.1 and min_lr_rate=0.1`,
  ],
  [
    'transformers.get_wsd_schedule(10, 20)',
    LrkitError,
    `${T}get_wsd_schedule: Either num_training_steps or num_stable_steps must be specified, got both None`,
  ],
  [
    "transformers.get_wsd_schedule(10, 20, 100, warmup_type='exp')",
    ParameterError,
    `${T}get_wsd_schedule: warmup_type must be one of 'linear', 'cosine', '1-sqrt', got 'exp'`,
  ],
  [
    "transformers.get_wsd_schedule(10, 20, 100, decay_type='sqrt')",
    ParameterError,
    `${T}get_wsd_schedule: decay_type must be one of 'linear', 'cosine', '1-sqrt', got 'sqrt'`,
  ],
  [
    'transformers.get_wsd_schedule(10, 20, 100, min_lr_ratio=-0.1)',
    ParameterError,
    `${T}get_wsd_schedule: min_lr_ratio must be in [0, 1], got -0.1`,
  ],
  [
    'transformers.get_wsd_schedule(10, 20, num_stable_steps=-1)',
    ParameterError,
    `${T}get_wsd_schedule: num_stable_steps must be a non-negative integer, got -1`,
  ],
  [
    'transformers.get_wsd_schedule(10, -20, 100)',
    ParameterError,
    `${T}get_wsd_schedule: num_decay_steps must be a non-negative integer, got -20`,
  ],
  [
    'transformers.get_wsd_schedule(10, 20, 100, num_cycles=-1)',
    ParameterError,
    `${T}get_wsd_schedule: num_cycles must be a finite number in [0, 1e9], got -1`,
  ],
  [
    "transformers.get_scheduler('linera', optimizer, 10, 100)",
    ParameterError,
    `${T}get_scheduler: name must be one of 'linear', 'cosine', 'cosine_with_restarts', 'polynomial', 'constant', 'constant_with_warmup', 'inverse_sqrt', 'reduce_lr_on_plateau', 'cosine_with_min_lr', 'cosine_warmup_with_min_lr', 'warmup_stable_decay', got 'linera'`,
  ],
  [
    "transformers.get_scheduler('linear', optimizer, num_training_steps=100)",
    LrkitError,
    `${T}get_scheduler: linear requires \`num_warmup_steps\`, please provide that argument (got num_warmup_steps=None)`,
  ],
  [
    "transformers.get_scheduler('inverse_sqrt', optimizer)",
    LrkitError,
    `${T}get_scheduler: inverse_sqrt requires \`num_warmup_steps\`, please provide that argument (got num_warmup_steps=None)`,
  ],
  [
    "transformers.get_scheduler('linear', optimizer, 10)",
    LrkitError,
    `${T}get_scheduler: linear requires \`num_training_steps\`, please provide that argument (got num_training_steps=None)`,
  ],
  [
    "transformers.get_scheduler('cosine_warmup_with_min_lr', optimizer, 10, scheduler_specific_kwargs={'min_lr_rate': 0.1})",
    LrkitError,
    `${T}get_scheduler: cosine_warmup_with_min_lr requires \`num_training_steps\`, please provide that argument (got num_training_steps=None)`,
  ],
  [
    "transformers.get_scheduler('linear', optimizer, -10, 100)",
    ParameterError,
    `${T}get_scheduler: num_warmup_steps must be a non-negative integer, got -10`,
  ],
  [
    "transformers.get_scheduler('cosine', optimizer, 10, 100, scheduler_specific_kwargs=5)",
    ParameterError,
    `${T}get_scheduler: scheduler_specific_kwargs must be a dict such as {'num_cycles': 2}, got 5`,
  ],
  [
    "transformers.get_scheduler('cosine', optimizer, 10, 100, scheduler_specific_kwargs={'num_cycle': 2})",
    UnknownNameError,
    `${T}get_scheduler: name='cosine' calls ${T}get_cosine_schedule_with_warmup: unknown parameter 'num_cycle'; did you mean 'num_cycles'?`,
  ],
  [
    "transformers.get_scheduler('cosine', optimizer, 10, 100, scheduler_specific_kwargs={'num_cycles': -2})",
    ParameterError,
    `${T}get_scheduler: name='cosine' calls ${T}get_cosine_schedule_with_warmup: num_cycles must be a finite number in [0, 1e9], got -2`,
  ],
  [
    "transformers.get_scheduler('cosine', optimizer, 10, 100, scheduler_specific_kwargs={'num_warmup_steps': 2})",
    LrkitError,
    `${T}get_scheduler: name='cosine' calls ${T}get_cosine_schedule_with_warmup: got multiple values for parameter 'num_warmup_steps'`,
  ],
  [
    "transformers.get_scheduler('warmup_stable_decay', optimizer, 10, scheduler_specific_kwargs={'num_decay_steps': 2})",
    LrkitError,
    `${T}get_scheduler: name='warmup_stable_decay' calls ${T}get_wsd_schedule: Either num_training_steps or num_stable_steps must be specified, got both None`,
  ],
  [
    "transformers.get_scheduler('cosine_with_min_lr', optimizer, 10, 100)",
    LrkitError,
    `${T}get_scheduler: name='cosine_with_min_lr' calls ${T}get_cosine_with_min_lr_schedule_with_warmup: One of min_lr or min_lr_rate should be set (in the Trainer through \`lr_scheduler_kwargs\`), got both None`,
  ],
  [
    "transformers.get_scheduler('polynomial', optimizer, 10, 10)",
    LrkitError,
    `${T}get_scheduler: name='polynomial' calls ${T}get_polynomial_decay_schedule_with_warmup: num_training_steps must differ from num_warmup_steps (transformers divides by num_training_steps − num_warmup_steps at step num_warmup_steps), got both 10`,
  ],
  [
    'transformers.get_linear_schedule_with_warmup(optimizer, 10, 100, -1, 5)',
    LrkitError,
    `${T}get_linear_schedule_with_warmup: takes at most 3 positional arguments, got 4`,
  ],
  [
    'transformers.get_cosine_schedule_with_warmup(10, 100, num_cycle=2)',
    UnknownNameError,
    `${T}get_cosine_schedule_with_warmup: unknown parameter 'num_cycle'; did you mean 'num_cycles'?`,
  ],
  [
    'transformers.get_cosine_schedule(10, 100)',
    UnknownNameError,
    "unknown schedule 'transformers.get_cosine_schedule'; did you mean 'transformers.get_cosine_schedule_with_warmup'?",
  ],
];

describe('transformers parameter errors', () => {
  for (const [spec, type, message] of table) {
    it(spec, () => {
      expectThrows(
        () => {
          const bound = resolveSpec(spec);
          bound.entry.build(bound.args);
        },
        type,
        message,
      );
    });
  }

  it('value errors carry fn, param, rule and value', () => {
    try {
      resolveSpec('transformers.get_inverse_sqrt_schedule(10, timescale=0)');
      expect.fail('no error');
    } catch (e) {
      const p = e as ParameterError;
      expect([p.fn, p.param, p.rule, p.value]).toEqual([
        'transformers.get_inverse_sqrt_schedule',
        'timescale',
        'must be a positive integer',
        0,
      ]);
    }
  });

  // lr_init is the group's base lr, known only when the scheduler is built (transformers raises
  // `lr_end (…) must be smaller than initial lr (…)` when it is not greater than lr_end)
  const groupErrors: [spec: string, lr: number[], message: string][] = [
    [
      'transformers.get_polynomial_decay_schedule_with_warmup(10, 100, lr_end=0.05)',
      [0.1, 0.01],
      `${T}get_polynomial_decay_schedule_with_warmup: lr_end must be smaller than the initial lr of param group 1 (0.01), got 0.05`,
    ],
    [
      'transformers.get_polynomial_decay_schedule_with_warmup(10, 100, lr_end=0.1)',
      [0.1],
      `${T}get_polynomial_decay_schedule_with_warmup: lr_end must be smaller than the initial lr of param group 0 (0.1), got 0.1`,
    ],
    [
      'transformers.get_polynomial_decay_schedule_with_warmup(10, 100, lr_end=0)',
      [0],
      `${T}get_polynomial_decay_schedule_with_warmup: lr_end must be smaller than the initial lr of param group 0 (0), got 0`,
    ],
    [
      'transformers.get_cosine_with_min_lr_schedule_with_warmup(10, 100, min_lr=0.05)',
      [0.1, 0.01],
      `${T}get_cosine_with_min_lr_schedule_with_warmup: min_lr must be at most the initial lr of param group 1 (0.01), as min_lr_rate = min_lr / lr is a rate in [0, 1], got 0.05`,
    ],
    [
      "transformers.get_scheduler('cosine_warmup_with_min_lr', optimizer, 1, 10, scheduler_specific_kwargs={'min_lr': 1e-3})",
      [0],
      `${T}get_cosine_with_min_lr_schedule_with_warmup_lr_rate: min_lr must be at most the initial lr of param group 0 (0), as min_lr_rate = min_lr / lr is a rate in [0, 1], got 0.001`,
    ],
  ];
  for (const [spec, lr, message] of groupErrors) {
    it(`${spec} with lr ${lr.join(', ')}`, () => {
      expectThrows(() => new Scheduler(spec, { lr }), ParameterError, message);
    });
  }

  it('a floor equal to the base lr keeps it flat; min_lr=0 on a zero-lr group gives 0', () => {
    const spec = (minLr: number) =>
      `transformers.get_cosine_with_min_lr_schedule_with_warmup(0, 4, min_lr=${minLr})`;
    expect(curve(spec(0.1), { lr: 0.1, steps: 3 }).lr).toEqual([[0.1, 0.1, 0.1, 0.1]]);
    expect(curve(spec(0), { lr: [0.1, 0], steps: 2 }).lr[1]).toEqual([0, 0, 0]);
  });
});
