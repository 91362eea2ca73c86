/**
 * As soon as a record arrives, ask for what its terms will need (include/redirect targets' records and,
 * recursively, theirs; a/mx/exists names), so the evaluation, which must go term by term, finds the
 * answers ready. Nothing here counts toward any limit or decides anything; it only warms the session.
 */
import { nameProblem, normalizeName } from '../names';
import type { DnsRecordType } from '../resolver';
import { expandMacros, fitDomainName, usesLetter, type MacroValues } from './macro';
import { NAME_LIMIT } from './limits';
import { parseRecord, type DomainSpec, type ParsedRecord } from './parse';
import { isSpfRecord } from './record';
import type { DnsSession } from './session';

export interface PrefetchState {
  depth: number;
  /** Domains whose records were already asked for in this check. */
  seen: Set<string>;
  override?: { domain: string; record: string };
}

/** How deep include/redirect chains are followed ahead of time (evaluation stops at 10 lookups anyway). */
const MAX_DEPTH = 10;

/** A target that can be known before evaluation (`%{p}` needs DNS itself: skipped). */
function knownTarget(spec: DomainSpec | undefined, values: MacroValues): string | undefined {
  if (!spec) return values.domain;
  if (usesLetter(spec.tokens, 'p')) return undefined;
  const name = normalizeName(fitDomainName(expandMacros(spec.tokens, values)));
  return nameProblem(name) ? undefined : name;
}

export function prefetchRecord(session: DnsSession, parsed: ParsedRecord, values: MacroValues, state: PrefetchState): void {
  if (parsed.errors.length || state.depth > MAX_DEPTH) return;
  const addr: DnsRecordType = values.ip.family === 4 ? 'A' : 'AAAA';
  const ask = (name: string | undefined, type: DnsRecordType): void => {
    if (name) void session.prefetch(name, type);
  };
  for (const m of parsed.mechanisms) {
    const target = m.name === 'ip4' || m.name === 'ip6' || m.name === 'all' ? undefined : knownTarget(m.domain, values);
    switch (m.name) {
      case 'all':
        // Nothing after `all` is ever evaluated, the redirect included.
        return;
      case 'a':
        ask(target, addr);
        break;
      case 'exists':
        ask(target, 'A');
        break;
      case 'mx':
        if (target) {
          void session.prefetch(target, 'MX')?.then((r) => {
            if (r.records.length > NAME_LIMIT) return;
            for (const x of r.records) if (x.data && !nameProblem(x.data)) ask(x.data, addr);
          });
        }
        break;
      case 'ptr':
        ask(values.ip.reverse, 'PTR');
        break;
      case 'include':
        prefetchDomain(session, target, values, state);
        break;
    }
  }
  if (parsed.redirect?.domain) prefetchDomain(session, knownTarget(parsed.redirect.domain, values), values, state);
}

function prefetchDomain(session: DnsSession, domain: string | undefined, values: MacroValues, state: PrefetchState): void {
  if (!domain || state.seen.has(domain)) return;
  state.seen.add(domain);
  const next: PrefetchState = { ...state, depth: state.depth + 1 };
  const o = state.override;
  if (o && normalizeName(o.domain) === domain) {
    if (isSpfRecord(o.record)) prefetchRecord(session, parseRecord(o.record), { ...values, domain }, next);
    return;
  }
  void session.prefetch(domain, 'TXT')?.then((r) => {
    const spf = r.records.filter((x) => isSpfRecord(x.data));
    const only = spf[0];
    if (spf.length === 1 && only) prefetchRecord(session, parseRecord(only.data), { ...values, domain }, next);
  });
}
