/**
 * Schedules for custom training loops: {@link bindScheduler} ties an lrkit schedule, Scheduler or
 * spec to a TF.js optimizer, PyTorch-style — `optimizer.minimize(loss); bound.step();` — or with
 * the stepped wrapper `bound.minimize(loss)`.
 */
import type { Scalar, Variable } from '@tensorflow/tfjs';
import { LrkitError, ParameterError, SchedulerError, formatValue } from '../errors.js';
import { checkOptionKeys } from '../options.js';
import type { Scheduler } from '../scheduler/Scheduler.js';
import type { SchedulerState } from '../scheduler/state.js';
import { ScheduleDriver, type ScheduleSource } from './driver.js';
import type { Float32Options } from './float32.js';
import { getLearningRate, optimizerKind, type OptimizerLike } from './optimizers.js';

/** Options of {@link bindScheduler}: the float32 check and where its warning goes. */
export type BindSchedulerOptions = Float32Options;

/** The JSON-safe state of a {@link BoundScheduler}. */
export interface BoundSchedulerState {
  format: 'lrkit.tfjs.BoundScheduler';
  version: 1;
  /** The number of `step()` calls so far. */
  step: number;
  /** The Scheduler's own state; null when driven by a `Schedule` function. */
  scheduler: SchedulerState | null;
}

const FORMAT = 'lrkit.tfjs.BoundScheduler';

/** An optimizer with `minimize`, as every `tf.train` optimizer has. */
interface Minimizer {
  minimize(f: () => Scalar, returnCost?: boolean, varList?: Variable[]): Scalar | null;
}

/**
 * An lrkit schedule bound to a TF.js optimizer: the optimizer always runs with the schedule's
 * value at the current step (lr, and momentum or β1 when the schedule cycles it).
 */
export class BoundScheduler {
  private readonly driver: ScheduleDriver;
  private position = 0;

  /** @internal Use {@link bindScheduler}. */
  constructor(
    readonly optimizer: OptimizerLike,
    source: ScheduleSource,
    options: BindSchedulerOptions = {},
  ) {
    optimizerKind(optimizer); // an unknown optimizer fails here, named
    checkOptionKeys('bindScheduler', options, ['float32Check', 'onWarning']);
    this.driver = new ScheduleDriver('bindScheduler', source, options, true);
    this.driver.attach(optimizer);
    this.driver.applyCurrent(optimizer, 0);
  }

  /** The number of `step()` calls so far (the schedule's step index). */
  get stepCount(): number {
    return this.position;
  }

  /** The lr the optimizer's next update uses. */
  get lr(): number {
    return getLearningRate(this.optimizer);
  }

  /** The optimizer's momentum or β1 (undefined for sgd, adagrad, adadelta). */
  get momentum(): number | undefined {
    return this.driver.momentumOf();
  }

  /** The Scheduler in use (built from a spec at binding), if any. */
  get scheduler(): Scheduler | undefined {
    return this.driver.currentScheduler;
  }

  /**
   * Advances the schedule one step and applies its values to the optimizer (PyTorch's
   * `scheduler.step()`, called after `optimizer.minimize`). A ReduceLROnPlateau spec takes the
   * metric it watches (`step(valLoss)`, once per epoch); every other schedule none.
   * @returns the lr the next update uses.
   * @throws SchedulerError for a missing or unexpected metric.
   */
  step(metric?: number): number {
    if (this.driver.metricDriven) {
      if (typeof metric !== 'number' || Number.isNaN(metric)) {
        throw new SchedulerError(
          `bindScheduler: step(metric) of a metric-driven scheduler needs the metric it watches, got ${formatValue(metric)}`,
        );
      }
      const lr = this.driver.applyMetric(this.optimizer, this.position + 1, metric);
      this.position += 1;
      return lr;
    }
    if (metric !== undefined) {
      throw new SchedulerError(
        `bindScheduler: step() takes no metric (only ReduceLROnPlateau is driven by one), got ${formatValue(metric)}`,
      );
    }
    const lr = this.driver.applyAt(this.optimizer, this.position + 1);
    this.position += 1;
    return lr;
  }

  /**
   * One training step: `optimizer.minimize(f, returnCost, varList)` with the current values, then
   * {@link step} (not for a metric-driven scheduler, which steps once per epoch with the metric).
   * @returns what `optimizer.minimize` returns (the cost when `returnCost`, else null).
   * @example
   * const bound = bindScheduler(tf.train.sgd(0.1), 'CosineAnnealingLR(T_max=100)');
   * for (let i = 0; i < 100; i++) bound.minimize(() => loss(xs, ys));
   */
  minimize(f: () => Scalar, returnCost = false, varList?: Variable[]): Scalar | null {
    const m = (this.optimizer as unknown as Partial<Minimizer>).minimize;
    if (typeof m !== 'function') {
      throw new LrkitError('bindScheduler: minimize: the optimizer has no minimize method');
    }
    const cost = m.call(this.optimizer, f, returnCost, varList);
    if (!this.driver.metricDriven) this.step();
    return cost;
  }

  /** The JSON-safe state: the step count and the Scheduler's state. */
  state(): BoundSchedulerState {
    return {
      format: FORMAT,
      version: 1,
      step: this.position,
      scheduler: this.driver.schedulerState(),
    };
  }

  /**
   * Restores a state saved by {@link state} (the same spec, Scheduler or Schedule function) and
   * applies the values of that step to the optimizer.
   * @throws LrkitError for a state of another format or spec.
   */
  loadState(saved: unknown): this {
    const s = saved as Partial<BoundSchedulerState> | null;
    if (typeof s !== 'object' || s === null || s.format !== FORMAT || s.version !== 1) {
      throw new LrkitError(
        `bindScheduler: loadState: expected a state from BoundScheduler.state() (format '${FORMAT}', version 1), got ${formatValue(saved)}`,
      );
    }
    const step = s.step;
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) {
      throw new ParameterError('bindScheduler: loadState', 'step', 'must be an integer ≥ 0', step);
    }
    this.driver.loadSchedulerState(s.scheduler ?? null);
    this.position = step;
    this.driver.applyCurrent(this.optimizer, step);
    return this;
  }
}

/**
 * Binds an lrkit schedule to a TF.js optimizer for a custom training loop. Binding applies the
 * step-0 values at once (as constructing a PyTorch scheduler does); each `step()` moves to the
 * next step and applies its lr — and its momentum (momentum, rmsprop) or β1 (adam, adamax) when
 * the schedule cycles it, through lrkit's adapters (so the update really changes, and Adam's bias
 * correction is PyTorch's). A PyTorch-style spec scales from the optimizer's current lr.
 *
 * @param optimizer one of the seven `tf.train` optimizers.
 * @param scheduleOrSchedulerOrSpec a spec (`'OneCycleLR(max_lr=0.1, total_steps=1000)'`), a
 *   `Scheduler`, or a `Schedule` function `(step) => lr`.
 * @param options `float32Check` (default true) and `onWarning` (default `console.warn`); any
 *   other key is an error with a did-you-mean. A schedule value that is not a valid lr (negative,
 *   NaN, ±Infinity) or momentum/β1 (outside [0, 1)) is an error naming the step and the value.
 * @example
 * const opt = tf.train.momentum(0.01, 0.9);
 * const bound = bindScheduler(opt, 'OneCycleLR(max_lr=0.1, total_steps=1000)');
 * for (let i = 0; i < 1000; i++) {
 *   opt.minimize(() => loss(model, batch(i)));
 *   bound.step();
 * }
 */
export function bindScheduler(
  optimizer: OptimizerLike,
  scheduleOrSchedulerOrSpec: ScheduleSource,
  options: BindSchedulerOptions = {},
): BoundScheduler {
  return new BoundScheduler(optimizer, scheduleOrSchedulerOrSpec, options);
}
