/**
 * Code export: any spec as code for PyTorch, Keras, optax or lrkit TypeScript that reproduces
 * lrkit's curve.
 *
 * - `ts`: lrkit itself (`toSchedule(spec, lr)`, or a `Scheduler` for several param groups and
 *   metric-driven specs) — exact by construction; `standalone: true` writes the closed form out
 *   as dependency-free TypeScript instead.
 * - the spec's own library (a torch spec to `torch`, `keras.` to `keras`, `optax.` to `optax`):
 *   that library's class or function, from the canonical spec.
 * - otherwise the target's general mechanism around lrkit's closed form, written out from the
 *   schedule's description (`describe.ts`): PyTorch `LambdaLR`, a Keras `LearningRateSchedule`
 *   subclass, an optax schedule function. A schedule with an undescribed part is refused, never
 *   approximated.
 */
import { LrkitError, didYouMean, formatValue } from '../errors.js';
import { badLrError, isValidLr } from '../registry/checked.js';
import { resolveSpec, specText, toCallNode, type SpecInput } from '../registry/index.js';
import type {
  BoundSpec,
  ClosedFormPlan,
  ExprValue,
  GroupInit,
  GroupSchedules,
  Plan,
  PlateauOptions,
} from '../registry/types.js';
import type { Schedule } from '../schedule.js';
import type { SpecNode } from '../spec/ast.js';
import { printSpec } from '../spec/print.js';
import { descriptionOf, structuralKey, undescribedPart, unwrapMemo } from './describe.js';
import { minLrs, plateauPython } from './plateau.js';
import { PythonWriter, pyFloat, pyString, pythonLambda, pyStep } from './python.js';
import { TypeScriptWriter, tsString } from './typescript.js';
import type { NoisyPlateauOptions } from '../scheduler/plateau.js';

/** The languages and libraries `exportCode` writes. */
export const EXPORT_TARGETS = ['torch', 'keras', 'optax', 'ts'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export interface ExportOptions {
  /** 'torch' (defines `scheduler` for an existing `optimizer`), 'keras' (`lr_schedule`), 'optax' (`schedule`) or 'ts' (`schedule`). */
  to: ExportTarget;
  /**
   * Base lr of each param group (PyTorch's initial lr, `lrkit curve --lr`); default 0.1. Schedules
   * of multipliers (PyTorch's, transformers') scale it; schedules that carry their own scale
   * (Keras, optax) ignore it.
   */
  lr?: number | readonly number[];
  /** `ts` only: write the closed form out as dependency-free TypeScript instead of calling lrkit. */
  standalone?: boolean;
}

/** What every writer needs: the bound spec, its text and plan, the groups and their schedules. */
interface Context {
  readonly bound: BoundSpec;
  readonly name: string;
  readonly text: string;
  readonly plan: Plan;
  readonly target: ExportTarget;
  readonly lrs: readonly number[];
  /** Each group's schedules (closed-form plans only). */
  readonly schedules: readonly GroupSchedules[] | undefined;
}

/** Keras 3 `keras.optimizers.schedules` classes: entries by these names export as themselves. */
const KERAS_CLASSES = new Set([
  'ExponentialDecay',
  'PiecewiseConstantDecay',
  'PolynomialDecay',
  'InverseTimeDecay',
  'CosineDecay',
  'CosineDecayRestarts',
]);

/** optax schedule functions: entries by these names export as themselves. */
const OPTAX_FUNCTIONS = new Set([
  'constant_schedule',
  'linear_schedule',
  'polynomial_schedule',
  'piecewise_constant_schedule',
  'piecewise_interpolate_schedule',
  'exponential_decay',
  'cosine_decay_schedule',
  'warmup_constant_schedule',
  'warmup_cosine_decay_schedule',
  'warmup_exponential_decay_schedule',
  'linear_onecycle_schedule',
  'cosine_onecycle_schedule',
  'sgdr_schedule',
  'join_schedules',
]);

/** lrkit-only parameters, dropped from native code. */
const LRKIT_ONLY = new Set(['past_end']);

const GROUP_MOMENTUM = 0.9;

/**
 * Code for `spec` in the target's language that reproduces lrkit's curve (see the module doc).
 * @throws LrkitError for an unknown target, bad lrs, a TypeScript-function lambda, or a schedule
 *   the target cannot reproduce exactly; SchedulerError when a group's lr would be negative, NaN
 *   or infinite within the horizon (the plan's end, else the first 10,000 steps), as the
 *   Scheduler refuses it: code that produces such an lr is never written.
 * @example exportCode('StepLR(step_size=10, gamma=0.9)', { to: 'torch' })
 *   // "...from torch.optim.lr_scheduler import StepLR\n...scheduler = StepLR(optimizer, step_size=10, gamma=0.9)\n"
 */
export function exportCode(spec: SpecInput, options: ExportOptions): string {
  const target = checkTarget(options.to);
  const lrs = checkLrs(options.lr);
  const bound = resolveSpec(spec);
  const name = bound.entry.qualifiedName;
  const fn = findFunctionLambda(bound);
  if (fn) {
    throw new LrkitError(
      `cannot export ${name} to ${target}: ${fn} is a TypeScript function, which cannot be written ` +
        `as code; give it as an expression string such as 'lambda e: 0.95**e'`,
    );
  }
  if (options.standalone && target !== 'ts') {
    throw new LrkitError(`export: standalone is for --to ts only, got --to ${target}`);
  }
  const plan = bound.entry.build(bound.args);
  const groups: GroupInit[] = lrs.map((lr) => ({ lr, momentum: GROUP_MOMENTUM }));
  const context: Context = {
    bound,
    name,
    text: specText(bound),
    plan,
    target,
    lrs,
    schedules: plan.kind === 'closed-form' ? plan.bind(groups) : undefined,
  };
  if (plan.kind === 'closed-form') checkHorizon(name, plan, context.schedules!);
  const code =
    target === 'ts'
      ? options.standalone
        ? standaloneTs(context)
        : lrkitTs(context)
      : target === 'torch'
        ? torch(context)
        : target === 'keras'
          ? keras(context)
          : optax(context);
  return `${code.trimEnd()}\n`;
}

/** Steps checked when a plan has no end. */
const EXPORT_CHECK_STEPS = 10_000;
/** At most this many steps are evaluated for a plan with an end (evenly spaced beyond): the
 * playground re-exports on every redraw, and 10^5 evaluations cost a few ms. */
const EXPORT_CHECK_MAX = 100_000;

/**
 * Refuses to write code whose lr would be negative, NaN or infinite: every group's lr is
 * evaluated over the horizon, which is the plan's end (steps 0..`end.lastIndex`; past it the lr
 * holds or the scheduler throws) when it has one, else the first {@link EXPORT_CHECK_STEPS}
 * steps (0..9,999). An end beyond 100,000 steps is checked at 100,000 evenly spaced steps
 * and its last one. Throws the Scheduler's `SchedulerError` for the first bad value.
 */
function checkHorizon(
  name: string,
  plan: ClosedFormPlan,
  schedules: readonly GroupSchedules[],
): void {
  const last = plan.end ? plan.end.lastIndex : EXPORT_CHECK_STEPS - 1;
  const n = Math.min(last, EXPORT_CHECK_MAX);
  for (let g = 0; g < schedules.length; g++) {
    const lr = schedules[g]!.lr;
    for (let i = 0; i <= n; i++) {
      const t = n === last ? i : Math.floor((i * last) / n);
      const v = lr(t);
      if (!isValidLr(v)) throw badLrError(name, g, v, t);
    }
  }
}

function checkTarget(to: unknown): ExportTarget {
  if ((EXPORT_TARGETS as readonly unknown[]).includes(to)) return to as ExportTarget;
  const hint = typeof to === 'string' ? didYouMean(to, EXPORT_TARGETS) : undefined;
  throw new LrkitError(
    `export: unknown target ${formatValue(to)}${hint ? `; did you mean '${hint}'?` : ''} ` +
      `(targets: ${EXPORT_TARGETS.join(', ')})`,
  );
}

function checkLrs(lr: ExportOptions['lr']): number[] {
  const lrs = lr === undefined ? [0.1] : typeof lr === 'number' ? [lr] : [...lr];
  if (lrs.length === 0)
    throw new LrkitError('export: lr must give at least one param group, got []');
  lrs.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new LrkitError(
        `export: lr of group ${i} must be a finite number ≥ 0, got ${formatValue(v)}`,
      );
    }
  });
  return lrs;
}

/** The path of the first TypeScript-function lambda in a spec (`schedulers[0].lr_lambda`). */
function findFunctionLambda(bound: BoundSpec, prefix = ''): string | undefined {
  for (const def of bound.entry.params) {
    const value = bound.args[def.name];
    if (def.type.kind === 'expr' && value) {
      const list = Array.isArray(value) ? (value as ExprValue[]) : [value as ExprValue];
      const i = list.findIndex((e) => e.source === undefined);
      if (i >= 0) return `${prefix}${def.name}${Array.isArray(value) ? `[${i}]` : ''}`;
    }
    if (def.type.kind === 'schedulers') {
      const children = value as BoundSpec[];
      for (let i = 0; i < children.length; i++) {
        const found = findFunctionLambda(children[i]!, `${prefix}${def.name}[${i}].`);
        if (found) return found;
      }
    }
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------
// Describability
// ------------------------------------------------------------------------------------------

/**
 * Throws the "cannot export exactly yet" error unless every group's lr schedule is described,
 * naming the nested spec at fault when there is one.
 */
function requireDescribed(c: Context): readonly GroupSchedules[] {
  if (c.plan.kind === 'plateau' || !c.schedules) {
    throw new LrkitError(
      `cannot export ${c.name} to ${c.target} exactly yet: it is driven by a metric, so it has no ` +
        'closed form to write out (export it --to torch, keras, optax, or ts without --standalone)',
    );
  }
  const bad = c.schedules.some((g) => undescribedPart(g.lr) !== undefined);
  if (!bad) return c.schedules;
  const groups = c.lrs.map((lr) => ({ lr, momentum: GROUP_MOMENTUM }));
  const culprit = undescribedChild(c.bound, groups);
  throw new LrkitError(
    `cannot export ${c.name} to ${c.target} exactly yet: ` +
      (culprit
        ? `${culprit} is built from a closure with no closed-form description`
        : 'its schedule is built from a closure with no closed-form description'),
  );
}

/** The innermost nested spec whose own schedule is undescribed (`schedulers[1] (timm.CosineLRScheduler)`). */
function undescribedChild(bound: BoundSpec, groups: GroupInit[]): string | undefined {
  for (const def of bound.entry.params) {
    if (def.type.kind !== 'schedulers') continue;
    const children = bound.args[def.name] as BoundSpec[];
    for (let i = 0; i < children.length; i++) {
      const child = children[i]!;
      let bad = false;
      try {
        const plan = child.entry.build(child.args);
        bad =
          plan.kind === 'closed-form' &&
          plan.bind(groups).some((g) => undescribedPart(g.lr) !== undefined);
      } catch {
        continue; // a child that is only valid nested (fastai's SchedCos without total_steps)
      }
      if (!bad) continue;
      const here = `${def.name}[${i}] (${child.entry.qualifiedName})`;
      const deeper = undescribedChild(child, groups);
      return deeper ? `${here} → ${deeper}` : here;
    }
  }
  return undefined;
}

const isDescribed = (s: Schedule | undefined): s is Schedule =>
  s !== undefined && undescribedPart(s) === undefined;

/**
 * When group g's lr is `lr_g · m(t)` with m independent of the lr (PyTorch's and transformers'
 * multipliers), m; else undefined. Checked by binding the plan again with other lrs: m must come
 * out the same.
 */
function relativeMultiplier(c: Context, g: number): Schedule | undefined {
  const plan = c.plan as ClosedFormPlan;
  const split = (s: Schedule, lr: number) => {
    const node = descriptionOf(unwrapMemo(s));
    return node?.kind === 'scale' && node.k === lr && isDescribed(node.schedule)
      ? node.schedule
      : undefined;
  };
  const m = split(c.schedules![g]!.lr, c.lrs[g]!);
  if (!m) return undefined;
  const other = c.lrs.map((lr) => (lr === 0 ? 1 : lr / 2 || 1));
  let again: GroupSchedules[];
  try {
    again = plan.bind(other.map((lr) => ({ lr, momentum: GROUP_MOMENTUM })));
  } catch {
    return undefined;
  }
  const m2 = split(again[g]!.lr, other[g]!);
  return m2 && structuralKey(m2) === structuralKey(m) ? m : undefined;
}

/** The end check of a plan with a planned end that throws (OneCycleLR), as Python lines. */
function pyEndCheck(c: Context, variable: string): string[] {
  const end = c.plan.kind === 'closed-form' ? c.plan.end : undefined;
  if (!end || end.policy !== 'throw') return [];
  const message =
    `${c.name}: stepped past the end of the schedule (index ${end.lastIndex}) to step ` +
    `{${variable}}; lrkit raises here (past_end='throw')`;
  return [
    `if ${variable} > ${pyStep(end.lastIndex)}:`,
    `    raise ValueError(f${pyString(message)})`,
  ];
}

// ------------------------------------------------------------------------------------------
// Python pieces
// ------------------------------------------------------------------------------------------

function pyHeader(c: Context, what: string): string[] {
  return [`# lrkit export --to ${c.target}: ${c.text}`, `# ${what}`];
}

function pyFunction(name: string, param: string, doc: string, body: string[]): string {
  return [`def ${name}(${param}):`, `    """${doc}"""`, ...body.map((l) => `    ${l}`)].join('\n');
}

/** Python source for an lrkit value node (from the canonical spec) in native code. */
function pyValue(node: SpecNode): string {
  if (node.kind === 'dict') {
    // a {step: scale} dict read from JSON has string keys; the library wants ints
    return `{${node.entries
      .map((e) => {
        const key =
          e.key.kind === 'string' && /^\d+$/.test(e.key.value) ? e.key.value : printSpec(e.key);
        return `${key}: ${pyValue(e.value)}`;
      })
      .join(', ')}}`;
  }
  if (node.kind === 'list') {
    const items = node.items.map(pyValue);
    if (!node.tuple) return `[${items.join(', ')}]`;
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  return printSpec(node);
}

/** Lays out `Name(args)` on one line, or one argument per line when long. */
function pyCall(callee: string, args: readonly string[], indent: string): string {
  const one = `${callee}(${args.join(', ')})`;
  if (indent.length + one.length <= 88 && !args.some((a) => a.includes('\n'))) return one;
  const inner = `${indent}    `;
  return `${callee}(\n${args.map((a) => `${inner}${a},`).join('\n')}\n${indent})`;
}

/** What native code needs besides the call: names from math, comments. */
interface NativeParts {
  readonly mathNames: Set<string>;
  usesMath: boolean;
  readonly notes: string[];
}

/**
 * A nested spec as a native call, or undefined when some part of it has no native equivalent.
 * `callee` maps an entry to its native name (undefined: none).
 */
function nativeCall(
  bound: BoundSpec,
  callee: (b: BoundSpec) => string | undefined,
  first: (b: BoundSpec) => readonly string[],
  parts: NativeParts,
  indent: string,
): string | undefined {
  const name = callee(bound);
  if (name === undefined) return undefined;
  const call = toCallNode(bound);
  const args: string[] = [...first(bound)];
  for (const kw of call.kwargs) {
    const def = bound.entry.params.find((p) => p.name === kw.name)!;
    const value = bound.args[kw.name];
    if (LRKIT_ONLY.has(kw.name)) {
      if (kw.name === 'past_end' && value === 'hold') {
        parts.notes.push(
          `past_end='hold' is lrkit-only and left out: PyTorch's ${bound.entry.name} raises ValueError when stepped more than total_steps times`,
        );
      }
      continue;
    }
    if (def.type.kind === 'expr') {
      const one = (e: ExprValue) => {
        const lambda = pythonLambda(e.source!);
        lambda.mathNames.forEach((n) => parts.mathNames.add(n));
        if (lambda.usesMathModule) parts.usesMath = true;
        return lambda.text;
      };
      const text = Array.isArray(value)
        ? `[${(value as ExprValue[]).map(one).join(', ')}]`
        : one(value as ExprValue);
      args.push(`${kw.name}=${text}`);
      continue;
    }
    if (def.type.kind === 'schedulers') {
      const inner = `${indent}        `;
      const children = (value as BoundSpec[]).map((child) =>
        nativeCall(child, callee, first, parts, inner),
      );
      if (children.some((x) => x === undefined)) return undefined;
      const one = `[${children.join(', ')}]`;
      args.push(
        `${kw.name}=${
          one.length + inner.length <= 80 && !one.includes('\n')
            ? one
            : `[\n${children.map((x) => `${inner}${x},`).join('\n')}\n${indent}    ]`
        }`,
      );
      continue;
    }
    args.push(`${kw.name}=${pyValue(kw.value)}`);
  }
  return pyCall(name, args, indent);
}

function importBlock(
  stdlib: readonly string[],
  mathNames: Iterable<string>,
  third: string[],
): string[] {
  const lines = [...new Set(stdlib)].sort().map((m) => `import ${m}`);
  const names = [...new Set(mathNames)].sort();
  if (names.length) lines.push(`from math import ${names.join(', ')}`);
  if (lines.length && third.length) lines.push('');
  return [...lines, ...third];
}

// ------------------------------------------------------------------------------------------
// torch
// ------------------------------------------------------------------------------------------

/**
 * Entries whose PyTorch class does not scale the current lr by a factor (it sets lrs outright, or
 * adds to them), which PyTorch's ChainedScheduler composes differently from lrkit's product.
 */
function setsAbsoluteLr(b: BoundSpec): string | undefined {
  const name = b.entry.name;
  if (['CyclicLR', 'OneCycleLR', 'LambdaLR', 'CosineAnnealingWarmRestarts'].includes(name)) {
    return `${name}, which sets lrs outright`;
  }
  // PyTorch's chainable cosine steps towards eta_min, and one step past each minimum adds
  // base_lr·(1 − cos(π/T))/2: in a chain neither is a factor
  if (name === 'CosineAnnealingLR') {
    return (b.args.eta_min as number) > 0
      ? `${name} with eta_min > 0, which steps towards eta_min`
      : `${name}, which adds to the lr one step past each minimum (T_max + 1, ...)`;
  }
  if (name === 'SequentialLR' || name === 'ChainedScheduler') {
    for (const child of b.args.schedulers as BoundSpec[]) {
      const found = setsAbsoluteLr(child);
      if (found) return found;
    }
  }
  return undefined;
}

/** Where PyTorch 1.13's class computes something else than lrkit (the README's table), or undefined. */
function torchDivergence(b: BoundSpec): string | undefined {
  const a = b.args;
  switch (b.entry.name) {
    case 'ConstantLR':
      if (a.total_iters === 0) {
        return "PyTorch 1.13's ConstantLR with total_iters=0 keeps the factor forever; lrkit has no constant phase";
      }
      break;
    case 'LinearLR':
      if (a.total_iters === 0) {
        return "PyTorch's LinearLR with total_iters=0 keeps start_factor; lrkit uses end_factor throughout";
      }
      break;
    case 'SequentialLR':
      if ((a.milestones as number[]).includes(0)) {
        return "PyTorch's SequentialLR steps the wrong scheduler at a milestone of 0; lrkit skips the scheduler before it";
      }
      break;
    case 'ChainedScheduler': {
      for (const child of a.schedulers as BoundSpec[]) {
        const found = setsAbsoluteLr(child);
        if (found) {
          return (
            `PyTorch's ChainedScheduler runs ${found}, in an order-dependent recurrence; ` +
            "lrkit multiplies the children's factors"
          );
        }
      }
      break;
    }
  }
  for (const def of b.entry.params) {
    if (def.type.kind !== 'schedulers') continue;
    for (const child of b.args[def.name] as BoundSpec[]) {
      const found = torchDivergence(child);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * PyTorch schedulers take the optimizer first; ChainedScheduler takes only its schedulers (1.13;
 * later versions accept an optional optimizer after them).
 */
const torchFirst = (b: BoundSpec): readonly string[] =>
  b.entry.name === 'ChainedScheduler' ? [] : ['optimizer'];

function torch(c: Context): string {
  if (c.plan.kind === 'plateau') return torchPlateau(c, c.plan.options);
  if (c.bound.entry.family !== 'torch') return torchLambda(c, []);
  const divergence = torchDivergence(c.bound);
  if (!divergence) return torchNative(c, []);
  const describable = c.schedules!.every((g) => isDescribed(g.lr));
  if (describable) {
    return torchLambda(c, [
      `${divergence}. So this runs lrkit's closed form under PyTorch's LambdaLR instead of the native class.`,
    ]);
  }
  return torchNative(c, [
    `WARNING: ${divergence}. lrkit cannot write this spec's closed form out yet, so this is ` +
      "PyTorch's native code, which does NOT reproduce lrkit's curve (see lrkit's README).",
  ]);
}

function torchNative(c: Context, warning: string[]): string {
  const classes = new Set<string>();
  const parts: NativeParts = {
    mathNames: new Set(),
    usesMath: false,
    notes: [],
  };
  const callee = (b: BoundSpec) => {
    classes.add(b.entry.name);
    return b.entry.name;
  };
  const call = nativeCall(c.bound, callee, torchFirst, parts, '')!;
  const notes = [...warning, ...parts.notes];
  if (classes.has('OneCycleLR')) {
    notes.push(
      'OneCycleLR: after the last update (index total_steps) PyTorch extrapolates the last phase where lrkit holds the final lr; that lr is never used for an update.',
    );
  }
  const momentum = [...classes].filter((n) => n === 'OneCycleLR' || n === 'CyclicLR');
  if (momentum.length && c.plan.kind === 'closed-form' && c.plan.cyclesMomentum) {
    notes.push(
      `${momentum.join(' and ')} also cycle${momentum.length === 1 ? 's' : ''} each group's momentum (Adam: beta1), as lrkit does.`,
    );
  }
  const lines = [
    ...pyHeader(
      c,
      'Defines `scheduler` for an existing `optimizer`: call scheduler.step() after each optimizer.step().',
    ),
    ...importBlock(parts.usesMath ? ['math'] : [], parts.mathNames, [
      `from torch.optim.lr_scheduler import ${[...classes].sort().join(', ')}`,
    ]),
    '',
    ...comments(notes),
    `scheduler = ${call}`,
  ];
  return lines.join('\n');
}

function torchPlateau(c: Context, options: PlateauOptions): string {
  if ((options.warmup_t ?? 0) > 0 || (options as NoisyPlateauOptions).noise) {
    return torchPlateauClass(c, options);
  }
  const parts: NativeParts = {
    mathNames: new Set(),
    usesMath: false,
    notes: [],
  };
  let call: string;
  if (c.bound.entry.family === 'torch') {
    call = nativeCall(c.bound, (b) => b.entry.name, torchFirst, parts, '')!;
  } else {
    const o = options;
    const minLr = Array.isArray(o.min_lr)
      ? `[${(o.min_lr as number[]).map(pyFloat).join(', ')}]`
      : pyFloat(o.min_lr as number);
    call = pyCall(
      'ReduceLROnPlateau',
      [
        'optimizer',
        `mode=${pyString(o.mode)}`,
        `factor=${pyFloat(o.factor)}`,
        `patience=${pyStep(o.patience)}`,
        `threshold=${pyFloat(o.threshold)}`,
        `threshold_mode=${pyString(o.threshold_mode)}`,
        `cooldown=${pyStep(o.cooldown)}`,
        `min_lr=${minLr}`,
        `eps=${pyFloat(o.eps)}`,
      ],
      '',
    );
  }
  return [
    ...pyHeader(c, 'Defines `scheduler` for an existing `optimizer`.'),
    'from torch.optim.lr_scheduler import ReduceLROnPlateau',
    '',
    '# driven by a metric: call scheduler.step(val_loss) once per epoch, with the metric it watches',
    `scheduler = ${call}`,
  ].join('\n');
}

/** The general mechanism: lrkit's closed form under LambdaLR, one lambda per distinct group. */
function torchLambda(c: Context, note: string[]): string {
  const schedules = requireDescribed(c);
  const py = new PythonWriter();
  const tops: string[] = [];
  const lambdas: string[] = [];
  const absolute: number[] = [];
  // one top-level function per distinct closed form: a multiplier m (lr_lambda = m), or an
  // absolute lr schedule (lr_lambda = lr(k) / the group's lr)
  const parts = schedules.map((s, g) => {
    const m = relativeMultiplier(c, g);
    return m ? { kind: 'multiplier' as const, fn: m } : { kind: 'lr' as const, fn: s.lr };
  });
  const keys = parts.map((p) => `${p.kind}:${structuralKey(p.fn)}`);
  const distinct = [...new Set(keys)];
  const names = new Map<string, string>();
  parts.forEach((part, g) => {
    const key = keys[g]!;
    if (part.kind === 'lr' && c.lrs[g] === 0) {
      throw new LrkitError(
        `cannot export ${c.name} to torch exactly: LambdaLR multiplies each group's initial lr, and group ${g}'s lr is 0`,
      );
    }
    let name = names.get(key);
    if (name === undefined) {
      const suffix = distinct.length === 1 ? '' : String(distinct.indexOf(key));
      name = part.kind === 'multiplier' ? `_multiplier${suffix}` : `_lr${suffix}`;
      names.set(key, name);
      const sharedBy = keys.filter((k) => k === key).length;
      const whose = sharedBy === schedules.length ? 'every param group' : `param group ${g}`;
      const doc =
        part.kind === 'multiplier'
          ? `The factor LambdaLR applies to the initial lr of ${whose} at update k (lrkit's closed form).`
          : `lrkit's lr of ${whose} at update k (its closed form).`;
      tops.push(
        pyFunction(name, 'k', doc, [...pyEndCheck(c, 'k'), `return ${py.function(part.fn)}(k)`]),
      );
    }
    if (part.kind === 'multiplier') lambdas.push(name);
    else {
      lambdas.push(`lambda k: ${name}(k) / ${pyFloat(c.lrs[g]!)}`);
      absolute.push(g);
    }
  });
  const momentum = momentumPart(c, py, 'scheduler.last_epoch', 'torch');
  const guard = absolute.length
    ? [
        [
          "# LambdaLR multiplies each group's initial lr; these factors are lrkit's lrs divided by the",
          '# lrs they were exported for (lrkit export --lr):',
          `if [group["lr"] for group in optimizer.param_groups] != [${c.lrs.map(pyFloat).join(', ')}]:`,
          `    raise ValueError(${pyString(
            `exported for param groups with lrs [${c.lrs.map((v) => String(v)).join(', ')}]; export again with --lr`,
          )})`,
        ].join('\n'),
      ]
    : [];
  const lrLambda = new Set(lambdas).size === 1 ? lambdas[0]! : `[${lambdas.join(', ')}]`;
  return pyModule(
    pyHeader(
      c,
      'Defines `scheduler` for an existing `optimizer`: call scheduler.step() after each optimizer.step().',
    ),
    importBlock([...py.imports], py.mathNames, ['from torch.optim.lr_scheduler import LambdaLR']),
    [
      ...(note.length ? [comments(note).join('\n')] : []),
      ...py.blocks(),
      ...tops,
      ...momentum.defs,
      ...guard,
      [
        ...comments(momentum.notes),
        `scheduler = ${pyCall('LambdaLR', ['optimizer', `lr_lambda=${lrLambda}`], '')}`,
      ].join('\n'),
    ],
  );
}

/** Momentum functions (where described) and the notes that say how to apply them. */
function momentumPart(
  c: Context,
  py: PythonWriter,
  stepExpr: string,
  target: 'torch' | 'keras' | 'optax',
): { defs: string[]; notes: string[] } {
  if (c.plan.kind !== 'closed-form' || !c.plan.cyclesMomentum || !c.schedules) {
    return { defs: [], notes: [] };
  }
  const groups = target === 'torch' ? c.schedules : c.schedules.slice(0, 1);
  const moms = groups.map((g) => g.momentum);
  if (!moms.every(isDescribed)) {
    return {
      defs: [],
      notes: [
        'lrkit also cycles momentum (Adam: beta1) for this schedule; that part is not exported (it has no closed-form description yet).',
      ],
    };
  }
  const keys = moms.map((m) => structuralKey(m));
  const shared = new Set(keys).size === 1;
  const names: string[] = [];
  const defs: string[] = [];
  moms.forEach((m, g) => {
    if (shared && g > 0) return;
    const name = target === 'torch' ? `_momentum${shared ? '' : g}` : 'momentum_schedule';
    names.push(name);
    const doc =
      target === 'torch'
        ? `lrkit's momentum (Adam: beta1) of ${shared ? 'every param group' : `param group ${g}`} at update k.`
        : "lrkit's momentum (Adam: beta1) at update `step`.";
    defs.push(
      pyFunction(name, target === 'torch' ? 'k' : 'step', doc, [
        `return ${py.function(m)}(${target === 'torch' ? 'k' : 'step'})`,
      ]),
    );
  });
  const notes =
    target === 'torch'
      ? [
          'lrkit also cycles momentum (Adam: beta1); LambdaLR does not. To follow lrkit, after each scheduler.step() set it yourself:',
          `  for i, group in enumerate(optimizer.param_groups): group["momentum"] = ${
            shared ? `${names[0]}(${stepExpr})` : `[${names.join(', ')}][i](${stepExpr})`
          }`,
          '  (Adam: group["betas"] = (that value, group["betas"][1]))',
        ]
      : [
          `lrkit also cycles momentum (Adam: beta1): momentum_schedule(step) gives it; ${target === 'keras' ? 'Keras optimizers take' : 'optax.sgd and optax.adam take'} a constant one, so this code does not apply it.`,
        ];
  return { defs, notes };
}

// ------------------------------------------------------------------------------------------
// keras / optax
// ------------------------------------------------------------------------------------------

/** The one absolute schedule a Keras or optax schedule can give: every group's must be equal. */
function singleSchedule(c: Context): Schedule {
  const schedules = requireDescribed(c);
  const keys = new Set(schedules.map((s) => structuralKey(s.lr)));
  if (keys.size > 1) {
    throw oneLrError(c);
  }
  return schedules[0]!.lr;
}

/** The refusal of several param groups with different lrs for a target with one lr. */
function oneLrError(c: Context): LrkitError {
  const why =
    c.target === 'keras'
      ? 'a Keras optimizer has one lr (no param groups)'
      : c.target === 'optax'
        ? 'an optax optimizer has one lr (no param groups)'
        : 'a standalone schedule gives one lr';
  return new LrkitError(
    `cannot export ${c.name} to ${c.target} with ${c.lrs.length} param groups: ${why}, and these ` +
      'groups get different lrs; export one group at a time (one --lr)',
  );
}

/**
 * A metric-driven spec for Keras or optax: lrkit's plateau state machine as a plain-Python
 * `Plateau` class for the one lr (every group's lr and min_lr must be equal).
 */
function onePlateau(c: Context, options: PlateauOptions): { lr: number; minLr: number } {
  const mins = minLrs(options, c.lrs.length);
  if (c.lrs.some((v) => v !== c.lrs[0]) || mins.some((v) => v !== mins[0])) throw oneLrError(c);
  return { lr: c.lrs[0]!, minLr: mins[0]! };
}

function kerasPlateau(c: Context, options: PlateauOptions): string {
  const { lr, minLr } = onePlateau(c, options);
  const { imports, blocks } = plateauPython(options, true);
  const cls = [
    'class LrkitPlateau(keras.callbacks.Callback):',
    `    """${docText(c.text)}, exported from lrkit: a callback that sets the optimizer's lr.`,
    '',
    '    At the end of each epoch it reads logs[monitor] (default "val_loss"; give monitor= for',
    '    another key of the logs, such as "val_accuracy"), steps the Plateau state machine with it',
    '    and sets self.model.optimizer.learning_rate. Keras keeps the lr in a float32 variable: the',
    "    optimizer uses the float32 value of lrkit's float64 lr (the state machine keeps float64).",
    '    """',
    '',
    '    def __init__(self, monitor="val_loss"):',
    '        super().__init__()',
    '        self.monitor = monitor',
    `        self.plateau = Plateau([${pyFloat(lr)}], [${pyFloat(minLr)}])`,
    '',
    '    def on_train_begin(self, logs=None):',
    '        self.model.optimizer.learning_rate = self.plateau.lr',
    '',
    '    def on_epoch_end(self, epoch, logs=None):',
    '        logs = logs or {}',
    '        if self.monitor not in logs:',
    '            raise KeyError(',
    '                f"LrkitPlateau monitors {self.monitor!r}, which the logs lack (they have {sorted(logs)})"',
    '            )',
    '        self.model.optimizer.learning_rate = self.plateau.step(logs[self.monitor])',
  ].join('\n');
  return pyModule(
    pyHeader(
      c,
      'Defines `lr_callback`, driven by a metric: model.fit(..., callbacks=[lr_callback]).',
    ),
    importBlock(imports, [], ['import keras']),
    [
      ...blocks,
      cls,
      [
        '# monitors logs["val_loss"] (needs validation data); LrkitPlateau(monitor="loss") for another key',
        'lr_callback = LrkitPlateau()',
      ].join('\n'),
    ],
  );
}

function optaxPlateau(c: Context, options: PlateauOptions): string {
  const { lr, minLr } = onePlateau(c, options);
  const { imports, blocks } = plateauPython(options, true);
  return pyModule(
    pyHeader(c, 'Defines `plateau`, driven by a metric: lr = plateau.step(metric) once per epoch.'),
    importBlock(imports, [], []),
    [
      ...blocks,
      [
        '# plateau.lr is the lr to start with; after each epoch, plateau.step(metric) gives the next.',
        '# With optax, feed it in through inject_hyperparams:',
        '#   opt = optax.inject_hyperparams(optax.sgd)(learning_rate=plateau.lr)',
        '#   opt_state = opt.init(params)',
        '#   ... after each epoch:',
        '#   opt_state.hyperparams["learning_rate"] = plateau.step(val_loss)',
        `plateau = Plateau([${pyFloat(lr)}], [${pyFloat(minLr)}])`,
      ].join('\n'),
    ],
  );
}

/** timm's PlateauLRScheduler with a warm-up or noise: the Plateau class driving the optimizer's groups. */
function torchPlateauClass(c: Context, options: PlateauOptions): string {
  const { imports, blocks } = plateauPython(options, false);
  const mins = Array.isArray(options.min_lr)
    ? `[${(options.min_lr as number[]).map(pyFloat).join(', ')}]`
    : `[${pyFloat(options.min_lr as number)}] * len(optimizer.param_groups)`;
  const cls = [
    'class LrkitPlateau:',
    `    """${docText(c.text)}, exported from lrkit: sets the lrs of the optimizer's param groups.`,
    '',
    "    The groups' lrs at construction are the base lrs; call step(metric) once per epoch, with",
    "    the metric timm's step(epoch + 1, metric) would get (the epoch is counted here).",
    '    """',
    '',
    '    def __init__(self, optimizer):',
    '        self.optimizer = optimizer',
    `        self.plateau = Plateau([group["lr"] for group in optimizer.param_groups], ${mins})`,
    '        self._set(self.plateau.lrs)',
    '',
    '    def _set(self, lrs):',
    '        for group, lr in zip(self.optimizer.param_groups, lrs):',
    '            group["lr"] = lr',
    '',
    '    def step(self, metric):',
    '        self._set(self.plateau.step(metric))',
    '',
    '    def get_last_lr(self):',
    '        return list(self.plateau.lrs)',
  ].join('\n');
  return pyModule(
    pyHeader(c, 'Defines `scheduler` for an existing `optimizer`.'),
    importBlock(imports, [], []),
    [
      ...blocks,
      cls,
      [
        "# driven by a metric: call scheduler.step(metric) once per epoch (timm's PlateauLRScheduler",
        "# with a warm-up or noise, which PyTorch's ReduceLROnPlateau lacks)",
        'scheduler = LrkitPlateau(optimizer)',
      ].join('\n'),
    ],
  );
}

function keras(c: Context): string {
  const native = c.bound.entry.family === 'keras' && KERAS_CLASSES.has(c.bound.entry.name);
  if (native && c.plan.kind === 'closed-form') {
    const parts: NativeParts = {
      mathNames: new Set(),
      usesMath: false,
      notes: [],
    };
    const call = nativeCall(
      c.bound,
      (b) => `keras.optimizers.schedules.${b.entry.name}`,
      () => [],
      parts,
      '',
    )!;
    const notes = [
      'Keras computes its schedules in float32 (lrkit in float64): the values agree to float32 precision.',
    ];
    if (c.bound.entry.name === 'CosineDecayRestarts' && c.bound.args.t_mul !== 1) {
      notes.push(
        'Keras finds the cycle with a float log and, at some exact restart steps, puts the step at ' +
          'the end of the previous cycle; lrkit places restarts exactly (see keras.CosineDecayRestarts in lrkit).',
      );
    }
    return [
      ...pyHeader(c, "Defines `lr_schedule`: pass it as the optimizer's learning_rate."),
      'import keras',
      '',
      ...comments(notes),
      `lr_schedule = ${call}`,
    ].join('\n');
  }
  if (c.plan.kind === 'plateau') return kerasPlateau(c, c.plan.options);
  const schedule = singleSchedule(c);
  const py = new PythonWriter();
  const top = py.function(schedule);
  const momentum = momentumPart(c, py, 'step', 'keras');
  const cls = [
    'class LrkitSchedule(keras.optimizers.schedules.LearningRateSchedule):',
    `    """${docText(c.text)}, exported from lrkit.`,
    '',
    '    The closed form above is plain Python, exact in float64, so it needs the step as a number:',
    '    Keras must run the optimizer eagerly (model.compile(..., run_eagerly=True), or an eager',
    '    custom training loop). Traced code (tf.function, jax.jit) cannot convert the symbolic step,',
    '    and fails with an error rather than compute other values.',
    '    """',
    '',
    `    def __init__(self, spec=${pyString(c.text)}):`,
    '        self.spec = spec',
    '',
    '    def __call__(self, step):',
    '        return _lr(float(keras.ops.convert_to_numpy(step)))',
    '',
    '    def get_config(self):',
    '        return {"spec": self.spec}',
  ].join('\n');
  return pyModule(
    pyHeader(c, "Defines `lr_schedule`: pass it as the optimizer's learning_rate."),
    importBlock([...py.imports], py.mathNames, ['import keras']),
    [
      ...py.blocks(),
      pyFunction(
        '_lr',
        'step',
        "lrkit's lr at update `step` (0-based), in float64: its closed form.",
        [...pyEndCheck(c, 'step'), `return float(${top}(step))`],
      ),
      ...momentum.defs,
      cls,
      [...comments(momentum.notes), 'lr_schedule = LrkitSchedule()'].join('\n'),
    ],
  );
}

function optax(c: Context): string {
  const native = c.bound.entry.family === 'optax' && OPTAX_FUNCTIONS.has(c.bound.entry.name);
  if (native && c.plan.kind === 'closed-form') {
    const parts: NativeParts = {
      mathNames: new Set(),
      usesMath: false,
      notes: [],
    };
    const call = nativeCall(
      c.bound,
      (b) =>
        b.entry.family === 'optax' && OPTAX_FUNCTIONS.has(b.entry.name)
          ? `optax.${b.entry.name}`
          : undefined,
      () => [],
      parts,
      '',
    );
    if (call !== undefined) {
      return [
        ...pyHeader(c, "Defines `schedule`: pass it as the optimizer's learning_rate."),
        ...importBlock(parts.usesMath ? ['math'] : [], parts.mathNames, ['import optax']),
        '',
        '# optax computes in float32 unless jax_enable_x64 is set (lrkit: float64).',
        `schedule = ${call}`,
      ].join('\n');
    }
  }
  if (c.plan.kind === 'plateau') return optaxPlateau(c, c.plan.options);
  const schedule = singleSchedule(c);
  const py = new PythonWriter();
  const top = py.function(schedule);
  const momentum = momentumPart(c, py, 'count', 'optax');
  return pyModule(
    pyHeader(c, 'Defines `schedule(count)`: the lr of update `count` (0-based).'),
    importBlock([...py.imports], py.mathNames, []),
    [
      ...py.blocks(),
      [
        'def schedule(count):',
        `    """${docText(c.text)}, exported from lrkit: the lr of update count.`,
        '',
        '    Plain Python, exact in float64: it needs a concrete step, so call it outside jax.jit (under',
        '    tracing float(count) raises). To drive a jitted update with it, feed the value in, e.g.',
        '    opt = optax.inject_hyperparams(optax.sgd)(learning_rate=schedule(0)), and before each',
        '    update opt_state.hyperparams["learning_rate"] = schedule(step).',
        '    """',
        '    step = float(count)',
        ...pyEndCheck(c, 'step').map((l) => `    ${l}`),
        `    return float(${top}(step))`,
      ].join('\n'),
      ...momentum.defs,
      ...(momentum.notes.length ? [comments(momentum.notes).join('\n')] : []),
    ],
  );
}

// ------------------------------------------------------------------------------------------
// ts
// ------------------------------------------------------------------------------------------

function lrkitTs(c: Context): string {
  const header = [`// lrkit export --to ts: ${c.text}`];
  const literal = tsString(c.text);
  const cyclesMomentum = c.plan.kind === 'closed-form' && c.plan.cyclesMomentum;
  if (c.plan.kind === 'plateau' || c.lrs.length > 1) {
    const lr = c.lrs.length === 1 ? String(c.lrs[0]) : `[${c.lrs.join(', ')}]`;
    return [
      ...header,
      "import { Scheduler } from 'lrkit';",
      '',
      c.plan.kind === 'plateau'
        ? '// driven by a metric: call scheduler.step(valLoss) once per epoch; scheduler.lr holds the lrs'
        : '// one lr per param group: scheduler.lr after k scheduler.step() calls gives the lrs of update k',
      ...(cyclesMomentum
        ? ["// scheduler.momentum: each group's momentum (Adam: beta1), which this schedule cycles"]
        : []),
      `const scheduler = new Scheduler(${literal}, { lr: ${lr} });`,
    ].join('\n');
  }
  const end = c.plan.end;
  return [
    ...header,
    "import { toSchedule } from 'lrkit';",
    '',
    `// schedule(k): the lr of update k (0-based) for a param group with base lr ${c.lrs[0]}`,
    ...(end && end.policy === 'throw'
      ? [
          `// (past index ${end.lastIndex} it holds the last lr; lrkit's Scheduler raises there, as PyTorch does)`,
        ]
      : []),
    ...(cyclesMomentum
      ? ['// it also cycles momentum: new Scheduler(spec, { lr }).momentum gives it']
      : []),
    `const schedule = toSchedule(${literal}, ${c.lrs[0]});`,
  ].join('\n');
}

function standaloneTs(c: Context): string {
  const schedule = singleSchedule(c);
  const ts = new TypeScriptWriter();
  const top = ts.function(schedule);
  const end = c.plan.kind === 'closed-form' ? c.plan.end : undefined;
  const check =
    end && end.policy === 'throw'
      ? [
          `  if (k > ${end.lastIndex}) {`,
          `    throw new Error(\`${c.name}: stepped past the end of the schedule (index ${end.lastIndex}) to step \${k}\`);`,
          '  }',
        ]
      : [];
  return [
    `// lrkit export --to ts --standalone: ${c.text}`,
    ...(ts.usesCompileExpr
      ? [
          "import { compileExpr } from 'lrkit'; // Python semantics: lambdas, timm's math.log and //",
          '',
        ]
      : ['// No dependencies: the closed form, written out.', '']),
    ts.code(),
    '',
    "/** The lr of update k (0-based): lrkit's closed form. */",
    'function schedule(k: number): number {',
    ...check,
    `  return ${top}(k);`,
    '}',
  ].join('\n');
}

/** Notes as Python comment lines, wrapped; a note that starts with a space is kept as it is (code). */
function comments(notes: readonly string[], width = 96): string[] {
  const out: string[] = [];
  for (const note of notes) {
    if (note.startsWith(' ')) {
      out.push(`#${note}`);
      continue;
    }
    let line = '#';
    for (const word of note.split(' ')) {
      if (line.length > 1 && line.length + 1 + word.length > width) {
        out.push(line);
        line = '#';
      }
      line += ` ${word}`;
    }
    out.push(line);
  }
  return out;
}

/** A Python module: header comments and imports, then top-level blocks two blank lines apart. */
function pyModule(head: string[], imports: string[], blocks: string[]): string {
  const top = [...head, ...imports].join('\n');
  return [top, ...blocks.filter((b) => b.trim() !== '')].join('\n\n\n');
}

/** Text inside a Python docstring. */
function docText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');
}
