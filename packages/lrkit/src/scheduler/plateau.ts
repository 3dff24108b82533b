/**
 * ReduceLROnPlateau's state machine, in PyTorch's arithmetic: the best metric so far, the count
 * of bad steps, the cooldown counter. It is the only scheduler that is not a closed form.
 *
 * timm's PlateauLRScheduler wraps the same machine and adds two things, both driven by options
 * that PyTorch's ReduceLROnPlateau leaves unset: a linear warm-up (`warmup_t`, `warmup_lr_init`)
 * during which metrics are ignored, and multiplicative noise (`noise`) put on top of the lr after
 * each step and taken off again before the next one.
 */
import { LrkitError, ParameterError } from '../errors.js';
import type { PlateauOptions } from '../registry/types.js';
import type { Schedule } from '../schedule.js';
import { linear } from '../schedules/linear.js';
import { perGroup } from '../families/plans.js';

/**
 * Plateau options with timm's noise: `noise(k)` is the factor 1 + ε put on the lr after step k
 * (1 where there is none), as built by the `noise` primitive.
 */
export interface NoisyPlateauOptions extends PlateauOptions {
  readonly noise?: Schedule | undefined;
}

export interface PlateauTrackerState {
  best: number;
  numBadEpochs: number;
  cooldownCounter: number;
  /** With noise: the lrs under the last noisy output, so a resume continues bit-identically. */
  cleanLr?: number[] | undefined;
}

export class PlateauTracker {
  best: number;
  numBadEpochs = 0;
  cooldownCounter = 0;
  private readonly minLrs: number[];
  private readonly warmupT: number;
  private readonly noise: Schedule | undefined;
  /** Each group's warm-up ramp (timm), once the base lrs are known. */
  private ramps: Schedule[] = [];
  /** The last noisy output and the clean lrs under it (noise is taken off before a step). */
  private noisy: { out: readonly number[]; clean: readonly number[] } | undefined;

  constructor(
    readonly options: PlateauOptions,
    groups: number,
  ) {
    this.best = options.mode === 'min' ? Infinity : -Infinity;
    this.minLrs = perGroup('ReduceLROnPlateau', 'min_lr', options.min_lr, groups);
    this.warmupT = options.warmup_t ?? 0;
    this.noise = (options as NoisyPlateauOptions).noise;
  }

  /**
   * The groups' lrs right after construction, given their base lrs: the base lrs themselves, or
   * warmup_lr_init for every group when there is a warm-up (timm). Remembers the base lrs as the
   * ends of the warm-up ramps.
   */
  start(bases: readonly number[]): number[] {
    if (this.warmupT <= 0) return [...bases];
    const from = this.options.warmup_lr_init ?? 0;
    this.ramps = bases.map((to) => linear({ from, to, steps: this.warmupT }));
    return bases.map(() => from);
  }

  /** Whether `a` improves on `best` (NaN never does). */
  isBetter(a: number, best: number): boolean {
    const { mode, threshold_mode: tm, threshold } = this.options;
    if (mode === 'min') return tm === 'rel' ? a < best * (1 - threshold) : a < best - threshold;
    return tm === 'rel' ? a > best * (threshold + 1) : a > best + threshold;
  }

  /**
   * Takes the metric of step k (1-based: the k-th call) and returns the groups' new lrs (the
   * same array values if unchanged). During a warm-up (k ≤ warmup_t) the lr follows the ramp
   * warmup_lr_init + k·(base − warmup_lr_init)/warmup_t and the metric is ignored, as in timm.
   */
  step(metric: number, lrs: readonly number[], k: number): number[] {
    if (typeof metric !== 'number') {
      throw new ParameterError('ReduceLROnPlateau.step', 'metric', 'must be a number', metric);
    }
    if (k <= this.warmupT) {
      if (this.ramps.length !== lrs.length) {
        throw new LrkitError('PlateauTracker: call start(baseLrs) before stepping a warm-up');
      }
      this.noisy = undefined;
      return this.ramps.map((ramp) => ramp(k));
    }
    const next = this.reduce(metric, this.clean(lrs, k));
    const factor = this.noise ? this.noise(k) : 1;
    if (factor === 1) {
      this.noisy = undefined;
      return next;
    }
    const out = next.map((v) => Math.min(v * factor, Number.MAX_VALUE));
    this.noisy = { out, clean: next };
    return out;
  }

  /**
   * The lrs under the noise of the previous step: remembered while stepping; after a resume
   * (state holds the noisy lrs) recovered by dividing the previous step's factor out (≤ 1 ulp).
   */
  private clean(lrs: readonly number[], k: number): readonly number[] {
    if (!this.noise) return lrs;
    const { noisy } = this;
    if (noisy && noisy.out.length === lrs.length && noisy.out.every((v, i) => v === lrs[i])) {
      return noisy.clean;
    }
    const prev = k - 1;
    if (!(prev > this.warmupT)) return lrs;
    const factor = this.noise(prev);
    return factor === 1 ? lrs : lrs.map((v) => v / factor);
  }

  /** One PyTorch ReduceLROnPlateau step. */
  private reduce(metric: number, lrs: readonly number[]): number[] {
    if (this.isBetter(metric, this.best)) {
      this.best = metric;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0; // bad epochs in cooldown do not count
    }
    if (this.numBadEpochs <= this.options.patience) return [...lrs];
    this.cooldownCounter = this.options.cooldown;
    this.numBadEpochs = 0;
    return lrs.map((old, i) => {
      const reduced = Math.max(old * this.options.factor, this.minLrs[i]!);
      return old - reduced > this.options.eps ? reduced : old;
    });
  }

  state(): PlateauTrackerState {
    return {
      best: this.best,
      numBadEpochs: this.numBadEpochs,
      cooldownCounter: this.cooldownCounter,
      cleanLr: this.noisy ? [...this.noisy.clean] : undefined,
    };
  }

  /** Restores the counters; `lastLr` is the output the state was saved with. */
  load(s: PlateauTrackerState, lastLr: readonly number[]): void {
    this.best = s.best;
    this.numBadEpochs = s.numBadEpochs;
    this.cooldownCounter = s.cooldownCounter;
    this.noisy = s.cleanLr ? { out: [...lastLr], clean: [...s.cleanLr] } : undefined;
  }
}
