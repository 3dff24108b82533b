/**
 * The stateful scheduler: PyTorch's `scheduler.step()` over param groups, with explicit,
 * versioned JSON state. It keeps only counters and delegates every value to the closed form, so
 * a scheduler rebuilt from its saved state alone continues bit-identically.
 */
import { LrkitError, SchedulerError, formatValue } from '../errors.js';
import { involvesMomentum, resolveSpec, specText, type SpecInput } from '../registry/index.js';
import type { BoundSpec, ClosedFormPlan, GroupInit, GroupSchedules } from '../registry/types.js';
import { sharedAffine, type SharedAffine } from '../compose/product.js';
import { PlateauTracker } from './plateau.js';
import {
  decodeNumber,
  encodeNumber,
  readState,
  STATE_FORMAT,
  STATE_VERSION,
  type SchedulerState,
} from './state.js';

export interface SchedulerOptions {
  /** Base lr of each param group (PyTorch's `initial_lr`); one number means one group. */
  lr: number | readonly number[];
  /**
   * Each group's momentum (SGD) or beta1 (Adam) before the scheduler touches it; default 0.9.
   * Schedules that cycle momentum (CyclicLR, OneCycleLR) overwrite it, as in PyTorch.
   */
  momentum?: number | readonly number[];
  /** Which optimizer the groups belong to: with 'adam', momentum means beta1. Default 'sgd'. */
  optimizer?: 'sgd' | 'adam';
}

function toGroups(options: SchedulerOptions): GroupInit[] {
  const lrs = typeof options.lr === 'number' ? [options.lr] : [...options.lr];
  if (lrs.length === 0)
    throw new LrkitError('Scheduler: lr must give at least one param group, got []');
  lrs.forEach((lr, i) => {
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
      throw new LrkitError(
        `Scheduler: lr of group ${i} must be a finite number ≥ 0, got ${formatValue(lr)}`,
      );
    }
  });
  const m = options.momentum ?? 0.9;
  const moms = typeof m === 'number' ? lrs.map(() => m) : [...m];
  if (moms.length !== lrs.length) {
    throw new LrkitError(
      `Scheduler: momentum must have one value per param group (${lrs.length}), got ${moms.length}`,
    );
  }
  moms.forEach((v, i) => {
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
      throw new LrkitError(
        `Scheduler: momentum of group ${i} must be in [0, 1], got ${formatValue(v)}`,
      );
    }
  });
  return lrs.map((lr, i) => ({ lr, momentum: moms[i] }));
}

/**
 * A closed-form plan bound to the groups: each group's schedules and, where the groups' values
 * are one shared schedule under a per-group constant map (`base_lr · m(k)`, `eta_min +
 * (base_lr − eta_min) · u(k)`, one stateless schedule: see `sharedAffine`), that form, so a step
 * evaluates the shared schedule once instead of once per group. The values are the same closed
 * form either way, bit for bit.
 */
interface ClosedFormState {
  readonly plan: ClosedFormPlan;
  readonly schedules: GroupSchedules[];
  readonly sharedLr: SharedAffine | undefined;
  readonly sharedMomentum: SharedAffine | undefined;
}

/**
 * A PyTorch-compatible scheduler over param groups.
 * @example
 * const s = new Scheduler('StepLR(step_size=2, gamma=0.5)', { lr: 0.1 });
 * s.lr;     // [0.1]
 * s.step(); s.step();
 * s.lr;     // [0.05]
 * const saved = JSON.stringify(s.state());
 * Scheduler.fromState(JSON.parse(saved)).lr; // [0.05]
 */
export class Scheduler {
  /** The validated spec. */
  readonly spec: BoundSpec;
  /** Each group's base lr and initial momentum. */
  readonly groups: readonly GroupInit[];
  readonly optimizer: 'sgd' | 'adam';
  /** Whether this scheduler's kind sets momentum (so it is worth reporting). */
  readonly involvesMomentum: boolean;
  private readonly closed: ClosedFormState | undefined;
  private readonly plateau: PlateauTracker | undefined;
  private position = 0;
  private lrs: number[];
  private moms: number[];

  constructor(spec: SpecInput, options: SchedulerOptions) {
    this.spec = resolveSpec(spec);
    this.groups = toGroups(options);
    this.optimizer = options.optimizer ?? 'sgd';
    if (this.optimizer !== 'sgd' && this.optimizer !== 'adam') {
      throw new LrkitError(
        `Scheduler: optimizer must be 'sgd' or 'adam', got ${formatValue(this.optimizer)}`,
      );
    }
    const plan = this.spec.entry.build(this.spec.args);
    this.involvesMomentum =
      involvesMomentum(this.spec) || (plan.kind === 'closed-form' && plan.cyclesMomentum);
    if (plan.kind === 'plateau') {
      this.plateau = new PlateauTracker(plan.options, this.groups.length);
      this.closed = undefined;
    } else {
      const schedules = plan.bind(this.groups);
      this.closed = {
        plan,
        schedules,
        sharedLr: sharedAffine(schedules.map((s) => s.lr)),
        sharedMomentum: plan.cyclesMomentum
          ? sharedAffine(schedules.map((s) => s.momentum))
          : undefined,
      };
      this.plateau = undefined;
    }
    this.lrs = this.plateau
      ? this.plateau.start(this.groups.map((g) => g.lr))
      : this.groups.map((g) => g.lr);
    this.moms = this.groups.map((g) => g.momentum ?? 0);
    if (this.closed) this.evaluate(0);
  }

  /** The scheduler's name (the registry's), for messages. */
  get name(): string {
    return this.spec.entry.qualifiedName;
  }

  /** The current epoch/step index: 0 after construction, k after k `step()` calls. */
  get epoch(): number {
    return this.position;
  }

  /** The lr of each group right now (PyTorch's `get_last_lr()`). */
  get lr(): readonly number[] {
    return this.lrs;
  }

  /** Each group's momentum (or beta1) right now. */
  get momentum(): readonly number[] {
    return this.moms;
  }

  /** Whether this scheduler is driven by a metric (ReduceLROnPlateau). */
  get metricDriven(): boolean {
    return this.plateau !== undefined;
  }

  private evaluate(position: number): void {
    const { plan, schedules, sharedLr, sharedMomentum } = this.closed!;
    const end = plan.end;
    if (end && end.policy === 'throw' && position > end.lastIndex) {
      throw new SchedulerError(`${this.name}: ${end.message(position)}`);
    }
    // Hot path (one call per training step): plain loops, one new array per step so that a
    // returned `lr` array is a snapshot, as PyTorch's get_last_lr() is. When the groups share
    // one schedule (see ClosedFormState), it is evaluated once and each group's value is the
    // same expression as its own closure; otherwise each group's closure is called.
    const n = schedules.length;
    const lrs = new Array<number>(n);
    let u = NaN; // the value of the lr's shared schedule, when it has one
    if (sharedLr) {
      // each group's closure is offset + coef · s(t), bit for bit (see SharedAffine)
      u = sharedLr.schedule(position);
      const { coef, offset } = sharedLr;
      for (let g = 0; g < n; g++) {
        const v = offset[g]! + coef[g]! * u;
        if (!(v >= 0 && v < Infinity)) this.badLr(v, g, position);
        lrs[g] = v;
      }
    } else {
      for (let g = 0; g < n; g++) {
        const v = schedules[g]!.lr(position);
        if (!(v >= 0 && v < Infinity)) this.badLr(v, g, position);
        lrs[g] = v;
      }
    }
    let moms = this.moms;
    if (plan.cyclesMomentum) {
      moms = new Array<number>(n);
      if (sharedMomentum) {
        // CyclicLR's lr and momentum follow one wave: evaluate it once
        const w =
          sharedMomentum.schedule === sharedLr?.schedule ? u : sharedMomentum.schedule(position);
        const { coef, offset } = sharedMomentum;
        for (let g = 0; g < n; g++) moms[g] = offset[g]! + coef[g]! * w;
      } else {
        for (let g = 0; g < n; g++) {
          const m = schedules[g]!.momentum;
          moms[g] = m ? m(position) : this.moms[g]!;
        }
      }
    }
    this.position = position;
    this.lrs = lrs;
    this.moms = moms;
  }

  /** The error for a group's lr that is negative, infinite or NaN (kept off the hot path). */
  private badLr(v: number, group: number, position: number): never {
    throw new SchedulerError(
      `${this.name}: the lr of group ${group} would be ${formatValue(v)} at step ${position}; learning rates must be finite and ≥ 0`,
    );
  }

  /**
   * Advances one step (PyTorch `scheduler.step()`); ReduceLROnPlateau takes the metric
   * (`step(valLoss)`), every other scheduler none. Returns the new lrs.
   */
  step(metric?: number): readonly number[] {
    if (this.plateau) {
      if (metric === undefined) {
        throw new SchedulerError(
          `${this.name}: step(metric) needs the metric it watches, got nothing`,
        );
      }
      this.lrs = this.plateau.step(metric, this.lrs, this.position + 1);
      this.position += 1;
      return this.lrs;
    }
    if (metric !== undefined) {
      throw new SchedulerError(
        `${this.name}: step() takes no metric (only ReduceLROnPlateau is driven by one), got ${formatValue(metric)}`,
      );
    }
    this.evaluate(this.position + 1);
    return this.lrs;
  }

  /**
   * Moves to any epoch, fractional too (PyTorch `CosineAnnealingWarmRestarts.step(epoch)`,
   * e.g. `stepTo(epoch + i / itersPerEpoch)`), and returns the lrs there.
   */
  stepTo(epoch: number): readonly number[] {
    if (this.plateau)
      throw new SchedulerError(`${this.name}: is driven by a metric; use step(metric)`);
    if (typeof epoch !== 'number' || !Number.isFinite(epoch) || epoch < 0) {
      throw new SchedulerError(
        `${this.name}: stepTo(epoch) needs a finite epoch ≥ 0, got ${formatValue(epoch)}`,
      );
    }
    this.evaluate(epoch);
    return this.lrs;
  }

  /** The explicit, versioned, JSON-safe state: everything needed to continue. */
  state(): SchedulerState {
    let text: string | null = null;
    try {
      text = specText(this.spec);
    } catch (e) {
      if (!(e instanceof LrkitError)) throw e; // a TS function: not serialisable (see fromState)
    }
    return {
      format: STATE_FORMAT,
      version: STATE_VERSION,
      spec: text,
      optimizer: this.optimizer,
      groups: this.groups.map((g) => ({ lr: g.lr, momentum: g.momentum ?? null })),
      epoch: this.position,
      lastLr: [...this.lrs],
      lastMomentum: [...this.moms],
      plateau: this.plateau ? this.plateauState(this.plateau) : null,
    };
  }

  private plateauState(p: PlateauTracker): NonNullable<SchedulerState['plateau']> {
    const st = p.state();
    return {
      best: encodeNumber(st.best),
      numBadEpochs: st.numBadEpochs,
      cooldownCounter: st.cooldownCounter,
      ...(st.cleanLr ? { cleanLr: st.cleanLr } : {}),
    };
  }

  /**
   * Restores counters from a saved state into this scheduler (built with the same spec and
   * groups): the way to resume one whose lambdas are TypeScript functions.
   */
  loadState(saved: unknown): this {
    const s = readState(saved);
    let own: string | null = null;
    try {
      own = specText(this.spec);
    } catch {
      own = null; // TS functions: the caller vouches that it is the same schedule
    }
    if (own !== null && s.spec !== null && own !== s.spec) {
      throw new SchedulerError(
        `loadState: the state is for ${s.spec}, but this scheduler is ${own}`,
      );
    }
    if (s.groups.length !== this.groups.length) {
      throw new SchedulerError(
        `loadState: the state has ${s.groups.length} param groups, this scheduler ${this.groups.length}`,
      );
    }
    if (this.plateau) {
      if (!s.plateau)
        throw new SchedulerError('loadState: the state has no ReduceLROnPlateau counters');
      this.plateau.load({ ...s.plateau, best: decodeNumber(s.plateau.best) }, s.lastLr);
      this.position = s.epoch;
      this.lrs = [...s.lastLr];
      this.moms = [...s.lastMomentum];
    } else {
      this.evaluate(s.epoch);
    }
    return this;
  }

  /** Rebuilds a scheduler from saved state alone (no optimizer state needed). */
  static fromState(saved: unknown): Scheduler {
    const s = readState(saved);
    if (s.spec === null) {
      throw new SchedulerError(
        'fromState: this state was saved from a scheduler with TypeScript functions; rebuild it with the same functions and call loadState(state)',
      );
    }
    const scheduler = new Scheduler(s.spec, {
      lr: s.groups.map((g) => g.lr),
      momentum: s.groups.map((g) => g.momentum ?? 0.9),
      optimizer: s.optimizer,
    });
    return scheduler.loadState(s);
  }
}
