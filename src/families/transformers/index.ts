/** Hugging Face transformers' `get_scheduler` names and `get_*_schedule*` functions, as registry entries named `transformers.<name>`. */
import type { RegistryEntry } from '../../registry/types.js';

export const transformersEntries: readonly RegistryEntry[] = [];

/** Longer module paths a pasted line may carry; each is read as `transformers.`. */
export const transformersPrefixes: readonly string[] = ['transformers.optimization.'];
