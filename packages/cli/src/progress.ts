/**
 * Progress bars on stderr (cli-progress), drawn only when stderr is an interactive terminal: in
 * pipes, files and CI logs they print nothing (the result on stdout says what happened).
 */
import cliProgress from 'cli-progress';
import { stderrIsTty } from './color.js';

export interface Progress {
  /** Moves the bar to `value` with extra payload fields (shown by the format). */
  update(value: number, payload?: Record<string, string | number>): void;
  stop(): void;
}

/**
 * A bar for `total` units with a title; extra fields appear after the counts as `{info}`.
 * @example const p = progressBar('range test', 100); p.update(5, { info: 'lr 1e-4' }); p.stop();
 */
export function progressBar(title: string, total: number, enabled = stderrIsTty()): Progress {
  if (!enabled) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${title.padEnd(18)} {bar} {value}/{total} {info}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
      barsize: 28,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { info: '' });
  return {
    update: (value, payload = {}) => bar.update(value, { info: '', ...payload }),
    stop: () => bar.stop(),
  };
}
