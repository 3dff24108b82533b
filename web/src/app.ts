/**
 * The page's state holder: one `State`, listeners per concern, and the URL kept in sync
 * (history.replaceState, so the address bar is always a shareable link).
 */
import { decodeState, encodeState, type State } from './state.js';

export type Change = 'items' | 'sel' | 'view' | 'tab' | 'export' | 'solve' | 'train' | 'all';
type Listener = (change: Change) => void;

export const PALETTE = [
  '#2563eb',
  '#dc2626',
  '#059669',
  '#d97706',
  '#7c3aed',
  '#db2777',
  '#0891b2',
  '#65a30d',
];

export class App {
  state: State;
  private listeners: Listener[] = [];
  private urlTimer = 0;

  constructor(hash: string) {
    this.state = decodeState(hash);
  }

  on(fn: Listener): void {
    this.listeners.push(fn);
  }

  /** Applies a change and notifies the listeners; the URL follows shortly after. */
  update(change: Change, mutate?: (s: State) => void): void {
    mutate?.(this.state);
    for (const fn of this.listeners) fn(change);
    window.clearTimeout(this.urlTimer);
    this.urlTimer = window.setTimeout(() => this.writeUrl(), 150);
  }

  /** Writes the state to the address bar now. */
  writeUrl(): void {
    const hash = encodeState(this.state);
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }

  /** Replaces the whole state (a pasted link, back/forward). */
  load(hash: string): void {
    this.state = decodeState(hash);
    this.update('all');
  }

  color(i: number): string {
    return PALETTE[i % PALETTE.length]!;
  }
}
