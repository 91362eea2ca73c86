/** Turning what a person (or a bounce) gave as "the domain" into a name to check, or saying why not. */
import { domainToASCII } from 'node:url';
import { nameProblem } from './names';

export type DomainInput = { ok: true; domain: string } | { ok: false; domain: string; reason: string };

/**
 * Accepts `example.com`, `Example.COM.`, `user@example.com`, `<user@example.com>`, `mailto:user@example.com`,
 * a URL (`https://example.com/path`: its host), and Unicode names (sent as punycode).
 * Refuses IP addresses, single labels, and anything with characters host names do not use.
 */
export function readDomain(input: unknown): DomainInput {
  if (typeof input !== 'string') return { ok: false, domain: String(input), reason: 'not-a-string' };
  let d = input.trim().replace(/^<(.*)>$/, '$1');
  // A URL (`https://contoso.com/path`) names its host; `mailto:` an address.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(d)) {
    try {
      d = new URL(d).hostname;
    } catch {
      return { ok: false, domain: input, reason: 'bad-characters' };
    }
  }
  d = d.replace(/^mailto:/i, '');
  const at = d.lastIndexOf('@');
  if (at >= 0) d = d.slice(at + 1);
  d = d.replace(/\.$/, '');
  if (!d) return { ok: false, domain: input, reason: 'empty-name' };
  if (/[^\x20-\x7e]/.test(d)) {
    const ascii = domainToASCII(d);
    if (!ascii) return { ok: false, domain: d, reason: 'bad-characters' };
    d = ascii;
  }
  d = d.toLowerCase();
  if (/^\[.*\]$/.test(d) || /^[\d.]+$/.test(d) || d.includes(':')) return { ok: false, domain: d, reason: 'ip-literal' };
  if (!/^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(d)) {
    const problem = nameProblem(d);
    return { ok: false, domain: d, reason: problem ?? 'bad-characters' };
  }
  const problem = nameProblem(d);
  if (problem) return { ok: false, domain: d, reason: problem };
  if (!d.includes('.')) return { ok: false, domain: d, reason: 'not-fqdn' };
  return { ok: true, domain: d };
}
