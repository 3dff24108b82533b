/**
 * Converts and checks one parameter's value against its {@link ParamDef}: the single place where
 * spec text, JSON and TypeScript values become validated arguments.
 */
import { LrkitError, ParameterError, SpecSyntaxError } from '../errors.js';
import type { Rule } from '../rules.js';
import { isSpecNode, type CallNode, type LambdaNode, type NameNode } from '../spec/ast.js';
import { compileExpr, type CompiledExpr } from '../spec/expr.js';
import { describe } from '../export/describe.js';
import type { BoundSpec, ExprValue, Family, ParamDef, ParamType } from './types.js';

/** A value as it arrives: a parsed node (from text/JSON) or a plain JS value (from TS). */
export type RawValue = unknown;

/** True for a spec syntax node (as opposed to a plain JS value). */
export const isNode = isSpecNode;

/** Turns a syntax node into a plain value; calls, lambdas and names stay nodes. */
export function plain(v: RawValue): unknown {
  if (!isNode(v)) return v;
  switch (v.kind) {
    case 'number':
    case 'string':
    case 'bool':
      return v.value;
    case 'none':
      return null;
    case 'list':
      return v.items;
    case 'dict':
      return new Map(v.entries.map((e) => [e.key.value, e.value]));
    default:
      return v;
  }
}

/** Position of a node in the spec text, if it came from text. */
export function posOf(v: RawValue): number | undefined {
  return isNode(v) && v.pos >= 0 ? v.pos : undefined;
}

function describeType(t: ParamType): string {
  switch (t.kind) {
    case 'number':
      return 'a number';
    case 'int':
      return 'an integer';
    case 'bool':
      return 'True or False';
    case 'enum':
      return `one of ${t.choices.map((c) => `'${c}'`).join(', ')}`;
    case 'perGroup':
      return 'a number or a list of numbers (one per param group)';
    case 'intList':
      return 'a list of integers';
    case 'numberList':
      return 'a list of numbers';
    case 'expr':
      return t.perGroup
        ? "a lambda such as 'lambda e: 0.95**e' (or a list, one per param group)"
        : "a lambda such as 'lambda e: 0.95**e'";
    case 'schedulers':
      return 'a list of schedulers such as [LinearLR(...), CosineAnnealingLR(...)]';
    case 'string':
      return 'a string';
    case 'raw':
      return t.describe;
  }
}

/** JSON carries non-finite numbers as strings; accept them so the rule can name the value. */
function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v === 'NaN' || v === 'nan') return NaN;
  if (v === 'Infinity' || v === 'inf') return Infinity;
  if (v === '-Infinity' || v === '-inf') return -Infinity;
  return undefined;
}

function checkNumber(
  fn: string,
  param: string,
  raw: unknown,
  rule: Rule | undefined,
  int: boolean,
) {
  const v = asNumber(plain(raw));
  if (v === undefined) {
    throw new ParameterError(
      fn,
      param,
      int ? 'must be an integer' : 'must be a number',
      plain(raw),
    );
  }
  if (int && !Number.isInteger(v)) throw new ParameterError(fn, param, 'must be an integer', v);
  if (rule && !rule.test(v)) throw new ParameterError(fn, param, rule.text, v);
  if (!rule && !Number.isFinite(v)) throw new ParameterError(fn, param, 'must be finite', v);
  return v;
}

function list(fn: string, param: string, raw: unknown, what: string): unknown[] {
  const v = plain(raw);
  if (!Array.isArray(v)) throw new ParameterError(fn, param, `must be ${what}`, v);
  return v;
}

/** Compiles an expression parameter: text (serialisable) or a TS function. */
export function toExpr(fn: string, param: string, raw: unknown): ExprValue {
  const v = plain(raw);
  if (typeof v === 'function') return { source: undefined, fn: v as (x: number) => number };
  const source =
    typeof v === 'string' ? v : isNode(v) && v.kind === 'lambda' ? (v as LambdaNode).source : null;
  if (source === null) {
    throw new ParameterError(fn, param, "must be a lambda such as 'lambda e: 0.95**e'", v);
  }
  let compiled: CompiledExpr;
  try {
    compiled = compileExpr(source);
  } catch (e) {
    if (e instanceof SpecSyntaxError) {
      throw new SpecSyntaxError(`${fn}: ${param}: ${e.reason}`, e.source, e.column);
    }
    throw e;
  }
  if (compiled.params.length !== 1) {
    throw new ParameterError(fn, param, 'must take exactly one argument (the epoch)', source);
  }
  const run = compiled.evaluate;
  const evaluate = (x: number) => {
    try {
      return run(x);
    } catch (e) {
      // evaluation errors (division by zero, math domain) name the schedule and parameter
      if (e instanceof LrkitError) throw new LrkitError(`${fn}: ${param}: ${e.message}`);
      throw e;
    }
  };
  const node = { kind: 'lambda', source: compiled.source, param: compiled.params[0]! } as const;
  return { source: compiled.source, fn: describe(evaluate, node) };
}

/** A nested scheduler: a call node, a spec string, a `{name, params}` object or a bound spec. */
export type NestedResolver = (raw: unknown, path: string, family?: Family) => BoundSpec;

/** A raw value with dicts as Maps and lists as arrays, all the way down; calls stay nodes. */
export function deepPlain(raw: unknown): unknown {
  const v = plain(raw);
  if (Array.isArray(v)) return v.map(deepPlain);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, deepPlain(x)]));
  if (v !== null && typeof v === 'object' && !isNode(v) && !('entry' in v)) {
    return new Map(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, deepPlain(x)]));
  }
  return v;
}

/**
 * Converts `raw` to the parameter's type and checks its rule; throws `ParameterError` naming
 * `fn`, the parameter, the rule and the value.
 */
export function convertParam(
  fn: string,
  def: ParamDef,
  raw: RawValue,
  resolveNested: NestedResolver,
): unknown {
  const { name, type } = def;
  const p = plain(raw);
  if (p === null) {
    if (def.nullable || def.default === null) return null;
    throw new ParameterError(fn, name, `must be ${describeType(type)}, not None`, null);
  }
  switch (type.kind) {
    case 'number':
      return checkNumber(fn, name, raw, type.rule, false);
    case 'int':
      return checkNumber(fn, name, raw, type.rule, true);
    case 'bool':
      if (typeof p !== 'boolean') throw new ParameterError(fn, name, 'must be True or False', p);
      return p;
    case 'enum':
      if (typeof p !== 'string' || !type.choices.includes(p)) {
        throw new ParameterError(fn, name, `must be ${describeType(type)}`, p);
      }
      return p;
    case 'perGroup':
      if (Array.isArray(p)) {
        if (p.length === 0) throw new ParameterError(fn, name, 'must not be an empty list', p);
        return p.map((x, i) => checkNumber(fn, `${name}[${i}]`, x, type.rule, false));
      }
      return checkNumber(fn, name, raw, type.rule, false);
    case 'intList':
    case 'numberList': {
      const items = list(fn, name, raw, describeType(type));
      if (type.minLength !== undefined && items.length < type.minLength) {
        throw new ParameterError(
          fn,
          name,
          `must have at least ${type.minLength} item${type.minLength === 1 ? '' : 's'}`,
          items.map(plain),
        );
      }
      const int = type.kind === 'intList';
      return items.map((x, i) => checkNumber(fn, `${name}[${i}]`, x, type.rule, int));
    }
    case 'expr':
      if (type.perGroup && Array.isArray(p)) {
        if (p.length === 0) throw new ParameterError(fn, name, 'must not be an empty list', p);
        return p.map((x, i) => toExpr(fn, `${name}[${i}]`, x));
      }
      return toExpr(fn, name, raw);
    case 'schedulers': {
      const items = list(fn, name, raw, describeType(type));
      if (items.length === 0) throw new ParameterError(fn, name, 'must not be empty', []);
      return items.map((x, i) => resolveNested(x, `${fn}: ${name}[${i}]`, type.family));
    }
    case 'string':
      if (typeof p !== 'string') throw new ParameterError(fn, name, 'must be a string', p);
      return p;
    case 'raw':
      return deepPlain(raw);
  }
}

/** The value printed back into spec text (for the canonical spec and the state's JSON). */
export function printableValue(fn: string, def: ParamDef, value: unknown): unknown {
  if (def.type.kind === 'expr') {
    const one = (e: ExprValue, i?: number) => {
      if (e.source === undefined) {
        const at = i === undefined ? def.name : `${def.name}[${i}]`;
        throw new LrkitError(
          `${fn}: ${at} is a TypeScript function, which cannot be written as spec text or saved; ` +
            `use an expression string such as 'lambda e: 0.95**e' to make it serialisable`,
        );
      }
      return e.source;
    };
    return Array.isArray(value)
      ? value.map((e, i) => one(e as ExprValue, i))
      : one(value as ExprValue);
  }
  return value;
}

export type { CallNode, NameNode };
