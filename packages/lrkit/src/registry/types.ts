/**
 * The registry's vocabulary: parameter definitions (the one source of truth for names, types,
 * defaults, rules and docs) and the plans that entries build.
 */
import type { Rule } from '../rules.js';
import type { Schedule } from '../schedule.js';

/** What a parameter accepts. Conversion and checking live in `registry/params.ts`. */
export type ParamType =
  | { kind: 'number'; rule?: Rule }
  | { kind: 'int'; rule?: Rule }
  | { kind: 'bool' }
  | { kind: 'enum'; choices: readonly string[] }
  /** A number, or a list with one number per param group (PyTorch's `max_lr=[0.1, 0.01]`). */
  | { kind: 'perGroup'; rule?: Rule }
  | { kind: 'intList'; rule?: Rule; minLength?: number }
  | { kind: 'numberList'; rule?: Rule; minLength?: number }
  /** A safe expression (`'lambda e: 0.95**e'`) or a TS function; `perGroup`: or a list of them. */
  | { kind: 'expr'; perGroup: boolean }
  /**
   * A list of nested schedule specs (SequentialLR, optax.join_schedules, fastai.combine_scheds).
   * `family` restricts them (and lets unprefixed names resolve in that family: `SchedCos(...)`
   * inside `fastai.combine_scheds`).
   */
  | { kind: 'schedulers'; family?: Family }
  /** Free text (a name looked up by the entry, e.g. transformers.get_scheduler's first argument). */
  | { kind: 'string' }
  /**
   * A value of a shape only its entry knows (a dict such as optax's `boundaries_and_scales`, a
   * list of kwargs dicts): passed through as plain values (dicts become `Map`s, nested calls stay
   * nodes); the entry validates it and `describe` says what it accepts.
   */
  | { kind: 'raw'; describe: string };

export interface ParamDef {
  /** The name in the library's own spelling (`step_size`); TS callers may also use camelCase. */
  readonly name: string;
  readonly type: ParamType;
  /** Default value; absent means required. `null` is Python's None. */
  readonly default?: unknown;
  /** Whether None is accepted (besides a null default). */
  readonly nullable?: boolean;
  /** One line for help texts and forms, with the unit. */
  readonly doc: string;
}

/** A lambda-like value: compiled from text (serialisable) or a TS function (not serialisable). */
export interface ExprValue {
  readonly source: string | undefined;
  readonly fn: (x: number) => number;
}

/** A spec bound to its registry entry: validated arguments with defaults filled in. */
export interface BoundSpec {
  readonly entry: RegistryEntry;
  /** Every parameter's value (defaults included), by library name. */
  readonly args: Readonly<Record<string, unknown>>;
  /** The names the user gave explicitly, in definition order (what the canonical text prints). */
  readonly given: readonly string[];
}

/** A param group's starting point: its base lr and, if it has one, its momentum (or Adam beta1). */
export interface GroupInit {
  readonly lr: number;
  readonly momentum?: number | undefined;
}

/** What a closed-form plan gives each group: the lr schedule and, if it cycles it, momentum. */
export interface GroupSchedules {
  readonly lr: Schedule;
  readonly momentum?: Schedule | undefined;
}

/** A planned end (OneCycleLR's total_steps): what happens when a scheduler steps past it. */
export interface PlanEnd {
  /** The last index a scheduler may reach (PyTorch allows index total_steps). */
  readonly lastIndex: number;
  /** 'throw' PyTorch's error when stepping beyond, or 'hold' the final value. */
  readonly policy: 'throw' | 'hold';
  /** PyTorch's message for a step to index k. */
  message(k: number): string;
}

/** A closed-form plan: per-group schedules given the groups' base lrs and momenta. */
export interface ClosedFormPlan {
  readonly kind: 'closed-form';
  /** Builds each group's schedules; validates per-group lists against the group count. */
  bind(groups: readonly GroupInit[]): GroupSchedules[];
  /** Whether this plan sets momentum/beta1 (CyclicLR, OneCycleLR and composites of them). */
  readonly cyclesMomentum: boolean;
  readonly end?: PlanEnd | undefined;
}

/** ReduceLROnPlateau's options (PyTorch names), validated. */
export interface PlateauOptions {
  /**
   * timm's PlateauLRScheduler: for steps k ≤ warmup_t the lr ramps linearly from warmup_lr_init
   * to the base lr and metrics are ignored (0: no warm-up).
   */
  readonly warmup_t?: number;
  readonly warmup_lr_init?: number;
  readonly mode: 'min' | 'max';
  readonly factor: number;
  readonly patience: number;
  readonly threshold: number;
  readonly threshold_mode: 'rel' | 'abs';
  readonly cooldown: number;
  readonly min_lr: number | readonly number[];
  readonly eps: number;
}

/** A metric-driven plan: not a closed form, stepped with a metric. */
export interface PlateauPlan {
  readonly kind: 'plateau';
  readonly options: PlateauOptions;
}

export type Plan = ClosedFormPlan | PlateauPlan;

export type Family = 'torch' | 'keras' | 'optax' | 'transformers' | 'timm' | 'fastai' | 'lrkit';

/** One schedule or scheduler the registry knows, by its library's name. */
export interface RegistryEntry {
  /** The library's own name, e.g. 'StepLR'. */
  readonly name: string;
  readonly family: Family;
  /** Full name as written in specs: 'StepLR' for torch, 'keras.CosineDecay' for others. */
  readonly qualifiedName: string;
  /** Other full names that resolve to this entry (`optax.exponential_decay_schedule`). */
  readonly aliases?: readonly string[];
  /** One-paragraph summary with the formula, for help texts. */
  readonly doc: string;
  readonly params: readonly ParamDef[];
  /** Rules between parameters (`max_lr` per group vs `base_lr`, ...), after each is valid. */
  crossCheck?(args: Readonly<Record<string, unknown>>): void;
  build(args: Readonly<Record<string, unknown>>): Plan;
}
