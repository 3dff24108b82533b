/**
 * Tiny DOM helpers. Every piece of text goes in through `textContent` / text nodes, never
 * `innerHTML`, so user text (specs, URL values, error messages that quote them) is always inert.
 */

type Child = Node | string | number | null | undefined | false;
type Props = {
  class?: string;
  text?: string;
  attrs?: Record<string, string | number | boolean | undefined>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (ev: HTMLElementEventMap[K]) => void }>;
};

/** Creates an element with attributes, listeners and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.text !== undefined) el.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const [k, fn] of Object.entries(props.on ?? {})) {
    el.addEventListener(k, fn as EventListener);
  }
  append(el, ...children);
  return el;
}

/** Appends children; strings and numbers become text nodes. */
export function append(el: Element, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(
      typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c,
    );
  }
}

/** Replaces all children. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, ...children);
}

let uid = 0;
/** A page-unique id for label/aria wiring. */
export function uniqueId(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** Formats a number compactly for tables and read-outs (6 significant digits). */
export function fmt(v: number | undefined | null): string {
  if (v === undefined || v === null) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e6) return String(Number(v.toPrecision(6)));
  return v.toExponential(4);
}

/** Triggers a download of `data` as `filename`. */
export function download(filename: string, data: Blob): void {
  const url = URL.createObjectURL(data);
  const a = h('a', { attrs: { href: url, download: filename } });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

/** Shows a short message in the page's status line (a polite live region). */
export function announce(msg: string): void {
  const s = document.getElementById('status');
  if (!s) return;
  s.textContent = msg;
  s.classList.add('show');
  window.clearTimeout(Number(s.dataset.timer ?? 0));
  s.dataset.timer = String(window.setTimeout(() => s.classList.remove('show'), 3000));
}
