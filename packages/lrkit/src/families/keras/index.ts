/** Keras 3 `keras.optimizers.schedules` (and the legacy time-based decay), as registry entries named `keras.<name>`. */
import type { RegistryEntry } from '../../registry/types.js';
import { CosineDecay, CosineDecayRestarts } from './cosine.js';
import { ExponentialDecay, InverseTimeDecay, PolynomialDecay, TimeBasedDecay } from './decay.js';
import { PiecewiseConstantDecay } from './piecewise.js';

export const kerasEntries: readonly RegistryEntry[] = [
  ExponentialDecay,
  PiecewiseConstantDecay,
  PolynomialDecay,
  InverseTimeDecay,
  CosineDecay,
  CosineDecayRestarts,
  TimeBasedDecay,
];

/** Longer module paths a pasted line may carry; each is read as `keras.`. */
export const kerasPrefixes: readonly string[] = [
  'tf.keras.optimizers.schedules.',
  'keras.optimizers.schedules.',
  'tf.keras.',
];
