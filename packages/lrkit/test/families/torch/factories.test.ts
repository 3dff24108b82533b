/** The typed PyTorch factories give the same schedulers as the spec text they stand for. */
import { describe, expect, it } from 'vitest';
import { curve, specText, torch } from '../../../src/index.js';

describe('torch factories', () => {
  const pairs: [ReturnType<typeof torch.stepLR>, string][] = [
    [torch.stepLR({ stepSize: 10, gamma: 0.5 }), 'StepLR(step_size=10, gamma=0.5)'],
    [torch.multiStepLR({ milestones: [3, 3, 8] }), 'MultiStepLR(milestones=[3, 3, 8])'],
    [torch.constantLR({ factor: 0.5, totalIters: 4 }), 'ConstantLR(factor=0.5, total_iters=4)'],
    [
      torch.linearLR({ startFactor: 0.1, totalIters: 4 }),
      'LinearLR(start_factor=0.1, total_iters=4)',
    ],
    [torch.exponentialLR({ gamma: 0.9 }), 'ExponentialLR(gamma=0.9)'],
    [torch.polynomialLR({ totalIters: 8, power: 2 }), 'PolynomialLR(total_iters=8, power=2.0)'],
    [
      torch.cosineAnnealingLR({ tMax: 10, etaMin: 0.001 }),
      'CosineAnnealingLR(T_max=10, eta_min=0.001)',
    ],
    [
      torch.cosineAnnealingWarmRestarts({ t0: 5, tMult: 2 }),
      'CosineAnnealingWarmRestarts(T_0=5, T_mult=2)',
    ],
    [
      torch.cyclicLR({ baseLr: 0.01, maxLr: 0.1, stepSizeUp: 4, mode: 'triangular2' }),
      "CyclicLR(base_lr=0.01, max_lr=0.1, step_size_up=4, mode='triangular2')",
    ],
    [
      torch.oneCycleLR({ maxLr: 0.1, totalSteps: 30, threePhase: true }),
      'OneCycleLR(max_lr=0.1, total_steps=30, three_phase=True)',
    ],
    [torch.lambdaLR({ lrLambda: 'lambda e: 0.9**e' }), "LambdaLR(lr_lambda='lambda e: 0.9**e')"],
    [
      torch.multiplicativeLR({ lrLambda: 'lambda e: 0.9' }),
      "MultiplicativeLR(lr_lambda='lambda e: 0.9')",
    ],
    [
      torch.sequentialLR({
        schedulers: [
          torch.linearLR({ startFactor: 0.5, totalIters: 2 }),
          'ExponentialLR(gamma=0.9)',
        ],
        milestones: [2],
      }),
      'SequentialLR(schedulers=[LinearLR(start_factor=0.5, total_iters=2), ExponentialLR(gamma=0.9)], milestones=[2])',
    ],
    [
      torch.chainedScheduler({
        schedulers: ['StepLR(step_size=3)', torch.exponentialLR({ gamma: 0.95 })],
      }),
      'ChainedScheduler(schedulers=[StepLR(step_size=3), ExponentialLR(gamma=0.95)])',
    ],
  ];
  for (const [bound, text] of pairs) {
    it(text, () => {
      expect(specText(bound)).toBe(specText(text));
      expect(curve(bound, { lr: 0.1, steps: 30 })).toEqual(curve(text, { lr: 0.1, steps: 30 }));
    });
  }

  it('reduceLROnPlateau takes camelCase too', () => {
    const metrics = [1, 1, 1, 1, 0.5, 0.5, 0.5];
    expect(
      curve(torch.reduceLROnPlateau({ patience: 1, thresholdMode: 'abs', minLr: 0.01 }), {
        lr: 0.1,
        steps: 7,
        metrics,
      }),
    ).toEqual(
      curve("ReduceLROnPlateau(patience=1, threshold_mode='abs', min_lr=0.01)", {
        lr: 0.1,
        steps: 7,
        metrics,
      }),
    );
  });

  it('validation is the registry’s', () => {
    expect(() => torch.stepLR({ stepSize: 0 })).toThrow(
      'StepLR: step_size must be a positive integer, got 0',
    );
    expect(() => torch.stepLR({ stepSize: 1, gama: 0.5 } as never)).toThrow(
      "StepLR: unknown parameter 'gama'; did you mean 'gamma'?",
    );
  });
});
