/**
 * What the transformers entries share: the parameters most `get_*_schedule*` functions have, the
 * linear warm-up every one of them starts with, and transformers' "progress" step variable.
 *
 * Every transformers schedule is a `LambdaLR` multiplier λ(k) of each group's base lr, evaluated
 * once per optimizer update; lrkit builds λ from primitives and composes it with `join`.
 */
import { join } from '../../compose/join.js';
import { describe } from '../../export/describe.js';
import { rules, type Rule } from '../../rules.js';
import type { Schedule } from '../../schedule.js';
import { linear } from '../../schedules/linear.js';
import type { ParamDef, RegistryEntry } from '../../registry/types.js';
import { torchCommonParams } from '../torch/common.js';

/**
 * The identity fields of an entry for transformers' function `name`: `transformers.<name>`, also
 * found by its bare name (`from transformers import get_linear_schedule_with_warmup` is how most
 * users call it; `transformers.optimization.<name>` is rewritten by the family prefix).
 */
export function hf(
  name: string,
): Pick<RegistryEntry, 'name' | 'family' | 'qualifiedName' | 'aliases'> {
  return { name, family: 'transformers', qualifiedName: `transformers.${name}`, aliases: [name] };
}

/** `last_epoch=-1`, accepted so a pasted line binds (lrkit resumes from saved state instead). */
export const lastEpochParam: ParamDef = torchCommonParams.find((p) => p.name === 'last_epoch')!;

export const numWarmupStepsParam: ParamDef = {
  name: 'num_warmup_steps',
  type: { kind: 'int', rule: rules.nonNegativeInt },
  doc: 'updates of linear warm-up: the multiplier is k / num_warmup_steps for k below it (0 at k = 0)',
};

export const numTrainingStepsParam: ParamDef = {
  name: 'num_training_steps',
  type: { kind: 'int', rule: rules.nonNegativeInt },
  doc: 'total updates, warm-up included: the decay runs from num_warmup_steps to here',
};

/**
 * `num_cycles` of the cosine schedules: waves over the decay (0.5: one half-cosine down). Bounded
 * so that π · 2·num_cycles · progress stays finite at any step lrkit is asked for (transformers'
 * `math.cos` raises on an infinite argument; beyond a cycle per step the waves only alias).
 */
const cyclesRule: Rule = {
  text: 'must be a finite number in [0, 1e9]',
  test: (v) => Number.isFinite(v) && v >= 0 && v <= 1e9,
};

export function numCyclesParam(defaultValue: number, doc: string): ParamDef {
  return {
    name: 'num_cycles',
    type: { kind: 'number', rule: cyclesRule },
    default: defaultValue,
    doc,
  };
}

/**
 * transformers' warm-up: λ(k) = k / max(1, W) for k < W (exactly 0 at k = 0), then `after` from
 * its own step 0 (it sees k − W). Unlike `compose/warmup`, the ramp always ends at 1, whatever
 * `after` starts at (a decay that is already over starts at 0 in transformers too).
 */
export function warmupThen(warmupSteps: number, after: Schedule): Schedule {
  if (warmupSteps === 0) return after;
  return join([linear({ from: 0, to: 1, steps: warmupSteps }), after], [warmupSteps]);
}

/**
 * A shape written in transformers' progress variable: at step s of a phase of `steps` updates,
 * `shape(cycles · (s / max(1, steps)))`, computed in transformers' order so that, e.g., hard
 * restarts fall on exactly the steps where transformers' `(num_cycles · progress) % 1` wraps.
 */
export function onProgress(shape: Schedule, steps: number, cycles = 1): Schedule {
  const d = Math.max(1, steps);
  return cycles === 1
    ? describe((s: number) => shape(s / d), { kind: 'warp', schedule: shape, divide: d })
    : describe((s: number) => shape(cycles * (s / d)), {
        kind: 'warp',
        schedule: shape,
        divide: d,
        multiply: cycles,
      });
}

/** `schedule` read `by` steps later: `f(t) = s(t + by)` (transformers' off-by-one variants). */
export function ahead(schedule: Schedule, by: number): Schedule {
  return by === 0
    ? schedule
    : describe((t: number) => schedule(t + by), { kind: 'shift', schedule, by });
}

/** `schedule` read backwards from step `from`: `f(t) = s(from − t)` (a ramp run in reverse). */
export function backwards(schedule: Schedule, from: number): Schedule {
  return describe((t: number) => schedule(from - t), { kind: 'reverse', schedule, from });
}
