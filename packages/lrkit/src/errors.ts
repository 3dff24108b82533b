/**
 * lrkit's one error family. Every error a user can meet is an {@link LrkitError}; its message
 * names what is wrong and where, e.g. `OneCycleLR: total_steps must be a positive integer, got 0`.
 */

import { isSpecNode } from './spec/ast.js';
import { printSpec } from './spec/print.js';

/** Base class of every error lrkit throws on purpose. */
export class LrkitError extends Error {
  override name = 'LrkitError';
  /**
   * Where in the spec text the problem is (0-based offset), when the error came from parsed text;
   * the CLI uses it to draw a caret under the column.
   */
  pos?: number;
}

/**
 * Formats a received value for an error message (`got 0`, `got 'abc'`, `got NaN`). Spec syntax
 * nodes print as the spec text they stand for (`got StepLR(step_size=10)`, `got lambda e: e`), a
 * bare name as `the name 'NaN'`; dicts (Maps) as `{key: value}`.
 */
export function formatValue(value: unknown): string {
  return format(value, false);
}

function format(value: unknown, nested: boolean): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (value === null) return 'None';
  if (value === undefined) return 'nothing';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'function') return 'a function';
  if (isSpecNode(value)) {
    return value.kind === 'name' && !nested ? `the name '${value.name}'` : printSpec(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => format(v, true)).join(', ')}]`;
  if (value instanceof Map) {
    const entries = [...value].map(([k, v]) => `${format(k, true)}: ${format(v, true)}`);
    return `{${entries.join(', ')}}`;
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * A parameter broke a rule: `<fn>: <param> <rule>, got <value>`.
 * @example new ParameterError('StepLR', 'step_size', 'must be a positive integer', 0)
 *   // message: "StepLR: step_size must be a positive integer, got 0"
 */
export class ParameterError extends LrkitError {
  override name = 'ParameterError';
  constructor(
    readonly fn: string,
    readonly param: string,
    readonly rule: string,
    readonly value: unknown,
  ) {
    super(`${fn}: ${param} ${rule}, got ${formatValue(value)}`);
  }
}

/** A name (schedule, parameter, function) that lrkit does not know, with a did-you-mean. */
export class UnknownNameError extends LrkitError {
  override name = 'UnknownNameError';
  constructor(
    readonly kind: string,
    readonly received: string,
    readonly suggestion: string | undefined,
    context?: string,
  ) {
    const where = context ? `${context}: ` : '';
    const hint = suggestion ? `; did you mean '${suggestion}'?` : '';
    super(`${where}unknown ${kind} '${received}'${hint}`);
  }
}

/**
 * Spec or expression text that does not parse. `column` is 1-based; {@link SpecSyntaxError.caret}
 * renders the source with a caret under the offending column.
 */
export class SpecSyntaxError extends LrkitError {
  override name = 'SpecSyntaxError';
  constructor(
    readonly reason: string,
    readonly source: string,
    readonly column: number,
  ) {
    super(`${reason} at column ${column}`);
  }

  /** The source line and a caret under the column, for terminals. */
  caret(): string {
    return `${this.source}\n${' '.repeat(Math.max(0, this.column - 1))}^`;
  }
}

/** Misuse of a stateful scheduler (stepping past the end, loading foreign state, ...). */
export class SchedulerError extends LrkitError {
  override name = 'SchedulerError';
}

/** Edit distance, for did-you-mean suggestions. */
function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest known name to `received` (case-insensitive), or undefined if none is close. */
export function didYouMean(received: string, known: Iterable<string>): string | undefined {
  const r = received.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const kl = k.toLowerCase();
    // containment (a missing or extra suffix) costs the length difference, so the closer name wins
    const d =
      kl === r
        ? 0
        : kl.includes(r) || r.includes(kl)
          ? 1 + Math.abs(kl.length - r.length) / 1000
          : editDistance(r, kl);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  const limit = Math.max(2, Math.floor(received.length / 3));
  return bestD <= limit ? best : undefined;
}
