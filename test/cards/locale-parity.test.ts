/**
 * The seven locales say the same things: every key of English exists in every locale (with the plural
 * forms that language needs), with the same placeholders, and nothing is left in English that is not a
 * product name or a technical token. Every finding and every code-table entry has its words.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SUPPORTED_LOCALES } from '../../bot/cards/locale';
import { LOCALES_DIR } from '../../bot/cards/i18n';
import { FINDING_CODES } from '../../bot/dns/findings';
import { CODE_TABLE } from '../../bot/diagnosis/code-table';

type Flat = Map<string, string>;

function flatten(obj: unknown, prefix: string, out: Flat): Flat {
  if (obj && typeof obj === 'object') for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out.set(prefix, String(obj));
  return out;
}

function load(lng: string): Flat {
  const out: Flat = new Map();
  for (const file of readdirSync(path.join(LOCALES_DIR, lng)).filter((f) => f.endsWith('.json'))) {
    flatten(JSON.parse(readFileSync(path.join(LOCALES_DIR, lng, file), 'utf8')), `${file.slice(0, -5)}:`, out);
  }
  return new Map([...out].map(([k, v]) => [k.replace(':.', ':'), v]));
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (k: string): string => k.replace(PLURAL, '');
const vars = (s: string): string[] => [...s.matchAll(/\{\{-?\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]!).sort();

const en = load('en');
const others = SUPPORTED_LOCALES.filter((l) => l !== 'en');

/** Texts that are the same in every language: product names, SMTP replies, technical tokens. */
const SAME_EVERYWHERE = new Set(['common:appName', 'common:help.example', 'common:value', 'common:labelValue']);
const TECHNICAL = /\b(SPF|DKIM|DMARC|DNS|MX|PTR|TXT|TLS|DANE|DNSSEC|TLSA|MTA-STS|STARTTLS|BDAT|CHUNKING|LF|TNEF|HELO|EHLO|RCPT|IPv4|IPv6|IP|NXDOMAIN|SERVFAIL|REFUSED|TTL|UTC|Microsoft 365|Microsoft|Outlook\.com|Hotmail|Gmail|Teams|SharePoint|OneDrive|Exchange Online|Bounce Doctor|permerror|temperror|softfail|pass|fail|neutral|none|postmaster|include:spf\.protection\.outlook\.com|spf\.protection\.outlook\.com|[+~?-]all|ptr|ip4|ip6|a|mx|exists|redirect|exp|x-dg-ref|AS\d+|onmicrosoft\.com)\b/g;

/** Words that are spelled the same in that language (French "minute" is French too). */
const SAME_IN: Record<string, string[]> = {
  fr: ['common:duration.minutes_one', 'common:duration.minutes_other'],
  sv: ['escalation:form.urgency.normal', 'escalation:facts.status', 'escalation:support.check'],
};

function englishLeft(lng: string, key: string, value: string): boolean {
  if (SAME_EVERYWHERE.has(key) || SAME_IN[lng]?.includes(key)) return false;
  const en_ = en.get(key);
  if (en_ === undefined || value !== en_) return false;
  const rest = value.replace(/\{\{[^}]*\}\}/g, ' ').replace(TECHNICAL, ' ').replace(/[^A-Za-z]+/g, ' ').trim();
  return /[A-Za-z]{3,}/.test(rest);
}

describe.each(others.map((l) => [l]))('%s', (lng) => {
  const loc = load(lng);
  const rules = new Intl.PluralRules(lng);

  it('has every English key, with the plural forms the language needs, and no stale ones', () => {
    const missing: string[] = [];
    const enBases = new Set([...en.keys()].map(base));
    for (const key of en.keys()) {
      if (PLURAL.test(key)) continue;
      if (!loc.has(key)) missing.push(key);
    }
    for (const b of new Set([...en.keys()].filter((k) => PLURAL.test(k)).map(base))) {
      for (const cat of rules.resolvedOptions().pluralCategories) if (!loc.has(`${b}_${cat}`)) missing.push(`${b}_${cat}`);
    }
    const stale = [...loc.keys()].filter((k) => !enBases.has(base(k)));
    expect(missing).toEqual([]);
    expect(stale).toEqual([]);
  });

  it('uses the same placeholders as English', () => {
    const wrong: string[] = [];
    for (const [key, value] of loc) {
      const enValue = en.get(key) ?? en.get(`${base(key)}_other`);
      if (enValue === undefined) continue;
      const a = vars(value).filter((v) => v !== 'count');
      const b = vars(enValue).filter((v) => v !== 'count');
      if (JSON.stringify([...new Set(a)]) !== JSON.stringify([...new Set(b)])) wrong.push(`${key}: ${a.join(',')} vs ${b.join(',')}`);
    }
    expect(wrong).toEqual([]);
  });

  it('leaves nothing in English but product names and technical tokens', () => {
    expect([...loc].filter(([k, v]) => englishLeft(lng, k, v)).map(([k]) => k)).toEqual([]);
  });
});

describe.each(SUPPORTED_LOCALES.map((l) => [l]))('%s words every finding and every known code', (lng) => {
  const loc = load(lng);
  it('has a sentence for each finding code', () => {
    const missing = FINDING_CODES.filter((code) => {
      if (code === 'ip.result') return !['pass', 'fail', 'softfail', 'neutral', 'none', 'permerror', 'temperror'].every((r) => loc.has(`findings:ip.result.${r}`));
      // A finding worded by count has its plural forms instead of one key.
      const key = `findings:${code}`;
      return !loc.has(key) && ![...loc.keys()].some((k) => base(k) === key);
    });
    expect(missing).toEqual([]);
  });

  it('has a title, meaning and fix for each entry of the code table', () => {
    const missing = CODE_TABLE.flatMap((e) => ['title', 'meaning', 'fix'].map((p) => `codes:${e.key}.${p}`)).filter((k) => !loc.has(k));
    expect(missing).toEqual([]);
  });
});
