import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { describe } from '../export/describe.js';

export interface InverseSqrtOptions {
  /** Value at step 0 (≥ 0). */
  initial: number;
  /** Time scale τ in steps (> 0): the value halves at step 3τ, and at step t it is ∝ 1/√(1 + t/τ). */
  timescale: number;
}

/**
 * Inverse square-root decay: `f(t) = initial / √((t + τ) / τ)` = initial · (1 + t/τ)^(−½).
 * Decreases from `initial` towards 0 and never reaches it (the Transformer's "noam" decay, as
 * big_vision and Hugging Face transformers' `get_inverse_sqrt_schedule` write it after their
 * warm-up).
 * @param options.initial value at step 0, ≥ 0.
 * @param options.timescale time scale τ in steps, > 0.
 * @see Vaswani et al., Attention Is All You Need, 2017 (§5.3).
 * @example inverseSqrt({ initial: 1, timescale: 10 })(30) // 0.5
 * @example inverseSqrt({ initial: 0.1, timescale: 10000 })(0) // 0.1
 */
export function inverseSqrt({ initial, timescale }: InverseSqrtOptions): Schedule {
  check('inverseSqrt', 'initial', initial, rules.nonNegative);
  check('inverseSqrt', 'timescale', timescale, rules.positive);
  return describe((t) => initial / Math.sqrt((t + timescale) / timescale), {
    kind: 'inverseSqrt',
    initial,
    timescale,
  });
}
