/**
 * A spec's syntax nodes never reach an error message as the parser's internal objects: they are
 * printed as the spec text they stand for (a bare name as `the name 'NaN'`).
 */
import { describe, expect, it } from 'vitest';
import { formatValue } from '../../src/errors.js';
import { LrkitError, ParameterError, parseSpec, resolveSpec } from '../../src/index.js';
import { expectThrows } from '../helpers/errors.js';

describe('spec nodes in error messages', () => {
  const cases: [spec: string, type: new (...args: never[]) => Error, message: string][] = [
    [
      'StepLR(step_size=10, gamma=NaN)',
      ParameterError,
      "StepLR: gamma must be a number, got the name 'NaN'",
    ],
    [
      'StepLR(step_size=abc)',
      ParameterError,
      "StepLR: step_size must be an integer, got the name 'abc'",
    ],
    [
      'StepLR(step_size=10, gamma=ExponentialLR(gamma=0.9))',
      ParameterError,
      'StepLR: gamma must be a number, got ExponentialLR(gamma=0.9)',
    ],
    [
      'StepLR(step_size=10, gamma={1: 0.5, "k": [a, None]})',
      ParameterError,
      "StepLR: gamma must be a number, got {1: 0.5, 'k': [a, None]}",
    ],
    [
      'StepLR(step_size=10, gamma=lambda e: e)',
      ParameterError,
      'StepLR: gamma must be a number, got lambda e: e',
    ],
    [
      'MultiStepLR(milestones=[a, 2])',
      ParameterError,
      "MultiStepLR: milestones[0] must be an integer, got the name 'a'",
    ],
    [
      'MultiStepLR(milestones=[1, 2], gamma=[x, 1])',
      ParameterError,
      'MultiStepLR: gamma must be a number, got [x, 1]',
    ],
    [
      'StepLR(step_size=(1, 2))',
      ParameterError,
      'StepLR: step_size must be an integer, got [1, 2]',
    ],
    [
      'LambdaLR(lr_lambda=foo)',
      ParameterError,
      "LambdaLR: lr_lambda must be a lambda such as 'lambda e: 0.95**e', got the name 'foo'",
    ],
    [
      'SequentialLR(schedulers=[foo], milestones=[])',
      LrkitError,
      "SequentialLR: schedulers[0] must be a scheduler such as StepLR(step_size=10), got the name 'foo'",
    ],
    [
      'SequentialLR(schedulers=[{1: 2}], milestones=[])',
      LrkitError,
      'SequentialLR: schedulers[0] must be a scheduler such as StepLR(step_size=10), got {1: 2}',
    ],
    [
      'optax.piecewise_constant_schedule(0.1, {10: StepLR(step_size=1)})',
      LrkitError,
      'optax.piecewise_constant_schedule: boundaries_and_scales[10] must be a finite number ≥ 0, got StepLR(step_size=1)',
    ],
    [
      '{"name": "StepLR", "params": {"step_size": 10, "gamma": {"a": [1, "x"]}}}',
      ParameterError,
      "StepLR: gamma must be a number, got {'a': [1, 'x']}",
    ],
  ];
  for (const [spec, type, message] of cases) {
    it(spec, () => expectThrows(() => resolveSpec(spec), type, message));
  }

  it('formatValue prints any node as spec text', () => {
    const call = parseSpec('StepLR(step_size=10, gamma=NaN, x={1: f(a)}, y=lambda e: e)');
    const args = Object.fromEntries(call.kwargs.map((k) => [k.name, k.value]));
    expect([call, args.gamma, args.x, args.y].map((v) => formatValue(v))).toEqual([
      'StepLR(step_size=10, gamma=NaN, x={1: f(a)}, y=lambda e: e)',
      "the name 'NaN'",
      '{1: f(a)}',
      'lambda e: e',
    ]);
  });
});
