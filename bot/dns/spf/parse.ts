/**
 * The SPF record grammar (RFC 7208 sections 4.6, 5, 6, 7). The whole record is parsed before evaluation
 * because a syntax error anywhere makes the result permerror (4.6). Never throws, whatever the input.
 */
import * as net from 'node:net';
import { parseMacroString, type MacroToken } from './macro';

export type Qualifier = '+' | '-' | '~' | '?';
export type MechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

export interface DomainSpec {
  raw: string;
  tokens: MacroToken[];
}

interface TermBase {
  /** The term as written. */
  text: string;
  /** 0-based character offset in the record. */
  position: number;
}

export interface Mechanism extends TermBase {
  kind: 'mechanism';
  qualifier: Qualifier;
  name: MechanismName;
  /** Target for include/a/mx/ptr/exists (a/mx/ptr default to the current domain when absent). */
  domain?: DomainSpec;
  /** ip4/ip6 network. */
  network?: string;
  /** ip4/ip6 prefix, or a/mx IPv4 prefix (default 32). */
  cidr4?: number;
  /** ip6 prefix, or a/mx IPv6 prefix (default 128). */
  cidr6?: number;
}

export interface Modifier extends TermBase {
  kind: 'modifier';
  /** Lower case. */
  name: string;
  value: string;
  /** For redirect and exp. */
  domain?: DomainSpec;
}

export type Term = Mechanism | Modifier;

export interface SyntaxProblem {
  term: string;
  position: number;
  /** `unknown-mechanism`, `bad-cidr`, `bad-ip4`, `bad-domain-spec`, `bad-macro`, `non-ascii`, … */
  reason: string;
}

export interface ParsedRecord {
  /** Every term that parsed, in order. */
  terms: Term[];
  mechanisms: Mechanism[];
  redirect?: Modifier;
  exp?: Modifier;
  /** Every syntax problem; any one makes the record a permerror. */
  errors: SyntaxProblem[];
}

const MECHANISMS: readonly string[] = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'];
const CIDR = '(0|[1-9]\\d{0,2})';

/** toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum ) */
function isTopLabel(label: string): boolean {
  return /^[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*$/.test(label) || /^[A-Za-z0-9]+-[A-Za-z0-9-]*[A-Za-z0-9]$/.test(label);
}

/** domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand */
export function parseDomainSpec(raw: string): { ok: true; spec: DomainSpec } | { ok: false; reason: string } {
  if (!raw) return { ok: false, reason: 'missing-domain' };
  const parsed = parseMacroString(raw, 'domain');
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const last = parsed.tokens[parsed.tokens.length - 1];
  // A trailing %%, %_ or %- is a macro-expand too, though it parses to literal text.
  const endsInExpand = last?.kind === 'macro' || /%[%_-]$/.test(raw);
  if (!endsInExpand) {
    const m = /\.([^.]*)\.?$/.exec(last?.kind === 'literal' ? last.text : '');
    if (!m || !isTopLabel(m[1] ?? '')) return { ok: false, reason: 'bad-domain-spec' };
  }
  return { ok: true, spec: { raw, tokens: parsed.tokens } };
}

function problem(text: string, position: number, reason: string): SyntaxProblem {
  return { term: text, position, reason };
}

function parseCidrs(rest: string): { cidr4?: number; cidr6?: number } | undefined {
  const m = new RegExp(`^(?:/${CIDR})?(?://${CIDR})?$`).exec(rest);
  if (!m) return undefined;
  const cidr4 = m[1] === undefined ? undefined : Number(m[1]);
  const cidr6 = m[2] === undefined ? undefined : Number(m[2]);
  if ((cidr4 ?? 0) > 32 || (cidr6 ?? 0) > 128) return undefined;
  return { cidr4, cidr6 };
}

/** Splits `domain-spec[/n][//m]` where a domain-spec may itself hold '/'. */
function splitDualCidr(arg: string): { spec: string; cidr: string } {
  const m = /^(.*?)((?:\/\d+)?(?:\/\/\d+)?)$/.exec(arg);
  return { spec: m?.[1] ?? arg, cidr: m?.[2] ?? '' };
}

function parseTerm(text: string, position: number): Term | SyntaxProblem {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return problem(text, position, c > 0x7e ? 'non-ascii' : 'invalid-character');
  }
  const mod = /^([A-Za-z][A-Za-z0-9\-_.]*)=(.*)$/s.exec(text);
  if (mod) {
    const name = (mod[1] ?? '').toLowerCase();
    const value = mod[2] ?? '';
    if (name === 'redirect' || name === 'exp') {
      const d = parseDomainSpec(value);
      if (!d.ok) return problem(text, position, d.reason);
      return { kind: 'modifier', text, position, name, value, domain: d.spec };
    }
    const v = parseMacroString(value, 'any');
    if (!v.ok) return problem(text, position, v.reason);
    return { kind: 'modifier', text, position, name, value };
  }
  const m = /^([+\-~?]?)([A-Za-z][A-Za-z0-9\-_.]*)(.*)$/s.exec(text);
  const name = (m?.[2] ?? '').toLowerCase();
  if (!m || !MECHANISMS.includes(name)) return problem(text, position, 'unknown-mechanism');
  const qualifier = (m[1] || '+') as Qualifier;
  const rest = m[3] ?? '';
  const base = { kind: 'mechanism' as const, text, position, qualifier, name: name as MechanismName };
  switch (name) {
    case 'all':
      return rest ? problem(text, position, 'unexpected-argument') : base;
    case 'include':
    case 'exists': {
      if (!rest.startsWith(':')) return problem(text, position, 'missing-domain');
      const d = parseDomainSpec(rest.slice(1));
      return d.ok ? { ...base, domain: d.spec } : problem(text, position, d.reason);
    }
    case 'ptr': {
      if (!rest) return base;
      if (!rest.startsWith(':')) return problem(text, position, 'unexpected-argument');
      const d = parseDomainSpec(rest.slice(1));
      return d.ok ? { ...base, domain: d.spec } : problem(text, position, d.reason);
    }
    case 'a':
    case 'mx': {
      let specText: string | undefined;
      let cidrText = rest;
      if (rest.startsWith(':')) {
        const split = splitDualCidr(rest.slice(1));
        specText = split.spec;
        cidrText = split.cidr;
      } else if (rest && !rest.startsWith('/')) return problem(text, position, 'unexpected-argument');
      const cidrs = parseCidrs(cidrText);
      if (!cidrs) return problem(text, position, 'bad-cidr');
      if (specText === undefined) return { ...base, ...cidrs };
      const d = parseDomainSpec(specText);
      return d.ok ? { ...base, ...cidrs, domain: d.spec } : problem(text, position, d.reason);
    }
    case 'ip4':
    case 'ip6': {
      if (!rest.startsWith(':') || rest.length === 1) return problem(text, position, 'missing-network');
      const arg = rest.slice(1);
      const slash = arg.indexOf('/');
      const network = slash < 0 ? arg : arg.slice(0, slash);
      const cidrText = slash < 0 ? '' : arg.slice(slash);
      const v4 = name === 'ip4';
      if (v4 ? !net.isIPv4(network) : !net.isIPv6(network)) return problem(text, position, v4 ? 'bad-ip4' : 'bad-ip6');
      const cm = new RegExp(`^(?:/${CIDR})?$`).exec(cidrText);
      const prefix = cm?.[1] === undefined ? (v4 ? 32 : 128) : Number(cm[1]);
      if (!cm || prefix > (v4 ? 32 : 128)) return problem(text, position, 'bad-cidr');
      return v4 ? { ...base, network, cidr4: prefix } : { ...base, network, cidr6: prefix };
    }
  }
  return problem(text, position, 'unknown-mechanism');
}

/** `v=spf1` followed by a space or the end, any case. */
export const VERSION = /^v=spf1(?= |$)/i;

/** Parses a record known to start with `v=spf1`; anything else gives a `not-spf` problem. */
export function parseRecord(record: string): ParsedRecord {
  const out: ParsedRecord = { terms: [], mechanisms: [], errors: [] };
  const text = typeof record === 'string' ? record : '';
  const v = VERSION.exec(text);
  if (!v) {
    out.errors.push(problem(text.split(' ')[0] ?? '', 0, 'not-spf'));
    return out;
  }
  // Terms are separated by one or more spaces, and by nothing else (4.6.1).
  const re = / +/g;
  let pos = v[0].length;
  const pieces: { text: string; position: number }[] = [];
  while (pos < text.length) {
    re.lastIndex = pos;
    const sp = re.exec(text);
    if (!sp || sp.index !== pos) {
      // Not preceded by a space: only possible right after the version, which VERSION excludes.
      break;
    }
    const start = sp.index + sp[0].length;
    if (start >= text.length) break;
    re.lastIndex = start;
    const next = re.exec(text);
    const end = next ? next.index : text.length;
    pieces.push({ text: text.slice(start, end), position: start });
    pos = end;
  }
  for (const p of pieces) {
    const t = parseTerm(p.text, p.position);
    if ('reason' in t) {
      out.errors.push(t);
      continue;
    }
    if (t.kind === 'modifier' && (t.name === 'redirect' || t.name === 'exp')) {
      if (out[t.name]) {
        out.errors.push(problem(t.text, t.position, 'duplicate-modifier'));
        continue;
      }
      out[t.name] = t;
    }
    out.terms.push(t);
    if (t.kind === 'mechanism') out.mechanisms.push(t);
  }
  return out;
}

/** The qualifier's result (RFC 7208 4.6.2). */
export function qualifierResult(q: Qualifier): 'pass' | 'fail' | 'softfail' | 'neutral' {
  return q === '+' ? 'pass' : q === '-' ? 'fail' : q === '~' ? 'softfail' : 'neutral';
}
