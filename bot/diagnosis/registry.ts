/**
 * The registry of playbooks: every file in `playbooks/` that exports `playbook`, in rank order. Found
 * by reading the folder, so adding a family is adding its file (and its view, template and words): no
 * list elsewhere to keep in step. A recipient goes to the first playbook that takes it; `generic` takes
 * whatever is left.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { BounceRecipient } from '../ndr/types';
import { recipientFacts, type Playbook, type Take } from './playbook';
import type { PlaybookId } from './types';

const DIR = path.join(__dirname, 'playbooks');

let loaded: Playbook[] | undefined;

export function playbooks(): Playbook[] {
  if (loaded) return loaded;
  const files = readdirSync(DIR).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'));
  const found = files
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    .map((f) => (require(path.join(DIR, f)) as { playbook?: Playbook }).playbook)
    .filter((p): p is Playbook => p !== undefined);
  loaded = found.sort((a, b) => a.rank - b.rank);
  return loaded;
}

export function playbook(id: PlaybookId): Playbook {
  const p = playbooks().find((x) => x.id === id);
  if (!p) throw new Error(`no playbook ${id}`);
  return p;
}

/** The playbook that takes a failed recipient, and what it made of the remote words. */
export function playbookFor(r: BounceRecipient, senderDomain?: string): { playbook: Playbook; take: Take } {
  const facts = recipientFacts(r, senderDomain);
  for (const p of playbooks()) {
    const take = p.takes(facts);
    if (take) return { playbook: p, take };
  }
  throw new Error('no playbook takes this recipient (the generic playbook must take every one)');
}
