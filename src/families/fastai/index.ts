/** fastai's `fastai.callback.schedule` schedules and fit_* policies, as registry entries named `fastai.<name>`. */
import type { RegistryEntry } from '../../registry/types.js';

export const fastaiEntries: readonly RegistryEntry[] = [];

/** Longer module paths a pasted line may carry; each is read as `fastai.`. */
export const fastaiPrefixes: readonly string[] = ['fastai.callback.schedule.'];
