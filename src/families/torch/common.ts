/**
 * What every PyTorch scheduler entry shares: the `last_epoch`/`verbose` parameters users paste,
 * PyTorch's per-param-group lists, and the plan constructor.
 */
import { LrkitError, ParameterError } from '../../errors.js';
import { memoLast } from '../../compose/memo.js';
import { scale } from '../../compose/product.js';
import { rules } from '../../rules.js';
import type { Schedule } from '../../schedule.js';
import type {
  ClosedFormPlan,
  GroupInit,
  GroupSchedules,
  ParamDef,
  PlanEnd,
} from '../../registry/types.js';

/** Accepted so a pasted line binds; lrkit resumes from saved state instead of `last_epoch`. */
export const torchCommonParams: readonly ParamDef[] = [
  {
    name: 'last_epoch',
    type: {
      kind: 'int',
      rule: { text: 'must be -1 (resume from saved state instead)', test: (v) => v === -1 },
    },
    default: -1,
    doc: 'PyTorch resume index; only -1 (a fresh scheduler) — lrkit resumes from Scheduler.fromState()',
  },
  {
    name: 'verbose',
    type: { kind: 'bool' },
    default: false,
    doc: 'ignored (PyTorch prints each update)',
  },
];

/** `lr_lambda` of LambdaLR and MultiplicativeLR. */
export function lrLambdaParam(doc: string): ParamDef {
  return { name: 'lr_lambda', type: { kind: 'expr', perGroup: true }, doc };
}

/** `eta_min` of the cosine schedulers. */
export const etaMinParam: ParamDef = {
  name: 'eta_min',
  type: { kind: 'number', rule: rules.nonNegative },
  default: 0,
  doc: 'lowest lr',
};

/** CyclicLR's and OneCycleLR's momentum cycling, with each one's defaults. */
export function momentumParams(base: number, max: number): ParamDef[] {
  return [
    {
      name: 'cycle_momentum',
      type: { kind: 'bool' },
      default: true,
      doc: 'cycle momentum (Adam: beta1) inversely to the lr',
    },
    {
      name: 'base_momentum',
      type: { kind: 'perGroup', rule: rules.unitInterval },
      default: base,
      doc: 'momentum at the lr peak',
    },
    {
      name: 'max_momentum',
      type: { kind: 'perGroup', rule: rules.unitInterval },
      default: max,
      doc: 'momentum at the lr bottom (start and end of a cycle)',
    },
  ];
}

/**
 * PyTorch's `_format_param`: one value shared by every group, or a list with one per group.
 * @throws ParameterError when a list's length differs from the number of groups.
 */
export function perGroup<T>(
  fn: string,
  name: string,
  value: T | readonly T[],
  groups: number,
): T[] {
  if (!Array.isArray(value)) return Array.from({ length: groups }, () => value as T);
  if (value.length !== groups) {
    const rule = `must have one value per param group (${groups} group${groups === 1 ? '' : 's'})`;
    if (value.every((v) => typeof v === 'number')) throw new ParameterError(fn, name, rule, value);
    throw new LrkitError(`${fn}: ${name} ${rule}, got ${value.length} values`);
  }
  return [...(value as T[])];
}

/**
 * The plan of a multiplicative scheduler: group lr = base_lr · m(epoch), PyTorch's closed form.
 * The groups share one memoised m, so a step costs one evaluation of m, not one per group.
 */
export function multiplier(m: Schedule): ClosedFormPlan {
  return {
    kind: 'closed-form',
    cyclesMomentum: false,
    bind: (groups) => {
      const shared = memoLast(m);
      return groups.map((g) => ({ lr: scale(shared, g.lr) }));
    },
  };
}

/** A closed-form plan from a per-group builder. */
export function closedForm(
  perGroupBuild: (group: GroupInit, index: number, groups: readonly GroupInit[]) => GroupSchedules,
  options: { cyclesMomentum?: boolean; end?: PlanEnd } = {},
): ClosedFormPlan {
  return {
    kind: 'closed-form',
    cyclesMomentum: options.cyclesMomentum ?? false,
    end: options.end,
    bind: (groups) => groups.map((g, i) => perGroupBuild(g, i, groups)),
  };
}
