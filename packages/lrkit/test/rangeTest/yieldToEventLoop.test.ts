/**
 * The macrotask yield behind rangeTest's abort-by-timer: each of its three paths (setImmediate in
 * Node, MessageChannel in browsers and workers, setTimeout elsewhere) really lets queued
 * macrotasks run, and EventLoopYielder yields only once its interval has passed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventLoopYielder, yieldToEventLoop } from '../../src/rangeTest/yieldToEventLoop.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('yieldToEventLoop', () => {
  it('with setImmediate (Node): a due timer runs between two consecutive yields', async () => {
    await yieldToEventLoop(); // now in the check phase, as in a sweep after its first yield
    let fired = false;
    setTimeout(() => (fired = true), 0);
    const due = performance.now() + 3;
    while (performance.now() < due) {
      // let the timer become due
    }
    expect(fired).toBe(false);
    await yieldToEventLoop();
    expect(fired).toBe(true);
  });

  it('without setImmediate it resolves through a MessageChannel message (browsers, workers)', async () => {
    const Real = globalThis.MessageChannel;
    let made = 0;
    class Counting extends Real {
      constructor() {
        super();
        made += 1;
      }
    }
    vi.stubGlobal('setImmediate', undefined);
    vi.stubGlobal('MessageChannel', Counting);
    let other = false;
    const port = new Real();
    port.port1.onmessage = () => {
      other = true;
      port.port1.close();
    };
    port.port2.postMessage(1); // a message queued before the yield runs before it resolves
    await yieldToEventLoop();
    expect(made).toBe(1);
    expect(other).toBe(true);
  });

  it('without either it falls back to setTimeout(0)', async () => {
    vi.stubGlobal('setImmediate', undefined);
    vi.stubGlobal('MessageChannel', undefined);
    let fired = false;
    setTimeout(() => (fired = true), 0);
    await yieldToEventLoop();
    expect(fired).toBe(true);
  });
});

describe('EventLoopYielder', () => {
  it('yields only when its interval has passed since the last yield', async () => {
    let ran = false;
    setImmediate(() => (ran = true));
    await new EventLoopYielder(1e9).maybeYield();
    expect(ran).toBe(false); // microtasks only: the queued macrotask has not run
    await new EventLoopYielder(0).maybeYield();
    expect(ran).toBe(true);
  });
});
