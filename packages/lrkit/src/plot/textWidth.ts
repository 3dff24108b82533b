/**
 * Text widths for chart layout: an SVG string has no text metrics, so plotSvg sets its text in a
 * font whose advance widths it knows — DejaVu Sans (what the CLI's PNG renderer embeds), then
 * Verdana (near-identical widths), then any sans-serif (narrower: the layout only gets looser).
 */

/** The `font-family` of every text plotSvg draws; the widths below are those of its first font. */
export const FONT_FAMILY = "'DejaVu Sans', Verdana, sans-serif";

/** Font units per em of DejaVu Sans (`head.unitsPerEm`). */
const UNITS_PER_EM = 2048;

/**
 * Advance widths of DejaVu Sans (Book, version 2.37, `dejavu-fonts-ttf/ttf/DejaVuSans.ttf`) for
 * the printable ASCII characters U+0020 ' ' … U+007E '~', in font units (2048 per em).
 *
 * Produced by a short script reading the TTF: `cmap` subtable (3, 1) format 4 maps each code to
 * its glyph id, and `hmtx` gives the glyph's advanceWidth (the last of `hhea.numberOfHMetrics`
 * entries for higher ids). packages/lrkit/test/plot/textWidth.test.ts re-derives every value
 * from the font file.
 */
export const DEJAVU_SANS_ADVANCES: readonly number[] = [
  651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303, 1303,
  1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048, 1401,
  1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235, 1612,
  1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024, 1024, 1255, 1300,
  1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300, 1300, 842, 1067,
  803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
];

/**
 * The symbols lrkit's own labels use beyond ASCII (`min÷10`, `×`, `→`, Greek parameter names…),
 * advance widths read from the same font the same way.
 */
const SYMBOL_ADVANCES: ReadonlyMap<string, number> = new Map([
  ['×', 1716],
  ['÷', 1716],
  ['±', 1716],
  ['−', 1716],
  ['≤', 1716],
  ['≥', 1716],
  ['≈', 1716],
  ['→', 1716],
  ['…', 2048],
  ['—', 2048],
  ['·', 651],
  ['µ', 1303],
  ['β', 1307],
  ['γ', 1212],
  ['η', 1298],
  ['Σ', 1294],
]);

/** Width used for other characters below U+2E80: the mean of the ASCII table (≈ 0.597 em). */
const AVERAGE = DEJAVU_SANS_ADVANCES.reduce((a, b) => a + b, 0) / DEJAVU_SANS_ADVANCES.length;

/** Width used from U+2E80 on (CJK, full-width forms, emoji): 1 em. */
const WIDE = UNITS_PER_EM;

/**
 * The advance width of `text` set in DejaVu Sans at `fontSize` px, without kerning.
 *
 * `Σ advance(c) / 2048 · fontSize` over the code points c of `text`, with advance(c) from
 * {@link DEJAVU_SANS_ADVANCES} for printable ASCII and from a few symbols' widths (× ÷ ± − ≤ ≥ ≈
 * → … — · µ β γ η Σ), 2048 (1 em) from U+2E80 on (CJK, emoji), and the ASCII table's mean for the
 * rest (accented letters, other Greek, …).
 * @param text the text (any characters)
 * @param fontSize px, default 12
 * @returns px
 * @example textWidth('lr', 12) // (569 + 842) / 2048 · 12 = 8.27 px
 */
export function textWidth(text: string, fontSize = 12): number {
  let units = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    units +=
      c >= 32 && c <= 126
        ? DEJAVU_SANS_ADVANCES[c - 32]!
        : (SYMBOL_ADVANCES.get(ch) ?? (c >= 0x2e80 ? WIDE : AVERAGE));
  }
  return (units / UNITS_PER_EM) * fontSize;
}
