/**
 * `lrkit demo`, run as a spawned process with one epoch and a short range test (the real default,
 * 8 epochs and 100 iterations, is what the README times): the JSON result, the report files, and
 * the text summary.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseXml } from '../../lrkit/test/plot/xml.js';
import { lrkit } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'lrkit-demo-'));

interface Run {
  trainLoss: number;
  testLoss: number;
  testAccuracy: number;
  epochs: { loss: number; acc: number; valLoss: number; valAcc: number }[];
  lr: number[];
  momentum: number[];
  batchLoss: number[];
}

describe('lrkit demo', () => {
  let j: {
    epochs: number;
    stepsPerEpoch: number;
    rangeTest: { recommended: { lr: number } };
    schedule: { spec: string; peakLr: number };
    runs: { oneCycle: Run; constant: Run };
    report: Record<string, string>;
  };
  beforeAll(() => {
    const r = lrkit([
      'demo',
      '--epochs',
      '1',
      '--num-iter',
      '30',
      '--out',
      join(dir, 'report'),
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    j = JSON.parse(r.stdout);
  });

  it('builds OneCycleLR from the range test and trains both runs from the same start', () => {
    expect(j.epochs).toBe(1);
    expect(j.stepsPerEpoch).toBe(63); // ⌈4000 / 64⌉
    const peak = j.rangeTest.recommended.lr;
    expect(j.schedule.peakLr).toBeCloseTo(peak, 5);
    expect(j.schedule.spec).toBe(
      `OneCycleLR(max_lr=${Number(peak.toPrecision(6))}, total_steps=63)`,
    );
    const one = j.runs.oneCycle;
    const flat = j.runs.constant;
    // the lr the optimizer had at each of the 63 batches
    expect(one.lr).toHaveLength(63);
    expect(one.lr[0]).toBeCloseTo(peak / 25, 6); // OneCycleLR starts at max_lr / div_factor
    expect(Math.max(...one.lr)).toBeCloseTo(peak, 4);
    expect(one.momentum[0]).toBeCloseTo(0.95, 6); // and cycles momentum from max_momentum
    expect(Math.min(...one.momentum)).toBeCloseTo(0.85, 2);
    expect(new Set(flat.lr)).toEqual(new Set([j.schedule.peakLr]));
    expect(new Set(flat.momentum.map((m) => Number(m.toFixed(6))))).toEqual(new Set([0.9]));
    // same seed: the first batch's loss (before any update) is the same for both runs
    expect(one.batchLoss[0]).toBeCloseTo(flat.batchLoss[0]!, 5);
    // one epoch of training on digits gets well above chance (10%)
    for (const run of [one, flat]) {
      expect(run.epochs).toHaveLength(1);
      expect(run.testAccuracy).toBeGreaterThan(0.5);
      expect(run.testAccuracy).toBe(run.epochs[0]!.valAcc);
    }
  });

  it('writes report.html with the four charts inline and the table, and report.md with SVGs', () => {
    const html = readFileSync(j.report.html!, 'utf8');
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(4);
    for (const s of svgs) expect(parseXml(s).name).toBe('svg');
    expect(html).toContain('Learning-rate range test');
    expect(html).toContain('<table class="summary">');
    expect(html).toContain(`<td class="l">${j.schedule.spec}</td>`);
    const md = readFileSync(j.report.markdown!, 'utf8');
    expect(md).toContain(`| one-cycle | ${j.schedule.spec} |`);
    for (const f of ['range-test.svg', 'schedule.svg', 'loss.svg', 'accuracy.svg']) {
      expect(md).toContain(`](${f})`);
      expect(existsSync(join(dir, 'report', f))).toBe(true);
    }
  });

  it('text: the range test, the schedule and the table of both runs', () => {
    const r = lrkit(['demo', '--epochs', '1', '--num-iter', '20', '--out', join(dir, 't')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^lrkit demo — 4000 training and 1000 test digits/);
    expect(r.stdout).toMatch(/^2\. Schedule: OneCycleLR\(max_lr=[\d.e-]+, total_steps=63\)/m);
    expect(r.stdout).toMatch(
      /^one-cycle +OneCycleLR\(.*\) +\d\.\d{4} +\d\.\d{4} +\d+\.\d\d% +\d+\.\d\d% +\d+\.\d$/m,
    );
    expect(r.stdout).toMatch(/^constant +constant lr [\d.e-]+ +\d\.\d{4}/m);
    expect(r.stdout).toContain(`report: ${join(dir, 't', 'report.html')}`);
  });

  it('usage errors exit 2', () => {
    const r = lrkit(['demo', '--epochs', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "lrkit demo: error: --epochs: expected an integer in [1, 1000], got '0'\n",
    );
  });
});
