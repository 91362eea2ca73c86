/**
 * Exchange Online's message trace, as an admin copies a failed event from it (the admin center's message
 * trace details, or Get-MessageTraceDetail's Detail): `Reason: [{LED=<the reply that failed it>};{MSG=};
 * {FQDN=<the host it was talking to>};{IP=<that host's address>};{LRT=}]`. No report was written, so no
 * other reader finds the reply in it. FQDN and IP are the receiving server's, never the sender's.
 */
import { cleanAddress, findAddresses } from './address';
import { isHostName, isMicrosoftHost } from './exchange';
import type { BounceFacts, RecipientFinding } from './model';
import { applyReply, parseReply } from './reply';

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
// The trace's own "Reason: [{LED=…}]". An NDR quotes the same fields inside its reply ("… message expired
// [{LED=441 4.4.1 …};{FQDN=…}]"), where the reply around them is the report's, read by the other readers.
const LED = /\bReason:[ \t]*\[\{LED=([^{}\n]{3,2000})\}/;
const FQDN = /\{FQDN=([^{}\s;]{1,255})\}/;
/** "Recipient address: x", "RecipientAddress : x" (Format-List), "Recipient: x", "To: x". */
const RECIPIENT_LABEL = /^[ \t]*(?:recipient(?:[ \t]*address(?:es)?)?|to)[ \t]*[:：][ \t]*([^\s,;]+@[^\s,;]+)/im;

/** The failed event of a pasted message trace, or undefined when the text holds none. */
export function readMessageTrace(text: string): BounceFacts | undefined {
  if (!text.includes('[{LED=')) return undefined;
  const led = LED.exec(text);
  if (!led) return undefined;
  const reply = parseReply(led[1]!);
  if (!reply.status && !reply.replyCode) return undefined;
  const finding: RecipientFinding = { source: 'exchange', diagnostic: reply.text };
  applyReply(finding, reply);
  const host = FQDN.exec(text)?.[1]?.replace(/\.$/, '');
  if (host && isHostName(host) && !isMicrosoftHost(host)) finding.remoteMta = host;
  // The trace names its recipient beside the event, or the reply names it (`550 5.1.1 <x>: …`).
  const named = findAddresses(reply.text);
  const address = cleanAddress(RECIPIENT_LABEL.exec(text)?.[1]) ?? (named.length === 1 ? cleanAddress(named[0]) : undefined);
  if (address) finding.address = address;
  return { recipients: [finding] };
}
