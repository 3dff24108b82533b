/**
 * What the optax entries share: their identity, the parameters several schedules have in common,
 * optax's `boundaries_and_scales` dicts, and the schedule of a nested optax spec.
 */
import { LrkitError, ParameterError } from '../../errors.js';
import { rules } from '../../rules.js';
import type { Schedule } from '../../schedule.js';
import type { BoundSpec, ParamDef } from '../../registry/types.js';

/** The identity fields of an optax entry: `optax.<name>`, family 'optax'. */
export function optax(name: string) {
  return { name, family: 'optax' as const, qualifiedName: `optax.${name}` };
}

/** A required lr-valued parameter (≥ 0). */
export function valueParam(name: string, doc: string): ParamDef {
  return { name, type: { kind: 'number', rule: rules.nonNegative }, doc };
}

/** `transition_steps` of the polynomial and exponential schedules (optax logs for ≤ 0; lrkit raises). */
export function transitionStepsParam(doc: string): ParamDef {
  return { name: 'transition_steps', type: { kind: 'int', rule: rules.positiveInt }, doc };
}

/** `transition_begin` (optax logs and uses 0 when negative; lrkit raises). */
export const transitionBeginParam: ParamDef = {
  name: 'transition_begin',
  type: { kind: 'int', rule: rules.nonNegativeInt },
  default: 0,
  doc: 'steps before the transition starts (the starting value holds until then)',
};

/** `warmup_steps` of warmup_cosine_decay and warmup_exponential_decay (0: no warm-up). */
export const warmupStepsParam: ParamDef = {
  name: 'warmup_steps',
  type: { kind: 'int', rule: rules.nonNegativeInt },
  doc: 'steps of the linear warm-up from init_value to peak_value (0: none)',
};

/** `exponent` of the cosine decays. */
export const exponentParam: ParamDef = {
  name: 'exponent',
  type: { kind: 'number', rule: rules.nonNegative },
  default: 1.0,
  doc: 'power of the cosine factor ½(1 + cos(π t/T)) (1: plain cosine)',
};

/** A dict's entries (the registry passes dicts, from text, JSON or TS objects, as Maps). */
function dictEntries(value: unknown): [unknown, unknown][] | undefined {
  return value instanceof Map ? [...(value as Map<unknown, unknown>)] : undefined;
}

/** A dict key that names a step: an integer ≥ 0, or (from JSON) a string of one. */
function stepKey(key: unknown): number | undefined {
  if (typeof key === 'number') return Number.isInteger(key) && key >= 0 ? key : undefined;
  if (typeof key === 'string' && /^\s*\+?\d+\s*$/.test(key)) {
    const n = Number(key);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  return undefined;
}

/**
 * optax's `boundaries_and_scales` (`{step: scale}`, int keys; string keys from JSON): validated
 * and sorted by step, as optax sorts them. `null` (None) or `{}` gives no boundaries.
 * @throws ParameterError naming `param` (and the key) for a non-dict, a key that is not a step, a
 *   repeated step or a scale that is not a finite number ≥ 0.
 */
export function boundariesAndScales(
  fn: string,
  param: string,
  value: unknown,
): [step: number, scale: number][] {
  if (value === null || value === undefined) return [];
  const entries = dictEntries(value);
  if (!entries) throw new ParameterError(fn, param, 'must be a dict {step: scale}', value);
  const pairs: [number, number][] = [];
  for (const [key, scale] of entries) {
    const b = stepKey(key);
    if (b === undefined) {
      throw new ParameterError(fn, param, 'keys must be non-negative integers (steps)', key);
    }
    if (typeof scale !== 'number' || !rules.nonNegative.test(scale)) {
      throw new ParameterError(fn, `${param}[${b}]`, rules.nonNegative.text, scale);
    }
    if (pairs.some(([x]) => x === b)) {
      throw new ParameterError(fn, param, 'must not give the same step twice', b);
    }
    pairs.push([b, scale]);
  }
  return pairs.sort((x, y) => x[0] - y[0]);
}

/**
 * The values a piecewise schedule steps through: `init` then the running product with each scale,
 * multiplied in order as optax does (`v ← v · scale` / `jnp.cumprod`).
 */
export function cumulativeValues(init: number, pairs: readonly [number, number][]): number[] {
  const values = [init];
  for (const [, s] of pairs) values.push(values[values.length - 1]! * s);
  return values;
}

/**
 * Checks that the running products stay finite; a ParameterError names the scale that overflows.
 */
export function checkCumulative(
  fn: string,
  param: string,
  init: number,
  pairs: readonly [number, number][],
): number[] {
  const values = cumulativeValues(init, pairs);
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      const [b, s] = pairs[i - 1]!;
      throw new ParameterError(
        fn,
        `${param}[${b}]`,
        `must keep the value finite (init_value × the scales up to step ${b} overflows)`,
        s,
      );
    }
  });
  return values;
}

/**
 * The schedule of a nested optax spec (join_schedules' children). optax schedules carry their own
 * scale, so the group's base lr does not matter.
 */
export function scheduleOf(fn: string, path: string, bound: BoundSpec): Schedule {
  if (bound.entry.family !== 'optax') {
    throw new LrkitError(
      `${fn}: ${path} is ${bound.entry.qualifiedName}, a ${bound.entry.family} schedule; nest optax schedules only`,
    );
  }
  const plan = bound.entry.build(bound.args);
  if (plan.kind !== 'closed-form') {
    throw new LrkitError(`${fn}: ${path} is driven by a metric and cannot be joined`);
  }
  return plan.bind([{ lr: 1 }])[0]!.lr;
}
