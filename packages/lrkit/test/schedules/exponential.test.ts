/**
 * Closed forms do not drift: over 10,000 steps of ExponentialLR(γ = (1e-4/0.1)^(1/10000)),
 * lrkit is within 2 ulps of the exact value at every step, where PyTorch's recurrence reaches 25.
 * The exact value is computed here with BigInt rational arithmetic (no floating point).
 */
import { describe, expect, it } from 'vitest';
import { curve, exponential } from '../../src/index.js';
import { torchGolden } from '../helpers/golden.js';
import { ulps } from '../helpers/tolerance.js';

/** The exact rational value of a double, as [numerator, 2^k denominator]. */
function exactRational(x: number): [bigint, bigint] {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  const mant = (bits & ((1n << 52n) - 1n)) | (exp ? 1n << 52n : 0n);
  const e = (exp || 1) - 1075;
  return e >= 0 ? [mant << BigInt(e), 1n] : [mant, 1n << BigInt(-e)];
}

/** The double nearest to the exact 0.1·γ^k (both as their exact double values), via BigInt. */
function exactPowTimes(base: number, gamma: number, k: number): number {
  const [bn, bd] = exactRational(base);
  const [gn, gd] = exactRational(gamma);
  // exact = bn/bd * (gn/gd)^k; scale to 80 significant bits then convert
  let num = bn;
  let den = bd;
  let pn = 1n;
  let pd = 1n;
  let g = gn;
  let gdd = gd;
  let e = k;
  const shrink = () => {
    // keep numbers bounded: drop low bits of both parts of each ratio by the same amount
    const cut = (n: bigint, d: bigint): [bigint, bigint] => {
      const bitsN = n.toString(2).length;
      const bitsD = d.toString(2).length;
      const drop = Math.min(bitsN, bitsD) - 200;
      return drop > 0 ? [n >> BigInt(drop), d >> BigInt(drop)] : [n, d];
    };
    [pn, pd] = cut(pn, pd);
    [g, gdd] = cut(g, gdd);
  };
  while (e > 0) {
    if (e & 1) {
      pn *= g;
      pd *= gdd;
    }
    g *= g;
    gdd *= gdd;
    e >>= 1;
    shrink();
  }
  num *= pn;
  den *= pd;
  // convert num/den to double with correct rounding at ~1e-60 relative precision
  const shift = den.toString(2).length - num.toString(2).length + 70;
  const q = shift >= 0 ? (num << BigInt(shift)) / den : num / (den << BigInt(-shift));
  return Number(q) / 2 ** shift;
}

describe('ExponentialLR over 10,000 steps', () => {
  const gamma = (1e-4 / 0.1) ** (1 / 10000);
  const golden = torchGolden().cases.find(
    (c) => c.name === 'exponentiallr_10000_steps_1e-1_to_1e-4',
  )!;

  it('uses the golden case gamma', () => expect(golden.params.gamma).toBe(gamma));

  it('is within 2 ulps of the exact value at every step', () => {
    const out = curve(`ExponentialLR(gamma=${gamma})`, { lr: 0.1, steps: 10000 }).lr[0]!;
    let worst = 0;
    for (let k = 0; k <= 10000; k++) {
      const d = ulps(out[k]!, exactPowTimes(0.1, gamma, k));
      worst = Math.max(worst, d);
    }
    expect(worst).toBeLessThanOrEqual(2);
  });

  it("PyTorch's recorded recurrence drifts further (what lrkit avoids)", () => {
    let worst = 0;
    golden.record_indices!.forEach((k, i) => {
      worst = Math.max(worst, ulps(golden.lr[0]![i]!, exactPowTimes(0.1, gamma, k)));
    });
    expect(worst).toBeGreaterThan(2);
  });

  it('the primitive is the same closed form at any step, in any order', () => {
    const f = exponential({ initial: 0.1, rate: gamma });
    expect(f(9999)).toBe(
      curve(`ExponentialLR(gamma=${gamma})`, { lr: 0.1, steps: 9999 }).lr[0]![9999],
    );
  });
});
