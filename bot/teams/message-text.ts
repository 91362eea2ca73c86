/** The text of a Teams message as the person meant it: the bot's @mention removed, HTML preferred when richer. */
import { TurnContext, type Activity } from 'botbuilder';

/** A mention: `<at>Name</at>` in the text, `<at id="0">Name</at>` in Teams' HTML copy. */
const AT_TAG = /<at(?:\s[^<>]*)?>[^<]*<\/at>/gi;
/**
 * Characters that show nothing: zero-width spaces and joiners, the marks and embeddings that set the
 * direction of right-to-left text, the byte order mark. A composer set to Arabic or Hebrew, or a copy from a
 * web page, puts them around what is typed; `‏help` or `check ‏contoso.com` is still the command.
 */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/**
 * Teams' composer writes every line of a message as a paragraph of its own (`<p>line</p>`, an empty line
 * as `<p>&nbsp;</p>`). Read as HTML, paragraphs are separated by a blank line, which cuts the block of
 * quoted headers in an NDR after its first header (the sender, the sending IP and the date went missing).
 * Adjacent paragraphs are lines: joined with `<br>`, the lines and the empty ones stay what they were.
 */
export function teamsHtmlLines(html: string): string {
  return (
    html
      .replace(/<\/p>\s*<p(?:\s[^<>]*)?>/gi, '<br>')
      // A bounce pasted as a quote (the composer's Quote button, a reply that quotes it, a forward from
      // Outlook): read as HTML, every quoted line starts with "> ", and "> From: …" is no header, so the
      // sender, the sending IP and the date went missing. The quote's lines are the bounce's lines.
      .replace(/<(\/?)blockquote(?:\s[^<>]*)?>/gi, '<$1div>')
  );
}

/** The Teams HTML copy of the message, if any (channels and group chats nearly always carry one). */
function htmlCopy(activity: Activity): string | undefined {
  const html = activity.attachments?.find((a) => a.contentType === 'text/html' && typeof a.content === 'string');
  return typeof html?.content === 'string' ? html.content : undefined;
}

function withoutMentions(activity: Activity): string {
  let text = activity.text ?? '';
  if (activity.recipient?.id) text = TurnContext.removeMentionText(activity, activity.recipient.id) ?? text;
  // Mentions of anyone else are not part of the bounce either.
  return text.replace(AT_TAG, ' ');
}

export function messageText(activity: Activity): string {
  // A turn reads its message several times (the paste, the edit digest): a pasted HTML NDR of megabytes is converted once.
  let text = READ.get(activity);
  if (text === undefined) {
    text = readMessageText(activity);
    READ.set(activity, text);
  }
  return text;
}

/** The message text of each activity, read once (an activity is one turn's and is not changed after it is read). */
const READ = new WeakMap<Activity, string>();

function readMessageText(activity: Activity): string {
  const text = withoutMentions(activity);
  // Teams also sends an HTML copy that keeps the line structure Outlook gave the pasted NDR.
  const html = htmlCopy(activity);
  if (html && html.length > text.length) return teamsHtmlLines(html.replace(AT_TAG, ' '));
  // Text sent as markup (textFormat `xml`) is the composer's HTML itself: a paragraph per line, as above.
  if (activity.textFormat === 'xml') return teamsHtmlLines(text).trim();
  // Plain text can still carry the few entities Teams escapes ("Remote Server returned &#39;550 …&#39;"):
  // left in, the quotes around the server's reply are no quotes, and nor is a sender named after them.
  return withoutEntities(text).trim();
}

const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'" };
const ENTITY = /&(?:nbsp|amp|lt|gt|quot|#39|apos);/g;

function withoutEntities(text: string): string {
  return text.includes('&') ? text.replace(ENTITY, (e) => ENTITIES[e] ?? e) : text;
}

/**
 * What the person typed, for reading a command (`help`, `check contoso.com`) or the answer to a question:
 * the plain text without the mention, never the HTML copy that comes with it in channels and group chats
 * (`<p> help</p>` is no command). Markup in the text itself (textFormat `xml`) is dropped.
 */
export function typedText(activity: Activity): string {
  let text = withoutMentions(activity);
  if (!text.trim()) text = (htmlCopy(activity) ?? '').replace(AT_TAG, ' ');
  return text
    .replace(INVISIBLE, '')
    .replace(/<\/?(?:p|div|span|br|b|i|u|strong|em|s)(?:\s[^<>]*)?\/?>/gi, ' ')
    .replace(ENTITY, (e) => ENTITIES[e] ?? e)
    .trim();
}

/** Text of more than one line, typed or sent as the composer's HTML (a paragraph or a <br> per line). */
const SEVERAL_LINES = /[^\s>][^\S\r\n]*(?:\r?\n|<br\s*\/?>|<\/(?:p|div)>)\s*(?:<\/?(?:p|div)(?:\s[^<>]*)?>\s*)*[^\s<]/i;
/** Markup that is no line break (bold, spans, links), dropped before looking for one. */
const INLINE_TAG = /<(?!\/?(?:p|div|br)\b)[^<>]*>/gi;

/**
 * Whether the person wrote several lines (mentions aside: "@Bounce Doctor", Shift+Enter, "contoso.com" is
 * one line of answer). An answer to "Which domain?" is one line; a bounce is several.
 */
export function typedSeveralLines(activity: Activity): boolean {
  return SEVERAL_LINES.test(withoutMentions(activity).replace(INLINE_TAG, '').replace(/&nbsp;/gi, ' '));
}

/**
 * Whether the message @mentions the bot. In a group chat or a channel Teams sends the bot only the messages
 * that mention it; an edit of any message there comes all the same, and is read only if it still does.
 */
export function mentionsBot(activity: Activity): boolean {
  const bot = activity.recipient?.id;
  return Boolean(bot) && TurnContext.getMentions(activity).some((m) => m.mentioned?.id === bot);
}
