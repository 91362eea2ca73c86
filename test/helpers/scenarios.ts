/**
 * Representative diagnoses, made by the real pipeline (parser, SPF engine over the test DNS server,
 * diagnosis) so card tests see exactly what the bot would render.
 */
import { diagnose, type Checks } from '../../bot/diagnosis';
import type { Diagnosis } from '../../bot/diagnosis/types';
import { dnsChecks } from '../../bot/dns/checks';
import { parseBounce } from '../../bot/ndr';
import { exoNdrText, exoSpfBounceText, quotedHeaders } from './bounces';
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
  'authn.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, { MX: [10, 'authn-example.mail.protection.outlook.com'] }],
  'fabrikam.example': [{ MX: [10, 'mx1.fabrikam.example'] }],
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
  | 'five hundred recipients'
  | 'DKIM not signing'
  | 'DMARC missing'
  | 'not aligned'
  | 'unknown address'
  | 'recipient domain missing'
  | 'mailbox full'
  | 'group takes internal mail only'
  | 'blocklisted IP'
  | 'blocklisted Microsoft 365 IP'
  | 'delayed'
  | 'expired'
  | 'name only, forwarded, inferred'
  | 'report lost'
  | 'code alone'
  | 'no code'
  | 'no reason';

function dsn(recipients: { address: string; status: string; diagnostic: string }[], from = 'ada@failsug.example'): string {
  const blocks = recipients.map((r) => [`Final-Recipient: rfc822; ${r.address}`, 'Action: failed', `Status: ${r.status}`, `Diagnostic-Code: smtp; ${r.diagnostic}`, ''].join('\n'));
  return ['Reporting-MTA: dns; AM6PR04MB1234.eurprd04.prod.outlook.com', '', ...blocks, 'Original message headers:', '', `From: Ada <${from}>`, 'Subject: Plans', ''].join('\n');
}

/** An Exchange Online NDR: the remote server's line, and the original message's headers. */
function exo(recipient: string, reply: string, headers: string[] = ['From: Ada <ada@failsug.example>']): string {
  return exoNdrText({ recipient, reply, headers: quotedHeaders(recipient, headers) });
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
  'DKIM not signing': exo(
    'grace@gmail.example',
    '550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. Authentication results: DKIM = did not pass SPF [authn.example] with ip: [40.107.22.10] = pass',
    ['From: ada@authn.example', 'Return-Path: <ada@authn.example>', 'DKIM-Signature: v=1; a=rsa-sha256; d=authntenant.onmicrosoft.com; s=selector1-authn-example; bh=x; b=y'],
  ),
  'DMARC missing': exo('grace@outlook.example', "550 5.7.515 Access denied, sending domain [authn.example] doesn't meet the required authentication level. Spf= Pass , Dkim= Pass , DMARC= Fail", ['From: ada@authn.example']),
  'not aligned': exo('grace@fabrikam.example', '550 5.7.509 Access denied, sending domain [pass.example] does not pass DMARC verification and has a DMARC policy of reject.', [
    'From: news@pass.example',
    'Return-Path: <bounce@relay.example>',
    'Authentication-Results: spf=pass (sender IP is 40.107.4.4) smtp.mailfrom=relay.example',
  ]),
  'unknown address': exo('nobody@fabrikam.example', '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'),
  'recipient domain missing': exo('nobody@fabrikamm.example', '550 5.1.1 User unknown'),
  'mailbox full': exo('full@fabrikam.example', '552 5.2.2 Mailbox full'),
  'group takes internal mail only': exo('team@fabrikam.example', '550 5.7.1 RESOLVER.RST.AuthRequired; authentication required'),
  'blocklisted IP': exo('grace@fabrikam.example', '554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using Spamhaus'),
  'blocklisted Microsoft 365 IP': exo('grace@fabrikam.example', '554 5.7.1 Service unavailable; Client host [40.107.22.10] blocked using Spamhaus'),
  delayed: exo('grace@fabrikam.example', '451 4.4.0 Primary target IP address responded with: 421 4.4.2 Connection dropped. Attempted failover to alternate host, but that did not succeed.'),
  expired: exo('grace@fabrikam.example', '550 4.4.7 QUEUE.Expired; message expired'),
  // A recipient known by a name only, one reached through forwarding, and a status read from the words.
  'name only, forwarded, inferred': [
    'This is the mail system at host mail.failsug.example.',
    '',
    "I'm sorry to have to inform you that your message could not be delivered to one or more recipients.",
    '',
    '<grace@fabrikam.example> (expanded from <sales@failsug.example>): host mx1.fabrikam.example[203.0.113.25] said: 550 5.1.1 User unknown (in reply to RCPT TO command)',
    '',
    '<lin@fabrikam.example>: host mx1.fabrikam.example[203.0.113.25] said: Mailbox full, try again later',
  ].join('\n'),
  // A person pasting just the code, and a report that names the recipient but gives no code.
  'code alone': '550 5.1.1\n',
  'no code': [
    'This message was created automatically by mail delivery software.',
    '',
    'A message that you sent could not be delivered to one or more of its',
    'recipients. This is a permanent error. The following address(es) failed:',
    '',
    '  lin@fabrikam.example',
    '    Delivery failed for reasons nobody wrote down',
  ].join('\n'),
  // The recipient alone, in a header: no code, no words.
  'no reason': ['From: Mail Delivery System <MAILER-DAEMON@mail.failsug.example>', 'Subject: Undelivered Mail Returned to Sender', 'X-Failed-Recipients: lin@fabrikam.example', 'Content-Type: text/plain', '', 'Your message could not be delivered to one or more recipients.', ''].join('\n'),
  'report lost': ['From: Mail Delivery Subsystem <MAILER-DAEMON@mail.failsug.example>', 'Subject: Returned mail: see transcript for details', 'Content-Type: text/plain', '', '   ----- No Message Collected -----', ''].join('\n'),
  'five hundred recipients': dsn(
    Array.from({ length: 500 }, (_, i) => ({ address: `user${i}@r${i}.example`, status: i % 2 ? '5.1.1' : '5.2.2', diagnostic: `550 reply number ${i} from r${i}.example: ${'x'.repeat(200)}` })),
  ),
};

/** The production checks, pointed at the test DNS server with short timeouts. */
export function checksFor(dnsAddress: string): Checks {
  return dnsChecks({ dnsServers: [dnsAddress], dnsTimeoutMs: 300, spfDeadlineMs: 2000 });
}

export async function scenario(name: ScenarioName, dnsAddress: string): Promise<Diagnosis> {
  const bounce = await parseBounce(SCENARIO_BOUNCES[name]);
  return diagnose(bounce, { checks: checksFor(dnsAddress) });
}
