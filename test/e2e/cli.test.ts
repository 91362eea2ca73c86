/** `npm run diagnose`: the same diagnosis on the command line, against the real test DNS server. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { exoSpfBounceText } from '../helpers/bounces';
import { repoRoot } from '../helpers/shared';

let dns: TestDnsServer;
let dir: string;

// Each test starts the CLI under ts-node, a few seconds per run on a busy two-core machine.
jest.setTimeout(120_000);

beforeAll(async () => {
  dns = await startDnsServer({
    'nomsft.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, { MX: [10, 'mx.nomsft.example'] }],
    'onm365.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, { MX: [10, 'onm365-example.mail.protection.outlook.com'] }],
  });
  dir = mkdtempSync(path.join(tmpdir(), 'bd-cli-'));
  writeFileSync(path.join(dir, 'bounce.txt'), exoSpfBounceText({ senderDomain: 'nomsft.example' }));
});
afterAll(() => dns.stop());

function diagnoseCli(args: string[], input?: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', path.join(repoRoot, 'bot', 'cli.ts'), ...args],
      { cwd: repoRoot, env: { ...process.env, DNS_SERVERS: dns.address, DNS_TIMEOUT_MS: '500' }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

describe('npm run diagnose', () => {
  it('prints the diagnosis of a bounce file as JSON', async () => {
    const { stdout, code } = await diagnoseCli([path.join(dir, 'bounce.txt'), '--json']);
    expect(code).toBe(0);
    const d = JSON.parse(stdout) as {
      playbook: string;
      verdict: { cause: string; confidence: string; evidence: string[] };
      steps: { id: string; state: string }[];
      senderDomain: string;
      spf: { published: { records: string[] }; findings: { code: string }[] };
    };
    expect(d.playbook).toBe('spf');
    // Exchange Online wrote the bounce, the record lacks Microsoft 365's include, the IP is not in the bounce.
    expect(d.verdict).toMatchObject({ cause: 'm365-not-authorized', confidence: 'likely', evidence: ['m365.include.missing'] });
    expect(d.steps.map((x) => `${x.id}:${x.state}`)).toEqual(['verify-spf:problem', 'wait-resend:todo']);
    expect(d.senderDomain).toBe('nomsft.example');
    expect(d.spf.published.records).toEqual(['v=spf1 ip4:198.51.100.0/24 -all']);
    expect(d.spf.findings.map((f) => f.code)).toContain('m365.include.missing');
  });

  it('reads standard input and answers in the language asked for', async () => {
    const { stdout, code } = await diagnoseCli(['-', '--lang', 'ja'], exoSpfBounceText({ senderDomain: 'nomsft.example' }));
    expect(code).toBe(0);
    expect(stdout).toMatch(/[\u3040-\u30FF]/u);
    expect(stdout).toContain('v=spf1 ip4:198.51.100.0/24 -all');
  });

  it('checks a domain without a bounce (--check, --ip), as check <domain> does in Teams', async () => {
    const plain = await diagnoseCli(['--check', 'onm365.example']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/SPF check of onm365\.example/);
    expect(plain.stdout).toMatch(/doesn't authorize Microsoft 365/);
    const json = await diagnoseCli(['--check', 'nomsft.example', '--ip', '198.51.100.7', '--json']);
    expect(json.code).toBe(0);
    const d = JSON.parse(json.stdout) as { playbook: string; subject: string; verdict: { cause: string; confidence: string } };
    expect(d).toMatchObject({ playbook: 'spf', subject: 'check', verdict: { cause: 'healthy', confidence: 'confirmed' } });
    const bad = await diagnoseCli(['--check', 'not a domain']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--check not a domain/);
  });

  it('says clearly what is wrong with its arguments', async () => {
    const { stderr, code } = await diagnoseCli(['--lang', 'xx', 'a.txt']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--lang xx/);
    const missing = await diagnoseCli([path.join(dir, 'nope.txt')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*ENOENT/);
  });

  it('exits 1 with a help text when the input is not a bounce', async () => {
    const { stdout, code } = await diagnoseCli(['-'], 'Lunch at noon?');
    expect(code).toBe(1);
    expect(stdout).toMatch(/doesn't look like a bounce/);
    // Help for the command line, not for Teams.
    expect(stdout).toMatch(/npm run diagnose -- --check contoso\.com/);
    expect(stdout).not.toMatch(/personal chat|More actions|Teams/);
  });
});
