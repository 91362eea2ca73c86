/**
 * What a message is when it is not a bounce: an auto-reply (RFC 3834, out-of-office), an abuse
 * feedback report (ARF, RFC 5965), or an ordinary message. Only consulted when no failure was found,
 * because NDRs themselves carry `Auto-Submitted: auto-replied`.
 */
import type { HeaderList } from './headers';
import { statusFromWords } from './phrases';
import type { BounceKind } from './types';

const AUTO_REPLY_SUBJECT =
  /^(?:(?:auto(?:matic)?[ _-]?(?:reply|response|answer)|auto:|autoreply|out of (?:the )?office|away from|on vacation|vacation|abwesenheit|automatische antwort|réponse automatique|absence|autosvar|frånvaro|risposta automatica|respuesta automática|resposta automática|automatisch antwoord|afwezig|automatyczna odpowiedź|odpowiedź automatyczna|autoodpowiedź|nieobecność|автоответ|автоматический ответ|automatisk svar|fraværende|automaattinen vastaus|automatická odpověď|otomatik yanıt|fuera de la oficina|fuori sede|不在|自動応答|自動返信|自動回覆|自动回复|자동 회신|자동 응답)(?![\p{L}\p{N}_])|.*\b(?:out of (?:the )?office|auto(?:matic)? reply)\b)/iu;

// A DMARC aggregate report (RFC 7489, section 7.2): its XML, the subject its mail carries ("Report domain: contoso.com
// Submitter: google.com Report-ID: …"), or its file's name (receiver!domain!begin!end, zipped or gzipped).
const DMARC_REPORT_XML = /<feedback\b[^>]{0,300}>[\s\S]{0,2000}?<(?:report_metadata|policy_published)>/i;
const DMARC_REPORT_SUBJECT = /^\s*(?:(?:Fw|Fwd|Re|AW|WG|TR):\s*)*Report\s+domain:\s*\S+\s+Submitter:\s*\S+/i;
const DMARC_REPORT_FILE = /^[^!/\\\s]+![^!/\\\s]+!\d{9,11}!\d{9,11}(?:![^./\\]*)?\.(?:xml|zip|gz|xml\.gz)$/i;

/** The XML of a DMARC aggregate report, before anything reads its `<p>` (the published policy) as an HTML paragraph. */
export function isDmarcReportXml(text: string): boolean {
  return DMARC_REPORT_XML.test(text.slice(0, 4000));
}

/** A file named as DMARC aggregate reports are named (`google.com!contoso.com!1764547200!1764633599.zip`). */
export function isDmarcReportName(filename: string | undefined): boolean {
  return !!filename && DMARC_REPORT_FILE.test(filename);
}

export function classifyHeaders(headers: HeaderList | undefined, contentType: string | undefined): BounceKind | undefined {
  const ct = contentType ?? headers?.get('content-type') ?? '';
  if (/report-type\s*=\s*"?feedback-report/i.test(ct)) return 'feedback-report';
  if (/report-type\s*=\s*"?disposition-notification/i.test(ct)) return 'read-receipt';
  if (!headers) return undefined;
  if (headers.has('feedback-type')) return 'feedback-report';
  const subject = headers.get('subject') ?? '';
  if (DMARC_REPORT_SUBJECT.test(subject)) return 'dmarc-report';
  const autoSubmitted = (headers.get('auto-submitted') ?? '').toLowerCase();
  if (
    headers.has('x-autoreply') ||
    headers.has('x-autorespond') ||
    headers.has('x-apple-action') ||
    /auto[_-]?reply/i.test(headers.get('precedence') ?? '') ||
    /auto-replied/.test(autoSubmitted) ||
    (headers.get('x-auto-response-suppress') && AUTO_REPLY_SUBJECT.test(subject)) ||
    AUTO_REPLY_SUBJECT.test(subject)
  ) {
    return 'auto-reply';
  }
  return undefined;
}

// Challenge-response systems hold a message until the sender proves to be a person, and some send
// their challenge as a DSN (`Status: 4.7.0`, no Action for the recipient). Their words give them away.
const CHALLENGE =
  /\b(?:confirm|verify|prove)\s+(?:that\s+)?you(?:'re|\s+are)\s+(?:a\s+)?(?:human|real\s+person|person|not\s+a\s+(?:robot|machine|spammer))\b|\bsender\s+(?:is\s+)?not\s+(?:yet\s+)?(?:pre-?approved|approved|verified)\b|\b(?:add|added)\s+(?:yourself|your\s+(?:e-?mail\s+)?address)\s+to\s+(?:my|the\s+recipient's|the|their)\s+(?:guest|allowed|approved|white|safe|trusted)\s?(?:list|senders)\b|\bchallenge[- ]response\b|\b(?:has\s+been|was|is\s+being|is)\s+(?:waitlisted|held\s+(?:pending|until))\b|\b(?:pending|awaiting)\s+(?:your\s+)?(?:verification|confirmation)\b|\bthis\s+(?:account|mailbox)\s+is\s+protected\s+by\b|\bheld\s+because\s+(?:your|the\s+sender's)\s+(?:e-?mail\s+)?address\b|\blists?\s+of\s+(?:approved|verified|allowed|trusted)\s+senders\b|\b(?:accept|allow)\s+(?:incoming\s+)?(?:messages|e-?mails?|mail)\s+only\s+from\s+(?:senders|people)\s+(?:I|we)\s+(?:have\s+)?(?:approved|verified|know)\b|\b(?:message|e-?mail)\s+will\s+be\s+delivered\s+(?:once|when|after|as\s+soon\s+as)\s+you\s+(?:verify|confirm)\b/i;

// A word every branch of CHALLENGE holds (same flags): most texts have none, and this is quicker to look for.
const CHALLENGE_WORD = /confirm|verify|prove|approved|verified|\badd(?:ed)?\s|challenge|waitlisted|held|verification|protected|senders|accept|allow/i;

// Exchange Online's report as its top reads when copied (its first line, then the owner bar's "Action Required"): its
// "How to Fix It" may ask the group's owner to add the sender "to the list of allowed senders", in a challenge's words.
const EXCHANGE_TOP = /^\s*Your message to \S+ couldn['’]t be delivered\.[ \t]*\n[\s\S]{0,600}?^[ \t]*(?:\S[^\n]*\s)?Action Required\b/m;

/** The text is a challenge to the sender (confirm you are a person), not a report of failure. */
export function isChallengeText(text: string): boolean {
  const head = text.slice(0, 50_000);
  return CHALLENGE_WORD.test(head) && CHALLENGE.test(head) && !EXCHANGE_TOP.test(head);
}

// What out-of-office replies say of their writer, in the languages they are written in. Each word opens
// with `(?<!\w)`, not `\b`: the same test before a letter, but V8 runs a leading `\b` under /iu as a slow
// lookaround at every position (about 40 µs on a 1 KB bounce, against 1 µs).
const OUT_OF_OFFICE =
  /(?<!\w)(?:I\s+am|I'm|I\s+will\s+be)\s+(?:currently\s+)?(?:out\s+of\s+(?:the\s+)?office|away|on\s+(?:leave|vacation|holiday))\b|(?<!\w)I\s+have\s+left\s+[\p{Lu}]|(?<!\w)no\s+longer\s+(?:with|works?\s+(?:at|for))\b|(?<!\w)nicht\s+im\s+büro\b|(?<!\w)absente?\s+du\s+bureau\b|(?<!\w)fuera\s+de\s+la\s+oficina\b|(?<!\w)fuori\s+(?:sede|ufficio)\b|(?<!\w)fora\s+do\s+escritório\b|(?<!\w)inte\s+på\s+kontoret\b|(?<!\w)(?:przebywam|jestem)\s+na\s+urlopie|(?<!\w)poza\s+biurem\b|(?<!\w)(?:ben|is)\s+(?:afwezig|met\s+vakantie|niet\s+op\s+kantoor)\b|(?<!\w)(?:estou|estoy)\s+de\s+(?:férias|vacaciones)\b|(?<!\w)sono\s+in\s+ferie\b|(?<!\w)bin\s+(?:im|in)\s+urlaub\b|不在にして|休假|出差|부재\s*중/iu;

// A word every branch of OUT_OF_OFFICE holds (same flags), looked for first.
const OUT_OF_OFFICE_WORD =
  /office|away|leave|vacation|holiday|left|longer|büro|bureau|oficina|fuori|escritório|kontoret|urlopie|biurem|afwezig|vakantie|kantoor|férias|vacaciones|ferie|urlaub|不在にして|休假|出差|부재/iu;

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const FEEDBACK_TYPE_FIELD = /^Feedback-Type\s*:\s*\w+/im;
const FEEDBACK_REPORT_FIELD = /^(?:User-Agent|Version|Source-IP|Original-Mail-From)\s*:/im;
const SUBJECT_LABEL = /^(?:Subject|Betreff|Objet|Asunto|Oggetto|Ämne|Onderwerp|Assunto|Temat|Předmět|Tárgy|Konu|Emne|Aihe|Тема|件名|主旨|主题|제목)\s*[:：]\s*/i;

// A read receipt: RFC 8098's machine-readable field, or Outlook's "Your message … was read on <date>" (or deleted unread).
const DISPOSITION_FIELD = /^Disposition\s*:\s*[\w-]+\/[\w-]+\s*;\s*(?:displayed|deleted|dispatched|processed)\b/im;
const READ_ON = /^[ \t]*was (?:read|deleted without being read) on\b/im;
// A report that the message was delivered or passed on: Exchange's delivery and relay receipts, Postfix's and
// Sendmail's success notices.
const DELIVERED =
  /\bdelivery is complete to these recipients or groups\b|\byour message has been delivered to the following recipients\b|\bdelivery to these recipients or groups is complete\b|\bdelivery to the following recipients? (?:has been|was) (?:completed|successful)\b|\bwas successfully delivered to the destination\b|\bhad successful delivery notifications\b/i;
const DSN_ACTION_FIELD = /^Action\s*:/im;
// A mail program's own send error: Outlook's send and receive errors by number ("Task '…' reported error (0x800CCC0E)"),
// Thunderbird's and Apple Mail's sentences. Only with no reply code in the text (see `analyse`): then no server answered.
// Not Outlook's own undeliverable report ("Error is [0x80070005-00000000-00000000]"): Exchange may have refused there.
const CLIENT_ERROR =
  /\(0x8[0-9a-f]{7}\)|\b0x(?:800CCC[0-9a-f]{2}|8004210[0-9a-f])\b|\bsending of (?:the )?message failed\b|\bcannot send (?:the )?message using the server\b/i;
// Words that say a server did refuse something (Apple Mail's "The sender address … was rejected by the server"): not
// only the mail program's own trouble, whatever its error number.
const SERVER_REFUSED = /\b(?:rejected|refused|denied|not (?:allowed|permitted))\b/i;

/**
 * Pasted text has no headers: feedback reports still show their machine-readable fields, and an
 * automatic reply still starts with its subject ("Automatic reply: …") or says its writer is away.
 * A read receipt and a report of delivery say so in their fields or their words; a mail program's own send error
 * by its error number or sentence. (Each holds only where the text gives no reply code: see `analyse`.)
 */
export function classifyText(text: string): BounceKind | undefined {
  if (FEEDBACK_TYPE_FIELD.test(text) && FEEDBACK_REPORT_FIELD.test(text)) return 'feedback-report';
  const head = text.slice(0, 4000);
  const firstLine = head.trimStart().split('\n', 1)[0]?.replace(SUBJECT_LABEL, '') ?? '';
  if (AUTO_REPLY_SUBJECT.test(firstLine) || (OUT_OF_OFFICE_WORD.test(head) && OUT_OF_OFFICE.test(head))) return 'auto-reply';
  if (DMARC_REPORT_XML.test(head) || DMARC_REPORT_SUBJECT.test(firstLine)) return 'dmarc-report';
  if (DISPOSITION_FIELD.test(head) || READ_ON.test(head)) return 'read-receipt';
  if (DELIVERED.test(head) || (DSN_ACTION_FIELD.test(head) && reportsDelivery([head]))) return 'delivery-notice';
  if (CLIENT_ERROR.test(head) && !SERVER_REFUSED.test(head)) return 'client-error';
  return undefined;
}

const BOUNCE_SUBJECT =
  /undeliver|undelivered|not delivered|delivery (?:status|failure|failed|has failed|problem|notification)|mail delivery|returned mail|failure notice|delivery report|non[- ]?remis|non recapitabile|unzustellbar|onbestelbaar|olevererbar|no entregado|não entregue|could not be delivered|message delivery has failed|mail error|error sending|rejected|bounce|配信不能|配送不能|配信エラー|送信エラー|メールエラー|無法傳遞|無法投遞|无法投递|退信|전달되지 않|배달 실패|발송 실패|не доставлено|Nachricht konnte nicht/i;

// Postfix's and Exim's recipient lines (`host mx[ip] said: 554 …`, `(in reply to RCPT TO command)`) are
// written only in delivery reports, even when the reply has no enhanced code and no failure words. So are the
// openings of reports whose details are in their delivery-status part (Amazon SES's "An error occurred while trying
// to deliver the mail to the following recipients", Lotus Notes' "Failure Reasons", Google Groups'), and the words of
// reports that say little more (CommuniGate Pro's "Failed to deliver to '<…>'", IMail's "Original message follows.",
// Japanese carriers' "お届けできませんでした"; Sendmail's "----- Transcript of session follows -----", amavis's "was
// considered unsolicited bulk e-mail", X.400 gateways' "Failed addresses follow:").
const BOUNCE_WORDS =
  /\berror occurred while trying to deliver\b|-{2,}\s*Transcript of session follows\b|-{2,}\s*Unsent message follows\b|\bnot able to be delivered\b|\bconsidered unsolicited bulk e-?mail\b|\bFailed addresses follow\b|\bfollowing addresses had (?:permanent |transient )?(?:fatal )?delivery errors\b|\bfailed to deliver to\b|\bOriginal message follows\b|お届けできませんでした|\bthere was an error delivering\b|\bhas not been delivered\b|\bwas blocked by our\b|-{3,}[ \t]*Failure Reasons[ \t]*-{3,}|\bthe group you tried to contact\b|groups\.google\.com\/support\b|\bhost\s+[\w.-]+\[[0-9a-f.:]+\]\s+(?:said|refused\s+to\s+talk\s+to\s+me)\b|\(in\s+reply\s+to\s+(?:RCPT\s+TO|MAIL\s+FROM|end\s+of\s+DATA|DATA)\b|no such user|user unknown|unknown user|invalid (?:user|recipient|address|mailbox)|mailbox (?:is )?(?:full|unavailable)|requested action not taken|recipient address rejected|relay(?:ing)? denied|could not be delivered|couldn't be delivered|wasn't delivered|was not delivered|did not reach the following|could not be reached|not a member of (?:this|the) (?:mailing )?list|delivery (?:to the following|has failed|failed|status notification)|permanent(?:ly)? (?:error|failure|fatal)|undeliverable|rejected your message|returning message to sender|message could not|unable to deliver|not be delivered|failed permanently|following address(?:es)? failed|mailer-daemon|delivery failure|échec de la remise|n'a pas pu être (?:remis|envoyé|distribué|livré)|n'a pas (?:pu être|été) distribué|kunde inte (?:levereras|skickas)|levererades inte|leveransen misslyckades|konnte nicht zugestellt|no se pudo (?:entregar|enviar)|nie (?:mogła|może|został\w*) (?:zostać )?dostarczon|niedostarczon|não (?:pôde|foi possível) (?:ser )?(?:entregue|enviad[oa])|não foi entregue|non (?:è stato|e' stato|può essere) (?:recapitat|inviat)|non è stat[oa] consegnat|無法[^\n]{0,12}(?:傳送|送達)|无法[^\n]{0,12}(?:发送|传送|送达)|не (?:может быть |удалось |было )?доставлен|zustellung an (?:die )?folgende[n]? empfänger|error en la entrega|recapito non è riuscito|falha na entrega|kan niet worden bezorgd|dostarczenie do tych adresatów|傳遞至下列|未能传递|無法[^\n]{0,12}傳遞|无法[^\n]{0,12}传递|(?:배달|전달|전송)하지\s?못했|배달할 수 없|impossibile recapitare|nie można dostarczyć|配信できません|送信できません|届きませんでした|(?:配信|送信)に失敗|無法傳遞|無法送達|傳遞失敗|(?:郵件|邮件)(?:發送|发送|傳送|传送|投遞|投递)失(?:敗|败)|无法传递|전달할 수 없|(?:배달|전송|전달|발송)되지\s?못|전송하지 못|無法傳送|无法发送|전송되지 않았|(?:配信|送信|配送)されませんでした|未能(?:傳送|传送|送達|送达)|\bnicht\s+an\s+\S+\s+zugestellt|no\s+se\s+(?:ha\s+)?(?:podido\s+)?entreg|niet\s+(?:worden\s+)?(?:afgeleverd|bezorgd)|\bmessage\s+to\s+\S+\s+has\s+been\s+blocked|(?:メール|メッセージ)はブロックされました|메시지가\s?차단되었|(?:郵件|邮件)已(?:遭|被)(?:封鎖|封锁|阻止|攔截|拦截)|\bmessage\s+(?:destiné\s+à\s+\S+\s+)?a\s+été\s+bloqué|\bmeddelande\s+till\s+\S+\s+har\s+blockerats/i;

const SUCCESS_SUBJECT = /\b(?:success(?:ful)?|delivered|relayed|expanded|read|zugestellt|remis|entregado|entregue|consegnato)\s*(?:\)|:|$)|\bdelivery (?:notification|report)\s*\(\s*(?:success|relay)/i;

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
// Exchange Online's reports come from "Microsoft Outlook <MicrosoftExchange<32 hex digits>@tenant>".
const DAEMON_FROM = /mailer-daemon|post_?master|mail delivery|mail-daemon|mdaemon|delivery subsystem|\bmicrosoftexchange[0-9a-f]{32}@/i;

/** A report's own From names a mail daemon (MAILER-DAEMON, postmaster, "Mail Delivery System"…). */
export function isDaemonFrom(from: string | undefined): boolean {
  return DAEMON_FROM.test(from ?? '');
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const MAILER_DAEMON_FROM = /mailer-daemon|mail-daemon|mail delivery (?:system|subsystem)|delivery subsystem|\bmicrosoftexchange[0-9a-f]{32}@/i;

/**
 * A From only a delivery report has: a mailer daemon, never postmaster@ (whose own messages are sometimes the
 * ones that bounced: a test sent from it).
 */
export function isMailerDaemonFrom(from: string | undefined): boolean {
  return MAILER_DAEMON_FROM.test(from ?? '');
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const SUCCESS_ACTION_FIELD = /^Action\s*:\s*(?:delivered|relayed|expanded|deliverable)/im;
const FAILURE_ACTION_FIELD = /^Action\s*:\s*(?:failed|delayed|undeliverable)/im;

/**
 * A delivery-status part whose every recipient was delivered, relayed or expanded: a success notice
 * ("Relayed: …", "Delivered: …"), whatever addresses its text lists. Address verification reports
 * (`sendmail -bv`, Postfix's verify mode) say `deliverable` and `undeliverable` instead.
 */
export function reportsOnlySuccess(deliveryStatus: readonly string[]): boolean {
  const dsn = deliveryStatus.join('\n');
  return SUCCESS_ACTION_FIELD.test(dsn) && !FAILURE_ACTION_FIELD.test(dsn);
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const DELIVERABLE_FIELD = /^Action\s*:\s*deliverable\b/im;

/** A success notice that reports a delivery (not an address verification's "deliverable", where nothing was sent). */
export function reportsDelivery(deliveryStatus: readonly string[]): boolean {
  return reportsOnlySuccess(deliveryStatus) && !DELIVERABLE_FIELD.test(deliveryStatus.join('\n'));
}

/**
 * The bounce's own headers say delivery failed, whatever its body holds: a daemon (or a DSN) with a
 * failure subject, and no DSN part reporting only successes. Such a message is a bounce even when no
 * recipient can be read from it (Sendmail's "<<< No Message Collected >>>" keeps nothing else).
 */
export function failureReportHeaders(src: { headers?: HeaderList; contentType?: string; deliveryStatus: string[] }): boolean {
  const h = src.headers;
  if (!h) return false;
  const subject = h.get('subject') ?? '';
  if (!BOUNCE_SUBJECT.test(subject) || SUCCESS_SUBJECT.test(subject)) return false;
  if (reportsOnlySuccess(src.deliveryStatus)) return false;
  const fromDaemon = isDaemonFrom(h.get('from'));
  return fromDaemon || /report-type\s*=\s*"?delivery-status/i.test(src.contentType ?? '') || h.has('x-failed-recipients');
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const DELIVERY_STATUS_REPORT_TYPE = /report-type\s*=\s*"?delivery-status/i;

/** The bounce's own headers say it is a delivery report: daemon sender, report type, bounce subject. */
export function headerBounceContext(src: { headers?: HeaderList; contentType?: string }): boolean {
  const h = src.headers;
  if (DELIVERY_STATUS_REPORT_TYPE.test(src.contentType ?? '')) return true;
  if (!h) return false;
  const from = h.get('from') ?? '';
  if (isDaemonFrom(from) || from.includes('<>')) return true;
  if (BOUNCE_SUBJECT.test(h.get('subject') ?? '')) return true;
  return h.has('x-failed-recipients') || h.has('x-ms-exchange-message-is-ndr');
}

// A paste that is nothing but a server's reply: a 4xx/5xx code opening the text, in the words servers refuse
// mail with ("554 Service unavailable; Client host [x] blocked using …", "550 Administrative prohibition").
// Without them a number at the start of a short message ("550 people signed up") is no reply.
const LONE_REPLY = /^[45][0-5]\d(?:[ -]|$)/;
const REPLY_WORDS =
  /\b(?:block(?:ed)?|den(?:ied|y)|reject(?:ed|ion)?|refused|unavailable|prohibit(?:ed|ion)|not\s+(?:allowed|permitted|accepted|authori[sz]ed)|relay(?:ing)?|spam|listed|blacklist(?:ed)?|blocklist(?:ed)?|polic(?:y|ies)|temporar(?:y|ily)|try\s+(?:again|later)|deferred|(?:un)?known|not\s+local|user|invalid|quota|full|exceed(?:ed|s)?|authenticat\w*|spf|dkim|dmarc|client\s+host|postmaster|mailbox|recipient|sender|address|domain|(?:local\s+)?error|failed|failure|disabled|suspended|inactive|rate|limit(?:ed)?|reputation|resources?|service|busy|timeout|timed\s+out|closing\s+(?:connection|transmission))\b/i;

// "Refused" and "spam" in the languages servers also answer in: words that name no reason of their own, so the
// reason phrases below (which know "unknown user" or "mailbox full" in these languages) don't hold them.
const REFUSED_LOCALIZED = /abgelehnt|refusé|rejeté|rechazad|rifiutat|recusad|geweigerd|odrzucon|avvisa|拒否|拒收|拒絕|拒绝|거부|迷惑|スパム|垃圾|스팸/i;

function loneReply(text: string): boolean {
  const t = text.trim();
  if (t.length > 2000 || !LONE_REPLY.test(t)) return false;
  const head = t.slice(0, 600);
  // Or words that name a reason in any language the reason phrases know ("550 Benutzer unbekannt", "550 該帳號不存在").
  return REPLY_WORDS.test(head) || REFUSED_LOCALIZED.test(head) || statusFromWords(head, t[0] === '4') !== undefined;
}

/** The input looks like a bounce report: its headers, bounce wording in its text, or a server's reply alone. */
export function bounceContext(src: { headers?: HeaderList; text: string; contentType?: string }): boolean {
  if (headerBounceContext(src)) return true;
  return BOUNCE_WORDS.test(src.text.slice(0, 20000)) || BOUNCE_SUBJECT.test(src.text.slice(0, 300)) || (!src.headers?.size && loneReply(src.text));
}
