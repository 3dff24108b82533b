/**
 * The Python and TypeScript writers on schedules built directly from primitives and compositions
 * (every kind of description node, including those no registry entry reaches yet), and on random
 * parameters (fast-check): the written code gives the schedule's own values, in Python within
 * 1e-12 relative, in TypeScript bit for bit — at whole and fractional steps.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  anneal,
  between,
  clamp,
  constant,
  cosine,
  cosineRestarts,
  cyclic,
  cyclicMode,
  exponential,
  hold,
  join,
  linear,
  memoLast,
  multiStep,
  oneCycle,
  polynomial,
  product,
  repeat,
  scale,
  step,
  warmup,
  type Schedule,
} from '../../src/index.js';
import { cosineDecay } from '../../src/schedules/cosineDecay.js';
import { combineScheds } from '../../src/families/fastai/combine.js';
import {
  fitProgress,
  linearProgress,
  onProgress as onFastaiProgress,
} from '../../src/families/fastai/progress.js';
import { cycled, floorDiv, type CycledOptions } from '../../src/families/timm/cycles.js';
import { locateCycle } from '../../src/schedules/cosineRestarts.js';
import { inverseSqrt } from '../../src/schedules/inverseSqrt.js';
import { inverseTime } from '../../src/schedules/inverseTime.js';
import { tanh } from '../../src/schedules/tanh.js';
import { noise } from '../../src/schedules/noise.js';
import { describe as describeFn } from '../../src/export/describe.js';
import { PythonWriter } from '../../src/export/python.js';
import { LOCATE_CYCLE, TypeScriptWriter } from '../../src/export/typescript.js';
import { expectSeriesClose } from '../helpers/tolerance.js';
import { distIndex, hasPython, noPythonReason, runNode, runPythonJson } from './harness.js';

/** Steps at which every schedule is compared: whole steps and fractions. */
const probe = [
  ...Array.from({ length: 61 }, (_, k) => k),
  0.5,
  2.25,
  7.75,
  19.5,
  33.3,
  1e3,
  1e6 + 0.5,
];

const shifted = (s: Schedule, by: number): Schedule =>
  describeFn((t: number) => s(t + by), { kind: 'shift', schedule: s, by });
const warped = (s: Schedule, divide: number, multiply?: number): Schedule =>
  describeFn(
    multiply === undefined
      ? (t: number) => s(t / divide)
      : (t: number) => s(multiply * (t / divide)),
    { kind: 'warp', schedule: s, divide, multiply },
  );

const reversed = (s: Schedule, from: number): Schedule =>
  describeFn((t: number) => s(from - t), { kind: 'reverse', schedule: s, from });
const stretched = (s: Schedule, steps: number): Schedule =>
  describeFn((t: number) => s(t / (steps * (t === 0 ? 1 : Math.ceil(t / steps)))), {
    kind: 'stretch',
    schedule: s,
    steps,
  });
const byCycle = (s: Schedule, period: number, mult: number): Schedule =>
  describeFn((t: number) => s(locateCycle(t, period, mult)[0]), {
    kind: 'cycleIndex',
    schedule: s,
    period,
    mult,
  });

const timmOptions = (
  tInitial: number,
  mul: number,
  decay: number,
  limit: number,
  lrMin: number,
  k: number,
): CycledOptions => ({ tInitial, mul, decay, limit, lrMin, k });

/** t itself, for t up to 1e9. */
const identity = linear({ from: 0, to: 1e9, steps: 1e9 });

const named: [string, Schedule][] = [
  ['constant', constant(0.1)],
  ['noise', noise({ range: [3, 50], pct: 0.5, seed: 9 })],
  ['noise uniform, open range', noise({ range: 10, type: 'uniform', seed: -3 })],
  [
    'noise product',
    product([cosine({ from: 0.1, to: 0, period: 60 }), noise({ range: [0, 1e9] })]),
  ],
  ['linear', linear({ from: 0.01, to: 0.1, steps: 7 })],
  ['polynomial', polynomial({ from: 0.1, to: 0.001, steps: 30, power: 0.5 })],
  ['exponential', exponential({ initial: 0.1, rate: 0.9 })],
  ['exponential steps', exponential({ initial: 0.1, rate: 0.5, steps: 3.5 })],
  ['exponential staircase', exponential({ initial: 0.1, rate: 0.5, steps: 4, staircase: true })],
  ['exponential growing', exponential({ initial: 0.1, rate: 3 })],
  ['step', step({ initial: 0.1, gamma: 0.7, stepSize: 6 })],
  ['multiStep', multiStep({ initial: 0.1, gamma: 0.3, milestones: [5, 5, 40, 12] })],
  ['cosine', cosine({ from: 0.1, to: 0.002, period: 13 })],
  ['cosineDecay', cosineDecay({ initial: 0.1, steps: 25, alpha: 0.2, exponent: 1.5 })],
  ['cosineRestarts ×1', cosineRestarts({ from: 0.1, to: 0, period: 4.5, mult: 1 })],
  ['cosineRestarts ×1.5', cosineRestarts({ from: 0.1, to: 0.01, period: 3, mult: 1.5 })],
  ['anneal cos', anneal({ from: 0.1, to: 0.5, steps: 9, shape: 'cos' })],
  ['anneal linear', anneal({ from: 0.1, to: 0.5, steps: 9.5, shape: 'linear' })],
  ['inverseSqrt', inverseSqrt({ initial: 0.1, timescale: 7 })],
  ['inverseTime', inverseTime({ initial: 0.1, rate: 0.3, steps: 2 })],
  ['inverseTime staircase', inverseTime({ initial: 0.1, rate: 0.3, steps: 2, staircase: true })],
  ['tanh', tanh({ from: 0.1, to: 0.001, steps: 40, lb: -5, ub: 2 })],
  [
    'cyclic triangular',
    cyclic({
      base: 0.01,
      peak: 0.1,
      stepSizeUp: 3,
      stepSizeDown: 5,
      ...cyclicMode('triangular', 1),
    }),
  ],
  [
    'cyclic triangular2',
    cyclic({ base: 0.01, peak: 0.1, stepSizeUp: 2, ...cyclicMode('triangular2', 1) }),
  ],
  [
    'cyclic exp_range',
    cyclic({ base: 0.01, peak: 0.1, stepSizeUp: 2.5, ...cyclicMode('exp_range', 0.95) }),
  ],
  ['oneCycle', oneCycle({ initial: 0.004, peak: 0.1, final: 1e-6, total: 40, shape: 'cos' })],
  [
    'oneCycle shifted phases',
    oneCycle({
      initial: 0.004,
      peak: 0.1,
      final: 1e-6,
      total: 10,
      pctStart: 0.05,
      threePhase: true,
      shape: 'linear',
    }),
  ],
  [
    'join next',
    join([constant(0.1), linear({ from: 0.1, to: 0, steps: 10 }), constant(0.05)], [5, 5]),
  ],
  [
    'join previous, long',
    join(
      Array.from({ length: 15 }, (_, i) => constant(0.1 / (i + 1))),
      Array.from({ length: 14 }, (_, i) => 3 * i + 1),
      { at: 'previous' },
    ),
  ],
  [
    'product',
    product([
      constant(0.5),
      exponential({ initial: 1, rate: 0.9 }),
      cosine({ from: 1, to: 0, period: 50 }),
    ]),
  ],
  ['scale', scale(cosine({ from: 1, to: 0, period: 20 }), 0.1)],
  ['between', between(memoLast(cosine({ from: 1, to: 0, period: 20 })), 0.1, 0.001)],
  ['clamp', clamp(exponential({ initial: 0.1, rate: 0.8 }), { min: 0.01, max: 0.05 })],
  ['hold', hold(cosine({ from: 0.1, to: 0, period: 10 }), 10)],
  ['repeat', repeat(linear({ from: 0.1, to: 0, steps: 7 }), 7.5)],
  ['warmup', warmup(cosine({ from: 0.1, to: 0, period: 30 }), { steps: 5, from: 0.001 })],
  ['shift', shifted(cosine({ from: 0.1, to: 0, period: 30 }), 2.5)],
  ['warp', warped(cosine({ from: 0.1, to: 0, period: 1 }), 30)],
  ['warp ×', warped(repeat(cosine({ from: 0.1, to: 0, period: 1 }), 1), 60, 3)],
  ['reverse', reversed(linear({ from: 0, to: 0.1, steps: 40 }), 40)],
  ['stretch', stretched(polynomial({ from: 0.1, to: 0.001, steps: 1, power: 2 }), 9)],
  ['stretch fractional', stretched(polynomial({ from: 0.1, to: 0, steps: 1, power: 0.5 }), 4.5)],
  ['cycleIndex ×1', byCycle(exponential({ initial: 0.1, rate: 0.7 }), 6, 1)],
  ['cycleIndex ×1.5', byCycle(exponential({ initial: 0.1, rate: 0.7 }), 3, 1.5)],
  [
    'floorDiv',
    scale(
      describeFn((t: number) => identity(floorDiv(t, 0.1)), {
        kind: 'floorDiv',
        schedule: identity,
        by: 0.1,
      }),
      1e-3,
    ),
  ],
  [
    'timmCycles cos',
    cycled(
      timmOptions(10, 2, 0.5, 4, 0.001, 1.5),
      0.1,
      (b) => cosine({ from: 1, to: 0, period: b }),
      {
        shape: 'cos',
      },
    ),
  ],
  [
    'timmCycles tanh',
    cycled(
      timmOptions(7, 1, 0.9, 5, 0.0001, 1),
      0.1,
      (b) => tanh({ from: 1, to: 0, steps: b, lb: -6, ub: 2.5 }),
      { shape: 'tanh', lb: -6, ub: 2.5 },
    ),
  ],
  [
    'timmCycles poly',
    cycled(
      timmOptions(9, 0.75, 1, 30, 0, 0.5),
      0.1,
      (b) => polynomial({ from: 1, to: 0, steps: b, power: 2 }),
      { shape: 'poly', power: 2 },
    ),
  ],
  [
    'progress',
    onFastaiProgress(anneal({ from: 0.1, to: 0, steps: 1, shape: 'cos' }), linearProgress(50)),
  ],
  ['fitProgress', onFastaiProgress(linear({ from: 0.1, to: 0, steps: 1 }), fitProgress(7, 9))],
  [
    'float32 combine',
    onFastaiProgress(
      combineScheds(
        [0.3, 0.3, 0.4],
        [
          anneal({ from: 0.01, to: 0.1, steps: 1, shape: 'cos' }),
          linear({ from: 0.1, to: 0.02, steps: 1 }),
          exponential({ initial: 0.02, rate: 0.005 }),
        ],
      ),
      linearProgress(50),
    ),
  ],
];

/** Random parameters for a few primitives and compositions (fast-check, fixed seed). */
const pos = fc.double({ min: 1e-6, max: 1, noNaN: true });
const len = fc.double({ min: 0.5, max: 80, noNaN: true });
const random: [string, Schedule][] = fc
  .sample(
    fc.tuple(
      pos,
      pos,
      len,
      fc.double({ min: 0, max: 4, noNaN: true }),
      fc.integer({ min: 1, max: 20 }),
    ),
    { seed: 20240607, numRuns: 40 },
  )
  .flatMap(([a, b, T, p, n], i) => [
    [`random ${i} polynomial`, polynomial({ from: a, to: b, steps: T, power: p })],
    [`random ${i} cosineDecay`, cosineDecay({ initial: a, steps: T, alpha: b, exponent: p })],
    [`random ${i} cosineRestarts`, cosineRestarts({ from: a, to: b, period: T, mult: 1 + p })],
    [
      `random ${i} cyclic`,
      cyclic({
        base: b,
        peak: a,
        stepSizeUp: T / 2,
        stepSizeDown: n,
        ...cyclicMode('triangular2', 1),
      }),
    ],
    [
      `random ${i} join`,
      join(
        [linear({ from: b, to: a, steps: n }), scale(cosine({ from: 1, to: b, period: T }), a)],
        [n],
      ),
    ],
  ]);

const all = [...named, ...random];

describe.skipIf(!hasPython)(
  `the Python writer${hasPython ? '' : ` (skipped: ${noPythonReason})`}`,
  () => {
    let values: number[][] = [];
    beforeAll(() => {
      const py = new PythonWriter();
      const names = all.map(([, s]) => py.function(s));
      const code = [
        ...py.importLines(['json']),
        '',
        ...py.blocks(),
        '',
        `TS = [${probe.join(', ')}]`,
        `FNS = [${names.join(', ')}]`,
        'def enc(v):',
        '    v = float(v)',
        '    return v if v == v and abs(v) != float("inf") else str(v)',
        'print(json.dumps([[enc(f(t)) for t in TS] for f in FNS]))',
      ].join('\n');
      values = (runPythonJson(code) as unknown[][]).map((row) =>
        row.map((v) => (typeof v === 'number' ? v : v === 'inf' ? Infinity : NaN)),
      );
    });
    all.forEach(([name, s], i) => {
      it(name, () => {
        expectSeriesClose(values[i]!, probe.map(s), name);
      });
    });
  },
);

describe('the TypeScript writer', () => {
  let values: ReturnType<typeof runNode> = [];
  beforeAll(() => {
    values = runNode(
      all.map(([, s]) => {
        const w = new TypeScriptWriter();
        const name = w.function(s);
        const header = w.usesCompileExpr
          ? `import { compileExpr } from ${JSON.stringify(distIndex.href)};\n`
          : '';
        const code = `${header}${w.code()}\nconst __t = [${probe.join(', ')}];\nfunction schedule(k: number): number { return ${name}(__t[k]!); }\n`;
        const js = ts.transpileModule(code, {
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
        }).outputText;
        return { code: js, steps: probe.length - 1 };
      }),
    );
  });
  all.forEach(([name, s], i) => {
    it(name, () => {
      const r = values[i]!;
      expect('error' in r ? r.error : undefined).toBeUndefined();
      expectSeriesClose((r as { lr: number[][] }).lr[0]!, probe.map(s), name, { rel: 0, abs: 0 });
    });
  });
});

describe('the copies of locateCycle', () => {
  it("the standalone TypeScript copy is still lrkit's function (else update it and python.ts)", () => {
    const source = readFileSync(
      new URL('../../src/schedules/cosineRestarts.ts', import.meta.url),
      'utf8',
    );
    const fn = (text: string) => {
      const start = text.indexOf('function locateCycle(');
      return text
        .slice(start, text.indexOf('\n}\n', start) + 2)
        .split('\n')
        .filter((line) => !line.trim().startsWith('//'))
        .join('\n')
        .replaceAll('LrkitError', 'Error');
    };
    expect(fn(`${LOCATE_CYCLE}\n`)).toBe(fn(source));
  });
});
