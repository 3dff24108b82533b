/**
 * Whether to colour terminal output: never with NO_COLOR (any non-empty value, no-color.org) or
 * TERM=dumb, always with FORCE_COLOR (non-empty, not '0'), otherwise only when the stream is a TTY.
 * Colours come from picocolors, created with this decision (not picocolors' own, which also
 * colours any non-TTY output when CI is set).
 */
import pc from 'picocolors';

/** The colour decision for a stream (stdout by default). */
export function colorEnabled(stream: { isTTY?: boolean } = process.stdout): boolean {
  const env = process.env;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

/** picocolors formatters for stdout: identity functions when colour is off. */
export const colors = pc.createColors(colorEnabled());

/** Whether stderr is an interactive terminal (progress bars are drawn only then). */
export function stderrIsTty(): boolean {
  return process.stderr.isTTY === true && process.env.TERM !== 'dumb';
}
