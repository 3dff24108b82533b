/**
 * Bad parameters for every optax schedule raise lrkit's error types at bind time, with a message
 * naming the schedule, the parameter, the rule and the value. Where optax logs and falls back
 * (transition_steps ≤ 0, decay_rate = 0, a negative transition_begin) lrkit raises.
 */
import { describe, it } from 'vitest';
import {
  LrkitError,
  ParameterError,
  UnknownNameError,
  resolveSpec,
  toSchedule,
} from '../../../src/index.js';
import { expectThrows } from '../../helpers/errors.js';

const P = ParameterError;
const L = LrkitError;
const U = UnknownNameError;
const sgdrCycle = "{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 10, 'decay_steps': 100";

type ErrorClass = new (...args: never[]) => Error;

const table: [spec: string, type: ErrorClass, message: string][] = [
  // constant_schedule
  [
    'optax.constant_schedule()',
    L,
    "optax.constant_schedule: missing required parameter 'value' (the learning rate, at every step)",
  ],
  [
    'optax.constant_schedule(-0.1)',
    P,
    'optax.constant_schedule: value must be a finite number ≥ 0, got -0.1',
  ],
  [
    "optax.constant_schedule('0.1')",
    P,
    "optax.constant_schedule: value must be a number, got '0.1'",
  ],
  [
    'optax.constant_schedule(0.1, 2)',
    L,
    'optax.constant_schedule: takes at most 1 positional arguments, got 2',
  ],
  [
    'optax.constant_schedule(val=0.1)',
    U,
    "optax.constant_schedule: unknown parameter 'val'; did you mean 'value'?",
  ],

  // linear_schedule / polynomial_schedule
  [
    'optax.linear_schedule(0.1, 0.0, 0)',
    P,
    'optax.linear_schedule: transition_steps must be a positive integer, got 0',
  ],
  [
    'optax.linear_schedule(0.1, 0.0, -5)',
    P,
    'optax.linear_schedule: transition_steps must be a positive integer, got -5',
  ],
  [
    'optax.linear_schedule(0.1, 0.0, 2.5)',
    P,
    'optax.linear_schedule: transition_steps must be an integer, got 2.5',
  ],
  [
    'optax.linear_schedule(0.1, -0.1, 10)',
    P,
    'optax.linear_schedule: end_value must be a finite number ≥ 0, got -0.1',
  ],
  [
    'optax.linear_schedule(0.1, 0.0, 10, -1)',
    P,
    'optax.linear_schedule: transition_begin must be a non-negative integer, got -1',
  ],
  [
    'optax.linear_schedule(0.1, 0.0)',
    L,
    "optax.linear_schedule: missing required parameter 'transition_steps' (steps of the transition from init_value to end_value)",
  ],
  [
    'optax.polynomial_schedule(0.1, 0.0, -1, 10)',
    P,
    'optax.polynomial_schedule: power must be a finite number ≥ 0, got -1',
  ],
  [
    "optax.polynomial_schedule(0.1, 0.0, float('nan'), 10)",
    P,
    'optax.polynomial_schedule: power must be a finite number ≥ 0, got NaN',
  ],
  [
    'optax.polynomial_schedule(0.1, 0.0, 1, 0)',
    P,
    'optax.polynomial_schedule: transition_steps must be a positive integer, got 0',
  ],
  [
    "optax.polynomial_schedule(float('inf'), 0.0, 1, 10)",
    P,
    'optax.polynomial_schedule: init_value must be a finite number ≥ 0, got Infinity',
  ],

  // piecewise_constant_schedule / piecewise_interpolate_schedule
  [
    'optax.piecewise_constant_schedule(0.1, {10: -0.5})',
    P,
    'optax.piecewise_constant_schedule: boundaries_and_scales[10] must be a finite number ≥ 0, got -0.5',
  ],
  [
    "optax.piecewise_constant_schedule(0.1, {10: float('inf')})",
    P,
    'optax.piecewise_constant_schedule: boundaries_and_scales[10] must be a finite number ≥ 0, got Infinity',
  ],
  [
    "optax.piecewise_constant_schedule(0.1, {10: '0.5'})",
    P,
    "optax.piecewise_constant_schedule: boundaries_and_scales[10] must be a finite number ≥ 0, got '0.5'",
  ],
  [
    'optax.piecewise_constant_schedule(0.1, {-10: 0.5})',
    P,
    'optax.piecewise_constant_schedule: boundaries_and_scales keys must be non-negative integers (steps), got -10',
  ],
  [
    'optax.piecewise_constant_schedule(0.1, {2.5: 0.5})',
    P,
    'optax.piecewise_constant_schedule: boundaries_and_scales keys must be non-negative integers (steps), got 2.5',
  ],
  [
    "optax.piecewise_constant_schedule(0.1, {'a': 0.5})",
    P,
    "optax.piecewise_constant_schedule: boundaries_and_scales keys must be non-negative integers (steps), got 'a'",
  ],
  [
    "optax.piecewise_constant_schedule(0.1, {10: 0.5, '10': 0.1})",
    P,
    'optax.piecewise_constant_schedule: boundaries_and_scales must not give the same step twice, got 10',
  ],
  [
    'optax.piecewise_constant_schedule(0.1, [10, 0.5])',
    P,
    'optax.piecewise_constant_schedule: boundaries_and_scales must be a dict {step: scale}, got [10, 0.5]',
  ],
  [
    'optax.piecewise_constant_schedule(0.1, {10: 1e300, 20: 1e300})',
    P,
    'optax.piecewise_constant_schedule: boundaries_and_scales[20] must keep the value finite (init_value × the scales up to step 20 overflows), got 1e+300',
  ],
  [
    "optax.piecewise_interpolate_schedule('cos', 0.1, {10: 0.5})",
    P,
    "optax.piecewise_interpolate_schedule: interpolate_type must be one of 'linear', 'cosine', got 'cos'",
  ],
  [
    "optax.piecewise_interpolate_schedule('linear', -0.1)",
    P,
    'optax.piecewise_interpolate_schedule: init_value must be a finite number ≥ 0, got -0.1',
  ],
  [
    "optax.piecewise_interpolate_schedule('linear', 0.1, {10: -1})",
    P,
    'optax.piecewise_interpolate_schedule: boundaries_and_scales[10] must be a finite number ≥ 0, got -1',
  ],
  [
    'optax.piecewise_interpolate_schedule(0.1, {10: 0.5})',
    P,
    "optax.piecewise_interpolate_schedule: interpolate_type must be one of 'linear', 'cosine', got 0.1",
  ],

  // exponential_decay
  [
    'optax.exponential_decay(0.1, 0, 0.5)',
    P,
    'optax.exponential_decay: transition_steps must be a positive integer, got 0',
  ],
  [
    'optax.exponential_decay(0.1, 10, 0)',
    P,
    'optax.exponential_decay: decay_rate must be a finite number > 0, got 0',
  ],
  [
    'optax.exponential_decay(0.1, 10, -0.5)',
    P,
    'optax.exponential_decay: decay_rate must be a finite number > 0, got -0.5',
  ],
  [
    'optax.exponential_decay(0.1, 10, 0.5, transition_begin=-1)',
    P,
    'optax.exponential_decay: transition_begin must be a non-negative integer, got -1',
  ],
  [
    "optax.exponential_decay(0.1, 10, 0.5, staircase='yes')",
    P,
    "optax.exponential_decay: staircase must be True or False, got 'yes'",
  ],
  [
    'optax.exponential_decay(0.1, 10, 0.5, end_value=-1.0)',
    P,
    'optax.exponential_decay: end_value must be a finite number ≥ 0, got -1',
  ],

  // cosine_decay_schedule
  [
    'optax.cosine_decay_schedule(0.1, 0)',
    P,
    'optax.cosine_decay_schedule: decay_steps must be a positive integer, got 0',
  ],
  [
    'optax.cosine_decay_schedule(0.1, 10, alpha=-0.1)',
    P,
    'optax.cosine_decay_schedule: alpha must be a finite number ≥ 0, got -0.1',
  ],
  [
    'optax.cosine_decay_schedule(0.1, 10, exponent=-1.0)',
    P,
    'optax.cosine_decay_schedule: exponent must be a finite number ≥ 0, got -1',
  ],
  [
    'optax.cosine_decay_schedule(1e300, 10, alpha=1e10)',
    P,
    'optax.cosine_decay_schedule: alpha must keep init_value · alpha finite (init_value is 1e+300), got 10000000000',
  ],

  // warm-up schedules
  [
    'optax.warmup_constant_schedule(0.0, 0.1, 0)',
    P,
    'optax.warmup_constant_schedule: warmup_steps must be a positive integer, got 0',
  ],
  [
    'optax.warmup_cosine_decay_schedule(0.0, 0.1, 10, 10)',
    P,
    'optax.warmup_cosine_decay_schedule: decay_steps must be > warmup_steps (10) since it includes the warm-up, got 10',
  ],
  [
    'optax.warmup_cosine_decay_schedule(0.0, 0.1, 10, 5)',
    P,
    'optax.warmup_cosine_decay_schedule: decay_steps must be > warmup_steps (10) since it includes the warm-up, got 5',
  ],
  [
    'optax.warmup_cosine_decay_schedule(0.0, 0.1, -1, 5)',
    P,
    'optax.warmup_cosine_decay_schedule: warmup_steps must be a non-negative integer, got -1',
  ],
  [
    'optax.warmup_cosine_decay_schedule(0.0, 0.1, 0, 0)',
    P,
    'optax.warmup_cosine_decay_schedule: decay_steps must be a positive integer, got 0',
  ],
  [
    'optax.warmup_cosine_decay_schedule(0.0, 0.1, 0, 10, exponent=-2.0)',
    P,
    'optax.warmup_cosine_decay_schedule: exponent must be a finite number ≥ 0, got -2',
  ],
  [
    'optax.warmup_cosine_decay_schedule(0.0, 1e-320, 0, 10, end_value=1e10)',
    P,
    'optax.warmup_cosine_decay_schedule: end_value must keep end_value / peak_value finite (peak_value is 1e-320), got 10000000000',
  ],
  [
    'optax.warmup_exponential_decay_schedule(0.0, 0.1, 10, 0, 0.5)',
    P,
    'optax.warmup_exponential_decay_schedule: transition_steps must be a positive integer, got 0',
  ],
  [
    'optax.warmup_exponential_decay_schedule(0.0, 0.1, -1, 10, 0.5)',
    P,
    'optax.warmup_exponential_decay_schedule: warmup_steps must be a non-negative integer, got -1',
  ],
  [
    'optax.warmup_exponential_decay_schedule(0.0, 0.1, 10, 10, 0.0)',
    P,
    'optax.warmup_exponential_decay_schedule: decay_rate must be a finite number > 0, got 0',
  ],

  // one-cycle schedules
  [
    'optax.linear_onecycle_schedule(0, 0.1)',
    P,
    'optax.linear_onecycle_schedule: transition_steps must be a positive integer, got 0',
  ],
  [
    'optax.linear_onecycle_schedule(100, 0.1, pct_start=1.5)',
    P,
    'optax.linear_onecycle_schedule: pct_start must be in [0, 1], got 1.5',
  ],
  [
    'optax.linear_onecycle_schedule(100, 0.1, pct_final=-0.1)',
    P,
    'optax.linear_onecycle_schedule: pct_final must be in [0, 1], got -0.1',
  ],
  [
    'optax.linear_onecycle_schedule(100, 0.1, div_factor=0)',
    P,
    'optax.linear_onecycle_schedule: div_factor must be a finite number > 0, got 0',
  ],
  [
    'optax.linear_onecycle_schedule(100, 0.1, final_div_factor=0)',
    P,
    'optax.linear_onecycle_schedule: final_div_factor must be a finite number > 0, got 0',
  ],
  [
    'optax.linear_onecycle_schedule(100, 1e300, div_factor=1e-10)',
    P,
    'optax.linear_onecycle_schedule: div_factor must keep peak_value / div_factor finite (peak_value is 1e+300), got 1e-10',
  ],
  [
    'optax.linear_onecycle_schedule(100, 0.1, final_div_factor=1e-310)',
    P,
    'optax.linear_onecycle_schedule: final_div_factor must not be so small that its reciprocal overflows, got 1e-310',
  ],
  [
    'optax.linear_onecycle_schedule(1, 1e-12, div_factor=5.56268464626801e-309)',
    P,
    'optax.linear_onecycle_schedule: div_factor must keep the schedule finite (peak_value is 1e-12), got 5.56268464626801e-309',
  ],
  [
    'optax.linear_onecycle_schedule(10, 1e300, div_factor=1.0, final_div_factor=1e-10)',
    P,
    'optax.linear_onecycle_schedule: final_div_factor must keep the schedule finite (peak_value is 1e+300), got 1e-10',
  ],
  [
    'optax.cosine_onecycle_schedule(-5, 0.1)',
    P,
    'optax.cosine_onecycle_schedule: transition_steps must be a positive integer, got -5',
  ],
  [
    'optax.cosine_onecycle_schedule(100, -0.1)',
    P,
    'optax.cosine_onecycle_schedule: peak_value must be a finite number ≥ 0, got -0.1',
  ],
  [
    'optax.cosine_onecycle_schedule(100, 0.1, div_factor=-25)',
    P,
    'optax.cosine_onecycle_schedule: div_factor must be a finite number > 0, got -25',
  ],
  [
    'optax.cosine_onecycle_schedule(100, 0.1, div_factor=1e-200, final_div_factor=1e-200)',
    P,
    'optax.cosine_onecycle_schedule: final_div_factor must not be so small that its reciprocal overflows, got 1e-200',
  ],

  // sgdr_schedule
  ['optax.sgdr_schedule([])', P, 'optax.sgdr_schedule: cosine_kwargs must not be empty, got []'],
  [
    'optax.sgdr_schedule(5)',
    P,
    'optax.sgdr_schedule: cosine_kwargs must be a list of dicts, got 5',
  ],
  [
    'optax.sgdr_schedule([5])',
    P,
    "optax.sgdr_schedule: cosine_kwargs[0] must be a dict of warmup_cosine_decay_schedule arguments such as {'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 10, 'decay_steps': 100}, got 5",
  ],
  [
    "optax.sgdr_schedule([{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 10}])",
    L,
    "optax.sgdr_schedule: cosine_kwargs[0] is missing 'decay_steps' (total steps of warm-up and cosine; the cosine runs decay_steps − warmup_steps steps)",
  ],
  [
    `optax.sgdr_schedule([${sgdrCycle}, 'foo': 1}])`,
    U,
    "optax.sgdr_schedule: cosine_kwargs[0]: unknown key 'foo'",
  ],
  [
    `optax.sgdr_schedule([${sgdrCycle}, 'end_valu': 1}])`,
    U,
    "optax.sgdr_schedule: cosine_kwargs[0]: unknown key 'end_valu'; did you mean 'end_value'?",
  ],
  [
    `optax.sgdr_schedule([${sgdrCycle}, 'initValue': 0.1}])`,
    L,
    "optax.sgdr_schedule: cosine_kwargs[0] gives 'init_value' twice",
  ],
  [
    `optax.sgdr_schedule([${sgdrCycle}}, {'init_value': 0.0, 'peak_value': -0.1, 'warmup_steps': 10, 'decay_steps': 100}])`,
    P,
    'optax.sgdr_schedule: cosine_kwargs[1].peak_value must be a finite number ≥ 0, got -0.1',
  ],
  [
    "optax.sgdr_schedule([{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 10, 'decay_steps': 10}])",
    P,
    'optax.sgdr_schedule: cosine_kwargs[0].decay_steps must be > warmup_steps (10) since it includes the warm-up, got 10',
  ],
  [
    "optax.sgdr_schedule([{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 10, 'decay_steps': 100.5}])",
    P,
    'optax.sgdr_schedule: cosine_kwargs[0].decay_steps must be an integer, got 100.5',
  ],
  [
    "optax.sgdr_schedule([{'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 1, 'decay_steps': 1e308}, {'init_value': 0.0, 'peak_value': 0.1, 'warmup_steps': 1, 'decay_steps': 1e308}])",
    P,
    'optax.sgdr_schedule: cosine_kwargs[1].decay_steps must keep the total number of steps finite, got 1e+308',
  ],

  // join_schedules (optax zips the lists silently; lrkit checks them)
  [
    'optax.join_schedules([optax.constant_schedule(0.1)], [10])',
    L,
    'optax.join_schedules: boundaries must have one fewer item than schedules (1 schedules need 0), got 1',
  ],
  [
    'optax.join_schedules([optax.constant_schedule(0.1), optax.constant_schedule(0.2)], [])',
    L,
    'optax.join_schedules: boundaries must have one fewer item than schedules (2 schedules need 1), got 0',
  ],
  [
    'optax.join_schedules([optax.constant_schedule(0.1), optax.constant_schedule(0.2), optax.constant_schedule(0.3)], [20, 10])',
    L,
    'optax.join_schedules: boundaries must be non-decreasing, got 20 then 10 at index 1',
  ],
  [
    'optax.join_schedules([optax.constant_schedule(0.1), optax.constant_schedule(0.2)], [-1])',
    P,
    'optax.join_schedules: boundaries[0] must be a non-negative integer, got -1',
  ],
  ['optax.join_schedules([], [])', P, 'optax.join_schedules: schedules must not be empty, got []'],
  [
    'optax.join_schedules([StepLR(step_size=1)], [])',
    L,
    'optax.join_schedules: schedules[0]: StepLR cannot be nested here: expected an optax schedule',
  ],
  [
    'optax.join_schedules([optax.constant_schedule(-1)], [])',
    P,
    'optax.constant_schedule: value must be a finite number ≥ 0, got -1',
  ],

  // names
  [
    'optax.cosine_decay(0.1, 10)',
    U,
    "unknown schedule 'optax.cosine_decay'; did you mean 'optax.cosine_decay_schedule'?",
  ],
  [
    'optax.schedules.warmup_cosine_decay(0.1, 10)',
    U,
    "unknown schedule 'optax.schedules.warmup_cosine_decay'; did you mean 'optax.warmup_cosine_decay_schedule'?",
  ],
];

describe('optax parameter errors', () => {
  for (const [spec, type, message] of table) {
    it(`${spec} → ${message}`, () => {
      expectThrows(() => resolveSpec(spec), type, message);
    });
  }

  it('a nested schedule of another family is rejected in the object form too', () => {
    expectThrows(
      () =>
        resolveSpec({
          name: 'optax.join_schedules',
          params: { schedules: [{ name: 'StepLR', params: { step_size: 1 } }], boundaries: [] },
        }),
      LrkitError,
      'optax.join_schedules: schedules[0]: StepLR cannot be nested here: expected an optax schedule',
    );
  });

  it('JSON keys that coincide as steps are rejected (TS Map with 10 and "10")', () => {
    expectThrows(
      () =>
        toSchedule({
          name: 'optax.piecewise_constant_schedule',
          params: {
            init_value: 0.1,
            boundaries_and_scales: new Map<unknown, number>([
              [10, 0.5],
              ['10', 2],
            ]),
          },
        }),
      ParameterError,
      'optax.piecewise_constant_schedule: boundaries_and_scales must not give the same step twice, got 10',
    );
  });
});
