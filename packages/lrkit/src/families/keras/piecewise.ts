/** Keras's PiecewiseConstantDecay: constants joined at step boundaries. */
import { join } from '../../compose/join.js';
import { LrkitError } from '../../errors.js';
import { rules } from '../../rules.js';
import { constant } from '../../schedules/constant.js';
import type { RegistryEntry } from '../../registry/types.js';
import { stateless } from '../plans.js';
import { keras, nameParam } from './common.js';

export const PiecewiseConstantDecay: RegistryEntry = {
  ...keras('PiecewiseConstantDecay'),
  doc:
    'lr = values[0] while step ≤ boundaries[0], values[i] while boundaries[i−1] < step ≤ ' +
    'boundaries[i], values[-1] past the last boundary. Note the ≤: a step equal to a boundary still ' +
    'gets the earlier value (the opposite of optax.piecewise_constant_schedule and of PyTorch ' +
    'milestones). Boundaries are optimizer steps (integers); a repeated boundary skips the value ' +
    'between its copies, as Keras computes.',
  params: [
    {
      name: 'boundaries',
      type: { kind: 'intList', rule: rules.nonNegativeInt, minLength: 1 },
      doc: 'steps after which the next value applies, increasing',
    },
    {
      name: 'values',
      type: { kind: 'numberList', rule: rules.nonNegative, minLength: 2 },
      doc: 'the lr of each interval, one more than boundaries',
    },
    nameParam('PiecewiseConstant'),
  ],
  crossCheck: (a) => {
    const fn = 'keras.PiecewiseConstantDecay';
    const boundaries = a.boundaries as number[];
    const values = a.values as number[];
    if (values.length !== boundaries.length + 1) {
      throw new LrkitError(
        `${fn}: values must have one more item than boundaries (${boundaries.length} boundaries need ${boundaries.length + 1} values), got ${values.length}`,
      );
    }
    boundaries.forEach((b, i) => {
      if (i > 0 && b < boundaries[i - 1]!) {
        throw new LrkitError(
          `${fn}: boundaries must be increasing, got ${boundaries[i - 1]} then ${b} at index ${i}`,
        );
      }
    });
  },
  build: (a) =>
    stateless(
      join(
        (a.values as number[]).map((v) => constant(v)),
        a.boundaries as number[],
        { at: 'previous' },
      ),
    ),
};
