/**
 * transformers' flat schedules: `get_constant_schedule`, `get_constant_schedule_with_warmup` and
 * the metric-driven `get_reduce_on_plateau_schedule` (PyTorch's ReduceLROnPlateau).
 */
import type { PlateauOptions, RegistryEntry } from '../../registry/types.js';
import { constant } from '../../schedules/constant.js';
import { multiplier } from '../plans.js';
import { ReduceLROnPlateau } from '../torch/plateau.js';
import { hf, lastEpochParam, numWarmupStepsParam, warmupThen } from './common.js';

export const get_constant_schedule: RegistryEntry = {
  ...hf('get_constant_schedule'),
  doc: 'lr = base_lr at every update (LambdaLR with λ = 1).',
  params: [lastEpochParam],
  build: () => multiplier(constant(1)),
};

export const get_constant_schedule_with_warmup: RegistryEntry = {
  ...hf('get_constant_schedule_with_warmup'),
  doc:
    'lr = base_lr · k / max(1, num_warmup_steps) for k < num_warmup_steps (exactly 0 at the first ' +
    'update), then base_lr.',
  params: [numWarmupStepsParam, lastEpochParam],
  build: (a) => multiplier(warmupThen(a.num_warmup_steps as number, constant(1))),
};

export const get_reduce_on_plateau_schedule: RegistryEntry = {
  ...hf('get_reduce_on_plateau_schedule'),
  doc:
    "PyTorch's ReduceLROnPlateau with its defaults (transformers passes its keyword arguments " +
    'through): stepped with a metric, it multiplies the lr by factor when the metric has not ' +
    'improved for more than patience steps, then waits cooldown steps; new lr = max(lr·factor, ' +
    'min_lr), applied only if it changes by more than eps.',
  // transformers forwards **kwargs: exactly ReduceLROnPlateau's parameters (no last_epoch)
  params: ReduceLROnPlateau.params.filter((p) => p.name !== 'last_epoch'),
  build: (a) => ({
    kind: 'plateau',
    options: {
      mode: a.mode,
      factor: a.factor,
      patience: a.patience,
      threshold: a.threshold,
      threshold_mode: a.threshold_mode,
      cooldown: a.cooldown,
      min_lr: a.min_lr,
      eps: a.eps,
    } as PlateauOptions,
  }),
};
