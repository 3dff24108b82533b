/**
 * `lrkit find`, run as a spawned process: the range test on the built-in digits task and on a
 * saved TF.js model with CSV/JSON data written here, its outputs (JSON, SVG, terminal) and errors.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { disposeOptimizer } from 'lrkit/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriesPoints } from '../../lrkit/test/plot/readback.js';
import { findAll, parseXml } from '../../lrkit/test/plot/xml.js';
import { lrkit } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-find-'));
const RULES = ['steepest', 'minimumDiv10', 'valley', 'slide'];

interface Result {
  lrs: number[];
  losses: number[];
  smoothedLosses: number[];
  stopReason: string;
  suggestions: Record<string, { lr: number | null; index: number | null }>;
  recommended: { lr: number | null; reason: string };
  settings: { startLr: number; endLr: number; numIter: number };
}

function expectResultShape(r: Result, numIter: number, startLr: number, endLr: number) {
  expect(r.settings).toMatchObject({ startLr, endLr, numIter });
  expect(r.lrs.length).toBeGreaterThan(numIter / 2);
  expect(r.lrs.length).toBeLessThanOrEqual(numIter);
  expect(r.losses).toHaveLength(r.lrs.length);
  expect(r.smoothedLosses).toHaveLength(r.lrs.length);
  // exponential sweep: lr_i = start·(end/start)^(i/(n−1))
  r.lrs.forEach((lr, i) =>
    expect(lr / (startLr * (endLr / startLr) ** (i / (numIter - 1)))).toBeCloseTo(1, 10),
  );
  expect(Object.keys(r.suggestions).sort()).toEqual([...RULES].sort());
}

describe('lrkit find on the built-in digits task', () => {
  let json: Result;
  let svgPath: string;
  let jsonPath: string;
  beforeAll(() => {
    svgPath = join(dir, 'range.svg');
    jsonPath = join(dir, 'range.json');
    const r = lrkit([
      'find',
      '--num-iter',
      '40',
      '--start-lr',
      '1e-4',
      '--format',
      'json',
      '--out',
      svgPath,
      '--json',
      jsonPath,
    ]);
    expect(r.stderr).toBe(''); // not a terminal: no progress bar
    expect(r.code).toBe(0);
    json = JSON.parse(r.stdout) as Result;
  });

  it('--format json: the sweep, its suggestions and a recommended lr', () => {
    expectResultShape(json, 40, 1e-4, 10);
    expect(json.losses[0]).toBeGreaterThan(1.5); // ~ln 10 for 10 classes at the start
    expect(json.losses[0]).toBeLessThan(3.5);
    expect(Math.min(...json.losses)).toBeLessThan(json.losses[0]!); // it learns somewhere
    // each suggestion's index is the sweep point nearest to it on a log scale
    const half = Math.log10(10 / 1e-4) / 39 / 2;
    for (const k of RULES) {
      const s = json.suggestions[k]!;
      if (s.lr !== null) {
        expect(Math.abs(Math.log10(s.lr / json.lrs[s.index!]!))).toBeLessThanOrEqual(half + 1e-9);
      }
    }
    expect(json.recommended.lr).toBeGreaterThan(1e-4);
    expect(json.recommended.lr).toBeLessThan(10);
  });

  it('--json writes the same result; --out an SVG whose smoothed-loss line is the result', () => {
    expect(JSON.parse(readFileSync(jsonPath, 'utf8'))).toEqual(json);
    const svg = readFileSync(svgPath, 'utf8');
    const root = parseXml(svg);
    const pts = seriesPoints(svg, 'smoothed loss').flat();
    expect(pts).toHaveLength(json.lrs.length);
    // rangeTestPlotSvg clamps the blow-up to 1.3 × the highest smoothed loss up to the smoothed
    // minimum (at least 2 × the minimum), so the descent stays readable
    const sm = json.smoothedLosses;
    const m = sm.indexOf(Math.min(...sm));
    const cap = Math.max(1.3 * Math.max(...sm.slice(0, m + 1)), 2 * sm[m]!);
    pts.forEach(([x, y], i) => {
      expect(Math.abs(Math.log10(x / json.lrs[i]!))).toBeLessThan(1e-3);
      expect(y).toBeCloseTo(Math.min(sm[i]!, cap), 2);
    });
    const labels = findAll(root, 'g', { class: 'marker' }).map((m) => m.attrs['data-label']);
    expect(labels).toContain(`recommended ${Number(json.recommended.lr!.toPrecision(3))}`);
  });

  it('text: a chart against a log lr axis, the suggestion table, the recommendation', () => {
    const r = lrkit(['find', '--num-iter', '30', '--seed', '7']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^range test on the demo task: 4000 MNIST digits/);
    expect(r.stdout).toMatch(/^ +└─+$/m);
    expect(r.stdout).toMatch(/^ +1e-5 +0\.01 +10$/m); // 1e-5 … 10, geometric middle 0.01
    expect(r.stdout).toContain('learning rate (log scale)');
    for (const k of RULES) expect(r.stdout).toMatch(new RegExp(`^${k} +(\\d|—)`, 'm'));
    expect(r.stdout).toMatch(/^recommended: \d/m);
    expect(r.stdout).toContain('30 iterations from 1e-5 to 10; stopped: completed');
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });
});

describe('lrkit find --model model.json --data', () => {
  const modelPath = join(dir, 'model', 'model.json');
  const csvPath = join(dir, 'train.csv');
  const jsonDataPath = join(dir, 'train.json');

  beforeAll(async () => {
    tf.env().set('PROD', true);
    await tf.setBackend('cpu');
    // a classifier of 3 features into 2 classes, saved as TF.js writes model.json + weights.bin
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [3], units: 8, activation: 'relu' }),
        tf.layers.dense({ units: 2, activation: 'softmax' }),
      ],
    });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'model'), { recursive: true });
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        writeFileSync(
          modelPath,
          JSON.stringify({
            modelTopology: a.modelTopology,
            format: a.format,
            generatedBy: a.generatedBy,
            weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: a.weightSpecs }],
            trainingConfig: a.trainingConfig,
          }),
        );
        writeFileSync(
          join(dir, 'model', 'group1-shard1of1.bin'),
          Buffer.from(a.weightData as ArrayBuffer),
        );
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
      { includeOptimizer: true },
    );
    model.dispose();
    // the class is whether a + b > 0; c is noise
    let s = 12345;
    const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
    const rows: number[][] = [];
    for (let i = 0; i < 256; i++) {
      const a = rnd() * 2 - 1;
      const b = rnd() * 2 - 1;
      rows.push([a, b, rnd(), a + b > 0 ? 1 : 0]);
    }
    writeFileSync(csvPath, `a,b,c,label\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    writeFileSync(
      jsonDataPath,
      JSON.stringify({ x: rows.map((r) => r.slice(0, 3)), y: rows.map((r) => r[3]) }),
    );
  });

  it('CSV: loads the model and its loss, sweeps, and recommends an lr', () => {
    const r = lrkit([
      'find',
      '--model',
      modelPath,
      '--data',
      csvPath,
      '--num-iter',
      '30',
      '--start-lr',
      '1e-4',
      '--end-lr',
      '100',
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout) as Result;
    expectResultShape(res, 30, 1e-4, 100);
    expect(res.losses[0]).toBeGreaterThan(0.3); // 2-class cross-entropy of an untrained net
    expect(res.losses[0]).toBeLessThan(1.5);
  });

  it('JSON {x, y} data and text output name the model, the rows and the loss', () => {
    const r = lrkit(['find', '--model', modelPath, '--data', jsonDataPath, '--num-iter', '20']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      `range test on ${modelPath} on 256 rows of ${jsonDataPath} (3 features → 'y'), loss categoricalCrossentropy (wasm backend, batch 32)`,
    );
  });

  const errors: [string[], number, (p: { model: string; csv: string }) => string | RegExp][] = [
    [['--data', 'CSV'], 2, () => 'lrkit find: error: find: --data is only for --model\n'],
    [
      ['--model', 'MODEL'],
      2,
      () => 'lrkit find: error: find: --model needs --data FILE (.csv or .json) to train on\n',
    ],
    [
      ['--model', 'MODEL', '--data', 'missing.csv'],
      1,
      () => "lrkit find: error: --data: no such file 'missing.csv'\n",
    ],
    [
      ['--model', 'nope/model.json', '--data', 'CSV'],
      1,
      () => "lrkit find: error: --model: no such file 'nope/model.json'\n",
    ],
    [
      ['--model', 'MODEL', '--data', 'CSV', '--target', 'c'],
      1,
      ({ csv }) =>
        new RegExp(
          `^lrkit find: error: ${csv}: 'c' must hold class labels 0…1 for a model with 2 output units, got 0\\.\\d{1,7} \\(row 1\\)\n$`,
        ),
    ],
    [
      ['--model', 'MODEL', '--data', 'CSV', '--loss', 'mse'],
      2,
      () =>
        "lrkit find: error: --loss: expected categoricalCrossentropy, sparseCategoricalCrossentropy, binaryCrossentropy, meanSquaredError, meanAbsoluteError, got 'mse'\n",
    ],
    [
      ['--num-iter', '1'],
      2,
      () => "lrkit find: error: --num-iter: expected an integer >= 2, got '1'\n",
    ],
    [
      ['--out', 'x.jpg'],
      2,
      () =>
        "lrkit find: error: --out: expected a file ending in .svg, .png or .html, got 'x.jpg'\n",
    ],
  ];
  for (const [args, code, message] of errors) {
    it(`exits ${code}: ${args.join(' ')}`, () => {
      const real = args.map((a) => (a === 'MODEL' ? modelPath : a === 'CSV' ? csvPath : a));
      const r = lrkit(['find', ...real]);
      const expected = message({ model: modelPath, csv: csvPath });
      if (typeof expected === 'string') expect(r.stderr).toBe(expected);
      else expect(r.stderr).toMatch(expected);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.code).toBe(code);
      expect(r.stdout).toBe('');
    });
  }

  it('an empty JSON array of rows is named as such', () => {
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '[]');
    const r = lrkit(['find', '--model', modelPath, '--data', empty]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`lrkit find: error: ${empty}: has no data rows (an empty array)\n`);
    expect(r.code).toBe(1);
  });

  it('a CSV whose columns do not fit the model fails with both shapes named', () => {
    const bad = join(dir, 'two.csv');
    writeFileSync(bad, 'a,label\n0.5,1\n-0.5,0\n');
    const r = lrkit(['find', '--model', modelPath, '--data', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `lrkit find: error: --data: '${bad}' has 1 feature columns (a), but the model expects input shape [null, 3]\n`,
    );
  });
});

describe('lrkit find in process: no tensor left behind', () => {
  // the CLI does not report tf.memory(), so this runs the command's own function and counts
  it('demo task and a saved model (compiled with momentum), with and without --optimizer', async () => {
    process.env.LRKIT_TF_BACKEND = 'cpu';
    const { runFind } = await import('../src/find.js');
    const { loadTf } = await import('../src/tf/backend.js');
    const { tf: cliTf } = await loadTf();
    const modelDir = join(dir, 'momentum-model');
    const dataPath = join(dir, 'momentum.csv');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(modelDir, { recursive: true });
    const model = cliTf.sequential({
      layers: [cliTf.layers.dense({ inputShape: [2], units: 2, activation: 'softmax' })],
    });
    const opt = cliTf.train.momentum(0.1, 0.9);
    model.compile({ optimizer: opt, loss: 'categoricalCrossentropy' });
    await model.save(
      cliTf.io.withSaveHandler(async (a) => {
        writeFileSync(
          join(modelDir, 'model.json'),
          JSON.stringify({
            modelTopology: a.modelTopology,
            format: a.format,
            weightsManifest: [{ paths: ['w.bin'], weights: a.weightSpecs }],
            trainingConfig: a.trainingConfig,
          }),
        );
        writeFileSync(join(modelDir, 'w.bin'), Buffer.from(a.weightData as ArrayBuffer));
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
      { includeOptimizer: true },
    );
    model.dispose();
    disposeOptimizer(opt);
    const rows = Array.from({ length: 40 }, (_, i) => [i / 40 - 0.5, (i % 7) / 7, i % 2]);
    writeFileSync(dataPath, `a,b,label\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const userModel = ['--model', join(modelDir, 'model.json'), '--data', dataPath];
    const runs = [
      ['--num-iter', '8'],
      ['--num-iter', '8', '--optimizer', 'adam'],
      [...userModel, '--num-iter', '8'],
      [...userModel, '--num-iter', '8', '--optimizer', 'sgd'],
    ];
    const leaked: Record<string, number> = {};
    for (const args of runs) {
      const start = cliTf.memory().numTensors;
      const r = await runFind([...args, '--format', 'json']);
      expect(JSON.parse(r.text) as Result).toHaveProperty('recommended');
      leaked[args.join(' ')] = cliTf.memory().numTensors - start;
    }
    expect(leaked).toEqual(Object.fromEntries(runs.map((a) => [a.join(' '), 0])));
  });
});
