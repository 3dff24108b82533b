/** Keras's cosine schedules: CosineDecay (with optional linear warm-up) and CosineDecayRestarts. */
import { hold } from '../../compose/clamp.js';
import { between, product, scale } from '../../compose/product.js';
import { warmup } from '../../compose/warmup.js';
import { describe } from '../../export/describe.js';
import { rules } from '../../rules.js';
import type { Schedule } from '../../schedule.js';
import { cosine } from '../../schedules/cosine.js';
import { cosineRestarts, locateCycle } from '../../schedules/cosineRestarts.js';
import { exponential } from '../../schedules/exponential.js';
import type { RegistryEntry } from '../../registry/types.js';
import { stateless } from '../plans.js';
import {
  alphaParam,
  decayStepsParam,
  initialLearningRateParam,
  keras,
  nameParam,
} from './common.js';

export const CosineDecay: RegistryEntry = {
  ...keras('CosineDecay'),
  aliases: ['keras.experimental.CosineDecay'],
  doc:
    'Without warmup_target: lr = initial_learning_rate · ((1 − alpha) · (1 + cos(π · s / ' +
    'decay_steps)) / 2 + alpha) with s = min(step, decay_steps), holding initial·alpha from ' +
    'decay_steps on. With warmup_target: a linear ramp from initial_learning_rate (step 0) to ' +
    'warmup_target (reached at step warmup_steps), then the same cosine from warmup_target down to ' +
    'warmup_target · alpha over decay_steps more steps (decay_steps does not include the warm-up; ' +
    'the step is clamped at warmup_steps + decay_steps). Keras quirks kept: warmup_steps is ignored ' +
    'when warmup_target is None, and with warmup_target set and warmup_steps = 0 the decay starts ' +
    'at warmup_target (initial_learning_rate is unused).',
  params: [
    initialLearningRateParam,
    decayStepsParam('steps of the cosine decay (after the warm-up)'),
    alphaParam,
    nameParam('CosineDecay'),
    {
      name: 'warmup_target',
      type: { kind: 'number', rule: rules.nonNegative },
      default: null,
      doc: 'lr at the end of the warm-up, where the decay starts (None: no warm-up)',
    },
    {
      name: 'warmup_steps',
      type: { kind: 'int', rule: rules.nonNegativeInt },
      default: 0,
      doc: 'steps of the linear warm-up (only with warmup_target)',
    },
  ],
  build: (a) => {
    const initial = a.initial_learning_rate as number;
    const target = a.warmup_target as number | null;
    const decaySteps = a.decay_steps as number;
    const unit = cosine({ from: 1, to: a.alpha as number, period: decaySteps });
    const decay = hold(scale(unit, target ?? initial), decaySteps);
    if (target === null) return stateless(decay);
    return stateless(warmup(decay, { steps: a.warmup_steps as number, from: initial }));
  },
};

export const CosineDecayRestarts: RegistryEntry = {
  ...keras('CosineDecayRestarts'),
  aliases: ['keras.experimental.CosineDecayRestarts'],
  doc:
    'SGDR: cycles of first_decay_steps · t_mul^i steps; in cycle i, lr = initial_learning_rate · ' +
    '((1 − alpha) · m_mul^i · (1 + cos(π · position / length)) / 2 + alpha). alpha sits outside ' +
    'm_mul^i, as in Keras: the floor initial·alpha does not shrink with m_mul. Restarts are placed ' +
    'exactly (a closed form with exact boundary checks); Keras finds the cycle with a float log ' +
    'and, at some exact restart steps (e.g. first_decay_steps=1, t_mul=3, step 121), puts the step ' +
    "at the end of the previous cycle instead. lrkit requires t_mul ≥ 1 (Keras's log gives NaN once " +
    'shrinking cycles run out) and m_mul in [0, 1] (growing peaks overflow).',
  params: [
    initialLearningRateParam,
    decayStepsParam('steps of the first cycle', 'first_decay_steps'),
    {
      name: 't_mul',
      type: { kind: 'number', rule: rules.atLeastOne },
      default: 2.0,
      doc: 'each cycle is t_mul times longer than the one before (≥ 1)',
    },
    {
      name: 'm_mul',
      type: { kind: 'number', rule: rules.unitInterval },
      default: 1.0,
      doc: 'each restart peaks at m_mul times the previous peak, in [0, 1]',
    },
    alphaParam,
    nameParam('SGDRDecay'),
  ],
  build: (a) => {
    const period = a.first_decay_steps as number;
    const mult = a.t_mul as number;
    const mMul = a.m_mul as number;
    const unit = cosineRestarts({ from: 1, to: 0, period, mult });
    let peaked: Schedule = unit;
    if (mMul !== 1) {
      // m_mul^i in cycle i (no factor at all for the default m_mul = 1)
      const perCycle = exponential({ initial: 1, rate: mMul });
      const ofCycle = describe((t: number) => perCycle(locateCycle(t, period, mult)[0]), {
        kind: 'cycleIndex',
        schedule: perCycle,
        period,
        mult,
      });
      peaked = product([ofCycle, unit]);
    }
    return stateless(
      scale(between(peaked, 1, a.alpha as number), a.initial_learning_rate as number),
    );
  },
};
