/**
 * timm's schedulers with restarts: CosineLRScheduler, TanhLRScheduler, PolyLRScheduler. Each is
 * one unit shape (the cosine, tanh or polynomial primitive from 1 down to 0 over a cycle) placed
 * in timm's cycles, mapped per param group onto [lr_min, base_lr · cycle_decay^i], behind timm's
 * warm-up and noise.
 */
import { rules } from '../../rules.js';
import { cosine } from '../../schedules/cosine.js';
import { polynomial } from '../../schedules/polynomial.js';
import { tanh } from '../../schedules/tanh.js';
import type { ParamDef, RegistryEntry } from '../../registry/types.js';
import { require } from '../../rules.js';
import {
  checkPowerFinite,
  cycleParams,
  initializeParam,
  kDecayParam,
  lrMinParam,
  noiseParams,
  noiseRange,
  tInEpochsParam,
  tInitialParam,
  timm,
  timmPlan,
  warmupParams,
} from './common.js';
import { cycled, type CycledOptions } from './cycles.js';

type Args = Readonly<Record<string, unknown>>;

function cycleOptions(a: Args): CycledOptions {
  return {
    tInitial: a.t_initial as number,
    mul: a.cycle_mul as number,
    decay: a.cycle_decay as number,
    limit: a.cycle_limit as number,
    lrMin: a.lr_min as number,
    k: (a.k_decay as number | undefined) ?? 1,
  };
}

/** The rules between parameters that the three restart schedulers share. */
function crossCheckCycles(fn: string, a: Args): void {
  noiseRange(fn, a.noise_range_t);
  const limit = a.cycle_limit as number;
  checkPowerFinite(fn, 'cycle_decay', a.cycle_decay as number, limit - 1, '(cycle_limit − 1)');
}

/** The parameters after the shape's own ones, in timm's order. */
function tail(withKDecay: boolean): ParamDef[] {
  return [
    ...cycleParams,
    ...warmupParams(false),
    tInEpochsParam,
    ...noiseParams(42),
    ...(withKDecay ? [kDecayParam] : []),
    initializeParam,
  ];
}

const QUIRKS =
  'Index 0 is the construction value: warmup_lr_init when warmup_t > 0, else the base lr. ' +
  'warmup_t > 0: for t < warmup_t the lr is warmup_lr_init + t·(target − warmup_lr_init)/warmup_t, ' +
  'then the schedule at t − warmup_t (warmup_prefix=True) or at t itself (False: the warm-up ' +
  'overlaps it). Cycles as timm finds them: i = ⌊log(1 − t/t_initial·(1 − cycle_mul), ' +
  'cycle_mul)⌋ with Python’s float log, so where the log rounds below an integer (cycle_mul=10, ' +
  'step 111·t_initial) the restart step still belongs to the previous cycle, as in timm. ' +
  'cycle_mul < 1: all cycles fit in t_initial/(1 − cycle_mul) steps; past that timm raises ' +
  'ValueError (math domain error) even within cycle_limit, lrkit holds lr_min. lr_min and ' +
  'warmup_lr_init are absolute lrs shared by every param group. Noise: for t in noise_range_t ' +
  '([start, end) or ≥ start) the lr is multiplied by 1 + ε(t), ε a standard normal conditioned ' +
  'on |ε| < noise_pct and seeded with noise_seed + t; timm draws ε from torch.Generator, lrkit ' +
  'from its own seeded generator (same distribution, other numbers); noise_std is unused, as in ' +
  'timm. t_in_epochs and initialize are accepted; a step is whatever unit you step in.';

export const CosineLRScheduler: RegistryEntry = {
  ...timm('CosineLRScheduler'),
  doc:
    'Cosine decay with restarts (SGDR) and k-decay: in cycle i of length t_i = t_initial·' +
    'cycle_mul^i, at position t_cur, lr = lr_min + (base_lr·cycle_decay^i − lr_min)·(1 + ' +
    'cos(π·t_cur^k/t_i^k))/2; after cycle_limit cycles lr = lr_min. ' +
    QUIRKS,
  params: [tInitialParam, lrMinParam, ...tail(true)],
  crossCheck: (a) => crossCheckCycles('timm.CosineLRScheduler', a),
  build: (a) => {
    const o = cycleOptions(a);
    return timmPlan('timm.CosineLRScheduler', a, (base) =>
      cycled(o, base, (length) => cosine({ from: 1, to: 0, period: length }), { shape: 'cos' }),
    );
  },
};

export const TanhLRScheduler: RegistryEntry = {
  ...timm('TanhLRScheduler'),
  doc:
    'Hyperbolic-tangent decay with restarts: in cycle i, with p = t_cur/t_i, lr = lr_min + ' +
    '(base_lr·cycle_decay^i − lr_min)·(1 − tanh(lb·(1 − p) + ub·p))/2; after cycle_limit ' +
    'cycles lr = lr_min. Its warm-up (without warmup_prefix) ramps to the tanh value at ' +
    'warmup_t, so it joins the curve continuously. ' +
    QUIRKS,
  params: [
    tInitialParam,
    {
      name: 'lb',
      type: { kind: 'number', rule: rules.finite },
      default: -7.0,
      doc: 'tanh argument at the start of a cycle (must be < ub)',
    },
    {
      name: 'ub',
      type: { kind: 'number', rule: rules.finite },
      default: 3.0,
      doc: 'tanh argument at the end of a cycle',
    },
    lrMinParam,
    ...tail(false),
  ],
  crossCheck: (a) => {
    const fn = 'timm.TanhLRScheduler';
    require(fn, 'ub', (a.ub as number) >
      (a.lb as number), `must be > lb (${a.lb as number})`, a.ub);
    crossCheckCycles(fn, a);
  },
  build: (a) => {
    const o = cycleOptions(a);
    const lb = a.lb as number;
    const ub = a.ub as number;
    const warmupT = a.warmup_t as number;
    return timmPlan(
      'timm.TanhLRScheduler',
      a,
      (base) =>
        cycled(o, base, (length) => tanh({ from: 1, to: 0, steps: length, lb, ub }), {
          shape: 'tanh',
          lb,
          ub,
        }),
      // timm: warmup_steps from `t_v = base_values if warmup_prefix else _get_lr(warmup_t)`
      a.warmup_prefix ? undefined : (_base, curve) => curve(warmupT),
    );
  },
};

export const PolyLRScheduler: RegistryEntry = {
  ...timm('PolyLRScheduler'),
  doc:
    'Polynomial decay with restarts and k-decay: in cycle i, lr = lr_min + (base_lr·' +
    'cycle_decay^i − lr_min)·(1 − t_cur^k/t_i^k)^power; after cycle_limit cycles lr = lr_min. ' +
    QUIRKS,
  params: [
    tInitialParam,
    {
      name: 'power',
      type: { kind: 'number', rule: rules.nonNegative },
      default: 0.5,
      doc: 'exponent of the decay (1: linear; the default 0.5 falls fastest at the end)',
    },
    lrMinParam,
    ...tail(true),
  ],
  crossCheck: (a) => crossCheckCycles('timm.PolyLRScheduler', a),
  build: (a) => {
    const o = cycleOptions(a);
    const power = a.power as number;
    return timmPlan('timm.PolyLRScheduler', a, (base) =>
      cycled(o, base, (length) => polynomial({ from: 1, to: 0, steps: length, power }), {
        shape: 'poly',
        power,
      }),
    );
  },
};
