/** RFC 5322 header blocks: parsing them, and finding one embedded in pasted text. */
import { decodeMimeWords } from './charset';
import { collapseWhitespace } from './text';

export interface HeaderField {
  /** Lower-case name. */
  name: string;
  /** Unfolded value with encoded words decoded. */
  value: string;
}

export class HeaderList {
  /** Values by field name, in order: made at the first look-up (a bounce's readers look up dozens of names). */
  private byName: Map<string, string[]> | undefined;

  constructor(readonly fields: HeaderField[]) {}

  private index(): Map<string, string[]> {
    if (!this.byName) {
      this.byName = new Map();
      for (const f of this.fields) {
        const values = this.byName.get(f.name);
        if (values) values.push(f.value);
        else this.byName.set(f.name, [f.value]);
      }
    }
    return this.byName;
  }

  get(name: string): string | undefined {
    return this.index().get(name.toLowerCase())?.[0];
  }

  all(name: string): readonly string[] {
    return this.index().get(name.toLowerCase()) ?? NONE;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Any field whose name starts with `prefix` (lower-case). */
  hasPrefix(prefix: string): boolean {
    return this.fields.some((f) => f.name.startsWith(prefix));
  }

  get size(): number {
    return this.fields.length;
  }
}

const NONE: readonly string[] = Object.freeze([]);

const FIELD_LINE = /^([!-9;-~]{1,76}):[ \t]?(.*)$/;

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const CONTINUATION_LINE = /^[ \t]/;
const WHITESPACE_CHAR = /\s/;

/**
 * Parses header lines until the first blank line or the first line that is neither a field nor a
 * continuation. Lenient: pasted headers lose their indentation, so a line without a colon right after
 * a field is taken as a continuation too.
 */
export function parseHeaderBlock(text: string, maxFields = 2000): HeaderList {
  const fields: HeaderField[] = [];
  let current: { name: string; raw: string[] } | undefined;
  const flush = (): void => {
    if (current) fields.push({ name: current.name, value: decodeMimeWords(collapseWhitespace(current.raw.join(' ')).trim()) });
    current = undefined;
  };
  // The lines of `text.split('\n')`, one at a time: the block usually ends long before the text does.
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.trim() === '') {
      if (current || fields.length) break;
      continue;
    }
    if (CONTINUATION_LINE.test(line) && current) {
      current.raw.push(line.trim());
      continue;
    }
    const m = FIELD_LINE.exec(line);
    if (m && m[1] && !WHITESPACE_CHAR.test(m[1])) {
      flush();
      if (fields.length >= maxFields) break;
      current = { name: m[1].toLowerCase(), raw: [m[2] ?? ''] };
      continue;
    }
    if (current && current.raw.length < 200) {
      current.raw.push(line.trim());
      continue;
    }
    break;
  }
  flush();
  return new HeaderList(fields);
}

// Fields that mark the start of a copied original message's headers; language-independent.
const ORIGINAL_START =
  /^(?:Received|Received-SPF|Return-Path|DKIM-Signature|ARC-Seal|ARC-Message-Signature|ARC-Authentication-Results|Authentication-Results|X-MS-Exchange-[\w-]+|From|Message-ID|MIME-Version|Date|Subject|To|X-Mailer|X-Google-[\w-]+|X-Received|X-Gm-Message-State)\s*:/im;

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const TRAILING_COLON = /[:：]$/;
const FIELD_NAME_AT_START = /^[\w-]+:/;
const FROM_FIELD = /^From\s*:/i;

/**
 * The block sits right under a heading line ("Original message headers:", "En-têtes de message d'origine :")
 * and names a sender: two fields are then enough (a short paste keeps only From and Subject).
 */
function underHeading(lines: string[], start: number): boolean {
  let i = start - 1;
  while (i >= 0 && (lines[i] ?? '').trim() === '') i--;
  const heading = (lines[i] ?? '').trim();
  if (!TRAILING_COLON.test(heading) || heading.length > 80 || FIELD_NAME_AT_START.test(heading)) return false;
  return lines.slice(start, start + 40).some((l) => FROM_FIELD.test(l));
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const FIELD_WITH_VALUE = /^[A-Za-z][\w-]{0,60}\s*:\s/;
const FIELD_WITHOUT_VALUE = /^[A-Za-z][\w-]{0,60}:$/;

/** Counts how many lines from `start` look like header fields, to tell a real block from prose. */
function headerishLines(lines: string[], start: number): number {
  let n = 0;
  for (let i = start; i < lines.length && i < start + 40; i++) {
    const l = lines[i] ?? '';
    if (l.trim() === '') break;
    if (FIELD_WITH_VALUE.test(l) || FIELD_WITHOUT_VALUE.test(l)) n++;
  }
  return n;
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const LETTER_AT_START = /^[A-Za-z]/;
const FROM_WITH_ADDRESS = /^From\s*:[^\n@]{0,80}@[a-z0-9-]+\./i;

/**
 * The block's own lines (up to a blank one) include a From field with an address: after the remote
 * server's reply, "From: ada@x / To: bob@y" is the copied message's, so two fields are enough there too.
 */
function fromWithAddress(lines: string[], start: number): boolean {
  for (let i = start; i < lines.length && i < start + 40; i++) {
    const l = lines[i] ?? '';
    if (l.trim() === '') return false;
    if (FROM_WITH_ADDRESS.test(l)) return true;
  }
  return false;
}

/**
 * Finds the original message's headers inside a human-readable NDR ("Original message headers:" and its
 * translations, or a forwarded copy). Looks for the first run of at least three header-like lines that
 * starts with a typical field, after `from` (an index into `text`).
 */
export function findEmbeddedHeaders(text: string, from = 0): { block: string; index: number } | undefined {
  const lines = text.slice(from).split('\n');
  let offset = from;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (ORIGINAL_START.test(line) && LETTER_AT_START.test(line) && headerishLines(lines, i) >= (underHeading(lines, i) || fromWithAddress(lines, i) ? 2 : 3)) {
      // The rest of the text from this line (what joining the remaining lines would give).
      return { block: text.slice(offset), index: offset };
    }
    offset += line.length + 1;
  }
  return undefined;
}
