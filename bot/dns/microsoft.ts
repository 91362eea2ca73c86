/**
 * Microsoft 365 address ranges the SPF checks reason about.
 *
 * EXCHANGE_ONLINE_OUTBOUND: the ranges published through `include:spf.protection.outlook.com` (its TXT
 * record and the records it includes), which Microsoft also lists under "Exchange Online" in
 * "Microsoft 365 URLs and IP address ranges" (learn.microsoft.com). Review them when Microsoft changes
 * that include; the check of a real domain always reads the live include, these serve only to recognise
 * a sending IP as Microsoft's.
 *
 * RELAY_POOL: 40.95.0.0/16, the pool Exchange Online relays and forwards through. Mail from it fails SPF
 * for the original sender's domain no matter the record: the fix is forwarding/DKIM, not SPF.
 */
import { inAnyRange, type ClientIp } from './spf/ip';

export const M365_INCLUDE = 'spf.protection.outlook.com';

/** MX hosts of domains whose mail Exchange Online receives (worldwide, and the US government clouds). */
export const M365_MX = /\.mail\.protection\.(?:outlook\.com|office365\.us)\.?$/i;

export const RELAY_POOL = ['40.95.0.0/16'] as const;

export const EXCHANGE_ONLINE_OUTBOUND = [
  '40.92.0.0/15',
  '40.107.0.0/16',
  '52.100.0.0/15',
  '52.102.0.0/16',
  '52.103.0.0/17',
  '104.47.0.0/17',
  '2a01:111:f400::/48',
  '2a01:111:f403::/49',
  '2a01:111:f403:8000::/51',
  '2a01:111:f403:c000::/51',
  '2a01:111:f403:f000::/52',
] as const;

/** Which of Microsoft 365's networks an address is in (the relay pool first), and the range that holds it. */
export function microsoftNetworkOf(ip: ClientIp): { network: 'relay-pool' | 'microsoft-365'; range: string } | undefined {
  const relay = inAnyRange(ip, RELAY_POOL);
  if (relay) return { network: 'relay-pool', range: relay };
  const outbound = inAnyRange(ip, EXCHANGE_ONLINE_OUTBOUND);
  return outbound ? { network: 'microsoft-365', range: outbound } : undefined;
}
