/**
 * A local stand-in for Application Insights' ingestion endpoint (the `IngestionEndpoint` of a connection
 * string): accepts what the Azure Monitor exporter POSTs to /v2.1/track (JSON, gzip or not), answers as
 * the service does, and keeps every envelope and the raw text that arrived.
 *
 * HTTPS, as the exporter insists (it turns an http:// endpoint into https://): a certificate for
 * 127.0.0.1 made for the test with the openssl command (Debian's `openssl`, installed by .ci/run), which
 * the process under test trusts through NODE_EXTRA_CA_CERTS=`caFile`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface Envelope {
  name: string;
  iKey?: string;
  tags?: Record<string, string>;
  data?: { baseType?: string; baseData?: Record<string, unknown> & { name?: string; id?: string; properties?: Record<string, string> } };
}

export interface IngestionServer {
  /** For a connection string: `InstrumentationKey=…;IngestionEndpoint=<url>` */
  url: string;
  connectionString: string;
  envelopes: Envelope[];
  /** Every request body as text, decompressed: what would have left the machine. */
  bodies: string[];
  /** Request paths, e.g. /v2.1/track. */
  paths: string[];
  /** The server's self-signed certificate (PEM), for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  close(): Promise<void>;
}

export async function startIngestionServer(): Promise<IngestionServer> {
  const envelopes: Envelope[] = [];
  const bodies: string[] = [];
  const paths: string[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'bd-ingestion-'));
  const keyFile = path.join(dir, 'key.pem');
  const caFile = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', caFile, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const server: Server = createServer({ key: readFileSync(keyFile), cert: readFileSync(caFile) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      paths.push(req.url ?? '');
      let raw = Buffer.concat(chunks);
      if (String(req.headers['content-encoding'] ?? '').toLowerCase().includes('gzip')) raw = gunzipSync(raw);
      const text = raw.toString('utf8');
      bodies.push(text);
      let items: Envelope[] = [];
      try {
        const parsed = JSON.parse(text) as Envelope | Envelope[];
        items = Array.isArray(parsed) ? parsed : [parsed];
      } catch {
        // newline-delimited JSON
        items = text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Envelope);
      }
      envelopes.push(...items);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    connectionString: `InstrumentationKey=00000000-0000-0000-0000-00000000b0dc;IngestionEndpoint=${url};LiveEndpoint=${url}`,
    envelopes,
    bodies,
    paths,
    caFile,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
