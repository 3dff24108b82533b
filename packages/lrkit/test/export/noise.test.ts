/**
 * The copies of lrkit's noise generator (src/schedules/noise.ts) in exported code: the standalone
 * TypeScript copy (`NOISE_DRAW`) and the Python translation (`_noise_draw`). Both must change
 * with src/schedules/noise.ts; these tests fail when they drift (text and values), and check
 * noisy timm schedules end to end against lrkit's curve.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { curve } from '../../src/index.js';
import { exportCode } from '../../src/export/index.js';
import { PythonWriter } from '../../src/export/python.js';
import { NOISE_DRAW } from '../../src/export/typescript.js';
import { noise, noiseDraw } from '../../src/schedules/noise.js';
import { decode } from '../helpers/golden.js';
import { expectSeriesClose } from '../helpers/tolerance.js';
import {
  hasPython,
  hasTorch,
  noPythonReason,
  runNode,
  runPython,
  runPythonJson,
  type PyJob,
  type PyMode,
} from './harness.js';

/** Keys (seed + t) covering negatives, fractions, the 32-bit word edges and huge values. */
const keys = [
  ...Array.from({ length: 200 }, (_, i) => i - 50),
  0.5,
  -0.5,
  42.25,
  1e6 + 0.5,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32 - 1,
  2 ** 32,
  2 ** 32 + 7,
  -(2 ** 32) - 3,
  2 ** 52 + 1,
  Number.MAX_SAFE_INTEGER,
  1e300,
  -1e300,
  Infinity,
  -Infinity,
  NaN,
];
const settings: [number, 'normal' | 'uniform'][] = [
  [0.67, 'normal'],
  [0.05, 'normal'],
  [1, 'normal'],
  [0.67, 'uniform'],
  [0.3, 'uniform'],
];
const expected = settings.map(([pct, type]) => keys.map((k) => noiseDraw(k, pct, type)));

/** A function's text without comment lines or `export`. */
function code(text: string, name: string): string {
  const start = text.search(new RegExp(`^(export )?(function|const) ${name}\\b`, 'm'));
  expect(start, name).toBeGreaterThanOrEqual(0);
  const rest = text.slice(start);
  const end = rest.startsWith('const') ? rest.indexOf(';\n') + 2 : rest.indexOf('\n}\n') + 3;
  return rest
    .slice(0, end)
    .replace(/^export /, '')
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
}

describe('the copies of the noise generator', () => {
  it("the standalone TypeScript copy is still lrkit's code (else update it and python.ts)", () => {
    const source = readFileSync(new URL('../../src/schedules/noise.ts', import.meta.url), 'utf8');
    const copy = `${NOISE_DRAW}\n`;
    for (const name of ['fmix32', 'uniforms', 'MAX_DRAWS', 'noiseDraw']) {
      expect(code(copy, name), name).toBe(code(source, name));
    }
  });

  it('the standalone TypeScript copy gives the same draws', () => {
    const js = ts.transpileModule(NOISE_DRAW, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    // runNode reads schedule(0..steps): here the draws for every setting and key, in a row
    const module = [
      js,
      `const keys = ${JSON.stringify(keys.map((k) => (Number.isFinite(k) ? k : String(k))))}.map(Number);`,
      `const settings = ${JSON.stringify(settings)};`,
      'const all = settings.flatMap(([pct, type]) => keys.map((k) => noiseDraw(k, pct, type)));',
      'const schedule = (k) => all[k];',
    ].join('\n');
    const [r] = runNode([{ code: module, steps: keys.length * settings.length - 1 }]);
    expect(r && 'error' in r ? r.error : undefined).toBeUndefined();
    const got = (r as { lr: number[][] }).lr[0]!;
    settings.forEach(([pct, type], i) => {
      expect(got.slice(i * keys.length, (i + 1) * keys.length), `${type} ${pct}`).toEqual(
        expected[i],
      );
    });
  });

  it.skipIf(!hasPython)(
    `the Python translation gives the same draws${hasPython ? '' : ` (skipped: ${noPythonReason})`}`,
    () => {
      const writer = new PythonWriter();
      writer.function(noise({ range: [0, 1] }));
      const enc = (v: number) => (Number.isFinite(v) ? v : String(v));
      const program = [
        'import json',
        ...writer.importLines(),
        ...writer.blocks(),
        `keys = [float(k) for k in ${JSON.stringify(keys.map(enc))}]`,
        `settings = ${JSON.stringify(settings)}`,
        'def enc(v):',
        '    return v if math.isfinite(v) else ("NaN" if v != v else ("Infinity" if v > 0 else "-Infinity"))',
        'print(json.dumps([[enc(_noise_draw(k, pct, kind)) for k in keys] for pct, kind in settings]))',
      ].join('\n\n');
      const got = (runPythonJson(program) as unknown[][]).map((row) => row.map(decode));
      settings.forEach(([pct, type], i) => {
        expect(got[i], `${type} ${pct}`).toEqual(expected[i]);
      });
    },
  );
});

/** The golden timm/cosine_noise spec and variations with other seeds, ranges and types. */
const seeds = [0, 1, 7, 42, 1234, 99991, -5];
const specs = [
  'timm.CosineLRScheduler(t_initial=100, lr_min=1e-05, warmup_t=5, warmup_lr_init=0.0001, noise_range_t=[20, 80], noise_pct=0.67, noise_std=1.0, noise_seed=42, t_in_epochs=False)',
  ...seeds.map(
    (seed) =>
      `timm.CosineLRScheduler(t_initial=100, lr_min=1e-05, warmup_t=5, warmup_lr_init=0.0001, noise_range_t=[20, 80], noise_pct=0.67, noise_seed=${seed}, t_in_epochs=False)`,
  ),
  'timm.StepLRScheduler(decay_t=10, decay_rate=0.5, noise_range_t=30, noise_pct=0.2, noise_seed=3, t_in_epochs=False)',
  'timm.CosineLRScheduler(t_initial=40, cycle_mul=2.0, noise_range_t=[3, 90], noise_pct=0.1, noise_seed=11, t_in_epochs=False)',
];
const steps = 100;
const lr = [0.1];

describe('noisy timm schedules export exactly', () => {
  const targets: { to: 'torch' | 'keras' | 'optax'; mode: PyMode }[] = [
    { to: 'torch', mode: hasTorch ? 'torch' : 'torch-stub' },
    { to: 'keras', mode: 'keras' },
    { to: 'optax', mode: 'optax' },
  ];

  it.skipIf(!hasPython)(
    `to torch, keras and optax (Python)${hasPython ? '' : ` (skipped: ${noPythonReason})`}`,
    () => {
      const torchJobs: PyJob[] = [];
      const otherJobs: PyJob[] = [];
      const where: { spec: string; to: string; torch: boolean; i: number }[] = [];
      for (const spec of specs) {
        for (const { to, mode } of targets) {
          const job = { mode, code: exportCode(spec, { to, lr }), lr, steps };
          const list = mode === 'torch' ? torchJobs : otherJobs;
          where.push({ spec, to, torch: mode === 'torch', i: list.length });
          list.push(job);
        }
      }
      const torchOut = runPython(torchJobs);
      const otherOut = runPython(otherJobs);
      for (const w of where) {
        const r = (w.torch ? torchOut : otherOut)[w.i]!;
        expect(r.error, `${w.spec} → ${w.to}`).toBeUndefined();
        const want = curve(w.spec, { lr, steps });
        expectSeriesClose(r.lr![0]!, want.lr[0]!, `${w.spec} → ${w.to}`);
      }
    },
  );

  it('to standalone TypeScript, bit for bit', () => {
    const jobs = specs.map((spec) => {
      const source = exportCode(spec, { to: 'ts', lr, standalone: true });
      expect(source).toContain('function noiseDraw(');
      const js = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      return { code: js, steps };
    });
    runNode(jobs).forEach((r, i) => {
      expect('error' in r ? r.error : undefined, specs[i]).toBeUndefined();
      const want = curve(specs[i]!, { lr, steps });
      expectSeriesClose((r as { lr: number[][] }).lr[0]!, want.lr[0]!, specs[i]!, {
        rel: 0,
        abs: 0,
      });
    });
  });
});
