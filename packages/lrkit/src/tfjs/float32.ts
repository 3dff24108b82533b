/**
 * Float32 awareness: TF.js applies the learning rate in float32, so a schedule whose consecutive
 * values differ by less than float32's resolution (e.g. `ExponentialLR` with γ very close to 1,
 * or a very long cosine near its ends) does not change the lr TF.js uses from one step to the
 * next, although the float64 schedule still moves.
 */
import { ParameterError } from '../errors.js';
import type { Schedule } from '../schedule.js';

/** Where a schedule first stalls in float32. */
export interface Float32Stall {
  /** The step k whose lr equals step k − 1's lr in float32 while the float64 values differ. */
  step: number;
  /** The float64 lr at step k − 1. */
  previous: number;
  /** The float64 lr at step k. */
  value: number;
  /** Both values rounded to float32 (`Math.fround`): what TF.js applies at both steps. */
  float32: number;
}

/**
 * The first step at which consecutive learning rates are different in float64 but identical in
 * float32 (`Math.fround(lr[k]) === Math.fround(lr[k−1])` and `lr[k] !== lr[k−1]`), or
 * `undefined` when there is none.
 *
 * @param lrs the lrs of steps 0, 1, 2, … — an array, or a schedule `(step) => lr` with `steps`.
 * @param steps with a schedule: how many steps to check (k = 0 … steps − 1), an integer ≥ 0.
 * @throws ParameterError when `steps` is missing or invalid for a schedule.
 * @example
 * findFloat32Stall((k) => 0.1 * 0.99999999 ** k, 10); // { step: 1, previous: 0.1, value: 0.099999999, float32: 0.10000000149011612 }
 * findFloat32Stall([0.1, 0.05, 0.025]); // undefined
 */
export function findFloat32Stall(
  lrs: ArrayLike<number> | Schedule,
  steps?: number,
): Float32Stall | undefined {
  let at: (k: number) => number;
  let n: number;
  if (typeof lrs === 'function') {
    if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 0) {
      throw new ParameterError('findFloat32Stall', 'steps', 'must be an integer ≥ 0', steps);
    }
    at = lrs;
    n = steps;
  } else {
    at = (k) => lrs[k]!;
    n = lrs.length;
  }
  if (n < 2) return undefined;
  let previous = at(0);
  for (let k = 1; k < n; k++) {
    const value = at(k);
    if (value !== previous && Math.fround(value) === Math.fround(previous)) {
      return { step: k, previous, value, float32: Math.fround(value) };
    }
    previous = value;
  }
  return undefined;
}

/** Receives lrkit/tfjs warnings; the default is `console.warn`. */
export type WarningHandler = (message: string) => void;

/** Options shared by everything in lrkit/tfjs that applies a schedule. */
export interface Float32Options {
  /**
   * Warn (once) when two consecutive scheduled lrs differ in float64 but are identical in
   * float32, the precision TF.js applies them in. Default true.
   */
  float32Check?: boolean;
  /** Where warnings go. Default `console.warn`. */
  onWarning?: WarningHandler;
}

/** Watches the lrs applied at consecutive steps and warns once about a float32 stall. */
export class Float32Watch {
  private last: { step: number; lr: number } | undefined;
  private warned = false;

  constructor(
    private readonly who: string,
    private readonly enabled: boolean,
    private readonly warn: WarningHandler,
  ) {}

  /** Records the lr applied at `step`; compares it with step − 1's when that was the last seen. */
  see(step: number, lr: number): void {
    if (!this.enabled || this.warned) return;
    const last = this.last;
    this.last = { step, lr };
    if (!last || last.step !== step - 1) return;
    if (lr !== last.lr && Math.fround(lr) === Math.fround(last.lr)) {
      this.warned = true;
      this.warn(
        `lrkit/tfjs: ${this.who}: the scheduled lr changes from ${last.lr} (step ${last.step}) ` +
          `to ${lr} (step ${step}), but both are ${Math.fround(lr)} in float32, the precision ` +
          'TF.js applies it in: from here the schedule moves more slowly than float32 can follow ' +
          '(e.g. a decay factor very close to 1); findFloat32Stall() checks a schedule in advance',
      );
    }
  }
}

/** The handler to use: the option's, else `console.warn`. */
export function warningHandler(options: Float32Options | undefined): WarningHandler {
  const h = options?.onWarning;
  if (h !== undefined && typeof h !== 'function') {
    throw new ParameterError('lrkit/tfjs', 'onWarning', 'must be a function', h);
  }
  return h ?? ((message: string) => console.warn(message));
}
