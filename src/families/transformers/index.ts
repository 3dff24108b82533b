/** Hugging Face transformers' `get_scheduler` names and `get_*_schedule*` functions, as registry entries named `transformers.<name>`. */
import type { RegistryEntry } from '../../registry/types.js';
import {
  get_constant_schedule,
  get_constant_schedule_with_warmup,
  get_reduce_on_plateau_schedule,
} from './constant.js';
import {
  get_cosine_schedule_with_warmup,
  get_cosine_with_hard_restarts_schedule_with_warmup,
  get_cosine_with_min_lr_schedule_with_warmup,
  get_cosine_with_min_lr_schedule_with_warmup_lr_rate,
} from './cosine.js';
import {
  get_inverse_sqrt_schedule,
  get_linear_schedule_with_warmup,
  get_polynomial_decay_schedule_with_warmup,
} from './decay.js';
import { get_scheduler } from './getScheduler.js';
import { get_wsd_schedule } from './wsd.js';

/** In the order of transformers' `SchedulerType`, then `get_scheduler`. */
export const transformersEntries: readonly RegistryEntry[] = [
  get_linear_schedule_with_warmup,
  get_cosine_schedule_with_warmup,
  get_cosine_with_hard_restarts_schedule_with_warmup,
  get_polynomial_decay_schedule_with_warmup,
  get_constant_schedule,
  get_constant_schedule_with_warmup,
  get_inverse_sqrt_schedule,
  get_reduce_on_plateau_schedule,
  get_cosine_with_min_lr_schedule_with_warmup,
  get_cosine_with_min_lr_schedule_with_warmup_lr_rate,
  get_wsd_schedule,
  get_scheduler,
];

/** Longer module paths a pasted line may carry; each is read as `transformers.`. */
export const transformersPrefixes: readonly string[] = ['transformers.optimization.'];
