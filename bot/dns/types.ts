/** Data the DNS and SPF layer hands to the diagnosis. Codes and parameters only: cards choose words. */

export type SpfVerdict = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror';

/** One DNS record set as read, for the trace. */
export interface TraceRecord {
  name: string;
  type: string;
  /** For TXT: each character-string of each record; otherwise the rdata as text. */
  strings: string[][];
  ttl?: number;
  /** `NXDOMAIN`, `NODATA`, `TIMEOUT`, `SERVFAIL`, … when nothing usable came back. */
  error?: string;
  /** The record was a draft given to evaluate (recordOverride), not read from DNS. */
  draft?: boolean;
}

export type TermOutcome = 'matched' | 'not-matched' | 'error' | 'not-reached';

export interface TraceTerm {
  /** The domain whose record holds the term. */
  domain: string;
  /** The term as written, e.g. `include:spf.protection.outlook.com`. */
  term: string;
  /** Position in the record (0-based character offset). */
  position: number;
  /** Nesting depth: 0 for the top record, 1 inside an include/redirect, … */
  depth: number;
  outcome: TermOutcome;
  /** Why it errored / did not match, as a short machine code plus detail. */
  reason?: string;
  /** Result this term yields when it matches (its qualifier). */
  qualifierResult?: SpfVerdict;
  /** The name the term looked up, after macro expansion. */
  target?: string;
  /** What the IP was compared with: networks (`192.0.2.0/24`) or addresses the lookup returned. */
  checked?: string[];
  /** include/redirect: the result of the nested check. */
  nestedResult?: SpfVerdict;
  /** This term's number among the terms that cost a DNS lookup (the limit is 10). */
  lookupNumber?: number;
  /** The term's lookup came back empty (NXDOMAIN or no records): a void lookup. */
  voidLookup?: boolean;
}

export interface SpfTrace {
  records: TraceRecord[];
  terms: TraceTerm[];
}

export interface SpfResult {
  result: SpfVerdict;
  /** Expanded `exp=` text on fail. */
  explanation?: string;
  /** The domain checked (the MAIL FROM domain, or HELO when MAIL FROM is empty). */
  domain: string;
  lookups: number;
  voidLookups: number;
  trace: SpfTrace;
  /** The term that decided the result, when one did (for a redirect, the term in the target). */
  decidingTerm?: TraceTerm;
  /** From the top record down to the innermost matching term, e.g. include → ip4 inside it. */
  decidingPath?: TraceTerm[];
  /** Machine-readable reason for permerror/temperror/none. */
  reason?: string;
}

export type Severity = 'error' | 'warning' | 'info' | 'ok';

export type FindingParams = Record<string, string | number | boolean | string[] | undefined>;

export interface Finding {
  code: import('./findings').FindingCode;
  severity: Severity;
  params: FindingParams;
}

/** The published SPF policy of a domain as the support engineer sees it. */
export interface PublishedSpf {
  /** `none`, `one`, `several`, or `error` when DNS did not answer. */
  state: 'none' | 'one' | 'several' | 'error';
  /** Every `v=spf1` record found (joined strings). */
  records: string[];
  ttl?: number;
  /** DNS error code when state is `error`. */
  error?: string;
  /** The record is a draft given to checkSpf (`draft`), not what DNS publishes. */
  draft?: boolean;
  /**
   * With no SPF record: a TXT record plainly meant as one (`v=spf 1 …`, `v=spf1include:…`, quoted) that
   * receivers ignore because it doesn't start with exactly `v=spf1 `.
   */
  lookalike?: string;
}

export interface SpfSuggestion {
  record: string;
  /** What changed: e.g. `add-include:spf.protection.outlook.com`, `add-ip4:203.0.113.5`. */
  edits: string[];
  /** Result of evaluating the suggestion for the sending IP (recordOverride), when an IP is known. */
  verified?: SpfVerdict;
  lookups: number;
  voidLookups: number;
  /** `lookups` and `voidLookups` are lower bounds (the walk of the suggestion stopped past 20 lookups). */
  lookupsAtLeast?: boolean;
  bytes: number;
  /** True when the suggestion stays within 10 lookups, 2 void lookups and 450 bytes. */
  withinLimits: boolean;
  /** The record as TXT strings of at most 255 bytes (split at spaces), ready to publish. */
  strings?: string[];
  /** The domain had no SPF record: this is a new one. */
  newRecord?: boolean;
  /** The record is the domain's misspelt one (`published.lookalike`) with its version written right. */
  replacesLookalike?: boolean;
  /** When not within limits: include/redirect branches by cost, `domain=n` (`domain≥n` a lower bound), costliest first. */
  branches?: string[];
  /** The term added for the sending IP, and what it rests on (the service's include, a host, the address). */
  authorizedBy?: TermCandidate;
}

/** A term that could authorize a sending IP, with what it rests on. */
export interface TermCandidate {
  term: string;
  /** `service`: the sending service's include; `host`: a host of the sender's own domain; `address`: the IP. */
  basis: 'service' | 'host' | 'address';
  service?: string;
  /** The IP's reverse name, when it was read. */
  host?: string;
}

export interface DmarcInfo {
  /** Domain whose `_dmarc` record was found (the domain or its organizational domain). */
  domain?: string;
  record?: string;
  policy?: string;
  /** Whether an SPF pass for this domain can align with the From domain. */
  spfAlignmentPossible?: boolean;
  /** The organizational domain (public suffix list), where the lookup falls back to. */
  organizationalDomain?: string;
  /** `sp=` when the record found is the organizational domain's and the checked domain is below it. */
  subdomainPolicy?: string;
  /** SPF alignment mode: `r` (relaxed, default) or `s` (strict). */
  aspf?: 'r' | 's';
  /** DKIM alignment mode. */
  adkim?: 'r' | 's';
  /** Share of failing mail the policy applies to (default 100). */
  pct?: number;
  /** Where aggregate (rua) and failure (ruf) reports go. */
  rua?: string[];
  ruf?: string[];
  /** Tag problems a receiver would trip over (`p-missing`, `pct-invalid:150`, …). */
  problems?: string[];
  /** Several DMARC records at the name found: receivers ignore them all. */
  several?: number;
  /** DNS error code when the lookup failed. */
  error?: string;
}

/** A full SPF check of one domain, optionally for one sending IP. */
export interface SpfReport {
  domain: string;
  checkedAt: string;
  dnsServers: string[];
  durationMs: number;
  published: PublishedSpf;
  /** check_host result for the sending IP, when one was given. */
  ipResult?: SpfResult & { ip: string };
  /**
   * Lookups counted for the published record by the audit walk: every term an evaluation that matches
   * nothing would meet, across includes and redirects, counted on past 10. (`ipResult.lookups` is what
   * the evaluation for the sending IP actually used.) Without an IP, a void lookup is a name with
   * neither A nor AAAA records. The walk reads a tree of up to 20 lookups whole; past that it stops
   * once it has read what the first 10 lookups reach, and the counts are lower bounds (`…AtLeast`).
   */
  lookups?: number;
  voidLookups?: number;
  /** `lookups` is a lower bound: the walk stopped before the end of the tree (which is over 20 lookups). */
  lookupsAtLeast?: boolean;
  /** `voidLookups` counts only the terms the walk asked about (those of the first 10 lookups at least). */
  voidLookupsAtLeast?: boolean;
  findings: Finding[];
  suggestion?: SpfSuggestion;
  dmarc?: DmarcInfo;
  /** Set when the check could not finish (timeout, SERVFAIL, …). */
  incomplete?: { reason: string };
  /** The sending IP checked, and whose network it is in (Microsoft 365's relay pool, its outbound ranges, other). */
  sendingIp?: {
    ip: string;
    network: 'relay-pool' | 'microsoft-365' | 'other';
    range?: string;
    /** The bounce showed no IP: this is the address DNS gives for this host, which wrote the bounce (an inference). */
    host?: string;
  };
  /** The domain's MX hosts, when it has any. */
  mailHosts?: string[];
  /** When some answers came from the cache: when the oldest of them was fetched from DNS (ISO time). */
  cachedSince?: string;
}
