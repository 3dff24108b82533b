/** `lrkit curve`, run as a spawned process: output formats, the golden cases, and error paths. */
import { describe, expect, it } from 'vitest';
import { torchCaseInput, torchGolden } from '../../lrkit/test/helpers/golden.js';
import { lrkit } from './helpers/cli.js';
import { expectSeriesClose } from '../../lrkit/test/helpers/tolerance.js';

describe('lrkit curve', () => {
  it('prints {"lr": [[...]], "momentum": null} with N + 1 values', () => {
    const r = lrkit(['curve', 'StepLR(step_size=2, gamma=0.5)', '--steps', '4']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ lr: [[0.1, 0.1, 0.05, 0.05, 0.025]], momentum: null });
  });

  it('prints momentum for cycling schedulers, per group, and CSV on request', () => {
    const r = lrkit([
      'curve',
      'CyclicLR(base_lr=[0.01, 0.001], max_lr=[0.1, 0.01], step_size_up=2)',
      '--steps',
      '2',
      '--lr',
      '0.1,0.01',
      '--format',
      'csv',
    ]);
    expect(r.code).toBe(0);
    const [head, ...rows] = r.stdout.trim().split('\n');
    expect(head).toBe('step,lr_0,lr_1,momentum_0,momentum_1');
    const cols = [0, 1, 2, 3, 4].map((j) => rows.map((row) => Number(row.split(',')[j])));
    expect(cols[0]).toEqual([0, 1, 2]);
    expectSeriesClose(cols[1]!, [0.01, 0.055, 0.1], 'lr_0');
    expectSeriesClose(cols[2]!, [0.001, 0.0055, 0.01], 'lr_1');
    expectSeriesClose(cols[3]!, [0.9, 0.85, 0.8], 'momentum_0');
    expectSeriesClose(cols[4]!, [0.9, 0.85, 0.8], 'momentum_1');
  });

  it('reads JSON specs, True/None, torch prefixes and --optimizer adam', () => {
    const a = JSON.parse(
      lrkit([
        'curve',
        '{"name": "StepLR", "params": {"step_size": 1, "gamma": 0.5}}',
        '--steps',
        '2',
        '--lr',
        '1',
      ]).stdout,
    );
    expect(a.lr).toEqual([[1, 0.5, 0.25]]);
    const b = lrkit([
      'curve',
      'torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.01, total_steps=10, three_phase=True, epochs=None)',
      '--steps',
      '1',
      '--optimizer',
      'adam',
      '--momentum',
      '0.9',
    ]);
    expect(b.code).toBe(0);
    // phases end at 2, 4, 9: step 1 is halfway up, so beta1 is halfway from 0.95 to 0.85 (cos)
    expectSeriesClose(
      JSON.parse(b.stdout).momentum[0],
      [0.95, 0.85 + 0.05 * (Math.cos(Math.PI / 2) + 1)],
      'beta1',
    );
  });

  it('matches every PyTorch golden case through the binary', () => {
    for (const c of torchGolden().cases.filter((x) => !x.skip_reason && !x.record_indices)) {
      const { spec, options } = torchCaseInput(c);
      const args = [
        'curve',
        spec,
        '--steps',
        String(options.steps),
        '--lr',
        options.lr.join(','),
        '--momentum',
        String(options.momentum),
        '--optimizer',
        options.optimizer,
      ];
      if (options.metrics)
        args.push(
          '--metrics',
          options.metrics.map((m) => (Number.isNaN(m) ? 'nan' : String(m))).join(','),
        );
      const r = lrkit(args);
      expect(r.stderr, c.name).toBe('');
      const out = JSON.parse(r.stdout) as { lr: number[][]; momentum: number[][] | null };
      const limit = c.scheduler === 'OneCycleLR' ? (c.params.total_steps as number) : Infinity;
      c.lr.forEach((exp, g) => {
        const n = Math.min(exp.length, limit);
        expectSeriesClose(out.lr[g]!.slice(0, n), exp.slice(0, n), `${c.name} lr[${g}]`);
      });
      if (c.momentum) {
        c.momentum.forEach((exp, g) => {
          const n = Math.min(exp.length, limit);
          expectSeriesClose(
            out.momentum![g]!.slice(0, n),
            exp.slice(0, n),
            `${c.name} momentum[${g}]`,
          );
        });
      }
    }
  }, 120_000);

  const errors: [args: string[], code: number, stderr: string][] = [
    [
      ['curve', 'StepLR(step_size=0)', '--steps', '3'],
      2,
      'lrkit curve: error: StepLR: step_size must be a positive integer, got 0\n  StepLR(step_size=0)\n         ^\n',
    ],
    [
      ['curve', 'StepLR(step_size=10, gama=0.1)', '--steps', '3'],
      2,
      "lrkit curve: error: StepLR: unknown parameter 'gama'; did you mean 'gamma'?\n  StepLR(step_size=10, gama=0.1)\n                       ^\n",
    ],
    [
      ['curve', 'StepLr(step_size=10)', '--steps', '3'],
      2,
      "lrkit curve: error: unknown schedule 'StepLr'; did you mean 'StepLR'?\n  StepLr(step_size=10)\n  ^\n",
    ],
    [
      ['curve', 'StepLR(step_size=10', '--steps', '3'],
      2,
      "lrkit curve: error: missing ')' (the '(' at column 7 was never closed) at column 20\n  StepLR(step_size=10\n                     ^\n",
    ],
    [
      ['curve', 'StepLR()', '--steps', '3'],
      2,
      "lrkit curve: error: StepLR: missing required parameter 'step_size' (epochs between decays)\n  StepLR()\n  ^\n",
    ],
    [
      ['curve', 'OneCycleLR(max_lr=0.1,total_steps=5)', '--steps', '10'],
      2,
      "lrkit curve: error: OneCycleLR(...) ends at step 5 (total_steps): use --steps 5 or less, or past_end='hold'\n",
    ],
    [
      ['curve', 'OneCycleLR(max_lr=0.1, epochs=2, steps_per_epoch=3)', '--steps', '7'],
      2,
      "lrkit curve: error: OneCycleLR(...) ends at step 6 (epochs × steps_per_epoch): use --steps 6 or less, or past_end='hold'\n",
    ],
    [
      [
        'curve',
        'SequentialLR(schedulers=[LinearLR(), OneCycleLR(max_lr=0.1, total_steps=6)], milestones=[4])',
        '--steps',
        '11',
      ],
      2,
      "lrkit curve: error: SequentialLR(...) ends at step 10 (its OneCycleLR's total_steps): use --steps 10 or less, or past_end='hold' in OneCycleLR\n",
    ],
    [
      ['curve', 'LambdaLR(lr_lambda="lambda e: -1")', '--steps', '3'],
      1,
      'lrkit curve: error: LambdaLR: the lr of group 0 would be -0.1 at step 0; learning rates must be finite and ≥ 0\n',
    ],
    [
      ['curve', 'StepLR(step_size=10, gamma=NaN)', '--steps', '3'],
      2,
      "lrkit curve: error: StepLR: gamma must be a number, got the name 'NaN'\n  StepLR(step_size=10, gamma=NaN)\n                       ^\n",
    ],
    [['curve', 'StepLR(step_size=1)'], 2, 'lrkit curve: error: curve: --steps N is required\n'],
    [
      ['curve', 'StepLR(step_size=1)', '--steps', 'ten'],
      2,
      "lrkit curve: error: --steps: expected a number, got 'ten'\n",
    ],
    [
      ['curve', 'StepLR(step_size=1)', '--steps', '3', '--lr', '0.1,x'],
      2,
      "lrkit curve: error: --lr: expected a number, got 'x' (item 2 of 2)\n",
    ],
    [
      ['curve', 'StepLR(step_size=1)', '--steps', '3', '--format', 'xml'],
      2,
      "lrkit curve: error: --format: expected json or csv, got 'xml'\n",
    ],
    [
      ['curve', 'ReduceLROnPlateau()', '--steps', '3'],
      2,
      'lrkit curve: error: ReduceLROnPlateau is driven by a metric: give 3 metrics (one per step), got 0\n',
    ],
    [
      ['curve', 'StepLR(step_size=1)', '--steps', '3', '--lr=-1'],
      2,
      'lrkit curve: error: Scheduler: lr of group 0 must be a finite number ≥ 0, got -1\n',
    ],
    [
      ['curve'],
      2,
      'lrkit curve: error: curve: missing SPEC, e.g. lrkit curve "StepLR(step_size=10)" --steps 30\n',
    ],
  ];
  for (const [args, code, stderr] of errors) {
    it(`fails cleanly: ${args.join(' ')}`, () => {
      const r = lrkit(args);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(stderr);
      expect(r.code).toBe(code);
      expect(r.stderr).not.toMatch(/\n\s+at /); // never a stack trace
    });
  }

  it("--steps up to the schedule's end, or past it with past_end='hold'", () => {
    const at = lrkit(['curve', 'OneCycleLR(max_lr=0.1, total_steps=5)', '--steps', '5']);
    expect(at.stderr).toBe('');
    expect(at.code).toBe(0);
    expect(JSON.parse(at.stdout).lr[0]).toHaveLength(6);
    const hold = lrkit([
      'curve',
      "OneCycleLR(max_lr=0.1, total_steps=5, past_end='hold')",
      '--steps',
      '10',
    ]);
    expect(hold.stderr).toBe('');
    expect(hold.code).toBe(0);
    const lr = JSON.parse(hold.stdout).lr[0] as number[];
    expect(lr.slice(6)).toEqual([lr[5], lr[5], lr[5], lr[5], lr[5]]);
  });

  it('an unknown option is a usage error without a stack trace; --debug shows one', () => {
    const r = lrkit(['curve', 'StepLR(step_size=1)', '--stepz', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lrkit curve: error: Unknown option '--stepz'/);
    const d = lrkit(['curve', 'StepLR(step_size=0)', '--steps', '3', '--debug']);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/\n\s+at /);
  });

  it('has help for the tool and the command', () => {
    expect(lrkit(['--help']).stdout).toContain('curve');
    const h = lrkit(['curve', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('Usage: lrkit curve "<SPEC>" --steps N');
    expect(lrkit(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('lrkit (no command)', () => {
  it('an unknown command gets a did-you-mean and the list of commands', () => {
    const r = lrkit(['curv']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^lrkit: unknown command 'curv'; did you mean 'curve'\? \(commands: curve, solve[a-z, ]*; lrkit --help\)\n$/,
    );
  });
});
