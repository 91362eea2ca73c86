/** The client IP as SPF sees it: IPv4-mapped IPv6 addresses are IPv4 (RFC 7208 5). */
import * as net from 'node:net';
import * as ipaddr from 'ipaddr.js';

export interface ClientIp {
  family: 4 | 6;
  addr: ipaddr.IPv4 | ipaddr.IPv6;
  /** Readable form (`%{c}`): dotted quad, or RFC 5952 compressed IPv6. */
  text: string;
  /**
   * `%{i}`: dotted quad, or 32 dot-separated nibbles for IPv6, in upper case as the OpenSPF suite
   * expects (v-macro-ip6). RFC 7208 does not fix the case (its 7.4 example is lower case); DNS ignores it.
   */
  dotted: string;
  /** Name of the PTR query: `4.3.2.1.in-addr.arpa` / nibbles `….ip6.arpa`. */
  reverse: string;
}

export function parseClientIp(input: string): ClientIp | undefined {
  const s = typeof input === 'string' ? input.trim() : '';
  if (!net.isIP(s)) return undefined;
  let addr = ipaddr.parse(s);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  }
  if (addr.kind() === 'ipv4') {
    const v4 = addr as ipaddr.IPv4;
    const text = v4.toString();
    return { family: 4, addr: v4, text, dotted: text, reverse: `${[...v4.octets].reverse().join('.')}.in-addr.arpa` };
  }
  const v6 = addr as ipaddr.IPv6;
  const nibbles = v6.toByteArray().flatMap((b) => [(b >> 4).toString(16), (b & 15).toString(16)]);
  return {
    family: 6,
    addr: v6,
    text: v6.toRFC5952String(),
    dotted: nibbles.join('.').toUpperCase(),
    reverse: `${[...nibbles].reverse().join('.')}.ip6.arpa`,
  };
}

/** Whether `ip` lies in `network/prefix`; false across families. */
export function inNetwork(ip: ClientIp, network: string, prefix: number): boolean {
  if (!net.isIP(network)) return false;
  const n = ipaddr.parse(network);
  if (n.kind() !== ip.addr.kind()) return false;
  return ip.addr.kind() === 'ipv4'
    ? (ip.addr as ipaddr.IPv4).match(n as ipaddr.IPv4, prefix)
    : (ip.addr as ipaddr.IPv6).match(n as ipaddr.IPv6, prefix);
}

/** Whether `ip` is in any of the CIDR ranges (`a.b.c.d/n`, `x::/n`). */
export function inAnyRange(ip: ClientIp, ranges: readonly string[]): string | undefined {
  for (const r of ranges) {
    const [net0, len] = r.split('/');
    if (net0 && len && inNetwork(ip, net0, Number(len))) return r;
  }
  return undefined;
}
