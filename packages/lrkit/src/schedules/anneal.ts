import { ParameterError } from '../errors.js';
import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { describe } from '../export/describe.js';

export type AnnealShape = 'cos' | 'linear';

export interface AnnealOptions {
  /** Value at step 0. */
  from: number;
  /** Value at step `steps` (and after: the anneal holds). */
  to: number;
  /** Length of the anneal in steps (> 0, may be fractional). */
  steps: number;
  /** 'cos': `to + (from − to)/2 · (1 + cos(π p))`; 'linear': `from + (to − from) · p`. */
  shape: AnnealShape;
}

/**
 * One anneal from `from` to `to` over `steps`, with progress p = min(t, steps)/steps: the phase
 * of a one-cycle schedule.
 * @see Smith & Topin, Super-Convergence, 2017.
 * @example anneal({ from: 1, to: 0, steps: 2, shape: 'cos' })(1) // 0.5
 */
export function anneal({ from, to, steps, shape }: AnnealOptions): Schedule {
  check('anneal', 'from', from, rules.nonNegative);
  check('anneal', 'to', to, rules.nonNegative);
  check('anneal', 'steps', steps, rules.positive);
  if (shape !== 'cos' && shape !== 'linear') {
    throw new ParameterError('anneal', 'shape', "must be 'cos' or 'linear'", shape);
  }
  if (shape === 'cos') {
    const half = (from - to) / 2;
    return describe((t) => to + half * (Math.cos(Math.PI * (Math.min(t, steps) / steps)) + 1), {
      kind: 'anneal',
      shape,
      from,
      to,
      steps,
      coefficient: half,
    });
  }
  const delta = to - from;
  return describe((t) => delta * (Math.min(t, steps) / steps) + from, {
    kind: 'anneal',
    shape,
    from,
    to,
    steps,
    coefficient: delta,
  });
}
