/**
 * The shipped demo dataset (data/digits.bin, an MNIST subset): parsing of its bytes. Pure — no
 * Node APIs — so the web playground can reuse it on bytes from fetch(); readDigits.ts wraps it
 * with a file read for Node.
 */
import { LrkitError } from 'lrkit';

/** The parsed digits: pixels scaled to [0, 1], row-major, one image after another. */
export interface Digits {
  /** nTrain × width × height pixel values in [0, 1] (pixel / 255). */
  xTrain: Float32Array;
  /** nTrain class labels 0–9. */
  yTrain: Uint8Array;
  /** nTest × width × height pixel values in [0, 1]. */
  xTest: Float32Array;
  /** nTest class labels 0–9. */
  yTest: Uint8Array;
  nTrain: number;
  nTest: number;
  /** Image width and height in pixels (14 for the shipped file). */
  width: number;
  height: number;
  /** Number of classes (10). */
  classes: number;
}

/** Size of the fixed header: magic "LRKD", version, width, height, classes, nTrain, nTest. */
export const DIGITS_HEADER_BYTES = 16;

/**
 * Parses digits.bin. Layout (all little-endian): bytes 0–3 "LRKD", 4 version (1), 5 width,
 * 6 height, 7 classes, 8–11 nTrain (uint32), 12–15 nTest (uint32); then nTrain·w·h uint8 train
 * pixels, nTrain uint8 train labels, nTest·w·h uint8 test pixels, nTest uint8 test labels.
 * @param bytes the whole file
 * @returns pixels as float32 in [0, 1] and labels as uint8
 * @example
 *   const d = parseDigits(new Uint8Array(await (await fetch('digits.bin')).arrayBuffer()));
 *   d.xTrain.length === d.nTrain * d.width * d.height; // true
 */
export function parseDigits(bytes: Uint8Array): Digits {
  if (bytes.length < DIGITS_HEADER_BYTES) {
    throw new LrkitError(
      `parseDigits: bytes must hold at least the ${DIGITS_HEADER_BYTES}-byte header, got ${bytes.length} bytes`,
    );
  }
  const magic = String.fromCharCode(bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!);
  if (magic !== 'LRKD') {
    throw new LrkitError(`parseDigits: bytes must start with "LRKD", got ${JSON.stringify(magic)}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(4);
  if (version !== 1) throw new LrkitError(`parseDigits: version must be 1, got ${version}`);
  const width = view.getUint8(5);
  const height = view.getUint8(6);
  const classes = view.getUint8(7);
  const nTrain = view.getUint32(8, true);
  const nTest = view.getUint32(12, true);
  const px = width * height;
  const expected = DIGITS_HEADER_BYTES + (nTrain + nTest) * (px + 1);
  if (bytes.length !== expected) {
    throw new LrkitError(
      `parseDigits: a ${width}×${height} file with ${nTrain} + ${nTest} digits must be ${expected} bytes, got ${bytes.length}`,
    );
  }
  let off = DIGITS_HEADER_BYTES;
  const take = (n: number) => {
    const part = bytes.subarray(off, off + n);
    off += n;
    return part;
  };
  const toFloat = (u: Uint8Array) => {
    const f = new Float32Array(u.length);
    for (let i = 0; i < u.length; i++) f[i] = u[i]! / 255;
    return f;
  };
  const xTrain = toFloat(take(nTrain * px));
  const yTrain = take(nTrain).slice();
  const xTest = toFloat(take(nTest * px));
  const yTest = take(nTest).slice();
  for (const [name, y] of [
    ['train', yTrain],
    ['test', yTest],
  ] as const) {
    const bad = y.findIndex((v) => v >= classes);
    if (bad >= 0) {
      throw new LrkitError(`parseDigits: ${name} label ${bad} must be < ${classes}, got ${y[bad]}`);
    }
  }
  return { xTrain, yTrain, xTest, yTest, nTrain, nTest, width, height, classes };
}
