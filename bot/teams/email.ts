/**
 * The Azure Bot Service e-mail channel renders no Adaptive Cards: the same diagnosis goes back as an
 * HTML e-mail (channelData.htmlBody), built from the plain-text rendering and HTML-escaped line by line.
 *
 * By e-mail, as in Teams, a message is a bounce (in the body or attached) or a command: `help`, or
 * `check <domain> [ip]` as the body or the subject. Help there names only what works by e-mail, and the
 * footer says what was read or checked only when something was.
 */
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { diagnosisText, helpPlainText, words, type Locale } from '../cards';
import { checksDns } from '../diagnosis/stored';
import type { Diagnosis } from '../diagnosis/types';
import type { Logger } from '../log';
import { detectLanguage } from '../ndr/language';
import type { Bounce } from '../ndr/types';
import { parseCommand, type Command } from './commands';
import type { DownloadPolicy } from './download';
import { fileErrorWords, pictureError, readBounceInput, type BounceInput } from './input';
import { conversationData, firstSight, type BotState } from './state';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** `text`'s first line is the heading, blank lines separate paragraphs; `footer` (if any) closes the mail. */
export function emailReply(text: string, locale: Locale, originalSubject?: string, footer?: string): { subject: string; htmlBody: string; text: string } {
  const w = words(locale, 'plain');
  const subject = originalSubject ? w.plain('email.subject', { subject: originalSubject.slice(0, 200) }) : w.plain('email.subjectNoSubject');
  const [title = '', ...rest] = text.split('\n');
  const paragraphs = rest
    .join('\n')
    .split(/\n{2,}/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim())
    .map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br>\n')}</p>`)
    .join('\n');
  const footerHtml = footer ? `\n<p style="color:#616161;font-size:12px">${escapeHtml(footer)}</p>` : '';
  const htmlBody =
    `<div style="font-family:'Segoe UI',sans-serif;font-size:14px;line-height:1.4">\n` +
    `<h2 style="font-size:18px">${escapeHtml(title)}</h2>\n${paragraphs}${footerHtml}\n</div>`;
  return { subject, htmlBody, text: footer ? `${text}\n\n${footer}` : text };
}

export interface EmailDeps {
  state: BotState;
  log: Logger;
  download: DownloadPolicy;
  maxFileBytes: number;
  parse(input: BounceInput): Promise<Bounce>;
  diagnose(bounce: Bounce): Promise<Diagnosis>;
  /** `check <domain> [ip]`: the SPF checks without a bounce. */
  check(domain: string, ip?: string): Promise<Diagnosis>;
  /** Seconds this sender must wait before another check (0: go ahead); taking one counts it. */
  checkWait(): number;
  /** The sender's choice, the message's locale, then these languages (detected), then English. */
  localeFor(...languages: (string | undefined)[]): Promise<Locale>;
}

interface Answer {
  text: string;
  locale: Locale;
  footer?: string;
}

/** Reply and forward prefixes mail clients put before a subject, in the languages we speak and a few more. */
const SUBJECT_PREFIX = /^\s*(?:(?:re|fw|fwd|aw|wg|sv|vb|vs|tr|réf|antw|回复|回覆|答复|转发|轉寄|転送|회신|전달)\s*[:：]\s*)+/iu;

/** The command a mail carries, when its body or subject is one (a bounce in the body wins: see answerEmail). */
function commandIn(lines: string[]): Command | undefined {
  for (const line of lines) {
    const command = parseCommand(line);
    if (command) return command;
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim()) ?? '';
}

async function answerCommand(command: Command, text: string, deps: EmailDeps): Promise<Answer> {
  const language = 'language' in command ? command.language : undefined;
  const locale = await deps.localeFor(language, detectLanguage(text));
  const w = words(locale, 'plain');
  switch (command.kind) {
    // No language to choose by e-mail: the reply is written in the mail's own language.
    case 'help':
    case 'language':
      return { text: helpPlainText(locale, 'email'), locale };
    case 'check-invalid':
      return { text: `${w.plain('askDomain.checkTitle')}\n${w.plain('check.invalid', { input: command.input.slice(0, 200) })}`, locale };
    case 'check': {
      if (!command.domain) {
        const lines = [w.plain('askDomain.checkTitle')];
        if (command.invalid !== undefined) lines.push(w.plain('askDomain.invalid', { input: command.invalid.slice(0, 200) }));
        return { text: [...lines, '', w.plain('email.checkAsk')].join('\n'), locale };
      }
      const wait = deps.checkWait();
      if (wait) return { text: w.plain('rateLimit.body', { count: wait }), locale };
      const diagnosis = await deps.check(command.domain, command.ip);
      return { text: diagnosisText(diagnosis, locale, {}, 'email'), locale, footer: w.plain('email.footerCheck', { domain: command.domain }) };
    }
  }
}

/** A bounce forwarded by e-mail (in the body or attached), or a command: one HTML reply per message, redeliveries ignored. */
export async function answerEmail(ctx: TurnContext, deps: EmailDeps): Promise<void> {
  const data = await conversationData(deps.state, ctx);
  const channelData = (ctx.activity.channelData ?? {}) as { subject?: string; messageId?: string };
  const key = channelData.messageId ?? ctx.activity.id ?? '';
  if (key && !firstSight(data, key)) {
    deps.log.info({ conversation: ctx.activity.conversation?.id }, 'e-mail redelivery ignored');
    return;
  }
  const input = await readBounceInput(ctx.activity, deps.download);
  const subject = (channelData.subject ?? '').replace(SUBJECT_PREFIX, '').trim();
  const body = input.kind === 'text' ? input.text.trim() : '';
  let answer: Answer;
  if (input.kind === 'file-error') {
    const locale = await deps.localeFor(detectLanguage(subject));
    const { key: wordsKey, params } = fileErrorWords(input, deps.maxFileBytes, locale);
    answer = { text: words(locale, 'plain').plain(wordsKey, params), locale };
  } else {
    // The whole body as a command ("check contoso.com"), before anything is parsed as a bounce.
    const command = input.kind === 'text' ? parseCommand(body) : undefined;
    if (command) answer = await answerCommand(command, `${subject}\n${body}`, deps);
    else {
      const bounce = await deps.parse(input);
      // Not a bounce: the body's first line (a signature may follow) or the subject may be a command.
      const later = bounce.isBounce ? undefined : commandIn([firstLine(body), subject]);
      const picture = bounce.isBounce ? undefined : pictureError(input);
      if (later) answer = await answerCommand(later, `${subject}\n${body}`, deps);
      else if (picture) {
        const locale = await deps.localeFor(detectLanguage(`${subject}\n${body}`));
        const { key: wordsKey, params } = fileErrorWords(picture, deps.maxFileBytes, locale);
        answer = { text: words(locale, 'plain').plain(wordsKey, params), locale };
      } else if (!bounce.isBounce) {
        const locale = await deps.localeFor(bounce.language, detectLanguage(`${subject}\n${body}`));
        answer = { text: helpPlainText(locale, 'email', { kind: bounce.kind, bytes: bounce.inputBytes }), locale };
      } else {
        const locale = await deps.localeFor(bounce.language);
        const diagnosis = await deps.diagnose(bounce);
        const w = words(locale, 'plain');
        answer = { text: diagnosisText(diagnosis, locale, {}, 'email'), locale, footer: w.plain(checksDns(diagnosis) ? 'email.footer' : 'email.footerRead') };
      }
    }
  }
  const reply = emailReply(answer.text, answer.locale, channelData.subject, answer.footer);
  await ctx.sendActivity({ type: ActivityTypes.Message, text: reply.text, channelData: { htmlBody: reply.htmlBody, subject: reply.subject } });
}
