/**
 * check_host() (RFC 7208 sections 4-6) with a trace: every record read and every term tried, in order,
 * with why it matched or not. Evaluation order and the lookup/void counts follow the RFC exactly;
 * speed comes from the session (answers shared with the prefetcher, `prefetch.ts`), never from reordering.
 */
import { nameProblem, normalizeName } from '../names';
import type { DnsRecordType, DnsResult } from '../resolver';
import type { SpfTrace, SpfVerdict, TraceTerm } from '../types';
import { inNetwork, type ClientIp } from './ip';
import { expandMacros, fitDomainName, parseMacroString, usesLetter, type MacroValues } from './macro';
import { parseRecord, qualifierResult, type DomainSpec, type Mechanism, type ParsedRecord } from './parse';
import { LOOKUP_LIMIT, NAME_LIMIT, VOID_LIMIT } from './limits';
import { Prefetcher } from './prefetch';
import { dnsFailure, isSpfRecord, isVoid, traceRecord } from './record';
import type { DnsSession } from './session';

export interface EvalInput {
  session: DnsSession;
  ip: ClientIp;
  sender: string;
  local: string;
  senderDomain: string;
  helo: string;
  receiver: string;
  now: number;
  override?: { domain: string; record: string };
  /** Fetch the names the records will need ahead of evaluation (default true). */
  prefetch?: boolean;
}

export interface EvalOutcome {
  result: SpfVerdict;
  reason?: string;
  lookups: number;
  voidLookups: number;
  trace: SpfTrace;
  decidingPath: TraceTerm[];
  explanation?: string;
}

type Frame = {
  result: SpfVerdict;
  reason?: string;
  path: TraceTerm[];
  exp?: { spec: DomainSpec; domain: string };
};

type MechOutcome =
  | { kind: 'match'; path?: TraceTerm[] }
  | { kind: 'no-match'; reason: string }
  | { kind: 'error'; result: 'permerror' | 'temperror'; reason: string };

type RecordFetch =
  | { kind: 'record'; text: string; parsed: ParsedRecord }
  | { kind: 'none' | 'permerror' | 'temperror'; reason: string };

export class Evaluator {
  private lookups = 0;
  private voids = 0;
  private readonly trace: SpfTrace = { records: [], terms: [] };
  private readonly chain: string[] = [];
  private readonly validated = new Map<string, Promise<string>>();

  constructor(private readonly input: EvalInput) {}

  async run(domain: string): Promise<EvalOutcome> {
    const root = normalizeName(domain);
    const i = this.input;
    const values = (d: string): MacroValues => this.values(d);
    const input = { session: i.session, ip: i.ip, values, override: i.override };
    const ahead = i.prefetch === false ? undefined : new Prefetcher(input, root);
    ahead?.start();
    let top: Frame;
    try {
      top = await this.frame(root, 0);
    } finally {
      ahead?.stop();
    }
    const out: EvalOutcome = {
      result: top.result,
      reason: top.reason,
      lookups: this.lookups,
      voidLookups: this.voids,
      trace: this.trace,
      decidingPath: top.path,
    };
    // exp= is looked up once, after the result, and only for fail (RFC 7208 6.2); it counts for no limit.
    if (top.result === 'fail' && top.exp) out.explanation = await this.explain(top.exp.spec, top.exp.domain);
    return out;
  }

  private values(domain: string): MacroValues {
    const i = this.input;
    return {
      sender: i.sender,
      local: i.local,
      senderDomain: i.senderDomain,
      domain,
      ip: i.ip,
      helo: i.helo,
      receiver: i.receiver,
      now: i.now,
    };
  }

  private async query(name: string, type: DnsRecordType): Promise<DnsResult> {
    const r = await this.input.session.query(name, type);
    this.trace.records.push(traceRecord(r));
    return r;
  }

  /** Several lookups at once; they enter the trace in the order asked, not the order answered. */
  private async queryAll(names: string[], type: DnsRecordType): Promise<(DnsResult | undefined)[]> {
    const answers = await Promise.all(
      names.map((n) => (n && !nameProblem(n) ? this.input.session.query(n, type) : Promise.resolve(undefined))),
    );
    for (const a of answers) if (a) this.trace.records.push(traceRecord(a));
    return answers;
  }

  /** The record of `domain`: the draft when one is given for it, else its single SPF TXT record. */
  private async fetchRecord(domain: string): Promise<RecordFetch> {
    const o = this.input.override;
    if (o && normalizeName(o.domain) === domain) {
      this.trace.records.push({ name: domain, type: 'TXT', strings: [[o.record]], draft: true });
      if (!isSpfRecord(o.record)) return { kind: 'none', reason: 'no-record' };
      return { kind: 'record', text: o.record, parsed: parseRecord(o.record) };
    }
    if (nameProblem(domain)) return { kind: 'none', reason: 'invalid-domain' };
    const r = await this.query(domain, 'TXT');
    const failure = dnsFailure(r);
    if (failure) return { kind: 'temperror', reason: failure };
    const spf = r.records.filter((rec) => isSpfRecord(rec.data));
    if (spf.length === 0) return { kind: 'none', reason: r.status === 'NXDOMAIN' ? 'nxdomain' : 'no-record' };
    if (spf.length > 1) return { kind: 'permerror', reason: 'multiple-records' };
    const text = spf[0]?.data ?? '';
    return { kind: 'record', text, parsed: parseRecord(text) };
  }

  private async frame(domain: string, depth: number): Promise<Frame> {
    const rec = await this.fetchRecord(domain);
    if (rec.kind !== 'record') return { result: rec.kind, reason: rec.reason, path: [] };
    const { parsed } = rec;
    const entries = this.traceEntries(domain, depth, parsed);
    if (parsed.errors.length) {
      this.trace.terms.push(...entries.all);
      const bad = entries.all.find((t) => t.outcome === 'error');
      return { result: 'permerror', reason: bad?.reason ?? 'syntax', path: bad ? [bad] : [] };
    }
    // Terms enter the trace as they are evaluated (nested records' terms right after their include);
    // the ones never reached follow at the end.
    const shown = new Set<TraceTerm>();
    const show = (t: TraceTerm): TraceTerm => {
      shown.add(t);
      this.trace.terms.push(t);
      return t;
    };
    this.chain.push(domain);
    try {
      for (const m of parsed.mechanisms) {
        const t = entries.byPosition.get(m.position);
        if (!t) continue;
        show(t);
        const o = await this.mechanism(m, domain, depth, t);
        if (o.kind === 'error') {
          t.outcome = 'error';
          t.reason = o.reason;
          return { result: o.result, reason: o.reason, path: [t] };
        }
        if (o.kind === 'match') {
          t.outcome = 'matched';
          t.reason ??= 'matched';
          const exp = parsed.exp?.domain ? { spec: parsed.exp.domain, domain } : undefined;
          return { result: qualifierResult(m.qualifier), path: [t, ...(o.path ?? [])], exp };
        }
        t.outcome = 'not-matched';
        t.reason = o.reason;
      }
      const redirect = parsed.redirect;
      const t = redirect ? entries.byPosition.get(redirect.position) : undefined;
      if (redirect?.domain && t) return await this.redirect(redirect.domain, domain, depth, show(t));
      return { result: 'neutral', reason: 'no-match', path: [] };
    } finally {
      this.chain.pop();
      this.trace.terms.push(...entries.all.filter((t) => !shown.has(t)));
    }
  }

  /** Trace entries for the record's terms (and syntax errors), in record order, all `not-reached` so far. */
  private traceEntries(
    domain: string,
    depth: number,
    parsed: ParsedRecord,
  ): { byPosition: Map<number, TraceTerm>; all: TraceTerm[] } {
    const byPosition = new Map<number, TraceTerm>();
    const all: TraceTerm[] = [];
    for (const term of parsed.terms) {
      if (term.kind === 'modifier' && term.name !== 'redirect') continue;
      const t: TraceTerm = { domain, term: term.text, position: term.position, depth, outcome: 'not-reached' };
      if (term.kind === 'mechanism') t.qualifierResult = qualifierResult(term.qualifier);
      byPosition.set(term.position, t);
      all.push(t);
    }
    for (const e of parsed.errors) {
      all.push({ domain, term: e.term, position: e.position, depth, outcome: 'error', reason: `syntax:${e.reason}` });
    }
    all.sort((a, b) => a.position - b.position);
    return { byPosition, all };
  }

  /** Counts a term that costs a DNS lookup; an error once past the limit (RFC 7208 4.6.4). */
  private countLookup(t: TraceTerm): MechOutcome | undefined {
    this.lookups++;
    t.lookupNumber = this.lookups;
    if (this.lookups > LOOKUP_LIMIT) return { kind: 'error', result: 'permerror', reason: 'lookup-limit' };
    return undefined;
  }

  private noteVoid(r: DnsResult, t: TraceTerm): MechOutcome | undefined {
    if (!isVoid(r)) return undefined;
    this.voids++;
    t.voidLookup = true;
    if (this.voids > VOID_LIMIT) return { kind: 'error', result: 'permerror', reason: 'void-limit' };
    return undefined;
  }

  /** The target name of a term: its domain-spec expanded (or the current domain), fit for a query. */
  private async target(spec: DomainSpec | undefined, domain: string): Promise<string> {
    if (!spec) return domain;
    const values = this.values(domain);
    if (usesLetter(spec.tokens, 'p')) values.validated = await this.validatedName(domain);
    return normalizeName(fitDomainName(expandMacros(spec.tokens, values)));
  }

  private addressType(): DnsRecordType {
    return this.input.ip.family === 4 ? 'A' : 'AAAA';
  }

  private prefix(m: Mechanism): number {
    return this.input.ip.family === 4 ? (m.cidr4 ?? 32) : (m.cidr6 ?? 128);
  }

  private async mechanism(m: Mechanism, domain: string, depth: number, t: TraceTerm): Promise<MechOutcome> {
    const ip = this.input.ip;
    switch (m.name) {
      case 'all':
        t.reason = 'all';
        return { kind: 'match' };
      case 'ip4':
      case 'ip6': {
        const prefix = (m.name === 'ip4' ? m.cidr4 : m.cidr6) ?? 0;
        t.checked = [`${m.network}/${prefix}`];
        if ((m.name === 'ip4') !== (ip.family === 4)) return { kind: 'no-match', reason: 'other-ip-version' };
        if (inNetwork(ip, m.network ?? '', prefix)) {
          t.reason = 'ip-in-range';
          return { kind: 'match' };
        }
        return { kind: 'no-match', reason: 'ip-not-in-range' };
      }
      case 'a':
      case 'exists': {
        const over = this.countLookup(t);
        if (over) return over;
        const target = await this.target(m.domain, domain);
        t.target = target;
        if (nameProblem(target)) return { kind: 'no-match', reason: 'invalid-target-name' };
        // exists always asks for A records, whatever the client's IP version (RFC 7208 5.7).
        const r = await this.query(target, m.name === 'exists' ? 'A' : this.addressType());
        const failure = dnsFailure(r);
        if (failure) return { kind: 'error', result: 'temperror', reason: failure };
        const limit = this.noteVoid(r, t);
        if (limit) return limit;
        t.checked = r.records.map((x) => x.data);
        if (m.name === 'exists') {
          if (r.records.length) {
            t.reason = 'name-exists';
            return { kind: 'match' };
          }
          return { kind: 'no-match', reason: 'no-such-name' };
        }
        if (!r.records.length) return { kind: 'no-match', reason: 'no-addresses' };
        if (r.records.some((x) => inNetwork(ip, x.data, this.prefix(m)))) {
          t.reason = 'address-matched';
          return { kind: 'match' };
        }
        return { kind: 'no-match', reason: 'address-not-matched' };
      }
      case 'mx':
        return this.mx(m, domain, t);
      case 'ptr':
        return this.ptr(m, domain, t);
      case 'include':
        return this.include(m, domain, depth, t);
    }
  }

  private async mx(m: Mechanism, domain: string, t: TraceTerm): Promise<MechOutcome> {
    const over = this.countLookup(t);
    if (over) return over;
    const target = await this.target(m.domain, domain);
    t.target = target;
    if (nameProblem(target)) return { kind: 'no-match', reason: 'invalid-target-name' };
    const r = await this.query(target, 'MX');
    const failure = dnsFailure(r);
    if (failure) return { kind: 'error', result: 'temperror', reason: failure };
    const limit = this.noteVoid(r, t);
    if (limit) return limit;
    if (r.records.length > NAME_LIMIT) return { kind: 'error', result: 'permerror', reason: 'mx-limit' };
    const hosts = [...r.records].sort((a, b) => (a.preference ?? 0) - (b.preference ?? 0)).map((x) => x.data);
    // A null MX ("." → empty name) has no address to ask for.
    const answers = await this.queryAll(hosts, this.addressType());
    const checked: string[] = [];
    for (const a of answers) {
      if (!a) continue;
      const f = dnsFailure(a);
      if (f) return { kind: 'error', result: 'temperror', reason: f };
      checked.push(...a.records.map((x) => x.data));
    }
    t.checked = checked;
    if (!hosts.length) return { kind: 'no-match', reason: 'no-mx' };
    if (checked.some((addr) => inNetwork(this.input.ip, addr, this.prefix(m)))) {
      t.reason = 'mx-address-matched';
      return { kind: 'match' };
    }
    return { kind: 'no-match', reason: checked.length ? 'address-not-matched' : 'no-addresses' };
  }

  private ptrNames?: Promise<{ names: string[]; failure?: string; void?: DnsResult }>;

  /** Names from the PTR records of the IP whose own addresses include the IP (RFC 7208 5.5). */
  private validatedNames(): Promise<{ names: string[]; failure?: string; void?: DnsResult }> {
    this.ptrNames ??= this.findValidatedNames();
    return this.ptrNames;
  }

  private async findValidatedNames(): Promise<{ names: string[]; failure?: string; void?: DnsResult }> {
    const ip = this.input.ip;
    const r = await this.query(ip.reverse, 'PTR');
    if (r.status !== 'OK') return { names: [], failure: dnsFailure(r), void: r };
    const names = r.records.slice(0, NAME_LIMIT).map((x) => x.data);
    const answers = await this.queryAll(names, this.addressType());
    // A name whose address lookup fails is skipped, not an error (RFC 7208 5.5).
    const valid = names.filter((_, i) => answers[i]?.records.some((x) => inNetwork(ip, x.data, ip.family === 4 ? 32 : 128)));
    return { names: valid };
  }

  private async ptr(m: Mechanism, domain: string, t: TraceTerm): Promise<MechOutcome> {
    const over = this.countLookup(t);
    if (over) return over;
    const target = await this.target(m.domain, domain);
    t.target = target;
    const v = await this.validatedNames();
    if (v.void) {
      const limit = this.noteVoid(v.void, t);
      if (limit) return limit;
    }
    // A failed PTR lookup makes ptr not match; it is no temperror (RFC 7208 5.5).
    if (v.failure) return { kind: 'no-match', reason: `ptr-lookup-failed:${v.failure}` };
    t.checked = v.names;
    const want = target.toLowerCase();
    if (v.names.some((n) => n === want || n.endsWith(`.${want}`))) {
      t.reason = 'ptr-name-matched';
      return { kind: 'match' };
    }
    return { kind: 'no-match', reason: v.names.length ? 'ptr-name-not-matched' : 'ptr-no-validated-name' };
  }

  private async include(m: Mechanism, domain: string, depth: number, t: TraceTerm): Promise<MechOutcome> {
    const over = this.countLookup(t);
    if (over) return over;
    const target = await this.target(m.domain, domain);
    t.target = target;
    // A loop would run until the lookup limit; stopping at once gives the same permerror, sooner.
    if (this.chain.includes(target)) return { kind: 'error', result: 'permerror', reason: 'loop' };
    const inner = await this.frame(target, depth + 1);
    t.nestedResult = inner.result;
    switch (inner.result) {
      case 'pass':
        t.reason = 'include-pass';
        return { kind: 'match', path: inner.path };
      case 'fail':
      case 'softfail':
      case 'neutral':
        return { kind: 'no-match', reason: `include-${inner.result}` };
      case 'temperror':
        return { kind: 'error', result: 'temperror', reason: inner.reason ?? 'include-temperror' };
      case 'permerror':
        return { kind: 'error', result: 'permerror', reason: inner.reason ?? 'include-permerror' };
      case 'none':
        return { kind: 'error', result: 'permerror', reason: 'include-no-record' };
    }
  }

  private async redirect(spec: DomainSpec, domain: string, depth: number, t: TraceTerm): Promise<Frame> {
    this.lookups++;
    t.lookupNumber = this.lookups;
    if (this.lookups > LOOKUP_LIMIT) {
      t.outcome = 'error';
      t.reason = 'lookup-limit';
      return { result: 'permerror', reason: 'lookup-limit', path: [t] };
    }
    const target = await this.target(spec, domain);
    t.target = target;
    if (this.chain.includes(target)) {
      t.outcome = 'error';
      t.reason = 'loop';
      return { result: 'permerror', reason: 'loop', path: [t] };
    }
    const inner = await this.frame(target, depth + 1);
    t.nestedResult = inner.result;
    if (inner.result === 'none') {
      t.outcome = 'error';
      t.reason = 'redirect-no-record';
      return { result: 'permerror', reason: 'redirect-no-record', path: [t] };
    }
    t.outcome = inner.result === 'permerror' || inner.result === 'temperror' ? 'error' : 'matched';
    t.reason = `redirect-${inner.result}`;
    // The redirect target's own exp= applies; the redirecting record's does not (RFC 7208 6.2).
    return { ...inner, path: [t, ...inner.path] };
  }

  /** `%{p}`: a validated name of the IP, preferring the domain itself, then its subdomains (RFC 7208 7.3). */
  private validatedName(domain: string): Promise<string> {
    let p = this.validated.get(domain);
    if (!p) {
      p = this.validatedNames().then(({ names }) => {
        const d = domain.toLowerCase();
        return names.find((n) => n === d) ?? names.find((n) => n.endsWith(`.${d}`)) ?? names[0] ?? 'unknown';
      });
      this.validated.set(domain, p);
    }
    return p;
  }

  /** The exp= text, or undefined when anything about it is wrong (RFC 7208 6.2: proceed as without it). */
  private async explain(spec: DomainSpec, domain: string): Promise<string | undefined> {
    const name = await this.target(spec, domain);
    if (nameProblem(name)) return undefined;
    const r = await this.query(name, 'TXT');
    if (r.status !== 'OK' || r.records.length !== 1) return undefined;
    const parsed = parseMacroString(r.records[0]?.data ?? '', 'exp');
    if (!parsed.ok) return undefined;
    const values = this.values(domain);
    if (usesLetter(parsed.tokens, 'p')) values.validated = await this.validatedName(domain);
    return expandMacros(parsed.tokens, values);
  }
}
