/**
 * Typed commands, in every language the bot speaks: help, language <code>, check <domain> [ip], and a
 * bare domain or address alone (which means check). Anything else is treated as a bounce.
 *
 * What was typed is normalised first, as people type it: full-width letters and digits folded (NFKC,
 * so `ｃｈｅｃｋ` is `check`), a leading slash or bang and trailing punctuation (`Hjälp!`, `ヘルプ？`,
 * `help.`) dropped. `check` takes a domain, an e-mail address or a URL (its host).
 */
import { isIP } from 'node:net';
import { readDomain } from '../dns/domain-input';

export type Command =
  /** `language`: the language the command word is written in, when only one language uses it. */
  | { kind: 'help'; language?: string }
  | { kind: 'language'; tag?: string }
  /** `domain` absent: ask which one (`invalid` is what was typed instead of a domain, if anything). */
  | { kind: 'check'; domain?: string; ip?: string; invalid?: string; language?: string }
  /** A domain with something that is not an IP address after it. */
  | { kind: 'check-invalid'; input: string; language?: string };

/** Each command word, with the language that writes it (undefined: shared by several). */
const HELP: Record<string, string | undefined> = {
  help: 'en', '?': undefined, aide: 'fr', 'ヘルプ': 'ja', '使い方': 'ja', '說明': 'zh-TW', '帮助': 'zh-CN', '幫助': 'zh-TW', 'hjälp': 'sv', '도움말': 'ko', '도움': 'ko',
};
const LANGUAGE = ['language', 'lang', 'langue', '言語', '語言', '语言', 'språk', '언어'];
const CHECK: Record<string, string | undefined> = {
  check: 'en', 'vérifier': 'fr', verifier: 'fr', 'contrôler': 'fr', 'チェック': 'ja', '確認': undefined, '檢查': 'zh-TW', '检查': 'zh-CN', kontrollera: 'sv', kolla: 'sv', '확인': 'ko', '검사': 'ko',
};

/** Trailing punctuation a person adds to a command: ASCII and CJK full stops, !, ?, ellipses, colons. */
const TRAILING_PUNCTUATION = /[.!?。！？｡、,，:;：；…]+$/u;

export function normaliseCommandText(text: string): string {
  const t = text.normalize('NFKC').trim();
  // `?` and `!` alone are commands (help), not punctuation.
  if (/^[?!]$/.test(t)) return t === '?' ? t : '';
  return t.replace(/^[/!]/, '').replace(TRAILING_PUNCTUATION, '').trim();
}

export function parseCommand(text: string): Command | undefined {
  // A command is one line: a paste of several is a bounce, known before normalising all of it. (NFKC maps
  // nothing that trim keeps to whitespace, so a line break inside the trimmed text stays inside.)
  if (text.trim().includes('\n')) return undefined;
  const t = normaliseCommandText(text);
  if (!t || t.length > 300) return undefined;
  // "check: contoso.com", "Vérifier : contoso.com, 203.0.113.5", "check \"contoso.com\"": the colon after the
  // word, commas between the values and quotes around them are how people write, not part of the values.
  const [head = '', ...tail] = t.replace(/^([^\s:]+)\s*:\s*/, '$1 ').split(/\s+/);
  const first = head;
  const rest = tail.map((x) => x.replace(/^["'“”«»‘’]+|["'“”«»‘’,;]+$/g, '')).filter(Boolean);
  const word = first.toLowerCase();
  if (Object.hasOwn(HELP, word) && rest.length === 0) return { kind: 'help', language: HELP[word] };
  if (LANGUAGE.includes(word) && rest.length <= 1) return { kind: 'language', tag: rest[0] };
  if (Object.hasOwn(CHECK, word) && rest.length <= 2) {
    const language = CHECK[word];
    if (!rest.length) return { kind: 'check', language };
    const d = readDomain(rest[0]!);
    const ip = rest[1];
    if (!d.ok) return { kind: 'check', invalid: rest.join(' '), language };
    if (ip !== undefined && !isIP(ip)) return { kind: 'check-invalid', input: rest.join(' '), language };
    return { kind: 'check', domain: d.domain, ip, language };
  }
  // A bare domain or address pasted alone means "check it".
  if (rest.length === 0 && /^[^\s@]*@?[^\s@]+\.[^\s@]+$/.test(first) && !/^\d+\.\d+\.\d+$/.test(first) && !first.includes('://')) {
    const d = readDomain(first);
    if (d.ok) return { kind: 'check', domain: d.domain };
  }
  return undefined;
}
