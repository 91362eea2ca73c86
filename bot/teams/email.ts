/**
 * The Azure Bot Service e-mail channel renders no Adaptive Cards: the same diagnosis goes back as an
 * HTML e-mail (channelData.htmlBody), built from the plain-text rendering and HTML-escaped line by line.
 */
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { diagnosisText, words, type Locale } from '../cards';
import type { Diagnosis } from '../diagnosis/types';
import type { Logger } from '../log';
import type { Bounce } from '../ndr/types';
import type { DownloadPolicy } from './download';
import { fileErrorWords, readBounceInput, type BounceInput } from './input';
import { conversationData, MAX_SEEN, type BotState } from './state';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function emailReply(text: string, locale: Locale, originalSubject?: string): { subject: string; htmlBody: string; text: string } {
  const w = words(locale, 'plain');
  const subject = originalSubject ? w.plain('email.subject', { subject: originalSubject.slice(0, 200) }) : w.plain('email.subjectNoSubject');
  const [title = '', ...rest] = text.split('\n');
  const paragraphs = rest
    .join('\n')
    .split(/\n{2,}/)
    .map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br>\n')}</p>`)
    .join('\n');
  const htmlBody =
    `<div style="font-family:'Segoe UI',sans-serif;font-size:14px;line-height:1.4">\n` +
    `<h2 style="font-size:18px">${escapeHtml(title)}</h2>\n${paragraphs}\n` +
    `<p style="color:#616161;font-size:12px">${escapeHtml(w.plain('email.footer'))}</p>\n</div>`;
  return { subject, htmlBody, text: `${text}\n\n${w.plain('email.footer')}` };
}

export interface EmailDeps {
  state: BotState;
  log: Logger;
  download: DownloadPolicy;
  maxFileBytes: number;
  parse(input: BounceInput): Promise<Bounce>;
  diagnose(bounce: Bounce): Promise<Diagnosis>;
  localeFor(bounceLanguage?: string): Promise<Locale>;
}

/** A bounce forwarded by e-mail (in the body or attached): one HTML reply per message, redeliveries ignored. */
export async function answerEmail(ctx: TurnContext, deps: EmailDeps): Promise<void> {
  const data = await conversationData(deps.state, ctx);
  const channelData = (ctx.activity.channelData ?? {}) as { subject?: string; messageId?: string };
  const key = channelData.messageId ?? ctx.activity.id ?? '';
  if (key && data.seen.includes(key)) {
    deps.log.info({ conversation: ctx.activity.conversation?.id }, 'e-mail redelivery ignored');
    return;
  }
  if (key) data.seen = [key, ...data.seen].slice(0, MAX_SEEN);
  const input = await readBounceInput(ctx.activity, deps.download);
  let locale = await deps.localeFor();
  let text: string;
  if (input.kind === 'file-error') {
    const { key: wordsKey, params } = fileErrorWords(input, deps.maxFileBytes, locale);
    text = words(locale, 'plain').plain(wordsKey, params);
  } else {
    const bounce = await deps.parse(input);
    locale = await deps.localeFor(bounce.language);
    text = diagnosisText(await deps.diagnose(bounce), locale);
  }
  const reply = emailReply(text, locale, channelData.subject);
  await ctx.sendActivity({ type: ActivityTypes.Message, text: reply.text, channelData: { htmlBody: reply.htmlBody, subject: reply.subject } });
}
