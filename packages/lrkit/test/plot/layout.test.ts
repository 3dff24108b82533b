/**
 * plotSvg's text layout, checked against the real metrics of DejaVu Sans (the font the SVG asks
 * for first and the CLI embeds in PNGs, read from its TTF here): legend entries, tick labels, axis
 * labels and marker labels neither overlap nor leave the picture.
 *
 * A text's line box: from baseline − ascender to baseline − descender (hhea, 0.928 and 0.236 em),
 * across its advance width; a label rotated by ±90° has the same box turned.
 */
import { describe, expect, it } from 'vitest';
import { plotSvg, type PlotOptions, type PlotSeries } from '../../src/plot/index.js';
import { dejaVuSans } from './fontMetrics.js';
import { plotArea } from './readback.js';
import { findAll, parseXml, textOf, type XmlElement } from './xml.js';

const font = dejaVuSans();
const ASC = font.ascender / font.unitsPerEm; // 0.928 em
const DESC = -font.descender / font.unitsPerEm; // 0.236 em

/** A text element's box, px: [left, right] × [top, bottom] (horizontal text only). */
interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

function textBox(t: XmlElement, defaultSize = 12): Box {
  const size = Number(t.attrs['font-size'] ?? defaultSize);
  const w = font.width(textOf(t), size);
  const x = Number(t.attrs.x);
  const dy = t.attrs.dy === '0.32em' ? 0.32 * size : 0;
  const baseline = Number(t.attrs.y) + dy;
  const anchor = t.attrs['text-anchor'] ?? 'start';
  const left = anchor === 'end' ? x - w : anchor === 'middle' ? x - w / 2 : x;
  return { left, right: left + w, top: baseline - ASC * size, bottom: baseline + DESC * size };
}

function line(n: number, k = 0): PlotSeries {
  const x = Array.from({ length: n }, (_, i) => i);
  return { name: `s${k}`, x, y: x.map((v) => Math.sin(v / 5 + k)) };
}

/** Legend items in document order: swatch start, text box, row (baseline). */
function legend(root: XmlElement) {
  return findAll(root, 'g', { class: 'legend-item' }).map((g) => {
    const swatch = findAll(g, 'line')[0]!;
    const text = findAll(g, 'text')[0]!;
    return {
      name: g.attrs['data-series']!,
      text: textOf(text),
      title: findAll(g, 'title').map(textOf)[0],
      x1: Number(swatch.attrs.x1),
      row: Number(text.attrs.y),
      box: textBox(text),
    };
  });
}

function yTickLabels(root: XmlElement, axis: 'y-axis' | 'y2-axis' | 'x-axis'): XmlElement[] {
  const [g] = findAll(root, 'g', { class: `axis ${axis}` });
  return findAll(g!, 'text', { class: 'tick-label' });
}

describe('plotSvg layout: legend', () => {
  const LONG = [
    '[1] CosineAnnealingWarmRestarts(T_0=100, T_mult=2, eta_min=0.0001)',
    'MMMMMMMMMMWWWWWWWWWW',
    '[3] ReduceLROnPlateau(mode=min, factor=0.5)',
    'WWWWWWWWWWWWWWWWWWWWWWW',
    'OneCycleLR(max_lr=0.1)',
    'mmmm',
    '[7] OneCycleLR(max_lr=0.1, total_steps=1000)',
  ];

  for (const width of [720, 480, 300]) {
    it(`entries with long names do not overlap and stay inside a ${width} px chart`, () => {
      const series = LONG.map((name, k) => ({ ...line(30, k), name }));
      const root = parseXml(plotSvg(series, { width, title: 'legend' }));
      const items = legend(root);
      expect(items.map((i) => i.name)).toEqual(LONG);
      for (const [k, item] of items.entries()) {
        expect(item.box.right, item.name).toBeLessThanOrEqual(width - 10 + 0.01);
        const next = items[k + 1];
        if (next && next.row === item.row) {
          // the next swatch starts at least 8 px after this name's last glyph
          expect(next.x1 - item.box.right, `${item.name} | ${next.name}`).toBeGreaterThanOrEqual(8);
        } else if (next) {
          expect(next.row).toBe(item.row + 18);
          expect(next.x1).toBe(10);
        }
      }
      // the rows are filled: an entry starts a new row only when it would not fit on the last one
      for (let k = 1; k < items.length; k++) {
        const [prev, item] = [items[k - 1]!, items[k]!];
        if (item.row !== prev.row) {
          const needed = prev.box.right + 16 + (item.box.right - item.x1);
          expect(needed, item.name).toBeGreaterThan(width - 10);
        }
      }
    });
  }

  it('names are measured, not counted: the entry after 20 W starts after them', () => {
    // in DejaVu Sans 20 × 'W' is 237.3 px at 12 px, 19 × 'i' 63.3 px (3.6 × narrower)
    const root = parseXml(
      plotSvg(
        [
          { ...line(5, 0), name: 'W'.repeat(20) },
          { ...line(5, 1), name: 'i'.repeat(19) },
          { ...line(5, 2), name: 'i'.repeat(19) },
        ],
        { width: 400 },
      ),
    );
    const items = legend(root);
    // row 1: 30 + 237.3 + 16 + 30 + 63.3 = 376.6 ≤ 400 − 20; the third entry needs 109.3 more
    const r = items[0]!.row;
    expect(items.map((i) => i.row)).toEqual([r, r, r + 18]);
    expect(items[1]!.x1).toBeCloseTo(10 + 30 + (20 * 2025 * 12) / 2048 + 16, 1);
    expect(items[1]!.x1 - items[0]!.box.right).toBeGreaterThanOrEqual(8);
  });

  it('a name wider than the chart is cut with "..." to fit; the full name stays in title and data-series', () => {
    const name = `LambdaLR(lr_lambda=${'0.99 ** epoch * '.repeat(8)}1)`;
    const root = parseXml(plotSvg([{ ...line(5), name }], { width: 320 }));
    const [item] = legend(root);
    expect(item!.name).toBe(name);
    expect(item!.title).toBe(name);
    expect(item!.text.endsWith('...')).toBe(true);
    expect(name.startsWith(item!.text.slice(0, -3))).toBe(true);
    expect(item!.box.right).toBeLessThanOrEqual(320 - 10);
    // as long as fits: one more character would not
    const longer = `${name.slice(0, item!.text.length - 2)}...`;
    expect(10 + 30 + font.width(longer, 12)).toBeGreaterThan(320 - 10);
  });

  it('names that fit get no title element', () => {
    const root = parseXml(plotSvg([{ ...line(5), name: 'lr' }]));
    expect(legend(root)[0]!.title).toBeUndefined();
  });

  it('the last legend row clears the top y tick label', () => {
    for (const rows of [1, 2, 3]) {
      const series = Array.from({ length: rows }, (_, k) => ({
        ...line(10, k),
        name: `series number ${k} ${'x'.repeat(60)}`,
      }));
      const root = parseXml(plotSvg(series, { title: 't', yLabel: 'lr' }));
      const items = legend(root);
      expect(new Set(items.map((i) => i.row)).size).toBe(rows);
      const legendBottom = Math.max(...items.map((i) => i.box.bottom));
      const ticks = yTickLabels(root, 'y-axis').map((t) => textBox(t));
      const topTick = Math.min(...ticks.map((b) => b.top));
      expect(topTick - legendBottom, `${rows} rows`).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('plotSvg layout: axes', () => {
  /** Values whose tick labels are 7 characters wide ('-0.0024'…) on both y axes (height 600). */
  const narrow: PlotSeries[] = [
    { name: 'a', x: [0, 1, 2], y: [-0.0025, -0.002, -0.001] },
    { name: 'b', x: [0, 1, 2], y: [-0.0025, -0.0015, -0.001], axis: 'right' },
  ];

  for (const opts of [{ yLabel: 'learning rate', y2Label: 'momentum' }, {}] as PlotOptions[]) {
    it(`y tick labels never reach the rotated axis labels or the edges (${opts.yLabel ? 'with' : 'without'} labels)`, () => {
      const width = 720;
      const root = parseXml(plotSvg(narrow, { ...opts, width, height: 600 }));
      const area = plotArea(root);
      const left = yTickLabels(root, 'y-axis').map((t) => textBox(t));
      const right = yTickLabels(root, 'y2-axis').map((t) => textBox(t));
      // DejaVu Sans: '-0.0024' is 46.3 px at 12 px
      expect(yTickLabels(root, 'y-axis').map(textOf)).toContain('-0.0024');
      expect(yTickLabels(root, 'y2-axis').map(textOf)).toContain('-0.0024');
      // y label: rotate(-90) about (16, cy): its box spans x ∈ [16 − ascent, 16 + descent]
      const yLabelRight = opts.yLabel ? 16 + DESC * 12 : 0;
      for (const b of left) {
        expect(b.left).toBeGreaterThanOrEqual(yLabelRight + 2);
        expect(b.right).toBeLessThanOrEqual(area.left - 5);
      }
      // y2 label: rotate(90) about (width − 14, cy): x ∈ [width − 14 − descent, width − 14 + ascent]
      const y2LabelLeft = opts.y2Label ? width - 14 - DESC * 12 : width;
      for (const b of right) {
        expect(b.right).toBeLessThanOrEqual(y2LabelLeft - 2);
        expect(b.left).toBeGreaterThanOrEqual(area.left + area.width + 5);
      }
    });
  }

  it('the margins stay at their defaults when the tick labels are short', () => {
    const root = parseXml(plotSvg([{ name: 'a', x: [0, 1], y: [0, 1] }], { yLabel: 'lr' }));
    const area = plotArea(root);
    expect(area.left).toBe(70);
    expect(area.left + area.width).toBe(720 - 20);
    const area2 = plotArea(parseXml(plotSvg([{ name: 'a', x: [0, 1], y: [0, 1] }])));
    expect(area2.left).toBe(56);
  });

  it('the last x tick label is not cut by the right edge', () => {
    for (const [xMax, width] of [
      [0.0035, 720],
      [0.0035, 300],
      [10000, 720],
      [1.25, 240],
    ] as const) {
      const root = parseXml(plotSvg([{ name: 'a', x: [0, xMax], y: [0, 1] }], { width }));
      const boxes = yTickLabels(root, 'x-axis').map((t) => textBox(t));
      expect(boxes.length).toBeGreaterThanOrEqual(2);
      for (const b of boxes) {
        expect(b.right, `${xMax} @ ${width}`).toBeLessThanOrEqual(width);
        expect(b.left).toBeGreaterThanOrEqual(0);
      }
      // neighbours do not touch
      for (let k = 1; k < boxes.length; k++) {
        expect(boxes[k]!.left - boxes[k - 1]!.right).toBeGreaterThanOrEqual(4);
      }
    }
  });
});

describe('plotSvg layout: markers', () => {
  /** Every element in document order. */
  function ordered(root: XmlElement): XmlElement[] {
    const out: XmlElement[] = [];
    const visit = (e: XmlElement) => {
      out.push(e);
      e.children.forEach(visit);
    };
    visit(root);
    return out;
  }

  const x = [1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10];
  const loss: PlotSeries = { name: 'loss', x, y: [2.3, 2.3, 2.2, 1.5, 1.1, 3, 9] };
  const markers = [
    { x: 8e-3, y: 1.6, label: 'valley 0.008' },
    { x: 2.3e-2, label: 'min÷10 0.0231' },
    { x: 3.3e-2, label: 'slide 0.0327' },
    { x: 0.15, label: 'steepest 0.152, the steepest descent of the smoothed loss' },
    { x: 1.2e-5, label: 'start of the sweep: 1.2e-5, a label that is long' },
    { x: 2.3e-2, label: 'recommended 0.0231', color: '#dc2626' },
  ];

  it('labels stay inside the plot area, on the side of their line with room', () => {
    const root = parseXml(plotSvg([loss], { xLog: true, markers }));
    const area = plotArea(root);
    const labels = findAll(root, 'text', { class: 'marker-label' });
    expect(labels.map(textOf)).toEqual(markers.map((m) => m.label));
    for (const [i, t] of labels.entries()) {
      const b = textBox(t, 11);
      const px = Number(findAll(root, 'g', { class: 'marker' })[i]!.children[0]!.attrs.x1);
      expect(b.left, markers[i]!.label).toBeGreaterThanOrEqual(area.left);
      expect(b.right, markers[i]!.label).toBeLessThanOrEqual(area.left + area.width);
      expect(b.top).toBeGreaterThanOrEqual(area.top);
      // beside its own line, not across it
      expect(b.left >= px + 3 || b.right <= px - 3, markers[i]!.label).toBe(true);
    }
    // the steepest label (x = 0.15, ~60% across) runs leftwards: it would not fit on the right
    const steep = textBox(labels[3]!, 11);
    expect(labels[3]!.attrs['text-anchor']).toBe('end');
    expect(steep.right).toBeLessThan(Number(labels[3]!.attrs.x) + 0.01);
    // the start label has no room on the left: it runs rightwards
    expect(labels[4]!.attrs['text-anchor']).toBe('start');
  });

  it('labels are drawn after every marker line, each on a background box that covers it', () => {
    const root = parseXml(plotSvg([loss], { xLog: true, markers }));
    const all = ordered(root);
    const lastLine = Math.max(
      ...findAll(root, 'g', { class: 'marker' }).map((g) => all.indexOf(g.children[0]!)),
    );
    const labels = findAll(root, 'text', { class: 'marker-label' });
    const boxes = findAll(root, 'rect', { class: 'marker-label-bg' });
    expect(boxes).toHaveLength(labels.length);
    for (const [i, t] of labels.entries()) {
      const bg = boxes[i]!;
      expect(all.indexOf(t)).toBeGreaterThan(lastLine);
      expect(all.indexOf(bg)).toBeLessThan(all.indexOf(t));
      expect(bg.attrs.fill).toBe('#ffffff');
      const b = textBox(t, 11);
      const [rx, ry] = [Number(bg.attrs.x), Number(bg.attrs.y)];
      const [rw, rh] = [Number(bg.attrs.width), Number(bg.attrs.height)];
      expect(rx).toBeLessThanOrEqual(b.left);
      expect(rx + rw).toBeGreaterThanOrEqual(b.right);
      // the glyphs (digits and capitals reach 0.73 em, descenders 0.24 em) are inside
      const baseline = Number(t.attrs.y);
      expect(ry).toBeLessThanOrEqual(baseline - 0.73 * 11);
      expect(ry + rh).toBeGreaterThanOrEqual(baseline + 0.236 * 11);
    }
  });

  it('label rows do not overlap each other', () => {
    const root = parseXml(plotSvg([loss], { xLog: true, markers }));
    const boxes = findAll(root, 'rect', { class: 'marker-label-bg' }).map((r) => ({
      left: Number(r.attrs.x),
      right: Number(r.attrs.x) + Number(r.attrs.width),
      top: Number(r.attrs.y),
      bottom: Number(r.attrs.y) + Number(r.attrs.height),
    }));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const apart =
          a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
        expect(apart, `${markers[i]!.label} / ${markers[j]!.label}`).toBe(true);
      }
    }
  });
});

describe('plotSvg layout: tick label notation', () => {
  const labels = (svg: string, axis: 'x-axis' | 'y-axis') =>
    yTickLabels(parseXml(svg), axis).map(textOf);

  it('a linear axis uses one notation: 5e4, 1e5, 1.5e5 (not 50000, 1e5, 1.5e5)', () => {
    const svg = plotSvg([{ name: 'lr', x: [0, 150000], y: [0, 1] }]);
    // formatTick alone: '0', '20000', …, '80000', '1e5', '1.2e5', '1.4e5'
    expect(labels(svg, 'x-axis')).toEqual([
      '0',
      '2e4',
      '4e4',
      '6e4',
      '8e4',
      '1e5',
      '1.2e5',
      '1.4e5',
    ]);
    const small = plotSvg([{ name: 'lr', x: [0, 1], y: [0, 0.002] }], { height: 500 });
    // formatTick alone: '0', '5e-4', '0.001', '0.0015', '0.002'
    expect(labels(small, 'y-axis')).toEqual(['0', '5e-4', '1e-3', '1.5e-3', '2e-3']);
  });

  it('plain labels stay plain, and a log axis keeps the per-decade form', () => {
    const svg = plotSvg([{ name: 'lr', x: [0, 1000], y: [1e-5, 1] }], { yLog: true });
    expect(labels(svg, 'x-axis')).toEqual(['0', '200', '400', '600', '800', '1000']);
    expect(labels(svg, 'y-axis')).toEqual(['1e-5', '1e-4', '0.001', '0.01', '0.1', '1']);
  });
});
