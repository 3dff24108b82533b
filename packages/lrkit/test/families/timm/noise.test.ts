/**
 * timm's lr noise. The golden case `timm/cosine_noise` carries a skip_reason: timm draws from
 * torch.Generator, which lrkit does not reproduce. What can be checked is: the noise-free parts
 * equal timm's values, timm's values are the noise-free curve times 1 + the recorded noise
 * factors, and lrkit's noise has timm's semantics (range, bound, seed + t, one draw per step
 * shared by all groups, applied in the warm-up too).
 */
import { describe, expect, it } from 'vitest';
import { curve } from '../../../src/index.js';
import { noiseDraw } from '../../../src/schedules/noise.js';
import { familyCaseInput, familyGolden } from '../../helpers/golden.js';
import { close, expectSeriesClose } from '../../helpers/tolerance.js';

const golden = familyGolden().cases.find((c) => c.name === 'timm/cosine_noise')!;
const { spec, options } = familyCaseInput(golden);
const noiseArgs = /, noise_range_t=\[20, 80\], noise_pct=0\.67, noise_std=1\.0, noise_seed=42/;
const cleanSpec = spec.replace(noiseArgs, '');

describe('timm/cosine_noise (skip_reason: torch.Generator draws)', () => {
  const expected = golden.values[0]!;
  const noisy = curve(spec, options).lr[0]!;
  const clean = curve(cleanSpec, options).lr[0]!;
  const inRange = (k: number) => k >= 20 && k < 80;

  it('the case is what this test expects', () => {
    expect(golden.skip_reason).toBeTruthy();
    expect(cleanSpec).not.toBe(spec);
    expect(Object.keys(golden.noise_factors!).map(Number)).toEqual(
      Array.from({ length: 60 }, (_, i) => 20 + i),
    );
  });

  it('outside [20, 80) the values equal timm’s', () => {
    const ks = expected.map((_, k) => k).filter((k) => !inRange(k));
    expectSeriesClose(
      ks.map((k) => noisy[k]!),
      ks.map((k) => expected[k]!),
      'outside the noise range',
    );
  });

  it('inside, timm’s values are the noise-free curve · (1 + recorded noise): lrkit’s curve is that curve', () => {
    const ks = expected.map((_, k) => k).filter(inRange);
    expectSeriesClose(
      ks.map((k) => clean[k]! + clean[k]! * golden.noise_factors![String(k)]!),
      ks.map((k) => expected[k]!),
      'clean · (1 + timm noise)',
    );
    // timm's recorded draws obey the same bound
    for (const k of ks) expect(Math.abs(golden.noise_factors![String(k)]!)).toBeLessThan(0.67);
  });

  it('inside, lrkit multiplies by 1 + ε(t) with its own draw seeded by noise_seed + t', () => {
    for (let k = 20; k < 80; k++) {
      const eps = noiseDraw(42 + k, 0.67, 'normal');
      expect(Math.abs(eps)).toBeLessThan(0.67);
      expect(eps).not.toBe(0);
      expect(close(noisy[k]!, clean[k]! * (1 + eps))).toBe(true);
    }
  });
});

describe('timm noise semantics', () => {
  it('one draw per step, shared by every param group', () => {
    const c = curve('timm.CosineLRScheduler(t_initial=50, noise_range_t=[5, 30], noise_seed=3)', {
      lr: [0.1, 0.01],
      steps: 40,
    });
    const plain = curve('timm.CosineLRScheduler(t_initial=50)', { lr: [0.1, 0.01], steps: 40 });
    for (let k = 0; k <= 40; k++) {
      const r0 = c.lr[0]![k]! / plain.lr[0]![k]!;
      const r1 = c.lr[1]![k]! / plain.lr[1]![k]!;
      expect(close(r0, r1)).toBe(true);
      expect(r0 === 1).toBe(k < 5 || k >= 30);
    }
  });

  it('a single number means every step from it on; the warm-up gets noise too', () => {
    const spec = 'timm.StepLRScheduler(decay_t=10, warmup_t=6, warmup_lr_init=0, noise_range_t=3)';
    const c = curve(spec, { lr: 1, steps: 20 }).lr[0]!;
    const plain = curve('timm.StepLRScheduler(decay_t=10, warmup_t=6, warmup_lr_init=0)', {
      lr: 1,
      steps: 20,
    }).lr[0]!;
    expect(c.slice(0, 3)).toEqual(plain.slice(0, 3));
    for (let k = 3; k <= 20; k++) {
      expect(close(c[k]!, plain[k]! * (1 + noiseDraw(42 + k, 0.67, 'normal')))).toBe(true);
    }
  });

  it('noise_seed shifts the draws: seed s at step t draws what seed s − 1 draws at t + 1', () => {
    const a = curve('timm.StepLRScheduler(decay_t=100, noise_range_t=0, noise_seed=10)', {
      lr: 1,
      steps: 20,
    }).lr[0]!;
    const b = curve('timm.StepLRScheduler(decay_t=100, noise_range_t=0, noise_seed=9)', {
      lr: 1,
      steps: 21,
    }).lr[0]!;
    expect(a.slice(1)).toEqual(b.slice(2));
  });
});
