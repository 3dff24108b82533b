/** Code export: a spec as PyTorch, Keras, optax or TypeScript code that reproduces its curve. */
export { exportCode, EXPORT_TARGETS, type ExportOptions, type ExportTarget } from './export.js';
/**
 * Closed-form descriptions, for composites written outside lrkit that should export too:
 * `describeSchedule((t) => s(t + 3), { kind: 'shift', schedule: s, by: 3 })`.
 */
export {
  describe as describeSchedule,
  descriptionOf,
  type Node as DescriptionNode,
} from './describe.js';
