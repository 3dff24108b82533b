/**
 * Metric-driven specs exported as Python (src/export/plateau.ts): the plain-Python `Plateau`
 * class (optax), the Keras callback around it, and the PyTorch scheduler class for timm's
 * PlateauLRScheduler with a warm-up or noise. Fed the golden metrics (PyTorch's and timm's
 * plateau cases) and random ones, each must give lrkit's curve (`curve(spec, { metrics })`).
 */
import { describe, expect, it } from 'vitest';
import { curve, LrkitError, mulberry32, resolveSpec } from '../../src/index.js';
import { exportCode } from '../../src/export/index.js';
import { minLrs, plateauPython } from '../../src/export/plateau.js';
import { decode, pyCall, torchGolden } from '../helpers/golden.js';
import { expectThrows } from '../helpers/errors.js';
import { expectSeriesClose } from '../helpers/tolerance.js';
import { hasPython, hasTorch, noPythonReason, runPython, runPythonJson } from './harness.js';
import { readFileSync } from 'node:fs';

interface Case {
  readonly spec: string;
  readonly lr: readonly number[];
  readonly metrics: readonly number[];
}

const torchCases: Case[] = torchGolden()
  .cases.filter((c) => c.name.startsWith('plateau_'))
  .map((c) => ({
    spec: pyCall(c.scheduler, c.params),
    lr: c.optimizer.lrs,
    metrics: c.metrics!.map(decode),
  }));

const family = JSON.parse(
  readFileSync(new URL('../golden/family_reference.json', import.meta.url), 'utf8'),
) as {
  cases: { name: string; spec: string; base_lrs: number[]; metrics?: (number | string)[] }[];
};
const timmCases: Case[] = family.cases
  .filter((c) => c.name.startsWith('timm/plateau_'))
  .map((c) => ({ spec: c.spec, lr: c.base_lrs, metrics: c.metrics!.map(decode) }));

/** A seeded walk of metrics with plateaus and NaNs (mulberry32, so the test is reproducible). */
function metricsFor(seed: number, n: number): number[] {
  const next = mulberry32(seed);
  const out: number[] = [];
  let v = 1;
  for (let k = 0; k < n; k++) {
    const u = next();
    if (u < 0.03) out.push(NaN);
    else {
      if (u < 0.4) v *= 0.97 + 0.02 * next();
      out.push(v);
    }
  }
  return out;
}

const randomCases: Case[] = [
  ...[3, 17, 42, 1001].map((seed) => ({
    spec: `timm.PlateauLRScheduler(decay_rate=0.5, patience_t=2, cooldown_t=1, warmup_t=4, warmup_lr_init=0.001, lr_min=0.0001, mode='min', noise_range_t=[2, 50], noise_pct=0.3, noise_seed=${seed})`,
    lr: [0.1],
    metrics: metricsFor(seed, 60),
  })),
  {
    spec: "timm.PlateauLRScheduler(decay_rate=0.3, patience_t=1, mode='min', noise_range_t=10, noise_type='uniform', noise_seed=5)",
    lr: [0.05],
    metrics: metricsFor(5, 40),
  },
  {
    spec: "ReduceLROnPlateau(mode='max', factor=0.5, patience=1, threshold=0.01, threshold_mode='abs', cooldown=2, eps=1e-06)",
    lr: [0.1],
    metrics: metricsFor(9, 50).map((m) => -m),
  },
  { spec: 'get_reduce_on_plateau_schedule(patience=1)', lr: [0.1], metrics: metricsFor(11, 40) },
];

const allCases = [...torchCases, ...timmCases, ...randomCases];

const expected = (c: Case) =>
  curve(c.spec, { lr: [...c.lr], steps: c.metrics.length, metrics: [...c.metrics] }).lr;

const enc = (v: number) => (Number.isFinite(v) ? v : String(v));

/** Python that runs each job's code and records the lrs: keras (callback) or optax (plateau). */
const RUNNER = String.raw`
import json, math, sys, types

JOBS = json.loads(__JOBS__)

def enc(v):
    v = float(v)
    return v if math.isfinite(v) else ("NaN" if v != v else ("Infinity" if v > 0 else "-Infinity"))

class Callback:
    def __init__(self):
        self.model = None

keras = types.ModuleType("keras")
keras.callbacks = types.SimpleNamespace(Callback=Callback)
sys.modules["keras"] = keras

def run(job):
    ns = {}
    exec(job["code"], ns)
    metrics = [float(m) for m in job["metrics"]]
    out = []
    if job["mode"] == "keras":
        cb = ns["LrkitPlateau"](monitor=job["monitor"])
        cb.model = types.SimpleNamespace(optimizer=types.SimpleNamespace(learning_rate=None))
        cb.on_train_begin()
        out.append(enc(cb.model.optimizer.learning_rate))
        for epoch, m in enumerate(metrics):
            cb.on_epoch_end(epoch, {"loss": 0.0, job["monitor"]: m})
            out.append(enc(cb.model.optimizer.learning_rate))
        return [out]
    if job["mode"] == "optax":
        p = ns["plateau"]
        out.append(enc(p.lr))
        for m in metrics:
            out.append(enc(p.step(m)))
        return [out]
    p = ns["Plateau"](job["lr"], job["min_lr"])
    lrs = [[enc(v)] for v in p.lrs]
    for m in metrics:
        for g, v in enumerate(p.step(m)):
            lrs[g].append(enc(v))
    return lrs

results = []
for job in JOBS:
    try:
        results.append({"lr": run(job)})
    except Exception as e:
        results.append({"error": "%s: %s" % (type(e).__name__, e)})
print(json.dumps(results))
`;

interface Job {
  mode: 'keras' | 'optax' | 'class';
  code: string;
  metrics: (number | string)[];
  monitor?: string;
  lr?: readonly number[];
  min_lr?: number[];
}

function runJobs(jobs: Job[]): ({ lr: number[][] } | { error: string })[] {
  const program = RUNNER.replace('__JOBS__', () => JSON.stringify(JSON.stringify(jobs)));
  const raw = runPythonJson(program) as ({ lr: unknown[][] } | { error: string })[];
  return raw.map((r) => ('error' in r ? r : { lr: r.lr.map((g) => g.map(decode)) }));
}

describe.skipIf(!hasPython)(
  `metric-driven specs as Python${hasPython ? '' : ` (skipped: ${noPythonReason})`}`,
  () => {
    it("the Plateau class gives lrkit's lrs for every group (golden and random metrics)", () => {
      const jobs: Job[] = allCases.map((c) => {
        const plan = resolveSpec(c.spec).entry.build(resolveSpec(c.spec).args);
        if (plan.kind !== 'plateau') throw new Error(`${c.spec} is not metric-driven`);
        const { imports, blocks } = plateauPython(plan.options, false);
        return {
          mode: 'class',
          code: [...imports.map((m) => `import ${m}`), ...blocks].join('\n\n\n'),
          metrics: c.metrics.map(enc),
          lr: c.lr,
          min_lr: minLrs(plan.options, c.lr.length),
        };
      });
      runJobs(jobs).forEach((r, i) => {
        const c = allCases[i]!;
        expect('error' in r ? r.error : undefined, c.spec).toBeUndefined();
        const want = expected(c);
        (r as { lr: number[][] }).lr.forEach((got, g) =>
          expectSeriesClose(got, want[g]!, `${c.spec}: lr[${g}]`),
        );
      });
    });

    it('the Keras callback and the optax Plateau give lrkit’s lrs, one group at a time', () => {
      const runs: { c: Case; g: number; to: 'keras' | 'optax' }[] = [];
      const jobs: Job[] = [];
      for (const c of allCases) {
        const spec = resolveSpec(c.spec);
        const plan = spec.entry.build(spec.args);
        if (plan.kind !== 'plateau' || Array.isArray(plan.options.min_lr)) continue;
        c.lr.forEach((lr, g) => {
          for (const to of ['keras', 'optax'] as const) {
            const code = exportCode(c.spec, { to, lr });
            const monitor = g === 0 ? 'val_loss' : 'val_accuracy';
            if (to === 'keras') expect(code).toContain('monitor="val_loss"');
            runs.push({ c, g, to });
            jobs.push({ mode: to, code, metrics: c.metrics.map(enc), monitor });
          }
        });
      }
      expect(runs.length).toBeGreaterThan(20);
      runJobs(jobs).forEach((r, i) => {
        const { c, g, to } = runs[i]!;
        expect('error' in r ? r.error : undefined, `${c.spec} → ${to}`).toBeUndefined();
        const want = curve(c.spec, {
          lr: [c.lr[g]!],
          steps: c.metrics.length,
          metrics: [...c.metrics],
        }).lr[0]!;
        expectSeriesClose((r as { lr: number[][] }).lr[0]!, want, `${c.spec} → ${to} (lr ${g})`);
      });
    });

    it.skipIf(!hasTorch)(
      "timm's PlateauLRScheduler with a warm-up or noise to torch: the class under real PyTorch",
      () => {
        const cases = [...timmCases, ...randomCases].filter((c) => c.spec.startsWith('timm.'));
        const withWarmupOrNoise = cases.filter((c) => /warmup_t=[1-9]|noise_range_t/.test(c.spec));
        expect(withWarmupOrNoise.length).toBeGreaterThan(3);
        const two = (c: Case) => [c.lr[0]!, c.lr[0]! / 4];
        const out = runPython(
          withWarmupOrNoise.map((c) => ({
            mode: 'torch' as const,
            code: exportCode(c.spec, { to: 'torch', lr: two(c) }),
            lr: two(c),
            steps: c.metrics.length,
            metrics: c.metrics,
          })),
        );
        out.forEach((r, i) => {
          const c = withWarmupOrNoise[i]!;
          expect(r.error, c.spec).toBeUndefined();
          const want = curve(c.spec, {
            lr: two(c),
            steps: c.metrics.length,
            metrics: [...c.metrics],
          }).lr;
          r.lr!.forEach((got, g) => expectSeriesClose(got, want[g]!, `${c.spec}: lr[${g}]`));
        });
      },
    );
  },
);

describe('metric-driven refusals', () => {
  it('several param groups with different lrs (or min_lrs) cannot go to a one-lr target', () => {
    expectThrows(
      () => exportCode('ReduceLROnPlateau(patience=2)', { to: 'keras', lr: [0.1, 0.01] }),
      LrkitError,
      'cannot export ReduceLROnPlateau to keras with 2 param groups: a Keras optimizer has one lr (no param groups), and these groups get different lrs; export one group at a time (one --lr)',
    );
    expectThrows(
      () =>
        exportCode('ReduceLROnPlateau(patience=2, min_lr=[0.001, 0.002])', {
          to: 'optax',
          lr: [0.1, 0.1],
        }),
      LrkitError,
      'cannot export ReduceLROnPlateau to optax with 2 param groups: an optax optimizer has one lr (no param groups), and these groups get different lrs; export one group at a time (one --lr)',
    );
  });

  it('standalone TypeScript has no state machine: lrkit itself (--to ts) runs it', () => {
    expectThrows(
      () => exportCode('ReduceLROnPlateau(patience=2)', { to: 'ts', standalone: true }),
      LrkitError,
      'cannot export ReduceLROnPlateau to ts exactly yet: it is driven by a metric, so it has no closed form to write out (export it --to torch, keras, optax, or ts without --standalone)',
    );
  });
});
