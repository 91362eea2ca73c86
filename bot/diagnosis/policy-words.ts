/**
 * The words the policy playbook reads a refusal by: the phrases servers use for each cause, as patterns.
 * Kept apart from the rules (playbooks/policy.ts), so that the rules read as what they decide; and out of
 * `playbooks/`, whose every file the registry loads as a playbook. The recipient playbook reads a few of
 * them too, to leave a block list or a rate limit under an address code to this family.
 */

/**
 * A block list the reply names by name or kind, or the lookup page of one (Cloudmark's CSI, Proofpoint's IP check); a
 * black list in the languages servers answer in (liste noire, liste de blocage, lista negra, Sperrliste, blockeringslista, zwarte lijst,
 * czarna lista, чёрный список, ブロックリスト, 차단 목록, 封鎖清單, …).
 * Barracuda only as its list (BRBL, "Barracuda Reputation", barracudacentral.org): it is also a filter that judges
 * content, and a name many receiving hosts carry.
 */
export const NAMED_LIST =
  /spamhaus|spamcop|barracuda(?:central|\s*reputation|\s*RBL|\s*block\s?list)|\bBRBL\b|sorbs|\bRBL\b|DNSBL|block ?list|black ?list|\bspam(?:mer)? ?list\b|csi\.cloudmark\.com|ipcheck\.proofpoint\.com|\bliste noire\b|\blista (?:negra|nera)\b|\bsvartlist|\bSperrliste\b|\bzwarte lijst\b|\bczarn(?:a|ej) li[sś]|ч[её]рн(?:ый|ом) спис|ブラックリスト|ブロックリスト|블랙리스트|차단\s?목록|黑名[单單]|封鎖清單|封锁名单|封鎖名單|\bliste de blocage\b|\bblockeringslista/i;
/** A block list the reply names, says the sender is on ("listed at …"), or T-Online's "(BL)". */
export const LISTED = new RegExp(`${NAMED_LIST.source}|listed (?:on|in|at|by)|\\b(?:due to|because of) (?:a |its )?listing (?:in|on|at)\\b|\\blisted as (?:suspicious|spam|a spam source|abusive)\\b|\\bblocked using [\\w-]+(?:\\.[\\w-]+)*\\.[a-z]{2,}\\b|\\bto clarify\\.\\)\\s*\\(BL\\)`, 'i');
/**
 * The sender's domain on a domain block list (the Spamhaus DBL), not the sending IP on an IP list: "Sender address
 * [x] blocked using dbl.spamhaus.org", Microsoft's "MailFrom domain is listed in Spamhaus … (S8001)".
 */
export const DOMAIN_LISTED =
  /\bdbl\.spamhaus\.org\b|\bSpamhaus DBL\b|\b(?:mail ?from|sender(?:['’]s)?(?: address)?) domain (?:is )?(?:listed|blocked) (?:in|on|at|by|using)\b|\bsender address \[[^\]\n]{1,254}\] blocked using\b|\(S8001\)/i;
/** A sending service (Amazon SES, SendGrid, AuthSMTP) that sends only from From addresses or domains verified in its account. */
export const SENDER_UNVERIFIED =
  /\bEmail address is not verified\b|\bidentities failed the check\b|\bdoes not match a verified Sender Identity\b|\bsender identity (?:is )?not verified\b|\b(?:envelope|header) from address (?:is )?not authori[sz]ed\b/i;
/** "Too many connections" in French, German, Spanish and Italian, and Chinese servers' "sending too often" (发信频率过快): a limit on the sending server, for good or for now. */
export const TOO_MANY_CONNECTIONS_LOCALIZED =
  /\btrop de connexions\b|\bzu viele Verbindungen\b|\bdemasiadas conexiones\b|\btroppe connessioni\b|\bför många (?:samtidiga )?anslutningar\b|(?:发信|發信|连接|連接)频率过快|(?:发信|發信|连接|連接)頻率過快|(?:连接数|連接數|連線數)(?:过多|過多)|接続(?:数)?が多すぎ|연결(?:이|수가)?\s?너무\s?많/i;
/** Outlook.com's hourly and daily limits on a sending IP: "421 RP-001 … We have limits for how many messages can be sent per hour and per day". */
export const OUTLOOK_COM_RATE = /\bRP-00[1-3]\b|\blimits for how many messages can be sent\b/i;
/** A limit on how much, or how often, a server takes mail from the sender: refused for good (a 4.x.x is throttling). */
export const RATE_LIMITED = new RegExp(
  String.raw`\b(?:connection|ip|domain|sender|user) frequency limited\b|${OUTLOOK_COM_RATE.source}|\bmaximum connection limit\b|\bconnection limit exceeded\b|\bper-domain connection limit\b|\bmax emails per hour\b|\btoo many (?:concurrent )?(?:smtp )?(?:connections|sessions)\b|\btoo many errors from your ip\b|${TOO_MANY_CONNECTIONS_LOCALIZED.source}|\btemporarily rate limited\b|\btry again slower\b|\bat a rate that prevents\b|\bthrottling failure\b|\b(?:daily|hourly) (?:user |SMTP )?(?:relay|sending|message) (?:quota|limit)\b|\bsending (?:rate|quota|limit) (?:exceeded|reached)\b|\bexceeded your sending limit\b|\btoo many (?:e-?mails|mails|messages) from\b|\brate limit(?:ed)? exceeded\b|\bhas sent (?:to )?too many (?:recipients|messages)\b|\bexcessive\s+volume\b|\boutbound\s+thread\s+limit\b|\bmessage\s+threshold\s+exceeded\b|\bunusual\s+sending\s+activity\b`,
  'i',
);
/** Relaying refused, in the words of servers that give no enhanced code (qmail's rcpthosts among them). */
export const RELAY_ALONE = new RegExp(
  [
    String.raw`\bunable\s+to\s+relay\b|\brelay(?:ing)?\s+(?:access\s+)?(?:denied|not\s+permitted|prohibited)\b|\bno\s+relaying\b|\bnot\s+(?:permitted|allowed)\s+to\s+relay\b`,
    String.raw`\bnot\s+an\s+open\s+relay\b|\bnot\s+configured\s+to\s+relay\b|\binsecure\s+mail\s+relay\b|\bisn['’]t\s+in\s+my\s+list\s+of\s+allowed\s+rcpthosts?\b|\bwe\s+don['’]t\s+handle\s+mail\s+for\b|\bnot\s+a\s+gateway\b|\brelaying\s+mail\s+to\s+\S+\s+(?:is\s+)?not\s+allowed\b|\b(?:we\s+)?do\s+not\s+relay\b|\buse\s+me\s+(?:\[[^\]]{0,200}\]\s+)?as\s+a\s+relay\b`,
    // In the languages servers answer in: German, French, Spanish, Italian, Portuguese, Swedish, Japanese, Chinese, Korean.
    String.raw`\brelay(?:ing)?\s+(?:nicht\s+(?:erlaubt|gestattet|zulässig)|verweigert|abgelehnt|interdit|refus[ée]|non\s+autoris[ée]|denegado|no\s+permitido|negado|negato|non\s+(?:consentito|permesso)|n[ãa]o\s+permitido)|\brelais\s+(?:interdit|refus[ée]|non\s+autoris[ée])|\bretransmisi[óo]n\s+(?:denegada|no\s+permitida)|\brelä(?:ning)?\s+(?:nekas|nekad|ej\s+tillåte[nt]|inte\s+tillåte[nt])|(?:中継|リレー)(?:は)?(?:拒否|禁止|許可されていません)|(?:中继|中繼)(?:被)?(?:拒绝|拒絕)|不(?:允许|允許)(?:中继|中繼)|릴레이(?:가|는)?\s?(?:거부|허용되지)`,
    // Google Workspace's SMTP relay, for a device or a server it doesn't know as the account's.
    String.raw`\binvalid\s+credentials\s+for\s+relay\b|\bIP\s+not\s+in\s+whitelist\s+for\s+RCPT\s+domain\b`,
    String.raw`\brelay\b[^\n]{0,40}\bwithout\s+authentication\b|\brequires\s+authentication\s+when\s+attempting\s+to\s+send\s+to\s+a\s+non-local\b`,
  ].join('|'),
  'i',
);
/**
 * The sending IP address reads to the receiver as a home or dynamic connection (an office router, a printer or
 * an application sending straight to the recipient's server), from which it takes no mail.
 */
export const DYNAMIC_IP =
  /\bdynamic(?:\/\w+)*\s+ips?\b|\bhosts?\s+with\s+dynamic\s+ip|\bdynamic\s+(?:ip\s+)?(?:address(?:es)?|range|pool|space)\b|\bresidential\s+(?:ip|address)|\bdial-?up\s+(?:ip|user|address|pool)|\bplease\s+use\s+(?:the\s+)?smtp\s+server\s+of\s+your\s+isp\b|\buse\s+your\s+(?:isp|provider)['’]?s?\s+(?:smtp|mail|outgoing)\s+(?:server|relay)\b|\bnot\s+authorized\s+to\s+send\s+(?:e-?mail|mail)\s+directly\s+to\s+our\s+servers\b|\buse\s+the\s+smtp\s+relay\s+at\s+your\s+service\s+provider\b|\bdynamically[- ]assigned\s+(?:ip\s+)?(?:address(?:es)?|ranges?|space|pools?|ips?)\b|\bDY-00\d\b/i;
/** The receiving server refuses the sending IP address by its own rules, with no list named ("bad sender ip address"). */
export const IP_REFUSED =
  /\b(?:bad|banned|blocked|rejected)\s+(?:sender|sending)\s+ip\b|\bsender\s+ip\s+(?:address\s+)?(?:rejected|blocked|banned)\b|\bnot\s+(?:currently\s+)?accepting\s+mail\s+from\s+your\s+ip\b|\baccess\s+forbidden\s+by\s+your\s+ip\b|\bno\s+access\s+from\s+mail\s+server\b|\baccess\s+from\s+ip\s+address\s+\S+\s+blocked\b|\b(?:you\s+are|your\s+host\s+is)\s+not\s+allowed\s+to\s+connect\b|\bclient\s+host\s+(?:\[[^\]\n]{1,60}\]\s+)?(?:is\s+)?blocked\b|(?<![\d.])\[?\d{1,3}(?:\.\d{1,3}){3}\]?\s+(?:has\s+been|is|was)\s+(?:blocked|banned)\b|\byour\s+ip(?:\s+address)?\s+(?:has\s+been|is|was)\s+(?:blocked|banned|rejected)\b|\bmail\s+from\s+\[?\d{1,3}(?:\.\d{1,3}){3}\]?\s+(?:is\s+)?not\s+allowed\b|(?:\badresse\s+IP|\bdirecci[óo]n\s+IP|\bindirizzo\s+IP|\bendere[çc]o\s+IP|\bIP-Adresse)\s+(?:\S+\s+)?(?:est|está|è|ist|wurde|foi)\s+(?:bloqu[ée]e?|bloquead[oa]|bloccat[oa]|blockiert|gesperrt)/i;
/** A refusal for the sending server's or domain's reputation, or the complaints about it, with no block list named. */
export const REPUTATION_ALONE = new RegExp(
  String.raw`\b(?:poor|bad|low|none\/bad)\s+(?:email\s+|sending\s+|ip\s+)?reputation\b|\breputation\s+(?:problems?|score)\b|\bdue\s+to\s+(?:ip\s+)?reputation\b|\b(?:user|spam)\s+complaints\b|\bextreme\s+bad\s+ip\s+profile\b|\btoo\s+many\s+(?:spams|unwanted\s+messages)\b|\blooks\s+suspiciously\s+like\s+(?:a\s+)?spammer\b|\b(?:you\s+are|currently)\s+sending\s+spam\b|\bip\s+reputation\b|\bblocked\s+for\s+abuse\b|\bunusual\s+rate\s+of\s+unsolicited\s+mail\s+originating\s+from\s+your\s+(?:ip|dkim)\b|\bsender\s+is\s+(?:a\s+)?spammer\b|\bsender\s+is\s+not\s+trusted\b|\bopen\s+proxy\b|${IP_REFUSED.source}`,
  'i',
);
/** The sending server wrote to too many addresses that don't exist (Cox's "too many invalid recipients"): blocked for a while. */
export const TOO_MANY_INVALID = /\btoo\s+many\s+(?:invalid|unknown|bad)\s+(?:recipients|addresses|users)\b/i;
/** A filter's verdict on the message, in words alone: spam, bulk mail, a virus, a banned attachment; Orange's reason code 506 ("OFR_506"). */
export const CONTENT_ALONE =
  /\bDT:SPM\b|\b(?:OFR|LPN|OUK)\d{0,3}_506\b|\bspam(?:-like|my|ming)?\b|\bbulk\.advertising\b|\bcontent\s+examination\b|\battachment\s+extension\s+is\s+forbidden\b|\bantispam\b|\bunsolicited\b|\bbulk\s+(?:e-?mail|mail|advertising)\b|\bcontent\s+(?:filter|reject(?:ed)?|denied)\b|\brejecting\s+(?:banned\s+|mail\s+)?content\b|\bunacceptable\s+content\b|\bmessage\s+filtered\b|\bspamassassin\b|\bspamprofiler\b|\brecurrent\s+pattern\s+detection\b|\buribl\b|\bvirus(?:es)?\b|\bmalware\b|\bmalicious\b|\bphishing\b|\bexecutable\s+(?:attachment|files?)\b|\battachment\s+types?\s+(?:that\s+)?(?:are\s+)?not\s+allowed\b|\battachments?\s+(?:is\s+|are\s+)?not\s+allowed\b|\billegal\s+attachment\b|\bnot\s+accept\s+messages\s+containing\s+(?:images|attachments)\b|\bnot\s+accepting\s+(?:e-?mail|mail|messages)\s+with\s+attachments\b|\bmass\s+mailer\b|\binfected\b|\b(?:black|block)-?listed\s+(?:url|link|domain)s?\b|\bURIBL\b|\bSURBL\b/i;
/**
 * The reply came before the message's content was sent: to the connection or the greeting, MAIL FROM or RCPT TO
 * (Postfix's "(in reply to RCPT TO command)" and "refused to talk to me", Exim's "SMTP error from remote mail server
 * after RCPT TO:<…>", Alibaba Mail's "… at Rcpt State"). A spam verdict there is on the sending server or the sender, not on the message.
 */
export const BEFORE_CONTENT =
  /\(in reply to (?:MAIL FROM|RCPT TO|HELO|EHLO) command\)|\brefused to talk to me\b|\bremote mail server after (?:pipelined )?(?:MAIL FROM|RCPT TO|HELO|EHLO|initial connection)\b|\bat (?:Rcpt|Mail|Helo|Ehlo|Connect) State\b/i;
/** Outlook.com's own block list: its reason codes (S3140, S3150, and Hotmail's older SC-001 to SC-004 and OU-001) and words. */
export const OUTLOOK_COM_BLOCK = /\(S31[45]0\)|\bSC-00[1-4]\b|\bOU-001\b|part of their network is on our block list/i;
/** Headers that don't follow the format rules: 8-bit data where only ASCII may be (without SMTPUTF8). */
export const HEADER_8BIT = /\bimproper use of 8-bit data in (?:the )?(?:message )?header\b|\b(?:8-?bit|non-ASCII) (?:data|characters?) in (?:the )?(?:message )?headers?\b/i;
/** The receiving server says it refused by its policy, and no more: its own rule, no code to say which. */
export const BY_POLICY =
  /\b(?:denied|rejected|refused|not accepted|not allowed) (?:by|for|due to) (?:local |site )?policy(?: reasons)?\b|\bnot accepted for policy reasons\b|\banti-spoofing policy\b|\bdue to organizational settings\b|\b(?:e-?mail |message )?policy violation detected\b|\bMailPolicy violation\b/i;
/**
 * A person's own blocked senders, or the sender's address on the server's list, not a public list of servers: nothing to
 * be delisted from. In the languages reports are written in too ("受信者によって拒否されました", "보낸 사람이 차단되었습니다",
 * "发件人已被列入黑名单", "L'expéditeur est bloqué", "Mottagaren har blockerat avsändaren").
 */
export const PERSONAL_BLOCK = /\byour (?:e-?mail |sender )?address (?:has been|is|was) (?:black|block)-?listed\b|\b(?:e-?mail|sender) address (?:has been|is|was) (?:black|block)-?listed\b|\b(?:to\/from|from) an address that (?:has been|is) (?:black|block)-?listed\b|\b(?:user|recipient)['’]?s? (?:block|black) ?list\b|\bblocked by the recipient\b|\bon the recipient['’]s (?:block|black) ?list\b|\bblocked senders? (?:list|policy)\b|\bBlocked Senders - block policy\b|\bAdministrative prohibition - envelope blocked\b|\bin my (?:block|black) ?list\b|\brejected by this user\b|受信者(?:によって|に|が)(?:受信を)?拒否|送信者(?:が|は)?(?:ブロック|拒否)され|수신자가[^.\n]{0,12}거부|(?:보낸\s?사람|발신자)(?:이|가|을|를)?\s?차단|(?:收件人|收件者)(?:已)?(?:拒绝|拒絕)(?:接收|接受)?|(?:发件人|發件人|寄件者|寄件人)(?:已)?(?:被)?(?:封鎖|封锁|阻止|列入黑名单|列入黑名單|拉黑)|\bdestinataire\s+a\s+refusé|\bexp[ée]diteur\s+(?:est\s+)?bloqu|\bmottagaren\s+har\s+(?:blockerat|avvisat|spärrat)|\bavsändaren\s+(?:är|har\s+blivit)\s+blockerad|\bAbsender\s+(?:ist\s+|wurde\s+)?(?:blockiert|gesperrt)|受信者の(?:ブロック|ブラック)リスト|(?:수신자|받는\s?사람)의\s?(?:차단\s?목록|블랙리스트)|(?:收件人|收件者)的(?:黑名[单單]|封鎖清單|封锁名单)|\bliste\s+(?:de\s+blocage|noire)\s+du\s+destinataire\b|\bmottagarens\s+(?:blockeringslista|svartlista)/i;
/** A link in the message on a list of bad URLs: the content, not the sending server. */
const LISTED_URL = /\b(?:black|block)-?listed\s+(?:url|link|domain)s?\s+in\s+(?:the\s+)?message\b|\bURIBL\b|\bSURBL\b|\b(?:URL|URI|link)s?\s+(?:that\s+(?:is|are)\s+)?(?:listed\s+)?(?:on|in)\s+(?:an?\s+|the\s+|our\s+)?(?:block|black)\s?list\b|\b(?:URL|URI|link)s?\s+(?:that\s+(?:is|are)\s+)?listed\s+(?:in|on|at|by)\b/i;
/** Not the public block list of sending servers that `LISTED` means. */
export const NOT_AN_IP_LISTING = new RegExp(`${PERSONAL_BLOCK.source}|${LISTED_URL.source}`, 'i');
/** A block list holding the sending server or domain: LISTED, unless the words are of a person's own list or a link in the message. */
export const SERVER_LISTED = new RegExp(`^(?![\\s\\S]*(?:${NOT_AN_IP_LISTING.source}))[\\s\\S]*(?:${LISTED.source})`, 'i');
/** Microsoft 365's words for automatic forwarding its outbound spam policy stopped (5.7.520, "AS(7555)"). */
export const FORWARDING_BLOCKED = /does ?n[o']t allow external forwarding|\bAS\(7555\)/i;
/**
 * The receiving server wants mail from the sending server over TLS, and this message came in the clear
 * (Gmail's 5.7.29 and 4.7.29 for bulk senders). Not a client's STARTTLS before signing in: that is
 * client-submission's.
 */
export const SENDER_TLS =
  /\b(?:isn['’]t|is not|wasn['’]t|was not)\s+(?:using|sent over)\s+a\s+TLS\s+connection\b|\brequires\s+all\s+(?:bulk\s+)?senders\s+to\s+use\s+a\s+TLS\s+connection\b|\bmust\s+be\s+sent\s+over\s+(?:a\s+)?TLS\b|\bTLS\s+connection\s+(?:is\s+)?required\b|\bsenders\s+to\s+use\s+TLS(?:\/SSL)?\s+for\s+SMTP\b|\broute\s+requires\s+(?:encryption|TLS)\b(?!\s+version)|\b(?:STARTTLS|TLS)\s+(?:is\s+)?required\s+(?:for|by)\s+(?:this\s+(?:domain|server|recipient)|RCPT\s+domain)\b/i;
/** A message whose form the receiving server can't take: its MIME structure, a header or a line over its limit, RFC 5322's fields. */
export const MESSAGE_FORM = /\bInvalid MIME Content\b|\bexceeded allowed maximum\b|\bheaders? (?:is |are )?too (?:long|large)\b|\bline (?:is )?too long\b|\bRFC ?5322\b|\bmalformed (?:message|header|MIME)\b|\bmessage is malformed\b|\b(?:contains\s+(?:an?\s+)?)?invalid\s+(?:message\s+)?headers?\b/i;
/** More ways servers say the message's form broke their rules: a header twice or too large, MIME too complex or malformed. */
export const MESSAGE_FORM_MORE =
  /\bduplicate\s+(?:[\w-]+\s+)?header\b|\btoo\s+many\s+equal\s+(?:[\w-]+\s+|X-)?headers\b|\bline\s+limit\s+exceeded\b|\bheader\s+size\s+exceeds\b|\bmime\s+complexity\b|\binvalid\s+mime\s+headers?\b|\bimproperly[- ]formatted\s+binary\s+content\b|\bunnecessary\s+base64\s+encoding\b|\bnot\s+RFC\s?(?:5322|2822)\s+compliant\b|\brfcmessagenoncompliant\b|\bheader\s+name\s+limit\b|\bindividual\s+header\s+size\b|\bheader\s+size\s+limits?\b|\bmessages?\s+without\s+(?:an?\s+)?(?:To|From|Date|Message-ID|Subject):?\s+(?:fields?|headers?)\b|\bheader\s+error\b/i;
/** The sending server's greeting (HELO/EHLO) refused: no full host name, or one DNS doesn't know (163.com's "MI:NHD"). */
export const HELO_REJECTED =
  /\bHelo command rejected\b|\b(?:HELO|EHLO) (?:domain|name|hostname|host name) (?:is )?(?:not a valid|invalid|not found)\b|\bneed fully-qualified hostname\b|\b(?:invalid|bad) (?:HELO|EHLO)\b|\bMI:NHD\b/i;

/**
 * The receiving server's words for a sender's domain it can't find in DNS (Sendmail's, Postfix's
 * reject_unknown_sender_domain), or that takes no mail (RFC 7505's null MX): the sender's domain, whatever the code.
 */
export const SENDER_DOMAIN_UNKNOWN =
  /\bdomain of sender address \S+ does not (?:exist|resolve|accept mail)\b|\bsender address rejected: domain not found\b|\bsender(?:['’]s)? (?:address )?domain (?:\S+ )?(?:not found|does\s*n[o']t (?:exist|resolve|have an? (?:MX|A|DNS) record)|has no (?:MX|DNS|A)(?: records?)?|could not be resolved)\b|\bsender address has null MX\b|\bFrom: Domain is invalid\b|\bunresolvable (?:sender )?domain\b|\bunresolvable RFC\.?\s?5321 from domain\b|\bAbsender-?domain\s+(?:existiert\s+nicht|nicht\s+gefunden|unbekannt)|\bdomaine\s+de\s+l['’]exp[ée]diteur\s+(?:n['’]existe\s+pas|introuvable|inconnu)|\bdominio\s+del\s+remitente\s+(?:no\s+existe|desconocido)|(?:送信者|送信元)のドメインが存在しません|(?:发件人|寄件者)(?:的)?(?:域名|網域)不存在|보낸\s?사람\s?도메인이\s?존재하지\s?않|\bsender domain must (?:exist|resolve)\b|\bunroutable sender address\b/i;
