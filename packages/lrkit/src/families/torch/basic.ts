/**
 * PyTorch's multiplicative schedulers as closed forms over each group's base lr:
 * LambdaLR, MultiplicativeLR, StepLR, MultiStepLR, ConstantLR, LinearLR, ExponentialLR,
 * PolynomialLR. Each is PyTorch's closed form `base_lr · m(epoch)`: the primitive of the same name
 * as a multiplier m, shared by the param groups.
 */
import { join } from '../../compose/join.js';
import { scale } from '../../compose/product.js';
import { describe } from '../../export/describe.js';
import { rules } from '../../rules.js';
import type { Schedule } from '../../schedule.js';
import { constant } from '../../schedules/constant.js';
import { exponential } from '../../schedules/exponential.js';
import { linear } from '../../schedules/linear.js';
import { multiStep } from '../../schedules/multiStep.js';
import { polynomial } from '../../schedules/polynomial.js';
import { step } from '../../schedules/step.js';
import type { ExprValue, ParamDef, RegistryEntry } from '../../registry/types.js';
import { closedForm, multiplier, perGroup } from '../plans.js';
import { lrLambdaParam, torchCommonParams } from './common.js';

/** StepLR's and MultiStepLR's decay factor. */
const gammaParam = {
  name: 'gamma',
  type: { kind: 'number', rule: rules.nonNegative },
  default: 0.1,
  doc: 'decay factor',
} as const satisfies ParamDef;

const torch = (name: string) => ({ name, family: 'torch' as const, qualifiedName: name });

export const LambdaLR: RegistryEntry = {
  ...torch('LambdaLR'),
  doc: 'lr = base_lr · λ(epoch). λ is a safe expression (a pasted Python lambda) or a TS function; a list gives one per param group.',
  params: [
    lrLambdaParam("multiplier of the base lr as a function of the epoch, e.g. 'lambda e: 0.95**e'"),
    ...torchCommonParams,
  ],
  build: (a) => {
    const lambda = a.lr_lambda as ExprValue | ExprValue[];
    if (!Array.isArray(lambda)) return multiplier(lambda.fn);
    return closedForm((g, i, groups) => {
      const f = perGroup('LambdaLR', 'lr_lambda', lambda, groups.length)[i]!;
      return { lr: scale(f.fn, g.lr) };
    });
  },
};

/** Entries kept per group: 2^20 (8 MiB); further steps are walked, not stored. */
const TABLE_LIMIT = 2 ** 20;

/**
 * lr_k = base · λ(1) · λ(2) · … · λ(k), multiplied in PyTorch's order. There is no closed form
 * for an arbitrary λ, so each group keeps a prefix table of the first 2^20 steps (O(1) per step
 * when stepping forward, O(k) the first time a far step is asked for); beyond it the product is
 * walked from the last step asked for, so stepping forward stays O(1) in time and memory.
 */
function cumulativeProduct(base: number, lambda: Schedule): Schedule {
  let table = new Float64Array(64);
  table[0] = base;
  let filled = 1;
  let walkK = -1; // beyond the table: the last step walked to and its value
  let walkV = NaN;
  const fill = (k: number) => {
    if (k >= table.length) {
      const grown = new Float64Array(Math.min(TABLE_LIMIT, Math.max(k + 1, table.length * 2)));
      grown.set(table.subarray(0, filled));
      table = grown;
    }
    for (let i = filled; i <= k; i++) table[i] = table[i - 1]! * lambda(i);
    filled = k + 1;
  };
  const f: Schedule = (t) => {
    const k = Math.floor(t);
    if (k < filled) return table[k]!;
    if (k < TABLE_LIMIT) {
      fill(k);
      return table[k]!;
    }
    fill(TABLE_LIMIT - 1);
    if (k < walkK || walkK < 0) {
      walkK = TABLE_LIMIT - 1;
      walkV = table[walkK]!;
    }
    for (let i = walkK + 1; i <= k; i++) walkV *= lambda(i);
    walkK = k;
    return walkV;
  };
  return describe(f, { kind: 'cumulativeProduct', initial: base, schedule: lambda });
}

export const MultiplicativeLR: RegistryEntry = {
  ...torch('MultiplicativeLR'),
  doc: 'lr_k = lr_(k−1) · λ(k) for k ≥ 1 (so lr_k = base_lr · λ(1)·…·λ(k)). λ as in LambdaLR.',
  params: [
    lrLambdaParam("factor applied at each epoch, e.g. 'lambda e: 0.95'"),
    ...torchCommonParams,
  ],
  build: (a) =>
    closedForm((g, i, groups) => {
      const f = perGroup('MultiplicativeLR', 'lr_lambda', a.lr_lambda as ExprValue, groups.length)[
        i
      ]!;
      return { lr: cumulativeProduct(g.lr, f.fn) };
    }),
};

export const StepLR: RegistryEntry = {
  ...torch('StepLR'),
  doc: 'lr = base_lr · γ^⌊epoch / step_size⌋.',
  params: [
    {
      name: 'step_size',
      type: { kind: 'int', rule: rules.positiveInt },
      doc: 'epochs between decays',
    },
    gammaParam,
    ...torchCommonParams,
  ],
  build: (a) =>
    multiplier(step({ initial: 1, gamma: a.gamma as number, stepSize: a.step_size as number })),
};

export const MultiStepLR: RegistryEntry = {
  ...torch('MultiStepLR'),
  doc: 'lr = base_lr · γ^(number of milestones ≤ epoch); a repeated milestone decays once per copy.',
  params: [
    {
      name: 'milestones',
      type: { kind: 'intList', rule: rules.nonNegativeInt },
      doc: 'epochs at which γ applies (any order; repeats count twice)',
    },
    gammaParam,
    ...torchCommonParams,
  ],
  build: (a) =>
    multiplier(
      multiStep({ initial: 1, gamma: a.gamma as number, milestones: a.milestones as number[] }),
    ),
};

export const ConstantLR: RegistryEntry = {
  ...torch('ConstantLR'),
  doc:
    'lr = base_lr · factor for epoch < total_iters, then base_lr. total_iters=0 means no constant phase ' +
    '(PyTorch 1.13’s chainable form instead keeps the factor forever there; its closed form agrees with lrkit).',
  params: [
    {
      name: 'factor',
      type: { kind: 'number', rule: rules.unitInterval },
      default: 1 / 3,
      doc: 'multiplier during the constant phase',
    },
    {
      name: 'total_iters',
      type: { kind: 'int', rule: rules.nonNegativeInt },
      default: 5,
      doc: 'epochs of the constant phase',
    },
    ...torchCommonParams,
  ],
  build: (a) =>
    multiplier(join([constant(a.factor as number), constant(1)], [a.total_iters as number])),
};

export const LinearLR: RegistryEntry = {
  ...torch('LinearLR'),
  doc: 'lr = base_lr · (start + (end − start) · min(epoch, total_iters) / total_iters). total_iters=0: end_factor throughout.',
  params: [
    {
      name: 'start_factor',
      type: { kind: 'number', rule: rules.unitIntervalOpenLeft },
      default: 1 / 3,
      doc: 'multiplier at epoch 0',
    },
    {
      name: 'end_factor',
      type: { kind: 'number', rule: rules.unitInterval },
      default: 1.0,
      doc: 'multiplier from total_iters on',
    },
    {
      name: 'total_iters',
      type: { kind: 'int', rule: rules.nonNegativeInt },
      default: 5,
      doc: 'epochs of the ramp',
    },
    ...torchCommonParams,
  ],
  build: (a) =>
    multiplier(
      linear({
        from: a.start_factor as number,
        to: a.end_factor as number,
        steps: a.total_iters as number,
      }),
    ),
};

export const ExponentialLR: RegistryEntry = {
  ...torch('ExponentialLR'),
  doc: 'lr = base_lr · γ^epoch, one pow per step: exact to ~1 ulp at any epoch (PyTorch’s recurrence drifts).',
  params: [
    { name: 'gamma', type: { kind: 'number', rule: rules.nonNegative }, doc: 'factor per epoch' },
    ...torchCommonParams,
  ],
  build: (a) => multiplier(exponential({ initial: 1, rate: a.gamma as number })),
};

export const PolynomialLR: RegistryEntry = {
  ...torch('PolynomialLR'),
  doc: 'lr = base_lr · (1 − min(epoch, total_iters) / total_iters)^power; exactly 0 from total_iters on.',
  params: [
    {
      name: 'total_iters',
      type: { kind: 'int', rule: rules.positiveInt },
      default: 5,
      doc: 'epochs of the decay',
    },
    {
      name: 'power',
      type: { kind: 'number', rule: rules.nonNegative },
      default: 1.0,
      doc: 'exponent (1: linear)',
    },
    ...torchCommonParams,
  ],
  build: (a) =>
    multiplier(
      polynomial({ from: 1, to: 0, steps: a.total_iters as number, power: a.power as number }),
    ),
};
