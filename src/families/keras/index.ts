/** Keras 3 `keras.optimizers.schedules` (and the legacy time-based decay), as registry entries named `keras.<name>`. */
import type { RegistryEntry } from '../../registry/types.js';

export const kerasEntries: readonly RegistryEntry[] = [];

/** Longer module paths a pasted line may carry; each is read as `keras.`. */
export const kerasPrefixes: readonly string[] = [
  'tf.keras.optimizers.schedules.',
  'keras.optimizers.schedules.',
  'tf.keras.',
];
