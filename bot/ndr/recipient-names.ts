/**
 * Failed recipients a bounce lists without a readable address: Exchange's "could not be reached:" and
 * X.400 gateways' "did not reach the following recipient(s):" followed by a display name, Notes'
 * "was not delivered to:" followed by a Notes name, AOL's screen names. The layout is the same as for
 * addresses (a heading that says delivery failed, then one entry a line, details indented below it);
 * only the entry is a name. Such a recipient is kept with its name and its reason.
 */
import { FORWARDED_FROM, originalAddressIn } from './forwarding';
import type { RecipientFinding } from './model';
import { applyReply, MAX_DIAGNOSTIC, parseReply } from './reply';
import { clip, squash } from './text';

// A list heading: says delivery failed, names recipients, ends with a colon (or Sendmail's dashes).
const HEADING_END = /(?:[:：]|-{3,})\s*$/;
const HEADING_WHO =
  /recipient|address|delivered to|\breach\b|following|destinataire|destinatari|empfänger|adressat|odbiorc|adresat|受信者|宛先|收件[人者]|받는 사람|수신자|получател|адрес/i;
const HEADING_FAILED =
  /\b(?:not|unable|fail(?:ed|ure)?|undeliver\w*|permanent|fatal|delayed|problems?|rejected|errors?)\b|n't\b|konnte nicht|nicht zugestellt|no se pudo|não foi|non è stato|nie został|не доставлено|できません|無法|无法|실패/i;

// Not a name: replies, codes, field labels, markers, pipes and files (Sendmail's local deliveries) and sentences.
const NOT_A_NAME = /^(?:[<>(#[*=-]|["']?[|/]|[245]\d\d\b|[245]\.\d)|[:：]\s*$|https?:|\b(?:because|please|your|this message|the following)\b/i;

/** `Dana Berg on 10/4/2024 5:12 PM`, `…; on Fri, 4 Oct 2024 17:12:28 -0400`: the date is not part of the name. */
function stripDate(entry: string): string {
  return entry.replace(/[;,]?\s+on\s+(?=[^\n]{0,60}\d)[^\n]{4,60}$/i, '').trim();
}

function looksLikeName(s: string): boolean {
  if (!s || s.length > 100 || s.includes('@') || NOT_A_NAME.test(s)) return false;
  return s.split(/\s+/).length <= 8;
}

function indentOf(line: string): number {
  return /^[ \t]*/.exec(line)?.[0].replace(/\t/g, '    ').length ?? 0;
}

/** The reason for one entry: a reply in its details, else their first words, else the heading's. */
function findingFor(name: string, details: string, because: string, reply: (block: string) => string | undefined): RecipientFinding {
  // A name forwarded from an address (Exim's "an undisclosed address (generated from b@y)"): the
  // address the sender wrote is the one to show.
  const original = originalAddressIn(details);
  const finding: RecipientFinding = original ? { source: 'text', address: original } : { source: 'text', name };
  const r = reply(details);
  if (r) {
    const parsed = parseReply(r);
    // A reply that is only a code (`<mx.example #5.1.1>`) reads better with the words above it.
    const onlyCode = !parsed.text.replace(/\S*\.\S*|\b[245]\d\d\b|[<>#()[\]\s]/g, '');
    finding.diagnostic = clip(onlyCode ? squash(details) : parsed.text, MAX_DIAGNOSTIC);
    applyReply(finding, parsed);
  } else if (squash(details.replace(FORWARDED_FROM, ''))) {
    finding.diagnostic = clip(squash(details.replace(FORWARDED_FROM, '')), 600);
  } else {
    finding.diagnostic = because;
  }
  return finding;
}

/**
 * Entries without an address under a failure heading in `region`. `reply` finds a reply in a block
 * (the MTA text reader's), so codes written under a name are read the same way as under an address.
 */
export function namedRecipients(region: string, reply: (block: string) => string | undefined, max = 50): RecipientFinding[] {
  const lines = region.split('\n');
  const out: RecipientFinding[] = [];
  for (let i = 0; i < lines.length && out.length < max; i++) {
    const heading = lines[i] ?? '';
    if (heading.length > 300 || !HEADING_END.test(heading) || !HEADING_WHO.test(heading) || !HEADING_FAILED.test(heading)) continue;
    // The heading's own reason ("… could not be delivered because they are not accepting mail from x:"),
    // else the heading itself: it says the delivery failed.
    const because = /\bbecause\s+([^\n]{3,200}?)\s*[:：]?\s*$/i.exec(heading)?.[1] ?? heading.replace(/^[\s-]+|[\s:：-]+$/g, '');
    let j = i + 1;
    while (j < lines.length && !(lines[j] ?? '').trim()) j++;
    const entryIndent = indentOf(lines[j] ?? '');
    // Entries, each with the lines indented deeper below it; a blank line ends the list unless the
    // next entry is indented like the first (Exchange separates entries by blank lines).
    let current: { name: string; details: string[] } | undefined;
    const entries: { name: string; details: string[] }[] = [];
    for (; j < lines.length && j < i + 200; j++) {
      const line = lines[j] ?? '';
      if (!line.trim()) {
        let k = j + 1;
        while (k < lines.length && k < j + 5 && !(lines[k] ?? '').trim()) k++;
        const next = lines[k] ?? '';
        if (!next.trim() || entryIndent === 0 || indentOf(next) < entryIndent) break;
        continue;
      }
      const indent = indentOf(line);
      if (current && indent > entryIndent) {
        current.details.push(line.trim());
        continue;
      }
      if (indent < entryIndent) break;
      const name = stripDate(line.trim());
      if (!looksLikeName(name)) {
        // A sentence right under the last name, at the same indentation, is its reason (Outlook's
        // "Dana Berg⏎The email address you entered couldn't be found …").
        const rightUnder = !!(lines[j - 1] ?? '').trim();
        if (current?.name && !current.details.length && rightUnder && !line.includes('@')) {
          for (let k = j; k < lines.length && k < j + 3 && (lines[k] ?? '').trim(); k++) current.details.push((lines[k] ?? '').trim());
          break;
        }
        // An entry with an address is the address readers' own; its details are skipped here.
        if (!line.includes('@')) break;
        current = { name: '', details: [] };
        continue;
      }
      current = { name, details: [] };
      entries.push(current);
    }
    // Notes puts the reason in a "because:" block after the list.
    const after = lines.slice(j, j + 12).join('\n');
    const becauseBlock = /^\s*because\s*[:：]\s*\n+([\s\S]{3,600}?)(?:\n\s*\n|$)/i.exec(after)?.[1];
    for (const e of entries) {
      if (out.length >= max) break;
      out.push(findingFor(e.name, e.details.join('\n') || becauseBlock || '', because, reply));
    }
    i = j - 1;
  }
  return out;
}
