/**
 * Parameter rules: each rule is written once, with the text its error message uses, and shared by
 * the primitive factories (TS callers) and the registry (spec text, CLI, web forms).
 */
import { ParameterError } from './errors.js';

/** A named constraint on a numeric parameter. `text` completes "<param> ...": "must be ≥ 0". */
export interface Rule {
  readonly text: string;
  test(value: number): boolean;
}

const finite = (v: number) => Number.isFinite(v);

export const rules = {
  finite: { text: 'must be a finite number', test: finite },
  nonNegative: { text: 'must be a finite number ≥ 0', test: (v) => finite(v) && v >= 0 },
  positive: { text: 'must be a finite number > 0', test: (v) => finite(v) && v > 0 },
  positiveInt: { text: 'must be a positive integer', test: (v) => Number.isInteger(v) && v > 0 },
  nonNegativeInt: {
    text: 'must be a non-negative integer',
    test: (v) => Number.isInteger(v) && v >= 0,
  },
  unitInterval: { text: 'must be in [0, 1]', test: (v) => finite(v) && v >= 0 && v <= 1 },
  unitIntervalOpenLeft: { text: 'must be in (0, 1]', test: (v) => finite(v) && v > 0 && v <= 1 },
  unitIntervalOpenRight: { text: 'must be in [0, 1)', test: (v) => finite(v) && v >= 0 && v < 1 },
  atLeastOne: { text: 'must be a finite number ≥ 1', test: (v) => finite(v) && v >= 1 },
  intAtLeastOne: { text: 'must be an integer ≥ 1', test: (v) => Number.isInteger(v) && v >= 1 },
} satisfies Record<string, Rule>;

/** Throws `ParameterError` unless `value` is a number that satisfies `rule`. Returns the value. */
export function check(fn: string, param: string, value: unknown, rule: Rule): number {
  if (typeof value !== 'number' || !rule.test(value)) {
    throw new ParameterError(fn, param, rule.text, value);
  }
  return value;
}

/** A rule that is not one of the shared ones (e.g. "must be < max_lr"), checked in place. */
export function require(fn: string, param: string, ok: boolean, text: string, value: unknown) {
  if (!ok) throw new ParameterError(fn, param, text, value);
}
