/**
 * The shape shared by the playbooks that judge from the code and the remote server's words (recipient,
 * mailbox, policy, transient): an ordered list of rules, each naming a cause within the family, the codes
 * it takes, the words that must be there, who fixes it, and the steps that follow. The first rule that
 * matches a recipient is its sub-cause; the verdict is the primary recipient's.
 */
import type { MailHostReport } from '../dns/check-mail-host';
import { organizationalDomain } from '../dns/dmarc';
import { microsoftNetworkOf } from '../dns/microsoft';
import { parseClientIp } from '../dns/spf/ip';
import type { Bounce } from '../ndr/types';
import { recipientFacts, type Playbook, type PlaybookInput, type RecipientFacts, type Take } from './playbook';
import { recipientDomain } from './remote-admin';
import type { Confidence, DiagnosisBase, FixOwner, PlaybookDiagnoses, PlaybookId, Step, Verdict } from './types';

/** A code as written (`5.2.2`), or a test on it. */
export type CodeTest = string | RegExp | ((code: string) => boolean);

export interface FamilyRule {
  cause: string;
  codes: CodeTest[];
  /** Words the remote text must contain for this rule (any code of `codes` and these words). */
  words?: RegExp;
  /** Words that name another family's cause (under this rule's codes, or beside its words alone): the rule leaves such a reply to it. */
  unless?: RegExp;
  /**
   * Words that name this cause on their own, for a reply whose code names none (no enhanced code, or a
   * catch-all such as 5.0.0 or 5.3.0: `550 Unknown user`, `552 Mailbox full`). Only unmistakable phrases belong here.
   */
  wordsAlone?: RegExp;
  owner: FixOwner;
  /** The sender's own server refused to send (Exchange Online's outbound checks): the words quoted are its, not a receiving server's. */
  refusedBySender?: true;
  /** The receiving server was never reached, or never took the message (no answer, no such host, no TLS, retries given up): the words quoted are the sending server's report. */
  unreached?: true;
  /** Temporary: the sending server keeps retrying. */
  transient?: boolean;
  /**
   * Only for a recipient the sending server stopped retrying (see `BounceRecipient.stoppedRetrying`):
   * `refused` when the receiving server answered each time with a temporary refusal, `unreached` when it
   * never did. A rule without it takes either.
   */
  stopped?: 'refused' | 'unreached';
  /** Never for a recipient a delay notice reports (`BounceRecipient.stillRetrying`): the rule says delivery ended. */
  final?: true;
  steps: Step[];
  /** The steps while the sending server still retries (a 4.x.x status), when they differ: no resend that would arrive twice. */
  retrying?: Step[];
  /** Check the recipient domain's mail host (it may not exist: a typo in the domain). */
  checksRecipientDomain?: boolean;
  /** Only for a recipient of these mail systems: its address's domain, or the receiving server that answered. */
  hosts?: RegExp;
  /**
   * Only when the words name the bounce's sender's domain, standing alone, with these words after it ("553 5.1.0
   * contoso.example does not exist"): the domain they say failed is the sender's, not the recipient's.
   */
  afterSenderDomain?: RegExp;
}

export interface FamilyDiagnosis<P extends string> extends DiagnosisBase<P, string> {
  /** The recipient domain's MX and address records, when the family checked them. */
  mailHost?: MailHostReport;
}

/** `5.7.606`–`5.7.649` and the like. */
export function codeRange(cls: string, subject: number, from: number, to: number): (code: string) => boolean {
  return (code) => {
    const m = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(code);
    return Boolean(m && cls.includes(m[1]!) && Number(m[2]) === subject && Number(m[3]) >= from && Number(m[3]) <= to);
  };
}

function codeMatches(t: CodeTest, code: string): boolean {
  if (typeof t === 'string') return t === code;
  if (t instanceof RegExp) return t.test(code);
  return t(code);
}

/** The codes say nothing of the cause: none at all, or only a catch-all: x.0.0, or x.3.0 / x.5.0 (mail system, protocol: no detail). */
export function codesAreGeneric(codes: readonly string[]): boolean {
  return codes.every((c) => /^[245]\.[035]\.0$/.test(c));
}

/**
 * The sending server never got an answer: its own words for a connection that failed, which some write with a
 * 4xx code of their own (Amazon SES's "Message expired … <421 4.4.2 Connection timed out>").
 */
export const NO_ANSWER = /\bconnection (?:timed out|refused)\b|\bno route to host\b|\bnetwork is unreachable\b/i;

/**
 * The sending server found no host for the recipient's domain in DNS: Postfix's "Host or domain name not found. Name
 * service error …", qmail's "Sorry, I couldn't find any host named x. (#5.1.2)", Exim's "unrouteable mail domain",
 * Smail's "unknown host". Some read as X.1.2, an address code; the domain is what failed, not the mailbox.
 */
export const DNS_LOOKUP_FAILED = /\bhost or domain name not found\b|\bhost unknown\b|\bname service error\b|\bDNS (?:error|lookup failed|query failed)\b|\bNXDOMAIN\b|\bcould ?n['’o]t find any host (?:by that name|named)\b|\bunroute?able mail domain\b|\bunknown host\b/i;

/** A message going round in circles between servers or aliases: a mail loop, hops or aliases past their limit. */
export const LOOP = /\b(?:routing|mail|forwarding) loop\b|\bloop(?:ing)? detected\b|\bhop count exceeded\b|\btoo many hops\b|\bmessage (?:is )?looping\b|\bloop count exceeded\b|\bloops? back to (?:me|myself)\b|\bloop was found in the mail exchanger\b/i;

/** How a recipient's retries ended, if the sending server stopped them: a 4xx answer each time, or none. */
function stoppedAs(r: RecipientFacts): FamilyRule['stopped'] {
  if (!r.recipient.stoppedRetrying) return undefined;
  if (NO_ANSWER.test(r.text)) return 'unreached';
  return r.recipient.replyCode?.[0] === '4' || /\b4\d\d[ -]/.test(r.text) ? 'refused' : 'unreached';
}

/** The recipient's domain and the receiving server that answered for it, for a rule about one mail system. */
function hostsOf(r: RecipientFacts): string[] {
  const domain = r.recipient.domain ?? r.recipient.address?.split('@')[1];
  return [domain, r.recipient.remoteMta].filter((h): h is string => Boolean(h)).map((h) => h.toLowerCase());
}

function forHost(rule: FamilyRule, r: RecipientFacts): boolean {
  return !rule.hosts || hostsOf(r).some((h) => rule.hosts!.test(h));
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const DOMAIN_CHAR = /[\w@.-]/;
const NAME_CHAR = /[\w-]/;

/** The rule names no sender's domain, or the words name it on its own (not inside an address or a longer host name), followed by the rule's words. */
function namesSenderDomain(rule: FamilyRule, r: RecipientFacts): boolean {
  if (!rule.afterSenderDomain) return true;
  const domain = r.senderDomain?.toLowerCase();
  if (!domain) return false;
  const text = r.text.toLowerCase();
  for (let at = text.indexOf(domain); at >= 0; at = text.indexOf(domain, at + 1)) {
    const end = at + domain.length;
    // Not inside an address or a longer host name (mail.contoso.example), nor the start of one (contoso.example-mail).
    if (DOMAIN_CHAR.test(text[at - 1] ?? ' ') || NAME_CHAR.test(text[end] ?? ' ')) continue;
    if (rule.afterSenderDomain.test(text.slice(end, end + 60))) return true;
  }
  return false;
}

export function ruleFor(rules: FamilyRule[], r: RecipientFacts): FamilyRule | undefined {
  const stopped = stoppedAs(r);
  const codes = codesOf(r);
  const byCode = rules.find(
    (rule) =>
      forHost(rule, r) &&
      namesSenderDomain(rule, r) &&
      codes.some((c) => rule.codes.some((t) => codeMatches(t, c))) &&
      (!rule.words || rule.words.test(r.text)) &&
      !rule.unless?.test(r.text) &&
      (!rule.stopped || rule.stopped === stopped) &&
      !(rule.final && r.recipient.stillRetrying),
  );
  if (byCode || !codesAreGeneric(r.codes) || !failed(r)) return byCode;
  return rules.find((rule) => forHost(rule, r) && namesSenderDomain(rule, r) && rule.wordsAlone?.test(r.text) && !rule.unless?.test(r.text));
}

/**
 * The codes a rule is matched on: a 4xx reply with no enhanced code ("451 Temporary local problem") is a
 * temporary refusal of no stated kind, 4.0.0, so that a delay, or retries that ended on it, read as such.
 */
function codesOf(r: RecipientFacts): readonly string[] {
  return r.codes.length || r.recipient.replyCode?.[0] !== '4' ? r.codes : ['4.0.0'];
}

/**
 * The recipient failed for good: a 5xx reply or a 5.x.x status, or retries the sending server stopped
 * (words alone never judge a delay).
 */
function failed(r: RecipientFacts): boolean {
  return r.recipient.replyCode?.[0] === '5' || r.codes.some((c) => c.startsWith('5.')) || Boolean(r.recipient.stoppedRetrying) || (!r.recipient.replyCode && !r.codes.length);
}

export const step = (id: string, state: Step['state'], variant?: string): Step => (variant ? { id, state, variant } : { id, state });

export interface FamilyDefinition {
  id: string;
  rank: number;
  rules: FamilyRule[];
  /** What the recipient domain's DNS says changes the verdict: a domain that does not exist. */
  missingDomain?: { cause: string; owner: FixOwner; steps: Step[] };
  /**
   * These causes read otherwise when DNS finds the recipient domain's mail servers now: a lookup that failed when
   * the message was sent ("Host unknown"), not one that fails today. `final` for a bounce, `retrying` while the
   * sending server still retries (its next attempt finds the domain: nothing to do, no resend).
   */
  resolvesNow?: { causes: string[]; cause: string; final: { owner: FixOwner; steps: Step[] }; retrying: { owner: FixOwner; steps: Step[] } };
  /**
   * These causes read otherwise when the sending IP is one of Microsoft 365's shared outbound addresses;
   * `escalate`: support (who can open a case with Microsoft) is offered the case whoever the owner is.
   */
  microsoftSender?: { causes: string[]; cause: string; owner: FixOwner; steps: Step[]; escalate?: boolean };
  /** These causes read otherwise when the sender's and the recipient's domains are one organization's. */
  sameOrganization?: { causes: string[]; cause: string; owner: FixOwner; steps: Step[] };
}

/** The sender and the recipient are in one organization: their domains share an organizational domain. */
function oneOrganization(senderDomain: string | undefined, recipientDomain: string | undefined): boolean {
  return Boolean(senderDomain && recipientDomain && organizationalDomain(senderDomain) === organizationalDomain(recipientDomain));
}

/** The address is one of the shared outbound servers Exchange Online sends from. */
function microsoft365Outbound(ip: string | undefined): boolean {
  const parsed = ip ? parseClientIp(ip) : undefined;
  return Boolean(parsed && microsoftNetworkOf(parsed)?.network === 'microsoft-365');
}

/** A rule-based playbook, with its rules in view (their causes and steps must all have words). */
export type FamilyPlaybook<P extends PlaybookId> = Playbook<PlaybookDiagnoses[P]> & { family: FamilyDefinition };

/** A playbook from its rules: takes a recipient when a rule matches, judges the primary recipient. */
export function familyPlaybook<P extends PlaybookId>(def: FamilyDefinition & { id: P }): FamilyPlaybook<P> {
  const ruleOf = (bounce: Bounce, address: string | undefined): FamilyRule | undefined => {
    const r = bounce.recipients.find((x) => x.address === address) ?? bounce.recipients[0];
    return r ? ruleFor(def.rules, recipientFacts(r, bounce.senderDomain)) : undefined;
  };
  return {
    family: def,
    id: def.id as PlaybookDiagnoses[P]['playbook'],
    rank: def.rank,
    takes: (r: RecipientFacts): Take | undefined => {
      const rule = ruleFor(def.rules, r);
      if (!rule) return undefined;
      const take: Take = { subCause: rule.cause, owner: rule.owner };
      if (rule.steps[0]) take.step = rule.steps[0];
      if (rule.retrying?.[0]) take.retryingStep = rule.retrying[0];
      if (rule.unreached) take.unreached = true;
      return take;
    },
    plan: (bounce) => ({ needsDomain: false, checksDns: Boolean(ruleOf(bounce, bounce.recipients[0]?.address)?.checksRecipientDomain) }),
    async diagnose(input: PlaybookInput): Promise<PlaybookDiagnoses[P]> {
      const { bounce, primary } = input;
      const rule = ruleOf(bounce, primary.address) ?? def.rules[def.rules.length - 1]!;
      const domain = recipientDomain(primary);
      const mailHost = rule.checksRecipientDomain && domain && input.checks.mailHost ? await input.checks.mailHost(domain, input.bypassCache) : undefined;
      let cause = rule.cause;
      let owner = rule.owner;
      let steps = (primary.transient && rule.retrying) || rule.steps;
      let confidence: Confidence = rule.words ? 'confirmed' : 'likely';
      const evidence = [`status:${primary.status ?? '?'}`, ...(rule.words ? [`words:${rule.cause}`] : [])];
      // DNS as it is now says the domain takes no mail; unless the bounce shows that domain's own server
      // answering (then it did when the message went, and the rule's reading of the reply stands).
      const remoteMta = (bounce.recipients.find((x) => x.address === primary.address) ?? bounce.recipients[0])?.remoteMta?.toLowerCase();
      const answeredByDomain = Boolean(domain && remoteMta && (remoteMta === domain.toLowerCase() || remoteMta.endsWith(`.${domain.toLowerCase()}`)));
      if (mailHost && def.missingDomain && !answeredByDomain && (mailHost.state === 'nxdomain' || mailHost.state === 'no-mail-host')) {
        ({ cause, owner, steps } = def.missingDomain);
        confidence = 'confirmed';
        evidence.unshift(`mail-host.${mailHost.state}`);
      } else if (mailHost?.state === 'ok' && def.resolvesNow?.causes.includes(cause)) {
        cause = def.resolvesNow.cause;
        ({ owner, steps } = primary.transient ? def.resolvesNow.retrying : def.resolvesNow.final);
        evidence.unshift('mail-host.ok');
      }
      // A server Microsoft 365 shares among its customers: not the sender's to clean up or delist.
      let escalate = false;
      if (def.microsoftSender?.causes.includes(cause) && microsoft365Outbound(bounce.sendingIp)) {
        ({ cause, owner, steps } = def.microsoftSender);
        escalate = Boolean(def.microsoftSender.escalate);
        evidence.push('ip.microsoft-365');
      }
      const senderDomain = (input.domain ?? bounce.senderDomain)?.toLowerCase();
      if (def.sameOrganization?.causes.includes(cause) && oneOrganization(senderDomain, domain)) {
        ({ cause, owner, steps } = def.sameOrganization);
        evidence.push('same-organization');
      }
      const verdict: Verdict<string> = { cause, confidence, evidence };
      const detail: Record<string, string> = {};
      if (domain) detail.recipientDomain = domain;
      if (primary.address) detail.recipient = primary.address;
      if (rule.refusedBySender && cause === rule.cause) detail.refusedBy = 'sending-server';
      if (Object.keys(detail).length) verdict.detail = detail;
      const d: FamilyDiagnosis<P> = {
        playbook: def.id,
        subject: 'bounce',
        bounce,
        recipients: input.recipients,
        verdict,
        steps,
        owner,
        escalationSuggested: escalate || owner !== 'sender' || input.recipients.some((r) => r.owner !== 'sender'),
      };
      if (senderDomain) d.senderDomain = senderDomain;
      if (bounce.sendingIp) d.sendingIp = bounce.sendingIp;
      if (mailHost) d.mailHost = mailHost;
      return d as unknown as PlaybookDiagnoses[P];
    },
  };
}
