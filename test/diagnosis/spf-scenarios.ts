/**
 * SPF scenarios, table-driven: bounce facts (or a `check`) and a zone served by the real test DNS server →
 * the verdict (cause, confidence), the step states and whether a message for the receiving side's admin
 * is drafted. At least one per cause, and one per pair of causes a naive rule would confuse.
 */
import { checkDomain, diagnose, type Diagnosis } from '../../bot/diagnosis';
import { priorCheckOf } from '../../bot/diagnosis/stored';
import type { PriorCheck } from '../../bot/diagnosis/types';
import { parseBounce } from '../../bot/ndr';
import { exoSpfBounceText } from '../helpers/bounces';
import type { TestDnsServer, ZoneData } from '../helpers/dns-server';
import { checksFor } from '../helpers/scenarios';

/** Microsoft 365's include as the test zone publishes it: 52.102.0.0/16 is Microsoft's but left out. */
const M365 = { 'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 ip6:2a01:111:f400::/48 -all' }] };
const M365_RECORD = 'v=spf1 include:spf.protection.outlook.com -all';
const m365Mx = (domain: string) => ({ MX: [10, `${domain.replace(/\./g, '-')}.mail.protection.outlook.com`] as [number, string] });
const eleven = Array.from({ length: 11 }, (_, i) => `i${i}.lookups.example`);

export const SPF_ZONE: ZoneData = {
  ...M365,
  'norecord.example': [{ A: '192.0.2.1' }, m365Mx('norecord.example'), { TXT: 'google-site-verification=abc' }],
  'several.example': [{ TXT: M365_RECORD }, { TXT: 'v=spf1 ip4:198.51.100.0/24 ~all' }, m365Mx('several.example')],
  'syntax.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com ip4:198.51.100.0/33 -all' }, m365Mx('syntax.example')],
  'lookups.example': [{ TXT: `v=spf1 ip4:198.51.100.0/24 ${eleven.map((d) => `include:${d}`).join(' ')} -all` }, m365Mx('lookups.example')],
  ...Object.fromEntries(eleven.map((d, i) => [d, [{ TXT: `v=spf1 ip4:10.${i}.0.0/16 -all` }]])),
  'noinclude.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com include:gone-provider.example -all' }, m365Mx('noinclude.example')],
  'm365missing.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, m365Mx('m365missing.example'), { TTL: 3600 }],
  'thirdparty.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com ~all' }, m365Mx('thirdparty.example')],
  'relaybroken.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, m365Mx('relaybroken.example')],
  'relayok.example': [{ TXT: M365_RECORD }, m365Mx('relayok.example')],
  'hrdpip.example': [{ TXT: M365_RECORD }, m365Mx('hrdpip.example')],
  'nomailhost.example': [{ TXT: M365_RECORD }],
  'good.example': [{ TXT: `v=spf1 ip4:203.0.113.0/24 include:spf.protection.outlook.com -all` }, m365Mx('good.example')],
  'timeout.example': ['TIMEOUT'],
  'fixme.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, m365Mx('fixme.example'), { TTL: 600 }],
  'plainsender.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, { MX: [10, 'mx.plainsender.example'] }],
  // A sending service recognised by the IP's reverse name, its include proven against the same DNS.
  'service.example': [{ TXT: M365_RECORD }, m365Mx('service.example')],
  '55.2.0.192.in-addr.arpa': [{ PTR: 'o1.ptr1234.sendgrid.net' }],
  'sendgrid.net': [{ TXT: 'v=spf1 ip4:192.0.2.0/24 -all' }],
  // One of the sender's own hosts, whose reverse name resolves back to it: a:host.
  'ownhost.example': [{ TXT: M365_RECORD }, m365Mx('ownhost.example')],
  '20.100.51.198.in-addr.arpa': [{ PTR: 'mail.ownhost.example' }],
  'mail.ownhost.example': [{ A: '198.51.100.20' }],
  // A record that lets no server pass: what a domain that sends no mail publishes.
  'nosenders.example': [{ TXT: 'v=spf1 -all' }, { MX: [10, 'mx.nosenders.example'] }],
  'onlynot.example': [{ TXT: 'v=spf1 -ip4:192.0.2.0/24 ~all' }, { MX: [10, 'mx.onlynot.example'] }],
  // Named only by the remote server's words.
  'godwit.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/28 -all' }, { MX: [10, 'mx.godwit.example'] }],
  // redirect= to a name that publishes no record: a permerror of the redirect, not of an include.
  'redirectgone.example': [{ TXT: 'v=spf1 redirect=_spf.gone-provider.example' }, m365Mx('redirectgone.example')],
  // Microsoft 365's include misspelt: the name to correct is known.
  'outlookcon.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.con -all' }, m365Mx('outlookcon.example')],
  // Meant as SPF records, but misspelt at the version: receivers see no record at all.
  'spfspace.example': [{ TXT: 'v=spf 1 ip4:198.51.100.0/24 -all' }, m365Mx('spfspace.example')],
  'quotedspf.example': [{ TXT: '"v=spf1 include:spf.protection.outlook.com -all"' }, m365Mx('quotedspf.example')],
  // One dead term: within the void limit, but worth a warning.
  'onevoid.example': [{ TXT: 'v=spf1 a:old-mail.onevoid.example include:spf.protection.outlook.com -all' }, m365Mx('onevoid.example')],
  // Services stacked up, some nested, plus the domain's own a and mx: 12 lookups.
  'stacked.example': [
    { TXT: 'v=spf1 a mx include:spf.protection.outlook.com include:_spf.suite.example include:_spf.crm.example include:servers.bulk.example include:sendgrid.net -all' },
    { A: '198.51.100.30' },
    m365Mx('stacked.example'),
  ],
  '_spf.suite.example': [{ TXT: 'v=spf1 include:_nb1.suite.example include:_nb2.suite.example include:_nb3.suite.example ~all' }],
  '_nb1.suite.example': [{ TXT: 'v=spf1 ip4:172.16.0.0/16 ~all' }],
  '_nb2.suite.example': [{ TXT: 'v=spf1 ip4:172.17.0.0/16 ~all' }],
  '_nb3.suite.example': [{ TXT: 'v=spf1 ip6:2001:db8:1::/48 ~all' }],
  '_spf.crm.example': [{ TXT: 'v=spf1 include:_b1.crm.example include:_b2.crm.example ~all' }],
  '_b1.crm.example': [{ TXT: 'v=spf1 ip4:172.18.0.0/16 ~all' }],
  '_b2.crm.example': [{ TXT: 'v=spf1 ip4:172.19.0.0/16 ~all' }],
  'servers.bulk.example': [{ TXT: 'v=spf1 ip4:172.20.0.0/16 ~all' }],
  // Valid, but asking receivers to distrust no one.
  'neutralall.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com ?all' }, m365Mx('neutralall.example')],
  'noall.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com' }, m365Mx('noall.example')],
  // A company's own Postfix server wrote the bounce: its address in DNS stands for the sending IP.
  'selfhosted.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/28 -all' }, { MX: [10, 'mx.selfhosted.example'] }],
  'mail.selfhosted.example': [{ A: '198.51.100.77' }, { AAAA: '2001:db8::77' }],
  'listed.selfhosted.example': [{ A: '198.51.100.5' }],
  'v6only.selfhosted.example': [{ AAAA: '2001:db8::78' }],
  'smtp.provider.example': [{ A: '203.0.113.99' }],
  // An internal server name in public DNS, with its private address.
  'ex01.selfhosted.example': [{ A: '10.0.0.5' }],
  // Valid, but relying on ptr, which RFC 7208 says not to use.
  'ptrrec.example': [{ TXT: 'v=spf1 ptr include:spf.protection.outlook.com -all' }, m365Mx('ptrrec.example')],
  'postfixneutral.example': [{ TXT: 'v=spf1 mx ?all' }, { MX: [10, 'mail.postfixneutral.example'] }],
  'mail.postfixneutral.example': [{ A: '198.51.100.31' }],
  // Valid, and passes every server on the internet.
  'plusall.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com +all' }, m365Mx('plusall.example')],
};

/** What fixme.example publishes once the person has fixed it. */
export const FIXED_ZONE: ZoneData = {
  ...SPF_ZONE,
  'fixme.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 include:spf.protection.outlook.com -all' }, m365Mx('fixme.example'), { TTL: 600 }],
  'nosenders.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, { MX: [10, 'mx.nosenders.example'] }],
};

export interface SpfScenario {
  name: string;
  /** A pasted Exchange Online 5.7.23 bounce (Microsoft 365 wrote it). */
  bounce?: { senderDomain?: string; sendingIp?: string; remoteText?: string; noSender?: boolean };
  /** A bounce written out in full (another MTA's layout). */
  raw?: string;
  /** `check <domain> [ip]` instead of a bounce. */
  check?: { domain: string; ip?: string };
  /** Checked once on SPF_ZONE, then again (afresh) on FIXED_ZONE with the first check remembered. */
  fixedBetween?: boolean;
  expect: {
    cause: string;
    confidence: 'confirmed' | 'likely';
    /** `id:state`, in order. */
    steps: string[];
    adminMessage: boolean;
    ruledOut?: string[];
    evidence?: string[];
    detail?: Record<string, unknown>;
    /** For a `raw` bounce: the sender's domain it names (godwit.example unless said). */
    senderDomain?: string;
  };
}

const afterFix = ['verify-spf:problem', 'wait-resend:todo'];

export const SPF_SCENARIOS: SpfScenario[] = [
  // --- one per cause ---------------------------------------------------------------------------------
  { name: 'no SPF record', bounce: { senderDomain: 'norecord.example' }, expect: { cause: 'no-record', confidence: 'likely', steps: afterFix, adminMessage: false, evidence: ['spf.none'] } },
  { name: 'no SPF record, sending IP evaluated', bounce: { senderDomain: 'norecord.example', sendingIp: '40.107.1.2' }, expect: { cause: 'no-record', confidence: 'confirmed', steps: afterFix, adminMessage: false } },
  { name: 'two SPF records', bounce: { senderDomain: 'several.example', sendingIp: '40.107.1.2' }, expect: { cause: 'record-invalid', confidence: 'confirmed', steps: afterFix, adminMessage: false, detail: { problem: 'several', count: 2 } } },
  { name: 'a syntax error', bounce: { senderDomain: 'syntax.example' }, expect: { cause: 'record-invalid', confidence: 'likely', steps: afterFix, adminMessage: false, detail: { problem: 'syntax' } } },
  { name: 'a syntax error, Microsoft IP', bounce: { senderDomain: 'syntax.example', sendingIp: '40.107.1.2' }, expect: { cause: 'record-invalid', confidence: 'confirmed', steps: afterFix, adminMessage: false, detail: { problem: 'syntax' } } },
  { name: 'an include of a domain without SPF', bounce: { senderDomain: 'noinclude.example', sendingIp: '198.51.100.9' }, expect: { cause: 'record-invalid', confidence: 'confirmed', steps: afterFix, adminMessage: false, detail: { problem: 'include-no-record', target: 'gone-provider.example' } } },
  { name: 'the record does not authorize Microsoft 365, no sending IP', bounce: { senderDomain: 'm365missing.example' }, expect: { cause: 'm365-not-authorized', confidence: 'likely', steps: afterFix, adminMessage: false, evidence: ['m365.include.missing'] } },
  { name: 'the record does not authorize Microsoft 365, Microsoft IP evaluated', bounce: { senderDomain: 'm365missing.example', sendingIp: '40.107.1.2' }, expect: { cause: 'm365-not-authorized', confidence: 'confirmed', steps: afterFix, adminMessage: false } },
  { name: 'relay pool, record right', bounce: { senderDomain: 'relayok.example', sendingIp: '40.95.12.34' }, expect: { cause: 'relay-pool', confidence: 'confirmed', steps: ['verify-spf:ok', 'find-forwarding:todo', 'sign-dkim:todo', 'relay-destination:todo'], adminMessage: false, ruledOut: ['high-risk-delivery-pool', 'no-record', 'record-invalid', 'm365-not-authorized', 'ip-not-authorized'] } },
  { name: 'no A and no MX, no sending IP: High Risk Delivery Pool likely', bounce: { senderDomain: 'nomailhost.example' }, expect: { cause: 'high-risk-delivery-pool', confidence: 'likely', steps: ['verify-spf:ok', 'check-hrdp:problem', 'publish-mx:todo'], adminMessage: false, evidence: ['m365.no-a-no-mx'] } },
  { name: 'record right, sending IP passes: the receiving side', bounce: { senderDomain: 'good.example', sendingIp: '203.0.113.9' }, expect: { cause: 'receiving-side', confidence: 'confirmed', steps: ['verify-spf:ok', 'check-hrdp:ok', 'contact-remote-admin:todo'], adminMessage: true } },
  { name: 'record right, no sending IP: the receiving side, likely', bounce: { senderDomain: 'good.example' }, expect: { cause: 'receiving-side', confidence: 'likely', steps: ['verify-spf:ok', 'check-hrdp:unknown', 'contact-remote-admin:todo'], adminMessage: true } },
  { name: 'a domain that does not exist', bounce: { senderDomain: 'gone.example' }, expect: { cause: 'domain-not-found', confidence: 'confirmed', steps: ['check-domain:problem'], adminMessage: false } },
  { name: 'DNS does not answer', bounce: { senderDomain: 'timeout.example' }, expect: { cause: 'dns-unavailable', confidence: 'likely', steps: ['verify-spf:unknown'], adminMessage: false } },
  { name: 'no sender domain in the bounce', bounce: { noSender: true }, expect: { cause: 'needs-domain', confidence: 'likely', steps: ['verify-spf:todo'], adminMessage: false } },
  { name: 'check: a healthy domain', check: { domain: 'good.example' }, expect: { cause: 'healthy', confidence: 'likely', steps: ['verify-spf:ok'], adminMessage: false } },
  { name: 'check: a healthy domain and a passing IP', check: { domain: 'good.example', ip: '203.0.113.200' }, expect: { cause: 'healthy', confidence: 'confirmed', steps: ['verify-spf:ok'], adminMessage: false } },
  // --- pairs a naive rule would confuse ----------------------------------------------------------------
  { name: 'relay IP with a broken record: still the relay pool', bounce: { senderDomain: 'relaybroken.example', sendingIp: '40.95.1.2' }, expect: { cause: 'relay-pool', confidence: 'confirmed', steps: ['verify-spf:unknown', 'find-forwarding:todo', 'sign-dkim:todo', 'relay-destination:todo'], adminMessage: false, detail: { recordProblems: true } } },
  { name: 'passing IP with no A and no MX: not the High Risk Delivery Pool', bounce: { senderDomain: 'nomailhost.example', sendingIp: '40.107.3.3' }, expect: { cause: 'receiving-side', confidence: 'confirmed', steps: ['verify-spf:ok', 'check-hrdp:ok', 'contact-remote-admin:todo'], adminMessage: true, ruledOut: ['high-risk-delivery-pool'] } },
  { name: 'fixed record after a failed check', bounce: { senderDomain: 'fixme.example' }, fixedBetween: true, expect: { cause: 'fixed-since-bounce', confidence: 'likely', steps: ['verify-spf:ok', 'wait-resend:todo'], adminMessage: false, detail: { previousCause: 'm365-not-authorized', ttl: 600 } } },
  { name: 'fixed record after a failed check, IP evaluated', bounce: { senderDomain: 'fixme.example', sendingIp: '40.107.8.8' }, fixedBetween: true, expect: { cause: 'fixed-since-bounce', confidence: 'confirmed', steps: ['verify-spf:ok', 'wait-resend:todo'], adminMessage: false } },
  { name: 'Microsoft IP the include does not cover: High Risk Delivery Pool', bounce: { senderDomain: 'hrdpip.example', sendingIp: '52.102.5.5' }, expect: { cause: 'high-risk-delivery-pool', confidence: 'confirmed', steps: ['verify-spf:ok', 'check-hrdp:problem'], adminMessage: false, evidence: ['m365.ip-not-covered', 'ip.result'] } },
  { name: 'softfail for a third-party IP', bounce: { senderDomain: 'thirdparty.example', sendingIp: '198.51.100.77' }, expect: { cause: 'ip-not-authorized', confidence: 'confirmed', steps: afterFix, adminMessage: false, detail: { result: 'softfail', term: 'ip4:198.51.100.77', basis: 'address' } } },
  { name: 'over the lookup limit, but the IP matched first', bounce: { senderDomain: 'lookups.example', sendingIp: '198.51.100.5' }, expect: { cause: 'record-invalid', confidence: 'likely', steps: afterFix, adminMessage: false, detail: { problem: 'lookups' } } },
  { name: 'a sending service: its include, proven', bounce: { senderDomain: 'service.example', sendingIp: '192.0.2.55' }, expect: { cause: 'ip-not-authorized', confidence: 'confirmed', steps: afterFix, adminMessage: false, detail: { term: 'include:sendgrid.net', basis: 'service', service: 'SendGrid' } } },
  { name: 'one of the sender’s own hosts: a:host', check: { domain: 'ownhost.example', ip: '198.51.100.20' }, expect: { cause: 'ip-not-authorized', confidence: 'confirmed', steps: ['verify-spf:problem', 'wait-resend:todo'], adminMessage: false, detail: { term: 'a:mail.ownhost.example', basis: 'host' } } },
  {
    name: 'sender domain only in the remote words, no From header',
    raw: [
      'Delivery has failed to these recipients or groups:',
      'grace@fabrikam.example',
      'Diagnostic information for administrators:',
      'Generating server: AM6PR04MB1234.eurprd04.prod.outlook.com',
      "Remote Server returned '550 5.7.23 The message was rejected because of Sender Policy Framework violation -> 550 5.7.1 203.0.113.200 is not permitted to send mail for godwit.example'",
    ].join('\n'),
    // The remote words name the domain, and the IP they refuse.
    expect: { cause: 'ip-not-authorized', confidence: 'confirmed', steps: afterFix, adminMessage: false, detail: { ip: '203.0.113.200' } },
  },
  {
    name: 'a Postfix bounce: the sending IP from "with ip", never the receiving MX in brackets',
    raw: [
      'This is the mail system at host mail.godwit.example.',
      '',
      "I'm sorry to have to inform you that your message could not be delivered to one or more recipients.",
      '',
      '<grace@fabrikam.example>: host mx1.fabrikam.example[203.0.113.25] said: 550 5.7.23 The SPF check did not pass. SPF [godwit.example] with ip: [198.51.100.77] = did not pass (in reply to end of DATA command)',
    ].join('\n'),
    expect: { cause: 'ip-not-authorized', confidence: 'confirmed', steps: afterFix, adminMessage: false, detail: { ip: '198.51.100.77', term: 'ip4:198.51.100.77' } },
  },
  {
    name: 'a record that authorizes no server (v=spf1 -all), no sending IP: the record, not the receiving side',
    raw: postfixSpf('nosenders.example'),
    expect: { cause: 'no-senders', confidence: 'confirmed', steps: afterFix, adminMessage: false, evidence: ['spf.all.only'], detail: { term: '-all' }, senderDomain: 'nosenders.example' },
  },
  {
    name: 'a record of nothing but a "not these" term and ~all authorizes no server either',
    raw: postfixSpf('onlynot.example'),
    expect: { cause: 'no-senders', confidence: 'confirmed', steps: afterFix, adminMessage: false, detail: { term: '~all' }, senderDomain: 'onlynot.example' },
  },
  {
    name: 'a record that authorized no server, fixed since: said as fixed',
    raw: postfixSpf('nosenders.example'),
    fixedBetween: true,
    expect: { cause: 'fixed-since-bounce', confidence: 'likely', steps: ['verify-spf:ok', 'wait-resend:todo'], adminMessage: false, detail: { previousCause: 'no-senders' }, senderDomain: 'nosenders.example' },
  },
  { name: 'check: a record that authorizes no server is a question for the domain, not a fault', check: { domain: 'nosenders.example' }, expect: { cause: 'no-senders', confidence: 'confirmed', steps: ['verify-spf:todo'], adminMessage: false } },
  { name: 'a record that authorizes no server, Microsoft 365 sent the message: its include is what to add', bounce: { senderDomain: 'nosenders.example' }, expect: { cause: 'm365-not-authorized', confidence: 'likely', steps: afterFix, adminMessage: false } },
  { name: 'a record that authorizes no server, sending IP evaluated: that IP is what to add', check: { domain: 'nosenders.example', ip: '198.51.100.77' }, expect: { cause: 'ip-not-authorized', confidence: 'confirmed', steps: afterFix, adminMessage: false, detail: { term: 'ip4:198.51.100.77' } } },
  { name: 'check: MX on Microsoft 365, record without its include', check: { domain: 'm365missing.example' }, expect: { cause: 'm365-not-authorized', confidence: 'likely', steps: afterFix, adminMessage: false, evidence: ['m365.include.missing', 'm365.mx'] } },
  { name: 'check: a Microsoft IP the include does not cover', check: { domain: 'hrdpip.example', ip: '52.102.5.5' }, expect: { cause: 'high-risk-delivery-pool', confidence: 'confirmed', steps: ['verify-spf:ok', 'check-hrdp:problem'], adminMessage: false } },
  // --- records a support engineer meets ---------------------------------------------------------------
  { name: 'a redirect to a domain without SPF', bounce: { senderDomain: 'redirectgone.example', sendingIp: '198.51.100.9' }, expect: { cause: 'record-invalid', confidence: 'confirmed', steps: afterFix, adminMessage: false, detail: { problem: 'redirect-no-record', target: '_spf.gone-provider.example' } } },
  { name: 'check: a redirect to a domain without SPF', check: { domain: 'redirectgone.example' }, expect: { cause: 'record-invalid', confidence: 'likely', steps: afterFix, adminMessage: false, detail: { problem: 'redirect-no-record' } } },
  { name: 'Microsoft 365’s include misspelt (.con)', bounce: { senderDomain: 'outlookcon.example' }, expect: { cause: 'record-invalid', confidence: 'likely', steps: afterFix, adminMessage: false, detail: { problem: 'include-no-record', target: 'spf.protection.outlook.con', correction: 'spf.protection.outlook.com' } } },
  { name: 'an include of another domain without SPF is not taken for a misspelt Microsoft 365 include', bounce: { senderDomain: 'noinclude.example' }, expect: { cause: 'record-invalid', confidence: 'likely', steps: afterFix, adminMessage: false, detail: { problem: 'include-no-record', target: 'gone-provider.example' } } },
  { name: 'a record misspelt at its version (v=spf 1)', bounce: { senderDomain: 'spfspace.example', sendingIp: '198.51.100.9' }, expect: { cause: 'no-record', confidence: 'confirmed', steps: afterFix, adminMessage: false, detail: { lookalike: 'v=spf 1 ip4:198.51.100.0/24 -all' } } },
  { name: 'check: a record published with its quotes', check: { domain: 'quotedspf.example' }, expect: { cause: 'no-record', confidence: 'likely', steps: afterFix, adminMessage: false, detail: { lookalike: '"v=spf1 include:spf.protection.outlook.com -all"' } } },
  { name: 'check: one term that points to a name without records', check: { domain: 'onevoid.example' }, expect: { cause: 'healthy', confidence: 'likely', steps: ['verify-spf:todo'], adminMessage: false, detail: { caveats: true } } },
  { name: 'check: a record ending in ?all', check: { domain: 'neutralall.example' }, expect: { cause: 'healthy', confidence: 'likely', steps: ['verify-spf:todo'], adminMessage: false, detail: { weakAll: 'neutral' } } },
  { name: 'check: a record with no all term, and a passing IP', check: { domain: 'noall.example', ip: '40.107.1.2' }, expect: { cause: 'healthy', confidence: 'confirmed', steps: ['verify-spf:todo'], adminMessage: false, detail: { weakAll: 'missing' } } },
  { name: 'check: services stacked past the lookup limit', check: { domain: 'stacked.example' }, expect: { cause: 'record-invalid', confidence: 'likely', steps: afterFix, adminMessage: false, detail: { problem: 'lookups', count: 12 } } },
  { name: 'check: a record ending in +all', check: { domain: 'plusall.example' }, expect: { cause: 'healthy', confidence: 'likely', steps: ['verify-spf:todo'], adminMessage: false, detail: { plusAll: true } } },
  { name: 'check: a record ending in +all, with an IP', check: { domain: 'plusall.example', ip: '198.51.100.9' }, expect: { cause: 'healthy', confidence: 'confirmed', steps: ['verify-spf:todo'], adminMessage: false, detail: { plusAll: true } } },
  // --- no IP in the bounce: the sender's own server that wrote it ----------------------------------------
  { name: 'a Postfix bounce from the sender’s own server, whose address the record doesn’t list', raw: postfixSpf('selfhosted.example', 'mail.selfhosted.example'), expect: { cause: 'ip-not-authorized', confidence: 'likely', steps: afterFix, adminMessage: false, detail: { ip: '198.51.100.77', host: 'mail.selfhosted.example', term: 'ip4:198.51.100.77' }, senderDomain: 'selfhosted.example' } },
  { name: 'a Postfix bounce from the sender’s own server, whose address the record lists', raw: postfixSpf('selfhosted.example', 'listed.selfhosted.example'), expect: { cause: 'receiving-side', confidence: 'likely', steps: ['verify-spf:ok', 'contact-remote-admin:todo'], adminMessage: true, detail: { ip: '198.51.100.5', host: 'listed.selfhosted.example' }, senderDomain: 'selfhosted.example' } },
  { name: 'a Postfix bounce from an IPv6-only server of the sender', raw: postfixSpf('selfhosted.example', 'v6only.selfhosted.example'), expect: { cause: 'ip-not-authorized', confidence: 'likely', steps: afterFix, adminMessage: false, detail: { ip: '2001:db8::78', host: 'v6only.selfhosted.example' }, senderDomain: 'selfhosted.example' } },
  { name: 'a Postfix bounce from a provider’s server: its address says nothing of the sending IP', raw: postfixSpf('selfhosted.example', 'smtp.provider.example'), expect: { cause: 'receiving-side', confidence: 'likely', steps: ['verify-spf:ok', 'contact-remote-admin:todo'], adminMessage: true, senderDomain: 'selfhosted.example' } },
  { name: 'a bounce written by the sender’s server whose address is private', raw: postfixSpf('selfhosted.example', 'ex01.selfhosted.example'), expect: { cause: 'receiving-side', confidence: 'likely', steps: ['verify-spf:ok', 'contact-remote-admin:todo'], adminMessage: true, senderDomain: 'selfhosted.example' } },
  { name: 'a Postfix bounce from the sender’s server with no address in DNS', raw: postfixSpf('selfhosted.example', 'gone.selfhosted.example'), expect: { cause: 'receiving-side', confidence: 'likely', steps: ['verify-spf:ok', 'contact-remote-admin:todo'], adminMessage: true, senderDomain: 'selfhosted.example' } },
  // --- valid records with warnings of their own: never "right" or "in order" beside the warning ----------
  { name: 'a record ending in ?all, no sending IP: the receiving side, and ?all to change', bounce: { senderDomain: 'neutralall.example' }, expect: { cause: 'receiving-side', confidence: 'likely', steps: ['verify-spf:todo', 'check-hrdp:unknown', 'contact-remote-admin:todo'], adminMessage: true, detail: { weakAll: 'neutral' } } },
  { name: 'a Postfix bounce, a record ending in ?all', raw: postfixSpf('postfixneutral.example'), expect: { cause: 'receiving-side', confidence: 'likely', steps: ['verify-spf:todo', 'contact-remote-admin:todo'], adminMessage: true, detail: { weakAll: 'neutral' }, senderDomain: 'postfixneutral.example' } },
  { name: 'a record with no all term, sending IP passes', bounce: { senderDomain: 'noall.example', sendingIp: '40.107.1.2' }, expect: { cause: 'receiving-side', confidence: 'confirmed', steps: ['verify-spf:todo', 'check-hrdp:ok', 'contact-remote-admin:todo'], adminMessage: true, detail: { weakAll: 'missing' } } },
  { name: 'check: a record that uses ptr', check: { domain: 'ptrrec.example' }, expect: { cause: 'healthy', confidence: 'likely', steps: ['verify-spf:todo'], adminMessage: false, detail: { caveats: true } } },
  { name: 'a record that uses ptr, no sending IP', bounce: { senderDomain: 'ptrrec.example' }, expect: { cause: 'receiving-side', confidence: 'likely', steps: ['verify-spf:todo', 'check-hrdp:unknown', 'contact-remote-admin:todo'], adminMessage: true, detail: { caveats: true } } },
  { name: 'a record ending in +all, no sending IP: not the High Risk Delivery Pool', bounce: { senderDomain: 'plusall.example' }, expect: { cause: 'receiving-side', confidence: 'likely', steps: ['verify-spf:todo', 'check-hrdp:ok', 'contact-remote-admin:todo'], adminMessage: true, ruledOut: ['high-risk-delivery-pool', 'relay-pool'], detail: { plusAll: true } } },
];

/** A Postfix bounce whose reply names the sender's domain and no sending IP, written by `host`. */
function postfixSpf(domain: string, host = `mail.${domain}`): string {
  return [
    `This is the mail system at host ${host}.`,
    '',
    "I'm sorry to have to inform you that your message could not be delivered to one or more recipients.",
    '',
    `<grace@fabrikam.example>: host mx1.fabrikam.example[203.0.113.25] said: 550 5.7.1 SPF check failed for ${domain} (in reply to RCPT TO command)`,
  ].join('\n');
}

function bounceText(b: NonNullable<SpfScenario['bounce']>): string {
  const text = exoSpfBounceText({ senderDomain: b.senderDomain ?? 'unknown.example', sendingIp: b.sendingIp, remoteText: b.remoteText ?? '550 5.7.1 Message rejected: SPF check failed' });
  // No header or remote word naming the sender: drop the From line and the domain from the texts.
  return b.noSender ? text.replace(/^From: .*\n/m, '').replace(/unknown\.example/g, 'nowhere') : text;
}

/** Runs one scenario through the real parser, checks and diagnosis. */
export async function runScenario(s: SpfScenario, dns: TestDnsServer): Promise<Diagnosis> {
  const checks = checksFor(dns.address);
  const once = async (history: PriorCheck[], bypassCache: boolean): Promise<Diagnosis> => {
    if (s.check) return checkDomain(s.check.domain, s.check.ip, checks, history, bypassCache);
    const bounce = await parseBounce(s.raw ?? bounceText(s.bounce!));
    return diagnose(bounce, { checks, history, bypassCache });
  };
  dns.setZone(SPF_ZONE);
  if (!s.fixedBetween) return once([], true);
  const before = await once([], true);
  const prior = priorCheckOf(before);
  dns.setZone(FIXED_ZONE);
  try {
    return await once(prior ? [prior] : [], true);
  } finally {
    dns.setZone(SPF_ZONE);
  }
}
