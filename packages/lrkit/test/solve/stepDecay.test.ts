/** The seed step-decay solver: the example, random round trips, every impossible request. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LrkitError, curve, solveStepDecay, toSchedule } from '../../src/index.js';
import { close } from '../helpers/tolerance.js';

describe('solveStepDecay', () => {
  it('reproduces the seed example: 0.1 → 1e-4 over 10^6 steps with 10^4 decays', () => {
    const s = solveStepDecay({ initial: 0.1, final: 1e-4, totalSteps: 1e6, updates: 1e4 });
    expect(s.gamma).toBeCloseTo(0.999309463003, 12);
    expect(close(s.gamma, (1e-4 / 0.1) ** (1 / 1e4), { rel: 1e-15 })).toBe(true);
    expect(s.step_size).toBe(100);
    expect(s.milestones.length).toBe(10000);
    expect(s.milestones.slice(0, 3)).toEqual([100, 200, 300]);
    expect(s.milestones.at(-1)).toBe(1e6);
    expect(s.note).toBeNull();
    expect(s.warnings).toEqual([]);
    expect(s.equivalents.torch.StepLR).toBe(`StepLR(optimizer, step_size=100, gamma=${s.gamma})`);
    expect(s.equivalents.keras).toBe(
      `keras.optimizers.schedules.ExponentialDecay(initial_learning_rate=0.1, decay_steps=100, decay_rate=${s.gamma}, staircase=True)`,
    );
    expect(s.equivalents.optax).toBe(
      `optax.exponential_decay(init_value=0.1, transition_steps=100, decay_rate=${s.gamma}, staircase=True)`,
    );
    // the schedule it names ends at η_final within 1e-12 at step M (and not before the last decay)
    const f = toSchedule(s.equivalents.lrkit.spec, s.equivalents.lrkit.lr);
    expect(close(f(1e6), 1e-4, { rel: 1e-12 })).toBe(true);
    expect(f(1e6 - 1)).toBeGreaterThan(1e-4);
    expect(
      close(toSchedule(`ExponentialLR(gamma=${s.gamma_per_step})`, 0.1)(1e6), 1e-4, { rel: 1e-9 }),
    ).toBe(true);
  });

  it('explains when M is not a multiple of m and gives milestones that end exactly at M', () => {
    const s = solveStepDecay({ initial: 0.1, final: 1e-3, totalSteps: 1000, updates: 3 });
    expect(s.step_size).toBe(333);
    expect(s.milestones).toEqual([333, 667, 1000]);
    expect(s.note).toBe(
      '1000 steps are not a multiple of 3 updates: StepLR(step_size=333) makes its last decay at step 999, 1 step(s) before the end; MultiStepLR with the milestones below (spaced 333 or 334 apart) ends exactly at step 1000.',
    );
    expect(s.equivalents.torch.StepLR).toBeNull();
    const out = curve(s.equivalents.lrkit.spec, { lr: 0.1, steps: 1000 }).lr[0]!;
    expect(close(out[1000]!, 1e-3)).toBe(true);
    expect(out[999]!).toBeGreaterThan(1e-3);
    for (const spec of [
      s.equivalents.keras.replace('keras.optimizers.schedules.', 'keras.'),
      s.equivalents.optax,
    ]) {
      expect(typeof spec).toBe('string');
    }
  });

  it('accepts gamma instead of final, and stepSize instead of updates', () => {
    const s = solveStepDecay({ initial: 1, gamma: 0.5, totalSteps: 100, stepSize: 25 });
    expect([s.updates, s.final, s.step_size]).toEqual([4, 0.0625, 25]);
  });

  it('warns when float32 cannot tell consecutive decays apart', () => {
    const s = solveStepDecay({ initial: 0.1, final: 0.0999, totalSteps: 1e7, updates: 1e6 });
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toMatch(
      /^gamma=0\.99999999\d+ is so close to 1 that float32 \(what TF\.js applies\) cannot tell decay 0 from decay 1/,
    );
  });

  it('property: solve, build the schedule, it ends at η_final within 1e-12 relative', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 10, noNaN: true }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 1, max: 50 }),
        (initial, ratio, m, n) => {
          const final = initial * ratio;
          const s = solveStepDecay({ initial, final, totalSteps: m * n, updates: m });
          const f = toSchedule(s.equivalents.lrkit.spec, initial);
          expect(
            close(f(m * n), final, { rel: 1e-12 }),
            `${s.equivalents.lrkit.spec}: ${f(m * n)} vs ${final}`,
          ).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  const impossible: [Parameters<typeof solveStepDecay>[0], string][] = [
    [
      { initial: 0.1, final: 0.2, totalSteps: 100, updates: 10 },
      'solveStepDecay: final must be ≤ initial (0.1) for a decay, got 0.2',
    ],
    [
      { initial: 0.1, final: 0.01, totalSteps: 10, updates: 20 },
      'solveStepDecay: updates must be ≤ totalSteps (10): at most one decay per step, got 20',
    ],
    [
      { initial: 0, final: 0.01, totalSteps: 10, updates: 2 },
      'solveStepDecay: initial must be a finite number > 0, got 0',
    ],
    [
      { initial: 0.1, final: -1, totalSteps: 10, updates: 2 },
      'solveStepDecay: final must be a finite number > 0, got -1',
    ],
    [
      { initial: 0.1, final: 0.01, totalSteps: 0, updates: 2 },
      'solveStepDecay: totalSteps must be a positive integer, got 0',
    ],
    [
      { initial: 0.1, final: 0.01, totalSteps: 10, updates: 0 },
      'solveStepDecay: updates must be a positive integer, got 0',
    ],
    [
      { initial: 0.1, final: 0.01, totalSteps: 10, updates: 2.5 },
      'solveStepDecay: updates must be a positive integer, got 2.5',
    ],
    [
      { initial: 0.1, final: 0.01, totalSteps: 10 },
      'solveStepDecay: give updates (m) or stepSize (n)',
    ],
    [
      { initial: 0.1, totalSteps: 10, updates: 2 },
      'solveStepDecay: give exactly one of final (η_final) and gamma',
    ],
    [
      { initial: 0.1, gamma: 1.5, totalSteps: 10, updates: 2 },
      'solveStepDecay: gamma must be in (0, 1] for a decay, got 1.5',
    ],
    [
      { initial: 0.1, final: 0.01, totalSteps: 10, stepSize: 20 },
      'solveStepDecay: stepSize must be ≤ totalSteps (10), got 20',
    ],
  ];
  for (const [input, message] of impossible) {
    it(`rejects: ${message}`, () => {
      expect(() => solveStepDecay(input)).toThrow(LrkitError);
      expect(() => solveStepDecay(input)).toThrow(message);
    });
  }
});
