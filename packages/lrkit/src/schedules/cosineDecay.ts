import { ParameterError } from '../errors.js';
import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { describe } from '../export/describe.js';

export interface CosineDecayOptions {
  /** Value at step 0. */
  initial: number;
  /** Length of the decay T in steps (> 0); the value holds from step T on. */
  steps: number;
  /** Floor as a fraction of `initial` (≥ 0, default 0): the value at step T is `initial · alpha`. */
  alpha?: number;
  /** Exponent p of the cosine factor (≥ 0, default 1; 0 keeps `initial` throughout). */
  exponent?: number;
}

/**
 * Cosine decay to a fraction α of the initial value, with the cosine factor raised to a power p,
 * then hold: `f(t) = initial · ((1 − α) · c^p + α)` with `c = ½ · (1 + cos(π · min(t, T) / T))`.
 * With p = 1 this is the cosine from `initial` to `initial · α`; p > 1 decays earlier, p < 1
 * later. α > 1 gives a rising curve from `initial` to `initial · α`. Computed in optax's order
 * of operations (`cosine_decay_schedule`), so it matches optax's float64 values to the last bit
 * wherever the platform's `cos` does.
 * @param initial value at step 0 (≥ 0)
 * @param steps decay length T in steps (> 0)
 * @param alpha floor fraction α (≥ 0, default 0)
 * @param exponent power p of the cosine factor (≥ 0, default 1)
 * @see Loshchilov & Hutter, SGDR: Stochastic Gradient Descent with Warm Restarts, 2016.
 * @example cosineDecay({ initial: 1, steps: 10, alpha: 0.1 })(5) // 0.55
 * @example cosineDecay({ initial: 1, steps: 10, exponent: 2 })(5) // 0.25
 */
export function cosineDecay({
  initial,
  steps,
  alpha = 0,
  exponent = 1,
}: CosineDecayOptions): Schedule {
  check('cosineDecay', 'initial', initial, rules.nonNegative);
  check('cosineDecay', 'steps', steps, rules.positive);
  check('cosineDecay', 'alpha', alpha, rules.nonNegative);
  check('cosineDecay', 'exponent', exponent, rules.nonNegative);
  // the largest value is initial · max(1, α): it must be a finite number
  if (!Number.isFinite(initial * alpha)) {
    throw new ParameterError('cosineDecay', 'alpha', 'must keep initial · alpha finite', alpha);
  }
  const keep = 1 - alpha;
  const f: Schedule = (t) => {
    const c = 0.5 * (1 + Math.cos((Math.PI * Math.min(t, steps)) / steps));
    return initial * (keep * c ** exponent + alpha);
  };
  return describe(f, { kind: 'cosineDecay', initial, steps, alpha, exponent, keep });
}
