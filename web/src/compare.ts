/**
 * Compare: every designed schedule on one chart (lr on the left axis, momentum dashed on the
 * right where the schedule cycles it), a hover/keyboard read-out of the exact values at a step,
 * lrkit's summary of each, the code export and CSV/SVG/PNG downloads.
 */
import { EXPORT_TARGETS, exportCode, plotSvg, type Summary } from 'lrkit';
import { PALETTE, type App } from './app.js';
import { Chart, type ChartSeries } from './chart.js';
import { announce, download, fmt, h, replace } from './dom.js';
import type { ExactJob, ExactReply } from './exactWorker.js';
import {
  cacheKey,
  completeCached,
  computeCached,
  describeError,
  sampleSteps,
  schedulesOf,
  type Computed,
} from './series.js';
import { MAX_ITEMS, MAX_STEPS, type ExportTo } from './state.js';

const TARGET_LABEL: Record<ExportTo, string> = {
  torch: 'PyTorch',
  keras: 'Keras',
  optax: 'optax',
  ts: 'lrkit TypeScript',
};

/** Timing of the last redraws after a change (ms), read by the end-to-end performance test. */
export const redrawTimings: number[] = [];
/** Time from a change to the exact curves and summaries drawn (long horizons only), ms. */
export const exactTimings: number[] = [];

function record(list: number[], v: number): void {
  list.push(v);
  if (list.length > 50) list.shift();
}

export class Compare {
  readonly listCard: HTMLElement;
  readonly chartCard: HTMLElement;
  readonly tableCard: HTMLElement;
  readonly exportCard: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly chart: Chart;
  private readonly readout: HTMLDivElement;
  private readonly stepsInput: HTMLInputElement;
  private readonly stepsError: HTMLParagraphElement;
  private readonly logToggle: HTMLInputElement;
  private readonly tbody: HTMLTableSectionElement;
  private readonly code: HTMLElement;
  private readonly exportError: HTMLParagraphElement;
  private readonly targetButtons: HTMLButtonElement[];
  private computed: (ReturnType<typeof computeCached> | undefined)[] = [];
  private drawStart: number | undefined;
  private changeAt: number | undefined;
  private exactWorker: Worker | undefined;
  private inflight: string | undefined;
  private queue = new Map<string, ExactJob>();
  private readonly empty: HTMLParagraphElement;

  constructor(private readonly app: App) {
    this.list = h('ul', {
      class: 'items',
      attrs: { id: 'items', 'aria-label': 'Designed schedules' },
    });
    this.listCard = h(
      'section',
      { class: 'card', attrs: { 'aria-labelledby': 'items-h' } },
      h(
        'div',
        { class: 'card-head' },
        h('h2', { text: 'Schedules', attrs: { id: 'items-h' } }),
        h('button', {
          class: 'btn',
          text: '+ Add',
          attrs: {
            type: 'button',
            id: 'add-item',
            'aria-label': 'Add a schedule (a copy of the selected one)',
          },
          on: { click: () => this.add() },
        }),
      ),
      this.list,
    );

    this.stepsInput = h('input', {
      attrs: {
        id: 'steps',
        type: 'number',
        min: 1,
        max: MAX_STEPS,
        step: 1,
        inputmode: 'numeric',
        'aria-describedby': 'steps-error',
      },
    });
    this.stepsError = h('p', { class: 'error', attrs: { id: 'steps-error' } });
    this.stepsInput.addEventListener('change', () => this.onSteps());
    this.logToggle = h('input', { attrs: { id: 'log-y', type: 'checkbox', role: 'switch' } });
    this.logToggle.addEventListener('change', () =>
      this.app.update('view', (s) => (s.log = this.logToggle.checked)),
    );
    this.readout = h('div', { class: 'readout', attrs: { id: 'readout', 'aria-live': 'polite' } });
    const toolbar = h(
      'div',
      { class: 'toolbar' },
      h(
        'div',
        { class: 'inline-field' },
        h('label', { text: 'Steps', attrs: { for: 'steps' } }),
        this.stepsInput,
      ),
      h(
        'label',
        { class: 'switch', attrs: { for: 'log-y' } },
        this.logToggle,
        h('span', { text: 'Log scale' }),
      ),
      h(
        'div',
        { class: 'downloads', attrs: { role: 'group', 'aria-label': 'Download the chart' } },
        h('button', {
          class: 'btn',
          text: 'CSV',
          attrs: { type: 'button', id: 'dl-csv', 'aria-label': 'Download CSV' },
          on: { click: () => this.csv() },
        }),
        h('button', {
          class: 'btn',
          text: 'SVG',
          attrs: { type: 'button', id: 'dl-svg', 'aria-label': 'Download SVG' },
          on: { click: () => this.svg() },
        }),
        h('button', {
          class: 'btn',
          text: 'PNG',
          attrs: { type: 'button', id: 'dl-png', 'aria-label': 'Download PNG' },
          on: { click: () => void this.png() },
        }),
      ),
    );
    this.chartCard = h(
      'section',
      { class: 'card chart-card', attrs: { 'aria-labelledby': 'chart-h' } },
      h('h2', { class: 'sr-only', text: 'Chart', attrs: { id: 'chart-h' } }),
      toolbar,
      this.stepsError,
    );
    this.chart = new Chart(this.chartCard, {
      xLabel: 'step',
      yLabel: 'learning rate',
      y2Label: 'momentum',
      logY: app.state.log,
      ariaLabel: 'Learning rate of each schedule against the step',
      height: 340,
      onProbe: (x) => this.probe(x),
      onDraw: () => {
        const now = performance.now();
        if (this.drawStart !== undefined) {
          record(redrawTimings, now - this.drawStart);
          this.drawStart = undefined;
        }
        if (this.changeAt !== undefined && this.computed.every((c) => !c?.ok || c.exact)) {
          record(exactTimings, now - this.changeAt);
          this.changeAt = undefined;
        }
      },
    });
    this.empty = h('p', {
      class: 'empty',
      text: 'No valid schedule to draw: fix the errors listed in the summary, or show a schedule.',
    });
    this.chartCard.append(this.empty, this.readout);

    this.tbody = h('tbody');
    this.tableCard = h(
      'section',
      { class: 'card table-card', attrs: { 'aria-labelledby': 'summary-h' } },
      h('h2', { text: 'Summary', attrs: { id: 'summary-h' } }),
      h(
        'div',
        {
          class: 'table-wrap',
          attrs: { tabindex: 0, role: 'region', 'aria-labelledby': 'summary-h' },
        },
        h(
          'table',
          { attrs: { id: 'summary' } },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...[
                'schedule',
                'initial',
                'final',
                'min',
                'max',
                'mean',
                'area (Σ lr)',
                'changes',
                'float32-lost',
                'momentum',
              ].map((t) => h('th', { text: t, attrs: { scope: 'col' } })),
            ),
          ),
          this.tbody,
        ),
      ),
      h('p', {
        class: 'help',
        text: 'Over steps 0..N. area: the total step size taken over N updates. float32-lost: steps where the lr changes in float64 but not in float32 (what TF.js applies).',
      }),
    );

    this.targetButtons = EXPORT_TARGETS.map((t) =>
      h('button', {
        class: 'seg',
        text: TARGET_LABEL[t],
        attrs: { type: 'button', role: 'radio', 'data-target': t, id: `export-${t}` },
        on: {
          click: () => this.app.update('export', (s) => (s.exportTo = t)),
          keydown: (e) => this.segKey(e),
        },
      }),
    );
    this.code = h('code', { attrs: { id: 'export-code' } });
    this.exportError = h('p', { class: 'error', attrs: { id: 'export-error' } });
    this.exportCard = h(
      'section',
      { class: 'card export-card', attrs: { 'aria-labelledby': 'export-h' } },
      h(
        'div',
        { class: 'card-head' },
        h('h2', { text: 'Export the selected schedule', attrs: { id: 'export-h' } }),
        h('button', {
          class: 'btn',
          text: 'Copy',
          attrs: { type: 'button', id: 'copy-code' },
          on: { click: () => void this.copy() },
        }),
      ),
      h(
        'div',
        { class: 'segmented', attrs: { role: 'radiogroup', 'aria-label': 'Export to' } },
        ...this.targetButtons,
      ),
      this.exportError,
      h('pre', { class: 'code', attrs: { tabindex: 0, 'aria-label': 'Exported code' } }, this.code),
    );
  }

  render(change: string): void {
    const s = this.app.state;
    if (document.activeElement !== this.stepsInput) this.stepsInput.value = String(s.steps);
    this.logToggle.checked = s.log;
    this.renderList();
    if (change === 'view' || change === 'all') this.chart.configure({ logY: s.log });
    if (change !== 'export') this.redraw();
    this.renderExport();
  }

  retheme(): void {
    this.chart.retheme();
  }

  private renderList(): void {
    const s = this.app.state;
    const rows = s.items.map((it, i) => {
      const sel = i === s.sel;
      const c = this.computed[i];
      const check = h('input', {
        attrs: {
          type: 'checkbox',
          id: `show-${i}`,
          'aria-label': `Show schedule ${i + 1} on the chart`,
        },
      });
      check.checked = !it.hidden;
      check.addEventListener('change', () =>
        this.app.update('items', (st) => (st.items[i]!.hidden = !check.checked)),
      );
      return h(
        'li',
        { class: `item${sel ? ' selected' : ''}${c && !c.ok ? ' bad' : ''}` },
        h('span', {
          class: 'swatch',
          attrs: { style: `background:${PALETTE[i % PALETTE.length]}`, 'aria-hidden': 'true' },
        }),
        check,
        h('button', {
          class: 'item-pick',
          text: it.spec || '(empty)',
          attrs: {
            type: 'button',
            'aria-current': sel ? 'true' : undefined,
            title: it.spec,
            'aria-label': `Edit schedule ${i + 1}: ${it.spec}`,
          },
          on: { click: () => this.app.update('sel', (st) => (st.sel = i)) },
        }),
        h('button', {
          class: 'btn icon',
          text: '×',
          attrs: {
            type: 'button',
            'aria-label': `Remove schedule ${i + 1}`,
            disabled: s.items.length <= 1,
          },
          on: { click: () => this.remove(i) },
        }),
      );
    });
    replace(this.list, ...rows);
    const add = this.listCard.querySelector<HTMLButtonElement>('#add-item');
    if (add) add.disabled = s.items.length >= MAX_ITEMS;
  }

  private add(): void {
    this.app.update('items', (s) => {
      const cur = s.items[s.sel] ?? { spec: 'StepLR(step_size=100)', lr: 0.1, hidden: false };
      s.items.push({ ...cur, hidden: false });
      s.sel = s.items.length - 1;
    });
    this.app.update('sel');
  }

  private remove(i: number): void {
    this.app.update('items', (s) => {
      s.items.splice(i, 1);
      if (s.sel >= s.items.length) s.sel = s.items.length - 1;
      else if (s.sel > i) s.sel -= 1;
      s.train.picks = s.train.picks.filter((p) => p !== i).map((p) => (p > i ? p - 1 : p));
    });
    this.app.update('sel');
  }

  private onSteps(): void {
    const n = Number(this.stepsInput.value);
    if (!Number.isInteger(n) || n < 1 || n > MAX_STEPS) {
      this.stepsError.textContent = `steps must be an integer from 1 to ${MAX_STEPS}, got '${this.stepsInput.value}'`;
      this.stepsInput.setAttribute('aria-invalid', 'true');
      return;
    }
    this.stepsError.textContent = '';
    this.stepsInput.removeAttribute('aria-invalid');
    this.app.update('view', (s) => (s.steps = n));
  }

  /**
   * Recomputes what changed (lrkit sample → decimate → summarize) and redraws; long horizons
   * get a preview now and their exact curves from the worker.
   */
  redraw(afterChange = true): void {
    const t0 = performance.now();
    if (afterChange) {
      this.drawStart = t0;
      this.changeAt = undefined;
    }
    const s = this.app.state;
    this.computed = s.items.map((it) => computeCached(it.spec, it.lr, s.steps));
    const jobs = s.items.flatMap((it, i) => {
      const c = this.computed[i];
      return c?.ok && !c.exact
        ? [{ key: cacheKey(it.spec, it.lr, s.steps), spec: it.spec, lr: it.lr, steps: s.steps }]
        : [];
    });
    if (jobs.length && afterChange) this.changeAt = t0;
    this.requestExact(jobs);
    const series: ChartSeries[] = [];
    s.items.forEach((it, i) => {
      const c = this.computed[i];
      if (it.hidden || !c?.ok) return;
      const color = PALETTE[i % PALETTE.length]!;
      series.push({ label: `${i + 1}`, color, x: c.x, y: c.y });
      if (c.mx && c.my)
        series.push({
          label: `${i + 1} momentum`,
          color,
          x: c.mx,
          y: c.my,
          scale: 'y2',
          dash: true,
        });
    });
    this.chart.set(series);
    this.empty.hidden = series.length > 0;
    this.renderTable();
    this.renderList();
  }

  private requestExact(jobs: ExactJob[]): void {
    this.queue = new Map(jobs.filter((j) => j.key !== this.inflight).map((j) => [j.key, j]));
    this.pump();
  }

  private pump(): void {
    if (this.inflight) return;
    const next = this.queue.values().next().value;
    if (!next) return;
    this.queue.delete(next.key);
    this.inflight = next.key;
    if (!this.exactWorker) {
      this.exactWorker = new Worker(new URL('./exactWorker.ts', import.meta.url), {
        type: 'module',
        name: 'lrkit-exact',
      });
      this.exactWorker.onmessage = (e: MessageEvent<ExactReply>) => this.onExact(e.data);
    }
    this.exactWorker.postMessage(next);
  }

  private onExact(r: ExactReply): void {
    this.inflight = undefined;
    if (r.ok && completeCached(r.key, r.data)) this.redraw(false);
    this.pump();
  }

  private renderTable(): void {
    const s = this.app.state;
    const cells = (sm: Summary) =>
      [sm.initial, sm.final, sm.min, sm.max, sm.mean, sm.area].map((v) =>
        h('td', { text: fmt(v) }),
      );
    const rows = s.items.map((it, i) => {
      const c = this.computed[i];
      const name = h(
        'th',
        { attrs: { scope: 'row' } },
        h('span', {
          class: 'swatch',
          attrs: { style: `background:${PALETTE[i % PALETTE.length]}`, 'aria-hidden': 'true' },
        }),
        h('span', { class: 'spec-text', text: it.spec }),
      );
      if (!c || !c.ok)
        return h(
          'tr',
          { class: 'bad' },
          name,
          h('td', { class: 'error', text: c?.message ?? '', attrs: { colspan: 9 } }),
        );
      const sm = c.summary;
      if (!sm)
        return h(
          'tr',
          { attrs: { 'aria-busy': 'true' } },
          name,
          h('td', {
            class: 'muted',
            text: `computing all ${(s.steps + 1).toLocaleString('en-US')} steps…`,
            attrs: { colspan: 9 },
          }),
        );
      return h(
        'tr',
        {},
        name,
        ...cells(sm),
        h('td', { text: String(sm.changes) }),
        h('td', { text: String(sm.float32Lost), class: sm.float32Lost > 0 ? 'warn' : '' }),
        h('td', {
          text: c.momSummary ? `${fmt(c.momSummary.min)} – ${fmt(c.momSummary.max)}` : '—',
        }),
      );
    });
    replace(this.tbody, ...rows);
    const strided = this.computed.find((c) => c?.ok && c.exact && c.stride > 1) as
      Computed | undefined;
    this.stepsError.textContent = strided
      ? `Above ${(2e6).toLocaleString()} steps the curves and summaries use ${(2e6).toLocaleString()} evenly spaced steps (every ≈${strided.stride.toFixed(1)}th).`
      : '';
  }

  private probe(x: number | null): void {
    const s = this.app.state;
    if (x === null || !Number.isFinite(x)) {
      replace(
        this.readout,
        h('span', {
          class: 'muted',
          text: 'Hover the chart (or focus it and use ← →) to read exact values; drag to zoom, double-click to reset.',
        }),
      );
      return;
    }
    const step = Math.max(0, Math.min(s.steps, Math.round(x)));
    const parts: Node[] = [h('strong', { text: `step ${step.toLocaleString('en-US')}` })];
    s.items.forEach((it, i) => {
      const c = this.computed[i];
      if (it.hidden || !c?.ok) return;
      const lr = c.lr(step);
      const mom = c.momentum ? ` · momentum ${fmt(c.momentum(step))}` : '';
      parts.push(
        h(
          'span',
          { class: 'ro' },
          h('span', {
            class: 'swatch',
            attrs: { style: `background:${PALETTE[i % PALETTE.length]}`, 'aria-hidden': 'true' },
          }),
          `${i + 1}: lr ${fmt(lr)}${mom}`,
        ),
      );
    });
    replace(
      this.readout,
      ...parts.flatMap((p, i) => (i ? [document.createTextNode(' '), p] : [p])),
    );
  }

  private renderExport(): void {
    const s = this.app.state;
    for (const b of this.targetButtons) {
      const on = b.dataset.target === s.exportTo;
      b.setAttribute('aria-checked', String(on));
      b.tabIndex = on ? 0 : -1;
    }
    const it = s.items[s.sel];
    if (!it) return;
    try {
      this.code.textContent = exportCode(it.spec, { to: s.exportTo, lr: it.lr });
      this.exportError.textContent = '';
    } catch (e) {
      this.code.textContent = '';
      this.exportError.textContent = describeError(e).message;
    }
  }

  private segKey(e: KeyboardEvent): void {
    const i = EXPORT_TARGETS.indexOf(this.app.state.exportTo);
    const d =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? 1
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? -1
          : 0;
    if (!d) return;
    e.preventDefault();
    const t = EXPORT_TARGETS[(i + d + EXPORT_TARGETS.length) % EXPORT_TARGETS.length]!;
    this.app.update('export', (s) => (s.exportTo = t));
    this.targetButtons.find((b) => b.dataset.target === t)?.focus();
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.code.textContent ?? '');
      announce('Code copied');
    } catch {
      announce('Copy failed: select the code and copy it by hand');
    }
  }

  /** Visible, valid schedules with their exact per-step values (for downloads). */
  private exactSeries(maxRows: number) {
    const s = this.app.state;
    const out: { label: string; color: string; xs: Float64Array; ys: Float64Array }[] = [];
    s.items.forEach((it, i) => {
      if (it.hidden) return;
      try {
        const sch = schedulesOf(it.spec, it.lr);
        const steps = Math.min(s.steps, maxRows - 1);
        const n = steps + 1;
        if (s.steps + 1 <= maxRows) {
          const r = sampleSteps(sch.lr, steps);
          out.push({
            label: it.spec,
            color: PALETTE[i % PALETTE.length]!,
            xs: r.xs.slice(),
            ys: r.ys,
          });
        } else {
          const xs = new Float64Array(n);
          const ys = new Float64Array(n);
          for (let k = 0; k < n; k++) {
            xs[k] = Math.round((k * s.steps) / steps);
            ys[k] = sch.lr(xs[k]!);
          }
          out.push({ label: it.spec, color: PALETTE[i % PALETTE.length]!, xs, ys });
        }
      } catch {
        /* invalid schedules are listed with their error and left out of downloads */
      }
    });
    return out;
  }

  private csv(): void {
    const series = this.exactSeries(100_001);
    if (!series.length) return announce('Nothing to download: no valid schedule is shown');
    const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
    const lines = [['step', ...series.map((s) => quote(s.label))].join(',')];
    const xs = series[0]!.xs;
    for (let k = 0; k < xs.length; k++)
      lines.push([xs[k], ...series.map((s) => s.ys[k])].join(','));
    download('lrkit-schedules.csv', new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }));
    announce(
      xs.length < this.app.state.steps + 1
        ? `CSV: ${xs.length.toLocaleString()} evenly spaced steps`
        : 'CSV downloaded',
    );
  }

  private svgText(): string | undefined {
    const s = this.app.state;
    const series = s.items.flatMap((it, i) => {
      const c = this.computed[i];
      if (it.hidden || !c?.ok) return [];
      const color = PALETTE[i % PALETTE.length]!;
      return [
        { name: c.text, x: c.x, y: c.y, color },
        ...(c.mx && c.my
          ? [
              {
                name: `${c.text} momentum`,
                x: c.mx,
                y: c.my,
                color,
                dashed: true,
                axis: 'right' as const,
              },
            ]
          : []),
      ];
    });
    if (!series.length) return undefined;
    const dark = getComputedStyle(document.documentElement).colorScheme === 'dark';
    return plotSvg(series, {
      width: 900,
      height: 450,
      title: 'Learning rate',
      xLabel: 'step',
      yLabel: 'learning rate',
      y2Label: 'momentum',
      yLog: s.log,
      theme: dark ? 'dark' : 'light',
    });
  }

  private svg(): void {
    const t = this.svgText();
    if (!t) return announce('Nothing to download: no valid schedule is shown');
    download('lrkit-schedules.svg', new Blob([t], { type: 'image/svg+xml' }));
  }

  private async png(): Promise<void> {
    const t = this.svgText();
    if (!t) return announce('Nothing to download: no valid schedule is shown');
    const url = URL.createObjectURL(new Blob([t], { type: 'image/svg+xml' }));
    try {
      const img = new Image();
      await new Promise<void>((resolve, reject) => {
        img.onload = () => resolve();
        img.onerror = () => reject(new Error('the SVG could not be rendered'));
        img.src = url;
      });
      const scale = 2;
      const canvas = document.createElement('canvas');
      canvas.width = (img.naturalWidth || 900) * scale;
      canvas.height = (img.naturalHeight || 450) * scale;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2D canvas');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
      if (!blob) throw new Error('PNG encoding failed');
      download('lrkit-schedules.png', blob);
    } catch (e) {
      announce(`PNG failed: ${describeError(e).message}`);
    } finally {
      URL.revokeObjectURL(url);
    }
  }
}
