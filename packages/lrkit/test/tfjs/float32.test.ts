/**
 * Float32 awareness: findFloat32Stall, and the once-only warning of the learningRateScheduler
 * callback during a real fit.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/scheduler/Scheduler.js';
import { findFloat32Stall, learningRateScheduler } from '../../src/tfjs/index.js';

tf.env().set('PROD', true);

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('findFloat32Stall', () => {
  it('finds the first step equal to the previous in float32 but not in float64', () => {
    // 0.1·γ^k with γ = 1 − 1e-8: one step moves 1e-9, below half a float32 spacing (3.7e-9)
    expect(findFloat32Stall((k) => 0.1 * 0.99999999 ** k, 10)).toEqual({
      step: 1,
      previous: 0.1,
      value: 0.1 * 0.99999999,
      float32: Math.fround(0.1),
    });
    // 0.5, then 0.5 + 2^-30 (equal in float32) at index 2
    expect(findFloat32Stall([0.25, 0.5, 0.5 + 2 ** -30])).toEqual({
      step: 2,
      previous: 0.5,
      value: 0.5 + 2 ** -30,
      float32: 0.5,
    });
  });

  it('is undefined when float32 follows every change, or values repeat exactly', () => {
    expect(findFloat32Stall([0.1, 0.05, 0.025, 0.025, 0.0125])).toBeUndefined();
    expect(findFloat32Stall((k) => 0.1 * 0.999 ** k, 1000)).toBeUndefined();
    expect(findFloat32Stall([])).toBeUndefined();
    expect(findFloat32Stall((k) => k, 0)).toBeUndefined();
  });

  it('works on a Scheduler curve (ExponentialLR with γ close to 1)', () => {
    const s = new Scheduler('ExponentialLR(gamma=0.999999)', { lr: 1 });
    const lrs = [s.lr[0]!];
    for (let k = 1; k < 200; k++) lrs.push(s.step()[0]!);
    // γ = 1 − 1e-6: each step moves 1e-6 relative, more than float32's 6e-8: no stall
    expect(findFloat32Stall(lrs)).toBeUndefined();
    const t = new Scheduler('ExponentialLR(gamma=0.99999999)', { lr: 1 });
    expect(findFloat32Stall([t.lr[0]!, t.step()[0]!])?.step).toBe(1);
  });

  it('needs steps with a schedule', () => {
    expect(() => findFloat32Stall((k) => k)).toThrow(
      'findFloat32Stall: steps must be an integer ≥ 0, got nothing',
    );
  });
});

describe('the learningRateScheduler callback warns once during fit', () => {
  async function run(spec: string, options = {}): Promise<string[]> {
    const warnings: string[] = [];
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const x = tf.ones([8, 1]);
    await model.fit(x, x, {
      epochs: 2,
      batchSize: 2,
      verbose: 0,
      callbacks: [learningRateScheduler(spec, { onWarning: (m) => warnings.push(m), ...options })],
    });
    x.dispose();
    model.dispose();
    return warnings;
  }

  it('γ = 1 − 1e-8: one warning naming the step and the float32 value', async () => {
    const w = await run('ExponentialLR(gamma=0.99999999)');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(
      /^lrkit\/tfjs: learningRateScheduler: the scheduled lr changes from 0\.1 \(step 0\) to 0\.099999999 \(step 1\), but both are 0\.10000000149011612 in float32/,
    );
  });

  it('none for γ = 0.9, and none when float32Check is false', async () => {
    expect(await run('ExponentialLR(gamma=0.9)')).toEqual([]);
    expect(await run('ExponentialLR(gamma=0.99999999)', { float32Check: false })).toEqual([]);
  });
});
