/** IP addresses in bounce text and headers: which one the receiving server saw the message come from. */
import ipaddr from 'ipaddr.js';
import type { HeaderList } from './headers';
import type { SendingIpSource } from './types';

const IPV4 = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}`;
const IPV6 = String.raw`(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|${IPV4})?`;

const DOC_V4 = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'].map((c) => ipaddr.parseCIDR(c));
const DOC_V6 = ipaddr.parseCIDR('2001:db8::/32');

/**
 * A public address a remote server could have seen. Documentation ranges (RFC 5737, RFC 3849) count as
 * public because real bounces are anonymised into them; private, loopback and link-local do not.
 */
export function normalisePublicIp(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const s = raw.trim().replace(/^\[|\]$/g, '').replace(/^IPv6:/i, '');
  if (!ipaddr.isValid(s)) return undefined;
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(s);
  } catch {
    return undefined;
  }
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  const range = addr.range();
  if (range === 'unicast') return addr.toString();
  if (addr.kind() === 'ipv4' && DOC_V4.some((c) => (addr as ipaddr.IPv4).match(c))) return addr.toString();
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).match(DOC_V6)) return addr.toString();
  return undefined;
}

/**
 * The sending IP named in a remote server's reply. Receivers write it as `[203.0.113.5]`,
 * `with ip: [..]`, `IP: 203.0.113.5`, `client-ip=…`, `sender IP is …`, `from 203.0.113.5`, or
 * `(203.0.113.5)`. Bracketed and labelled forms are trusted first.
 */
export function ipFromReplyText(text: string): string | undefined {
  const patterns = [
    new RegExp(String.raw`(?:sender\s+ip(?:\s+address)?\s+is|client[- ]ip\s*[=:]|(?:with|from|sending|connecting|client|your)\s+ip(?:\s+address)?\s*[:=]?|\bip(?:\s+address)?\s*[:=])\s*\[?(${IPV4}|${IPV6})\]?`, 'i'),
    new RegExp(String.raw`\[(?:IPv6:)?(${IPV4}|${IPV6})\]`, 'i'),
    new RegExp(String.raw`\((${IPV4})\)`),
    new RegExp(String.raw`(?<![\w.:])(${IPV4})(?![\w.:]|\.\d)`),
  ];
  for (const re of patterns) {
    for (const m of text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))) {
      const ip = normalisePublicIp(m[1]);
      if (ip) return ip;
    }
  }
  return undefined;
}

// Hops inside Microsoft 365 (mailbox server to transport, HTTPS/MAPI submission) say nothing about
// the address another server saw; the hop from the sender's own server into Microsoft 365 does.
const INTERNAL_HOP = /^\s*from\s+\S+\.(?:prod\.outlook\.com|prod\.exchangelabs\.com|protection\.outlook\.com)\b|\bwith\s+(?:HTTPS|mapi)\b/i;

/** The client IP of a `Received: from host (name [ip])` header, as the receiving hop saw it. */
function ipFromReceived(value: string): string | undefined {
  if (INTERNAL_HOP.test(value)) return undefined;
  const from = /^\s*from\s+([\s\S]*?)(?:\bby\b|$)/i.exec(value)?.[1] ?? '';
  const bracketed = new RegExp(String.raw`\[(?:IPv6:)?(${IPV4}|${IPV6})\]`, 'gi');
  for (const m of from.matchAll(bracketed)) {
    const ip = normalisePublicIp(m[1]);
    if (ip) return ip;
  }
  const paren = new RegExp(String.raw`\(\s*(?:[^()\s]*\s)?\[?(${IPV4}|${IPV6})\]?`, 'g');
  for (const m of from.matchAll(paren)) {
    const ip = normalisePublicIp(m[1]);
    if (ip) return ip;
  }
  return undefined;
}

/**
 * The sending IP from the original message's headers, preferring what a receiver recorded about
 * the hop it accepted: Authentication-Results (`sender IP is`), Received-SPF (`client-ip=`), then
 * the newest Received header with a public client address, then X-Originating-IP style headers.
 */
export function ipFromHeaders(headers: HeaderList): { ip: string; source: SendingIpSource } | undefined {
  for (const v of [...headers.all('authentication-results'), ...headers.all('arc-authentication-results')]) {
    const m = new RegExp(String.raw`sender\s+IP\s+is\s+\[?(${IPV4}|${IPV6})`, 'i').exec(v);
    const ip = normalisePublicIp(m?.[1]) ?? normalisePublicIp(new RegExp(String.raw`smtp\.remote-ip=\[?(${IPV4}|${IPV6})`, 'i').exec(v)?.[1]);
    if (ip) return { ip, source: 'authentication-results' };
  }
  for (const v of headers.all('received-spf')) {
    const m = new RegExp(String.raw`client-ip\s*=\s*\[?(${IPV4}|${IPV6})`, 'i').exec(v);
    const ip = normalisePublicIp(m?.[1]) ?? normalisePublicIp(new RegExp(String.raw`designates\s+(${IPV4}|${IPV6})`, 'i').exec(v)?.[1]);
    if (ip) return { ip, source: 'received-spf' };
  }
  for (const v of headers.all('received')) {
    const ip = ipFromReceived(v);
    if (ip) return { ip, source: 'received' };
  }
  for (const name of ['x-sender-ip', 'x-originating-ip', 'x-ms-exchange-organization-originalclientipaddress', 'x-source-ip']) {
    const ip = normalisePublicIp(headers.get(name)?.replace(/[[\]]/g, ''));
    if (ip) return { ip, source: 'x-header' };
  }
  return undefined;
}
