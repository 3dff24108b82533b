/**
 * fastai's `Learner.fit_*` policies as schedules of the step: fit_one_cycle, fit_flat_cos and
 * fit_sgdr. Each is the combined schedule of progress fastai builds, run over the fit's batches
 * (`total_steps`, or `n_epoch`·`steps_per_epoch` with fastai's own per-batch progress). The lr
 * carries its own scale, per param group when it is a list; None takes each group's lr.
 */
import { memoLast } from '../../compose/memo.js';
import { ParameterError } from '../../errors.js';
import { rules } from '../../rules.js';
import type { Schedule } from '../../schedule.js';
import type { ClosedFormPlan, ParamDef, RegistryEntry } from '../../registry/types.js';
import { closedForm, perGroup } from '../plans.js';
import { combineScheds } from './combine.js';
import {
  cbsParam,
  checkFitProgress,
  cycleMomentumParam,
  fastai,
  fitPositions,
  fitTotalStepsParam,
  lrParam,
  nEpochParam,
  resetOptParam,
  startEpochParam,
  stepsPerEpochParam,
  wdParam,
  type Args,
} from './common.js';
import { checkPct, combinedCos } from './composite.js';
import { annealers } from './sched.js';
import { onProgress } from './progress.js';

/** fastai's `Learner` default `moms`. */
export const DEFAULT_MOMS = [0.95, 0.85, 0.95] as const;

type LrValue = number | readonly number[] | null;

/** `lr / div`, rejected (naming `param`) where it would overflow. */
function divided(fn: string, param: string, lrName: string, lr: number, div: number): number {
  const v = lr / div;
  if (!Number.isFinite(v)) {
    throw new ParameterError(
      fn,
      param,
      `must keep ${lrName}/${param} finite (${lrName} ${lr})`,
      div,
    );
  }
  return v;
}

/** The given lr values (None: none known before the groups are). */
function givenLrs(lr: LrValue): readonly number[] {
  return lr === null ? [] : typeof lr === 'number' ? [lr] : lr;
}

/**
 * The plan of a fit: group i follows `shape(lr_i)` (a function of pos) at the fit's positions,
 * lr_i from the lr argument (one shared number, one per group, or None: the group's own lr).
 * `momentum`, a function of pos, is shared by every group.
 */
function fitPlan(
  fn: string,
  param: string,
  lr: LrValue,
  positions: Schedule,
  shape: (lr: number) => Schedule,
  momentum?: Schedule,
): ClosedFormPlan {
  const shared = memoLast(positions);
  const mom = momentum && memoLast(onProgress(momentum, shared));
  const fixed = typeof lr === 'number' ? memoLast(onProgress(shape(lr), shared)) : undefined;
  return closedForm(
    (g, i, groups) => {
      if (fixed) return { lr: fixed, momentum: mom };
      const v = lr === null ? g.lr : perGroup(fn, param, lr as number[], groups.length)[i]!;
      return { lr: onProgress(shape(v), shared), momentum: mom };
    },
    { cyclesMomentum: mom !== undefined },
  );
}

const pctStartParam = (value: number, doc: string): ParamDef => ({
  name: 'pct_start',
  type: { kind: 'number', rule: rules.unitInterval },
  default: value,
  doc,
});

const divFinalParam: ParamDef = {
  name: 'div_final',
  type: { kind: 'number', rule: rules.positive },
  default: 1e5,
  doc: 'final lr = lr_max / div_final',
};

export const fit_one_cycle: RegistryEntry = {
  ...fastai('fit_one_cycle'),
  doc:
    'fastai’s 1cycle policy, per batch: lr = combined_cos(pct_start, lr_max/div, lr_max, ' +
    'lr_max/div_final) and momentum (Adam: beta1) = combined_cos(pct_start, *moms) of progress ' +
    'pos — cosine up from lr_max/div to lr_max over pct_start of the fit, then cosine down to ' +
    'lr_max/div_final. Its defaults differ from PyTorch’s OneCycleLR: pct_start 0.25 (not 0.3), ' +
    'final lr lr_max/1e5 (not max_lr/(25·1e4) = max_lr/2.5e5) reached at pos 1, moms ' +
    '(0.95, 0.85, 0.95), and the phase boundary is fastai’s float32 pct, not step pct·T − 1. ' +
    'Positions: k/total_steps, or n_epoch with steps_per_epoch for fastai’s accumulated ' +
    'per-batch progress (its last batch sees pos (total − 1)/total, above the final lr); the ' +
    'final value holds past the end.',
  params: [
    nEpochParam,
    lrParam('lr_max', 'peak lr'),
    {
      name: 'div',
      type: { kind: 'number', rule: rules.positive },
      default: 25.0,
      doc: 'initial lr = lr_max / div',
    },
    divFinalParam,
    pctStartParam(0.25, 'fraction of progress spent warming up'),
    wdParam,
    {
      name: 'moms',
      type: { kind: 'numberList', rule: rules.unitInterval },
      default: null,
      doc: 'momentum (Adam: beta1) at pos 0, at pct_start and at pos 1 (None: the Learner default (0.95, 0.85, 0.95))',
    },
    cbsParam,
    resetOptParam,
    startEpochParam,
    fitTotalStepsParam,
    stepsPerEpochParam,
    cycleMomentumParam,
  ],
  crossCheck: (a) => {
    const fn = 'fastai.fit_one_cycle';
    checkFitProgress(fn, a, a.n_epoch as number | null, 'n_epoch');
    checkPct(fn, 'pct_start', a.pct_start as number);
    const moms = a.moms as number[] | null;
    if (moms !== null && moms.length !== 3) {
      throw new ParameterError(fn, 'moms', 'must have exactly 3 values (start, middle, end)', moms);
    }
    for (const lr of givenLrs(a.lr_max as LrValue)) oneCycleLrs(a, lr);
  },
  build: (a) => {
    const pct = a.pct_start as number;
    const [m0, m1, m2] = (a.moms as number[] | null) ?? DEFAULT_MOMS;
    return fitPlan(
      'fastai.fit_one_cycle',
      'lr_max',
      a.lr_max as LrValue,
      fitPositions(a, a.n_epoch as number | null),
      (lr) => combinedCos(pct, ...oneCycleLrs(a, lr)),
      a.cycle_momentum ? combinedCos(pct, m0!, m1!, m2!) : undefined,
    );
  },
};

/** fit_one_cycle's start, peak and final lr for a peak lr. */
function oneCycleLrs(a: Args, lr: number): [number, number, number] {
  const fn = 'fastai.fit_one_cycle';
  return [
    divided(fn, 'div', 'lr_max', lr, a.div as number),
    lr,
    divided(fn, 'div_final', 'lr_max', lr, a.div_final as number),
  ];
}

export const fit_flat_cos: RegistryEntry = {
  ...fastai('fit_flat_cos'),
  doc:
    'fastai’s flat-then-cosine policy, per batch: lr = combined_cos(pct_start, lr, lr, ' +
    'lr/div_final) of progress pos — flat at lr for pos below pct_start (fastai’s float32 ' +
    'boundary), then a cosine down to lr/div_final at pos 1; momentum is left alone. Positions: ' +
    'k/total_steps, or n_epoch with steps_per_epoch (fastai’s per-batch progress); the final ' +
    'value holds past the end.',
  params: [
    nEpochParam,
    lrParam('lr', 'lr of the flat phase'),
    { ...divFinalParam, doc: 'final lr = lr / div_final' },
    pctStartParam(0.75, 'fraction of progress spent flat'),
    wdParam,
    cbsParam,
    resetOptParam,
    startEpochParam,
    fitTotalStepsParam,
    stepsPerEpochParam,
  ],
  crossCheck: (a) => {
    const fn = 'fastai.fit_flat_cos';
    checkFitProgress(fn, a, a.n_epoch as number | null, 'n_epoch');
    checkPct(fn, 'pct_start', a.pct_start as number);
    for (const lr of givenLrs(a.lr as LrValue)) {
      divided(fn, 'div_final', 'lr', lr, a.div_final as number);
    }
  },
  build: (a) => {
    const fn = 'fastai.fit_flat_cos';
    const pct = a.pct_start as number;
    return fitPlan(fn, 'lr', a.lr as LrValue, fitPositions(a, a.n_epoch as number | null), (lr) =>
      combinedCos(pct, lr, lr, divided(fn, 'div_final', 'lr', lr, a.div_final as number)),
    );
  },
};

/**
 * fit_sgdr's epoch count, `cycle_len·(cycle_mult^n_cycles − 1)/(cycle_mult − 1)`, and the
 * fraction of the fit each cycle takes, `cycle_len·cycle_mult^i / n_epoch`, in fastai's
 * arithmetic (exact integers, one correctly rounded division each).
 */
export function sgdrCycles(a: Args): { nEpoch: number; pcts: number[] } {
  const n = a.n_cycles as number;
  const len = a.cycle_len as number;
  const mult = a.cycle_mult as number;
  const lengths: number[] = [];
  let nEpoch = 0;
  for (let i = 0; i < n; i++) {
    lengths.push(len * mult ** i);
    nEpoch += lengths[i]!;
    if (nEpoch > Number.MAX_SAFE_INTEGER) {
      throw new ParameterError(
        'fastai.fit_sgdr',
        'n_cycles',
        'must keep the fit at most 2^53 − 1 epochs (cycle_len·(cycle_mult^n_cycles − 1)/(cycle_mult − 1))',
        n,
      );
    }
  }
  return { nEpoch, pcts: lengths.map((l) => l / nEpoch) };
}

export const fit_sgdr: RegistryEntry = {
  ...fastai('fit_sgdr'),
  doc:
    'fastai’s SGDR, per batch: n_cycles cosines from lr_max down to 0, cycle i lasting ' +
    'cycle_len·cycle_mult^i epochs of a fit of n_epoch = cycle_len·(cycle_mult^n_cycles − 1)/' +
    '(cycle_mult − 1) epochs: combine_scheds(pcts, [SchedCos(lr_max, 0), ...]) of progress pos. ' +
    'As in fastai, the float32 cumulative pcts can put a restart one step late (3 cycles over 70 ' +
    'steps restart at 10 and 31, not 30), and cycle_mult must be ≥ 2 (fastai divides by ' +
    'cycle_mult − 1). Positions: k/total_steps, or steps_per_epoch with that n_epoch (fastai’s ' +
    'per-batch progress); the final value (0) holds past the end.',
  params: [
    {
      name: 'n_cycles',
      type: { kind: 'int', rule: rules.positiveInt },
      doc: 'number of cosine cycles',
    },
    {
      name: 'cycle_len',
      type: { kind: 'int', rule: rules.positiveInt },
      doc: 'epochs of the first cycle',
    },
    lrParam('lr_max', 'lr at the start of every cycle'),
    {
      name: 'cycle_mult',
      type: {
        kind: 'int',
        rule: {
          text: 'must be an integer ≥ 2 (fastai divides by cycle_mult − 1)',
          test: (v) => Number.isInteger(v) && v >= 2,
        },
      },
      default: 2,
      doc: 'each cycle is cycle_mult times longer than the one before',
    },
    cbsParam,
    resetOptParam,
    wdParam,
    startEpochParam,
    fitTotalStepsParam,
    stepsPerEpochParam,
  ],
  crossCheck: (a) => {
    const { nEpoch } = sgdrCycles(a);
    checkFitProgress('fastai.fit_sgdr', a, nEpoch, undefined);
  },
  build: (a) => {
    const { nEpoch, pcts } = sgdrCycles(a);
    return fitPlan(
      'fastai.fit_sgdr',
      'lr_max',
      a.lr_max as LrValue,
      fitPositions(a, nEpoch),
      (lr) =>
        combineScheds(
          pcts,
          pcts.map(() => annealers.cos(lr, 0)),
        ),
    );
  },
};
