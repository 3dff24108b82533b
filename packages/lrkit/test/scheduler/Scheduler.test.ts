/** The stateful scheduler: stepping, groups, momentum, past-the-end policy and errors. */
import { describe, expect, it } from 'vitest';
import { Scheduler, SchedulerError, curve } from '../../src/index.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';

describe('Scheduler', () => {
  it('starts at index 0 and steps like PyTorch', () => {
    const s = new Scheduler('StepLR(step_size=2, gamma=0.5)', { lr: [1, 0.1] });
    expect(s.epoch).toBe(0);
    expect(s.lr).toEqual([1, 0.1]);
    s.step();
    s.step();
    expect(s.epoch).toBe(2);
    expect(s.lr).toEqual([0.5, 0.05]);
  });

  it('accepts a pasted line with the optimizer argument and torch prefix', () => {
    const s = new Scheduler('torch.optim.lr_scheduler.StepLR(optimizer, 10, gamma=0.5)', { lr: 1 });
    for (let i = 0; i < 10; i++) s.step();
    expect(s.lr).toEqual([0.5]);
  });

  it('accepts an inline Python lambda, a JSON spec and a TS object', () => {
    const a = curve('LambdaLR(optimizer, lr_lambda=lambda epoch: 0.5 ** epoch)', {
      lr: 1,
      steps: 3,
    });
    const b = curve('{"name": "LambdaLR", "params": {"lr_lambda": "lambda e: 0.5**e"}}', {
      lr: 1,
      steps: 3,
    });
    const c = curve(
      { name: 'LambdaLR', params: { lrLambda: (e: number) => 0.5 ** e } },
      { lr: 1, steps: 3 },
    );
    expect(a.lr).toEqual([[1, 0.5, 0.25, 0.125]]);
    expect(b.lr).toEqual(a.lr);
    expect(c.lr).toEqual(a.lr);
  });

  it('OneCycleLR: index total_steps holds the final value, never negative; stepping beyond throws or holds', () => {
    const spec = "OneCycleLR(max_lr=0.1, total_steps=10, anneal_strategy='linear')";
    const s = new Scheduler(spec, { lr: 0.1 });
    for (let k = 0; k < 9; k++) s.step();
    const final = s.lr[0]!;
    expect(close(final, 0.1 / 25 / 1e4)).toBe(true);
    s.step(); // index 10 = total_steps: PyTorch extrapolates (negative); lrkit holds
    expect(s.lr[0]).toBe(final);
    expect(() => s.step()).toThrow(
      new SchedulerError(
        'OneCycleLR: Tried to step 12 times. The specified number of total steps is 10',
      ),
    );
    expect(s.epoch).toBe(10); // a failed step changes nothing
    const h = new Scheduler(spec.replace(')', ", past_end='hold')"), { lr: 0.1 });
    for (let k = 0; k < 50; k++) h.step();
    expect(h.lr[0]).toBe(final);
    expect(h.momentum[0]).toBe(0.95);
  });

  it('CosineAnnealingWarmRestarts takes fractional epochs and keeps the fraction on step()', () => {
    const s = new Scheduler('CosineAnnealingWarmRestarts(T_0=10, T_mult=2)', { lr: 1 });
    s.stepTo(12.5); // cycle 2 (length 20) at 2.5
    expect(s.lr[0]).toBe((1 + Math.cos((Math.PI * 2.5) / 20)) / 2);
    s.step();
    expect(s.epoch).toBe(13.5);
    expect(s.lr[0]).toBe((1 + Math.cos((Math.PI * 3.5) / 20)) / 2);
  });

  it('ConstantLR with total_iters=0 has no constant phase (the closed-form reading)', () => {
    expect(curve('ConstantLR(factor=0.1, total_iters=0)', { lr: 0.1, steps: 3 }).lr).toEqual([
      [0.1, 0.1, 0.1, 0.1],
    ]);
  });

  it('LinearLR with total_iters=0 is end_factor throughout', () => {
    expect(
      curve('LinearLR(start_factor=0.5, end_factor=0.25, total_iters=0)', { lr: 1, steps: 2 }).lr,
    ).toEqual([[0.25, 0.25, 0.25]]);
  });

  it('SequentialLR: a milestone of 0 skips the first scheduler', () => {
    const out = curve(
      'SequentialLR(schedulers=[ConstantLR(factor=0.1, total_iters=5), ExponentialLR(gamma=0.5)], milestones=[0])',
      {
        lr: 1,
        steps: 3,
      },
    );
    expect(out.lr).toEqual([[1, 0.5, 0.25, 0.125]]);
  });

  it('SequentialLR holds OneCycleLR momentum after it hands over', () => {
    const out = curve(
      'SequentialLR(schedulers=[OneCycleLR(max_lr=0.1, total_steps=10), ConstantLR(factor=1, total_iters=0)], milestones=[10])',
      { lr: 0.1, steps: 12 },
    );
    const one = curve('OneCycleLR(max_lr=0.1, total_steps=10)', { lr: 0.1, steps: 9 });
    expect(out.momentum![0]!.slice(0, 10)).toEqual(one.momentum![0]);
    expect(out.momentum![0]![11]).toBe(one.momentum![0]![9]);
    expect(out.lr[0]![11]).toBe(0.1);
  });

  it('nested composites keep their own clocks', () => {
    const inner =
      'SequentialLR(schedulers=[LinearLR(start_factor=0.5, total_iters=2), ExponentialLR(gamma=0.5)], milestones=[2])';
    const out = curve(
      `SequentialLR(schedulers=[ConstantLR(factor=0.1, total_iters=10), ${inner}], milestones=[3])`,
      { lr: 1, steps: 7 },
    );
    expectSeriesClose(out.lr[0]!, [0.1, 0.1, 0.1, 0.5, 0.75, 1, 0.5, 0.25], 'nested');
  });

  it('MultiplicativeLR multiplies in PyTorch order and can jump ahead', () => {
    const s = new Scheduler("MultiplicativeLR(lr_lambda='lambda e: 0.9 if e % 2 else 1.0')", {
      lr: 1,
    });
    s.stepTo(5);
    let v = 1;
    for (let e = 1; e <= 5; e++) v = v * (e % 2 ? 0.9 : 1.0);
    expect(s.lr[0]).toBe(v);
  });

  it('ReduceLROnPlateau needs a metric, others refuse one', () => {
    const p = new Scheduler('ReduceLROnPlateau(patience=0)', { lr: 1 });
    expect(() => p.step()).toThrow(
      'ReduceLROnPlateau: step(metric) needs the metric it watches, got nothing',
    );
    p.step(1);
    p.step(1);
    expect(p.lr).toEqual([0.1]);
    p.step(NaN);
    expect(close(p.lr[0]!, 0.01)).toBe(true);
    const s = new Scheduler('StepLR(step_size=1)', { lr: 1 });
    expect(() => s.step(0.5)).toThrow(
      'StepLR: step() takes no metric (only ReduceLROnPlateau is driven by one), got 0.5',
    );
    expect(() => p.stepTo(3)).toThrow('ReduceLROnPlateau: is driven by a metric; use step(metric)');
  });

  it('CyclicLR cycles Adam beta1 the same way as SGD momentum', () => {
    const spec = 'CyclicLR(base_lr=0.001, max_lr=0.01, step_size_up=4)';
    const sgd = curve(spec, { lr: 0.1, steps: 16 });
    const adam = curve(spec, { lr: 0.1, steps: 16, optimizer: 'adam', momentum: 0.9 });
    expect(adam.momentum).toEqual(sgd.momentum);
    expect(Math.min(...adam.momentum![0]!)).toBe(0.8);
    expect(Math.max(...adam.momentum![0]!)).toBe(0.9);
  });

  it('curve checks its own inputs', () => {
    expect(() => curve('ReduceLROnPlateau()', { lr: 1, steps: 3, metrics: [1] })).toThrow(
      'ReduceLROnPlateau is driven by a metric: give 3 metrics (one per step), got 1',
    );
    expect(() => curve('StepLR(step_size=1)', { lr: 1, steps: 3, metrics: [1, 2, 3] })).toThrow(
      'StepLR is not driven by a metric',
    );
    expect(() => curve('StepLR(step_size=1)', { lr: 1, steps: -1 })).toThrow(
      'curve: steps must be a non-negative integer, got -1',
    );
  });
});

describe('MultiplicativeLR far from the start', () => {
  it('walks past its prefix table with the same products, in PyTorch order', () => {
    const spec = "MultiplicativeLR(lr_lambda='lambda e: 0.9999999 if e % 3 else 1.0000001')";
    const s = new Scheduler(spec, { lr: 1 });
    const k = 2 ** 20 + 5;
    s.stepTo(k);
    let v = 1;
    for (let e = 1; e <= k; e++) v = v * (e % 3 ? 0.9999999 : 1.0000001);
    expect(s.lr[0]).toBe(v);
    s.step();
    v = v * ((k + 1) % 3 ? 0.9999999 : 1.0000001);
    expect(s.lr[0]).toBe(v);
    s.stepTo(10);
    let w = 1;
    for (let e = 1; e <= 10; e++) w = w * (e % 3 ? 0.9999999 : 1.0000001);
    expect(s.lr[0]).toBe(w);
  });
});
