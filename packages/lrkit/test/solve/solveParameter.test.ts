/** The generic one-parameter solver and batch-size scaling. */
import { describe, expect, it } from 'vitest';
import { scaleLearningRate, solveParameter, toSchedule } from '../../src/index.js';
import { close } from '../helpers/tolerance.js';

describe('solveParameter', () => {
  it('finds γ of ExponentialLR (the closed form (target/lr)^(1/k))', () => {
    const r = solveParameter('ExponentialLR(gamma=0.5)', {
      param: 'gamma',
      target: 1e-4,
      at: 10000,
      lr: 0.1,
    });
    expect(close(r.value, (1e-4 / 0.1) ** (1 / 10000), { rel: 1e-14 })).toBe(true);
    expect(close(r.achieved, 1e-4, { rel: 1e-12 })).toBe(true);
    expect(r.spec).toBe(`ExponentialLR(gamma=${r.value})`);
  });

  it('finds the power of a polynomial decay', () => {
    const r = solveParameter('PolynomialLR(total_iters=100, power=1.0)', {
      param: 'power',
      target: 0.01,
      at: 50,
      lr: 0.1,
    });
    expect(close(r.value, Math.log(0.1) / Math.log(0.5), { rel: 1e-12 })).toBe(true);
    expect(close(toSchedule(r.spec, 0.1)(50), 0.01, { rel: 1e-12 })).toBe(true);
  });

  it('finds an integer parameter to the nearest integer', () => {
    const r = solveParameter('StepLR(step_size=1, gamma=0.5)', {
      param: 'step_size',
      target: 0.25,
      at: 20,
      lr: 1,
    });
    expect(toSchedule(r.spec, 1)(20)).toBe(0.25);
  });

  it('says clearly when no value can reach the target', () => {
    expect(() =>
      solveParameter('CosineAnnealingLR(T_max=100, eta_min=0.01)', {
        param: 'T_max',
        target: 0.001,
        at: 50,
        lr: 0.1,
      }),
    ).toThrow(
      /^solve: no value of CosineAnnealingLR\.T_max makes it reach 0\.001 at step 50: over the allowed range it gives /,
    );
    expect(() =>
      solveParameter('StepLR(step_size=10)', { param: 'gama', target: 0.01, at: 50 }),
    ).toThrow(
      "solve: StepLR has no parameter 'gama'; numeric parameters: step_size, gamma, last_epoch",
    );
    expect(() =>
      solveParameter('MultiStepLR(milestones=[1])', { param: 'milestones', target: 0.01, at: 50 }),
    ).toThrow('solve: MultiStepLR.milestones is not a single number, so it cannot be solved for');
    expect(() =>
      solveParameter('ExponentialLR(gamma=0.5)', { param: 'gamma', target: -1, at: 5 }),
    ).toThrow('solve: target must be a finite number ≥ 0, got -1');
  });
});

describe('scaleLearningRate', () => {
  it('linear scaling with Goyal et al.’s 5-epoch warm-up', () => {
    const r = scaleLearningRate({ baseLr: 0.1, baseBatch: 256, batch: 8192, datasetSize: 1281167 });
    expect([r.lr, r.factor, r.warmup_epochs, r.warmup_steps]).toEqual([
      3.2,
      32,
      5,
      5 * Math.ceil(1281167 / 8192),
    ]);
    expect(r.warmup_spec).toBe('LinearLR(start_factor=0.03125, end_factor=1.0, total_iters=785)');
  });
  it('square-root scaling, and no warm-up when the lr shrinks', () => {
    expect(scaleLearningRate({ baseLr: 1e-3, baseBatch: 256, batch: 1024, rule: 'sqrt' }).lr).toBe(
      2e-3,
    );
    const down = scaleLearningRate({ baseLr: 0.1, baseBatch: 256, batch: 64 });
    expect([down.lr, down.warmup_epochs, down.warmup_spec]).toEqual([0.025, 0, null]);
  });
  it('names bad input', () => {
    expect(() => scaleLearningRate({ baseLr: 0.1, baseBatch: 0, batch: 64 })).toThrow(
      'scaleLearningRate: baseBatch must be a positive integer, got 0',
    );
    expect(() =>
      scaleLearningRate({ baseLr: 0.1, baseBatch: 256, batch: 64, rule: 'log' as never }),
    ).toThrow("scaleLearningRate: rule must be 'linear' or 'sqrt', got 'log'");
  });
});
