/**
 * The generic solver: the one numeric parameter of any schedule that makes it reach a target
 * value at a target step (γ of ExponentialLR, decay_rate of keras.ExponentialDecay, power of a
 * polynomial, …). Bracketing over the parameter's allowed range, then bisection to the last bit.
 */
import { LrkitError, formatValue } from '../errors.js';
import { resolveSpec, specText, toSchedule, type SpecInput } from '../registry/index.js';
import type { BoundSpec, ParamDef } from '../registry/types.js';

export interface SolveParameterOptions {
  /** The parameter to solve for, by its library name (`gamma`, `decay_rate`, `power`). */
  param: string;
  /** The value the schedule must have… */
  target: number;
  /** …at this step (index k of `lrkit curve`). */
  at: number;
  /** Base lr of the param group, for schedules that scale with it (default 1). */
  lr?: number;
}

export interface SolveParameterResult {
  param: string;
  value: number;
  /** The schedule's value at `at` with the solved parameter. */
  achieved: number;
  /** Canonical spec text with the solved value. */
  spec: string;
}

function valueAt(bound: BoundSpec, param: string, x: number, at: number, lr: number): number {
  const params: Record<string, unknown> = {};
  for (const name of bound.given) params[name] = bound.args[name];
  params[param] = x;
  try {
    return toSchedule({ name: bound.entry.qualifiedName, params }, lr)(at);
  } catch (e) {
    if (e instanceof LrkitError) return NaN; // outside the parameter's allowed range
    throw e;
  }
}

/** Candidate values spanning the parameter's range: fine near 0 and 1, geometric beyond. */
function grid(def: ParamDef): number[] {
  const out = new Set<number>([0, 1]);
  for (let e = -12; e <= 0; e += 0.25) {
    out.add(10 ** e);
    out.add(1 - 10 ** e);
  }
  for (let e = 0; e <= 6; e += 0.25) out.add(10 ** e);
  for (let i = 1; i < 100; i++) out.add(i / 100);
  const ints = def.type.kind === 'int';
  return [...out].map((x) => (ints ? Math.round(x) : x)).sort((a, b) => a - b);
}

/**
 * Finds the value of `param` that makes the schedule equal `target` at step `at`.
 * @example solveParameter('ExponentialLR(gamma=0.9)', { param: 'gamma', target: 1e-4, at: 10000, lr: 0.1 }).value
 *   // ≈ 0.99930946300259 (= (1e-4/0.1)^(1/10000))
 */
export function solveParameter(
  spec: SpecInput,
  options: SolveParameterOptions,
): SolveParameterResult {
  const { param, target, at, lr = 1 } = options;
  const bound = resolveSpec(spec);
  const fn = bound.entry.qualifiedName;
  const def = bound.entry.params.find((p) => p.name === param);
  if (!def) {
    const numeric = bound.entry.params.filter(
      (p) => p.type.kind === 'number' || p.type.kind === 'int',
    );
    throw new LrkitError(
      `solve: ${fn} has no parameter '${param}'; numeric parameters: ${numeric.map((p) => p.name).join(', ')}`,
    );
  }
  if (def.type.kind !== 'number' && def.type.kind !== 'int') {
    throw new LrkitError(
      `solve: ${fn}.${param} is not a single number, so it cannot be solved for`,
    );
  }
  if (!(Number.isFinite(target) && target >= 0)) {
    throw new LrkitError(`solve: target must be a finite number ≥ 0, got ${formatValue(target)}`);
  }
  if (!(Number.isFinite(at) && at >= 0)) {
    throw new LrkitError(`solve: at must be a step ≥ 0, got ${formatValue(at)}`);
  }
  const f = (x: number) => valueAt(bound, param, x, at, lr) - target;
  const xs = grid(def).filter((x) => Number.isFinite(f(x)));
  if (xs.length === 0) throw new LrkitError(`solve: no valid value of ${fn}.${param} to try`);
  const fs = xs.map(f);
  let lo = NaN;
  let hi = NaN;
  for (let i = 0; i < xs.length; i++) {
    if (fs[i] === 0) return result(bound, param, xs[i]!, at, lr);
    if (i > 0 && Math.sign(fs[i]!) !== Math.sign(fs[i - 1]!)) {
      lo = xs[i - 1]!;
      hi = xs[i]!;
      break;
    }
  }
  if (Number.isNaN(lo)) {
    const values = fs.map((d) => d + target);
    throw new LrkitError(
      `solve: no value of ${fn}.${param} makes it reach ${target} at step ${at}: over the allowed range it gives ${Math.min(...values)} to ${Math.max(...values)}`,
    );
  }
  if (def.type.kind === 'int') {
    const best = Math.abs(f(lo)) <= Math.abs(f(hi)) ? lo : hi;
    return result(bound, param, best, at, lr);
  }
  let flo = f(lo);
  for (let i = 0; i < 200; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid === lo || mid === hi) break;
    const fm = f(mid);
    if (fm === 0) return result(bound, param, mid, at, lr);
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  const best = Math.abs(f(lo)) <= Math.abs(f(hi)) ? lo : hi;
  return result(bound, param, best, at, lr);
}

function result(
  bound: BoundSpec,
  param: string,
  value: number,
  at: number,
  lr: number,
): SolveParameterResult {
  const params: Record<string, unknown> = {};
  for (const name of bound.given) params[name] = bound.args[name];
  params[param] = value;
  const solved = resolveSpec({ name: bound.entry.qualifiedName, params });
  return { param, value, achieved: toSchedule(solved, lr)(at), spec: specText(solved) };
}
