/** The shipped demo dataset and its parser (a pure function the web playground reuses). */
import { describe, expect, it } from 'vitest';
import { DIGITS_HEADER_BYTES, parseDigits } from '../src/data/digits.js';
import { readDigits } from '../src/data/readDigits.js';

/** A hand-made file: 2×2 images, 2 train + 1 test, 3 classes. */
function tiny(): Uint8Array {
  const b = new Uint8Array(DIGITS_HEADER_BYTES + 3 * (4 + 1));
  b.set([0x4c, 0x52, 0x4b, 0x44, 1, 2, 2, 3], 0);
  new DataView(b.buffer).setUint32(8, 2, true);
  new DataView(b.buffer).setUint32(12, 1, true);
  b.set([0, 255, 51, 102, 255, 0, 0, 0, 2, 1, 10, 20, 30, 40, 0], DIGITS_HEADER_BYTES);
  return b;
}

describe('parseDigits', () => {
  it('reads the layout: header, train pixels, train labels, test pixels, test labels', () => {
    const d = parseDigits(tiny());
    expect([d.width, d.height, d.classes, d.nTrain, d.nTest]).toEqual([2, 2, 3, 2, 1]);
    expect(Array.from(d.xTrain)).toEqual([0, 1, 0.2, 0.4, 1, 0, 0, 0].map(Math.fround));
    expect(Array.from(d.yTrain)).toEqual([2, 1]);
    expect(Array.from(d.xTest)).toEqual([10, 20, 30, 40].map((v) => Math.fround(v / 255)));
    expect(Array.from(d.yTest)).toEqual([0]);
  });

  it('rejects a wrong magic, length or label with the reason', () => {
    const bad = tiny();
    bad[0] = 0x58;
    expect(() => parseDigits(bad)).toThrow('parseDigits: bytes must start with "LRKD", got "XRKD"');
    expect(() => parseDigits(tiny().subarray(0, 30))).toThrow(
      'parseDigits: a 2×2 file with 2 + 1 digits must be 31 bytes, got 30',
    );
    expect(() => parseDigits(new Uint8Array(3))).toThrow(
      'parseDigits: bytes must hold at least the 16-byte header, got 3 bytes',
    );
    const label = tiny();
    label[DIGITS_HEADER_BYTES + 8] = 3;
    expect(() => parseDigits(label)).toThrow('parseDigits: train label 0 must be < 3, got 3');
  });
});

describe('the shipped data/digits.bin', () => {
  it('holds 4000 + 1000 class-balanced 14×14 digits with pixels in [0, 1]', () => {
    const d = readDigits();
    expect([d.width, d.height, d.classes, d.nTrain, d.nTest]).toEqual([14, 14, 10, 4000, 1000]);
    const count = (y: Uint8Array) =>
      Array.from({ length: 10 }, (_, c) => y.filter((v) => v === c).length);
    expect(count(d.yTrain)).toEqual(new Array(10).fill(400));
    expect(count(d.yTest)).toEqual(new Array(10).fill(100));
    let max = 0;
    let ink = 0;
    for (const v of d.xTrain) {
      max = Math.max(max, v);
      if (v > 0.5) ink++;
    }
    expect(max).toBe(1);
    // digits are strokes on a dark background: some, not most, pixels are bright
    expect(ink / d.xTrain.length).toBeGreaterThan(0.05);
    expect(ink / d.xTrain.length).toBeLessThan(0.4);
  });
});
