/** The one tolerance helper every numeric comparison in lrkit's tests goes through. */
import { expect } from 'vitest';

export interface Tolerance {
  /** Relative tolerance (default 1e-12, the golden-data contract). */
  rel?: number;
  /** Absolute tolerance near zero (default 1e-15). */
  abs?: number;
}

/** True if `a` is within tolerance of `b` (NaN only equals NaN). */
export function close(a: number, b: number, { rel = 1e-12, abs = 1e-15 }: Tolerance = {}): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;
  return Math.abs(a - b) <= Math.max(abs, rel * Math.max(Math.abs(a), Math.abs(b)));
}

/**
 * Asserts two series agree elementwise within tolerance; the failure names the first index that
 * differs, both values and the context.
 */
export function expectSeriesClose(
  actual: readonly number[],
  expected: readonly number[],
  context: string,
  tol: Tolerance = {},
): void {
  expect(actual.length, `${context}: length`).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) {
    if (!close(actual[k]!, expected[k]!, tol)) {
      expect.fail(
        `${context}: index ${k}: got ${actual[k]}, expected ${expected[k]} (tolerance ${JSON.stringify(tol)})`,
      );
    }
  }
}

/** Distance in units in the last place between two doubles of the same sign. */
export function ulps(a: number, b: number): number {
  const buf = new DataView(new ArrayBuffer(16));
  buf.setFloat64(0, a);
  buf.setFloat64(8, b);
  const ia = buf.getBigInt64(0);
  const ib = buf.getBigInt64(8);
  return Number(ia > ib ? ia - ib : ib - ia);
}
