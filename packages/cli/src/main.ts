#!/usr/bin/env node
/**
 * The `lrkit` command: a thin layer over the library. Errors are one line naming what is wrong
 * (a caret under the spec column for syntax errors); exit code 2 for usage errors (bad options or
 * spec), 1 for failures while running (a missing file, a scheduler misused); a stack trace only
 * with --debug. Commands that train (find, demo) are loaded on demand, so the others start fast.
 */
import { readFileSync } from 'node:fs';
import { LrkitError, SchedulerError, SpecSyntaxError, didYouMean } from 'lrkit';
import { FailureError, specOfError } from './args.js';
import { curveHelp, runCurve } from './curve.js';
import { exportHelp, runExport } from './export.js';
import { listHelp, runList } from './list.js';
import { plotHelp, runPlot } from './plot.js';
import { runSolve, solveHelp } from './solve.js';
import { findHelp } from './findHelp.js';
import { demoHelp } from './demoHelp.js';

/** What a command returns: the text for stdout (and the spec, for a caret under errors). */
export interface CommandResult {
  text: string;
  spec?: string;
}

interface Command {
  summary: string;
  help: string;
  run: (argv: string[]) => CommandResult | Promise<CommandResult>;
}

const commands: Record<string, Command> = {
  curve: { summary: "print a schedule's values as JSON or CSV", help: curveHelp, run: runCurve },
  solve: {
    summary:
      'γ and step size from start/end/steps/decays; one parameter of any schedule; batch scaling',
    help: solveHelp,
    run: runSolve,
  },
  plot: {
    summary: 'chart one or more schedules in the terminal, or to SVG/PNG/HTML (--out)',
    help: plotHelp,
    run: runPlot,
  },
  export: {
    summary: 'the schedule as PyTorch, Keras, optax or TypeScript code (--to)',
    help: exportHelp,
    run: runExport,
  },
  list: {
    summary: 'every schedule of every family, with its parameters and defaults',
    help: listHelp,
    run: runList,
  },
  find: {
    summary: 'the LR range test on the demo task or your TF.js model (model.json + CSV/JSON)',
    help: findHelp,
    run: async (argv) => (await import('./find.js')).runFind(argv),
  },
  demo: {
    summary: 'range test → one-cycle schedule → train vs constant lr; writes an HTML report',
    help: demoHelp,
    run: async (argv) => (await import('./demo.js')).runDemo(argv),
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

Every command takes --format json (for scripts) and --help. Colour only on a terminal, never
with NO_COLOR set. Exit codes: 0 ok, 1 failure while running, 2 usage error.

Examples:
  lrkit demo
  lrkit list --family torch
  lrkit plot "OneCycleLR(max_lr=0.1, total_steps=1000)" "CosineAnnealingLR(T_max=1000)" --steps 1000
  lrkit plot "StepLR(step_size=30, gamma=0.1)" --steps 100 --out step.svg
  lrkit find --num-iter 100 --out range.svg
  lrkit curve "OneCycleLR(max_lr=0.1, total_steps=100)" --steps 100
  lrkit export "OneCycleLR(max_lr=0.1, total_steps=100)" --to keras`;

/** The caret line for an error that carries a position in the spec text. */
function caret(err: LrkitError, spec: string | undefined): string {
  if (err instanceof SpecSyntaxError)
    return `\n  ${err.source}\n  ${' '.repeat(Math.max(0, err.column - 1))}^`;
  if (spec !== undefined && err.pos !== undefined && err.pos >= 0 && !spec.includes('\n')) {
    return `\n  ${spec}\n  ${' '.repeat(err.pos)}^`;
  }
  return '';
}

export async function main(argv: string[]): Promise<number> {
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
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  let specArg = rest.find((a) => !a.startsWith('-'));
  try {
    const { text } = await command.run(rest);
    process.stdout.write(`${text}\n`);
    return 0;
  } catch (e) {
    if (debug) process.stderr.write(`${(e as Error).stack}\n`);
    specArg = specOfError(e) ?? specArg;
    if (e instanceof SchedulerError || e instanceof FailureError) {
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

// a closed pipe (`lrkit list | head`) ends the output quietly
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = await main(process.argv.slice(2));
