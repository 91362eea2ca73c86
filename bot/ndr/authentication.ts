/**
 * What a bounce says about email authentication: the original message's own identities (the From
 * domain DMARC protects, the envelope domain SPF checks, the DKIM signatures it carried) and what the
 * rejecting server reported it saw (SPF, DKIM, DMARC, ARC), from its own words or from quoted
 * Authentication-Results / Received-SPF headers. Pure: text in, facts out.
 */
import { cleanAddress, domainOf } from './address';
import type { HeaderList } from './headers';
import { senderFields, type SenderFields } from './original';
import type { AuthenticationFacts, AuthResult, ReportedAuthentication } from './types';
import { matchesOf } from './matches';

const RESULTS: Record<string, AuthResult> = {
  pass: 'pass',
  fail: 'fail',
  hardfail: 'fail',
  softfail: 'softfail',
  neutral: 'neutral',
  none: 'none',
  temperror: 'temperror',
  permerror: 'permerror',
  policy: 'fail',
  bestguesspass: 'pass',
  'did not pass': 'fail',
  'not pass': 'fail',
  failed: 'fail',
  passed: 'pass',
};

const resultOf = (raw: string | undefined): AuthResult | undefined => (raw ? RESULTS[raw.toLowerCase().replace(/\s+/g, ' ')] : undefined);

const DOMAIN = String.raw`[a-z0-9](?:[a-z0-9-]{0,62}\.)+[a-z]{2,63}`;

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const DKIM_SELECTOR = /^[a-z0-9][a-z0-9._-]{0,62}$/i;

/** A DKIM-Signature's d= and s= tags (RFC 6376 3.5). */
export function signatureOf(value: string): { domain: string; selector: string } | undefined {
  const tag = (name: string): string | undefined => new RegExp(String.raw`(?:^|;)\s*${name}\s*=\s*([^;\s]+)`, 'i').exec(value)?.[1];
  const d = tag('d')?.toLowerCase();
  const s = tag('s')?.toLowerCase();
  if (!d || !s || !new RegExp(`^${DOMAIN}$`, 'i').test(d) || !DKIM_SELECTOR.test(s)) return undefined;
  return { domain: d, selector: s };
}

// Made once (stateless: not global): built per call they showed in profiles.
const MAIL_FROM = new RegExp(String.raw`smtp\.mailfrom\s*=\s*(?:[^\s;@]*@)?(${DOMAIN})`, 'i');
const HEADER_D = new RegExp(String.raw`header\.d\s*=\s*(${DOMAIN})`, 'i');
const GMAIL_SPF = new RegExp(String.raw`\bSPF\s*\[(${DOMAIN})\][^=]{0,80}=\s*(did not pass|pass)\b`, 'i');

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const METHOD_RESULT = /\b(spf|dkim|dmarc|arc)\s*=\s*([a-z]+)/gi;

/** `spf=fail`, `dkim=pass`, `dmarc=fail` (Authentication-Results, RFC 8601) and the domains they name. */
function fromResultsHeader(value: string): ReportedAuthentication {
  const out: ReportedAuthentication = {};
  for (const m of matchesOf(value, METHOD_RESULT)) {
    const method = m[1]!.toLowerCase() as 'spf' | 'dkim' | 'dmarc' | 'arc';
    const r = resultOf(m[2]);
    // The first result per method is the one that counts (later ones are other signatures).
    if (r && out[method] === undefined) out[method] = r;
  }
  const mailFrom = MAIL_FROM.exec(value)?.[1];
  const headerD = HEADER_D.exec(value)?.[1];
  if (mailFrom) out.spfDomain = mailFrom.toLowerCase();
  if (headerD) out.dkimDomain = headerD.toLowerCase();
  return out;
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const GMAIL_DKIM = /\bDKIM\s*=\s*(did not pass|pass)\b/i;
const METHOD_KNOWN_RESULT = /\b(spf|dkim|dmarc)\s*=\s*(pass|fail|softfail|none|neutral|temperror|permerror)\b/gi;
const DMARC_FAILURE_WORDS = /\bdmarc\b[^.]{0,80}\b(fail|reject|policy|verification)/i;

/**
 * The rejecting server's own words. Gmail: "DKIM = did not pass SPF [example.com] with ip: [192.0.2.1] =
 * did not pass"; Outlook.com: "Spf= Fail , Dkim= Pass , DMARC= Pass"; anyone: "dkim=fail", "DMARC policy".
 */
export function fromRemoteWords(text: string): ReportedAuthentication {
  const out: ReportedAuthentication = fromResultsHeader(text);
  const gmail = GMAIL_DKIM.exec(text);
  if (gmail) out.dkim = resultOf(gmail[1]);
  const gmailSpf = GMAIL_SPF.exec(text);
  if (gmailSpf) {
    out.spf = resultOf(gmailSpf[2]);
    out.spfDomain = gmailSpf[1]!.toLowerCase();
  }
  // "Spf= Fail" and friends, with a space around "=" (Outlook.com).
  for (const m of matchesOf(text, METHOD_KNOWN_RESULT)) {
    const method = m[1]!.toLowerCase() as 'spf' | 'dkim' | 'dmarc';
    out[method] ??= resultOf(m[2]);
  }
  if (out.dmarc === undefined && DMARC_FAILURE_WORDS.test(text)) out.dmarc = 'fail';
  return out;
}

const hasAny = (r: ReportedAuthentication): boolean => Object.values(r).some((v) => v !== undefined);

const METHODS = ['spf', 'dkim', 'dmarc', 'arc'] as const;

/**
 * What the rejecting server saw: its own words, completed by the quoted Authentication-Results when that
 * header agrees with every result the words state (then it is the same server's stamp, as Exchange Online
 * and Gmail add it: "spf=pass … smtp.mailfrom=…; dkim=none; dmarc=fail"). A header that contradicts the
 * words is another hop's view and stays apart, in `quoted`.
 */
function withQuoted(words: ReportedAuthentication, quoted: ReportedAuthentication | undefined): ReportedAuthentication {
  if (!quoted || METHODS.some((m) => words[m] !== undefined && quoted[m] !== undefined && words[m] !== quoted[m])) return words;
  const out: ReportedAuthentication = { ...words };
  for (const m of METHODS) if (out[m] === undefined && quoted[m] !== undefined) out[m] = quoted[m];
  // A domain belongs with its result: taken only with a result that came from the header or agrees with it.
  if (out.spfDomain === undefined && quoted.spfDomain && out.spf === quoted.spf) out.spfDomain = quoted.spfDomain;
  if (out.dkimDomain === undefined && quoted.dkimDomain && out.dkim === quoted.dkim) out.dkimDomain = quoted.dkimDomain;
  return out;
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const LEADING_WORD = /^\s*([a-z]+)/i;

export function readAuthentication(
  original: HeaderList | undefined,
  remoteTexts: string[],
  senders: SenderFields = original ? senderFields(original) : {},
): AuthenticationFacts | undefined {
  const facts: AuthenticationFacts = { signatures: [] };
  if (original) {
    const from = senders.from;
    const fromDomain = domainOf(from);
    if (from && fromDomain) {
      facts.fromDomain = fromDomain;
      facts.from = from;
    }
    const returnPath = cleanAddress(senders.returnPath);
    const mailFromDomain = domainOf(returnPath);
    if (returnPath && mailFromDomain) {
      facts.mailFromDomain = mailFromDomain;
      facts.mailFrom = returnPath;
    }
    for (const v of original.all('dkim-signature')) {
      const s = signatureOf(v);
      if (s && !facts.signatures.some((x) => x.domain === s.domain && x.selector === s.selector)) facts.signatures.push(s);
    }
    if (original.has('arc-seal')) facts.arcSealed = true;
    if (facts.signatures.length || original.has('received') || original.has('message-id')) facts.headersWhole = true;
    // Quoted results are an earlier hop's view (often the sender's own system): kept apart from the rejection.
    const quoted = fromResultsHeader([...original.all('authentication-results'), ...original.all('arc-authentication-results')].join('; '));
    const spfHeader = original.get('received-spf');
    if (spfHeader && quoted.spf === undefined) quoted.spf = resultOf(LEADING_WORD.exec(spfHeader)?.[1]);
    if (hasAny(quoted)) facts.quoted = quoted;
  }
  const reported = withQuoted(fromRemoteWords(remoteTexts.filter(Boolean).join('\n')), facts.quoted);
  if (hasAny(reported)) facts.reported = reported;
  if (!facts.fromDomain && !facts.mailFromDomain && !facts.signatures.length && !facts.reported && !facts.quoted && !facts.arcSealed) return undefined;
  return facts;
}
