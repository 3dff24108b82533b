/**
 * lrkit — learning-rate schedules for TypeScript: pure closed forms, PyTorch-compatible stateful
 * schedulers with resumable JSON state, and the spec language that names them. No dependencies;
 * runs unchanged in Node and in browsers.
 */
export type { Schedule } from './schedule.js';
export {
  LrkitError,
  ParameterError,
  SchedulerError,
  SpecSyntaxError,
  UnknownNameError,
  didYouMean,
} from './errors.js';
export { rules, type Rule } from './rules.js';

// primitives
export { constant } from './schedules/constant.js';
export { linear, type LinearOptions } from './schedules/linear.js';
export { polynomial, type PolynomialOptions } from './schedules/polynomial.js';
export { exponential, type ExponentialOptions } from './schedules/exponential.js';
export { step, type StepOptions } from './schedules/step.js';
export { multiStep, type MultiStepOptions } from './schedules/multiStep.js';
export { cosine, type CosineOptions } from './schedules/cosine.js';
export { cosineDecay, type CosineDecayOptions } from './schedules/cosineDecay.js';
export { cosineRestarts, type CosineRestartsOptions } from './schedules/cosineRestarts.js';
export { anneal, type AnnealOptions, type AnnealShape } from './schedules/anneal.js';
export { inverseTime, type InverseTimeOptions } from './schedules/inverseTime.js';
export { inverseSqrt, type InverseSqrtOptions } from './schedules/inverseSqrt.js';
export { cyclic, cyclicMode, type CyclicMode, type CyclicOptions } from './schedules/cyclic.js';
export { annealPhases, oneCycle, type OneCycleOptions } from './schedules/oneCycle.js';
export { tanh, type TanhOptions } from './schedules/tanh.js';
export { noise, type NoiseOptions } from './schedules/noise.js';

// composition
export { join, type JoinOptions } from './compose/join.js';
export { between, product, scale } from './compose/product.js';
export { warmup, type WarmupOptions } from './compose/warmup.js';
export { clamp, hold, repeat } from './compose/clamp.js';
export { memoLast } from './compose/memo.js';

// registry and specs
export {
  registry,
  lookupEntry,
  resolveSpec,
  buildPlan,
  specText,
  specJson,
  factory,
  toSchedule,
  type SpecInput,
} from './registry/index.js';
export type {
  BoundSpec,
  ClosedFormPlan,
  GroupInit,
  GroupSchedules,
  ParamDef,
  ParamType,
  Plan,
  PlateauPlan,
  RegistryEntry,
} from './registry/types.js';
export { parseSpec, parseSpecJson, parseSpecText } from './spec/parse.js';
export { printSpec } from './spec/print.js';
export { compileExpr, type CompiledExpr } from './spec/expr.js';

// typed factories per family (camelCase parameters)
export * as torch from './families/torch/factories.js';
export * as keras from './families/keras/factories.js';
export * as transformers from './families/transformers/factories.js';
export * as optax from './families/optax/factories.js';
export * as fastai from './families/fastai/factories.js';
export * as timm from './families/timm/factories.js';

// solvers
export * from './solve/index.js';

// code export
export * from './export/index.js';

// stateful scheduler
export { Scheduler, type SchedulerOptions } from './scheduler/Scheduler.js';
export type { SchedulerState } from './scheduler/state.js';
export { curve, type Curve, type CurveOptions } from './analyze/curve.js';
export { sample } from './analyze/sample.js';
export { summarize, summary, type Summary } from './analyze/summary.js';

// plotting (SVG)
export {
  plotSvg,
  decimate,
  niceTicks,
  type PlotMarker,
  type PlotOptions,
  type PlotSeries,
} from './plot/index.js';

// learning-rate range test
export {
  rangeTest,
  recommendLr,
  steepestSuggestion,
  minimumDiv10Suggestion,
  valleySuggestion,
  slideSuggestion,
  scheduleFromRangeTest,
  rangeTestPlotSvg,
  type RangeTestOptions,
  type RangeTestProgress,
  type RangeTestResult,
  type RangeTestSuggestions,
  type RangeTestSchedule,
  type ScheduleFromRangeTestOptions,
  type SlideOptions,
  type SuggestionWindow,
  type StopReason,
  type Suggestion,
} from './rangeTest/index.js';

// the seeded generator behind timm's noise and the range test's shuffles
export { mulberry32 } from './random.js';
