/**
 * Whether a domain can receive mail at all: its MX records, else its A/AAAA (RFC 5321 5.1's implicit MX),
 * and whether the domain exists. A bounce for an unknown recipient whose domain does not exist is a typo
 * in the domain, not a missing mailbox. MX records whose hosts have no address in DNS take no mail either
 * (Exim's "all relevant MX records point to non-existent hosts"): the first few hosts are looked up.
 */
import { M365_MX } from './microsoft';
import { sharedResolver } from './resolvers';
import type { DnsRecord } from './resolver';
import { DnsSession } from './spf/session';

export interface MailHostReport {
  domain: string;
  /** `mx-without-address`: MX records whose hosts DNS says have no address (none answered with one, none failed to answer). */
  state: 'ok' | 'nxdomain' | 'no-mail-host' | 'mx-without-address' | 'dns-error';
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
    const found = { ...base, mx: hosts, microsoft365: hosts.some((h) => M365_MX.test(h)) };
    if (nullMx) return { ...found, state: 'no-mail-host', nullMx };
    // The hosts get a short wait of their own: one slow to answer must not hold the card back for long.
    const hostSession = new DnsSession(resolver, { deadline: Math.min(session.deadline, Date.now() + MX_HOST_WAIT_MS), bypassCache: opts.bypassCache });
    return { ...found, state: (await mxHostsWithoutAddress(hostSession, mx.records)) ? 'mx-without-address' : 'ok' };
  }
  if (mx.status !== 'NODATA') return { ...base, state: 'dns-error', error: mx.status };
  const hasAddress = a.status === 'OK' || aaaa.status === 'OK';
  return { ...base, state: hasAddress ? 'ok' : 'no-mail-host' };
}

/** MX hosts looked up for an address, most preferred first: enough to tell a domain whose MX points nowhere. */
const MX_HOSTS_LOOKED_UP = 3;
/** How long the MX hosts' addresses are waited for (ms). */
const MX_HOST_WAIT_MS = 1000;

/** Every one of the first MX hosts answered, with no address: the MX points nowhere. A failed lookup proves nothing. */
async function mxHostsWithoutAddress(session: DnsSession, records: DnsRecord[]): Promise<boolean> {
  const hosts = [...records].sort((x, y) => (x.preference ?? 0) - (y.preference ?? 0)).slice(0, MX_HOSTS_LOOKED_UP).map((r) => r.data);
  const answers = await Promise.all(hosts.flatMap((h) => [session.query(h, 'A'), session.query(h, 'AAAA')]));
  return answers.length > 0 && answers.every((a) => a.status === 'NXDOMAIN' || a.status === 'NODATA');
}
