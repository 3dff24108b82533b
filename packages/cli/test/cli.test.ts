/** The `lrkit` binary as a whole: help for every command, exit codes, did-you-mean, --debug. */
import { describe, expect, it } from 'vitest';
import { lrkit } from './helpers/cli.js';

const COMMANDS = ['curve', 'solve', 'plot', 'export', 'list', 'find', 'demo'];

describe('lrkit --help and lrkit <command> --help', () => {
  it('lists every command with a summary and examples', () => {
    const r = lrkit(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c} +\\S`, 'm'));
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('  lrkit demo\n');
    expect(lrkit([]).stdout).toBe(r.stdout);
  });

  for (const c of COMMANDS) {
    it(`${c} --help: usage, options and examples, exit 0`, () => {
      const r = lrkit([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^Usage:/);
      expect(r.stdout).toMatch(/^Examples?:$/m);
      expect(r.stdout).toMatch(new RegExp(`^  lrkit ${c}\\b`, 'm'));
      expect(lrkit(['help', c]).stdout).toBe(r.stdout);
      expect(lrkit([c, '-h']).stdout).toBe(r.stdout);
    });
  }
});

describe('errors', () => {
  it('an unknown command: exit 2, did-you-mean and the command list', () => {
    const r = lrkit(['plto', 'StepLR(step_size=1)']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `lrkit: unknown command 'plto'; did you mean 'plot'? (commands: ${COMMANDS.join(', ')}; lrkit --help)\n`,
    );
  });

  it('a spec error: one line, a caret under the column, no stack; --debug adds the stack', () => {
    const r = lrkit(['export', 'StepLR(step_size=10, gamma=)', '--to', 'torch']);
    expect(r.code).toBe(2);
    const [line, src, caret, rest] = r.stderr.split('\n');
    expect(line).toMatch(/^lrkit export: error: .* at column 28$/);
    expect(src).toBe('  StepLR(step_size=10, gamma=)');
    expect(caret).toBe(`  ${' '.repeat(27)}^`);
    expect(rest).toBe('');
    const d = lrkit(['export', 'StepLR(step_size=10, gamma=)', '--to', 'torch', '--debug']);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/\n\s+at /);
  });

  it('an option value missing: exit 2, naming the option', () => {
    const r = lrkit(['plot', 'StepLR(step_size=1)', '--steps']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^lrkit plot: error: Option '--steps <value>' argument missing .*\(lrkit plot --help\)\n$/,
    );
  });
});

describe('--format json on every command', () => {
  const cases: [string, string[]][] = [
    ['curve', ['curve', 'StepLR(step_size=1)', '--steps', '2']],
    [
      'solve',
      [
        'solve',
        '--initial',
        '0.1',
        '--final',
        '0.001',
        '--total-steps',
        '100',
        '--updates',
        '2',
        '--format',
        'json',
      ],
    ],
    ['plot', ['plot', 'StepLR(step_size=1)', '--steps', '2', '--format', 'json']],
    ['export', ['export', 'StepLR(step_size=1)', '--to', 'torch', '--format', 'json']],
    ['list', ['list', '--family', 'timm', '--format', 'json']],
  ];
  for (const [name, args] of cases) {
    it(name, () => {
      const r = lrkit(args);
      expect(r.code).toBe(0);
      expect(() => JSON.parse(r.stdout)).not.toThrow();
    });
  }

  it('export: {"spec", "to", "code"}', () => {
    const r = lrkit(['export', 'StepLR(step_size=1)', '--to', 'torch', '--format', 'json']);
    const j = JSON.parse(r.stdout);
    expect(j.spec).toBe('StepLR(step_size=1)');
    expect(j.to).toBe('torch');
    expect(j.code).toContain('scheduler = StepLR(optimizer, step_size=1)');
  });
});
