/**
 * The sender named in the remote server's own words, for bounces whose original headers were not
 * pasted: SPF and DMARC rejections name the domain they checked ("SPF check failed for x.example",
 * Gmail's "SPF [x.example] with ip: [..]", "domain of x.example does not designate …", "sending
 * domain x.example", `smtp.mailfrom=x.example`), and transcripts name the envelope sender
 * (`MAIL FROM:<a@x.example>`, Postfix's `<a@x.example>: Sender address rejected`).
 */
import { ADDRESS_SOURCE, cleanAddress, domainOf } from './address';
import { matchesOf } from './matches';

// A domain name with at least one dot; starting only where a name can start keeps the search linear.
const DOMAIN = String.raw`(?<![\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,10}[a-z][a-z0-9-]{0,61}[a-z0-9](?![\w-])`;
const TARGET = String.raw`(${ADDRESS_SOURCE}|${DOMAIN})`;
// After `=` (`id=a@x`, `smtp.mailfrom=a@x`) the address pattern's own start guard would refuse the
// local part, so these fields take a plain `local@domain` instead.
const FIELD_TARGET = String.raw`([\w.!#$%&'*+/?^\x60{|}~-]{1,64}@${DOMAIN}|${DOMAIN})`;
const OPEN = String.raw`[\[<("']?`;

// Each pattern captures the sender's domain or address; the words around it say it is the sender's.
const SENDER_PATTERNS: RegExp[] = [
  // "SPF check failed for x", "SPF validation error for domain x", "SPF fail on x"
  String.raw`\bSPF(?:\s+(?:check|validation|verification|record|policy|test|authentication))?(?:\s+(?:has\s+)?(?:failed|failure|fail|hard\s?fail|soft\s?fail|error|did\s+not\s+pass))?\s+(?:for|on|of)\s+(?:the\s+)?(?:domain\s+)?${OPEN}${TARGET}`,
  // Gmail: "SPF [x] with ip: [..] = did not pass", "SPF check for [x] did not pass"
  String.raw`\bSPF\s*[\[(]${TARGET}[\])]`,
  // "(not|isn't) permitted/allowed/authorized to send (mail) for/from/on behalf of x"
  String.raw`\b(?:not|isn't)\s+(?:permitted|allowed|authori[sz]ed)\s+(?:by\s+default\s+)?to\s+(?:send|use|relay)\s+(?:(?:e-?)?mail\s+|messages?\s+)?(?:(?:for|from|on\s+behalf\s+of|as)\s+)?(?:the\s+)?(?:domain\s+)?${OPEN}${TARGET}`,
  // Received-SPF wording: "domain of x does not designate …", "best guess record for domain of x"
  String.raw`\bdomain\s+of\s+${OPEN}${TARGET}`,
  // "Sender domain x …", Microsoft's "sending domain x does not pass DMARC", "sender's domain [x]"
  String.raw`\b(?:sender(?:'s)?|sending)\s+(?:address\s+)?domain(?:\s+name)?\s*[:=]?\s*${OPEN}${TARGET}`,
  // Authentication-Results quoted in a reply, and the openspf explanation URL (`s=mfrom;id=a@x`)
  String.raw`\bsmtp\.mailfrom\s*=\s*"?${FIELD_TARGET}`,
  String.raw`\bs=mfrom;\s*id=${FIELD_TARGET}`,
  String.raw`\benvelope-from\s*=\s*"?${FIELD_TARGET}`,
  // Gmail DMARC: "Unauthenticated email from x is not accepted due to domain's DMARC policy"
  String.raw`\bunauthenticated\s+(?:e-?mail|mail|messages?)\s+from\s+${OPEN}${TARGET}`,
  String.raw`\bDMARC\s+(?:policy|record)\s+(?:of|for)\s+(?:the\s+)?(?:domain\s+)?${OPEN}${TARGET}`,
  // Transcripts: "after MAIL FROM:<a@x>", ">>> MAIL From:<a@x> SIZE=…"; Postfix sender restrictions
  String.raw`\bMAIL\s+FROM\s*:\s*<(${ADDRESS_SOURCE})>`,
  String.raw`<(${ADDRESS_SOURCE})>\s*:?\s*Sender\s+address\s+rejected`,
].map((s) => new RegExp(s, 'gi'));

export interface TextSender {
  /** Only when the text gives a full address. */
  address?: string;
  domain: string;
}

/**
 * The sender's address or domain in one text, skipping candidates `isExcluded` rejects (the
 * recipient's domain, the remote server's host name). Patterns are tried in order; the first
 * acceptable candidate of the earliest pattern wins.
 */
export function senderFromText(text: string, isExcluded: (domain: string) => boolean): TextSender | undefined {
  const t = text.length > 200_000 ? text.slice(0, 200_000) : text;
  for (const re of SENDER_PATTERNS) {
    re.lastIndex = 0;
    for (const m of matchesOf(t, re)) {
      const found = candidate(m[1]);
      if (found && !isExcluded(found.domain)) return found;
    }
  }
  return undefined;
}

function candidate(raw: string | undefined): TextSender | undefined {
  if (!raw) return undefined;
  if (raw.includes('@')) {
    const address = cleanAddress(raw);
    const domain = domainOf(address);
    return address && domain && domain.includes('.') ? { address, domain } : undefined;
  }
  const domain = raw.toLowerCase().replace(/\.$/, '');
  return domain.includes('.') && !/^[\d.]+$/.test(domain) ? { domain } : undefined;
}
