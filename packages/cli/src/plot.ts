/**
 * `lrkit plot "<SPEC>" [SPEC…] --steps N`: one or more schedules on one chart — in the terminal
 * (asciichart, sized to it) or to an SVG/PNG/HTML file — and a summary table of each.
 */
import { curve, plotSvg, summarize, type Curve, type PlotSeries, type Summary } from 'lrkit';
import {
  parseCommandArgs,
  parseFormat,
  parseInteger,
  parseNumberList,
  UsageError,
  withSpec,
} from './args.js';
import { colorEnabled, colors } from './color.js';
import { checkStepsWithinEnd } from './horizon.js';
import type { CommandResult } from './main.js';
import { MAX_FILE_PX, chartKind, writeChart } from './render/output.js';
import { escapeHtml, tableHtml, tableText, type Table } from './render/table.js';
import { terminalChart, type TermSeries } from './render/terminal.js';

export const plotHelp = `Usage: lrkit plot "<SPEC>" [more SPECs…] --steps N [options]

Charts schedules over N steps: in the terminal by default (sized to it; one colour and line style
per spec, with a legend), or to a file with --out. Several specs share one chart, to compare them.
A table follows with each one's initial, final, min, max and mean lr, the area under the curve
(Σ lr over the N updates) and the number of changes that vanish in float32 (what TF.js applies).
Schedules that cycle momentum (OneCycleLR, CyclicLR) get it on a second axis in files, and a
row in the table.

SPEC is a scheduler line as pasted from a script, or its JSON form (see lrkit curve --help).

Options:
  --steps N           number of steps (required)
  --lr LIST           base lr of each param group, comma-separated (default 0.1)
  --momentum LIST     initial momentum (beta1 with --optimizer adam; default 0.9)
  --optimizer NAME    sgd (default) or adam
  --log               logarithmic lr axis (values ≤ 0 sit on the bottom edge)
  --out FILE          write FILE.svg, FILE.png or FILE.html (the chart and the table)
                      instead of drawing in the terminal
  --width W           terminal: columns (default: the terminal's, else 80); files: px (720;
                      120 to 16384)
  --height H          terminal: rows of the chart (default: fits the terminal, else 20);
                      files: px (360; 80 to 16384)
  --title TEXT        chart title (files)
  --format FORMAT     text (default) or json: {"steps", "specs": [{"spec", "lr": [[...]],
                      "momentum", "summary": {"lr": [...], "momentum"}}], "out"}
  -h, --help          this help

Examples:
  lrkit plot "OneCycleLR(max_lr=0.1, total_steps=1000)" --steps 1000
  lrkit plot "StepLR(step_size=30, gamma=0.1)" "CosineAnnealingLR(T_max=100)" --steps 100 --log
  lrkit plot "keras.CosineDecay(0.1, 1000, warmup_target=0.5, warmup_steps=100)" --steps 1000 --out cos.png
  lrkit plot "OneCycleLR(max_lr=0.1, total_steps=200)" --steps 200 --out onecycle.html`;

/** Series colours in files, in the order of the terminal's (blue, red, green, magenta, cyan, yellow). */
export const FILE_PALETTE = ['#3b82f6', '#ef4444', '#10b981', '#a855f7', '#0ea5e9', '#ca8a04'];

/** A number for tables: 4 significant digits, exponent form when very small or large. */
export function num(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e6) return String(Number(v.toPrecision(4)));
  return v.toExponential(3).replace(/\.?0+e/, 'e');
}

/** The legend text of a spec: as written, shortened to `max` characters. */
function label(spec: string, max = 70): string {
  const s = spec.replace(/\s+/g, ' ').trim();
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

interface PlotItem {
  spec: string;
  curve: Curve;
  lr: Summary[];
  momentum: Summary[] | null;
}

function summaryTable(items: PlotItem[], optimizer: string): Table {
  const rows: string[][] = [];
  items.forEach((it, i) => {
    const groups = it.lr.length;
    const add = (what: string, s: Summary, g: number) =>
      rows.push([
        `${i + 1}`,
        `${what}${groups > 1 ? ` [group ${g}]` : ''}`,
        num(s.initial),
        num(s.final),
        num(s.min),
        num(s.max),
        num(s.mean),
        num(s.area),
        String(s.float32Lost),
      ]);
    it.lr.forEach((s, g) => add('lr', s, g));
    it.momentum?.forEach((s, g) => add(optimizer === 'adam' ? 'beta1' : 'momentum', s, g));
  });
  return {
    head: ['#', 'value', 'initial', 'final', 'min', 'max', 'mean', 'area', 'f32 lost'],
    rows,
    align: ['r', 'l'],
  };
}

function warnings(items: PlotItem[], steps: number): string[] {
  const out: string[] = [];
  items.forEach((it, i) => {
    it.lr.forEach((s, g) => {
      if (s.float32Lost > 0) {
        out.push(
          `warning: [${i + 1}]${it.lr.length > 1 ? ` group ${g}` : ''}: ${s.float32Lost} of ${s.changes} lr changes over ${steps} steps vanish in float32 (what TF.js applies), first at step ${s.float32Indistinct[0]}`,
        );
      }
    });
  });
  return out;
}

/** Terminal size for the chart: the options, else the terminal's, else 80×20. */
function terminalSize(
  width: number | undefined,
  height: number | undefined,
  extraLines: number,
): { width: number; height: number } {
  const cols = process.stdout.isTTY ? process.stdout.columns : undefined;
  const rows = process.stdout.isTTY ? process.stdout.rows : undefined;
  return {
    width: width ?? Math.max(40, cols ?? 80),
    height: height ?? (rows ? Math.max(8, Math.min(30, rows - extraLines)) : 20),
  };
}

/** Runs the command. */
export async function runPlot(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseCommandArgs('plot', argv, {
    steps: { type: 'string' },
    lr: { type: 'string' },
    momentum: { type: 'string' },
    optimizer: { type: 'string' },
    log: { type: 'boolean' },
    out: { type: 'string' },
    width: { type: 'string' },
    height: { type: 'string' },
    title: { type: 'string' },
    format: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { text: plotHelp };
  if (positionals.length === 0) {
    throw new UsageError('plot: missing SPEC, e.g. lrkit plot "StepLR(step_size=10)" --steps 50');
  }
  if (values.steps === undefined) throw new UsageError('plot: --steps N is required');
  const steps = parseInteger('--steps', values.steps, 1);
  const format = parseFormat(values.format, ['text', 'json'] as const);
  const optimizer = values.optimizer ?? 'sgd';
  if (optimizer !== 'sgd' && optimizer !== 'adam') {
    throw new UsageError(`--optimizer: expected sgd or adam, got '${optimizer}'`);
  }
  const out = values.out;
  const kind = out === undefined ? undefined : chartKind('--out', out);
  const width = values.width === undefined ? undefined : parseInteger('--width', values.width, 1);
  const height =
    values.height === undefined ? undefined : parseInteger('--height', values.height, 1);
  if (kind !== undefined) {
    if (width !== undefined && width < 120)
      throw new UsageError(`--width: a file needs at least 120 px, got ${width}`);
    if (height !== undefined && height < 80)
      throw new UsageError(`--height: a file needs at least 80 px, got ${height}`);
    if (width !== undefined && width > MAX_FILE_PX)
      throw new UsageError(`--width: a file can be at most ${MAX_FILE_PX} px, got ${width}`);
    if (height !== undefined && height > MAX_FILE_PX)
      throw new UsageError(`--height: a file can be at most ${MAX_FILE_PX} px, got ${height}`);
  } else {
    if (width !== undefined && width < 30)
      throw new UsageError(`--width: the terminal chart needs at least 30 columns, got ${width}`);
    if (height !== undefined && height < 4)
      throw new UsageError(`--height: the terminal chart needs at least 4 rows, got ${height}`);
  }
  const momentum =
    values.momentum === undefined ? undefined : parseNumberList('--momentum', values.momentum);
  const options = {
    steps,
    lr: values.lr === undefined ? 0.1 : parseNumberList('--lr', values.lr),
    ...(momentum === undefined
      ? {}
      : { momentum: momentum.length === 1 ? momentum[0]! : momentum }),
    optimizer: optimizer as 'sgd' | 'adam',
  };

  const items: PlotItem[] = positionals.map((spec) =>
    withSpec(spec, () => {
      checkStepsWithinEnd(spec, steps);
      const c = curve(spec, options);
      return {
        spec,
        curve: c,
        lr: c.lr.map(summarize),
        momentum: c.momentum ? c.momentum.map(summarize) : null,
      };
    }),
  );

  const x = Float64Array.from({ length: steps + 1 }, (_, k) => k);
  const momentumName = optimizer === 'adam' ? 'beta1' : 'momentum';
  const nameOf = (i: number, g: number, groups: number) =>
    `[${i + 1}] ${label(items[i]!.spec)}${groups > 1 ? ` (group ${g})` : ''}`;
  const table = summaryTable(items, optimizer);
  const warn = warnings(items, steps);

  if (kind !== undefined && out !== undefined) {
    const series: PlotSeries[] = [];
    let colorIndex = 0;
    items.forEach((it, i) => {
      const groups = it.curve.lr.length;
      it.curve.lr.forEach((y, g) => {
        const color = FILE_PALETTE[(colorIndex + g) % FILE_PALETTE.length]!;
        series.push({ name: nameOf(i, g, groups), x, y, color });
        const m = it.curve.momentum?.[g];
        if (m) {
          series.push({
            name: `[${i + 1}] ${momentumName}${groups > 1 ? ` (group ${g})` : ''}`,
            x,
            y: m,
            color,
            dashed: true,
            axis: 'right',
          });
        }
      });
      colorIndex += groups;
    });
    const hasMomentum = items.some((it) => it.curve.momentum !== null);
    const title = values.title ?? (items.length === 1 ? label(items[0]!.spec, 90) : 'lrkit plot');
    const svg = plotSvg(series, {
      ...(width === undefined ? {} : { width }),
      ...(height === undefined ? {} : { height }),
      title,
      xLabel: 'step',
      yLabel: 'learning rate',
      ...(hasMomentum ? { y2Label: momentumName } : {}),
      yLog: values.log === true,
    });
    await writeChart(out, svg, {
      title,
      sections: [
        {
          heading: 'Summary',
          html: `<ol>${items.map((it) => `<li><code>${escapeHtml(it.spec)}</code></li>`).join('')}</ol>\n${tableHtml(table)}${
            warn.length
              ? `\n${warn.map((w) => `<p class="note">${escapeHtml(w)}</p>`).join('\n')}`
              : ''
          }\n<p class="note">${steps} steps, lr ${escapeHtml(String(options.lr))}; area = Σ lr over the ${steps} updates; f32 lost = changes that vanish in float32.</p>`,
        },
      ],
    });
  }

  if (format === 'json') {
    return {
      text: JSON.stringify({
        steps,
        specs: items.map((it) => ({
          spec: it.spec,
          lr: it.curve.lr,
          momentum: it.curve.momentum,
          summary: { lr: it.lr, momentum: it.momentum },
        })),
        out: out ?? null,
      }),
    };
  }

  const parts: string[] = [];
  if (out === undefined) {
    const series: TermSeries[] = [];
    items.forEach((it, i) => {
      const groups = it.curve.lr.length;
      it.curve.lr.forEach((y, g) => series.push({ name: nameOf(i, g, groups), x, y }));
    });
    const size = terminalSize(width, height, 8 + series.length + table.rows.length);
    parts.push(
      terminalChart(series, {
        width: size.width,
        height: size.height,
        log: values.log === true,
        color: colorEnabled(),
        xLabel: values.log ? 'step  (lr on a log scale)' : 'step',
      }),
      '',
    );
  } else {
    parts.push(`wrote ${out}`, '');
  }
  parts.push(tableText(table));
  for (const w of warn) parts.push(colors.yellow(w));
  return { text: parts.join('\n') };
}
