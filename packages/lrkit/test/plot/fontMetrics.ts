/**
 * The real metrics of DejaVu Sans, read from the TTF of the `dejavu-fonts-ttf` package (what the
 * CLI embeds to render PNGs), for tests that check plotSvg's layout against the font itself.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface FontMetrics {
  unitsPerEm: number;
  /** hhea ascender / descender (descender negative), font units. */
  ascender: number;
  descender: number;
  /** Advance width of a code point, font units (0 for a code point the font lacks). */
  advance(codePoint: number): number;
  /** Whether the font has a glyph for the code point. */
  has(codePoint: number): boolean;
  /** Width of a text at a font size, px (sum of advances, no kerning). */
  width(text: string, fontSize: number): number;
}

let cached: FontMetrics | undefined;

/** Parses head, hhea, hmtx and the (3, 1) format-4 cmap of DejaVuSans.ttf. */
export function dejaVuSans(): FontMetrics {
  if (cached) return cached;
  const path = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
  const buf = readFileSync(path);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const tables: Record<string, number> = {};
  for (let i = 0, n = dv.getUint16(4); i < n; i++) {
    const r = 12 + 16 * i;
    tables[buf.toString('latin1', r, r + 4)] = dv.getUint32(r + 8);
  }
  const table = (tag: string) => {
    const at = tables[tag];
    if (at === undefined) throw new Error(`DejaVuSans.ttf has no ${tag} table`);
    return at;
  };
  const unitsPerEm = dv.getUint16(table('head') + 18);
  const hhea = table('hhea');
  const ascender = dv.getInt16(hhea + 4);
  const descender = dv.getInt16(hhea + 6);
  const numberOfHMetrics = dv.getUint16(hhea + 34);
  const hmtx = table('hmtx');
  const cmap = table('cmap');
  let sub = -1;
  for (let i = 0, n = dv.getUint16(cmap + 2); i < n; i++) {
    const r = cmap + 4 + 8 * i;
    if (dv.getUint16(r) === 3 && dv.getUint16(r + 2) === 1) sub = cmap + dv.getUint32(r + 4);
  }
  if (sub < 0 || dv.getUint16(sub) !== 4) throw new Error('expected a (3, 1) format 4 cmap');
  const segX2 = dv.getUint16(sub + 6);
  const ends = sub + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const offsets = deltas + segX2;
  const glyph = (c: number): number => {
    if (c > 0xffff) return 0;
    for (let s = 0; s < segX2 / 2; s++) {
      if (dv.getUint16(ends + 2 * s) < c) continue;
      const start = dv.getUint16(starts + 2 * s);
      if (start > c) return 0;
      const delta = dv.getInt16(deltas + 2 * s);
      const ro = dv.getUint16(offsets + 2 * s);
      if (ro === 0) return (c + delta) & 0xffff;
      const g = dv.getUint16(offsets + 2 * s + ro + 2 * (c - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const advance = (c: number) => {
    const g = glyph(c);
    return g === 0 ? 0 : dv.getUint16(hmtx + 4 * Math.min(g, numberOfHMetrics - 1));
  };
  cached = {
    unitsPerEm,
    ascender,
    descender,
    advance,
    has: (c) => glyph(c) !== 0,
    width: (text, fontSize) => {
      let units = 0;
      for (const ch of text) units += advance(ch.codePointAt(0)!);
      return (units / unitsPerEm) * fontSize;
    },
  };
  return cached;
}
