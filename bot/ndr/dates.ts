/**
 * Dates as bounces write them, to ISO 8601: RFC 5322 dates (`Fri, 14 Mar 2025 09:12:41 +0000`),
 * Exchange's zone-less "Created Date" in the NDR's locale (`3/14/2025 9:12:41 AM`, `14/03/2025 09:12:41`,
 * `2025/03/14 9:12:41`, `2025-03-14 오전 9:12:41`, `2025/3/14 上午 09:12:41`, `2025年3月14日 9:12`).
 * A date without a zone is taken as UTC, which is what Exchange Online shows.
 */
import { collapseWhitespace } from './text';

// Languages that write numeric dates day first.
const DAY_FIRST = new Set(['fr', 'de', 'it', 'es', 'pt', 'nl', 'ru', 'sv', 'en-GB']);

function iso(y: number, mo: number, d: number, h: number, mi: number, s: number): string | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const PM_MARKER = /^(?:pm|下午|午後|오후)$/i;
const AM_MARKER = /^(?:am|上午|午前|오전)$/i;

function hour12(h: number, marker: string | undefined): number {
  if (!marker) return h;
  const pm = PM_MARKER.test(marker);
  const am = AM_MARKER.test(marker);
  if (pm && h < 12) return h + 12;
  if (am && h === 12) return 0;
  return h;
}

const MARK = String.raw`(AM|PM|上午|下午|午前|午後|오전|오후)`;

// Year first: 2025/03/14, 2025-03-14, 2025.03.14, 2025年3月14日
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})\s*[/.\-年]\s*(\d{1,2})\s*[/.\-月]\s*(\d{1,2})\s*日?\.?(?:\s*\(\S+\))?\s*(?:${MARK}\s*)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*${MARK}?$`, 'i');
// Year last: 3/14/2025 9:12:41 AM (en-US), 14/03/2025 09:12:41 (fr), 14.03.2025 09:12 (de)
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}),?\s+(?:${MARK}\s*)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*${MARK}?$`, 'i');

/** Numeric local dates as Exchange renders them per locale. */
function localNumeric(value: string, language: string | undefined): string | undefined {
  const v = collapseWhitespace(value).trim();
  let m = YEAR_FIRST.exec(v);
  if (m) {
    const h = hour12(Number(m[5]), m[4] ?? m[8]);
    return iso(Number(m[1]), Number(m[2]), Number(m[3]), h, Number(m[6]), Number(m[7] ?? 0));
  }
  m = YEAR_LAST.exec(v);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const dayFirst = a > 12 || (b <= 12 && language !== undefined && DAY_FIRST.has(language));
    const h = hour12(Number(m[5]), m[4] ?? m[8]);
    return iso(Number(m[3]), dayFirst ? b : a, dayFirst ? a : b, h, Number(m[6]), Number(m[7] ?? 0));
  }
  return undefined;
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const PAREN_COMMENTS = /\([^)]*\)/g;
const THREE_LETTERS = /[a-z]{3}/i;
const ISO_DATE_TIME_START = /^\d{4}-\d{2}-\d{2}T/;
const TRAILING_ZONE = /(?:[+-]\d{2}:?\d{2}|\b(?:UTC|GMT|Z|UT|[ECMP][SD]T|JST|KST|CET|CEST)\b)\s*$/i;
const ISO_UTC_TIME = /T\d\d:\d\d.*Z$/;

export function dateToIso(value: string | undefined, language?: string): string | undefined {
  if (!value || value.length > 200) return undefined;
  const local = localNumeric(value, language);
  if (local) return local;
  const cleaned = collapseWhitespace(value.includes('(') ? value.replace(PAREN_COMMENTS, ' ') : value).trim();
  if (!THREE_LETTERS.test(cleaned) && !ISO_DATE_TIME_START.test(cleaned)) return undefined;
  const hasZone = TRAILING_ZONE.test(cleaned) || ISO_UTC_TIME.test(cleaned);
  const t = Date.parse(hasZone ? cleaned : `${cleaned} UTC`);
  const fallback = Number.isNaN(t) ? Date.parse(cleaned) : t;
  if (Number.isNaN(fallback)) return undefined;
  const year = new Date(fallback).getUTCFullYear();
  return year >= 1980 && year <= 2200 ? new Date(fallback).toISOString() : undefined;
}
