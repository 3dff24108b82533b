/**
 * Reads a spec — a Python call expression pasted from a training script, or its JSON form — into
 * the syntax tree of `./ast.ts`. Constant arithmetic is folded with Python's semantics, inline
 * lambdas are kept as source text, and every syntax error names a 1-based column.
 *
 * @example parseSpec('StepLR(step_size=10, gamma=0.9)')
 *   // { kind: 'call', name: 'StepLR', args: [], kwargs: [{ name: 'step_size', ... }, ...], pos: 0 }
 */

import type {
  CallNode,
  DictNode,
  LambdaNode,
  ListNode,
  NumberNode,
  SpecNode,
  StringNode,
} from './ast.js';
import { LrkitError, SpecSyntaxError, formatValue } from '../errors.js';

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/**
 * Parses a spec written as a Python call expression.
 *
 * Multi-line specs are accepted; an error in one reports the offending line as the error's
 * `source`, its line number in the reason (`line 2: ...`) and the column within that line.
 * A leading assignment target (`scheduler = StepLR(...)`) is skipped, as pasted from a script.
 *
 * @example parseSpec('ExponentialLR(gamma=(1e-4/0.1)**(1/10000))').kwargs[0].value
 *   // { kind: 'number', value: 0.9993094..., isInt: false, pos: 20 }
 */
export function parseSpec(source: string): CallNode {
  return new Parser(source).parseTop();
}

/**
 * Builds the same tree as {@link parseSpec} from a JSON value such as `JSON.parse` returns:
 * `{"name": "StepLR", "params": {"step_size": 10}}` (or `"scheduler"` instead of `"name"`), with
 * optional `"args": [...]` for positional arguments. Nested schedules are objects of the same
 * shape; any other object is a dict (with string keys). All nodes get `pos` -1.
 *
 * @example parseSpecJson({ name: 'StepLR', params: { step_size: 10 } }).kwargs[0]
 *   // { name: 'step_size', value: { kind: 'number', value: 10, isInt: true, pos: -1 }, pos: -1 }
 */
export function parseSpecJson(value: unknown): CallNode {
  if (!isPlainObject(value) || callNameKey(value) === undefined) {
    throw jsonError(
      '',
      'must be an object with "name" and "params", e.g. {"name": "StepLR", "params": {"step_size": 10}}',
    );
  }
  return jsonCall(value, '', true);
}

/**
 * Parses spec text in either form: JSON when the trimmed text starts with `{`, else Python.
 *
 * @example parseSpecText('{"name": "StepLR", "params": {"step_size": 10}}').name // 'StepLR'
 */
export function parseSpecText(source: string): CallNode {
  if (!source.trimStart().startsWith('{')) return parseSpec(source);
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (err) {
    const found = findJsonError(source);
    if (found) throw syntaxErrorAt(source, found.offset, `invalid JSON: ${found.reason}`);
    const message = err instanceof Error ? err.message : String(err);
    const at = /at position (\d+)/.exec(message);
    throw syntaxErrorAt(source, at ? Number(at[1]) : 0, `invalid JSON: ${message}`);
  }
  return parseSpecJson(value);
}

// ---------------------------------------------------------------------------------------------
// Positions and errors
// ---------------------------------------------------------------------------------------------

/** A SpecSyntaxError at a 0-based offset; multi-line sources report the offending line. */
function syntaxErrorAt(source: string, offset: number, reason: string): SpecSyntaxError {
  if (!source.includes('\n')) return new SpecSyntaxError(reason, source, offset + 1);
  const { line, lineStart } = lineOf(source, offset);
  let lineEnd = source.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = source.length;
  const text = source.slice(lineStart, lineEnd).replace(/\r$/, '');
  return new SpecSyntaxError(`line ${line}: ${reason}`, text, offset - lineStart + 1);
}

function lineOf(source: string, offset: number): { line: number; lineStart: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, lineStart };
}

/** `column 7`, or `line 2 column 7` in a multi-line source (to point at an opening bracket). */
function where(source: string, offset: number): string {
  if (!source.includes('\n')) return `column ${offset + 1}`;
  const { line, lineStart } = lineOf(source, offset);
  return `line ${line} column ${offset - lineStart + 1}`;
}

/** `missing ')' (the '(' at column 7 was never closed)`. */
function missingCloser(src: string, opener: string, openPos: number): string {
  return `missing '${CLOSER[opener]}' (the '${opener}' at ${where(src, openPos)} was never closed)`;
}

/** `expected ')' (to close the '(' at column 7), got ']'`. */
function mismatchedCloser(src: string, got: string, opener: string, openPos: number): string {
  return `expected '${CLOSER[opener]}' (to close the '${opener}' at ${where(src, openPos)}), got '${got}'`;
}

// ---------------------------------------------------------------------------------------------
// Lexer pieces
// ---------------------------------------------------------------------------------------------

type Token =
  | { kind: 'name'; text: string; pos: number; end: number }
  | { kind: 'number'; text: string; value: PyNum; pos: number; end: number }
  | { kind: 'string'; text: string; value: string; pos: number; end: number }
  | { kind: 'op'; text: string; pos: number; end: number }
  | { kind: 'eof'; text: ''; pos: number; end: number };

/** A Python number while folding: bigint is Python's int, number is Python's float. */
type PyNum = bigint | number;

/** A parsed expression: a foldable number or a finished node, with its source extent. */
interface Operand {
  value: PyNum | SpecNode;
  start: number;
  end: number;
}

const IDENT_START = /[\p{L}\p{Nl}_]/u;
const IDENT = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const IDENT_CHAR = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;
const DEC = String.raw`\d(?:_?\d)*`;
const NUMBER = new RegExp(
  String.raw`0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+` +
    String.raw`|(?:${DEC})?\.${DEC}(?:[eE][+-]?${DEC})?|${DEC}\.?(?:[eE][+-]?${DEC})?`,
  'y',
);
const FLOAT_STRING = new RegExp(
  String.raw`^[+-]?(?:${DEC}(?:\.(?:${DEC})?)?|\.${DEC})(?:[eE][+-]?${DEC})?$`,
);
const OPS2 = new Set(['**', '//']);
const OPS1 = new Set(['(', ')', '[', ']', '{', '}', ',', ':', '=', '.', '+', '-', '*', '/', '%']);
const CLOSER: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set([')', ']', '}']);

/** Python keywords: never a name, a keyword argument or an assignment target. */
const RESERVED = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except ' +
    'finally for from global if import in is lambda nonlocal not or pass raise return try while ' +
    'with yield'
  ).split(' '),
);

/** Names that read as numbers, so a value-range check can reject them with a good message. */
const CONSTANTS = new Map<string, number>([
  ['inf', Infinity],
  ['nan', NaN],
  ['math.inf', Infinity],
  ['math.nan', NaN],
  ['math.pi', Math.PI],
  ['math.e', Math.E],
  ['math.tau', 2 * Math.PI],
  ['np.inf', Infinity],
  ['np.nan', NaN],
  ['np.pi', Math.PI],
  ['np.e', Math.E],
  ['numpy.inf', Infinity],
  ['numpy.nan', NaN],
  ['numpy.pi', Math.PI],
  ['numpy.e', Math.E],
]);

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

/** Deepest expression nesting accepted (Python's own parser stops near 200 brackets). */
const MAX_DEPTH = 200;

/** Largest int (in bits) that `**` may build while folding; Python has no limit, floats do. */
const MAX_INT_BITS = 1 << 20;

function isSpace(ch: string): boolean {
  return /\s/.test(ch);
}

/** Offset of the next token at or after `i`: skips whitespace, comments and `\` continuations. */
function skipTrivia(src: string, i: number): number {
  for (;;) {
    const ch = src[i];
    if (ch === undefined) return i;
    if (isSpace(ch)) i++;
    else if (ch === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (ch === '\\' && src[i + 1] === '\n') i += 2;
    else if (ch === '\\' && src[i + 1] === '\r' && src[i + 2] === '\n') i += 3;
    else return i;
  }
}

// ---------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------

class Parser {
  /** Offset the next token is lexed from. */
  private at = 0;
  /** End offset of the last consumed token (where a missing token belongs). */
  private lastEnd = 0;
  private peeked: Token | undefined;
  /** Brackets opened and not yet closed, innermost last. */
  private readonly open: Token[] = [];
  /** Current expression nesting, bounded by MAX_DEPTH. */
  private depth = 0;

  constructor(private readonly src: string) {}

  parseTop(): CallNode {
    const first = this.peek();
    if (first.kind === 'eof') this.fail(0, 'spec is empty');
    this.skipAssignmentTarget();
    const op = this.parseExpr();
    const node = this.toNode(op);
    if (node.kind !== 'call') {
      const got = node.kind === 'name' ? `'${node.name}' without parentheses` : describeNode(node);
      this.fail(op.start, `expected a call such as StepLR(step_size=10), got ${got}`);
    }
    const t = this.peek();
    if (t.kind !== 'eof') {
      if (t.kind === 'op' && CLOSERS.has(t.text)) this.fail(t.pos, `unmatched '${t.text}'`);
      this.fail(t.pos, `unexpected text after the call: ${snippet(this.src, t.pos)}`);
    }
    return node;
  }

  /** `scheduler = StepLR(...)` and `self.sched = ...`: drop the target. */
  private skipAssignmentTarget(): void {
    const t = this.peek();
    if (t.kind !== 'name' || RESERVED.has(t.text)) return;
    const saved = this.save();
    this.next();
    while (this.isOp(this.peek(), '.')) {
      this.next();
      if (this.peek().kind !== 'name') break;
      this.next();
    }
    if (this.isOp(this.peek(), '=')) this.next();
    else this.restore(saved);
  }

  // --- token stream ---

  private peek(): Token {
    this.peeked ??= this.lex(this.at);
    return this.peeked;
  }

  private next(): Token {
    const t = this.peek();
    this.peeked = undefined;
    this.at = t.end;
    if (t.kind !== 'eof') this.lastEnd = t.end;
    return t;
  }

  private save(): { at: number; lastEnd: number } {
    return { at: this.at, lastEnd: this.lastEnd };
  }

  private restore(s: { at: number; lastEnd: number }): void {
    this.at = s.at;
    this.lastEnd = s.lastEnd;
    this.peeked = undefined;
  }

  private isOp(t: Token, text: string): boolean {
    return t.kind === 'op' && t.text === text;
  }

  private fail(offset: number, reason: string): never {
    throw syntaxErrorAt(this.src, offset, reason);
  }

  private lex(from: number): Token {
    const src = this.src;
    const i = skipTrivia(src, from);
    const ch = src[i];
    if (ch === undefined) return { kind: 'eof', text: '', pos: i, end: i };
    if (ch === "'" || ch === '"') {
      const { value, end } = this.readString(i, i, false);
      return { kind: 'string', text: src.slice(i, end), value, pos: i, end };
    }
    if (/\d/.test(ch) || (ch === '.' && /\d/.test(src[i + 1] ?? ''))) return this.readNumber(i);
    if (IDENT_START.test(ch)) {
      IDENT.lastIndex = i;
      const text = IDENT.exec(src)![0];
      const end = i + text.length;
      const quote = src[end];
      if (quote === "'" || quote === '"') {
        const prefix = text.toLowerCase();
        if (prefix === 'r' || prefix === 'u') {
          const s = this.readString(i, end, prefix === 'r');
          return { kind: 'string', text: src.slice(i, s.end), value: s.value, pos: i, end: s.end };
        }
        if (/^(?:[bf]|[bf]r|r[bf])$/.test(prefix)) {
          const what = prefix.includes('f') ? 'f-strings' : 'byte strings';
          this.fail(i, `${what} are not supported; write a plain string`);
        }
      }
      return { kind: 'name', text, pos: i, end };
    }
    const two = src.slice(i, i + 2);
    if (OPS2.has(two)) return { kind: 'op', text: two, pos: i, end: i + 2 };
    if (OPS1.has(ch)) return { kind: 'op', text: ch, pos: i, end: i + 1 };
    const cp = String.fromCodePoint(src.codePointAt(i)!);
    const hint = /[\u2018\u2019\u201c\u201d]/.test(cp) ? ' (a curly quote; use \' or ")' : '';
    this.fail(i, `unexpected character '${cp}'${hint}`);
  }

  private readNumber(i: number): Token {
    const src = this.src;
    NUMBER.lastIndex = i;
    const text = NUMBER.exec(src)![0];
    const end = i + text.length;
    const after = src[end];
    if (after !== undefined && (IDENT_CHAR.test(after) || after === '_')) {
      let j = end;
      while (j < src.length && IDENT_CHAR.test(src[j]!)) j++;
      this.fail(i, `invalid number literal '${src.slice(i, j)}'`);
    }
    const clean = text.replace(/_/g, '');
    const isRadix = /^0[xob]/i.test(clean);
    if (!isRadix && /[.eE]/.test(clean)) {
      return { kind: 'number', text, value: Number(clean), pos: i, end };
    }
    if (!isRadix && /^0+[1-9]/.test(clean)) {
      this.fail(i, 'leading zeros in decimal integer literals are not permitted');
    }
    return { kind: 'number', text, value: BigInt(clean), pos: i, end };
  }

  /**
   * Reads a quoted string whose quote is at `q` (the token starts at `start`, before any prefix).
   * Escapes follow Python: unknown ones keep their backslash.
   */
  private readString(start: number, q: number, raw: boolean): { value: string; end: number } {
    const src = this.src;
    const quote = src[q]!;
    let out = '';
    let j = q + 1;
    for (;;) {
      const c = src[j];
      if (c === undefined || c === '\n' || c === '\r') this.fail(start, 'unterminated string');
      if (c === quote) return { value: out, end: j + 1 };
      if (c !== '\\') {
        out += c;
        j++;
        continue;
      }
      const e = src[j + 1];
      if (e === undefined) this.fail(start, 'unterminated string');
      if (e === '\n' || (e === '\r' && src[j + 2] === '\n')) {
        // A backslash-newline continues the string on the next line.
        if (raw) out += '\\' + (e === '\r' ? '\r\n' : '\n');
        j += e === '\r' ? 3 : 2;
        continue;
      }
      if (raw) {
        out += '\\' + e;
        j += 2;
        continue;
      }
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        j += 2;
      } else if (/[0-7]/.test(e)) {
        const m = /^[0-7]{1,3}/.exec(src.slice(j + 1, j + 4))![0];
        out += String.fromCharCode(parseInt(m, 8));
        j += 1 + m.length;
      } else if (e === 'x' || e === 'u' || e === 'U') {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = src.slice(j + 2, j + 2 + n);
        if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) this.fail(j, `truncated \\${e} escape`);
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) this.fail(j, `illegal Unicode character in \\${e} escape`);
        out += String.fromCodePoint(code);
        j += 2 + n;
      } else if (e === 'N') {
        this.fail(j, '\\N{...} escapes are not supported');
      } else {
        out += '\\' + e;
        j += 2;
      }
    }
  }

  // --- expressions (Python precedence: + - < * / // % < unary < **) ---

  private parseExpr(): Operand {
    let left = this.parseTerm();
    for (let t = this.peek(); this.isOp(t, '+') || this.isOp(t, '-'); t = this.peek()) {
      this.next();
      left = this.binary(t, left, this.parseTerm());
    }
    return left;
  }

  private parseTerm(): Operand {
    let left = this.parseFactor();
    for (
      let t = this.peek();
      t.kind === 'op' && (t.text === '*' || t.text === '/' || t.text === '//' || t.text === '%');
      t = this.peek()
    ) {
      this.next();
      left = this.binary(t, left, this.parseFactor());
    }
    return left;
  }

  private parseFactor(): Operand {
    const t = this.peek();
    // Every level of brackets, unary signs and `**` passes here: bound the recursion.
    if (++this.depth > MAX_DEPTH) this.fail(t.pos, 'spec is nested too deeply');
    try {
      if (this.isOp(t, '-') || this.isOp(t, '+')) {
        this.next();
        const operand = this.parseFactor();
        const v = operand.value;
        if (typeof v === 'object') {
          this.fail(operand.start, `unary '${t.text}' needs a number, got ${describeNode(v)}`);
        }
        return { value: t.text === '-' ? -v : v, start: t.pos, end: operand.end };
      }
      return this.parsePower();
    } finally {
      this.depth--;
    }
  }

  private parsePower(): Operand {
    const base = this.parseAtom();
    const t = this.peek();
    if (!this.isOp(t, '**')) return base;
    this.next();
    return this.binary(t, base, this.parseFactor());
  }

  private binary(opTok: Token, a: Operand, b: Operand): Operand {
    const op = opTok.text;
    for (const side of [a, b]) {
      if (typeof side.value === 'object') {
        this.fail(
          side.start,
          `'${op}' needs numbers on both sides, got ${describeNode(side.value)}`,
        );
      }
    }
    const value = pyArith(op, a.value as PyNum, b.value as PyNum, (which, reason) =>
      this.fail(which === 'left' ? a.start : which === 'right' ? b.start : opTok.pos, reason),
    );
    return { value, start: a.start, end: b.end };
  }

  /** An operand as a finished node; a folded number takes the start of its expression as pos. */
  private toNode(op: Operand): SpecNode {
    const v = op.value;
    if (typeof v === 'object') return v;
    if (typeof v === 'bigint') {
      const value = Number(v);
      if (!Number.isFinite(value))
        this.fail(op.start, 'integer is too large to convert to a float');
      return { kind: 'number', value, isInt: true, pos: op.start };
    }
    return { kind: 'number', value: v, isInt: false, pos: op.start };
  }

  private parseValue(): SpecNode {
    return this.toNode(this.parseExpr());
  }

  // --- atoms ---

  private parseAtom(): Operand {
    const t = this.peek();
    switch (t.kind) {
      case 'number':
        this.next();
        return { value: t.value, start: t.pos, end: t.end };
      case 'string': {
        this.next();
        let value = t.value;
        let end = t.end;
        // Adjacent literals concatenate, as in Python: 'a' 'b' == 'ab'.
        for (let s = this.peek(); s.kind === 'string'; s = this.peek()) {
          this.next();
          value += s.value;
          end = s.end;
        }
        const node: StringNode = { kind: 'string', value, pos: t.pos };
        return { value: node, start: t.pos, end };
      }
      case 'name':
        return this.parseNamed(t);
      case 'op':
        if (t.text === '(') return this.parseParen();
        if (t.text === '[') return this.parseList();
        if (t.text === '{') return this.parseDict();
        if (t.text === '*' || t.text === '**') {
          this.fail(t.pos, `'${t.text}' unpacking is not supported; write the values out`);
        }
        if (CLOSERS.has(t.text)) {
          const top = this.open[this.open.length - 1];
          if (!top) this.fail(t.pos, `unmatched '${t.text}'`);
          if (CLOSER[top.text] !== t.text) this.mismatched(t, top);
        }
        return this.fail(t.pos, `expected a value, got '${t.text}'`);
      case 'eof':
        return this.fail(t.pos, 'expected a value, got the end of the spec');
    }
  }

  private parseNamed(first: Token): Operand {
    if (first.text === 'lambda') return this.parseLambda(first);
    this.next();
    const simple = (value: SpecNode): Operand => ({ value, start: first.pos, end: first.end });
    if (first.text === 'True' || first.text === 'False') {
      return simple({ kind: 'bool', value: first.text === 'True', pos: first.pos });
    }
    if (first.text === 'None') return simple({ kind: 'none', pos: first.pos });
    if (RESERVED.has(first.text)) this.fail(first.pos, `unexpected keyword '${first.text}'`);
    let name = first.text;
    let end = first.end;
    while (this.isOp(this.peek(), '.')) {
      this.next();
      const part = this.peek();
      if (part.kind !== 'name')
        this.fail(part.pos, `expected a name after '.', got ${describeToken(part)}`);
      this.next();
      name += '.' + part.text;
      end = part.end;
    }
    if (this.isOp(this.peek(), '(')) return this.parseCall(first.pos, name);
    const constant = CONSTANTS.get(name);
    if (constant !== undefined) return { value: constant, start: first.pos, end };
    return { value: { kind: 'name', name, pos: first.pos }, start: first.pos, end };
  }

  private parseCall(pos: number, name: string): Operand {
    const openTok = this.next();
    this.open.push(openTok);
    const call: CallNode = { kind: 'call', name, args: [], kwargs: [], pos };
    while (!this.isOp(this.peek(), ')')) {
      const t = this.peek();
      if (this.isOp(t, '*') || this.isOp(t, '**')) {
        const what = t.text === '*' ? '*args' : '**kwargs';
        const instead = t.text === '*' ? 'arguments' : 'keyword arguments';
        this.fail(t.pos, `${name}: ${what} unpacking is not supported; write the ${instead} out`);
      }
      if (!this.parseKeyword(call)) {
        const arg = this.parseExpr();
        if (this.isOp(this.peek(), '=')) {
          const text = this.src.slice(arg.start, arg.end);
          this.fail(arg.start, `${name}: keyword must be an identifier, got ${text}`);
        }
        if (call.kwargs.length > 0) {
          this.fail(arg.start, `${name}: positional argument follows keyword argument`);
        }
        call.args.push(this.toNode(arg));
      }
      if (!this.isOp(this.peek(), ',')) break;
      this.next();
    }
    const end = this.close(openTok);
    if (name === 'float') return { value: this.foldFloat(call), start: pos, end };
    return { value: call, start: pos, end };
  }

  /** Parses `name=value` into `call` if it is next; false (nothing consumed) otherwise. */
  private parseKeyword(call: CallNode): boolean {
    const t = this.peek();
    if (t.kind !== 'name') return false;
    const saved = this.save();
    this.next();
    if (!this.isOp(this.peek(), '=')) {
      this.restore(saved);
      return false;
    }
    if (RESERVED.has(t.text))
      this.fail(t.pos, `${call.name}: keyword must be an identifier, got ${t.text}`);
    if (call.kwargs.some((k) => k.name === t.text)) {
      this.fail(t.pos, `${call.name}: keyword argument '${t.text}' repeated`);
    }
    this.next();
    call.kwargs.push({ name: t.text, value: this.parseValue(), pos: t.pos });
    return true;
  }

  /** `float(x)`, `float('inf')`, `float('nan')`: Python's float() of a constant. */
  private foldFloat(call: CallNode): number {
    const arg = call.args[0];
    if (call.kwargs.length > 0 || call.args.length > 1) {
      this.fail(call.pos, 'float() takes at most one positional argument');
    }
    if (!arg) return 0;
    if (arg.kind === 'number') return arg.value;
    if (arg.kind === 'string') {
      const v = pyFloatFromString(arg.value);
      if (v === undefined) {
        this.fail(arg.pos, `could not convert string to float: ${formatValue(arg.value)}`);
      }
      return v;
    }
    this.fail(arg.pos, `float() needs a number or a string, got ${describeNode(arg)}`);
  }

  private parseParen(): Operand {
    const openTok = this.next();
    this.open.push(openTok);
    if (this.isOp(this.peek(), ')')) {
      const end = this.close(openTok);
      const empty: ListNode = { kind: 'list', items: [], tuple: true, pos: openTok.pos };
      return { value: empty, start: openTok.pos, end };
    }
    const first = this.parseExpr();
    if (!this.isOp(this.peek(), ',')) {
      // Grouping: a folded number now starts at the '('; other nodes keep their own pos.
      const end = this.close(openTok);
      return { value: first.value, start: openTok.pos, end };
    }
    const items = [this.toNode(first)];
    while (this.isOp(this.peek(), ',')) {
      this.next();
      if (this.isOp(this.peek(), ')')) break;
      items.push(this.parseValue());
    }
    const end = this.close(openTok);
    const tuple: ListNode = { kind: 'list', items, tuple: true, pos: openTok.pos };
    return { value: tuple, start: openTok.pos, end };
  }

  private parseList(): Operand {
    const openTok = this.next();
    this.open.push(openTok);
    const items: SpecNode[] = [];
    while (!this.isOp(this.peek(), ']')) {
      items.push(this.parseValue());
      if (!this.isOp(this.peek(), ',')) break;
      this.next();
    }
    const end = this.close(openTok);
    const list: ListNode = { kind: 'list', items, tuple: false, pos: openTok.pos };
    return { value: list, start: openTok.pos, end };
  }

  private parseDict(): Operand {
    const openTok = this.next();
    this.open.push(openTok);
    const entries: DictNode['entries'] = [];
    while (!this.isOp(this.peek(), '}')) {
      const t = this.peek();
      if (this.isOp(t, '**') || this.isOp(t, '*')) {
        this.fail(t.pos, `'${t.text}' unpacking is not supported; write the entries out`);
      }
      const keyOp = this.parseExpr();
      const key = this.toNode(keyOp);
      const colon = this.peek();
      if (!this.isOp(colon, ':')) {
        if (entries.length === 0 && (this.isOp(colon, ',') || this.isOp(colon, '}'))) {
          this.fail(openTok.pos, 'sets are not supported; use a list such as [1, 2]');
        }
        if (
          colon.kind === 'eof' ||
          (colon.kind === 'op' && CLOSERS.has(colon.text) && colon.text !== '}')
        ) {
          this.close(openTok);
        }
        this.fail(colon.pos, `expected ':' after the dict key, got ${describeToken(colon)}`);
      }
      this.next();
      if (key.kind !== 'number' && key.kind !== 'string') {
        this.fail(keyOp.start, `dict keys must be numbers or strings, got ${describeNode(key)}`);
      }
      if (entries.some((e) => sameKey(e.key, key))) {
        this.fail(keyOp.start, `duplicate dict key ${this.src.slice(keyOp.start, keyOp.end)}`);
      }
      entries.push({ key, value: this.parseValue() });
      if (!this.isOp(this.peek(), ',')) break;
      this.next();
    }
    const end = this.close(openTok);
    const dict: DictNode = { kind: 'dict', entries, pos: openTok.pos };
    return { value: dict, start: openTok.pos, end };
  }

  /** Consumes the bracket closing `openTok`, or explains what is wrong; returns its end. */
  private close(openTok: Token): number {
    const closer = CLOSER[openTok.text]!;
    const t = this.peek();
    if (this.isOp(t, closer)) {
      this.next();
      this.open.pop();
      return t.end;
    }
    if (t.kind === 'eof') {
      this.fail(this.lastEnd, missingCloser(this.src, openTok.text, openTok.pos));
    }
    if (t.kind === 'op' && CLOSERS.has(t.text)) this.mismatched(t, openTok);
    this.fail(t.pos, `expected ',' or '${closer}', got ${describeToken(t)}`);
  }

  private mismatched(t: Token, openTok: Token): never {
    this.fail(t.pos, mismatchedCloser(this.src, t.text, openTok.text, openTok.pos));
  }

  // --- lambdas ---

  /**
   * Takes an inline lambda verbatim: from `lambda` to the end of its last token before the
   * `,` `)` `]` `}` (or `:`) that ends it at bracket depth 0. Parameters may contain commas.
   */
  private parseLambda(first: Token): Operand {
    const src = this.src;
    const stack: { ch: string; pos: number }[] = [];
    let inParams = true;
    let bodyHasToken = false;
    let i = first.end;
    let lastSig = first.end;
    while (i < src.length) {
      const ch = src[i]!;
      if (isSpace(ch) || ch === '#' || ch === '\\') {
        const j = skipTrivia(src, i);
        if (j === i) this.fail(i, "unexpected character '\\'");
        i = j;
        continue;
      }
      let next = i + 1;
      if (ch === "'" || ch === '"') {
        next = this.readString(i, i, false).end;
      } else if (IDENT_START.test(ch)) {
        IDENT.lastIndex = i;
        const word = IDENT.exec(src)![0];
        next = i + word.length;
        if (src[next] === "'" || src[next] === '"') next = this.readString(i, next, true).end;
        else if (word === 'lambda' && stack.length === 0 && !inParams) inParams = true;
      } else if (ch in CLOSER) {
        stack.push({ ch, pos: i });
      } else if (CLOSERS.has(ch)) {
        const top = stack.pop();
        if (!top) break;
        if (CLOSER[top.ch] !== ch) {
          this.fail(i, mismatchedCloser(src, ch, top.ch, top.pos));
        }
      } else if (stack.length === 0 && ch === ':') {
        if (!inParams) break;
        inParams = false;
        bodyHasToken = false;
        i = next;
        lastSig = next;
        continue;
      } else if (stack.length === 0 && ch === ',' && !inParams) {
        break;
      }
      if (!inParams) bodyHasToken = true;
      i = next;
      lastSig = next;
    }
    const top = stack[stack.length - 1];
    if (top) {
      this.fail(lastSig, missingCloser(src, top.ch, top.pos));
    }
    if (inParams) this.fail(first.pos, "lambda is missing ':' before its body");
    if (!bodyHasToken) this.fail(skipTrivia(src, lastSig), 'lambda has an empty body');
    const node: LambdaNode = {
      kind: 'lambda',
      source: src.slice(first.pos, lastSig),
      pos: first.pos,
    };
    this.peeked = undefined;
    this.at = lastSig;
    this.lastEnd = lastSig;
    return { value: node, start: first.pos, end: lastSig };
  }
}

// ---------------------------------------------------------------------------------------------
// Descriptions for messages
// ---------------------------------------------------------------------------------------------

function describeNode(node: SpecNode): string {
  switch (node.kind) {
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'bool':
      return node.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'list':
      return node.tuple ? 'a tuple' : 'a list';
    case 'dict':
      return 'a dict';
    case 'name':
      return `the name '${node.name}'`;
    case 'lambda':
      return 'a lambda';
    case 'call':
      return `a call to ${node.name}()`;
  }
}

function describeToken(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'the end of the spec';
    case 'string':
      return 'a string';
    default:
      return `'${t.text}'`;
  }
}

/** The rest of the line from `pos`, shortened, quoted. */
function snippet(src: string, pos: number): string {
  const line = src.slice(pos).split('\n')[0]!.trim();
  return `'${line.length > 30 ? line.slice(0, 29) + '…' : line}'`;
}

function sameKey(a: NumberNode | StringNode, b: NumberNode | StringNode): boolean {
  return a.kind === b.kind && a.value === b.value;
}

// ---------------------------------------------------------------------------------------------
// Python arithmetic
// ---------------------------------------------------------------------------------------------

type ArithFail = (which: 'left' | 'right' | 'op', reason: string) => never;

/** `a op b` as Python computes it: bigint operands are ints, number operands are floats. */
function pyArith(op: string, a: PyNum, b: PyNum, fail: ArithFail): PyNum {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        if (bitLength(a) + bitLength(b) > MAX_INT_BITS) fail('op', 'integer result is too large');
        return a * b;
      case '/':
        if (b === 0n) fail('right', 'division by zero');
        return intTrueDiv(a, b, fail);
      case '//':
        if (b === 0n) fail('right', 'division by zero');
        return intFloorDiv(a, b);
      case '%':
        if (b === 0n) fail('right', 'division by zero');
        return intMod(a, b);
      case '**':
        if (b < 0n) return pyPow(intToFloat(a, 'left', fail), intToFloat(b, 'right', fail), fail);
        if ((a > 1n || a < -1n) && BigInt(bitLength(a) - 1) * b > BigInt(MAX_INT_BITS)) {
          fail('op', 'integer result is too large');
        }
        return a ** b;
    }
  }
  const x = typeof a === 'bigint' ? intToFloat(a, 'left', fail) : a;
  const y = typeof b === 'bigint' ? intToFloat(b, 'right', fail) : b;
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      if (y === 0) fail('right', 'division by zero');
      return x / y;
    case '//':
      if (y === 0) fail('right', 'division by zero');
      return floatFloorDiv(x, y);
    case '%':
      if (y === 0) fail('right', 'division by zero');
      return floatMod(x, y);
    default:
      return pyPow(x, y, fail);
  }
}

function intToFloat(v: bigint, which: 'left' | 'right', fail: ArithFail): number {
  const f = Number(v);
  if (!Number.isFinite(f)) fail(which, 'integer is too large to convert to a float');
  return f;
}

function bitLength(v: bigint): number {
  return v === 0n ? 0 : (v < 0n ? -v : v).toString(2).length;
}

function intFloorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function intMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

/** int / int, correctly rounded as in Python (exact when both fit in 53 bits). */
function intTrueDiv(a: bigint, b: bigint, fail: ArithFail): number {
  const limit = 1n << 53n;
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  if (absA <= limit && absB <= limit) return Number(a) / Number(b);
  // Scale so the quotient has at least 64 bits, keep a sticky bit for the remainder, and let
  // Number() round once; then scale back by a power of two (exact for normal results).
  const shift = bitLength(absB) - bitLength(absA) + 64;
  let q: bigint;
  let r: bigint;
  if (shift >= 0) {
    const n = absA << BigInt(shift);
    q = n / absB;
    r = n % absB;
  } else {
    const d = absB << BigInt(-shift);
    q = absA / d;
    r = absA % d;
  }
  if (r !== 0n) q |= 1n;
  let value = Number(q);
  let e = -shift;
  while (e > 1000) {
    value *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    value *= 2 ** -1000;
    e += 1000;
  }
  value *= 2 ** e;
  if (!Number.isFinite(value)) fail('op', 'integer division result is too large for a float');
  return a < 0n !== b < 0n ? -value : value;
}

function copysignZero(sign: number): number {
  return sign < 0 || Object.is(sign, -0) ? -0 : 0;
}

/** Python's float `%`: the result has the sign of the divisor. */
function floatMod(x: number, y: number): number {
  let mod = x % y;
  if (mod !== 0) {
    if (y < 0 !== mod < 0) mod += y;
  } else {
    mod = copysignZero(y);
  }
  return mod;
}

/** Python's float `//` (CPython's float_floor_div). */
function floatFloorDiv(x: number, y: number): number {
  const mod = x % y;
  let div = (x - mod) / y;
  if (mod !== 0 && y < 0 !== mod < 0) div -= 1;
  if (div === 0) return copysignZero(x / y);
  let floordiv = Math.floor(div);
  if (div - floordiv > 0.5) floordiv += 1;
  return floordiv;
}

function isOddInteger(w: number): boolean {
  return Math.abs(w) % 2 === 1;
}

/** Python's float `**` (CPython's float_pow), raising where Python raises. */
function pyPow(v: number, w: number, fail: ArithFail): number {
  if (w === 0) return 1;
  if (Number.isNaN(v)) return v;
  if (Number.isNaN(w)) return v === 1 ? 1 : w;
  if (!Number.isFinite(w)) {
    const a = Math.abs(v);
    if (a === 1) return 1;
    return w > 0 === a > 1 ? Infinity : 0;
  }
  if (!Number.isFinite(v)) {
    const odd = isOddInteger(w);
    if (w > 0) return odd ? v : Math.abs(v);
    return odd ? copysignZero(v) : 0;
  }
  if (v === 0) {
    if (w < 0) fail('left', '0.0 cannot be raised to a negative power (division by zero)');
    return isOddInteger(w) ? v : 0;
  }
  let negate = false;
  if (v < 0) {
    if (w !== Math.floor(w)) {
      fail('left', 'a negative number raised to a fractional power is complex');
    }
    v = -v;
    negate = isOddInteger(w);
  }
  if (v === 1) return negate ? -1 : 1;
  const r = Math.pow(v, w);
  if (!Number.isFinite(r)) fail('op', 'numeric result out of range');
  return negate ? -r : r;
}

/** Python's float(str): decimal literals (underscores allowed), inf/infinity/nan with a sign. */
function pyFloatFromString(s: string): number | undefined {
  const t = s.trim();
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(t);
  if (special) {
    if (special[2]!.toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  return FLOAT_STRING.test(t) ? Number(t.replace(/_/g, '')) : undefined;
}

// ---------------------------------------------------------------------------------------------
// JSON form
// ---------------------------------------------------------------------------------------------

const DOTTED_NAME =
  /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*(?:\.[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*)*$/u;
const PLAIN_NAME = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;
const CALL_KEYS = new Set(['name', 'scheduler', 'params', 'args']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Which key holds the schedule name ("name" or "scheduler"), if any. */
function callNameKey(obj: Record<string, unknown>): 'name' | 'scheduler' | undefined {
  if (Object.hasOwn(obj, 'name')) return 'name';
  if (Object.hasOwn(obj, 'scheduler')) return 'scheduler';
  return undefined;
}

function jsonError(path: string, rule: string): LrkitError {
  return new LrkitError(`spec JSON: ${path === '' ? 'the spec' : path} ${rule}`);
}

function childPath(base: string, key: string): string {
  if (PLAIN_NAME.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}[${JSON.stringify(key)}]`;
}

function jsonCall(obj: Record<string, unknown>, path: string, top: boolean): CallNode {
  const shape = 'must be an object with "name" and "params"';
  const nameKey = callNameKey(obj)!;
  if (Object.hasOwn(obj, 'name') && Object.hasOwn(obj, 'scheduler')) {
    throw jsonError(path, `${shape}; give "name" or "scheduler", not both`);
  }
  for (const key of Object.keys(obj)) {
    if (!CALL_KEYS.has(key))
      throw jsonError(path, `${shape}; unexpected key ${JSON.stringify(key)}`);
  }
  const name = obj[nameKey];
  if (typeof name !== 'string') {
    throw jsonError(path, `${shape}; "${nameKey}" must be a string, got ${formatValue(name)}`);
  }
  if (!DOTTED_NAME.test(name)) {
    throw jsonError(
      childPath(path, nameKey),
      `must be a schedule name such as "StepLR", got ${JSON.stringify(name)}`,
    );
  }
  const params = obj.params;
  if (!(params === undefined && top) && !isPlainObject(params)) {
    throw jsonError(path, `${shape}; "params" must be an object, got ${formatValue(params)}`);
  }
  const args = obj.args;
  if (args !== undefined && !Array.isArray(args)) {
    throw jsonError(path, `${shape}; "args" must be an array, got ${formatValue(args)}`);
  }
  const argsPath = childPath(path, 'args');
  const paramsPath = childPath(path, 'params');
  const call: CallNode = {
    kind: 'call',
    name,
    args: (args ?? []).map((v: unknown, i) => jsonValue(v, `${argsPath}[${i}]`)),
    kwargs: [],
    pos: -1,
  };
  for (const [key, value] of Object.entries((params ?? {}) as Record<string, unknown>)) {
    if (!PLAIN_NAME.test(key) || RESERVED.has(key)) {
      throw jsonError(paramsPath, `key ${JSON.stringify(key)} is not a valid keyword name`);
    }
    call.kwargs.push({ name: key, value: jsonValue(value, childPath(paramsPath, key)), pos: -1 });
  }
  return call;
}

function jsonValue(v: unknown, path: string): SpecNode {
  if (typeof v === 'number')
    return { kind: 'number', value: v, isInt: Number.isInteger(v), pos: -1 };
  if (typeof v === 'string') return { kind: 'string', value: v, pos: -1 };
  if (typeof v === 'boolean') return { kind: 'bool', value: v, pos: -1 };
  if (v === null) return { kind: 'none', pos: -1 };
  if (Array.isArray(v)) {
    return {
      kind: 'list',
      items: v.map((item: unknown, i) => jsonValue(item, `${path}[${i}]`)),
      tuple: false,
      pos: -1,
    };
  }
  if (isPlainObject(v)) {
    if (callNameKey(v) !== undefined && Object.hasOwn(v, 'params')) return jsonCall(v, path, false);
    const entries: DictNode['entries'] = Object.entries(v).map(([key, value]) => ({
      key: { kind: 'string', value: key, pos: -1 },
      value: jsonValue(value, childPath(path, key)),
    }));
    return { kind: 'dict', entries, pos: -1 };
  }
  const got =
    v === undefined
      ? 'undefined'
      : typeof v === 'object'
        ? 'an object that is not plain'
        : typeof v;
  throw jsonError(path, `must be a JSON value, got ${got}`);
}

/**
 * Where JSON text first breaks the grammar, with a short reason (V8's messages do not always
 * carry a position). Undefined if the text is valid JSON.
 */
function findJsonError(src: string): { offset: number; reason: string } | undefined {
  let i = 0;
  class Stop {
    constructor(
      readonly offset: number,
      readonly reason: string,
    ) {}
  }
  const ws = (): void => {
    while (i < src.length && ' \t\n\r'.includes(src[i]!)) i++;
  };
  const unexpected = (what?: string): never => {
    const ch = src[i];
    if (ch === undefined)
      throw new Stop(i, `unexpected end of JSON${what ? `, expected ${what}` : ''}`);
    throw new Stop(i, `unexpected ${JSON.stringify(ch)}${what ? `, expected ${what}` : ''}`);
  };
  const string = (): void => {
    const start = i++;
    for (;;) {
      const c = src[i];
      if (c === undefined || c === '\n') throw new Stop(start, 'unterminated string');
      if (c === '"') {
        i++;
        return;
      }
      if (c < ' ') throw new Stop(i, 'control character in string');
      if (c === '\\') {
        const e = src[i + 1];
        if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) i += 6;
        else throw new Stop(i, 'invalid escape in string');
      } else i++;
    }
  };
  const value = (): void => {
    ws();
    const c = src[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (src[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          ws();
          if (src[i] !== '"') unexpected('a property name in double quotes');
          string();
          ws();
          if (src[i] !== ':') unexpected("':'");
          i++;
        }
        value();
        ws();
        if (src[i] === ',') {
          i++;
          continue;
        }
        if (src[i] === close) {
          i++;
          return;
        }
        unexpected(`',' or '${close}'`);
      }
    }
    if (c === '"') return string();
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
    m.lastIndex = i;
    const hit = m.exec(src);
    if (!hit) unexpected('a value');
    i += hit![0].length;
  };
  try {
    value();
    ws();
    if (i < src.length) throw new Stop(i, 'unexpected text after the JSON value');
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, reason: e.reason };
    throw e;
  }
}
