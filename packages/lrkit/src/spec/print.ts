/**
 * Writes a spec tree back out: as canonical Python-call text that `parseSpec` reads back to an
 * equal tree, or as the JSON form that `parseSpecJson` reads.
 *
 * @example printSpec(parseSpec('StepLR( step_size = 10,gamma=.9 )'))
 *   // "StepLR(step_size=10, gamma=0.9)"
 */

import type { CallNode, NumberNode, SpecNode } from './ast.js';

/**
 * Canonical Python-call text for a node: `Name(arg, key=value)`, single-quoted strings,
 * `True`/`False`/`None`, `[a, b]`, `(a,)`, `{10: 0.5, 'k': 1}`, lambdas as their source.
 * Numbers round-trip bit for bit; floats are written as Python's `repr` writes them.
 *
 * @example printSpec(parseSpec("OneCycleLR(max_lr=1e-5, total_steps=100, three_phase=True)"))
 *   // "OneCycleLR(max_lr=1e-05, total_steps=100, three_phase=True)"
 */
export function printSpec(node: SpecNode): string {
  switch (node.kind) {
    case 'number':
      return printNumber(node);
    case 'string':
      return quote(node.value);
    case 'bool':
      return node.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'list': {
      const items = node.items.map(printSpec);
      if (!node.tuple) return `[${items.join(', ')}]`;
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    }
    case 'dict':
      return `{${node.entries.map((e) => `${printSpec(e.key)}: ${printSpec(e.value)}`).join(', ')}}`;
    case 'name':
      return node.name;
    case 'lambda':
      return node.source;
    case 'call': {
      const parts = [
        ...node.args.map(printSpec),
        ...node.kwargs.map((k) => `${k.name}=${printSpec(k.value)}`),
      ];
      return `${node.name}(${parts.join(', ')})`;
    }
  }
}

/**
 * The JSON form of a call: `{"name", "params"}`, plus `"args"` only when there are positional
 * arguments; nested calls the same way. Lossy where JSON cannot say more:
 * - non-finite numbers become the strings "NaN", "Infinity", "-Infinity";
 * - lambdas and bare names become strings; tuples become arrays;
 * - a float with an integral value (`1.0`) reads back as an int, and `-0.0` as `0`;
 * - dict keys become strings, so `{10: 0.5}` reads back as `{'10': 0.5}` (int-ness of keys is
 *   lost), keys that print alike (`1` and `'1'`) collide, and integer-like keys come first
 *   because JavaScript objects order them so.
 *
 * @example specToJson(parseSpec('StepLR(step_size=10)'))
 *   // { name: 'StepLR', params: { step_size: 10 } }
 */
export function specToJson(node: CallNode): unknown {
  const params = Object.fromEntries(node.kwargs.map((k) => [k.name, toJson(k.value)]));
  if (node.args.length === 0) return { name: node.name, params };
  return { name: node.name, params, args: node.args.map(toJson) };
}

function toJson(node: SpecNode): unknown {
  switch (node.kind) {
    case 'number':
      return jsonNumber(node.value);
    case 'string':
    case 'bool':
      return node.value;
    case 'none':
      return null;
    case 'list':
      return node.items.map(toJson);
    case 'dict':
      // Object.fromEntries defines own properties, so even a '__proto__' key stays data.
      return Object.fromEntries(node.entries.map((e) => [jsonKey(e.key), toJson(e.value)]));
    case 'name':
      return node.name;
    case 'lambda':
      return node.source;
    case 'call':
      return specToJson(node);
  }
}

function jsonNumber(v: number): number | string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return v;
}

function jsonKey(key: SpecNode): string {
  if (key.kind === 'string') return key.value;
  if (key.kind === 'number') {
    const v = jsonNumber(key.value);
    if (typeof v === 'string') return v;
    return key.isInt && Number.isInteger(v) ? BigInt(v).toString() : String(v);
  }
  return printSpec(key);
}

/** `10` for an int; a float as Python's repr writes it (`0.1`, `1e-05`, `1.0`); `float('nan')`. */
function printNumber(node: NumberNode): string {
  const v = node.value;
  if (Number.isNaN(v)) return "float('nan')";
  if (v === Infinity) return "float('inf')";
  if (v === -Infinity) return "-float('inf')";
  if (node.isInt && Number.isInteger(v)) return BigInt(v).toString();
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  return sign + floatRepr(Math.abs(v));
}

/**
 * Python's `repr` of a finite non-negative float: the shortest digits that round-trip, in fixed
 * notation when the decimal exponent is in [-4, 16), else scientific with a two-digit exponent.
 */
function floatRepr(v: number): string {
  // toExponential() without an argument gives the shortest round-tripping digits.
  const [mantissa, expText] = v.toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `0.${'0'.repeat(-exp - 1)}${digits}`;
    const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    return `${int}.${frac === '' ? '0' : frac}`;
  }
  const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
  const expSign = exp < 0 ? '-' : '+';
  return `${digits[0]}${frac}e${expSign}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** A Python single-quoted string literal with escapes for `\`, `'`, and control characters. */
function quote(s: string): string {
  let out = "'";
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch < ' ' || ch === '\x7f')
      out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + "'";
}
