/** `lrkit solve` as a spawned process. */
import { describe, expect, it } from 'vitest';
import { lrkit } from './helpers/cli.js';

describe('lrkit solve', () => {
  it('solves the seed problem, human-readable', () => {
    const r = lrkit([
      'solve',
      '--initial',
      '0.1',
      '--final',
      '1e-4',
      '--total-steps',
      '1000000',
      '--updates',
      '10000',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^gamma {6}= 0\.99930946300\d+ /);
    expect(r.stdout).toContain('step_size  = 100\n');
    expect(r.stdout).toContain('StepLR(optimizer, step_size=100, gamma=0.9993094630025899)');
    expect(r.stdout).toContain('milestones=list(range(100, 1000001, 100))');
  });

  it('prints JSON with gamma, step_size and milestones', () => {
    const r = lrkit([
      'solve',
      '--initial',
      '0.1',
      '--final',
      '1e-4',
      '--total-steps',
      '1000000',
      '--updates',
      '10000',
      '--format',
      'json',
    ]);
    const j = JSON.parse(r.stdout) as { gamma: number; step_size: number; milestones: number[] };
    expect(j.gamma).toBeCloseTo(0.999309463003, 12);
    expect(j.step_size).toBe(100);
    expect(j.milestones).toHaveLength(10000);
  });

  it('solves one parameter of a spec, and scales for batch size', () => {
    const a = JSON.parse(
      lrkit([
        'solve',
        'ExponentialLR(gamma=0.9)',
        '--param',
        'gamma',
        '--target',
        '1e-4',
        '--at',
        '10000',
        '--lr',
        '0.1',
        '--format',
        'json',
      ]).stdout,
    );
    expect(a.value).toBeCloseTo(0.99930946300259, 13);
    const b = lrkit([
      'solve',
      '--base-lr',
      '0.1',
      '--base-batch',
      '256',
      '--batch',
      '8192',
      '--dataset-size',
      '1281167',
    ]);
    expect(b.stdout.split('\n')[0]).toBe('lr = 3.2');
  });

  const errors: [string[], string][] = [
    [
      ['solve', '--initial', '0.1', '--final', '0.2', '--total-steps', '100', '--updates', '10'],
      'lrkit solve: error: solveStepDecay: final must be ≤ initial (0.1) for a decay, got 0.2\n',
    ],
    [
      ['solve', '--initial', '0.1', '--final', '0.01', '--total-steps', '10', '--updates', '20'],
      'lrkit solve: error: solveStepDecay: updates must be ≤ totalSteps (10): at most one decay per step, got 20\n',
    ],
    [
      ['solve', '--initial', '0.1'],
      'lrkit solve: error: solve: give --initial and --total-steps with --final or --gamma, and --updates or --step-size (lrkit solve --help)\n',
    ],
    [
      ['solve', 'StepLR(step_size=1)', '--param', 'gamma'],
      'lrkit solve: error: solve: with a SPEC, --target is required\n',
    ],
    [
      ['solve', '--initial', 'abc', '--total-steps', '1'],
      "lrkit solve: error: --initial: expected a number, got 'abc'\n",
    ],
  ];
  for (const [args, stderr] of errors) {
    it(`fails cleanly: ${args.slice(1).join(' ')}`, () => {
      const r = lrkit(args);
      expect(r.stderr).toBe(stderr);
      expect(r.code).toBe(2);
    });
  }
});
