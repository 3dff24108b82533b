/** Solvers: the seed step-decay problem, one parameter of any schedule, batch-size scaling. */
export { solveStepDecay, type StepDecayInput, type StepDecaySolution } from './stepDecay.js';
export {
  solveParameter,
  type SolveParameterOptions,
  type SolveParameterResult,
} from './solveParameter.js';
export {
  scaleLearningRate,
  type BatchScalingInput,
  type BatchScalingResult,
} from './batchScaling.js';
export { FLOAT32_GAMMA_LIMIT, sameInFloat32 } from './float32.js';
