/**
 * plotSvg: the document is well-formed XML (checked by a strict reader), every polyline point maps
 * back to its data point through the plot-area attributes, and text can never inject markup.
 */
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/errors.js';
import { plotSvg, type PlotSeries } from '../../src/plot/index.js';
import { expectThrows } from '../helpers/errors.js';
import { close } from '../helpers/tolerance.js';
import { plotArea, seriesPoints } from './readback.js';
import { findAll, parseXml, textOf } from './xml.js';

/** Asserts the drawn points equal the data within half a 0.01-px rounding step. */
function expectMapsBack(svg: string, s: PlotSeries) {
  const area = plotArea(parseXml(svg));
  const [yMin, yMax, yLog] =
    s.axis === 'right' ? [area.y2Min!, area.y2Max!, false] : [area.yMin, area.yMax, area.yLog];
  const t = (v: number, log: boolean) => (log ? Math.log10(v) : v);
  const xPerPx = (t(area.xMax, area.xLog) - t(area.xMin, area.xLog)) / area.width;
  const yPerPx = (t(yMax, yLog) - t(yMin, yLog)) / area.height;
  const drawn = seriesPoints(svg, s.name, s.axis).flat();
  const expected: [number, number][] = [];
  for (let k = 0; k < s.x.length; k++) {
    if (Number.isFinite(s.y[k]!)) expected.push([s.x[k]!, s.y[k]!]);
  }
  expect(drawn.length).toBe(expected.length);
  drawn.forEach(([x, y], k) => {
    const [ex, ey] = expected[k]!;
    expect(Math.abs(t(x, area.xLog) - t(ex, area.xLog))).toBeLessThanOrEqual(
      0.0051 * xPerPx + 1e-12,
    );
    expect(Math.abs(t(y, yLog) - t(ey, yLog))).toBeLessThanOrEqual(0.0051 * yPerPx + 1e-12);
  });
}

describe('plotSvg', () => {
  it('draws a well-formed document whose points map back to the data (linear axes)', () => {
    const s: PlotSeries = { name: 'lr', x: [0, 1, 2, 3, 4], y: [0.1, 0.08, 0.05, 0.02, 0.01] };
    const svg = plotSvg([s], { title: 'StepLR', xLabel: 'step', yLabel: 'lr' });
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(root.attrs.width).toBe('720');
    expect(root.attrs.height).toBe('360');
    expectMapsBack(svg, s);
    const area = plotArea(root);
    // the y range is widened to round ticks and contains the data
    expect(area.yMin).toBeLessThanOrEqual(0.01);
    expect(area.yMax).toBeGreaterThanOrEqual(0.1);
    expect(area.xMin).toBe(0);
    expect(area.xMax).toBe(4);
    expect(area.left + area.width).toBeLessThanOrEqual(720);
    expect(area.top + area.height).toBeLessThanOrEqual(360);
    const labels = findAll(root, 'text', { class: 'tick-label' }).map(textOf);
    expect(labels).toContain('0.1');
    expect(labels).toContain('4');
    expect(findAll(root, 'text', { class: 'title' }).map(textOf)).toEqual(['StepLR']);
    expect(findAll(root, 'text', { class: 'axis-label' }).map(textOf)).toEqual(['step', 'lr']);
  });

  it('log axes: decade ticks, points map back in log space', () => {
    const x = Array.from({ length: 100 }, (_, i) => 1e-7 * Math.pow(1e8, i / 99));
    const s: PlotSeries = { name: 'loss', x, y: x.map((v) => 1 + 1 / (1 + v * 1e3)) };
    const svg = plotSvg([s], { xLog: true, yLog: true });
    expectMapsBack(svg, s);
    const root = parseXml(svg);
    const xTicks = findAll(root, 'g', { class: 'axis x-axis' })
      .flatMap((g) => findAll(g, 'text', { class: 'tick-label' }))
      .map((t) => Number(t.attrs['data-value']));
    expect(xTicks.length).toBeGreaterThanOrEqual(3);
    for (const v of xTicks) expect(close(Math.log10(v), Math.round(Math.log10(v)))).toBe(true);
  });

  it('one legend entry per series, default colours differ, dashed and right-axis series', () => {
    const steps = [0, 1, 2, 3];
    const series: PlotSeries[] = [
      { name: 'lr', x: steps, y: [0.1, 0.4, 0.7, 0.1] },
      { name: 'momentum', x: steps, y: [0.95, 0.9, 0.85, 0.95], axis: 'right', dashed: true },
    ];
    const svg = plotSvg(series, { y2Label: 'momentum' });
    const root = parseXml(svg);
    const items = findAll(root, 'g', { class: 'legend-item' });
    expect(items.map((g) => g.attrs['data-series'])).toEqual(['lr', 'momentum']);
    const [a, b] = findAll(root, 'polyline', { class: 'series' });
    expect(a!.attrs.stroke).not.toBe(b!.attrs.stroke);
    expect(b!.attrs['stroke-dasharray']).toBeDefined();
    expect(b!.attrs['data-axis']).toBe('right');
    expect(findAll(root, 'g', { class: 'axis y2-axis' })).toHaveLength(1);
    const area = plotArea(root);
    expect(area.y2Min).toBeLessThanOrEqual(0.85);
    expect(area.y2Max).toBeGreaterThanOrEqual(0.95);
    expectMapsBack(svg, series[0]!);
    expectMapsBack(svg, series[1]!);
  });

  it('non-finite y values break the line instead of drawing NaN', () => {
    const s: PlotSeries = {
      name: 'loss',
      x: [0, 1, 2, 3, 4, 5, 6],
      y: [1, 2, NaN, 3, Infinity, 4, 5],
    };
    const svg = plotSvg([s]);
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('Infinity');
    const segs = seriesPoints(svg, 'loss');
    expect(segs.map((seg) => seg.length)).toEqual([2, 1, 2]);
    expectMapsBack(svg, s);
    // the one-point segment is visible as a dot
    expect(findAll(parseXml(svg), 'circle', { class: 'point' })).toHaveLength(1);
  });

  it('empty series, a single point, and no series at all render', () => {
    for (const series of [
      [{ name: 'empty', x: [], y: [] }],
      [{ name: 'one', x: [3], y: [7] }],
      [],
    ] as PlotSeries[][]) {
      const svg = plotSvg(series, { xLog: true, yLog: true });
      const root = parseXml(svg);
      expect(svg).not.toContain('NaN');
      expect(findAll(root, 'g', { class: 'legend-item' })).toHaveLength(series.length);
    }
    const one = plotSvg([{ name: 'one', x: [3], y: [7] }]);
    expectMapsBack(one, { name: 'one', x: [3], y: [7] });
  });

  it('escapes every text: names, labels, title, marker labels, colours', () => {
    const evil = '<script>alert(1)</script>';
    const svg = plotSvg([{ name: evil, x: [0, 1], y: [0, 1], color: '"><script>' }], {
      title: evil,
      xLabel: evil,
      yLabel: 'a & b',
      markers: [{ x: 0.5, label: evil }],
    });
    expect(svg).not.toContain('<script');
    const root = parseXml(svg);
    expect(findAll(root, 'script')).toHaveLength(0);
    expect(findAll(root, 'polyline', { class: 'series' })[0]!.attrs['data-series']).toBe(evil);
    expect(findAll(root, 'text', { class: 'title' }).map(textOf)).toEqual([evil]);
    expect(findAll(root, 'text', { class: 'marker-label' }).map(textOf)).toEqual([evil]);
    expect(findAll(root, 'text', { class: 'axis-label' }).map(textOf)).toEqual([evil, 'a & b']);
    expect(seriesPoints(svg, evil)).toHaveLength(1);
  });

  it('markers: a vertical line across the plot area at x, with label and optional dot', () => {
    const x = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1];
    const svg = plotSvg([{ name: 'loss', x, y: [2, 1.9, 1.2, 0.8, 3] }], {
      xLog: true,
      markers: [
        { x: 1e-3, label: 'valley' },
        { x: 1e-2, y: 0.8, label: 'min', color: '#00ff00' },
        { x: 10, label: 'outside' },
      ],
    });
    const root = parseXml(svg);
    const area = plotArea(root);
    const markers = findAll(root, 'g', { class: 'marker' });
    expect(markers.map((m) => m.attrs['data-label'])).toEqual(['valley', 'min']);
    const line = findAll(markers[0]!, 'line')[0]!;
    const expectedPx = area.left + (area.width * (-3 - -5)) / (-1 - -5);
    expect(Math.abs(Number(line.attrs.x1) - expectedPx)).toBeLessThanOrEqual(0.005);
    expect(Number(line.attrs.y1)).toBe(area.top);
    expect(Number(line.attrs.y2)).toBe(area.top + area.height);
    expect(findAll(markers[1]!, 'circle')).toHaveLength(1);
    expect(findAll(markers[1]!, 'line')[0]!.attrs.stroke).toBe('#00ff00');
  });

  it('decimates long series to maxPoints, keeping the peak', () => {
    const n = 100_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = x.map((i) => Math.sin(i / 100) + (i === 54_321 ? 10 : 0));
    const svg = plotSvg([{ name: 's', x, y }], { maxPoints: 500 });
    const pts = seriesPoints(svg, 's').flat();
    expect(pts.length).toBeLessThanOrEqual(500);
    expect(Math.max(...pts.map((p) => p[1]))).toBeCloseTo(y[54_321]!, 2);
  });

  it('dark theme changes the background, not the data', () => {
    const s = { name: 'lr', x: [0, 1], y: [1, 2] };
    const light = parseXml(plotSvg([s]));
    const dark = parseXml(plotSvg([s], { theme: 'dark' }));
    const bg = (r: typeof light) => findAll(r, 'rect', { class: 'background' })[0]!.attrs.fill;
    expect(bg(light)).toBe('#ffffff');
    expect(bg(dark)).toBe('#1e1e1e');
    expect(findAll(dark, 'polyline')[0]!.attrs.points).toBe(
      findAll(light, 'polyline')[0]!.attrs.points,
    );
  });

  it('validates options with named errors', () => {
    expectThrows(
      () => plotSvg([], { width: 10 }),
      ParameterError,
      'plotSvg: width must be a number ≥ 120, got 10',
    );
    expectThrows(
      () => plotSvg([], { maxPoints: 2 }),
      ParameterError,
      'plotSvg: maxPoints must be an integer ≥ 4, got 2',
    );
    expectThrows(
      () => plotSvg([{ name: 'a', x: [1, 2], y: [1] }]),
      ParameterError,
      'plotSvg: series[0].y must have the same length as x (2), got 1',
    );
    expectThrows(
      () => plotSvg([], { markers: [{ x: NaN, label: 'm' }] }),
      ParameterError,
      'plotSvg: markers[0].x must be a finite number, got NaN',
    );
    expectThrows(
      () => plotSvg([], { theme: 'blue' as 'dark' }),
      ParameterError,
      "plotSvg: theme must be 'light' or 'dark', got 'blue'",
    );
  });
});
