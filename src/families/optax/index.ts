/** optax `optax.schedules`, as registry entries named `optax.<name>`. */
import type { RegistryEntry } from '../../registry/types.js';

export const optaxEntries: readonly RegistryEntry[] = [];

/** Longer module paths a pasted line may carry; each is read as `optax.`. */
export const optaxPrefixes: readonly string[] = ['optax.schedules.'];
