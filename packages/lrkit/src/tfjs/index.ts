/**
 * lrkit/tfjs — drive TensorFlow.js training with lrkit schedules. Needs `@tensorflow/tfjs` ≥ 4
 * (an optional peer dependency: the core `lrkit` entry point never imports it).
 */
export {
  disposeOptimizer,
  getBeta1,
  getLearningRate,
  getMomentum,
  optimizerKind,
  setBeta1,
  setLearningRate,
  setMomentum,
  type OptimizerKind,
  type OptimizerLike,
} from './optimizers.js';
export {
  combineCallbacks,
  LearningRateScheduler,
  learningRateScheduler,
  ReduceLROnPlateau,
  reduceLROnPlateau,
  type LearningRateSchedulerOptions,
  type LearningRateSchedulerState,
  type PlateauWarmup,
  type ReduceLROnPlateauOptions,
  type ReduceLROnPlateauState,
} from './callbacks.js';
export {
  BoundScheduler,
  bindScheduler,
  type BindSchedulerOptions,
  type BoundSchedulerState,
} from './bindScheduler.js';
export type { ScheduleSource } from './driver.js';
export {
  loadOptimizerState,
  saveOptimizerState,
  type OptimizerState,
  type SavedTensor,
} from './optimizerState.js';
export {
  findFloat32Stall,
  type Float32Options,
  type Float32Stall,
  type WarningHandler,
} from './float32.js';
export { findLearningRate, type FindLearningRateOptions } from './findLearningRate.js';
