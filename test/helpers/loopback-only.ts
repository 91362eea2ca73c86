/**
 * Preloaded (`node -r`) into a bot process under test: every TCP connection and UDP datagram to anything
 * but loopback is refused before it leaves the process (no DNS lookup, no packet), and written to stderr
 * as one line `loopback-only: refused <host>:<port>`, so the test can assert what was attempted.
 *
 * Needed because some libraries reach out on their own: the Azure Monitor distro's VM resource detector
 * always asks Azure's instance metadata service (169.254.169.254), which exists only on Azure.
 */
import * as dgram from 'node:dgram';
import dns from 'node:dns';
import * as net from 'node:net';

const LOOPBACK_NAMES = new Set(['localhost', 'ip6-localhost']);

function isLoopback(host: string | undefined): boolean {
  if (!host) return true; // Node's default host is localhost
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (LOOPBACK_NAMES.has(h) || h === '::1' || h === '::ffff:127.0.0.1') return true;
  return net.isIPv4(h) && h.startsWith('127.');
}

export const REFUSED_PREFIX = 'loopback-only: refused ';

function refuse(host: string, port: unknown): Error {
  process.stderr.write(`${REFUSED_PREFIX}${host}:${String(port)}\n`);
  return Object.assign(new Error(`connect ECONNREFUSED ${host}:${String(port)} (loopback-only)`), { code: 'ECONNREFUSED' });
}

type Connect = (this: net.Socket, ...args: unknown[]) => net.Socket;
const connect = net.Socket.prototype.connect as unknown as Connect;
(net.Socket.prototype as unknown as { connect: Connect }).connect = function (this: net.Socket, ...args: unknown[]): net.Socket {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  const options = (typeof first === 'object' && first !== null ? first : { port: first, host: args[1] }) as { host?: string; port?: unknown; path?: string };
  if (!options.path && !isLoopback(typeof options.host === 'string' ? options.host : undefined)) {
    const err = refuse(String(options.host), options.port);
    process.nextTick(() => this.destroy(err));
    return this;
  }
  return connect.apply(this, args);
};

type Send = (this: dgram.Socket, ...args: unknown[]) => void;
const send = dgram.Socket.prototype.send as unknown as Send;
(dgram.Socket.prototype as unknown as { send: Send }).send = function (this: dgram.Socket, ...args: unknown[]): void {
  // send(msg, [offset, length,] port, address, callback)
  const withRange = typeof args[1] === 'number' && typeof args[2] === 'number' && typeof args[3] === 'number';
  const port = withRange ? args[3] : args[1];
  const address = (withRange ? args[4] : args[2]) as string | undefined;
  if (typeof address === 'string' && !isLoopback(address)) {
    const callback = args.find((a) => typeof a === 'function') as ((err: Error) => void) | undefined;
    const err = refuse(address, port);
    if (callback) process.nextTick(() => callback(err));
    return;
  }
  send.apply(this, args);
};

// Name lookups of anything but loopback names never reach a resolver either. (An address "looked up", as
// when a socket binds to 0.0.0.0, asks no resolver: connections to it are checked above.)
const resolvesLocally = (hostname: string): boolean => net.isIP(hostname) !== 0 || isLoopback(hostname);
type Lookup = (this: unknown, hostname: string, ...rest: unknown[]) => unknown;
const lookup = dns.lookup as unknown as Lookup;
(dns as unknown as { lookup: Lookup }).lookup = function (this: unknown, hostname: string, ...rest: unknown[]): unknown {
  if (resolvesLocally(hostname)) return lookup.call(this, hostname, ...rest);
  const callback = rest.find((a) => typeof a === 'function') as ((err: Error) => void) | undefined;
  const err = refuse(hostname, 'lookup');
  if (callback) process.nextTick(() => callback(err));
  return undefined;
};
type PromisesLookup = (hostname: string, ...rest: unknown[]) => Promise<unknown>;
const promisesLookup = dns.promises.lookup.bind(dns.promises) as unknown as PromisesLookup;
(dns.promises as unknown as { lookup: PromisesLookup }).lookup = (hostname, ...rest) => (resolvesLocally(hostname) ? promisesLookup(hostname, ...rest) : Promise.reject(refuse(hostname, 'lookup')));
