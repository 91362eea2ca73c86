/**
 * Escalation records in the bot's Storage. Every change is read–modify–write with the record's eTag, and
 * retried on conflict, so two support agents or two bot instances never overwrite each other.
 */
import { createHash } from 'node:crypto';
import type { Storage } from 'botbuilder';
import { isCaseStorage } from '../storage';
import type { EscalationRecord } from './types';

const KEY = (id: string): string => `escalations/${id}`;
const OUTBOX = 'escalations/outbox';

/** Case ids people can read out on the phone: BD- and six characters without 0/O or 1/I. */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export function caseIdFor(conversationId: string, diagnosisId: string): string {
  const digest = createHash('sha256').update(`${conversationId}\u0000${diagnosisId}`).digest();
  let id = '';
  for (let i = 0; i < 6; i++) id += ALPHABET[digest[i]! % ALPHABET.length];
  return `BD-${id}`;
}

export function isConflict(err: unknown): boolean {
  return err instanceof Error && /etag conflict|precondition|412/i.test(err.message + String((err as { statusCode?: number }).statusCode ?? ''));
}

export type Mutation = (record: EscalationRecord) => EscalationRecord | 'unchanged';

export class EscalationStore {
  constructor(private readonly storage: Storage) {}

  async get(id: string): Promise<EscalationRecord | undefined> {
    const items = await this.storage.read([KEY(id)]);
    return items[KEY(id)] as EscalationRecord | undefined;
  }

  /**
   * Saves a new case, unless one exists for the same diagnosis (a double click, a retry): then that one
   * is returned and nothing is written. The outbox entry is written first: an entry whose case never got
   * written is dropped by the outbox run, while a case without its entry could never be posted.
   */
  async create(record: EscalationRecord): Promise<{ record: EscalationRecord; created: boolean }> {
    const existing = await this.get(record.id);
    if (existing) return { record: existing, created: false };
    if (record.supportPost.state === 'pending') await this.addToOutbox(record.id);
    if (isCaseStorage(this.storage)) {
      const created = await this.storage.createIfAbsent(KEY(record.id), record);
      return { record: (await this.get(record.id)) ?? record, created };
    }
    // A plain Storage cannot create atomically: last writer wins, with the same content.
    await this.storage.write({ [KEY(record.id)]: { ...record, eTag: '*' } });
    return { record: (await this.get(record.id)) ?? record, created: true };
  }

  /** Applies a change with optimistic concurrency; re-reads and re-applies on conflict. */
  async update(id: string, mutate: Mutation, attempts = 5): Promise<{ record: EscalationRecord; changed: boolean }> {
    for (let i = 0; i < attempts; i++) {
      const current = await this.get(id);
      if (!current) throw new Error(`escalation ${id} not found`);
      const next = mutate(structuredClone(current));
      if (next === 'unchanged') return { record: current, changed: false };
      try {
        await this.storage.write({ [KEY(id)]: { ...next, eTag: current.eTag ?? '*' } });
        return { record: (await this.get(id)) ?? next, changed: true };
      } catch (err) {
        if (!isConflict(err) || i === attempts - 1) throw err;
      }
    }
    throw new Error('unreachable');
  }

  async outbox(): Promise<string[]> {
    const items = await this.storage.read([OUTBOX]);
    return ((items[OUTBOX] as { ids?: string[] } | undefined)?.ids ?? []).slice();
  }

  private async editOutbox(edit: (ids: string[]) => string[]): Promise<void> {
    for (let i = 0; i < 5; i++) {
      const items = await this.storage.read([OUTBOX]);
      const current = items[OUTBOX] as { ids?: string[]; eTag?: string } | undefined;
      const ids = edit(current?.ids ?? []);
      try {
        await this.storage.write({ [OUTBOX]: { ids, eTag: current?.eTag ?? '*' } });
        return;
      } catch (err) {
        if (!isConflict(err) || i === 4) throw err;
      }
    }
  }

  addToOutbox(id: string): Promise<void> {
    // Never trimmed: an id leaves only once its case is posted (or has no record).
    return this.editOutbox((ids) => (ids.includes(id) ? ids : [...ids, id]));
  }

  removeFromOutbox(id: string): Promise<void> {
    return this.editOutbox((ids) => ids.filter((x) => x !== id));
  }
}
