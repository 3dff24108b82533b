/**
 * Python for a described schedule: one small `def` per node of its closed-form description, each
 * computing exactly what the TypeScript closure computes, in the same order of operations, so
 * the Python value is the same IEEE double (CPython floats are doubles; `math.cos` and `**` may
 * differ from V8's in the last bit for some inputs).
 *
 * Numbers are written as Python's `repr` writes them (they read back bit for bit); constants the
 * closure derived at construction (`span = from − to`, ...) are written as their values, never
 * recomputed. Python differs from JavaScript in a few places the code takes care of: `**` raises
 * OverflowError where JavaScript gives Infinity (`_pow`), `%` is written as `math.fmod` (C's, as
 * JavaScript's), and lambdas get integer-valued steps as ints, as lrkit's expression interpreter
 * and PyTorch give them (`_whole`).
 */
import { LrkitError } from '../errors.js';
import type { Schedule } from '../schedule.js';
import { compileExpr } from '../spec/expr.js';
import { printSpec } from '../spec/print.js';
import { descriptionOf, structuralKey, unwrapMemo, type Node } from './describe.js';

/** A float as Python's repr writes it (`0.1`, `1.0`, `1e-05`, `float('inf')`), negatives in parentheses. */
export function pyFloat(v: number): string {
  const text = printSpec({ kind: 'number', value: v, isInt: false, pos: -1 });
  return text.startsWith('-') ? `(${text})` : text;
}

/** A step count: an int when it is a whole number (`10`), else a float. */
export function pyStep(v: number): string {
  const int = Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER;
  const text = printSpec({ kind: 'number', value: v, isInt: int, pos: -1 });
  return text.startsWith('-') ? `(${text})` : text;
}

/** A Python string literal: double-quoted when that avoids escaping single quotes. */
export function pyString(s: string): string {
  const plain = [...s].every((ch) => ch >= ' ' && ch !== '\x7f' && ch !== '\\');
  if (plain && s.includes("'") && !s.includes('"')) return `"${s}"`;
  return printSpec({ kind: 'string', value: s, pos: -1 });
}

/** Names lrkit expressions may use unqualified that Python keeps in `math`. */
const MATH_NAMES = new Set([
  'floor',
  'ceil',
  'trunc',
  'exp',
  'log',
  'log2',
  'log10',
  'log1p',
  'expm1',
  'sqrt',
  'cos',
  'sin',
  'tan',
  'acos',
  'asin',
  'atan',
  'atan2',
  'cosh',
  'sinh',
  'tanh',
  'hypot',
  'fabs',
  'copysign',
  'degrees',
  'radians',
  'isnan',
  'isinf',
  'pi',
  'e',
  'inf',
  'nan',
]);
/** lrkit accepts these with a `math.` prefix too; Python has them as builtins only. */
const BUILTINS_WITH_MATH_PREFIX = /\bmath\.(min|max|abs|round|int|float)\b/g;

/** A lambda as Python source, and the names it needs from `math`. */
export interface PythonLambda {
  readonly text: string;
  readonly mathNames: readonly string[];
  readonly usesMathModule: boolean;
}

/**
 * An lrkit expression (`lambda e: 0.95**e`, or a bare `0.95**e`) as a Python lambda. lrkit's
 * expression language is Python's, with two conveniences rewritten here: math functions and
 * constants without the `math.` prefix (imported from math) and `math.min`-style builtins.
 */
export function pythonLambda(source: string): PythonLambda {
  const compiled = compileExpr(source);
  const param = compiled.params[0] ?? 'x';
  let text = compiled.source.replace(BUILTINS_WITH_MATH_PREFIX, '$1');
  if (!/^lambda\b/.test(text)) text = `lambda ${param}: ${text}`;
  const names = new Set<string>();
  for (const m of text.matchAll(/(?<![\w.])([A-Za-z_]\w*)/g)) {
    const name = m[1]!;
    if (MATH_NAMES.has(name) && !compiled.params.includes(name)) names.add(name);
  }
  return { text, mathNames: [...names].sort(), usesMathModule: /(?<![\w.])math\./.test(text) };
}

const HELPERS: Record<
  string,
  { code: string; needs: readonly string[]; uses?: readonly string[] }
> = {
  _pow: {
    needs: ['math'],
    code: `def _pow(a, b):
    """a ** b, overflowing to infinity as JavaScript does (Python raises OverflowError)."""
    try:
        return a ** b
    except OverflowError:
        return math.inf`,
  },
  _whole: {
    needs: [],
    code: `def _whole(x):
    """lrkit passes integer-valued steps to lambdas as ints, as PyTorch does."""
    return int(x) if isinstance(x, float) and x.is_integer() else x`,
  },
  // a translation of lrkit's locateCycle (src/schedules/cosineRestarts.ts); change them together
  _locate_cycle: {
    needs: ['math'],
    uses: ['_cycle_index'],
    code: `def _locate_cycle(t, period, mult):
    """SGDR: the position in the cycle holding step t, and that cycle's length."""
    if mult == 1:
        return math.fmod(t, period), period
    i = _cycle_index(t, period, mult)
    return t - (period * (mult**i - 1)) / (mult - 1), period * mult**i`,
  },
  // the cycle search of src/schedules/cosineRestarts.ts (locateCycle); change them together
  _cycle_index: {
    needs: ['math'],
    code: `def _cycle_index(t, period, mult):
    """SGDR: the index of the cycle holding step t (as _locate_cycle finds it)."""
    if mult == 1:
        return math.floor(t / period)
    if not math.isfinite(t):
        raise ValueError(f"cosineRestarts: step must be finite, got {t}")

    def start_of(i):
        return (period * (mult**i - 1)) / (mult - 1)

    log_max = math.log(1.7976931348623157e308) - max(0, math.log(period))
    max_i = max(0, math.floor(log_max / math.log(mult)))
    x = math.log((t / period) * (mult - 1) + 1) / math.log(mult)
    i = 0 if not x >= 0 else max_i if x > max_i else math.floor(x)
    n = 0
    while n < 64 and i > 0 and start_of(i) > t:
        i -= 1
        n += 1
    n = 0
    while n < 64 and i < max_i and start_of(i + 1) <= t:
        i += 1
        n += 1
    return i`,
  },
  _f32: {
    needs: ['math', 'struct'],
    code: `def _f32(x):
    """x rounded to float32 (JavaScript's Math.fround): infinite where float32 overflows."""
    try:
        return struct.unpack('f', struct.pack('f', x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)`,
  },
  // a translation of timmCycle (src/families/timm/cycles.ts); change them together
  _timm_cycle: {
    needs: ['math'],
    code: `def _timm_cycle(t, t_initial, mul):
    """timm's cycle of step t: (index, position, length), or None past every cycle."""
    if mul == 1:
        index = t // t_initial
        return index, t - t_initial * index, t_initial
    x = 1 - (t / t_initial) * (1 - mul)
    if not x > 0:
        return None
    if x < math.inf:
        index = math.floor(math.log(x, mul))
    else:
        index = math.floor((math.log(t / t_initial) + math.log(mul - 1)) / math.log(mul))
    grown = _pow(mul, index)
    return index, t - ((1 - grown) / (1 - mul)) * t_initial, grown * t_initial`,
  },
  // a translation of lrkit's noise generator (src/schedules/noise.ts: fmix32, uniforms,
  // noiseDraw): it must change with src/schedules/noise.ts (test/export/noise.test.ts checks it)
  _noise_draw: {
    needs: ['math'],
    code: `def _u32(x):
    """JavaScript's x >>> 0 (ToUint32) of a double: truncated, modulo 2**32; 0 if not finite."""
    return int(x) & 0xFFFFFFFF if math.isfinite(x) else 0


def _fmix32(h):
    """murmur3's 32-bit finaliser on an unsigned 32-bit word (Math.imul as (a * b) & 0xFFFFFFFF)."""
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    return h ^ (h >> 16)


def _uniforms(key):
    """lrkit's mulberry32 keyed by key (seed + t): a function giving uniforms in [0, 1).

    Words are kept unsigned (& 0xFFFFFFFF): JavaScript's | 0 and Math.imul give the same 32 bits
    as signed values, and every value read as a number goes through >>> 0 first.
    """
    whole = float(math.floor(key)) if math.isfinite(key) else math.nan
    hi = float(math.floor(whole / 4294967296.0)) if math.isfinite(whole) else math.nan
    lo = whole - hi * 4294967296.0
    frac = (key - whole) * 4294967296.0
    frac = float(math.floor(frac)) if math.isfinite(frac) else math.nan
    state = [_fmix32(_u32(lo) ^ _fmix32(_u32(hi) ^ _fmix32(_u32(frac) ^ 0x9E3779B9)))]

    def next_uniform():
        s = (state[0] + 0x6D2B79F5) & 0xFFFFFFFF
        state[0] = s
        r = ((s ^ (s >> 15)) * (1 | s)) & 0xFFFFFFFF
        r = ((r + (((r ^ (r >> 7)) * (61 | r)) & 0xFFFFFFFF)) & 0xFFFFFFFF) ^ r
        return (r ^ (r >> 14)) / 4294967296

    return next_uniform


def _noise_draw(key, pct, kind):
    """lrkit's noise epsilon for key (seed + t): truncated normal ('normal') or uniform."""
    next_uniform = _uniforms(key)
    if kind == "uniform":
        return 2 * (next_uniform() - 0.5) * pct
    for _ in range(64):
        x = pct * (2 * next_uniform() - 1)
        if abs(x) < pct and next_uniform() < math.exp(-0.5 * x * x):
            return x
    return 0.0`,
  },
};

const snake = (kind: string) => kind.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Joins with more boundaries than this use `bisect` instead of an if-chain. */
const MAX_CHAIN = 12;

/**
 * Writes the Python functions of described schedules, each node once (schedules shared by
 * several param groups, or equal to each other, share one function).
 */
export class PythonWriter {
  /** Modules to import (`math`, `bisect`). */
  readonly imports = new Set<string>();
  /** Names lambdas use from `math` (`from math import cos`). */
  readonly mathNames = new Set<string>();
  private readonly helpers = new Set<string>();
  private readonly defs: string[] = [];
  private readonly byFn = new Map<Schedule, string>();
  private readonly byKey = new Map<string, string>();
  private counter = 0;
  private caches = 0;

  /**
   * The name of a Python function `f(t)` computing `fn`, writing its definition (and its
   * children's) the first time.
   * @throws LrkitError if part of `fn` is undescribed (check with `undescribedPart` first).
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
    const body = this.body(node);
    const name = `_${snake(node.kind)}${++this.counter}`;
    this.defs.push(`def ${name}(t):\n${body.map((l) => `    ${l}`).join('\n')}`);
    this.byFn.set(target, name);
    this.byKey.set(key, name);
    return name;
  }

  /** Adds a helper function (and its imports) to the output. */
  private helper(name: keyof typeof HELPERS): string {
    this.helpers.add(name);
    for (const m of HELPERS[name]!.needs) this.imports.add(m);
    for (const h of HELPERS[name]!.uses ?? []) this.helper(h); // helpers other helpers call
    return name;
  }

  /** `a ** b`, through `_pow` where a > 1 can overflow. */
  private pow(base: number, exponent: string): string {
    return base > 1
      ? `${this.helper('_pow')}(${pyFloat(base)}, ${exponent})`
      : `${pyFloat(base)} ** ${exponent}`;
  }

  private body(node: Node): string[] {
    const f = pyFloat;
    switch (node.kind) {
      case 'constant':
        return [`return ${f(node.value)}`];
      case 'linear':
        return [
          `return ${f(node.to)} if t >= ${pyStep(node.steps)} else ${f(node.from)} + ${f(node.delta)} * (t / ${pyStep(node.steps)})`,
        ];
      case 'polynomial': {
        const T = pyStep(node.steps);
        return [
          `return ${f(node.span)} * (1 - min(${T}, t) / ${T}) ** ${f(node.power)} + ${f(node.to)}`,
        ];
      }
      case 'exponential': {
        const S = pyStep(node.steps);
        if (node.staircase) this.imports.add('math');
        const e = node.staircase ? `math.floor(t / ${S})` : node.steps === 1 ? 't' : `(t / ${S})`;
        return [`return ${f(node.initial)} * ${this.pow(node.rate, e)}`];
      }
      case 'step':
        this.imports.add('math');
        return [
          `return ${f(node.initial)} * ${this.pow(node.gamma, `math.floor(t / ${pyStep(node.stepSize)})`)}`,
        ];
      case 'multiStep': {
        this.imports.add('bisect');
        const ms = node.milestones.map(pyStep);
        const tuple = ms.length === 1 ? `(${ms[0]},)` : `(${ms.join(', ')})`;
        return [
          `return ${f(node.initial)} * ${this.pow(node.gamma, `bisect.bisect_right(${tuple}, t)`)}`,
        ];
      }
      case 'cosine':
        this.imports.add('math');
        return [
          `return ${f(node.to)} + (${f(node.span)} * (1 + math.cos((math.pi * t) / ${pyStep(node.period)}))) / 2`,
        ];
      case 'cosineDecay': {
        this.imports.add('math');
        const T = pyStep(node.steps);
        return [
          `c = 0.5 * (1 + math.cos((math.pi * min(t, ${T})) / ${T}))`,
          `return ${f(node.initial)} * (${f(node.keep)} * c ** ${f(node.exponent)} + ${f(node.alpha)})`,
        ];
      }
      case 'cosineRestarts':
        this.imports.add('math');
        return [
          `cur, length = ${this.helper('_locate_cycle')}(t, ${pyStep(node.period)}, ${f(node.mult)})`,
          `return ${f(node.to)} + (${f(node.span)} * (1 + math.cos((math.pi * cur) / length))) / 2`,
        ];
      case 'anneal': {
        const T = pyStep(node.steps);
        if (node.shape === 'cos') {
          this.imports.add('math');
          return [
            `return ${f(node.to)} + ${f(node.coefficient)} * (math.cos(math.pi * (min(t, ${T}) / ${T})) + 1)`,
          ];
        }
        return [`return ${f(node.coefficient)} * (min(t, ${T}) / ${T}) + ${f(node.from)}`];
      }
      case 'inverseSqrt': {
        this.imports.add('math');
        const tau = pyStep(node.timescale);
        return [`return ${f(node.initial)} / math.sqrt((t + ${tau}) / ${tau})`];
      }
      case 'inverseTime': {
        const S = pyStep(node.steps);
        if (node.staircase) this.imports.add('math');
        const x = node.staircase ? `math.floor(t / ${S})` : `(t / ${S})`;
        return [`return ${f(node.initial)} / (1 + ${f(node.rate)} * ${x})`];
      }
      case 'tanh': {
        this.imports.add('math');
        const T = pyStep(node.steps);
        return [
          `p = min(t, ${T}) / ${T}`,
          `return ${f(node.to)} + (${f(node.span)} * (1 - math.tanh(${f(node.lb)} * (1 - p) + ${f(node.ub)} * p))) / 2`,
        ];
      }
      case 'cyclic': {
        this.imports.add('math');
        const total = pyStep(node.total);
        const ratio = f(node.ratio);
        const scale = this.function(node.scale);
        return [
          `cycle = math.floor(1 + t / ${total})`,
          `x = 1 + t / ${total} - cycle`,
          `s = x / ${ratio} if x <= ${ratio} else (x - 1) / (${ratio} - 1)`,
          `return ${f(node.base)} + ${f(node.height)} * s * ${scale}(${node.scaleMode === 'cycle' ? 'cycle' : 't'})`,
        ];
      }
      case 'cyclicScale':
        if (node.mode === 'triangular') return ['return 1'];
        if (node.mode === 'triangular2') return ['return 1 / 2 ** (t - 1)'];
        return [`return ${this.pow(node.gamma, 't')}`];
      case 'join':
        return this.join(node);
      case 'product':
        return [`return ${node.schedules.map((s) => `${this.function(s)}(t)`).join(' * ')}`];
      case 'scale':
        return [`return ${f(node.k)} * ${this.function(node.schedule)}(t)`];
      case 'between':
        return [`return ${f(node.to)} + ${f(node.span)} * ${this.function(node.schedule)}(t)`];
      case 'clamp':
        return [
          `return min(max(${this.function(node.schedule)}(t), ${f(node.min)}), ${f(node.max)})`,
        ];
      case 'hold':
        return [`return ${this.function(node.schedule)}(min(t, ${pyStep(node.until)}))`];
      case 'repeat':
        this.imports.add('math');
        return [`return ${this.function(node.schedule)}(math.fmod(t, ${pyStep(node.period)}))`];
      case 'shift':
        return [`return ${this.function(node.schedule)}(t + ${pyStep(node.by)})`];
      case 'stretch': {
        this.imports.add('math');
        const S = pyStep(node.steps);
        return [
          `m = 1 if t == 0 else math.ceil(t / ${S})`,
          `return ${this.function(node.schedule)}(t / (${S} * m))`,
        ];
      }
      case 'cycleIndex':
        return [
          `return ${this.function(node.schedule)}(${this.helper('_cycle_index')}(t, ${pyStep(node.period)}, ${pyFloat(node.mult)}))`,
        ];
      case 'floorDiv':
        return [`return ${this.function(node.schedule)}(t // ${pyStep(node.by)})`];
      case 'timmCycles':
        return this.timmCycles(node);
      case 'compose':
        return [`return ${this.function(node.schedule)}(${this.function(node.inner)}(t))`];
      case 'progress': {
        const T = pyStep(node.total);
        return [`return min(max(t, 0), ${T}) / ${T}`];
      }
      case 'fitProgress': {
        this.imports.add('math');
        const per = pyStep(node.stepsPerEpoch);
        return [
          'i = math.floor(max(t, 0))',
          `if i >= ${pyStep(node.total)}:`,
          '    return 1.0',
          `epoch = math.floor(i / ${per})`,
          `pos = epoch / ${pyStep(node.nEpoch)}`,
          `for _ in range(i - epoch * ${per}):`,
          `    pos += ${f(node.d)}`,
          'return pos',
        ];
      }
      case 'float32Segment': {
        const f32 = this.helper('_f32');
        return [
          `return ${this.function(node.schedule)}(min(1, ${f32}(${f32}(t) / ${f(node.width)})))`,
        ];
      }
      case 'float32Clamp':
        return [
          `return ${this.function(node.schedule)}(${this.helper('_f32')}(min(max(t, 0), 1)))`,
        ];
      case 'ratio':
        return [`return ${this.function(node.schedule)}(t) / ${f(node.by)}`];
      case 'cumulativeProduct': {
        this.imports.add('math');
        const lambda = this.function(node.schedule);
        // the products so far, kept between calls: step k costs one multiplication after k − 1
        const cache = `_products${++this.caches}`;
        this.defs.push(`${cache} = [${f(node.initial)}]`);
        return [
          'k = math.floor(t)',
          `while len(${cache}) <= k:`,
          `    ${cache}.append(${cache}[-1] * ${lambda}(len(${cache})))`,
          `return ${cache}[k]`,
        ];
      }
      case 'reverse':
        return [`return ${this.function(node.schedule)}(${pyStep(node.from)} - t)`];
      case 'warp': {
        const inner = `t / ${pyStep(node.divide)}`;
        const arg = node.multiply === undefined ? inner : `${f(node.multiply)} * (${inner})`;
        return [`return ${this.function(node.schedule)}(${arg})`];
      }
      case 'memo':
        // unreachable: function() unwraps memo nodes
        return [`return ${this.function(node.schedule)}(t)`];
      case 'noise': {
        const draw = this.helper('_noise_draw');
        const range =
          node.end === null
            ? `t >= ${pyStep(node.start)}`
            : `${pyStep(node.start)} <= t < ${pyStep(node.end)}`;
        return [
          `if not (${range}):`,
          '    return 1',
          `return 1 + ${draw}(${pyFloat(node.seed)} + t, ${pyFloat(node.pct)}, ${pyString(node.type)})`,
        ];
      }
      case 'lambda': {
        const lambda = pythonLambda(node.source);
        lambda.mathNames.forEach((n) => this.mathNames.add(n));
        if (lambda.usesMathModule) this.imports.add('math');
        return [`return (${lambda.text})(${this.helper('_whole')}(t))`];
      }
    }
  }

  private timmCycles(node: Extract<Node, { kind: 'timmCycles' }>): string[] {
    const f = pyFloat;
    this.imports.add('math');
    this.helper('_pow');
    const u = node.unit;
    const unit =
      u.shape === 'cos'
        ? ['u = (1 + math.cos((math.pi * a) / b)) / 2']
        : u.shape === 'tanh'
          ? ['p = min(a, b) / b', `u = (1 - math.tanh(${f(u.lb)} * (1 - p) + ${f(u.ub)} * p)) / 2`]
          : [`u = (1 - min(b, a) / b) ** ${f(u.power)}`];
    return [
      `c = ${this.helper('_timm_cycle')}(t, ${pyStep(node.tInitial)}, ${f(node.mul)})`,
      `if c is None or not c[0] < ${pyStep(node.limit)}:`,
      `    return ${f(node.lrMin)}`,
      'index, pos, length = c',
      'cur = min(pos, length) if pos > 0 else 0',
      `a = _pow(cur, ${f(node.k)})`,
      `b = _pow(length, ${f(node.k)})`,
      'if not (b > 0 and b < math.inf and a < math.inf):',
      // 0 / 0 is NaN in JavaScript (a cycle length underflowed to 0), ZeroDivisionError in Python
      `    a = ((cur / length) if length else math.nan) ** ${f(node.k)} if length < math.inf else 0`,
      '    b = 1',
      ...unit,
      `return ${f(node.lrMin)} + (${f(node.base)} * ${this.pow(node.decay, 'index')} - ${f(node.lrMin)}) * u`,
    ];
  }

  private join(node: Extract<Node, { kind: 'join' }>): string[] {
    const names = node.schedules.map((s) => this.function(s));
    const bs = node.boundaries.map(pyStep);
    const before = node.at === 'next' ? '<' : '<=';
    if (bs.length <= MAX_CHAIN) {
      const lines: string[] = [];
      names.forEach((name, i) => {
        const arg = i === 0 ? 't' : `t - ${bs[i - 1]}`;
        if (i < bs.length) lines.push(`if t ${before} ${bs[i]}:`, `    return ${name}(${arg})`);
        else lines.push(`return ${name}(${arg})`);
      });
      return lines;
    }
    this.imports.add('bisect');
    const search = node.at === 'next' ? 'bisect_right' : 'bisect_left';
    return [
      `boundaries = (${bs.join(', ')})`,
      `i = bisect.${search}(boundaries, t)`,
      `return (${names.join(', ')})[i](t - boundaries[i - 1]) if i else ${names[0]}(t)`,
    ];
  }

  /** The helpers and function definitions written so far, in dependency order. */
  blocks(): string[] {
    const helpers = Object.keys(HELPERS)
      .filter((h) => this.helpers.has(h))
      .map((h) => HELPERS[h]!.code);
    return [...helpers, ...this.defs];
  }

  /** The import lines this code needs, plus `extra` modules. */
  importLines(extra: readonly string[] = []): string[] {
    const modules = [...new Set([...this.imports, ...extra])].sort();
    const lines = modules.map((m) => `import ${m}`);
    if (this.mathNames.size)
      lines.push(`from math import ${[...this.mathNames].sort().join(', ')}`);
    return lines;
  }
}
