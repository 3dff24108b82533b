/**
 * timm's PlateauLRScheduler: PyTorch's ReduceLROnPlateau behind a warm-up that ignores metrics,
 * timm's defaults (mode 'max'), noise put on and taken off around each plateau decision, and
 * resuming from saved state.
 */
import { describe, expect, it } from 'vitest';
import { Scheduler, curve } from '../../../src/index.js';
import { noiseDraw } from '../../../src/schedules/noise.js';
import { close, expectSeriesClose } from '../../helpers/tolerance.js';

describe('timm.PlateauLRScheduler', () => {
  it("defaults: mode 'max', decay_rate 0.1, patience_t 10", () => {
    const flat = curve('timm.PlateauLRScheduler()', {
      lr: 0.1,
      steps: 13,
      metrics: Array(13).fill(1),
    });
    expectSeriesClose(
      flat.lr[0]!,
      [...Array(12).fill(0.1), 0.010000000000000002, 0.010000000000000002],
      'flat',
    );
    // rising metrics improve in 'max' mode: no decay
    const rising = Array.from({ length: 30 }, (_, i) => i);
    const up = curve('timm.PlateauLRScheduler()', { lr: 0.1, steps: 30, metrics: rising });
    expect(up.lr[0]!.every((v) => v === 0.1)).toBe(true);
  });

  it('warm-up: index 0 is warmup_lr_init; metrics of steps k ≤ warmup_t are ignored', () => {
    const spec =
      "timm.PlateauLRScheduler(decay_rate=0.5, patience_t=0, warmup_t=2, warmup_lr_init=0.0, mode='min')";
    const c = curve(spec, { lr: 1, steps: 5, metrics: [1, 1, 1, 1, 1] });
    // step 3 is the first plateau step: 1 improves on inf; steps 4 and 5 are bad
    expectSeriesClose(c.lr[0]!, [0, 0.5, 1, 1, 0.5, 0.25], spec);
    // PyTorch's ReduceLROnPlateau counts every metric
    const torch = curve("ReduceLROnPlateau(factor=0.5, patience=0, mode='min')", {
      lr: 1,
      steps: 5,
      metrics: [1, 1, 1, 1, 1],
    });
    expectSeriesClose(torch.lr[0]!, [1, 1, 0.5, 0.25, 0.125, 0.0625], 'torch');
  });

  it('warm-up per group from the shared warmup_lr_init to each base lr', () => {
    const s = new Scheduler('timm.PlateauLRScheduler(warmup_t=4, warmup_lr_init=0.01)', {
      lr: [0.1, 1],
    });
    expect(s.lr).toEqual([0.01, 0.01]);
    s.step(0);
    s.step(0);
    expectSeriesClose([...s.lr], [0.055, 0.505], 'k = 2');
    s.step(0);
    s.step(0);
    expect(s.lr).toEqual([0.1, 1]);
  });

  it('noise is put on after a plateau step and taken off before the next decision', () => {
    const spec =
      "timm.PlateauLRScheduler(decay_rate=0.5, patience_t=0, mode='min', noise_range_t=[1, 3], noise_seed=5)";
    const c = curve(spec, { lr: 1, steps: 4, metrics: [1, 1, 1, 1] }).lr[0]!;
    const e1 = noiseDraw(6, 0.67, 'normal');
    const e2 = noiseDraw(7, 0.67, 'normal');
    // k=1: best ← 1, lr 1 (noisy); k=2: clean 1 halves to 0.5 (noisy); k=3: clean 0.5 → 0.25
    expect(c).toEqual([1, 1 * (1 + e1), 0.5 * (1 + e2), 0.25, 0.125]);
  });

  it('noise never applies during the warm-up', () => {
    const spec = 'timm.PlateauLRScheduler(warmup_t=3, warmup_lr_init=0.0, noise_range_t=0)';
    const c = curve(spec, { lr: 1, steps: 5, metrics: [1, 2, 3, 4, 5] }).lr[0]!;
    expectSeriesClose(c.slice(0, 4), [0, 1 / 3, 2 / 3, 1], 'warm-up');
    expect(c[4]).toBe(1 + noiseDraw(42 + 4, 0.67, 'normal'));
  });

  it("noise_type='uniform' and noise_seed=None (42)", () => {
    const spec = "timm.PlateauLRScheduler(noise_range_t=0, noise_type='uniform', noise_pct=0.3)";
    const c = curve(spec, { lr: 1, steps: 3, metrics: [1, 2, 3] }).lr[0]!;
    expect(c.slice(1)).toEqual([1, 2, 3].map((k) => 1 + noiseDraw(42 + k, 0.3, 'uniform')));
  });

  const resumable: [spec: string, metrics: number[]][] = [
    [
      "timm.PlateauLRScheduler(decay_rate=0.5, patience_t=1, cooldown_t=1, warmup_t=3, warmup_lr_init=0.001, lr_min=0.01, mode='min')",
      [1, 0.9, 0.8, 0.85, 0.7, 0.7, 0.7, 0.71, 0.7, 0.72, 0.6, 0.6, 0.6, 0.6],
    ],
    [
      "timm.PlateauLRScheduler(decay_rate=0.5, patience_t=0, mode='min', warmup_t=2, noise_range_t=[3, 9])",
      [5, 4, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1],
    ],
  ];
  for (const [spec, metrics] of resumable) {
    it(`resumes from JSON state at every step: ${spec}`, () => {
      const whole = curve(spec, { lr: [0.1, 0.05], steps: metrics.length, metrics }).lr;
      for (let cut = 0; cut < metrics.length; cut++) {
        const s = new Scheduler(spec, { lr: [0.1, 0.05] });
        for (let k = 0; k < cut; k++) s.step(metrics[k]!);
        const resumed = Scheduler.fromState(JSON.parse(JSON.stringify(s.state())));
        for (let k = cut; k < metrics.length; k++) {
          resumed.step(metrics[k]!);
          // after a noisy step the clean lr is recovered by dividing the noise out (≤ 1 ulp)
          for (let g = 0; g < 2; g++) {
            expect(close(resumed.lr[g]!, whole[g]![k + 1]!, { rel: 1e-15 })).toBe(true);
          }
        }
      }
    });
  }
});
