/**
 * The seed problem: "start at η₀, end at exactly η_final after M total steps with m decay
 * updates". PyTorch's StepLR/MultiStepLR/ExponentialLR and Keras's ExponentialDecay ask for γ and
 * a step size instead; this solves for them and writes the equivalent lines for each library.
 */
import { LrkitError, ParameterError } from '../errors.js';

export interface StepDecayInput {
  /** η₀, the learning rate at step 0 (> 0). */
  initial: number;
  /** η_final, the learning rate in effect from step M on (> 0, ≤ η₀: this is a decay). */
  final?: number;
  /** M, total number of steps (positive integer). */
  totalSteps: number;
  /** m, number of decay updates (positive integer ≤ M); or give stepSize. */
  updates?: number;
  /** n, steps between decays (alternative to updates: m = ⌊M / n⌋). */
  stepSize?: number;
  /** γ, decay factor per update (alternative to final: η_final = η₀·γ^m). */
  gamma?: number;
}

export interface StepDecaySolution {
  initial: number;
  final: number;
  total_steps: number;
  updates: number;
  /** Decay factor per update: (η_final/η₀)^(1/m), the double that lands closest to η_final. */
  gamma: number;
  /** Steps between decays when M is a multiple of m, else ⌊M/m⌋ (see `note`). */
  step_size: number;
  /** Steps at which the decays happen; the last one is M, so the lr from step M on is η_final. */
  milestones: number[];
  /** Per-step factor for a smooth decay reaching η_final at step M (ExponentialLR). */
  gamma_per_step: number;
  /** Ready-to-paste equivalents. */
  equivalents: {
    torch: { StepLR: string | null; MultiStepLR: string; ExponentialLR: string };
    keras: string;
    optax: string;
    lrkit: { spec: string; lr: number };
  };
  /** Why StepLR is not exact when M is not a multiple of m, else null. */
  note: string | null;
  /** Warnings, e.g. consecutive learning rates that float32 cannot tell apart. */
  warnings: string[];
}

const FN = 'solveStepDecay';

function positiveInt(param: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) {
    throw new ParameterError(FN, param, 'must be a positive integer', v);
  }
  return v;
}
function positive(param: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new ParameterError(FN, param, 'must be a finite number > 0', v);
  }
  return v;
}

/** Next double up or down (for the closest-γ search). */
function nextDouble(x: number, dir: 1 | -1): number {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  buf.setBigUint64(0, dir === 1 ? bits + 1n : bits - 1n);
  return buf.getFloat64(0);
}

/** The γ near (ratio)^(1/m) whose m-th power, times η₀, lands closest to η_final. */
function closestGamma(initial: number, final: number, m: number): number {
  let best = (final / initial) ** (1 / m);
  let bestErr = Math.abs(initial * best ** m - final);
  let candidate = best;
  for (const dir of [1, -1] as const) {
    candidate = best;
    for (let i = 0; i < 8; i++) {
      candidate = nextDouble(candidate, dir);
      const err = Math.abs(initial * candidate ** m - final);
      if (err < bestErr) {
        best = candidate;
        bestErr = err;
      }
    }
  }
  return best;
}

const fmt = (x: number) => String(x);

/**
 * Solves the step-decay problem from any consistent set of η₀, η_final, M, m, n, γ.
 * @example solveStepDecay({ initial: 0.1, final: 1e-4, totalSteps: 1e6, updates: 1e4 })
 *   // gamma ≈ 0.999309463003, step_size 100, milestones [100, 200, …, 1000000]
 */
export function solveStepDecay(input: StepDecayInput): StepDecaySolution {
  const initial = positive('initial', input.initial);
  const M = positiveInt('totalSteps', input.totalSteps);
  if (input.updates !== undefined && input.stepSize !== undefined) {
    throw new LrkitError(`${FN}: give updates or stepSize, not both`);
  }
  let m: number;
  if (input.updates !== undefined) m = positiveInt('updates', input.updates);
  else if (input.stepSize !== undefined) {
    const n = positiveInt('stepSize', input.stepSize);
    if (n > M) throw new ParameterError(FN, 'stepSize', `must be ≤ totalSteps (${M})`, n);
    m = Math.floor(M / n);
  } else throw new LrkitError(`${FN}: give updates (m) or stepSize (n)`);
  if (m > M) {
    throw new ParameterError(
      FN,
      'updates',
      `must be ≤ totalSteps (${M}): at most one decay per step`,
      m,
    );
  }
  if ((input.final === undefined) === (input.gamma === undefined)) {
    throw new LrkitError(`${FN}: give exactly one of final (η_final) and gamma`);
  }
  let final: number;
  let gamma: number;
  if (input.final !== undefined) {
    final = positive('final', input.final);
    if (final > initial) {
      throw new ParameterError(FN, 'final', `must be ≤ initial (${initial}) for a decay`, final);
    }
    gamma = closestGamma(initial, final, m);
  } else {
    gamma = input.gamma!;
    if (typeof gamma !== 'number' || !(gamma > 0 && gamma <= 1)) {
      throw new ParameterError(FN, 'gamma', 'must be in (0, 1] for a decay', gamma);
    }
    final = initial * gamma ** m;
    if (final === 0) throw new LrkitError(`${FN}: η₀·γ^m underflows to 0 (γ=${gamma}, m=${m})`);
  }
  const exact = M % m === 0;
  const n = Math.floor(M / m);
  const milestones = Array.from({ length: m }, (_, i) =>
    exact ? (i + 1) * n : Math.round(((i + 1) * M) / m),
  );
  const gammaPerStep = closestGamma(initial, final, M);
  const note = exact
    ? null
    : `${M} steps are not a multiple of ${m} updates: StepLR(step_size=${n}) makes its last decay at step ${m * n}, ` +
      `${M - m * n} step(s) before the end; MultiStepLR with the milestones below (spaced ${n} or ${n + 1} apart) ends exactly at step ${M}.`;
  const warnings: string[] = [];
  // float32: do consecutive decayed values stay distinct?
  let v = initial;
  for (let i = 1; i <= Math.min(m, 10_000_000); i++) {
    const next = initial * gamma ** i;
    if (gamma < 1 && Math.fround(v) === Math.fround(next)) {
      warnings.push(
        `gamma=${gamma} is so close to 1 that float32 (what TF.js applies) cannot tell decay ${i - 1} from decay ${i} (${Math.fround(v)}); fewer updates or a smaller total change would`,
      );
      break;
    }
    v = next;
  }
  const list = `[${milestones.join(', ')}]`;
  return {
    initial,
    final,
    total_steps: M,
    updates: m,
    gamma,
    step_size: n,
    milestones,
    gamma_per_step: gammaPerStep,
    equivalents: {
      torch: {
        StepLR: exact ? `StepLR(optimizer, step_size=${n}, gamma=${fmt(gamma)})` : null,
        MultiStepLR: `MultiStepLR(optimizer, milestones=${list}, gamma=${fmt(gamma)})`,
        ExponentialLR: `ExponentialLR(optimizer, gamma=${fmt(gammaPerStep)})`,
      },
      keras: exact
        ? `keras.optimizers.schedules.ExponentialDecay(initial_learning_rate=${fmt(initial)}, decay_steps=${n}, decay_rate=${fmt(gamma)}, staircase=True)`
        : `keras.optimizers.schedules.PiecewiseConstantDecay(boundaries=${JSON.stringify(milestones.map((b) => b - 1))}, values=${JSON.stringify([initial, ...milestones.map((_, i) => initial * gamma ** (i + 1))])})`,
      optax: exact
        ? `optax.exponential_decay(init_value=${fmt(initial)}, transition_steps=${n}, decay_rate=${fmt(gamma)}, staircase=True)`
        : `optax.piecewise_constant_schedule(init_value=${fmt(initial)}, boundaries_and_scales={${milestones.map((b) => `${b}: ${fmt(gamma)}`).join(', ')}})`,
      lrkit: {
        spec: exact
          ? `StepLR(step_size=${n}, gamma=${fmt(gamma)})`
          : `MultiStepLR(milestones=${list}, gamma=${fmt(gamma)})`,
        lr: initial,
      },
    },
    note,
    warnings,
  };
}
