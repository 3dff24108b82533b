/**
 * A scheduler's trajectory: the values `lrkit curve` prints. Index 0 is right after
 * construction, index k after k steps (the convention of PyTorch's `get_last_lr()`).
 */
import { LrkitError } from '../errors.js';
import type { SpecInput } from '../registry/index.js';
import { Scheduler, type SchedulerOptions } from '../scheduler/Scheduler.js';

export interface CurveOptions extends SchedulerOptions {
  /** Number of steps N; the result has N + 1 values per group. */
  steps: number;
  /** ReduceLROnPlateau: metrics[k − 1] is passed to the k-th step (NaN allowed). */
  metrics?: readonly number[];
}

export interface Curve {
  /** lr[g][k]: group g's lr after k steps. */
  lr: number[][];
  /** momentum[g][k] (beta1 for Adam) when the schedule involves momentum, else null. */
  momentum: number[][] | null;
}

/**
 * Steps a fresh scheduler N times and records every group's lr (and momentum).
 * @example curve('StepLR(step_size=2, gamma=0.5)', { lr: 1, steps: 4 }).lr // [[1, 1, 0.5, 0.5, 0.25]]
 */
export function curve(spec: SpecInput, options: CurveOptions): Curve {
  const { steps, metrics } = options;
  if (!Number.isInteger(steps) || steps < 0) {
    throw new LrkitError(`curve: steps must be a non-negative integer, got ${steps}`);
  }
  const s = new Scheduler(spec, options);
  if (s.metricDriven && (metrics === undefined || metrics.length < steps)) {
    throw new LrkitError(
      `${s.name} is driven by a metric: give ${steps} metrics (one per step), got ${metrics?.length ?? 0}`,
    );
  }
  if (!s.metricDriven && metrics !== undefined) {
    throw new LrkitError(
      `${s.name} is not driven by a metric; metrics are only for ReduceLROnPlateau`,
    );
  }
  const n = s.groups.length;
  const lr = Array.from({ length: n }, () => new Array<number>(steps + 1));
  const mom = s.involvesMomentum
    ? Array.from({ length: n }, () => new Array<number>(steps + 1))
    : null;
  const record = (k: number) => {
    for (let g = 0; g < n; g++) {
      lr[g]![k] = s.lr[g]!;
      if (mom) mom[g]![k] = s.momentum[g]!;
    }
  };
  record(0);
  for (let k = 1; k <= steps; k++) {
    if (s.metricDriven) s.step(metrics![k - 1]!);
    else s.step();
    record(k);
  }
  return { lr, momentum: mom };
}
