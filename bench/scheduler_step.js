// lrkit benchmark: the cost of one scheduler step, against its own closed form and PyTorch.
// Run with `npm run bench` (builds first). See bench/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const resultsFile = join(here, 'results', 'scheduler-step.json');
const python = process.env.LRKIT_BENCH_PYTHON || '/usr/bin/python3';

const REPS = 7;
const WARMUP_REPS = 2;
const JS_TARGET_NS = 50e6; // each JS repetition lasts ≥ ~50 ms
const PY_TARGET_NS = 300e6; // each PyTorch repetition lasts ≥ ~0.3 s
const MAX_SECONDS_PER_CASE = 20; // calibration stops growing N after a third of this
const TARGET_TORCH_RATIO = 100; // PyTorch step / lrkit step ≥ 100×
const TARGET_CLOSED_RATIO = 3; // lrkit step / closed form ≤ 3×

const CASES = [
  {
    name: 'StepLR',
    spec: 'StepLR(step_size=30, gamma=0.1)',
    torch: 'StepLR',
    kwargs: { step_size: 30, gamma: 0.1 },
    maxSteps: Infinity,
  },
  {
    name: 'CosineAnnealingLR',
    spec: 'CosineAnnealingLR(T_max=10000)',
    torch: 'CosineAnnealingLR',
    kwargs: { T_max: 10000 },
    maxSteps: Infinity,
  },
  {
    name: 'OneCycleLR',
    spec: 'OneCycleLR(max_lr=0.1, total_steps=1000000)',
    torch: 'OneCycleLR',
    kwargs: { max_lr: 0.1, total_steps: 1000000 },
    maxSteps: 1000000, // a scheduler may not step beyond total_steps
  },
];
const GROUP_COUNTS = [1, 10];

const lrsFor = (count) => Array.from({ length: count }, (_, i) => 0.1 * (i + 1));

const rows = [];
for (const c of CASES) {
  for (const count of GROUP_COUNTS) {
    rows.push({ id: `${c.name}/${count}`, case: c, groups: count, lr: lrsFor(count) });
  }
}

function progress(text) {
  process.stderr.write(`${text}\n`);
}

function measureJs(row, variant) {
  const cfg = {
    spec: row.case.spec,
    lr: row.lr,
    variant,
    maxSteps: Number.isFinite(row.case.maxSteps) ? row.case.maxSteps : Number.MAX_SAFE_INTEGER,
    targetNs: JS_TARGET_NS,
    reps: REPS,
    warmupReps: WARMUP_REPS,
    maxSeconds: MAX_SECONDS_PER_CASE,
  };
  const r = spawnSync(process.execPath, [join(here, 'js_case.js'), JSON.stringify(cfg)], {
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    throw new Error(`bench/js_case.js failed for ${row.id} (${variant}):\n${r.stderr || r.error}`);
  }
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  if (!out.sinkFinite) throw new Error(`${row.id} (${variant}): the sink is not finite`);
  delete out.sinkFinite;
  return out;
}

function measureTorch() {
  const cfg = {
    targetNs: PY_TARGET_NS,
    reps: REPS,
    warmupReps: 1,
    maxSecondsPerCase: MAX_SECONDS_PER_CASE,
    cases: rows.map((row) => ({
      id: row.id,
      torch: row.case.torch,
      kwargs: row.case.kwargs,
      lr: row.lr,
      maxSteps: Number.isFinite(row.case.maxSteps) ? row.case.maxSteps : Number.MAX_SAFE_INTEGER,
    })),
  };
  if (!existsSync(python)) {
    return { ok: false, error: `${python} does not exist (set LRKIT_BENCH_PYTHON to another)` };
  }
  const r = spawnSync(python, [join(here, 'torch_step.py')], {
    input: JSON.stringify(cfg),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.error) return { ok: false, error: `could not run ${python}: ${r.error.message}` };
  if (r.status !== 0) {
    const last = (r.stderr || '').trim().split('\n').pop();
    return { ok: false, error: `${python} bench/torch_step.py exited with ${r.status}: ${last}` };
  }
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    return {
      ok: false,
      error: `unreadable output from bench/torch_step.py: ${r.stdout.slice(0, 200)}`,
    };
  }
}

// --- lrkit's reference values for the sanity check against PyTorch ---------------------------
async function lrkitLrAt(spec, lr, k) {
  const { buildPlan } = await import('lrkit');
  return buildPlan(spec)
    .bind(lr.map((v) => ({ lr: v, momentum: 0.9 })))
    .map((s) => s.lr(k));
}

// --- formatting ---------------------------------------------------------------------------------
function fmtNs(ns) {
  if (ns === null || ns === undefined) return 'n/a';
  if (ns < 10) return `${ns.toFixed(2)} ns`;
  if (ns < 1000) return `${ns.toFixed(1)} ns`;
  return `${Math.round(ns).toLocaleString('en-US')} ns`;
}
function fmtRatio(x) {
  if (x === null || x === undefined) return 'n/a';
  return x >= 100 ? `${Math.round(x)}×` : `${x.toFixed(x >= 10 ? 1 : 2)}×`;
}
function table(header, body, rightAligned) {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => (rightAligned[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

// --- run ---------------------------------------------------------------------------------------
if (!existsSync(join(here, '..', 'packages', 'lrkit', 'dist', 'index.js'))) {
  console.error(
    'packages/lrkit/dist/index.js is missing: run `npm run build` first (or use `npm run bench`).',
  );
  process.exit(1);
}

const started = Date.now();
for (const row of rows) {
  progress(`measuring lrkit ${row.case.spec}, ${row.groups} group(s) ...`);
  row.lrkitStep = measureJs(row, 'step');
  row.closedForm = measureJs(row, 'closed');
}
progress(`measuring PyTorch with ${python} ...`);
const torch = measureTorch();
const torchById = new Map(torch.ok ? torch.results.map((r) => [r.id, r]) : []);

for (const row of rows) {
  const t = torchById.get(row.id);
  row.pytorchStep = t ? { ...t } : null;
  if (row.pytorchStep) delete row.pytorchStep.id;
  const lrkitNs = row.lrkitStep.medianNs;
  row.ratios = {
    pytorchOverLrkitStep: t ? t.medianNs / lrkitNs : null,
    lrkitStepOverClosedForm: lrkitNs / row.closedForm.medianNs,
  };
  row.targets = {
    pytorchOverLrkitStep: {
      target: `>= ${TARGET_TORCH_RATIO}`,
      met: t ? row.ratios.pytorchOverLrkitStep >= TARGET_TORCH_RATIO : null,
    },
    lrkitStepOverClosedForm: {
      target: `<= ${TARGET_CLOSED_RATIO}`,
      met: row.ratios.lrkitStepOverClosedForm <= TARGET_CLOSED_RATIO,
    },
  };
  if (t) {
    const ours = await lrkitLrAt(row.case.spec, row.lr, t.stepsPerPass);
    const worst = Math.max(
      ...ours.map((v, g) => Math.abs(v - t.lastLr[g]) / Math.max(Math.abs(t.lastLr[g]), 1e-300)),
    );
    row.check = {
      step: t.stepsPerPass,
      maxRelDiff: worst,
      agree: ours.every(
        (v, g) => Math.abs(v - t.lastLr[g]) <= 1e-12 + 1e-6 * Math.abs(t.lastLr[g]),
      ),
    };
  } else {
    row.check = null;
  }
}

const cpus = os.cpus();
const machine = {
  node: process.version,
  cpuModel: cpus.length ? cpus[0].model : 'unknown',
  cores: cpus.length,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  torch: torch.ok ? torch.torch : null,
  python: torch.ok ? `${torch.python} (${torch.executable})` : null,
};
const torchNote = torch.ok ? null : `PyTorch was NOT measured: ${torch.error}`;

const mark = (met) => (met === null ? 'not measured' : met ? 'met' : 'NOT met');
const header = [
  'case',
  'groups',
  'lrkit step',
  'closed form',
  'PyTorch step',
  'PyTorch/lrkit',
  `(≥${TARGET_TORCH_RATIO}×)`,
  'lrkit/closed',
  `(≤${TARGET_CLOSED_RATIO}×)`,
];
const body = rows.map((row) => [
  row.case.spec,
  String(row.groups),
  fmtNs(row.lrkitStep.medianNs),
  fmtNs(row.closedForm.medianNs),
  fmtNs(row.pytorchStep?.medianNs),
  fmtRatio(row.ratios.pytorchOverLrkitStep),
  mark(row.targets.pytorchOverLrkitStep.met),
  fmtRatio(row.ratios.lrkitStepOverClosedForm),
  mark(row.targets.lrkitStepOverClosedForm.met),
]);

const out = [];
out.push('lrkit scheduler-step benchmark (ns per step = per scheduler.step() over all groups)');
out.push('');
out.push(`node      ${machine.node}`);
out.push(`cpu       ${machine.cpuModel} (${machine.cores} cores)`);
out.push(`platform  ${machine.platform}`);
out.push(
  machine.torch
    ? `torch     ${machine.torch}, python ${machine.python}`
    : `torch     not measured (${torch.error})`,
);
out.push(
  `method    median of ${REPS} repetitions after warm-up; each repetition ≥ ${JS_TARGET_NS / 1e6} ms (JS), ≥ ${PY_TARGET_NS / 1e6} ms (PyTorch)`,
);
out.push('');
out.push(table(header, body, [false, true, true, true, true, true, false, true, false]));
out.push('');
out.push(
  "closed form = every group's lr(k), and momentum(k) where the schedule cycles it (OneCycleLR), summed into a sink",
);
out.push('');
out.push('steps per repetition (lrkit step / closed form / PyTorch):');
for (const row of rows) {
  const n = (m) =>
    m
      ? `${m.stepsPerRep.toLocaleString('en-US')}${m.passes > 1 ? ` (${m.passes} passes)` : ''}`
      : 'n/a';
  out.push(
    `  ${row.id.padEnd(20)} ${n(row.lrkitStep)} / ${n(row.closedForm)} / ${n(row.pytorchStep)}`,
  );
}
if (torchNote) {
  out.push('');
  out.push(torchNote);
} else {
  const bad = rows.filter((r) => r.check && !r.check.agree);
  out.push('');
  out.push(
    bad.length === 0
      ? 'check: after each PyTorch run, lrkit gives the same lr for every group (rel. diff ≤ 1e-6)'
      : `check: lrkit and PyTorch disagree on the lr for ${bad
          .map(
            (r) =>
              `${r.id} at step ${r.check.step} (rel. diff ${r.check.maxRelDiff.toExponential(2)})`,
          )
          .join(', ')}`,
  );
}
out.push('');
out.push(`total ${((Date.now() - started) / 1000).toFixed(1)} s; JSON: ${resultsFile}`);
console.log(out.join('\n'));

mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(
  resultsFile,
  `${JSON.stringify(
    {
      benchmark: 'scheduler-step',
      timestamp: new Date().toISOString(),
      machine,
      method: {
        unit: 'ns per step (one scheduler.step(), or one lr(k) per group, over all groups)',
        statistic: 'median',
        reps: REPS,
        jsWarmupReps: WARMUP_REPS,
        pytorchWarmupReps: 1,
        jsTargetRepMs: JS_TARGET_NS / 1e6,
        pytorchTargetRepMs: PY_TARGET_NS / 1e6,
        jsIsolation: 'each lrkit measurement runs in its own node process',
      },
      targets: {
        pytorchOverLrkitStep: `>= ${TARGET_TORCH_RATIO}`,
        lrkitStepOverClosedForm: `<= ${TARGET_CLOSED_RATIO}`,
      },
      pytorchNote: torchNote,
      results: rows.map((row) => ({
        id: row.id,
        spec: row.case.spec,
        torch: { scheduler: row.case.torch, kwargs: row.case.kwargs },
        groups: row.groups,
        lr: row.lr,
        lrkitStep: row.lrkitStep,
        closedForm: row.closedForm,
        pytorchStep: row.pytorchStep,
        ratios: row.ratios,
        targets: row.targets,
        check: row.check,
      })),
    },
    null,
    2,
  )}\n`,
);
