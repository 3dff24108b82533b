/**
 * Terminal line charts through asciichart: several series on one grid, each with its own colour
 * (when colour is on) and its own line style (so they stay apart without colour), a y axis with
 * labels, an x axis with its range, and a log scale option.
 */
import asciichart from 'asciichart';
import picocolors from 'picocolors';

/** Always-on formatters: the caller decides whether to colour (options.color). */
const pc = picocolors.createColors(true);

/** One line of the chart: values at x = xs[i] (any length ≥ 1; resampled to the columns). */
export interface TermSeries {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

export interface TermChartOptions {
  /** Total width in characters, labels included (≥ 30). */
  width: number;
  /** Rows of the plot area (≥ 4). */
  height: number;
  /** log10 y axis: values ≤ 0 are drawn at the bottom row. */
  log?: boolean;
  /** ANSI colours (one per series). */
  color?: boolean;
  /** Text under the x axis, e.g. 'step'. */
  xLabel?: string;
  /** log10 x axis (the range test's lr axis). */
  xLog?: boolean;
  /** Vertical marker lines (drawn in empty cells, ┆) labelled by a letter under the x axis. */
  markers?: { x: number; letter: string }[];
}

/** Line styles in asciichart's symbol order: ┼ ┤ ╶ ╴ ─ ╰ ╭ ╮ ╯ │ (crossing, axis, ends, …). */
const STYLES: [string, string, string, string, string, string, string, string, string, string][] = [
  ['┼', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
  ['┼', '┤', '╺', '╸', '━', '┗', '┏', '┓', '┛', '┃'],
  ['┼', '┤', '╶', '╴', '═', '╚', '╔', '╗', '╝', '║'],
  ['┼', '┤', '╶', '╴', '┄', '└', '┌', '┐', '┘', '┆'],
  ['┼', '┤', '╶', '╴', '·', '·', '·', '·', '·', ':'],
  ['┼', '┤', '╶', '╴', '~', '\\', '/', '\\', '/', '|'],
];

/** asciichart colour codes and the matching picocolors formatters, per series. */
const PALETTE = [
  { chart: asciichart.blue, text: pc.blue },
  { chart: asciichart.red, text: pc.red },
  { chart: asciichart.green, text: pc.green },
  { chart: asciichart.magenta, text: pc.magenta },
  { chart: asciichart.cyan, text: pc.cyan },
  { chart: asciichart.yellow, text: pc.yellow },
];

/** The line style glyph used for series i in the legend. */
export function seriesGlyph(i: number): string {
  return STYLES[i % STYLES.length]![4].repeat(3);
}

/**
 * A compact number for axis labels: `digits` significant digits (default 3), exponent form when
 * small or large.
 */
export function shortNumber(v: number, digits = 3): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < 1e7) return String(v);
  if (a >= 1e-3 && a < 1e5) return String(Number(v.toPrecision(digits)));
  return v.toExponential(digits - 1).replace(/\.?0+e/, 'e');
}

/** Significant digits that tell labels `step` apart at magnitude `top` (3 to 12). */
function labelDigits(top: number, step: number): number {
  if (!(step > 0) || !(top > 0)) return 3;
  return Math.max(3, Math.min(12, Math.ceil(Math.log10(top / step)) + 2));
}

/** Resamples (x, y) at `n` evenly spaced x positions in [x0, x1] (nearest point at or before). */
function resample(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  n: number,
  x0: number,
  x1: number,
  xLog: boolean,
): number[] {
  const t = (v: number) => (xLog ? Math.log10(v) : v);
  const out: number[] = [];
  let j = 0;
  for (let c = 0; c < n; c++) {
    const target = n === 1 ? t(x0) : t(x0) + ((t(x1) - t(x0)) * c) / (n - 1);
    while (j + 1 < x.length && t(x[j + 1]!) <= target + 1e-12) j++;
    out.push(y[j]!);
  }
  return out;
}

/**
 * Draws the series as a text chart with a legend underneath.
 * @example terminalChart([{ name: 'lr', x: [0, 1, 2], y: [1, 0.5, 0.25] }], { width: 60, height: 8 })
 */
export function terminalChart(series: readonly TermSeries[], options: TermChartOptions): string {
  const { log = false, color = false, xLog = false } = options;
  const height = Math.max(4, Math.round(options.height));
  const offset = 2; // one space and the axis after the label
  let x0 = Infinity;
  let x1 = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.x.length; i++) {
      const v = s.x[i]!;
      if (xLog && !(v > 0)) continue;
      if (v < x0) x0 = v;
      if (v > x1) x1 = v;
    }
  }
  if (!(x1 >= x0)) {
    x0 = 0;
    x1 = 1;
  }
  // y range over finite (and, on a log axis, positive) values
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.y.length; i++) {
      const v = s.y[i]!;
      if (xLog && !(s.x[i]! > 0)) continue;
      if (!Number.isFinite(v) || (log && v <= 0)) continue;
      const t = log ? Math.log10(v) : v;
      if (t < lo) lo = t;
      if (t > hi) hi = t;
    }
  }
  if (!(hi >= lo)) {
    lo = 0;
    hi = 1;
  }
  if (hi === lo) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= d;
    hi += d;
  }
  const toT = (v: number) => {
    if (!Number.isFinite(v)) return v > 0 ? hi : lo;
    if (log) return v > 0 ? Math.log10(v) : lo;
    return v;
  };
  const rowsN = height - 1;
  const digits = log
    ? labelDigits(1, 10 ** ((hi - lo) / rowsN) - 1)
    : labelDigits(Math.max(Math.abs(hi), Math.abs(lo)), (hi - lo) / rowsN);
  const text = (t: number) => shortNumber(log ? 10 ** t : t, digits);
  let labelW = 9;
  for (let i = 0; i <= rowsN; i++)
    labelW = Math.max(labelW, text(lo + ((hi - lo) * i) / rowsN).length);
  const cols = Math.max(10, Math.round(options.width) - labelW - offset + 1);
  const format = (t: number) => text(t).padStart(labelW);
  const rows = series.map((s) => resample(s.x, s.y, cols, x0, x1, xLog));
  const cfg = {
    min: lo,
    max: hi,
    height: height - 1,
    offset,
    format,
  };
  // one chart per series with the same scale, then overlay: later series on top
  const charts = rows.map((r, i) =>
    asciichart.plot(r.map(toT), { ...cfg, symbols: STYLES[i % STYLES.length]! }).split('\n'),
  );
  const base = charts[0] ?? asciichart.plot([lo, hi], cfg).split('\n');
  const prefixW = labelW + offset - 1; // label + space + axis char
  const tx = (v: number) => (xLog ? Math.log10(v) : v);
  const markerCols = new Map<number, string>();
  for (const m of options.markers ?? []) {
    if (!Number.isFinite(m.x) || (xLog && m.x <= 0) || x1 === x0) continue;
    const c = Math.round(((tx(m.x) - tx(x0)) / (tx(x1) - tx(x0))) * (cols - 1));
    if (c >= 0 && c < cols) markerCols.set(c, m.letter);
  }
  const lines: string[] = [];
  for (let r = 0; r < base.length; r++) {
    const prefix = base[r]!.slice(0, prefixW);
    let body = '';
    for (let c = 0; c < cols; c++) {
      let ch = ' ';
      let owner = -1;
      charts.forEach((chart, i) => {
        const cell = chart[r]![prefixW + c] ?? ' ';
        if (cell !== ' ') {
          ch = cell;
          owner = i;
        }
      });
      if (owner < 0 && markerCols.has(c)) body += color ? pc.yellow('┆') : '┆';
      else body += owner >= 0 && color ? PALETTE[owner % PALETTE.length]!.text(ch) : ch;
    }
    lines.push(prefix + body.replace(/\s+$/, ''));
  }
  // x axis: the range and the middle
  const pad = ' '.repeat(prefixW - 1);
  lines.push(`${pad}└${'─'.repeat(cols)}`);
  const xs = (v: number) => shortNumber(v);
  const xm = xLog ? Math.sqrt(x0 * x1) : (x0 + x1) / 2;
  const left = xs(x0);
  const mid = xs(xm);
  const right = xs(x1);
  const axis = new Array<string>(cols).fill(' ');
  const put = (text: string, at: number) => {
    for (let k = 0; k < text.length; k++) if (at + k >= 0 && at + k < cols) axis[at + k] = text[k]!;
  };
  put(left, 0);
  put(mid, Math.round(cols / 2 - mid.length / 2));
  put(right, cols - right.length);
  lines.push(`${pad} ${axis.join('').replace(/\s+$/, '')}`);
  if (markerCols.size > 0) {
    const row = new Array<string>(cols).fill(' ');
    for (const [c, letter] of markerCols) row[c] = letter;
    lines.push(`${pad} ${row.join('').replace(/\s+$/, '')}`);
  }
  if (options.xLabel) {
    lines.push(
      `${pad} ${' '.repeat(Math.max(0, Math.round(cols / 2 - options.xLabel.length / 2)))}${options.xLabel}`,
    );
  }
  // legend
  series.forEach((s, i) => {
    const glyph = seriesGlyph(i);
    lines.push(`  ${color ? PALETTE[i % PALETTE.length]!.text(glyph) : glyph} ${s.name}`);
  });
  return lines.join('\n');
}
