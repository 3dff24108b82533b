/** exportCode's refusals: each names the spec, the target and the reason, asserted exactly. */
import { describe, it } from 'vitest';
import { LrkitError, resolveSpec } from '../../src/index.js';
import { closedForm } from '../../src/families/plans.js';
import type { BoundSpec } from '../../src/registry/types.js';
import { exportCode } from '../../src/export/index.js';
import { expectThrows } from '../helpers/errors.js';

describe('exportCode errors', () => {
  it('rejects an unknown target, with a suggestion when one is close', () => {
    expectThrows(
      () => exportCode('StepLR(step_size=10)', { to: 'jax' as never }),
      LrkitError,
      "export: unknown target 'jax' (targets: torch, keras, optax, ts)",
    );
    expectThrows(
      () => exportCode('StepLR(step_size=10)', { to: 'pytorch' as never }),
      LrkitError,
      "export: unknown target 'pytorch'; did you mean 'torch'? (targets: torch, keras, optax, ts)",
    );
  });

  it('refuses a schedule built from a closure without a closed-form description', () => {
    // every registry entry is described today: stand in a copy of one whose build returns a bare closure
    const bare = (text: string): BoundSpec => {
      const bound = resolveSpec(text);
      const build = () => closedForm((g) => ({ lr: (t: number) => g.lr * 0.5 ** t }));
      return { ...bound, entry: { ...bound.entry, build } };
    };
    expectThrows(
      () => exportCode(bare('timm.CosineLRScheduler(t_initial=10)'), { to: 'keras' }),
      LrkitError,
      'cannot export timm.CosineLRScheduler to keras exactly yet: its schedule is built from a closure with no closed-form description',
    );
    const sequential = resolveSpec(
      'SequentialLR(schedulers=[StepLR(step_size=2), StepLR(step_size=3)], milestones=[4])',
    );
    const nested: BoundSpec = {
      ...sequential,
      args: {
        ...sequential.args,
        schedulers: [
          (sequential.args.schedulers as BoundSpec[])[0]!,
          bare('timm.CosineLRScheduler(t_initial=10)'),
        ],
      },
    };
    expectThrows(
      () => exportCode(nested, { to: 'optax' }),
      LrkitError,
      'cannot export SequentialLR to optax exactly yet: schedulers[1] (timm.CosineLRScheduler) is built from a closure with no closed-form description',
    );
    expectThrows(
      () =>
        exportCode(bare('timm.CosineLRScheduler(t_initial=10)'), {
          to: 'ts',
          standalone: true,
        }),
      LrkitError,
      'cannot export timm.CosineLRScheduler to ts exactly yet: its schedule is built from a closure with no closed-form description',
    );
  });

  it('refuses metric-driven specs as standalone TypeScript, which has no state machine', () => {
    expectThrows(
      () => exportCode('ReduceLROnPlateau(patience=2)', { to: 'ts', standalone: true }),
      LrkitError,
      'cannot export ReduceLROnPlateau to ts exactly yet: it is driven by a metric, so it has no closed form to write out (export it --to torch, keras, optax, or ts without --standalone)',
    );
  });

  it('refuses TypeScript-function lambdas, which cannot be written as code', () => {
    const fn = (e: number) => 0.9 ** e;
    expectThrows(
      () => exportCode({ name: 'LambdaLR', params: { lr_lambda: fn } }, { to: 'torch' }),
      LrkitError,
      "cannot export LambdaLR to torch: lr_lambda is a TypeScript function, which cannot be written as code; give it as an expression string such as 'lambda e: 0.95**e'",
    );
    expectThrows(
      () =>
        exportCode(
          { name: 'LambdaLR', params: { lr_lambda: ['lambda e: 1.0', fn] } },
          { to: 'ts', lr: [0.1, 0.01] },
        ),
      LrkitError,
      "cannot export LambdaLR to ts: lr_lambda[1] is a TypeScript function, which cannot be written as code; give it as an expression string such as 'lambda e: 0.95**e'",
    );
    expectThrows(
      () =>
        exportCode(
          {
            name: 'SequentialLR',
            params: {
              schedulers: ['StepLR(step_size=2)', { name: 'LambdaLR', params: { lrLambda: fn } }],
              milestones: [3],
            },
          },
          { to: 'keras' },
        ),
      LrkitError,
      "cannot export SequentialLR to keras: schedulers[1].lr_lambda is a TypeScript function, which cannot be written as code; give it as an expression string such as 'lambda e: 0.95**e'",
    );
  });

  it('refuses several different param groups for a one-lr target', () => {
    expectThrows(
      () => exportCode('StepLR(step_size=10)', { to: 'keras', lr: [0.1, 0.01] }),
      LrkitError,
      'cannot export StepLR to keras with 2 param groups: a Keras optimizer has one lr (no param groups), and these groups get different lrs; export one group at a time (one --lr)',
    );
    expectThrows(
      () => exportCode('StepLR(step_size=10)', { to: 'optax', lr: [0.1, 0.01] }),
      LrkitError,
      'cannot export StepLR to optax with 2 param groups: an optax optimizer has one lr (no param groups), and these groups get different lrs; export one group at a time (one --lr)',
    );
    expectThrows(
      () => exportCode('StepLR(step_size=10)', { to: 'ts', standalone: true, lr: [0.1, 0.01] }),
      LrkitError,
      'cannot export StepLR to ts with 2 param groups: a standalone schedule gives one lr, and these groups get different lrs; export one group at a time (one --lr)',
    );
  });

  it('refuses a LambdaLR factor of an absolute schedule for a group with lr 0', () => {
    expectThrows(
      () => exportCode('keras.ExponentialDecay(0.1, 10, 0.5)', { to: 'torch', lr: 0 }),
      LrkitError,
      "cannot export keras.ExponentialDecay to torch exactly: LambdaLR multiplies each group's initial lr, and group 0's lr is 0",
    );
  });

  it('checks the options', () => {
    expectThrows(
      () => exportCode('StepLR(step_size=10)', { to: 'torch', lr: [] }),
      LrkitError,
      'export: lr must give at least one param group, got []',
    );
    expectThrows(
      () => exportCode('StepLR(step_size=10)', { to: 'torch', lr: [0.1, -1] }),
      LrkitError,
      'export: lr of group 1 must be a finite number ≥ 0, got -1',
    );
    expectThrows(
      () => exportCode('StepLR(step_size=10)', { to: 'torch', standalone: true }),
      LrkitError,
      'export: standalone is for --to ts only, got --to torch',
    );
  });

  it('passes on the spec’s own errors', () => {
    expectThrows(
      () => exportCode('OneCycleLR(max_lr=[0.1, 0.01], total_steps=10)', { to: 'torch' }),
      LrkitError,
      'OneCycleLR: max_lr must have one value per param group (1 group), got [0.1, 0.01]',
    );
  });
});
