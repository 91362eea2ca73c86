/**
 * The Azure Bot Service e-mail channel renders no Adaptive Cards: the same diagnosis goes back as an
 * HTML e-mail (channelData.htmlBody), built from the plain-text rendering and HTML-escaped line by line.
 */
import { words, type Locale } from '../cards';

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
