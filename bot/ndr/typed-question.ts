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
/** A report of an error in Swedish and German ("felmeddelande", "Fehlermeldung"): what it is "from" is the recipient's side. */
const ERROR_REPORT_WORDS = String.raw`(?:felmeddelande(?:t)?|studsmeddelande(?:t)?|felmeddelanden|fehlermeldung(?:en)?|unzustellbarkeitsbericht)`;
/** What came back (a code, then "returned", "error", "bounced" in Japanese, Korean or Chinese): said of the recipient's side. */
const CAME_BACK = String.raw`\s*(?:[45]\d\d\s*)?(?:[245]\.\d{1,3}\.\d{1,3}\s*)?(?:が|の|で|という|이|가|로|으로|的)?\s*(?:返|戻|エラー|バウンス|拒否|오류|에러|반송|돌아|거부|退回|返回|退信|收到|错误|錯誤|回覆|回复)`;
const NOT_CAME_BACK = String.raw`(?!${CAME_BACK})`;
/** A domain on its own (an address before the recipient's is already read as the sender's). */
const DOMAIN_CAPTURED = String.raw`(${DOMAIN})`;

// Each pattern captures the sender's address or domain: the words around it say it sent the message.
const PATTERNS: RegExp[] = [
  // "from ada@x to bob@y", "mail from contoso.com to …"
  String.raw`\bfrom\s+${TARGET}\s+to\b`,
  // "sending from ada@x", "emails from contoso.com bounce", "messages sent from …"
  // (a dot inside a name, as in "mailing bob@fabrikam.com from ada@contoso.com", ends no sentence)
  // (Not "an error message back from fabrikam.com", "a bounce message from bob@y": what came back is the recipient side's.)
  String.raw`(?<!\b(?:error|bounce|bounced|ndr|rejection|failure)\s)\b(?:send(?:s|ing)?|sent|e-?mails?|mails?|messages?|mailing)\b(?:[^\n.?!]|\.(?=\w)){0,60}?(?<!\bback\s)\bfrom\s+${TARGET}`,
  // "users at contoso.com get …", "our staff at contoso.com can't send"
  String.raw`\b(?:users?|people|staff|employees|everyone|mailboxes|senders?)\s+(?:at|@|in|on|from)\s+${TARGET}`,
  // "our domain is contoso.com", "my domain: contoso.com", "the sender's domain is …", "sending domain …"
  String.raw`\b(?:our|my|(?:the\s+)?sender(?:'s|’s|s)?|sending)\s+(?:e-?mail\s+|mail\s+)?domain\s*(?:is\s+|=\s*|[:：]\s*)?${TARGET}`,
  // The same in French, Swedish, German, Japanese, Chinese and Korean: "notre domaine est …", "vår domän är …",
  // "unsere Domain ist …", "弊社のドメインは …", "我們的網域是 …", "저희 도메인은 …"
  String.raw`(?:\b(?:notre|mon)\s+domaine\s*(?:est\s+|[:：]\s*)?|\b(?:vår|min)\s+domän\s*(?:är\s+|[:：]\s*)?|\b(?:unsere|meine)\s+domain\s*(?:ist\s+|[:：]\s*)?|(?:弊社|当社|こちら|送信元)の?ドメイン(?:は|[:：])\s*|(?:我們的|我们的|寄件|发件)(?:網域|网域|域名|域)(?:是|[:：])?\s*|(?:저희|우리|보내는|발신)\s*도메인(?:은|는|[:：])?\s*)${TARGET}`,
  // "… bounce with 5.7.26? domain is contoso.com", "Domain: contoso.com": a domain with no owner named, where a sentence starts.
  String.raw`(?:^|[.?!,;]\s*)(?:the\s+)?domain\s*(?:is\s+|=\s*|[:：]\s*)${TARGET}`,
  // Japanese and Korean for sending from a domain: "contoso.com の送信で", "contoso.com から送信すると", "contoso.com에서 보낼 때".
  String.raw`${TARGET}\s*(?:(?:から|より)の?\s*(?:送信|送った|送る|送ると|メール)|の送信)`,
  String.raw`${TARGET}\s*에서\s*(?:보낼|보낸|보내면|발송|전송)`,
  // The same with the recipient between: "contoso.com から bob@y に送ると", "contoso.com 寄給 bob@y", "contoso.com에서 bob@y으로".
  String.raw`${DOMAIN_CAPTURED}\s*(?:から|より|에서|寄給|寄给|发给|發給|发送到|發送到|寄到)\s*(?=<?[\w.+-]+@)`,
  // "contoso.com users can't send …", "contoso.com staff get 5.7.23"
  String.raw`${TARGET}\s+(?:users?|staff|employees|people|mailboxes|accounts)\s+(?:can't|cannot|can\s+not|are\s+unable|gets?|are\s+getting|keep\s+getting)\b`,
  // "we (contoso.com) get …", "sending as ada@x", "ada@x -> bob@y", "ada@x → bob@y"
  String.raw`\b(?:we|us)\s*[(（]\s*${TARGET}\s*[)）]`,
  // "We use contoso.com and get 5.7.23", "we own the domain contoso.com"; in French, Swedish and German: "on utilise
  // contoso.com", "nous utilisons le domaine …", "vi använder contoso.com", "wir verwenden die Domain …"
  String.raw`\b(?:we|I)\s+(?:use|own|run|have|are\s+on|send\s+as)\s+(?:the\s+)?(?:domain\s+)?${DOMAIN_CAPTURED}`,
  String.raw`\b(?:on\s+utilise|nous\s+utilisons|j['’]utilise|vi\s+(?:använder|har|kör)|jag\s+använder|wir\s+(?:verwenden|nutzen|haben)|ich\s+(?:verwende|nutze))\s+(?:le\s+domaine\s+|domänen\s+|die\s+domain\s+)?${DOMAIN_CAPTURED}`,
  // Japanese, Korean, Chinese: "contoso.com を使っていて", "contoso.com 를 사용하는데", "我們使用 contoso.com".
  String.raw`${DOMAIN_CAPTURED}\s*(?:を(?:使って|使用して|利用して)|(?:을|를)\s*(?:사용|쓰고))`,
  String.raw`(?:我們|我们|我|本公司)(?:使用|用的是|用)\s*${DOMAIN_CAPTURED}`,
  String.raw`\b(?:send(?:ing)?|sent|mail(?:ing)?|e-?mailing)\s+as\s+${TARGET}`,
  String.raw`${ADDRESS}\s*(?:->|-->|=>|→|⇒)\s*${ADDRESS}`,
  // "sender ada@x", "sender: ada@x", "sent by ada@x"
  String.raw`\b(?:sender|sent\s+by)\s*(?:[:：]|\s+is)?\s*${TARGET}`,
  // "user ada@x gets 5.7.23", "mailbox ada@x can't send"; "when ada@x mails bob@y"
  String.raw`${ADDRESS}\s+(?:mails|e-?mails|sends|sent|is\s+sending|writes\s+to)\b`,
  String.raw`\b(?:user|mailbox|account)\s+${ADDRESS}\s+(?:gets?|got|is\s+getting|receives?|received|can't|cannot|can\s+not)\b`,
  // French, Swedish, German: "envoyé depuis ada@x", "expéditeur : ada@x", "skickat från ada@x", "Absender ada@x"
  // (Not "un message d'erreur de bob@y", "ett felmeddelande från bob@y", "eine Fehlermeldung von bob@y": the recipient side's.)
  String.raw`\b(?:envoy\w*|exp[ée]di\w*|message|courriel)\b(?!\s+d['’](?:erreur|échec|non-remise))[^\n.?!]{0,30}?\b(?:de|depuis)\s+${TARGET}`,
  String.raw`(?:\bexp[ée]diteur|(?<!${ERROR_REPORT_WORDS}\s)\bfrån|\bavsändare|(?<!${ERROR_REPORT_WORDS}\s)\bvon|\babsender)\s*[:：]?\s*${TARGET}`,
  // Japanese, Chinese, Korean: "ada@x から", "从 ada@x 发给", "ada@x 寄出", "ada@x에서"; "送信者: ada@x"
  // (Not "bob@y から 550 5.7.23 が返ってきました", "bob@y에서 오류가 돌아왔습니다", "从 bob@y 退回", what came back from the recipient's side.)
  String.raw`${ADDRESS}\s*(?:から|より|寄出|發出|发出|에서)${NOT_CAME_BACK}`,
  String.raw`(?:从|從)\s*${ADDRESS}${NOT_CAME_BACK}`,
  String.raw`(?:送信者|差出人|寄件者|發件人|发件人|보낸\s*사람)\s*(?:[:：]|は|が|是|은|는)?\s*${TARGET}`,
  // Korean's honorific subject: "ada@x 님이 bob@y 에게 보낸 메일"
  String.raw`${ADDRESS}\s*(?:님이|님께서)`,
].map((s) => new RegExp(s, 'i'));

// Each pattern captures the address the message was sent to: "to bob@y", "mailing bob@y", "à bob@y", "bob@y に".
const RECIPIENT_PATTERNS: RegExp[] = [
  String.raw`(?:\b(?:to|mailing|e-?mailing|writing\s+to|till)|(?:\bmail|nachricht)\s+an|(?<![\w-])à)\s+${ADDRESS}`,
  String.raw`\b(?:mails|e-?mails|for)\s+${ADDRESS}`,
  String.raw`(?:->|-->|=>|→|⇒)\s*${ADDRESS}`,
  String.raw`\brecipient\s*[:：]\s*${ADDRESS}`,
  String.raw`${ADDRESS}\s*(?:に|へ|宛て?|에게|(?:으)?로)`,
  // "user bob@y is not receiving our mails"
  String.raw`\b(?:user|mailbox|account|recipient)\s+${ADDRESS}\s+(?:is\s+not|isn't|doesn't|does\s+not|never)\s+(?:receiv|get)`,
  String.raw`(?:发给|發給|寄给|寄給|发送到|發送到|给|給)\s*${ADDRESS}`,
  // "un message d'erreur de bob@y", "ett felmeddelande från bob@y", "eine Fehlermeldung von bob@y"
  String.raw`(?:\bmessage\s+d['’](?:erreur|échec|non-remise)|\brebond)\s+de\s+${ADDRESS}`,
  String.raw`${ERROR_REPORT_WORDS}\s+(?:från|von)\s+${ADDRESS}`,
  // "a bounce back from bob@y", "an NDR from bob@y"
  String.raw`\b(?:bounces?|bounced|ndrs?|errors?|rejections?|replies|reply|responses?)\s+(?:(?:message|mail|e-?mail)\s+)?(?:back\s+)?from\s+${ADDRESS}`,
  // What came back from an address: "bob@y から 550 5.7.23 が返ってきました", "bob@y에서 오류가 돌아왔습니다", "从 bob@y 退回".
  String.raw`${ADDRESS}\s*(?:から|より|에서)(?=${CAME_BACK})`,
  String.raw`(?:从|從)\s*${ADDRESS}(?=${CAME_BACK})`,
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

/** A reply code where a reply starts: `550 5.7.23`, `550-5.7.26`, `550 #5.1.1`, or the enhanced code alone (a sentence may end right after it). */
const CODE_AT = /(?<![\w.-])(?:[245]\d\d[ -]#?(?:[245]\.\d{1,3}\.\d{1,3}(?!\w|\.\w))?|[245]\.\d{1,3}\.\d{1,3}(?!\w|\.\w))/;
/** What introduces a server's reply quoted after it ("said:", "returned '", "smtp;"): the words after it are the server's. */
const REPLY_INTRO = /(?:[:;'"“‘«「(]|\b(?:said|returned|replied|answered|response|responded|reason))\s*$/i;
/** A person's clause ("when sending from …", "each time we mail …"), not a server's words. */
const PERSON_CLAUSE = /\b(?:when|whenever|while|if|after|each\s+time|every\s+time|lorsque|quand|när|wenn|beim)\s+(?:\S+\s+){0,2}$/i;
/** A question or a request for help after the code ("…, what should I do?"). */
const QUESTION = /[?？]|[,.;]\s+(?:what|how|why|any|can|could|please|help|anyone|is\s+there)\b/i;
/** Words that only join the code to the person's sentence ("… 5.7.23 when", "… 5.7.23 for"). */
const TRAILING_JOIN = /(?:[\s,;:.!([\-–—]|\b(?:when|whenever|while|if|after)\s+(?:we|they|you|I|users?)\b|\b(?:when|whenever|while|if|after|each\s+time|every\s+time|and|but|for|on|in|with|by|errors?|ndr|bounces?|sending|sent|mailing|e-?mailing|writing|trying\s+to\s+send|quand|lorsque|lors\s+de|en|pour|när|för|wenn|beim|bei(?:\s+einer?\s+(?:e-?mail|mail|nachricht))?|mit))+$/i;
/** A letter no SMTP reply is written with ("é", "の", "은"). */
const NON_ASCII_LETTER = /(?![A-Za-z])\p{L}/u;
/** What may stand between an address and the code that follows it: ", 5.7.23", ": 550 5.7.23", "- 5.7.23". */
const LEADING_PUNCTUATION = /^[\s,;:–—-]+$/;
/** A quoted reply: `I get "550 5.7.1 Message rejected"`. */
const QUOTED = /["“'‘«「]\s*([245]\d\d[ -][^"”'’»」\n]{0,500}?|[245]\.\d{1,3}\.\d{1,3}[^"”'’»」\n]{0,500}?)\s*["”'’»」]/;

const OPENER: Record<string, string> = { ')': '(', ']': '[' };

function occurrences(text: string, c: string): number {
  return text.split(c).length - 1;
}

/**
 * The words without a closing bracket at their end that opens nowhere in them ("NDR (550 5.7.23) when mailing …" cut
 * before "when" leaves "550 5.7.23)"), and the joins that uncovers; a bracket they open stays (Yahoo's "[TSS04]").
 */
function withoutUnmatchedClosers(words: string): string {
  let w = words;
  for (;;) {
    const last = w.at(-1) ?? '';
    const open = OPENER[last];
    if (!open || occurrences(w, open) >= occurrences(w, last)) return w;
    w = w.slice(0, -1).replace(TRAILING_JOIN, '');
  }
}

/** Where a typed phrase (the sender's, the recipient's) starts in `line` at or after `from`, or -1. */
function typedPhraseAt(line: string, from: number): number {
  const rest = line.slice(from);
  let at = -1;
  for (const re of [...PATTERNS, ...RECIPIENT_PATTERNS, ...RECIPIENT_DOMAIN_PATTERNS]) {
    const m = re.exec(rest);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  return at < 0 ? -1 : from + at;
}

/**
 * What a typed question says the server replied, when the line the readers took for the reply is the
 * person's sentence: "Getting 550 5.7.23 when sending from ada@x to bob@y, what should I do?" was quoted
 * whole as the server's words (on the card, and in the message to the receiving side's admin). The server's
 * words are the quoted reply if there is one, else the code and the words that follow it up to the person's
 * own clause; SMTP replies are ASCII, so words in another script are the person's. Undefined when the line
 * reads as a server's reply (it starts with the code, or a label such as "said:" introduces it).
 */
export function typedReplyWords(line: string, text: string): string | undefined {
  if (!typedLines(text)) return undefined;
  const code = CODE_AT.exec(line);
  if (!code) return undefined;
  const typed = typedPhraseAt(line, 0) >= 0;
  // A reply the person quotes inside their sentence: the quotes say where the server's words are.
  const quoted = typed ? QUOTED.exec(line) : null;
  if (quoted && quoted[0].length < line.trim().length) return quoted[1]!.trim();
  const before = line.slice(0, code.index);
  const after = typedPhraseAt(line, code.index + code[0].length);
  // SMTP replies are ASCII: words in another script before the code are the person's, whatever they say.
  const personBefore = ((typed && /\p{L}/u.test(before)) || NON_ASCII_LETTER.test(before)) && !REPLY_INTRO.test(before);
  const personAfter = after >= 0 && PERSON_CLAUSE.test(line.slice(0, after));
  // Only punctuation before the code (", 5.7.23" after the address it was for): the words from the code on.
  if (!personBefore && !personAfter) return LEADING_PUNCTUATION.test(before) ? line.slice(code.index).trim() : undefined;
  let words = line.slice(code.index, after >= 0 ? after : undefined);
  const question = QUESTION.exec(words);
  if (question) words = words.slice(0, question.index);
  // From the first word written with a letter outside ASCII ("… 5.7.23 när jag skickar", "… 5.7.23 で返ってきます").
  const foreign = /\S*[^\x20-\x7e]/.exec(words.slice(code[0].length));
  if (foreign) words = words.slice(0, code[0].length + foreign.index);
  words = withoutUnmatchedClosers(words.replace(TRAILING_JOIN, ''));
  return words.length >= code[0].trim().length ? words : code[0].trim();
}
