/**
 * Every family's reference spec resumes bit-identically from its saved state alone: save at the
 * middle of the recorded run, JSON round trip, Scheduler.fromState, continue.
 */
import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../src/index.js';
import { familyCaseInput, familyGolden } from '../helpers/golden.js';

describe('family specs resume from saved state', () => {
  for (const c of familyGolden().cases) {
    it(c.name, () => {
      const { spec, options } = familyCaseInput(c);
      const split = Math.floor(c.steps / 2);
      const step = (s: Scheduler, k: number) =>
        s.metricDriven ? s.step(options.metrics![k - 1]!) : s.step();
      const straight = new Scheduler(spec, options);
      for (let k = 1; k <= split; k++) step(straight, k);
      const resumed = Scheduler.fromState(JSON.parse(JSON.stringify(straight.state())));
      for (let k = split + 1; k <= c.steps; k++) {
        step(straight, k);
        step(resumed, k);
        expect(resumed.lr, `${c.name} at ${k}`).toEqual(straight.lr);
        expect(resumed.momentum, `${c.name} momentum at ${k}`).toEqual(straight.momentum);
      }
    });
  }
});
