import { escapeText } from '../../../bin/output/escape-text';

describe('escapeText', () => {
  it.each([
    ['ESC (colour and cursor sequences)', 'a\x1b[31mb', 'a\\x1b[31mb'],
    ['a carriage return that would overwrite the line', 'ok\rfake', 'ok\\rfake'],
    ['a newline that would start a line of its own', 'v1\n  Likely cause', 'v1\\n  Likely cause'],
    ['a C1 control (CSI)', 'a\u009bb', 'a\\x9bb'],
    ['a right-to-left override', 'gpj.\u202eexe', 'gpj.\\u202eexe'],
    ['DEL and NUL', '\u007f\u0000', '\\x7f\\x00'],
  ])('escapes %s', (_, raw, escaped) => {
    expect(escapeText(raw)).toBe(escaped);
  });

  it('leaves printable text, accents and emoji as they are', () => {
    expect(escapeText('déploiement 🚀 — “ok”')).toBe('déploiement 🚀 — “ok”');
  });
});
