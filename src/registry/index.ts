/**
 * The registry: every schedule lrkit knows, by its library's name, with parameter metadata. Spec
 * text, JSON and TS objects all resolve here; canonical spec text is printed from here.
 */
import { LrkitError, UnknownNameError, didYouMean } from '../errors.js';
import { torchEntries, torchPrefixes } from '../families/torch/index.js';
import type { CallNode, SpecNode } from '../spec/ast.js';
import { parseSpecText } from '../spec/parse.js';
import { printSpec, specToJson } from '../spec/print.js';
import { bindArgs, callArgs, objectArgs } from './bind.js';
import { isNode, printableValue } from './params.js';
import type { BoundSpec, ParamDef, Plan, RegistryEntry } from './types.js';

/** Every registered entry, in a stable order (families in order, entries as each family lists). */
export const registry: readonly RegistryEntry[] = [...torchEntries];

const byName = new Map(registry.map((e) => [e.qualifiedName, e]));

/** The entry for a name as written in a spec (`StepLR`, `torch.optim.lr_scheduler.StepLR`). */
export function lookupEntry(name: string): RegistryEntry {
  let key = name;
  for (const prefix of torchPrefixes) {
    if (key.startsWith(prefix)) {
      key = key.slice(prefix.length);
      break;
    }
  }
  const entry = byName.get(key);
  if (!entry) {
    throw new UnknownNameError('scheduler', name, didYouMean(key, byName.keys()));
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

function resolveCall(node: CallNode): BoundSpec {
  let entry: RegistryEntry;
  try {
    entry = lookupEntry(node.name);
  } catch (e) {
    if (e instanceof LrkitError && node.pos >= 0) e.pos = node.pos;
    throw e;
  }
  return bindArgs(entry, callArgs(node), resolveNested);
}

function resolveNested(raw: unknown, path: string): BoundSpec {
  if (isNode(raw) && raw.kind === 'call') return resolveCall(raw);
  if (isNode(raw) && raw.kind === 'string') return resolveSpec(raw.value);
  if (isNode(raw)) {
    throw new LrkitError(`${path} must be a scheduler such as StepLR(step_size=10)`);
  }
  return resolveSpec(raw as SpecInput);
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

/** Builds the plan of a spec (closed-form per-group schedules, or a plateau tracker's options). */
export function buildPlan(input: SpecInput): Plan {
  const bound = resolveSpec(input);
  return bound.entry.build(bound.args);
}

function valueNode(def: ParamDef, value: unknown): SpecNode {
  const int = def.type.kind === 'int' || def.type.kind === 'intList';
  const node = (v: unknown): SpecNode => {
    if (v === null || v === undefined) return { kind: 'none', pos: -1 };
    if (typeof v === 'number') {
      return { kind: 'number', value: v, isInt: int && Number.isInteger(v), pos: -1 };
    }
    if (typeof v === 'string') return { kind: 'string', value: v, pos: -1 };
    if (typeof v === 'boolean') return { kind: 'bool', value: v, pos: -1 };
    if (isBound(v)) return toCallNode(v);
    if (Array.isArray(v)) return { kind: 'list', items: v.map(node), tuple: false, pos: -1 };
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
