/**
 * The recipient's address: unknown (5.1.x), not found by Exchange Online (5.1.10), refused by
 * Directory-Based Edge Blocking or because the destination does not take mail for that domain (5.4.1),
 * an Outlook.com address that does not exist (5.5.0), a sender the destination refuses (5.1.0). The
 * recipient's domain is checked in DNS: a domain that does not exist is a typo, not a missing mailbox.
 */
import { OUTLOOK_COM } from '../code-table';
import { DNS_LOOKUP_FAILED, familyPlaybook, LOOP, NO_ANSWER, step, type FamilyDiagnosis } from '../family';
// The mailbox family's words for a full mailbox: what this family leaves to it under an address code.
import { OVER_QUOTA, TOO_LARGE } from './mailbox';
// The policy family's words for a block list or a rate limit: what this family leaves to it under an address code.
import { NAMED_LIST, PERSONAL_BLOCK, RATE_LIMITED, SENDER_DOMAIN_UNKNOWN, TOO_MANY_INVALID } from '../policy-words';

export type AddressDiagnosis = FamilyDiagnosis<'recipient'>;

declare module '../types' {
  interface PlaybookDiagnoses {
    recipient: AddressDiagnosis;
  }
}

// X.1.7 and X.1.8 are about the sender's address (RFC 3463): the sender-domain rules below read them.
const ADDRESS_CODES = /^5\.1\.(?:[1-69]|1[1-9])$/;

/**
 * The sending side's own words for a recipient domain it couldn't find, naming it, as Gmail's report says it in each
 * language ("because the domain x couldn't be found", "ドメイン x が見つからなかった", "x 도메인을 찾을 수 없어", "找不到網域 x",
 * "le domaine x est introuvable", "domänen x inte hittades"): no server was reached to refuse an address.
 */
const DOMAIN_NAME = String.raw`[\w-]+(?:\.[\w-]+)+`;
const DOMAIN_NOT_FOUND_NAMED = new RegExp(
  [
    String.raw`\bdomain\s+${DOMAIN_NAME}\s+(?:couldn['’]t|could\s+not|can['’]t|cannot)\s+be\s+found\b`,
    String.raw`ドメイン\s*${DOMAIN_NAME}\s*(?:が|は)(?:見つからなかった|見つかりません)|(?<![\w.-])${DOMAIN_NAME}\s*도메인[을이가]?\s?찾을\s?수\s?없|找不到(?:網域|网域|域名)\s*${DOMAIN_NAME}`,
    String.raw`\bdomaine\s+${DOMAIN_NAME}\s+(?:est\s+)?introuvable\b|\bdomänen\s+${DOMAIN_NAME}\s+(?:hittades\s+inte|inte\s+hittades)|\bDomain\s+${DOMAIN_NAME}\s+nicht\s+gefunden\b`,
    String.raw`\bno\s+se\s+(?:ha\s+)?encontr\w*\s+el\s+dominio\s+${DOMAIN_NAME}|\bdominio\s+${DOMAIN_NAME}\s+non\s+è\s+stato\s+trovato\b`,
  ].join('|'),
  'i',
);

/** RFC 7505's null MX as sending servers report it: the recipient's domain declares it takes no mail. */
const NULL_MX = /\bnull ?MX\b|\bdoesn['’]t receive email according to the administrator\b|\bMX or SRV record indicated no SMTP service\b/i;

/** Japan's mobile carriers (NTT docomo, au by KDDI, SoftBank and its Y!mobile, Rakuten), by address domain or receiving host. */
const JP_CARRIERS = /(?:^|\.)(?:docomo\.ne\.jp|ezweb\.ne\.jp|au\.com|softbank\.ne\.jp|i\.softbank\.jp|disney\.ne\.jp|ymobile\.ne\.jp|rakumail\.jp)$/i;
/**
 * The carriers' answers for a sender the recipient's filter refuses: au's "User unknown" with the address left
 * out ("550 : User unknown"), and "Unknown user" to the message itself (end of DATA), as docomo gives it; in
 * their own reports' words, the recipient's refusal settings (受信拒否設定, 迷惑メール設定, 指定受信).
 */
const CARRIER_FILTERED = /\b550:?\s+:\s*User unknown\b|\bunknown user\b[\s\S]*\bin reply to end of DATA\b|受信拒否設定|迷惑メール(?:フィルター?|設定)|指定受信|受信許可(?:リスト|設定)/i;
const CARRIER_STEPS = [step('ask-carrier-allow', 'todo')];
const MALFORMED_STEPS = [step('write-address', 'problem'), step('fix-saved-address', 'todo')];
const ADDRESS_UNKNOWN_STEPS = [step('check-address', 'problem'), step('ask-another-way', 'todo'), step('backscatter', 'todo')];

/** A full mailbox, a message too large, a block list, a rate limit, a block for mail to unknown addresses, a failed DNS lookup or a mail loop, whatever address code carries it. */
const NOT_ABOUT_THE_ADDRESS = new RegExp(
  `${OVER_QUOTA.source}|${TOO_LARGE.source}|${NAMED_LIST.source}|${RATE_LIMITED.source}|${TOO_MANY_INVALID.source}|${DNS_LOOKUP_FAILED.source}|${LOOP.source}`,
  'i',
);

/**
 * The envelope sender refused as no usable address: Postfix's "Sender address rejected: need fully-qualified
 * address" (a bare name) and "… undeliverable address" (its check that a reply could reach the sender),
 * Gmail's "not a valid RFC 5321 address", RFC 3463's own words for X.1.7.
 */
const SENDER_ADDRESS_INVALID =
  /\bsender address rejected: (?:need fully[- ]qualified address|undeliverable address)\b|\bsender address (?:<[^>\n]{0,254}> )?is not a valid RFC[- ]?5321 address\b|\bbad sender(?:['’]s)? (?:mailbox )?address syntax\b|\binvalid sender address\b|\bmalformed sender address\b|\bsyntax error in (?:the )?(?:sender|MAIL FROM) address\b/i;

/** The recipient has moved to another address, in the words servers say it with (RFC 5321's 551 among them). */
const ADDRESS_MOVED = /\buser not local\b|\bmailbox has moved\b|\b(?:recipient|user|mailbox|address)\b[^\n]{0,40}\bhas moved\b/i;

/** An address the receiving directory holds more than once (X.1.4's meaning, in the words servers give it). */
const AMBIGUOUS_ADDRESS =
  /\bnot unique\.?\s+Several matches found\b|\bambiguous (?:recipient|address|user(?: name)?)\b|\b(?:recipient|address|user name)\b[^\n]{0,80}\bis not unique\b|\bRESOLVER\.ADR\.Ambiguous\b|\bAmbiguousRecipient\w*|\bmultiple objects with the same (?:proxy )?address\b/i;

/**
 * The recipient's address refused as no address at all (RFC 3463's X.1.3, in the words servers give it): Postfix's
 * "Recipient address rejected: need fully-qualified address" (a bare name) and "Bad recipient address syntax",
 * Gmail's "The recipient address <x> is not a valid RFC-5321 address", Exchange's "The format of the email
 * address isn't correct", Sendmail's "User address required".
 */
const MALFORMED_ADDRESS =
  /\brecipient address rejected: need fully[- ]qualified address\b|\b(?:recipient|destination)\s+(?:mailbox\s+)?address\s+syntax\b|\brecipient address (?:<[^>\n]{0,254}> )?is not a valid RFC[- ]?5321 address\b|\binvalid recipient address (?:syntax|format)\b|\bformat of the e-?mail address (?:isn['’]t|is not) correct\b|\bsyntax error in (?:the )?(?:recipient|RCPT TO) address\b|\bmalformed recipient address\b|\bUser address required\b|\bmalformed address: |\brecipient addresses that were incorrectly constructed\b/i;

/**
 * Words that say a well-formed address has no mailbox, which some servers write under X.1.3 all the same ("Invalid
 * recipient", but not Exchange's "invalid recipient address").
 */
const NO_SUCH_MAILBOX =
  /\b(?:user|recipient|mailbox|account)\s+(?:is\s+)?(?:unknown|not\s+found|does\s*n[o']t\s+exist)\b|\bunknown\s+(?:user|recipient|mailbox)\b|\bno\s+such\s+(?:user|recipient|mailbox|account)\b|\binvalid\s+(?:recipient|user|mailbox|account)\b(?!\s+address)|\bdestinataire\s+invalide\b/i;

/** The recipient doesn't take mail from the sender's own address, named (not from an IP or a domain); qmail's badmailfrom list. */
const NOT_FROM_THIS_SENDER = /\b(?:is|are) not accepting (?:e-?mail|mail|messages) from [^\s@<>]{1,64}@[\w.-]+|\b(?:server|we) (?:does|do) ?n[o']t accept (?:e-?mail|mail|messages) from (?:the domain )?(?![\d.]+\b)[\w-]+(?:\.[\w-]+)+|\benvelope blocked\s*[-–]\s*user (?:domain )?entry\b|\benvelope sender is in my badmailfrom list\b/i;

/** The receiving side refuses the sender's address, in words that say so with no code that says more. */
const SENDER_REFUSED =
  /\bsender (?:email )?(?:address )?(?:rejected|was rejected|denied)\b|\binvalid sender\b|\bemetteur invalide\b|\brejected sender address\b|\badresse d['’]exp[ée]diteur rejet[ée]e|\bAbsender(?:adresse)?\s+(?:wurde\s+)?abgelehnt\b|\bexp[ée]diteur\s+(?:refus|rejet)[ée]|\bremitente\s+rechazado\b|\bmittente\s+rifiutato\b|\bavsändaren?\s+(?:avvisad|nekad)|\bafzender\s+(?:geweigerd|afgewezen)\b|\bbogus mail from\b|\bsender is in my (?:black|block) ?list\b|\bsender not pre-?approved\b|\bon senderfilterconfig list\b|\brecipient preferences\b|\bmail is rejected by (?:the )?recipients?\b|\brefuses? to (?:receive|accept) (?:this |your )?mail\b|\bdue to user rules\b|\bonly accepting mail from specific\b/i;

/**
 * The receiving server's check of the sender's address failed: Exim's "Verification failed for <ada@contoso.example>
 * … Sender verify failed", Postfix's "Sender address rejected: undeliverable address: …" and "unverified address".
 */
const SENDER_VERIFY_FAILED = /\bsender verif(?:y|ication) failed\b|\bverification failed for <[^>\s]+>|\bcould not verify (?:the )?sender\b|\bsender address rejected: (?:undeliverable|unverified) address\b|\bsender callout (?:verification )?failed\b/i;

/** A receiving server's words for a recipient domain it doesn't take mail for. */
const NOT_HOSTED_HERE = /\bno such domain (?:at this location|here)\b|\bdomain (?:is )?not (?:hosted|handled|served) (?:here|by this server)\b|\brecipient (?:address )?is not local\b|\bnot a local (?:domain|recipient)\b/i;

/** Words that say the address has no mailbox, whatever code carries them (Gmail's, Domino's among them). */
const UNKNOWN_ADDRESS =
  /\b(?:user|recipient|addressee|mailbox|address|account)\s+(?:is\s+)?(?:unknown|not\s+found|does\s*n[o']t\s+exist)\b|\b(?:unknown|invalid|no\s+such)\s+(?:user|recipient|mailbox|address|account)\b|\binvalid\s+final\s+delivery\s+userid\b|\bdoes\s*n[o']t\s+have\s+an?\s+[\w.-]+\s+account\b|\bemail account that you tried to reach does\s*n[o']t exist\b|\baddress could(?:n['’]t|\s+not) be found\b|\bnot listed in (?:the )?(?:Domino|public) directory\b|\bnot listed in (?:the )?public Name (?:&|and) Address Book\b|\bno mailbox here by that name\b|ディレクトリには見つかりません/i;

/** What a reply says of a domain it couldn't find: right after naming it, and anywhere in its words. */
const DOMAIN_FAILED_WORDS = String.raw`(?:does\s*n[o']t exist|is unknown|not found|(?:is )?unresolvable|could not be resolved|does\s*n[o']t resolve|has no (?:MX|DNS|A)\b)`;
const AFTER_SENDER_DOMAIN = new RegExp(`^\\W{0,3}${DOMAIN_FAILED_WORDS}`, 'i');
const DOMAIN_FAILED = new RegExp(DOMAIN_FAILED_WORDS, 'i');

/** cPanel's words for a recipient its check didn't find, which go on to name a block list as one possibility. */
const CPANEL_NO_ACCOUNT = /\bthe account or domain may not exist\b/i;

/**
 * More ways servers say the address has no mailbox, taken on their own only when the code says nothing
 * more (a bare 550, 5.0.0): qmail's and vpopmail's lists, directory misses, and the words in other languages.
 */
const UNKNOWN_ADDRESS_ALONE = new RegExp(
  [
    String.raw`\bnot\s+a\s+(?:valid|known)\s+(?:user|recipient|mailbox|address)\b`,
    // The address named between the words: "User [kim@x] does not exist", "Rcpt <kim@x> does not exist".
    String.raw`\b(?:user|recipient|rcpt|mailbox|address)\s+(?:<[^<>\s]{1,254}>|\[[^\[\]\s]{1,254}\]|"[^"\s]{1,254}"|[^\s<>"\[\]]{1,64}@[^\s<>"\[\]]{1,190})\s+(?:does\s*n[o']t\s+exist|is\s+(?:unknown|not\s+known|not\s+valid|invalid))\b`,
    // An address alone before the words ("550 kim@x does not exist."), unless it is the sender's ("Domain of sender address x does not exist").
    String.raw`(?<!\bsender\s+(?:address\s+)?)(?<![\w.+-])<?[^\s<>"@]{1,64}@[\w-]+(?:\.[\w-]+)+>?:?\s+does\s*n[o']t\s+exist\b`,
    String.raw`(?<!\btoo\s+many\s+)\bbad[_ ]recipient\b`,
    String.raw`\bnon-?existent\s+(?:user|recipient|mailbox|address|account)\b`,
    String.raw`\bis\s+not\s+(?:a\s+known\s+user|a\s+valid\s+mailbox|an\s+active\s+address)\b`,
    String.raw`\b(?:mailbox|recipient|user|address)\s+(?:is\s+)?(?:invalid|not\s+(?:present|found|exists?|valid|known))\b`,
    String.raw`\bno\s+(?:such\s+person|account\s+by\s+that\s+name|mailbox\s+(?:found|by\s+that\s+name)|mail\s?box\s+available\s+for\s+this\s+user)\b`,
    String.raw`\bdoes\s*n[o']t\s+have\s+a\s+final\s+(?:e-?mail\s+)?delivery\s+point\b|\bthere\s+is\s+no\s+one\s+at\s+this\s+address\b|\baddress\s+not\s+present\s+in\s+(?:the\s+)?directory\b|\bdestination\s+addresses\s+were\s+unknown\b`,
    String.raw`\buser['’]s\s+email\s+name\s+is\s+not\s+found\b|\binvalid\s+or\s+unknown\s+virtual\s+user\b|\bRESOLVER\.ADR\.Recip(?:ient)?\s?Not\s?Found\b|\baddress\s+is\s+wrong\s+or\s+no\s+longer\s+valid\b|@\S+\s+is\s+no\s+longer\s+valid\b`,
    // A directory server's miss (Yale's phquery: "No matches to nameserver query", its "nameserver" the ph directory, not DNS).
    String.raw`\bno\s+matches\s+to\s+nameserver\s+query\b`,
    String.raw`\bbad\s?rcpt\s?to\b|\bbadrecipientto\b|\bnot\s+in\s+my\s+validrcptto\b|\bunknown\s+or\s+illegal\s+alias\b|\brecipient\s+no\s+longer\s+on\s+(?:this\s+|the\s+)?server\b`,
    String.raw`\brecipient\s+address\s+rejected:\s*(?:invalid[- ]?(?:user|recipient)|user\s?unknown|unknown\s+user)\b`,
    // Spanish, Italian, French, German.
    String.raw`\bno\s+existe\s+(?:dicha\s+persona|ese\s+usuario)\b|\bnessun\s+utente\b|\b(?:usuario|utilisateur|utente)\s+(?:desconocido|inconnu|sconosciuto)\b|\bdestinataire\s+inconnu\b|\bunbekannte[rs]?\s+(?:empfänger|benutzer)\b|\bbenutzer\s+unbekannt\b`,
  ].join('|'),
  'i',
);

export const playbook = familyPlaybook({
  id: 'recipient',
  rank: 20,
  rules: [
    // Japan's mobile carriers answer "User unknown" when the recipient's own reception settings refuse the sender
    // (mail only from listed addresses or domains, none from computers): au as "550 : User unknown", with no
    // address; docomo as "Unknown user" to the message itself (end of DATA, which sendmail reports as 5.2.0),
    // where a missing address is refused at RCPT TO. The address exists: the recipient must allow the sender.
    { cause: 'carrier-filter', codes: [/^5\./], hosts: JP_CARRIERS, words: CARRIER_FILTERED, wordsAlone: CARRIER_FILTERED, owner: 'recipient', steps: CARRIER_STEPS },
    { cause: 'carrier-filter', codes: ['5.2.0'], hosts: JP_CARRIERS, words: /\bunknown user\b/i, owner: 'recipient', steps: CARRIER_STEPS },
    // A stale entry of Outlook's autocomplete: an X.500 / IMCEAEX address that no longer resolves.
    {
      cause: 'stale-autocomplete',
      codes: [ADDRESS_CODES, '5.1.10'],
      words: /IMCEAEX|legacyExchangeDN|\bX500\b|ExRecipNotFound/i,
      owner: 'sender',
      steps: [step('clear-autocomplete', 'problem'), step('retype-address', 'todo')],
    },
    // RFC 7505's X.1.10 is a recipient domain with a null MX ("Recipient address has null MX", Postfix's "Domain … does not
    // accept mail (nullMX)"): the domain says it takes no mail at all, most likely a mistyped one. Exchange's 5.1.10 is an
    // address its directory doesn't have (below).
    { cause: 'recipient-domain-missing', unreached: true, codes: ['5.1.10'], words: new RegExp(`${NULL_MX.source}|\\bdoes not accept mail\\b`, 'i'), owner: 'sender', steps: [step('fix-recipient-domain', 'problem')], checksRecipientDomain: true },
    // The same null MX in the sending server's words under any code: Gmail's "DNS Error: … The domain x doesn't receive
    // email according to the administrator: returned Null MX" (4.0.0 once given up), Exim's "an MX or SRV record indicated
    // no SMTP service", Postfix's "(nullMX)". Not a lookup that failed: the domain says it takes no mail. (The sender's own
    // domain's null MX is sender-domain-unknown, below.)
    {
      cause: 'recipient-domain-missing',
      unreached: true,
      codes: [/^[45]\.\d{1,3}\.\d{1,3}$/],
      words: NULL_MX,
      wordsAlone: NULL_MX,
      unless: /\bdomain of sender\b|\bsender(?:['’]s)? (?:address )?domain\b|\bsender address\b/i,
      owner: 'sender',
      steps: [step('fix-recipient-domain', 'problem')],
      checksRecipientDomain: true,
    },
    {
      cause: 'recipient-not-found',
      codes: ['5.1.10'],
      owner: 'varies',
      steps: [step('check-address', 'todo'), step('recipient-admin-mailbox', 'todo'), step('backscatter', 'todo')],
      checksRecipientDomain: true,
    },
    {
      cause: 'dbeb-rejected',
      codes: ['5.4.1'],
      words: /recipient address rejected|(?<!relay )access denied/i,
      // The same with no enhanced code, when Microsoft 365's own marks say it is its refusal (its AS(…) reason, its servers).
      wordsAlone: /\brecipient address rejected: access denied\b[^\n]*(?:\bAS\(\d+\)|\.protection\.outlook\.com\b)/i,
      owner: 'sender',
      steps: [step('check-address', 'problem'), step('recipient-admin-mailbox', 'todo')],
    },
    { cause: 'recipient-domain-missing', unreached: true, codes: ['5.1.2', '4.1.2'], words: DOMAIN_NOT_FOUND_NAMED, owner: 'sender', steps: [step('fix-recipient-domain', 'problem')], checksRecipientDomain: true },
    // A server that was reached and says it takes no mail for the domain ("550 No such domain at this location"),
    // under X.1.2 (which the words alone infer) or no code that says more.
    {
      cause: 'domain-not-accepted',
      codes: ['5.1.2'],
      words: NOT_HOSTED_HERE,
      wordsAlone: NOT_HOSTED_HERE,
      owner: 'recipient-admin',
      steps: [step('recipient-admin-accepted-domain', 'todo')],
      checksRecipientDomain: true,
    },
    // Exchange Online takes the domain's mail (its MX points there) for an organization with no mail service
    // left: "451 4.4.4 Mail received as unauthenticated, incoming to a recipient domain configured in a hosted
    // tenant which has no mail-enabled subscriptions".
    {
      cause: 'domain-not-accepted',
      codes: ['4.4.4', '5.4.4', '4.4.0'],
      words: /\bhosted tenant which has no mail-enabled subscriptions\b/i,
      owner: 'recipient-admin',
      steps: [step('recipient-admin-accepted-domain', 'todo')],
      checksRecipientDomain: true,
    },
    {
      cause: 'domain-not-accepted',
      codes: ['5.4.1'],
      // RFC 3463's X.4.1 is "no answer from host" as well: a server that was never reached (Postfix's
      // "connect to …: Connection refused", read as 5.4.1) is the transient family's.
      unless: NO_ANSWER,
      owner: 'recipient-admin',
      steps: [step('recipient-admin-accepted-domain', 'todo')],
      checksRecipientDomain: true,
    },
    {
      cause: 'consumer-mailbox-unavailable',
      codes: ['5.5.0'],
      // Outlook.com's wording, from Outlook.com (its front end or reason code in the reply).
      words: new RegExp(String.raw`^(?=[\s\S]*(?:${OUTLOOK_COM.source}))[\s\S]*(?:mailbox unavailable|requested action not taken|does not exist|no such)`, 'i'),
      owner: 'sender',
      steps: [step('check-address', 'problem'), step('ask-another-way', 'todo')],
      checksRecipientDomain: true,
    },
    // Google Groups: the group doesn't exist at that address, or doesn't let the sender post (its own words, no code).
    { cause: 'group-refused', codes: [], wordsAlone: /groups\.google\.com\/support\b/i, owner: 'sender', steps: [step('check-group', 'todo')] },
    // The receiving server looked up the sender's domain and found nothing: the sending side's address to fix.
    {
      cause: 'sender-domain-unknown',
      // 4.0.0: a 4xx with no enhanced code (Yahoo's "451 Message temporarily deferred due to unresolvable RFC.5321 from domain").
      codes: ['5.1.8', '5.1.7', '5.1.0', '5.7.1', '5.7.0', '5.2.0', '4.1.8', '4.7.1', '5.7.27', '4.0.0'],
      words: SENDER_DOMAIN_UNKNOWN,
      wordsAlone: SENDER_DOMAIN_UNKNOWN,
      owner: 'sender',
      steps: [step('fix-sender-domain', 'problem')],
    },
    // Under the sender's own address codes (X.1.7, X.1.8), any domain that doesn't exist is the sender's
    // (Exim's "SMTP error … after MAIL FROM:<…>: 550 5.1.7 No such domain").
    {
      cause: 'sender-domain-unknown',
      codes: ['5.1.7', '5.1.8'],
      words: /\bno such domain\b|\bdomain\b[^.\n]{0,40}\b(?:not found|does\s*n[o']t exist|unknown)\b|\bunknown domain\b/i,
      owner: 'sender',
      steps: [step('fix-sender-domain', 'problem')],
    },
    // Words that name the sender's own domain as one that doesn't exist (Exim's "553 5.1.0 contoso.example does not
    // exist"): the sender's domain, not the recipient's address, whatever address code carries them.
    {
      cause: 'sender-domain-unknown',
      codes: [/^5\.1\.\d{1,3}$/, '5.7.1', '5.0.0', '4.1.8', '4.0.0'],
      afterSenderDomain: AFTER_SENDER_DOMAIN,
      wordsAlone: DOMAIN_FAILED,
      owner: 'sender',
      steps: [step('fix-sender-domain', 'problem')],
    },
    // X.1.7 is "bad sender's mailbox address syntax" (RFC 3463): the envelope sender isn't a usable address.
    // Exchange Online's "501 5.1.7 Invalid address" to a scanner or an app sending through it, Gmail's "not a
    // valid RFC 5321 address", Postfix's "need fully-qualified address" (under 5.5.2) and its check that the
    // sender can receive a reply ("undeliverable address"). Not the recipient's address: the code table's
    // X.1.x text would say it doesn't exist.
    { cause: 'sender-address-invalid', codes: ['5.1.7'], owner: 'sender', steps: [step('fix-sender-address', 'problem')] },
    // Sender verification (Exim's "Sender verify failed", Postfix's reject_unverified_sender): the receiving server asked the
    // sender's domain whether the address takes mail, and it didn't; the sender's side fixes its domain or server.
    {
      cause: 'sender-verify-failed',
      codes: ['5.1.8', '5.1.7', '5.1.0', '5.1.1', '5.7.1', '5.0.0', '5.5.0', '4.1.8', '4.1.7', '4.1.1', '4.7.1', '4.0.0'],
      words: SENDER_VERIFY_FAILED,
      wordsAlone: SENDER_VERIFY_FAILED,
      owner: 'sender',
      steps: [step('make-sender-verifiable', 'todo')],
    },
    {
      cause: 'sender-address-invalid',
      codes: ['5.5.2', '5.5.4', '5.1.3', '5.1.0', '5.7.1', '5.0.0', '5.5.0'],
      words: SENDER_ADDRESS_INVALID,
      wordsAlone: SENDER_ADDRESS_INVALID,
      owner: 'sender',
      steps: [step('fix-sender-address', 'problem')],
    },
    // Any other refusal of the sender's address (Exchange Online's "bad outbound sender" is the sender's own account: policy).
    {
      cause: 'sender-rejected',
      codes: ['5.1.8'],
      words: /sender address rejected|sender rejected/i,
      // The same refusal of the sender's address with no code that says more.
      wordsAlone: new RegExp(`${NOT_FROM_THIS_SENDER.source}|${SENDER_REFUSED.source}|${PERSONAL_BLOCK.source}`, 'i'),
      // Nor Postfix's "not owned by user": the sender's own server, whose account may not send as that address (policy).
      unless: /bad outbound sender|not owned by user/i,
      owner: 'recipient-admin',
      steps: [step('ask-to-allow-sender', 'todo')],
    },
    // The recipient's own setting refuses this sender: AOL's "they are not accepting mail from ada@contoso.example"
    // (whose words alone infer 5.7.1), a sender on the recipient's own block list. Not an IP or a domain on a
    // server's list: those are the policy family's.
    { cause: 'sender-rejected', codes: ['5.7.1', '5.7.0'], words: new RegExp(`${NOT_FROM_THIS_SENDER.source}|${PERSONAL_BLOCK.source}`, 'i'), owner: 'recipient-admin', steps: [step('ask-to-allow-sender', 'todo')] },
    // Exchange's sender filter under its own 5.7.105: "Sender denied as sender's email address is on SenderFilterConfig list".
    { cause: 'sender-rejected', codes: [/^5\.7\.\d{1,3}$/], words: /\bon SenderFilterConfig list\b/i, owner: 'recipient-admin', steps: [step('ask-to-allow-sender', 'todo')] },
    // qmail-style servers refuse an address they don't have with "550 #5.1.0 Address rejected grace@fabrikam.example"
    // (GoDaddy's among them): the recipient's address, not the sender's as Exchange's 5.1.0 would be.
    {
      cause: 'address-unknown',
      codes: ['5.1.0'],
      words: /#5\.1\.0\s+Address\s+rejected\b/i,
      owner: 'sender',
      steps: ADDRESS_UNKNOWN_STEPS,
      checksRecipientDomain: true,
    },
    {
      cause: 'sender-rejected',
      codes: ['5.1.0'],
      // Exchange's 5.1.0 is about the sender; elsewhere X.1.0 is any address, and the words may name the recipient. The
      // sender's domain on a block list ("550-5.1.0 MXIN506 MailFrom domain is listed in Spamhaus") is the policy family's.
      unless: new RegExp(`\\brecipient\\s+(?:address\\s+)?(?:rejected|unknown|not\\s+found|invalid|does\\s*n[o']t\\s+exist)\\b|${NAMED_LIST.source}`, 'i'),
      owner: 'recipient-admin',
      steps: [step('ask-to-allow-sender', 'todo')],
    },
    // RFC 3463's X.1.6, "destination mailbox has moved, no forwarding address", and RFC 5321's 551 "User not
    // local; please try <forward-path>": the address was right, and the person now has another one. In those
    // words only: Sendmail turns any 551 into 5.1.6, Comcast's "551 not our customer" among them.
    { cause: 'address-moved', codes: ['5.1.6', '5.1.1'], words: ADDRESS_MOVED, wordsAlone: ADDRESS_MOVED, owner: 'sender', steps: [step('use-new-address', 'problem')] },
    // RFC 3463's X.1.4, "destination mailbox address ambiguous": the address matched several directory entries
    // (Domino's "Recipient user name x not unique. Several matches found in Domino Directory", under 5.0.0).
    // It exists: it is the recipient's directory to mend, not the address to retype.
    {
      cause: 'address-ambiguous',
      codes: ['5.1.4', '4.1.4'],
      wordsAlone: AMBIGUOUS_ADDRESS,
      owner: 'recipient-admin',
      steps: [step('ask-admin-duplicates', 'todo')],
    },
    // Exchange's own words for it, under whatever code its queue gave up with ("4.4.7 QUEUE.Expired … Ambiguous
    // RecipientTransientException … multiple objects with the same proxy address", "4.2.0 RESOLVER.ADR.Ambiguous").
    { cause: 'address-ambiguous', codes: [/^[45]\.\d\.\d{1,3}$/], words: AMBIGUOUS_ADDRESS, owner: 'recipient-admin', steps: [step('ask-admin-duplicates', 'todo')] },
    // RFC 3463's X.1.3, "bad destination mailbox address syntax": the server couldn't read the address as one (a
    // space or a comma in it, no domain, a domain without its ending). Exchange Online writes "550 5.1.3
    // STOREDRV.Submit; invalid recipient address" for what Outlook sent as typed. Not "doesn't exist": the mailbox
    // may well exist once the address is written right. Unless the words say a well-formed address has no mailbox.
    // Exchange's store driver refused it before it left the sender's own organization: its words, not a receiving server's.
    { cause: 'address-malformed', codes: ['5.1.3'], words: /\bSTOREDRV\.Submit\b/, refusedBySender: true, owner: 'sender', steps: MALFORMED_STEPS },
    // In words that say so, under X.1.3, a protocol code (Postfix's 5.5.2 for a bare name) or none that says more.
    { cause: 'address-malformed', codes: ['5.1.3', '5.5.2', '5.5.4', '5.1.0', '5.5.0', '5.0.0'], words: MALFORMED_ADDRESS, wordsAlone: MALFORMED_ADDRESS, owner: 'sender', steps: MALFORMED_STEPS },
    {
      cause: 'address-malformed',
      codes: ['5.1.3'],
      unless: new RegExp(`${NO_SUCH_MAILBOX.source}|${UNKNOWN_ADDRESS_ALONE.source}|${NOT_ABOUT_THE_ADDRESS.source}`, 'i'),
      owner: 'sender',
      steps: MALFORMED_STEPS,
    },
    // cPanel's Exim when its recipient check fails: "The account or domain may not exist, they may be blacklisted,
    // or missing the proper dns entries": the address first (its domain is checked too), not a block list.
    {
      cause: 'address-unknown',
      codes: [ADDRESS_CODES, '5.7.1', '5.0.0'],
      words: CPANEL_NO_ACCOUNT,
      wordsAlone: CPANEL_NO_ACCOUNT,
      owner: 'sender',
      steps: ADDRESS_UNKNOWN_STEPS,
      checksRecipientDomain: true,
    },
    // A server that answers an unknown user with a mailbox (5.2.x), policy (5.7.0, 5.7.1) or temporary (4.1.1)
    // code, or an address code of its own (Exchange's 5.1.351 wraps the remote server's "550 User unknown"):
    // the words tell, qmail's and vpopmail's lists among them ("550 5.7.1 … not in my validrcptto list").
    {
      cause: 'address-unknown',
      codes: [/^[45]\.2\.\d{1,3}$/, '5.7.1', '5.7.0', '4.1.1', /^5\.1\.\d{2,3}$/, '5.7.17'],
      words: new RegExp(`${UNKNOWN_ADDRESS.source}|${UNKNOWN_ADDRESS_ALONE.source}`, 'i'),
      // Amazon SES labels every refused address "Unknown address error", a full mailbox too; "sender address is
      // invalid" is about the sender; and Mail.ru's "invalid mailbox … account is disabled" names a mailbox that exists.
      unless: /\bfull\b|quota|\bsender(?:'s)?\s+(?:e-?mail\s+)?address\s+(?:is\s+)?(?:invalid|not\s+(?:valid|found|known))|\baccount (?:has been |is )?(?:disabled|suspended|deactivated)\b/i,
      owner: 'sender',
      steps: ADDRESS_UNKNOWN_STEPS,
      checksRecipientDomain: true,
    },
    {
      cause: 'address-unknown',
      codes: [ADDRESS_CODES],
      wordsAlone: new RegExp(`${UNKNOWN_ADDRESS.source}|${UNKNOWN_ADDRESS_ALONE.source}`, 'i'),
      // Some servers (GoDaddy's) refuse with 5.1.1 or 5.1.3 for a block list or a rate limit: the words tell.
      unless: NOT_ABOUT_THE_ADDRESS,
      owner: 'sender',
      steps: ADDRESS_UNKNOWN_STEPS,
      checksRecipientDomain: true,
    },
  ],
  missingDomain: { cause: 'recipient-domain-missing', owner: 'sender', steps: [step('fix-recipient-domain', 'problem')] },
  // A recipient of the sender's own organization: the duplicate entries are in the sender's own directory.
  sameOrganization: { causes: ['address-ambiguous'], cause: 'address-ambiguous-internal', owner: 'sender', steps: [step('find-duplicate-address', 'todo')] },
});
