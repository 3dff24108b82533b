/**
 * Runs exported code for the export tests: Python through Debian's /usr/bin/python3 (with or
 * without PyTorch), TypeScript through node against the built package. Everything runs in one
 * process per batch, so hundreds of snippets cost a few process starts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decode } from '../helpers/golden.js';

export const python = '/usr/bin/python3';
export const hasPython = existsSync(python);
export const hasTorch =
  hasPython && spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;
export const noPythonReason = `${python} is missing`;
export const noTorchReason = hasPython
  ? `PyTorch is not importable by ${python} (apt-get install python3-torch)`
  : noPythonReason;

export const distIndex = new URL('../../dist/index.js', import.meta.url);

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `lrkit-export-${prefix}-`));
}

/**
 * `python3 -m py_compile` on each snippet (one file each, one process for all). Returns, per
 * snippet, undefined when it compiles, else the compiler's message.
 */
export function pyCompile(snippets: readonly string[]): (string | undefined)[] {
  const dir = tempDir('compile');
  const files = snippets.map((code, i) => {
    const file = join(dir, `snippet_${i}.py`);
    writeFileSync(file, code);
    return file;
  });
  if (files.length === 0) return [];
  const r = spawnSync(python, ['-m', 'py_compile', ...files], { encoding: 'utf8' });
  const err = r.stderr ?? '';
  return files.map((f) => {
    const name = f.split('/').pop()!;
    const line = err.split('\n').find((l) => l.includes(name));
    return line ? err : undefined;
  });
}

/** How a Python job runs: the generated code's general-mechanism function(s), or real PyTorch. */
export type PyMode = 'keras' | 'optax' | 'torch-stub' | 'torch';

export interface PyJob {
  readonly mode: PyMode;
  readonly code: string;
  readonly lr: readonly number[];
  readonly steps: number;
  readonly metrics?: readonly number[] | undefined;
}

export interface PyResult {
  /** lr[g][k] */
  readonly lr?: number[][];
  /** momentum[g][k], when the code exports or (torch) applies it */
  readonly momentum?: number[][] | null;
  readonly error?: string;
}

const RUNNER = String.raw`
import json, math, sys, types, warnings
warnings.filterwarnings("ignore")

def enc(v):
    v = float(v)
    if math.isfinite(v):
        return v
    return "NaN" if v != v else ("Infinity" if v > 0 else "-Infinity")

def stub_keras():
    keras = types.ModuleType("keras")
    class LearningRateSchedule:
        pass
    keras.optimizers = types.SimpleNamespace(
        schedules=types.SimpleNamespace(LearningRateSchedule=LearningRateSchedule))
    keras.ops = types.SimpleNamespace(convert_to_numpy=lambda x: x)
    sys.modules["keras"] = keras

def stub_torch():
    for name in ["torch", "torch.optim", "torch.optim.lr_scheduler"]:
        sys.modules[name] = types.ModuleType(name)
    class LambdaLR:
        def __init__(self, optimizer, lr_lambda):
            self.optimizer = optimizer
            self.lr_lambda = lr_lambda
    sys.modules["torch.optim.lr_scheduler"].LambdaLR = LambdaLR

def run_stub(job):
    n = job["steps"]
    lrs = job["lr"]
    ks = range(n + 1)
    if job["mode"] == "torch-stub":
        ns = {"optimizer": types.SimpleNamespace(param_groups=[{"lr": lr} for lr in lrs])}
        exec(job["code"], ns)
        lam = ns["scheduler"].lr_lambda
        lams = lam if isinstance(lam, list) else [lam] * len(lrs)
        # PyTorch's LambdaLR: base_lr * lr_lambda(epoch)
        out = {"lr": [[enc(base * lams[g](k)) for k in ks] for g, base in enumerate(lrs)]}
        moms = [ns.get("_momentum%d" % g, ns.get("_momentum")) for g in range(len(lrs))]
        if all(m is not None for m in moms):
            out["momentum"] = [[enc(m(k)) for k in ks] for m in moms]
        return out
    ns = {}
    exec(job["code"], ns)
    f = ns["lr_schedule"] if job["mode"] == "keras" else ns["schedule"]
    out = {"lr": [[enc(f(k)) for k in ks]]}
    if "momentum_schedule" in ns:
        out["momentum"] = [[enc(ns["momentum_schedule"](k)) for k in ks]]
    return out

def run_torch(job):
    import torch
    n = job["steps"]
    lrs = job["lr"]
    params = [torch.nn.Parameter(torch.zeros(1)) for _ in lrs]
    opt = torch.optim.SGD([{"params": [p], "lr": lr} for p, lr in zip(params, lrs)],
                          lr=lrs[0], momentum=0.9)
    ns = {"optimizer": opt}
    exec(job["code"], ns)
    s = ns["scheduler"]
    lr = [[] for _ in lrs]
    mom = [[] for _ in lrs]
    def record():
        for g, group in enumerate(opt.param_groups):
            lr[g].append(enc(group["lr"]))
            mom[g].append(enc(group["momentum"]))
    record()
    metrics = job.get("metrics")
    for k in range(1, n + 1):
        opt.step()
        if metrics is not None:
            s.step(float(metrics[k - 1]))
        else:
            s.step()
        record()
    return {"lr": lr, "momentum": mom}

jobs = json.load(open(sys.argv[1]))
if any(j["mode"] != "torch" for j in jobs):
    stub_keras()
    stub_torch()
results = []
for job in jobs:
    try:
        results.append(run_torch(job) if job["mode"] == "torch" else run_stub(job))
    except Exception as e:
        results.append({"error": "%s: %s" % (type(e).__name__, e)})
print(json.dumps(results))
`;

/** Runs jobs in one Python process (real PyTorch jobs must not be mixed with the stubbed ones). */
export function runPython(jobs: readonly PyJob[]): PyResult[] {
  if (jobs.length === 0) return [];
  const dir = tempDir('run');
  const runner = join(dir, 'runner.py');
  const input = join(dir, 'jobs.json');
  writeFileSync(runner, RUNNER);
  // non-finite metrics as the strings float() reads back ("NaN"); JSON would make them null
  const encoded = jobs.map((j) =>
    j.metrics ? { ...j, metrics: j.metrics.map((m) => (Number.isFinite(m) ? m : String(m))) } : j,
  );
  writeFileSync(input, JSON.stringify(encoded));
  const r = spawnSync(python, [runner, input], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python runner failed (${r.status}): ${r.stderr}`);
  const raw = JSON.parse(r.stdout) as {
    lr?: unknown[][];
    momentum?: unknown[][];
    error?: string;
  }[];
  return raw.map((x) => ({
    ...(x.error !== undefined ? { error: x.error } : {}),
    ...(x.lr ? { lr: x.lr.map((g) => g.map(decode)) } : {}),
    ...(x.momentum ? { momentum: x.momentum.map((g) => g.map(decode)) } : {}),
  }));
}

/** A TypeScript/JavaScript module job: `code` defines `schedule` or `scheduler`. */
export interface TsJob {
  readonly code: string;
  readonly steps: number;
  readonly metrics?: readonly number[] | undefined;
}

const HARNESS = `
export const __values = (() => {
  if (typeof scheduler !== 'undefined') {
    const out = scheduler.lr.map((v) => [v]);
    for (let k = 1; k <= __steps; k++) {
      if (__metrics) scheduler.step(__metrics[k - 1]);
      else scheduler.step();
      scheduler.lr.forEach((v, g) => out[g].push(v));
    }
    return out;
  }
  return [Array.from({ length: __steps + 1 }, (_, k) => schedule(k))];
})();
`;

/**
 * Writes each JavaScript module (already transpiled, with 'lrkit' pointing at dist) to a temp
 * .mjs file and imports them all in one node process. Returns lr[g][k] per job, or an error.
 */
export function runNode(jobs: readonly TsJob[]): ({ lr: number[][] } | { error: string })[] {
  if (jobs.length === 0) return [];
  const dir = tempDir('node');
  const files = jobs.map((job, i) => {
    const file = join(dir, `job_${i}.mjs`);
    const code = job.code.replaceAll(`from 'lrkit'`, `from '${distIndex.href}'`);
    writeFileSync(
      file,
      `${code}\nconst __steps = ${job.steps};\nconst __metrics = ${JSON.stringify(job.metrics?.map(String) ?? null)}?.map(Number);\n${HARNESS}`,
    );
    return pathToFileURL(file).href;
  });
  const runner = join(dir, 'runner.mjs');
  writeFileSync(
    runner,
    `const files = ${JSON.stringify(files)};
const out = [];
for (const f of files) {
  try {
    const m = await import(f);
    out.push({ lr: m.__values.map((g) => g.map((v) => (Number.isFinite(v) ? v : String(v)))) });
  } catch (e) {
    out.push({ error: String(e && e.message) });
  }
}
process.stdout.write(JSON.stringify(out));
`,
  );
  const r = spawnSync(process.execPath, [runner], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`node runner failed (${r.status}): ${r.stderr}`);
  const raw = JSON.parse(r.stdout) as ({ lr: unknown[][] } | { error: string })[];
  return raw.map((x) => ('error' in x ? x : { lr: x.lr.map((g) => g.map(decode)) }));
}

/** Runs a Python program that prints one JSON value; returns it (non-finite floats as strings). */
export function runPythonJson(code: string): unknown {
  const dir = tempDir('script');
  const file = join(dir, 'script.py');
  writeFileSync(file, code);
  const r = spawnSync(python, [file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`python failed (${r.status}): ${r.stderr}\n${code}`);
  return JSON.parse(r.stdout);
}
