/**
 * fastai's schedules are functions of training progress pos ∈ [0, 1], not of the step. These are
 * the step → pos mappings lrkit puts in front of them (a "progress" composition): the plain
 * `pos = k / total_steps`, and the per-batch arithmetic of fastai's own training loop.
 */
import { LrkitError } from '../../errors.js';
import { describe } from '../../export/describe.js';
import { check, rules } from '../../rules.js';
import type { Schedule } from '../../schedule.js';

const TWO_53 = 2 ** 53;
const MIN_NORMAL = 2 ** -1022;

/** The binade of a normal double x > 0: its ulp u, with 2^52·u ≤ x < 2^53·u. */
function ulpOf(x: number): number {
  let e = Math.floor(Math.log2(x));
  // log2 can be off by one next to a power of two: correct it with exact comparisons
  if (2 ** e > x) e--;
  else if (2 ** (e + 1) <= x) e++;
  return 2 ** (e - 52);
}

/**
 * `x + d + d + … + d` (j additions, each rounded to double as a loop would): the value of a
 * progress counter that training code advances by repeated addition. Exact, bit for bit, in
 * O(number of binades crossed) instead of O(j): inside one binade every addition rounds to a
 * multiple of the same ulp, so it adds the same increment (after at most one step on a rounding
 * tie), and a run of such additions is one multiplication.
 * @param x start value (finite, ≥ 0).
 * @param d increment (finite, > 0).
 * @param j number of additions (non-negative integer).
 * @example accumulate(0, 0.1, 3) // 0.30000000000000004, as 0 + 0.1 + 0.1 + 0.1
 */
export function accumulate(x: number, d: number, j: number): number {
  check('accumulate', 'x', x, rules.nonNegative);
  check('accumulate', 'd', d, rules.positive);
  check('accumulate', 'j', j, rules.nonNegativeInt);
  let left = j;
  while (left > 0) {
    if (x >= MIN_NORMAL) {
      const u = ulpOf(x);
      const X = x / u; // integer in [2^52, 2^53)
      const D = d / u; // exact (a power-of-two scaling); may be huge or fractional
      const n = Math.floor(D);
      const f = D - n;
      // Additions from X stay in the binade while X_before + D < 2^53: (m − 1)·Δ ≤ M.
      const M = TWO_53 - X - n - 1;
      const tie = f === 0.5;
      if (M >= 0 && !(tie && X % 2 === 1)) {
        // on a tie, an even X rounds to an even result: the increment is the even one of n, n + 1
        const delta = tie ? (n % 2 === 0 ? n : n + 1) : f > 0.5 ? n + 1 : n;
        if (delta === 0) return x; // d is below half an ulp: the counter no longer moves
        let q = Math.floor(M / delta);
        if (q * delta > M) q--; // exact test: M + 1 ≤ 2^53 is representable
        const m = Math.min(left, q + 1);
        x = (X + m * delta) * u;
        left -= m;
        continue;
      }
    }
    x += d; // one addition as written (crossing a binade, a tie on an odd ulp, or subnormal x)
    left--;
  }
  return x;
}

/**
 * Progress of a schedule planned over `totalSteps` steps: `pos(k) = min(k, T) / T`, so the value
 * at pos 1 holds past the end.
 * @example linearProgress(4)(1) // 0.25
 */
export function linearProgress(totalSteps: number): Schedule {
  check('linearProgress', 'totalSteps', totalSteps, rules.positiveInt);
  return describe((k: number) => Math.min(Math.max(k, 0), totalSteps) / totalSteps, {
    kind: 'progress',
    total: totalSteps,
  });
}

/**
 * Progress as fastai's `Learner.fit` computes it (`TrainEvalCallback`): at the start of epoch e,
 * `pct_train = e / n_epoch`, and after every batch `pct_train += 1 / (n_iter · n_epoch)`. Batch
 * k = e·n_iter + j therefore sees the accumulated sum, not k / total (the last batch sees about
 * (total − 1)/total). From k = total on, pos is 1 (the schedule's final value holds); a
 * fractional k uses the batch it falls in.
 * @example fitProgress(3, 7)(8) // 0.38095238095238093 (1/3 + 1/21 by addition)
 */
export function fitProgress(nEpoch: number, stepsPerEpoch: number): Schedule {
  check('fitProgress', 'nEpoch', nEpoch, rules.positiveInt);
  check('fitProgress', 'stepsPerEpoch', stepsPerEpoch, rules.positiveInt);
  const total = nEpoch * stepsPerEpoch;
  if (total > Number.MAX_SAFE_INTEGER) {
    throw new LrkitError(
      `fitProgress: nEpoch·stepsPerEpoch must be at most 2^53 − 1, got ${nEpoch}·${stepsPerEpoch}`,
    );
  }
  const d = 1 / total;
  // the last batch asked for, so that stepping forward costs one addition
  let lastEpoch = -1;
  let lastJ = 0;
  let lastPos = 0;
  const f: Schedule = (k) => {
    const i = Math.floor(Math.max(k, 0));
    if (i >= total) return 1;
    const epoch = Math.floor(i / stepsPerEpoch);
    const j = i - epoch * stepsPerEpoch;
    if (epoch !== lastEpoch || j < lastJ) {
      lastEpoch = epoch;
      lastJ = 0;
      lastPos = epoch / nEpoch;
    }
    lastPos = accumulate(lastPos, d, j - lastJ);
    lastJ = j;
    return lastPos;
  };
  return describe(f, { kind: 'fitProgress', nEpoch, stepsPerEpoch, total, d });
}

/**
 * A schedule of progress evaluated at the steps: `f(k) = schedule(progress(k))`.
 * @example onProgress(linear({ from: 1, to: 0, steps: 1 }), linearProgress(10))(5) // 0.5
 */
export function onProgress(schedule: Schedule, progress: Schedule): Schedule {
  return describe((k: number) => schedule(progress(k)), {
    kind: 'compose',
    schedule,
    inner: progress,
  });
}
