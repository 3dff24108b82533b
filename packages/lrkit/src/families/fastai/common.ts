/**
 * What the fastai entries share: the `total_steps` lrkit adds to every schedule of progress, the
 * entry shape of such schedules (usable alone or nested in combine_scheds), and the parameters
 * of the `Learner.fit_*` methods.
 */
import { LrkitError, ParameterError, formatValue } from '../../errors.js';
import { rules } from '../../rules.js';
import type { Schedule } from '../../schedule.js';
import type { BoundSpec, ParamDef, RegistryEntry } from '../../registry/types.js';
import { stateless } from '../plans.js';
import { fitProgress, linearProgress, onProgress } from './progress.js';

export type Args = Readonly<Record<string, unknown>>;

/** The identity fields of a fastai entry. */
export function fastai(name: string) {
  return { name, family: 'fastai' as const, qualifiedName: `fastai.${name}` };
}

/** lrkit's addition to every fastai schedule: the step count over which pos runs from 0 to 1. */
export const totalStepsParam: ParamDef = {
  name: 'total_steps',
  type: { kind: 'int', rule: rules.positiveInt },
  default: null,
  doc:
    'lrkit: steps over which pos runs from 0 to 1 (step k evaluates pos = k/total_steps; the ' +
    'final value holds after); required at the top level, omitted inside combine_scheds',
};

/** Builders of the pos → value function of each schedule of progress, by entry. */
const posBuilders = new Map<RegistryEntry, (a: Args) => Schedule>();

/**
 * A fastai schedule of progress (SchedLin, combine_scheds, ...): `pos(args)` builds its function
 * of pos ∈ [0, 1]. At the top level it runs over `total_steps` (pos = k/total_steps, values
 * shared by every param group); nested in combine_scheds the parent hands it positions.
 */
export function posEntry(def: {
  name: string;
  doc: string;
  params: readonly ParamDef[];
  crossCheck?: (a: Args) => void;
  pos: (a: Args) => Schedule;
}): RegistryEntry {
  const id = fastai(def.name);
  const entry: RegistryEntry = {
    ...id,
    doc: def.doc,
    params: [...def.params, totalStepsParam],
    ...(def.crossCheck ? { crossCheck: def.crossCheck } : {}),
    build: (a) => {
      const total = a.total_steps as number | null;
      if (total === null) {
        throw new LrkitError(
          `${id.qualifiedName}: total_steps is required at the top level (a fastai schedule is a ` +
            'function of progress pos ∈ [0, 1]; step k evaluates pos = k/total_steps)',
        );
      }
      return stateless(onProgress(def.pos(a), linearProgress(total)));
    },
  };
  posBuilders.set(entry, def.pos);
  return entry;
}

/** The function of pos of a bound schedule of progress, or undefined for any other entry. */
export function posScheduleOf(bound: BoundSpec): Schedule | undefined {
  const builder = posBuilders.get(bound.entry);
  return builder && builder(bound.args);
}

/** Whether an entry is a schedule of progress (nestable in combine_scheds). */
export function isPosEntry(entry: RegistryEntry): boolean {
  return posBuilders.has(entry);
}

// ---------------------------------------------------------------------------------------------
// Learner.fit_* parameters
// ---------------------------------------------------------------------------------------------

/** `n_epoch`, the first argument of fit_one_cycle and fit_flat_cos. */
export const nEpochParam: ParamDef = {
  name: 'n_epoch',
  type: { kind: 'int', rule: rules.positiveInt },
  default: null,
  doc: 'epochs of the fit; with steps_per_epoch, lrkit follows fastai’s per-batch progress (or give total_steps instead)',
};

/** fastai's lr argument: None takes each param group's lr (fastai: the Learner's lr). */
export function lrParam(name: string, doc: string): ParamDef {
  return {
    name,
    type: { kind: 'perGroup', rule: rules.nonNegative },
    default: null,
    doc: `${doc} (a list: one per param group; None: each group’s lr, as fastai uses the Learner’s lr)`,
  };
}

export const wdParam: ParamDef = {
  name: 'wd',
  type: { kind: 'perGroup', rule: rules.nonNegative },
  default: null,
  doc: 'weight decay: accepted so a pasted call binds, ignored (it is not a learning rate)',
};

export const cbsParam: ParamDef = {
  name: 'cbs',
  type: { kind: 'raw', describe: 'fastai callbacks (accepted and ignored)' },
  default: null,
  doc: 'fastai callbacks: accepted so a pasted call binds, ignored',
};

export const resetOptParam: ParamDef = {
  name: 'reset_opt',
  type: { kind: 'bool' },
  default: false,
  doc: 'fastai resets the optimizer state: accepted so a pasted call binds, ignored',
};

export const startEpochParam: ParamDef = {
  name: 'start_epoch',
  type: {
    kind: 'int',
    rule: { text: 'must be 0 (resume from saved Scheduler state instead)', test: (v) => v === 0 },
  },
  default: 0,
  doc: 'fastai skips epochs before it to resume; only 0 — lrkit resumes from Scheduler.fromState()',
};

export const fitTotalStepsParam: ParamDef = {
  name: 'total_steps',
  type: { kind: 'int', rule: rules.positiveInt },
  default: null,
  doc: 'lrkit: batches of the whole fit; step k evaluates pos = k/total_steps (or give steps_per_epoch)',
};

export const stepsPerEpochParam: ParamDef = {
  name: 'steps_per_epoch',
  type: { kind: 'int', rule: rules.positiveInt },
  default: null,
  doc: 'lrkit: batches per epoch (fastai’s n_iter); positions follow fastai’s per-batch arithmetic',
};

/** `cycle_momentum`: lrkit's switch for fit_one_cycle's momentum schedule. */
export const cycleMomentumParam: ParamDef = {
  name: 'cycle_momentum',
  type: { kind: 'bool' },
  default: true,
  doc: 'lrkit: set momentum (Adam: beta1) from moms as fastai sets its mom hyper-parameter; False leaves it',
};

/**
 * The step → pos mapping of a fit: `total_steps` (pos = k/total_steps), or `steps_per_epoch`
 * with the fit's epoch count (fastai's accumulated per-batch progress). Exactly one of the two;
 * `nEpoch` is the fit's epoch count (null when the user did not give it), `nEpochName` the
 * parameter that gives it (fit_sgdr computes it: undefined).
 */
export function checkFitProgress(
  fn: string,
  a: Args,
  nEpoch: number | null,
  nEpochName: string | undefined,
): void {
  const total = a.total_steps as number | null;
  const spe = a.steps_per_epoch as number | null;
  const perBatch = spe !== null && nEpoch !== null;
  const ok = nEpochName
    ? (total !== null && spe === null && nEpoch === null) || (total === null && perBatch)
    : (total !== null) !== (spe !== null);
  if (!ok) {
    const got = [
      `total_steps=${formatValue(total)}`,
      ...(nEpochName ? [`${nEpochName}=${formatValue(nEpoch)}`] : []),
      `steps_per_epoch=${formatValue(spe)}`,
    ].join(', ');
    const perBatchText = nEpochName
      ? `${nEpochName} with steps_per_epoch`
      : 'steps_per_epoch (over the n_epoch fastai computes)';
    throw new LrkitError(
      `${fn}: give exactly one of total_steps (pos = k/total_steps) or ${perBatchText} for fastai’s per-batch progress; got ${got}`,
    );
  }
  if (perBatch && nEpoch * spe > Number.MAX_SAFE_INTEGER) {
    throw new ParameterError(
      fn,
      'steps_per_epoch',
      `must keep the fit at most 2^53 − 1 batches (${nEpoch} epochs)`,
      spe,
    );
  }
}

/** The progress of a fit whose parameters passed {@link checkFitProgress}. */
export function fitPositions(a: Args, nEpoch: number | null): Schedule {
  const total = a.total_steps as number | null;
  if (total !== null) return linearProgress(total);
  return fitProgress(nEpoch!, a.steps_per_epoch as number);
}
