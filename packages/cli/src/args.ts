/** Parsing of the CLI's option values (number lists), with usage errors that name the option. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LrkitError, didYouMean } from 'lrkit';

/** A usage error: the command line itself is wrong (exit code 2). */
export class UsageError extends LrkitError {
  override name = 'UsageError';
}

/** Parses one number as written on a command line; 'nan', 'inf', '-inf' allowed when asked. */
export function parseNumber(option: string, text: string, allowNonFinite = false): number {
  const t = text.trim().toLowerCase();
  const special: Record<string, number> = {
    nan: NaN,
    inf: Infinity,
    '+inf': Infinity,
    '-inf': -Infinity,
    infinity: Infinity,
    '-infinity': -Infinity,
  };
  if (t in special) {
    if (allowNonFinite) return special[t]!;
    throw new UsageError(`${option}: expected a finite number, got '${text}'`);
  }
  const v = t === '' ? NaN : Number(t);
  if (!Number.isFinite(v)) throw new UsageError(`${option}: expected a number, got '${text}'`);
  return v;
}

/** Parses a comma-separated list of numbers (`0.1,0.01`). */
export function parseNumberList(option: string, text: string, allowNonFinite = false): number[] {
  const parts = text.split(',');
  return parts.map((p, i) => {
    try {
      return parseNumber(option, p, allowNonFinite);
    } catch (e) {
      if (e instanceof UsageError && parts.length > 1) {
        throw new UsageError(`${e.message} (item ${i + 1} of ${parts.length})`);
      }
      throw e;
    }
  });
}

/** A failure while running (a missing file, a model that does not train): exit code 1. */
export class FailureError extends LrkitError {
  override name = 'FailureError';
}

/** The options of a command, as node:util parseArgs takes them. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
/** What {@link parseCommandArgs} returns: parseArgs's typed values and the positionals. */
export type Parsed<O extends OptionSpec> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

/**
 * node:util parseArgs with positionals allowed, and an unknown option reported with a
 * did-you-mean among the command's options (a usage error, exit 2).
 * @example parseCommandArgs('plot', ['--stpes', '3'], { steps: { type: 'string' } })
 *   // throws "Unknown option '--stpes'; did you mean '--steps'? (lrkit plot --help)"
 */
export function parseCommandArgs<O extends OptionSpec>(
  command: string,
  argv: string[],
  options: O,
): Parsed<O> {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options, strict: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const m = /Unknown option '([^']+)'/.exec((e as Error).message);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && m) {
      const names = Object.entries(options).flatMap(([long, o]) => [
        `--${long}`,
        ...(o.short ? [`-${o.short}`] : []),
      ]);
      const hint = didYouMean(m[1]!, names);
      throw new UsageError(
        `Unknown option '${m[1]}'${hint ? `; did you mean '${hint}'?` : ''} (lrkit ${command} --help)`,
      );
    }
    throw e;
  }
}

/** Checks --format against the allowed values; returns the first when absent. */
export function parseFormat<F extends string>(value: string | undefined, allowed: readonly F[]): F {
  if (value === undefined) return allowed[0]!;
  if (!(allowed as readonly string[]).includes(value)) {
    const hint = didYouMean(value, allowed);
    throw new UsageError(
      `--format: expected ${allowed.join(' or ')}, got '${value}'${hint ? `; did you mean '${hint}'?` : ''}`,
    );
  }
  return value as F;
}

/** Parses an integer option within [min, max]. */
export function parseInteger(
  option: string,
  text: string,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const v = parseNumber(option, text);
  if (!Number.isInteger(v) || v < min || v > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new UsageError(`${option}: expected an integer ${range}, got '${text}'`);
  }
  return v;
}

const errorSpecs = new WeakMap<object, string>();

/**
 * Runs `fn` for one spec of several; an error it throws remembers the spec, so the caret under
 * the error points into the right one.
 */
export function withSpec<T>(spec: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (typeof e === 'object' && e !== null) errorSpecs.set(e, spec);
    throw e;
  }
}

/** The spec an error came from, when thrown inside {@link withSpec}. */
export function specOfError(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null ? errorSpecs.get(e) : undefined;
}
