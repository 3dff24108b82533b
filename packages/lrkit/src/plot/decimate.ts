/** Min/max-preserving bucket decimation of a sampled curve, for drawing. */
import { ParameterError } from '../errors.js';

/**
 * Reduces a curve to at most `maxPoints` points without losing its peaks: the first and last
 * points are kept, the interior is cut into equal index buckets and each bucket keeps its
 * smallest and largest y (in their original order, once if they are the same point). If the
 * curve contains non-finite y values (line breaks), each bucket also keeps its first non-finite
 * point, so a gap in the data stays a gap in the drawing (when `maxPoints` leaves room: 3 points
 * per bucket).
 *
 * Identity (a copy) when `x.length <= maxPoints`.
 * @param x abscissae (any order; buckets follow the index)
 * @param y ordinates, same length as `x`; NaN/±Infinity allowed
 * @param maxPoints the most points to return, an integer ≥ 4
 * @returns new Float64Arrays, at most `maxPoints` long
 * @example decimate([0, 1, 2, 3, 4, 5], [0, 9, 1, -9, 2, 0], 4)
 *   // { x: [0, 1, 3, 5], y: [0, 9, -9, 0] }
 */
export function decimate(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  maxPoints: number,
): { x: Float64Array; y: Float64Array } {
  if (!Number.isInteger(maxPoints) || maxPoints < 4) {
    throw new ParameterError('decimate', 'maxPoints', 'must be an integer ≥ 4', maxPoints);
  }
  const n = x.length;
  if (y.length !== n) {
    throw new ParameterError('decimate', 'y', `must have the same length as x (${n})`, y.length);
  }
  if (n <= maxPoints) return { x: Float64Array.from(x), y: Float64Array.from(y) };

  let hasGap = false;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i]!)) {
      hasGap = true;
      break;
    }
  }
  const slots = hasGap && maxPoints >= 5 ? 3 : 2;
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / slots));
  const keep: number[] = [0];
  const interior = n - 2;
  for (let b = 0; b < buckets; b++) {
    const lo = 1 + Math.floor((b * interior) / buckets);
    const hi = 1 + Math.floor(((b + 1) * interior) / buckets); // exclusive
    if (hi <= lo) continue;
    let iMin = -1;
    let iMax = -1;
    let iGap = -1;
    for (let i = lo; i < hi; i++) {
      const v = y[i]!;
      if (!Number.isFinite(v)) {
        if (iGap < 0) iGap = i;
        continue;
      }
      if (iMin < 0 || v < y[iMin]!) iMin = i;
      if (iMax < 0 || v > y[iMax]!) iMax = i;
    }
    const picked = [iMin, iMax];
    if (slots === 3 || iMin < 0) picked.push(iGap);
    const unique = [...new Set(picked.filter((i) => i >= 0))].sort((a, b) => a - b);
    keep.push(...unique.slice(0, slots));
  }
  keep.push(n - 1);
  const ox = new Float64Array(keep.length);
  const oy = new Float64Array(keep.length);
  keep.forEach((i, k) => {
    ox[k] = x[i]!;
    oy[k] = y[i]!;
  });
  return { x: ox, y: oy };
}
