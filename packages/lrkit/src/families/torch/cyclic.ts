/** PyTorch's cycling schedulers, which also cycle momentum (or Adam's beta1): CyclicLR, OneCycleLR. */
import { LrkitError } from '../../errors.js';
import { rules } from '../../rules.js';
import { cyclic, cyclicMode, type CyclicMode } from '../../schedules/cyclic.js';
import { oneCycle } from '../../schedules/oneCycle.js';
import type { ExprValue, RegistryEntry } from '../../registry/types.js';
import { between, scale } from '../../compose/product.js';
import { memoLast } from '../../compose/memo.js';
import { perGroup } from '../plans.js';
import { momentumParams, torchCommonParams } from './common.js';

export const CyclicLR: RegistryEntry = {
  name: 'CyclicLR',
  family: 'torch',
  qualifiedName: 'CyclicLR',
  doc:
    'Triangle wave between base_lr and max_lr (modes triangular, triangular2, exp_range, or a custom ' +
    'scale_fn), stepped per batch; momentum moves inversely between max_momentum and base_momentum. ' +
    'The group lr is set to base_lr at construction (the optimizer lr only fixes the number of groups).',
  params: [
    {
      name: 'base_lr',
      type: { kind: 'perGroup', rule: rules.nonNegative },
      doc: 'lower lr bound (per group or shared)',
    },
    {
      name: 'max_lr',
      type: { kind: 'perGroup', rule: rules.nonNegative },
      doc: 'upper lr bound of the first cycle',
    },
    {
      name: 'step_size_up',
      type: { kind: 'number', rule: rules.positive },
      default: 2000,
      doc: 'steps in the rising half',
    },
    {
      name: 'step_size_down',
      type: { kind: 'number', rule: rules.positive },
      default: null,
      doc: 'steps in the falling half (None: step_size_up)',
    },
    {
      name: 'mode',
      type: { kind: 'enum', choices: ['triangular', 'triangular2', 'exp_range'] },
      default: 'triangular',
      doc: 'amplitude policy (ignored when scale_fn is given)',
    },
    {
      name: 'gamma',
      type: { kind: 'number', rule: rules.nonNegative },
      default: 1.0,
      doc: 'exp_range: amplitude · gamma^step',
    },
    {
      name: 'scale_fn',
      type: { kind: 'expr', perGroup: false },
      default: null,
      doc: "custom amplitude, e.g. 'lambda x: 0.5**x'",
    },
    {
      name: 'scale_mode',
      type: { kind: 'enum', choices: ['cycle', 'iterations'] },
      default: 'cycle',
      doc: 'what scale_fn receives: the cycle number (from 1) or the step',
    },
    ...momentumParams(0.8, 0.9),
    ...torchCommonParams,
  ],
  build: (a) => {
    const fn = 'CyclicLR';
    const custom = a.scale_fn as ExprValue | null;
    const scaling = custom
      ? { scale: custom.fn, scaleMode: a.scale_mode as 'cycle' | 'iterations' }
      : cyclicMode(a.mode as CyclicMode, a.gamma as number);
    const up = a.step_size_up as number;
    const down = (a.step_size_down as number | null) ?? up;
    const cycleMomentum = a.cycle_momentum as boolean;
    return {
      kind: 'closed-form',
      cyclesMomentum: cycleMomentum,
      bind: (groups) => {
        const n = groups.length;
        const bases = perGroup(fn, 'base_lr', a.base_lr as number, n);
        const peaks = perGroup(fn, 'max_lr', a.max_lr as number, n);
        const lows = perGroup(fn, 'base_momentum', a.base_momentum as number, n);
        const highs = perGroup(fn, 'max_momentum', a.max_momentum as number, n);
        // one triangle wave (0 → 1 → 0, scaled) shared by every group's lr and momentum:
        // lr = base + (max − base)·w, momentum = max_m − (max_m − base_m)·w
        const wave = memoLast(
          cyclic({ base: 0, peak: 1, stepSizeUp: up, stepSizeDown: down, ...scaling }),
        );
        return groups.map((_g, i) => ({
          lr: between(wave, peaks[i]!, bases[i]!),
          momentum: cycleMomentum ? between(wave, lows[i]!, highs[i]!) : undefined,
        }));
      },
    };
  },
};

export const OneCycleLR: RegistryEntry = {
  name: 'OneCycleLR',
  family: 'torch',
  qualifiedName: 'OneCycleLR',
  doc:
    '1cycle: from max_lr/div_factor up to max_lr over pct_start of total_steps, then down to ' +
    'max_lr/(div_factor·final_div_factor) (three_phase: back to the start first), cos or linear; ' +
    'momentum (Adam: beta1) cycles max → base → max. From index total_steps on lrkit holds the ' +
    'final value (PyTorch extrapolates there, negative for linear); past_end chooses what stepping ' +
    "beyond does: 'throw' PyTorch's error or 'hold'.",
  params: [
    {
      name: 'max_lr',
      type: { kind: 'perGroup', rule: rules.nonNegative },
      doc: 'peak lr (per group or shared)',
    },
    {
      name: 'total_steps',
      type: { kind: 'int', rule: rules.positiveInt },
      default: null,
      doc: 'steps in the cycle (or give epochs and steps_per_epoch)',
    },
    {
      name: 'epochs',
      type: { kind: 'int', rule: rules.positiveInt },
      default: null,
      doc: 'epochs, with steps_per_epoch, when total_steps is None',
    },
    {
      name: 'steps_per_epoch',
      type: { kind: 'int', rule: rules.positiveInt },
      default: null,
      doc: 'batches per epoch, with epochs',
    },
    {
      name: 'pct_start',
      type: { kind: 'number', rule: rules.unitInterval },
      default: 0.3,
      doc: 'fraction of the cycle spent rising',
    },
    {
      name: 'anneal_strategy',
      type: { kind: 'enum', choices: ['cos', 'linear'] },
      default: 'cos',
      doc: 'shape of each phase',
    },
    ...momentumParams(0.85, 0.95),
    {
      name: 'div_factor',
      type: { kind: 'number', rule: rules.positive },
      default: 25.0,
      doc: 'initial lr = max_lr / div_factor',
    },
    {
      name: 'final_div_factor',
      type: { kind: 'number', rule: rules.positive },
      default: 1e4,
      doc: 'final lr = initial lr / final_div_factor',
    },
    {
      name: 'three_phase',
      type: { kind: 'bool' },
      default: false,
      doc: 'up, back down to the initial lr, then to the final lr',
    },
    {
      name: 'past_end',
      type: { kind: 'enum', choices: ['throw', 'hold'] },
      default: 'throw',
      doc: "lrkit: stepping beyond total_steps throws PyTorch's error ('throw') or holds the final lr ('hold')",
    },
    ...torchCommonParams,
  ],
  crossCheck: (a) => {
    if (a.total_steps === null && (a.epochs === null || a.steps_per_epoch === null)) {
      throw new LrkitError(
        'OneCycleLR: give total_steps, or both epochs and steps_per_epoch (PyTorch: "You must define either total_steps OR (epochs AND steps_per_epoch)")',
      );
    }
  },
  build: (a) => {
    const fn = 'OneCycleLR';
    const total =
      (a.total_steps as number | null) ?? (a.epochs as number) * (a.steps_per_epoch as number);
    const shape = a.anneal_strategy as 'cos' | 'linear';
    const cycle = {
      total,
      pctStart: a.pct_start as number,
      threePhase: a.three_phase as boolean,
      shape,
    };
    const div = a.div_factor as number;
    const finalDiv = a.final_div_factor as number;
    const cycleMomentum = a.cycle_momentum as boolean;
    return {
      kind: 'closed-form',
      cyclesMomentum: cycleMomentum,
      end: {
        lastIndex: total,
        policy: a.past_end as 'throw' | 'hold',
        message: (k) =>
          `Tried to step ${k + 1} times. The specified number of total steps is ${total}`,
      },
      bind: (groups) => {
        const n = groups.length;
        const peaks = perGroup(fn, 'max_lr', a.max_lr as number, n);
        const lows = perGroup(fn, 'base_momentum', a.base_momentum as number, n);
        const highs = perGroup(fn, 'max_momentum', a.max_momentum as number, n);
        // Every group follows the same cycle scaled by its max_lr, and momentum the mirrored
        // cycle (max → base → max) between its own bounds: two shapes per step for all groups.
        const lrShape = memoLast(
          oneCycle({ ...cycle, initial: 1 / div, peak: 1, final: 1 / div / finalDiv }),
        );
        const momShape = memoLast(oneCycle({ ...cycle, initial: 1, peak: 0, final: 1 }));
        return groups.map((_g, i) => ({
          lr: scale(lrShape, peaks[i]!),
          momentum: cycleMomentum ? between(momShape, highs[i]!, lows[i]!) : undefined,
        }));
      },
    };
  },
};
