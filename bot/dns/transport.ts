/**
 * One DNS exchange over UDP or TCP with dns-packet. Not node:dns: it refuses names holding ':' or '/'
 * and TXT records with no strings, both of which SPF evaluation has to be able to ask about and read.
 */
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { randomInt } from 'node:crypto';
import * as dnsPacket from 'dns-packet';
import * as ipaddr from 'ipaddr.js';
import type { ServerAddress } from './servers';

export type Exchange = { ok: true; packet: dnsPacket.Packet } | { ok: false; why: 'timeout' | 'network' };

/** EDNS(0) lets a server answer up to this many bytes over UDP before truncating. */
const EDNS_UDP_SIZE = 1232;

export function buildQuery(name: string, type: string): { id: number; bytes: Buffer } {
  const id = randomInt(0, 65536);
  const bytes = dnsPacket.encode({
    id,
    type: 'query',
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type: type as dnsPacket.RecordType, class: 'IN' }],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_UDP_SIZE } as dnsPacket.Answer],
  });
  return { id, bytes };
}

/** A reply belongs to our query when id, question name (any case) and type all agree. */
function matches(packet: dnsPacket.Packet, id: number, name: string, type: string): boolean {
  const q = packet.questions?.[0];
  return (
    packet.id === id &&
    packet.type === 'response' &&
    !!q &&
    q.name.toLowerCase() === name.toLowerCase() &&
    q.type === type
  );
}

function sameIp(a: string, b: string): boolean {
  try {
    return ipaddr.process(a).toNormalizedString() === ipaddr.process(b).toNormalizedString();
  } catch {
    return false;
  }
}

/**
 * Calls `onTimeout` once `ms` have passed and every answer that had arrived by then has been read. Node runs
 * due timers before it reads sockets in each turn of the event loop, so on a busy process a plain timer
 * can fire while the answer already waits in the socket: the query would be called unanswered although the
 * server answered in time. The timer therefore only schedules the verdict for after the next socket read.
 */
function afterPendingReads(ms: number, onTimeout: () => void): () => void {
  let immediate: NodeJS.Immediate | undefined;
  const timer = setTimeout(() => {
    immediate = setImmediate(onTimeout);
  }, Math.max(1, ms));
  return () => {
    clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
  };
}

function decode(buf: Buffer): dnsPacket.Packet | undefined {
  try {
    return dnsPacket.decode(buf);
  } catch {
    return undefined;
  }
}

export function udpExchange(server: ServerAddress, name: string, type: string, timeoutMs: number): Promise<Exchange> {
  const { id, bytes } = buildQuery(name, type);
  return new Promise<Exchange>((resolve) => {
    const sock = dgram.createSocket(server.family === 6 ? 'udp6' : 'udp4');
    let done = false;
    const finish = (r: Exchange): void => {
      if (done) return;
      done = true;
      cancelTimer();
      sock.close();
      resolve(r);
    };
    const cancelTimer = afterPendingReads(timeoutMs, () => finish({ ok: false, why: 'timeout' }));
    sock.on('error', () => finish({ ok: false, why: 'network' }));
    sock.on('message', (msg, rinfo) => {
      // Anything not from the server we asked, or not answering our question, is ignored (spoofing).
      if (rinfo.port !== server.port || !sameIp(rinfo.address, server.host)) return;
      const packet = decode(msg);
      if (packet && matches(packet, id, name, type)) finish({ ok: true, packet });
    });
    sock.send(bytes, server.port, server.host, (err) => {
      if (err) finish({ ok: false, why: 'network' });
    });
  });
}

export function tcpExchange(server: ServerAddress, name: string, type: string, timeoutMs: number): Promise<Exchange> {
  const { id, bytes } = buildQuery(name, type);
  return new Promise<Exchange>((resolve) => {
    let done = false;
    let buf = Buffer.alloc(0);
    const sock = net.connect({ host: server.host, port: server.port });
    const finish = (r: Exchange): void => {
      if (done) return;
      done = true;
      cancelTimer();
      sock.destroy();
      resolve(r);
    };
    const cancelTimer = afterPendingReads(timeoutMs, () => finish({ ok: false, why: 'timeout' }));
    sock.on('error', () => finish({ ok: false, why: 'network' }));
    sock.on('close', () => finish({ ok: false, why: 'network' }));
    sock.on('connect', () => {
      const len = Buffer.from([bytes.length >> 8, bytes.length & 0xff]);
      sock.write(Buffer.concat([len, bytes]));
    });
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2) {
        const len = buf.readUInt16BE(0);
        if (buf.length < len + 2) return;
        const packet = decode(buf.subarray(2, len + 2));
        buf = buf.subarray(len + 2);
        if (packet && matches(packet, id, name, type)) return finish({ ok: true, packet });
      }
    });
  });
}
