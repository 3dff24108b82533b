import { describe, expect, it } from 'vitest';
import { rangeTest, rangeTestPlotSvg } from '../../src/rangeTest/index.js';
import { plotArea, seriesPoints } from '../plot/readback.js';
import { findAll, parseXml } from '../plot/xml.js';

async function sweep() {
  let w = 5;
  return rangeTest({
    trainStep: (lr) => {
      const loss = 0.35 * w * w;
      w -= lr * 0.7 * w;
      return loss;
    },
    endLr: 1000,
    validate: () => 0.35 * w * w,
  });
}

describe('rangeTestPlotSvg', () => {
  it('raw, smoothed and validation loss on a log lr axis, with suggestions and the recommendation marked', async () => {
    const result = await sweep();
    const svg = rangeTestPlotSvg(result);
    const root = parseXml(svg);
    const area = plotArea(root);
    expect(area.xLog).toBe(true);
    expect(area.xMin).toBe(result.lrs[0]);
    expect(area.xMax).toBe(result.lrs[result.lrs.length - 1]);
    const smoothed = seriesPoints(svg, 'smoothed loss').flat();
    expect(smoothed).toHaveLength(result.lrs.length);
    expect(seriesPoints(svg, 'loss').flat()).toHaveLength(result.lrs.length);
    expect(seriesPoints(svg, 'validation loss').flat()).toHaveLength(result.lrs.length);
    const labels = findAll(root, 'g', { class: 'marker' }).map((g) => g.attrs['data-label']!);
    expect(labels.map((l) => l.split(' ')[0])).toEqual([
      'steepest',
      'min÷10',
      'valley',
      'slide',
      'recommended',
    ]);
    const rec = findAll(root, 'g', { class: 'marker' })[4]!;
    expect(Number(rec.attrs['data-x'])).toBe(result.recommended.lr);
    // the blow-up is clamped: nothing drawn above 1.3 × the highest smoothed loss before the minimum
    const sm = result.smoothedLosses;
    const m = sm.indexOf(Math.min(...sm));
    const cap = 1.3 * Math.max(...sm.slice(0, m + 1));
    expect(Math.max(...sm)).toBeGreaterThan(cap);
    for (const name of ['loss', 'smoothed loss']) {
      const top = Math.max(
        ...seriesPoints(svg, name)
          .flat()
          .map((p) => p[1]),
      );
      expect(top, name).toBeLessThanOrEqual(cap * (1 + 1e-3));
      expect(top, name).toBeGreaterThanOrEqual(cap * (1 - 1e-3));
    }
  });

  it('a linear sweep gets a linear axis; options override the defaults', async () => {
    const result = await rangeTest({
      trainStep: (lr) => 1 / lr,
      startLr: 0.1,
      endLr: 1,
      numIter: 10,
      mode: 'linear',
    });
    const svg = rangeTestPlotSvg(result, { title: 'mine', theme: 'dark' });
    expect(plotArea(parseXml(svg)).xLog).toBe(false);
    expect(svg).toContain('<title>mine</title>');
  });

  it('an empty (aborted) result still renders', async () => {
    const result = await rangeTest({ trainStep: () => 1, signal: AbortSignal.abort() });
    const root = parseXml(rangeTestPlotSvg(result));
    expect(findAll(root, 'polyline')).toHaveLength(0);
  });
});
