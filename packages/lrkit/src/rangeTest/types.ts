/** The shapes a learning-rate range test returns (shared by `rangeTest` and `findLearningRate`). */

/** Why the sweep ended. */
export type StopReason = 'completed' | 'diverged' | 'non-finite' | 'aborted';

/**
 * A suggested learning rate and the sweep point it lies at (`index` is the iteration whose lr is
 * nearest to `lr` on a log scale), or `lr: null` with the reason it could not be computed.
 */
export type Suggestion =
  | { readonly lr: number; readonly index: number }
  | { readonly lr: null; readonly index: null; readonly reason: string };

/** The four classic suggestion rules, computed on the smoothed loss. */
export interface RangeTestSuggestions {
  /** Steepest descent of the smoothed loss against log10(lr). */
  steepest: Suggestion;
  /** One tenth of the lr at the minimum of the smoothed loss (Smith's rule of thumb). */
  minimumDiv10: Suggestion;
  /** fastai's default: half-way along the longest valley of the loss. */
  valley: Suggestion;
  /** fastai's interval-slide rule. */
  slide: Suggestion;
}

/** Per-iteration progress, passed to `onProgress` after each step. */
export interface RangeTestProgress {
  /** 0-based iteration just completed. */
  iteration: number;
  /** Total planned iterations. */
  numIter: number;
  lr: number;
  loss: number;
  smoothedLoss: number;
  /** Present when a `validate` function was given. */
  validationLoss?: number;
}

/** What a range test found. Arrays hold one entry per completed iteration with a finite loss. */
export interface RangeTestResult {
  /** The lr used at each iteration. */
  lrs: number[];
  /** The training loss `trainStep` returned at each iteration. */
  losses: number[];
  /** fastai's debiased exponential moving average of `losses`. */
  smoothedLosses: number[];
  /** `validate(lr)` at each iteration, when a `validate` function was given. */
  validationLosses?: number[];
  stopReason: StopReason;
  /** One sentence on why the sweep stopped, e.g. "the loss was NaN at lr 3.2". */
  stopDetail: string;
  suggestions: RangeTestSuggestions;
  /** The lr lrkit recommends, and a sentence saying why (lr null when the sweep is too short). */
  recommended: { lr: number | null; reason: string };
  /** The sweep's settings, so a result (e.g. read back from JSON) can be plotted and explained. */
  settings: {
    startLr: number;
    endLr: number;
    numIter: number;
    mode: 'exp' | 'linear';
    smoothing: number;
    divergeThreshold: number;
    adaptive: boolean;
  };
}
