/**
 * diagnose(bounce) → Diagnosis: which dialog, which checks, what to do. Pure data; the only I/O is the
 * SPF check passed in, so the CLI, the bot and tests drive it the same way.
 */
import type { Bounce, BounceRecipient } from '../ndr/types';
import type { SpfReport } from '../dns/types';
import { codeInfoFor, dialogFor, ownerFor } from './registry';
import { guidanceSteps, spfLooksRight } from './steps';
import type { Diagnosis, RecipientDiagnosis, RemoteAdminMessage } from './types';

export type { Diagnosis } from './types';

export interface SpfCheckRequest {
  domain: string;
  ip?: string;
  microsoft365: boolean;
  /** "Check again": ask DNS afresh rather than answer from the cache. */
  bypassCache?: boolean;
}

export type SpfChecker = (req: SpfCheckRequest) => Promise<SpfReport>;

export interface DiagnoseOptions {
  checkSpf: SpfChecker;
  /** The sender's domain when the person told us (the bounce did not say). */
  domain?: string;
  bypassCache?: boolean;
}

/** Most actionable first: the SPF dialog (we can check it), then permanent failures, then the rest. */
function rank(r: RecipientDiagnosis): number {
  if (r.dialog === 'spf') return 0;
  if (r.status?.startsWith('5.')) return 1;
  if (r.status) return 2;
  return 3;
}

function toRecipient(r: BounceRecipient): RecipientDiagnosis {
  const info = codeInfoFor(r);
  return {
    address: r.address,
    status: r.status,
    replyCode: r.replyCode,
    dialog: dialogFor(r),
    codeKey: info?.key,
    owner: ownerFor(r),
    transient: info?.transient,
    remoteText: r.wrapped?.text ?? r.diagnostic,
  };
}

function domainOf(address: string | undefined): string | undefined {
  const at = address?.lastIndexOf('@') ?? -1;
  return at > 0 ? address!.slice(at + 1).toLowerCase() : undefined;
}

/** Step 3 of the 5.7.23 guidance: the words to send to the destination's postmaster. */
function remoteAdminMessage(bounce: Bounce, r: RecipientDiagnosis | undefined): RemoteAdminMessage | undefined {
  if (!r) return undefined;
  const errorText = (r.remoteText ?? '').trim();
  const recipientDomain = domainOf(r.address);
  if (!errorText && !recipientDomain) return undefined;
  return {
    to: recipientDomain ? `postmaster@${recipientDomain}` : '',
    recipient: r.address,
    status: r.status,
    errorText: errorText || [r.replyCode, r.status].filter(Boolean).join(' '),
    time: bounce.arrivalDate,
    senderDomain: bounce.senderDomain,
    sendingIp: bounce.sendingIp,
  };
}

/** An empty bounce, for checks a person asks for without one. */
export function noBounce(): Bounce {
  return { isBounce: false, kind: 'empty', recipients: [], microsoft365: false, inputBytes: 0 };
}

/** `check <domain> [ip]`: the SPF checks without a bounce. */
export async function checkDomain(domain: string, ip: string | undefined, checkSpf: SpfChecker): Promise<Diagnosis> {
  const spf = await checkSpf({ domain, ip, microsoft365: false });
  return {
    kind: 'check',
    bounce: noBounce(),
    recipients: [],
    senderDomain: spf.domain,
    sendingIp: ip,
    spf,
    steps: [],
    escalationSuggested: false,
  };
}

export type Triage =
  | { kind: 'not-bounce' }
  | { kind: 'code' }
  | { kind: 'spf'; senderDomain?: string };

/** Which dialog a bounce needs, before any DNS is asked: lets the bot say "Checking …" at once. */
export function triage(bounce: Bounce): Triage {
  if (!bounce.isBounce) return { kind: 'not-bounce' };
  if (!bounce.recipients.map(toRecipient).some((r) => r.dialog === 'spf')) return { kind: 'code' };
  return { kind: 'spf', senderDomain: bounce.senderDomain?.toLowerCase() };
}

export async function diagnose(bounce: Bounce, opts: DiagnoseOptions): Promise<Diagnosis> {
  if (!bounce.isBounce) {
    return { kind: 'not-bounce', bounce, recipients: [], steps: [], escalationSuggested: false };
  }
  const recipients = bounce.recipients.map(toRecipient).sort((a, b) => rank(a) - rank(b));
  const spfRecipient = recipients.find((r) => r.dialog === 'spf');
  const senderDomain = (opts.domain ?? bounce.senderDomain)?.toLowerCase();
  const sendingIp = bounce.sendingIp;

  if (!spfRecipient) {
    return {
      kind: 'code',
      bounce,
      recipients,
      senderDomain,
      sendingIp,
      steps: [],
      escalationSuggested: recipients.some((r) => r.owner !== 'sender'),
    };
  }

  const remoteAdmin = remoteAdminMessage(bounce, spfRecipient);
  if (!senderDomain) {
    return {
      kind: 'needs-domain',
      bounce,
      recipients,
      sendingIp,
      steps: guidanceSteps(undefined, false),
      remoteAdmin,
      escalationSuggested: false,
    };
  }

  const spf = await opts.checkSpf({ domain: senderDomain, ip: sendingIp, microsoft365: bounce.microsoft365, bypassCache: opts.bypassCache });
  return {
    kind: 'spf',
    bounce,
    recipients,
    senderDomain,
    sendingIp,
    spf,
    steps: guidanceSteps(spf, true),
    remoteAdmin,
    // When the domain is right the fix lies with the receiving side: support takes over from here.
    escalationSuggested: spfLooksRight(spf) || Boolean(spf.incomplete),
  };
}
