/** Axis ticks: round numbers for linear axes, decades for log axes. */
import { ParameterError } from '../errors.js';

/** The tick step for a range: 1, 2 or 5 × 10^k, the smallest giving at most ~`count` ticks. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

/** `i × step` without binary noise (0.30000000000000004 → 0.3). */
function multiple(i: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number((i * step).toFixed(Math.min(100, digits)));
}

/**
 * Tick positions for an axis from `min` to `max` (both included when they fall on a tick).
 *
 * Linear: multiples of a step of 1, 2 or 5 × 10^k chosen so there are about `count` ticks.
 * Log: the powers of ten 10^k inside [min, max] (every m-th decade when there are more than
 * `count` of them); when the range holds fewer than two decades, 1/2/5 × 10^k values, then
 * linear ticks, so a log axis always gets at least two labels when the range allows.
 * @param min lower end of the axis (> 0 for log)
 * @param max upper end, ≥ min
 * @param count the number of ticks wanted, a positive integer (a hint: the result has about that many)
 * @param log decade ticks for a logarithmic axis (default false)
 * @example niceTicks(0, 1, 5) // [0, 0.2, 0.4, 0.6, 0.8, 1]
 * @example niceTicks(1e-7, 10, 10, true) // [1e-7, 1e-6, 1e-5, 1e-4, 0.001, 0.01, 0.1, 1, 10]
 */
export function niceTicks(min: number, max: number, count: number, log = false): number[] {
  if (!Number.isFinite(min)) throw new ParameterError('niceTicks', 'min', 'must be finite', min);
  if (!Number.isFinite(max) || max < min) {
    throw new ParameterError('niceTicks', 'max', `must be finite and ≥ min (${min})`, max);
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new ParameterError('niceTicks', 'count', 'must be a positive integer', count);
  }
  if (log && !(min > 0)) {
    throw new ParameterError('niceTicks', 'min', 'must be > 0 on a log axis', min);
  }
  if (min === max) return [min];
  if (log) {
    const lo = Math.ceil(Math.log10(min) - 1e-9);
    const hi = Math.floor(Math.log10(max) + 1e-9);
    if (hi - lo + 1 >= 2) {
      const every = Math.max(1, Math.ceil((hi - lo + 1) / count));
      const start = Math.ceil(lo / every) * every;
      const ticks: number[] = [];
      for (let k = start; k <= hi; k += every) ticks.push(Number(`1e${k}`));
      if (ticks.length >= 2) return ticks;
    }
    const ticks: number[] = [];
    for (let k = lo - 1; k <= hi; k++) {
      for (const m of [1, 2, 5]) {
        const v = Number(`${m}e${k}`);
        if (v >= min * (1 - 1e-12) && v <= max * (1 + 1e-12)) ticks.push(v);
      }
    }
    if (ticks.length >= 2 && ticks.length <= 2 * count) return ticks;
  }
  const step = niceStep(max - min, count);
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(multiple(i, step));
  return ticks;
}

/**
 * A short label for a tick value: `0`, `0.25`, `12`, `1e-7`, `2.5e+4` (scientific below 1e-3
 * and from 1e5; at most 4 significant digits).
 * @example formatTick(0.0001) // '1e-4'
 */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e5) {
    const [mant, exp] = v.toExponential(3).split('e');
    const m = String(Number(mant));
    return `${m}e${Number(exp)}`;
  }
  return String(Number(v.toPrecision(4)));
}

/**
 * The labels of one axis's ticks: {@link formatTick} each, except that on a linear axis, when one
 * label needs the scientific form, every non-zero tick gets it, so that an axis never reads
 * `50000, 1e5, 1.5e5` (it reads `5e4, 1e5, 1.5e5`) or `5e-4, 0.001` (`5e-4, 1e-3`). A log axis
 * keeps the per-tick form (`1e-4, 0.001, 0.01`), as is usual.
 * @param ticks tick values, as from {@link niceTicks}
 * @param log whether the axis is logarithmic (default false)
 * @example formatTicks([0, 50000, 100000, 150000]) // ['0', '5e4', '1e5', '1.5e5']
 */
export function formatTicks(ticks: readonly number[], log = false): string[] {
  const labels = ticks.map(formatTick);
  if (log || !labels.some((l) => l.includes('e'))) return labels;
  return ticks.map((v) => {
    if (v === 0 || !Number.isFinite(v)) return formatTick(v);
    const [mant, exp] = v.toExponential(3).split('e');
    return `${Number(mant)}e${Number(exp)}`;
  });
}
