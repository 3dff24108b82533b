/**
 * recommendLr's sentence says what the rule did: which growth it read (of the raw loss, or of its
 * excess over the lowest raw loss) and where, and its figures give back the recommended lr.
 */
import { describe, expect, it } from 'vitest';
import { recommendLr } from '../../src/rangeTest/index.js';
import { close } from '../helpers/tolerance.js';

// lrs growing 1% a step; the losses are passed as their own smoothed values (no lag)
const lrsFor = (losses: number[]) => losses.map((_, i) => 0.1 * Math.pow(1.01, i));
const falling = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];

describe('recommendLr: the reason names what was read', () => {
  it('the growth of the excess over the lowest loss, when it starts at 2× that loss or more', () => {
    // pair 10 (3 → 17 over base 1): excess growth 16/2 = 8 > raw 17/3; 200 = 200× base: edge seen
    const losses = [...falling, 3, 17, 20, 200];
    const lrs = lrsFor(losses);
    const r = recommendLr(lrs, losses, losses, { stopReason: 'diverged' });
    expect(close(r.lr!, lrs[10]! / (1 + Math.sqrt(8)), { rel: 1e-12 }), String(r.lr)).toBe(true);
    expect(r.reason).toBe(
      'Half the divergence edge read from the blow-up: the loss above its lowest value (1.00) grew 8.00× in one step at lr 0.11, which puts the edge near 0.0577.',
    );
  });

  it('the growth of the raw loss, when the pair starts below 2× the lowest loss', () => {
    // pair 10 (1.5 → 300 over base 1): raw growth 200
    const losses = [...falling, 1.5, 300];
    const lrs = lrsFor(losses);
    const r = recommendLr(lrs, losses, losses, { stopReason: 'diverged' });
    expect(close(r.lr!, lrs[10]! / (1 + Math.sqrt(200)), { rel: 1e-12 }), String(r.lr)).toBe(true);
    expect(r.reason).toBe(
      'Half the divergence edge read from the blow-up: the loss grew 200× in one step at lr 0.11, which puts the edge near 0.0146.',
    );
  });

  it('a smoothed loss still falling at the end: one tenth of its minimum, and a hint to sweep further', () => {
    const losses = [...falling, 0.5];
    const lrs = lrsFor(losses);
    const r = recommendLr(lrs, losses, losses, { stopReason: 'completed' });
    expect(r.lr).toBe(lrs[10]! / 10);
    expect(r.reason).toBe(
      'One tenth of the lr where the smoothed loss was lowest (0.11): the sweep did not show where the loss diverges, so the margin is wide. The smoothed loss was still falling at the end of the sweep: rerun with a higher endLr to see where it diverges.',
    );
  });
});
