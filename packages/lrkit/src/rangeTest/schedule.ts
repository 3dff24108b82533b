/** From a range test to a ready schedule, in one call. */
import { LrkitError, ParameterError } from '../errors.js';
import { toSchedule } from '../registry/index.js';
import type { Schedule } from '../schedule.js';
import { formatLr } from './recommend.js';
import type { RangeTestResult, RangeTestSuggestions } from './types.js';

/** Options of {@link scheduleFromRangeTest}. */
export interface ScheduleFromRangeTestOptions {
  /** Optimizer steps of the whole training run, a positive integer (required). */
  totalSteps: number;
  /**
   * 'one-cycle' (default): the 1cycle policy peaking at the chosen lr; 'warmup-cosine': a linear
   * warm-up to the chosen lr, then cosine decay to 0.
   */
  kind?: 'one-cycle' | 'warmup-cosine';
  /**
   * Whose spelling and defaults: one-cycle: 'torch' (OneCycleLR, default) or 'fastai'
   * (fit_one_cycle); warmup-cosine: 'torch' (SequentialLR of LinearLR and CosineAnnealingLR,
   * default) or 'transformers' (get_cosine_schedule_with_warmup).
   */
  family?: 'torch' | 'fastai' | 'transformers';
  /** Which lr of the result to build on: 'recommended' (default) or one of the suggestions. */
  use?: 'recommended' | keyof RangeTestSuggestions;
  /** Warm-up steps for 'warmup-cosine', an integer in [1, totalSteps) (default: 5% of totalSteps, at least 1). */
  warmupSteps?: number;
}

/** A schedule built from a range test: spec text, the base lr it needs, and its pure closed form. */
export interface RangeTestSchedule {
  /** Spec text for `Scheduler`, `curve`, the CLI and code export, e.g. `OneCycleLR(max_lr=0.03, total_steps=1000)`. */
  spec: string;
  /** The base lr to give the optimizer / `new Scheduler(spec, { lr })`. */
  lr: number;
  /** lr as a function of the step (0-based), the same values `Scheduler` produces. */
  schedule: Schedule;
  /** The peak lr the schedule reaches (the lr taken from the range test). */
  peakLr: number;
  /** One sentence: what was built from which lr. */
  reason: string;
}

const FN = 'scheduleFromRangeTest';

/** Spec numbers: short but exact enough (6 significant digits). */
function num(x: number): string {
  return String(Number(x.toPrecision(6)));
}

/**
 * Turns a range-test result into a ready schedule: by default PyTorch's OneCycleLR with
 * `max_lr` = the recommended lr (6 significant digits), over `totalSteps`.
 *
 * - one-cycle, torch: `OneCycleLR(max_lr=L, total_steps=N)`
 * - one-cycle, fastai: `fastai.fit_one_cycle(lr_max=L, total_steps=N)`
 * - warmup-cosine, torch: `SequentialLR(schedulers=[LinearLR(start_factor=1/W, total_iters=W),
 *   CosineAnnealingLR(T_max=N−W)], milestones=[W])` with base lr L
 * - warmup-cosine, transformers: `get_cosine_schedule_with_warmup(num_warmup_steps=W,
 *   num_training_steps=N)` with base lr L
 * @param result a {@link RangeTestResult} (from `rangeTest` or `findLearningRate`, or its JSON)
 * @param options `totalSteps` (required), `kind`, `family`, `use`, `warmupSteps`
 * @throws LrkitError when the chosen lr is null (the result says why)
 * @example
 * const { spec, lr } = scheduleFromRangeTest(result, { totalSteps: 1000 });
 * // spec 'OneCycleLR(max_lr=0.0316, total_steps=1000)'
 * const scheduler = new Scheduler(spec, { lr });
 */
export function scheduleFromRangeTest(
  result: Pick<RangeTestResult, 'recommended' | 'suggestions'>,
  options: ScheduleFromRangeTestOptions,
): RangeTestSchedule {
  const { totalSteps, kind = 'one-cycle', use = 'recommended' } = options ?? ({} as never);
  if (!Number.isInteger(totalSteps) || totalSteps < 1) {
    throw new ParameterError(FN, 'totalSteps', 'must be a positive integer', totalSteps);
  }
  if (kind !== 'one-cycle' && kind !== 'warmup-cosine') {
    throw new ParameterError(FN, 'kind', "must be 'one-cycle' or 'warmup-cosine'", kind);
  }
  const family = options.family ?? 'torch';
  const families = kind === 'one-cycle' ? ['torch', 'fastai'] : ['torch', 'transformers'];
  if (!families.includes(family)) {
    throw new ParameterError(
      FN,
      'family',
      `must be '${families.join("' or '")}' for ${kind}`,
      family,
    );
  }
  const choices = ['recommended', 'steepest', 'minimumDiv10', 'valley', 'slide'];
  if (!choices.includes(use)) {
    throw new ParameterError(FN, 'use', `must be one of ${choices.join(', ')}`, use);
  }
  const picked = use === 'recommended' ? result.recommended : result.suggestions[use];
  if (picked.lr === null || !(picked.lr > 0) || !Number.isFinite(picked.lr)) {
    const why = 'reason' in picked ? picked.reason : '';
    throw new LrkitError(`${FN}: the range test gave no ${use} lr: ${why}`);
  }
  const L = Number(picked.lr.toPrecision(6));
  let spec: string;
  let lr: number;
  let what: string;
  if (kind === 'one-cycle') {
    lr = L;
    spec =
      family === 'fastai'
        ? `fastai.fit_one_cycle(lr_max=${num(L)}, total_steps=${totalSteps})`
        : `OneCycleLR(max_lr=${num(L)}, total_steps=${totalSteps})`;
    what = `a one-cycle schedule peaking at ${formatLr(L)}`;
  } else {
    const W = options.warmupSteps ?? Math.max(1, Math.round(totalSteps * 0.05));
    if (!Number.isInteger(W) || W < 1 || W >= totalSteps) {
      throw new ParameterError(
        FN,
        'warmupSteps',
        `must be an integer in [1, totalSteps) = [1, ${totalSteps})`,
        W,
      );
    }
    lr = L;
    spec =
      family === 'transformers'
        ? `get_cosine_schedule_with_warmup(num_warmup_steps=${W}, num_training_steps=${totalSteps})`
        : `SequentialLR(schedulers=[LinearLR(start_factor=${num(1 / W)}, total_iters=${W}), CosineAnnealingLR(T_max=${totalSteps - W})], milestones=[${W}])`;
    what = `a ${W}-step linear warm-up to ${formatLr(L)}, then cosine decay`;
  }
  return {
    spec,
    lr,
    schedule: toSchedule(spec, lr),
    peakLr: L,
    reason: `Built ${what} over ${totalSteps} steps from the range test's ${use} lr.`,
  };
}
