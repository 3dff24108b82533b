/** transformers' `get_scheduler(name, optimizer, ...)`: one entry that dispatches by name. */
import { LrkitError, ParameterError } from '../../errors.js';
import { rules } from '../../rules.js';
import { bindArgs, type CallArgs } from '../../registry/bind.js';
import type { BoundSpec, RegistryEntry } from '../../registry/types.js';
import { hf } from './common.js';
import {
  get_constant_schedule,
  get_constant_schedule_with_warmup,
  get_reduce_on_plateau_schedule,
} from './constant.js';
import {
  get_cosine_schedule_with_warmup,
  get_cosine_with_hard_restarts_schedule_with_warmup,
  get_cosine_with_min_lr_schedule_with_warmup,
  get_cosine_with_min_lr_schedule_with_warmup_lr_rate,
} from './cosine.js';
import {
  get_inverse_sqrt_schedule,
  get_linear_schedule_with_warmup,
  get_polynomial_decay_schedule_with_warmup,
} from './decay.js';
import { get_wsd_schedule } from './wsd.js';

const FN = 'transformers.get_scheduler';

/** transformers' `SchedulerType` values and the function each one calls (TYPE_TO_SCHEDULER_FUNCTION). */
export const schedulerTypes = {
  linear: get_linear_schedule_with_warmup,
  cosine: get_cosine_schedule_with_warmup,
  cosine_with_restarts: get_cosine_with_hard_restarts_schedule_with_warmup,
  polynomial: get_polynomial_decay_schedule_with_warmup,
  constant: get_constant_schedule,
  constant_with_warmup: get_constant_schedule_with_warmup,
  inverse_sqrt: get_inverse_sqrt_schedule,
  reduce_lr_on_plateau: get_reduce_on_plateau_schedule,
  cosine_with_min_lr: get_cosine_with_min_lr_schedule_with_warmup,
  cosine_warmup_with_min_lr: get_cosine_with_min_lr_schedule_with_warmup_lr_rate,
  warmup_stable_decay: get_wsd_schedule,
} as const satisfies Record<string, RegistryEntry>;

export type SchedulerType = keyof typeof schedulerTypes;

/** The keyword arguments in `scheduler_specific_kwargs`, in the order given. */
function specificKwargs(value: unknown): [string, unknown][] {
  if (value === null) return [];
  if (!(value instanceof Map)) {
    throw new ParameterError(
      FN,
      'scheduler_specific_kwargs',
      "must be a dict such as {'num_cycles': 2}",
      value,
    );
  }
  return [...(value as Map<unknown, unknown>)].map(([k, v]) => [String(k), v]);
}

/**
 * The call `get_scheduler` makes, bound to that function's entry, following transformers' own
 * rules: `constant` takes nothing else, `reduce_lr_on_plateau` only the specific kwargs,
 * `constant_with_warmup` and `inverse_sqrt` only num_warmup_steps (their specific kwargs are
 * dropped), `warmup_stable_decay` may go without num_training_steps, every other name needs both.
 */
export function dispatch(a: Readonly<Record<string, unknown>>): BoundSpec {
  const name = a.name as SchedulerType;
  const entry: RegistryEntry = schedulerTypes[name];
  const kwargs = specificKwargs(a.scheduler_specific_kwargs);
  const W = a.num_warmup_steps as number | null;
  const T = a.num_training_steps as number | null;
  const call = (params: [string, unknown][]): BoundSpec => {
    const args: CallArgs = { args: [], kwargs: params.map(([n, value]) => ({ name: n, value })) };
    try {
      return bindArgs(entry, args, () => {
        throw new LrkitError(`${entry.qualifiedName}: takes no nested schedulers`);
      });
    } catch (e) {
      // say which call the user's get_scheduler line became (the error keeps its class)
      if (e instanceof LrkitError) e.message = `${FN}: name='${name}' calls ${e.message}`;
      throw e;
    }
  };
  const needs = (param: string, value: unknown) => {
    if (value === null) {
      throw new LrkitError(
        `${FN}: ${name} requires \`${param}\`, please provide that argument (got ${param}=None)`,
      );
    }
  };
  if (name === 'constant') return call([]);
  if (name === 'reduce_lr_on_plateau') return call(kwargs);
  needs('num_warmup_steps', W);
  if (name === 'constant_with_warmup' || name === 'inverse_sqrt') {
    return call([['num_warmup_steps', W]]);
  }
  if (name !== 'warmup_stable_decay') needs('num_training_steps', T);
  return call([['num_warmup_steps', W], ['num_training_steps', T], ...kwargs]);
}

export const get_scheduler: RegistryEntry = {
  ...hf('get_scheduler'),
  doc:
    "transformers' unified entry point: the schedule named by name (a SchedulerType value), " +
    'called with num_warmup_steps, num_training_steps and scheduler_specific_kwargs as ' +
    'transformers passes them: constant ignores all three; reduce_lr_on_plateau takes only the ' +
    'kwargs; constant_with_warmup and inverse_sqrt only num_warmup_steps (kwargs such as ' +
    'timescale are dropped, as in transformers); warmup_stable_decay may omit num_training_steps ' +
    'when the kwargs give num_stable_steps; the others need both step counts.',
  params: [
    {
      name: 'name',
      type: { kind: 'enum', choices: Object.keys(schedulerTypes) },
      doc: "the schedule: 'linear', 'cosine', 'cosine_with_restarts', 'polynomial', ... (SchedulerType)",
    },
    {
      name: 'num_warmup_steps',
      type: { kind: 'int', rule: rules.nonNegativeInt },
      default: null,
      doc: 'updates of linear warm-up (required by every name but constant and reduce_lr_on_plateau)',
    },
    {
      name: 'num_training_steps',
      type: { kind: 'int', rule: rules.nonNegativeInt },
      default: null,
      doc: 'total updates (required by the decaying schedules)',
    },
    {
      name: 'scheduler_specific_kwargs',
      type: {
        kind: 'raw',
        describe: "a dict of the named schedule's other parameters, e.g. {'num_cycles': 2}",
      },
      default: null,
      doc: "the named schedule's other keyword arguments, e.g. {'num_cycles': 2} or {'min_lr': 1e-6}",
    },
  ],
  crossCheck: (a) => {
    dispatch(a);
  },
  build: (a) => {
    const inner = dispatch(a);
    return inner.entry.build(inner.args);
  },
};
