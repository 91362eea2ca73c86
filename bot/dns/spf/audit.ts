/**
 * The audit walk: the record tree of a domain as a support engineer reviews it, without needing a
 * sending IP. It counts what an evaluation that matches nothing would count (terms that cost lookups,
 * past 10 too, per include/redirect branch; void lookups and the terms behind them), and notes loops,
 * duplicate includes, missing records, syntax errors and ptr.
 *
 * What it asks DNS is bounded, and the bound follows evaluation order, so the same zone always gives the
 * same tree whatever order the answers arrive in (RFC 7208 4.6.4: the limits are there "to avoid
 * unreasonable load on the DNS"). Walking the tree depth first in term order, as an evaluation that
 * matches nothing would, each term that costs a lookup gets its lookup number `p`, and `L` is the
 * lookups written in all the records read before it (whole records: ancestors' later terms count too).
 * The term is in scope when `p <= 10` (any evaluation may reach it) or `L <= 20` (the tree may still be
 * small enough to count exactly). In scope, an include/redirect target's record is read and an a, mx,
 * exists or ptr term is asked what an evaluation would ask (to find void lookups); out of scope nothing
 * is asked. Both conditions hold for a prefix of the walk, so:
 * - a tree of at most 20 lookups is read whole and every term checked: counts and voids are exact;
 * - otherwise the walk stops once it has read every record within the first 10 lookups and counted more
 *   than 20, and the counts are lower bounds (`scope.complete` false) that already prove the limit is
 *   passed. An include bomb costs the records of its first 10 lookups (plus a few while `L <= 20`).
 * With `search`, records past the scope are read too, one after another in the same order, until an
 * include of that domain appears in a record read or `maxRecords` records have been read (Microsoft 365
 * tenants: is `include:spf.protection.outlook.com` anywhere in the tree?). Those records count for the
 * lookups and the other findings, but their terms are not asked about (no void checks).
 *
 * To be quick the walk asks ahead the way the evaluation's prefetcher does (prefetch.ts): what is surely
 * in scope is asked at once, and what is in scope only if the records not yet read add little is asked
 * while `known + open <= 10` (lookups known, at most 10, plus one per record in scope not read yet before
 * it). A small tree is thus read a level at a time; one past 10 lookups, one record after another. What
 * is asked ahead and turns out to be out of scope is left out of the tree, so the tree depends on the
 * zone alone; only those few queries depend on the order the answers come in.
 */
import { nameProblem, normalizeName } from '../names';
import type { DnsRecordType, DnsResult } from '../resolver';
import type { ClientIp } from './ip';
import { LOOKUP_LIMIT } from './limits';
import { expandMacros, fitDomainName, usesLetter, type MacroValues } from './macro';
import { parseRecord, type DomainSpec, type Mechanism, type ParsedRecord, type Qualifier } from './parse';
import { isSpfRecord } from './record';
import type { DnsSession } from './session';

/** `unwalked`: past the walk's scope (or its record budget); its record was not read. */
export type NodeState = 'record' | 'none' | 'nxdomain' | 'several' | 'error' | 'loop' | 'unwalked' | 'unknown-target';

/** Lookup numbers any evaluation may reach: every one stops at the 11th lookup (permerror). */
export const WALK_REACH = LOOKUP_LIMIT;
/** Lookups counted exactly: a tree of up to twice the limit is read whole, so the report says by how much it is over. */
export const WALK_EXACT = 2 * LOOKUP_LIMIT;

export interface AuditVoid {
  /** Domain whose record holds the term. */
  domain: string;
  term: string;
  /** The name that came back empty, and how (NXDOMAIN / NODATA). */
  name: string;
  status: string;
}

/** How far the walk went (on the top node only). */
export interface WalkScope {
  /** Every record of the tree was read: lookup counts are exact. Else they are lower bounds, over 10. */
  complete: boolean;
  /** The terms asked about for void lookups are those of the first `checked` lookups (evaluation order). */
  checked: number;
  /** Every term that costs a lookup was asked about: the void count is exact. */
  voidsComplete: boolean;
  /** Records read (the draft included). */
  records: number;
  /** With `search`: whether an include of that domain was found in the records read. */
  found?: boolean;
}

export interface AuditNode {
  domain: string;
  kind: 'top' | 'include' | 'redirect';
  /** The term that led here (`include:…` / `redirect=…`). */
  via?: string;
  /** Domain whose record holds `via`. */
  parent?: string;
  depth: number;
  /** Lookup number of `via` in evaluation order (an evaluation that matches nothing). */
  position?: number;
  state: NodeState;
  record?: string;
  strings?: string[];
  ttl?: number;
  /** How many SPF records, and which, when `several`; DNS status when `error`. */
  count?: number;
  records?: string[];
  error?: string;
  draft?: boolean;
  parsed?: ParsedRecord;
  /** This record's own terms that cost a lookup (include/redirect included), up to `all`. */
  ownLookups: number;
  voids: AuditVoid[];
  children: AuditNode[];
  /** On the top node: how far the walk went. */
  scope?: WalkScope;
}

export interface AuditOptions {
  /** With an IP, a/mx hosts are asked for that IP's address type and macros using it are expanded. */
  ip?: ClientIp;
  override?: { domain: string; record: string };
  /** Read records past the scope until an include of this domain is found (or `maxRecords`). */
  search?: string;
  /** Records read at most, searching included (the scope alone never reads more than 21). */
  maxRecords?: number;
}

/** Letters whose value depends on the connection: unknown without an IP and a sender. */
const CONNECTION_LETTERS = ['i', 'c', 'v', 'p', 's', 'l', 'h', 'r', 't'];

/**
 * Records read at most. The scope reads at most 21 (one per lookup number up to 20, and the top), so this
 * bounds only the search past it: a tree whose first 40 records hold no include of the domain searched
 * for is at least 39 lookups long, far past anything a receiver reads (11 records at most).
 */
const DEFAULT_MAX_RECORDS = 40;

interface Want {
  name: string;
  type: DnsRecordType;
  /** Records in scope not read yet before this question, in evaluation order (0: surely in scope). */
  open: number;
  /** Asked only to search past the scope: never ahead of need. */
  search: boolean;
}

/** One pass over the tree as far as it is known. */
interface Pass {
  /** Lookup terms met so far (a lower bound while `open` > 0). */
  pos: number;
  /** Lookups written in the records read so far. */
  total: number;
  /** Records in scope not read yet, met so far: each can add lookups, so what follows is only maybe in scope. */
  open: number;
  records: number;
  /** Last lookup number in scope. */
  checked: number;
  /** Terms that cost a lookup and were not asked about. */
  unchecked: number;
  complete: boolean;
  found: boolean;
  /** Something in scope is not known yet: this pass is not the answer. */
  waiting: boolean;
  wants: Want[];
}

type Fetched = Pick<AuditNode, 'state' | 'record' | 'strings' | 'ttl' | 'count' | 'records' | 'error' | 'draft'>;

export class AuditWalker {
  private readonly maxRecords: number;
  private readonly fetched = new Map<string, Fetched>();
  /** Answers to questions whose query failed outright (a bug below): treated as a DNS error. */
  private readonly failed = new Map<string, DnsResult>();
  private readonly inflight = new Map<string, Promise<void>>();
  /** A record is parsed once per walk, however many passes read it. */
  private readonly parsed = new Map<string, ParsedRecord>();
  /** `%{t}`: fixed for the walk, so every pass asks the same names. */
  private readonly now = Math.floor(Date.now() / 1000);

  constructor(
    private readonly session: DnsSession,
    private readonly opts: AuditOptions = {},
  ) {
    this.maxRecords = opts.maxRecords ?? DEFAULT_MAX_RECORDS;
  }

  async walk(domain: string): Promise<AuditNode> {
    const root = normalizeName(domain);
    for (;;) {
      const p: Pass = { pos: 0, total: 0, open: 0, records: 0, checked: 0, unchecked: 0, complete: true, found: false, waiting: false, wants: [] };
      const top = this.branch(root, 'top', undefined, undefined, 0, [], p, true);
      if (!p.waiting) {
        const voidsComplete = p.complete && p.unchecked === 0;
        top.scope = { complete: p.complete, checked: voidsComplete ? p.pos : p.checked, voidsComplete, records: p.records };
        if (this.opts.search) top.scope.found = p.found;
        return top;
      }
      const known = Math.min(p.total, WALK_REACH);
      for (const w of p.wants) {
        if (w.open === 0 || (!w.search && known + w.open <= WALK_REACH)) this.ask(w.name, w.type);
      }
      const pending = [...this.inflight.values()];
      // The first question the pass met has nothing open before it, so it is always asked.
      if (!pending.length) throw new Error('audit walk: waiting with nothing asked');
      await Promise.race(pending);
    }
  }

  private key(name: string, type: DnsRecordType): string {
    return `${type} ${normalizeName(name)}`;
  }

  private ask(name: string, type: DnsRecordType): void {
    const key = this.key(name, type);
    if (this.inflight.has(key) || this.answer(name, type)) return;
    const p = this.session.query(name, type).then(
      () => {
        this.inflight.delete(key);
      },
      (err: unknown) => {
        this.failed.set(key, { name, type, status: 'ERROR', records: [], fromCache: false, detail: String(err) } as DnsResult);
        this.inflight.delete(key);
      },
    );
    this.inflight.set(key, p);
  }

  private answer(name: string, type: DnsRecordType): DnsResult | undefined {
    return this.session.settled(name, type) ?? this.failed.get(this.key(name, type));
  }

  /** The record of `domain` as far as it is known (the draft stands in for its domain's record). */
  private record(domain: string): Fetched | undefined {
    const seen = this.fetched.get(domain);
    if (seen) return seen;
    let f: Fetched;
    const o = this.opts.override;
    if (o && normalizeName(o.domain) === domain) {
      f = isSpfRecord(o.record) ? { state: 'record', record: o.record, strings: [o.record], draft: true } : { state: 'none', draft: true };
    } else {
      const r = this.answer(domain, 'TXT');
      if (!r) return undefined;
      f = { state: 'none', ttl: r.ttl };
      if (r.status === 'NXDOMAIN') f.state = 'nxdomain';
      else if (r.status === 'NODATA' || r.status === 'BADNAME') f.state = 'none';
      else if (r.status !== 'OK') {
        f.state = 'error';
        f.error = r.status;
      } else {
        const spf = r.records.filter((x) => isSpfRecord(x.data));
        if (spf.length > 1) {
          f.state = 'several';
          f.count = spf.length;
          f.records = spf.map((x) => x.data);
        } else if (spf[0]) {
          f.state = 'record';
          f.record = spf[0].data;
          f.strings = spf[0].strings ?? [spf[0].data];
        }
      }
    }
    this.fetched.set(domain, f);
    return f;
  }

  private parse(domain: string, text: string): ParsedRecord {
    let parsed = this.parsed.get(domain);
    if (!parsed) {
      parsed = parseRecord(text);
      this.parsed.set(domain, parsed);
    }
    return parsed;
  }

  private values(domain: string): MacroValues | undefined {
    const ip = this.opts.ip;
    if (!ip) return undefined;
    return {
      sender: `postmaster@${domain}`,
      local: 'postmaster',
      senderDomain: domain,
      domain,
      ip,
      helo: domain,
      receiver: 'unknown',
      now: this.now,
    };
  }

  /** The target name of a term, or undefined when it depends on what is not known here. */
  private target(spec: DomainSpec | undefined, domain: string, top: string): string | undefined {
    if (!spec) return domain;
    const values = this.values(top);
    const blocked = values ? ['p'] : CONNECTION_LETTERS;
    if (blocked.some((l) => usesLetter(spec.tokens, l))) return undefined;
    const v: MacroValues = values
      ? { ...values, domain }
      : {
          sender: '',
          local: '',
          senderDomain: top,
          domain,
          ip: { family: 4 } as ClientIp,
          helo: '',
          receiver: '',
          now: 0,
        };
    const name = normalizeName(fitDomainName(expandMacros(spec.tokens, v)));
    return nameProblem(name) ? undefined : name;
  }

  /**
   * The node an include/redirect (or the top) leads to. `inScope` says whether its lookup number is in
   * scope; out of scope its record is read only while searching.
   */
  private branch(
    domain: string,
    kind: AuditNode['kind'],
    via: string | undefined,
    parent: string | undefined,
    depth: number,
    chain: string[],
    p: Pass,
    inScope: boolean,
  ): AuditNode {
    const n: AuditNode = { domain, kind, via, parent, depth, state: 'unwalked', ownLookups: 0, voids: [], children: [] };
    if (kind !== 'top') n.position = p.pos;
    if (chain.includes(domain)) {
      n.state = 'loop';
      return n;
    }
    const search = !inScope && !!this.opts.search && !p.found;
    if ((!inScope && !search) || p.records >= this.maxRecords) {
      p.complete = false;
      return n;
    }
    const f = this.record(domain);
    if (!f) {
      p.complete = false;
      p.waiting = true;
      p.wants.push({ name: domain, type: 'TXT', open: p.open, search });
      p.open++;
      return n;
    }
    p.records++;
    Object.assign(n, f);
    if (n.state !== 'record' || n.record === undefined) return n;
    this.walkRecord(n, chain, p);
    return n;
  }

  private walkRecord(n: AuditNode, chain: string[], p: Pass): void {
    const domain = n.domain;
    const parsed = this.parse(domain, n.record ?? '');
    n.parsed = parsed;
    const top = chain[0] ?? domain;
    const inner = [...chain, domain];
    // The lookups this record writes, as an evaluation that matches nothing meets them.
    const terms: Mechanism[] = [];
    for (const m of parsed.mechanisms) {
      if (m.name === 'all') break;
      if (m.name !== 'ip4' && m.name !== 'ip6') terms.push(m);
    }
    const sawAll = parsed.mechanisms.some((m) => m.name === 'all');
    const redirect = !sawAll ? parsed.redirect : undefined;
    n.ownLookups = terms.length + (redirect?.domain ? 1 : 0);
    p.total += n.ownLookups;
    const search = this.opts.search;
    if (search && !p.found) {
      p.found = terms.some((m) => m.name === 'include' && this.target(m.domain, domain, top) === search);
    }
    for (const m of terms) {
      p.pos++;
      const inScope = p.pos <= WALK_REACH || p.total <= WALK_EXACT;
      if (inScope) p.checked = p.pos;
      const target = this.target(m.domain, domain, top);
      if (m.name === 'include') {
        if (!target) n.children.push({ ...this.blank(m.text, domain, n.depth + 1, 'include', p.pos), state: 'unknown-target' });
        else n.children.push(this.branch(target, 'include', m.text, domain, n.depth + 1, inner, p, inScope));
        continue;
      }
      if (target) this.voidCheck(m, target, n, p, inScope);
    }
    if (redirect?.domain) {
      p.pos++;
      const inScope = p.pos <= WALK_REACH || p.total <= WALK_EXACT;
      if (inScope) p.checked = p.pos;
      const target = this.target(redirect.domain, domain, top);
      if (target) n.children.push(this.branch(target, 'redirect', redirect.text, domain, n.depth + 1, inner, p, inScope));
      else n.children.push({ ...this.blank(redirect.text, domain, n.depth + 1, 'redirect', p.pos), state: 'unknown-target' });
    }
  }

  private blank(via: string, parent: string, depth: number, kind: AuditNode['kind'], position: number): AuditNode {
    return { domain: '', kind, via, parent, depth, position, state: 'none', ownLookups: 0, voids: [], children: [] };
  }

  /**
   * What the term asks, if it is in scope, and whether it comes back empty. With an IP, what an
   * evaluation for that IP asks; without, a void lookup is a name with neither A nor AAAA records (AAAA
   * is asked only when A comes back empty).
   */
  private voidCheck(m: Mechanism, target: string, n: AuditNode, p: Pass, inScope: boolean): void {
    const ip = this.opts.ip;
    let types: DnsRecordType[];
    let name = target;
    switch (m.name) {
      case 'a':
        types = ip ? [ip.family === 4 ? 'A' : 'AAAA'] : ['A', 'AAAA'];
        break;
      case 'exists':
        types = ['A'];
        break;
      case 'mx':
        types = ['MX'];
        break;
      case 'ptr':
        if (!ip) return;
        name = ip.reverse;
        types = ['PTR'];
        break;
      default:
        return;
    }
    if (!inScope) {
      p.unchecked++;
      return;
    }
    let last: DnsResult | undefined;
    for (const type of types) {
      const r = this.answer(name, type);
      if (!r) {
        // An answer changes no lookup number: what comes after stays as sure to be in scope as before.
        p.waiting = true;
        p.wants.push({ name, type, open: p.open, search: false });
        return;
      }
      if (r.status !== 'NXDOMAIN' && r.status !== 'NODATA') return;
      last ??= r;
    }
    n.voids.push({ domain: n.domain, term: m.text, name, status: last?.status ?? 'NODATA' });
  }
}

/** Lookups of a subtree: its own terms plus everything below. */
export function subtreeLookups(n: AuditNode): number {
  return n.ownLookups + n.children.reduce((s, c) => s + subtreeLookups(c), 0);
}

/** Whether every record of the subtree was read (its lookup count is exact). */
export function subtreeComplete(n: AuditNode): boolean {
  return n.state !== 'unwalked' && n.children.every(subtreeComplete);
}

/** Depth-first, in term order: the order an evaluation meets the records. */
export function flatten(n: AuditNode): AuditNode[] {
  return [n, ...n.children.flatMap(flatten)];
}

/**
 * The `all` that ends the policy: the top record's, else the one its redirect chain reaches; `unknown`
 * when the chain leads to a record the walk did not read.
 */
export function effectiveAll(n: AuditNode): { qualifier: Qualifier; domain: string; term: string } | 'unknown' | undefined {
  if (n.state === 'unwalked') return 'unknown';
  const all = n.parsed?.mechanisms.find((m) => m.name === 'all');
  if (all) return { qualifier: all.qualifier, domain: n.domain, term: all.text };
  const redirect = n.children.find((c) => c.kind === 'redirect');
  return redirect ? effectiveAll(redirect) : undefined;
}

export function voidCount(n: AuditNode): number {
  return n.voids.length + n.children.reduce((s, c) => s + voidCount(c), 0);
}

/**
 * `domain=n` for the include/redirect branches of a record, costliest first; `domain≥n` where the walk
 * did not read the whole branch (its count is a lower bound).
 */
export function branchCosts(top: AuditNode): string[] {
  const own = top.ownLookups - top.children.length;
  const list = top.children.map((c) => ({ name: c.domain || c.via || '?', n: 1 + subtreeLookups(c), exact: subtreeComplete(c) }));
  if (own > 0) list.push({ name: top.domain, n: own, exact: true });
  return list.sort((a, b) => b.n - a.n).map((b) => `${b.name}${b.exact ? '=' : '≥'}${b.n}`);
}
