/**
 * Standalone TypeScript for a described schedule: one function per node of its closed-form
 * description, with the same operations in the same order as lrkit's closures (so the values are
 * identical), and no dependency on lrkit — except for lambdas, which are evaluated by lrkit's
 * `compileExpr` (Python semantics; a TypeScript arrow would round differently in places).
 */
import { LrkitError } from '../errors.js';
import type { Schedule } from '../schedule.js';
import { descriptionOf, structuralKey, unwrapMemo, type Node } from './describe.js';

/** A number as a JavaScript literal that reads back bit for bit; negatives in parentheses. */
export function tsNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '(-Infinity)';
  if (Object.is(v, -0)) return '(-0)';
  return v < 0 ? `(${String(v)})` : String(v);
}

/** A single-quoted TypeScript string literal. */
export function tsString(s: string): string {
  let out = "'";
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\u2028' || ch === '\u2029' || ch < ' ') {
      out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}'`;
}

/**
 * lrkit's `locateCycle` (src/schedules/cosineRestarts.ts), copied so that standalone code has no
 * dependency; test/export/writers.test.ts checks that the copy is still the same function (and
 * python.ts has its translation).
 */
export const LOCATE_CYCLE = `/** SGDR: [cycle index, position in the cycle, cycle length] of step t. */
function locateCycle(t: number, period: number, mult: number): [number, number, number] {
  if (mult === 1) {
    const i = Math.floor(t / period);
    return [i, t % period, period];
  }
  if (!Number.isFinite(t)) throw new Error(\`cosineRestarts: step must be finite, got \${t}\`);
  const startOf = (i: number) => (period * (mult ** i - 1)) / (mult - 1);
  const logMax = Math.log(Number.MAX_VALUE) - Math.max(0, Math.log(period));
  const maxI = Math.max(0, Math.floor(logMax / Math.log(mult)));
  let i = Math.floor(Math.log((t / period) * (mult - 1) + 1) / Math.log(mult));
  if (!(i >= 0)) i = 0;
  if (i > maxI) i = maxI;
  for (let n = 0; n < 64 && i > 0 && startOf(i) > t; n++) i--;
  for (let n = 0; n < 64 && i < maxI && startOf(i + 1) <= t; n++) i++;
  return [i, t - startOf(i), period * mult ** i];
}`;

/**
 * timm's cycle location (src/families/timm/cycles.ts, `timmCycle`), copied for standalone code;
 * Python's `math.log(x, base)` and `//` come from lrkit's `compileExpr`, as in lrkit (JavaScript's
 * Math.log differs from CPython's in the last bit often enough to move a restart).
 */
export const TIMM_CYCLE = `const timmLog = compileExpr('lambda x, base: math.log(x, base)');
const timmFloorDiv = compileExpr('lambda a, b: a // b');

/** timm's cycle of step t: [index, position, length], or undefined past every cycle. */
function timmCycle(t: number, tInitial: number, mul: number): [number, number, number] | undefined {
  if (mul === 1) {
    const index = timmFloorDiv.evaluate(t, tInitial);
    return [index, t - tInitial * index, tInitial];
  }
  const x = 1 - (t / tInitial) * (1 - mul);
  if (!(x > 0)) return undefined;
  const index =
    x < Infinity
      ? Math.floor(timmLog.evaluate(x, mul))
      : Math.floor((Math.log(t / tInitial) + Math.log(mul - 1)) / Math.log(mul));
  const grown = mul ** index;
  return [index, t - ((1 - grown) / (1 - mul)) * tInitial, grown * tInitial];
}`;

/**
 * lrkit's noise generator (src/schedules/noise.ts: fmix32, uniforms, noiseDraw), copied for
 * standalone code. It must change with src/schedules/noise.ts: test/export/noise.test.ts checks
 * that the copy is still the same text and gives the same values (and python.ts has its
 * translation, `_noise_draw`).
 */
export const NOISE_DRAW = `/** murmur3's 32-bit finaliser: a bijective avalanche on 32-bit words. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** lrkit's mulberry32 keyed by key (seed + t): uniforms in [0, 1). */
function uniforms(key: number): () => number {
  const whole = Math.floor(key);
  const hi = Math.floor(whole / 4294967296);
  const lo = whole - hi * 4294967296;
  const frac = Math.floor((key - whole) * 4294967296);
  let s = fmix32((lo >>> 0) ^ fmix32((hi | 0) ^ fmix32((frac >>> 0) ^ 0x9e3779b9)));
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let r = Math.imul(s ^ (s >>> 15), 1 | s);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const MAX_DRAWS = 64;

/** lrkit's noise ε for key (seed + t): truncated normal ('normal') or uniform. */
function noiseDraw(key: number, pct: number, type: 'normal' | 'uniform'): number {
  const next = uniforms(key);
  if (type === 'uniform') return 2 * (next() - 0.5) * pct;
  for (let i = 0; i < MAX_DRAWS; i++) {
    const x = pct * (2 * next() - 1);
    if (Math.abs(x) < pct && next() < Math.exp(-0.5 * x * x)) return x;
  }
  return 0;
}`;

/** Stands for a function's name in its body until the name is known. */
const PLACEHOLDER = '\u0000name\u0000';

/** Writes TypeScript functions for described schedules, each node once. */
export class TypeScriptWriter {
  /** Whether lambdas need `compileExpr` from lrkit. */
  usesCompileExpr = false;
  private locate = false;
  private timm = false;
  private noise = false;
  private readonly consts: string[] = [];
  private readonly defs: string[] = [];
  private readonly byFn = new Map<Schedule, string>();
  private readonly byKey = new Map<string, string>();
  private counter = 0;

  /**
   * The name of a TypeScript function `(t: number) => number` computing `fn`, writing its
   * definition (and its children's) the first time.
   */
  function(fn: Schedule): string {
    const target = unwrapMemo(fn);
    const known = this.byFn.get(target);
    if (known) return known;
    const key = structuralKey(target);
    const same = this.byKey.get(key);
    if (same) {
      this.byFn.set(target, same);
      return same;
    }
    const node = descriptionOf(target);
    if (!node) throw new LrkitError('export: a schedule has no closed-form description');
    // children first (they get the lower numbers); the body names its constants after this node
    const consts = this.consts.length;
    const body = this.body(node, PLACEHOLDER);
    const name = `${node.kind}${++this.counter}`;
    const named = (text: string) => text.replaceAll(PLACEHOLDER, name);
    for (let i = consts; i < this.consts.length; i++) this.consts[i] = named(this.consts[i]!);
    const lines = body.map((l) => `  ${named(l)}`);
    this.defs.push(`function ${name}(t: number): number {\n${lines.join('\n')}\n}`);
    this.byFn.set(target, name);
    this.byKey.set(key, name);
    return name;
  }

  private body(node: Node, name: string): string[] {
    const n = tsNumber;
    switch (node.kind) {
      case 'constant':
        return [`return ${n(node.value)};`];
      case 'linear':
        return [
          `return t >= ${n(node.steps)} ? ${n(node.to)} : ${n(node.from)} + ${n(node.delta)} * (t / ${n(node.steps)});`,
        ];
      case 'polynomial':
        return [
          `return ${n(node.span)} * (1 - Math.min(${n(node.steps)}, t) / ${n(node.steps)}) ** ${n(node.power)} + ${n(node.to)};`,
        ];
      case 'exponential': {
        const S = n(node.steps);
        const e = node.staircase ? `Math.floor(t / ${S})` : node.steps === 1 ? 't' : `(t / ${S})`;
        return [`return ${n(node.initial)} * ${n(node.rate)} ** ${e};`];
      }
      case 'step':
        return [
          `return ${n(node.initial)} * ${n(node.gamma)} ** Math.floor(t / ${n(node.stepSize)});`,
        ];
      case 'multiStep': {
        const list = `${name}Milestones`;
        this.consts.push(`const ${list} = [${node.milestones.map(n).join(', ')}];`);
        return [
          '// the number of milestones ≤ t',
          'let lo = 0;',
          `let hi = ${list}.length;`,
          'while (lo < hi) {',
          '  const mid = (lo + hi) >>> 1;',
          `  if (${list}[mid]! <= t) lo = mid + 1;`,
          '  else hi = mid;',
          '}',
          `return ${n(node.initial)} * ${n(node.gamma)} ** lo;`,
        ];
      }
      case 'cosine':
        return [
          `return ${n(node.to)} + (${n(node.span)} * (1 + Math.cos((Math.PI * t) / ${n(node.period)}))) / 2;`,
        ];
      case 'cosineDecay':
        return [
          `const c = 0.5 * (1 + Math.cos((Math.PI * Math.min(t, ${n(node.steps)})) / ${n(node.steps)}));`,
          `return ${n(node.initial)} * (${n(node.keep)} * c ** ${n(node.exponent)} + ${n(node.alpha)});`,
        ];
      case 'cosineRestarts':
        this.locate = true;
        return [
          `const [, cur, len] = locateCycle(t, ${n(node.period)}, ${n(node.mult)});`,
          `return ${n(node.to)} + (${n(node.span)} * (1 + Math.cos((Math.PI * cur) / len))) / 2;`,
        ];
      case 'anneal': {
        const T = n(node.steps);
        return node.shape === 'cos'
          ? [
              `return ${n(node.to)} + ${n(node.coefficient)} * (Math.cos(Math.PI * (Math.min(t, ${T}) / ${T})) + 1);`,
            ]
          : [`return ${n(node.coefficient)} * (Math.min(t, ${T}) / ${T}) + ${n(node.from)};`];
      }
      case 'inverseSqrt':
        return [
          `return ${n(node.initial)} / Math.sqrt((t + ${n(node.timescale)}) / ${n(node.timescale)});`,
        ];
      case 'inverseTime': {
        const S = n(node.steps);
        const x = node.staircase ? `Math.floor(t / ${S})` : `(t / ${S})`;
        return [`return ${n(node.initial)} / (1 + ${n(node.rate)} * ${x});`];
      }
      case 'tanh': {
        const T = n(node.steps);
        return [
          `const p = Math.min(t, ${T}) / ${T};`,
          `return ${n(node.to)} + (${n(node.span)} * (1 - Math.tanh(${n(node.lb)} * (1 - p) + ${n(node.ub)} * p))) / 2;`,
        ];
      }
      case 'cyclic': {
        const total = n(node.total);
        const ratio = n(node.ratio);
        const scale = this.function(node.scale);
        return [
          `const cycle = Math.floor(1 + t / ${total});`,
          `const x = 1 + t / ${total} - cycle;`,
          `const s = x <= ${ratio} ? x / ${ratio} : (x - 1) / (${ratio} - 1);`,
          `return ${n(node.base)} + ${n(node.height)} * s * ${scale}(${node.scaleMode === 'cycle' ? 'cycle' : 't'});`,
        ];
      }
      case 'cyclicScale':
        if (node.mode === 'triangular') return ['return 1;'];
        if (node.mode === 'triangular2') return ['return 1 / 2 ** (t - 1);'];
        return [`return ${n(node.gamma)} ** t;`];
      case 'join': {
        const names = node.schedules.map((s) => this.function(s));
        const before = node.at === 'next' ? '<' : '<=';
        const bs = node.boundaries.map(n);
        return names.map((fname, i) => {
          const arg = i === 0 ? 't' : `t - ${bs[i - 1]}`;
          return i < bs.length
            ? `if (t ${before} ${bs[i]}) return ${fname}(${arg});`
            : `return ${fname}(${arg});`;
        });
      }
      case 'product': {
        const names = node.schedules.map((s) => this.function(s));
        return [
          `let v = ${names[0]}(t);`,
          ...names.slice(1).map((fname) => `v *= ${fname}(t);`),
          'return v;',
        ];
      }
      case 'scale':
        return [`return ${n(node.k)} * ${this.function(node.schedule)}(t);`];
      case 'between':
        return [`return ${n(node.to)} + ${n(node.span)} * ${this.function(node.schedule)}(t);`];
      case 'clamp':
        return [
          `return Math.min(Math.max(${this.function(node.schedule)}(t), ${n(node.min)}), ${n(node.max)});`,
        ];
      case 'hold':
        return [`return ${this.function(node.schedule)}(Math.min(t, ${n(node.until)}));`];
      case 'repeat':
        return [`return ${this.function(node.schedule)}(t % ${n(node.period)});`];
      case 'shift':
        return [`return ${this.function(node.schedule)}(t + ${n(node.by)});`];
      case 'stretch': {
        const S = n(node.steps);
        return [
          `const m = t === 0 ? 1 : Math.ceil(t / ${S});`,
          `return ${this.function(node.schedule)}(t / (${S} * m));`,
        ];
      }
      case 'cycleIndex':
        this.locate = true;
        return [
          `return ${this.function(node.schedule)}(locateCycle(t, ${n(node.period)}, ${n(node.mult)})[0]);`,
        ];
      case 'floorDiv':
        this.timm = true;
        this.usesCompileExpr = true;
        return [`return ${this.function(node.schedule)}(timmFloorDiv.evaluate(t, ${n(node.by)}));`];
      case 'timmCycles': {
        this.timm = true;
        this.usesCompileExpr = true;
        const u = node.unit;
        const k = n(node.k);
        const unit =
          u.shape === 'cos'
            ? ['const u = (1 + Math.cos((Math.PI * a) / b)) / 2;']
            : u.shape === 'tanh'
              ? [
                  'const p = Math.min(a, b) / b;',
                  `const u = (1 - Math.tanh(${n(u.lb)} * (1 - p) + ${n(u.ub)} * p)) / 2;`,
                ]
              : [`const u = (1 - Math.min(b, a) / b) ** ${n(u.power)};`];
        return [
          `const c = timmCycle(t, ${n(node.tInitial)}, ${n(node.mul)});`,
          `if (c === undefined || !(c[0] < ${n(node.limit)})) return ${n(node.lrMin)};`,
          'const [index, pos, length] = c;',
          'const cur = pos > 0 ? Math.min(pos, length) : 0;',
          `let a = cur ** ${k};`,
          `let b = length ** ${k};`,
          'if (!(b > 0 && b < Infinity && a < Infinity)) {',
          `  a = length < Infinity ? (cur / length) ** ${k} : 0;`,
          '  b = 1;',
          '}',
          ...unit,
          `return ${n(node.lrMin)} + (${n(node.base)} * ${n(node.decay)} ** index - ${n(node.lrMin)}) * u;`,
        ];
      }
      case 'compose':
        return [`return ${this.function(node.schedule)}(${this.function(node.inner)}(t));`];
      case 'progress':
        return [`return Math.min(Math.max(t, 0), ${n(node.total)}) / ${n(node.total)};`];
      case 'fitProgress': {
        const per = n(node.stepsPerEpoch);
        return [
          'const i = Math.floor(Math.max(t, 0));',
          `if (i >= ${n(node.total)}) return 1;`,
          `const epoch = Math.floor(i / ${per});`,
          `let pos = epoch / ${n(node.nEpoch)};`,
          `for (let j = i - epoch * ${per}; j > 0; j--) pos += ${n(node.d)};`,
          'return pos;',
        ];
      }
      case 'float32Segment':
        return [
          `return ${this.function(node.schedule)}(Math.min(1, Math.fround(Math.fround(t) / ${n(node.width)})));`,
        ];
      case 'float32Clamp':
        return [
          `return ${this.function(node.schedule)}(Math.fround(Math.min(Math.max(t, 0), 1)));`,
        ];
      case 'ratio':
        return [`return ${this.function(node.schedule)}(t) / ${n(node.by)};`];
      case 'cumulativeProduct': {
        const lambda = this.function(node.schedule);
        // the products so far, kept between calls: step k costs one multiplication after k − 1
        const cache = `${name}Products`;
        this.consts.push(`const ${cache}: number[] = [${n(node.initial)}];`);
        return [
          'const k = Math.floor(t);',
          `while (${cache}.length <= k) {`,
          `  ${cache}.push(${cache}[${cache}.length - 1]! * ${lambda}(${cache}.length));`,
          '}',
          `return ${cache}[k]!;`,
        ];
      }
      case 'reverse':
        return [`return ${this.function(node.schedule)}(${n(node.from)} - t);`];
      case 'warp': {
        const inner = `t / ${n(node.divide)}`;
        const arg = node.multiply === undefined ? inner : `${n(node.multiply)} * (${inner})`;
        return [`return ${this.function(node.schedule)}(${arg});`];
      }
      case 'memo':
        return [`return ${this.function(node.schedule)}(t);`];
      case 'noise': {
        this.noise = true;
        const range =
          node.end === null
            ? `t >= ${n(node.start)}`
            : `${n(node.start)} <= t && t < ${n(node.end)}`;
        return [
          `return ${range} ? 1 + noiseDraw(${n(node.seed)} + t, ${n(node.pct)}, ${tsString(node.type)}) : 1;`,
        ];
      }
      case 'lambda': {
        this.usesCompileExpr = true;
        const expr = `${name}Expr`;
        this.consts.push(`const ${expr} = compileExpr(${tsString(node.source)});`);
        return [`return ${expr}.evaluate(t);`];
      }
    }
  }

  /** The constants, helpers and functions written so far. */
  code(): string {
    const parts = [...(this.consts.length ? [this.consts.join('\n')] : [])];
    if (this.locate) parts.push(LOCATE_CYCLE);
    if (this.timm) parts.push(TIMM_CYCLE);
    if (this.noise) parts.push(NOISE_DRAW);
    parts.push(...this.defs);
    return parts.join('\n\n');
  }
}
