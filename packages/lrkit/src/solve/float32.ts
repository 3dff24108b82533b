/**
 * Float32 awareness: TF.js (and Keras by default) apply the learning rate in float32, where
 * values closer than about 6e-8 relative collapse to the same number.
 */

/** True if a and b round to the same float32 (so a training step cannot tell them apart). */
export function sameInFloat32(a: number, b: number): boolean {
  return a !== b && Math.fround(a) === Math.fround(b);
}

/**
 * The smallest decay factor γ < 1 for which x and x·γ are distinct in float32 at every x in the
 * normal range: 1 − 2⁻²⁴ (a float32 ulp relative to the value is at most 2⁻²³).
 */
export const FLOAT32_GAMMA_LIMIT = 1 - 2 ** -24;
