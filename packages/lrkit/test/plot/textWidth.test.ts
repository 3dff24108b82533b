/**
 * textWidth: the committed advance-width table is DejaVu Sans's own (re-read from the TTF the CLI
 * renders PNGs with), and widths add up per code point.
 */
import { describe, expect, it } from 'vitest';
import { DEJAVU_SANS_ADVANCES, FONT_FAMILY, textWidth } from '../../src/plot/textWidth.js';
import { close } from '../helpers/tolerance.js';
import { dejaVuSans } from './fontMetrics.js';

describe('textWidth', () => {
  const font = dejaVuSans();

  it('the table holds the advance widths of DejaVuSans.ttf for U+0020 … U+007E', () => {
    expect(font.unitsPerEm).toBe(2048);
    expect(DEJAVU_SANS_ADVANCES).toHaveLength(95);
    DEJAVU_SANS_ADVANCES.forEach((w, i) =>
      expect(w, String.fromCharCode(32 + i)).toBe(font.advance(32 + i)),
    );
  });

  it('the symbols of lrkit labels have their own widths from the font', () => {
    for (const ch of '×÷±−≤≥≈→…—·µβγηΣ') {
      const c = ch.codePointAt(0)!;
      expect(font.has(c), ch).toBe(true);
      expect(textWidth(ch, 2048), ch).toBe(font.advance(c));
    }
  });

  it('adds the advances: (Σ units) / 2048 · fontSize', () => {
    expect(close(textWidth('lr', 12), ((569 + 842) / 2048) * 12)).toBe(true);
    expect(textWidth('')).toBe(0);
    expect(textWidth('0.1', 11)).toBe(((1303 + 651 + 1303) / 2048) * 11);
    // default font size 12
    expect(textWidth('W')).toBe((2025 / 2048) * 12);
  });

  it('equals the font for scheduler specs as the CLI prints them', () => {
    for (const spec of [
      '[1] OneCycleLR(max_lr=0.1, total_steps=1000)',
      'CosineAnnealingWarmRestarts(T_0=10, T_mult=2, eta_min=1e-6)',
      '{"name":"StepLR","step_size":30,"gamma":0.1} ~|`@#$%^&*',
      'min÷10 0.0231 → 3×',
    ]) {
      expect(close(textWidth(spec, 12), font.width(spec, 12), { rel: 1e-12 }), spec).toBe(true);
    }
  });

  it('other characters: the mean ASCII width below U+2E80, 1 em from there on', () => {
    const mean = DEJAVU_SANS_ADVANCES.reduce((a, b) => a + b, 0) / 95;
    expect(close(textWidth('é', 2048), mean)).toBe(true);
    expect(close(textWidth('ä€', 2048), 2 * mean)).toBe(true);
    expect(textWidth('学', 2048)).toBe(2048);
    expect(textWidth('😀', 2048)).toBe(2048); // one code point, two UTF-16 units
  });

  it('the SVG asks for DejaVu Sans first, then Verdana, then any sans-serif', () => {
    expect(FONT_FAMILY).toBe("'DejaVu Sans', Verdana, sans-serif");
  });
});
