/**
 * The lrkit playground: wires the state (kept in the URL hash) to the panels. TF.js is not
 * imported here: the Train panel loads it inside a Web Worker when it is first opened.
 */
import './styles.css';
import { App, type Change } from './app.js';
import { Compare, exactTimings, redrawTimings } from './compare.js';
import { Designer } from './designer.js';
import { announce, h } from './dom.js';
import { Solve } from './solve.js';
import { TABS, type Tab } from './state.js';

const app = new App(location.hash);
const designer = new Designer(app);
const compare = new Compare(app);
const solve = new Solve(app);

const designPanel = document.getElementById('panel-design')!;
designPanel.append(
  h(
    'div',
    { class: 'design-grid' },
    h('div', { class: 'stack' }, compare.listCard, designer.root),
    h('div', { class: 'stack' }, compare.chartCard, compare.tableCard, compare.exportCard),
  ),
);
document.getElementById('panel-solve')!.append(solve.root);

let train: { render(c: Change): void; retheme(): void } | undefined;
let trainLoading = false;
async function openTrain(): Promise<void> {
  if (train || trainLoading) return;
  trainLoading = true;
  const { Train } = await import('./train/panel.js');
  train = new Train(app, document.getElementById('panel-train')!);
  train.render('all');
}

const tabButtons = [...document.querySelectorAll<HTMLButtonElement>('[role=tab]')];
function showTab(tab: Tab): void {
  for (const b of tabButtons) {
    const on = b.dataset.tab === tab;
    b.setAttribute('aria-selected', String(on));
    b.tabIndex = on ? 0 : -1;
    document.getElementById(b.getAttribute('aria-controls')!)!.hidden = !on;
  }
  if (tab === 'train') void openTrain();
}
for (const b of tabButtons) {
  b.addEventListener('click', () => app.update('tab', (s) => (s.tab = b.dataset.tab as Tab)));
  b.addEventListener('keydown', (e) => {
    const i = TABS.indexOf(app.state.tab);
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    e.preventDefault();
    const t = TABS[(i + d + TABS.length) % TABS.length]!;
    app.update('tab', (s) => (s.tab = t));
    tabButtons.find((x) => x.dataset.tab === t)?.focus();
  });
}

app.on((change) => {
  if (change === 'all' || change === 'tab') showTab(app.state.tab);
  if (change === 'all' || change === 'sel') designer.render();
  if (change !== 'tab' && change !== 'solve' && change !== 'train') compare.render(change);
  if (change === 'all' || change === 'solve') solve.render();
  if (train && (change === 'all' || change === 'items' || change === 'train' || change === 'sel'))
    train.render(change);
});

// theme: follows the system unless toggled; the choice is remembered on this device only
const THEME_KEY = 'lrkit-playground-theme';
function applyTheme(): void {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === 'dark' || saved === 'light') document.documentElement.dataset.theme = saved;
  else delete document.documentElement.dataset.theme;
  const dark = saved ? saved === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  const btn = document.getElementById('theme')!;
  btn.setAttribute('aria-pressed', String(dark));
  btn.setAttribute('aria-label', dark ? 'Switch to light theme' : 'Switch to dark theme');
  compare.retheme();
  solve.retheme();
  train?.retheme();
}
document.getElementById('theme')!.addEventListener('click', () => {
  const dark = document.documentElement.dataset.theme
    ? document.documentElement.dataset.theme === 'dark'
    : matchMedia('(prefers-color-scheme: dark)').matches;
  localStorage.setItem(THEME_KEY, dark ? 'light' : 'dark');
  applyTheme();
});
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', applyTheme);

document.getElementById('share')!.addEventListener('click', async () => {
  app.writeUrl();
  try {
    await navigator.clipboard.writeText(location.href);
    announce('Link copied: it restores this exact page');
  } catch {
    announce('Copy the address bar: it holds this exact page');
  }
});

// a link pasted into the address bar of an open page
window.addEventListener('hashchange', () => app.load(location.hash));

app.update('all');
applyTheme();

// read by the end-to-end tests (timings of chart redraws and of the exact pass, in ms)
(window as unknown as { lrkitPlayground: object }).lrkitPlayground = {
  redrawTimings,
  exactTimings,
  app,
};
