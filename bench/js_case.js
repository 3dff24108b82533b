// One lrkit measurement in its own process, so that no other case's type feedback reaches V8's
// optimiser for this one. Spawned by bench/run.js; reads a JSON config from argv[2] and prints
// one JSON object to stdout.
//
// variant 'step':   construct the Scheduler (untimed), then time N `scheduler.step()` calls.
// variant 'closed': bind the plan (untimed), then time every group's `lr(k)` (and `momentum(k)`
// where the schedule cycles it) for k = 0..N-1.
//
// A step index may not exceed cfg.maxSteps (OneCycleLR's total_steps). When N must be larger for
// a repetition to last long enough, the repetition runs P passes of M ≤ maxSteps steps each, on
// P schedulers built before the clock starts (the closed form simply repeats k = 0..M-1).
import { Scheduler, buildPlan } from 'lrkit';

const cfg = JSON.parse(process.argv[2]);
const { spec, lr, variant, maxSteps, targetNs, reps, warmupReps, maxSeconds } = cfg;
const groups = lr.map((v) => ({ lr: v, momentum: 0.9 }));

let sink = 0;

function split(n) {
  const passes = Math.max(1, Math.ceil(n / maxSteps));
  const perPass = Math.max(1, Math.floor(n / passes));
  return { passes, perPass };
}

function stepRep(n) {
  const { passes, perPass } = split(n);
  const schedulers = [];
  for (let p = 0; p < passes; p++) schedulers.push(new Scheduler(spec, { lr }));
  const t0 = process.hrtime.bigint();
  for (let p = 0; p < passes; p++) {
    const s = schedulers[p];
    for (let k = 0; k < perPass; k++) s.step();
  }
  const t1 = process.hrtime.bigint();
  const last = schedulers[passes - 1].lr;
  for (let g = 0; g < last.length; g++) sink += last[g];
  return { ns: Number(t1 - t0), steps: passes * perPass, passes, perPass };
}

function closedRep(n) {
  const { passes, perPass } = split(n);
  const plan = buildPlan(spec);
  if (plan.kind !== 'closed-form') throw new Error(`${spec} is not a closed form`);
  // the bare closed form of what a step computes: every group's lr, and momentum where cycled
  const fns = plan.bind(groups).flatMap((s) => (s.momentum ? [s.lr, s.momentum] : [s.lr]));
  const count = fns.length;
  let acc = 0;
  const t0 = process.hrtime.bigint();
  for (let p = 0; p < passes; p++) {
    for (let k = 0; k < perPass; k++) {
      for (let g = 0; g < count; g++) acc += fns[g](k);
    }
  }
  const t1 = process.hrtime.bigint();
  sink += acc;
  return { ns: Number(t1 - t0), steps: passes * perPass, passes, perPass };
}

const rep = variant === 'step' ? stepRep : closedRep;
const started = process.hrtime.bigint();
const elapsedS = () => Number(process.hrtime.bigint() - started) / 1e9;

// Calibrate N: grow it until one repetition lasts at least targetNs (this also warms up the JIT).
let n = 1000;
let r = rep(n);
while (r.ns < targetNs && elapsedS() < maxSeconds / 3) {
  const grow = r.ns > 0 ? (targetNs / r.ns) * 1.1 : 10;
  n = Math.ceil(n * Math.min(10, Math.max(1.5, grow)));
  r = rep(n);
}

for (let i = 0; i < warmupReps; i++) rep(n);

const samples = [];
let shape = r;
for (let i = 0; i < reps; i++) {
  shape = rep(n);
  samples.push(shape.ns / shape.steps);
}
const sorted = [...samples].sort((a, b) => a - b);
const mid = sorted.length >> 1;
const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;

console.log(
  JSON.stringify({
    variant,
    medianNs: median,
    samplesNs: samples,
    stepsPerRep: shape.steps,
    passes: shape.passes,
    stepsPerPass: shape.perPass,
    repMs: (median * shape.steps) / 1e6,
    sinkFinite: Number.isFinite(sink),
  }),
);
