/** `lrkit plot`, run as a spawned process: terminal chart, files (SVG/PNG/HTML), JSON and errors. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { plotArea, seriesPoints } from '../../lrkit/test/plot/readback.js';
import { findAll, parseXml } from '../../lrkit/test/plot/xml.js';
import { expectSeriesClose } from '../../lrkit/test/helpers/tolerance.js';
import { lrkit } from './helpers/cli.js';

const STEP = 'StepLR(step_size=2, gamma=0.5)';
const COS = 'CosineAnnealingLR(T_max=40)';
const ONE = 'OneCycleLR(max_lr=0.1, total_steps=40)';
const dir = mkdtempSync(join(tmpdir(), 'lrkit-plot-'));
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[/;

/** CosineAnnealingLR's closed form (eta_min 0) with base lr 0.1. */
const cosAt = (k: number) => 0.05 * (1 + Math.cos((Math.PI * k) / 40));

describe('lrkit plot: terminal', () => {
  it('draws the chart at the requested size, a legend per spec and the summary table', () => {
    const r = lrkit([
      'plot',
      STEP,
      COS,
      '--steps',
      '40',
      '--lr',
      '1',
      '--width',
      '60',
      '--height',
      '10',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    // 10 chart rows with a y label and an axis, then the x axis and its labels
    const rows = lines.filter((l) => /^ *\S+[┤┼]/.test(l));
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatch(/^ +1┼/); // top label: the max lr
    expect(rows[9]).toMatch(/^ +0[┤┼]/); // bottom: the min (cosine reaches 0)
    for (const l of lines.slice(0, 12)) expect(l.length).toBeLessThanOrEqual(60);
    expect(r.stdout).toMatch(/^ +└─+$/m);
    expect(r.stdout).toMatch(/^ +0 +20 +40$/m);
    expect(r.stdout).toContain(`─── [1] ${STEP}`);
    expect(r.stdout).toContain(`━━━ [2] ${COS}`);
    // both line styles are in the plot area
    expect(rows.join('')).toContain('━');
    expect(rows.join('')).toMatch(/[─╭╮╰╯]/);
    // the table: initial, final, min, max, mean, area (Σ of the first 40 values), f32 lost
    const step = Array.from({ length: 41 }, (_, k) => 0.5 ** Math.floor(k / 2));
    const mean = step.reduce((a, b) => a + b, 0) / 41;
    const area = step.slice(0, 40).reduce((a, b) => a + b, 0);
    const row1 = lines
      .find((l) => /^1 +lr /.test(l))!
      .trim()
      .split(/ +/);
    expect(row1.slice(2).map(Number)).toEqual([
      1,
      Number((2 ** -20).toExponential(3)),
      Number((2 ** -20).toExponential(3)),
      1,
      Number(mean.toPrecision(4)),
      Number(area.toPrecision(4)),
      0,
    ]);
    const row2 = lines
      .find((l) => /^2 +lr /.test(l))!
      .trim()
      .split(/ +/);
    expect(Number(row2[2])).toBe(1);
    expect(Number(row2[3])).toBe(0);
  });

  it('colours only when asked: NO_COLOR wins over FORCE_COLOR, a pipe gets none', () => {
    const args = ['plot', STEP, COS, '--steps', '20'];
    expect(lrkit(args).stdout).not.toMatch(ANSI);
    const forced = lrkit(args, { FORCE_COLOR: '1' });
    expect(forced.stdout).toMatch(ANSI);
    expect(forced.stdout).toContain('\x1b[34m'); // blue for spec 1
    expect(forced.stdout).toContain('\x1b[31m'); // red for spec 2
    const none = lrkit(args, { FORCE_COLOR: '1', NO_COLOR: '1' });
    expect(none.code).toBe(0);
    expect(none.stdout).not.toMatch(ANSI);
    // without colour, the same chart characters are drawn
    expect(none.stdout).toBe(lrkit(args).stdout);
  });

  it('--log: a log axis with decade-spaced labels', () => {
    const r = lrkit([
      'plot',
      'ExponentialLR(gamma=0.5)',
      '--steps',
      '20',
      '--lr',
      '1',
      '--log',
      '--height',
      '7',
    ]);
    expect(r.code).toBe(0);
    const labels = r.stdout
      .split('\n')
      .filter((l) => /[┤┼]/.test(l))
      .map((l) => Number(l.trim().split(/[┤┼]/)[0]));
    expect(labels).toHaveLength(7);
    // log10 spacing: labels from 1 down to 2^-20 in equal ratios
    expect(labels[0]).toBe(1);
    expect(labels[6]).toBeCloseTo(2 ** -20, 8);
    const ratio = Math.pow(2 ** -20, 1 / 6);
    labels.forEach((v, i) => expect(Math.abs(Math.log10(v / ratio ** i))).toBeLessThan(0.01));
  });
});

describe('lrkit plot: files', () => {
  it('SVG: parses, and every polyline point maps back to the sampled curve', () => {
    const out = join(dir, 'two.svg');
    const r = lrkit([
      'plot',
      COS,
      ONE,
      '--steps',
      '40',
      '--out',
      out,
      '--width',
      '800',
      '--height',
      '400',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`wrote ${out}`);
    const svg = readFileSync(out, 'utf8');
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect(root.attrs.width).toBe('800');
    const area = plotArea(root);
    // cosine: each point (px rounded to 0.01) is (k, cosAt(k)) for an integer step k
    const pxPerX = area.width / (area.xMax - area.xMin);
    const pxPerY = area.height / (area.yMax - area.yMin);
    const cos = seriesPoints(svg, `[1] ${COS}`).flat();
    expect(cos).toHaveLength(41);
    for (const [x, y] of cos) {
      const k = Math.round(x);
      expect(Math.abs(x - k) * pxPerX).toBeLessThanOrEqual(0.006);
      expect(Math.abs(y - cosAt(k)) * pxPerY).toBeLessThanOrEqual(0.006);
    }
    // one-cycle: lr on the left axis, momentum (0.95 → 0.85 → 0.95) on the right
    const lr = seriesPoints(svg, `[2] ${ONE}`).flat();
    expect(lr).toHaveLength(41);
    expect(Math.max(...lr.map((p) => p[1]))).toBeCloseTo(0.1, 4);
    const mom = seriesPoints(svg, '[2] momentum', 'right').flat();
    expect(mom).toHaveLength(41);
    const pxPerY2 = area.height / (area.y2Max! - area.y2Min!);
    expect(Math.abs(mom[0]![1] - 0.95) * pxPerY2).toBeLessThanOrEqual(0.006);
    expect(Math.min(...mom.map((p) => p[1]))).toBeCloseTo(0.85, 3);
    const polylines = findAll(root, 'polyline', { class: 'series' });
    expect(polylines.map((p) => p.attrs['data-series'])).toEqual([
      `[1] ${COS}`,
      `[2] ${ONE}`,
      '[2] momentum',
    ]);
  });

  it('PNG: decodes at the requested size, with the series drawn', () => {
    const out = join(dir, 'cos.png');
    const r = lrkit([
      'plot',
      COS,
      '--steps',
      '40',
      '--out',
      out,
      '--width',
      '640',
      '--height',
      '320',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const png = PNG.sync.read(readFileSync(out));
    expect([png.width, png.height]).toEqual([640, 320]);
    let ink = 0;
    let blue = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      const [rr, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
      if (rr < 200 || g < 200 || b < 200) ink++;
      if (b > 200 && rr < 110 && g > 100 && g < 160) blue++; // #3b82f6, the first series
    }
    const total = png.width * png.height;
    expect(ink / total).toBeGreaterThan(0.01);
    expect(blue).toBeGreaterThan(300);
  });

  it('PNG: legend entries with long names do not run into each other (DejaVu Sans ink)', () => {
    const specs = [
      'CosineAnnealingWarmRestarts(T_0=10, T_mult=2, eta_min=0.0001)',
      'MultiStepLR(milestones=[10, 20, 30], gamma=0.5)',
      'OneCycleLR(max_lr=0.1, total_steps=40, anneal_strategy="linear")',
      'ExponentialLR(gamma=0.95)',
    ];
    const svgOut = join(dir, 'legend.svg');
    const pngOut = join(dir, 'legend.png');
    for (const out of [svgOut, pngOut]) {
      const r = lrkit(['plot', ...specs, '--steps', '40', '--out', out, '--width', '900']);
      expect(r.code).toBe(0);
    }
    const items = findAll(parseXml(readFileSync(svgOut, 'utf8')), 'g', {
      class: 'legend-item',
    }).map((g) => {
      const [line] = findAll(g, 'line');
      const [text] = findAll(g, 'text');
      return { x1: Number(line!.attrs.x1), textX: Number(text!.attrs.x), y: Number(text!.attrs.y) };
    });
    expect(items).toHaveLength(5); // 4 specs + OneCycleLR's momentum
    const png = PNG.sync.read(readFileSync(pngOut));
    /** The rightmost column with ink in the text band of a legend row, within [from, to). */
    const lastInk = (y: number, from: number, to: number) => {
      let last = -1;
      for (let py = y - 12; py <= y + 4; py++) {
        for (let px = Math.ceil(from); px < Math.min(to, png.width); px++) {
          const i = (py * png.width + px) * 4;
          if (png.data[i]! < 200 || png.data[i + 1]! < 200 || png.data[i + 2]! < 200) {
            last = Math.max(last, px);
          }
        }
      }
      return last;
    };
    let rows = 0;
    for (const [k, item] of items.entries()) {
      const next = items[k + 1];
      const sameRow = next !== undefined && next.y === item.y;
      const end = sameRow ? next.x1 : png.width;
      const ink = lastInk(item.y, item.textX, Math.floor(end) - 1); // not the next swatch's edge
      expect(ink, `legend entry ${k} has text`).toBeGreaterThan(item.textX + 20);
      // at least 8 clear columns before the next swatch (or 10 before the right edge)
      expect(ink, `legend entry ${k}`).toBeLessThan(end - (sameRow ? 8 : 10));
      if (!sameRow) rows++;
    }
    expect(rows).toBeGreaterThanOrEqual(2);
    expect(rows).toBeLessThan(items.length); // some entries share a row
  });

  it('HTML: a standalone page with the SVG and the summary table', () => {
    const out = join(dir, 'page.html');
    const spec = 'OneCycleLR(max_lr=0.1, total_steps=40, anneal_strategy="linear")';
    const r = lrkit(['plot', spec, '--steps', '40', '--out', out, '--title', 'A <b> title']);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>A &lt;b&gt; title</title>');
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6);
    expect(parseXml(svg).name).toBe('svg');
    expect(html).toContain('<table class="summary">');
    expect(html).toContain(`<code>${spec.replace(/"/g, '&quot;')}</code>`);
    expect(html).toMatch(/<td class="l">momentum<\/td><td class="r">0\.95<\/td>/);
    expect(html).not.toMatch(/<(script|link)\b/); // standalone
  });

  it('--format json: the sampled values and summaries', () => {
    const r = lrkit(['plot', STEP, '--steps', '4', '--lr', '1', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.steps).toBe(4);
    expect(j.specs[0].spec).toBe(STEP);
    expect(j.specs[0].lr).toEqual([[1, 1, 0.5, 0.5, 0.25]]);
    expect(j.specs[0].momentum).toBeNull();
    expect(j.specs[0].summary.lr[0]).toMatchObject({
      initial: 1,
      final: 0.25,
      min: 0.25,
      max: 1,
      mean: 0.65,
      area: 3,
      float32Lost: 0,
    });
    expectSeriesClose(j.specs[0].lr[0], [1, 1, 0.5, 0.5, 0.25], 'lr');
  });

  it('warns when float32 cannot hold the changes', () => {
    const r = lrkit(['plot', 'ExponentialLR(gamma=0.99999999)', '--steps', '5', '--lr', '1']);
    expect(r.code).toBe(0);
    const v = Array.from({ length: 6 }, (_, k) => 0.99999999 ** k);
    const lost = v.filter(
      (x, k) => k > 0 && x !== v[k - 1] && Math.fround(x) === Math.fround(v[k - 1]!),
    );
    expect(lost.length).toBeGreaterThan(0);
    expect(r.stdout).toMatch(new RegExp(`^1 +lr +1 +1 +1 +1 +1 +5 +${lost.length}$`, 'm'));
    expect(r.stdout).toContain(
      `warning: [1]: ${lost.length} of 5 lr changes over 5 steps vanish in float32 (what TF.js applies), first at step ${v.findIndex((x, k) => k > 0 && Math.fround(x) === Math.fround(v[k - 1]!))}`,
    );
    // the y labels have enough digits to differ
    const labels = r.stdout
      .split('\n')
      .filter((l) => /[┤┼]/.test(l))
      .map((l) => l.trim().split(/[┤┼]/)[0]);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe('lrkit plot: errors', () => {
  const cases: [args: string[], code: number, stderr: string][] = [
    [
      ['plot', STEP, 'StepLR(step_size=2, gama=0.5)', '--steps', '10'],
      2,
      "lrkit plot: error: StepLR: unknown parameter 'gama'; did you mean 'gamma'?\n  StepLR(step_size=2, gama=0.5)\n                      ^\n",
    ],
    [['plot', STEP], 2, 'lrkit plot: error: plot: --steps N is required\n'],
    [
      ['plot', STEP, '--steps', '10', '--out', join(dir, 'x.txt')],
      2,
      `lrkit plot: error: --out: expected a file ending in .svg, .png or .html, got '${join(dir, 'x.txt')}'\n`,
    ],
    [
      ['plot', STEP, '--steps', '10', '--stpes', '3'],
      2,
      "lrkit plot: error: Unknown option '--stpes'; did you mean '--steps'? (lrkit plot --help)\n",
    ],
    [
      ['plot', 'OneCycleLR(max_lr=0.1,total_steps=5)', '--steps', '10'],
      2,
      "lrkit plot: error: OneCycleLR(...) ends at step 5 (total_steps): use --steps 5 or less, or past_end='hold'\n",
    ],
    [
      ['plot', STEP, 'OneCycleLR(max_lr=0.1, total_steps=5)', '--steps', '6', '--format', 'json'],
      2,
      "lrkit plot: error: OneCycleLR(...) ends at step 5 (total_steps): use --steps 5 or less, or past_end='hold'\n",
    ],
    [
      ['plot', 'StepLR(step_size=10, gamma=NaN)', '--steps', '10'],
      2,
      "lrkit plot: error: StepLR: gamma must be a number, got the name 'NaN'\n  StepLR(step_size=10, gamma=NaN)\n                       ^\n",
    ],
    [
      [
        'plot',
        'StepLR(step_size=2)',
        '--steps',
        '5',
        '--out',
        join(dir, 'big.png'),
        '--width',
        '100000',
        '--height',
        '100000',
      ],
      2,
      'lrkit plot: error: --width: a file can be at most 16384 px, got 100000\n',
    ],
    [
      ['plot', STEP, '--steps', '5', '--out', join(dir, 'tall.png'), '--height', '16385'],
      2,
      'lrkit plot: error: --height: a file can be at most 16384 px, got 16385\n',
    ],
    [
      ['plot', STEP, '--steps', '5', '--out', join(dir, 'wide.svg'), '--width', '16385'],
      2,
      'lrkit plot: error: --width: a file can be at most 16384 px, got 16385\n',
    ],
    [
      ['plot', 'ReduceLROnPlateau()', '--steps', '3'],
      2,
      'lrkit plot: error: ReduceLROnPlateau is driven by a metric: give 3 metrics (one per step), got 0\n',
    ],
  ];
  for (const [args, code, stderr] of cases) {
    it(`exits ${code}: ${args.slice(1).join(' ')}`, () => {
      const r = lrkit(args);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(stderr);
      expect(r.code).toBe(code);
    });
  }

  it('writes a file at the largest size (16384 px wide)', () => {
    const out = join(dir, 'widest.svg');
    const r = lrkit(['plot', STEP, '--steps', '5', '--out', out, '--width', '16384']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/<svg[^>]* width="16384"/);
  });

  it('exits 1 when the file cannot be written', () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'x');
    const r = lrkit(['plot', STEP, '--steps', '10', '--out', join(blocker, 'c.svg')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^lrkit plot: error: cannot write '.*a-file\/c\.svg': E(EXIST|NOTDIR)\b/,
    );
    expect(r.stderr.split('\n')).toHaveLength(2); // one line
  });
});
