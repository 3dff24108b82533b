/**
 * Train: a small MLP on the bundled digits, trained in a Web Worker (TF.js, wasm backend where
 * available) under 1–4 of the designed schedules one after another with the same data and initial
 * weights, with live loss / accuracy / applied-lr curves; and lrkit's LR range test.
 */
import { PALETTE, type App, type Change } from '../app.js';
import { Chart, type ChartSeries } from '../chart.js';
import { fmt, h, replace } from '../dom.js';
import { OPTIMIZERS, type OptimizerName } from '../state.js';
import type { FromWorker, RangeTestView, ToWorker } from './protocol.js';

interface RunLog {
  id: number;
  spec: string;
  steps: number[];
  loss: number[];
  lr: number[];
  epochs: number[];
  valAcc: number[];
  valLoss: number[];
  error?: string;
  ms?: number;
  stepsPerEpoch?: number;
}

const SUGGESTION_LABEL: Record<string, string> = {
  steepest: 'steepest descent',
  minimumDiv10: 'minimum ÷ 10',
  valley: 'valley (fastai default)',
  slide: 'slide',
};

export class Train {
  private readonly worker: Worker;
  private readonly status: HTMLParagraphElement;
  private readonly picks: HTMLFieldSetElement;
  private readonly pickError: HTMLParagraphElement;
  private readonly epochs: HTMLInputElement;
  private readonly batch: HTMLInputElement;
  private readonly optimizer: HTMLSelectElement;
  private readonly startBtn: HTMLButtonElement;
  private readonly stopBtn: HTMLButtonElement;
  private readonly progress: HTMLParagraphElement;
  private readonly lossChart: Chart;
  private readonly accChart: Chart;
  private readonly lrChart: Chart;
  private readonly results: HTMLTableSectionElement;
  private readonly rtStart: HTMLInputElement;
  private readonly rtEnd: HTMLInputElement;
  private readonly rtIters: HTMLInputElement;
  private readonly rtError: HTMLParagraphElement;
  private readonly rtBtn: HTMLButtonElement;
  private readonly rtChart: Chart;
  private readonly rtOut: HTMLDivElement;
  private readonly rtProgress: HTMLParagraphElement;
  private runs = new Map<number, RunLog>();
  private rt: { lrs: number[]; losses: number[]; smoothed: number[] } = {
    lrs: [],
    losses: [],
    smoothed: [],
  };
  private rtResult: RangeTestView | undefined;
  private busy: 'train' | 'range' | undefined;
  private ready = false;
  private frame = 0;

  constructor(
    private readonly app: App,
    host: HTMLElement,
  ) {
    this.status = h('p', {
      class: 'progress',
      attrs: { id: 'train-status', 'aria-live': 'polite' },
      text: 'Loading TensorFlow.js in a worker…',
    });
    this.picks = h('fieldset', { class: 'picks', attrs: { id: 'train-picks' } });
    this.pickError = h('p', { class: 'error', attrs: { id: 'train-picks-error' } });
    const num = (id: string, min: number, max: number) =>
      h('input', { attrs: { id, type: 'number', min, max, step: 1, inputmode: 'numeric' } });
    this.epochs = num('train-epochs', 1, 50);
    this.batch = num('train-batch', 8, 1024);
    this.optimizer = h(
      'select',
      { attrs: { id: 'train-optimizer' } },
      ...OPTIMIZERS.map((o) =>
        h('option', {
          text: o === 'momentum' ? 'SGD + momentum 0.9' : o === 'sgd' ? 'SGD' : 'Adam',
          attrs: { value: o },
        }),
      ),
    );
    const onCtl = () => this.readControls();
    this.epochs.addEventListener('change', onCtl);
    this.batch.addEventListener('change', onCtl);
    this.optimizer.addEventListener('change', onCtl);
    this.startBtn = h('button', {
      class: 'btn primary',
      text: 'Train',
      attrs: { type: 'button', id: 'train-start', disabled: true },
      on: { click: () => this.startTraining() },
    });
    this.stopBtn = h('button', {
      class: 'btn',
      text: 'Stop',
      attrs: { type: 'button', id: 'train-stop', disabled: true },
      on: { click: () => this.send({ type: 'stop' }) },
    });
    this.progress = h('p', { class: 'progress', attrs: { id: 'train-progress' } });
    const chartsHost = h('div', { class: 'charts-2' });
    const box = (title: string) => {
      const c = h('div', {}, h('h3', { class: 'sub', text: title }));
      chartsHost.append(c);
      return c;
    };
    this.lossChart = new Chart(box('Training loss per batch'), {
      xLabel: 'step',
      yLabel: 'loss',
      ariaLabel: 'Training loss of each run against the step',
      height: 240,
    });
    this.accChart = new Chart(box('Validation accuracy per epoch'), {
      xLabel: 'epoch',
      yLabel: 'accuracy',
      ariaLabel: 'Validation accuracy of each run per epoch',
      height: 240,
    });
    this.lrChart = new Chart(box('Learning rate applied by lrkit'), {
      xLabel: 'step',
      yLabel: 'lr',
      ariaLabel: 'Learning rate set on the optimizer at each step',
      height: 240,
    });
    this.results = h('tbody');

    this.rtStart = h('input', { attrs: { id: 'rt-start', type: 'text', inputmode: 'decimal' } });
    this.rtEnd = h('input', { attrs: { id: 'rt-end', type: 'text', inputmode: 'decimal' } });
    this.rtIters = h('input', {
      attrs: { id: 'rt-iters', type: 'number', min: 10, max: 1000, step: 1 },
    });
    for (const el of [this.rtStart, this.rtEnd, this.rtIters]) el.addEventListener('change', onCtl);
    this.rtError = h('p', { class: 'error', attrs: { id: 'rt-error' } });
    this.rtBtn = h('button', {
      class: 'btn primary',
      text: 'Run range test',
      attrs: { type: 'button', id: 'rt-run', disabled: true },
      on: { click: () => this.startRangeTest() },
    });
    this.rtProgress = h('p', { class: 'progress', attrs: { id: 'rt-progress' } });
    const rtHost = h('div');
    this.rtChart = new Chart(rtHost, {
      xLabel: 'learning rate',
      yLabel: 'loss',
      logX: true,
      ariaLabel: 'Loss against the learning rate in the range test',
      height: 260,
    });
    this.rtOut = h('div', { attrs: { id: 'rt-result', 'aria-live': 'polite' } });

    const lbl = (text: string, el: HTMLElement) =>
      h('div', { class: 'field' }, h('label', { text, attrs: { for: el.id } }), el);
    host.append(
      h(
        'div',
        { class: 'stack' },
        h(
          'section',
          { class: 'card', attrs: { 'aria-labelledby': 'train-h' } },
          h('h2', { text: 'Train with your schedules', attrs: { id: 'train-h' } }),
          h('p', {
            class: 'help',
            text: 'A 196→64→10 MLP on 4000 handwritten digits (14×14, MNIST subset; 1000 more for validation), trained in a Web Worker with TensorFlow.js. Each picked schedule trains the same model from the same initial weights on the same batches; lrkit/tfjs sets the lr (and momentum, where the schedule cycles it) before every batch.',
          }),
          this.status,
          this.picks,
          this.pickError,
          h(
            'div',
            { class: 'train-controls' },
            lbl('Epochs', this.epochs),
            lbl('Batch size', this.batch),
            lbl('Optimizer', this.optimizer),
            h(
              'div',
              { class: 'field' },
              h('span', { class: 'sr-only', text: 'Actions' }),
              h('div', { class: 'actions' }, this.startBtn, this.stopBtn),
            ),
          ),
          this.progress,
          chartsHost,
          h(
            'div',
            {
              class: 'table-wrap',
              attrs: { tabindex: 0, role: 'region', 'aria-label': 'Training results' },
            },
            h(
              'table',
              { attrs: { id: 'train-results' } },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  ...['schedule', 'final train loss', 'val loss', 'val accuracy', 'time'].map((t) =>
                    h('th', { text: t, attrs: { scope: 'col' } }),
                  ),
                ),
              ),
              this.results,
            ),
          ),
        ),
        h(
          'section',
          { class: 'card', attrs: { 'aria-labelledby': 'rt-h' } },
          h('h2', { text: 'LR range test', attrs: { id: 'rt-h' } }),
          h('p', {
            class: 'help',
            text: 'Train for a few batches while the lr grows exponentially from start to end, and read a good lr off the loss curve (lrkit rangeTest: smoothed loss, four suggestion rules and a recommendation). Uses the optimizer and batch size above.',
          }),
          h(
            'div',
            { class: 'train-controls' },
            lbl('Start lr', this.rtStart),
            lbl('End lr', this.rtEnd),
            lbl('Iterations', this.rtIters),
            h(
              'div',
              { class: 'field' },
              h('span', { class: 'sr-only', text: 'Actions' }),
              this.rtBtn,
            ),
          ),
          this.rtError,
          this.rtProgress,
          rtHost,
          this.rtOut,
        ),
      ),
    );

    this.worker = new Worker(new URL('./worker.ts', import.meta.url), {
      type: 'module',
      name: 'lrkit-train',
    });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.onMessage(e.data);
    this.worker.onerror = (e) => {
      this.status.textContent = `The training worker failed: ${e.message || 'could not start'}`;
    };
    // TF.js loads now (Train was opened), so the first run starts without waiting for it
    this.send({ type: 'init' });
    // read by the end-to-end tests: what each run logged (steps, losses, applied lrs)
    const g = (window as unknown as { lrkitPlayground?: Record<string, unknown> }).lrkitPlayground;
    if (g) g.trainRuns = () => [...this.runs.values()];
  }

  private send(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  retheme(): void {
    this.lossChart.retheme();
    this.accChart.retheme();
    this.lrChart.retheme();
    this.rtChart.retheme();
  }

  render(_change: Change): void {
    const s = this.app.state;
    const t = s.train;
    if (document.activeElement !== this.epochs) this.epochs.value = String(t.epochs);
    if (document.activeElement !== this.batch) this.batch.value = String(t.batch);
    this.optimizer.value = t.optimizer;
    if (document.activeElement !== this.rtStart) this.rtStart.value = String(t.rtStart);
    if (document.activeElement !== this.rtEnd) this.rtEnd.value = String(t.rtEnd);
    if (document.activeElement !== this.rtIters) this.rtIters.value = String(t.rtIters);
    const stepsPerEpoch = Math.ceil(4000 / t.batch);
    replace(
      this.picks,
      h('legend', {
        text: `Schedules to train (1–4). Each run is ${t.epochs} × ${stepsPerEpoch} = ${t.epochs * stepsPerEpoch} steps; base lr = the optimizer’s initial lr.`,
      }),
      ...s.items.map((it, i) => {
        const cb = h('input', { attrs: { type: 'checkbox', id: `train-pick-${i}` } });
        cb.checked = t.picks.includes(i);
        cb.disabled = !cb.checked && t.picks.length >= 4;
        cb.addEventListener('change', () =>
          this.app.update('train', (st) => {
            st.train.picks = cb.checked
              ? [...st.train.picks, i].sort((a, b) => a - b)
              : st.train.picks.filter((p) => p !== i);
          }),
        );
        return h(
          'label',
          { attrs: { for: `train-pick-${i}` } },
          cb,
          h('span', {
            class: 'swatch',
            attrs: { style: `background:${PALETTE[i % PALETTE.length]}`, 'aria-hidden': 'true' },
          }),
          h('span', { class: 'spec-text', text: `${it.spec}  (lr ${it.lr})` }),
        );
      }),
    );
    this.updateButtons();
  }

  private readControls(): void {
    const ep = Number(this.epochs.value);
    const bs = Number(this.batch.value);
    const rs = Number(this.rtStart.value);
    const re = Number(this.rtEnd.value);
    const ri = Number(this.rtIters.value);
    this.app.update('train', (s) => {
      if (Number.isInteger(ep) && ep >= 1 && ep <= 50) s.train.epochs = ep;
      if (Number.isInteger(bs) && bs >= 8 && bs <= 1024) s.train.batch = bs;
      s.train.optimizer = (OPTIMIZERS as readonly string[]).includes(this.optimizer.value)
        ? (this.optimizer.value as OptimizerName)
        : s.train.optimizer;
      if (Number.isFinite(rs) && rs > 0) s.train.rtStart = rs;
      if (Number.isFinite(re) && re > 0) s.train.rtEnd = re;
      if (Number.isInteger(ri) && ri >= 10 && ri <= 1000) s.train.rtIters = ri;
    });
  }

  private updateButtons(): void {
    const n = this.app.state.train.picks.length;
    this.pickError.textContent = n === 0 ? 'Pick at least one schedule to train.' : '';
    this.startBtn.disabled = !this.ready || !!this.busy || n === 0;
    this.rtBtn.disabled = !this.ready || !!this.busy;
    this.stopBtn.disabled = !this.busy;
  }

  private startTraining(): void {
    const s = this.app.state;
    const runs = s.train.picks.flatMap((i) => {
      const it = s.items[i];
      return it ? [{ id: i, spec: it.spec, lr: it.lr }] : [];
    });
    if (!runs.length) return;
    this.runs = new Map(
      runs.map((r) => [
        r.id,
        {
          id: r.id,
          spec: r.spec,
          steps: [],
          loss: [],
          lr: [],
          epochs: [],
          valAcc: [],
          valLoss: [],
        },
      ]),
    );
    this.busy = 'train';
    this.updateButtons();
    this.progress.textContent = 'Starting…';
    this.redrawTraining();
    this.send({
      type: 'train',
      runs,
      epochs: s.train.epochs,
      batch: s.train.batch,
      optimizer: s.train.optimizer,
    });
  }

  private startRangeTest(): void {
    const t = this.app.state.train;
    this.rtError.textContent = '';
    this.rt = { lrs: [], losses: [], smoothed: [] };
    this.rtResult = undefined;
    replace(this.rtOut);
    this.rtChart.setMarkers([]);
    this.busy = 'range';
    this.updateButtons();
    const it = this.app.state.items[this.app.state.sel];
    this.send({
      type: 'rangeTest',
      startLr: t.rtStart,
      endLr: t.rtEnd,
      numIter: t.rtIters,
      batch: t.batch,
      optimizer: t.optimizer,
      lr: it?.lr ?? 0.1,
    });
  }

  private onMessage(m: FromWorker): void {
    switch (m.type) {
      case 'ready':
        this.ready = true;
        this.status.textContent = `TensorFlow.js ready — backend: ${m.backend}; data: ${m.data.nTrain} training + ${m.data.nTest} validation digits, ${m.data.width}×${m.data.height} (${m.data.source}).`;
        this.root().dataset.backend = m.backend;
        this.updateButtons();
        break;
      case 'runStart': {
        const r = this.runs.get(m.run);
        if (r) r.stepsPerEpoch = m.stepsPerEpoch;
        this.progress.textContent = `Training schedule ${m.run + 1}…`;
        break;
      }
      case 'batch': {
        const r = this.runs.get(m.run);
        if (!r) break;
        r.steps.push(m.step);
        r.loss.push(m.loss);
        r.lr.push(m.lr);
        this.progress.textContent = `Schedule ${m.run + 1}: step ${m.step + 1}, loss ${fmt(m.loss)}, lr ${fmt(m.lr)}`;
        this.scheduleRedraw();
        break;
      }
      case 'epoch': {
        const r = this.runs.get(m.run);
        if (!r) break;
        r.epochs.push(m.epoch);
        r.valAcc.push(m.valAcc);
        r.valLoss.push(m.valLoss);
        this.scheduleRedraw();
        break;
      }
      case 'runEnd': {
        const r = this.runs.get(m.run);
        if (r) r.ms = m.ms;
        this.scheduleRedraw();
        break;
      }
      case 'runError': {
        const r = this.runs.get(m.run);
        if (r) r.error = m.message;
        this.scheduleRedraw();
        break;
      }
      case 'trainDone':
        this.busy = undefined;
        this.progress.textContent = m.stopped ? 'Stopped.' : 'Done.';
        this.root().dataset.trained = String(Date.now());
        this.updateButtons();
        this.redrawTraining();
        break;
      case 'rtProgress':
        this.rt.lrs.push(m.lr);
        this.rt.losses.push(m.loss);
        this.rt.smoothed.push(m.smoothedLoss);
        this.rtProgress.textContent = `Iteration ${m.iteration + 1} of ${m.numIter}: lr ${fmt(m.lr)}, loss ${fmt(m.loss)}`;
        this.scheduleRedraw();
        break;
      case 'rtResult':
        this.busy = undefined;
        this.rtResult = m.result;
        this.rtProgress.textContent = `Finished in ${(m.ms / 1000).toFixed(1)} s: ${m.result.stopDetail}`;
        this.updateButtons();
        this.showRangeResult();
        break;
      case 'error':
        this.busy = undefined;
        this.updateButtons();
        if (!this.ready) this.status.textContent = `Could not start training: ${m.message}`;
        else this.rtError.textContent = m.message;
        this.progress.textContent = '';
        break;
    }
  }

  private root(): HTMLElement {
    return document.getElementById('panel-train')!;
  }

  private scheduleRedraw(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (this.busy === 'range' || this.rt.lrs.length) this.redrawRange();
      this.redrawTraining();
    });
  }

  private redrawTraining(): void {
    const runs = [...this.runs.values()];
    const color = (r: RunLog) => PALETTE[r.id % PALETTE.length]!;
    const loss: ChartSeries[] = runs
      .filter((r) => r.steps.length)
      .map((r) => ({ label: `${r.id + 1}`, color: color(r), x: r.steps, y: r.loss }));
    const acc: ChartSeries[] = runs
      .filter((r) => r.epochs.length)
      .map((r) => ({
        label: `${r.id + 1}`,
        color: color(r),
        x: r.epochs,
        y: r.valAcc,
        points: true,
      }));
    const lr: ChartSeries[] = runs
      .filter((r) => r.steps.length)
      .map((r) => ({ label: `${r.id + 1}`, color: color(r), x: r.steps, y: r.lr }));
    this.lossChart.set(loss);
    this.accChart.set(acc);
    this.lrChart.set(lr);
    replace(
      this.results,
      ...runs.map((r) => {
        const name = h(
          'th',
          { attrs: { scope: 'row' } },
          h('span', {
            class: 'swatch',
            attrs: { style: `background:${color(r)}`, 'aria-hidden': 'true' },
          }),
          h('span', { class: 'spec-text', text: r.spec }),
        );
        if (r.error)
          return h(
            'tr',
            { class: 'bad' },
            name,
            h('td', { class: 'error', text: r.error, attrs: { colspan: 4 } }),
          );
        const last = (a: number[]) => (a.length ? a[a.length - 1] : undefined);
        return h(
          'tr',
          {},
          name,
          h('td', { text: fmt(last(r.loss)) }),
          h('td', { text: fmt(last(r.valLoss)) }),
          h('td', { text: r.valAcc.length ? `${(last(r.valAcc)! * 100).toFixed(1)} %` : '—' }),
          h('td', { text: r.ms !== undefined ? `${(r.ms / 1000).toFixed(1)} s` : '…' }),
        );
      }),
    );
  }

  private redrawRange(): void {
    const { lrs, losses, smoothed } = this.rt;
    this.rtChart.set([
      { label: 'loss', color: '#94a3b8', x: lrs, y: losses },
      { label: 'smoothed', color: '#2563eb', x: lrs, y: smoothed },
    ]);
  }

  private showRangeResult(): void {
    const r = this.rtResult;
    if (!r) return;
    this.rt = { lrs: r.lrs, losses: r.losses, smoothed: r.smoothedLosses };
    this.redrawRange();
    const colors = ['#d97706', '#059669', '#7c3aed', '#db2777'];
    const markers = Object.entries(r.suggestions).flatMap(([k, s], i) =>
      s.lr !== null
        ? [{ x: s.lr, label: SUGGESTION_LABEL[k] ?? k, color: colors[i % colors.length]! }]
        : [],
    );
    if (r.recommended.lr !== null)
      markers.push({ x: r.recommended.lr, label: 'recommended', color: '#dc2626' });
    this.rtChart.setMarkers(markers);
    const sel = this.app.state.sel;
    const rec = r.recommended.lr;
    replace(
      this.rtOut,
      h(
        'p',
        {},
        h('strong', { text: rec !== null ? `Recommended lr: ${fmt(rec)}` : 'No recommendation' }),
        ' — ',
        r.recommended.reason,
      ),
      h(
        'ul',
        { class: 'suggestions', attrs: { id: 'rt-suggestions' } },
        ...Object.entries(r.suggestions).map(([k, s]) =>
          h(
            'li',
            {},
            h('strong', { text: `${SUGGESTION_LABEL[k] ?? k}: ` }),
            s.lr !== null ? fmt(s.lr) : `— (${s.reason ?? 'not available'})`,
          ),
        ),
      ),
      rec !== null
        ? h('button', {
            class: 'btn',
            text: `Use ${fmt(rec)} as the base lr of schedule ${sel + 1}`,
            attrs: { type: 'button', id: 'rt-use' },
            on: { click: () => this.app.update('items', (s) => (s.items[s.sel]!.lr = rec)) },
          })
        : null,
    );
  }
}
