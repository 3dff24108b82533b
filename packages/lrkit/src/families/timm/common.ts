/**
 * What the timm scheduler entries share: the `timm.` naming, the parameters every
 * `timm.scheduler` class has (warm-up, noise, `t_in_epochs`, `initialize`), and the plan that
 * wraps each class's `_get_lr` the way timm's base `Scheduler` does: the construction value at
 * index 0, the linear warm-up, then the noise.
 */
import { clamp } from '../../compose/clamp.js';
import { join } from '../../compose/join.js';
import { memoLast } from '../../compose/memo.js';
import { product } from '../../compose/product.js';
import { ParameterError } from '../../errors.js';
import { describe } from '../../export/describe.js';
import { rules, type Rule } from '../../rules.js';
import type { Schedule } from '../../schedule.js';
import { constant } from '../../schedules/constant.js';
import { linear } from '../../schedules/linear.js';
import { noise, type NoiseRange } from '../../schedules/noise.js';
import type { ClosedFormPlan, ParamDef } from '../../registry/types.js';
import { closedForm } from '../plans.js';

type Args = Readonly<Record<string, unknown>>;

/**
 * The naming of a timm entry: `timm.<ClassName>`, also found by the bare class name that a line
 * pasted from a training script carries (`CosineLRScheduler(optimizer, t_initial=...)`).
 */
export const timm = (name: string) => ({
  name,
  family: 'timm' as const,
  qualifiedName: `timm.${name}`,
  aliases: [name],
});

/** `t_initial`: timm asserts > 0 and types it int. */
export const tInitialParam: ParamDef = {
  name: 't_initial',
  type: { kind: 'int', rule: rules.positiveInt },
  doc: 'steps of the first cycle (updates, or epochs: whatever unit you step in)',
};

/** `lr_min`: an absolute lr shared by every param group (timm asserts ≥ 0). */
export const lrMinParam: ParamDef = {
  name: 'lr_min',
  type: { kind: 'number', rule: rules.nonNegative },
  default: 0,
  doc: 'lowest lr, absolute (the same for every param group)',
};

/** The restart parameters of the Cosine, Tanh and Poly schedulers. */
export const cycleParams: readonly ParamDef[] = [
  {
    name: 'cycle_mul',
    type: { kind: 'number', rule: rules.positive },
    default: 1,
    doc: 'each cycle is cycle_mul times as long as the one before (< 1: shorter)',
  },
  {
    name: 'cycle_decay',
    type: { kind: 'number', rule: rules.nonNegative },
    default: 1,
    doc: 'cycle i peaks at base_lr · cycle_decay^i',
  },
  {
    name: 'cycle_limit',
    type: { kind: 'int', rule: rules.nonNegativeInt },
    default: 1,
    doc: 'number of cycles; after them the lr stays at lr_min',
  },
];

/** warmup_t, warmup_lr_init, warmup_prefix (whose default differs between classes). */
export function warmupParams(prefixDefault: boolean): ParamDef[] {
  return [
    {
      name: 'warmup_t',
      type: { kind: 'int', rule: rules.nonNegativeInt },
      default: 0,
      doc: 'steps of linear warm-up from warmup_lr_init (0: none)',
    },
    {
      name: 'warmup_lr_init',
      type: { kind: 'number', rule: rules.nonNegative },
      default: 0,
      doc: 'lr at step 0 of the warm-up, absolute (the same for every param group)',
    },
    {
      name: 'warmup_prefix',
      type: { kind: 'bool' },
      default: prefixDefault,
      doc: 'True: the schedule starts after the warm-up (t − warmup_t); False: the warm-up overlaps its first warmup_t steps',
    },
  ];
}

export const tInEpochsParam: ParamDef = {
  name: 't_in_epochs',
  type: { kind: 'bool' },
  default: true,
  doc: 'accepted for pasted lines; lrkit counts in whatever unit you step (updates or epochs)',
};

export const initializeParam: ParamDef = {
  name: 'initialize',
  type: { kind: 'bool' },
  default: true,
  doc: "accepted for pasted lines (timm: set the groups' initial_lr); lrkit takes base lrs from --lr",
};

export const kDecayParam: ParamDef = {
  name: 'k_decay',
  type: { kind: 'number', rule: rules.positive },
  default: 1.0,
  doc: 'k-decay exponent: the position in a cycle is measured as t_cur^k / t_i^k (1: plain)',
};

const safeInteger: Rule = {
  text: 'must be a safe integer (|n| < 2^53)',
  test: (v) => Number.isSafeInteger(v),
};

/** The noise parameters, in timm's order; PlateauLRScheduler also has `noise_type`. */
export function noiseParams(seedDefault: number | null, withType = false): ParamDef[] {
  return [
    {
      name: 'noise_range_t',
      type: { kind: 'raw', describe: 'None, a step, or a [start, end] pair of steps' },
      default: null,
      doc: 'steps with lr noise: [start, end), or every step ≥ a single number (None: no noise)',
    },
    ...(withType
      ? [
          {
            name: 'noise_type',
            type: { kind: 'enum', choices: ['normal', 'uniform'] },
            default: 'normal',
            doc: "'normal': truncated standard normal; 'uniform': uniform on [−noise_pct, noise_pct)",
          } satisfies ParamDef,
        ]
      : []),
    {
      name: 'noise_pct',
      type: { kind: 'number', rule: rules.unitIntervalOpenLeft },
      default: 0.67,
      doc: 'bound on the relative noise |ε| (lr · (1 + ε)), in (0, 1]',
    },
    {
      name: 'noise_std',
      type: { kind: 'number', rule: rules.nonNegative },
      default: 1.0,
      doc: 'accepted and unused, as in timm (the normal noise has std 1 before the noise_pct cut)',
    },
    {
      name: 'noise_seed',
      type: { kind: 'int', rule: safeInteger },
      default: seedDefault,
      doc: 'seed: the noise at step t is drawn with seed noise_seed + t (None: 42)',
    },
  ];
}

/** Validates `noise_range_t` (a raw value) and returns it as a NoiseRange, or null. */
export function noiseRange(fn: string, value: unknown): NoiseRange | null {
  if (value === null || value === undefined) return null;
  const finite = (v: unknown, name: string): number => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ParameterError(fn, name, 'must be a finite number', v);
    }
    return v;
  };
  if (typeof value === 'number') return finite(value, 'noise_range_t');
  if (Array.isArray(value) && value.length === 2) {
    return [finite(value[0], 'noise_range_t[0]'), finite(value[1], 'noise_range_t[1]')];
  }
  throw new ParameterError(
    fn,
    'noise_range_t',
    'must be None, a step, or a [start, end] pair of steps',
    value instanceof Map ? Object.fromEntries(value) : value,
  );
}

/** The shared noise factor 1 + ε(t) of a timm scheduler, or undefined without noise. */
export function noiseOf(fn: string, a: Args): Schedule | undefined {
  const range = noiseRange(fn, a.noise_range_t);
  if (range === null) return undefined;
  return memoLast(
    noise({
      range,
      pct: a.noise_pct as number,
      seed: (a.noise_seed as number | null) ?? 42,
      type: (a.noise_type as 'normal' | 'uniform' | undefined) ?? 'normal',
    }),
  );
}

/** A ParameterError unless `base^n` stays finite (growing per-cycle or per-milestone factors). */
export function checkPowerFinite(
  fn: string,
  param: string,
  base: number,
  n: number,
  what: string,
): void {
  if (base > 1 && !Number.isFinite(base ** n)) {
    throw new ParameterError(fn, param, `must keep ${param}^${what} finite`, base);
  }
}

/**
 * The plan of a timm scheduler, per param group with base lr b:
 * - index 0 is the construction value: warmup_lr_init if warmup_t > 0, else b (timm sets the
 *   group lrs in `__init__`, not from `_get_lr(0)`);
 * - for 0 < t < warmup_t a linear ramp from warmup_lr_init to `rampTo(b)` (default b);
 * - then `curve(b)` at timm's t: t − warmup_t with warmup_prefix, else t itself;
 * - every value for t ≥ 1 times the noise factor 1 + ε(t) in the noise range (saturating at the
 *   largest double, which only an lr above 9e307 could reach).
 */
export function timmPlan(
  fn: string,
  a: Args,
  curve: (base: number) => Schedule,
  rampTo?: (base: number, curve: Schedule) => number,
): ClosedFormPlan {
  const warmupT = a.warmup_t as number;
  const init = a.warmup_lr_init as number;
  const prefix = a.warmup_prefix as boolean;
  const jitter = noiseOf(fn, a);
  return closedForm((g) => {
    const main = curve(g.lr);
    let body = main;
    if (warmupT > 0) {
      const to = rampTo ? rampTo(g.lr, main) : g.lr;
      const after: Schedule = prefix
        ? main
        : describe((u: number) => main(u + warmupT), {
            kind: 'shift',
            schedule: main,
            by: warmupT,
          });
      body = join([linear({ from: init, to, steps: warmupT }), after], [warmupT]);
    }
    if (jitter) body = clamp(product([body, jitter]), { max: Number.MAX_VALUE });
    const initial = constant(warmupT > 0 ? init : g.lr);
    return { lr: join([initial, body], [0], { at: 'previous' }) };
  });
}
