/**
 * The smallest edit that makes the sending IP (or Microsoft 365) covered: new terms go just before `all`
 * (or before the modifiers when there is no `all`), everything else stays as written. The draft is then
 * evaluated against the same DNS (recordOverride) and walked for its lookup, void and size costs.
 */
import { AuditWalker, branchCosts, subtreeLookups, voidCount } from './spf/audit';
import { checkHostIn } from './spf/check-host';
import type { ClientIp } from './spf/ip';
import { LOOKUP_LIMIT, RECORD_BYTES_LIMIT, STRING_LIMIT, VOID_LIMIT } from './spf/limits';
import { parseRecord } from './spf/parse';
import { termCandidates } from './sending-services';
import type { DnsSession } from './spf/session';
import type { SpfSuggestion, SpfVerdict, TermCandidate } from './types';

/** Inserts `terms` before the first `all` mechanism, else before the first modifier, else at the end. */
export function insertTerms(record: string, terms: string[]): string {
  if (!terms.length) return record;
  const parsed = parseRecord(record);
  const all = parsed.mechanisms.find((m) => m.name === 'all');
  const modifier = parsed.terms.find((t) => t.kind === 'modifier');
  const at = all?.position ?? modifier?.position;
  if (at === undefined) return `${record.replace(/ +$/, '')} ${terms.join(' ')}`;
  return `${record.slice(0, at)}${terms.join(' ')} ${record.slice(at)}`;
}

/** Cuts a record into TXT strings of at most 255 bytes, at spaces where it can. */
export function splitForTxt(record: string): string[] {
  const out: string[] = [];
  let rest = record;
  while (Buffer.byteLength(rest) > STRING_LIMIT) {
    let cut = rest.lastIndexOf(' ', STRING_LIMIT - 1);
    // Keep the space at the end of a piece: strings are joined with nothing between them.
    cut = cut > 0 ? cut + 1 : STRING_LIMIT;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  out.push(rest);
  return out;
}

export interface SuggestInput {
  session: DnsSession;
  domain: string;
  /** The record in force (undefined when the domain has none). */
  current?: string;
  ip?: ClientIp;
  /** Terms to add, in order (e.g. the Microsoft 365 include); a term for the IP is added only if still needed. */
  required: string[];
  /** Whether authorizing the IP itself is a fix (not for Microsoft's pools: their addresses change). */
  mayAddIp: boolean;
  /** The IP's result for `current` when the caller has it: not evaluated again, so the PTR is asked sooner. */
  currentResult?: SpfVerdict;
  /** `current` is the domain's misspelt record written right: worth publishing even with nothing to add. */
  replacesLookalike?: boolean;
}

async function evaluate(s: SuggestInput, record: string): Promise<SpfVerdict | undefined> {
  if (!s.ip) return undefined;
  const r = await checkHostIn(s.session, {
    ip: s.ip.text,
    mailFrom: `postmaster@${s.domain}`,
    helo: s.domain,
    recordOverride: { domain: s.domain, record },
  });
  return r.result;
}

export async function suggest(s: SuggestInput): Promise<SpfSuggestion | undefined> {
  const base = s.current ?? 'v=spf1 -all';
  const edits = [...s.required];
  let record = insertTerms(base, edits);
  let verified = !edits.length && s.current !== undefined && s.currentResult ? s.currentResult : await evaluate(s, record);
  let authorizedBy: TermCandidate | undefined;
  if (s.ip && verified !== 'pass' && s.mayAddIp) {
    // The sending service's include or the sender's own host first; the address itself last.
    const candidates = await termCandidates(s.session, s.ip, s.domain);
    for (const c of candidates) {
      const draft = insertTerms(base, [...edits, c.term]);
      const result = await evaluate(s, draft);
      if (result === 'pass' || c.basis === 'address') {
        edits.push(c.term);
        record = draft;
        verified = result;
        authorizedBy = c;
        break;
      }
    }
  }
  if (!edits.length && !s.replacesLookalike) return undefined;
  const walk = await new AuditWalker(s.session, { ip: s.ip, override: { domain: s.domain, record } }).walk(s.domain);
  const lookups = subtreeLookups(walk);
  const voidLookups = voidCount(walk);
  const bytes = Buffer.byteLength(record);
  const out: SpfSuggestion = {
    record,
    edits: edits.map((e) => `add-${e}`),
    lookups,
    voidLookups,
    bytes,
    withinLimits: lookups <= LOOKUP_LIMIT && voidLookups <= VOID_LIMIT && bytes <= RECORD_BYTES_LIMIT,
    strings: splitForTxt(record),
  };
  if (walk.scope && !walk.scope.complete) out.lookupsAtLeast = true;
  if (s.current === undefined) out.newRecord = true;
  if (s.replacesLookalike) out.replacesLookalike = true;
  if (verified) out.verified = verified;
  if (authorizedBy) out.authorizedBy = authorizedBy;
  if (!out.withinLimits) out.branches = branchCosts(walk);
  return out;
}
