/**
 * Binds a call (parsed text, JSON or a TS object) to its registry entry: maps positional and
 * keyword arguments to parameters, fills defaults, converts and checks each value, runs the
 * entry's cross-parameter rules. Every spec goes through here exactly once.
 */
import { LrkitError, UnknownNameError, didYouMean } from '../errors.js';
import type { CallNode } from '../spec/ast.js';
import { convertParam, isNode, posOf, type NestedResolver, type RawValue } from './params.js';
import type { BoundSpec, ParamDef, RegistryEntry } from './types.js';

/**
 * snake_case → camelCase, the spelling TS callers may use: `step_size` → `stepSize`,
 * `T_max` → `tMax`, `T_0` → `t0`.
 */
export function camelCase(name: string): string {
  const [first = '', ...rest] = name.split('_');
  const head = /^[A-Z]$/.test(first) ? first.toLowerCase() : first;
  return head + rest.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');
}

/** Names under which a pasted line passes the optimizer (dropped: lrkit has param groups). */
const OPTIMIZER = /(^|\.)opt\w*$/i;

/** Finds a parameter by its library name or its camelCase spelling. */
function findParam(entry: RegistryEntry, name: string): ParamDef | undefined {
  return entry.params.find((p) => p.name === name || camelCase(p.name) === name);
}

/** Attaches the text position to an error that has none yet, so the CLI can draw a caret. */
function at<T>(pos: number | undefined, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof LrkitError && e.pos === undefined && pos !== undefined) e.pos = pos;
    throw e;
  }
}

export interface CallArgs {
  readonly args: readonly RawValue[];
  readonly kwargs: readonly { name: string; value: RawValue; pos?: number }[];
  readonly pos?: number;
}

/** A parsed call's arguments. */
export function callArgs(node: CallNode): CallArgs {
  return { args: node.args, kwargs: node.kwargs, pos: node.pos >= 0 ? node.pos : undefined };
}

/** A TS/JSON object's arguments: `{ step_size: 10 }` or `{ stepSize: 10 }`. */
export function objectArgs(params: Readonly<Record<string, unknown>>): CallArgs {
  return {
    args: [],
    kwargs: Object.entries(params)
      .filter(([, v]) => v !== undefined)
      .map(([name, value]) => ({ name, value })),
  };
}

/** Binds arguments to `entry`, returning validated values with defaults filled in. */
export function bindArgs(
  entry: RegistryEntry,
  call: CallArgs,
  resolveNested: NestedResolver,
): BoundSpec {
  const fn = entry.qualifiedName;
  const supplied = new Map<string, { value: RawValue; pos: number | undefined }>();
  // A pasted line names the optimizer: `StepLR(optimizer, step_size=30)`,
  // `get_scheduler('linear', optimizer, ...)`. Such names are dropped; any other name is an error.
  const positional = call.args.filter(
    (a) => !(isNode(a) && a.kind === 'name' && OPTIMIZER.test(a.name)),
  );
  positional.forEach((value, i) => {
    const def = entry.params[i];
    at(posOf(value), () => {
      if (isNode(value) && value.kind === 'name') {
        throw new LrkitError(
          `${fn}: argument ${i + 1} is the name '${value.name}'; lrkit reads values only (numbers, strings, lists)`,
        );
      }
      if (!def) {
        throw new LrkitError(
          `${fn}: takes at most ${entry.params.length} positional arguments, got ${positional.length}`,
        );
      }
    });
    supplied.set(def!.name, { value, pos: posOf(value) });
  });
  for (const kw of call.kwargs) {
    // `optimizer=optimizer` (Hugging Face examples) names the optimizer too: dropped
    if (kw.name === 'optimizer' && !findParam(entry, kw.name)) continue;
    const def = findParam(entry, kw.name);
    at(kw.pos, () => {
      if (!def) {
        const names = entry.params.map((p) => p.name);
        throw new UnknownNameError('parameter', kw.name, didYouMean(kw.name, names), fn);
      }
      if (supplied.has(def.name)) {
        throw new LrkitError(`${fn}: got multiple values for parameter '${def.name}'`);
      }
    });
    supplied.set(def!.name, { value: kw.value, pos: kw.pos ?? posOf(kw.value) });
  }
  const args: Record<string, unknown> = {};
  const given: string[] = [];
  for (const def of entry.params) {
    const s = supplied.get(def.name);
    if (s === undefined) {
      if (!('default' in def)) {
        throw at(call.pos, () => {
          throw new LrkitError(`${fn}: missing required parameter '${def.name}' (${def.doc})`);
        });
      }
      args[def.name] = def.default;
      continue;
    }
    args[def.name] = at(s.pos, () => convertParam(fn, def, s.value, resolveNested));
    given.push(def.name);
  }
  at(call.pos, () => entry.crossCheck?.(args));
  return { entry, args, given };
}
