/** Hugging Face transformers' `get_scheduler` names and `get_*_schedule*` functions, as registry entries named `transformers.<name>`. */
import type { RegistryEntry } from '../../registry/types.js';
import { get_scheduler, schedulerTypes } from './getScheduler.js';

/**
 * In the order of transformers' `SchedulerType` (one function each, from get_scheduler's own
 * table), then `get_scheduler`.
 */
export const transformersEntries: readonly RegistryEntry[] = [
  ...Object.values(schedulerTypes),
  get_scheduler,
];

/** Longer module paths a pasted line may carry; each is read as `transformers.`. */
export const transformersPrefixes: readonly string[] = ['transformers.optimization.'];
