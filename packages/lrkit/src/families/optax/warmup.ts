/**
 * optax's warm-up schedules, each a linear_schedule warm-up joined (optax's join_schedules) with a
 * decay that starts at its own step 0: warmup_constant_schedule, warmup_cosine_decay_schedule,
 * warmup_exponential_decay_schedule, and sgdr_schedule (joined warmup_cosine_decay cycles).
 */
import { join } from '../../compose/join.js';
import { LrkitError, ParameterError, UnknownNameError, didYouMean } from '../../errors.js';
import { rules } from '../../rules.js';
import type { Schedule } from '../../schedule.js';
import { constant } from '../../schedules/constant.js';
import { cosineDecay } from '../../schedules/cosineDecay.js';
import { camelCase } from '../../registry/bind.js';
import { convertParam } from '../../registry/params.js';
import type { ParamDef, RegistryEntry } from '../../registry/types.js';
import { stateless } from '../plans.js';
import {
  exponentialDecayArgs,
  exponentialDecayParams,
  exponentialDecaySchedule,
  polynomialSchedule,
} from './basic.js';
import { exponentParam, optax, valueParam, warmupStepsParam } from './common.js';

/** The linear_schedule warm-up; optax's linear_schedule holds init_value for 0 steps. */
function warmupRamp(init: number, peak: number, steps: number): Schedule {
  return steps > 0 ? polynomialSchedule(init, peak, 1, steps, 0) : constant(init);
}

const initValue = valueParam('init_value', 'lr at step 0, where the warm-up starts');
const peakValue = valueParam('peak_value', 'lr at the end of the warm-up');

export const warmup_constant_schedule: RegistryEntry = {
  ...optax('warmup_constant_schedule'),
  doc:
    'lr = init_value + (peak_value − init_value) · min(t, warmup_steps)/warmup_steps: a linear ' +
    'warm-up, then peak_value (optax’s linear_schedule). optax returns a constant init_value for ' +
    'warmup_steps = 0 (peak_value is never reached); lrkit raises, as optax documents a positive ' +
    'integer.',
  params: [
    initValue,
    peakValue,
    {
      name: 'warmup_steps',
      type: { kind: 'int', rule: rules.positiveInt },
      doc: 'steps of the linear warm-up from init_value to peak_value',
    },
  ],
  build: (a) =>
    stateless(warmupRamp(a.init_value as number, a.peak_value as number, a.warmup_steps as number)),
};

/** warmup_cosine_decay_schedule's arguments, as numbers. */
interface WarmupCosineArgs {
  init_value: number;
  peak_value: number;
  warmup_steps: number;
  decay_steps: number;
  end_value: number;
  exponent: number;
}

/**
 * Checks what the single parameters cannot: the cosine needs decay_steps > warmup_steps (optax's
 * cosine_decay_schedule raises), and end_value / peak_value must not overflow.
 */
function checkWarmupCosine(fn: string, prefix: string, a: WarmupCosineArgs): void {
  if (!(a.decay_steps > a.warmup_steps)) {
    throw new ParameterError(
      fn,
      `${prefix}decay_steps`,
      `must be > warmup_steps (${a.warmup_steps}) since it includes the warm-up`,
      a.decay_steps,
    );
  }
  const alpha = a.peak_value === 0 ? 0 : a.end_value / a.peak_value;
  if (!Number.isFinite(alpha) || !Number.isFinite(a.peak_value * alpha)) {
    throw new ParameterError(
      fn,
      `${prefix}end_value`,
      `must keep end_value / peak_value finite (peak_value is ${a.peak_value})`,
      a.end_value,
    );
  }
}

/**
 * optax's warmup_cosine_decay_schedule: a linear warm-up over warmup_steps, joined at warmup_steps
 * with cosine_decay_schedule(peak_value, decay_steps − warmup_steps, alpha = end_value/peak_value
 * (0 if peak_value is 0), exponent).
 */
function warmupCosine(a: WarmupCosineArgs): Schedule {
  const alpha = a.peak_value === 0 ? 0 : a.end_value / a.peak_value;
  return join(
    [
      warmupRamp(a.init_value, a.peak_value, a.warmup_steps),
      cosineDecay({
        initial: a.peak_value,
        steps: a.decay_steps - a.warmup_steps,
        alpha,
        exponent: a.exponent,
      }),
    ],
    [a.warmup_steps],
  );
}

const warmupCosineParams: readonly ParamDef[] = [
  initValue,
  peakValue,
  warmupStepsParam,
  {
    name: 'decay_steps',
    type: { kind: 'int', rule: rules.positiveInt },
    doc: 'total steps of warm-up and cosine; the cosine runs decay_steps − warmup_steps steps',
  },
  {
    name: 'end_value',
    type: { kind: 'number', rule: rules.nonNegative },
    default: 0.0,
    doc: 'lr at the end of the cosine and after (ignored when peak_value is 0)',
  },
  exponentParam,
];

export const warmup_cosine_decay_schedule: RegistryEntry = {
  ...optax('warmup_cosine_decay_schedule'),
  doc:
    'Linear warm-up from init_value to peak_value over warmup_steps, then lr = peak_value · ' +
    '((1 − α) · [½(1 + cos(π s/T))]^exponent + α) with s = t − warmup_steps, T = decay_steps − ' +
    'warmup_steps (decay_steps includes the warm-up), α = end_value/peak_value; end_value from ' +
    'decay_steps on. With peak_value = 0 optax sets α = 0, so end_value is ignored.',
  params: warmupCosineParams,
  crossCheck: (a) =>
    checkWarmupCosine('optax.warmup_cosine_decay_schedule', '', a as unknown as WarmupCosineArgs),
  build: (a) => stateless(warmupCosine(a as unknown as WarmupCosineArgs)),
};

export const warmup_exponential_decay_schedule: RegistryEntry = {
  ...optax('warmup_exponential_decay_schedule'),
  doc:
    'Linear warm-up from init_value to peak_value over warmup_steps, then optax’s ' +
    'exponential_decay(peak_value, ...) from its own step 0: peak_value until transition_begin ' +
    'steps after the warm-up, then peak_value · decay_rate^(s/transition_steps) (floored exponent ' +
    'if staircase); end_value is a floor when decay_rate < 1, a ceiling otherwise (it applies to ' +
    'the decay part only, not to the warm-up).',
  params: [initValue, peakValue, warmupStepsParam, ...exponentialDecayParams],
  build: (a) =>
    stateless(
      join(
        [
          warmupRamp(a.init_value as number, a.peak_value as number, a.warmup_steps as number),
          exponentialDecaySchedule(exponentialDecayArgs(a, a.peak_value as number)),
        ],
        [a.warmup_steps as number],
      ),
    ),
};

const SGDR = 'optax.sgdr_schedule';

/** A dict of cosine_kwargs, bound to warmup_cosine_decay_schedule's parameters and validated. */
function cycleArgs(raw: unknown, i: number): WarmupCosineArgs {
  const path = `cosine_kwargs[${i}]`;
  if (!(raw instanceof Map)) {
    throw new ParameterError(
      SGDR,
      path,
      "must be a dict of warmup_cosine_decay_schedule arguments such as {'init_value': 0.0, " +
        "'peak_value': 0.1, 'warmup_steps': 10, 'decay_steps': 100}",
      raw,
    );
  }
  const given = new Map<string, unknown>();
  for (const [key, value] of raw as Map<unknown, unknown>) {
    const def = warmupCosineParams.find((p) => p.name === key || camelCase(p.name) === key);
    if (!def) {
      const names = warmupCosineParams.map((p) => p.name);
      throw new UnknownNameError(
        'key',
        String(key),
        didYouMean(String(key), names),
        `${SGDR}: ${path}`,
      );
    }
    if (given.has(def.name)) {
      throw new LrkitError(`${SGDR}: ${path} gives '${def.name}' twice`);
    }
    given.set(def.name, value);
  }
  const args: Record<string, unknown> = {};
  for (const def of warmupCosineParams) {
    if (!given.has(def.name)) {
      if (!('default' in def)) {
        throw new LrkitError(`${SGDR}: ${path} is missing '${def.name}' (${def.doc})`);
      }
      args[def.name] = def.default;
      continue;
    }
    const named: ParamDef = { ...def, name: `${path}.${def.name}` };
    args[def.name] = convertParam(SGDR, named, given.get(def.name), () => {
      throw new LrkitError(`${SGDR}: ${path}.${def.name} cannot be a schedule`);
    });
  }
  const cycle = args as unknown as WarmupCosineArgs;
  checkWarmupCosine(SGDR, `${path}.`, cycle);
  return cycle;
}

/** The cycles of sgdr_schedule and the steps where each later one starts. */
function sgdrCycles(raw: unknown): { cycles: WarmupCosineArgs[]; boundaries: number[] } {
  if (!Array.isArray(raw)) {
    throw new ParameterError(SGDR, 'cosine_kwargs', 'must be a list of dicts', raw);
  }
  if (raw.length === 0) throw new ParameterError(SGDR, 'cosine_kwargs', 'must not be empty', []);
  const cycles = raw.map(cycleArgs);
  const boundaries: number[] = [];
  let step = 0;
  cycles.forEach((c, i) => {
    step += c.decay_steps;
    if (!Number.isFinite(step)) {
      throw new ParameterError(
        SGDR,
        `cosine_kwargs[${i}].decay_steps`,
        'must keep the total number of steps finite',
        c.decay_steps,
      );
    }
    boundaries.push(step);
  });
  return { cycles, boundaries: boundaries.slice(0, -1) };
}

export const sgdr_schedule: RegistryEntry = {
  ...optax('sgdr_schedule'),
  doc:
    'SGD with warm restarts: one warmup_cosine_decay_schedule per dict in cosine_kwargs, joined so ' +
    'that cycle i starts (at its own step 0) when the decay_steps of the cycles before it have ' +
    'passed; each cycle’s decay_steps includes its warm-up. After the last cycle its end_value holds.',
  params: [
    {
      name: 'cosine_kwargs',
      type: {
        kind: 'raw',
        describe:
          "a list of dicts of warmup_cosine_decay_schedule arguments, e.g. [{'init_value': 0.0, " +
          "'peak_value': 0.1, 'warmup_steps': 10, 'decay_steps': 100}]",
      },
      doc: 'one dict of warmup_cosine_decay_schedule arguments per cycle',
    },
  ],
  crossCheck: (a) => void sgdrCycles(a.cosine_kwargs),
  build: (a) => {
    const { cycles, boundaries } = sgdrCycles(a.cosine_kwargs);
    return stateless(join(cycles.map(warmupCosine), boundaries));
  },
};
