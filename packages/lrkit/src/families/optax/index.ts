/**
 * optax `optax.schedules`, as registry entries named `optax.<name>` (optax exports the same
 * functions as `optax.<name>` and `optax.schedules.<name>`; the latter is read as a prefix).
 *
 * Left out on purpose: `optax.contrib.reduce_on_plateau` is a gradient transformation (it scales
 * updates from a loss it is given), not a schedule of the step count; `inject_hyperparams` and
 * `inject_stateful_hyperparams` wrap optimizers rather than define a curve.
 */
import type { RegistryEntry } from '../../registry/types.js';
import {
  constant_schedule,
  cosine_decay_schedule,
  exponential_decay,
  linear_schedule,
  polynomial_schedule,
} from './basic.js';
import { join_schedules } from './join.js';
import {
  cosine_onecycle_schedule,
  linear_onecycle_schedule,
  piecewise_constant_schedule,
  piecewise_interpolate_schedule,
} from './piecewise.js';
import {
  sgdr_schedule,
  warmup_constant_schedule,
  warmup_cosine_decay_schedule,
  warmup_exponential_decay_schedule,
} from './warmup.js';

export const optaxEntries: readonly RegistryEntry[] = [
  constant_schedule,
  linear_schedule,
  polynomial_schedule,
  piecewise_constant_schedule,
  piecewise_interpolate_schedule,
  exponential_decay,
  cosine_decay_schedule,
  warmup_constant_schedule,
  warmup_cosine_decay_schedule,
  warmup_exponential_decay_schedule,
  linear_onecycle_schedule,
  cosine_onecycle_schedule,
  sgdr_schedule,
  join_schedules,
];

/**
 * Longer module paths a pasted line may carry; each is read as `optax.` (the private module paths
 * first, so that they are not cut at `optax.schedules.`).
 */
export const optaxPrefixes: readonly string[] = [
  'optax.schedules._schedule.',
  'optax.schedules._join.',
  'optax._src.schedule.',
  'optax.schedules.',
];
