/**
 * `lrkit find`: the LR range test on the built-in demo task or on a saved TF.js model with data
 * from a CSV/JSON file; a terminal plot with the suggestions, SVG/PNG/HTML and JSON on request.
 */
import type * as TF from '@tensorflow/tfjs';
import { didYouMean, rangeTestPlotSvg, type RangeTestResult } from 'lrkit';
import { disposeOptimizer } from 'lrkit/tfjs';
import {
  FailureError,
  parseCommandArgs,
  parseFormat,
  parseInteger,
  parseNumber,
  UsageError,
} from './args.js';
import { colorEnabled } from './color.js';
import { readDigits } from './data/readDigits.js';
import { readTabular, type Tabular } from './data/tabular.js';
import type { CommandResult } from './main.js';
import { num } from './plot.js';
import { progressBar } from './progress.js';
import { chartKind, writeChart, writeOutput } from './render/output.js';
import { rangeTestText, suggestionTable } from './render/rangeTestText.js';
import { tableHtml } from './render/table.js';
import { loadTf, type Tf } from './tf/backend.js';
import { digitsModel, digitsTensors, disposeTensors } from './tf/digitsTask.js';
import { findLrOnModel } from './tf/findLr.js';
import { loadLayersModelFile } from './tf/loadModel.js';

export { findHelp } from './findHelp.js';

const LOSSES = [
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'binaryCrossentropy',
  'meanSquaredError',
  'meanAbsoluteError',
] as const;
const OPTIMIZERS = ['sgd', 'momentum', 'adam', 'rmsprop', 'adagrad', 'adamax', 'adadelta'] as const;

function choice<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const hint = didYouMean(value, allowed);
  throw new UsageError(
    `${option}: expected ${allowed.join(', ')}, got '${value}'${hint ? `; did you mean '${hint}'?` : ''}`,
  );
}

/** A task to sweep: a compiled (or compilable) model and its training tensors. */
interface Task {
  model: TF.LayersModel;
  x: TF.Tensor;
  y: TF.Tensor;
  describe: string;
  /** The loss to compile with when the model has none. */
  loss: string;
  dispose(): void;
}

/** The model's output units (last dimension of its first output). */
function outputUnits(model: TF.LayersModel): number {
  const shape = model.outputs[0]?.shape;
  const units = shape?.[shape.length - 1];
  return typeof units === 'number' ? units : 1;
}

function modelLossName(model: TF.LayersModel): string | undefined {
  const loss = (model as unknown as { loss?: unknown }).loss;
  return typeof loss === 'string' ? loss : undefined;
}

/** Builds the target tensor the loss expects from the data's target column(s). */
function targets(tf: Tf, d: Tabular, units: number, loss: string, where: string): TF.Tensor {
  if (d.targetWidth > 1) {
    if (d.targetWidth !== units) {
      throw new FailureError(
        `${where}: targets have ${d.targetWidth} values per row, but the model has ${units} output units`,
      );
    }
    return tf.tensor2d(d.y, [d.rows, units]);
  }
  if (units > 1 && loss !== 'meanSquaredError' && loss !== 'meanAbsoluteError') {
    const bad = Array.from(d.y).findIndex((v) => !Number.isInteger(v) || v < 0 || v >= units);
    if (bad >= 0) {
      throw new FailureError(
        `${where}: '${d.targetName}' must hold class labels 0…${units - 1} for a model with ${units} output units, got ${Number(d.y[bad]!.toPrecision(7))} (row ${bad + 1})`,
      );
    }
    if (loss === 'sparseCategoricalCrossentropy') return tf.tensor2d(d.y, [d.rows, 1]);
    return tf.tidy(() => tf.oneHot(tf.tensor1d(d.y, 'int32'), units).toFloat());
  }
  if (units !== 1) {
    throw new FailureError(
      `${where}: one target column, but the model has ${units} output units (give one-hot targets, or a classification loss)`,
    );
  }
  return tf.tensor2d(d.y, [d.rows, 1]);
}

async function userTask(
  tf: Tf,
  modelPath: string,
  dataPath: string,
  target: string | undefined,
  lossOption: string | undefined,
): Promise<Task> {
  const data = readTabular(dataPath, target);
  const model = await loadLayersModelFile(tf, modelPath);
  // a model.json with a training config comes compiled with an optimizer the model does not own
  // (model.dispose() leaves it): it is freed with the model
  const loaded = (model as unknown as { optimizer?: TF.Optimizer }).optimizer;
  const disposeModel = () => {
    model.dispose();
    if (loaded) disposeOptimizer(loaded);
  };
  const inputShape = model.inputs[0]?.shape ?? [];
  const inputs = inputShape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1);
  if (inputShape.length !== 2 || inputs !== data.features) {
    disposeModel();
    throw new FailureError(
      `--data: '${dataPath}' has ${data.features} feature columns (${data.featureNames.join(', ')}), but the model expects input shape [${inputShape.map((s) => s ?? 'null').join(', ')}]`,
    );
  }
  const units = outputUnits(model);
  const loss =
    lossOption ??
    modelLossName(model) ??
    (units > 1 ? 'categoricalCrossentropy' : 'meanSquaredError');
  let y: TF.Tensor;
  try {
    y = targets(tf, data, units, loss, dataPath);
  } catch (e) {
    disposeModel();
    throw e;
  }
  const x = tf.tensor2d(data.x, [data.rows, data.features]);
  return {
    model,
    x,
    y,
    loss,
    describe: `${modelPath} on ${data.rows} rows of ${dataPath} (${data.features} features → '${data.targetName}'), loss ${loss}`,
    dispose: () => {
      x.dispose();
      y.dispose();
      disposeModel();
    },
  };
}

function demoTask(tf: Tf, seed: number): Task {
  const digits = readDigits();
  const t = digitsTensors(tf, digits);
  const model = digitsModel(tf, t.inputSize, t.classes, seed);
  return {
    model,
    x: t.xTrain,
    y: t.yTrain,
    loss: 'categoricalCrossentropy',
    describe: `the demo task: ${digits.nTrain} MNIST digits (${digits.width}×${digits.height}), MLP 196 → 128 → 64 → 10, SGD momentum 0.9`,
    dispose: () => {
      disposeTensors(t);
      model.dispose();
    },
  };
}

/** Runs the command. */
export async function runFind(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs('find', argv, {
    model: { type: 'string' },
    data: { type: 'string' },
    target: { type: 'string' },
    loss: { type: 'string' },
    optimizer: { type: 'string' },
    'num-iter': { type: 'string' },
    'start-lr': { type: 'string' },
    'end-lr': { type: 'string' },
    'batch-size': { type: 'string' },
    smoothing: { type: 'string' },
    diverge: { type: 'string' },
    seed: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (positionals.length > 0) {
    throw new UsageError(
      `find: takes no arguments, got '${positionals[0]}' (a model is given with --model FILE)`,
    );
  }
  const format = parseFormat(values.format, ['text', 'json'] as const);
  if (values.model !== undefined && values.data === undefined) {
    throw new UsageError('find: --model needs --data FILE (.csv or .json) to train on');
  }
  if (values.model === undefined) {
    for (const o of ['data', 'target', 'loss'] as const) {
      if (values[o] !== undefined) throw new UsageError(`find: --${o} is only for --model`);
    }
  }
  const loss = values.loss === undefined ? undefined : choice('--loss', values.loss, LOSSES);
  const optimizer =
    values.optimizer === undefined
      ? undefined
      : choice('--optimizer', values.optimizer, OPTIMIZERS);
  const numIter =
    values['num-iter'] === undefined ? 100 : parseInteger('--num-iter', values['num-iter'], 2);
  const startLr =
    values['start-lr'] === undefined ? 1e-5 : parseNumber('--start-lr', values['start-lr']);
  const endLr = values['end-lr'] === undefined ? 10 : parseNumber('--end-lr', values['end-lr']);
  if (!(startLr > 0))
    throw new UsageError(`--start-lr: expected a number > 0, got '${values['start-lr']}'`);
  if (!(endLr > startLr)) {
    throw new UsageError(
      `--end-lr: expected a number > --start-lr (${startLr}), got '${values['end-lr']}'`,
    );
  }
  const batchSize =
    values['batch-size'] === undefined
      ? values.model === undefined
        ? 64
        : 32
      : parseInteger('--batch-size', values['batch-size'], 1);
  const smoothing =
    values.smoothing === undefined ? undefined : parseNumber('--smoothing', values.smoothing);
  if (smoothing !== undefined && !(smoothing >= 0 && smoothing < 1)) {
    throw new UsageError(`--smoothing: expected a number in [0, 1), got '${values.smoothing}'`);
  }
  const diverge =
    values.diverge === undefined ? undefined : parseNumber('--diverge', values.diverge);
  if (diverge !== undefined && !(diverge > 1)) {
    throw new UsageError(`--diverge: expected a number > 1, got '${values.diverge}'`);
  }
  const seed = values.seed === undefined ? 42 : parseInteger('--seed', values.seed, 0, 2 ** 31);
  if (values.out !== undefined) chartKind('--out', values.out);

  const { tf, backend } = await loadTf();
  const task =
    values.model === undefined
      ? demoTask(tf, seed)
      : await userTask(tf, values.model, values.data!, values.target, loss);
  let result: RangeTestResult;
  let created: TF.Optimizer | undefined;
  const bar = progressBar('range test', numIter);
  try {
    const current = (task.model as unknown as { optimizer?: TF.Optimizer }).optimizer;
    if (optimizer !== undefined || loss !== undefined || !current) {
      const opt =
        optimizer === undefined && current
          ? current
          : optimizer === undefined || optimizer === 'momentum'
            ? tf.train.momentum(startLr, 0.9)
            : optimizer === 'sgd'
              ? tf.train.sgd(startLr)
              : optimizer === 'adam'
                ? tf.train.adam(startLr)
                : optimizer === 'rmsprop'
                  ? tf.train.rmsprop(startLr)
                  : optimizer === 'adagrad'
                    ? tf.train.adagrad(startLr)
                    : optimizer === 'adamax'
                      ? tf.train.adamax(startLr)
                      : tf.train.adadelta(startLr);
      if (opt !== current) created = opt;
      task.model.compile({ optimizer: opt, loss: task.loss });
    }
    try {
      result = await findLrOnModel(tf, task.model, task.x, task.y, {
        numIter,
        batchSize,
        startLr,
        endLr,
        seed,
        ...(smoothing === undefined ? {} : { smoothing }),
        ...(diverge === undefined ? {} : { divergeThreshold: diverge }),
        onProgress: (p) =>
          bar.update(p.iteration + 1, { info: `lr ${num(p.lr)}  loss ${num(p.smoothedLoss)}` }),
      });
    } catch (e) {
      if (e instanceof Error && !(e instanceof UsageError)) {
        throw new FailureError(`find: training failed: ${e.message}`);
      }
      throw e;
    }
  } finally {
    bar.stop();
    task.dispose();
    if (created) disposeOptimizer(created);
  }

  const written: string[] = [];
  if (values.json !== undefined) {
    writeOutput(values.json, `${JSON.stringify(result, null, 2)}\n`);
    written.push(values.json);
  }
  if (values.out !== undefined) {
    const svg = rangeTestPlotSvg(result);
    await writeChart(values.out, svg, {
      title: 'lrkit find: learning-rate range test',
      sections: [
        {
          heading: 'Suggestions',
          html: `${tableHtml(suggestionTable(result))}\n<p class="note">${task.describe}; ${result.lrs.length} iterations, stopped: ${result.stopReason} — ${result.stopDetail}</p>`,
        },
      ],
    });
    written.push(values.out);
  }
  if (format === 'json') return { text: JSON.stringify(result) };
  const width = Math.max(50, process.stdout.isTTY ? process.stdout.columns : 80);
  const height =
    process.stdout.isTTY && process.stdout.rows
      ? Math.max(8, Math.min(20, process.stdout.rows - 18))
      : 16;
  return {
    text: [
      `range test on ${task.describe} (${backend} backend, batch ${batchSize})`,
      '',
      rangeTestText(result, { width, height, color: colorEnabled() }),
      ...(result.recommended.lr !== null
        ? [
            '',
            `next: lrkit plot "OneCycleLR(max_lr=${num(result.recommended.lr)}, total_steps=1000)" --steps 1000`,
          ]
        : []),
      ...written.map((f) => `wrote ${f}`),
    ].join('\n'),
  };
}
