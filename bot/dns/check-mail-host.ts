/**
 * Whether a domain can receive mail at all: its MX records, else its A/AAAA (RFC 5321 5.1's implicit MX),
 * and whether the domain exists. A bounce for an unknown recipient whose domain does not exist is a typo
 * in the domain, not a missing mailbox.
 */
import { M365_MX } from './microsoft';
import { sharedResolver } from './resolvers';
import { DnsSession } from './spf/session';

export interface MailHostReport {
  domain: string;
  state: 'ok' | 'nxdomain' | 'no-mail-host' | 'dns-error';
  mx: string[];
  /** The MX is Exchange Online's. */
  microsoft365: boolean;
  /** RFC 7505 null MX (`0 .`): the domain says it takes no mail. */
  nullMx?: boolean;
  checkedAt: string;
  dnsServers: string[];
  error?: string;
}

export interface MailHostOptions {
  dnsServers?: string[];
  timeoutMs?: number;
  deadlineMs?: number;
  bypassCache?: boolean;
}

export async function checkMailHost(domain: string, opts: MailHostOptions = {}): Promise<MailHostReport> {
  const started = Date.now();
  const resolver = sharedResolver(opts.dnsServers, opts.timeoutMs);
  const session = new DnsSession(resolver, { deadline: started + (opts.deadlineMs ?? 4000), bypassCache: opts.bypassCache });
  const base = { domain, mx: [] as string[], microsoft365: false, checkedAt: new Date(started).toISOString(), dnsServers: resolver.servers };
  const [mx, a, aaaa] = await Promise.all([session.query(domain, 'MX'), session.query(domain, 'A'), session.query(domain, 'AAAA')]);
  if (mx.status === 'NXDOMAIN') return { ...base, state: 'nxdomain' };
  if (mx.status === 'OK') {
    const hosts = mx.records.map((r) => r.data);
    const nullMx = hosts.length === 1 && (hosts[0] === '' || hosts[0] === '.');
    return { ...base, mx: hosts, microsoft365: hosts.some((h) => M365_MX.test(h)), state: nullMx ? 'no-mail-host' : 'ok', ...(nullMx ? { nullMx } : {}) };
  }
  if (mx.status !== 'NODATA') return { ...base, state: 'dns-error', error: mx.status };
  const hasAddress = a.status === 'OK' || aaaa.status === 'OK';
  return { ...base, state: hasAddress ? 'ok' : 'no-mail-host' };
}
