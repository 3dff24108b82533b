/**
 * mulberry32, the small seeded generator lrkit uses wherever a run must repeat exactly: timm's
 * lr noise (seeded per step), the range test's shuffles, and the benchmarks' and tests' data.
 * 32-bit state, period 2^32, uniforms in [0, 1) with 32 random bits each. Not for cryptography.
 * @param seed any number; only its low 32 bits (after truncation) are used
 * @example const next = mulberry32(42); [next(), next()] // the same two numbers on every run
 */
export function mulberry32(seed: number): () => number {
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
