/**
 * A bot busy with other turns still reads the DNS answers that arrived in time. The resolver runs in a worker
 * thread that sends its query and then keeps its thread busy for longer than the query's timeout, while the
 * DNS server (on this thread) answers at once: the answer waits in the worker's socket. The query must come
 * back answered, not "the server did not answer in time".
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { useDnsServer } from '../helpers/dns-server';

const dns = useDnsServer({ 'busy.example': [{ TXT: 'v=spf1 ip4:192.0.2.0/24 -all' }, { TTL: 60 }] });

const resolverModule = path.resolve(__dirname, '../../bot/dns/resolver.ts');

function queryWhileBusy(server: string, timeoutMs: number, busyMs: number, type: 'TXT' | 'A'): Promise<{ status: string; data?: string }> {
  const code = `
    require('ts-node').register({ transpileOnly: true });
    const { parentPort, workerData } = require('node:worker_threads');
    const { createResolver } = require(workerData.resolverModule);
    const resolver = createResolver({ servers: [workerData.server], timeoutMs: workerData.timeoutMs, retries: 0 });
    const pending = resolver.query('busy.example', workerData.type);
    // Let the query leave, then hold the thread (another turn's CPU work) past the timeout.
    setImmediate(() => {
      const until = Date.now() + workerData.busyMs;
      while (Date.now() < until) {}
      pending.then((r) => parentPort.postMessage({ status: r.status, data: r.records[0] && r.records[0].data }));
    });
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { resolverModule, server, timeoutMs, busyMs, type } });
    worker.once('message', (m: { status: string; data?: string }) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

test('an answer that arrived while the process was busy past the timeout is read, not called a timeout', async () => {
  const r = await queryWhileBusy(dns.server.address, 150, 1000, 'TXT');
  expect(r).toEqual({ status: 'OK', data: 'v=spf1 ip4:192.0.2.0/24 -all' });
}, 60_000);

test('a server that says nothing is still a timeout after the same busy spell', async () => {
  dns.server.setZone({ 'busy.example': ['TIMEOUT'] });
  const r = await queryWhileBusy(dns.server.address, 150, 1000, 'A');
  expect(r.status).toBe('TIMEOUT');
}, 60_000);
