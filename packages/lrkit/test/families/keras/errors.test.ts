/**
 * Bad parameters for every Keras schedule raise lrkit's error type at bind time, with a message
 * naming the schedule, the parameter, the rule and the value received.
 */
import { describe, expect, it } from 'vitest';
import { LrkitError, ParameterError, UnknownNameError, resolveSpec } from '../../../src/index.js';
import * as keras from '../../../src/families/keras/factories.js';

const E = 'keras.ExponentialDecay(initial_learning_rate=0.1, decay_steps=10, decay_rate=0.5';
const P = 'keras.PolynomialDecay(initial_learning_rate=0.1, decay_steps=10';
const I = 'keras.InverseTimeDecay(initial_learning_rate=0.1, decay_steps=10, decay_rate=0.5';
const C = 'keras.CosineDecay(initial_learning_rate=0.1, decay_steps=10';
const R = 'keras.CosineDecayRestarts(initial_learning_rate=0.1, first_decay_steps=10';

/** [spec, error class, exact message] */
const table: [spec: string, type: new (...args: never[]) => LrkitError, message: string][] = [
  // ExponentialDecay
  [
    'keras.ExponentialDecay(initial_learning_rate=-0.1, decay_steps=10, decay_rate=0.5)',
    ParameterError,
    'keras.ExponentialDecay: initial_learning_rate must be a finite number ≥ 0, got -0.1',
  ],
  [
    'keras.ExponentialDecay(initial_learning_rate=inf, decay_steps=10, decay_rate=0.5)',
    ParameterError,
    'keras.ExponentialDecay: initial_learning_rate must be a finite number ≥ 0, got Infinity',
  ],
  [
    'keras.ExponentialDecay(0.1, 0, 0.5)',
    ParameterError,
    'keras.ExponentialDecay: decay_steps must be a positive integer, got 0',
  ],
  [
    'keras.ExponentialDecay(0.1, -10, 0.5)',
    ParameterError,
    'keras.ExponentialDecay: decay_steps must be a positive integer, got -10',
  ],
  [
    'keras.ExponentialDecay(0.1, 2.5, 0.5)',
    ParameterError,
    'keras.ExponentialDecay: decay_steps must be an integer, got 2.5',
  ],
  [
    `${E.replace('decay_rate=0.5', 'decay_rate=1.5')})`,
    ParameterError,
    'keras.ExponentialDecay: decay_rate must be in [0, 1], got 1.5',
  ],
  [
    `${E.replace('decay_rate=0.5', 'decay_rate=nan')})`,
    ParameterError,
    'keras.ExponentialDecay: decay_rate must be in [0, 1], got NaN',
  ],
  [
    `${E}, staircase='yes')`,
    ParameterError,
    "keras.ExponentialDecay: staircase must be True or False, got 'yes'",
  ],
  [`${E}, name=3)`, ParameterError, 'keras.ExponentialDecay: name must be a string, got 3'],
  [
    'keras.ExponentialDecay(0.1, 10)',
    LrkitError,
    "keras.ExponentialDecay: missing required parameter 'decay_rate' (factor per decay_steps steps, in [0, 1])",
  ],
  [
    'keras.ExponentialDecay(0.1, decay_step=10, decay_rate=0.5)',
    UnknownNameError,
    "keras.ExponentialDecay: unknown parameter 'decay_step'; did you mean 'decay_steps'?",
  ],
  [
    "keras.ExponentialDecay(0.1, 10, 0.5, True, 'e', 7)",
    LrkitError,
    'keras.ExponentialDecay: takes at most 5 positional arguments, got 6',
  ],
  [
    'keras.ExponentialDecay(0.1, 10, 0.5, decay_rate=0.9)',
    LrkitError,
    "keras.ExponentialDecay: got multiple values for parameter 'decay_rate'",
  ],
  // PiecewiseConstantDecay
  [
    'keras.PiecewiseConstantDecay(boundaries=[], values=[0.1])',
    ParameterError,
    'keras.PiecewiseConstantDecay: boundaries must have at least 1 item, got []',
  ],
  [
    'keras.PiecewiseConstantDecay(boundaries=[10.5], values=[0.1, 0.01])',
    ParameterError,
    'keras.PiecewiseConstantDecay: boundaries[0] must be an integer, got 10.5',
  ],
  [
    'keras.PiecewiseConstantDecay(boundaries=[10, -1], values=[0.1, 0.01, 0.001])',
    ParameterError,
    'keras.PiecewiseConstantDecay: boundaries[1] must be a non-negative integer, got -1',
  ],
  [
    'keras.PiecewiseConstantDecay(boundaries=10, values=[0.1, 0.01])',
    ParameterError,
    'keras.PiecewiseConstantDecay: boundaries must be a list of integers, got 10',
  ],
  [
    'keras.PiecewiseConstantDecay(boundaries=[10], values=[0.1, -0.01])',
    ParameterError,
    'keras.PiecewiseConstantDecay: values[1] must be a finite number ≥ 0, got -0.01',
  ],
  [
    'keras.PiecewiseConstantDecay(boundaries=[10], values=[0.1])',
    ParameterError,
    'keras.PiecewiseConstantDecay: values must have at least 2 items, got [0.1]',
  ],
  [
    'keras.PiecewiseConstantDecay(boundaries=[10, 20], values=[0.1, 0.01])',
    LrkitError,
    'keras.PiecewiseConstantDecay: values must have one more item than boundaries (2 boundaries need 3 values), got 2',
  ],
  [
    'keras.PiecewiseConstantDecay(boundaries=[10], values=[0.1, 0.01, 0.001])',
    LrkitError,
    'keras.PiecewiseConstantDecay: values must have one more item than boundaries (1 boundaries need 2 values), got 3',
  ],
  [
    'keras.PiecewiseConstantDecay(boundaries=[20, 10], values=[0.1, 0.01, 0.001])',
    LrkitError,
    'keras.PiecewiseConstantDecay: boundaries must be increasing, got 20 then 10 at index 1',
  ],
  [
    'keras.PiecewiseConstantDecay(boundaries=[10])',
    LrkitError,
    "keras.PiecewiseConstantDecay: missing required parameter 'values' (the lr of each interval, one more than boundaries)",
  ],
  // PolynomialDecay
  [
    'keras.PolynomialDecay(0.1, 0)',
    ParameterError,
    'keras.PolynomialDecay: decay_steps must be a positive integer, got 0',
  ],
  [
    `${P}, end_learning_rate=-1e-4)`,
    ParameterError,
    'keras.PolynomialDecay: end_learning_rate must be a finite number ≥ 0, got -0.0001',
  ],
  [
    `${P}, power=-1)`,
    ParameterError,
    'keras.PolynomialDecay: power must be a finite number ≥ 0, got -1',
  ],
  [
    `${P}, power=inf)`,
    ParameterError,
    'keras.PolynomialDecay: power must be a finite number ≥ 0, got Infinity',
  ],
  [`${P}, cycle=1)`, ParameterError, 'keras.PolynomialDecay: cycle must be True or False, got 1'],
  [
    'keras.PolynomialDecay(None, 10)',
    ParameterError,
    'keras.PolynomialDecay: initial_learning_rate must be a number, not None, got None',
  ],
  // InverseTimeDecay
  [
    `${I.replace('decay_rate=0.5', 'decay_rate=-0.5')})`,
    ParameterError,
    'keras.InverseTimeDecay: decay_rate must be a finite number ≥ 0, got -0.5',
  ],
  [
    'keras.InverseTimeDecay(0.1, 0, 0.5)',
    ParameterError,
    'keras.InverseTimeDecay: decay_steps must be a positive integer, got 0',
  ],
  [
    `${I}, staircase=None)`,
    ParameterError,
    'keras.InverseTimeDecay: staircase must be True or False, not None, got None',
  ],
  // CosineDecay
  [
    'keras.CosineDecay(0.1, 0)',
    ParameterError,
    'keras.CosineDecay: decay_steps must be a positive integer, got 0',
  ],
  [`${C}, alpha=1.5)`, ParameterError, 'keras.CosineDecay: alpha must be in [0, 1], got 1.5'],
  [`${C}, alpha=-0.1)`, ParameterError, 'keras.CosineDecay: alpha must be in [0, 1], got -0.1'],
  [
    `${C}, warmup_target=-0.1, warmup_steps=5)`,
    ParameterError,
    'keras.CosineDecay: warmup_target must be a finite number ≥ 0, got -0.1',
  ],
  [
    `${C}, warmup_target=0.2, warmup_steps=-5)`,
    ParameterError,
    'keras.CosineDecay: warmup_steps must be a non-negative integer, got -5',
  ],
  [
    `${C}, warmup_target=0.2, warmup_steps=2.5)`,
    ParameterError,
    'keras.CosineDecay: warmup_steps must be an integer, got 2.5',
  ],
  [
    'keras.CosineDecay(0.1)',
    LrkitError,
    "keras.CosineDecay: missing required parameter 'decay_steps' (steps of the cosine decay (after the warm-up))",
  ],
  // CosineDecayRestarts
  [
    'keras.CosineDecayRestarts(0.1, 0)',
    ParameterError,
    'keras.CosineDecayRestarts: first_decay_steps must be a positive integer, got 0',
  ],
  [
    `${R}, t_mul=0.5)`,
    ParameterError,
    'keras.CosineDecayRestarts: t_mul must be a finite number ≥ 1, got 0.5',
  ],
  [
    `${R}, t_mul=inf)`,
    ParameterError,
    'keras.CosineDecayRestarts: t_mul must be a finite number ≥ 1, got Infinity',
  ],
  [
    `${R}, m_mul=1.5)`,
    ParameterError,
    'keras.CosineDecayRestarts: m_mul must be in [0, 1], got 1.5',
  ],
  [`${R}, m_mul=-1)`, ParameterError, 'keras.CosineDecayRestarts: m_mul must be in [0, 1], got -1'],
  [`${R}, alpha=2)`, ParameterError, 'keras.CosineDecayRestarts: alpha must be in [0, 1], got 2'],
  // TimeBasedDecay
  [
    'keras.TimeBasedDecay(0.1, decay=-1e-3)',
    ParameterError,
    'keras.TimeBasedDecay: decay must be a finite number ≥ 0, got -0.001',
  ],
  [
    "keras.LegacyTimeBasedDecay('0.1')",
    ParameterError,
    "keras.TimeBasedDecay: initial_learning_rate must be a number, got '0.1'",
  ],
  [
    'keras.TimeBasedDecay()',
    LrkitError,
    "keras.TimeBasedDecay: missing required parameter 'initial_learning_rate' (the optimizer learning rate (lr0))",
  ],
  // names
  [
    'keras.CosineDecayRestart(0.1, 10)',
    UnknownNameError,
    "unknown schedule 'keras.CosineDecayRestart'; did you mean 'keras.CosineDecayRestarts'?",
  ],
  [
    'tf.keras.optimizers.schedules.ExponentialDecayy(0.1, 10, 0.5)',
    UnknownNameError,
    "unknown schedule 'tf.keras.optimizers.schedules.ExponentialDecayy'; did you mean 'keras.ExponentialDecay'?",
  ],
];

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('keras parameter errors', () => {
  for (const [spec, type, message] of table) {
    it(message, () => {
      const e = thrown(() => resolveSpec(spec));
      expect(e, spec).toBeInstanceOf(type);
      expect((e as Error).message).toBe(message);
    });
  }

  it('a ParameterError carries the schedule, the parameter, the rule and the value', () => {
    const e = thrown(() => resolveSpec(`${R}, m_mul=1.5)`)) as ParameterError;
    expect([e.fn, e.param, e.rule, e.value]).toEqual([
      'keras.CosineDecayRestarts',
      'm_mul',
      'must be in [0, 1]',
      1.5,
    ]);
  });

  it('points at the offending argument in the text', () => {
    const spec = 'keras.ExponentialDecay(0.1, decay_steps=0, decay_rate=0.5)';
    const e = thrown(() => resolveSpec(spec)) as LrkitError;
    expect(spec.slice(e.pos)).toMatch(/^(decay_steps=)?0, decay_rate/);
  });

  it('the typed factories validate the same way (camelCase parameters, Keras names in messages)', () => {
    expect(() =>
      keras.exponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 2 }),
    ).toThrow('keras.ExponentialDecay: decay_rate must be in [0, 1], got 2');
    expect(() => keras.cosineDecay({ initialLearningRate: 0.1, decaySteps: NaN })).toThrow(
      'keras.CosineDecay: decay_steps must be an integer, got NaN',
    );
    expect(() => keras.piecewiseConstantDecay({ boundaries: [5, 10], values: [1, 0.5] })).toThrow(
      'keras.PiecewiseConstantDecay: values must have one more item than boundaries (2 boundaries need 3 values), got 2',
    );
    expect(() => keras.timeBasedDecay({ initialLearningRate: -1 })).toThrow(ParameterError);
  });
});
