/**
 * Asking ahead of the evaluation, but only for what it can still reach within the RFC 7208 limits.
 *
 * Each time an answer arrives the planner walks the record tree in evaluation order, as the evaluation
 * would go if every outcome not known yet (a record not read, an answer not in) turned out to be no
 * match. Lookups and void lookups are counted as the evaluation counts them, and the walk ends where the
 * evaluation would certainly end: a known match, the 11th lookup, the 3rd void lookup, a missing record,
 * a syntax error, a loop, a DNS failure. Nothing past that end is asked.
 *
 * Of the questions the walk meets unanswered, it asks those that
 * - have no unread record before them (their lookup number is exact and within the limit) and no more
 *   unknown answers before them than void lookups are left (2 less those known): the evaluation reaches
 *   them even if every one of those answers is void, unless one matches or fails; or
 * - sit behind `open` unknown outcomes while the lookups known so far (`known`, at most 10) leave room
 *   for one more lookup per unknown outcome: `known + open <= 10`.
 * A small tree is thus fetched a level at a time (its depth, not its size, sets the time), while a tree
 * whose records already fill the lookup budget (an include bomb) is read one record after another, as a
 * sequential evaluator reads it: unread records can push anything behind them past the limit.
 * Nothing here counts toward any limit or decides anything; the evaluation only finds answers ready.
 */
import { nameProblem, normalizeName } from '../names';
import type { DnsRecordType } from '../resolver';
import { inNetwork, type ClientIp } from './ip';
import { LOOKUP_LIMIT, NAME_LIMIT, VOID_LIMIT } from './limits';
import { expandMacros, fitDomainName, usesLetter, type MacroValues } from './macro';
import { parseRecord, type DomainSpec, type Mechanism, type ParsedRecord } from './parse';
import { dnsFailure, isSpfRecord, isVoid } from './record';
import type { DnsSession } from './session';

export interface PrefetchInput {
  session: DnsSession;
  ip: ClientIp;
  values: (domain: string) => MacroValues;
  override?: { domain: string; record: string };
}

/** How a record ends on the walk's path: it passes, it ends otherwise, or the whole evaluation stops. */
type End = 'pass' | 'other' | 'stop';

/** A term's outcome on the walk's path: `open` when an answer it needs is not in yet. */
type TermOutcome = 'match' | 'no-match' | 'open' | 'stop';

interface Walk {
  lookups: number;
  voids: number;
  /** Outcomes met so far that are not known yet. */
  open: number;
  /** Of those, records not read yet: only they can add lookups. */
  openRecords: number;
  /** Domains whose records are being walked (a loop is a permerror). */
  chain: string[];
  wants: { name: string; type: DnsRecordType; open: number; openRecords: number; voids: number }[];
}

type RecordState = { kind: 'record'; parsed: ParsedRecord } | { kind: 'unknown' } | { kind: 'stop' };

export class Prefetcher {
  private readonly parsed = new Map<string, RecordState>();
  /** Each record is parsed once per check, so its terms can keep what the walk works out about them. */
  private readonly targets = new WeakMap<DomainSpec, string>();
  private readonly ipMatches = new WeakMap<Mechanism, boolean>();
  private unsubscribe?: () => void;

  constructor(
    private readonly input: PrefetchInput,
    private readonly root: string,
  ) {}

  start(): void {
    this.unsubscribe = this.input.session.onAnswer(() => this.safePlan());
    this.safePlan();
  }

  /** A fault in planning must not reach the session: the evaluation then goes on without asking ahead. */
  private safePlan(): void {
    try {
      this.plan();
    } catch {
      this.stop();
    }
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Walks the tree as far as it is known and asks for what the bound allows. */
  plan(): void {
    const w: Walk = { lookups: 0, voids: 0, open: 0, openRecords: 0, chain: [], wants: [] };
    if (this.record(this.root).kind !== 'record') return;
    this.walkRecord(this.root, w);
    const known = Math.min(w.lookups, LOOKUP_LIMIT);
    for (const x of w.wants) {
      const withinVoids = x.open - x.openRecords <= VOID_LIMIT - x.voids;
      const withinLookups = x.openRecords === 0 || known + x.open <= LOOKUP_LIMIT;
      if (withinVoids && withinLookups) void this.input.session.prefetch(x.name, x.type);
    }
  }

  /** The record of `domain` as far as it is known (the draft stands in for its domain's record). */
  private record(domain: string): RecordState {
    const seen = this.parsed.get(domain);
    if (seen) return seen;
    let text: string | undefined;
    const o = this.input.override;
    if (o && normalizeName(o.domain) === domain) text = isSpfRecord(o.record) ? o.record : '';
    else {
      const r = this.input.session.settled(domain, 'TXT');
      if (!r) return { kind: 'unknown' };
      const spf = r.records.filter((x) => isSpfRecord(x.data));
      text = !dnsFailure(r) && spf.length === 1 ? (spf[0]?.data ?? '') : '';
    }
    const parsed = text ? parseRecord(text) : undefined;
    const state: RecordState = parsed && !parsed.errors.length ? { kind: 'record', parsed } : { kind: 'stop' };
    this.parsed.set(domain, state);
    return state;
  }

  /** Notes a question the walk needs answered, then counts its answer as one more unknown outcome. */
  private want(w: Walk, name: string, type: DnsRecordType): void {
    this.ask(w, name, type);
    this.unknown(w, type === 'TXT');
  }

  private ask(w: Walk, name: string, type: DnsRecordType): void {
    w.wants.push({ name, type, open: w.open, openRecords: w.openRecords, voids: w.voids });
  }

  private unknown(w: Walk, record: boolean): void {
    w.open++;
    if (record) w.openRecords++;
  }

  /** A term's target, or undefined when it needs `%{p}` (the validated names of the IP come first). */
  private target(spec: DomainSpec | undefined, domain: string, w: Walk): string | undefined {
    if (!spec) return domain;
    if (usesLetter(spec.tokens, 'p')) {
      // Its validated names are the evaluation's business; the PTR answer is all asked for here.
      if (!this.input.session.settled(this.input.ip.reverse, 'PTR')) this.ask(w, this.input.ip.reverse, 'PTR');
      return undefined;
    }
    let name = this.targets.get(spec);
    if (name === undefined) {
      name = normalizeName(fitDomainName(expandMacros(spec.tokens, this.input.values(domain))));
      this.targets.set(spec, name);
    }
    return name;
  }

  private walkRecord(domain: string, w: Walk): End {
    const rec = this.record(domain);
    if (rec.kind !== 'record') return 'stop';
    w.chain.push(domain);
    try {
      for (const m of rec.parsed.mechanisms) {
        const o = this.term(m, domain, w);
        if (o === 'stop') return 'stop';
        if (o === 'match') return m.qualifier === '+' ? 'pass' : 'other';
      }
      const redirect = rec.parsed.redirect?.domain;
      if (!redirect) return 'other';
      if (++w.lookups > LOOKUP_LIMIT) return 'stop';
      return this.nested(redirect, domain, w) ?? 'other';
    } finally {
      w.chain.pop();
    }
  }

  /** The record an include or redirect leads to: how it ends, or undefined while it is not known. */
  private nested(spec: DomainSpec, domain: string, w: Walk): End | undefined {
    const target = this.target(spec, domain, w);
    if (target === undefined) {
      this.unknown(w, true);
      return undefined;
    }
    if (w.chain.includes(target) || nameProblem(target)) return 'stop';
    if (this.record(target).kind === 'unknown') {
      this.want(w, target, 'TXT');
      return undefined;
    }
    return this.walkRecord(target, w);
  }

  private term(m: Mechanism, domain: string, w: Walk): TermOutcome {
    const ip = this.input.ip;
    if (m.name === 'all') return 'match';
    if (m.name === 'ip4' || m.name === 'ip6') {
      const prefix = (m.name === 'ip4' ? m.cidr4 : m.cidr6) ?? 0;
      let match = this.ipMatches.get(m);
      if (match === undefined) {
        match = (m.name === 'ip4') === (ip.family === 4) && inNetwork(ip, m.network ?? '', prefix);
        this.ipMatches.set(m, match);
      }
      return match ? 'match' : 'no-match';
    }
    if (++w.lookups > LOOKUP_LIMIT) return 'stop';
    if (m.name === 'include') {
      const end = m.domain ? this.nested(m.domain, domain, w) : 'stop';
      return end === undefined ? 'open' : end === 'pass' ? 'match' : end === 'stop' ? 'stop' : 'no-match';
    }
    if (m.name === 'ptr') return this.ptr(m, domain, w);
    const target = this.target(m.domain, domain, w);
    if (target === undefined) {
      this.unknown(w, false);
      return 'open';
    }
    if (nameProblem(target)) return 'no-match';
    const addr: DnsRecordType = ip.family === 4 ? 'A' : 'AAAA';
    const prefix = ip.family === 4 ? (m.cidr4 ?? 32) : (m.cidr6 ?? 128);
    const type: DnsRecordType = m.name === 'mx' ? 'MX' : m.name === 'exists' ? 'A' : addr;
    const r = this.input.session.settled(target, type);
    if (!r) {
      this.want(w, target, type);
      return 'open';
    }
    if (dnsFailure(r)) return 'stop';
    if (isVoid(r) && ++w.voids > VOID_LIMIT) return 'stop';
    if (m.name === 'exists') return r.records.length ? 'match' : 'no-match';
    if (m.name === 'a') return r.records.some((x) => inNetwork(ip, x.data, prefix)) ? 'match' : 'no-match';
    if (r.records.length > NAME_LIMIT) return 'stop';
    return this.addresses(
      r.records.map((x) => x.data),
      w,
      true,
      (addrs) => addrs.some((a) => inNetwork(ip, a, prefix)),
    );
  }

  /**
   * The hosts' addresses (an MX's hosts, a PTR's names): `matches` applied once all are in. A failed
   * address lookup is a temperror for mx (`failureStops`) and only a name less for ptr.
   */
  private addresses(
    hosts: string[],
    w: Walk,
    failureStops: boolean,
    matches: (addrs: string[], byHost: string[][]) => boolean,
  ): TermOutcome {
    const type: DnsRecordType = this.input.ip.family === 4 ? 'A' : 'AAAA';
    const byHost: string[][] = [];
    let missing = false;
    for (const h of hosts) {
      const asked = !!h && !nameProblem(h);
      const r = asked ? this.input.session.settled(h, type) : undefined;
      if (asked && !r) {
        this.ask(w, h, type);
        missing = true;
      }
      if (r && failureStops && dnsFailure(r)) return 'stop';
      byHost.push(r?.status === 'OK' ? r.records.map((x) => x.data) : []);
    }
    if (missing) {
      this.unknown(w, false);
      return 'open';
    }
    return matches(byHost.flat(), byHost) ? 'match' : 'no-match';
  }

  private ptr(m: Mechanism, domain: string, w: Walk): TermOutcome {
    const ip = this.input.ip;
    const target = this.target(m.domain, domain, w);
    const r = this.input.session.settled(ip.reverse, 'PTR');
    if (!r) {
      this.want(w, ip.reverse, 'PTR');
      return 'open';
    }
    if (isVoid(r) && ++w.voids > VOID_LIMIT) return 'stop';
    if (r.status !== 'OK') return 'no-match';
    if (target === undefined) {
      this.unknown(w, false);
      return 'open';
    }
    const names = r.records.slice(0, NAME_LIMIT).map((x) => x.data);
    const want = target.toLowerCase();
    return this.addresses(names, w, false, (_, byHost) =>
      names.some(
        (n, i) =>
          (n === want || n.endsWith(`.${want}`)) && (byHost[i] ?? []).some((a) => inNetwork(ip, a, ip.family === 4 ? 32 : 128)),
      ),
    );
  }
}
