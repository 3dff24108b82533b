/**
 * Optimizer adapters: the one place in lrkit that knows TF.js optimizer internals (TF.js 4).
 *
 * TF.js has no public, working way to change most hyper-parameters mid-training:
 * - `tf.train.sgd` / `tf.train.momentum` read a cached scalar tensor `c = -lr`, so assigning
 *   `learningRate` is silently ignored;
 * - `MomentumOptimizer.setMomentum()` changes a number the update never reads (it reads the
 *   private scalar tensor `m`);
 * - changing `beta1` of `tf.train.adam` / `tf.train.adamax` leaves the bias-correction
 *   accumulator `accBeta1` stale.
 *
 * The functions here set the learning rate, momentum and β1 of all seven `tf.train` optimizers so
 * that the very next `applyGradients` / `minimize` uses them, without leaking tensors.
 *
 * Optimizers are recognised by class name (`getClassName()`, then the constructor chain), not by
 * `instanceof`, so optimizers from a second copy of tfjs-core in the same bundle work too. Tensors
 * are created through the imported `@tensorflow/tfjs`; every copy of tfjs-core shares one global
 * engine, so they belong to the same engine as the optimizer's own tensors.
 */
import { keep, scalar, tidy } from '@tensorflow/tfjs';
import { LrkitError, ParameterError } from '../errors.js';

/** Anything that looks like a TF.js optimizer (every `tf.train.*` optimizer has `getClassName`). */
export interface OptimizerLike {
  getClassName(): string;
}

/** The seven `tf.train` optimizers lrkit knows. */
export type OptimizerKind =
  'sgd' | 'momentum' | 'adam' | 'adamax' | 'rmsprop' | 'adagrad' | 'adadelta';

/** Class names (TF.js `className` and the JS constructor name) → kind. */
const KINDS: Readonly<Record<string, OptimizerKind>> = {
  SGD: 'sgd',
  SGDOptimizer: 'sgd',
  Momentum: 'momentum',
  MomentumOptimizer: 'momentum',
  Adam: 'adam',
  AdamOptimizer: 'adam',
  Adamax: 'adamax',
  AdamaxOptimizer: 'adamax',
  RMSProp: 'rmsprop',
  RMSPropOptimizer: 'rmsprop',
  Adagrad: 'adagrad',
  AdagradOptimizer: 'adagrad',
  Adadelta: 'adadelta',
  AdadeltaOptimizer: 'adadelta',
};

const SUPPORTED =
  'tf.train.sgd, momentum, adam, adamax, rmsprop, adagrad and adadelta (TF.js 4 optimizers)';

/** A scalar tensor as the optimizers hold it (only what lrkit touches). */
interface TensorLike {
  dispose(): void;
}

/** A TF.js variable (only what lrkit touches). */
interface VariableLike extends TensorLike {
  assign(value: unknown): void;
}

/** The internal fields lrkit reads or writes, all optional until checked. */
export interface Internals {
  learningRate?: unknown;
  c?: unknown;
  m?: unknown;
  momentum?: unknown;
  beta1?: unknown;
  accBeta1?: unknown;
  accBeta2?: unknown;
  decay?: unknown;
  iterations?: unknown;
}

/** Optimizers already recognised (the hot path sets the lr before every batch). */
const detected = new WeakMap<object, Detected>();

/** Adamax instances already warned about their built-in decay. */
const warnedAdamax = new WeakSet<object>();

function isObject(value: unknown): value is object {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

function isTensorLike(value: unknown): value is TensorLike {
  return isObject(value) && typeof (value as { dispose?: unknown }).dispose === 'function';
}

function isVariableLike(value: unknown): value is VariableLike {
  return isTensorLike(value) && typeof (value as { assign?: unknown }).assign === 'function';
}

/** The names an optimizer goes by: `getClassName()` first, then its constructor chain. */
function classNames(optimizer: object): string[] {
  const names: string[] = [];
  const getClassName = (optimizer as { getClassName?: unknown }).getClassName;
  if (typeof getClassName === 'function') {
    try {
      const name: unknown = getClassName.call(optimizer);
      if (typeof name === 'string' && name !== '') names.push(name);
    } catch {
      // a broken getClassName: fall back to the constructor chain
    }
  }
  for (let proto = Object.getPrototypeOf(optimizer); proto; proto = Object.getPrototypeOf(proto)) {
    const ctor: unknown = (proto as { constructor?: unknown }).constructor;
    if (typeof ctor !== 'function') continue;
    try {
      const className: unknown = (ctor as { className?: unknown }).className;
      if (typeof className === 'string' && className !== '') names.push(className);
    } catch {
      // a throwing static getter is not a name
    }
    if (ctor.name !== '' && ctor.name !== 'Object') names.push(ctor.name);
  }
  return names;
}

/** @internal What lrkit/tfjs's own modules get from {@link detect}. */
export interface Detected {
  kind: OptimizerKind;
  /** The name to show in messages: the optimizer's own class name. */
  name: string;
  o: Internals;
}

/**
 * @internal Recognises one of the seven optimizers, or throws an error naming what it got (not
 * exported from lrkit/tfjs).
 */
export function detect(fn: string, optimizer: unknown): Detected {
  if (!isObject(optimizer)) {
    throw new ParameterError(fn, 'optimizer', 'must be a TF.js optimizer', optimizer);
  }
  const known = detected.get(optimizer);
  if (known) return known;
  const names = classNames(optimizer);
  for (const n of names) {
    const kind = KINDS[n];
    if (kind) {
      const d: Detected = { kind, name: names[0]!, o: optimizer as Internals };
      detected.set(optimizer, d);
      return d;
    }
  }
  const what = names[0] === undefined ? 'an object without a class name' : `'${names[0]}'`;
  throw new LrkitError(`${fn}: unsupported optimizer ${what}; lrkit/tfjs supports ${SUPPORTED}`);
}

/** The error for an optimizer whose internals are not the TF.js 4 layout lrkit relies on. */
function layoutError(fn: string, d: Detected, field: string): LrkitError {
  return new LrkitError(
    `${fn}: ${d.name} has no usable internal field '${field}' (lrkit/tfjs expects the TF.js 4 ` +
      'optimizer layout); this TF.js version is not supported',
  );
}

function validateLr(fn: string, lr: unknown): asserts lr is number {
  if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
    throw new ParameterError(fn, 'lr', 'must be a finite number ≥ 0', lr);
  }
}

function validateUnit(fn: string, param: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new ParameterError(fn, param, 'must be a number in [0, 1)', value);
  }
}

/** Replaces a kept scalar tensor field by a new kept scalar; disposes the old one. */
function replaceScalar(o: Internals, field: 'c' | 'm', value: number): void {
  const old = o[field];
  o[field] = keep(scalar(value));
  if (isTensorLike(old)) old.dispose();
}

/**
 * Which of the seven `tf.train` optimizers this is, recognised by class name (works across two
 * copies of tfjs-core, where `instanceof` does not).
 * @throws LrkitError naming the class of an optimizer lrkit does not know.
 * @example optimizerKind(tf.train.adam(0.001)) // 'adam'
 */
export function optimizerKind(optimizer: OptimizerLike): OptimizerKind {
  return detect('optimizerKind', optimizer).kind;
}

/**
 * Sets the learning rate the optimizer's next update uses.
 *
 * For `sgd` and `momentum` the update reads a cached scalar tensor `c = -lr`: it is replaced
 * (the old one disposed, the new one kept), so no tensor leaks however often the lr changes.
 * The other five read the number `learningRate` at each step.
 *
 * Notes: `rmsprop` with momentum > 0 folds the lr into its momentum buffer, so a change phases in
 * over several steps (that is RMSProp's maths). `adamax` divides the lr by `1 + decay·t` on its
 * own; when its `decay` is not 0 this warns once per optimizer, since the two decays stack.
 *
 * @param optimizer a `tf.train.*` optimizer.
 * @param lr the learning rate, a finite number ≥ 0 (applied in float32 by TF.js).
 * @throws ParameterError for NaN, infinite or negative `lr`; LrkitError for an unknown optimizer.
 * @example
 * const opt = tf.train.sgd(0.1);
 * setLearningRate(opt, 0.01);
 * getLearningRate(opt); // 0.01, and the next step moves the weights by 0.01·gradient
 */
export function setLearningRate(optimizer: OptimizerLike, lr: number): void {
  const fn = 'setLearningRate';
  const d = detect(fn, optimizer);
  validateLr(fn, lr);
  const { o } = d;
  if (d.kind === 'sgd' || d.kind === 'momentum') {
    if (!isTensorLike(o.c)) throw layoutError(fn, d, 'c');
    replaceScalar(o, 'c', -lr);
  } else if (d.kind === 'adamax') {
    const decay = o.decay;
    if (typeof decay === 'number' && decay !== 0 && !warnedAdamax.has(optimizer)) {
      warnedAdamax.add(optimizer);
      console.warn(
        `lrkit/tfjs: ${d.name} has its own learning-rate decay lr / (1 + decay·t) with ` +
          `decay = ${decay}, applied on top of the learning rate lrkit sets; create it with ` +
          'tf.train.adamax(lr, beta1, beta2, epsilon, 0) to follow the schedule exactly',
      );
    }
  }
  o.learningRate = lr;
}

/**
 * The learning rate the optimizer currently uses (for `adamax`, before its own decay).
 * @throws LrkitError for an unknown optimizer.
 * @example getLearningRate(tf.train.adam(0.001)) // 0.001
 */
export function getLearningRate(optimizer: OptimizerLike): number {
  const fn = 'getLearningRate';
  const d = detect(fn, optimizer);
  const lr = d.o.learningRate;
  if (typeof lr !== 'number') throw layoutError(fn, d, 'learningRate');
  return lr;
}

/**
 * Sets the momentum of `tf.train.momentum` (classical or Nesterov) or `tf.train.rmsprop`, so that
 * the next update uses it.
 *
 * `MomentumOptimizer.setMomentum()` of TF.js only changes the reported number; the update reads a
 * private scalar tensor, which this replaces (old disposed, new kept, no leak). RMSProp reads the
 * number each step.
 *
 * @param optimizer a `tf.train.momentum` or `tf.train.rmsprop` optimizer.
 * @param momentum a number in [0, 1).
 * @throws ParameterError for a momentum outside [0, 1); LrkitError for an optimizer without
 *   momentum (Adam's and Adamax's momentum-like parameter is β1: see {@link setBeta1}).
 * @example
 * const opt = tf.train.momentum(0.1, 0.9);
 * setMomentum(opt, 0.85); // the next step uses v ← 0.85·v + g
 */
export function setMomentum(optimizer: OptimizerLike, momentum: number): void {
  const fn = 'setMomentum';
  const d = detect(fn, optimizer);
  validateUnit(fn, 'momentum', momentum);
  const { o } = d;
  if (d.kind === 'momentum') {
    if (!isTensorLike(o.m)) throw layoutError(fn, d, 'm');
    replaceScalar(o, 'm', momentum);
    o.momentum = momentum;
  } else if (d.kind === 'rmsprop') {
    if (typeof o.momentum !== 'number') throw layoutError(fn, d, 'momentum');
    o.momentum = momentum;
  } else {
    throw noMomentum(fn, d);
  }
}

function noMomentum(fn: string, d: Detected): LrkitError {
  const hint =
    d.kind === 'adam' || d.kind === 'adamax'
      ? `; its momentum-like parameter is beta1: use setBeta1`
      : '; only tf.train.momentum and tf.train.rmsprop have one';
  return new LrkitError(`${fn}: ${d.name} has no momentum${hint}`);
}

/**
 * The momentum of a `tf.train.momentum` or `tf.train.rmsprop` optimizer.
 * @throws LrkitError for an optimizer without momentum.
 * @example getMomentum(tf.train.momentum(0.1, 0.9)) // 0.9
 */
export function getMomentum(optimizer: OptimizerLike): number {
  const fn = 'getMomentum';
  const d = detect(fn, optimizer);
  if (d.kind !== 'momentum' && d.kind !== 'rmsprop') throw noMomentum(fn, d);
  const m = d.o.momentum;
  if (typeof m !== 'number') throw layoutError(fn, d, 'momentum');
  return m;
}

/**
 * Sets β1 of `tf.train.adam` or `tf.train.adamax` so that each following step is PyTorch's Adam
 * step with the current β1: bias correction `1 − β1^t`, where t is the 1-based number of the step
 * about to run — what PyTorch users get when OneCycleLR or CyclicLR cycle Adam's betas. (For
 * adamax: TF.js's Adamax update with that same bias correction.)
 *
 * TF.js keeps `accBeta1 = β1^t` for the next step t (its own `setWeights` restores it as
 * `β1^(iterations + 1)`); changing `beta1` alone leaves it stale (0.9 → 0.5 after two steps gives
 * a step 3.2× too large). This sets `accBeta1 = β1^(iterations + 1)` inside `tf.tidy`. Rescaling
 * `accBeta1` by new/old β1 instead would give `1 − Π β1(i)` over the steps taken, which is not
 * PyTorch's correction once β1 has changed.
 *
 * @param optimizer a `tf.train.adam` or `tf.train.adamax` optimizer.
 * @param beta1 a number in [0, 1).
 * @throws ParameterError for β1 outside [0, 1); LrkitError for another optimizer.
 * @example
 * const opt = tf.train.adam(0.001, 0.9, 0.999);
 * setBeta1(opt, 0.85); // next step: m ← 0.85·m + 0.15·g, m̂ = m / (1 − 0.85^t)
 * @see Kingma & Ba, "Adam: A Method for Stochastic Optimization", 2015.
 */
export function setBeta1(optimizer: OptimizerLike, beta1: number): void {
  const fn = 'setBeta1';
  const d = detect(fn, optimizer);
  validateUnit(fn, 'beta1', beta1);
  if (d.kind !== 'adam' && d.kind !== 'adamax') throw noBeta1(fn, d);
  const { o } = d;
  const acc = o.accBeta1;
  if (!isVariableLike(acc)) throw layoutError(fn, d, 'accBeta1');
  const t = o.iterations;
  if (typeof t !== 'number' || !Number.isInteger(t) || t < 0) {
    throw layoutError(fn, d, 'iterations');
  }
  tidy(() => acc.assign(scalar(beta1 ** (t + 1))));
  o.beta1 = beta1;
}

function noBeta1(fn: string, d: Detected): LrkitError {
  const hint = d.kind === 'momentum' || d.kind === 'rmsprop' ? '; use setMomentum' : '';
  return new LrkitError(
    `${fn}: ${d.name} has no beta1 (only tf.train.adam and tf.train.adamax do)${hint}`,
  );
}

/**
 * β1 of a `tf.train.adam` or `tf.train.adamax` optimizer.
 * @throws LrkitError for another optimizer.
 * @example getBeta1(tf.train.adam(0.001, 0.9)) // 0.9
 */
export function getBeta1(optimizer: OptimizerLike): number {
  const fn = 'getBeta1';
  const d = detect(fn, optimizer);
  if (d.kind !== 'adam' && d.kind !== 'adamax') throw noBeta1(fn, d);
  const b1 = d.o.beta1;
  if (typeof b1 !== 'number') throw layoutError(fn, d, 'beta1');
  return b1;
}

/** Optimizers {@link disposeOptimizer} has already disposed (a second call is a no-op). */
const disposedOptimizers = new WeakSet<object>();

/**
 * Disposes a `tf.train` optimizer and every tensor it holds, including the one TF.js 4 leaks.
 *
 * TF.js 4's `MomentumOptimizer.dispose()` overrides SGD's without calling it, so the cached
 * scalar `c = -lr` outlives the optimizer: every `tf.train.momentum` disposed with `.dispose()`
 * leaks one tensor. This calls the optimizer's own `dispose()` (its slot variables, `accBeta1`…),
 * then disposes the scalars `c` and `m` of `sgd` / `momentum` if they are still alive — also the
 * ones {@link setLearningRate} and {@link setMomentum} put there. Afterwards
 * `tf.memory().numTensors` is what it was before the optimizer was created. Calling it again on
 * the same optimizer does nothing.
 *
 * Dispose the optimizer only when no model uses it any more: `model.dispose()` does not dispose
 * an optimizer passed to `model.compile` as an object.
 *
 * @param optimizer one of the seven `tf.train` optimizers.
 * @throws ParameterError when `optimizer` is not an object; LrkitError for an unknown optimizer
 *   (its class is named) or one without a `dispose` method.
 * @example
 * const opt = tf.train.momentum(0.1, 0.9);
 * model.compile({ optimizer: opt, loss: 'meanSquaredError' });
 * await model.fit(xs, ys, { epochs: 5 });
 * model.dispose();
 * disposeOptimizer(opt); // opt.dispose() alone would leave one scalar tensor behind
 */
export function disposeOptimizer(optimizer: OptimizerLike): void {
  const fn = 'disposeOptimizer';
  const d = detect(fn, optimizer);
  if (disposedOptimizers.has(optimizer)) return;
  const own = (optimizer as { dispose?: unknown }).dispose;
  if (typeof own !== 'function') throw layoutError(fn, d, 'dispose');
  own.call(optimizer);
  if (d.kind === 'sgd' || d.kind === 'momentum') {
    for (const field of ['c', 'm'] as const) {
      const t = d.o[field];
      // Tensor.dispose() of TF.js is a no-op on a tensor already disposed
      if (isTensorLike(t)) t.dispose();
    }
  }
  disposedOptimizers.add(optimizer);
}
