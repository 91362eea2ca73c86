/**
 * SPF macros (RFC 7208 section 7): parsing a macro-string into tokens once, at record parse time (a bad
 * macro is a syntax error of the whole record), and expanding the tokens for one evaluation.
 */
import type { ClientIp } from './ip';

export type MacroToken =
  | { kind: 'literal'; text: string }
  | {
      kind: 'macro';
      /** Lower-case letter. */
      letter: string;
      /** Upper-case letter in the record: the value is URL-escaped. */
      escape: boolean;
      /** Keep only this many right-hand parts (after reversal). */
      digits?: number;
      reverse: boolean;
      /** Characters to split on; '.' when none is written. */
      delimiters: string;
    };

export type MacroParse = { ok: true; tokens: MacroToken[] } | { ok: false; position: number; reason: string };

/** Letters allowed in domain-specs; `exp` text may also use c, r and t. */
const DOMAIN_LETTERS = 'slodiphv';
const EXP_LETTERS = 'slodiphvcrt';

/**
 * `context`: `domain` for domain-specs, `exp` for explanation text (which may also hold spaces),
 * `any` for unknown modifiers (every macro letter, never expanded).
 */
export function parseMacroString(s: string, context: 'domain' | 'exp' | 'any'): MacroParse {
  const letters = context === 'domain' ? DOMAIN_LETTERS : EXP_LETTERS;
  const tokens: MacroToken[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal) tokens.push({ kind: 'literal', text: literal });
    literal = '';
  };
  for (let i = 0; i < s.length; ) {
    const ch = s.charCodeAt(i);
    if (ch === 0x25 /* % */) {
      const next = s[i + 1];
      if (next === '%' || next === '_' || next === '-') {
        literal += next === '%' ? '%' : next === '_' ? ' ' : '%20';
        i += 2;
        continue;
      }
      if (next !== '{') return { ok: false, position: i, reason: 'bad-macro' };
      const close = s.indexOf('}', i + 2);
      if (close < 0) return { ok: false, position: i, reason: 'bad-macro' };
      const m = /^([A-Za-z])(\d*)([rR]?)([.\-+,/_=]*)$/.exec(s.slice(i + 2, close));
      if (!m) return { ok: false, position: i, reason: 'bad-macro' };
      const letter = (m[1] ?? '').toLowerCase();
      if (!letters.includes(letter)) return { ok: false, position: i, reason: 'bad-macro-letter' };
      let digits: number | undefined;
      if (m[2]) {
        digits = Number(m[2]);
        if (digits === 0) return { ok: false, position: i, reason: 'bad-macro' };
      }
      flush();
      tokens.push({
        kind: 'macro',
        letter,
        escape: (m[1] ?? '') !== letter,
        digits,
        reverse: !!m[3],
        delimiters: m[4] || '.',
      });
      i = close + 1;
      continue;
    }
    const visible = ch >= 0x21 && ch <= 0x7e;
    if (!visible && !(context === 'exp' && ch === 0x20)) {
      return { ok: false, position: i, reason: ch > 0x7e ? 'non-ascii' : 'invalid-character' };
    }
    literal += s[i];
    i++;
  }
  flush();
  return { ok: true, tokens };
}

export function usesLetter(tokens: MacroToken[], letter: string): boolean {
  return tokens.some((t) => t.kind === 'macro' && t.letter === letter);
}

/** Everything a macro can refer to during one check_host(). */
export interface MacroValues {
  /** `local-part@domain` of the sender (postmaster@helo when MAIL FROM is empty). */
  sender: string;
  local: string;
  senderDomain: string;
  /** The domain whose record is being evaluated. */
  domain: string;
  ip: ClientIp;
  helo: string;
  /** `%{p}`: the validated name, computed only when a record uses it. */
  validated?: string;
  /** `%{r}`: the checking host's name. */
  receiver: string;
  /** `%{t}`: seconds since the epoch. */
  now: number;
}

function letterValue(letter: string, v: MacroValues): string {
  switch (letter) {
    case 's':
      return v.sender;
    case 'l':
      return v.local;
    case 'o':
      return v.senderDomain;
    case 'd':
      return v.domain;
    case 'i':
      return v.ip.dotted;
    case 'p':
      return v.validated ?? 'unknown';
    case 'v':
      return v.ip.family === 4 ? 'in-addr' : 'ip6';
    case 'h':
      return v.helo;
    case 'c':
      return v.ip.text;
    case 'r':
      return v.receiver || 'unknown';
    case 't':
      return String(v.now);
    default:
      return '';
  }
}

/** RFC 3986 unreserved characters stay; every other byte becomes %XX. */
function urlEscape(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function expandMacros(tokens: MacroToken[], values: MacroValues): string {
  let out = '';
  for (const t of tokens) {
    if (t.kind === 'literal') {
      out += t.text;
      continue;
    }
    let parts = letterValue(t.letter, values).split(new RegExp(`[${escapeClass(t.delimiters)}]`));
    if (t.reverse) parts = parts.reverse();
    if (t.digits !== undefined && t.digits < parts.length) parts = parts.slice(parts.length - t.digits);
    const value = parts.join('.');
    out += t.escape ? urlEscape(value) : value;
  }
  return out;
}

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, (c) => `\\${c}`);
}

/**
 * A macro-expanded name made fit for a query (RFC 7208 7.3): trailing dot dropped, then labels removed
 * from the left until it is at most 253 characters.
 */
export function fitDomainName(name: string): string {
  let n = name.replace(/\.$/, '');
  while (n.length > 253) {
    const dot = n.indexOf('.');
    if (dot < 0) break;
    n = n.slice(dot + 1);
  }
  return n;
}
