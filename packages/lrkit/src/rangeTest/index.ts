/** The framework-neutral learning-rate range test. */
export { rangeTest, sweepLr, suggest, type RangeTestOptions } from './rangeTest.js';
export {
  minimumDiv10Suggestion,
  nearestIndex,
  slideSuggestion,
  steepestSuggestion,
  valleySuggestion,
  type SlideOptions,
  type SuggestionWindow,
} from './suggestions.js';
export { recommendLr, type RecommendOptions } from './recommend.js';
export {
  scheduleFromRangeTest,
  type RangeTestSchedule,
  type ScheduleFromRangeTestOptions,
} from './schedule.js';
export { rangeTestPlotSvg } from './plot.js';
export type {
  RangeTestProgress,
  RangeTestResult,
  RangeTestSuggestions,
  StopReason,
  Suggestion,
} from './types.js';
