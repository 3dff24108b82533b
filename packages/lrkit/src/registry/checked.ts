/**
 * The one rule every lr that reaches a user obeys: finite and ≥ 0. The Scheduler checks it on its
 * hot path; {@link toSchedule} and code export check it here, with the Scheduler's message.
 */
import { SchedulerError, formatValue } from '../errors.js';
import { describe, descriptionOf } from '../export/describe.js';
import type { Schedule } from '../schedule.js';

/**
 * The error for a group's lr that is negative, infinite or NaN:
 * `<name>: the lr of group <g> would be <v> at step <k>; learning rates must be finite and ≥ 0`.
 * @example badLrError('LambdaLR', 0, -0.1, 0).message
 *   // "LambdaLR: the lr of group 0 would be -0.1 at step 0; learning rates must be finite and ≥ 0"
 */
export function badLrError(
  name: string,
  group: number,
  value: number,
  step: number,
): SchedulerError {
  return new SchedulerError(
    `${name}: the lr of group ${group} would be ${formatValue(value)} at step ${step}; learning rates must be finite and ≥ 0`,
  );
}

/** True for a usable lr: finite and ≥ 0. */
export function isValidLr(v: number): boolean {
  return v >= 0 && v < Infinity;
}

/**
 * `lr` with every value checked: `checkedLr(name, g, lr)(t)` is `lr(t)`, or throws
 * {@link badLrError} when that is negative or not finite. The closed-form description (what code
 * export reads) carries over.
 * @param name the schedule's name for the message (the registry's qualified name)
 * @param group the param group index for the message
 * @example checkedLr('LambdaLR', 0, () => -0.1)(3) // throws "LambdaLR: the lr of group 0 would be -0.1 at step 3; …"
 */
export function checkedLr(name: string, group: number, lr: Schedule): Schedule {
  const checked: Schedule = (t) => {
    const v = lr(t);
    if (!isValidLr(v)) throw badLrError(name, group, v, t);
    return v;
  };
  const node = descriptionOf(lr);
  return node ? describe(checked, node) : checked;
}
