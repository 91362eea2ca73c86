/** HTML (an NDR's text/html part, or a Teams message) to plain text with its line structure kept. */
import { compile, type HtmlToTextOptions } from 'html-to-text';
import { matchesOf } from './matches';

const OPTIONS: HtmlToTextOptions = {
  // No re-wrapping: the readers work line by line, and a wrapped reply would split a code from its words.
  wordwrap: false,
  preserveNewlines: false,
  decodeEntities: true,
  limits: { maxInputLength: 4_000_000, ellipsis: '', maxChildNodes: 20_000, maxDepth: 200 },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'head', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'h4', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false, maxColumnWidth: 10_000 } },
    // Teams wraps @mentions in <at>; the mention is the bot's or a colleague's name, not bounce text.
    { selector: 'at', format: 'skip' },
  ],
};

let converter: ((html: string) => string) | undefined;

const VOID = /^(?:br|hr|img|meta|link|input|col|area|base|wbr|source|p|li|td|tr|th|option)$/i;

/**
 * True when the markup nests so deeply (or has so many tags) that a DOM parser would take long:
 * htmlparser2's time grows with depth × tags. Real NDR and Teams HTML stays far below both limits.
 */
function tooComplex(html: string): boolean {
  let depth = 0;
  let tags = 0;
  for (const m of matchesOf(html, /<(\/?)([a-zA-Z][\w:-]{0,40})[^<>]{0,2000}?(\/?)>/g)) {
    if (++tags > 50_000) return true;
    if (m[3] || VOID.test(m[2] ?? '')) continue;
    depth += m[1] ? -1 : 1;
    if (depth > 400) return true;
  }
  return false;
}

/**
 * `<user@example.com>` is never a tag: real HTML escapes it as `&lt;…&gt;`. A paste read as HTML (a
 * plain-text bounce with a few tags in it) keeps such addresses instead of losing them with the tags.
 */
const BRACKETED_ADDRESS = /<([^<>\s@"'=/]{1,64}@[^<>\s@"'=/]{1,255})>/g;

export function htmlToText(rawHtml: string): string {
  const html = rawHtml.replace(BRACKETED_ADDRESS, '&lt;$1&gt;');
  try {
    if (tooComplex(html)) return stripTags(html);
    converter ??= compile(OPTIONS);
    return converter(html);
  } catch {
    return stripTags(html);
  }
}

/** Tag stripping that keeps line structure: enough to read codes and addresses out of odd markup. */
function stripTags(html: string): string {
  {
    return html
      .replace(/<(style|script)\b[^<]{0,100000}<\/\1>/gi, ' ')
      .replace(/<br\s{0,10}\/?>|<\/(?:p|div|tr|li|h\d)>/gi, '\n')
      .replace(/<[^<>]{0,2000}>/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&nbsp;/g, ' ')
      .replace(/&amp;/g, '&');
  }
}

/** Teams message text: remove `<at>…</at>` mentions, convert HTML when there is any. */
export function teamsText(text: string, isHtml: boolean): string {
  const noMentions = text.replace(/<at\b[^<>]{0,500}>[^<]{0,500}<\/at>/gi, ' ');
  return isHtml ? htmlToText(noMentions) : noMentions;
}
