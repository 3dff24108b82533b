/**
 * ReduceLROnPlateau's state machine, in PyTorch's arithmetic: the best metric so far, the count
 * of bad steps, the cooldown counter. It is the only scheduler that is not a closed form.
 */
import { ParameterError } from '../errors.js';
import type { PlateauOptions } from '../registry/types.js';
import { perGroup } from '../families/plans.js';

export interface PlateauTrackerState {
  best: number;
  numBadEpochs: number;
  cooldownCounter: number;
}

export class PlateauTracker {
  best: number;
  numBadEpochs = 0;
  cooldownCounter = 0;
  private readonly minLrs: number[];

  constructor(
    readonly options: PlateauOptions,
    groups: number,
  ) {
    this.best = options.mode === 'min' ? Infinity : -Infinity;
    this.minLrs = perGroup('ReduceLROnPlateau', 'min_lr', options.min_lr, groups);
  }

  /** Whether `a` improves on `best` (NaN never does). */
  isBetter(a: number, best: number): boolean {
    const { mode, threshold_mode: tm, threshold } = this.options;
    if (mode === 'min') return tm === 'rel' ? a < best * (1 - threshold) : a < best - threshold;
    return tm === 'rel' ? a > best * (threshold + 1) : a > best + threshold;
  }

  /** Takes one metric and returns the groups' new lrs (the same array values if unchanged). */
  step(metric: number, lrs: readonly number[]): number[] {
    if (typeof metric !== 'number') {
      throw new ParameterError('ReduceLROnPlateau.step', 'metric', 'must be a number', metric);
    }
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
    };
  }

  load(s: PlateauTrackerState): void {
    this.best = s.best;
    this.numBadEpochs = s.numBadEpochs;
    this.cooldownCounter = s.cooldownCounter;
  }
}
