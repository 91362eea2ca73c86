/** Macro expansion against the worked examples of RFC 7208 section 7.4 (what exp= texts and names become). */
import { parseClientIp } from '../../bot/dns/spf/ip';
import { expandMacros, parseMacroString, type MacroValues } from '../../bot/dns/spf/macro';

function values(ip: string): MacroValues {
  const parsed = parseClientIp(ip);
  if (!parsed) throw new Error(`bad test IP ${ip}`);
  return {
    sender: 'strong-bad@email.example.com',
    local: 'strong-bad',
    senderDomain: 'email.example.com',
    domain: 'email.example.com',
    ip: parsed,
    helo: 'mx.example.org',
    receiver: 'receiver.example.net',
    now: 1700000000,
  };
}

function expand(s: string, ip = '192.0.2.3', context: 'domain' | 'exp' = 'domain'): string {
  const p = parseMacroString(s, context);
  if (!p.ok) throw new Error(`${s}: ${p.reason}`);
  return expandMacros(p.tokens, values(ip));
}

test.each([
  ['%{s}', 'strong-bad@email.example.com'],
  ['%{o}', 'email.example.com'],
  ['%{d}', 'email.example.com'],
  ['%{d4}', 'email.example.com'],
  ['%{d3}', 'email.example.com'],
  ['%{d2}', 'example.com'],
  ['%{d1}', 'com'],
  ['%{dr}', 'com.example.email'],
  ['%{d2r}', 'example.email'],
  ['%{l}', 'strong-bad'],
  ['%{l-}', 'strong.bad'],
  ['%{lr}', 'strong-bad'],
  ['%{lr-}', 'bad.strong'],
  ['%{l1r-}', 'strong'],
  ['%{ir}.%{v}._spf.%{d2}', '3.2.0.192.in-addr._spf.example.com'],
  ['%{lr-}.lp._spf.%{d2}', 'bad.strong.lp._spf.example.com'],
  ['%{lr-}.lp.%{ir}.%{v}._spf.%{d2}', 'bad.strong.lp.3.2.0.192.in-addr._spf.example.com'],
  ['%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}', '3.2.0.192.in-addr.strong.lp._spf.example.com'],
  ['%{d2}.trusted-domains.example.net', 'example.com.trusted-domains.example.net'],
])('RFC 7208 7.4: %s → %s', (macro, want) => {
  expect(expand(macro)).toBe(want);
});

test('RFC 7208 7.4, IPv6: %{ir}.%{v}._spf.%{d2} gives the reversed nibbles (case aside: DNS ignores it)', () => {
  expect(expand('%{ir}.%{v}._spf.%{d2}', '2001:db8::cb01').toLowerCase()).toBe(
    '1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com',
  );
});

test('explanation-only letters, escapes and URL-escaping by upper-case letters', () => {
  expect(expand('%{c} via %{r} at %{t}%_%%%-', '2001:db8::cb01', 'exp')).toBe(
    '2001:db8::cb01 via receiver.example.net at 1700000000 %%20',
  );
  expect(expand('%{L}/%{S}', '192.0.2.3', 'exp')).toBe('strong-bad/strong-bad%40email.example.com');
});

test.each([
  ['%{c}.example.com', 'domain', 'bad-macro-letter'],
  ['%{x}', 'exp', 'bad-macro-letter'],
  ['%{d0}', 'domain', 'bad-macro'],
  ['50%', 'exp', 'bad-macro'],
  ['%{d', 'domain', 'bad-macro'],
  ['caf\u00e9', 'exp', 'non-ascii'],
] as const)('%j in a %s string is a syntax error (%s)', (s, context, reason) => {
  expect(parseMacroString(s, context)).toMatchObject({ ok: false, reason });
});
