/**
 * Representative diagnoses, made by the real pipeline (parser, SPF engine over the test DNS server,
 * diagnosis) so card tests see exactly what the bot would render.
 */
import { diagnose, type Checks } from '../../bot/diagnosis';
import type { Diagnosis } from '../../bot/diagnosis/types';
import { checkSpf } from '../../bot/dns';
import { parseBounce } from '../../bot/ndr';
import { exoSpfBounceText } from './bounces';
import type { ZoneData } from './dns-server';

const includes = Array.from({ length: 11 }, (_, i) => `inc${i}.over.example`);

export const SCENARIO_ZONE: ZoneData = {
  'failsug.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, { MX: [10, 'mx.failsug.example'] }],
  'pass.example': [{ TXT: 'v=spf1 ip4:203.0.113.0/24 include:spf.protection.outlook.com -all' }, { MX: [10, 'mx.pass.example'] }],
  '_dmarc.pass.example': [{ TXT: 'v=DMARC1; p=reject' }],
  'none.example': [{ A: '192.0.2.1' }, { MX: [10, 'mx.none.example'] }],
  'over.example': [{ TXT: `v=spf1 ${includes.map((d) => `include:${d}`).join(' ')} -all` }, { MX: [10, 'mx.over.example'] }],
  ...Object.fromEntries(includes.map((d, i) => [d, [{ TXT: `v=spf1 ip4:10.${i}.0.0/16 -all` }]])),
  'timeout.example': ['TIMEOUT'],
  'relay.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, { MX: [10, 'relay-example.mail.protection.outlook.com'] }],
  'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 ip6:2a01:111:f400::/48 -all' }],
};

export type ScenarioName =
  | 'fail with suggestion'
  | 'pass'
  | 'none'
  | 'permerror over 10 lookups'
  | 'temperror'
  | 'relay pool'
  | 'other code'
  | 'several recipients'
  | 'long remote error'
  | 'five hundred recipients';

function dsn(recipients: { address: string; status: string; diagnostic: string }[], from = 'ada@failsug.example'): string {
  const blocks = recipients.map((r) => [`Final-Recipient: rfc822; ${r.address}`, 'Action: failed', `Status: ${r.status}`, `Diagnostic-Code: smtp; ${r.diagnostic}`, ''].join('\n'));
  return ['Reporting-MTA: dns; AM6PR04MB1234.eurprd04.prod.outlook.com', '', ...blocks, 'Original message headers:', '', `From: Ada <${from}>`, 'Subject: Plans', ''].join('\n');
}

export const SCENARIO_BOUNCES: Record<ScenarioName, string> = {
  'fail with suggestion': exoSpfBounceText({ senderDomain: 'failsug.example', sendingIp: '203.0.113.9' }),
  pass: exoSpfBounceText({ senderDomain: 'pass.example', sendingIp: '203.0.113.9' }),
  none: exoSpfBounceText({ senderDomain: 'none.example' }),
  'permerror over 10 lookups': exoSpfBounceText({ senderDomain: 'over.example', sendingIp: '203.0.113.9' }),
  temperror: exoSpfBounceText({ senderDomain: 'timeout.example' }),
  'relay pool': exoSpfBounceText({ senderDomain: 'relay.example', sendingIp: '40.95.12.7' }),
  'other code': ['Delivery has failed to these recipients or groups:', 'nobody@fabrikam.example', "Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'"].join('\n'),
  'several recipients': dsn([
    { address: 'grace@tailspin.example', status: '5.7.23', diagnostic: '550 5.7.23 The message was rejected because of Sender Policy Framework violation' },
    { address: 'nobody@fabrikam.example', status: '5.1.1', diagnostic: '550 5.1.1 <nobody@fabrikam.example>: Recipient address rejected: User unknown' },
    { address: 'full@northwind.example', status: '4.2.2', diagnostic: '452 4.2.2 Mailbox full' },
  ]),
  'long remote error': exoSpfBounceText({ senderDomain: 'failsug.example', remoteText: `550 5.7.1 ${'Policy rejection because SPF did not pass for the envelope sender domain. '.repeat(60)}` }),
  'five hundred recipients': dsn(
    Array.from({ length: 500 }, (_, i) => ({ address: `user${i}@r${i}.example`, status: i % 2 ? '5.1.1' : '5.2.2', diagnostic: `550 reply number ${i} from r${i}.example: ${'x'.repeat(200)}` })),
  ),
};

export function checksFor(dnsAddress: string): Checks {
  return { spf: (req) => checkSpf(req.domain, { ip: req.ip, microsoft365: req.microsoft365, dnsServers: [dnsAddress], timeoutMs: 300, deadlineMs: 2000, bypassCache: req.bypassCache }) };
}

export async function scenario(name: ScenarioName, dnsAddress: string): Promise<Diagnosis> {
  const bounce = await parseBounce(SCENARIO_BOUNCES[name]);
  return diagnose(bounce, { checks: checksFor(dnsAddress) });
}
