/**
 * Computes the exact curves of long schedules off the page's thread: every step sampled by
 * lrkit, min/max-decimated for drawing, summarised. The page draws a preview meanwhile.
 */
import { describeError, exactData, type ExactData } from './series.js';

export interface ExactJob {
  key: string;
  spec: string;
  lr: number;
  steps: number;
}
export type ExactReply =
  | { key: string; ok: true; data: ExactData; ms: number }
  | { key: string; ok: false; message: string };

self.onmessage = (ev: MessageEvent<ExactJob>) => {
  const { key, spec, lr, steps } = ev.data;
  const t0 = performance.now();
  const post = (m: ExactReply, transfer: Transferable[] = []) =>
    (self as unknown as { postMessage(m: ExactReply, t: Transferable[]): void }).postMessage(
      m,
      transfer,
    );
  try {
    const data = exactData(spec, lr, steps);
    const buffers = [data.x, data.y, data.mx, data.my]
      .filter((a): a is Float64Array => !!a)
      .map((a) => a.buffer);
    post({ key, ok: true, data, ms: performance.now() - t0 }, buffers);
  } catch (e) {
    post({ key, ok: false, message: describeError(e).message });
  }
};
