/**
 * optax's piecewise schedules: piecewise_constant_schedule and piecewise_interpolate_schedule, and
 * the one-cycle schedules optax builds on the latter (linear_onecycle_schedule,
 * cosine_onecycle_schedule). The value steps through init_value and its running products with the
 * scales; pieces are joined at the boundaries with `at: 'next'` (a scale applies from its step on).
 */
import { join } from '../../compose/join.js';
import { ParameterError } from '../../errors.js';
import { rules } from '../../rules.js';
import type { Schedule } from '../../schedule.js';
import { anneal } from '../../schedules/anneal.js';
import { constant } from '../../schedules/constant.js';
import type { ParamDef, RegistryEntry } from '../../registry/types.js';
import { stateless } from '../plans.js';
import {
  boundariesAndScales,
  checkCumulative,
  cumulativeValues,
  optax,
  valueParam,
} from './common.js';

export type InterpolateType = 'linear' | 'cosine';

/** Steps of the values: values[i] from boundary i (boundary 0 is step 0). */
function stepsThrough(boundaries: readonly number[], values: readonly number[]): Schedule {
  return join(values.map(constant), boundaries, { at: 'next' });
}

/**
 * optax's piecewise interpolation: on [b_i, b_{i+1}) (b_0 = 0) from values[i] to values[i+1] over
 * max(b_{i+1} − b_i, 1) steps, linear or cosine; values[n] from the last boundary on.
 */
export function interpolateThrough(
  type: InterpolateType,
  boundaries: readonly number[],
  values: readonly number[],
): Schedule {
  const shape = type === 'cosine' ? 'cos' : 'linear';
  const pieces = boundaries.map((b, i) =>
    anneal({
      from: values[i]!,
      to: values[i + 1]!,
      steps: Math.max(b - (i === 0 ? 0 : boundaries[i - 1]!), 1),
      shape,
    }),
  );
  return join([...pieces, constant(values[values.length - 1]!)], boundaries, { at: 'next' });
}

const boundariesAndScalesParam: ParamDef = {
  name: 'boundaries_and_scales',
  type: {
    kind: 'raw',
    describe:
      'a dict {step: scale} with integer steps ≥ 0 and scales ≥ 0, e.g. {100: 0.1, 200: 0.1}',
  },
  default: null,
  doc: 'dict {step: scale}: from each step on, the lr is multiplied by its scale (cumulative)',
};

/** The pairs and running values of an entry's `boundaries_and_scales`, validated. */
function piecewiseArgs(fn: string, a: Readonly<Record<string, unknown>>) {
  const pairs = boundariesAndScales(fn, 'boundaries_and_scales', a.boundaries_and_scales);
  const values = checkCumulative(fn, 'boundaries_and_scales', a.init_value as number, pairs);
  return { boundaries: pairs.map(([b]) => b), values };
}

export const piecewise_constant_schedule: RegistryEntry = {
  ...optax('piecewise_constant_schedule'),
  doc:
    'lr = init_value · Π scale_b over the boundaries b ≤ t: each scale applies from its step on ' +
    '(at t = b the new value is already in effect, unlike Keras’s PiecewiseConstantDecay), ' +
    'and the scales accumulate. Boundaries are sorted; scales must be ≥ 0 (optax raises too).',
  params: [valueParam('init_value', 'lr before the first boundary'), boundariesAndScalesParam],
  crossCheck: (a) => void piecewiseArgs('optax.piecewise_constant_schedule', a),
  build: (a) => {
    const { boundaries, values } = piecewiseArgs('optax.piecewise_constant_schedule', a);
    return stateless(stepsThrough(boundaries, values));
  },
};

export const piecewise_interpolate_schedule: RegistryEntry = {
  ...optax('piecewise_interpolate_schedule'),
  doc:
    'With v_0 = init_value and v_i = v_(i−1) · scale_i (boundaries sorted, b_0 = 0): on ' +
    '[b_i, b_(i+1)) the lr moves from v_i to v_(i+1) over max(b_(i+1) − b_i, 1) steps, linearly or ' +
    'along a half cosine; v_n from the last boundary on. The first piece starts at step 0 from ' +
    'init_value, so a first boundary > 0 ramps from step 0; the interpolation is between the running ' +
    'values, not the scales.',
  params: [
    {
      name: 'interpolate_type',
      type: { kind: 'enum', choices: ['linear', 'cosine'] },
      doc: "'linear' or 'cosine' transitions between the boundary values",
    },
    valueParam('init_value', 'lr at step 0'),
    boundariesAndScalesParam,
  ],
  crossCheck: (a) => void piecewiseArgs('optax.piecewise_interpolate_schedule', a),
  build: (a) => {
    const { boundaries, values } = piecewiseArgs('optax.piecewise_interpolate_schedule', a);
    return stateless(interpolateThrough(a.interpolate_type as InterpolateType, boundaries, values));
  },
};

/**
 * A one-cycle schedule as optax writes it: piecewise interpolation from `init` through a dict built
 * in Python's order (a later entry with the same step replaces the earlier one's scale).
 */
function oneCycleThrough(
  fn: string,
  type: InterpolateType,
  a: Readonly<Record<string, unknown>>,
  scales: [step: number, scale: number, param: string][],
): Schedule {
  const peak = a.peak_value as number;
  const init = peak / (a.div_factor as number);
  if (!Number.isFinite(init)) {
    throw new ParameterError(
      fn,
      'div_factor',
      `must keep peak_value / div_factor finite (peak_value is ${peak})`,
      a.div_factor,
    );
  }
  // a later entry with the same step replaces the scale (and keeps the first's place, as a dict)
  const dict = new Map<number, [scale: number, param: string]>();
  for (const [step, scale, param] of scales) {
    if (!Number.isFinite(scale)) {
      throw new ParameterError(
        fn,
        param,
        'must not be so small that its reciprocal overflows',
        a[param],
      );
    }
    dict.set(step, [scale, param]);
  }
  const sorted = [...dict].sort((x, y) => x[0] - y[0]);
  const pairs = sorted.map(([step, [scale]]): [number, number] => [step, scale]);
  const values = cumulativeValues(init, pairs);
  const over = values.findIndex((v) => !Number.isFinite(v));
  if (over > 0) {
    const param = sorted[over - 1]![1][1];
    throw new ParameterError(
      fn,
      param,
      `must keep the schedule finite (peak_value is ${peak})`,
      a[param],
    );
  }
  return interpolateThrough(
    type,
    pairs.map(([b]) => b),
    values,
  );
}

const transitionSteps: ParamDef = {
  name: 'transition_steps',
  type: { kind: 'int', rule: rules.positiveInt },
  doc: 'steps of the whole cycle; the lr holds its final value from then on',
};
const peakValue = valueParam(
  'peak_value',
  'highest lr, reached at int(pct_start · transition_steps)',
);
const pctStart: ParamDef = {
  name: 'pct_start',
  type: { kind: 'number', rule: rules.unitInterval },
  default: 0.3,
  doc: 'fraction of transition_steps spent rising (the step is truncated: int(pct · steps))',
};
const divFactor: ParamDef = {
  name: 'div_factor',
  type: { kind: 'number', rule: rules.positive },
  default: 25.0,
  doc: 'initial lr = peak_value / div_factor',
};
const finalDivFactor: ParamDef = {
  name: 'final_div_factor',
  type: { kind: 'number', rule: rules.positive },
  default: 1e4,
  doc: 'how far below the initial lr the cycle ends (see the entry’s doc for the exact final lr)',
};

/** The two one-cycle builders, so crossCheck and build share them. */
function linearOneCycle(a: Readonly<Record<string, unknown>>): Schedule {
  const T = a.transition_steps as number;
  const div = a.div_factor as number;
  return oneCycleThrough('optax.linear_onecycle_schedule', 'linear', a, [
    [Math.trunc((a.pct_start as number) * T), div, 'div_factor'],
    [Math.trunc((a.pct_final as number) * T), 1.0 / div, 'div_factor'],
    [T, 1.0 / (a.final_div_factor as number), 'final_div_factor'],
  ]);
}

function cosineOneCycle(a: Readonly<Record<string, unknown>>): Schedule {
  const T = a.transition_steps as number;
  const div = a.div_factor as number;
  return oneCycleThrough('optax.cosine_onecycle_schedule', 'cosine', a, [
    [Math.trunc((a.pct_start as number) * T), div, 'div_factor'],
    [T, 1.0 / (div * (a.final_div_factor as number)), 'final_div_factor'],
  ]);
}

export const linear_onecycle_schedule: RegistryEntry = {
  ...optax('linear_onecycle_schedule'),
  doc:
    'Three linear phases through (0, peak/div), (int(pct_start·T), peak), (int(pct_final·T), ' +
    'peak/div) and (T, peak/div/final_div_factor), T = transition_steps, then constant; optax’s ' +
    'piecewise_interpolate_schedule over {int(pct_start·T): div, int(pct_final·T): 1/div, T: ' +
    '1/final_div}. Steps are truncated (int(0.29·100) = 28), and steps that coincide keep the ' +
    'later scale, as in optax’s dict (pct_final = 1 skips the return to peak/div).',
  params: [
    transitionSteps,
    peakValue,
    pctStart,
    {
      name: 'pct_final',
      type: { kind: 'number', rule: rules.unitInterval },
      default: 0.85,
      doc: 'fraction of transition_steps at which the lr is back at peak_value / div_factor',
    },
    divFactor,
    finalDivFactor,
  ],
  crossCheck: (a) => void linearOneCycle(a),
  build: (a) => stateless(linearOneCycle(a)),
};

export const cosine_onecycle_schedule: RegistryEntry = {
  ...optax('cosine_onecycle_schedule'),
  doc:
    'Half-cosine from peak/div up to peak at int(pct_start·T), then down to peak/(div·final_div) at ' +
    "T = transition_steps, then constant; optax’s piecewise_interpolate_schedule('cosine') over " +
    '{int(pct_start·T): div, T: 1/(div·final_div)}. Note the final lr is peak/(div·final_div), not ' +
    'peak/final_div; pct_start = 1 never reaches the peak (the two steps coincide).',
  params: [transitionSteps, peakValue, pctStart, divFactor, finalDivFactor],
  crossCheck: (a) => void cosineOneCycle(a),
  build: (a) => stateless(cosineOneCycle(a)),
};
