/**
 * From the decoded pieces of a bounce (its own headers, the human-readable text, the delivery-status
 * part, the original message's headers) to a `Bounce`. Every input form ends up here.
 */
import { cleanAddress, domainOf, isDaemonAddress, isMailerDaemon, PLACEHOLDER_ADDRESS, sameAddress } from './address';
import { readAuthentication } from './authentication';
import { readExchangeText, isMicrosoftHost, looksLikeExchangeText, unwrapX400Reply } from './exchange';
import { findEmbeddedHeaders, HeaderList, parseHeaderBlock } from './headers';
import { ipFromHeaders, ipFromReplyText, normalisePublicIp, receiverIpsIn } from './ip';
import { readDeliveryStatus } from './dsn';
import { readEspJson } from './esp-events';
import { readSesJson } from './ses';
import { readMessageTrace } from './message-trace';
import { senderFromText, type TextSender } from './sender-text';
import type { BounceFacts, RecipientFinding } from './model';
import { labelledResponse, readMtaText, reportEnd } from './text-patterns';
import { collapseWhitespace } from './text';
import { dateToIso } from './dates';
import { ndrLanguage } from './language';
import { mergeFindings } from './merge';
import { fillMissingAddresses } from './missing-addresses';
import { inferStatuses, isDelayNotice } from './phrases';
import { firstAddressIn, readOriginal, selfAddressedIn, senderFields } from './original';
import { bounceContext, failureReportHeaders, headerBounceContext, isChallengeText, isDaemonFrom, isMailerDaemonFrom, reportsDelivery, reportsOnlySuccess } from './classify';
import type { Bounce, BounceKind, BounceRecipient, InputFormat, SenderSource } from './types';
import { matchesOf } from './matches';
import { typedRecipient, typedRecipientDomain, typedReplyWords, typedSender, type TypedSender } from './typed-question';

export interface BounceSources {
  format: InputFormat;
  inputBytes: number;
  /** The bounce message's own headers (for .eml/.msg, or a pasted raw message). */
  headers?: HeaderList;
  /** Human-readable text: text/plain, or text/html converted to text. */
  text: string;
  /** Raw `message/delivery-status` parts. */
  deliveryStatus: string[];
  /** Headers of the original message (`message/rfc822` or `text/rfc822-headers`), when a part held them. */
  originalHeaders?: HeaderList;
  /** The bounce's own Content-Type (multipart/report; report-type=… tells what kind of report it is). */
  contentType?: string;
  /** Set by the caller when the input is known not to be a bounce. */
  kindHint?: BounceKind;
  /** Recipients read from structured data outside the text (an Outlook report's recipient table). */
  extraFindings?: RecipientFinding[];
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const COMMA_OR_SPACE = /[,\s]+/;

/** Google Groups' help link, the same in every language its refusals are written in. */
const GOOGLE_GROUPS = /https?:\/\/groups\.google\.com\/support\b/;

/**
 * The group a Google Groups refusal names, in every language it is written in the first word in brackets: "the group
 * you tried to contact (sales)", "el grupo con el que has intentado ponerte en contacto (sales)", "グループ（sales）",
 * "您試圖聯絡的「sales」群組".
 */
const GROUP_NAMED = /[(（「]\s*([^\s()（）「」]{1,200})\s*[)）」]/;

/**
 * A Google group that doesn't exist or doesn't let the sender post answers with no server reply to quote:
 * its own words (in the sender's language) are the reply, up to where the original message starts.
 */
function groupsRefusalWords(text: string): string | undefined {
  const own = text.slice(0, reportEnd(text));
  if (!GOOGLE_GROUPS.test(own)) return undefined;
  const words = collapseWhitespace(own).slice(0, 1000).trim();
  return words || undefined;
}

/**
 * Every reader's view of the input: structured parts first, the human text after. An Amazon SES
 * notification is complete on its own; its type (complaint, delivery) may also say what kind it is.
 */
function readAll(src: BounceSources, exclude: string[]): { facts: BounceFacts[]; kindHint?: BounceKind } {
  const facts: BounceFacts[] = [];
  const ses = readSesJson(src.text);
  if (ses && (ses.facts.recipients.length || ses.kind)) {
    facts.push(ses.facts);
    return ses.kind ? { facts, kindHint: ses.kind } : { facts };
  }
  const esp = readEspJson(src.text);
  if (esp) return { facts: [esp] };
  // A message trace's failed event is no report: nothing else in the text reads as one.
  const trace = src.deliveryStatus.length ? undefined : readMessageTrace(src.text);
  if (trace) return { facts: [trace] };
  for (const part of src.deliveryStatus) facts.push(readDeliveryStatus(part));
  if (src.extraFindings?.length) facts.push({ recipients: src.extraFindings });
  // DSN fields written inline (non-MIME MTAs, or a person pasting the delivery-status part).
  if (!src.deliveryStatus.length) facts.push(readDeliveryStatus(src.text));
  // Exim, Gmail and Google Groups name the failed recipients in a header.
  const failedHeader = src.headers?.all('x-failed-recipients').join(',') ?? '';
  if (failedHeader) {
    const recipients: RecipientFinding[] = [];
    const words = groupsRefusalWords(src.text);
    for (const raw of failedHeader.split(COMMA_OR_SPACE)) {
      const address = cleanAddress(raw);
      if (address) recipients.push(words ? { source: 'dsn', address, diagnostic: words } : { source: 'dsn', address });
    }
    facts.push({ recipients });
  } else if (GOOGLE_GROUPS.test(src.text)) {
    // Its text pasted alone: the group as the refusal names it, "the group you tried to contact (sales)".
    const words = groupsRefusalWords(src.text);
    const group = words ? GROUP_NAMED.exec(src.text.slice(0, reportEnd(src.text))) : null;
    if (words && group) {
      const named = cleanAddress(group[1]);
      facts.push({ recipients: [named ? { source: 'text', address: named, diagnostic: words } : { source: 'text', name: group[1]!, diagnostic: words }] });
    }
  }
  const exchange = readExchangeText(src.text);
  const answered = (f: BounceFacts): boolean => f.recipients.some((r) => r.address && (r.status || r.replyCode));
  // Exchange's layout is read precisely; the generic reader would only add noise to it. But an NDR
  // quoted inside the copy of the original message (a bounce of a message that forwarded an NDR)
  // is not this report: when the layout appears only there and the report's own words name a
  // recipient with a reply, those win.
  if (answered(exchange)) {
    const end = reportEnd(src.text);
    // (The report's own part showing the layout settles it without reading that part again.)
    const head = end < src.text.length ? src.text.slice(0, end) : undefined;
    if (head !== undefined && !looksLikeExchangeText(head) && !answered(readExchangeText(head))) {
      const own = readMtaText(src.text, { exclude });
      if (answered(own)) {
        facts.push(own);
        return { facts };
      }
    }
    facts.push(exchange);
  } else {
    facts.push(exchange);
    facts.push(readMtaText(src.text, { exclude }));
  }
  return { facts };
}

export function analyse(src: BounceSources): Bounce {
  // The original message's headers: from a MIME part, else embedded in the text.
  let original = src.originalHeaders;
  // A forwarded report's own headers, copied above it ("From: Mail Delivery System <MAILER-DAEMON@…>", "To: ada@…"):
  // they name who the report went to, the sender; the original's headers, if it quotes them, come after.
  let forwardedReport: HeaderList | undefined;
  if (!original || original.size === 0) {
    let embedded = findEmbeddedHeaders(src.text, firstDiagnosticIndex(src.text));
    let headers = embedded ? parseHeaderBlock(embedded.block) : undefined;
    if (embedded && headers && isMailerDaemonFrom(headers.get('from'))) {
      forwardedReport = headers;
      const end = src.text.indexOf('\n\n', embedded.index);
      embedded = end < 0 ? undefined : findEmbeddedHeaders(src.text, end + 2);
      headers = embedded ? parseHeaderBlock(embedded.block) : undefined;
    }
    if (headers) original = headers;
  }
  const senders = original ? senderFields(original) : {};
  const orig = original ? readOriginal(original, senders) : {};

  // Addresses that are never failed recipients: the original sender and the bounce's own sender,
  // unless the original was addressed to its own sender (a test sent to yourself is a common support
  // case: its only failed recipient is the sender).
  const selfAddressed = original ? selfAddressedIn(original) : new Set<string>();
  const exclude: string[] = [];
  if (orig.sender) exclude.push(orig.sender);
  const ownFrom = firstAddressIn(src.headers?.get('from'));
  if (ownFrom) exclude.push(ownFrom);
  for (const a of [senders.from, senders.returnPath, senders.sender]) if (a) exclude.push(a);
  // A few typed lines that name the sender in words ("… when sending from ada@x to bob@y").
  const typed = src.format === 'text' ? typedSender(src.text) : undefined;
  const labelled = senderLabelled(src.text);
  if (typed?.address && !labelled.some((a) => sameAddress(a, typed.address))) labelled.push(typed.address);
  // Named as the sender only in the report's words, not in any header.
  const namedOnly = labelled.filter((a) => !exclude.some((e) => sameAddress(e, a)));
  exclude.push(...labelled);
  // Exchange's example of a well-formed address is never a recipient either.
  exclude.push(PLACEHOLDER_ADDRESS);
  const excluded = exclude.filter((a) => !selfAddressed.has(a.toLowerCase()));

  let read = readAll(src, excluded);
  // A test sent to yourself whose report also names the sender in its words (`from <a@x>` under the
  // reply): when leaving the named sender out leaves no recipient with a reply, the sender is the
  // failed recipient.
  const answered = (facts: BounceFacts[]): boolean =>
    facts.some((f) => f.recipients.some((r) => (r.status || r.replyCode) && (r.address || withAddressFromReply(r, excluded).address)));
  if (namedOnly.length && !answered(read.facts)) {
    const again = readAll(src, excluded.filter((a) => !namedOnly.some((n) => sameAddress(n, a))));
    if (answered(again.facts)) {
      read = again;
      for (const a of namedOnly) selfAddressed.add(a.toLowerCase());
    }
  }
  const facts = read.facts;
  const humanText = src.text.slice(0, reportEnd(src.text));
  let findings: RecipientFinding[] = facts.flatMap((f) => f.recipients).map((f) => (f.address ? f : withAddressFromReply(f, excluded)));
  // A name stands for a recipient only when no reader found an address (Exim lists a local part
  // `kijitora` where X-Failed-Recipients has the address); otherwise its reason joins them.
  // Exchange 2000/2003 names each failed recipient on its own entry, by name or address: those names stay.
  if (findings.some((f) => f.address)) findings = findings.map((f) => (f.name && !f.address && f.source !== 'exchange' ? withoutName(f) : f));

  const bounce: Bounce = {
    isBounce: false,
    kind: 'ordinary-message',
    recipients: [],
    microsoft365: false,
    inputBytes: src.inputBytes,
    inputFormat: src.format,
  };

  // postmaster@ can be a real failed recipient (a DSN or a recipient line says so); mailer-daemon never is.
  const merged = mergeFindings(findings.filter((f) => !isMailerDaemon(f.address)));
  bounce.recipients = merged.recipients;
  unwrapX400Replies(bounce.recipients);
  withoutStrayClosingQuotes(bounce.recipients);
  withoutReportHeadings(bounce.recipients);
  if (!src.deliveryStatus.length) withoutEarlierAttemptStatus(bounce.recipients);
  if (src.format === 'text') {
    addressTypedRecipient(src.text, bounce.recipients, typed);
    keepServerWords(src.text, bounce.recipients);
  }
  if (merged.truncated) bounce.recipientsTruncated = true;
  if (merged.total) bounce.recipientCount = merged.total;

  // Sender: the original message's envelope / From beats what the NDR text says, except that a
  // DSN's X-Postfix-Sender or Original-Envelope sender (read by the DSN reader) is the envelope itself.
  const factSender = facts.find((f) => f.sender && f.senderSource === 'envelope') ?? facts.find((f) => f.sender);
  let sender: string | undefined;
  let senderSource: SenderSource | undefined;
  if (orig.sender && orig.senderSource === 'return-path') {
    sender = orig.sender;
    senderSource = orig.senderSource;
  } else if (factSender?.sender && factSender.senderSource === 'envelope') {
    sender = factSender.sender;
    senderSource = 'envelope';
  } else if (orig.sender) {
    sender = orig.sender;
    senderSource = orig.senderSource;
  } else if (factSender?.sender) {
    sender = factSender.sender;
    senderSource = factSender.senderSource;
  }
  const reportedFailed = (a: string): boolean => findings.some((f) => f.source !== 'text' && sameAddress(f.address, a));
  if (sender && !selfAddressed.has(sender.toLowerCase()) && !reportedFailed(sender) && bounce.recipients.some((r) => sameAddress(r.address, sender))) {
    // A sender equal to a failed recipient is a misread, unless the original was addressed to its
    // sender or a DSN lists the sender as failed (a test sent to yourself); drop it rather than mislead.
    sender = undefined;
    senderSource = undefined;
  }
  if (sender) {
    bounce.sender = sender;
    const d = domainOf(sender);
    if (d) bounce.senderDomain = d;
    if (senderSource) bounce.senderSource = senderSource;
  }

  const authentication = readAuthentication(original, bounce.recipients.flatMap((r) => [r.diagnostic ?? '', r.wrapped?.text ?? '']), senders);
  if (authentication) bounce.authentication = authentication;

  const pick = <K extends keyof BounceFacts>(k: K): BounceFacts[K] | undefined => facts.find((f) => f[k] !== undefined)?.[k];
  // Postfix names itself in its report's first line: the host that wrote it, and so (for a refusal it got
  // over SMTP) the host that tried to deliver the message.
  const reportingMta = pick('reportingMta') ?? POSTFIX_HOST.exec(humanText)?.[1]?.replace(TRAILING_DOT, '').toLowerCase();
  const generatingServer = pick('generatingServer') ?? reportingMta;
  // The report's own words label the sender ("Sender: a@x", `from <a@x>` below the reply): that address.
  const named = sender ? undefined : labelled.find((a) => selfAddressed.has(a.toLowerCase()) || !bounce.recipients.some((r) => sameAddress(r.address, a)));
  if (named) {
    bounce.sender = named;
    const d = domainOf(named);
    if (d) bounce.senderDomain = d;
    bounce.senderSource = 'text';
  } else if (!sender) {
    const found = senderInRemoteText(src.text, bounce.recipients, [reportingMta, generatingServer]);
    if (found) {
      if (found.address) bounce.sender = found.address;
      bounce.senderDomain = found.domain;
      bounce.senderSource = 'text';
    } else if (typed?.domain) {
      bounce.senderDomain = typed.domain;
      bounce.senderSource = 'text';
    }
  }
  // Last: a delivery report goes to the message's envelope sender, so the report's own To names the sender
  // when the report came from a mail daemon as it was sent (not forwarded by a person).
  // The remote server's words may have named only the sender's domain ("Unauthenticated email from x is
  // not accepted"): an addressee in that domain is the sender's whole address.
  if (!bounce.senderDomain || (!bounce.sender && bounce.senderSource === 'text')) {
    const to = reportAddressee(src.headers) ?? reportAddressee(forwardedReport);
    const fits = !bounce.senderDomain || domainOf(to) === bounce.senderDomain;
    if (to && fits && !bounce.recipients.some((r) => sameAddress(r.address, to))) {
      bounce.sender = to;
      const d = domainOf(to);
      if (d) bounce.senderDomain = d;
      bounce.senderSource = 'envelope';
    }
  }

  // Sending IP: what the remote server said it saw, else the original headers. Addresses the report
  // gives to the receiving server (Remote-MTA, `host mx[ip] said:`) are never the sender's.
  const receiving = receiverIpsIn([src.text.slice(0, Math.min(reportEnd(src.text), 50_000)), ...src.deliveryStatus.map((d) => d.slice(0, 50_000))].join('\n'));
  for (const r of bounce.recipients) {
    const ip = normalisePublicIp(r.remoteMta);
    if (ip) receiving.add(ip);
  }
  for (const r of bounce.recipients) {
    const ip = ipFromReplyText(r.wrapped?.text ?? '', receiving) ?? ipFromReplyText(r.diagnostic ?? '', receiving);
    if (ip) {
      bounce.sendingIp = ip;
      bounce.sendingIpSource = 'remote-reply';
      break;
    }
  }
  if (!bounce.sendingIp && original) {
    const fromHeaders = ipFromHeaders(original);
    if (fromHeaders) {
      bounce.sendingIp = fromHeaders.ip;
      bounce.sendingIpSource = fromHeaders.source;
    }
  }

  if (reportingMta) bounce.reportingMta = reportingMta;
  if (generatingServer) bounce.generatingServer = generatingServer;
  const messageId = orig.messageId ?? pick('originalMessageId');
  if (messageId) bounce.originalMessageId = messageId;
  const subject = orig.subject ?? pick('originalSubject');
  if (subject) bounce.originalSubject = subject;
  const language = ndrLanguage(humanText, src.headers?.get('content-language'));
  if (language) bounce.language = language;
  const arrival = dateToIso(pick('arrivalDate'), language) ?? dateToIso(orig.date);
  if (arrival) bounce.arrivalDate = arrival;

  bounce.microsoft365 = isMicrosoft365(src, bounce);
  // The hop into the server that wrote the report (a device's, an app's, a laptop's or an on-premises
  // server's address, or a client's X-Originating-IP) is not what another server saw when the reporting
  // server passed the message on to it: that server saw the reporter's outbound address (Microsoft 365's,
  // the sender's own mail server's, or an outbound gateway's).
  if ((bounce.sendingIpSource === 'received' || bounce.sendingIpSource === 'x-header') && relayedToRemote(bounce)) {
    delete bounce.sendingIp;
    delete bounce.sendingIpSource;
  }

  // Recipients named where only bounces name them (a DSN, X-Failed-Recipients, a daemon's report)
  // count even without a reply; in other text they need the server's words.
  const structured = findings.some((f) => f.source !== 'text') || headerBounceContext(src);
  const reportText = src.deliveryStatus.length ? [humanText, ...src.deliveryStatus].join('\n') : humanText;
  const delayed = isDelayNotice(reportText);
  // A report that says it gave up, for codes that read as temporary (its DSN may not have been pasted).
  if (!delayed && GAVE_UP.test(reportText)) for (const r of bounce.recipients) if (r.status ? r.status.startsWith('4.') : r.replyCode?.[0] === '4') r.stoppedRetrying = true;
  const context = structured || delayed || bounceContext(src);
  // An enhanced code is evidence on its own; a bare reply code or words need a bounce around them.
  const hasStatus = bounce.recipients.some((r) => r.status);
  const hasCodes = hasStatus || (context && bounce.recipients.some((r) => r.replyCode));
  const hint = read.kindHint ?? src.kindHint;
  const kindHint = hint === 'auto-reply' && context ? undefined : hint;
  // A challenge (confirm you are a person) is no failure unless a server rejected the message outright.
  // A DSN that reports only deliveries and relays is a success notice, whatever its text lists.
  const successOnly = reportsOnlySuccess(src.deliveryStatus);
  const challenge = isChallengeText(reportText) && !bounce.recipients.some((r) => r.replyCode?.[0] === '5' || r.status?.[0] === '5');
  // The server's words under Gmail's "The response was:" in a report that names no recipient.
  const lonelyResponse = !bounce.recipients.length && context ? labelledResponse(humanText) : undefined;
  if (challenge) {
    bounce.kind = 'challenge';
    noRecipients(bounce);
  } else if (kindHint && kindHint !== 'bounce' && !hasCodes) {
    // Not a bounce (an auto-reply, a feedback report): whatever addresses its text named are no failures.
    bounce.kind = kindHint;
    noRecipients(bounce);
  } else if (!successOnly && bounce.recipients.length && (hasCodes || (context && (structured || bounce.recipients.some((r) => (r.address && r.diagnostic) || r.name))))) {
    bounce.isBounce = true;
    bounce.kind = 'bounce';
  } else if (!bounce.recipients.length && failureReportHeaders(src)) {
    // The headers say delivery failed but nothing below names a recipient or a reason: still a
    // bounce, with no recipient to show (see `Bounce.recipients`).
    bounce.isBounce = true;
    bounce.kind = 'bounce';
  } else if (lonelyResponse) {
    // Gmail's report names no recipient in its text when the sending side failed ("** Message not delivered ** …
    // 'Send mail as' … The response was: … does not advertise AUTH capability"): the server's words are its reply.
    bounce.recipients = [{ diagnostic: lonelyResponse }];
    bounce.isBounce = true;
    bounce.kind = 'bounce';
  } else {
    // A DSN whose every recipient was delivered, relayed or expanded reports a delivery. Text in a bounce's words with
    // no code and no reply to read (the visible part of a report whose details are in its delivery-status
    // attachment) is a bounce without its details, not "no bounce".
    bounce.kind =
      kindHint ??
      (reportsDelivery(src.deliveryStatus) ? 'delivery-notice' : !src.text.trim() && !src.headers?.size ? 'empty' : context && !structured ? 'bounce-without-details' : 'ordinary-message');
    noRecipients(bounce);
  }
  if (bounce.isBounce) fillMissingAddresses(bounce, original, src.headers?.get('subject'), exclude, humanText);
  // A lone recipient named only in the headers (X-Failed-Recipients, a DSN without a Diagnostic-Code): the
  // server's words under Gmail's "The response was:" are its reply.
  const only = bounce.recipients.length === 1 ? bounce.recipients[0] : undefined;
  if (bounce.isBounce && only && !only.diagnostic && !only.status) {
    const response = labelledResponse(humanText);
    if (response) only.diagnostic = response;
  }
  if (bounce.isBounce) inferStatuses(bounce, humanText, delayed);
  if (delayed) for (const r of bounce.recipients) if (r.status?.startsWith('4.') && !r.stoppedRetrying) r.stillRetrying = true;
  return bounce;
}

// A report of mail the sending server stopped trying to deliver: Postfix's "could not be delivered to one or
// more recipients" (its delay notice says "for more than 4 hour(s)"), Exim's "retry timeout exceeded",
// Sendmail's "Cannot send message for 5 days", Gmail's "Message not delivered" and "failed permanently",
// qmail's "This is a permanent error".
const GAVE_UP = /\bcould\s+not\s+be\s+delivered\s+to\s+one\s+or\s+more\s+recipients\b|\bretry\s+time-?out\s+exceeded\b|\b(?:cannot\s+send\s+message|message\s+could\s+not\s+be\s+delivered)\s+for\s+\d+\s+(?:days?|hours?)\b|\bmessage\s+not\s+delivered\b|\b(?:gave|giving)\s+up\b|\bfailed\s+permanently\b|(?<!non-?)\bpermanent\s+(?:failure|error)\b/i;

// A line that labels its address as the sender's, in the languages NDRs are written in ("Sender Address:",
// "Afzenderadres:", "Adresse de l'expéditeur :", "送信者のアドレス:", Finnish
// "Lähettäjän osoite:", Turkish "Gönderen Adresi:", Czech "Adresa odesílatele:"), bare or after a display name
// ("Sender: Alice Smith <a@x>").
const SENDER_LABEL =
  /^[ \t*•>]*[^\n:：@]{0,30}(?:sender|sent\s+by|originator|absender|afzender|exp[ée]diteur|remitente|mittente|remetente|avs[äa]ndar|lähettäj|gönderen|odesílatel|nadawc|отправител|送信者|寄件者|发件人|發件人|보낸\s*사람)[^\n:：@]{0,30}[:：][ \t]*(?:[^\n<>@:：]{1,60}<|<)?([^\s<>@]{1,64}@[^\s<>@]{1,255})>?/gimu;

// A line that opens by naming the sender of a bracketed address, without a colon, as MTAs and pasted
// snippets append it after the remote reply: `from <a@x>`, `Sender <a@x>`, `Message from <a@x>`. Only
// at the line's start: Postfix's "(expanded from <b@y>)" names a recipient's original address.
const SENDER_NAMED = /^[ \t*•>(]*(?:(?:message|mail|e-?mail|envelope)[ \t]+)?(?:from|sender)[ \t]*<([^\s<>@]{1,64}@[^\s<>@]{1,255})>/gim;

// Outlook's send error names the sending account: "Task 'a@x - Sending' reported error (0x800CCC69) : '… Account:
// 'a@x', Server: …", and in its other languages ("Die Aufgabe "a@x - Senden" meldete Fehler", "タスク 'a@x - 送信中'").
const OUTLOOK_SENDING_TASK =
  /^[^\n'"“”«»「」]{0,30}['"“«「]\s*([^\s'"“”«»「」@]{1,64}@[^\s'"“”«»「」@]{1,255})\s+-\s+(?:Sending|Send|Senden|Envoi|Envoyer|Skickar|Enviando|Invio|送信中|送信|发送|傳送|보내는\s*중)\s*['"”»」]|\bAccount:\s*'([^\s'@]{1,64}@[^\s'@]{1,255})',\s*Server:/gim;

/** Addresses the report itself labels as the sender's: never a failed recipient. */
function senderLabelled(text: string): string[] {
  const out: string[] = [];
  const head = text.slice(0, 50_000);
  for (const re of [SENDER_LABEL, SENDER_NAMED, OUTLOOK_SENDING_TASK]) {
    for (const m of matchesOf(head, re)) {
      const a = cleanAddress(m[1] ?? m[2]);
      // The report's own sender (Outlook's copied `寄件者: Microsoft Outlook <MicrosoftExchange…@x>`) is no original sender.
      if (a && !isDaemonAddress(a) && !out.includes(a)) out.push(a);
      if (out.length >= 5) break;
    }
  }
  return out;
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const ANGLE_ADDRESS_AND_AFTER = /<([^<>\s@]{1,64}@[^<>\s@]{1,255})>([^\n]{0,24})/g;
const SENDER_WORD_AT_START = /^[\s.:]*(?:sender|mail\s+from|from)\b/i;
const FORWARD_PATH_BEFORE = /\b(?:please\s+)?try\s*:?\s*$/i;
// RFC 3463's X.1.3: the destination address's syntax. Gmail's "The recipient address <kim@fabrikam> is not a valid
// RFC-5321 address" quotes the recipient as the sender wrote it.
const X13 = /^[45]\.1\.3$/;

/**
 * A recipient read without an address whose own reply names one in angle brackets, as servers write the
 * rejected recipient (`550 5.1.1 <user@x>: User unknown`, `smtp;550 5.1.1 <user@x>... User unknown`):
 * that address, when it is the only one and not a sender's.
 */
function withAddressFromReply(f: RecipientFinding, senders: readonly string[]): RecipientFinding {
  const reply = [f.diagnostic, f.wrapped?.text].filter(Boolean).join('\n').slice(0, 4000);
  const named = new Set<string>();
  // Text in angle brackets that is no address at all (`<kim@fabrikam>`): under X.1.3 it is the recipient as typed.
  const written = new Set<string>();
  for (const m of matchesOf(reply, ANGLE_ADDRESS_AND_AFTER)) {
    // `<a@x>: Sender address rejected` names the sender, not the recipient; RFC 5321's "551 User not local;
    // please try <b@y>" names where the recipient moved to.
    if (SENDER_WORD_AT_START.test(m[2] ?? '') || FORWARD_PATH_BEFORE.test(reply.slice(Math.max(0, m.index - 24), m.index))) continue;
    const a = cleanAddress(m[1]);
    if (!a) written.add(m[1] ?? '');
    else if (!isDaemonAddress(a) && !senders.some((s) => sameAddress(s, a))) named.add(a.toLowerCase());
  }
  if (named.size === 0 && written.size === 1 && !f.name && X13.test(f.status ?? '')) return { ...f, name: [...written][0]! };
  if (named.size !== 1) return f;
  const [address] = named;
  const { name: _name, ...rest } = f;
  return { ...rest, address: address! };
}

/** The one address a mail daemon's report was sent to; undefined for a report a person forwarded or one sent to several. */
function reportAddressee(headers: HeaderList | undefined): string | undefined {
  if (!headers || !isDaemonFrom(headers.get('from'))) return undefined;
  const to = (headers.get('to') ?? '').split(',');
  if (to.length !== 1) return undefined;
  const address = firstAddressIn(to[0]);
  return address && !isDaemonAddress(address) ? address : undefined;
}

/** A message that is no bounce names no failed recipient, whatever addresses its text holds. */
function noRecipients(bounce: Bounce): void {
  bounce.recipients = [];
  delete bounce.recipientCount;
  delete bounce.recipientsTruncated;
}

function withoutName(f: RecipientFinding): RecipientFinding {
  const { name: _name, ...rest } = f;
  return rest;
}

/**
 * The sender as the remote server's words name it, for bounces without the original headers: the
 * replies first, then the report around them. Never a recipient's domain (or a name under it) and
 * never a host name the bounce gives to a server.
 */
function senderInRemoteText(text: string, recipients: BounceRecipient[], hosts: (string | undefined)[]): TextSender | undefined {
  const recipientDomains = recipients.map((r) => domainOf(r.address)).filter((d): d is string => !!d);
  const hostNames = new Set([...hosts, ...recipients.map((r) => r.remoteMta)].filter((h): h is string => !!h).map((h) => h.toLowerCase()));
  const isExcluded = (domain: string): boolean =>
    hostNames.has(domain) || recipientDomains.some((d) => domain === d || domain.endsWith(`.${d}`));
  for (const r of recipients) {
    const found = senderFromText(r.wrapped?.text ?? '', isExcluded) ?? senderFromText(r.diagnostic ?? '', isExcluded);
    if (found) return found;
  }
  return senderFromText(text.slice(0, reportEnd(text)), isExcluded);
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const DIAGNOSTIC_HEADING = /Remote Server returned|Diagnostic information for administrators|Original message headers|Original Message Headers|Message Hops/i;

/** Where the administrators' part starts, so the embedded-header search skips the user-facing prose. */
function firstDiagnosticIndex(text: string): number {
  const m = DIAGNOSTIC_HEADING.exec(text);
  // Those headings inside the copy of the original (an NDR the original message forwarded) are not this report's.
  return m && m.index < reportEnd(text) ? m.index : 0;
}

/** Exchange's `#< #5.0.0 smtp;550 …> #SMTP#`: the server's own words inside, and its host when written. */
function unwrapX400Replies(recipients: BounceRecipient[]): void {
  for (const r of recipients) {
    const inner = r.diagnostic ? unwrapX400Reply(r.diagnostic) : undefined;
    if (!inner) continue;
    r.diagnostic = inner.reply;
    // The host there may be the server that wrote the report: taken only when it is in the recipient's domain.
    const domain = domainOf(r.address);
    const host = inner.host?.toLowerCase();
    if (host && domain && !r.remoteMta && (host === domain || host.endsWith(`.${domain}`))) r.remoteMta = inner.host;
  }
}

/**
 * A temporary code from an earlier attempt, read from the text around a permanent refusal (Sendmail's transcript
 * under "permanent fatal errors": "451 4.4.1 reply: read error …" before the "554 … account has been disabled"):
 * a 5xx reply's own status is never 4.x.x. Without it the reply's words say what the status is. Not for a DSN's
 * Status field, which the sending server wrote for this recipient.
 */
function withoutEarlierAttemptStatus(recipients: BounceRecipient[]): void {
  for (const r of recipients) {
    if (r.replyCode?.[0] === '5' && r.status?.[0] === '4' && !r.diagnostic?.includes(r.status)) {
      delete r.status;
      delete r.statusInferred;
    }
  }
}

/**
 * The report's own heading taken for a recipient's reason when its details weren't pasted ("Delivery to the following
 * recipients failed." above the address, PowerMTA's "delivery failed; will not continue trying" beside it): it says
 * that delivery failed, never why, and is no server's words.
 */
const REPORT_HEADING_ONLY =
  /^(?:delivery to the following recipients? (?:has )?failed(?: permanently)?|delivery has failed to these recipients or groups|delivery failed;? will not continue trying|(?:this |the |your )?message could not be delivered|delivery (?:has )?failed)[.:]?$/i;

function withoutReportHeadings(recipients: BounceRecipient[]): void {
  for (const r of recipients) if (!r.replyCode && r.diagnostic && REPORT_HEADING_ONLY.test(r.diagnostic.trim())) delete r.diagnostic;
}

// A closing quote at the reply's end that opens nowhere in it: no quote after a space or at its start ("can't" has none).
const STRAY_CLOSING_QUOTE = /['’]$/;
const OPENING_QUOTE = /(?:^|\s)['‘]/;

/**
 * A reply quoted inside a program's message keeps that message's closing quote where the reply ends the line
 * (Outlook's "… The server responded: 451 4.7.0 Temporary server error. PRX4'"): the quote is not the server's.
 */
function withoutStrayClosingQuotes(recipients: BounceRecipient[]): void {
  for (const r of recipients) {
    if (r.diagnostic && STRAY_CLOSING_QUOTE.test(r.diagnostic) && !OPENING_QUOTE.test(r.diagnostic)) r.diagnostic = r.diagnostic.slice(0, -1).trimEnd();
  }
}

/**
 * A typed question's one failed recipient, read without its address: the address the question says was
 * mailed. So is one a reader took the sender's own address for (the only address it saw first).
 */
function addressTypedRecipient(text: string, recipients: BounceRecipient[], typed: TypedSender | undefined): void {
  const sender = typed?.address;
  const only = recipients.length === 1 ? recipients[0] : undefined;
  if (!only || (only.address && !(sender && sameAddress(only.address, sender)))) return;
  const mailed = typedRecipient(text, sender);
  if (mailed) {
    only.address = mailed;
    return;
  }
  // Only a domain named as the one mailed ("when mailing fabrikam.com"): its admin is whom to tell.
  const domain = only.address ? undefined : typedRecipientDomain(text, typed?.domain ?? domainOf(sender));
  if (domain) only.domain = domain;
}

/** In a typed question, a recipient's reply is what the person says the server said, not their whole sentence. */
function keepServerWords(text: string, recipients: BounceRecipient[]): void {
  for (const r of recipients) {
    const words = r.diagnostic ? typedReplyWords(r.diagnostic, text) : undefined;
    if (words !== undefined) r.diagnostic = words;
  }
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const TRAILING_DOT = /\.$/;
/** Postfix's bounce template: "This is the mail system at host mail.example.com." */
// Spaces and tabs around the line, never line breaks: `^\s*` in multiline mode is quadratic in blank lines.
const POSTFIX_HOST = /^[ \t]*This is the mail system at host ([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)\.?[ \t]*$/im;

/**
 * Another server than the report's writer rejected the message: one named as the remote server (outside
 * Microsoft 365 for its reports; not the reporting server itself for others), or one whose reply Exchange wraps.
 */
function relayedToRemote(bounce: Bounce): boolean {
  const hostName = (h: string): string => h.toLowerCase().replace(TRAILING_DOT, '');
  const reporter = new Set([bounce.reportingMta, bounce.generatingServer].filter((h): h is string => Boolean(h)).map(hostName));
  const remote = (host: string): boolean => (bounce.microsoft365 ? !isMicrosoftHost(host) : !reporter.has(hostName(host)));
  return bounce.recipients.some((r) => (r.remoteMta !== undefined && remote(r.remoteMta)) || r.wrapped !== undefined);
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const MICROSOFT_RECEIVED_HOST = /outlook\.com|exchangelabs\.com/i;
const M365_PROD_OR_PROTECTION_HOST = /\.prod\.outlook\.com|\.prod\.exchangelabs\.com|\.protection\.outlook\.com/i;
const M365_PROD_HOST = /\.prod\.outlook\.com|\.prod\.exchangelabs\.com/i;
const OUTLOOK_COM = /outlook\.com/i;

function isMicrosoft365(src: BounceSources, bounce: Bounce): boolean {
  const h = src.headers;
  if (h) {
    if (h.hasPrefix('x-ms-exchange-') && MICROSOFT_RECEIVED_HOST.test([...h.all('received'), h.get('message-id') ?? ''].join(' ')))
      return true;
    if (h.has('x-ms-exchange-message-is-ndr') && h.hasPrefix('x-ms-exchange-crosstenant-')) return true;
  }
  if (M365_PROD_OR_PROTECTION_HOST.test(bounce.generatingServer ?? '')) return true;
  if (M365_PROD_HOST.test(bounce.reportingMta ?? '')) return true;
  if (isMicrosoftHost(bounce.generatingServer) && OUTLOOK_COM.test(bounce.generatingServer ?? '')) return true;
  return false;
}

