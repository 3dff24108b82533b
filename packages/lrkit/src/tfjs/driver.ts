/**
 * The one place that turns "step k of a schedule" into optimizer settings, shared by the
 * {@link LearningRateScheduler} callback and {@link bindScheduler}: it resolves a spec against the
 * optimizer (PyTorch-style specs scale from its current lr, as PyTorch's `initial_lr`), sets the
 * lr and, when the schedule cycles it, the momentum or β1, and watches for float32 stalls.
 */
import { LrkitError, formatValue } from '../errors.js';
import { resolveSpec, specText, type SpecInput } from '../registry/index.js';
import type { Schedule } from '../schedule.js';
import { Scheduler } from '../scheduler/Scheduler.js';
import type { SchedulerState } from '../scheduler/state.js';
import { Float32Watch, warningHandler, type Float32Options } from './float32.js';
import {
  getBeta1,
  getLearningRate,
  getMomentum,
  optimizerKind,
  setBeta1,
  setLearningRate,
  setMomentum,
  type OptimizerLike,
} from './optimizers.js';

/** What drives the lr: an lrkit spec (text, JSON or object), a `Schedule` or a `Scheduler`. */
export type ScheduleSource = SpecInput | Schedule | Scheduler;

/** The momentum-like value of an optimizer (momentum or β1) and how to set it, if it has one. */
export interface MomentumAccess {
  get: () => number;
  set: (v: number) => void;
  adam: boolean;
}

export function momentumAccess(opt: OptimizerLike): MomentumAccess | undefined {
  const kind = optimizerKind(opt);
  if (kind === 'momentum' || kind === 'rmsprop') {
    return { get: () => getMomentum(opt), set: (v) => setMomentum(opt, v), adam: false };
  }
  if (kind === 'adam' || kind === 'adamax') {
    return { get: () => getBeta1(opt), set: (v) => setBeta1(opt, v), adam: true };
  }
  return undefined;
}

const NOT_METRIC =
  'is driven by a metric; use reduceLROnPlateau({...}) from lrkit/tfjs for ReduceLROnPlateau';

/** Drives one optimizer from one schedule source. */
export class ScheduleDriver {
  private scheduler: Scheduler | undefined;
  private readonly schedule: Schedule | undefined;
  private readonly spec: SpecInput | undefined;
  private mom: MomentumAccess | undefined;
  private readonly watch: Float32Watch;

  /**
   * @param fn the public function name, for messages.
   * @param allowMetric whether a metric-driven scheduler (ReduceLROnPlateau) is accepted.
   */
  constructor(
    private readonly fn: string,
    source: ScheduleSource,
    options: Float32Options,
    readonly allowMetric: boolean,
  ) {
    if (source instanceof Scheduler) {
      if (source.metricDriven && !allowMetric) {
        throw new LrkitError(`${fn}: ${source.name} ${NOT_METRIC}`);
      }
      this.scheduler = source;
    } else if (typeof source === 'function') {
      this.schedule = source;
    } else {
      // validate the spec now (errors at construction, not mid-training)
      const bound = resolveSpec(source);
      if (!allowMetric && bound.entry.build(bound.args).kind === 'plateau') {
        throw new LrkitError(`${fn}: ${bound.entry.qualifiedName} ${NOT_METRIC}`);
      }
      this.spec = source;
    }
    const check = options.float32Check ?? true;
    this.watch = new Float32Watch(fn, check, warningHandler(options));
  }

  /** The Scheduler in use (built by {@link attach} from a spec), if any. */
  get currentScheduler(): Scheduler | undefined {
    return this.scheduler;
  }

  /** Whether this drives a metric-driven scheduler (ReduceLROnPlateau). */
  get metricDriven(): boolean {
    return this.scheduler?.metricDriven ?? false;
  }

  /** Whether the schedule sets momentum/β1 and the optimizer has one. */
  get cyclesMomentum(): boolean {
    return this.mom !== undefined && (this.scheduler?.involvesMomentum ?? false);
  }

  /** The optimizer's momentum-like value, when it has one. */
  momentumOf(): number | undefined {
    return this.mom?.get();
  }

  /**
   * Meets the optimizer: builds the Scheduler from a spec (once: the base lr is the optimizer's
   * lr the first time, PyTorch's `initial_lr`; its momentum/β1 the start of a cycle).
   */
  attach(opt: OptimizerLike): void {
    this.mom = momentumAccess(opt);
    if (!this.scheduler && this.spec !== undefined) {
      const m = this.mom ? this.mom.get() : undefined;
      this.scheduler = new Scheduler(this.spec, {
        lr: getLearningRate(opt),
        ...(m !== undefined ? { momentum: m } : {}),
        optimizer: this.mom?.adam ? 'adam' : 'sgd',
      });
    }
    if (this.scheduler && this.scheduler.groups.length !== 1) {
      throw new LrkitError(
        `${this.fn}: a TF.js optimizer has one lr, but ${this.scheduler.name} has ${this.scheduler.groups.length} param groups`,
      );
    }
  }

  /** Moves a closed-form schedule to `position` and applies lr (and momentum/β1). */
  applyAt(opt: OptimizerLike, position: number): number {
    let lr: number;
    let m: number | undefined;
    const s = this.scheduler;
    if (s) {
      s.stepTo(position);
      lr = s.lr[0]!;
      if (s.involvesMomentum) m = s.momentum[0];
    } else {
      lr = this.schedule!(position);
    }
    this.set(opt, position, lr, m);
    return lr;
  }

  /** A metric-driven scheduler's step: feeds the metric and applies the resulting lr. */
  applyMetric(opt: OptimizerLike, position: number, metric: number): number {
    const s = this.scheduler!;
    const lr = s.step(metric)[0]!;
    this.set(opt, position, lr, undefined);
    return lr;
  }

  /** Applies the scheduler's current values (after construction or loading). */
  applyCurrent(opt: OptimizerLike, position: number): number {
    const s = this.scheduler;
    if (!s || !s.metricDriven) return this.applyAt(opt, position);
    const lr = s.lr[0]!;
    this.set(opt, position, lr, undefined);
    return lr;
  }

  /**
   * Applies the schedule's values of step `position`, after checking them: an error here names
   * the public function, the step and the value, where the adapter's would only name itself.
   */
  private set(opt: OptimizerLike, position: number, lr: number, m: number | undefined): void {
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
      throw new LrkitError(
        `${this.fn}: the schedule gave lr ${formatValue(lr)} at step ${position}; learning rates must be finite and ≥ 0`,
      );
    }
    if (m !== undefined && this.mom && !(typeof m === 'number' && m >= 0 && m < 1)) {
      const name = this.mom.adam ? 'beta1' : 'momentum';
      throw new LrkitError(
        `${this.fn}: the schedule gave ${name} ${formatValue(m)} at step ${position}; ${name} must be in [0, 1)`,
      );
    }
    this.watch.see(position, lr);
    setLearningRate(opt, lr);
    if (m !== undefined && this.mom) this.mom.set(m);
  }

  /** The scheduler's state, or null for a `Schedule` function (its step is all there is). */
  schedulerState(): SchedulerState | null {
    return this.scheduler ? this.scheduler.state() : null;
  }

  /** Restores a saved scheduler state into this driver (same spec, or same Scheduler). */
  loadSchedulerState(saved: SchedulerState | null): void {
    if (saved === null) {
      if (this.scheduler || this.spec !== undefined) {
        throw new LrkitError(
          `${this.fn}: loadState: the saved state has no scheduler state, but this one drives a scheduler`,
        );
      }
      return;
    }
    if (this.schedule) {
      throw new LrkitError(
        `${this.fn}: loadState: the saved state is a scheduler's, but this one drives a Schedule function`,
      );
    }
    if (this.scheduler) {
      this.scheduler.loadState(saved);
      return;
    }
    const restored = Scheduler.fromState(saved);
    const own = specText(this.spec!);
    if (specText(restored.spec) !== own) {
      throw new LrkitError(
        `${this.fn}: loadState: the state is for ${specText(restored.spec)}, but this one drives ${own}`,
      );
    }
    this.scheduler = restored;
  }
}
