/** PyTorch's composite schedulers: SequentialLR (join) and ChainedScheduler (product). */
import { activeIndex, join } from '../../compose/join.js';
import { product } from '../../compose/product.js';
import { LrkitError } from '../../errors.js';
import { describe } from '../../export/describe.js';
import { rules } from '../../rules.js';
import type { Schedule } from '../../schedule.js';
import type {
  BoundSpec,
  ClosedFormPlan,
  GroupInit,
  GroupSchedules,
  PlanEnd,
  RegistryEntry,
} from '../../registry/types.js';
import { torchCommonParams } from './common.js';

/** The closed-form plans of nested schedulers; a metric-driven child cannot be composed. */
function childPlans(fn: string, children: readonly BoundSpec[]): ClosedFormPlan[] {
  return children.map((c, i) => {
    const plan = c.entry.build(c.args);
    if (plan.kind !== 'closed-form') {
      throw new LrkitError(
        `${fn}: schedulers[${i}] is ${c.entry.name}, which is driven by metrics and cannot be composed; use it on its own`,
      );
    }
    return plan;
  });
}

/**
 * A composite's plan: binds every child to the groups once, then combines group i's children
 * (`parts`) into group i's schedules.
 */
function compositePlan(
  plans: readonly ClosedFormPlan[],
  end: PlanEnd | undefined,
  combine: (parts: GroupSchedules[], group: GroupInit, cyclesMomentum: boolean) => GroupSchedules,
): ClosedFormPlan {
  const cyclesMomentum = plans.some((p) => p.cyclesMomentum);
  return {
    kind: 'closed-form',
    cyclesMomentum,
    end,
    bind: (groups) => {
      const bound = plans.map((p) => p.bind(groups));
      return groups.map((g, gi) =>
        combine(
          bound.map((b) => b[gi]!),
          g,
          cyclesMomentum,
        ),
      );
    },
  };
}

/**
 * Momentum across a sequence: the active child's if it cycles momentum; otherwise the value the
 * last momentum-cycling child before it left (its final step), else the group's initial momentum.
 */
function sequenceMomentum(
  parts: readonly (Schedule | undefined)[],
  boundaries: readonly number[],
  initial: number,
): Schedule {
  const startOf = (i: number) => (i === 0 ? 0 : boundaries[i - 1]!);
  return (t) => {
    const i = activeIndex(boundaries, t, 'next');
    const own = parts[i];
    if (own) return own(t - startOf(i));
    for (let j = i - 1; j >= 0; j--) {
      const len = boundaries[j]! - startOf(j);
      const m = parts[j];
      if (m && len > 0) return m(len - 1);
    }
    return initial;
  };
}

export const SequentialLR: RegistryEntry = {
  name: 'SequentialLR',
  family: 'torch',
  qualifiedName: 'SequentialLR',
  doc:
    'Runs schedulers one after another: scheduler i starts at its own epoch 0 at milestone i−1 ' +
    '(a milestone of 0 skips the scheduler before it; composites nest).',
  params: [
    { name: 'schedulers', type: { kind: 'schedulers' }, doc: 'the schedulers, in order' },
    {
      name: 'milestones',
      type: { kind: 'intList', rule: rules.nonNegativeInt },
      doc: 'epochs at which the next scheduler takes over (one fewer than schedulers)',
    },
    ...torchCommonParams,
  ],
  crossCheck: (a) => {
    const n = (a.schedulers as BoundSpec[]).length;
    const ms = a.milestones as number[];
    if (ms.length !== n - 1) {
      throw new LrkitError(
        `SequentialLR: milestones must have one fewer item than schedulers (${n} schedulers need ${n - 1}), got ${ms.length}`,
      );
    }
    ms.forEach((m, i) => {
      if (i > 0 && m < ms[i - 1]!) {
        throw new LrkitError(
          `SequentialLR: milestones must be non-decreasing, got ${ms[i - 1]} then ${m} at index ${i}`,
        );
      }
    });
  },
  build: (a) => {
    const plans = childPlans('SequentialLR', a.schedulers as BoundSpec[]);
    const ms = a.milestones as number[];
    const last = plans[plans.length - 1]!.end;
    const offset = ms.length ? ms[ms.length - 1]! : 0;
    const end: PlanEnd | undefined = last && {
      lastIndex: last.lastIndex + offset,
      policy: last.policy,
      message: (k) => last.message(k - offset),
    };
    return compositePlan(plans, end, (parts, g, cyclesMomentum) => ({
      lr: join(
        parts.map((p) => p.lr),
        ms,
      ),
      momentum: cyclesMomentum
        ? sequenceMomentum(
            parts.map((p) => p.momentum),
            ms,
            g.momentum ?? 0,
          )
        : undefined,
    }));
  },
};

export const ChainedScheduler: RegistryEntry = {
  name: 'ChainedScheduler',
  family: 'torch',
  qualifiedName: 'ChainedScheduler',
  doc:
    'Applies every scheduler at every epoch: lr = base_lr · Π (scheduler_i(epoch) / base_lr), the ' +
    'product of their factors (exact for multiplicative schedulers; PyTorch’s chained recurrence ' +
    'differs when a child sets absolute values, e.g. CyclicLR or eta_min > 0).',
  params: [
    { name: 'schedulers', type: { kind: 'schedulers' }, doc: 'the schedulers to apply together' },
    ...torchCommonParams,
  ],
  build: (a) => {
    const plans = childPlans('ChainedScheduler', a.schedulers as BoundSpec[]);
    const ends = plans.flatMap((p) => (p.end ? [p.end] : []));
    const end = ends.length
      ? ends.reduce((x, y) => (y.lastIndex < x.lastIndex ? y : x))
      : undefined;
    return compositePlan(plans, end, (parts, g) => {
      const base = g.lr;
      const factors = product(
        parts.map((p): Schedule =>
          describe((t: number) => p.lr(t) / base, { kind: 'ratio', schedule: p.lr, by: base }),
        ),
      );
      // the last child that sets momentum wins, as each child steps in list order
      const momentum = [...parts].reverse().find((p) => p.momentum)?.momentum;
      return {
        lr:
          base === 0
            ? describe(() => 0, { kind: 'constant', value: 0 })
            : describe((t: number) => base * factors(t), {
                kind: 'scale',
                schedule: factors,
                k: base,
              }),
        momentum,
      };
    });
  },
};
