/** PyTorch's ReduceLROnPlateau: the one metric-driven scheduler (stepped with a metric). */
import { rules } from '../../rules.js';
import type { PlateauOptions, RegistryEntry } from '../../registry/types.js';
import { torchCommonParams } from './common.js';

export const ReduceLROnPlateau: RegistryEntry = {
  name: 'ReduceLROnPlateau',
  family: 'torch',
  qualifiedName: 'ReduceLROnPlateau',
  doc:
    'Multiplies the lr by factor when the metric has not improved for more than patience steps ' +
    '(improved: rel a < best·(1 − threshold), abs a < best − threshold; max mode mirrors), then ' +
    'waits cooldown steps. New lr = max(lr·factor, min_lr), applied only if it changes by more ' +
    'than eps. A NaN metric never counts as an improvement.',
  params: [
    {
      name: 'mode',
      type: { kind: 'enum', choices: ['min', 'max'] },
      default: 'min',
      doc: "'min': lower is better (loss); 'max': higher is better (accuracy)",
    },
    {
      name: 'factor',
      type: { kind: 'number', rule: rules.unitIntervalOpenRight },
      default: 0.1,
      doc: 'multiplier applied on a plateau (PyTorch: must be < 1)',
    },
    {
      name: 'patience',
      type: { kind: 'int', rule: rules.nonNegativeInt },
      default: 10,
      doc: 'bad steps tolerated before reducing',
    },
    {
      name: 'threshold',
      type: { kind: 'number', rule: rules.nonNegative },
      default: 1e-4,
      doc: 'minimum improvement that counts',
    },
    {
      name: 'threshold_mode',
      type: { kind: 'enum', choices: ['rel', 'abs'] },
      default: 'rel',
      doc: 'threshold relative to best, or absolute',
    },
    {
      name: 'cooldown',
      type: { kind: 'int', rule: rules.nonNegativeInt },
      default: 0,
      doc: 'steps to wait after a reduction',
    },
    {
      name: 'min_lr',
      type: { kind: 'perGroup', rule: rules.nonNegative },
      default: 0,
      doc: 'lower bound on the lr (per group or shared)',
    },
    {
      name: 'eps',
      type: { kind: 'number', rule: rules.nonNegative },
      default: 1e-8,
      doc: 'reductions smaller than eps are skipped',
    },
    ...torchCommonParams,
  ],
  build: (a) => ({ kind: 'plateau', options: a as unknown as PlateauOptions }),
};
