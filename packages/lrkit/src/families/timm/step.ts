/**
 * timm's step schedulers: StepLRScheduler (decay every decay_t steps) and MultiStepLRScheduler
 * (decay at listed steps, one step early). Both are PyTorch-like multipliers of each group's base
 * lr behind timm's warm-up (which defaults to a prefix here) and noise.
 */
import { scale } from '../../compose/product.js';
import { ParameterError } from '../../errors.js';
import { describe } from '../../export/describe.js';
import { rules } from '../../rules.js';
import { constant } from '../../schedules/constant.js';
import { exponential } from '../../schedules/exponential.js';
import { multiStep } from '../../schedules/multiStep.js';
import type { ParamDef, RegistryEntry } from '../../registry/types.js';
import {
  checkPowerFinite,
  initializeParam,
  noiseParams,
  noiseRange,
  tInEpochsParam,
  timm,
  timmPlan,
  warmupParams,
} from './common.js';
import { floorDiv } from './cycles.js';

/** The parameters after decay_t and decay_rate, in timm's order. */
const tail: readonly ParamDef[] = [
  ...warmupParams(true),
  tInEpochsParam,
  ...noiseParams(42),
  initializeParam,
];

const QUIRKS =
  'Index 0 is the construction value: warmup_lr_init when warmup_t > 0, else the base lr. ' +
  'warmup_prefix defaults to True here: for t < warmup_t the lr is warmup_lr_init + ' +
  't·(base_lr − warmup_lr_init)/warmup_t, then the schedule runs at t − warmup_t. Noise as in ' +
  'timm.CosineLRScheduler (lrkit’s own seeded draws). t_in_epochs and initialize are accepted; ' +
  'a step is whatever unit you step in.';

export const StepLRScheduler: RegistryEntry = {
  ...timm('StepLRScheduler'),
  doc:
    'lr = base_lr · decay_rate^(t // decay_t) (Python’s floor division, so a fractional decay_t ' +
    'behaves as in timm: 1 // 0.1 is 9). lrkit requires decay_rate ≤ 1 (a growing lr would ' +
    'overflow). ' +
    QUIRKS,
  params: [
    {
      name: 'decay_t',
      type: { kind: 'number', rule: rules.positive },
      doc: 'steps between decays (may be fractional)',
    },
    {
      name: 'decay_rate',
      type: { kind: 'number', rule: rules.unitInterval },
      default: 1.0,
      doc: 'factor applied every decay_t steps, in [0, 1] (timm’s default 1: no decay)',
    },
    ...tail,
  ],
  crossCheck: (a) => {
    noiseRange('timm.StepLRScheduler', a.noise_range_t);
  },
  build: (a) => {
    const every = a.decay_t as number;
    const rate = a.decay_rate as number;
    return timmPlan('timm.StepLRScheduler', a, (base) => {
      // rate^n is 1 for every n when rate = 1 (and JS's 1 ** Infinity would be NaN)
      if (rate === 1) return constant(base);
      const decayed = scale(exponential({ initial: 1, rate }), base);
      return describe((t: number) => decayed(floorDiv(t, every)), {
        kind: 'floorDiv',
        schedule: decayed,
        by: every,
      });
    });
  },
};

export const MultiStepLRScheduler: RegistryEntry = {
  ...timm('MultiStepLRScheduler'),
  doc:
    'lr = base_lr · decay_rate^bisect_right(decay_t, t + 1): timm counts the milestones ≤ t + 1, ' +
    'so each decay lands one step BEFORE its milestone (decay_t=[10] drops the lr at t = 9, where ' +
    'PyTorch’s MultiStepLR drops it at 10); lrkit keeps this off-by-one. decay_t must be sorted ' +
    '(timm bisects it); a repeated milestone decays twice. ' +
    QUIRKS,
  params: [
    {
      name: 'decay_t',
      type: { kind: 'intList', rule: rules.nonNegativeInt },
      doc: 'sorted milestone steps (each decay applies one step before its milestone)',
    },
    {
      name: 'decay_rate',
      type: { kind: 'number', rule: rules.nonNegative },
      default: 1.0,
      doc: 'factor applied at each milestone (timm’s default 1: no decay)',
    },
    ...tail,
  ],
  crossCheck: (a) => {
    const fn = 'timm.MultiStepLRScheduler';
    const milestones = a.decay_t as number[];
    if (milestones.some((m, i) => i > 0 && m < milestones[i - 1]!)) {
      throw new ParameterError(fn, 'decay_t', 'must be sorted (timm bisects it)', milestones);
    }
    checkPowerFinite(fn, 'decay_rate', a.decay_rate as number, milestones.length, 'len(decay_t)');
    noiseRange(fn, a.noise_range_t);
  },
  build: (a) => {
    const milestones = a.decay_t as number[];
    const rate = a.decay_rate as number;
    return timmPlan('timm.MultiStepLRScheduler', a, (base) => {
      const decayed = scale(multiStep({ initial: 1, gamma: rate, milestones }), base);
      // bisect_right(decay_t, t + 1): one step ahead
      return describe((t: number) => decayed(t + 1), { kind: 'shift', schedule: decayed, by: 1 });
    });
  },
};
