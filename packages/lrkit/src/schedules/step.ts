import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { describe } from '../export/describe.js';

export interface StepOptions {
  /** Value at step 0. */
  initial: number;
  /** Factor applied every `stepSize` steps (≥ 0). */
  gamma: number;
  /** Steps between decays (positive integer). */
  stepSize: number;
}

/**
 * Step decay: `f(t) = initial · γ^⌊t / stepSize⌋`.
 * @example step({ initial: 0.1, gamma: 0.5, stepSize: 10 })(25) // 0.025
 */
export function step({ initial, gamma, stepSize }: StepOptions): Schedule {
  check('step', 'initial', initial, rules.nonNegative);
  check('step', 'gamma', gamma, rules.nonNegative);
  check('step', 'stepSize', stepSize, rules.positiveInt);
  // the value changes once per stepSize steps: keep the last one instead of a pow per call
  const last = new Float64Array([NaN, NaN]); // [exponent, value], unboxed
  const f: Schedule = (t) => {
    const n = Math.floor(t / stepSize);
    if (n !== last[0]) {
      last[1] = initial * gamma ** n;
      last[0] = n;
    }
    return last[1]!;
  };
  return describe(f, { kind: 'step', initial, gamma, stepSize });
}
