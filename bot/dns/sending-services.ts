/**
 * Which term would authorize a sending IP, as a mail admin would choose it: the sending service's own
 * include when the IP's reverse name shows a service that publishes one (it follows their address
 * changes), `a:host` when the IP is a host of the sender's own organization whose name resolves back to
 * it, else the address itself. Every candidate is proven by evaluating the draft record against the same
 * DNS before it is suggested (see suggest.ts); a reverse name alone proves nothing.
 */
import { organizationalDomain } from './dmarc';
import { nameProblem, normalizeName } from './names';
import { parseClientIp, type ClientIp } from './spf/ip';
import type { DnsSession } from './spf/session';
import type { TermCandidate } from './types';

export interface SendingService {
  name: string;
  /** The include the service documents for its customers' SPF records. */
  include: string;
  /** Reverse-DNS name suffixes of the service's sending hosts. */
  ptrSuffixes: string[];
}

/** Services that publish an SPF include for their customers, recognised by their hosts' reverse names. */
export const SENDING_SERVICES: SendingService[] = [
  { name: 'Google Workspace', include: '_spf.google.com', ptrSuffixes: ['google.com', 'googlemail.com'] },
  { name: 'Amazon SES', include: 'amazonses.com', ptrSuffixes: ['amazonses.com'] },
  { name: 'SendGrid', include: 'sendgrid.net', ptrSuffixes: ['sendgrid.net'] },
  { name: 'Mailchimp', include: 'servers.mcsv.net', ptrSuffixes: ['mcsv.net', 'rsgsv.net'] },
  { name: 'Mandrill', include: 'spf.mandrillapp.com', ptrSuffixes: ['mandrillapp.com'] },
  { name: 'Mailgun', include: 'mailgun.org', ptrSuffixes: ['mailgun.net', 'mailgun.org'] },
  { name: 'Postmark', include: 'spf.mtasv.net', ptrSuffixes: ['mtasv.net'] },
  { name: 'SparkPost', include: 'sparkpostmail.com', ptrSuffixes: ['sparkpostmail.com'] },
  { name: 'Salesforce', include: '_spf.salesforce.com', ptrSuffixes: ['salesforce.com', 'exacttarget.com'] },
  { name: 'Zendesk', include: 'mail.zendesk.com', ptrSuffixes: ['zendesk.com'] },
  { name: 'Brevo', include: 'spf.brevo.com', ptrSuffixes: ['brevo.com', 'sendinblue.com'] },
  { name: 'Zoho Mail', include: 'zoho.com', ptrSuffixes: ['zoho.com'] },
  { name: 'Zoho Mail (EU)', include: 'zoho.eu', ptrSuffixes: ['zoho.eu'] },
  { name: 'Freshdesk', include: 'email.freshdesk.com', ptrSuffixes: ['freshemail.io'] },
];

const endsWith = (host: string, suffix: string): boolean => host === suffix || host.endsWith(`.${suffix}`);

export function serviceForHost(host: string): SendingService | undefined {
  const h = normalizeName(host);
  return SENDING_SERVICES.find((s) => s.ptrSuffixes.some((x) => endsWith(h, x)));
}

const addressTerm = (ip: ClientIp): TermCandidate => ({ term: `${ip.family === 4 ? 'ip4' : 'ip6'}:${ip.text}`, basis: 'address' });

/**
 * Candidates in the order to try them; the address term always comes last. Costs one PTR query, and one
 * A/AAAA query when the reverse name is in the sender's own organizational domain.
 */
export async function termCandidates(session: DnsSession, ip: ClientIp, domain: string): Promise<TermCandidate[]> {
  const out: TermCandidate[] = [];
  const ptr = await session.query(ip.reverse, 'PTR');
  const host = ptr.status === 'OK' ? ptr.records.map((r) => normalizeName(r.data)).find((h) => !nameProblem(h)) : undefined;
  if (host) {
    const service = serviceForHost(host);
    if (service) out.push({ term: `include:${service.include}`, basis: 'service', service: service.name, host });
    else if (organizationalDomain(host) === organizationalDomain(domain)) {
      // Forward-confirmed only: a reverse name anyone can set must resolve back to the same address.
      const forward = await session.query(host, ip.family === 4 ? 'A' : 'AAAA');
      if (forward.status === 'OK' && forward.records.some((r) => parseClientIp(r.data)?.text === ip.text)) out.push({ term: `a:${host}`, basis: 'host', host });
    }
  }
  out.push(host ? { ...addressTerm(ip), host } : addressTerm(ip));
  return out;
}
