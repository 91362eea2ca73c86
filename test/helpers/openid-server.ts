/**
 * A local stand-in for Bot Framework's OpenID metadata and signing keys (Azure's token service cannot run
 * here). It serves a real RSA key as a JWKS, so the bot's own token validation runs unchanged; `sign`
 * makes tokens with that key for tests that need a valid or deliberately wrong one.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';

export interface OpenIdServer {
  metadataUrl: string;
  issuer: string;
  sign(claims: Record<string, unknown>, opts?: { key?: KeyObject; kid?: string }): string;
  close(): Promise<void>;
}

const b64url = (v: unknown): string => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

export async function startOpenIdServer(): Promise<OpenIdServer> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const jwk = { ...(publicKey.export({ format: 'jwk' }) as Record<string, unknown>), kid, use: 'sig', alg: 'RS256', endorsements: ['msteams', 'emulator'] };
  const issuer = 'https://api.botframework.com';
  let base = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer, jwks_uri: `${base}/v1/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/v1/keys') {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    issuer,
    sign(claims, opts = {}) {
      const head = b64url({ alg: 'RS256', typ: 'JWT', kid: opts.kid ?? kid });
      const body = b64url(claims);
      const signer = createSign('RSA-SHA256');
      signer.update(`${head}.${body}`);
      return `${head}.${body}.${signer.sign(opts.key ?? privateKey).toString('base64url')}`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
