/**
 * The audit walk: the whole record tree of a domain as a support engineer reviews it, without needing a
 * sending IP. It counts what an evaluation that matches nothing would count (terms that cost lookups,
 * past 10 too, per include/redirect branch; void lookups and the terms behind them), and notes loops,
 * duplicate includes, missing records, syntax errors and ptr. Branches are walked in parallel.
 */
import { nameProblem, normalizeName } from '../names';
import type { DnsRecordType, DnsResult } from '../resolver';
import type { ClientIp } from './ip';
import { NAME_LIMIT } from './limits';
import { expandMacros, fitDomainName, usesLetter, type MacroValues } from './macro';
import { parseRecord, type DomainSpec, type Mechanism, type ParsedRecord, type Qualifier } from './parse';
import { isSpfRecord } from './record';
import type { DnsSession } from './session';

export type NodeState = 'record' | 'none' | 'nxdomain' | 'several' | 'error' | 'loop' | 'too-deep' | 'unknown-target';

export interface AuditVoid {
  /** Domain whose record holds the term. */
  domain: string;
  term: string;
  /** The name that came back empty, and how (NXDOMAIN / NODATA). */
  name: string;
  status: string;
}

export interface AuditNode {
  domain: string;
  kind: 'top' | 'include' | 'redirect';
  /** The term that led here (`include:…` / `redirect=…`). */
  via?: string;
  /** Domain whose record holds `via`. */
  parent?: string;
  depth: number;
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
}

export interface AuditOptions {
  /** With an IP, a/mx hosts are asked for that IP's address type and macros using it are expanded. */
  ip?: ClientIp;
  override?: { domain: string; record: string };
  /** Records walked at most (a guard against include bombs). */
  maxNodes?: number;
}

const MAX_DEPTH = 12;
/** Letters whose value depends on the connection: unknown without an IP and a sender. */
const CONNECTION_LETTERS = ['i', 'c', 'v', 'p', 's', 'l', 'h', 'r', 't'];

export class AuditWalker {
  private nodes = 0;
  private readonly maxNodes: number;

  constructor(
    private readonly session: DnsSession,
    private readonly opts: AuditOptions = {},
  ) {
    this.maxNodes = opts.maxNodes ?? 120;
  }

  walk(domain: string): Promise<AuditNode> {
    return this.node(normalizeName(domain), 'top', undefined, undefined, 0, []);
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
      now: Math.floor(Date.now() / 1000),
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

  private async node(
    domain: string,
    kind: AuditNode['kind'],
    via: string | undefined,
    parent: string | undefined,
    depth: number,
    chain: string[],
  ): Promise<AuditNode> {
    const n: AuditNode = { domain, kind, via, parent, depth, state: 'none', ownLookups: 0, voids: [], children: [] };
    if (chain.includes(domain)) {
      n.state = 'loop';
      return n;
    }
    if (depth > MAX_DEPTH || ++this.nodes > this.maxNodes) {
      n.state = 'too-deep';
      return n;
    }
    const o = this.opts.override;
    if (o && normalizeName(o.domain) === domain) {
      n.draft = true;
      if (!isSpfRecord(o.record)) return n;
      n.state = 'record';
      n.record = o.record;
      n.strings = [o.record];
    } else {
      const r = await this.session.query(domain, 'TXT');
      n.ttl = r.ttl;
      if (r.status === 'NXDOMAIN') n.state = 'nxdomain';
      else if (r.status === 'NODATA' || r.status === 'BADNAME') n.state = 'none';
      else if (r.status !== 'OK') {
        n.state = 'error';
        n.error = r.status;
      } else {
        const spf = r.records.filter((x) => isSpfRecord(x.data));
        if (spf.length > 1) {
          n.state = 'several';
          n.count = spf.length;
          n.records = spf.map((x) => x.data);
        } else if (spf[0]) {
          n.state = 'record';
          n.record = spf[0].data;
          n.strings = spf[0].strings ?? [spf[0].data];
        }
      }
    }
    if (n.state !== 'record' || n.record === undefined) return n;
    const parsed = parseRecord(n.record);
    n.parsed = parsed;
    const top = chain[0] ?? domain;
    const inner = [...chain, domain];
    const work: Promise<void>[] = [];
    const children: (AuditNode | undefined)[] = [];
    let sawAll = false;
    for (const m of parsed.mechanisms) {
      if (m.name === 'all') {
        sawAll = true;
        break;
      }
      if (m.name === 'ip4' || m.name === 'ip6') continue;
      n.ownLookups++;
      const target = this.target(m.domain, domain, top);
      if (m.name === 'include') {
        const slot = children.length;
        children.push(undefined);
        if (!target) {
          children[slot] = { ...this.blank(m.text, domain, depth + 1, 'include'), state: 'unknown-target' };
          continue;
        }
        work.push(
          this.node(target, 'include', m.text, domain, depth + 1, inner).then((c) => {
            children[slot] = c;
          }),
        );
        continue;
      }
      if (target) work.push(this.voidCheck(m, target, domain, n));
    }
    if (!sawAll && parsed.redirect?.domain) {
      n.ownLookups++;
      const target = this.target(parsed.redirect.domain, domain, top);
      const slot = children.length;
      children.push(undefined);
      if (target) {
        work.push(
          this.node(target, 'redirect', parsed.redirect.text, domain, depth + 1, inner).then((c) => {
            children[slot] = c;
          }),
        );
      } else children[slot] = { ...this.blank(parsed.redirect.text, domain, depth + 1, 'redirect'), state: 'unknown-target' };
    }
    await Promise.all(work);
    n.children = children.filter((c): c is AuditNode => !!c);
    return n;
  }

  private blank(via: string, parent: string, depth: number, kind: AuditNode['kind']): AuditNode {
    return { domain: '', kind, via, parent, depth, state: 'none', ownLookups: 0, voids: [], children: [] };
  }

  /** Asks what the term asks and notes a void lookup (without an IP: void only if neither A nor AAAA exists). */
  private async voidCheck(m: Mechanism, target: string, domain: string, n: AuditNode): Promise<void> {
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
    const answers: DnsResult[] = await Promise.all(types.map((t) => this.session.query(name, t)));
    const empty = answers.every((a) => a.status === 'NXDOMAIN' || a.status === 'NODATA');
    if (empty) {
      const first = answers[0];
      n.voids.push({ domain, term: m.text, name, status: first?.status ?? 'NODATA' });
    } else if (m.name === 'mx' && ip) {
      // Warm the cache for the evaluation, which needs the MX hosts' addresses.
      const mx = answers[0]?.records ?? [];
      if (mx.length <= NAME_LIMIT) {
        for (const x of mx) if (x.data && !nameProblem(x.data)) void this.session.prefetch(x.data, ip.family === 4 ? 'A' : 'AAAA');
      }
    }
  }
}

/** Lookups of a subtree: its own terms plus everything below. */
export function subtreeLookups(n: AuditNode): number {
  return n.ownLookups + n.children.reduce((s, c) => s + subtreeLookups(c), 0);
}

/** Depth-first, in term order: the order an evaluation meets the records. */
export function flatten(n: AuditNode): AuditNode[] {
  return [n, ...n.children.flatMap(flatten)];
}

/** The `all` that ends the policy: the top record's, else the one its redirect chain reaches. */
export function effectiveAll(n: AuditNode): { qualifier: Qualifier; domain: string; term: string } | undefined {
  const all = n.parsed?.mechanisms.find((m) => m.name === 'all');
  if (all) return { qualifier: all.qualifier, domain: n.domain, term: all.text };
  const redirect = n.children.find((c) => c.kind === 'redirect');
  return redirect ? effectiveAll(redirect) : undefined;
}

export function voidCount(n: AuditNode): number {
  return n.voids.length + n.children.reduce((s, c) => s + voidCount(c), 0);
}

/** `domain=n` for the include/redirect branches of a record, costliest first. */
export function branchCosts(top: AuditNode): string[] {
  const own = top.ownLookups - top.children.length;
  const list = top.children.map((c) => ({ name: c.domain || c.via || '?', n: 1 + subtreeLookups(c) }));
  if (own > 0) list.push({ name: top.domain, n: own });
  return list.sort((a, b) => b.n - a.n).map((b) => `${b.name}=${b.n}`);
}
