/**
 * exportCode evaluates the spec over its horizon before writing code: the plan's end when it has
 * one, else steps 0..9,999. An lr that would be negative, NaN or infinite there throws the
 * Scheduler's SchedulerError, for every target, and no code is written.
 */
import { describe, expect, it } from 'vitest';
import { SchedulerError, exportCode, EXPORT_TARGETS } from '../../src/index.js';
import { expectThrows } from '../helpers/errors.js';

const rule = 'learning rates must be finite and ≥ 0';

describe('exportCode checks the lr over the horizon', () => {
  for (const to of EXPORT_TARGETS) {
    it(`--to ${to}: LambdaLR(lambda e: -1) is refused at step 0`, () => {
      expectThrows(
        () => exportCode('LambdaLR(lr_lambda="lambda e: -1")', { to }),
        SchedulerError,
        `LambdaLR: the lr of group 0 would be -0.1 at step 0; ${rule}`,
      );
    });
  }

  it('standalone TypeScript too, and names the group that goes bad', () => {
    expectThrows(
      () =>
        exportCode('LambdaLR(lr_lambda=["lambda e: 1", "lambda e: 1 - e/100"])', {
          to: 'ts',
          standalone: true,
          lr: [0.1, 0.2],
        }),
      SchedulerError,
      `LambdaLR: the lr of group 1 would be ${0.2 * (1 - 101 / 100)} at step 101; ${rule}`,
    );
  });

  it('without an end: steps 0..9,999 (negative at 9,001 is refused, at 10,001 not)', () => {
    expectThrows(
      () => exportCode('LambdaLR(lr_lambda="lambda e: 1 - e/9000")', { to: 'keras' }),
      SchedulerError,
      `LambdaLR: the lr of group 0 would be ${0.1 * (1 - 9001 / 9000)} at step 9001; ${rule}`,
    );
    expect(exportCode('LambdaLR(lr_lambda="lambda e: 1 - e/10000")', { to: 'keras' })).toMatch(
      /LambdaLR|lambda/,
    );
  });

  it("with an end (OneCycleLR's total_steps, after a milestone): up to the end, past 10,000", () => {
    const spec =
      'SequentialLR(schedulers=[LambdaLR(lr_lambda="lambda e: 1 - e/12000"), ' +
      'OneCycleLR(max_lr=0.1, total_steps=100)], milestones=[15000])';
    expectThrows(
      () => exportCode(spec, { to: 'torch' }),
      SchedulerError,
      `SequentialLR: the lr of group 0 would be ${0.1 * (1 - 12001 / 12000)} at step 12001; ${rule}`,
    );
  });

  it('valid specs export as before', () => {
    expect(exportCode('StepLR(step_size=10, gamma=0.9)', { to: 'torch' })).toContain(
      'StepLR(optimizer, step_size=10, gamma=0.9)',
    );
    expect(exportCode('OneCycleLR(max_lr=0.1, total_steps=100)', { to: 'ts' })).toContain(
      "toSchedule('OneCycleLR(max_lr=0.1, total_steps=100)', 0.1)",
    );
  });
});
