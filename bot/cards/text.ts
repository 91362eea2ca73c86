/**
 * Plain-text renderings of the same views: the cards' fallbackText, the command line, and e-mail.
 * Built from views made with plain words, so nothing is markdown-escaped.
 */
import type { HelpView } from './views/simple';
import type { SpfView } from './views/spf';

export function spfText(v: SpfView): string {
  const out: string[] = [v.title, '', v.summary, ''];
  for (const f of v.facts) out.push(`${f.title}: ${f.value}`);
  if (v.remote) out.push('', `${v.remote.label}:`, `  ${v.remote.text}`);
  if (v.record) {
    out.push('', v.record.title);
    if (v.record.note) out.push(v.record.note);
    for (const line of v.record.lines) out.push(`  ${line}`);
  }
  if (v.findings.length) {
    out.push('', v.findingsTitle);
    for (const f of v.findings) out.push(`${f.icon} ${f.text}`);
  }
  if (v.suggestion) out.push('', v.suggestion.title, v.suggestion.body, `  ${v.suggestion.record}`);
  out.push('', v.stepsTitle);
  for (const s of v.steps) out.push(`${s.icon} ${s.title}`, `   ${s.text}`);
  if (v.remoteAdmin) {
    out.push('', v.remoteAdmin.title);
    if (v.remoteAdmin.to) out.push(v.remoteAdmin.to);
    out.push(v.remoteAdmin.subject, '', v.remoteAdmin.body);
  }
  if (v.checked) out.push('', v.checked);
  return out.join('\n');
}

export function helpText(v: HelpView): string {
  const out: string[] = [];
  if (v.notice) out.push(v.notice, '');
  out.push(v.title, v.intro, '', v.waysTitle, ...v.ways.map((x) => `- ${x}`), '', v.exampleTitle, `  ${v.example}`);
  return out.join('\n');
}
