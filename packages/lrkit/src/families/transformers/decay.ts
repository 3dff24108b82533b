/**
 * transformers' non-cosine decays after a linear warm-up: `get_linear_schedule_with_warmup`,
 * `get_polynomial_decay_schedule_with_warmup` and `get_inverse_sqrt_schedule`.
 */
import { join } from '../../compose/join.js';
import { scale } from '../../compose/product.js';
import { LrkitError, ParameterError } from '../../errors.js';
import { rules } from '../../rules.js';
import type { Schedule } from '../../schedule.js';
import { constant } from '../../schedules/constant.js';
import { inverseSqrt } from '../../schedules/inverseSqrt.js';
import { linear } from '../../schedules/linear.js';
import { polynomial } from '../../schedules/polynomial.js';
import type { RegistryEntry } from '../../registry/types.js';
import { closedForm, multiplier } from '../plans.js';
import {
  backwards,
  hf,
  lastEpochParam,
  numTrainingStepsParam,
  numWarmupStepsParam,
  warmupThen,
} from './common.js';

/** The multiplier of `get_linear_schedule_with_warmup`. */
export function linearMultiplier(warmupSteps: number, trainingSteps: number): Schedule {
  const decaySteps = trainingSteps - warmupSteps;
  // transformers: max(0, (T − k) / max(1, T − W)), 0 from k = T on. The ramp 0 → 1 read
  // backwards from T − W computes (T − k) / (T − W) exactly as transformers does.
  if (decaySteps <= 0) return warmupThen(warmupSteps, constant(0));
  const down = backwards(linear({ from: 0, to: 1, steps: decaySteps }), decaySteps);
  return warmupThen(warmupSteps, join([down, constant(0)], [decaySteps]));
}

export const get_linear_schedule_with_warmup: RegistryEntry = {
  ...hf('get_linear_schedule_with_warmup'),
  doc:
    'lr = base_lr · k / max(1, W) for k < W, then base_lr · max(0, (T − k) / max(1, T − W)): ' +
    'down to exactly 0 at k = T = num_training_steps and 0 after (W = num_warmup_steps).',
  params: [numWarmupStepsParam, numTrainingStepsParam, lastEpochParam],
  build: (a) =>
    multiplier(linearMultiplier(a.num_warmup_steps as number, a.num_training_steps as number)),
};

const POLY = 'transformers.get_polynomial_decay_schedule_with_warmup';

export const get_polynomial_decay_schedule_with_warmup: RegistryEntry = {
  ...hf('get_polynomial_decay_schedule_with_warmup'),
  doc:
    'Warm-up k / max(1, W), then lr = base_lr · ((lr_init − lr_end) · (1 − (k − W)/(T − W))^power + ' +
    'lr_end) / lr_init up to k = T, and base_lr · lr_end / lr_init after: it ends at the absolute ' +
    'lr lr_end. lr_init is the initial lr (transformers: optimizer.defaults["lr"]; lrkit: each ' +
    "group's base lr, the same when the groups share the optimizer's lr), and must be greater " +
    'than lr_end, checked per group when the scheduler is built, as transformers raises. ' +
    'num_training_steps = num_warmup_steps is rejected (transformers divides by zero at that step).',
  params: [
    numWarmupStepsParam,
    numTrainingStepsParam,
    {
      name: 'lr_end',
      type: { kind: 'number', rule: rules.nonNegative },
      default: 1e-7,
      doc: 'final lr (absolute, not a fraction of the base lr)',
    },
    {
      name: 'power',
      type: { kind: 'number', rule: rules.nonNegative },
      default: 1.0,
      doc: 'exponent of the decay (1: linear)',
    },
    lastEpochParam,
  ],
  crossCheck: (a) => {
    if (a.num_training_steps === a.num_warmup_steps) {
      throw new LrkitError(
        `${POLY}: num_training_steps must differ from num_warmup_steps (transformers divides by ` +
          `num_training_steps − num_warmup_steps at step num_warmup_steps), got both ${a.num_warmup_steps as number}`,
      );
    }
  },
  build: (a) => {
    const W = a.num_warmup_steps as number;
    const T = a.num_training_steps as number;
    const lrEnd = a.lr_end as number;
    const power = a.power as number;
    return closedForm((g, i) => {
      if (!(g.lr > lrEnd)) {
        throw new ParameterError(
          POLY,
          'lr_end',
          `must be smaller than the initial lr of param group ${i} (${g.lr})`,
          lrEnd,
        );
      }
      const end = lrEnd / g.lr;
      const m =
        T > W
          ? // k ≤ T still decays (k = T gives lr_end); only k > T is the constant lr_end
            join(
              [warmupThen(W, polynomial({ from: 1, to: end, steps: T - W, power })), constant(end)],
              [T],
              { at: 'previous' },
            )
          : warmupThen(W, constant(end));
      return { lr: scale(m, g.lr) };
    });
  },
};

export const get_inverse_sqrt_schedule: RegistryEntry = {
  ...hf('get_inverse_sqrt_schedule'),
  doc:
    'Warm-up k / max(1, W), then lr = base_lr / √((k − W + τ) / τ), with τ = timescale, by default ' +
    'num_warmup_steps, or 10,000 when that is 0 (so at k = W the lr is base_lr). Never reaches 0.',
  params: [
    numWarmupStepsParam,
    {
      name: 'timescale',
      type: { kind: 'int', rule: rules.positiveInt },
      default: null,
      doc: 'time scale τ in updates (None: num_warmup_steps, or 10,000 if that is 0)',
    },
    lastEpochParam,
  ],
  build: (a) => {
    const W = a.num_warmup_steps as number;
    const timescale = (a.timescale as number | null) ?? (W || 10_000);
    return multiplier(warmupThen(W, inverseSqrt({ initial: 1, timescale })));
  },
};
