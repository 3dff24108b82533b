/**
 * Plan constructors shared by every family: how a schedule's per-group values are built from the
 * param groups (PyTorch's per-group lists, multipliers of each group's base lr, schedules that
 * carry their own scale).
 */
import { memoLast } from '../compose/memo.js';
import { scale } from '../compose/product.js';
import { LrkitError, ParameterError } from '../errors.js';
import type { Schedule } from '../schedule.js';
import type { ClosedFormPlan, GroupInit, GroupSchedules, PlanEnd } from '../registry/types.js';

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

/**
 * The plan of a schedule that carries its own scale (Keras, optax, fastai): every group gets the
 * same values, whatever its lr; `momentum` where the schedule also sets it (fastai's one-cycle).
 */
export function stateless(
  lr: Schedule,
  options: { momentum?: Schedule; end?: PlanEnd } = {},
): ClosedFormPlan {
  const { momentum, end } = options;
  return {
    kind: 'closed-form',
    cyclesMomentum: momentum !== undefined,
    end,
    bind: (groups) => {
      const sharedLr = memoLast(lr);
      const sharedMom = momentum && memoLast(momentum);
      return groups.map(() => ({ lr: sharedLr, momentum: sharedMom }));
    },
  };
}
