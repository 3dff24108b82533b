/**
 * Option-object checking shared by every function that takes `options`: a misspelt option name
 * (`patiense`) is an error with a did-you-mean, never silently ignored.
 */
import { ParameterError, UnknownNameError, didYouMean } from './errors.js';

/**
 * Throws when `options` has an own key that is not in `knownKeys`.
 *
 * The message names the function, the unknown key and the closest known one (case-insensitive
 * edit distance, see {@link didYouMean}), or, when none is close, every known key. Keys whose
 * value is `undefined` count too (a typo is a typo). A non-object `options` (null, an array, a
 * number…) is a {@link ParameterError}; `undefined` means "no options" and passes.
 * @param fn the public function name, for the message (e.g. `'reduceLROnPlateau'`).
 * @param options the options object the user passed.
 * @param knownKeys the option names the function reads.
 * @param what what a key is called in the message (default `'option'`; e.g. `'warmup option'`).
 * @throws UnknownNameError (an LrkitError) for an unknown key; ParameterError for a non-object.
 * @example
 * checkOptionKeys('reduceLROnPlateau', { patiense: 3 }, ['patience', 'factor']);
 * // throws "reduceLROnPlateau: unknown option 'patiense'; did you mean 'patience'?"
 */
export function checkOptionKeys(
  fn: string,
  options: unknown,
  knownKeys: readonly string[],
  what = 'option',
): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ParameterError(fn, 'options', 'must be an object', options);
  }
  const known = new Set(knownKeys);
  for (const key of Object.keys(options)) {
    if (known.has(key)) continue;
    const suggestion = didYouMean(key, knownKeys);
    const error = new UnknownNameError(what, key, suggestion, fn);
    if (suggestion === undefined) {
      error.message = `${fn}: unknown ${what} '${key}'; known ${what}s: ${knownKeys.join(', ')}`;
    }
    throw error;
  }
}
