/**
 * `lrkit solve`: the step-decay solver (start, end, steps, updates → γ and step size), one
 * parameter of any schedule, or batch-size scaling — human-readable, or JSON for scripts.
 */
import { scaleLearningRate, solveParameter, solveStepDecay } from 'lrkit';
import { parseNumber, UsageError, parseCommandArgs } from './args.js';

export const solveHelp = `Usage:
  lrkit solve --initial η0 --final η --total-steps M (--updates m | --step-size n) [--format json]
  lrkit solve --initial η0 --gamma γ --total-steps M (--updates m | --step-size n)
  lrkit solve "<SPEC>" --param NAME --target VALUE --at STEP [--lr BASE]
  lrkit solve --base-lr LR --base-batch B0 --batch B [--rule linear|sqrt] [--dataset-size N]
              [--warmup-epochs E]

Step decay: start at η0, end at exactly η after M steps with m decays. Prints γ = (η/η0)^(1/m),
the step size n = M/m, the milestones, and the same schedule for PyTorch, Keras, optax and lrkit;
says when M is not a multiple of m and when γ is too close to 1 for float32 (what TF.js applies).

One parameter: finds the value of --param that makes SPEC reach --target at step --at.

Batch scaling: the lr for a new batch size (linear, Goyal et al. 2017; or sqrt for Adam-like
optimizers), with the warm-up large batches need.

Options:
  --format FORMAT   text (default) or json
  -h, --help        this help

Examples:
  lrkit solve --initial 0.1 --final 1e-4 --total-steps 1000000 --updates 10000
  lrkit solve "ExponentialLR(gamma=0.9)" --param gamma --target 1e-4 --at 10000 --lr 0.1
  lrkit solve --base-lr 0.1 --base-batch 256 --batch 8192 --dataset-size 1281167`;

const num = (name: string, v: string | undefined) =>
  v === undefined ? undefined : parseNumber(`--${name}`, v);

function lines(parts: (string | null | false | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string').join('\n');
}

function shortList(xs: number[]): string {
  return xs.length <= 12
    ? `[${xs.join(', ')}]`
    : `[${xs.slice(0, 5).join(', ')}, …, ${xs.slice(-3).join(', ')}] (${xs.length} milestones)`;
}

export function runSolve(argv: string[]): { text: string } {
  const { values, positionals } = parseCommandArgs('solve', argv, {
    initial: { type: 'string' },
    final: { type: 'string' },
    gamma: { type: 'string' },
    'total-steps': { type: 'string' },
    updates: { type: 'string' },
    'step-size': { type: 'string' },
    param: { type: 'string' },
    target: { type: 'string' },
    at: { type: 'string' },
    lr: { type: 'string' },
    'base-lr': { type: 'string' },
    'base-batch': { type: 'string' },
    batch: { type: 'string' },
    rule: { type: 'string' },
    'dataset-size': { type: 'string' },
    'warmup-epochs': { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { text: solveHelp };
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`--format: expected text or json, got '${format}'`);
  const json = (v: unknown) => ({ text: JSON.stringify(v, null, 2) });

  if (positionals.length > 1)
    throw new UsageError(`solve: expected at most one SPEC (quote it), got ${positionals.length}`);
  if (positionals.length === 1) {
    for (const o of ['param', 'target', 'at'] as const) {
      if (values[o] === undefined) throw new UsageError(`solve: with a SPEC, --${o} is required`);
    }
    const r = solveParameter(positionals[0]!, {
      param: values.param!,
      target: num('target', values.target)!,
      at: num('at', values.at)!,
      lr: num('lr', values.lr) ?? 1,
    });
    if (format === 'json') return json(r);
    return {
      text: lines([
        `${r.param} = ${r.value}`,
        `${r.spec} reaches ${r.achieved} at step ${values.at}`,
      ]),
    };
  }

  if (
    values['base-lr'] !== undefined ||
    values.batch !== undefined ||
    values['base-batch'] !== undefined
  ) {
    for (const o of ['base-lr', 'base-batch', 'batch'] as const) {
      if (values[o] === undefined) throw new UsageError(`solve: batch scaling needs --${o}`);
    }
    const rule = values.rule ?? 'linear';
    if (rule !== 'linear' && rule !== 'sqrt')
      throw new UsageError(`--rule: expected linear or sqrt, got '${rule}'`);
    const r = scaleLearningRate({
      baseLr: num('base-lr', values['base-lr'])!,
      baseBatch: num('base-batch', values['base-batch'])!,
      batch: num('batch', values.batch)!,
      rule,
      ...(values['dataset-size'] === undefined
        ? {}
        : { datasetSize: num('dataset-size', values['dataset-size'])! }),
      ...(values['warmup-epochs'] === undefined
        ? {}
        : { warmupEpochs: num('warmup-epochs', values['warmup-epochs'])! }),
    });
    if (format === 'json') return json(r);
    return {
      text: lines([
        `lr = ${r.lr}`,
        r.explanation,
        r.warmup_spec && `warm-up (PyTorch, with lr=${r.lr}): ${r.warmup_spec}`,
      ]),
    };
  }

  if (values.initial === undefined || values['total-steps'] === undefined) {
    throw new UsageError(
      'solve: give --initial and --total-steps with --final or --gamma, and --updates or --step-size (lrkit solve --help)',
    );
  }
  const s = solveStepDecay({
    initial: num('initial', values.initial)!,
    totalSteps: num('total-steps', values['total-steps'])!,
    ...(values.final === undefined ? {} : { final: num('final', values.final)! }),
    ...(values.gamma === undefined ? {} : { gamma: num('gamma', values.gamma)! }),
    ...(values.updates === undefined ? {} : { updates: num('updates', values.updates)! }),
    ...(values['step-size'] === undefined
      ? {}
      : { stepSize: num('step-size', values['step-size'])! }),
  });
  if (format === 'json') return json(s);
  const e = s.equivalents;
  return {
    text: lines([
      `gamma      = ${s.gamma}   (per decay; ${s.updates} decays from ${s.initial} to ${s.final})`,
      `step_size  = ${s.step_size}`,
      `milestones = ${shortList(s.milestones)}`,
      s.note && `note: ${s.note}`,
      ...s.warnings.map((w) => `warning: ${w}`),
      '',
      'PyTorch:',
      e.torch.StepLR && `  ${e.torch.StepLR}`,
      `  ${
        e.torch.MultiStepLR.length <= 200
          ? e.torch.MultiStepLR
          : s.note === null
            ? `MultiStepLR(optimizer, milestones=list(range(${s.step_size}, ${s.total_steps + 1}, ${s.step_size})), gamma=${s.gamma})`
            : `MultiStepLR(optimizer, milestones=…, gamma=${s.gamma})   # ${s.milestones.length} milestones: see --format json`
      }`,
      `  ${e.torch.ExponentialLR}   # smooth: per-step factor reaching ${s.final} at step ${s.total_steps}`,
      'Keras:',
      `  ${e.keras.length > 200 ? `${e.keras.slice(0, 120)}…  (use --format json for the full line)` : e.keras}`,
      'optax:',
      `  ${e.optax.length > 200 ? `${e.optax.slice(0, 120)}…  (use --format json for the full line)` : e.optax}`,
      'lrkit:',
      `  lrkit curve "${e.lrkit.spec.length > 200 ? `${e.lrkit.spec.slice(0, 100)}…` : e.lrkit.spec}" --lr ${e.lrkit.lr} --steps ${s.total_steps}`,
    ]),
  };
}
