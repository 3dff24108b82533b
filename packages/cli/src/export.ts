/** `lrkit export "<SPEC>" --to torch|keras|optax|ts`: a schedule as code for another library. */
import { EXPORT_TARGETS, exportCode, type ExportTarget } from 'lrkit';
import { parseNumberList, UsageError, parseCommandArgs, parseFormat } from './args.js';

export const exportHelp = `Usage: lrkit export "<SPEC>" --to torch|keras|optax|ts [--lr LIST] [--standalone]

Prints code that reproduces the schedule's lrkit curve, complete with imports:
  torch   Python that defines \`scheduler\` for an existing \`optimizer\`
  keras   Python that defines \`lr_schedule\` (a Keras LearningRateSchedule); for a
          metric-driven spec (ReduceLROnPlateau), \`lr_callback\` (a Keras Callback)
  optax   Python that defines \`schedule\` (an optax schedule function); for a metric-driven
          spec, \`plateau\` with \`plateau.step(metric) -> lr\`
  ts      TypeScript that defines \`schedule\` with lrkit (toSchedule, or a Scheduler for
          several param groups and metric-driven specs)

A spec exported to its own library becomes that library's class or function (StepLR for torch,
keras.CosineDecay for keras, optax.* for optax). Otherwise the target's general mechanism runs
lrkit's closed form, written out: PyTorch LambdaLR, a Keras LearningRateSchedule subclass, a
plain optax schedule function. What cannot be written exactly (param groups with different lrs
for Keras/optax, which have one lr) is refused with the reason, never approximated.

SPEC is a scheduler line as pasted from a script, or its JSON form (see lrkit curve --help).

Options:
  --to TARGET       torch, keras, optax or ts (required)
  --lr LIST         base lr of each param group, comma-separated (default 0.1): what PyTorch-style
                    multipliers scale, and the lrs LambdaLR code is written for
  --standalone      ts: write the closed form out as TypeScript with no lrkit import
  --format FORMAT   text (default: the code) or json: {"spec", "to", "code"}
  -h, --help        this help

Examples:
  lrkit export "StepLR(step_size=10, gamma=0.9)" --to torch
  lrkit export "keras.CosineDecay(0.1, 1000)" --to torch --lr 0.1
  lrkit export "OneCycleLR(max_lr=0.1, total_steps=100)" --to optax
  lrkit export "optax.cosine_decay_schedule(0.1, 100)" --to ts --standalone`;

/** Runs the command; returns the code to print. Throws UsageError / LrkitError. */
export function runExport(argv: string[]): { text: string; spec?: string } {
  const { values, positionals } = parseCommandArgs('export', argv, {
    to: { type: 'string' },
    lr: { type: 'string' },
    standalone: { type: 'boolean' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { text: exportHelp };
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0
        ? 'export: missing SPEC, e.g. lrkit export "StepLR(step_size=10)" --to torch'
        : `export: expected one SPEC (quote it), got ${positionals.length} arguments`,
    );
  }
  const spec = positionals[0]!;
  const format = parseFormat(values.format, ['text', 'json'] as const);
  if (values.to === undefined) {
    throw new UsageError(`export: --to is required (${EXPORT_TARGETS.join(', ')})`);
  }
  if (!(EXPORT_TARGETS as readonly string[]).includes(values.to)) {
    throw new UsageError(`--to: expected ${EXPORT_TARGETS.join(', ')}, got '${values.to}'`);
  }
  const to = values.to as ExportTarget;
  if (values.standalone && to !== 'ts') {
    throw new UsageError(`--standalone: only with --to ts, got --to ${to}`);
  }
  const code = exportCode(spec, {
    to,
    ...(values.lr === undefined ? {} : { lr: parseNumberList('--lr', values.lr) }),
    ...(values.standalone ? { standalone: true } : {}),
  });
  if (format === 'json') return { text: JSON.stringify({ spec, to, code }), spec };
  return { text: code.trimEnd(), spec };
}
