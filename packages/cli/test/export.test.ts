/** `lrkit export`, run as a spawned process (after npm run build): one spec per target, and errors. */
import { describe, expect, it } from 'vitest';
import { exportCode } from 'lrkit';
import { lrkit } from './helpers/cli.js';

describe('lrkit export', () => {
  it('--to torch: the PyTorch class, constructed on `optimizer`', () => {
    const r = lrkit([
      'export',
      'torch.optim.lr_scheduler.StepLR(optimizer, 10, gamma=0.9)',
      '--to',
      'torch',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '# lrkit export --to torch: StepLR(step_size=10, gamma=0.9)',
        '# Defines `scheduler` for an existing `optimizer`: call scheduler.step() after each optimizer.step().',
        'from torch.optim.lr_scheduler import StepLR',
        '',
        'scheduler = StepLR(optimizer, step_size=10, gamma=0.9)',
        '',
      ].join('\n'),
    );
  });

  for (const to of ['ts', 'keras']) {
    it(`--to ${to} refuses a spec whose lr would be negative, and writes no code`, () => {
      const r = lrkit(['export', 'LambdaLR(lr_lambda="lambda e: -1")', '--to', to]);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        'lrkit export: error: LambdaLR: the lr of group 0 would be -0.1 at step 0; learning rates must be finite and ≥ 0\n',
      );
      expect(r.code).toBe(1);
    });
  }

  it('--to keras: a Keras spec as its own class', () => {
    const r = lrkit(['export', 'keras.CosineDecay(0.1, 1000, alpha=0.01)', '--to', 'keras']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      [
        'lr_schedule = keras.optimizers.schedules.CosineDecay(',
        '    initial_learning_rate=0.1,',
        '    decay_steps=1000,',
        '    alpha=0.01,',
        ')\n',
      ].join('\n'),
    );
  });

  it('--to optax with --lr: the closed form of a PyTorch scheduler as an optax function', () => {
    const spec = 'CosineAnnealingLR(T_max=100, eta_min=0.001)';
    const r = lrkit(['export', spec, '--to', 'optax', '--lr', '0.05']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(exportCode(spec, { to: 'optax', lr: 0.05 }));
    expect(r.stdout).toContain('def schedule(count):');
    expect(r.stdout).toContain('0.049');
  });

  it('--to ts: lrkit itself; --standalone: the closed form written out', () => {
    const spec = 'OneCycleLR(max_lr=0.1, total_steps=100)';
    const r = lrkit(['export', spec, '--to', 'ts']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "const schedule = toSchedule('OneCycleLR(max_lr=0.1, total_steps=100)', 0.1);\n",
    );
    const s = lrkit(['export', spec, '--to', 'ts', '--standalone']);
    expect(s.code).toBe(0);
    expect(s.stdout).toBe(exportCode(spec, { to: 'ts', standalone: true }));
    expect(s.stdout).not.toContain("lrkit';");
  });

  it('--to torch for several param groups (--lr LIST): one LambdaLR factor per group', () => {
    const r = lrkit([
      'export',
      'keras.ExponentialDecay(0.1, 10, 0.5)',
      '--to',
      'torch',
      '--lr',
      '0.1,0.01',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('scheduler = LambdaLR(optimizer, lr_lambda=');
    expect(r.stdout).toContain(
      'scheduler = LambdaLR(optimizer, lr_lambda=[lambda k: _lr(k) / 0.1, lambda k: _lr(k) / 0.01])\n',
    );
  });

  it('prints help', () => {
    const r = lrkit(['export', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: lrkit export "<SPEC>" --to torch\|keras\|optax\|ts/);
    expect(lrkit(['--help']).stdout).toContain('export');
  });

  const errors: [string[], string][] = [
    [
      ['export', 'StepLR(step_size=10)'],
      'lrkit export: error: export: --to is required (torch, keras, optax, ts)\n',
    ],
    [
      ['export', 'StepLR(step_size=10)', '--to', 'jax'],
      "lrkit export: error: --to: expected torch, keras, optax, ts, got 'jax'\n",
    ],
    [
      ['export', '--to', 'torch'],
      'lrkit export: error: export: missing SPEC, e.g. lrkit export "StepLR(step_size=10)" --to torch\n',
    ],
    [
      ['export', 'StepLR(step_size=10)', '--to', 'keras', '--lr', '0.1,0.01'],
      'lrkit export: error: cannot export StepLR to keras with 2 param groups: a Keras optimizer has one lr (no param groups), and these groups get different lrs; export one group at a time (one --lr)\n',
    ],
    [
      ['export', 'StepLR(step_size=10)', '--to', 'torch', '--standalone'],
      'lrkit export: error: --standalone: only with --to ts, got --to torch\n',
    ],
    [
      ['export', 'StepLR(step_size=10)', '--to', 'torch', '--lr', '0.1,x'],
      "lrkit export: error: --lr: expected a number, got 'x' (item 2 of 2)\n",
    ],
  ];
  for (const [args, message] of errors) {
    it(`exits 2 with one line: ${args.slice(1).join(' ')}`, () => {
      const r = lrkit(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(message);
    });
  }

  it('exits 2 on an unknown option, naming it (the rest of the line is node:util’s)', () => {
    const r = lrkit(['export', 'StepLR(step_size=10)', '--to', 'torch', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^lrkit export: error: Unknown option '--bogus'.* \(lrkit export --help\)\n$/,
    );
  });
});
