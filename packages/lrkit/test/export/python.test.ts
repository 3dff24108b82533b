/**
 * Python export for every example spec (at least one per registry entry) and every Python target:
 * the code compiles (`python3 -m py_compile`), and the general mechanisms (LambdaLR's factors,
 * the Keras LearningRateSchedule, the optax function) reproduce lrkit's curve within 1e-12
 * relative when run by Debian's /usr/bin/python3 — without PyTorch, Keras or optax installed:
 * the closed form is plain Python, and the tests stub the three library names it touches.
 * Refusals are checked too: a spec may be refused only with the "cannot export" message, and
 * PyTorch, Keras and optax entries only where listed below.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { curve, registry, resolveSpec, LrkitError } from '../../src/index.js';
import { exportCode, type ExportTarget } from '../../src/export/index.js';
import { expectSeriesClose } from '../helpers/tolerance.js';
import { examples, type Example } from './examples.js';
import {
  hasPython,
  noPythonReason,
  pyCompile,
  runPython,
  type PyJob,
  type PyMode,
  type PyResult,
} from './harness.js';

const pythonTargets = ['torch', 'keras', 'optax'] as const satisfies readonly ExportTarget[];
type PyTarget = (typeof pythonTargets)[number];

/**
 * Where lrkit refuses a PyTorch, Keras or optax spec on purpose (closures without a description,
 * metric-driven specs, or several param groups with different lrs for a one-lr target).
 */
const expectedRefusals: Record<string, readonly PyTarget[]> = {
  // two groups with different lrs: Keras and optax optimizers have one lr
  "timm.PlateauLRScheduler(decay_rate=0.5, patience_t=1, warmup_t=3, warmup_lr_init=0.001, lr_min=0.001, mode='min', noise_range_t=[4, 12], noise_pct=0.2, noise_seed=7)":
    ['keras', 'optax'],
  'timm.CosineLRScheduler(t_initial=10, lr_min=0.001, cycle_mul=2.0, cycle_decay=0.5, cycle_limit=3, warmup_t=4, warmup_lr_init=0.01, k_decay=1.5)':
    ['keras', 'optax'],
  'get_linear_schedule_with_warmup(num_warmup_steps=0, num_training_steps=30)': ['keras', 'optax'],
  "LambdaLR(lr_lambda=['lambda e: 1 / (e + 1)', 'lambda e: e // 3 + 1'])": ['keras', 'optax'],
  'StepLR(step_size=3, gamma=0.5)': ['keras', 'optax'],
  "MultiplicativeLR(lr_lambda=['lambda e: 0.97', 'lambda e: 1 - 1 / (e + 10)'])": [
    'keras',
    'optax',
  ],
  'CosineAnnealingLR(T_max=20, eta_min=0.001)': ['keras', 'optax'],
  "CyclicLR(base_lr=[0.01, 0.001], max_lr=[0.1, 0.01], step_size_up=3, step_size_down=5, mode='triangular2')":
    ['keras', 'optax'],
  "OneCycleLR(max_lr=[0.1, 0.05], total_steps=30, anneal_strategy='linear', three_phase=True)": [
    'keras',
    'optax',
  ],
};

/** Families whose entries are still being written: a refusal is accepted (and reported). */
const inFlux = new Set<string>([]);

type Outcome = { code: string; mode: PyMode | 'native' } | { error: unknown };

function exportFor(ex: Example, to: PyTarget): Outcome {
  try {
    const code = exportCode(ex.spec, { to, lr: ex.lr });
    const general =
      to === 'torch'
        ? /^scheduler = LambdaLR\(/m.test(code)
        : to === 'keras'
          ? code.includes('class LrkitSchedule(')
          : code.includes('def schedule(count):');
    const mode: PyMode | 'native' = general ? (to === 'torch' ? 'torch-stub' : to) : 'native';
    return { code, mode };
  } catch (error) {
    return { error };
  }
}

const outcomes = examples.map((ex) => pythonTargets.map((to) => exportFor(ex, to)));
const codes: string[] = [];
const codeIndex = outcomes.map((row) =>
  row.map((o) => ('code' in o ? codes.push(o.code) - 1 : -1)),
);

describe('export: every registry entry has an example', () => {
  it('covers each entry', () => {
    const covered = new Set(examples.map((ex) => resolveSpec(ex.spec).entry.qualifiedName));
    const missing = registry.map((e) => e.qualifiedName).filter((n) => !covered.has(n));
    expect(missing, 'add an example for each to test/export/examples.ts').toEqual([]);
  });
});

describe.skipIf(!hasPython)(
  `export to Python${hasPython ? '' : ` (skipped: ${noPythonReason})`}`,
  () => {
    let compiled: (string | undefined)[] = [];
    let results: (PyResult | undefined)[][] = [];

    beforeAll(() => {
      compiled = pyCompile(codes);
      const jobs: PyJob[] = [];
      const where: [number, number][] = [];
      outcomes.forEach((row, i) =>
        row.forEach((o, t) => {
          if ('code' in o && o.mode !== 'native') {
            const ex = examples[i]!;
            jobs.push({ mode: o.mode, code: o.code, lr: ex.lr, steps: ex.steps });
            where.push([i, t]);
          }
        }),
      );
      const out = runPython(jobs);
      results = outcomes.map((row) => row.map(() => undefined));
      out.forEach((r, j) => {
        const [i, t] = where[j]!;
        results[i]![t] = r;
      });
    });

    const refusedInFlux: string[] = [];

    examples.forEach((ex, i) => {
      const entry = resolveSpec(ex.spec).entry;
      pythonTargets.forEach((to, t) => {
        it(`${ex.spec} → ${to}`, () => {
          const outcome = outcomes[i]![t]!;
          if ('error' in outcome) {
            const err = outcome.error as Error;
            expect(err).toBeInstanceOf(LrkitError);
            expect(err.message).toMatch(
              /^cannot export \S+ to \w+ (exactly yet: |with \d+ param groups: )/,
            );
            if (inFlux.has(entry.family)) {
              refusedInFlux.push(`${entry.qualifiedName} → ${to}`);
              return;
            }
            expect(expectedRefusals[ex.spec] ?? [], `unexpected refusal: ${err.message}`).toContain(
              to,
            );
            return;
          }
          expect(
            expectedRefusals[ex.spec] ?? [],
            'now exports: update expectedRefusals',
          ).not.toContain(to);
          const compileError = compiled[codeIndex[i]![t]!];
          expect(compileError, `py_compile:\n${outcome.code}`).toBeUndefined();
          if (outcome.mode === 'native') return;
          const r = results[i]![t]!;
          expect(r.error, outcome.code).toBeUndefined();
          const expected = curve(ex.spec, {
            lr: [...ex.lr],
            steps: ex.steps,
            momentum: 0.9,
            ...(ex.metrics ? { metrics: [...ex.metrics] } : {}),
          });
          r.lr!.forEach((got, g) =>
            expectSeriesClose(got, expected.lr[g]!, `${ex.spec} → ${to}: lr[${g}]`),
          );
          if (expected.momentum && r.momentum) {
            r.momentum.forEach((got, g) =>
              expectSeriesClose(got, expected.momentum![g]!, `${ex.spec} → ${to}: momentum[${g}]`),
            );
          }
        });
      });
    });

    it('reports which in-flux family entries cannot be exported yet', () => {
      if (refusedInFlux.length) {
        console.info(
          `export: not exportable yet (closures without descriptions in their families):\n  ${refusedInFlux.join('\n  ')}`,
        );
      }
      expect(Array.isArray(refusedInFlux)).toBe(true);
    });
  },
);
