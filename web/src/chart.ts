/**
 * A thin wrapper over uPlot for lrkit curves: several series with their own x values (joined for
 * uPlot), optional log y, an optional second y axis for momentum, a hover/keyboard probe.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  color: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** 'y2' puts the series on the right-hand axis (momentum). */
  scale?: 'y' | 'y2';
  dash?: boolean;
  /** Draw a dot at each point (for short series such as per-epoch accuracy). */
  points?: boolean;
}

/** A labelled vertical line (e.g. a suggested lr). */
export interface ChartMarker {
  x: number;
  label: string;
  color: string;
}

export interface ChartOptions {
  xLabel: string;
  yLabel: string;
  y2Label?: string;
  logY?: boolean;
  logX?: boolean;
  height?: number;
  /** Accessible name of the chart. */
  ariaLabel: string;
  /** Called with the x value under the pointer (or the keyboard probe), null when it leaves. */
  onProbe?: (x: number | null) => void;
  /** Called after each draw. */
  onDraw?: () => void;
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

/** Drops repeated x values (keeps the last), which uPlot.join cannot align. */
function uniqueX(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  logY: boolean,
): [number[], (number | null)[]] {
  const ox: number[] = [];
  const oy: (number | null)[] = [];
  for (let i = 0; i < x.length; i++) {
    const v = y[i]!;
    const yy = logY && !(v > 0) ? null : Number.isFinite(v) ? v : null;
    if (ox.length && ox[ox.length - 1] === x[i]) oy[oy.length - 1] = yy;
    else {
      ox.push(x[i]!);
      oy.push(yy);
    }
  }
  return [ox, oy];
}

export class Chart {
  readonly wrap: HTMLDivElement;
  private plot: uPlot | undefined;
  private key = '';
  private series: ChartSeries[] = [];
  private probe: number | null = null;
  private markers: ChartMarker[] = [];
  private readonly resize: ResizeObserver;

  constructor(
    host: HTMLElement,
    private options: ChartOptions,
  ) {
    this.wrap = document.createElement('div');
    this.wrap.className = 'chart';
    this.wrap.tabIndex = 0;
    this.wrap.setAttribute('role', 'img');
    this.wrap.setAttribute(
      'aria-label',
      `${options.ariaLabel}. Use the left and right arrow keys to read values.`,
    );
    this.wrap.addEventListener('keydown', (e) => this.onKey(e));
    this.wrap.addEventListener('blur', () => this.options.onProbe?.(null));
    host.append(this.wrap);
    this.resize = new ResizeObserver(() => {
      if (this.plot) this.plot.setSize(this.size());
    });
    this.resize.observe(this.wrap);
  }

  private size() {
    return { width: Math.max(240, this.wrap.clientWidth), height: this.options.height ?? 320 };
  }

  /** Changes options that need a rebuild (log scales, labels). */
  configure(options: Partial<ChartOptions>): void {
    this.options = { ...this.options, ...options };
    this.key = '';
    this.set(this.series);
  }

  /** Redraws the theme (colours are read from CSS variables). */
  retheme(): void {
    this.key = '';
    this.set(this.series);
  }

  /** The x range currently shown. */
  get xRange(): [number, number] | undefined {
    const d = this.plot?.data[0];
    if (!d || d.length === 0) return undefined;
    return [d[0]!, d[d.length - 1]!];
  }

  set(series: ChartSeries[]): void {
    this.series = series;
    const o = this.options;
    const tables: uPlot.AlignedData[] = series.map(
      (s) => uniqueX(s.x, s.y, !!o.logY && s.scale !== 'y2') as unknown as uPlot.AlignedData,
    );
    const data: uPlot.AlignedData = tables.length
      ? tables.length === 1
        ? tables[0]!
        : uPlot.join(tables)
      : [[]];
    const key = JSON.stringify([
      series.map((s) => [s.color, s.scale, s.dash, s.label, s.points]),
      o.logY,
      o.logX,
    ]);
    if (this.plot && key === this.key) {
      this.plot.setData(data);
      return;
    }
    this.key = key;
    this.plot?.destroy();
    const fg = cssVar('--muted', '#667');
    const grid = cssVar('--grid', 'rgba(128,128,128,0.15)');
    const hasY2 = series.some((s) => s.scale === 'y2');
    const axis = (label: string, extra: Partial<uPlot.Axis> = {}): uPlot.Axis => ({
      label,
      stroke: fg,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1 },
      labelSize: 18,
      ...extra,
    });
    const opts: uPlot.Options = {
      ...this.size(),
      legend: { show: false },
      cursor: { drag: { x: true, y: false, setScale: true }, points: { size: 6 } },
      scales: {
        x: { time: false, ...(o.logX ? { distr: 3 } : {}) },
        y: o.logY ? { distr: 3 } : { auto: true },
        ...(hasY2 ? { y2: { auto: true } } : {}),
      },
      axes: [
        axis(
          o.xLabel,
          o.logX ? { values: (_u, vals) => vals.map((v) => (v == null ? '' : fmtTick(v))) } : {},
        ),
        axis(o.yLabel, {
          size: 64,
          values: (_u, vals) => vals.map((v) => (v == null ? '' : fmtTick(v))),
        }),
        ...(hasY2
          ? [
              axis(o.y2Label ?? 'momentum', {
                scale: 'y2',
                side: 1,
                grid: { show: false },
                size: 56,
              }),
            ]
          : []),
      ],
      series: [
        { label: o.xLabel },
        ...series.map((s): uPlot.Series => ({
          label: s.label,
          stroke: s.color,
          width: 1.75,
          scale: s.scale ?? 'y',
          spanGaps: true,
          points: { show: !!s.points },
          ...(s.dash ? { dash: [6, 4] } : {}),
        })),
      ],
      hooks: {
        setCursor: [
          (u) => {
            const left = u.cursor.left;
            if (left === undefined || left < 0) {
              if (document.activeElement !== this.wrap) this.options.onProbe?.(null);
              return;
            }
            this.options.onProbe?.(u.posToVal(left, 'x'));
          },
        ],
        draw: [
          (u) => {
            this.drawMarkers(u);
            this.options.onDraw?.();
          },
        ],
      },
    };
    this.plot = new uPlot(opts, data, this.wrap);
  }

  /** Sets the vertical marker lines (drawn over the series). */
  setMarkers(markers: ChartMarker[]): void {
    this.markers = markers;
    this.plot?.redraw(false, false);
  }

  private drawMarkers(u: uPlot): void {
    if (!this.markers.length) return;
    const { ctx } = u;
    const dpr = devicePixelRatio || 1;
    ctx.save();
    ctx.font = `${11 * dpr}px system-ui, sans-serif`;
    this.markers.forEach((m, i) => {
      const x = u.valToPos(m.x, 'x', true);
      if (!Number.isFinite(x) || x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
      ctx.strokeStyle = m.color;
      ctx.fillStyle = m.color;
      ctx.setLineDash([4 * dpr, 3 * dpr]);
      ctx.lineWidth = 1.5 * dpr;
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.fillText(m.label, x + 4 * dpr, u.bbox.top + (12 + 13 * i) * dpr);
    });
    ctx.restore();
  }

  private onKey(e: KeyboardEvent): void {
    const r = this.xRange;
    if (!r || !this.plot) return;
    const span = r[1] - r[0];
    const stepBig = e.shiftKey ? 0.1 : 0.01;
    let p = this.probe ?? r[0];
    if (e.key === 'ArrowRight') p = Math.min(r[1], p + Math.max(1, span * stepBig));
    else if (e.key === 'ArrowLeft') p = Math.max(r[0], p - Math.max(1, span * stepBig));
    else if (e.key === 'Home') p = r[0];
    else if (e.key === 'End') p = r[1];
    else return;
    e.preventDefault();
    this.probe = Math.round(p);
    this.plot.setCursor({ left: this.plot.valToPos(this.probe, 'x'), top: 10 }, false);
    this.options.onProbe?.(this.probe);
  }

  destroy(): void {
    this.resize.disconnect();
    this.plot?.destroy();
    this.wrap.remove();
  }
}

function fmtTick(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e5) return String(Number(v.toPrecision(4)));
  return v
    .toExponential(2)
    .replace(/\.?0+e/, 'e')
    .replace('e-', 'e−');
}
