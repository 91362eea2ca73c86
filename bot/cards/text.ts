/** The plain-text twin of the help card (fallback text, the command line). Result cards' twins live in their views. */
import type { HelpView } from './views/simple';

export function helpText(v: HelpView): string {
  const out: string[] = [];
  if (v.notice) out.push(v.notice, '');
  out.push(v.title, v.intro, '', v.waysTitle, ...v.ways.map((x) => `- ${x}`), '', v.exampleTitle, `  ${v.example}`);
  return out.join('\n');
}
