/**
 * Macrotask yields for long async loops. Awaiting a promise only runs microtasks: timers
 * (`setTimeout(() => ac.abort(), 20)`, `AbortSignal.timeout(ms)`), I/O and a worker's
 * `onmessage` wait until the loop gives the event loop a turn. {@link EventLoopYielder} gives it
 * one every ~20 ms of wall time, so such events run during a sweep at a negligible cost.
 */

/**
 * Resolves on a fresh macrotask: `setImmediate` where it exists (Node, Bun, Deno), else a
 * `MessageChannel` message (browsers and workers; not clamped like nested `setTimeout`), else
 * `setTimeout(0)`. Other macrotasks get their turn: in Node, timers that are due run between two
 * consecutive yields (the loop's timers phase comes between two check phases); in browsers,
 * messages and timers queued earlier run first.
 * @example await yieldToEventLoop(); // a setTimeout callback that was due has now run
 */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as {
    setImmediate?: (cb: () => void) => unknown;
    MessageChannel?: new () => MessageChannel;
  };
  return new Promise<void>((resolve) => {
    if (typeof g.setImmediate === 'function') {
      g.setImmediate(resolve);
    } else if (typeof g.MessageChannel === 'function') {
      const channel = new g.MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(undefined);
    } else {
      setTimeout(resolve, 0);
    }
  });
}

/** Wall time in ms (`performance.now()` where it exists, else `Date.now()`). */
function now(): number {
  const p = (globalThis as { performance?: { now?: () => number } }).performance;
  return typeof p?.now === 'function' ? p.now() : Date.now();
}

/**
 * Yields to the event loop when at least `intervalMs` of wall time has passed since the last
 * yield (or since construction); otherwise returns at once without awaiting anything.
 * @example
 * const yielder = new EventLoopYielder();
 * for (let i = 0; i < n; i++) {
 *   await yielder.maybeYield(); // timers get a turn every ~20 ms
 *   if (signal.aborted) break;
 *   await step(i);
 * }
 */
export class EventLoopYielder {
  private last = now();

  /** @param intervalMs the wall time between yields, in ms (default 20). */
  constructor(private readonly intervalMs = 20) {}

  /** Yields when the interval has passed since the last yield; a no-op otherwise. */
  async maybeYield(): Promise<void> {
    if (now() - this.last < this.intervalMs) return;
    await yieldToEventLoop();
    this.last = now();
  }
}
