import { describe, expect, it } from 'vitest';
import { LrkitError, ParameterError } from '../../src/errors.js';
import { Scheduler } from '../../src/index.js';
import {
  rangeTest,
  scheduleFromRangeTest,
  type RangeTestResult,
} from '../../src/rangeTest/index.js';
import { expectThrows } from '../helpers/errors.js';
import { close } from '../helpers/tolerance.js';

const fake = (lr: number | null): Pick<RangeTestResult, 'recommended' | 'suggestions'> => ({
  recommended:
    lr === null ? { lr: null, reason: 'The sweep was too short.' } : { lr, reason: 'test' },
  suggestions: {
    steepest: { lr: 0.5, index: 3 },
    minimumDiv10: { lr: null, index: null, reason: 'no minimum' },
    valley: { lr: 0.02, index: 1 },
    slide: { lr: 0.1, index: 2 },
  },
});

describe('scheduleFromRangeTest', () => {
  it('one-cycle (torch): OneCycleLR peaking at the recommended lr', () => {
    const s = scheduleFromRangeTest(fake(0.0316227766), { totalSteps: 100 });
    expect(s.spec).toBe('OneCycleLR(max_lr=0.0316228, total_steps=100)');
    expect(s.peakLr).toBe(0.0316228);
    // OneCycleLR: starts at max_lr/25, peaks at max_lr at step pct_start·T − 1 = 29
    expect(close(s.schedule(0), 0.0316228 / 25)).toBe(true);
    expect(close(s.schedule(29), 0.0316228)).toBe(true);
    expect(s.reason).toBe(
      "Built a one-cycle schedule peaking at 0.0316 over 100 steps from the range test's recommended lr.",
    );
    // the same values through the stateful Scheduler
    const sched = new Scheduler(s.spec, { lr: s.lr });
    for (let k = 0; k < 100; k++) {
      expect(close(sched.lr[0]!, s.schedule(k)), `step ${k}`).toBe(true);
      sched.step();
    }
  });

  it('one-cycle (fastai): fit_one_cycle', () => {
    const s = scheduleFromRangeTest(fake(0.01), { totalSteps: 40, family: 'fastai' });
    expect(s.spec).toBe('fastai.fit_one_cycle(lr_max=0.01, total_steps=40)');
    expect(close(s.schedule(0), 0.01 / 25, { rel: 1e-6 })).toBe(true);
  });

  it('warmup-cosine (torch and transformers): linear warm-up to the lr, cosine to 0', () => {
    const t = scheduleFromRangeTest(fake(0.2), {
      totalSteps: 100,
      kind: 'warmup-cosine',
      warmupSteps: 10,
    });
    expect(t.spec).toBe(
      'SequentialLR(schedulers=[LinearLR(start_factor=0.1, total_iters=10), CosineAnnealingLR(T_max=90)], milestones=[10])',
    );
    expect(close(t.schedule(0), 0.02)).toBe(true);
    expect(close(t.schedule(10), 0.2)).toBe(true);
    expect(close(t.schedule(55), 0.1)).toBe(true);
    const h = scheduleFromRangeTest(fake(0.2), {
      totalSteps: 100,
      kind: 'warmup-cosine',
      family: 'transformers',
    });
    expect(h.spec).toBe(
      'get_cosine_schedule_with_warmup(num_warmup_steps=5, num_training_steps=100)',
    );
    expect(h.lr).toBe(0.2);
    expect(close(h.schedule(5), 0.2)).toBe(true);
    expect(h.schedule(100)).toBeCloseTo(0, 15);
  });

  it('can build on a suggestion instead of the recommendation', () => {
    expect(scheduleFromRangeTest(fake(0.03), { totalSteps: 10, use: 'valley' }).peakLr).toBe(0.02);
  });

  it('works on a real range test, end to end', async () => {
    let w = 5;
    const result = await rangeTest({
      trainStep: (lr) => {
        const loss = 0.35 * w * w;
        w -= lr * 0.7 * w;
        return loss;
      },
      endLr: 1000,
    });
    const s = scheduleFromRangeTest(result, { totalSteps: 50 });
    expect(s.peakLr).toBe(Number(result.recommended.lr!.toPrecision(6)));
  });

  it('errors name the problem', () => {
    expectThrows(
      () => scheduleFromRangeTest(fake(null), { totalSteps: 10 }),
      LrkitError,
      'scheduleFromRangeTest: the range test gave no recommended lr: The sweep was too short.',
    );
    expectThrows(
      () => scheduleFromRangeTest(fake(0.1), { totalSteps: 10, use: 'minimumDiv10' }),
      LrkitError,
      'scheduleFromRangeTest: the range test gave no minimumDiv10 lr: no minimum',
    );
    expectThrows(
      () => scheduleFromRangeTest(fake(0.1), { totalSteps: 0 }),
      ParameterError,
      'scheduleFromRangeTest: totalSteps must be a positive integer, got 0',
    );
    expectThrows(
      () => scheduleFromRangeTest(fake(0.1), { totalSteps: 10, family: 'transformers' }),
      ParameterError,
      "scheduleFromRangeTest: family must be 'torch' or 'fastai' for one-cycle, got 'transformers'",
    );
    expectThrows(
      () =>
        scheduleFromRangeTest(fake(0.1), {
          totalSteps: 10,
          kind: 'warmup-cosine',
          warmupSteps: 10,
        }),
      ParameterError,
      'scheduleFromRangeTest: warmupSteps must be an integer in [1, totalSteps) = [1, 10), got 10',
    );
  });
});
