/**
 * The registry of playbooks keeps its promise: every playbook file is found, ranked, has a view and a
 * template, and every cause and step a family can reach has its words in every language.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { SUPPORTED_LOCALES, viewFor, words } from '../../bot/cards';
import { CARDS_DIR } from '../../bot/cards/render';
import { playbooks } from '../../bot/diagnosis/registry';
import type { FamilyPlaybook, FamilyRule } from '../../bot/diagnosis/family';

it('finds every playbook, generic last to take whatever is left', () => {
  const ids = playbooks().map((p) => p.id);
  expect(ids).toEqual(['authentication', 'spf', 'recipient', 'mailbox', 'policy', 'transient', 'generic']);
});

it.each(playbooks().map((p) => [p.id]))('%s has a view and its card template', (id) => {
  const view = viewFor(id);
  expect(existsSync(path.join(CARDS_DIR, `${view.template}.json`))).toBe(true);
});

/** The rule-based families and their rules, as the registry holds them. */
function familyRules(): [string, FamilyRule[]][] {
  const out: [string, FamilyRule[]][] = [];
  for (const p of playbooks()) {
    const def = (p as unknown as Partial<FamilyPlaybook<never>>).family;
    if (!def) continue;
    const alternatives = [def.missingDomain, def.microsoftSender, def.sameOrganization, def.resolvesNow && { cause: def.resolvesNow.cause, owner: def.resolvesNow.final.owner, steps: [...def.resolvesNow.final.steps, ...def.resolvesNow.retrying.steps] }];
    out.push([p.id, [...def.rules, ...alternatives.flatMap((alt) => (alt ? [{ ...alt, codes: [] }] : []))]]);
  }
  return out;
}

it('knows the rule-based families', () => {
  expect(familyRules().map(([id]) => id)).toEqual(['recipient', 'mailbox', 'policy', 'transient']);
});

describe.each(SUPPORTED_LOCALES.map((l) => [l]))('%s', (locale) => {
  it('words every cause and every step of the rule-based families', () => {
    const w = words(locale);
    const missing: string[] = [];
    for (const [id, rules] of familyRules()) {
      for (const r of rules) {
        for (const k of [`${id}:causes.${r.cause}.title`, `${id}:causes.${r.cause}.why`]) if (!w.has(k)) missing.push(k);
        for (const s of r.steps) for (const k of [`${id}:steps.${s.id}.title`, `${id}:steps.${s.id}.${s.variant ?? s.state}`]) if (!w.has(k)) missing.push(k);
      }
    }
    expect(missing).toEqual([]);
  });
});
