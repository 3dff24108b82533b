/** transformers' warmup-stable-decay schedule, `get_wsd_schedule`. */
import { join } from '../../compose/join.js';
import { between } from '../../compose/product.js';
import { describe } from '../../export/describe.js';
import { LrkitError } from '../../errors.js';
import { rules } from '../../rules.js';
import type { Schedule } from '../../schedule.js';
import { anneal } from '../../schedules/anneal.js';
import { constant } from '../../schedules/constant.js';
import { cosine } from '../../schedules/cosine.js';
import { linear } from '../../schedules/linear.js';
import { polynomial } from '../../schedules/polynomial.js';
import type { RegistryEntry } from '../../registry/types.js';
import { multiplier } from '../plans.js';
import { ahead, backwards, hf, lastEpochParam, numCyclesParam, onProgress } from './common.js';

const WSD = 'transformers.get_wsd_schedule';

export type WsdShape = 'linear' | 'cosine' | '1-sqrt';
const shapes: readonly WsdShape[] = ['linear', 'cosine', '1-sqrt'];

/** The warm-up shapes as functions of progress p ∈ [0, 1): 0 → 1. */
function warmupShape(type: WsdShape): Schedule {
  switch (type) {
    case 'linear': // p
      return linear({ from: 0, to: 1, steps: 1 });
    case 'cosine': // ½(1 − cos πp)
      return anneal({ from: 0, to: 1, steps: 1, shape: 'cos' });
    case '1-sqrt': // 1 − √(1 − p)
      return polynomial({ from: 0, to: 1, steps: 1, power: 0.5 });
  }
}

/** The decay shapes as functions of progress p ∈ [0, 1): 1 → 0 (cosine: 2·num_cycles waves). */
function decayShape(type: WsdShape, cycles: number): Schedule {
  switch (type) {
    case 'linear': // 1 − p
      return linear({ from: 1, to: 0, steps: 1 });
    case 'cosine': {
      // ½(1 + cos(π · 2·num_cycles · p))
      const unit = cosine({ from: 1, to: 0, period: 1 });
      if (cycles === 0.5) return unit;
      // unit(2 · cycles · p): a warp with divide 1 (p / 1 = p) and multiply 2 · cycles
      const k = 2 * cycles;
      return describe((p: number) => unit(2 * cycles * p), {
        kind: 'warp',
        schedule: unit,
        divide: 1,
        multiply: k,
      });
    }
    case '1-sqrt': {
      // 1 − √p: the 1-sqrt warm-up shape read backwards in time
      return backwards(polynomial({ from: 0, to: 1, steps: 1, power: 0.5 }), 1);
    }
  }
}

/** num_stable_steps, or num_training_steps − num_warmup_steps − num_decay_steps (may be < 0). */
function stableSteps(a: Readonly<Record<string, unknown>>): number {
  const given = a.num_stable_steps as number | null;
  if (given !== null) return given;
  return (
    (a.num_training_steps as number) -
    (a.num_warmup_steps as number) -
    (a.num_decay_steps as number)
  );
}

export const get_wsd_schedule: RegistryEntry = {
  ...hf('get_wsd_schedule'),
  doc:
    'Warmup-stable-decay: with r = min_lr_ratio, the multiplier rises from r to 1 over ' +
    'num_warmup_steps (shape warmup_type), holds 1 for num_stable_steps, falls back to r over ' +
    'num_decay_steps (shape decay_type; cosine with num_cycles waves), then stays at r. Shapes of ' +
    'progress p: linear p, cosine ½(1 − cos πp), 1-sqrt 1 − √(1 − p) up; 1 − p, ½(1 + cos(2π·num_cycles·p)), ' +
    '1 − √p down; each mapped to r + (1 − r)·shape. num_stable_steps defaults to num_training_steps − ' +
    'num_warmup_steps − num_decay_steps and wins when both are given (transformers warns). A ' +
    'negative derived stable phase starts the decay part-way through, as in transformers.',
  params: [
    {
      name: 'num_warmup_steps',
      type: { kind: 'int', rule: rules.nonNegativeInt },
      doc: 'updates of warm-up from min_lr_ratio up to 1',
    },
    {
      name: 'num_decay_steps',
      type: { kind: 'int', rule: rules.nonNegativeInt },
      doc: 'updates of the final decay down to min_lr_ratio',
    },
    {
      name: 'num_training_steps',
      type: { kind: 'int', rule: rules.nonNegativeInt },
      default: null,
      doc: 'total updates; gives num_stable_steps = total − warm-up − decay when that is None',
    },
    {
      name: 'num_stable_steps',
      type: { kind: 'int', rule: rules.nonNegativeInt },
      default: null,
      doc: 'updates at the full lr between warm-up and decay (None: from num_training_steps)',
    },
    {
      name: 'warmup_type',
      type: { kind: 'enum', choices: shapes },
      default: 'linear',
      doc: 'shape of the warm-up',
    },
    {
      name: 'decay_type',
      type: { kind: 'enum', choices: shapes },
      default: 'cosine',
      doc: 'shape of the decay',
    },
    {
      name: 'min_lr_ratio',
      type: { kind: 'number', rule: rules.unitInterval },
      default: 0,
      doc: 'start of the warm-up and end of the decay, as a fraction of the base lr (in [0, 1])',
    },
    numCyclesParam(0.5, 'cosine decay: waves over the decay (0.5: one half-cosine down)'),
    lastEpochParam,
  ],
  crossCheck: (a) => {
    if (a.num_training_steps === null && a.num_stable_steps === null) {
      throw new LrkitError(
        `${WSD}: Either num_training_steps or num_stable_steps must be specified, got both None`,
      );
    }
    const total = (a.num_warmup_steps as number) + stableSteps(a) + (a.num_decay_steps as number);
    if (!Number.isFinite(total)) {
      throw new LrkitError(
        `${WSD}: num_warmup_steps + num_stable_steps + num_decay_steps must be a finite number of updates, got ${total}`,
      );
    }
  },
  build: (a) => {
    const W = a.num_warmup_steps as number;
    const D = a.num_decay_steps as number;
    const S = stableSteps(a);
    const r = a.min_lr_ratio as number;
    const warm = between(onProgress(warmupShape(a.warmup_type as WsdShape), W), 1, r);
    const decay = between(
      onProgress(decayShape(a.decay_type as WsdShape, a.num_cycles as number), D),
      1,
      r,
    );
    const end = constant(r);
    if (S >= 0) {
      return multiplier(join([warm, constant(1), decay, end], [W, W + S, W + S + D]));
    }
    // transformers' phases are k < W, k < W + S, k < W + S + D with decay progress
    // (k − W − S) / D: a negative S skips the stable phase and enters the decay −S steps in
    return multiplier(join([warm, ahead(decay, -S), end], [W, Math.max(W, W + S + D)]));
  },
};
