/**
 * A summary of a schedule over a horizon: what the CLI's table and the web page show under a
 * chart, and what the float32 warnings come from.
 */
import { LrkitError } from '../errors.js';
import type { SpecInput } from '../registry/index.js';
import { curve, type CurveOptions } from './curve.js';

export interface Summary {
  /** Value at step 0. */
  initial: number;
  /** Value at the last step of the horizon. */
  final: number;
  min: number;
  max: number;
  /** Mean over the N + 1 values. */
  mean: number;
  /** Area under the curve: Σ lr_k for k = 0..N−1 (the total step size taken over N updates). */
  area: number;
  /** Steps k where the value differs from step k − 1. */
  changes: number;
  /**
   * Steps k where the value differs from step k − 1 in float64 but not in float32 (what TF.js
   * applies): the schedule's change is lost there. At most 100 are listed; `float32Lost` counts all.
   */
  float32Indistinct: number[];
  float32Lost: number;
}

/**
 * Summarises one series of values (index k = value after k steps).
 * @example summarize([0.1, 0.1, 0.05]).changes // 1
 */
export function summarize(values: ArrayLike<number>): Summary {
  const n = values.length;
  if (n === 0) throw new LrkitError('summarize: needs at least one value');
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let area = 0;
  let changes = 0;
  let lost = 0;
  const indistinct: number[] = [];
  for (let k = 0; k < n; k++) {
    const v = values[k]!;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    if (k < n - 1) area += v;
    if (k > 0) {
      const prev = values[k - 1]!;
      if (v !== prev) {
        changes++;
        if (Math.fround(v) === Math.fround(prev)) {
          lost++;
          if (indistinct.length < 100) indistinct.push(k);
        }
      }
    }
  }
  return {
    initial: values[0]!,
    final: values[n - 1]!,
    min,
    max,
    mean: sum / n,
    area: n === 1 ? 0 : area,
    changes,
    float32Indistinct: indistinct,
    float32Lost: lost,
  };
}

/**
 * Summaries of a spec's lr per param group over `steps` steps (and momentum, when it has one).
 * @example summary('StepLR(step_size=10, gamma=0.5)', { lr: 0.1, steps: 30 }).lr[0].final // 0.0125
 */
export function summary(
  spec: SpecInput,
  options: CurveOptions,
): { lr: Summary[]; momentum: Summary[] | null } {
  const c = curve(spec, options);
  return { lr: c.lr.map(summarize), momentum: c.momentum ? c.momentum.map(summarize) : null };
}
