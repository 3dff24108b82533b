import { describe, expect, it } from 'vitest';
import { LrkitError, ParameterError, UnknownNameError } from '../../src/errors.js';
import { rangeTest, type RangeTestOptions } from '../../src/rangeTest/index.js';
import { expectSeriesClose } from '../helpers/tolerance.js';

/** Asserts that `promise` rejects with an instance of `type` whose message is exactly `message`. */
async function expectRejects(
  promise: Promise<unknown>,
  type: new (...args: never[]) => Error,
  message: string,
) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  expect((error as Error).message).toBe(message);
}

/** Busy work for `ms` of wall time: a synchronous step that never gives the event loop a turn. */
function busyWait(ms: number) {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

/** f(w) = 0.7·w²/2 by gradient descent from w = 5; diverges for lr > 2/0.7. Returns the loss before the step. */
function scalarGd(w0 = 5) {
  let w = w0;
  return (lr: number) => {
    const loss = (0.7 * w * w) / 2;
    w -= lr * 0.7 * w;
    return loss;
  };
}

describe('rangeTest: the sweep', () => {
  it('exp mode: lr_i = start·(end/start)^(i/(n−1)), ending exactly at endLr', async () => {
    const seen: number[] = [];
    const r = await rangeTest({
      trainStep: (lr) => (seen.push(lr), 1),
      startLr: 1e-4,
      endLr: 1,
      numIter: 5,
    });
    expectSeriesClose(r.lrs, [1e-4, 1e-3, 1e-2, 1e-1, 1], 'lrs', { rel: 1e-14 });
    expect(seen).toEqual(r.lrs);
    expect(r.lrs[4]).toBe(1);
    expect(r.stopReason).toBe('completed');
    expect(r.stopDetail).toBe('the sweep reached endLr 1 after 5 iterations');
  });

  it('linear mode: lr_i = start + (end − start)·i/(n−1)', async () => {
    const r = await rangeTest({
      trainStep: () => 1,
      startLr: 0.1,
      endLr: 0.5,
      numIter: 5,
      mode: 'linear',
    });
    expectSeriesClose(r.lrs, [0.1, 0.2, 0.3, 0.4, 0.5], 'lrs', { rel: 1e-14 });
  });

  it("smooths with fastai's debiased EMA: s_i = a_i / (1 − β^(i+1))", async () => {
    const losses = [4, 2, 3, 1];
    let i = 0;
    const r = await rangeTest({
      trainStep: () => losses[i++]!,
      numIter: 4,
      smoothing: 0.5,
      divergeThreshold: Infinity,
    });
    // a = 2, 2, 2.5, 1.75; debiased by 1 − 0.5^(i+1) = 0.5, 0.75, 0.875, 0.9375
    expectSeriesClose(r.smoothedLosses, [4, 8 / 3, 2.5 / 0.875, 1.75 / 0.9375], 'smoothed', {
      rel: 1e-14,
    });
    expect(r.losses).toEqual(losses);
  });

  it('smoothing 0 leaves the loss as it is', async () => {
    let i = 0;
    const r = await rangeTest({ trainStep: () => [3, 2, 1][i++]!, numIter: 3, smoothing: 0 });
    expect(r.smoothedLosses).toEqual([3, 2, 1]);
  });

  it('accepts an async trainStep and passes the iteration', async () => {
    const iterations: number[] = [];
    const r = await rangeTest({
      trainStep: async (_lr, i) => {
        iterations.push(i);
        await Promise.resolve();
        return 1;
      },
      numIter: 3,
    });
    expect(iterations).toEqual([0, 1, 2]);
    expect(r.losses).toEqual([1, 1, 1]);
  });
});

describe('rangeTest: stopping', () => {
  it("stops when the smoothed loss exceeds divergeThreshold × its best ('diverged')", async () => {
    const r = await rangeTest({ trainStep: scalarGd(), startLr: 1e-3, endLr: 100, numIter: 100 });
    expect(r.stopReason).toBe('diverged');
    const last = r.smoothedLosses.length - 1;
    const best = Math.min(...r.smoothedLosses);
    expect(r.smoothedLosses[last]!).toBeGreaterThan(4 * best);
    // one step earlier it had not yet crossed the threshold
    expect(r.smoothedLosses[last - 1]!).toBeLessThanOrEqual(
      4 * Math.min(...r.smoothedLosses.slice(0, last)),
    );
    expect(r.lrs.length).toBeLessThan(100);
    expect(r.stopDetail).toMatch(
      /^the smoothed loss .* exceeded 4 × its best .* at lr .* \(iteration \d+\)$/,
    );
  });

  it("stops at a NaN or infinite loss ('non-finite') without recording it", async () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      let i = 0;
      const r = await rangeTest({ trainStep: () => (i++ === 6 ? bad : 1), numIter: 20 });
      expect(r.stopReason).toBe('non-finite');
      expect(r.losses).toEqual([1, 1, 1, 1, 1, 1]);
      expect(r.lrs).toHaveLength(6);
      expect(r.stopDetail).toMatch(new RegExp(`^the loss was ${bad} at lr .* \\(iteration 6\\)$`));
    }
  });

  it("stops between iterations when the signal is aborted ('aborted') and returns what it has", async () => {
    const controller = new AbortController();
    const r = await rangeTest({
      trainStep: (_lr, i) => {
        if (i === 9) controller.abort();
        return 1 / (i + 1);
      },
      signal: controller.signal,
    });
    expect(r.stopReason).toBe('aborted');
    expect(r.lrs).toHaveLength(10);
    expect(r.stopDetail).toBe('the sweep was aborted after 10 of 100 iterations');
  });

  it('an abort from a timer stops a sweep whose trainStep never gives the event loop a turn', async () => {
    // trainStep does ~1 ms of synchronous work: without the sweep's own macrotask yields the
    // timer could only fire after all 100,000 iterations (the guard makes that fail fast)
    for (const kind of ['sync', 'async'] as const) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 5);
      let calls = 0;
      const work = () => {
        calls += 1;
        if (calls > 2000) throw new Error('the timer abort was never seen');
        busyWait(1);
        return 1;
      };
      const r = await rangeTest({
        trainStep: kind === 'sync' ? work : async () => work(),
        numIter: 100_000,
        signal: controller.signal,
      });
      expect(r.stopReason, kind).toBe('aborted');
      expect(r.lrs).toHaveLength(calls);
      expect(calls, kind).toBeLessThan(1000);
      expect(r.stopDetail).toBe(`the sweep was aborted after ${calls} of 100000 iterations`);
    }
  });

  it('AbortSignal.timeout stops a synchronous sweep too', async () => {
    let calls = 0;
    const r = await rangeTest({
      trainStep: () => {
        calls += 1;
        if (calls > 2000) throw new Error('the timeout abort was never seen');
        busyWait(1);
        return 1;
      },
      numIter: 100_000,
      signal: AbortSignal.timeout(5),
    });
    expect(r.stopReason).toBe('aborted');
    expect(calls).toBeLessThan(1000);
  });

  it('an already aborted signal runs no step at all', async () => {
    let calls = 0;
    const r = await rangeTest({ trainStep: () => ++calls, signal: AbortSignal.abort() });
    expect(calls).toBe(0);
    expect(r.stopReason).toBe('aborted');
    expect(r.lrs).toEqual([]);
    expect(r.recommended.lr).toBeNull();
    expect(r.suggestions.valley.lr).toBeNull();
  });

  it('an error thrown by trainStep (sync or async) rejects with that same error', async () => {
    const boom = new Error('out of memory');
    const sync = rangeTest({
      trainStep: (_lr, i) =>
        i === 3
          ? (() => {
              throw boom;
            })()
          : 1,
    });
    await expect(sync).rejects.toBe(boom);
    const asyncStep = rangeTest({
      trainStep: async (_lr, i) => {
        if (i === 2) throw boom;
        return 1;
      },
    });
    await expect(asyncStep).rejects.toBe(boom);
  });

  it('errors from validate and onProgress propagate too', async () => {
    const boom = new Error('callback failed');
    await expect(
      rangeTest({
        trainStep: () => 1,
        validate: () => {
          throw boom;
        },
      }),
    ).rejects.toBe(boom);
    await expect(
      rangeTest({
        trainStep: () => 1,
        onProgress: () => {
          throw boom;
        },
      }),
    ).rejects.toBe(boom);
  });

  it('a trainStep that does not return a number is an error, not a silent NaN', async () => {
    await expectRejects(
      rangeTest({ trainStep: (() => ({ loss: 1 })) as unknown as RangeTestOptions['trainStep'] }),
      LrkitError,
      'rangeTest: trainStep must return the loss as a number (or a promise of one), got object at iteration 0',
    );
  });
});

describe('rangeTest: divergence when the best smoothed loss is ≤ 0', () => {
  it('a loss shifted below 0 diverges where the same loss above 0 does (scale |best|)', async () => {
    const above = await rangeTest({ trainStep: (lr) => 2 + lr * lr, numIter: 100, endLr: 100 });
    const below = await rangeTest({ trainStep: (lr) => -2 + lr * lr, numIter: 100, endLr: 100 });
    expect(above.stopReason).toBe('diverged');
    expect(below.stopReason).toBe('diverged');
    expect(above.lrs).toHaveLength(89);
    expect(below.lrs).toHaveLength(89);
    expect(above.stopDetail).toBe(
      'the smoothed loss 8.75 exceeded 4 × its best 2.00 at lr 10 (iteration 88)',
    );
    expect(below.stopDetail).toBe(
      'the smoothed loss 4.75 rose above its best -2.00 by more than 3 × 2.00 ' +
        '(= max(|best|, first smoothed loss − best), the scale for a best ≤ 0) at lr 10 (iteration 88)',
    );
    // the rule, by formula: s − best > (k − 1)·max(|best|, s₀ − best) first holds at the last point
    const s = below.smoothedLosses;
    const crossed = (i: number) => {
      const best = Math.min(...s.slice(0, i + 1));
      return s[i]! - best > 3 * Math.max(-best, s[0]! - best);
    };
    expect(crossed(88)).toBe(true);
    expect(s.slice(0, 88).some((_, i) => crossed(i))).toBe(false);
  });

  it('a loss that fell from far above 0 to just below it is measured by that fall', async () => {
    // best −0.01, first 5: scale max(0.01, 5.01) = 5.01, so it stops above −0.01 + 3·5.01 = 15.02
    const losses = [5, 1, -0.01, 0.5, 10, 14, 16, 20];
    let i = 0;
    const r = await rangeTest({ trainStep: () => losses[i++]!, numIter: 8, smoothing: 0 });
    expect(r.stopReason).toBe('diverged');
    expect(r.losses).toEqual([5, 1, -0.01, 0.5, 10, 14, 16]);
    expect(r.stopDetail).toMatch(
      /^the smoothed loss 16\.0 rose above its best -0\.0100 by more than 3 × 5\.01 /,
    );
  });

  it('positive losses keep the k × best rule; an all-zero loss so far has no scale', async () => {
    let i = 0;
    const pos = [1, 0.5, 1.9, 2.1, 3];
    const r = await rangeTest({ trainStep: () => pos[i++]!, numIter: 5, smoothing: 0 });
    expect(r.losses).toEqual([1, 0.5, 1.9, 2.1]); // 2.1 > 4 × 0.5
    i = 0;
    const zeros = [0, 0, 0, 5];
    const z = await rangeTest({ trainStep: () => zeros[i++]!, numIter: 4, smoothing: 0 });
    expect(z.stopReason).toBe('completed');
  });

  it('divergeThreshold Infinity never stops, whatever the sign', async () => {
    const r = await rangeTest({
      trainStep: (lr) => -2 + lr * lr,
      numIter: 100,
      endLr: 100,
      divergeThreshold: Infinity,
    });
    expect(r.stopReason).toBe('completed');
  });
});

describe('rangeTest: callbacks and validation loss', () => {
  it('calls onProgress after every iteration with lr, loss and smoothed loss', async () => {
    const progress: unknown[] = [];
    let i = 0;
    await rangeTest({
      trainStep: () => [2, 1, 1][i++]!,
      startLr: 0.01,
      endLr: 1,
      numIter: 3,
      smoothing: 0,
      onProgress: (p) => progress.push(p),
    });
    expect(progress).toEqual([
      { iteration: 0, numIter: 3, lr: 0.01, loss: 2, smoothedLoss: 2 },
      { iteration: 1, numIter: 3, lr: expect.closeTo(0.1, 12) as number, loss: 1, smoothedLoss: 1 },
      { iteration: 2, numIter: 3, lr: 1, loss: 1, smoothedLoss: 1 },
    ]);
  });

  it('records validate(lr) at each iteration', async () => {
    const r = await rangeTest({
      trainStep: () => 1,
      validate: async (lr) => lr * 10,
      startLr: 0.1,
      endLr: 0.3,
      numIter: 3,
      mode: 'linear',
    });
    expectSeriesClose(r.validationLosses!, [1, 2, 3], 'validation', { rel: 1e-14 });
    const without = await rangeTest({ trainStep: () => 1, numIter: 2 });
    expect('validationLosses' in without).toBe(false);
  });
});

describe('rangeTest: result', () => {
  it('on f(w) = 0.7·w²/2 (edge lr = 2/0.7) recommends a safe lr and explains it', async () => {
    const r = await rangeTest({ trainStep: scalarGd(), endLr: 1000 });
    expect(r.stopReason).toBe('diverged');
    expect(r.recommended.lr!).toBeLessThan(2 / 0.7);
    expect(r.recommended.lr!).toBeGreaterThan(0.05 / 0.7);
    expect(r.recommended.reason.length).toBeGreaterThan(20);
    for (const s of Object.values(r.suggestions)) {
      expect(s.lr).not.toBeNull();
      expect(r.lrs[s.index!]).toBeDefined();
    }
    expect(r.settings).toEqual({
      startLr: 1e-7,
      endLr: 1000,
      numIter: 100,
      mode: 'exp',
      smoothing: 0.98,
      divergeThreshold: 4,
      adaptive: false,
    });
    // the result is plain JSON
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('adaptive: the recommendation is the lr of the smoothed minimum ÷ 10', async () => {
    const r = await rangeTest({ trainStep: scalarGd(), endLr: 1000, adaptive: true });
    const skip = Math.floor(r.lrs.length / 10);
    const s = r.smoothedLosses.slice(skip);
    const m = skip + s.indexOf(Math.min(...s));
    expect(r.recommended.lr).toBe(r.lrs[m]! / 10);
    expect(r.recommended.reason).toMatch(
      /^One tenth of the lr where the smoothed loss was lowest \(.*\), the rule for adaptive optimizers\.$/,
    );
    expect(r.settings.adaptive).toBe(true);
  });

  it('a flat loss gives no suggestion, with reasons', async () => {
    const r = await rangeTest({ trainStep: () => 1, numIter: 30 });
    expect(r.recommended.lr).toBeNull();
    expect(r.suggestions.steepest).toEqual({
      lr: null,
      index: null,
      reason: 'the loss never decreased during the sweep',
    });
  });
});

describe('rangeTest: unknown option names are errors', () => {
  it('names the option and the closest known one', async () => {
    await expectRejects(
      rangeTest({ trainStep: () => 1, numIters: 10 } as unknown as RangeTestOptions),
      UnknownNameError,
      "rangeTest: unknown option 'numIters'; did you mean 'numIter'?",
    );
    await expectRejects(
      rangeTest({ trainStep: () => 1, onprogress: () => {} } as unknown as RangeTestOptions),
      UnknownNameError,
      "rangeTest: unknown option 'onprogress'; did you mean 'onProgress'?",
    );
  });
  it('lists the known options when none is close', async () => {
    await expectRejects(
      rangeTest({ trainStep: () => 1, batchSize: 32 } as unknown as RangeTestOptions),
      UnknownNameError,
      "rangeTest: unknown option 'batchSize'; known options: trainStep, startLr, endLr, numIter, mode, smoothing, divergeThreshold, validate, signal, onProgress, adaptive",
    );
  });
});

describe('rangeTest: options are validated', () => {
  const step = () => 1;
  it.each([
    [{ trainStep: 1 }, 'rangeTest: trainStep must be a function (lr) => loss, got 1'],
    [{ trainStep: step, startLr: 0 }, 'rangeTest: startLr must be a finite number > 0, got 0'],
    [{ trainStep: step, startLr: -1 }, 'rangeTest: startLr must be a finite number > 0, got -1'],
    [
      { trainStep: step, endLr: 1e-8 },
      'rangeTest: endLr must be a finite number > startLr (1e-7), got 1e-8',
    ],
    [
      { trainStep: step, endLr: Infinity },
      'rangeTest: endLr must be a finite number > startLr (1e-7), got Infinity',
    ],
    [{ trainStep: step, numIter: 1 }, 'rangeTest: numIter must be an integer ≥ 2, got 1'],
    [{ trainStep: step, numIter: 2.5 }, 'rangeTest: numIter must be an integer ≥ 2, got 2.5'],
    [{ trainStep: step, mode: 'log' }, "rangeTest: mode must be 'exp' or 'linear', got 'log'"],
    [{ trainStep: step, smoothing: 1 }, 'rangeTest: smoothing must be in [0, 1), got 1'],
    [
      { trainStep: step, divergeThreshold: 1 },
      'rangeTest: divergeThreshold must be a number > 1 (Infinity: never stop), got 1',
    ],
    [
      { trainStep: step, validate: 'x' },
      "rangeTest: validate must be a function (lr) => loss, got 'x'",
    ],
    [{ trainStep: step, signal: {} }, 'rangeTest: signal must be an AbortSignal, got {}'],
    [{ trainStep: step, onProgress: 3 }, 'rangeTest: onProgress must be a function, got 3'],
    [{ trainStep: step, adaptive: 1 }, 'rangeTest: adaptive must be true or false, got 1'],
  ])('%j', async (options, message) => {
    await expectRejects(rangeTest(options as unknown as RangeTestOptions), ParameterError, message);
  });
});
