/** The test XML reader itself: it must reject what is not well-formed, or the plot tests prove nothing. */
import { describe, expect, it } from 'vitest';
import { findAll, parseXml, textOf } from './xml.js';

describe('parseXml (test helper)', () => {
  it('reads elements, attributes, entities and text', () => {
    const root = parseXml('<svg a="1"><g b=\'x &amp; y\'><text>&lt;hi&gt;</text><line/></g></svg>');
    expect(root.name).toBe('svg');
    expect(findAll(root, 'g')[0]!.attrs.b).toBe('x & y');
    expect(textOf(root)).toBe('<hi>');
    expect(findAll(root, 'line')).toHaveLength(1);
  });
  it.each([
    ['<svg><g></svg>', 'closing </svg> does not match <g>'],
    ['<svg><g>', 'unclosed <g>'],
    ['<svg>a < b</svg>', 'expected a name'],
    ['<svg>a & b</svg>', 'unterminated entity'],
    ['<svg>&nbsp;</svg>', 'unknown entity'],
    ['<svg a=1/>', 'unquoted attribute'],
    ['<svg a="1" a="2"/>', 'duplicate attribute'],
    ['<svg a="<"/>', "raw '<'"],
    ['<svg/><svg/>', 'more than one root'],
    ['<svg a="1"b="2"/>', 'expected a space'],
  ])('rejects %s', (text, message) => {
    expect(() => parseXml(text)).toThrow(message);
  });
});
