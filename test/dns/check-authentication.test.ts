/**
 * DKIM keys, DMARC records and alignment as checkAuthentication reads them from the real test DNS server:
 * every key state (published, missing, dangling CNAME, revoked, too short, broken syntax), Microsoft 365's
 * two selectors, DMARC's tags and its organizational-domain fallback, and relaxed/strict alignment.
 */
import { generateKeyPairSync } from 'node:crypto';
import { aligned, checkAuthentication } from '../../bot/dns/check-authentication';
import { keyProblems } from '../../bot/dns/dkim';
import { dmarcProblems } from '../../bot/dns/dmarc';
import { startDnsServer, type TestDnsServer, type ZoneData } from '../helpers/dns-server';

function key(bits: number, type: 'spki' | 'pkcs1' = 'spki'): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return publicKey.export({ type, format: 'der' }).toString('base64');
}

const K2048 = key(2048);
const ZONE: ZoneData = {
  'contoso.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }],
  'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.107.0.0/16 -all' }],
  '_dmarc.contoso.example': [{ TXT: 'v=DMARC1; p=quarantine; sp=reject; pct=50; adkim=s; aspf=r; rua=mailto:a@contoso.example,mailto:b@contoso.example; ruf=mailto:f@contoso.example' }],
  'ok._domainkey.contoso.example': [{ TXT: `v=DKIM1; k=rsa; p=${K2048}` }],
  'pkcs1._domainkey.contoso.example': [{ TXT: `v=DKIM1; p=${key(1024, 'pkcs1')}` }],
  'weak._domainkey.contoso.example': [{ TXT: `v=DKIM1; k=rsa; p=${key(512)}` }],
  'revoked._domainkey.contoso.example': [{ TXT: 'v=DKIM1; p=' }],
  'broken._domainkey.contoso.example': [{ TXT: 'v=DKIM1; k=dsa; p=AAAA' }],
  'selector1._domainkey.contoso.example': [{ CNAME: 'selector1-contoso-example._domainkey.contoso.onmicrosoft.com' }],
  'selector1-contoso-example._domainkey.contoso.onmicrosoft.com': [{ TXT: `v=DKIM1; k=rsa; p=${K2048}` }],
  'selector2._domainkey.contoso.example': [{ CNAME: 'selector2-contoso-example._domainkey.contoso.onmicrosoft.com' }],
  // A subdomain without its own DMARC record falls back to the organizational domain's (and its sp=).
  'news.contoso.example': [{ TXT: 'v=spf1 -all' }],
  'strictspf.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }],
  '_dmarc.strictspf.example': [{ TXT: 'v=DMARC1; p=reject; aspf=s' }],
  'bounce.strictspf.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }],
  'mailer.vendor.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }],
  'twodmarc.example': [{ TXT: 'v=spf1 -all' }],
  '_dmarc.twodmarc.example': [{ TXT: 'v=DMARC1; p=reject' }, { TXT: 'v=DMARC1; p=none' }],
};

let dns: TestDnsServer;
beforeAll(async () => {
  dns = await startDnsServer(ZONE);
});
afterAll(() => dns.stop());

const check = (fromDomain: string, extra: Partial<Parameters<typeof checkAuthentication>[0]> = {}) =>
  checkAuthentication({ fromDomain, signatures: [], microsoft365: false, bypassCache: true, ...extra }, { dnsServers: [dns.address], timeoutMs: 300, deadlineMs: 3000 });

describe('DKIM keys', () => {
  it('reads each state of a selector’s key, and its length from the key itself', async () => {
    const r = await check('contoso.example', {
      signatures: ['ok', 'pkcs1', 'weak', 'revoked', 'broken', 'absent'].map((selector) => ({ domain: 'contoso.example', selector })),
    });
    const state = Object.fromEntries(r.keys.map((k) => [k.selector, [k.state, k.bits]]));
    expect(state).toEqual({
      ok: ['ok', 2048],
      pkcs1: ['ok', 1024],
      weak: ['weak', 512],
      revoked: ['revoked', undefined],
      broken: ['syntax', undefined],
      absent: ['missing', undefined],
    });
    expect(r.findings.find((f) => f.code === 'dkim.key.weak')).toMatchObject({ severity: 'error', params: { bits: 512, min: 1024 } });
  });

  it('follows Microsoft 365’s CNAMEs, and calls one with no key behind it dangling', async () => {
    const r = await check('contoso.example', { microsoft365: true });
    expect(r.m365Keys?.map((k) => [k.selector, k.state, k.cname])).toEqual([
      ['selector1', 'ok', 'selector1-contoso-example._domainkey.contoso.onmicrosoft.com'],
      ['selector2', 'dangling-cname', 'selector2-contoso-example._domainkey.contoso.onmicrosoft.com'],
    ]);
    expect(r.findings.map((f) => f.code)).toContain('dkim.m365.published');
  });

  it('reads no key of a signature that could not count for DMARC (another domain)', async () => {
    const r = await check('contoso.example', { signatures: [{ domain: 'contoso.onmicrosoft.com', selector: 'selector1-contoso-example' }] });
    expect(r.keys).toEqual([]);
    expect(r.findings.find((f) => f.code === 'dkim.other-domain')).toMatchObject({ params: { signers: ['contoso.onmicrosoft.com'] } });
  });

  it('names what RFC 6376 3.6.1 forbids', () => {
    expect(keyProblems('v=DKIM1; k=rsa; p=MIIB')).toEqual([]);
    expect(keyProblems('k=rsa')).toContain('p-missing');
    expect(keyProblems('v=DKIM2; p=AAAA')).toContain('bad-version');
    expect(keyProblems('p=AAAA; v=DKIM1')).toContain('bad-version');
    expect(keyProblems('v=DKIM1; h=sha1; p=AAAA')).toContain('no-sha256');
    expect(keyProblems('v=DKIM1; p=not base64!')).toContain('p-not-base64');
  });
});

describe('DMARC and alignment', () => {
  it('reads every tag of the record', async () => {
    const r = await check('contoso.example');
    expect(r.dmarc).toMatchObject({ domain: 'contoso.example', policy: 'quarantine', pct: 50, adkim: 's', aspf: 'r', rua: ['a@contoso.example', 'b@contoso.example'], ruf: ['f@contoso.example'], problems: [] });
  });

  it('falls back to the organizational domain for a subdomain, with its sp=', async () => {
    const r = await check('news.contoso.example');
    expect(r.dmarc).toMatchObject({ domain: 'contoso.example', subdomainPolicy: 'reject' });
  });

  it('treats several DMARC records as none, and says so', async () => {
    const r = await check('twodmarc.example');
    expect(r.dmarc.record).toBeUndefined();
    expect(r.findings.find((f) => f.code === 'dmarc.several')).toMatchObject({ severity: 'error', params: { count: 2 } });
  });

  it('names what RFC 7489 6.3 forbids', () => {
    expect(dmarcProblems('v=DMARC1; p=reject')).toEqual([]);
    expect(dmarcProblems('p=reject; v=DMARC1')).toContain('v-first');
    expect(dmarcProblems('v=DMARC1')).toContain('p-missing');
    expect(dmarcProblems('v=DMARC1; p=block; pct=150; adkim=x; rua=https://x')).toEqual(['p-invalid:block', 'pct-invalid:150', 'adkim-invalid:x', 'rua-invalid']);
  });

  it('aligns relaxed by organizational domain and strict by the very name', () => {
    expect(aligned('bounce.contoso.example', 'contoso.example', 'r')).toBe(true);
    expect(aligned('bounce.contoso.example', 'contoso.example', 's')).toBe(false);
    expect(aligned('contoso.example', 'contoso.example', 's')).toBe(true);
    expect(aligned('mailer.vendor.example', 'contoso.example', 'r')).toBe(false);
  });

  it('says whether SPF’s domain aligns, under the record’s own aspf', async () => {
    const r = await check('contoso.example', { mailFromDomain: 'bounce.contoso.example', ip: '40.107.1.1' });
    expect(r.spfAligned).toBe(true);
    expect(r.findings.map((f) => f.code)).toContain('align.spf.yes');
    // adkim=s: a signature of a subdomain does not align, and the finding says it is the strict mode that refuses it
    // (the organizational domain they share is named), not another organization's signature.
    const s = await check('contoso.example', { signatures: [{ domain: 'mail.contoso.example', selector: 'ok' }] });
    expect(s.alignedSignatures).toEqual([]);
    expect(s.findings.find((f) => f.code === 'dkim.other-domain')?.params).toMatchObject({ signers: ['mail.contoso.example'], mode: 's', org: 'contoso.example' });
    const vendor = await check('contoso.example', { signatures: [{ domain: 'mailer.vendor.example', selector: 's1' }] });
    expect(vendor.findings.find((f) => f.code === 'dkim.other-domain')?.params.org).toBeUndefined();
  });

  it('with no envelope domain, checks SPF for From and marks the alignment as assumed, not as seen', async () => {
    const r = await check('contoso.example', { ip: '40.107.1.1' });
    expect(r.mailFromDomain).toBe('contoso.example');
    expect(r.mailFromAssumed).toBe(true);
    expect(r.findings.find((f) => f.code === 'align.spf.yes')).toMatchObject({ severity: 'info', params: { assumed: true } });
    const seen = await check('contoso.example', { mailFromDomain: 'contoso.example', ip: '40.107.1.1' });
    expect(seen.mailFromAssumed).toBeUndefined();
    expect(seen.findings.find((f) => f.code === 'align.spf.yes')?.severity).toBe('ok');
  });

  it('names strict SPF alignment when only aspf=s refuses a subdomain of the From domain', async () => {
    const r = await check('strictspf.example', { mailFromDomain: 'bounce.strictspf.example', ip: '40.107.1.1' });
    expect(r.spfAligned).toBe(false);
    expect(r.findings.find((f) => f.code === 'align.spf.no')?.params).toMatchObject({ mailFrom: 'bounce.strictspf.example', mode: 's', org: 'strictspf.example' });
    // Another organization's envelope domain is refused in either mode: nothing strict to name.
    const other = await check('strictspf.example', { mailFromDomain: 'mailer.vendor.example', ip: '40.107.1.1' });
    expect(other.findings.find((f) => f.code === 'align.spf.no')?.params.org).toBeUndefined();
  });
});
