/**
 * Typed commands, in every language the bot speaks: help, language <code>, check <domain> [ip], and a
 * bare domain or address alone (which means check). Anything else is treated as a bounce.
 */
import { isIP } from 'node:net';
import { readDomain } from '../dns/domain-input';

export type Command =
  | { kind: 'help' }
  | { kind: 'language'; tag?: string }
  /** `domain` absent: ask which one (`invalid` is what was typed instead of a domain, if anything). */
  | { kind: 'check'; domain?: string; ip?: string; invalid?: string }
  /** A domain with something that is not an IP address after it. */
  | { kind: 'check-invalid'; input: string };

const HELP = ['help', '?', 'aide', 'ヘルプ', '使い方', '說明', '帮助', '幫助', 'hjälp', '도움말', '도움'];
const LANGUAGE = ['language', 'lang', 'langue', '言語', '語言', '语言', 'språk', '언어'];
const CHECK = ['check', 'vérifier', 'verifier', 'contrôler', 'チェック', '確認', '檢查', '检查', 'kontrollera', 'kolla', '확인', '검사'];

function strip(text: string): string {
  // Leading slash or bang commands, and a trailing full stop.
  return text.trim().replace(/^[/!]/, '').replace(/[.。]$/, '').trim();
}

export function parseCommand(text: string): Command | undefined {
  const t = strip(text);
  if (!t || t.length > 300 || t.includes('\n')) return undefined;
  const [first = '', ...rest] = t.split(/\s+/);
  const word = first.toLowerCase();
  if (HELP.includes(word) && rest.length === 0) return { kind: 'help' };
  if (LANGUAGE.includes(word) && rest.length <= 1) return { kind: 'language', tag: rest[0] };
  if (CHECK.includes(word) && rest.length <= 2) {
    if (!rest.length) return { kind: 'check' };
    const d = readDomain(rest[0]!);
    const ip = rest[1];
    if (!d.ok) return { kind: 'check', invalid: rest.join(' ') };
    if (ip !== undefined && !isIP(ip)) return { kind: 'check-invalid', input: rest.join(' ') };
    return { kind: 'check', domain: d.domain, ip };
  }
  // A bare domain or address pasted alone means "check it".
  if (rest.length === 0 && /^[^\s@]*@?[^\s@]+\.[^\s@]+$/.test(first) && !/^\d+\.\d+\.\d+$/.test(first)) {
    const d = readDomain(first);
    if (d.ok) return { kind: 'check', domain: d.domain };
  }
  return undefined;
}
