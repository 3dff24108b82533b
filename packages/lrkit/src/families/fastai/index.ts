/** fastai's `fastai.callback.schedule` schedules and fit_* policies, as registry entries named `fastai.<name>`. */
import type { RegistryEntry } from '../../registry/types.js';
import { combine_scheds, combined_cos } from './composite.js';
import { fit_flat_cos, fit_one_cycle, fit_sgdr } from './fit.js';
import { SchedCos, SchedExp, SchedLin, SchedNo, SchedPoly } from './sched.js';

export const fastaiEntries: readonly RegistryEntry[] = [
  SchedLin,
  SchedCos,
  SchedNo,
  SchedExp,
  SchedPoly,
  combine_scheds,
  combined_cos,
  fit_one_cycle,
  fit_flat_cos,
  fit_sgdr,
];

/**
 * Longer module paths a pasted line may carry; each is read as `fastai.`. `learn.` and
 * `Learner.` let a pasted `learn.fit_one_cycle(5, 1e-3)` resolve to `fastai.fit_one_cycle`.
 */
export const fastaiPrefixes: readonly string[] = [
  'fastai.callback.schedule.',
  'fastai.callback.all.',
  'learn.',
  'learner.',
  'Learner.',
];
