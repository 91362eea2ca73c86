/**
 * Plain-text renderings of the same views: the cards' fallbackText, the command line, and e-mail.
 * Built from views made with plain words, so nothing is markdown-escaped.
 */
import type { RecipientItem } from './views/common';
import type { CodeView } from './views/code';
import type { HelpView } from './views/simple';
import type { SpfView } from './views/spf';

function recipientText(r: RecipientItem): string[] {
  const out = [r.heading];
  if (r.addresses) out.push(r.addresses);
  out.push(r.meaning, r.fix, r.owner);
  if (r.transient) out.push(r.transient);
  if (r.remote.short) out.push(`${r.remoteLabel}:`, `  ${r.remote.full || r.remote.short}`);
  return out;
}

export function spfText(v: SpfView): string {
  const out: string[] = [v.title, '', v.summary];
  if (v.incomplete) out.push('', v.incomplete);
  if (v.facts.length) out.push('', ...v.facts.map((f) => f.line));
  if (v.remote) out.push('', `${v.remote.label}:`, `  ${v.remote.full || v.remote.short}`);
  if (v.changes) {
    out.push('', v.changes.title, ...v.changes.lines.map((l) => l.text));
    for (const r of v.changes.records) out.push(r.label, `  ${r.record}`);
    if (v.changes.ttl) out.push(v.changes.ttl);
  }
  if (v.record) {
    out.push('', v.record.title);
    if (v.record.note) out.push(v.record.note);
    for (const line of v.record.lines) out.push(`  ${line}`);
  }
  if (v.findings.length) out.push('', v.findingsTitle, ...v.findings.map((f) => `${f.icon} ${f.text}`));
  if (v.suggestion) out.push('', v.suggestion.title, v.suggestion.body, `  ${v.suggestion.record}`);
  if (v.steps.length) {
    out.push('', v.stepsTitle);
    for (const s of v.steps) out.push(`${s.icon} ${s.title}`, `   ${s.text}`);
  }
  if (v.remoteAdmin) {
    out.push('', v.remoteAdmin.title);
    if (v.remoteAdmin.to) out.push(v.remoteAdmin.to);
    out.push(v.remoteAdmin.subject, '', v.remoteAdmin.body);
  }
  if (v.otherRecipients.length) {
    out.push('', v.otherRecipientsTitle);
    for (const r of v.otherRecipients) out.push('', ...recipientText(r));
    if (v.moreRecipients) out.push(v.moreRecipients);
  }
  if (v.checked) out.push('', v.checked);
  return out.join('\n');
}

export function codeText(v: CodeView): string {
  const out: string[] = [v.title];
  if (v.facts.length) out.push('', ...v.facts.map((f) => f.line));
  for (const r of v.recipients) out.push('', ...recipientText(r));
  if (v.moreRecipients) out.push('', v.moreRecipients);
  return out.join('\n');
}

export function helpText(v: HelpView): string {
  const out: string[] = [];
  if (v.notice) out.push(v.notice, '');
  out.push(v.title, v.intro, '', v.waysTitle, ...v.ways.map((x) => `- ${x}`), '', v.exampleTitle, `  ${v.example}`);
  return out.join('\n');
}
