/**
 * DNS server addresses: `host`, `host:port`, `[v6]:port` or a bare IPv6 address. Hosts must be IP
 * addresses: the resolver cannot ask a name server's own name without a resolver.
 */
import * as net from 'node:net';
import { getServers } from 'node:dns';

export interface ServerAddress {
  host: string;
  port: number;
  family: 4 | 6;
  /** As written back for traces and reports: `192.0.2.1:53`, `[2001:db8::1]:53`. */
  label: string;
}

function fail(entry: string, why: string): never {
  throw new Error(`DNS server "${entry}": ${why} (expected host, host:port, or [IPv6]:port)`);
}

export function parseServer(entry: string): ServerAddress {
  const s = entry.trim();
  if (!s) fail(entry, 'empty entry');
  let host: string;
  let portText: string | undefined;
  const bracket = /^\[([^\]]+)\](?::(.*))?$/.exec(s);
  if (bracket) {
    host = bracket[1] ?? '';
    portText = bracket[2];
  } else if (net.isIPv6(s)) {
    host = s;
  } else {
    const i = s.lastIndexOf(':');
    host = i >= 0 ? s.slice(0, i) : s;
    portText = i >= 0 ? s.slice(i + 1) : undefined;
  }
  const family = net.isIPv4(host) ? 4 : net.isIPv6(host) ? 6 : 0;
  if (!family) fail(entry, `"${host}" is not an IP address`);
  let port = 53;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      fail(entry, `"${portText}" is not a port number (1-65535)`);
    }
    port = Number(portText);
  }
  const label = family === 6 ? `[${host}]:${port}` : `${host}:${port}`;
  return { host, port, family, label };
}

/**
 * `DNS_SERVERS` (comma-separated) → the entries, trimmed and checked. Unset or blank → `[]`, meaning
 * "use the system's servers". Throws on the first bad entry, naming it.
 */
export function parseDnsServers(env: string | undefined): string[] {
  if (env === undefined || env.trim() === '') return [];
  const entries = env.split(',').map((e) => e.trim());
  for (const e of entries) {
    if (!e) throw new Error(`DNS_SERVERS "${env}": empty entry between commas`);
    parseServer(e);
  }
  return entries;
}

/** The system's configured servers (resolv.conf on Linux), as node:dns reports them. */
export function systemServers(): string[] {
  return getServers();
}
