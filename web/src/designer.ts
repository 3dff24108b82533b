/**
 * The designer: a schedule picked from lrkit's registry becomes a form (names, types, defaults,
 * rules and docs all from the registry's ParamDefs), or a spec line is pasted and parsed live.
 * Both edit the same spec text; lrkit validates it and its error messages are shown at the
 * field they name (ParameterError.param, or the text position LrkitError.pos points into).
 */
import {
  ParameterError,
  lookupEntry,
  parseSpecText,
  printSpec,
  registry,
  resolveSpec,
  type ParamDef,
  type RegistryEntry,
} from 'lrkit';
import type { App } from './app.js';
import { h, replace, uniqueId } from './dom.js';
import { describeError, usesBaseLr } from './series.js';
import { starterSpec } from './starter.js';

type CallNode = ReturnType<typeof parseSpecText>;
type SpecNode = CallNode['args'][number];

const FAMILY_LABEL: Record<string, string> = {
  torch: 'PyTorch (torch.optim.lr_scheduler)',
  keras: 'Keras (keras.optimizers.schedules)',
  optax: 'optax',
  transformers: 'Hugging Face transformers',
  timm: 'timm',
  fastai: 'fastai',
};

const LR_HELP_SCALES =
  'This schedule scales the base lr (PyTorch’s initial lr of the param group).';
const LR_HELP_OWN =
  'This schedule carries its own values: the base lr does not change its curve (in Train it is only the optimizer’s lr before the first step).';

/** Parameters kept only so a pasted line binds: shown under "More parameters". */
function isCompat(def: ParamDef): boolean {
  return /^(ignored|PyTorch resume index)|accepted so a pasted call binds/.test(def.doc);
}

function typeHint(def: ParamDef): string {
  const t = def.type;
  switch (t.kind) {
    case 'number':
    case 'int':
      return `${t.kind === 'int' ? 'integer' : 'number'}${t.rule ? `, ${t.rule.text.replace(/^must be /, '')}` : ''}`;
    case 'perGroup':
      return `number, or a list with one per param group${t.rule ? ` (each ${t.rule.text.replace(/^must be /, '')})` : ''}`;
    case 'intList':
      return 'list of integers, e.g. [30, 80]';
    case 'numberList':
      return 'list of numbers, e.g. [0.1, 0.01]';
    case 'expr':
      return "expression, e.g. lambda epoch: 0.95 ** epoch (read by lrkit's safe parser, never run as code)";
    case 'schedulers':
      return `list of ${t.family ? `${t.family} ` : ''}schedules, e.g. [LinearLR(total_iters=10), CosineAnnealingLR(T_max=90)]`;
    case 'string':
      return 'text';
    case 'raw':
      return t.describe;
    case 'bool':
      return 'True or False';
    case 'enum':
      return `one of ${t.choices.join(', ')}`;
  }
}

/** The registry default as spec text ('required' when there is none). */
function defaultText(def: ParamDef): string {
  if (!('default' in def)) return 'required';
  const v = def.default;
  const node = (x: unknown): SpecNode => {
    if (x === null || x === undefined) return { kind: 'none', pos: 0 };
    if (typeof x === 'number')
      return {
        kind: 'number',
        value: x,
        isInt: def.type.kind === 'int' && Number.isInteger(x),
        pos: 0,
      };
    if (typeof x === 'string') return { kind: 'string', value: x, pos: 0 };
    if (typeof x === 'boolean') return { kind: 'bool', value: x, pos: 0 };
    if (Array.isArray(x)) return { kind: 'list', items: x.map(node), tuple: false, pos: 0 };
    return { kind: 'name', name: String(x), pos: 0 };
  };
  return printSpec(node(v));
}

interface Control {
  def: ParamDef;
  el: HTMLInputElement | HTMLSelectElement;
  row: HTMLElement;
  errorEl: HTMLElement;
  /** The value as spec text ('' = not given). */
  text(): string;
  /** Shows a parsed value. */
  show(node: SpecNode | undefined): void;
  setError(msg: string | null): void;
}

function makeControl(def: ParamDef, onInput: () => void): Control {
  const id = uniqueId(`p-${def.name}`);
  const t = def.type;
  let el: HTMLInputElement | HTMLSelectElement;
  let text: () => string;
  let show: (n: SpecNode | undefined) => void;
  const dflt = defaultText(def);
  if (t.kind === 'enum' || t.kind === 'bool') {
    const sel = h('select', { attrs: { id } });
    const choices = t.kind === 'enum' ? [...t.choices] : ['True', 'False'];
    sel.append(
      h('option', {
        text: 'default' in def ? `default (${dflt})` : '— choose —',
        attrs: { value: '' },
      }),
    );
    for (const c of choices) sel.append(h('option', { text: c, attrs: { value: c } }));
    el = sel;
    text = () => {
      const v = sel.value;
      if (v === '') return '';
      return t.kind === 'bool' ? v : printSpec({ kind: 'string', value: v, pos: 0 });
    };
    show = (n) => {
      let v = '';
      if (n?.kind === 'string') v = n.value;
      else if (n?.kind === 'bool') v = n.value ? 'True' : 'False';
      else if (n) v = printSpec(n);
      if (v !== '' && ![...sel.options].some((o) => o.value === v)) {
        sel.append(h('option', { text: v, attrs: { value: v } }));
      }
      sel.value = v;
    };
  } else {
    const inp = h('input', {
      attrs: {
        id,
        type: 'text',
        spellcheck: 'false',
        autocomplete: 'off',
        autocapitalize: 'off',
        placeholder: dflt,
        inputmode: t.kind === 'number' || t.kind === 'int' ? 'decimal' : undefined,
      },
    });
    el = inp;
    text = () => {
      const v = inp.value.trim();
      if (v === '') return '';
      return t.kind === 'string' ? printSpec({ kind: 'string', value: v, pos: 0 }) : v;
    };
    show = (n) => {
      inp.value =
        n === undefined ? '' : t.kind === 'string' && n.kind === 'string' ? n.value : printSpec(n);
    };
  }
  el.addEventListener(el instanceof HTMLSelectElement ? 'change' : 'input', onInput);
  const helpId = `${id}-help`;
  const errId = `${id}-error`;
  el.setAttribute('aria-describedby', `${helpId} ${errId}`);
  const errorEl = h('p', { class: 'error', attrs: { id: errId } });
  const required = !('default' in def);
  const row = h(
    'div',
    { class: 'field', attrs: { 'data-param': def.name } },
    h(
      'label',
      { attrs: { for: id } },
      h('code', { text: def.name }),
      required ? h('span', { class: 'req', text: ' required' }) : null,
    ),
    el,
    h(
      'p',
      { class: 'help', attrs: { id: helpId } },
      def.doc,
      h('span', {
        class: 'hint',
        text: ` — ${typeHint(def)}${'default' in def ? `; default ${dflt}` : ''}`,
      }),
    ),
    errorEl,
  );
  return {
    def,
    el,
    row,
    errorEl,
    text,
    show,
    setError(msg) {
      errorEl.textContent = msg ?? '';
      row.classList.toggle('invalid', !!msg);
      if (msg) el.setAttribute('aria-invalid', 'true');
      else el.removeAttribute('aria-invalid');
    },
  };
}

/** Which argument of a parsed call an error position falls in. */
function paramAt(entry: RegistryEntry, node: CallNode, pos: number): string | undefined {
  let best: { name: string; pos: number } | undefined;
  const positional = node.args.filter((a) => !(a.kind === 'name' && /(^|\.)opt\w*$/i.test(a.name)));
  positional.forEach((a, i) => {
    const def = entry.params[i];
    if (def && a.pos <= pos && (!best || a.pos > best.pos)) best = { name: def.name, pos: a.pos };
  });
  for (const kw of node.kwargs) {
    if (kw.pos <= pos && (!best || kw.pos > best.pos)) best = { name: kw.name, pos: kw.pos };
  }
  return best?.name;
}

export class Designer {
  readonly root: HTMLElement;
  private readonly select: HTMLSelectElement;
  private readonly doc: HTMLParagraphElement;
  private readonly lrInput: HTMLInputElement;
  private readonly lrError: HTMLParagraphElement;
  private readonly lrHelp: HTMLParagraphElement;
  private readonly paramsEl: HTMLDivElement;
  private readonly specInput: HTMLTextAreaElement;
  private readonly specError: HTMLDivElement;
  private entry: RegistryEntry | undefined;
  private controls: Control[] = [];

  constructor(private readonly app: App) {
    this.select = h('select', { attrs: { id: 'schedule-pick' } });
    this.select.append(
      h('option', { text: '— pick a schedule —', attrs: { value: '', disabled: true } }),
    );
    const families = [...new Set(registry.map((e) => e.family))];
    for (const f of families) {
      const g = h('optgroup', { attrs: { label: FAMILY_LABEL[f] ?? f } });
      for (const e of registry.filter((x) => x.family === f)) {
        g.append(h('option', { text: e.qualifiedName, attrs: { value: e.qualifiedName } }));
      }
      this.select.append(g);
    }
    this.select.addEventListener('change', () => this.pick(this.select.value));
    this.doc = h('p', { class: 'doc', attrs: { id: 'schedule-doc' } });
    this.lrInput = h('input', {
      attrs: {
        id: 'base-lr',
        type: 'text',
        inputmode: 'decimal',
        autocomplete: 'off',
        'aria-describedby': 'base-lr-help base-lr-error',
      },
    });
    this.lrError = h('p', { class: 'error', attrs: { id: 'base-lr-error' } });
    this.lrHelp = h('p', { class: 'help', attrs: { id: 'base-lr-help' }, text: LR_HELP_SCALES });
    this.lrInput.addEventListener('input', () => this.onLr());
    this.paramsEl = h('div', { class: 'params', attrs: { id: 'params' } });
    this.specInput = h('textarea', {
      attrs: {
        id: 'spec-input',
        rows: 2,
        spellcheck: 'false',
        autocomplete: 'off',
        autocapitalize: 'off',
        'aria-describedby': 'spec-help spec-error',
      },
    });
    this.specInput.addEventListener('input', () => this.onSpec());
    this.specError = h('div', {
      class: 'spec-error',
      attrs: { id: 'spec-error', 'aria-live': 'polite' },
    });
    this.root = h(
      'section',
      { class: 'card designer', attrs: { 'aria-labelledby': 'designer-h' } },
      h('h2', { text: 'Designer', attrs: { id: 'designer-h' } }),
      h(
        'div',
        { class: 'field' },
        h('label', { text: 'Schedule', attrs: { for: 'schedule-pick' } }),
        this.select,
      ),
      this.doc,
      h(
        'div',
        { class: 'field spec-field' },
        h('label', {
          text: 'Spec line — paste from PyTorch, Keras, optax, …',
          attrs: { for: 'spec-input' },
        }),
        this.specInput,
        h('p', {
          class: 'help',
          attrs: { id: 'spec-help' },
          text: 'e.g. OneCycleLR(max_lr=0.1, total_steps=1000) or keras.CosineDecay(0.1, 1000). Parsed as data by lrkit; nothing is executed.',
        }),
        this.specError,
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { text: 'Base lr (the optimizer’s lr)', attrs: { for: 'base-lr' } }),
        this.lrInput,
        this.lrHelp,
        this.lrError,
      ),
      h(
        'form',
        {
          attrs: { 'aria-label': 'Parameters', novalidate: true },
          on: { submit: (e) => e.preventDefault() },
        },
        this.paramsEl,
      ),
    );
  }

  /** Shows the selected item. */
  render(): void {
    const item = this.app.state.items[this.app.state.sel];
    if (!item) return;
    this.lrInput.value = String(item.lr);
    this.lrError.textContent = '';
    this.specInput.value = item.spec;
    // another schedule: start from a clean form (a spec that does not parse shows none)
    this.entry = undefined;
    this.controls = [];
    this.select.value = '';
    this.doc.textContent = '';
    replace(this.paramsEl);
    this.analyze(item.spec, false);
  }

  private current() {
    return this.app.state.items[this.app.state.sel];
  }

  private pick(name: string): void {
    if (!name) return;
    const entry = lookupEntry(name);
    const text = starterSpec(entry, this.app.state.steps);
    this.specInput.value = text;
    this.analyze(text, false);
    this.commit(text);
  }

  private onLr(): void {
    const v = this.lrInput.value.trim();
    const n = Number(v);
    if (v === '' || !Number.isFinite(n) || n < 0) {
      this.lrError.textContent = `base lr must be a finite number ≥ 0, got '${v}'`;
      this.lrInput.setAttribute('aria-invalid', 'true');
      return;
    }
    this.lrError.textContent = '';
    this.lrInput.removeAttribute('aria-invalid');
    this.app.update('items', (s) => {
      const it = s.items[s.sel];
      if (it) it.lr = n;
    });
  }

  private onSpec(): void {
    const text = this.specInput.value;
    this.analyze(text, false);
    this.commit(text);
  }

  private onForm(): void {
    if (!this.entry) return;
    let bad = false;
    const parts: string[] = [];
    for (const c of this.controls) {
      const t = c.text();
      if (t === '') {
        c.setError(null);
        continue;
      }
      // each field must hold exactly one value: parse it on its own first
      try {
        const one = parseSpecText(`f(v=${t})`);
        if (one.args.length !== 0 || one.kwargs.length !== 1) {
          throw new Error(
            `${this.entry.qualifiedName}: ${c.def.name} must be a single value, got '${t}'`,
          );
        }
        c.setError(null);
      } catch (e) {
        const d = describeError(e);
        const col = d.pos !== undefined ? d.pos - 4 + 1 : undefined;
        c.setError(
          col !== undefined && col >= 1 && col <= t.length + 1
            ? d.message.replace(/at column \d+$/, `at column ${col}`)
            : d.message,
        );
        bad = true;
      }
      parts.push(`${c.def.name}=${t}`);
    }
    const text = `${this.entry.qualifiedName}(${parts.join(', ')})`;
    this.specInput.value = text;
    if (bad) {
      this.showSpecError(text, null);
      this.commit(text);
      return;
    }
    this.analyze(text, true);
    this.commit(text);
  }

  private commit(text: string): void {
    this.app.update('items', (s) => {
      const it = s.items[s.sel];
      if (it) it.spec = text;
    });
  }

  private buildForm(entry: RegistryEntry): void {
    this.entry = entry;
    this.select.value = entry.qualifiedName;
    this.doc.textContent = entry.doc;
    this.controls = entry.params.map((def) => makeControl(def, () => this.onForm()));
    const main = this.controls.filter((c) => !isCompat(c.def));
    const compat = this.controls.filter((c) => isCompat(c.def));
    replace(
      this.paramsEl,
      ...main.map((c) => c.row),
      compat.length
        ? h(
            'details',
            { class: 'compat' },
            h('summary', { text: `More parameters (${compat.length}, kept so pasted lines bind)` }),
            ...compat.map((c) => c.row),
          )
        : null,
    );
  }

  /** Parses and validates spec text, filling the form (unless it came from the form). */
  private analyze(text: string, fromForm: boolean): void {
    let node: CallNode;
    try {
      node = parseSpecText(text);
    } catch (e) {
      this.showSpecError(text, e);
      return;
    }
    let entry: RegistryEntry;
    try {
      entry = lookupEntry(node.name);
    } catch (e) {
      const d = describeError(e);
      this.showSpecError(text, { message: d.message, pos: d.pos ?? node.pos });
      return;
    }
    if (entry !== this.entry) this.buildForm(entry);
    if (!fromForm) this.fill(entry, node);
    for (const c of this.controls) c.setError(null);
    try {
      const bound = resolveSpec(node);
      this.showSpecError(text, null);
      let scales = true;
      try {
        scales = usesBaseLr(bound);
      } catch {
        // metric-driven schedules have no closed form to compare; they do start from the base lr
      }
      this.lrHelp.textContent = scales ? LR_HELP_SCALES : LR_HELP_OWN;
    } catch (e) {
      const d = describeError(e);
      this.showSpecError(text, e);
      let name = d.pos !== undefined ? paramAt(entry, node, d.pos) : undefined;
      if (
        e instanceof ParameterError &&
        this.controls.some((c) => c.def.name === e.param) &&
        (!name || name === e.param)
      )
        name = e.param;
      const missing = /missing required parameter '([^']+)'/.exec(d.message);
      if (missing) name = missing[1];
      const c = this.controls.find((x) => x.def.name === name);
      c?.setError(d.message);
    }
  }

  private fill(entry: RegistryEntry, node: CallNode): void {
    const values = new Map<string, SpecNode>();
    const positional = node.args.filter(
      (a) => !(a.kind === 'name' && /(^|\.)opt\w*$/i.test(a.name)),
    );
    positional.forEach((a, i) => {
      const def = entry.params[i];
      if (def) values.set(def.name, a);
    });
    for (const kw of node.kwargs) {
      const def = entry.params.find((p) => p.name === kw.name);
      if (def) values.set(def.name, kw.value);
    }
    for (const c of this.controls) c.show(values.get(c.def.name));
    if (
      [...values.keys()].some((k) => this.controls.find((c) => c.def.name === k && isCompat(c.def)))
    ) {
      const d = this.paramsEl.querySelector('details');
      if (d) d.open = true;
    }
  }

  /** Shows lrkit's message under the spec line, with the text and a caret under the column. */
  private showSpecError(text: string, e: unknown): void {
    if (e === null) {
      replace(this.specError);
      this.specInput.removeAttribute('aria-invalid');
      return;
    }
    const d =
      e && typeof e === 'object' && 'message' in e && !(e instanceof Error)
        ? (e as { message: string; pos: number | undefined })
        : describeError(e);
    this.specInput.setAttribute('aria-invalid', 'true');
    const parts: (Node | string)[] = [h('p', { class: 'error', text: d.message })];
    if (d.pos !== undefined && d.pos >= 0 && d.pos <= text.length) {
      const line = text.replace(/\n/g, ' ');
      parts.push(
        h(
          'pre',
          { class: 'caret', attrs: { 'aria-label': `at column ${d.pos + 1}` } },
          line.slice(0, d.pos),
          h('mark', { text: line.slice(d.pos, d.pos + 1) || ' ' }),
          line.slice(d.pos + 1),
          '\n',
          `${' '.repeat(d.pos)}^ column ${d.pos + 1}`,
        ),
      );
    }
    replace(this.specError, ...parts);
  }
}
