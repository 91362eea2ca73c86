/**
 * The sender a person names when they describe a bounce in their own words instead of pasting it ("550
 * 5.7.23 when sending from ada@contoso.com to bob@fabrikam.com", "NDR 5.7.509 for mail from contoso.com").
 * Read only from a few typed lines: in a report, such words belong to the report, and its own readers know
 * which address is whose.
 */
import { ADDRESS_SOURCE, cleanAddress, isDaemonAddress } from './address';

/** A question typed in Teams is short; a pasted report, even its top alone, is longer or has more lines. */
const MAX_CHARS = 800;
const MAX_LINES = 8;

const DOMAIN = String.raw`(?<![\w.@-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,10}[a-z][a-z0-9-]{0,61}[a-z0-9](?![\w@-])`;
/** An address, or a domain on its own. */
const TARGET = String.raw`<?(${ADDRESS_SOURCE}|${DOMAIN})>?`;
const ADDRESS = String.raw`<?(${ADDRESS_SOURCE})>?`;

// Each pattern captures the sender's address or domain: the words around it say it sent the message.
const PATTERNS: RegExp[] = [
  // "from ada@x to bob@y", "mail from contoso.com to …"
  String.raw`\bfrom\s+${TARGET}\s+to\b`,
  // "sending from ada@x", "emails from contoso.com bounce", "messages sent from …"
  String.raw`\b(?:send(?:s|ing)?|sent|e-?mails?|mails?|messages?|mailing)\b[^\n.?!]{0,30}?\bfrom\s+${TARGET}`,
  // "users at contoso.com get …", "our staff at contoso.com can't send"
  String.raw`\b(?:users?|people|staff|employees|everyone|mailboxes|senders?)\s+(?:at|@|in|on|from)\s+${TARGET}`,
  // "sender ada@x", "sender: ada@x", "sent by ada@x"
  String.raw`\b(?:sender|sent\s+by)\s*[:：]?\s*${TARGET}`,
  // "user ada@x gets 5.7.23", "mailbox ada@x can't send"; "when ada@x mails bob@y"
  String.raw`${ADDRESS}\s+(?:mails|e-?mails|sends|sent|is\s+sending|writes\s+to)\b`,
  String.raw`\b(?:user|mailbox|account)\s+${ADDRESS}\s+(?:gets?|got|is\s+getting|receives?|received|can't|cannot|can\s+not)\b`,
  // French, Swedish, German: "envoyé depuis ada@x", "expéditeur : ada@x", "skickat från ada@x", "Absender ada@x"
  String.raw`\b(?:envoy\w*|exp[ée]di\w*|message|courriel)\b[^\n.?!]{0,30}?\b(?:de|depuis)\s+${TARGET}`,
  String.raw`(?:\bexp[ée]diteur|\bfrån|\bavsändare|\bvon|\babsender)\s*[:：]?\s*${TARGET}`,
  // Japanese, Chinese, Korean: "ada@x から", "从 ada@x 发给", "ada@x 寄出", "ada@x에서"; "送信者: ada@x"
  String.raw`${ADDRESS}\s*(?:から|より|寄出|發出|发出|에서)`,
  String.raw`(?:从|從)\s*${ADDRESS}`,
  String.raw`(?:送信者|差出人|寄件者|發件人|发件人|보낸\s*사람)\s*[:：]?\s*${TARGET}`,
].map((s) => new RegExp(s, 'i'));

// Each pattern captures the address the message was sent to: "to bob@y", "mailing bob@y", "à bob@y", "bob@y に".
const RECIPIENT_PATTERNS: RegExp[] = [
  String.raw`(?:\b(?:to|mailing|e-?mailing|writing\s+to|till)|(?:\bmail|nachricht)\s+an|(?<![\w-])à)\s+${ADDRESS}`,
  String.raw`\b(?:mails|e-?mails|for)\s+${ADDRESS}`,
  String.raw`${ADDRESS}\s*(?:に|へ|에게|(?:으)?로)`,
  String.raw`(?:发给|發給|寄给|寄給|发送到|發送到|给|給)\s*${ADDRESS}`,
].map((s) => new RegExp(s, 'i'));

export interface TypedSender {
  address?: string;
  domain?: string;
}

/** A typed question: a few short lines, as a person writes them in a chat. */
function typedLines(text: string): string | undefined {
  const t = text.trim();
  return t && t.length <= MAX_CHARS && t.split('\n').length <= MAX_LINES ? t : undefined;
}

// A domain named as the one mailed, when no address is: "when mailing fabrikam.com", "sending to fabrikam.com".
const RECIPIENT_DOMAIN_PATTERNS: RegExp[] = [
  String.raw`\b(?:mailing|e-?mailing|sending\s+to|sent\s+to|mail\s+to|e-?mails?\s+to|messages?\s+to|recipients?\s+(?:at|in|on))\s+(${DOMAIN})`,
  // "from contoso.com to fabrikam.com"
  String.raw`\bfrom\s+\S+\s+to\s+(${DOMAIN})`,
].map((s) => new RegExp(s, 'i'));

/** The domain a typed question names as the one mailed, when it names no address there. */
export function typedRecipientDomain(text: string, senderDomain: string | undefined): string | undefined {
  const t = typedLines(text);
  const m = t ? RECIPIENT_DOMAIN_PATTERNS.map((re) => re.exec(t)).find(Boolean) : undefined;
  const domain = m?.[1]?.toLowerCase().replace(/\.$/, '');
  return domain && domain !== senderDomain?.toLowerCase() ? domain : undefined;
}

/** The first address a typed question names as the one mailed, other than `sender`. */
export function typedRecipient(text: string, sender: string | undefined): string | undefined {
  const t = typedLines(text);
  if (!t) return undefined;
  let best: { at: number; address: string } | undefined;
  for (const re of RECIPIENT_PATTERNS) {
    const m = re.exec(t);
    const address = m?.[1] ? cleanAddress(m[1]) : undefined;
    if (m && address && address.toLowerCase() !== sender?.toLowerCase() && !isDaemonAddress(address) && (!best || m.index < best.at)) best = { at: m.index, address };
  }
  return best?.address;
}

/** The sender named in a few typed lines, or undefined (a longer text, or none named). */
export function typedSender(text: string): TypedSender | undefined {
  const t = typedLines(text);
  if (!t) return undefined;
  let best: { at: number; value: string } | undefined;
  for (const re of PATTERNS) {
    const m = re.exec(t);
    if (m?.[1] && (!best || m.index < best.at)) best = { at: m.index, value: m[1] };
  }
  if (!best) return undefined;
  if (best.value.includes('@')) {
    const address = cleanAddress(best.value);
    return address && !isDaemonAddress(address) ? { address } : undefined;
  }
  return { domain: best.value.toLowerCase().replace(/\.$/, '') };
}
