/**
 * toSchedule checks every value as the Scheduler does: an lr that would be negative, NaN or
 * infinite throws the Scheduler's SchedulerError (naming the schedule, the group, the value and
 * the step) instead of reaching the user. buildPlan stays the raw, unchecked low-level plan.
 */
import { describe, expect, it } from 'vitest';
import {
  SchedulerError,
  Scheduler,
  buildPlan,
  exportCode,
  toSchedule,
  type ClosedFormPlan,
} from '../../src/index.js';
import { descriptionOf } from '../../src/export/describe.js';
import { expectThrows } from '../helpers/errors.js';

const rule = 'learning rates must be finite and ≥ 0';

describe('toSchedule refuses an lr that is not finite and ≥ 0', () => {
  const cases: [spec: string, lr: number, step: number, message: string][] = [
    [
      'LambdaLR(lr_lambda="lambda e: -1")',
      0.1,
      0,
      `LambdaLR: the lr of group 0 would be -0.1 at step 0; ${rule}`,
    ],
    [
      'LambdaLR(lr_lambda="lambda e: 1 - e/10")',
      1,
      11,
      `LambdaLR: the lr of group 0 would be ${1 * (1 - 11 / 10)} at step 11; ${rule}`,
    ],
    [
      'LambdaLR(lr_lambda="lambda e: nan if e > 1 else 1")',
      0.1,
      2,
      `LambdaLR: the lr of group 0 would be NaN at step 2; ${rule}`,
    ],
    [
      'LambdaLR(lr_lambda="lambda e: 1e308*(e*10)")',
      0.1,
      1,
      `LambdaLR: the lr of group 0 would be Infinity at step 1; ${rule}`,
    ],
    [
      'MultiplicativeLR(lr_lambda="lambda e: -0.5")',
      0.1,
      1,
      `MultiplicativeLR: the lr of group 0 would be ${0.1 * -0.5} at step 1; ${rule}`,
    ],
  ];
  for (const [spec, lr, step, message] of cases) {
    it(`${spec} at step ${step}`, () => {
      const s = toSchedule(spec, lr);
      expectThrows(() => s(step), SchedulerError, message);
      // the same message as the Scheduler's
      expectThrows(
        () => {
          const sched = new Scheduler(spec, { lr });
          for (let k = 0; k < step; k++) sched.step();
        },
        SchedulerError,
        message,
      );
    });
  }

  it('returns the valid values unchanged, up to the first bad step', () => {
    const s = toSchedule('LambdaLR(lr_lambda="lambda e: 1 - e/10")', 2);
    expect([0, 1, 5, 10].map(s)).toEqual([0, 1, 5, 10].map((e) => 2 * (1 - e / 10)));
    expect(toSchedule('StepLR(step_size=2, gamma=0.5)', 0.1)(4)).toBe(0.1 * 0.5 * 0.5);
  });

  it('keeps the closed-form description, so the checked schedule exports as before', () => {
    expect(descriptionOf(toSchedule('StepLR(step_size=10)', 0.1))?.kind).toBe(
      descriptionOf(
        (buildPlan('StepLR(step_size=10)') as ClosedFormPlan).bind([{ lr: 0.1 }])[0]!.lr,
      )?.kind,
    );
    expect(descriptionOf(toSchedule('StepLR(step_size=10)', 0.1))).toBeDefined();
  });

  it('leaves buildPlan(...).bind raw: the low-level plan is documented as unchecked', () => {
    const plan = buildPlan('LambdaLR(lr_lambda="lambda e: -1")') as ClosedFormPlan;
    expect(plan.bind([{ lr: 0.1 }])[0]!.lr(0)).toBe(-0.1);
  });

  it('export refuses the same spec with the same error', () => {
    expectThrows(
      () => exportCode('LambdaLR(lr_lambda="lambda e: -1")', { to: 'ts' }),
      SchedulerError,
      `LambdaLR: the lr of group 0 would be -0.1 at step 0; ${rule}`,
    );
  });
});
