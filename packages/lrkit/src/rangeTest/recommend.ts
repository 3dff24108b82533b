/**
 * The recommended learning rate of a range test: a rule built to stay below the edge of
 * divergence, checked against the known answer on quadratics (GD on ½wᵀHw diverges for
 * lr > 2/λ_max).
 */
import type { StopReason } from './types.js';

/** An lr for a sentence: 3 significant digits (`0.0123`, `3.16e-5`). */
export function formatLr(lr: number): string {
  return lr >= 1e-3 && lr < 1e4 ? String(Number(lr.toPrecision(3))) : lr.toPrecision(3);
}

/** What {@link recommendLr} needs to know about the sweep besides its arrays. */
export interface RecommendOptions {
  stopReason: StopReason;
  /**
   * The optimizer adapts its step per parameter (Adam, Adamax, RMSProp, Adagrad): the
   * divergence-rate bound, which models (momentum) gradient descent, does not apply, and the
   * recommendation is the lr of the smoothed minimum ÷ 10 (Smith's and fastai's rule). Default false.
   */
  adaptive?: boolean;
}

/**
 * Recommends one learning rate from a sweep (lrs, raw losses as `trainStep` returned them, and
 * their smoothed values). For gradient descent (with or without momentum) it is the smaller of
 * two bounds:
 *
 * 1. **minimum ÷ K**: `lr[m] / K`, with m the index of the lowest smoothed loss (searched after
 *    the first tenth of the sweep, the moving average's warm-up). The lowest point of the curve
 *    is not a safe lr: divergence starts before it shows, because the unstable directions must
 *    first grow back from where the smaller lrs had pushed them, and the moving average lags the
 *    raw loss (β = 0.98 averages over ~50 steps). K = 3 when the sweep saw the edge (the raw
 *    loss blew up to at least 100× its lowest value, long enough for bound 2 to read the rate
 *    cleanly), K = 10 when it did not (the smoothed loss still falling at the end, a shallow
 *    rise, or a sweep stopped early: the edge may lie well before the minimum; on quadratics the
 *    smoothed minimum lands up to ~10× past the edge 2/λ_max).
 * 2. **half the edge read from the blow-up rate**: once the loss diverges, the unstable
 *    direction dominates and, for gradient descent at lr η on curvature λ, the loss is
 *    multiplied by (ηλ − 1)² per step. Each rising pair of raw losses after the minimum that is
 *    part of the blow-up (L[i+1] at least twice the lowest raw loss so far, `base`), with growth
 *    ρ = L[i+1] / L[i] — or, when L[i] is itself at least 2·base, the growth of the excess over
 *    base, which isolates the unstable direction from the rest of the loss, if larger — thus
 *    estimates λ ≈ (1 + √ρ)/η[i] and the edge 2/λ; the bound is half the smallest such edge,
 *    η[i] / (1 + √ρ): GD's best lr 1/λ for that direction. Pairs are read up to the first one
 *    that starts at 10× base (by then the unstable direction dominates the loss; later pairs see
 *    weights far from where one trains, and a network's curvature grows as its weights blow up).
 *
 * For adaptive optimizers (`adaptive: true`) it is `lr[m] / 10`. Returns null when the sweep has
 * fewer than 2 points or the smoothed loss never fell after that first tenth.
 *
 * Measured on ~19,000 random quadratics drawn as in the ground-truth test (dimensions 10–50,
 * condition numbers 10–10⁴, λ_max 0.5–300, log-uniform or one-outlier spectra, loss reported
 * before or after the step, 0 or 5% noise on the reported loss; the default sweep, 1e-7 → 10 in
 * 100 steps, β 0.98): the recommendation lay between 0.18 and 0.88 × 2/λ_max with gradient noise
 * 0.01–0.3× the first gradient (median ≈ 0.45), 0.25–0.83 × without it, and 0.04–0.89 × with
 * heavy noise (0.3–3×). Neither margin can be narrowed: a single pair of noisy losses can
 * under-read the growth and put the edge estimate up to 2× too high (0.6 of it instead of ½
 * gave divergent lrs on some problems), and where bound 1 was the smaller it came to 0.87× the
 * edge.
 *
 * It cannot see an edge the sweep never showed: when the smoothed loss was still falling at endLr
 * it says so, and a sweep too coarse to resolve the edge (e.g. linear steps larger than it) can
 * exceed it. Known exception: without gradient noise, an exp-sweep lr that lands within ~0.01% of
 * 1/λ_max all but erases that direction, which then needs more steps to grow back than the sweep
 * has; no rule reading the loss can see that edge (1 of ~9,300 noise-free problems sampled: the
 * recommendation was 1.18 × 2/λ_max).
 * @param lrs the lr of each iteration
 * @param losses the raw losses (same length)
 * @param smoothed the smoothed losses (same length)
 * @param options the stop reason (mentioned in the sentence) and whether the optimizer is adaptive
 * @returns `{ lr, reason }`, the reason being one sentence for the user
 * @example recommendLr(result.lrs, result.losses, result.smoothedLosses, { stopReason: 'diverged' })
 *   // { lr: 1.43, reason: 'Half the divergence edge read from the blow-up: the loss grew 154× …' }
 */
export function recommendLr(
  lrs: readonly number[],
  losses: readonly number[],
  smoothed: readonly number[],
  options: RecommendOptions,
): { lr: number | null; reason: string } {
  const n = lrs.length;
  if (n < 2) {
    return {
      lr: null,
      reason: `The sweep recorded ${n} point${n === 1 ? '' : 's'} (${options.stopReason}); at least 2 are needed to recommend an lr.`,
    };
  }
  // the first tenth is the moving average's warm-up (as in fastai's suggestions)
  const skip = Math.floor(n / 10);
  let m = skip;
  for (let i = skip + 1; i < n; i++) if (smoothed[i]! < smoothed[m]!) m = i;
  // (decreases within rounding, ~1e-12 relative, do not count)
  if (!(smoothed[m]! < smoothed[skip]! - 1e-12 * Math.abs(smoothed[skip]!))) {
    return {
      lr: null,
      reason: `The smoothed loss never fell after the first tenth of the sweep: even lr ${formatLr(lrs[skip]!)} may be too high (start lower), or the model does not learn.`,
    };
  }
  const late =
    m === n - 1 && options.stopReason === 'completed'
      ? ' The smoothed loss was still falling at the end of the sweep: rerun with a higher endLr to see where it diverges.'
      : '';
  if (options.adaptive) {
    return {
      lr: lrs[m]! / 10,
      reason: `One tenth of the lr where the smoothed loss was lowest (${formatLr(lrs[m]!)}), the rule for adaptive optimizers.${late}`,
    };
  }
  let byRate = Infinity;
  let rateAt = -1;
  let rho = 1;
  let rhoOfExcess = false;
  let rateBase = 0;
  let base = Infinity;
  let peak = 0;
  for (let i = 0; i < m; i++) base = Math.min(base, losses[i]!);
  let done = false;
  for (let i = m; i + 1 < n; i++) {
    base = Math.min(base, losses[i]!);
    peak = Math.max(peak, losses[i + 1]! / base);
    if (done) continue;
    const next = losses[i + 1]!;
    const raw = next / losses[i]!;
    if (!(losses[i]! > 0) || !(raw > 1) || !(base > 0) || !(next >= 2 * base)) continue;
    const excess = losses[i]! >= 2 * base ? (next - base) / (losses[i]! - base) : 0;
    const r = Math.max(raw, excess);
    const bound = lrs[i]! / (1 + Math.sqrt(r));
    if (bound < byRate) {
      byRate = bound;
      rateAt = i;
      rho = r;
      // (named only where it shows: the raw growth, to 3 digits, would be a different number)
      rhoOfExcess = raw.toPrecision(3) !== r.toPrecision(3);
      rateBase = base;
    }
    // the first pair starting at 10× base is read last: the unstable direction dominates it, and
    // later pairs see weights far from where one trains (a network's curvature grows as they blow up)
    if (losses[i]! >= 10 * base) done = true;
  }
  // the sweep saw the edge when the raw loss blew up to 100× its lowest value: the blow-up ran
  // long enough for the unstable direction to dominate the rate read above
  const seenEdge = peak >= 100;
  const byMinimum = lrs[m]! / (seenEdge ? 3 : 10);
  if (byRate < byMinimum) {
    return {
      lr: byRate,
      reason: `Half the divergence edge read from the blow-up: the loss${rhoOfExcess ? ` above its lowest value (${rateBase.toPrecision(3)})` : ''} grew ${rho.toPrecision(3)}× in one step at lr ${formatLr(lrs[rateAt]!)}, which puts the edge near ${formatLr(2 * byRate)}.${late}`,
    };
  }
  return {
    lr: byMinimum,
    reason: seenEdge
      ? `One third of the lr where the smoothed loss was lowest (${formatLr(lrs[m]!)}), a margin for the lag between divergence starting and the loss showing it.`
      : `One tenth of the lr where the smoothed loss was lowest (${formatLr(lrs[m]!)}): the sweep did not show where the loss diverges, so the margin is wide.${late}`,
  };
}
