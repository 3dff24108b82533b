/**
 * Keras's monotone decays: ExponentialDecay, InverseTimeDecay, PolynomialDecay, and the legacy
 * optimizer `decay` argument (TimeBasedDecay). Each carries its own scale (initial_learning_rate),
 * so every param group gets the same values.
 */
import { describe } from '../../export/describe.js';
import { rules } from '../../rules.js';
import { exponential } from '../../schedules/exponential.js';
import { inverseTime } from '../../schedules/inverseTime.js';
import { polynomial } from '../../schedules/polynomial.js';
import type { RegistryEntry } from '../../registry/types.js';
import { stateless } from '../plans.js';
import {
  decayStepsParam,
  initialLearningRateParam,
  keras,
  nameParam,
  staircaseParam,
} from './common.js';

export const ExponentialDecay: RegistryEntry = {
  ...keras('ExponentialDecay'),
  doc:
    'lr = initial_learning_rate · decay_rate^(step / decay_steps); with staircase the exponent is ' +
    'floor(step / decay_steps), so the lr changes exactly at multiples of decay_steps. No clamp and ' +
    'no end value: it decays towards 0 forever. lrkit accepts decay_rate in [0, 1] only (Keras also ' +
    'takes a growing rate > 1, which overflows to infinity).',
  params: [
    initialLearningRateParam,
    decayStepsParam('steps per factor of decay_rate'),
    {
      name: 'decay_rate',
      type: { kind: 'number', rule: rules.unitInterval },
      doc: 'factor per decay_steps steps, in [0, 1]',
    },
    staircaseParam,
    nameParam('ExponentialDecay'),
  ],
  build: (a) =>
    stateless(
      exponential({
        initial: a.initial_learning_rate as number,
        rate: a.decay_rate as number,
        steps: a.decay_steps as number,
        staircase: a.staircase as boolean,
      }),
    ),
};

export const InverseTimeDecay: RegistryEntry = {
  ...keras('InverseTimeDecay'),
  doc:
    'lr = initial_learning_rate / (1 + decay_rate · step / decay_steps); with staircase, ' +
    'step / decay_steps is floored. Decays towards 0 without reaching it.',
  params: [
    initialLearningRateParam,
    decayStepsParam('steps per unit of decay_rate in the denominator'),
    {
      name: 'decay_rate',
      type: { kind: 'number', rule: rules.nonNegative },
      doc: 'growth of the denominator per decay_steps steps',
    },
    staircaseParam,
    nameParam('InverseTimeDecay'),
  ],
  build: (a) =>
    stateless(
      inverseTime({
        initial: a.initial_learning_rate as number,
        rate: a.decay_rate as number,
        steps: a.decay_steps as number,
        staircase: a.staircase as boolean,
      }),
    ),
};

export const TimeBasedDecay: RegistryEntry = {
  ...keras('TimeBasedDecay'),
  aliases: ['keras.LegacyTimeBasedDecay'],
  doc:
    'The pre-2.11 Keras optimizer `decay` argument (`SGD(learning_rate=lr0, decay=d)`, ' +
    'still in `keras.optimizers.legacy`): lr = initial_learning_rate / (1 + decay · iterations), ' +
    'where iterations is the number of updates already applied (0 for the first). The same curve ' +
    'as InverseTimeDecay(initial_learning_rate, 1, decay). Keras 3 optimizers no longer take it.',
  params: [
    { ...initialLearningRateParam, doc: 'the optimizer learning rate (lr0)' },
    {
      name: 'decay',
      type: { kind: 'number', rule: rules.nonNegative },
      default: 0.0,
      doc: 'decay per update (Keras default 0: no decay)',
    },
  ],
  build: (a) =>
    stateless(inverseTime({ initial: a.initial_learning_rate as number, rate: a.decay as number })),
};

export const PolynomialDecay: RegistryEntry = {
  ...keras('PolynomialDecay'),
  doc:
    'lr = (initial_learning_rate − end_learning_rate) · (1 − s / D)^power + end_learning_rate. ' +
    'Without cycle, s = min(step, decay_steps) and D = decay_steps: the lr holds ' +
    'end_learning_rate from decay_steps on. With cycle, s = step and D = decay_steps · ' +
    'ceil(step / decay_steps) (1 at step 0): the lr reaches end_learning_rate at every multiple of ' +
    'decay_steps, then jumps back up and decays over a period twice, three times, … as long ' +
    '(Keras: the first multiple of decay_steps not below the step). end_learning_rate may exceed ' +
    'initial_learning_rate (a polynomial rise).',
  params: [
    initialLearningRateParam,
    decayStepsParam('steps of the decay (of the first cycle with cycle=True)'),
    {
      name: 'end_learning_rate',
      type: { kind: 'number', rule: rules.nonNegative },
      default: 0.0001,
      doc: 'lr at decay_steps (and its multiples with cycle=True)',
    },
    {
      name: 'power',
      type: { kind: 'number', rule: rules.nonNegative },
      default: 1.0,
      doc: 'exponent of the polynomial (1: linear)',
    },
    {
      name: 'cycle',
      type: { kind: 'bool' },
      default: false,
      doc: 'restart past decay_steps, over the next multiple of decay_steps',
    },
    nameParam('PolynomialDecay'),
  ],
  build: (a) => {
    const from = a.initial_learning_rate as number;
    const to = a.end_learning_rate as number;
    const power = a.power as number;
    const decaySteps = a.decay_steps as number;
    if (!(a.cycle as boolean)) {
      return stateless(polynomial({ from, to, steps: decaySteps, power }));
    }
    // The polynomial as a function of progress p = step / D ∈ [0, 1]; Keras's cycle only
    // stretches D to the first multiple of decay_steps that is ≥ step (1·decay_steps at step 0).
    const ofProgress = polynomial({ from, to, steps: 1, power });
    return stateless(
      describe(
        (t: number) => {
          const multiple = t === 0 ? 1 : Math.ceil(t / decaySteps);
          return ofProgress(t / (decaySteps * multiple));
        },
        { kind: 'stretch', schedule: ofProgress, steps: decaySteps },
      ),
    );
  },
};
