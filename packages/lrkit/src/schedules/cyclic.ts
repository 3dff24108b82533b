import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { describe } from '../export/describe.js';

export type CyclicMode = 'triangular' | 'triangular2' | 'exp_range';

export interface CyclicOptions {
  /** Value at the bottom of each cycle (for momentum cycling this is the top: see below). */
  base: number;
  /** Value at the top of the first cycle. May be below `base` (momentum moves inversely). */
  peak: number;
  /** Steps from base to peak (> 0, may be fractional). */
  stepSizeUp: number;
  /** Steps from peak back to base (> 0; default `stepSizeUp`). */
  stepSizeDown?: number;
  /**
   * Amplitude scaling: `(x) => number` applied to the cycle number (scaleMode 'cycle', starting at
   * 1) or to the step (scaleMode 'iterations').
   */
  scale: (x: number) => number;
  scaleMode: 'cycle' | 'iterations';
}

/** The built-in amplitude scalings of CyclicLR's modes, with the scale mode each one uses. */
export function cyclicMode(
  mode: CyclicMode,
  gamma: number,
): Pick<CyclicOptions, 'scale' | 'scaleMode'> {
  switch (mode) {
    case 'triangular':
      return { scale: describe(() => 1, { kind: 'cyclicScale', mode, gamma }), scaleMode: 'cycle' };
    case 'triangular2':
      return {
        scale: describe((c) => 1 / 2 ** (c - 1), { kind: 'cyclicScale', mode, gamma }),
        scaleMode: 'cycle',
      };
    case 'exp_range':
      return {
        scale: describe((k) => gamma ** k, { kind: 'cyclicScale', mode, gamma }),
        scaleMode: 'iterations',
      };
  }
}

/**
 * Cyclical learning rate (triangle wave with amplitude scaling): with total = up + down,
 * cycle = ⌊1 + t/total⌋, x = 1 + t/total − cycle, s = x/r if x ≤ r else (x − 1)/(r − 1) where
 * r = up/total: `f(t) = base + (peak − base) · s · scale(cycle or t)`.
 * @see Smith, Cyclical Learning Rates for Training Neural Networks, 2017.
 * @example cyclic({ base: 0, peak: 1, stepSizeUp: 2, ...cyclicMode('triangular', 1) })(1) // 0.5
 */
export function cyclic(options: CyclicOptions): Schedule {
  const { base, peak, stepSizeUp, scale, scaleMode } = options;
  const stepSizeDown = options.stepSizeDown ?? stepSizeUp;
  check('cyclic', 'base', base, rules.nonNegative);
  check('cyclic', 'peak', peak, rules.nonNegative);
  check('cyclic', 'stepSizeUp', stepSizeUp, rules.positive);
  check('cyclic', 'stepSizeDown', stepSizeDown, rules.positive);
  const total = stepSizeUp + stepSizeDown;
  const ratio = stepSizeUp / total;
  const height = peak - base;
  const f: Schedule = (t) => {
    const cycle = Math.floor(1 + t / total);
    const x = 1 + t / total - cycle;
    const s = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
    return base + height * s * scale(scaleMode === 'cycle' ? cycle : t);
  };
  return describe(f, { kind: 'cyclic', base, height, total, ratio, scaleMode, scale });
}
