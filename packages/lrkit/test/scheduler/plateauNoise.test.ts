/** timm's noisy PlateauLRScheduler resumes bit-identically: the state keeps the lrs under the noise. */
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/index.js';

describe('noisy plateau resume', () => {
  it('continues bit-identically from any split', () => {
    const spec =
      'timm.PlateauLRScheduler(decay_rate=0.5, patience_t=1, warmup_t=2, warmup_lr_init=0.001, noise_range_t=[0, 100], noise_seed=3)';
    const metrics = Array.from({ length: 60 }, (_, i) => 1 / (1 + (i % 9)));
    for (let split = 1; split < 50; split += 3) {
      const a = new Scheduler(spec, { lr: [0.1, 0.03] });
      for (let k = 1; k <= split; k++) a.step(metrics[k - 1]!);
      const saved = JSON.parse(JSON.stringify(a.state())) as { plateau: { cleanLr?: number[] } };
      if (split > 2) expect(saved.plateau.cleanLr).toHaveLength(2); // after the warm-up
      const b = Scheduler.fromState(saved);
      for (let k = split + 1; k <= 60; k++) {
        a.step(metrics[k - 1]!);
        b.step(metrics[k - 1]!);
        expect(b.lr, `split ${split}, step ${k}`).toEqual(a.lr);
      }
    }
  });
});
