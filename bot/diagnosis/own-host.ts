/** The server the message left from, when the bounce shows no sending IP: what SPF can test in its place. */
import type { Bounce } from '../ndr/types';

/**
 * The sender's own server that wrote the bounce, when no IP is shown: a report written by a server named
 * under the sender's domain (Postfix's "mail system at host mail.contoso.com", a DSN's Reporting-MTA) that
 * another server refused over SMTP comes from the host that tried to deliver it, so its address in DNS is
 * the likely sending IP. A provider's host (another domain, Microsoft 365) sends from pools its name
 * doesn't stand for, and a report the receiving side wrote names the receiver: neither is used.
 */
export function ownSendingHost(bounce: Bounce, domain: string): string | undefined {
  if (bounce.sendingIp || bounce.microsoft365) return undefined;
  const host = (bounce.reportingMta ?? bounce.generatingServer)?.toLowerCase().replace(/\.$/, '');
  const d = domain.toLowerCase();
  if (!host || !(host === d || host.endsWith(`.${d}`))) return undefined;
  const refusedElsewhere = bounce.recipients.some((r) => r.remoteMta && r.remoteMta.toLowerCase().replace(/\.$/, '') !== host);
  return refusedElsewhere ? host : undefined;
}
