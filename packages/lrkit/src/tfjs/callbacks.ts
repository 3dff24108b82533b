/**
 * TF.js training callbacks in TF.js's own conventions (a `tf.Callback` subclass plus a lowercase
 * factory, like `tf.callbacks.earlyStopping`): {@link LearningRateScheduler} drives the lr (and
 * momentum/β1) from any lrkit schedule, scheduler or spec; {@link ReduceLROnPlateau} lowers it when
 * a monitored metric stops improving, with Keras's rules or PyTorch's, optionally after a warm-up.
 *
 * Mixing with plain-object callbacks: TF.js treats a `callbacks` array whose FIRST element is a
 * `tf.Callback` as all class instances (a plain object later in it then fails with
 * `callback.setParams is not a function`), and otherwise wraps every element, class instances
 * included, in a `tf.CustomCallback` that calls their hooks with itself as `this` and never gives
 * them the model. {@link combineCallbacks} builds an array that works in any order (class
 * instances kept, plain objects wrapped in `tf.CustomCallback`).
 */
import { Callback, CustomCallback, type CustomCallbackArgs } from '@tensorflow/tfjs';
import { LrkitError, ParameterError, formatValue } from '../errors.js';
import { resolveSpec } from '../registry/index.js';
import type { PlateauOptions } from '../registry/types.js';
import { PlateauTracker } from '../scheduler/plateau.js';
import { decodeNumber, encodeNumber } from '../scheduler/state.js';
import type { SchedulerState } from '../scheduler/state.js';
import type { Scheduler } from '../scheduler/Scheduler.js';
import { checkOptionKeys } from '../options.js';
import { check, rules } from '../rules.js';
import { ScheduleDriver, type ScheduleSource } from './driver.js';
import type { Float32Options } from './float32.js';
import { getLearningRate, setLearningRate, type OptimizerLike } from './optimizers.js';

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

/** Batches per epoch from TF.js's params: `steps` (fitDataset), else ⌈samples / batchSize⌉. */
function stepsPerEpochFromParams(params: unknown): number | undefined {
  const p = params as Record<string, unknown> | undefined;
  const steps = p?.steps;
  if (typeof steps === 'number' && steps > 0) return steps;
  const samples = p?.samples;
  const batchSize = p?.batchSize;
  if (typeof samples === 'number' && typeof batchSize === 'number' && batchSize > 0) {
    return Math.ceil(samples / batchSize);
  }
  return undefined;
}

/**
 * A learning rate as a log line shows it: 6 significant digits, trailing zeros dropped
 * (`1.0000000000000002e-6` → `0.000001`, `1e-7` → `1e-7`, `0.0030000000000000005` → `0.003`).
 */
export function readableLr(lr: number): string {
  return Number.isFinite(lr) ? String(Number(lr.toPrecision(6))) : String(lr);
}

const HOOKS = [
  'onTrainBegin',
  'onTrainEnd',
  'onEpochBegin',
  'onEpochEnd',
  'onBatchBegin',
  'onBatchEnd',
] as const;

/**
 * Base of lrkit's callbacks. When a plain object comes first in `callbacks`, TF.js wraps every
 * element, lrkit's callbacks included, in a `tf.CustomCallback`: the wrapper calls the hooks with
 * itself as `this` and never receives the model (its `setModel` does nothing). The hooks detect
 * that and fail with a clear message instead of an obscure one (or of silently using the model of
 * an earlier fit).
 */
abstract class LrkitCallback extends Callback {
  constructor(fn: string) {
    super();
    guardHooks(this, fn);
  }
}

/** Replaces each hook of `cb` by an own-property function that refuses a foreign `this`. */
function guardHooks(cb: Callback, fn: string): void {
  for (const hook of HOOKS) {
    const method = (cb as unknown as Record<string, unknown>)[hook];
    if (typeof method !== 'function') continue;
    Object.defineProperty(cb, hook, {
      configurable: true,
      writable: true,
      enumerable: false,
      value: function (this: unknown, ...args: unknown[]): unknown {
        if (this !== cb && typeof this === 'object' && this !== null) {
          throw new LrkitError(
            `${fn}: TF.js wrapped this callback in a tf.CustomCallback, which never gets the ` +
              'model: that happens when a plain-object callback comes first in `callbacks`; ' +
              'pass combineCallbacks([...]) from lrkit/tfjs, or wrap the plain objects in ' +
              'new tf.CustomCallback({...})',
          );
        }
        return (method as (...a: unknown[]) => unknown).apply(cb, args);
      },
    });
  }
}

/** A TF.js callback instance (from any copy of tfjs-layers): it has setParams and setModel. */
function isCallbackInstance(cb: unknown): cb is Callback | CustomCallback {
  const c = cb as { setParams?: unknown; setModel?: unknown } | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.setParams === 'function' &&
    typeof c.setModel === 'function'
  );
}

/**
 * A `callbacks` array TF.js accepts whatever the mix: class instances (lrkit's callbacks,
 * `tf.callbacks.earlyStopping`, …) are kept, plain-object callbacks (`{ onEpochEnd: … }`) are
 * wrapped in `tf.CustomCallback`, order preserved. (TF.js alone fails on a plain object after a
 * class instance, and hides the model from class instances after a plain object.)
 * @param callbacks class instances and plain objects of hooks, in the order they should run.
 * @param yieldEvery passed to the `tf.CustomCallback` wrappers, as `fit`'s option of that name
 *   would be ('auto', 'batch', 'epoch', 'never' or milliseconds). Default 'auto', TF.js's default.
 * @example
 * await model.fit(x, y, {
 *   epochs: 5,
 *   callbacks: combineCallbacks([{ onEpochEnd: (e, logs) => console.log(e, logs) }, learningRateScheduler(spec)]),
 * });
 */
export function combineCallbacks(
  callbacks: ReadonlyArray<Callback | CustomCallback | CustomCallbackArgs>,
  yieldEvery: 'auto' | 'batch' | 'epoch' | 'never' | number = 'auto',
): (Callback | CustomCallback)[] {
  if (!Array.isArray(callbacks)) {
    throw new ParameterError('combineCallbacks', 'callbacks', 'must be an array', callbacks);
  }
  return callbacks.map((cb, i) => {
    if (isCallbackInstance(cb)) return cb;
    if (typeof cb !== 'object' || cb === null) {
      throw new ParameterError(
        'combineCallbacks',
        `callbacks[${i}]`,
        'must be a callback instance or a plain object of hooks',
        cb,
      );
    }
    return new CustomCallback(cb as CustomCallbackArgs, yieldEvery);
  });
}

export interface LearningRateSchedulerOptions extends Float32Options {
  /** Step the schedule before every batch (`'batch'`, the default) or every epoch (`'epoch'`). */
  interval?: 'batch' | 'epoch';
  /**
   * Batches per epoch, used (with `interval: 'batch'`) to find the global step when training
   * starts at `initialEpoch > 0` without a loaded state. Default: TF.js's `params.steps`
   * (fitDataset's `batchesPerEpoch`), else ⌈samples / batchSize⌉ from `fit`'s params.
   */
  stepsPerEpoch?: number;
  /** 1: log each lr change with `console.log`. Default 0. */
  verbose?: number;
}

/** The JSON-safe state of a {@link LearningRateScheduler}, saved next to a model checkpoint. */
export interface LearningRateSchedulerState {
  format: 'lrkit.tfjs.LearningRateScheduler';
  version: 1;
  interval: 'batch' | 'epoch';
  /** The next epoch to train (pass it as `initialEpoch` when resuming). */
  epoch: number;
  /** The global step the next batch (interval 'batch') or epoch (interval 'epoch') runs at. */
  step: number;
  /** The Scheduler's own state; null when driven by a `Schedule` function. */
  scheduler: SchedulerState | null;
}

const LRS_FORMAT = 'lrkit.tfjs.LearningRateScheduler';
const LRS_OPTION_KEYS = ['interval', 'stepsPerEpoch', 'verbose', 'float32Check', 'onWarning'];

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
 * run resumed with `initialEpoch` follows exactly the uninterrupted trajectory (from a state
 * restored with {@link LearningRateScheduler.loadState}, else from stepsPerEpoch: see
 * {@link LearningRateSchedulerOptions.stepsPerEpoch}). With interval 'epoch' the step is the epoch
 * number. At each epoch end `logs.lr` (and `logs.momentum` when cycled) is the lr in effect, so
 * `history.history.lr` exists.
 *
 * Reusing one callback in several `fit` calls: the step follows `fit`'s epochs, as in Keras
 * (whose LearningRateScheduler receives the epoch index from fit): a second `fit` without
 * `initialEpoch` starts again at epoch 0, hence step 0 — the schedule restarts. To continue
 * instead (PyTorch's behaviour, where a scheduler only ever moves forward), pass
 * `initialEpoch` (and `epochs` counted from 0) to the next `fit`: with the same callback, or a
 * fresh one restored with {@link LearningRateScheduler.loadState}, the step continues from
 * `initialEpoch · stepsPerEpoch`.
 *
 * A schedule value that is not a valid lr (negative, NaN, ±Infinity) or momentum/β1 (outside
 * [0, 1)) fails the fit with an error naming the step and the value. Unknown option names are an
 * error. Warns once (option `onWarning`, default `console.warn`) when
 * consecutive lrs become identical in float32 (see {@link findFloat32Stall}).
 */
export class LearningRateScheduler extends LrkitCallback {
  readonly interval: 'batch' | 'epoch';
  readonly verbose: number;
  private readonly driver: ScheduleDriver;
  private readonly stepsPerEpochOption: number | undefined;
  private globalStep = 0;
  private epochStart = 0;
  private nextEpoch = 0;
  private firstEpoch = true;
  private resume: { epoch: number; step: number } | undefined;

  constructor(
    scheduleOrSchedulerOrSpec: ScheduleSource,
    options: LearningRateSchedulerOptions = {},
  ) {
    super('learningRateScheduler');
    const fn = 'learningRateScheduler';
    checkOptionKeys(fn, options, LRS_OPTION_KEYS);
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
    this.driver = new ScheduleDriver(fn, scheduleOrSchedulerOrSpec, options, false);
  }

  /** The current global step (batch interval) or epoch (epoch interval). */
  get step(): number {
    return this.globalStep;
  }

  /** The Scheduler in use (built at the first `onTrainBegin` from a spec), if any. */
  get currentScheduler(): Scheduler | undefined {
    return this.driver.currentScheduler;
  }

  /**
   * The JSON-safe state to save next to a model checkpoint: the next epoch, the global step and
   * the Scheduler's state. Restore it into a callback built from the same spec (or Scheduler, or
   * Schedule function) with {@link loadState}, then `fit(..., { initialEpoch: state.epoch })`.
   * @example
   * const saved = JSON.stringify(cb.state());
   * const resumed = learningRateScheduler(spec).loadState(JSON.parse(saved));
   */
  state(): LearningRateSchedulerState {
    return {
      format: LRS_FORMAT,
      version: 1,
      interval: this.interval,
      epoch: this.nextEpoch,
      step: this.globalStep,
      scheduler: this.driver.schedulerState(),
    };
  }

  /**
   * Restores a state saved by {@link state}: the Scheduler (its base lr and momentum too, so the
   * fresh optimizer's lr does not matter) and the global step the next epoch starts at.
   * @throws LrkitError for a state of another format, interval or spec.
   */
  loadState(saved: unknown): this {
    const fn = 'learningRateScheduler: loadState';
    const s = saved as Partial<LearningRateSchedulerState> | null;
    if (typeof s !== 'object' || s === null || s.format !== LRS_FORMAT || s.version !== 1) {
      throw new LrkitError(
        `${fn}: expected a state from LearningRateScheduler.state() (format '${LRS_FORMAT}', version 1), got ${formatValue(saved)}`,
      );
    }
    if (s.interval !== this.interval) {
      throw new LrkitError(
        `${fn}: the state was saved with interval '${String(s.interval)}', this callback steps per '${this.interval}'`,
      );
    }
    const epoch = s.epoch;
    const step = s.step;
    if (typeof epoch !== 'number' || !Number.isInteger(epoch) || epoch < 0) {
      throw new ParameterError(fn, 'epoch', 'must be a non-negative integer', epoch);
    }
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 0) {
      throw new ParameterError(fn, 'step', 'must be a non-negative integer', step);
    }
    this.driver.loadSchedulerState(s.scheduler ?? null);
    this.resume = { epoch, step };
    this.globalStep = step;
    this.nextEpoch = epoch;
    return this;
  }

  override async onTrainBegin(): Promise<void> {
    this.driver.attach(optimizerOf(this, 'learningRateScheduler'));
    this.firstEpoch = true;
  }

  private apply(position: number): void {
    const opt = optimizerOf(this, 'learningRateScheduler');
    const before = this.verbose > 0 ? getLearningRate(opt) : 0;
    const lr = this.driver.applyAt(opt, position);
    if (this.verbose > 0 && lr !== before) {
      console.log(`learningRateScheduler: step ${position}: lr = ${readableLr(lr)}`);
    }
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    const resume = this.resume;
    this.resume = undefined;
    if (this.interval === 'epoch') {
      this.globalStep = epoch;
      this.apply(epoch);
      return;
    }
    if (this.firstEpoch) {
      this.firstEpoch = false;
      if (resume && resume.epoch === epoch) {
        this.globalStep = resume.step;
      } else if (epoch === 0) {
        this.globalStep = 0;
      } else {
        const spe = this.stepsPerEpochOption ?? stepsPerEpochFromParams(this.params);
        if (spe === undefined) {
          throw new LrkitError(
            `learningRateScheduler: resuming at epoch ${epoch} needs the number of batches per epoch; pass the stepsPerEpoch option or load a saved state`,
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

  override async onEpochEnd(epoch: number, logs?: AnyLogs): Promise<void> {
    this.nextEpoch = epoch + 1;
    if (this.interval === 'epoch') this.globalStep = epoch + 1;
    if (!logs) return;
    const opt = optimizerOf(this, 'learningRateScheduler');
    logs.lr = getLearningRate(opt);
    if (this.driver.cyclesMomentum) logs.momentum = this.driver.momentumOf();
  }
}

/**
 * The lowercase factory, TF.js style.
 * @example
 * model.fit(x, y, { epochs: 5, callbacks: [learningRateScheduler('OneCycleLR(max_lr=0.1, total_steps=50)')] });
 */
export function learningRateScheduler(
  scheduleOrSchedulerOrSpec: ScheduleSource,
  options: LearningRateSchedulerOptions = {},
): LearningRateScheduler {
  return new LearningRateScheduler(scheduleOrSchedulerOrSpec, options);
}

/** A linear warm-up before {@link ReduceLROnPlateau} starts watching the metric. */
export interface PlateauWarmup {
  /** Warm-up length in batches (give `steps` or `epochs`, a positive integer). */
  steps?: number;
  /** Warm-up length in epochs (give `steps` or `epochs`, a positive integer). */
  epochs?: number;
  /** The first warm-up lr as a fraction of the base lr, in (0, 1]. Default 1/3 (PyTorch LinearLR). */
  startFactor?: number;
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
  /**
   * A linear warm-up first: step k (a batch with `steps`, an epoch with `epochs`) runs at
   * `base · (startFactor + (1 − startFactor) · min(k, T) / T)` — PyTorch's LinearLR — where base
   * is the optimizer's lr at the first `onTrainBegin`. Epochs whose last batch still ran below the
   * base lr are warm-up epochs: their metric is ignored (neither best nor patience counts it),
   * as timm's plateau scheduler ignores metrics during its warm-up.
   */
  warmup?: PlateauWarmup;
}

/** The JSON-safe state of a {@link ReduceLROnPlateau}, saved next to a model checkpoint. */
export interface ReduceLROnPlateauState {
  format: 'lrkit.tfjs.ReduceLROnPlateau';
  version: 1;
  semantics: 'keras' | 'pytorch';
  /** The optimizer's lr when saved (restored into the fresh optimizer at `onTrainBegin`). */
  lr: number;
  best: number | string;
  wait: number;
  cooldownCounter: number;
  epochsSeen: number;
  /** Warm-up progress (batches or epochs done) and its base lr; null without a warm-up. */
  warmup: { done: number; baseLr: number | null } | null;
}

const FN = 'reduceLROnPlateau';
const PLATEAU_FORMAT = 'lrkit.tfjs.ReduceLROnPlateau';
const PLATEAU_OPTION_KEYS = [
  'monitor',
  'factor',
  'patience',
  'mode',
  'minDelta',
  'cooldown',
  'minLr',
  'verbose',
  'semantics',
  'threshold',
  'thresholdMode',
  'eps',
  'warmup',
];
const WARMUP_OPTION_KEYS = ['steps', 'epochs', 'startFactor'];

/**
 * Lowers the lr when the monitored metric stops improving, at each epoch end. Keras's defaults
 * and rules by default; `semantics: 'pytorch'` gives PyTorch's; `warmup` ramps the lr up first.
 * A monitor key missing from the epoch logs is an error naming the available keys (Keras only
 * warns; a silent no-op hides a typo or missing validation data). Writes `logs.lr` at each epoch
 * end. It reads and lowers the optimizer's current lr, so do not combine it with a
 * {@link LearningRateScheduler} in the same fit (that one sets the lr before every batch or epoch
 * and would undo each reduction): use its `warmup` option for a warm-up. Unknown option names
 * (in `warmup` too) are an error with a did-you-mean.
 */
export class ReduceLROnPlateau extends LrkitCallback {
  readonly monitor: string;
  readonly factor: number;
  readonly patience: number;
  readonly mode: 'min' | 'max';
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLr: number;
  readonly verbose: number;
  readonly semantics: 'keras' | 'pytorch';
  readonly warmup: { unit: 'steps' | 'epochs'; length: number; startFactor: number } | undefined;
  /** Keras state: the best value so far, bad epochs, cooldown epochs left. */
  best = Infinity;
  wait = 0;
  cooldownCounter = 0;
  private readonly plateauOptions: PlateauOptions | undefined;
  private tracker: PlateauTracker | undefined;
  private epochsSeen = 0;
  /** Warm-up batches (unit steps) or epochs (unit epochs) started so far. */
  private warmupDone = 0;
  private baseLr: number | undefined;
  /** A state loaded by loadState, applied at the next onTrainBegin instead of a reset. */
  private loaded: ReduceLROnPlateauState | undefined;

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super(FN);
    checkOptionKeys(FN, options, PLATEAU_OPTION_KEYS);
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
    this.warmup = readWarmup(options.warmup);
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
    this.warmupDone = 0;
    this.baseLr = undefined;
    this.tracker = this.plateauOptions ? new PlateauTracker(this.plateauOptions, 1) : undefined;
  }

  /** The warm-up lr of warm-up step k (k < length). */
  private warmupLr(k: number): number {
    const w = this.warmup!;
    return (
      this.baseLr! * (w.startFactor + ((1 - w.startFactor) * Math.min(k, w.length)) / w.length)
    );
  }

  /** Whether the warm-up is over: the last batch run was at the base lr (or there is none). */
  private warmedUp(): boolean {
    const w = this.warmup;
    return w === undefined || this.warmupDone > w.length;
  }

  /** Runs warm-up step `warmupDone` (or, right after it, sets the base lr once). */
  private warmupStep(): void {
    const w = this.warmup;
    if (!w || this.warmupDone > w.length) return;
    const opt = optimizerOf(this, FN);
    const k = this.warmupDone;
    setLearningRate(opt, k < w.length ? this.warmupLr(k) : this.baseLr!);
    this.warmupDone = k + 1;
  }

  /**
   * The JSON-safe state to save next to a model checkpoint (counters, best value, warm-up
   * progress and the current lr). Needs the model (call it during or after fit).
   */
  state(): ReduceLROnPlateauState {
    const opt = optimizerOf(this, FN);
    const t = this.tracker?.state();
    return {
      format: PLATEAU_FORMAT,
      version: 1,
      semantics: this.semantics,
      lr: getLearningRate(opt),
      best: encodeNumber(t ? t.best : this.best),
      wait: t ? t.numBadEpochs : this.wait,
      cooldownCounter: t ? t.cooldownCounter : this.cooldownCounter,
      epochsSeen: this.epochsSeen,
      warmup: this.warmup ? { done: this.warmupDone, baseLr: this.baseLr ?? null } : null,
    };
  }

  /**
   * Restores a state saved by {@link state} into a callback built with the same options; the
   * next `fit` (with `initialEpoch`) continues from it instead of starting afresh, and its
   * `onTrainBegin` puts the saved lr into the (fresh) optimizer.
   * @throws LrkitError for a state of another format or semantics, or a warm-up mismatch.
   */
  loadState(saved: unknown): this {
    const fn = 'reduceLROnPlateau: loadState';
    const s = saved as Partial<ReduceLROnPlateauState> | null;
    if (typeof s !== 'object' || s === null || s.format !== PLATEAU_FORMAT || s.version !== 1) {
      throw new LrkitError(
        `${fn}: expected a state from ReduceLROnPlateau.state() (format '${PLATEAU_FORMAT}', version 1), got ${formatValue(saved)}`,
      );
    }
    if (s.semantics !== this.semantics) {
      throw new LrkitError(
        `${fn}: the state has semantics '${String(s.semantics)}', this callback '${this.semantics}'`,
      );
    }
    if (((s.warmup ?? null) === null) !== (this.warmup === undefined)) {
      throw new LrkitError(`${fn}: the state and this callback disagree on having a warm-up`);
    }
    check(fn, 'lr', s.lr, rules.nonNegative);
    check(fn, 'wait', s.wait, rules.nonNegativeInt);
    check(fn, 'cooldownCounter', s.cooldownCounter, rules.nonNegativeInt);
    check(fn, 'epochsSeen', s.epochsSeen, rules.nonNegativeInt);
    decodeNumber(s.best as number | string);
    this.loaded = s as ReduceLROnPlateauState;
    return this;
  }

  override async onTrainBegin(): Promise<void> {
    const s = this.loaded;
    this.loaded = undefined;
    this.reset();
    const opt = optimizerOf(this, FN);
    if (!s) {
      if (this.warmup) this.baseLr = getLearningRate(opt);
      return;
    }
    const best = decodeNumber(s.best);
    if (this.tracker) {
      this.tracker.load({ best, numBadEpochs: s.wait, cooldownCounter: s.cooldownCounter }, [s.lr]);
    } else {
      this.best = best;
      this.wait = s.wait;
      this.cooldownCounter = s.cooldownCounter;
    }
    this.epochsSeen = s.epochsSeen;
    if (s.warmup) {
      this.warmupDone = s.warmup.done;
      this.baseLr = s.warmup.baseLr ?? getLearningRate(opt);
    }
    setLearningRate(opt, s.lr);
  }

  override async onEpochBegin(_epoch: number): Promise<void> {
    if (this.warmup?.unit === 'epochs') this.warmupStep();
  }

  override async onBatchBegin(_batch: number): Promise<void> {
    if (this.warmup?.unit === 'steps') this.warmupStep();
  }

  private improved(current: number): boolean {
    return this.mode === 'min'
      ? current < this.best - this.minDelta
      : current > this.best + this.minDelta;
  }

  override async onEpochEnd(epoch: number, logs?: AnyLogs): Promise<void> {
    const opt = optimizerOf(this, FN);
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
    if (!this.warmedUp()) {
      // a warm-up epoch: its metric is ignored
    } else if (this.tracker) {
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
        console.log(
          `Epoch ${epoch + 1}: reduceLROnPlateau reducing learning rate to ${readableLr(newLr)}.`,
        );
      }
    }
    if (logs) logs.lr = newLr;
  }
}

function readWarmup(w: PlateauWarmup | undefined): ReduceLROnPlateau['warmup'] {
  if (w === undefined) return undefined;
  if (typeof w !== 'object' || w === null) {
    throw new ParameterError(FN, 'warmup', 'must be an object { steps | epochs, startFactor }', w);
  }
  checkOptionKeys(FN, w, WARMUP_OPTION_KEYS, 'warmup option');
  const hasSteps = w.steps !== undefined;
  const hasEpochs = w.epochs !== undefined;
  if (hasSteps === hasEpochs) {
    throw new LrkitError(
      `reduceLROnPlateau: warmup needs exactly one of steps or epochs, got ${formatValue(w)}`,
    );
  }
  const length = hasSteps
    ? check(FN, 'warmup.steps', w.steps, rules.positiveInt)
    : check(FN, 'warmup.epochs', w.epochs, rules.positiveInt);
  const startFactor = check(
    FN,
    'warmup.startFactor',
    w.startFactor ?? 1 / 3,
    rules.unitIntervalOpenLeft,
  );
  return { unit: hasSteps ? 'steps' : 'epochs', length, startFactor };
}

/**
 * The lowercase factory, TF.js style.
 * @example model.fit(x, y, { epochs: 50, validationSplit: 0.2, callbacks: [reduceLROnPlateau({ patience: 3 })] });
 */
export function reduceLROnPlateau(options: ReduceLROnPlateauOptions = {}): ReduceLROnPlateau {
  return new ReduceLROnPlateau(options);
}
