/**
 * optax's single-curve schedules: constant_schedule, polynomial_schedule, linear_schedule,
 * exponential_decay and cosine_decay_schedule. Each maps optax's arguments onto a primitive; the
 * `*Schedule` builders are shared with the warm-up schedules, as optax composes them.
 */
import { clamp } from '../../compose/clamp.js';
import { join } from '../../compose/join.js';
import { ParameterError } from '../../errors.js';
import { rules } from '../../rules.js';
import type { Schedule } from '../../schedule.js';
import { constant } from '../../schedules/constant.js';
import { cosineDecay } from '../../schedules/cosineDecay.js';
import { exponential } from '../../schedules/exponential.js';
import { polynomial } from '../../schedules/polynomial.js';
import type { ParamDef, RegistryEntry } from '../../registry/types.js';
import { stateless } from '../plans.js';
import {
  exponentParam,
  optax,
  transitionBeginParam,
  transitionStepsParam,
  valueParam,
} from './common.js';

/**
 * optax's polynomial_schedule: `(init − end) · (1 − clip(t − begin, 0, T)/T)^power + end`. Before
 * `begin` optax evaluates the same expression at a clipped count of 0, so the held value is
 * `poly(0)`, bit for bit.
 */
export function polynomialSchedule(
  init: number,
  end: number,
  power: number,
  steps: number,
  begin: number,
): Schedule {
  const poly = polynomial({ from: init, to: end, steps, power });
  return begin > 0 ? join([constant(poly(0)), poly], [begin]) : poly;
}

export interface ExponentialDecayArgs {
  init: number;
  steps: number;
  rate: number;
  begin: number;
  staircase: boolean;
  end: number | null;
}

/**
 * optax's exponential_decay: init while `t − begin ≤ 0`, then `init · rate^((t − begin)/T)`
 * (exponent floored if staircase); `end` is a floor when rate < 1 and a ceiling otherwise, applied
 * at every step. Without `end` a growing schedule saturates at the largest double instead of
 * overflowing to Infinity (and 0 · rate^t stays 0, where optax's float64 would give NaN).
 */
export function exponentialDecaySchedule(a: ExponentialDecayArgs): Schedule {
  const { init, steps, rate, begin, staircase, end } = a;
  const decay = init === 0 ? constant(0) : exponential({ initial: init, rate, steps, staircase });
  const delayed = begin > 0 ? join([constant(init), decay], [begin]) : decay;
  if (end !== null) return rate < 1 ? clamp(delayed, { min: end }) : clamp(delayed, { max: end });
  return rate > 1 ? clamp(delayed, { max: Number.MAX_VALUE }) : delayed;
}

/** The arguments of an exponential decay from an entry's arguments (`init` given separately). */
export function exponentialDecayArgs(
  a: Readonly<Record<string, unknown>>,
  init: number,
): ExponentialDecayArgs {
  return {
    init,
    steps: a.transition_steps as number,
    rate: a.decay_rate as number,
    begin: a.transition_begin as number,
    staircase: a.staircase as boolean,
    end: a.end_value as number | null,
  };
}

/** exponential_decay's parameters after `init_value` (shared with warmup_exponential_decay). */
export const exponentialDecayParams: readonly ParamDef[] = [
  transitionStepsParam('steps per factor of decay_rate'),
  {
    name: 'decay_rate',
    type: { kind: 'number', rule: rules.positive },
    doc: 'factor per transition_steps steps (< 1 decays, > 1 grows; optax holds init_value for 0, lrkit raises)',
  },
  transitionBeginParam,
  {
    name: 'staircase',
    type: { kind: 'bool' },
    default: false,
    doc: 'decay in whole steps of transition_steps (floored exponent)',
  },
  {
    name: 'end_value',
    type: { kind: 'number', rule: rules.nonNegative },
    default: null,
    doc: 'floor when decay_rate < 1, ceiling when decay_rate ≥ 1 (None: unbounded)',
  },
];

export const constant_schedule: RegistryEntry = {
  ...optax('constant_schedule'),
  doc: 'lr = value at every step.',
  params: [valueParam('value', 'the learning rate, at every step')],
  build: (a) => stateless(constant(a.value as number)),
};

export const polynomial_schedule: RegistryEntry = {
  ...optax('polynomial_schedule'),
  doc:
    'lr = (init_value − end_value) · (1 − clip(t − transition_begin, 0, T)/T)^power + end_value, ' +
    'T = transition_steps: init_value until transition_begin, end_value from transition_begin + T on. ' +
    'optax logs and returns a constant init_value for transition_steps ≤ 0 and uses 0 for a negative ' +
    'transition_begin; lrkit raises for both.',
  params: [
    valueParam('init_value', 'lr before and at the start of the transition'),
    valueParam('end_value', 'lr at and after the end of the transition'),
    {
      name: 'power',
      type: { kind: 'number', rule: rules.nonNegative },
      doc: 'exponent of the polynomial (1: linear)',
    },
    transitionStepsParam('steps of the transition from init_value to end_value'),
    transitionBeginParam,
  ],
  build: (a) =>
    stateless(
      polynomialSchedule(
        a.init_value as number,
        a.end_value as number,
        a.power as number,
        a.transition_steps as number,
        a.transition_begin as number,
      ),
    ),
};

export const linear_schedule: RegistryEntry = {
  ...optax('linear_schedule'),
  doc:
    'lr = init_value + (end_value − init_value) · clip(t − transition_begin, 0, T)/T, ' +
    'T = transition_steps; optax’s polynomial_schedule with power 1 (same arithmetic). optax logs ' +
    'and returns a constant init_value for transition_steps ≤ 0; lrkit raises.',
  params: [
    valueParam('init_value', 'lr before and at the start of the transition'),
    valueParam('end_value', 'lr at and after the end of the transition'),
    transitionStepsParam('steps of the transition from init_value to end_value'),
    transitionBeginParam,
  ],
  build: (a) =>
    stateless(
      polynomialSchedule(
        a.init_value as number,
        a.end_value as number,
        1,
        a.transition_steps as number,
        a.transition_begin as number,
      ),
    ),
};

export const exponential_decay: RegistryEntry = {
  ...optax('exponential_decay'),
  doc:
    'lr = init_value while t ≤ transition_begin, then init_value · decay_rate^((t − transition_begin)/' +
    'transition_steps) (exponent floored if staircase). end_value clamps at every step, including ' +
    'the flat start: a floor (max) when decay_rate < 1, a ceiling (min) otherwise. optax logs and ' +
    'holds init_value for transition_steps ≤ 0 or decay_rate = 0; lrkit raises. A growing schedule ' +
    'without end_value saturates at the largest double instead of reaching Infinity.',
  params: [
    valueParam('init_value', 'lr at step 0 (and until transition_begin)'),
    ...exponentialDecayParams,
  ],
  build: (a) =>
    stateless(exponentialDecaySchedule(exponentialDecayArgs(a, a.init_value as number))),
};

/** cosine_decay_schedule's parameters after `init_value`. */
const cosineDecayParams: readonly ParamDef[] = [
  {
    name: 'decay_steps',
    type: { kind: 'int', rule: rules.positiveInt },
    doc: 'steps of the cosine; the lr holds at init_value · alpha from then on',
  },
  {
    name: 'alpha',
    type: { kind: 'number', rule: rules.nonNegative },
    default: 0.0,
    doc: 'final lr as a fraction of init_value',
  },
  exponentParam,
];

export const cosine_decay_schedule: RegistryEntry = {
  ...optax('cosine_decay_schedule'),
  doc:
    'lr = init_value · ((1 − alpha) · [½(1 + cos(π · min(t, T)/T))]^exponent + alpha), ' +
    'T = decay_steps; holds init_value · alpha from T on (no restart, unlike PyTorch’s ' +
    'CosineAnnealingLR).',
  params: [valueParam('init_value', 'lr at step 0'), ...cosineDecayParams],
  crossCheck: (a) => {
    const init = a.init_value as number;
    const alpha = a.alpha as number;
    if (!Number.isFinite(init * alpha)) {
      throw new ParameterError(
        'optax.cosine_decay_schedule',
        'alpha',
        `must keep init_value · alpha finite (init_value is ${init})`,
        alpha,
      );
    }
  },
  build: (a) =>
    stateless(
      cosineDecay({
        initial: a.init_value as number,
        steps: a.decay_steps as number,
        alpha: a.alpha as number,
        exponent: a.exponent as number,
      }),
    ),
};
