import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { describe } from '../export/describe.js';

export interface CosineOptions {
  /** Value at step 0 (and at every multiple of 2·period). */
  from: number;
  /** Value at step `period`. */
  to: number;
  /** Half-period T in steps (> 0). */
  period: number;
}

/**
 * Cosine annealing: `f(t) = to + (from − to) · (1 + cos(π t / T)) / 2`. Past T it keeps following
 * the cosine (period 2T), as PyTorch's `CosineAnnealingLR` does; wrap with `hold` to stop at T.
 * @see Loshchilov & Hutter, SGDR, 2016.
 * @example cosine({ from: 1, to: 0, period: 10 })(5) // 0.5
 */
export function cosine({ from, to, period }: CosineOptions): Schedule {
  check('cosine', 'from', from, rules.nonNegative);
  check('cosine', 'to', to, rules.nonNegative);
  check('cosine', 'period', period, rules.positive);
  const span = from - to;
  return describe((t) => to + (span * (1 + Math.cos((Math.PI * t) / period))) / 2, {
    kind: 'cosine',
    to,
    period,
    span,
  });
}
