/**
 * The registry: every schedule lrkit knows, by its library's name, with parameter metadata. Spec
 * text, JSON and TS objects all resolve here; canonical spec text is printed from here.
 */
import {
  LrkitError,
  ParameterError,
  UnknownNameError,
  didYouMean,
  formatValue,
} from '../errors.js';
import type { Schedule } from '../schedule.js';
import { fastaiEntries, fastaiPrefixes } from '../families/fastai/index.js';
import { kerasEntries, kerasPrefixes } from '../families/keras/index.js';
import { optaxEntries, optaxPrefixes } from '../families/optax/index.js';
import { timmEntries, timmPrefixes } from '../families/timm/index.js';
import { torchEntries, torchPrefixes } from '../families/torch/index.js';
import { transformersEntries, transformersPrefixes } from '../families/transformers/index.js';
import type { CallNode, SpecNode } from '../spec/ast.js';
import { parseSpecText } from '../spec/parse.js';
import { printSpec, specToJson } from '../spec/print.js';
import { bindArgs, callArgs, objectArgs } from './bind.js';
import { checkedLr } from './checked.js';
import { isNode, plain, printableValue } from './params.js';
import type { BoundSpec, Family, ParamDef, Plan, RegistryEntry } from './types.js';

/** Every registered entry, in a stable order (families in order, entries as each family lists). */
export const registry: readonly RegistryEntry[] = [
  ...torchEntries,
  ...kerasEntries,
  ...optaxEntries,
  ...transformersEntries,
  ...timmEntries,
  ...fastaiEntries,
];

const byName = new Map<string, RegistryEntry>();
for (const e of registry) {
  for (const n of [e.qualifiedName, ...(e.aliases ?? [])]) {
    if (byName.has(n)) throw new Error(`registry: '${n}' is registered twice`);
    byName.set(n, e);
  }
}

/** Module paths rewritten before lookup: PyTorch's are dropped, the others become `family.`. */
const rewrites: [from: string, to: string][] = [
  ...torchPrefixes.map((p): [string, string] => [p, '']),
  ...kerasPrefixes.map((p): [string, string] => [p, 'keras.']),
  ...optaxPrefixes.map((p): [string, string] => [p, 'optax.']),
  ...transformersPrefixes.map((p): [string, string] => [p, 'transformers.']),
  ...timmPrefixes.map((p): [string, string] => [p, 'timm.']),
  ...fastaiPrefixes.map((p): [string, string] => [p, 'fastai.']),
];

/**
 * The entry for a name as written in a spec: `StepLR`, `torch.optim.lr_scheduler.StepLR`,
 * `keras.CosineDecay`, `tf.keras.optimizers.schedules.CosineDecay`. Inside a family's composite
 * (`fastai.combine_scheds(scheds=[SchedCos(...)])`) an unprefixed name is looked up in `family`.
 */
export function lookupEntry(name: string, family?: Family): RegistryEntry {
  let key = name;
  for (const [from, to] of rewrites) {
    if (key.startsWith(from)) {
      key = to + key.slice(from.length);
      break;
    }
  }
  const entry =
    (family && family !== 'torch' && !key.includes('.')
      ? byName.get(`${family}.${key}`)
      : undefined) ?? byName.get(key);
  if (!entry) {
    throw new UnknownNameError('schedule', name, didYouMean(key, byName.keys()));
  }
  if (family && entry.family !== family) {
    throw new LrkitError(
      `${entry.qualifiedName} cannot be nested here: expected ${/^[aeiou]/.test(family) ? 'an' : 'a'} ${family} schedule`,
    );
  }
  return entry;
}

/** Anything that names a schedule with its parameters. */
export type SpecInput =
  | string
  | CallNode
  | BoundSpec
  | { readonly name: string; readonly params?: Readonly<Record<string, unknown>> };

function isBound(v: unknown): v is BoundSpec {
  return typeof v === 'object' && v !== null && 'entry' in v && 'args' in v && 'given' in v;
}

function resolveCall(node: CallNode, family?: Family): BoundSpec {
  let entry: RegistryEntry;
  try {
    entry = lookupEntry(node.name, family);
  } catch (e) {
    if (e instanceof LrkitError && node.pos >= 0) e.pos = node.pos;
    throw e;
  }
  return bindArgs(entry, callArgs(node), resolveNested);
}

function resolveNested(raw: unknown, path: string, family?: Family): BoundSpec {
  const what = family
    ? `${/^[aeiou]/.test(family) ? 'an' : 'a'} ${family} schedule`
    : 'a scheduler such as StepLR(step_size=10)';
  const plainObject =
    typeof raw === 'object' &&
    raw !== null &&
    !isNode(raw) &&
    typeof (raw as { name?: unknown }).name === 'string';
  if (
    !(isNode(raw) && (raw.kind === 'call' || raw.kind === 'string')) &&
    typeof raw !== 'string' &&
    !plainObject &&
    !isBound(raw)
  ) {
    throw new LrkitError(
      `${path} must be ${what}, got ${formatValue(isNode(raw) ? plain(raw) : raw)}`,
    );
  }
  try {
    if (isNode(raw) && raw.kind === 'call') return resolveCall(raw, family);
    if (isNode(raw) && raw.kind === 'string') return resolveCall(parseSpecText(raw.value), family);
    if (typeof raw === 'string') return resolveCall(parseSpecText(raw), family);
    const bound = resolveSpec(raw as SpecInput);
    if (family && bound.entry.family !== family) {
      throw new LrkitError(`${bound.entry.qualifiedName} cannot be nested here: expected ${what}`);
    }
    return bound;
  } catch (e) {
    // errors about the nested item itself (not its own parameters) get the path in front
    if (e instanceof LrkitError && !(e instanceof ParameterError) && !e.message.startsWith(path)) {
      const err = new LrkitError(`${path}: ${e.message}`);
      err.pos = e.pos;
      throw err;
    }
    throw e;
  }
}

/**
 * Resolves a spec to its entry and validated arguments.
 * @example resolveSpec('StepLR(step_size=10, gamma=0.9)').args.gamma // 0.9
 */
export function resolveSpec(input: SpecInput): BoundSpec {
  if (typeof input === 'string') return resolveCall(parseSpecText(input));
  if (isBound(input)) return input;
  if (isNode(input) && input.kind === 'call') return resolveCall(input);
  if (typeof input === 'object' && input !== null && typeof input.name === 'string') {
    const params = (input as { params?: Record<string, unknown> }).params ?? {};
    return bindArgs(lookupEntry(input.name), objectArgs(params), resolveNested);
  }
  throw new LrkitError(
    `a spec must be text such as 'StepLR(step_size=10)', a {name, params} object or a bound spec, got ${typeof input}`,
  );
}

/**
 * Builds the plan of a spec (closed-form per-group schedules, or a plateau tracker's options).
 * This is the low-level plan: the closures `bind` returns are the raw formulas, unchecked (a
 * `LambdaLR` lambda may make them negative, NaN or infinite). For values a user meets, use
 * {@link toSchedule}, `Scheduler`, `curve` or `summary`, which refuse an lr that is not finite
 * and ≥ 0 with a `SchedulerError`.
 * @example (buildPlan('StepLR(step_size=10)') as ClosedFormPlan).bind([{ lr: 0.1 }])[0].lr(10) // ≈ 0.01
 */
export function buildPlan(input: SpecInput): Plan {
  const bound = resolveSpec(input);
  return bound.entry.build(bound.args);
}

function valueNode(def: ParamDef, value: unknown): SpecNode {
  const int = def.type.kind === 'int' || def.type.kind === 'intList';
  const node = (v: unknown): SpecNode => {
    if (v === null || v === undefined) return { kind: 'none', pos: -1 };
    if (typeof v === 'number') {
      // ints print as ints for int parameters and inside raw values (dict entries such as
      // {'num_decay_steps': 10} come from Python ints)
      const intLike = int || (def.type.kind === 'raw' && Number.isInteger(v) && Math.abs(v) < 1e15);
      return { kind: 'number', value: v, isInt: intLike && Number.isInteger(v), pos: -1 };
    }
    if (typeof v === 'string') return { kind: 'string', value: v, pos: -1 };
    if (typeof v === 'boolean') return { kind: 'bool', value: v, pos: -1 };
    if (isBound(v)) return toCallNode(v);
    if (isNode(v)) return v; // a nested call or lambda kept as written (raw parameters)
    if (Array.isArray(v)) return { kind: 'list', items: v.map(node), tuple: false, pos: -1 };
    if (v instanceof Map) {
      return {
        kind: 'dict',
        entries: [...v].map(([k, x]) => ({
          key:
            typeof k === 'number'
              ? { kind: 'number' as const, value: k, isInt: Number.isInteger(k), pos: -1 }
              : { kind: 'string' as const, value: String(k), pos: -1 },
          value: node(x),
        })),
        pos: -1,
      };
    }
    throw new LrkitError(`${def.name}: cannot print ${typeof v}`);
  };
  return node(value);
}

/** The canonical call node of a bound spec: its explicitly given parameters, as keywords. */
export function toCallNode(bound: BoundSpec): CallNode {
  const { entry } = bound;
  return {
    kind: 'call',
    name: entry.qualifiedName,
    args: [],
    kwargs: bound.given.map((name) => {
      const def = entry.params.find((p) => p.name === name)!;
      const value = printableValue(entry.qualifiedName, def, bound.args[name]);
      return { name, value: valueNode(def, value), pos: -1 };
    }),
    pos: -1,
  };
}

/**
 * Canonical spec text, which resolves back to the same schedule.
 * @example specText(resolveSpec('torch.optim.lr_scheduler.StepLR(optimizer, 10)')) // 'StepLR(step_size=10)'
 */
export function specText(input: SpecInput): string {
  return printSpec(toCallNode(resolveSpec(input)));
}

/** The spec as JSON (`{"name": "StepLR", "params": {...}}`), which resolves back the same. */
export function specJson(input: SpecInput): unknown {
  return specToJson(toCallNode(resolveSpec(input)));
}

/** True if the schedule (or a nested one) is of a kind that sets momentum (CyclicLR, OneCycleLR). */
export function involvesMomentum(input: SpecInput): boolean {
  const bound = resolveSpec(input);
  if (bound.entry.params.some((p) => p.name === 'cycle_momentum')) return true;
  return bound.entry.params.some(
    (p) =>
      p.type.kind === 'schedulers' &&
      (bound.args[p.name] as BoundSpec[]).some((c) => involvesMomentum(c)),
  );
}

/**
 * A typed factory for one registry entry: TypeScript callers pass the parameters in camelCase (or
 * the library's own spelling) and get the bound spec that `Scheduler`, `curve` and `specText`
 * take. Validation is the registry's, so the factory and the spec text can never disagree.
 * @example const decay = factory<{ stepSize: number; gamma?: number }>('StepLR');
 *   new Scheduler(decay({ stepSize: 10 }), { lr: 0.1 });
 */
export function factory<P extends object>(qualifiedName: string): (params: P) => BoundSpec {
  const entry = lookupEntry(qualifiedName);
  return (params) =>
    resolveSpec({ name: entry.qualifiedName, params: params as Record<string, unknown> });
}

/**
 * The pure schedule of a spec for one param group with base lr `lr` (default 1; schedules that
 * carry their own scale, such as Keras's, ignore it). Metric-driven specs have none. Every value
 * is checked as the Scheduler checks it: at a step where the lr would be negative, NaN or
 * infinite the schedule throws a `SchedulerError` (`LambdaLR: the lr of group 0 would be -0.1 at
 * step 0; learning rates must be finite and ≥ 0`) instead of returning it.
 * @example toSchedule('keras.ExponentialDecay(0.1, 10, 0.5)')(20) // 0.025
 */
export function toSchedule(input: SpecInput, lr = 1): Schedule {
  const bound = resolveSpec(input);
  const name = bound.entry.qualifiedName;
  const plan = bound.entry.build(bound.args);
  if (plan.kind !== 'closed-form') {
    throw new LrkitError(`${name} is driven by a metric; it has no closed form`);
  }
  return checkedLr(name, 0, plan.bind([{ lr }])[0]!.lr);
}
