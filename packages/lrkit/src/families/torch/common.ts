/**
 * What the PyTorch scheduler entries share: the `last_epoch`/`verbose` parameters users paste and
 * the parameters several schedulers have in common.
 */
import { rules } from '../../rules.js';
import type { ParamDef } from '../../registry/types.js';

/** Accepted so a pasted line binds; lrkit resumes from saved state instead of `last_epoch`. */
export const torchCommonParams: readonly ParamDef[] = [
  {
    name: 'last_epoch',
    type: {
      kind: 'int',
      rule: { text: 'must be -1 (resume from saved state instead)', test: (v) => v === -1 },
    },
    default: -1,
    doc: 'PyTorch resume index; only -1 (a fresh scheduler) — lrkit resumes from Scheduler.fromState()',
  },
  {
    name: 'verbose',
    type: { kind: 'bool' },
    default: false,
    doc: 'ignored (PyTorch prints each update)',
  },
];

/** `lr_lambda` of LambdaLR and MultiplicativeLR. */
export function lrLambdaParam(doc: string): ParamDef {
  return { name: 'lr_lambda', type: { kind: 'expr', perGroup: true }, doc };
}

/** `eta_min` of the cosine schedulers. */
export const etaMinParam: ParamDef = {
  name: 'eta_min',
  type: { kind: 'number', rule: rules.nonNegative },
  default: 0,
  doc: 'lowest lr',
};

/** CyclicLR's and OneCycleLR's momentum cycling, with each one's defaults. */
export function momentumParams(base: number, max: number): ParamDef[] {
  return [
    {
      name: 'cycle_momentum',
      type: { kind: 'bool' },
      default: true,
      doc: 'cycle momentum (Adam: beta1) inversely to the lr',
    },
    {
      name: 'base_momentum',
      type: { kind: 'perGroup', rule: rules.unitInterval },
      default: base,
      doc: 'momentum at the lr peak',
    },
    {
      name: 'max_momentum',
      type: { kind: 'perGroup', rule: rules.unitInterval },
      default: max,
      doc: 'momentum at the lr bottom (start and end of a cycle)',
    },
  ];
}
