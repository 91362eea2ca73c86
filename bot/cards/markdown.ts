/**
 * Adaptive Card TextBlocks render a markdown subset (emphasis, links, lists). Text that comes from a
 * person or a bounce is escaped so it shows literally. Verbatim blocks (records, remote errors) go into
 * RichTextBlock TextRuns instead, which render no markdown at all.
 */
// Only what the Adaptive Card markdown subset reads: emphasis (* _), links ([…](…)) and the escape itself.
// Every needless backslash is one Teams mobile has shown literally (AdaptiveCards #5590, fixed late).
const INLINE = /[\\*_[\]]/g;

// Spaces and tabs before the mark, never line breaks: `\s*` after `^` in multiline mode tries every run of
// blank lines from each of its lines, which is quadratic in them.
const LIST_MARK = /^([ \t]*)([-+]|\d+[.)])(\s)/gm;
const SCHEME = /\b(https?|ftp|mailto|file|javascript|data):/gi;
/** Whether any of the three replacements below could change the text: most values (domains, IPs, addresses) have nothing to escape. */
const ANYTHING = /[\\*_[\]:]|^[ \t]*(?:[-+]|\d+[.)])\s/m;

export function escapeMarkdown(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return ANYTHING.test(text) ? escapeAll(text) : text;
}

function escapeAll(text: string): string {
  return (
    text
      .replace(INLINE, (c) => `\\${c}`)
      // A line that starts like a list item or heading must not become one.
      .replace(LIST_MARK, (_m, sp: string, mark: string, after: string) => `${sp}${mark.replace(/([-+.)])/, '\\$1')}${after}`)
      // Bare URLs and addresses: break the scheme so clients do not auto-link them.
      .replace(SCHEME, (_m, scheme: string) => `${scheme}\u200B:`)
  );
}
