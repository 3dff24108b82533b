/**
 * Test problems with a known answer: gradient descent on f(w) = ½ wᵀHw, H = Q diag(λ) Qᵀ with a
 * random rotation Q, converges for lr < 2/λ_max and diverges above. Mini-batch noise is modelled
 * as Gaussian noise added to the gradient.
 */

import { mulberry32 } from '../../src/random.js';

/** A seeded uniform/Gaussian generator (mulberry32 + Box–Muller). */
export function seeded(seed: number) {
  const uniform = mulberry32(seed);
  const gauss = () => {
    let u = 0;
    while (u === 0) u = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
  return { uniform, gauss };
}

export interface QuadraticSpec {
  seed: number;
  /** Dimension. */
  dim: number;
  /** λ_max / λ_min. */
  condition: number;
  lambdaMax: number;
  /** Gradient noise std per coordinate, as a fraction of ‖∇f(w0)‖/√dim. */
  noise: number;
  /** Multiplicative noise on the reported loss (std), default 0. */
  lossNoise?: number;
  /** Report the loss after the update instead of before it (default false: before, like a train step). */
  lossAfterUpdate?: boolean;
  /**
   * 'log-uniform' (default): λ_max, λ_max/condition and log-uniform values between; 'outlier':
   * λ_max alone, the others log-uniform between λ_max/condition and λ_max/10.
   */
  spectrum?: 'log-uniform' | 'outlier';
}

/** A quadratic problem and its `trainStep`: one noisy GD step, returning the loss. */
export function quadratic(spec: QuadraticSpec) {
  const { dim: d, condition, lambdaMax, noise, lossNoise = 0, lossAfterUpdate = false } = spec;
  const r = seeded(spec.seed);
  // spectrum: λ_max, λ_max/condition, and log-uniform values between (below λ_max/10 for 'outlier')
  const top = spec.spectrum === 'outlier' ? Math.min(1, 1 / Math.log10(condition)) : 0;
  const lambdas = Array.from(
    { length: d },
    (_, i) =>
      lambdaMax *
      Math.pow(condition, -(i === 0 ? 0 : i === d - 1 ? 1 : top + (1 - top) * r.uniform())),
  );
  // random orthonormal basis (Gram–Schmidt)
  const Q: Float64Array[] = [];
  while (Q.length < d) {
    const v = Float64Array.from({ length: d }, () => r.gauss());
    for (const q of Q) {
      let dot = 0;
      for (let k = 0; k < d; k++) dot += v[k]! * q[k]!;
      for (let k = 0; k < d; k++) v[k]! -= dot * q[k]!;
    }
    const norm = Math.hypot(...v);
    Q.push(v.map((x) => x / norm));
  }
  const H = Array.from({ length: d }, (_, a) =>
    Float64Array.from({ length: d }, (_, b) => {
      let s = 0;
      for (let i = 0; i < d; i++) s += Q[i]![a]! * lambdas[i]! * Q[i]![b]!;
      return s;
    }),
  );
  const w = Float64Array.from({ length: d }, () => r.gauss());
  const Hw = new Float64Array(d);
  const multiply = () => {
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let b = 0; b < d; b++) s += H[a]![b]! * w[b]!;
      Hw[a] = s;
    }
  };
  const loss = () => {
    let s = 0;
    for (let a = 0; a < d; a++) s += w[a]! * Hw[a]!;
    return s / 2;
  };
  multiply();
  const sigma = (noise * Math.hypot(...Hw)) / Math.sqrt(d);
  const trainStep = (lr: number): number => {
    multiply();
    let reported = loss();
    for (let a = 0; a < d; a++) w[a]! -= lr * (Hw[a]! + sigma * r.gauss());
    if (lossAfterUpdate) {
      multiply();
      reported = loss();
    }
    return reported * (1 + lossNoise * r.gauss());
  };
  return { trainStep, edge: 2 / lambdaMax, lambdas };
}
