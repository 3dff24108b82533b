/** Node wrapper around {@link parseDigits}: reads the shipped data/digits.bin (or another file). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDigits, type Digits } from './digits.js';

/** Absolute path of the digits file shipped with the package (packages/cli/data/digits.bin). */
export const DIGITS_PATH = fileURLToPath(new URL('../../data/digits.bin', import.meta.url));

/**
 * Reads and parses a digits file.
 * @param path file path (default: the shipped {@link DIGITS_PATH})
 * @example const { xTrain, yTrain, width } = readDigits();
 */
export function readDigits(path: string = DIGITS_PATH): Digits {
  const buf = readFileSync(path);
  return parseDigits(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
}
