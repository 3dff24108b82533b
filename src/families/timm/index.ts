/** timm's `timm.scheduler` classes, as registry entries named `timm.<name>`. */
import type { RegistryEntry } from '../../registry/types.js';

export const timmEntries: readonly RegistryEntry[] = [];

/** Longer module paths a pasted line may carry; each is read as `timm.`. */
export const timmPrefixes: readonly string[] = ['timm.scheduler.'];
