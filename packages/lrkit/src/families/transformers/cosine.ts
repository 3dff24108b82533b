/**
 * transformers' cosine schedules after a linear warm-up: `get_cosine_schedule_with_warmup`,
 * `get_cosine_with_hard_restarts_schedule_with_warmup`, `get_cosine_with_min_lr_schedule_with_warmup`
 * and its off-by-one sibling `get_cosine_with_min_lr_schedule_with_warmup_lr_rate`.
 */
import { join } from '../../compose/join.js';
import { scale } from '../../compose/product.js';
import { LrkitError, ParameterError } from '../../errors.js';
import { rules } from '../../rules.js';
import type { Schedule } from '../../schedule.js';
import { constant } from '../../schedules/constant.js';
import { cosine } from '../../schedules/cosine.js';
import { cosineRestarts } from '../../schedules/cosineRestarts.js';
import { linear } from '../../schedules/linear.js';
import type { ClosedFormPlan, ParamDef, RegistryEntry } from '../../registry/types.js';
import { closedForm, multiplier } from '../plans.js';
import {
  ahead,
  hf,
  lastEpochParam,
  numCyclesParam,
  numTrainingStepsParam,
  numWarmupStepsParam,
  onProgress,
  warmupThen,
} from './common.js';

const cyclesDoc = 'cosine waves over the decay (0.5: one half-cosine from 1 down to the floor)';

/**
 * transformers' cosine after warm-up as a function of the step s = k − W:
 * floor + (1 − floor) · ½(1 + cos(π · 2·num_cycles · s / max(1, T − W))). It is not clamped at
 * T: with num_cycles = 0.5 the lr rises again after num_training_steps, as in transformers.
 */
function cosineDecay(decaySteps: number, cycles: number, floor: number): Schedule {
  return onProgress(cosine({ from: 1, to: floor, period: 1 }), decaySteps, 2 * cycles);
}

export const get_cosine_schedule_with_warmup: RegistryEntry = {
  ...hf('get_cosine_schedule_with_warmup'),
  doc:
    'Warm-up k / max(1, W), then lr = base_lr · ½(1 + cos(π · 2·num_cycles · (k − W) / max(1, T − W))). ' +
    'Progress is not clamped: past num_training_steps the cosine continues and the lr rises again ' +
    '(a transformers quirk lrkit keeps).',
  params: [
    numWarmupStepsParam,
    numTrainingStepsParam,
    numCyclesParam(0.5, cyclesDoc),
    lastEpochParam,
  ],
  build: (a) => {
    const W = a.num_warmup_steps as number;
    const T = a.num_training_steps as number;
    return multiplier(warmupThen(W, cosineDecay(T - W, a.num_cycles as number, 0)));
  },
};

export const get_cosine_with_hard_restarts_schedule_with_warmup: RegistryEntry = {
  ...hf('get_cosine_with_hard_restarts_schedule_with_warmup'),
  doc:
    'Warm-up k / max(1, W), then num_cycles cosines from base_lr down to 0, each restarting at ' +
    'base_lr: lr = base_lr · ½(1 + cos(π · ((num_cycles · p) mod 1))) with p = (k − W) / max(1, T − W), ' +
    'and exactly 0 once p ≥ 1.',
  params: [
    numWarmupStepsParam,
    numTrainingStepsParam,
    numCyclesParam(1, 'number of cosine cycles (hard restarts) over the decay'),
    lastEpochParam,
  ],
  build: (a) => {
    const W = a.num_warmup_steps as number;
    const T = a.num_training_steps as number;
    const span = Math.max(1, T - W);
    const unit = cosineRestarts({ from: 1, to: 0, period: 1, mult: 1 });
    const restarts = onProgress(unit, span, a.num_cycles as number);
    return multiplier(warmupThen(W, join([restarts, constant(0)], [span])));
  },
};

const minLrParams: ParamDef[] = [
  {
    name: 'min_lr',
    type: { kind: 'number', rule: rules.nonNegative },
    default: null,
    doc: 'floor of the cosine as an absolute lr (give this or min_lr_rate)',
  },
  {
    name: 'min_lr_rate',
    type: { kind: 'number', rule: rules.unitInterval },
    default: null,
    doc: 'floor of the cosine as a fraction of the base lr, in [0, 1] (give this or min_lr)',
  },
];

/** transformers' rule: exactly one of min_lr and min_lr_rate. */
function checkOneFloor(fn: string, a: Readonly<Record<string, unknown>>): void {
  if (a.min_lr !== null && a.min_lr_rate !== null) {
    throw new LrkitError(
      `${fn}: Only one of min_lr or min_lr_rate should be set, got min_lr=${a.min_lr as number} and min_lr_rate=${a.min_lr_rate as number}`,
    );
  }
  if (a.min_lr === null && a.min_lr_rate === null) {
    throw new LrkitError(
      `${fn}: One of min_lr or min_lr_rate should be set (in the Trainer through \`lr_scheduler_kwargs\`), got both None`,
    );
  }
}

/**
 * The plan of a min-lr cosine: λ built from the floor as a fraction of the initial lr. With
 * min_lr_rate every group shares λ; with min_lr the fraction is min_lr / lr_init, lr_init being
 * each group's base lr (transformers: optimizer.defaults["lr"]).
 */
function floorPlan(
  fn: string,
  a: Readonly<Record<string, unknown>>,
  lambda: (floor: number) => Schedule,
): ClosedFormPlan {
  const rate = a.min_lr_rate as number | null;
  if (rate !== null) return multiplier(lambda(rate));
  const minLr = a.min_lr as number;
  return closedForm((g, i) => {
    // min_lr_rate = min_lr / lr_init must be a rate in [0, 1], as min_lr_rate itself
    if (!(minLr <= g.lr)) {
      throw new ParameterError(
        fn,
        'min_lr',
        `must be at most the initial lr of param group ${i} (${g.lr}), as min_lr_rate = min_lr / lr is a rate in [0, 1]`,
        minLr,
      );
    }
    const floor = g.lr === 0 ? 0 : minLr / g.lr;
    return { lr: scale(lambda(floor), g.lr) };
  });
}

const MIN_LR = 'transformers.get_cosine_with_min_lr_schedule_with_warmup';

export const get_cosine_with_min_lr_schedule_with_warmup: RegistryEntry = {
  ...hf('get_cosine_with_min_lr_schedule_with_warmup'),
  doc:
    'Warm-up k / max(1, W), then lr = base_lr · (r + (1 − r) · ½(1 + cos(π · 2·num_cycles · (k − W) / max(1, T − W)))) ' +
    'with r = min_lr_rate, or min_lr / lr_init (transformers: optimizer.defaults["lr"]; lrkit: each ' +
    "group's base lr). Exactly one of min_lr and min_lr_rate. Not clamped past num_training_steps " +
    '(the lr rises again, as in transformers). lrkit keeps the floor a rate in [0, 1]: min_lr above ' +
    "a group's base lr is rejected (transformers accepts it and the cosine rises to it).",
  params: [
    numWarmupStepsParam,
    numTrainingStepsParam,
    numCyclesParam(0.5, cyclesDoc),
    lastEpochParam,
    ...minLrParams,
  ],
  crossCheck: (a) => checkOneFloor(MIN_LR, a),
  build: (a) => {
    const W = a.num_warmup_steps as number;
    const T = a.num_training_steps as number;
    const cycles = a.num_cycles as number;
    return floorPlan(MIN_LR, a, (floor) => warmupThen(W, cosineDecay(T - W, cycles, floor)));
  },
};

const LR_RATE = 'transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate';

export const get_cosine_with_min_lr_schedule_with_warmup_lr_rate: RegistryEntry = {
  ...hf('get_cosine_with_min_lr_schedule_with_warmup_lr_rate'),
  doc:
    'get_cosine_with_min_lr_schedule_with_warmup one update ahead (transformers’ off-by-one ' +
    'variant, kept): warm-up (k + 1) / max(1, W), so the first update already has base_lr / W and ' +
    'k = W − 1 has base_lr, or with warmup_lr_rate a: a + (1 − a) · k / max(1, W − 1); then the ' +
    'cosine with progress (k − W + 1) / max(1, T − W), which reaches the floor at k = T − 1 and ' +
    'rises again after it. Floors and warmup_lr_rate are rates in [0, 1] (see the min-lr cosine).',
  params: [
    numWarmupStepsParam,
    numTrainingStepsParam,
    numCyclesParam(0.5, cyclesDoc),
    lastEpochParam,
    ...minLrParams,
    {
      name: 'warmup_lr_rate',
      type: { kind: 'number', rule: rules.unitInterval },
      default: null,
      doc: 'multiplier at the first update, rising linearly to 1 at update W − 1 (None: 1 / W)',
    },
  ],
  crossCheck: (a) => checkOneFloor(LR_RATE, a),
  build: (a) => {
    const W = a.num_warmup_steps as number;
    const T = a.num_training_steps as number;
    const cycles = a.num_cycles as number;
    const startRate = a.warmup_lr_rate as number | null;
    const ramp =
      startRate === null
        ? ahead(linear({ from: 0, to: 1, steps: W }), 1)
        : linear({ from: startRate, to: 1, steps: Math.max(1, W - 1) });
    return floorPlan(LR_RATE, a, (floor) => {
      const decay = ahead(cosineDecay(T - W, cycles, floor), 1);
      return W === 0 ? decay : join([ramp, decay], [W]);
    });
  },
};
