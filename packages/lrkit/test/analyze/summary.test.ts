/** Summaries: literal tables and the float32 distinctness check. */
import { describe, expect, it } from 'vitest';
import { LrkitError, summarize, summary } from '../../src/index.js';
import { close } from '../helpers/tolerance.js';

describe('summarize', () => {
  it('computes each field', () => {
    expect(summarize([0.1, 0.1, 0.05, 0.05, 0.025])).toEqual({
      initial: 0.1,
      final: 0.025,
      min: 0.025,
      max: 0.1,
      mean: (0.1 + 0.1 + 0.05 + 0.05 + 0.025) / 5,
      area: 0.1 + 0.1 + 0.05 + 0.05,
      changes: 2,
      float32Indistinct: [],
      float32Lost: 0,
    });
    expect(summarize([3]).area).toBe(0);
    expect(() => summarize([])).toThrow(LrkitError);
  });

  it('finds the steps where float32 loses a change', () => {
    const a = 0.1;
    const b = 0.1 * (1 - 1e-9); // distinct in float64, the same float32
    const s = summarize([a, b, b, 0.05]);
    expect(s.changes).toBe(2);
    expect(s.float32Indistinct).toEqual([1]);
    expect(s.float32Lost).toBe(1);
  });

  it('summarises a spec per group, with momentum where it cycles', () => {
    const s = summary('OneCycleLR(max_lr=[0.1, 0.01], total_steps=100)', {
      lr: [0.1, 0.01],
      steps: 99,
    });
    expect(s.lr).toHaveLength(2);
    expect(close(s.lr[0]!.max, 0.1)).toBe(true);
    expect(close(s.lr[1]!.max, 0.01)).toBe(true);
    expect(close(s.lr[0]!.final, 0.1 / 25 / 1e4)).toBe(true);
    expect(s.momentum![0]!.min).toBe(0.85);
    const g = summary('ExponentialLR(gamma=0.9999999999)', { lr: 0.1, steps: 1000 });
    expect(g.lr[0]!.float32Lost).toBeGreaterThan(900);
  });
});
