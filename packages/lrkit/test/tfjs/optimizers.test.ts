/**
 * The optimizer adapters against real @tensorflow/tfjs optimizers (cpu backend). Each test
 * re-checks a row of tfjs-facts.md (the shared design notes): the update is verified from the weights
 * themselves (known gradients fed to `applyGradients`), never by reading back a field.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LrkitError, ParameterError } from '../../src/errors.js';
import {
  getBeta1,
  getLearningRate,
  getMomentum,
  optimizerKind,
  setBeta1,
  setLearningRate,
  setMomentum,
  type OptimizerKind,
} from '../../src/tfjs/index.js';
import { close } from '../helpers/tolerance.js';

tf.env().set('PROD', true);

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const EPS = 1e-7;
const kinds: readonly OptimizerKind[] = [
  'sgd',
  'momentum',
  'adam',
  'adamax',
  'rmsprop',
  'adagrad',
  'adadelta',
];
const make: Record<OptimizerKind, (lr: number) => tf.Optimizer> = {
  sgd: (lr) => tf.train.sgd(lr),
  momentum: (lr) => tf.train.momentum(lr, 0.9),
  adam: (lr) => tf.train.adam(lr, 0.9, 0.999, EPS),
  adamax: (lr) => tf.train.adamax(lr, 0.9, 0.999, EPS, 0),
  rmsprop: (lr) => tf.train.rmsprop(lr, 0.9, 0, EPS),
  adagrad: (lr) => tf.train.adagrad(lr, 0.1),
  adadelta: (lr) => tf.train.adadelta(lr, 0.95, EPS),
};

const W0 = [1, -2, 0.5, 3];
/** The known gradient fed at step k (0-based): varies in size and sign from step to step. */
function gradValues(k: number): number[] {
  return [0.3 + 0.1 * k, -1.2 + 0.25 * k, 0.7 * (k % 2 === 0 ? 1 : -1), 2.5 / (k + 1)];
}

function weights(): tf.Variable {
  return tf.variable(tf.tensor1d(W0));
}

/** One optimizer step on `w` with the known gradient of step k. */
function step(opt: tf.Optimizer, w: tf.Variable, k: number): void {
  tf.tidy(() => opt.applyGradients({ [w.name]: tf.tensor1d(gradValues(k)) }));
}

function values(w: tf.Tensor): number[] {
  return Array.from(w.dataSync());
}

/** The float32 bit patterns, for bit-for-bit comparisons (distinguishes -0 and NaNs). */
function bits(w: tf.Tensor): number[] {
  return Array.from(new Uint32Array(Float32Array.from(w.dataSync()).buffer));
}

function deltas(before: number[], after: number[]): number[] {
  return after.map((a, i) => a - before[i]!);
}

function expectClose(actual: number[], expected: number[], context: string, rel = 1e-4, abs = 0) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    expect(close(a, expected[i]!, { rel, abs }), `${context}[${i}]: ${a} vs ${expected[i]}`).toBe(
      true,
    );
  });
}

/** A cloned snapshot of an optimizer's state (getWeights returns live slot variables). */
async function snapshot(opt: tf.Optimizer): Promise<{ name: string; tensor: tf.Tensor }[]> {
  const live = await opt.getWeights();
  return live.map(({ name, tensor }) => ({
    name,
    tensor: name === 'iter' ? tensor : tensor.clone(),
  }));
}

/** Internals touched only to reproduce TF.js's pitfalls; lrkit's code does this for real. */
interface Internals {
  learningRate: number;
  beta1: number;
  accBeta1: tf.Variable;
}
const internals = (opt: tf.Optimizer) => opt as unknown as Internals;

const created: tf.Optimizer[] = [];
const variables: tf.Variable[] = [];
function track<T extends tf.Optimizer>(opt: T): T {
  created.push(opt);
  return opt;
}
function trackW(w: tf.Variable): tf.Variable {
  variables.push(w);
  return w;
}
afterAll(() => {
  for (const o of created) o.dispose();
  for (const v of variables) v.dispose();
});

describe('optimizerKind and the getters', () => {
  it('recognises all seven tf.train optimizers', () => {
    for (const kind of kinds) {
      const opt = track(make[kind](0.05));
      expect(optimizerKind(opt)).toBe(kind);
      expect(getLearningRate(opt)).toBe(0.05);
    }
  });

  it('reads momentum and beta1', () => {
    expect(getMomentum(track(tf.train.momentum(0.1, 0.8)))).toBe(0.8);
    expect(getMomentum(track(tf.train.rmsprop(0.1, 0.9, 0.3)))).toBe(0.3);
    expect(getBeta1(track(tf.train.adam(0.1, 0.85)))).toBe(0.85);
    expect(getBeta1(track(tf.train.adamax(0.1, 0.75)))).toBe(0.75);
  });

  it('recognises a user subclass with its own class name through the constructor chain', () => {
    class WarmAdam extends tf.AdamOptimizer {
      static override get className() {
        return 'WarmAdam';
      }
    }
    const opt = track(new WarmAdam(0.01, 0.9, 0.999, EPS));
    expect(opt.getClassName()).toBe('WarmAdam');
    expect(optimizerKind(opt)).toBe('adam');
  });
});

describe.each(kinds)('setLearningRate on tf.train.%s', (kind) => {
  it('lr = 0 in the middle of training leaves the weights bit-for-bit unchanged', () => {
    const opt = track(make[kind](0.05));
    const w = trackW(weights());
    for (let k = 0; k < 3; k++) step(opt, w, k);
    const before = bits(w);
    setLearningRate(opt, 0);
    expect(getLearningRate(opt)).toBe(0);
    step(opt, w, 3);
    expect(bits(w)).toEqual(before);
    setLearningRate(opt, 0.05);
    step(opt, w, 4);
    expect(bits(w)).not.toEqual(before);
  });

  it('a new lr scales the next update (twin optimizer kept at the old lr)', () => {
    const a = track(make[kind](0.05));
    const b = track(make[kind](0.05));
    const wa = trackW(weights());
    const wb = trackW(weights());
    for (let k = 0; k < 3; k++) {
      step(a, wa, k);
      step(b, wb, k);
    }
    expect(bits(wa)).toEqual(bits(wb));
    const before = values(wa);
    setLearningRate(a, 0.02);
    step(a, wa, 3);
    step(b, wb, 3);
    const da = deltas(before, values(wa));
    const db = deltas(before, values(wb));
    expect(db.every((d) => Math.abs(d) > 1e-4)).toBe(true);
    // every update here is linear in lr given the state: 0.02 / 0.05 of the twin's
    expectClose(
      da,
      db.map((d) => d * 0.4),
      `${kind} update`,
      1e-4,
    );
  });

  if (kind !== 'adamax') {
    // adamax cannot: its getWeights/setWeights throw "not implemented" (tfjs-facts)
    it('equals a fresh optimizer built with the new lr from the same state', async () => {
      const a = track(make[kind](0.05));
      const wa = trackW(weights());
      for (let k = 0; k < 3; k++) step(a, wa, k);
      const state = await snapshot(a);
      const b = track(make[kind](0.02));
      await b.setWeights(state);
      expect(b.iterations).toBe(3);
      const wb = trackW(tf.variable(wa.clone()));
      setLearningRate(a, 0.02);
      step(a, wa, 3);
      step(b, wb, 3);
      // bit-for-bit, Adam included (its setWeights rebuilds accBeta1 as pow(β1, t + 1))
      expect(bits(wa)).toEqual(bits(wb));
    });
  }

  it('1000 changes (inside and outside tf.tidy) leak no tensors', () => {
    const opt = track(make[kind](0.05));
    const w = trackW(weights());
    step(opt, w, 0);
    const n0 = tf.memory().numTensors;
    for (let i = 0; i < 1000; i++) {
      const lr = 0.001 * (1 + (i % 10));
      if (i % 2 === 0) setLearningRate(opt, lr);
      else tf.tidy(() => setLearningRate(opt, lr));
      if (kind === 'momentum' || kind === 'rmsprop') setMomentum(opt, 0.5 + 0.04 * (i % 10));
      if (kind === 'adam' || kind === 'adamax') setBeta1(opt, 0.5 + 0.04 * (i % 10));
    }
    expect(tf.memory().numTensors).toBe(n0);
    // the last change was made inside tf.tidy and must have survived it
    const before = values(w);
    step(opt, w, 1);
    expect(values(w)).not.toEqual(before);
    expect(tf.memory().numTensors).toBe(n0);
  });
});

describe('the TF.js pitfalls lrkit works around', () => {
  it('sgd: assigning learningRate is silently ignored; setLearningRate is not', () => {
    const opt = track(tf.train.sgd(0.1));
    const w = trackW(weights());
    internals(opt).learningRate = 0;
    expect(opt.getConfig()['learningRate']).toBe(0);
    let before = values(w);
    step(opt, w, 0);
    // the update still used the cached scalar c = -0.1
    expectClose(
      deltas(before, values(w)),
      gradValues(0).map((g) => -0.1 * g),
      'ignored assignment',
      1e-5,
    );
    setLearningRate(opt, 0.01);
    before = values(w);
    step(opt, w, 1);
    expectClose(
      deltas(before, values(w)),
      gradValues(1).map((g) => -0.01 * g),
      'setLearningRate',
      1e-4,
    );
  });

  it('adadelta is numerically sgd in TF.js 4: bit-identical weights under lr changes', () => {
    const a = track(tf.train.adadelta(0.05, 0.95, EPS));
    const s = track(tf.train.sgd(0.05));
    const wa = trackW(weights());
    const ws = trackW(weights());
    const lrs = [0.05, 0.05, 0.1, 0.01, 0.2];
    lrs.forEach((lr, k) => {
      setLearningRate(a, lr);
      setLearningRate(s, lr);
      step(a, wa, k);
      step(s, ws, k);
      expect(bits(wa), `step ${k}`).toEqual(bits(ws));
    });
  });

  it("momentum: TF.js's own setMomentum does not change the update", () => {
    const a = track(tf.train.momentum(0.1, 0.9));
    const b = track(tf.train.momentum(0.1, 0.9));
    const wa = trackW(weights());
    const wb = trackW(weights());
    for (let k = 0; k < 3; k++) {
      step(a, wa, k);
      step(b, wb, k);
    }
    a.setMomentum(0);
    expect(a.getConfig()['momentum']).toBe(0);
    step(a, wa, 3);
    step(b, wb, 3);
    expect(bits(wa)).toEqual(bits(wb));
  });
});

describe('setMomentum', () => {
  /** v ← m·v + g, w ← w − lr·v (classical) or w ← w − lr·(g + m·v) (Nesterov), in float64. */
  function momentumReference(lr: number, ms: number[], nesterov: boolean): number[][] {
    const w = [...W0];
    const v = W0.map(() => 0);
    const out: number[][] = [];
    ms.forEach((m, k) => {
      const g = gradValues(k);
      for (let i = 0; i < w.length; i++) {
        v[i] = m * v[i]! + g[i]!;
        w[i] = w[i]! - lr * (nesterov ? g[i]! + m * v[i]! : v[i]!);
      }
      out.push([...w]);
    });
    return out;
  }

  it.each([false, true])(
    'momentum (nesterov %s): each step uses the momentum just set',
    (nesterov) => {
      const ms = [0.9, 0.9, 0.5, 0.0, 0.95, 0.7];
      const opt = track(tf.train.momentum(0.1, 0.9, nesterov));
      const w = trackW(weights());
      const ref = momentumReference(0.1, ms, nesterov);
      ms.forEach((m, k) => {
        setMomentum(opt, m);
        expect(getMomentum(opt)).toBe(m);
        step(opt, w, k);
        expectClose(values(w), ref[k]!, `step ${k}`, 1e-5, 1e-6);
      });
      // and it really differs from never changing it
      const fixed = momentumReference(0.1, [0.9, 0.9, 0.9, 0.9, 0.9, 0.9], nesterov);
      expect(Math.abs(values(w)[0]! - fixed[5]![0]!)).toBeGreaterThan(1e-2);
    },
  );

  it('momentum: equals a fresh optimizer built with the new momentum from the same state', async () => {
    const a = track(tf.train.momentum(0.1, 0.9));
    const wa = trackW(weights());
    for (let k = 0; k < 3; k++) step(a, wa, k);
    const b = track(tf.train.momentum(0.1, 0.5));
    await b.setWeights(await snapshot(a));
    const wb = trackW(tf.variable(wa.clone()));
    setMomentum(a, 0.5);
    step(a, wa, 3);
    step(b, wb, 3);
    expect(bits(wa)).toEqual(bits(wb));
  });

  it('rmsprop: the momentum is a number read each step (fresh optimizer from the same state)', async () => {
    const a = track(tf.train.rmsprop(0.01, 0.9, 0.5, EPS));
    const wa = trackW(weights());
    for (let k = 0; k < 3; k++) step(a, wa, k);
    const b = track(tf.train.rmsprop(0.01, 0.9, 0.2, EPS));
    await b.setWeights(await snapshot(a));
    const wb = trackW(tf.variable(wa.clone()));
    setMomentum(a, 0.2);
    expect(getMomentum(a)).toBe(0.2);
    step(a, wa, 3);
    step(b, wb, 3);
    expect(bits(wa)).toEqual(bits(wb));
  });

  it('rmsprop with momentum > 0 folds the lr into its buffer: lr = 0 still moves the weights', () => {
    const opt = track(tf.train.rmsprop(0.01, 0.9, 0.5, EPS));
    const w = trackW(weights());
    const w1 = values(w);
    step(opt, w, 0);
    const first = deltas(w1, values(w));
    setLearningRate(opt, 0);
    const before = values(w);
    step(opt, w, 1);
    // after one step the buffer is exactly the first update (negated): it decays by 0.5
    expectClose(
      deltas(before, values(w)),
      first.map((d) => 0.5 * d),
      'lr 0 step',
      1e-4,
    );
  });
});

describe('setBeta1: every step is PyTorch Adam / Adamax with the current β1', () => {
  const B2 = 0.999;
  const lrs = [0.1, 0.05, 0.08, 0.02, 0.1, 0.03, 0.06, 0.01];
  const b1s = [0.95, 0.9, 0.5, 0.5, 0.85, 0.7, 0.9, 0.6];

  /**
   * PyTorch `torch.optim.Adam` (`_single_tensor_adam`) in float64, with lr and β1 read at each
   * step: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², w ← w − lr·(m/(1−β1^t)) / (√(v/(1−β2^t)) + ε).
   * `correction(t, k)` is the β1 bias correction; PyTorch's is 1 − β1(t)^t.
   */
  // β2 = 0.999 is where float32 shows: TF.js multiplies by float32(0.999) and float32(1 − 0.999)
  // (which do not sum to 1: ~1e-5 relative in v) and keeps β2^t in a float32 variable multiplied
  // once per step (1 − β2^t ≈ 0.004 turns one ulp of it into ~1e-5). The reference does the
  // same for β2 only; β1, the subject here, is PyTorch's float64 maths
  const B2f = Math.fround(B2);
  const accBeta2 = (t: number) => {
    let acc = B2f;
    for (let i = 1; i < t; i++) acc = Math.fround(acc * B2f);
    return acc;
  };

  function adamReference(
    correction: (t: number) => number = (t) => 1 - b1s[t - 1]! ** t,
    steps = lrs.length,
  ): number[][] {
    const w = [...W0];
    const m = W0.map(() => 0);
    const v = W0.map(() => 0);
    const out: number[][] = [];
    for (let k = 0; k < steps; k++) {
      const t = k + 1;
      const b1 = b1s[k]!;
      const g = gradValues(k);
      for (let i = 0; i < w.length; i++) {
        m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
        v[i] = B2f * v[i]! + Math.fround(1 - B2) * g[i]! ** 2;
        const mHat = m[i]! / correction(t);
        const vHat = v[i]! / (1 - accBeta2(t));
        w[i] = w[i]! - (lrs[k]! * mHat) / (Math.sqrt(vHat) + EPS);
      }
      out.push([...w]);
    }
    return out;
  }

  it('adam: OneCycle-like β1 and lr changes before every step match the float64 reference', () => {
    const opt = track(tf.train.adam(0.1, 0.95, B2, EPS));
    const w = trackW(weights());
    const ref = adamReference();
    lrs.forEach((lr, k) => {
      setLearningRate(opt, lr);
      setBeta1(opt, b1s[k]!);
      expect(getBeta1(opt)).toBe(b1s[k]);
      step(opt, w, k);
      expectClose(values(w), ref[k]!, `step ${k + 1}`, 0, 4e-7);
    });
  });

  it('adam: assigning beta1 alone leaves accBeta1 stale (a 0.9 → 0.5 change: 3.2× too large)', () => {
    const naive = track(tf.train.adam(0.1, 0.9, B2, EPS));
    const right = track(tf.train.adam(0.1, 0.9, B2, EPS));
    const wn = trackW(weights());
    const wr = trackW(weights());
    for (let k = 0; k < 2; k++) {
      step(naive, wn, k);
      step(right, wr, k);
    }
    const before = values(wn);
    internals(naive).beta1 = 0.5;
    setBeta1(right, 0.5);
    step(naive, wn, 2);
    step(right, wr, 2);
    const ratio = deltas(before, values(wn)).map((d, i) => d / deltas(before, values(wr))[i]!);
    // same m and v; only the bias correction differs: (1 − 0.5³) / (1 − 0.9³)
    const expected = (1 - 0.5 ** 3) / (1 - 0.9 ** 3);
    expect(expected).toBeGreaterThan(3.2);
    for (const r of ratio) expect(close(r, expected, { rel: 1e-3 }), `ratio ${r}`).toBe(true);
  });

  it('adam: rescaling accBeta1 by new/old gives 1 − Πβ1, not PyTorch’s 1 − β1^t', () => {
    const opt = track(tf.train.adam(0.1, 0.95, B2, EPS));
    const w = trackW(weights());
    const product = (t: number) => 1 - b1s.slice(0, t).reduce((p, b) => p * b, 1);
    const rescaled = adamReference(product);
    const pytorch = adamReference();
    let old = 0.95;
    lrs.forEach((lr, k) => {
      setLearningRate(opt, lr);
      const b1 = b1s[k]!;
      const acc = internals(opt).accBeta1;
      tf.tidy(() => acc.assign(acc.mul(b1 / old)));
      internals(opt).beta1 = b1;
      old = b1;
      step(opt, w, k);
      expectClose(values(w), rescaled[k]!, `step ${k + 1}`, 0, 4e-7);
    });
    const last = lrs.length - 1;
    const gap = Math.max(...values(w).map((x, i) => Math.abs(x - pytorch[last]![i]!)));
    expect(gap).toBeGreaterThan(1e-3);
  });

  it('adamax: TF.js Adamax maths with the bias correction 1 − β1^t of the current β1', () => {
    const opt = track(tf.train.adamax(0.1, 0.95, B2, EPS, 0));
    const w = trackW(weights());
    const ref = [...W0];
    const m = W0.map(() => 0);
    const u = W0.map(() => 0);
    lrs.forEach((lr, k) => {
      setLearningRate(opt, lr);
      setBeta1(opt, b1s[k]!);
      step(opt, w, k);
      const t = k + 1;
      const b1 = b1s[k]!;
      const g = gradValues(k);
      for (let i = 0; i < ref.length; i++) {
        m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
        u[i] = Math.max(B2 * u[i]!, Math.abs(g[i]!));
        ref[i] = ref[i]! - (lr / (1 - b1 ** t)) * (m[i]! / (u[i]! + EPS));
      }
      expectClose(values(w), ref, `step ${t}`, 0, 4e-7);
    });
  });

  it('adamax: warns once per optimizer that its own decay stacks with the schedule', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const decaying = track(tf.train.adamax(0.01, 0.9, 0.999, EPS, 0.01));
      for (let i = 0; i < 5; i++) setLearningRate(decaying, 0.01 / (i + 1));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toContain('decay = 0.01');
      setLearningRate(track(tf.train.adamax(0.01, 0.9, 0.999, EPS, 0.5)), 0.1);
      expect(warn).toHaveBeenCalledTimes(2);
      setLearningRate(track(tf.train.adamax(0.01, 0.9, 0.999, EPS, 0)), 0.1);
      expect(warn).toHaveBeenCalledTimes(2);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('errors', () => {
  const messageOf = (f: () => void): string => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(LrkitError);
      return (e as Error).message;
    }
    return 'no error';
  };
  const supported =
    'lrkit/tfjs supports tf.train.sgd, momentum, adam, adamax, rmsprop, adagrad and adadelta (TF.js 4 optimizers)';

  it('an unknown optimizer is named', () => {
    class LambOptimizer extends tf.Optimizer {
      static get className() {
        return 'Lamb';
      }
      applyGradients(): void {}
      getConfig() {
        return {};
      }
    }
    const lamb = new LambOptimizer();
    expect(messageOf(() => setLearningRate(lamb, 0.1))).toBe(
      `setLearningRate: unsupported optimizer 'Lamb'; ${supported}`,
    );
    expect(messageOf(() => getLearningRate({ getClassName: () => 'Lion' }))).toBe(
      `getLearningRate: unsupported optimizer 'Lion'; ${supported}`,
    );
    expect(messageOf(() => optimizerKind({} as never))).toBe(
      `optimizerKind: unsupported optimizer an object without a class name; ${supported}`,
    );
    expect(messageOf(() => setLearningRate(5 as never, 0.1))).toBe(
      'setLearningRate: optimizer must be a TF.js optimizer, got 5',
    );
  });

  it('invalid values name function, parameter, rule and value, and change nothing', () => {
    const sgd = track(tf.train.sgd(0.1));
    const mom = track(tf.train.momentum(0.1, 0.9));
    const adam = track(tf.train.adam(0.1));
    const cases: [() => void, string][] = [
      [() => setLearningRate(sgd, NaN), 'setLearningRate: lr must be a finite number ≥ 0, got NaN'],
      [
        () => setLearningRate(sgd, -0.1),
        'setLearningRate: lr must be a finite number ≥ 0, got -0.1',
      ],
      [
        () => setLearningRate(sgd, Infinity),
        'setLearningRate: lr must be a finite number ≥ 0, got Infinity',
      ],
      [() => setMomentum(mom, 1), 'setMomentum: momentum must be a number in [0, 1), got 1'],
      [() => setMomentum(mom, -0.1), 'setMomentum: momentum must be a number in [0, 1), got -0.1'],
      [() => setMomentum(mom, NaN), 'setMomentum: momentum must be a number in [0, 1), got NaN'],
      [() => setBeta1(adam, 1.5), 'setBeta1: beta1 must be a number in [0, 1), got 1.5'],
      [
        () => setMomentum(adam, 0.9),
        'setMomentum: Adam has no momentum; its momentum-like parameter is beta1: use setBeta1',
      ],
      [
        () => setMomentum(sgd, 0.9),
        'setMomentum: SGD has no momentum; only tf.train.momentum and tf.train.rmsprop have one',
      ],
      [
        () => setBeta1(sgd, 0.9),
        'setBeta1: SGD has no beta1 (only tf.train.adam and tf.train.adamax do)',
      ],
      [
        () => setBeta1(mom, 0.9),
        'setBeta1: Momentum has no beta1 (only tf.train.adam and tf.train.adamax do); use setMomentum',
      ],
      [
        () => getMomentum(adam),
        'getMomentum: Adam has no momentum; its momentum-like parameter is beta1: use setBeta1',
      ],
    ];
    for (const [f, message] of cases) expect(messageOf(f)).toBe(message);
    expect(() => setLearningRate(sgd, -1)).toThrow(ParameterError);
    expect(getLearningRate(sgd)).toBe(0.1);
    expect(getMomentum(mom)).toBe(0.9);
    expect(getBeta1(adam)).toBe(0.9);
  });
});

describe('optimizers from another copy of tfjs-core (no instanceof)', () => {
  type Core = typeof tf;
  let other: Core;
  let dir: string;

  beforeAll(async () => {
    // a second, separately bundled tfjs-core: its classes are not tf's, but it shares the
    // global engine (and so the cpu backend and tf.memory())
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const result = await build({
      entryPoints: ['@tensorflow/tfjs-core'],
      absWorkingDir: root,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      write: false,
      logLevel: 'silent',
    });
    dir = mkdtempSync(join(tmpdir(), 'lrkit-tfjs-copy-'));
    const file = join(dir, 'tfjs-core-copy.cjs');
    writeFileSync(file, result.outputFiles[0]!.text);
    other = createRequire(import.meta.url)(file) as Core;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is really another copy', () => {
    const opt = track(other.train.sgd(0.1));
    expect(other.SGDOptimizer).not.toBe(tf.SGDOptimizer);
    expect(Object.prototype.isPrototypeOf.call(tf.SGDOptimizer.prototype, opt)).toBe(false);
    // instanceof cannot tell optimizers apart in TF.js 4: every subclass inherits Optimizer's
    // duck-typing Symbol.hasInstance, so even an Adam "is" an SGDOptimizer
    expect(opt instanceof tf.SGDOptimizer).toBe(true);
    expect(track(tf.train.adam(0.1)) instanceof tf.SGDOptimizer).toBe(true);
    expect(opt.getClassName()).toBe('SGD');
  });

  it('sgd, momentum and adam from the other copy are driven correctly, without leaks', () => {
    const sgd = track(other.train.sgd(0.1));
    const mom = track(other.train.momentum(0.1, 0.9));
    const adam = track(other.train.adam(0.1, 0.95, 0.999, EPS));
    for (const opt of [sgd, mom, adam]) {
      const w = trackW(weights());
      step(opt, w, 0);
      const n0 = tf.memory().numTensors;
      for (let i = 0; i < 100; i++) setLearningRate(opt, 0.01 * (i % 3));
      if (opt === mom) setMomentum(mom, 0.5);
      if (opt === adam) setBeta1(adam, 0.5);
      expect(tf.memory().numTensors).toBe(n0);
      const before = bits(w);
      step(opt, w, 1); // lr is 0 now
      expect(bits(w)).toEqual(before);
    }
    // sgd: the new lr really applies
    const w = trackW(weights());
    setLearningRate(sgd, 0.02);
    step(sgd, w, 2);
    expectClose(
      deltas(W0, values(w)),
      gradValues(2).map((g) => -0.02 * g),
      'other sgd',
      1e-4,
    );
  });

  it.each(['SGD', 'SGDOptimizer'])(
    'a duck-typed optimizer whose getClassName() is %s works',
    (className) => {
      /** Shaped like TF.js's SGDOptimizer: the update reads the cached scalar c = -lr. */
      class ForeignSGD {
        learningRate = 0.1;
        c: tf.Scalar = tf.keep(tf.scalar(-0.1));
        getClassName() {
          return className;
        }
        applyGradients(grads: tf.NamedTensorMap) {
          for (const [name, g] of Object.entries(grads)) {
            const v = tf.engine().registeredVariables[name]!;
            tf.tidy(() => v.assign(tf.add(tf.mul(this.c, g), v)));
          }
        }
      }
      const opt = new ForeignSGD();
      expect(optimizerKind(opt)).toBe('sgd');
      const w = trackW(weights());
      const oldC = opt.c;
      const n0 = tf.memory().numTensors;
      setLearningRate(opt, 0.02);
      expect(oldC.isDisposed).toBe(true);
      expect(tf.memory().numTensors).toBe(n0);
      tf.tidy(() => opt.applyGradients({ [w.name]: tf.tensor1d(gradValues(0)) }));
      expectClose(
        deltas(W0, values(w)),
        gradValues(0).map((g) => -0.02 * g),
        'duck sgd',
        1e-4,
      );
      opt.c.dispose();
    },
  );
});
