/**
 * Solve: lrkit's seed solver — start at η₀, end at exactly η_final after M steps with m decays —
 * as a small form. lrkit's `solveStepDecay` gives γ, the step size, the milestones and the
 * equivalent lines for each library; its lrkit spec is drawn with the same chart as Compare.
 */
import { ParameterError, solveStepDecay, type StepDecayInput } from 'lrkit';
import type { App } from './app.js';
import { Chart } from './chart.js';
import { fmt, h, replace } from './dom.js';
import { compute, describeError } from './series.js';
import type { SolveState } from './state.js';

type Key = keyof SolveState;
const FIELDS: { key: Key; param: keyof StepDecayInput; label: string; help: string }[] = [
  { key: 'initial', param: 'initial', label: 'η₀ — initial lr', help: 'the lr at step 0 (> 0)' },
  {
    key: 'final',
    param: 'final',
    label: 'η_final — final lr',
    help: 'the lr from step M on (≤ η₀); or give γ',
  },
  {
    key: 'gamma',
    param: 'gamma',
    label: 'γ — decay per update',
    help: 'alternative to η_final: η_final = η₀·γ^m',
  },
  { key: 'totalSteps', param: 'totalSteps', label: 'M — total steps', help: 'positive integer' },
  {
    key: 'updates',
    param: 'updates',
    label: 'm — number of decays',
    help: 'positive integer ≤ M; or give the step size',
  },
  {
    key: 'stepSize',
    param: 'stepSize',
    label: 'n — steps between decays',
    help: 'alternative to m: m = ⌊M / n⌋',
  },
];

export class Solve {
  readonly root: HTMLElement;
  private readonly inputs = new Map<Key, { input: HTMLInputElement; error: HTMLElement }>();
  private readonly formError: HTMLParagraphElement;
  private readonly result: HTMLDivElement;
  private readonly chart: Chart;
  private lastSpec: { spec: string; lr: number } | undefined;

  constructor(private readonly app: App) {
    const form = h('form', {
      class: 'solve-form',
      attrs: { novalidate: true, 'aria-labelledby': 'solve-h' },
      on: { submit: (e) => e.preventDefault() },
    });
    for (const f of FIELDS) {
      const id = `solve-${f.key}`;
      const input = h('input', {
        attrs: {
          id,
          type: 'text',
          inputmode: 'decimal',
          autocomplete: 'off',
          'aria-describedby': `${id}-help ${id}-error`,
        },
      });
      const error = h('p', { class: 'error', attrs: { id: `${id}-error` } });
      input.addEventListener('input', () =>
        this.app.update('solve', (s) => (s.solve[f.key] = input.value)),
      );
      form.append(
        h(
          'div',
          { class: 'field' },
          h('label', { text: f.label, attrs: { for: id } }),
          input,
          h('p', { class: 'help', text: f.help, attrs: { id: `${id}-help` } }),
          error,
        ),
      );
      this.inputs.set(f.key, { input, error });
    }
    this.formError = h('p', {
      class: 'error',
      attrs: { id: 'solve-error', 'aria-live': 'polite' },
    });
    this.result = h('div', {
      class: 'solve-result',
      attrs: { id: 'solve-result', 'aria-live': 'polite' },
    });
    const chartCard = h('section', {
      class: 'card chart-card',
      attrs: { 'aria-label': 'Solved schedule' },
    });
    this.chart = new Chart(chartCard, {
      xLabel: 'step',
      yLabel: 'learning rate',
      ariaLabel: 'The solved step-decay schedule',
      height: 280,
    });
    this.root = h(
      'div',
      { class: 'grid-2' },
      h(
        'section',
        { class: 'card' },
        h('h2', { text: 'Step-decay solver', attrs: { id: 'solve-h' } }),
        h('p', {
          class: 'help',
          text: 'Start at η₀ and end at exactly η_final after M steps with m decays: lrkit finds γ and the step size, and the equivalent line for each library.',
        }),
        form,
        this.formError,
        h('button', {
          class: 'btn primary',
          text: 'Add to my schedules',
          attrs: { type: 'button', id: 'solve-add' },
          on: { click: () => this.addToSchedules() },
        }),
      ),
      h(
        'div',
        { class: 'stack' },
        chartCard,
        h(
          'section',
          { class: 'card', attrs: { 'aria-labelledby': 'solve-res-h' } },
          h('h2', { text: 'Result', attrs: { id: 'solve-res-h' } }),
          this.result,
        ),
      ),
    );
  }

  retheme(): void {
    this.chart.retheme();
  }

  render(): void {
    const st = this.app.state.solve;
    for (const f of FIELDS) {
      const { input, error } = this.inputs.get(f.key)!;
      if (document.activeElement !== input) input.value = st[f.key];
      error.textContent = '';
      input.removeAttribute('aria-invalid');
    }
    this.formError.textContent = '';
    const arg: Record<string, unknown> = {};
    for (const f of FIELDS) {
      const v = st[f.key].trim();
      if (v === '') continue;
      const n = Number(v);
      arg[f.param] = Number.isFinite(n) || /^[-+]?(inf|infinity|nan)$/i.test(v) ? n : v;
    }
    try {
      const r = solveStepDecay(arg as unknown as StepDecayInput);
      this.lastSpec = { spec: r.equivalents.lrkit.spec, lr: r.equivalents.lrkit.lr };
      const eq = r.equivalents;
      const rows: [string, string][] = [
        ['γ (per update)', String(r.gamma)],
        ['step size', String(r.step_size)],
        ['milestones', r.milestones.join(', ')],
        ['γ per step (smooth)', String(r.gamma_per_step)],
        ['final lr reached', fmt(r.final)],
      ];
      const code: [string, string | null][] = [
        ['PyTorch StepLR', eq.torch.StepLR],
        ['PyTorch MultiStepLR', eq.torch.MultiStepLR],
        ['PyTorch ExponentialLR', eq.torch.ExponentialLR],
        ['Keras', eq.keras],
        ['optax', eq.optax],
        ['lrkit', `${eq.lrkit.spec}  (base lr ${eq.lrkit.lr})`],
      ];
      replace(
        this.result,
        h(
          'dl',
          { class: 'kv' },
          ...rows.flatMap(([k, v]) => [h('dt', { text: k }), h('dd', { text: v })]),
        ),
        r.note ? h('p', { class: 'note', text: r.note }) : null,
        ...r.warnings.map((w) => h('p', { class: 'warn', text: w })),
        h(
          'dl',
          { class: 'code-list' },
          ...code.flatMap(([k, v]) =>
            v ? [h('dt', { text: k }), h('dd', {}, h('code', { text: v }))] : [],
          ),
        ),
      );
      const c = compute(
        r.equivalents.lrkit.spec,
        r.equivalents.lrkit.lr,
        r.total_steps + Math.max(1, Math.round(r.total_steps * 0.1)),
      );
      this.chart.set(c.ok ? [{ label: 'solved', color: '#2563eb', x: c.x, y: c.y }] : []);
    } catch (e) {
      this.lastSpec = undefined;
      const d = describeError(e);
      const f = e instanceof ParameterError ? FIELDS.find((x) => x.param === e.param) : undefined;
      if (f) {
        const { input, error } = this.inputs.get(f.key)!;
        error.textContent = d.message;
        input.setAttribute('aria-invalid', 'true');
      } else this.formError.textContent = d.message;
      replace(this.result, h('p', { class: 'muted', text: 'Fix the inputs to see the solution.' }));
      this.chart.set([]);
    }
  }

  private addToSchedules(): void {
    const r = this.lastSpec;
    if (!r) return;
    this.app.update('sel', (s) => {
      if (s.items.length >= 8) s.items.pop();
      s.items.push({ spec: r.spec, lr: r.lr, hidden: false });
      s.sel = s.items.length - 1;
      s.tab = 'design';
    });
    this.app.update('tab');
  }
}
