/**
 * plotSvg: line charts as a standalone SVG document, with no dependencies, for Node and browsers.
 * The CLI, the web playground and the range-test report all draw through it.
 */
import { ParameterError } from '../errors.js';
import { decimate } from './decimate.js';
import { escapeXml } from './escape.js';
import { FONT_FAMILY, textWidth } from './textWidth.js';
import { formatTicks, niceTicks } from './ticks.js';

/** One line on the chart. Non-finite y values (and y ≤ 0 on a log axis) break the line. */
export interface PlotSeries {
  /** Legend text (escaped; any characters are safe). */
  name: string;
  x: ArrayLike<number>;
  /** Same length as `x`. */
  y: ArrayLike<number>;
  /** Any CSS colour; default: the next colour of the palette. */
  color?: string;
  dashed?: boolean;
  /** 'right' plots against a second, linear y axis on the right (e.g. momentum). Default 'left'. */
  axis?: 'left' | 'right';
}

/** A vertical line across the plot area at `x`, with a label (and a dot at `y` when given). */
export interface PlotMarker {
  x: number;
  y?: number;
  label: string;
  color?: string;
}

export interface PlotOptions {
  /** Width in px, default 720. */
  width?: number;
  /** Height in px, default 360. */
  height?: number;
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Label of the right axis (drawn when a series has `axis: 'right'`). */
  y2Label?: string;
  /** Logarithmic x axis (decade ticks); points with x ≤ 0 are dropped. */
  xLog?: boolean;
  /** Logarithmic left y axis; points with y ≤ 0 break the line. */
  yLog?: boolean;
  markers?: PlotMarker[];
  /** Points per series after decimation (see {@link decimate}), default 2000. */
  maxPoints?: number;
  /** Colours of background, text and grid, default 'light'. */
  theme?: 'light' | 'dark';
}

/**
 * The default series colours: mid-luminance hues, each with a contrast of at least 3:1 on both
 * the light (#ffffff) and the dark (#1e1e1e) background.
 */
export const PALETTE: readonly string[] = [
  '#3b82f6',
  '#f97316',
  '#10b981',
  '#ef4444',
  '#a855f7',
  '#0ea5e9',
  '#d946ef',
  '#ca8a04',
];

const THEMES = {
  light: { bg: '#ffffff', fg: '#1f2937', muted: '#6b7280', grid: '#e5e7eb', marker: '#dc2626' },
  dark: { bg: '#1e1e1e', fg: '#e5e7eb', muted: '#9ca3af', grid: '#374151', marker: '#f87171' },
} as const;

const FONT = `font-family="${FONT_FAMILY}"`;
/** Legend: the swatch (24 px line + 6 px) before the name, and the gap after it. */
const SWATCH_W = 30;
const LEGEND_GAP = 16;
/** Legend row height; the space between the last row and the plot area. */
const ROW_H = 18;
const LEGEND_PAD = 10;
/** Marker labels: font size and row height. */
const MARKER_FONT = 11;
const MARKER_ROW = 14;

/** `text`, cut to `maxWidth` px at `fontSize` with a trailing '...' when it is wider. */
function fitText(text: string, maxWidth: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join('')}...`, fontSize) > maxWidth) chars.pop();
  return `${chars.join('')}...`;
}

/** The widest of the labels, px at font-size 12 (0 without labels). */
function widestLabel(labels: readonly string[]): number {
  return Math.max(0, ...labels.map((l) => textWidth(l)));
}

interface Axis {
  min: number;
  max: number;
  log: boolean;
}

function fmt(v: number): string {
  return String(Math.round(v * 100) / 100);
}

function checkOption(name: string, value: unknown, ok: boolean, rule: string): void {
  if (!ok) throw new ParameterError('plotSvg', name, rule, value);
}

/** The [min, max] of the usable values, padded when empty or flat; linear ranges are niced. */
function axisRange(values: number[], log: boolean, nice: boolean): Axis {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v) || (log && v <= 0)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return log ? { min: 1, max: 10, log } : { min: 0, max: 1, log };
  if (log) {
    if (min === max) return { min: min / Math.sqrt(10), max: max * Math.sqrt(10), log };
    if (nice) {
      const pad = Math.pow(max / min, 0.04);
      return { min: min / pad, max: max * pad, log };
    }
    return { min, max, log };
  }
  if (min === max) {
    const d = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= d;
    max += d;
  }
  if (nice) {
    const ticks = niceTicks(min, max, 5);
    const step = ticks.length >= 2 ? ticks[1]! - ticks[0]! : (max - min) / 5;
    min = Math.floor(min / step + 1e-9) * step;
    max = Math.ceil(max / step - 1e-9) * step;
  }
  return { min, max, log };
}

function scale(axis: Axis, from: number, to: number): (v: number) => number {
  const t = (v: number) => (axis.log ? Math.log10(v) : v);
  const a = t(axis.min);
  const span = t(axis.max) - a || 1;
  return (v) => from + ((t(v) - a) / span) * (to - from);
}

function usable(v: number, log: boolean): boolean {
  return Number.isFinite(v) && (!log || v > 0);
}

/**
 * Draws line series as a complete standalone SVG document (a string starting with `<svg`).
 *
 * The output is meant to be read back by programs too: the plot area is
 * `<g class="plot-area" data-left data-top data-width data-height data-x-min data-x-max
 * data-y-min data-y-max data-x-log data-y-log>` (plus `data-y2-min`/`data-y2-max` with a right
 * axis), and each series is one or more `<polyline class="series" data-series="name"
 * points="x,y …">` in absolute pixel coordinates (rounded to 0.01 px), where
 * `px = left + width·(t(x) − t(xMin))/(t(xMax) − t(xMin))`, `py = top + height − height·(t(y) −
 * t(yMin))/(t(yMax) − t(yMin))` and `t` is log10 on a log axis, identity otherwise. A
 * non-finite y starts a new polyline; a one-point segment also gets a `<circle class="point">`.
 * Every text (names, labels, title, colours) is XML-escaped.
 * @param series the lines; x and y of each must have the same length (may be 0)
 * @param options size (px, default 720×360), labels, log axes, markers, decimation, theme
 * @example
 * plotSvg([{ name: 'lr', x: [0, 1, 2], y: [0.1, 0.05, 0.01] }], { title: 'StepLR' })
 * // '<svg xmlns="http://www.w3.org/2000/svg" width="720" height="360" …</svg>'
 */
export function plotSvg(series: readonly PlotSeries[], options: PlotOptions = {}): string {
  const {
    width = 720,
    height = 360,
    title,
    xLabel,
    yLabel,
    y2Label,
    xLog = false,
    yLog = false,
    markers = [],
    maxPoints = 2000,
    theme = 'light',
  } = options;
  checkOption('width', width, Number.isFinite(width) && width >= 120, 'must be a number ≥ 120');
  checkOption('height', height, Number.isFinite(height) && height >= 80, 'must be a number ≥ 80');
  checkOption(
    'maxPoints',
    maxPoints,
    Number.isInteger(maxPoints) && maxPoints >= 4,
    'must be an integer ≥ 4',
  );
  checkOption('theme', theme, theme === 'light' || theme === 'dark', "must be 'light' or 'dark'");
  if (!Array.isArray(series))
    throw new ParameterError('plotSvg', 'series', 'must be an array', series);
  series.forEach((s, i) => {
    if (typeof s?.name !== 'string') {
      throw new ParameterError('plotSvg', `series[${i}].name`, 'must be a string', s?.name);
    }
    if (s.x?.length === undefined || s.y?.length === undefined || s.x.length !== s.y.length) {
      throw new ParameterError(
        'plotSvg',
        `series[${i}].y`,
        `must have the same length as x (${s.x?.length})`,
        s.y?.length,
      );
    }
  });
  markers.forEach((m, i) => {
    if (!Number.isFinite(m?.x)) {
      throw new ParameterError('plotSvg', `markers[${i}].x`, 'must be a finite number', m?.x);
    }
  });
  const colors = THEMES[theme];

  // decimate, and drop points that no axis can place
  const data = series.map((s, i) => {
    const d = decimate(s.x, s.y, maxPoints);
    const right = s.axis === 'right';
    return {
      name: s.name,
      color: s.color ?? PALETTE[i % PALETTE.length]!,
      dashed: s.dashed === true,
      right,
      x: d.x,
      y: d.y,
    };
  });
  const hasRight = data.some((d) => d.right);

  // ranges
  const xs: number[] = [];
  const ys: number[] = [];
  const y2s: number[] = [];
  for (const d of data) {
    for (let k = 0; k < d.x.length; k++) {
      const x = d.x[k]!;
      const y = d.y[k]!;
      if (!usable(x, xLog)) continue;
      xs.push(x);
      if (usable(y, d.right ? false : yLog)) (d.right ? y2s : ys).push(y);
    }
  }
  if (xs.length === 0) for (const m of markers) if (usable(m.x, xLog)) xs.push(m.x);
  const xAxis = axisRange(xs, xLog, false);
  const yAxis = axisRange(ys, yLog, true);
  const y2Axis = axisRange(y2s, false, true);

  // layout. Text is measured in the font the SVG asks for (see textWidth). Legend: items left to
  // right, wrapped into rows within 10 px of both edges; a name wider than a row is cut with '...'.
  const legendItems = data.map((d) => {
    const label = fitText(d.name, Math.max(20, width - 20 - SWATCH_W), 12);
    return { d, label, w: SWATCH_W + textWidth(label) + LEGEND_GAP };
  });
  const legendRows: (typeof legendItems)[] = [[]];
  let rowW = 0;
  for (const item of legendItems) {
    if (rowW + item.w - LEGEND_GAP > width - 20 && legendRows[legendRows.length - 1]!.length > 0) {
      legendRows.push([]);
      rowW = 0;
    }
    legendRows[legendRows.length - 1]!.push(item);
    rowW += item.w;
  }
  const legendH = data.length === 0 ? 0 : legendRows.length * ROW_H + LEGEND_PAD;
  const titleH = title ? 26 : 0;
  const top = 10 + titleH + legendH;
  const bottom = xLabel ? 50 : 32;
  const ph = Math.max(20, height - top - bottom);
  const yTicks = niceTicks(yAxis.min, yAxis.max, Math.max(2, Math.floor(ph / 40)), yLog);
  const y2Ticks = hasRight
    ? niceTicks(y2Axis.min, y2Axis.max, Math.max(2, Math.floor(ph / 40)))
    : [];
  const yLabels = formatTicks(yTicks, yLog);
  const y2Labels = formatTicks(y2Ticks);
  // margins: tick labels sit 8 px from their axis; a rotated axis label (baseline 16 px from the
  // edge: ~9 px of ascent towards the edge, ~3 px of descent towards the ticks) keeps 4 px of air
  const left = Math.ceil(Math.max(yLabel ? 70 : 56, widestLabel(yLabels) + (yLabel ? 31 : 16)));
  let right = hasRight
    ? Math.ceil(Math.max(y2Label ? 70 : 56, widestLabel(y2Labels) + (y2Label ? 29 : 16)))
    : 20;
  // x tick labels are centred on their ticks: widen the right margin until the last one fits
  let pw = Math.max(20, width - left - right);
  let sx = scale(xAxis, left, left + pw);
  let xTicks = niceTicks(xAxis.min, xAxis.max, Math.max(2, Math.floor(pw / 80)), xLog);
  let xLabels = formatTicks(xTicks, xLog);
  for (let pass = 0; pass < 3; pass++) {
    const overflow = Math.max(
      0,
      ...xTicks.map((t, k) => sx(t) + textWidth(xLabels[k]!) / 2 + 2 - width),
    );
    if (overflow === 0) break;
    right += Math.ceil(overflow);
    pw = Math.max(20, width - left - right);
    sx = scale(xAxis, left, left + pw);
    xTicks = niceTicks(xAxis.min, xAxis.max, Math.max(2, Math.floor(pw / 80)), xLog);
    xLabels = formatTicks(xTicks, xLog);
  }
  const sy = scale(yAxis, top + ph, top);
  const sy2 = scale(y2Axis, top + ph, top);

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(width)}" height="${fmt(height)}" viewBox="0 0 ${fmt(width)} ${fmt(height)}" ${FONT} font-size="12">`,
  );
  if (title) out.push(`<title>${escapeXml(title)}</title>`);
  out.push(
    `<rect class="background" x="0" y="0" width="${fmt(width)}" height="${fmt(height)}" fill="${colors.bg}"/>`,
  );
  if (title) {
    out.push(
      `<text class="title" x="${fmt(width / 2)}" y="24" text-anchor="middle" font-size="15" font-weight="600" fill="${colors.fg}">${escapeXml(title)}</text>`,
    );
  }

  // legend
  let ly = 10 + titleH + 13;
  for (const row of legendRows) {
    let lx = 10;
    for (const { d, label, w } of row) {
      const dash = d.dashed ? ' stroke-dasharray="6 4"' : '';
      const full = label === d.name ? '' : `<title>${escapeXml(d.name)}</title>`;
      out.push(
        `<g class="legend-item" data-series="${escapeXml(d.name)}">${full}<line x1="${fmt(lx)}" y1="${fmt(ly - 4)}" x2="${fmt(lx + 24)}" y2="${fmt(ly - 4)}" stroke="${escapeXml(d.color)}" stroke-width="2.5"${dash}/><text x="${fmt(lx + SWATCH_W)}" y="${fmt(ly)}" fill="${colors.fg}">${escapeXml(label)}</text></g>`,
      );
      lx += w;
    }
    ly += ROW_H;
  }

  // grid, ticks, axes
  out.push(`<g class="grid" stroke="${colors.grid}" stroke-width="1">`);
  for (const t of xTicks)
    out.push(
      `<line x1="${fmt(sx(t))}" y1="${fmt(top)}" x2="${fmt(sx(t))}" y2="${fmt(top + ph)}"/>`,
    );
  for (const t of yTicks)
    out.push(
      `<line x1="${fmt(left)}" y1="${fmt(sy(t))}" x2="${fmt(left + pw)}" y2="${fmt(sy(t))}"/>`,
    );
  out.push('</g>');
  out.push(`<g class="axis x-axis" fill="${colors.fg}" stroke="none">`);
  out.push(
    `<line x1="${fmt(left)}" y1="${fmt(top + ph)}" x2="${fmt(left + pw)}" y2="${fmt(top + ph)}" stroke="${colors.muted}"/>`,
  );
  for (const [k, t] of xTicks.entries()) {
    const x = fmt(sx(t));
    out.push(
      `<line class="tick" x1="${x}" y1="${fmt(top + ph)}" x2="${x}" y2="${fmt(top + ph + 5)}" stroke="${colors.muted}"/><text class="tick-label" data-value="${t}" x="${x}" y="${fmt(top + ph + 18)}" text-anchor="middle">${escapeXml(xLabels[k]!)}</text>`,
    );
  }
  if (xLabel) {
    out.push(
      `<text class="axis-label" x="${fmt(left + pw / 2)}" y="${fmt(top + ph + 38)}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    );
  }
  out.push('</g>');
  out.push(`<g class="axis y-axis" fill="${colors.fg}" stroke="none">`);
  out.push(
    `<line x1="${fmt(left)}" y1="${fmt(top)}" x2="${fmt(left)}" y2="${fmt(top + ph)}" stroke="${colors.muted}"/>`,
  );
  for (const [k, t] of yTicks.entries()) {
    const y = fmt(sy(t));
    out.push(
      `<line class="tick" x1="${fmt(left - 5)}" y1="${y}" x2="${fmt(left)}" y2="${y}" stroke="${colors.muted}"/><text class="tick-label" data-value="${t}" x="${fmt(left - 8)}" y="${y}" dy="0.32em" text-anchor="end">${escapeXml(yLabels[k]!)}</text>`,
    );
  }
  if (yLabel) {
    const cy = fmt(top + ph / 2);
    out.push(
      `<text class="axis-label" x="16" y="${cy}" transform="rotate(-90 16 ${cy})" text-anchor="middle">${escapeXml(yLabel)}</text>`,
    );
  }
  out.push('</g>');
  if (hasRight) {
    const ax = left + pw;
    out.push(`<g class="axis y2-axis" fill="${colors.fg}" stroke="none">`);
    out.push(
      `<line x1="${fmt(ax)}" y1="${fmt(top)}" x2="${fmt(ax)}" y2="${fmt(top + ph)}" stroke="${colors.muted}"/>`,
    );
    for (const [k, t] of y2Ticks.entries()) {
      const y = fmt(sy2(t));
      out.push(
        `<line class="tick" x1="${fmt(ax)}" y1="${y}" x2="${fmt(ax + 5)}" y2="${y}" stroke="${colors.muted}"/><text class="tick-label" data-value="${t}" x="${fmt(ax + 8)}" y="${y}" dy="0.32em" text-anchor="start">${escapeXml(y2Labels[k]!)}</text>`,
      );
    }
    if (y2Label) {
      const cx = fmt(width - 14);
      const cy = fmt(top + ph / 2);
      out.push(
        `<text class="axis-label" x="${cx}" y="${cy}" transform="rotate(90 ${cx} ${cy})" text-anchor="middle">${escapeXml(y2Label)}</text>`,
      );
    }
    out.push('</g>');
  }

  // plot area: series and markers
  const y2Attrs = hasRight ? ` data-y2-min="${y2Axis.min}" data-y2-max="${y2Axis.max}"` : '';
  out.push(
    `<g class="plot-area" data-left="${left}" data-top="${top}" data-width="${pw}" data-height="${ph}" data-x-min="${xAxis.min}" data-x-max="${xAxis.max}" data-y-min="${yAxis.min}" data-y-max="${yAxis.max}" data-x-log="${xLog}" data-y-log="${yLog}"${y2Attrs}>`,
  );
  for (const d of data) {
    const map = d.right ? sy2 : sy;
    const logY = d.right ? false : yLog;
    const stroke = escapeXml(d.color);
    const dash = d.dashed ? ' stroke-dasharray="6 4"' : '';
    const name = escapeXml(d.name);
    const segments: string[][] = [];
    let current: string[] | null = null;
    for (let k = 0; k < d.x.length; k++) {
      const x = d.x[k]!;
      const y = d.y[k]!;
      if (!usable(x, xLog)) continue;
      if (!usable(y, logY)) {
        current = null;
        continue;
      }
      if (!current) segments.push((current = []));
      current.push(`${fmt(sx(x))},${fmt(map(y))}`);
    }
    for (const seg of segments) {
      out.push(
        `<polyline class="series" data-series="${name}" data-axis="${d.right ? 'right' : 'left'}" points="${seg.join(' ')}" fill="none" stroke="${stroke}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"${dash}/>`,
      );
      if (seg.length === 1) {
        const [cx, cy] = seg[0]!.split(',');
        out.push(
          `<circle class="point" data-series="${name}" cx="${cx}" cy="${cy}" r="3" fill="${stroke}"/>`,
        );
      }
    }
  }
  // markers: lines and dots first, then all labels over them, each on a box of the background
  // colour (a label crossing another marker's line or a series stays readable). Labels: one row
  // each from the top of the plot area, right of their line when they fit there, else on the
  // side with more room
  const labels: string[] = [];
  const markerRows = Math.max(1, Math.floor((ph - 20) / MARKER_ROW));
  markers.forEach((m, i) => {
    if (!usable(m.x, xLog)) return;
    const px = sx(m.x);
    if (px < left - 0.5 || px > left + pw + 0.5) return;
    const color = escapeXml(m.color ?? colors.marker);
    const roomRight = left + pw - 4 - (px + 4);
    const roomLeft = px - 4 - (left + 4);
    const labelW = textWidth(m.label, MARKER_FONT);
    const anchorEnd = labelW > roomRight && roomLeft > roomRight;
    const tx = anchorEnd ? px - 4 : px + 4;
    const ty = top + 14 + MARKER_ROW * (i % markerRows);
    const dot =
      m.y !== undefined && usable(m.y, yLog)
        ? `<circle cx="${fmt(px)}" cy="${fmt(sy(m.y))}" r="4" fill="${color}"/>`
        : '';
    const label = escapeXml(m.label);
    out.push(
      `<g class="marker" data-x="${m.x}" data-label="${label}"><line x1="${fmt(px)}" y1="${fmt(top)}" x2="${fmt(px)}" y2="${fmt(top + ph)}" stroke="${color}" stroke-width="1.5" stroke-dasharray="4 3"/>${dot}</g>`,
    );
    // the box: 2 px around the text, from the ascent (~0.8 em) to the descent (~0.25 em)
    const bx = (anchorEnd ? tx - labelW : tx) - 2;
    labels.push(
      `<rect class="marker-label-bg" x="${fmt(bx)}" y="${fmt(ty - 0.8 * MARKER_FONT - 1)}" width="${fmt(labelW + 4)}" height="${fmt(1.05 * MARKER_FONT + 2)}" fill="${colors.bg}" fill-opacity="0.85"/>`,
      `<text class="marker-label" data-x="${m.x}" x="${fmt(tx)}" y="${fmt(ty)}" text-anchor="${anchorEnd ? 'end' : 'start'}" fill="${color}" font-size="${MARKER_FONT}">${label}</text>`,
    );
  });
  out.push(...labels);
  out.push('</g>');
  out.push(
    `<rect class="frame" x="${fmt(left)}" y="${fmt(top)}" width="${fmt(pw)}" height="${fmt(ph)}" fill="none" stroke="${colors.muted}" stroke-width="1"/>`,
  );
  out.push('</svg>');
  return out.join('\n');
}
