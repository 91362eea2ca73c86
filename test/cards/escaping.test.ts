import { escapeMarkdown } from '../../bot/cards/markdown';
import { words } from '../../bot/cards/words';

describe('user and bounce text in card markdown', () => {
  it('cannot form a link, emphasis or a list', () => {
    const out = escapeMarkdown('[click](https://evil.example) **bold** _it_\n- item\n1. one');
    expect(out).not.toMatch(/(^|[^\\])\[click/);
    expect(out).toContain('\\[click\\]');
    expect(out).toContain('\\*\\*bold\\*\\*');
    expect(out).toContain('\\_it\\_');
    expect(out).toMatch(/^\\- item$/m);
    expect(out).toMatch(/^1\\\. one$/m);
    // A bare URL is broken so clients cannot auto-link it.
    expect(out).not.toContain('https://');
  });

  it('leaves alone what the card markdown does not read, so no client shows a needless backslash', () => {
    expect(escapeMarkdown('Ada Lovelace <ada@contoso.example> (Agent One) #3 | ok! ~x~ `y`')).toBe('Ada Lovelace <ada@contoso.example> (Agent One) #3 | ok! ~x~ `y`');
  });

  it('never has to escape a Korean date: it is written as a long date, not "2025. 3. 14."', () => {
    const when = words('ko').dateTime('2025-03-14T09:12:00Z') ?? '';
    expect(when).toBe('2025년 3월 14일 오전 9:12 UTC');
    expect(escapeMarkdown(when)).toBe(when);
  });

  it('is applied by i18next to every interpolated value in markdown output', () => {
    const w = words('en');
    const text = w.t('spf:summary', { domain: '[x](https://evil.example)' });
    expect(text).toContain('\\[x\\]');
    expect(text).toContain('**'); // our own emphasis stays
  });

  it('is not applied in plain output, where our own emphasis is dropped instead', () => {
    const w = words('en', 'plain');
    const text = w.t('spf:summary', { domain: 'a**b.example' });
    expect(text).toContain('a**b.example');
    expect(text.replace('a**b.example', '')).not.toContain('**');
  });

  it('puts a recipient list into a sentence as it is: $& and $\' in an address are text, not replacement patterns', () => {
    const addresses = ["\"$'x\"@contoso.example", '"$&"@contoso.example', 'ada@contoso.example'];
    for (const output of ['markdown', 'plain'] as const) {
      const w = words('en', output);
      const list = w.value(w.list(addresses));
      const text = w.insert(w.t('common:codes.andMore', { list: '\u0000', count: 2 }), list);
      expect(text).toContain(list);
      expect(text.split(list).join('')).not.toContain('contoso.example');
    }
    const both = words('en', 'both');
    const twin = both.insert(both.t('common:codes.andMore', { list: '\u0000', count: 2 }), both.value(both.list(addresses)));
    expect(twin.plain).toContain(`"$'x"@contoso.example, "$&"@contoso.example`);
    expect(twin.md).toBe(words('en').insert(words('en').t('common:codes.andMore', { list: '\u0000', count: 2 }), words('en').value(words('en').list(addresses))));
  });
});
