/** Writing charts to files: .svg as is, .png through resvg, .html as a standalone page. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { FailureError, UsageError } from '../args.js';
import { htmlPage, type HtmlSection } from './html.js';
import { svgToPng } from './png.js';

export const CHART_EXTENSIONS = ['.svg', '.png', '.html'] as const;

/**
 * The largest chart file side, in px (for --width and --height of every file kind, so that one
 * chart can be written in any of them). resvg-wasm renders a 16384 × 16384 PNG (about 2 GB of
 * memory, 15 s on one core); far larger sizes exhaust its 4 GB wasm memory and fail with
 * "recursive use of an object".
 */
export const MAX_FILE_PX = 16384;

/** Checks an --out path's extension before any work is done (a usage error otherwise). */
export function chartKind(option: string, path: string): 'svg' | 'png' | 'html' {
  const ext = extname(path).toLowerCase();
  if (ext === '.svg' || ext === '.png' || ext === '.html') return ext.slice(1) as 'svg';
  if (ext === '.htm') return 'html';
  throw new UsageError(`${option}: expected a file ending in .svg, .png or .html, got '${path}'`);
}

/** Writes a file, creating its directory; a failure names the path (exit code 1). */
export function writeOutput(path: string, data: string | Uint8Array): void {
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    writeFileSync(path, data);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new FailureError(`cannot write '${path}': ${err.message}`);
  }
}

/**
 * Writes a chart as SVG, PNG or HTML by the path's extension. HTML pages also get `sections`
 * (tables, notes) under the chart.
 */
export async function writeChart(
  path: string,
  svg: string,
  page: { title: string; sections?: HtmlSection[] },
): Promise<void> {
  const kind = chartKind('--out', path);
  if (kind === 'svg') writeOutput(path, `${svg}\n`);
  else if (kind === 'png') writeOutput(path, await svgToPng(svg));
  else writeOutput(path, htmlPage(page.title, [{ html: svg }, ...(page.sections ?? [])]));
}
