/**
 * Optimizer checkpoints: a TF.js optimizer's state (iteration count, slot variables such as
 * Adam's moments, and the hyper-parameters lrkit drives) as JSON, so training resumed from a saved
 * model continues bit-identically. TF.js's own `model.save(handler, { includeOptimizer: true })`
 * restores the optimizer through `optimizer.setWeights`, which recomputes Adam's β1^t and β2^t
 * accumulators with `pow`: they differ in the last bits from the running products of an
 * uninterrupted run, and so do the weights after the resume (measured: up to 3e-8 after 15 + 15
 * epochs). `setWeights` also does not dispose the slot variables it replaces.
 */
import { scalar, tensor, tidy } from '@tensorflow/tfjs';
import { LrkitError, formatValue } from '../errors.js';
import {
  detect,
  getLearningRate,
  setLearningRate,
  setMomentum,
  type Detected,
  type OptimizerKind,
  type OptimizerLike,
} from './optimizers.js';

/** One saved tensor: shape, dtype and the raw little-endian bytes in base64. */
export interface SavedTensor {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  data: string;
}

/** The JSON-safe state of a TF.js optimizer, from {@link saveOptimizerState}. */
export interface OptimizerState {
  format: 'lrkit.tfjs.optimizer';
  version: 1;
  kind: OptimizerKind;
  /** `optimizer.iterations`: the number of updates applied. */
  iterations: number;
  /** The learning rate (and momentum, β1) in effect when saved. */
  lr: number;
  momentum: number | null;
  beta1: number | null;
  /** Adam's running β1^t and β2^t accumulators, exactly (float32 values). */
  accBeta1: number | null;
  accBeta2: number | null;
  /** The slot variables, in `optimizer.getWeights()` order (without 'iter'). */
  weights: SavedTensor[];
}

const FORMAT = 'lrkit.tfjs.optimizer';

interface NamedTensor {
  name: string;
  tensor: {
    shape: number[];
    dtype: string;
    data(): Promise<ArrayLike<number>>;
    dispose(): void;
  };
}

interface WeightsApi {
  getWeights(): Promise<NamedTensor[]>;
  setWeights(w: { name: string; tensor: unknown }[]): Promise<void>;
}

interface ScalarVariable {
  dataSync(): ArrayLike<number>;
  assign(v: unknown): void;
}

function bytesToBase64(bytes: Uint8Array): string {
  let text = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    text += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(text);
}

function base64ToBytes(b64: string): Uint8Array {
  const text = atob(b64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function noAdamax(fn: string, d: Detected): LrkitError {
  return new LrkitError(
    `${fn}: ${d.name} (tf.train.adamax) cannot save or restore its state: TF.js does not ` +
      'implement getWeights/setWeights for it; resume adamax training from the model weights ' +
      'alone (its moments then restart at zero) or use tf.train.adam',
  );
}

function weightsApi(fn: string, d: Detected): WeightsApi {
  const o = d.o as unknown as Partial<WeightsApi>;
  if (typeof o.getWeights !== 'function' || typeof o.setWeights !== 'function') {
    throw new LrkitError(`${fn}: ${d.name} has no getWeights/setWeights`);
  }
  return o as WeightsApi;
}

function scalarVariable(v: unknown): ScalarVariable | undefined {
  const s = v as Partial<ScalarVariable> | null | undefined;
  return s && typeof s.dataSync === 'function' && typeof s.assign === 'function'
    ? (s as ScalarVariable)
    : undefined;
}

/**
 * Saves the optimizer's full state as JSON-safe data: iterations, slot variables (bytes, so the
 * round trip is bit-exact), lr, momentum/β1 and Adam's β^t accumulators.
 *
 * @param optimizer a `tf.train` sgd, momentum, adam, rmsprop, adagrad or adadelta optimizer.
 * @throws LrkitError for `tf.train.adamax` (TF.js cannot get or set its state) or an unknown one.
 * @example
 * const saved = JSON.stringify(await saveOptimizerState(model.optimizer));
 * // later, after compiling a fresh model with a new optimizer of the same kind and settings:
 * await loadOptimizerState(model.optimizer, JSON.parse(saved));
 */
export async function saveOptimizerState(optimizer: OptimizerLike): Promise<OptimizerState> {
  const fn = 'saveOptimizerState';
  const d = detect(fn, optimizer);
  if (d.kind === 'adamax') throw noAdamax(fn, d);
  const api = weightsApi(fn, d);
  const live = await api.getWeights();
  const weights: SavedTensor[] = [];
  let iterations = 0;
  for (const [i, { name, tensor: t }] of live.entries()) {
    const values = await t.data();
    if (i === 0 && name === 'iter') {
      iterations = values[0] ?? 0;
      t.dispose(); // getWeights creates a new 'iter' scalar on every call
      continue;
    }
    const dtype = t.dtype === 'int32' ? 'int32' : 'float32';
    const typed = dtype === 'int32' ? Int32Array.from(values) : Float32Array.from(values);
    weights.push({
      name,
      shape: [...t.shape],
      dtype,
      data: bytesToBase64(new Uint8Array(typed.buffer)),
    });
  }
  const o = d.o;
  const acc1 = scalarVariable(o.accBeta1);
  const acc2 = scalarVariable(o.accBeta2);
  return {
    format: FORMAT,
    version: 1,
    kind: d.kind,
    iterations,
    lr: getLearningRate(optimizer),
    momentum: typeof o.momentum === 'number' ? o.momentum : null,
    beta1: typeof o.beta1 === 'number' ? o.beta1 : null,
    accBeta1: d.kind === 'adam' && acc1 ? acc1.dataSync()[0]! : null,
    accBeta2: d.kind === 'adam' && acc2 ? acc2.dataSync()[0]! : null,
    weights,
  };
}

function badState(fn: string, what: string, value: unknown): LrkitError {
  return new LrkitError(`${fn}: ${what}, got ${formatValue(value)}`);
}

/**
 * Restores a state from {@link saveOptimizerState} into an optimizer of the same kind (built with
 * the same settings, e.g. a fresh one after loading the model), so that the next update is
 * bit-identical to the one the saved optimizer would have made. Disposes the slot variables it
 * replaces (TF.js's `setWeights` alone does not), and restores lr, momentum/β1 and Adam's
 * accumulators exactly.
 *
 * @throws LrkitError for a state of another format or optimizer kind, or for adamax.
 * @example await loadOptimizerState(model.optimizer, JSON.parse(text));
 */
export async function loadOptimizerState(optimizer: OptimizerLike, state: unknown): Promise<void> {
  const fn = 'loadOptimizerState';
  const d = detect(fn, optimizer);
  if (d.kind === 'adamax') throw noAdamax(fn, d);
  const s = state as Partial<OptimizerState> | null;
  if (typeof s !== 'object' || s === null || s.format !== FORMAT || s.version !== 1) {
    throw badState(fn, `expected a state from saveOptimizerState (format '${FORMAT}')`, state);
  }
  if (s.kind !== d.kind) {
    throw new LrkitError(
      `${fn}: the state was saved from a tf.train.${String(s.kind)} optimizer, but ${d.name} is tf.train.${d.kind}`,
    );
  }
  const iterations = s.iterations;
  if (typeof iterations !== 'number' || !Number.isInteger(iterations) || iterations < 0) {
    throw badState(fn, 'iterations must be a non-negative integer', iterations);
  }
  if (!Array.isArray(s.weights)) throw badState(fn, 'weights must be an array', s.weights);
  const api = weightsApi(fn, d);
  const old = await api.getWeights();
  const fresh = s.weights.map((w) => {
    const bytes = base64ToBytes(w.data);
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const values = w.dtype === 'int32' ? new Int32Array(copy) : new Float32Array(copy);
    return { name: w.name, tensor: tensor(values, w.shape, w.dtype) };
  });
  const iter = { name: 'iter', tensor: scalar(iterations, 'int32') };
  try {
    await api.setWeights([iter, ...fresh]);
  } catch (e) {
    for (const w of old) if (w.name === 'iter') w.tensor.dispose();
    throw e;
  } finally {
    // setWeights turned our tensors into new variables (sharing their data): drop ours
    iter.tensor.dispose();
    for (const f of fresh) f.tensor.dispose();
  }
  // the slot variables setWeights replaced (and getWeights' fresh 'iter' scalar)
  for (const w of old) w.tensor.dispose();
  const o = d.o;
  if (typeof s.lr === 'number') setLearningRate(optimizer, s.lr);
  if (typeof s.momentum === 'number' && typeof o.momentum === 'number') {
    o.momentum = s.momentum;
    if (d.kind === 'momentum') {
      // the update reads the scalar tensor `m`, not the number: keep them in step
      setMomentum(optimizer, s.momentum);
    }
  }
  if (d.kind === 'adam') {
    if (typeof s.beta1 === 'number') o.beta1 = s.beta1;
    const acc1 = scalarVariable(o.accBeta1);
    const acc2 = scalarVariable(o.accBeta2);
    tidy(() => {
      if (acc1 && typeof s.accBeta1 === 'number') acc1.assign(scalar(s.accBeta1));
      if (acc2 && typeof s.accBeta2 === 'number') acc2.assign(scalar(s.accBeta2));
    });
  }
}
