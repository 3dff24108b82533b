/** Parsing of the CLI's option values (number lists), with usage errors that name the option. */
import { LrkitError } from 'lrkit';

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
