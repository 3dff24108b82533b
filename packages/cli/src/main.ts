#!/usr/bin/env node
/**
 * The `lrkit` command: a thin layer over the library. Errors are one line naming what is wrong
 * (a caret under the spec column for syntax errors); exit code 2 for usage errors (bad options or
 * spec), 1 for failures while running; a stack trace only with --debug.
 */
import { readFileSync } from 'node:fs';
import { LrkitError, SchedulerError, SpecSyntaxError, didYouMean } from 'lrkit';
import { curveHelp, runCurve } from './curve.js';
import { exportHelp, runExport } from './export.js';
import { runSolve, solveHelp } from './solve.js';

const commands: Record<
  string,
  { summary: string; help: string; run: (argv: string[]) => { text: string; spec?: string } }
> = {
  curve: { summary: "print a schedule's values as JSON or CSV", help: curveHelp, run: runCurve },
  solve: {
    summary:
      'γ and step size from start/end/steps/decays; one parameter of any schedule; batch scaling',
    help: solveHelp,
    run: runSolve,
  },
  export: {
    summary: 'the schedule as PyTorch, Keras, optax or TypeScript code (--to)',
    help: exportHelp,
    run: runExport,
  },
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

const mainHelp = `lrkit — learning-rate schedules: see, compare and run them exactly.

Usage: lrkit <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  .join('\n')}

Options:
  -h, --help      help (also: lrkit <command> --help)
  -v, --version   the version
  --debug         show stack traces

Example:
  lrkit curve "OneCycleLR(max_lr=0.1, total_steps=100)" --steps 100`;

/** The caret line for an error that carries a position in the spec text. */
function caret(err: LrkitError, spec: string | undefined): string {
  if (err instanceof SpecSyntaxError)
    return `\n  ${err.source}\n  ${' '.repeat(Math.max(0, err.column - 1))}^`;
  if (spec !== undefined && err.pos !== undefined && err.pos >= 0 && !spec.includes('\n')) {
    return `\n  ${spec}\n  ${' '.repeat(err.pos)}^`;
  }
  return '';
}

export function main(argv: string[]): number {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const [name, ...rest] = args;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    process.stdout.write(`${topic && commands[topic] ? commands[topic].help : mainHelp}\n`);
    return 0;
  }
  if (name === '-v' || name === '--version') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    const hint = didYouMean(name, Object.keys(commands));
    process.stderr.write(
      `lrkit: unknown command '${name}'${hint ? `; did you mean '${hint}'?` : ''} (commands: ${Object.keys(commands).join(', ')}; lrkit --help)\n`,
    );
    return 2;
  }
  const specArg = rest.find((a) => !a.startsWith('-'));
  try {
    const { text } = command.run(rest);
    process.stdout.write(`${text}\n`);
    return 0;
  } catch (e) {
    if (debug) process.stderr.write(`${(e as Error).stack}\n`);
    if (e instanceof SchedulerError) {
      process.stderr.write(`lrkit ${name}: error: ${e.message}\n`);
      return 1;
    }
    if (e instanceof LrkitError) {
      process.stderr.write(`lrkit ${name}: error: ${e.message}${caret(e, specArg)}\n`);
      return 2;
    }
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(
        `lrkit ${name}: error: ${(e as Error).message} (lrkit ${name} --help)\n`,
      );
      return 2;
    }
    if (!debug)
      process.stderr.write(
        `lrkit ${name}: internal error: ${(e as Error).message} (rerun with --debug)\n`,
      );
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
