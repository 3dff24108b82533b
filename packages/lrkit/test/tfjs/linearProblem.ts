/**
 * The linear problem the TF.js acceptance tests train: a bias-free 3→1 linear map on the loss
 * mean(ŷ), whose gradient for batch b is the batch's mean input — exact (dyadic inputs) and
 * independent of the weights — and each optimizer's update recomputed by hand in float64.
 */
import * as tf from '@tensorflow/tfjs';
import { Scheduler } from '../../src/scheduler/Scheduler.js';
import type { OptimizerKind } from '../../src/tfjs/index.js';

/** 8 samples × 3 features, multiples of 1/16: batch means are exact in float32. */
export const X = [
  [0.5, -0.25, 1],
  [0.25, 0.75, -0.5],
  [-1, 0.5, 0.25],
  [0.75, 0.125, 0.5],
  [0.125, -1, -0.75],
  [1, 0.25, 0.0625],
  [-0.5, -0.5, 1.5],
  [0.375, 1, -0.25],
];
export const BATCH = 2;
export const BATCHES = X.length / BATCH;
export const EPOCHS = 3;
export const STEPS = BATCHES * EPOCHS;
export const W0 = [0.5, -0.75, 0.25];
export const SPEC = `OneCycleLR(max_lr=0.1, total_steps=${STEPS})`;

/** The gradient of batch b (the loss is mean(ŷ) = mean(x·w), so dL/dw = mean of the rows). */
export function gradient(b: number): number[] {
  const rows = X.slice(b * BATCH, (b + 1) * BATCH);
  return W0.map((_, j) => rows.reduce((s, r) => s + r[j]!, 0) / rows.length);
}

const EPS = 1e-7;
const B2 = 0.999;
export const make: Record<OptimizerKind, () => tf.Optimizer> = {
  sgd: () => tf.train.sgd(0.01),
  momentum: () => tf.train.momentum(0.01, 0.9),
  adam: () => tf.train.adam(0.01, 0.9, B2, EPS),
  adamax: () => tf.train.adamax(0.01, 0.9, B2, EPS, 0),
  rmsprop: () => tf.train.rmsprop(0.01, 0.9, 0.5, EPS),
  adagrad: () => tf.train.adagrad(0.01, 0.1),
  adadelta: () => tf.train.adadelta(0.01, 0.95, EPS),
};
export const KINDS = Object.keys(make) as OptimizerKind[];
export const CYCLES: Record<OptimizerKind, boolean> = {
  sgd: false,
  momentum: true,
  adam: true,
  adamax: true,
  rmsprop: true,
  adagrad: false,
  adadelta: false,
};

/** The scheduled lr and momentum/β1 of each step, from lrkit's Scheduler. */
export function scheduled(kind: OptimizerKind): { lr: number[]; mom: number[] } {
  const adam = kind === 'adam' || kind === 'adamax';
  const m0 = kind === 'rmsprop' ? 0.5 : 0.9;
  const s = new Scheduler(SPEC, { lr: 0.01, momentum: m0, optimizer: adam ? 'adam' : 'sgd' });
  const lr: number[] = [];
  const mom: number[] = [];
  for (let k = 0; k < STEPS; k++) {
    s.stepTo(k);
    lr.push(s.lr[0]!);
    mom.push(CYCLES[kind] ? s.momentum[0]! : m0);
  }
  return { lr, mom };
}

/** Adam keeps β2^t in a float32 variable multiplied once per step (see optimizers.test.ts). */
const B2f = Math.fround(B2);
function accBeta2(t: number): number {
  let acc = B2f;
  for (let i = 1; i < t; i++) acc = Math.fround(acc * B2f);
  return acc;
}

/**
 * The weights after each step, by hand in float64: TF.js's update for each optimizer, and for
 * adam PyTorch's (`torch.optim.Adam`) with the current β1: m̂ = m / (1 − β1(t)^t).
 */
export function reference(kind: OptimizerKind, lrs: number[], moms: number[]): number[][] {
  const w = [...W0];
  const n = w.length;
  const a = new Array<number>(n).fill(kind === 'adagrad' ? 0.1 : 0);
  const b = new Array<number>(n).fill(0);
  const out: number[][] = [];
  for (let k = 0; k < lrs.length; k++) {
    const g = gradient(k % BATCHES);
    const lr = lrs[k]!;
    const mu = moms[k]!;
    const t = k + 1;
    for (let j = 0; j < n; j++) {
      const gj = g[j]!;
      switch (kind) {
        case 'sgd':
          w[j] = w[j]! - lr * gj;
          break;
        case 'momentum':
          a[j] = mu * a[j]! + gj;
          w[j] = w[j]! - lr * a[j]!;
          break;
        case 'adam':
          a[j] = mu * a[j]! + (1 - mu) * gj;
          b[j] = B2f * b[j]! + Math.fround(1 - B2) * gj * gj;
          w[j] =
            w[j]! - (lr * (a[j]! / (1 - mu ** t))) / (Math.sqrt(b[j]! / (1 - accBeta2(t))) + EPS);
          break;
        case 'adamax':
          a[j] = mu * a[j]! + (1 - mu) * gj;
          b[j] = Math.max(B2 * b[j]!, Math.abs(gj));
          w[j] = w[j]! - (lr / (1 - mu ** t)) * (a[j]! / (b[j]! + EPS));
          break;
        case 'rmsprop':
          a[j] = 0.9 * a[j]! + 0.1 * gj * gj;
          b[j] = mu * b[j]! + (lr * gj) / Math.sqrt(a[j]! + EPS);
          w[j] = w[j]! - b[j]!;
          break;
        case 'adagrad':
          a[j] = a[j]! + gj * gj;
          w[j] = w[j]! - (lr * gj) / Math.sqrt(a[j]! + 1e-7);
          break;
        case 'adadelta': {
          // TF.js 4: the update divides by the accumulators before this step's update
          const upd = (Math.sqrt(b[j]! + EPS) / Math.sqrt(a[j]! + EPS)) * gj;
          a[j] = 0.95 * a[j]! + 0.05 * gj * gj;
          b[j] = 0.95 * b[j]! + 0.05 * upd * upd;
          w[j] = w[j]! - lr * upd;
          break;
        }
      }
    }
    out.push([...w]);
  }
  return out;
}

/**
 * The first per-batch weight change that differs from the reference's by more than float32
 * precision allows: 4 float32 ulps of the weight (two roundings of w, each ≤ ½ ulp, plus the
 * update's own float32 arithmetic) plus 2e-5 of the change (float32 constants such as 1 − β2).
 */
export function mismatch(actual: number[][], expected: number[][]): string | undefined {
  let prevA = W0;
  let prevE = W0;
  for (let k = 0; k < expected.length; k++) {
    for (let j = 0; j < W0.length; j++) {
      const da = actual[k]![j]! - prevA[j]!;
      const de = expected[k]![j]! - prevE[j]!;
      const ulp = Math.abs(expected[k]![j]!) * 2 ** -23;
      if (Math.abs(da - de) > 4 * ulp + 2e-5 * Math.abs(de)) {
        return `batch ${k}, weight ${j}: change ${da}, expected ${de}`;
      }
    }
    prevA = actual[k]!;
    prevE = expected[k]!;
  }
  return undefined;
}
