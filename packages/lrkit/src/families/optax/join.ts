/** optax's join_schedules: nested optax schedules one after another. */
import { join } from '../../compose/join.js';
import { LrkitError } from '../../errors.js';
import { rules } from '../../rules.js';
import type { BoundSpec, RegistryEntry } from '../../registry/types.js';
import { stateless } from '../plans.js';
import { optax, scheduleOf } from './common.js';

const FN = 'optax.join_schedules';

export const join_schedules: RegistryEntry = {
  ...optax('join_schedules'),
  doc:
    'schedules[0](t) before boundaries[0]; from boundaries[i] on, schedules[i+1](t − boundaries[i]): ' +
    'at a boundary the next schedule starts at its own step 0. optax zips the lists silently (extra ' +
    'schedules or boundaries are ignored) and lets a later boundary win when they are out of order; ' +
    'lrkit requires one boundary fewer than schedules, non-decreasing.',
  params: [
    {
      name: 'schedules',
      type: { kind: 'schedulers', family: 'optax' },
      doc: 'the optax schedules, in order',
    },
    {
      name: 'boundaries',
      type: { kind: 'intList', rule: rules.nonNegativeInt },
      doc: 'steps at which the next schedule takes over (one fewer than schedules)',
    },
  ],
  crossCheck: (a) => {
    const children = a.schedules as BoundSpec[];
    const bs = a.boundaries as number[];
    children.forEach((c, i) => {
      if (c.entry.family !== 'optax') {
        throw new LrkitError(
          `${FN}: schedules[${i}] is ${c.entry.qualifiedName}, a ${c.entry.family} schedule; nest optax schedules only`,
        );
      }
    });
    if (bs.length !== children.length - 1) {
      throw new LrkitError(
        `${FN}: boundaries must have one fewer item than schedules (${children.length} schedules need ${children.length - 1}), got ${bs.length}`,
      );
    }
    bs.forEach((b, i) => {
      if (i > 0 && b < bs[i - 1]!) {
        throw new LrkitError(
          `${FN}: boundaries must be non-decreasing, got ${bs[i - 1]} then ${b} at index ${i}`,
        );
      }
    });
  },
  build: (a) => {
    const children = a.schedules as BoundSpec[];
    const schedules = children.map((c, i) => scheduleOf(FN, `schedules[${i}]`, c));
    return stateless(join(schedules, a.boundaries as number[]));
  },
};
