/**
 * Every `$ lrkit …` command shown in README.md is run here as a user would (the built binary, in
 * an empty directory), and what it prints — stdout and stderr interleaved, as in a terminal — must
 * be exactly the output pasted under it, with the exit code where the README shows one
 * (`exit 2`). So the README's tour can only show real output. `lrkit demo` is left out: it prints
 * wall-clock times (its own test is demo.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { binPath } from './helpers/cli.js';

const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');

interface Shown {
  command: string;
  args: string[];
  head?: number;
  output: string;
  code: number;
}

/** Splits a shell command line into words: double and single quotes, no expansions. */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (const m of line.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** The `$ lrkit` commands in README.md's code blocks, each with the output shown under it. */
function shownCommands(text: string): Shown[] {
  const found: Shown[] = [];
  for (const block of text.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)) {
    const lines = block[1]!.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!/^\$ (npx )?lrkit /.test(lines[i]!)) continue;
      let command = lines[i]!.slice(2);
      while (command.endsWith('\\'))
        command = `${command.slice(0, -1).trimEnd()} ${lines[++i]!.trim()}`;
      const out: string[] = [];
      while (i + 1 < lines.length && !lines[i + 1]!.startsWith('$ ')) out.push(lines[++i]!);
      while (out.length > 0 && out[out.length - 1] === '') out.pop();
      let code = 0;
      const last = /^exit (\d+)$/.exec(out[out.length - 1] ?? '');
      if (last) {
        code = Number(last[1]);
        out.pop();
      }
      const [cmd, pipe] = command.split(' | ');
      const argv = words(cmd!);
      const args = argv.slice(argv[0] === 'npx' ? 2 : 1);
      const head = pipe ? Number(/^head -(\d+)$/.exec(pipe.trim())?.[1]) : undefined;
      if (args[0] === 'demo') continue;
      found.push({ command, args, head, output: out.join('\n'), code });
    }
  }
  return found;
}

/** Runs the binary with stdout and stderr on one file, so their lines interleave as printed. */
function run(args: readonly string[]): { code: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lrkit-readme-'));
  const log = join(dir, 'output.txt');
  const fd = openSync(log, 'w');
  try {
    const r = spawnSync(process.execPath, [binPath, ...args], {
      cwd: dir,
      stdio: ['ignore', fd, fd],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
    });
    return { code: r.status, output: readFileSync(log, 'utf8') };
  } finally {
    closeSync(fd);
  }
}

const shown = shownCommands(readme);

describe('the lrkit commands shown in README.md', () => {
  it('are many (the parser found them)', () => {
    expect(shown.length).toBeGreaterThanOrEqual(15);
  });

  for (const s of shown) {
    it(`$ ${s.command}`, () => {
      const r = run(s.args);
      expect(r.code).toBe(s.code);
      let lines = r.output.replace(/\n$/, '').split('\n');
      if (s.head !== undefined) lines = lines.slice(0, s.head);
      expect(lines.join('\n')).toBe(s.output);
    });
  }
});
