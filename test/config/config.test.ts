/** Configuration: every variable the bot reads is documented, and bad values get a clear error. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../bot/config';
import { repoRoot } from '../helpers/shared';

function variablesRead(): string[] {
  const names = new Set<string>();
  for (const file of ['bot/config.ts', 'bot/index.ts']) {
    const src = readFileSync(path.join(repoRoot, file), 'utf8');
    for (const m of src.matchAll(/env\.([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]!);
    for (const m of src.matchAll(/\(env, '([A-Za-z_][A-Za-z0-9_]*)'/g)) names.add(m[1]!);
  }
  return [...names].sort();
}

it('documents every variable it reads in .env.example', () => {
  const documented = new Set([...readFileSync(path.join(repoRoot, '.env.example'), 'utf8').matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]!));
  const read = variablesRead();
  expect(read.length).toBeGreaterThan(20);
  expect(read.filter((v) => !documented.has(v))).toEqual([]);
});

it('runs with nothing set, locally and unauthenticated', () => {
  const c = loadConfig({});
  expect(c.port).toBe(3978);
  expect(c.auth.appId).toBeUndefined();
  expect(c.dnsServers).toEqual([]);
});

it.each([
  [{ PORT: 'eighty' }, /PORT must be a whole number/],
  [{ DNS_SERVERS: '127.0.0.1:53, not a server!' }, /DNS_SERVERS: .*"not a server!"/],
  [{ DNS_SERVERS: '127.0.0.1:99999' }, /not a port number/],
  [{ MicrosoftAppType: 'Tenantless' }, /MicrosoftAppType must be/],
  [{ ESCALATION_LOCALE: 'de' }, /ESCALATION_LOCALE must be one of/],
  [{ TRANSCRIPT_REDACT_ADDRESSES: 'maybe' }, /must be true or false/],
  [{ AZURE_STORAGE_CONTAINER: 'qt' }, /AZURE_STORAGE_CONTAINER must be 3 to 63 lowercase letters/],
  [{ AZURE_STORAGE_CONTAINER: 'Bounce_Doctor' }, /AZURE_STORAGE_CONTAINER must be .* not "Bounce_Doctor"/],
])('says clearly what is wrong with %j', (env, message) => {
  expect(() => loadConfig(env)).toThrow(ConfigError);
  expect(() => loadConfig(env)).toThrow(message);
});
