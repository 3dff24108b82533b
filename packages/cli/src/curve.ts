/** `lrkit curve "<SPEC>" --steps N`: a scheduler's values as JSON or CSV. */
import { curve, type Curve } from 'lrkit';
import { parseNumber, parseNumberList, UsageError, parseCommandArgs } from './args.js';
import { checkStepsWithinEnd } from './horizon.js';

export const curveHelp = `Usage: lrkit curve "<SPEC>" --steps N [options]

Prints a schedule's values: index 0 right after construction, index k after k steps.

SPEC is a schedule line as you would paste it (Python call syntax), or its JSON form: PyTorch's
class names as they are, the other libraries' with their prefix:
  StepLR(step_size=10, gamma=0.9)
  torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=100)
  keras.CosineDecay(initial_learning_rate=0.1, decay_steps=1000)
  optax.warmup_cosine_decay_schedule(0.0, 1.0, 10, 100)
  transformers.get_scheduler('linear', optimizer, num_warmup_steps=10, num_training_steps=100)
  timm.CosineLRScheduler(t_initial=50, warmup_t=5, warmup_lr_init=1e-5)
  fastai.fit_one_cycle(lr_max=0.1, total_steps=100)
  '{"name": "StepLR", "params": {"step_size": 10}}'
Index k is the lr in effect for update k. --lr sets the base lr of PyTorch, transformers and timm
schedules; Keras, optax and fastai schedules carry their own scale.

Options:
  --steps N             number of steps (required); prints N + 1 values per group
  --lr LIST             base lr of each param group, comma-separated (default 0.1; a negative
                        value needs --lr=-1)
  --momentum LIST       initial momentum of each group, or one for all (beta1 with --optimizer adam;
                        default 0.9)
  --optimizer NAME      sgd (default) or adam
  --metrics LIST        ReduceLROnPlateau: the metric passed to each step (nan allowed)
  --format FORMAT       json (default): {"lr": [[...]], "momentum": [[...]] | null}; or csv
  -h, --help            this help

Examples:
  lrkit curve "StepLR(step_size=10, gamma=0.9)" --steps 30
  lrkit curve "OneCycleLR(max_lr=[0.1, 0.01], total_steps=100)" --steps 100 --lr 0.1,0.01
  lrkit curve "ReduceLROnPlateau(patience=0)" --steps 3 --metrics 1.0,1.0,nan --format csv`;

function toCsv(c: Curve): string {
  const groups = c.lr.length;
  const head = [
    'step',
    ...c.lr.map((_, g) => `lr_${g}`),
    ...(c.momentum ? c.momentum.map((_, g) => `momentum_${g}`) : []),
  ];
  const rows = [head.join(',')];
  const n = c.lr[0]!.length;
  for (let k = 0; k < n; k++) {
    const row = [String(k)];
    for (let g = 0; g < groups; g++) row.push(String(c.lr[g]![k]));
    if (c.momentum) for (let g = 0; g < groups; g++) row.push(String(c.momentum[g]![k]));
    rows.push(row.join(','));
  }
  return rows.join('\n');
}

/** A single value applies to every group; a list gives one per group. */
const oneOrList = (v: number[]): number | number[] => (v.length === 1 ? v[0]! : v);

/** Runs the command; returns the text to print. Throws UsageError / LrkitError. */
export function runCurve(argv: string[]): { text: string; spec?: string } {
  const { values, positionals } = parseCommandArgs('curve', argv, {
    steps: { type: 'string' },
    lr: { type: 'string' },
    momentum: { type: 'string' },
    optimizer: { type: 'string' },
    metrics: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { text: curveHelp };
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'curve: missing SPEC, e.g. lrkit curve "StepLR(step_size=10)" --steps 30'
        : `curve: expected one SPEC (quote it), got ${positionals.length} arguments`,
    );
  }
  const spec = positionals[0]!;
  if (values.steps === undefined) throw new UsageError('curve: --steps N is required');
  const steps = parseNumber('--steps', values.steps);
  if (!Number.isInteger(steps) || steps < 0) {
    throw new UsageError(`--steps: expected a non-negative integer, got '${values.steps}'`);
  }
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'csv') {
    throw new UsageError(`--format: expected json or csv, got '${format}'`);
  }
  const optimizer = values.optimizer ?? 'sgd';
  if (optimizer !== 'sgd' && optimizer !== 'adam') {
    throw new UsageError(`--optimizer: expected sgd or adam, got '${optimizer}'`);
  }
  checkStepsWithinEnd(spec, steps);
  const result = curve(spec, {
    steps,
    lr: values.lr === undefined ? 0.1 : parseNumberList('--lr', values.lr),
    ...(values.momentum === undefined
      ? {}
      : { momentum: oneOrList(parseNumberList('--momentum', values.momentum)) }),
    optimizer,
    ...(values.metrics === undefined
      ? {}
      : { metrics: parseNumberList('--metrics', values.metrics, true) }),
  });
  return { text: format === 'csv' ? toCsv(result) : JSON.stringify(result), spec };
}
