/**
 * The training worker: loads TF.js (dynamic import, so it is fetched only when Train is opened),
 * prefers the wasm backend (falls back to cpu), parses the bundled digits, and trains a small MLP
 * under lrkit schedules (lrkit/tfjs `learningRateScheduler`) or runs lrkit's LR range test.
 */
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { rangeTest } from 'lrkit';
import digitsUrl from '../../../packages/cli/data/digits.bin?url';
import { parseDigits, type Digits } from '../../../packages/cli/src/data/digits.js';
import type { OptimizerName } from '../state.js';
import type { FromWorker, RangeTestView, ToWorker } from './protocol.js';

type TF = typeof import('@tensorflow/tfjs');
type LrTf = typeof import('lrkit/tfjs');
type Tensor2D = import('@tensorflow/tfjs').Tensor2D;
type Scalar = import('@tensorflow/tfjs').Scalar;

let tf: TF;
let lrtf: LrTf;
let data:
  | {
      digits: Digits;
      px: number;
      xTrain: Tensor2D;
      yTrain: Tensor2D;
      xTest: Tensor2D;
      yTest: Tensor2D;
    }
  | undefined;
let loading: Promise<void> | undefined;
let stop = false;
let abort: AbortController | undefined;

const post = (m: FromWorker) =>
  (self as unknown as { postMessage(m: FromWorker): void }).postMessage(m);
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function init(): Promise<void> {
  tf = await import('@tensorflow/tfjs');
  lrtf = await import('lrkit/tfjs');
  tf.env().set('PROD', true);
  let backend = 'cpu';
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmUrl,
      'tfjs-backend-wasm-simd.wasm': simdUrl,
      'tfjs-backend-wasm-threaded-simd.wasm': threadedUrl,
    });
    if (await tf.setBackend('wasm')) backend = 'wasm';
  } catch {
    backend = 'cpu';
  }
  if (backend !== 'wasm') await tf.setBackend('cpu');
  await tf.ready();
  const res = await fetch(digitsUrl);
  if (!res.ok) throw new Error(`could not load the digits dataset (${res.status})`);
  const digits = parseDigits(new Uint8Array(await res.arrayBuffer()));
  const px = digits.width * digits.height;
  data = {
    digits,
    px,
    xTrain: tf.tensor2d(digits.xTrain, [digits.nTrain, px]),
    yTrain: tf.oneHot(tf.tensor1d(digits.yTrain, 'int32'), digits.classes).toFloat() as Tensor2D,
    xTest: tf.tensor2d(digits.xTest, [digits.nTest, px]),
    yTest: tf.oneHot(tf.tensor1d(digits.yTest, 'int32'), digits.classes).toFloat() as Tensor2D,
  };
  post({
    type: 'ready',
    backend: tf.getBackend(),
    data: {
      nTrain: digits.nTrain,
      nTest: digits.nTest,
      width: digits.width,
      height: digits.height,
      source: 'MNIST subset (digits.bin)',
    },
  });
}

function ensureLoaded(): Promise<void> {
  loading ??= init();
  return loading;
}

/** The same small MLP for every run, with the same (seeded) initial weights. */
function makeModel() {
  const d = data!;
  return tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [d.px],
        units: 64,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }),
      }),
      tf.layers.dense({
        units: d.digits.classes,
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 11 }),
      }),
    ],
  });
}

function makeOptimizer(name: OptimizerName, lr: number) {
  if (name === 'sgd') return tf.train.sgd(lr);
  if (name === 'momentum') return tf.train.momentum(lr, 0.9);
  return tf.train.adam(lr);
}

async function train(msg: Extract<ToWorker, { type: 'train' }>): Promise<void> {
  const d = data!;
  const stepsPerEpoch = Math.ceil(d.digits.nTrain / msg.batch);
  for (const run of msg.runs) {
    if (stop) break;
    const t0 = performance.now();
    const model = makeModel();
    const opt = makeOptimizer(msg.optimizer, run.lr);
    try {
      model.compile({ optimizer: opt, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
      const scheduler = lrtf.learningRateScheduler(run.spec, { stepsPerEpoch });
      post({ type: 'runStart', run: run.id, stepsPerEpoch, epochs: msg.epochs });
      let step = 0;
      const logger = new tf.CustomCallback({
        onBatchEnd: async (_batch, logs) => {
          post({
            type: 'batch',
            run: run.id,
            step,
            loss: Number(logs?.loss),
            acc: Number(logs?.acc),
            lr: lrtf.getLearningRate(opt),
          });
          step += 1;
          if (stop) model.stopTraining = true;
        },
        onEpochEnd: async (epoch, logs) => {
          post({
            type: 'epoch',
            run: run.id,
            epoch: epoch + 1,
            loss: Number(logs?.loss),
            acc: Number(logs?.acc),
            valLoss: Number(logs?.val_loss),
            valAcc: Number(logs?.val_acc),
          });
        },
      });
      await model.fit(d.xTrain, d.yTrain, {
        epochs: msg.epochs,
        batchSize: msg.batch,
        shuffle: false,
        validationData: [d.xTest, d.yTest],
        callbacks: [scheduler, logger],
        verbose: 0,
      });
      post({ type: 'runEnd', run: run.id, ms: performance.now() - t0 });
    } catch (e) {
      post({ type: 'runError', run: run.id, message: message(e) });
    } finally {
      model.dispose();
      opt.dispose();
    }
  }
  post({ type: 'trainDone', stopped: stop });
}

async function rangeTestRun(msg: Extract<ToWorker, { type: 'rangeTest' }>): Promise<void> {
  const d = data!;
  const model = makeModel();
  const opt = makeOptimizer(msg.optimizer, msg.startLr);
  const batches = Math.floor(d.digits.nTrain / msg.batch);
  abort = new AbortController();
  const t0 = performance.now();
  try {
    const r = await rangeTest({
      startLr: msg.startLr,
      endLr: msg.endLr,
      numIter: msg.numIter,
      signal: abort.signal,
      trainStep: (lr: number, i: number) => {
        lrtf.setLearningRate(opt, lr);
        const b = i % batches;
        const cost = tf.tidy(() => {
          const xb = d.xTrain.slice([b * msg.batch, 0], [msg.batch, d.px]);
          const yb = d.yTrain.slice([b * msg.batch, 0], [msg.batch, d.digits.classes]);
          const c = opt.minimize(
            () =>
              tf.metrics.categoricalCrossentropy(yb, model.apply(xb) as Tensor2D).mean() as Scalar,
            true,
          );
          if (!c) throw new Error('the optimizer returned no loss');
          return c;
        });
        const loss = cost.dataSync()[0]!;
        cost.dispose();
        return loss;
      },
      onProgress: (p) =>
        post({
          type: 'rtProgress',
          iteration: p.iteration,
          numIter: p.numIter,
          lr: p.lr,
          loss: p.loss,
          smoothedLoss: p.smoothedLoss,
        }),
    });
    const result: RangeTestView = {
      lrs: r.lrs,
      losses: r.losses,
      smoothedLosses: r.smoothedLosses,
      stopReason: r.stopReason,
      stopDetail: r.stopDetail,
      suggestions: Object.fromEntries(
        Object.entries(r.suggestions).map(([k, s]) => [
          k,
          { lr: s.lr, ...(s.lr === null ? { reason: s.reason } : {}) },
        ]),
      ),
      recommended: r.recommended,
    };
    post({ type: 'rtResult', result, ms: performance.now() - t0 });
  } finally {
    model.dispose();
    opt.dispose();
    abort = undefined;
  }
}

let busy: Promise<void> = Promise.resolve();
self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  if (msg.type === 'stop') {
    stop = true;
    abort?.abort();
    return;
  }
  busy = busy.then(async () => {
    try {
      await ensureLoaded();
      stop = false;
      if (msg.type === 'train') await train(msg);
      else if (msg.type === 'rangeTest') await rangeTestRun(msg);
    } catch (e) {
      post({ type: 'error', message: message(e) });
    }
  });
};
