import { check, rules } from '../rules.js';
import type { Schedule } from '../schedule.js';
import { describe } from '../export/describe.js';

/**
 * The same value at every step: `f(t) = value`.
 * @param value the learning rate (≥ 0).
 * @example constant(0.1)(1000) // 0.1
 */
export function constant(value: number): Schedule {
  check('constant', 'value', value, rules.nonNegative);
  return describe(() => value, { kind: 'constant', value });
}
