/**
 * The learning-rate range test against a real TF.js model: {@link findLearningRate} sweeps the lr
 * with a temporary optimizer and always puts the model back exactly as it found it.
 */
import {
  clone,
  dispose,
  gather,
  tensor1d,
  tidy,
  train,
  type LayersModel,
  type Optimizer,
  type Scalar,
  type Tensor,
  type TensorContainer,
  type data,
} from '@tensorflow/tfjs';
import { LrkitError, ParameterError, formatValue } from '../errors.js';
import { mulberry32 } from '../random.js';
import { checkOptionKeys } from '../options.js';
import {
  RANGE_TEST_OPTION_KEYS,
  rangeTest,
  type RangeTestOptions,
} from '../rangeTest/rangeTest.js';
import type { RangeTestResult } from '../rangeTest/types.js';
import {
  disposeOptimizer,
  optimizerKind,
  setLearningRate,
  type OptimizerKind,
} from './optimizers.js';

/** Options of {@link findLearningRate}: those of `rangeTest` (except `trainStep`) plus data handling. */
export interface FindLearningRateOptions extends Omit<RangeTestOptions, 'trainStep'> {
  /** Samples per training step when training from tensors, a positive integer (default 32). Datasets come batched. */
  batchSize?: number;
  /**
   * The optimizer kind to sweep with: a `tf.train` optimizer (used as a template: a fresh one of
   * the same class and hyper-parameters is built; the given object is never stepped) or a name
   * ('sgd', 'momentum', 'adam', 'adamax', 'rmsprop', 'adagrad', 'adadelta'; TF.js's defaults).
   * Default: a fresh copy of `model.optimizer`.
   */
  optimizer?: Optimizer | OptimizerKind;
  /** Shuffle the samples each pass over tensors (default true). Datasets are used as they come. */
  shuffle?: boolean;
  /** Seed of the shuffle, for repeatable sweeps (default: Math.random). */
  seed?: number;
  /** Validation inputs and targets: `model.evaluate` on them after every step gives `validationLosses`. */
  validationData?: [Tensor | Tensor[], Tensor | Tensor[]];
}

type Inputs = Tensor | Tensor[];
type Batch = { xs: TensorContainer; ys: TensorContainer };

const FN = 'findLearningRate';

/** The option names {@link findLearningRate} reads: rangeTest's (but trainStep) and its own. */
const OPTION_KEYS = [
  ...RANGE_TEST_OPTION_KEYS.filter((k) => k !== 'trainStep'),
  'batchSize',
  'optimizer',
  'shuffle',
  'seed',
  'validationData',
];

/** The internals of a LayersModel that the restore must put back (TF.js 4). */
interface ModelInternals {
  isOptimizerOwned?: unknown;
  loss?: unknown;
}

function isDataset(v: unknown): v is data.Dataset<TensorContainer> {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { iterator?: unknown }).iterator === 'function'
  );
}

function isTensor(v: unknown): v is Tensor {
  return (
    typeof v === 'object' &&
    v !== null &&
    Array.isArray((v as { shape?: unknown }).shape) &&
    typeof (v as { dataSync?: unknown }).dataSync === 'function'
  );
}

function asList(fn: string, param: string, v: unknown): Tensor[] {
  const list = Array.isArray(v) ? v : [v];
  if (list.length === 0 || !list.every(isTensor)) {
    throw new ParameterError(fn, param, 'must be a tf.Tensor or an array of tf.Tensors', v);
  }
  return list;
}

/** A fresh optimizer of the template's class and hyper-parameters, or of a named kind. */
function freshOptimizer(template: Optimizer | OptimizerKind): Optimizer {
  if (typeof template === 'string') {
    return namedOptimizer(template);
  }
  optimizerKind(template); // throws for optimizers lrkit cannot drive
  const ctor = template.constructor as {
    fromConfig?: (cls: unknown, config: unknown) => Optimizer;
  };
  if (typeof ctor.fromConfig !== 'function') {
    throw new LrkitError(
      `${FN}: cannot copy the optimizer ${template.getClassName()}: it has no fromConfig`,
    );
  }
  return ctor.fromConfig(ctor, template.getConfig());
}

function namedOptimizer(name: string): Optimizer {
  const t = train;
  switch (name) {
    case 'sgd':
      return t.sgd(0.01);
    case 'momentum':
      return t.momentum(0.01, 0.9);
    case 'adam':
      return t.adam();
    case 'adamax':
      return t.adamax();
    case 'rmsprop':
      return t.rmsprop(0.001);
    case 'adagrad':
      return t.adagrad(0.01);
    case 'adadelta':
      return t.adadelta();
    default:
      throw new ParameterError(
        FN,
        'optimizer',
        "must be a tf.train optimizer or one of 'sgd', 'momentum', 'adam', 'adamax', 'rmsprop', 'adagrad', 'adadelta'",
        name,
      );
  }
}

/** Returns an in-place Fisher–Yates shuffle; with a seed (mulberry32) the shuffles repeat run to run. */
function seededShuffle(seed?: number): <T>(a: T[]) => T[] {
  const random = seed === undefined ? Math.random : mulberry32(Math.floor(seed));
  return (a) => {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
}

function firstLoss(out: number | number[]): number {
  return Array.isArray(out) ? out[0]! : out;
}

/**
 * Runs a learning-rate range test on a compiled TF.js model and leaves the model exactly as it was.
 *
 * Each of the `numIter` iterations trains on one batch (`model.trainOnBatch`) with a temporary
 * optimizer — a fresh copy of the model's own (same class and hyper-parameters), or the one given
 * — whose lr is set by lrkit's {@link setLearningRate} before the step. Afterwards, whatever
 * happened (completed, diverged to NaN, aborted, or an error thrown by the data, a callback or
 * TF.js), every weight is restored bit-for-bit from a snapshot (`getWeights`, BatchNorm
 * statistics included), `model.optimizer` is the user's optimizer object again with its state and
 * `iterations` untouched (it never takes a step), and the snapshot and the temporary optimizer are
 * disposed: `tf.memory().numTensors` is back where it started. Errors are rethrown after the
 * restore. An abort of `signal` from a timer or a worker message stops the sweep too (the sweep
 * yields to the event loop every ~20 ms), with the same restore. Unknown option names are an
 * error.
 *
 * With tensors `x`, `y`, batches of `batchSize` samples are drawn in a (seeded) shuffled order,
 * passing over the data as often as needed. With a `tf.data.Dataset` of `{xs, ys}` (or `[xs, ys]`)
 * batches, they are used in order and the dataset is restarted when it ends; each batch's tensors
 * are disposed after its step, as `model.fitDataset` does.
 * @param model a compiled `tf.LayersModel` (or `tf.Sequential`)
 * @param x inputs, or a dataset of batches
 * @param y targets (with tensors)
 * @param options `rangeTest` options (startLr 1e-7, endLr 10, numIter 100, mode, smoothing,
 *   divergeThreshold, signal, onProgress, validate; `adaptive` defaults to true for adam, adamax,
 *   rmsprop and adagrad) plus batchSize (32), optimizer, shuffle (true), seed, validationData
 * @returns the same result as `rangeTest`
 * @example
 * model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
 * const result = await findLearningRate(model, xs, ys, { numIter: 100, batchSize: 32 });
 * result.recommended; // { lr: 0.191, reason: 'Half the divergence edge read from the blow-up: …' }
 */
export async function findLearningRate(
  model: LayersModel,
  x: Inputs,
  y: Inputs,
  options?: FindLearningRateOptions,
): Promise<RangeTestResult>;
export async function findLearningRate(
  model: LayersModel,
  dataset: data.Dataset<TensorContainer>,
  options?: FindLearningRateOptions,
): Promise<RangeTestResult>;
export async function findLearningRate(
  model: LayersModel,
  xOrDataset: Inputs | data.Dataset<TensorContainer>,
  yOrOptions?: Inputs | FindLearningRateOptions,
  maybeOptions?: FindLearningRateOptions,
): Promise<RangeTestResult> {
  const fromDataset = isDataset(xOrDataset);
  const options = ((fromDataset ? yOrOptions : maybeOptions) ?? {}) as FindLearningRateOptions;
  if (typeof options !== 'object') {
    throw new ParameterError(FN, 'options', 'must be an object', options);
  }
  checkOptionKeys(FN, options, OPTION_KEYS);
  if (
    typeof model !== 'object' ||
    model === null ||
    typeof (model as LayersModel).trainOnBatch !== 'function'
  ) {
    throw new ParameterError(FN, 'model', 'must be a tf.LayersModel', model);
  }
  const internals = model as unknown as ModelInternals;
  const userOptimizer = model.optimizer;
  if (userOptimizer == null || internals.loss == null) {
    throw new LrkitError(
      `${FN}: the model is not compiled: call model.compile({ optimizer, loss }) first`,
    );
  }
  const {
    batchSize = 32,
    optimizer: template = userOptimizer,
    shuffle = true,
    seed,
    validationData,
    validate,
    ...sweep
  } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new ParameterError(FN, 'batchSize', 'must be a positive integer', batchSize);
  }
  if (typeof shuffle !== 'boolean')
    throw new ParameterError(FN, 'shuffle', 'must be true or false', shuffle);
  if (seed !== undefined && !Number.isFinite(seed)) {
    throw new ParameterError(FN, 'seed', 'must be a finite number', seed);
  }
  if (validationData !== undefined && validate !== undefined) {
    throw new LrkitError(`${FN}: give validate or validationData, not both`);
  }

  // the data source: a function giving the next batch (its tensors are disposed after the step)
  let nextBatch: () => Promise<Batch>;
  if (fromDataset) {
    if (maybeOptions !== undefined) {
      throw new LrkitError(
        `${FN}: with a dataset, options come third: findLearningRate(model, dataset, options)`,
      );
    }
    const dataset = xOrDataset;
    let iterator: Awaited<ReturnType<typeof dataset.iterator>> | undefined;
    nextBatch = async () => {
      for (let attempt = 0; attempt < 2; attempt++) {
        iterator ??= await dataset.iterator();
        const r = await iterator.next();
        if (!r.done && r.value != null) {
          const v = r.value as unknown;
          if (Array.isArray(v) && v.length === 2)
            return { xs: v[0] as TensorContainer, ys: v[1] as TensorContainer };
          if (typeof v === 'object' && v !== null && 'xs' in v && 'ys' in v) return v as Batch;
          dispose(v as TensorContainer);
          throw new LrkitError(
            `${FN}: each dataset element must be {xs, ys} or [xs, ys] (a batch), got ${formatValue(Object.keys(v as object))}`,
          );
        }
        iterator = undefined; // ended: start a new pass
      }
      throw new LrkitError(`${FN}: the dataset yielded no batch`);
    };
  } else {
    const xs = asList(FN, 'x', xOrDataset);
    const ys = asList(FN, 'y', yOrOptions);
    const n = xs[0]!.shape[0];
    if (!n || ![...xs, ...ys].every((t) => t.shape[0] === n)) {
      throw new LrkitError(
        `${FN}: x and y must hold the same number of samples (first dimension), got ${[...xs, ...ys].map((t) => t.shape[0]).join(', ')}`,
      );
    }
    const order = Array.from({ length: n }, (_, i) => i);
    const shuffled = seededShuffle(seed);
    let pos = n;
    nextBatch = async () => {
      const idx: number[] = [];
      while (idx.length < Math.min(batchSize, n)) {
        if (pos >= n) {
          if (shuffle) shuffled(order);
          pos = 0;
        }
        idx.push(order[pos++]!);
      }
      const pick = (ts: Tensor[]) =>
        tidy(() => {
          const ix = tensor1d(idx, 'int32');
          return ts.map((t) => gather(t, ix));
        });
      const bx = pick(xs);
      const by = pick(ys);
      return {
        xs: Array.isArray(xOrDataset) ? bx : bx[0]!,
        ys: Array.isArray(yOrOptions) ? by : by[0]!,
      };
    };
  }

  let validateFn = validate;
  if (validationData !== undefined) {
    if (!Array.isArray(validationData) || validationData.length !== 2) {
      throw new ParameterError(FN, 'validationData', 'must be [x, y]', validationData);
    }
    const [vx, vy] = validationData;
    asList(FN, 'validationData[0]', vx);
    asList(FN, 'validationData[1]', vy);
    validateFn = async () => {
      const out = model.evaluate(vx, vy, { batchSize }) as Scalar | Scalar[];
      const first = Array.isArray(out) ? out[0]! : out;
      try {
        return (await first.data())[0]!;
      } finally {
        dispose(out);
      }
    };
  }

  // everything that must be put back
  const temporary = freshOptimizer(template);
  // Adam-like optimizers get the adaptive rule (adadelta is not among them: in TF.js 4 its update
  // is numerically that of SGD)
  const adaptive =
    sweep.adaptive ?? ['adam', 'adamax', 'rmsprop', 'adagrad'].includes(optimizerKind(temporary));
  const wasOwned = internals.isOptimizerOwned;
  const snapshot = model.getWeights().map((w) => clone(w));
  try {
    model.optimizer = temporary;
    return await rangeTest({
      ...sweep,
      adaptive,
      ...(validateFn ? { validate: validateFn } : {}),
      trainStep: async (lr) => {
        setLearningRate(temporary, lr);
        const batch = await nextBatch();
        try {
          return firstLoss(
            await model.trainOnBatch(batch.xs as Tensor | Tensor[], batch.ys as Tensor | Tensor[]),
          );
        } finally {
          dispose(batch as unknown as TensorContainer);
        }
      },
    });
  } finally {
    try {
      model.setWeights(snapshot);
    } finally {
      model.optimizer = userOptimizer;
      internals.isOptimizerOwned = wasOwned;
      dispose(snapshot);
      disposeOptimizer(temporary);
    }
  }
}
