/**
 * `--to torch` under real PyTorch (Debian's python3-torch, when /usr/bin/python3 can import
 * torch): a real SGD optimizer (momentum 0.9) with the example's param-group lrs, the exported
 * code exec'd against it, N × (optimizer.step(); scheduler.step()), and every group's lr (and, for
 * PyTorch's own cycling schedulers, momentum) compared with lrkit's curve within 1e-12 relative.
 * Index k is the value after k scheduler.step() calls, as in lrkit's curve (README); OneCycleLR
 * examples stop before total_steps, where PyTorch extrapolates and lrkit holds.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { curve } from '../../src/index.js';
import { exportCode } from '../../src/export/index.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';
import { examples } from './examples.js';
import { hasTorch, noTorchReason, runPython, type PyJob, type PyResult } from './harness.js';

/** Specs whose native PyTorch class knowingly differs from lrkit (the export says so in a WARNING). */
// (none today: ChainedScheduler's divergent cases are described, so they run lrkit's closed form
// under LambdaLR, and are checked exactly like every other example)
const warned = new Set<string>([]);

const cases = examples.flatMap((ex) => {
  try {
    return [{ ex, code: exportCode(ex.spec, { to: 'torch', lr: ex.lr }) }];
  } catch {
    return []; // refusals are checked in python.test.ts
  }
});

describe.skipIf(!hasTorch)(
  `export --to torch under real PyTorch${hasTorch ? '' : ` (skipped: ${noTorchReason})`}`,
  () => {
    let results: PyResult[] = [];
    beforeAll(() => {
      const jobs: PyJob[] = cases.map(({ ex, code }) => ({
        mode: 'torch',
        code,
        lr: ex.lr,
        steps: ex.steps,
        metrics: ex.metrics,
      }));
      results = runPython(jobs);
    });

    cases.forEach(({ ex, code }, i) => {
      it(`${ex.spec} (lr ${ex.lr.join(', ')})`, () => {
        const r = results[i]!;
        expect(r.error, code).toBeUndefined();
        const expected = curve(ex.spec, {
          lr: [...ex.lr],
          steps: ex.steps,
          momentum: 0.9,
          ...(ex.metrics ? { metrics: [...ex.metrics] } : {}),
        });
        if (code.includes('# WARNING:')) {
          expect(warned.has(ex.spec), `unexpected WARNING:\n${code}`).toBe(true);
          // the warning is true: PyTorch's values differ from lrkit's somewhere
          const differs = r.lr!.some((got, g) =>
            got.some((v, k) => !close(v, expected.lr[g]![k]!, { rel: 1e-6 })),
          );
          expect(differs, 'the WARNING claims a difference that PyTorch does not show').toBe(true);
          return;
        }
        expect(warned.has(ex.spec), 'expected a WARNING').toBe(false);
        r.lr!.forEach((got, g) => expectSeriesClose(got, expected.lr[g]!, `${ex.spec}: lr[${g}]`));
        const native = !/^scheduler = LambdaLR\(/m.test(code);
        if (native && expected.momentum) {
          r.momentum!.forEach((got, g) =>
            expectSeriesClose(got, expected.momentum![g]!, `${ex.spec}: momentum[${g}]`),
          );
        }
      });
    });
  },
);

describe.runIf(!hasTorch)('export --to torch under real PyTorch', () => {
  it(`is skipped: ${noTorchReason}`, () => {
    console.info(`test/export/torch.test.ts skipped: ${noTorchReason}`);
  });
});
