/**
 * TF.js training callbacks in TF.js's own conventions (a `tf.Callback` subclass plus a lowercase
 * factory, like `tf.callbacks.earlyStopping`): {@link LearningRateScheduler} drives the lr (and
 * momentum/β1) from any lrkit schedule, scheduler or spec; {@link ReduceLROnPlateau} lowers it when
 * a monitored metric stops improving, with Keras's rules or PyTorch's.
 *
 * Both are `tf.Callback` instances: TF.js cannot mix class callbacks and plain objects in one
 * `callbacks` array, so wrap plain objects in `new tf.CustomCallback({...})`.
 */
import { Callback } from '@tensorflow/tfjs';
import { LrkitError, ParameterError, formatValue } from '../errors.js';
import { resolveSpec, type SpecInput } from '../registry/index.js';
import type { PlateauOptions } from '../registry/types.js';
import type { Schedule } from '../schedule.js';
import { PlateauTracker } from '../scheduler/plateau.js';
import { check, rules } from '../rules.js';
import { Scheduler } from '../scheduler/Scheduler.js';
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

/** The logs TF.js passes to callbacks: numbers for plain objects, scalar tensors for classes. */
type AnyLogs = Record<string, unknown>;

/** Reads a log value: a number, or a scalar tensor (`dataSync`/`data`) as class callbacks get. */
async function logNumber(v: unknown): Promise<number | undefined> {
  if (typeof v === 'number') return v;
  if (typeof v === 'object' && v !== null && typeof (v as { data?: unknown }).data === 'function') {
    const d = await (v as { data: () => Promise<ArrayLike<number>> }).data();
    return d[0];
  }
  return undefined;
}

function optimizerOf(cb: Callback, fn: string): OptimizerLike {
  const model = cb.model as unknown as { optimizer?: unknown } | undefined;
  const opt = model?.optimizer;
  if (typeof opt !== 'object' || opt === null) {
    throw new LrkitError(`${fn}: the model has no optimizer; compile it before fit`);
  }
  return opt as OptimizerLike;
}

/** The momentum-like value of an optimizer (momentum or β1) and how to set it, if it has one. */
function momentumAccess(
  opt: OptimizerLike,
): { get: () => number; set: (v: number) => void; adam: boolean } | undefined {
  const kind = optimizerKind(opt);
  if (kind === 'momentum' || kind === 'rmsprop') {
    return { get: () => getMomentum(opt), set: (v) => setMomentum(opt, v), adam: false };
  }
  if (kind === 'adam' || kind === 'adamax') {
    return { get: () => getBeta1(opt), set: (v) => setBeta1(opt, v), adam: true };
  }
  return undefined;
}

export interface LearningRateSchedulerOptions {
  /** Step the schedule before every batch (`'batch'`, the default) or every epoch (`'epoch'`). */
  interval?: 'batch' | 'epoch';
  /**
   * Batches per epoch, used (with `interval: 'batch'`) to find the global step when training
   * starts at `initialEpoch > 0`. Default: TF.js's `params.steps` (fitDataset's
   * `batchesPerEpoch`), else ⌈samples / batchSize⌉ from `fit`'s params.
   */
  stepsPerEpoch?: number;
  /** 1: log each lr change with `console.log`. Default 0. */
  verbose?: number;
}

const NOT_METRIC =
  'is driven by a metric; use reduceLROnPlateau({...}) from lrkit/tfjs for ReduceLROnPlateau';

/**
 * Sets the optimizer's lr (and momentum or β1, when the schedule cycles it) from an lrkit
 * schedule before each batch or epoch of `model.fit` / `model.fitDataset`.
 *
 * - A spec string (`'OneCycleLR(max_lr=0.1, total_steps=500)'`): PyTorch-style specs scale from
 *   the optimizer's lr at the first `onTrainBegin` (PyTorch's `initial_lr`) and, for cycling
 *   schedules, start from its current momentum/β1; Keras/optax/fastai specs carry their own values.
 * - A `Schedule` function `(step) => lr`, or a `Scheduler` (moved with `stepTo`).
 *
 * The step is global: batch k of epoch e (interval 'batch') is step `e·stepsPerEpoch + k`, so a
 * run resumed with `initialEpoch` follows exactly the uninterrupted trajectory (stepsPerEpoch from
 * the option, else TF.js's params: see {@link LearningRateSchedulerOptions.stepsPerEpoch}). With
 * interval 'epoch' the step is the epoch number. At each epoch end `logs.lr` (and
 * `logs.momentum` when cycled) is the lr in effect, so `history.history.lr` exists.
 */
export class LearningRateScheduler extends Callback {
  readonly interval: 'batch' | 'epoch';
  readonly verbose: number;
  private readonly source: SpecInput | Schedule | Scheduler;
  private readonly stepsPerEpochOption: number | undefined;
  private scheduler: Scheduler | undefined;
  private schedule: Schedule | undefined;
  private mom: ReturnType<typeof momentumAccess>;
  private globalStep = 0;
  private epochStart = 0;
  private firstEpoch = true;

  constructor(
    scheduleOrSchedulerOrSpec: SpecInput | Schedule | Scheduler,
    options: LearningRateSchedulerOptions = {},
  ) {
    super();
    const fn = 'learningRateScheduler';
    const interval = options.interval ?? 'batch';
    if (interval !== 'batch' && interval !== 'epoch') {
      throw new ParameterError(fn, 'interval', "must be 'batch' or 'epoch'", interval);
    }
    const spe = options.stepsPerEpoch;
    if (spe !== undefined && !(Number.isInteger(spe) && spe > 0)) {
      throw new ParameterError(fn, 'stepsPerEpoch', 'must be a positive integer', spe);
    }
    this.interval = interval;
    this.verbose = options.verbose ?? 0;
    this.stepsPerEpochOption = spe;
    const src = scheduleOrSchedulerOrSpec;
    if (src instanceof Scheduler) {
      if (src.metricDriven) throw new LrkitError(`${fn}: ${src.name} ${NOT_METRIC}`);
      this.scheduler = src;
    } else if (typeof src !== 'function') {
      // validate the spec now (errors at construction, not mid-fit)
      const bound = resolveSpec(src);
      if (bound.entry.build(bound.args).kind === 'plateau') {
        throw new LrkitError(`${fn}: ${bound.entry.qualifiedName} ${NOT_METRIC}`);
      }
    } else {
      this.schedule = src;
    }
    this.source = src;
  }

  /** The current global step (batch interval) or epoch (epoch interval). */
  get step(): number {
    return this.globalStep;
  }

  /** The Scheduler in use (built at the first `onTrainBegin` from a spec), if any. */
  get currentScheduler(): Scheduler | undefined {
    return this.scheduler;
  }

  override async onTrainBegin(): Promise<void> {
    const opt = optimizerOf(this, 'learningRateScheduler');
    this.mom = momentumAccess(opt);
    if (!this.scheduler && !this.schedule) {
      const m = this.mom ? this.mom.get() : undefined;
      this.scheduler = new Scheduler(this.source as SpecInput, {
        lr: getLearningRate(opt),
        ...(m !== undefined ? { momentum: m } : {}),
        optimizer: this.mom?.adam ? 'adam' : 'sgd',
      });
    }
    if (this.scheduler && this.scheduler.groups.length !== 1) {
      throw new LrkitError(
        `learningRateScheduler: a TF.js optimizer has one lr, but ${this.scheduler.name} has ${this.scheduler.groups.length} param groups`,
      );
    }
    this.firstEpoch = true;
  }

  private stepsPerEpoch(): number | undefined {
    if (this.stepsPerEpochOption !== undefined) return this.stepsPerEpochOption;
    const p = this.params as Record<string, unknown> | undefined;
    const steps = p?.steps;
    if (typeof steps === 'number' && steps > 0) return steps;
    const samples = p?.samples;
    const batchSize = p?.batchSize;
    if (typeof samples === 'number' && typeof batchSize === 'number' && batchSize > 0) {
      return Math.ceil(samples / batchSize);
    }
    return undefined;
  }

  private apply(position: number): void {
    const opt = optimizerOf(this, 'learningRateScheduler');
    let lr: number;
    let m: number | undefined;
    if (this.scheduler) {
      this.scheduler.stepTo(position);
      lr = this.scheduler.lr[0]!;
      if (this.scheduler.involvesMomentum) m = this.scheduler.momentum[0];
    } else {
      lr = this.schedule!(position);
    }
    if (this.verbose > 0 && lr !== getLearningRate(opt)) {
      console.log(`learningRateScheduler: step ${position}: lr = ${lr}`);
    }
    setLearningRate(opt, lr);
    if (m !== undefined && this.mom) this.mom.set(m);
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    if (this.interval === 'epoch') {
      this.globalStep = epoch;
      this.apply(epoch);
      return;
    }
    if (this.firstEpoch) {
      this.firstEpoch = false;
      if (epoch === 0) {
        this.globalStep = 0;
      } else {
        const spe = this.stepsPerEpoch();
        if (spe === undefined) {
          throw new LrkitError(
            `learningRateScheduler: resuming at epoch ${epoch} needs the number of batches per epoch; pass the stepsPerEpoch option`,
          );
        }
        this.globalStep = epoch * spe;
      }
    }
    this.epochStart = this.globalStep;
  }

  override async onBatchBegin(batch: number): Promise<void> {
    if (this.interval !== 'batch') return;
    this.globalStep = this.epochStart + batch;
    this.apply(this.globalStep);
  }

  override async onBatchEnd(batch: number): Promise<void> {
    if (this.interval !== 'batch') return;
    this.globalStep = this.epochStart + batch + 1;
  }

  override async onEpochEnd(_epoch: number, logs?: AnyLogs): Promise<void> {
    if (!logs) return;
    const opt = optimizerOf(this, 'learningRateScheduler');
    logs.lr = getLearningRate(opt);
    if (this.scheduler?.involvesMomentum && this.mom) logs.momentum = this.mom.get();
  }
}

/**
 * The lowercase factory, TF.js style.
 * @example
 * model.fit(x, y, { epochs: 5, callbacks: [learningRateScheduler('OneCycleLR(max_lr=0.1, total_steps=50)')] });
 */
export function learningRateScheduler(
  scheduleOrSchedulerOrSpec: SpecInput | Schedule | Scheduler,
  options: LearningRateSchedulerOptions = {},
): LearningRateScheduler {
  return new LearningRateScheduler(scheduleOrSchedulerOrSpec, options);
}

export interface ReduceLROnPlateauOptions {
  /** The log key watched. Default 'val_loss'. */
  monitor?: string;
  /** New lr = lr · factor (< 1). Default 0.1. */
  factor?: number;
  /** Epochs without improvement before a reduction. Default 10. */
  patience?: number;
  /** 'min', 'max' or 'auto' (max when the monitor's name contains 'acc', else min). */
  mode?: 'auto' | 'min' | 'max';
  /** Keras: the smallest absolute change that counts as an improvement. Default 1e-4. */
  minDelta?: number;
  /** Epochs to wait after a reduction before counting bad epochs again. Default 0. */
  cooldown?: number;
  /** The lr is never reduced below this. Default 0. */
  minLr?: number;
  /** 1: log each reduction with `console.log`. Default 0. */
  verbose?: number;
  /**
   * 'keras' (default): reduce when wait ≥ patience, improvement = beyond minDelta (absolute).
   * 'pytorch': PyTorch's ReduceLROnPlateau (lrkit's state machine): reduce after patience + 1
   * bad epochs, improvement per `threshold`/`thresholdMode`, changes smaller than `eps` ignored.
   */
  semantics?: 'keras' | 'pytorch';
  /** PyTorch semantics only: the improvement threshold. Default 1e-4. */
  threshold?: number;
  /** PyTorch semantics only: 'rel' (default) or 'abs'. */
  thresholdMode?: 'rel' | 'abs';
  /** PyTorch semantics only: minimal lr change applied. Default 1e-8. */
  eps?: number;
}

const FN = 'reduceLROnPlateau';

/**
 * Lowers the lr when the monitored metric stops improving, at each epoch end. Keras's defaults
 * and rules by default; `semantics: 'pytorch'` gives PyTorch's. A monitor key missing from the
 * epoch logs is an error naming the available keys (Keras only warns; a silent no-op hides a typo
 * or missing validation data). Writes `logs.lr` at each epoch end. It reads and lowers the
 * optimizer's current lr, so do not combine it with a {@link LearningRateScheduler} in the same
 * fit: that one sets the lr before every batch or epoch and would undo each reduction.
 */
export class ReduceLROnPlateau extends Callback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly mode: 'min' | 'max';
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  readonly verbose: number;
  readonly semantics: 'keras' | 'pytorch';
  /** Keras state: the best value so far, bad epochs, cooldown epochs left. */
  best = Infinity;
  wait = 0;
  cooldownCounter = 0;
  private readonly plateauOptions: PlateauOptions | undefined;
  private tracker: PlateauTracker | undefined;
  private epochsSeen = 0;

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super();
    this.monitor = options.monitor ?? 'val_loss';
    if (typeof this.monitor !== 'string' || this.monitor === '') {
      throw new ParameterError('reduceLROnPlateau', 'monitor', 'must be a log key', this.monitor);
    }
    this.factor = check(FN, 'factor', options.factor ?? 0.1, rules.unitIntervalOpenRight);
    this.patience = check(FN, 'patience', options.patience ?? 10, rules.nonNegativeInt);
    this.minDelta = check(FN, 'minDelta', options.minDelta ?? 1e-4, rules.nonNegative);
    this.cooldown = check(FN, 'cooldown', options.cooldown ?? 0, rules.nonNegativeInt);
    this.minLr = check(FN, 'minLr', options.minLr ?? 0, rules.nonNegative);
    this.verbose = options.verbose ?? 0;
    const mode = options.mode ?? 'auto';
    if (mode !== 'auto' && mode !== 'min' && mode !== 'max') {
      throw new ParameterError('reduceLROnPlateau', 'mode', "must be 'auto', 'min' or 'max'", mode);
    }
    this.mode = mode === 'auto' ? (this.monitor.includes('acc') ? 'max' : 'min') : mode;
    const semantics = options.semantics ?? 'keras';
    if (semantics !== 'keras' && semantics !== 'pytorch') {
      throw new ParameterError(
        'reduceLROnPlateau',
        'semantics',
        "must be 'keras' or 'pytorch'",
        semantics,
      );
    }
    this.semantics = semantics;
    // options of the other semantics would be silently ignored: refuse them
    const foreign =
      semantics === 'keras'
        ? (['threshold', 'thresholdMode', 'eps'] as const).filter((k) => options[k] !== undefined)
        : options.minDelta !== undefined
          ? ['minDelta (use threshold and thresholdMode)']
          : [];
    if (foreign.length > 0) {
      throw new LrkitError(
        `reduceLROnPlateau: ${foreign.join(', ')} ${foreign.length > 1 ? 'are' : 'is'} not used with semantics '${semantics}'`,
      );
    }
    if (semantics === 'pytorch') {
      const bound = resolveSpec({
        name: 'ReduceLROnPlateau',
        params: {
          mode: this.mode,
          factor: this.factor,
          patience: this.patience,
          // threshold, threshold_mode and eps: PyTorch's defaults come from the registry
          threshold: options.threshold,
          threshold_mode: options.thresholdMode,
          cooldown: this.cooldown,
          min_lr: this.minLr,
          eps: options.eps,
        },
      });
      const plan = bound.entry.build(bound.args);
      if (plan.kind !== 'plateau')
        throw new LrkitError('reduceLROnPlateau: internal: not a plateau plan');
      this.plateauOptions = plan.options;
    }
    this.reset();
  }

  private reset(): void {
    this.best = this.mode === 'min' ? Infinity : -Infinity;
    this.wait = 0;
    this.cooldownCounter = 0;
    this.epochsSeen = 0;
    this.tracker = this.plateauOptions ? new PlateauTracker(this.plateauOptions, 1) : undefined;
  }

  override async onTrainBegin(): Promise<void> {
    this.reset();
  }

  private improved(current: number): boolean {
    return this.mode === 'min'
      ? current < this.best - this.minDelta
      : current > this.best + this.minDelta;
  }

  override async onEpochEnd(epoch: number, logs?: AnyLogs): Promise<void> {
    const opt = optimizerOf(this, 'reduceLROnPlateau');
    const raw = logs?.[this.monitor];
    const current = await logNumber(raw);
    if (current === undefined) {
      const keys = logs ? Object.keys(logs) : [];
      throw new LrkitError(
        `reduceLROnPlateau: monitor '${this.monitor}' is not in the epoch logs (got ${formatValue(raw)}); available keys: ${keys.length ? keys.join(', ') : 'none'}${this.monitor.startsWith('val_') ? ' (pass validationData to fit)' : ''}`,
      );
    }
    const oldLr = getLearningRate(opt);
    let newLr = oldLr;
    if (this.tracker) {
      this.epochsSeen += 1;
      newLr = this.tracker.step(current, [oldLr], this.epochsSeen)[0]!;
    } else {
      if (this.cooldownCounter > 0) {
        this.cooldownCounter -= 1;
        this.wait = 0;
      }
      if (this.improved(current)) {
        this.best = current;
        this.wait = 0;
      } else if (!(this.cooldownCounter > 0)) {
        this.wait += 1;
        // Keras compares the float32 lr with float32(min_lr)
        if (this.wait >= this.patience && Math.fround(oldLr) > Math.fround(this.minLr)) {
          newLr = Math.max(oldLr * this.factor, this.minLr);
          this.cooldownCounter = this.cooldown;
          this.wait = 0;
        }
      }
    }
    if (newLr !== oldLr) {
      setLearningRate(opt, newLr);
      if (this.verbose > 0) {
        console.log(`Epoch ${epoch + 1}: reduceLROnPlateau reducing learning rate to ${newLr}.`);
      }
    }
    if (logs) logs.lr = newLr;
  }
}

/**
 * The lowercase factory, TF.js style.
 * @example model.fit(x, y, { epochs: 50, validationSplit: 0.2, callbacks: [reduceLROnPlateau({ patience: 3 })] });
 */
export function reduceLROnPlateau(options: ReduceLROnPlateauOptions = {}): ReduceLROnPlateau {
  return new ReduceLROnPlateau(options);
}
