/**
 * SVG → PNG with @resvg/resvg-wasm. resvg-wasm sees no system fonts, so the text is set in
 * DejaVu Sans from the `dejavu-fonts-ttf` package (a dependency: it works on a fresh clone).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

const require = createRequire(import.meta.url);
let ready: Promise<void> | undefined;
let font: Uint8Array | undefined;

/** Loads the wasm module once per process. */
function init(): Promise<void> {
  ready ??= initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
  return ready;
}

/** The TTF used for every text in rendered PNGs. */
function fontBuffer(): Uint8Array {
  font ??= readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
  return font;
}

/**
 * Renders an SVG document to PNG bytes at its own width and height (or `width`, scaling).
 * @example await svgToPng(plotSvg(series, { width: 800, height: 400 })) // 800×400 PNG
 */
export async function svgToPng(svg: string, width?: number): Promise<Uint8Array> {
  await init();
  const r = new Resvg(svg, {
    font: {
      fontBuffers: [fontBuffer()],
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
    ...(width === undefined ? {} : { fitTo: { mode: 'width' as const, value: width } }),
  });
  try {
    const img = r.render();
    try {
      return img.asPng();
    } finally {
      img.free();
    }
  } finally {
    r.free();
  }
}
