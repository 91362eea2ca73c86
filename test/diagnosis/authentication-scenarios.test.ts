/**
 * DMARC and DKIM rejections, scenario by scenario: the bounce (the code, the receiving server's words,
 * the original headers with their From, Return-Path and DKIM-Signature) and the zone the real test DNS
 * server serves (SPF, DKIM keys made here with node:crypto, DMARC) → the cause, its confidence, the steps,
 * and the records to publish.
 */
import { generateKeyPairSync } from 'node:crypto';
import { diagnose } from '../../bot/diagnosis';
import type { AuthenticationDiagnosis } from '../../bot/diagnosis/playbooks/authentication';
import { parseBounce } from '../../bot/ndr';
import { startDnsServer, type TestDnsServer, type ZoneData } from '../helpers/dns-server';
import { exoNdrText } from '../helpers/bounces';
import { checksFor } from '../helpers/scenarios';

function dkimRecord(bits: number): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
}

const KEY_2048 = dkimRecord(2048);
const KEY_512 = dkimRecord(512);
const M365 = 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 -all';
const mx = (d: string) => ({ MX: [10, `${d.replace(/\./g, '-')}.mail.protection.outlook.com`] as [number, string] });

const ZONE: ZoneData = {
  'spf.protection.outlook.com': [{ TXT: M365 }],
  // A vendor sends with its own envelope domain: SPF passes there, not for the From domain.
  'vendor.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }],
  'mailer.vendor.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }],
  'aligned.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, mx('aligned.example')],
  '_dmarc.aligned.example': [{ TXT: 'v=DMARC1; p=reject; rua=mailto:dmarc@aligned.example' }],
  // Microsoft 365 signing turned on: selector1 points at the tenant's key.
  'signed.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, mx('signed.example')],
  '_dmarc.signed.example': [{ TXT: 'v=DMARC1; p=reject' }],
  'selector1._domainkey.signed.example': [{ CNAME: 'selector1-signed-example._domainkey.signedtenant.onmicrosoft.com' }],
  'selector1-signed-example._domainkey.signedtenant.onmicrosoft.com': [{ TXT: KEY_2048 }],
  'unsigned.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, mx('unsigned.example')],
  '_dmarc.unsigned.example': [{ TXT: 'v=DMARC1; p=quarantine' }],
  'weak.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }],
  '_dmarc.weak.example': [{ TXT: 'v=DMARC1; p=reject' }],
  's1._domainkey.weak.example': [{ TXT: KEY_512 }],
  'revoked.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }],
  '_dmarc.revoked.example': [{ TXT: 'v=DMARC1; p=reject' }],
  's1._domainkey.revoked.example': [{ TXT: 'v=DKIM1; k=rsa; p=' }],
  'dangling.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, mx('dangling.example')],
  '_dmarc.dangling.example': [{ TXT: 'v=DMARC1; p=reject' }],
  'selector1._domainkey.dangling.example': [{ CNAME: 'selector1-dangling-example._domainkey.oldtenant.onmicrosoft.com' }],
  'nodmarc.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, mx('nodmarc.example')],
  'selector1._domainkey.nodmarc.example': [{ CNAME: 'selector1-nodmarc-example._domainkey.ndtenant.onmicrosoft.com' }],
  'selector1-nodmarc-example._domainkey.ndtenant.onmicrosoft.com': [{ TXT: KEY_2048 }],
  'nomsft.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, mx('nomsft.example')],
  '_dmarc.nomsft.example': [{ TXT: 'v=DMARC1; p=reject' }],
};

interface AuthScenario {
  name: string;
  code: string;
  words: string;
  headers: string[];
  expect: { cause: string; confidence?: 'confirmed' | 'likely'; steps?: string[]; records?: string[]; tenant?: string };
}

const SCENARIOS: AuthScenario[] = [
  {
    name: 'SPF passes for the vendor’s envelope domain, not for From; no DKIM of From: DMARC fails',
    code: '5.7.509',
    words: 'Access denied, sending domain [aligned.example] does not pass DMARC verification and has a DMARC policy of reject.',
    headers: ['From: news@aligned.example', 'Return-Path: <bounce-123@mailer.vendor.example>', 'Authentication-Results: spf=pass (sender IP is 198.51.100.7) smtp.mailfrom=mailer.vendor.example'],
    expect: { cause: 'dmarc-no-aligned-pass', confidence: 'confirmed', steps: ['align:problem', 'sign-dkim:todo', 'custom-mail-from:todo', 'wait-resend:todo'] },
  },
  {
    name: 'Gmail: DKIM did not pass, Microsoft 365 signs with the tenant domain: turn on DKIM, with the two CNAMEs',
    code: '5.7.26',
    words: 'This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. Authentication results: DKIM = did not pass SPF [unsigned.example] with ip: [40.107.22.10] = pass',
    headers: ['From: ada@unsigned.example', 'Return-Path: <ada@unsigned.example>', 'DKIM-Signature: v=1; a=rsa-sha256; d=unsignedtenant.onmicrosoft.com; s=selector1-unsigned-example; bh=x; b=y'],
    expect: {
      cause: 'dkim-not-signing',
      confidence: 'confirmed',
      steps: ['enable-dkim:problem', 'wait-resend:todo'],
      records: ['selector1._domainkey.unsigned.example  CNAME  selector1-unsigned-example._domainkey.unsignedtenant.onmicrosoft.com', 'selector2._domainkey.unsigned.example  CNAME  selector2-unsigned-example._domainkey.unsignedtenant.onmicrosoft.com'],
    },
  },
  {
    name: 'a 512-bit DKIM key',
    code: '5.7.509',
    words: 'Access denied, sending domain [weak.example] does not pass DMARC verification and has a DMARC policy of reject.',
    headers: ['From: ada@weak.example', 'DKIM-Signature: v=1; a=rsa-sha256; d=weak.example; s=s1; bh=x; b=y'],
    expect: { cause: 'dkim-key-broken', confidence: 'confirmed', steps: ['fix-key:problem', 'wait-resend:todo'] },
  },
  {
    name: 'a revoked DKIM key still used to sign',
    code: '5.7.1',
    words: 'Email rejected per DMARC policy for revoked.example, dkim=fail',
    headers: ['From: ada@revoked.example', 'DKIM-Signature: v=1; a=rsa-sha256; d=revoked.example; s=s1; bh=x; b=y'],
    expect: { cause: 'dkim-key-broken', confidence: 'confirmed' },
  },
  {
    name: 'Microsoft 365 selector CNAME pointing at a tenant that has no key',
    code: '5.7.509',
    words: 'Access denied, sending domain [dangling.example] does not pass DMARC verification and has a DMARC policy of reject.',
    headers: ['From: ada@dangling.example', 'DKIM-Signature: v=1; a=rsa-sha256; d=dangling.example; s=selector1; bh=x; b=y'],
    expect: { cause: 'dkim-key-broken', confidence: 'confirmed' },
  },
  {
    name: 'Outlook.com: DMARC fails and the domain publishes no DMARC record',
    code: '5.7.515',
    words: "Access denied, sending domain [nodmarc.example] doesn't meet the required authentication level. Spf= Pass , Dkim= Pass , DMARC= Fail",
    headers: ['From: ada@nodmarc.example', 'DKIM-Signature: v=1; a=rsa-sha256; d=nodmarc.example; s=selector1; bh=x; b=y'],
    expect: { cause: 'dmarc-missing', confidence: 'confirmed', steps: ['publish-dmarc:problem', 'wait-resend:todo'], records: ['_dmarc.nodmarc.example  TXT  v=DMARC1; p=none; rua=mailto:dmarc-reports@nodmarc.example'] },
  },
  {
    name: 'Outlook.com: SPF fails because the record lacks Microsoft 365 (an SPF cause, in SPF’s words)',
    code: '5.7.515',
    words: "Access denied, sending domain [nomsft.example] doesn't meet the required authentication level. Spf= Fail , Dkim= Pass , DMARC= Pass",
    headers: ['From: ada@nomsft.example', 'Return-Path: <ada@nomsft.example>', 'Authentication-Results: spf=fail (sender IP is 40.107.5.5) smtp.mailfrom=nomsft.example'],
    expect: { cause: 'm365-not-authorized', confidence: 'confirmed', steps: ['verify-spf:problem', 'wait-resend:todo'] },
  },
  {
    name: 'relayed through Microsoft 365’s relay pool: forwarded',
    code: '5.7.509',
    words: 'Access denied, sending domain [signed.example] does not pass DMARC verification and has a DMARC policy of reject.',
    headers: ['From: ada@signed.example', 'Authentication-Results: spf=fail (sender IP is 40.95.3.4) smtp.mailfrom=signed.example'],
    expect: { cause: 'forwarded', confidence: 'confirmed' },
  },
  {
    name: 'everything aligned and valid now: the receiving side',
    code: '5.7.509',
    words: 'Access denied, sending domain [signed.example] does not pass DMARC verification and has a DMARC policy of reject.',
    headers: ['From: ada@signed.example', 'Return-Path: <ada@signed.example>', 'DKIM-Signature: v=1; a=rsa-sha256; d=signed.example; s=selector1; bh=x; b=y', 'Authentication-Results: spf=pass (sender IP is 40.107.8.8) smtp.mailfrom=signed.example'],
    expect: { cause: 'receiving-side', confidence: 'confirmed', steps: ['verify-auth:ok', 'contact-remote-admin:todo'] },
  },
];

function bounceText(s: AuthScenario): string {
  return exoNdrText({
    recipient: 'grace@fabrikam.example',
    reply: `550 ${s.code} ${s.words}`,
    headers: [...s.headers, 'To: grace@fabrikam.example', 'Subject: Quarterly figures', 'Date: Mon, 16 Nov 2026 09:12:31 +0000'],
  });
}

let dns: TestDnsServer;
beforeAll(async () => {
  dns = await startDnsServer(ZONE);
});
afterAll(() => dns.stop());

describe.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, s) => {
  let d: AuthenticationDiagnosis;
  beforeAll(async () => {
    d = (await diagnose(await parseBounce(bounceText(s)), { checks: checksFor(dns.address) })) as AuthenticationDiagnosis;
  });

  it(`is judged ${s.expect.cause}`, () => {
    expect(d.playbook).toBe('authentication');
    expect(d.verdict.cause).toBe(s.expect.cause);
    if (s.expect.confidence) expect(d.verdict.confidence).toBe(s.expect.confidence);
  });

  if (s.expect.steps) {
    it('has the steps that follow from it', () => {
      expect(d.steps.map((x) => `${x.id}:${x.state}`)).toEqual(s.expect.steps);
    });
  }

  if (s.expect.records) {
    it('gives the records to publish', () => {
      expect(d.records?.records.map((r) => `${r.name}  ${r.type}  ${r.value}`)).toEqual(s.expect.records);
    });
  }
});
