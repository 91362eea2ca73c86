/** IP addresses in bounce text and headers: which one the receiving server saw the message come from. */
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { HeaderList } from './headers';
import type { SendingIpSource } from './types';
import { matchesOf } from './matches';

const IPV4 = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}`;
const IPV6 = String.raw`(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|${IPV4})?`;

const DOC_V4 = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24'].map((c) => ipaddr.parseCIDR(c));
const DOC_V6 = ipaddr.parseCIDR('2001:db8::/32');

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const OUTER_SQUARE_BRACKETS = /^\[|\]$/g;
const IPV6_PREFIX = /^IPv6:/i;

/**
 * A public address a remote server could have seen. Documentation ranges (RFC 5737, RFC 3849) count as
 * public because real bounces are anonymised into them; private, loopback and link-local do not.
 */
export function normalisePublicIp(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const s = raw.trim().replace(OUTER_SQUARE_BRACKETS, '').replace(IPV6_PREFIX, '');
  // node:net says yes or no without an exception; ipaddr's isValid throws and catches inside for every
  // colon-separated candidate the patterns find (times such as 10:15:42), a measurable share of a turn.
  if (!isIP(s)) return undefined;
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

// A host name as bounces print it next to an address (`mx1.example.com[203.0.113.25]`, `mx1.example.com.`).
const HOST = String.raw`(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,10}[a-z][a-z0-9-]{0,62}\.?`;
const ADDR = String.raw`(?:IPv6:)?(${IPV4}|${IPV6})`;

/**
 * Addresses a text gives to the sending client: labelled (`sender IP is …`, `client-ip=`, Gmail's
 * `with ip: [..]`, `Client host [..]`, `ip=…` in an SPF explanation URL), or said of the sender
 * ("messages from …", "… is listed", "does not designate … as permitted sender").
 */
const CLIENT_IP: RegExp[] = [
  String.raw`(?:sender|client|sending|connecting|source|originating|your)\s+(?:host\s+)?ip(?:v[46])?(?:\s+address)?\s*(?:is\b|[:=])?\s*[\[(]?${ADDR}`,
  String.raw`client[- ]ip\s*[=:]\s*\[?${ADDR}`,
  String.raw`\b(?:with|from)\s+ip(?:v[46])?(?:\s+address)?\s*[:=]?\s*\[?${ADDR}`,
  String.raw`\bclient(?:\s+host)?\s*(?:${HOST}\s*)?[\[(]${ADDR}`,
  String.raw`\b(?:for|from)\s+client\s+\[?${ADDR}`,
  // An SPF failure "for <domain> (<ip>)": the address the domain's record was checked for.
  String.raw`\bSPF\b[^\n]{0,60}?\bfor\s+${HOST}\s*\(\s*${ADDR}\s*\)`,
  String.raw`\bremote-ip\s*=\s*\[?${ADDR}`,
  // A bare "IP …" in a reply is the client's, unless the words before it name the server's.
  String.raw`(?<!(?:server|remote|destination|target|mx|host|endpoint|relay)\s{1,3})\bip(?:v[46])?(?:\s+address)?\s*(?:[:=]|\bis\b)?\s*[\[(]?${ADDR}`,
  String.raw`\bdoes\s+not\s+designate\s+${ADDR}`,
  // Reverse DNS complaints are about the client: "No PTR record found …: ip", "Reverse DNS lookup for host ip failed".
  String.raw`\b(?:PTR|reverse\s+DNS|rDNS|reverse\s+(?:lookup|mapping))\b[^\n\[\]()]{0,40}?[\s:\[(]${ADDR}`,
  String.raw`\b(?:messages?|mail|e-?mails?|connections?|traffic|spam)\s+(?:\w+\s+){0,2}?from\s+(?:${HOST}\s*)?[\[(]?${ADDR}`,
  String.raw`(?<![\w.:])${ADDR}[\])]?\s+(?:(?:is|was|has\s+been|appears\s+to\s+be)\s+)?not\s+(?:allowed|permitted|authori[sz]ed)\b`,
  String.raw`(?<![\w.:])${ADDR}[\])]?\s+(?:is|was|has\s+been|appears\s+to\s+be)\s+(?:(?:currently\s+)?(?:listed|black-?listed|block-?listed|blocked|banned|rejected)|in\s+a\s+black\s?list)`,
].map((s) => new RegExp(s, 'gi'));

/**
 * Addresses a text gives to the receiving side: Postfix's `host mx[ip] said:` and `connect to mx[ip]`,
 * Exchange's `Remote Server at mx (ip) returned` and "last endpoint attempted", qmail's "Giving up on
 * ip", a DSN's `Remote-MTA: dns; mx [ip]`, Microsoft's "The following organization rejected your
 * message: mx [ip]". These are never the sending IP, whatever else the text says about them.
 */
const RECEIVER_IP: RegExp[] = [
  String.raw`(?<!client\s{1,3})\bhost\s+${HOST}\s*[\[(]${ADDR}`,
  String.raw`\b(?:connect(?:ing|ion)?\s+to|connected\s+to|talking\s+to|conversation\s+with|connection\s+with|giving\s+up\s+on|deliver(?:y|ing)?\s+to|relay(?:ing|ed)?\s+to|(?:server|host|mta)\s+at|remote-mta\s*:\s*(?:dns\s*;)?|rejected\s+your\s+message\s*:|remote\s+(?:server|host|mta)\s*[:=]|endpoint\s+attempted\s+was|(?:mx|server|destination|target)\s+(?:ip|address)(?:\s+address)?\s*(?:is\b|[:=])?)\s*(?:(?:host|server)\s+)?(?:${HOST}\s*)?[\[(]?${ADDR}`,
  String.raw`\b${HOST}\s*[\[(]${ADDR}[\])]:?\s*(?:said|says|responded|returned|replied|refused\s+to\s+talk|did\s+not\s+like|does\s+not\s+like|gave)\b`,
  String.raw`(?<![\w.:])[\[(]?${ADDR}[\])]?:?\s+(?:said|returned|does\s+not\s+like|did\s+not\s+like|refused\s+to\s+talk)\b`,
  // An address with an SMTP port is a server endpoint (Gmail's `[(0) mx.example. [203.0.113.25]:25: socket error]`).
  String.raw`(?<![\w.:])\[?${ADDR}\]?:(?:25|465|587|2525)\b`,
].map((s) => new RegExp(s, 'gi'));

/** Unlabelled bracketed addresses (`[203.0.113.5]`, Gmail's `[203.0.113.5 12]`): the client's unless said otherwise. */
const BRACKETED = new RegExp(String.raw`\[${ADDR}(?:\s+\d{1,3})?\]`, 'gi');

function collect(re: RegExp, text: string, into: (ip: string) => boolean): string | undefined {
  for (const m of matchesOf(text, re)) {
    const ip = normalisePublicIp(m[1]);
    if (ip && into(ip)) return ip;
  }
  return undefined;
}

// Most texts hold no address at all; the patterns above need not be tried on them. Only whether a text
// has `1.2.3.4` or `a:b:c` matters, so the optional ends are left off: `\d\.\d{1,3}\.\d{1,3}\.\d` is in
// a text exactly when `\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}` is, and `:[0-9a-f]{0,4}:` exactly when
// `[0-9a-f]{0,4}:[0-9a-f]{0,4}:[0-9a-f]{0,4}` is; the short forms do not try every start position.
const ANY_IP = /\d\.\d{1,3}\.\d{1,3}\.\d|:[0-9a-f]{0,4}:/i;

/** The addresses a text attributes to the receiving server (see RECEIVER_IP). */
export function receiverIpsIn(text: string): Set<string> {
  const out = new Set<string>();
  if (!ANY_IP.test(text)) return out;
  for (const re of RECEIVER_IP) {
    collect(re, text, (ip) => {
      out.add(ip);
      return false;
    });
  }
  return out;
}

/**
 * The sending IP named in a remote server's reply: an address the text attributes to the client,
 * else an unlabelled bracketed one. An address the text (or `receiving`, addresses known to be the
 * receiving servers') attributes to the receiving server is never taken; bare and parenthesised
 * addresses without a label are not taken either, since those are usually the server's.
 */
export function ipFromReplyText(text: string, receiving: ReadonlySet<string> = new Set()): string | undefined {
  if (!text || !ANY_IP.test(text)) return undefined;
  const t = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const receiver = receiverIpsIn(t);
  const allowed = (ip: string): boolean => !receiver.has(ip) && !receiving.has(ip);
  for (const re of CLIENT_IP) {
    const ip = collect(re, t, allowed);
    if (ip) return ip;
  }
  return collect(BRACKETED, t, allowed);
}

// Hops inside Microsoft 365 (mailbox server to transport, HTTPS/MAPI submission) say nothing about
// the address another server saw; the hop into the server that wrote the report does, when that server
// refused the message itself (analyse.ts drops it when the reporter passed the message on to another
// server, which saw the reporter's own address).
const INTERNAL_HOP = /^\s*from\s+\S+\.(?:prod\.outlook\.com|prod\.exchangelabs\.com|protection\.outlook\.com)\b|\bwith\s+(?:HTTPS|mapi)\b/i;

// Made once (they were built on every Received header read).
const RECEIVED_BRACKETED = new RegExp(String.raw`\[(?:IPv6:)?(${IPV4}|${IPV6})\]`, 'gi');
const RECEIVED_PAREN = new RegExp(String.raw`\(\s*(?:[^()\s]*\s)?\[?(${IPV4}|${IPV6})\]?`, 'g');

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const RECEIVED_FROM_PART = /^\s*from\s+([\s\S]*?)(?:\bby\b|$)/i;

/** The client IP of a `Received: from host (name [ip])` header, as the receiving hop saw it. */
function ipFromReceived(value: string): string | undefined {
  if (INTERNAL_HOP.test(value)) return undefined;
  const from = RECEIVED_FROM_PART.exec(value)?.[1] ?? '';
  for (const m of matchesOf(from, RECEIVED_BRACKETED)) {
    const ip = normalisePublicIp(m[1]);
    if (ip) return ip;
  }
  for (const m of matchesOf(from, RECEIVED_PAREN)) {
    const ip = normalisePublicIp(m[1]);
    if (ip) return ip;
  }
  return undefined;
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const SQUARE_BRACKETS = /[[\]]/g;

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
    const ip = normalisePublicIp(headers.get(name)?.replace(SQUARE_BRACKETS, ''));
    if (ip) return { ip, source: 'x-header' };
  }
  return undefined;
}
