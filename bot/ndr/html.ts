/** HTML (an NDR's text/html part, or a Teams message) to plain text with its line structure kept. */
import { convert, type HtmlToTextOptions } from 'html-to-text';

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
    { selector: 'th', options: { uppercase: false } },
    // Teams wraps @mentions in <at>; the mention is the bot's or a colleague's name, not bounce text.
    { selector: 'at', format: 'skip' },
  ],
};

export function htmlToText(html: string): string {
  try {
    return convert(html, OPTIONS);
  } catch {
    // Fall back to stripping tags, which keeps codes and addresses readable.
    return html
      .replace(/<br\s*\/?>|<\/(?:p|div|tr|li|h\d)>/gi, '\n')
      .replace(/<[^>]*>/g, ' ')
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
  const noMentions = text.replace(/<at\b[^>]*>[\s\S]*?<\/at>/gi, ' ');
  return isHtml ? htmlToText(noMentions) : noMentions;
}
