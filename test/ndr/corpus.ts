/**
 * Scoring `parseBounce` against the sisimai corpus in ../shared/bounces (BSD-2-Clause, (c) 2014
 * azumakuniyuki; see ../shared/bounces/LICENSE). Shared by the corpus test and bench/parse.ts.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Bounce } from '../../bot/ndr/types';

export interface ExpectedRow {
  status: string;
  replycode: string;
  recipient: string;
  status_in_text: boolean;
  recipient_in_text: boolean;
  remote_host?: string;
  reporting_host?: string;
  sender_domain?: string;
  diagnostic?: string;
}

export interface ExpectedFile {
  family: string;
  microsoft: boolean;
  trust: string;
  expected: ExpectedRow[];
}

export function loadExpected(bouncesDir: string): Record<string, ExpectedFile> {
  return JSON.parse(readFileSync(path.join(bouncesDir, 'expected.json'), 'utf8')) as Record<string, ExpectedFile>;
}

export function isNonBounceFile(file: string): boolean {
  const base = path.basename(file);
  return base.startsWith('arf-') || base.startsWith('rfc3834-');
}

export interface Miss {
  file: string;
  what: 'status' | 'recipient' | 'non-bounce';
  expected: string;
  got: string;
}

export interface Score {
  statusRows: number;
  statusHits: number;
  recipientRows: number;
  recipientHits: number;
  nonBounceFiles: number;
  nonBounceHits: number;
  misses: Miss[];
}

export function emptyScore(): Score {
  return { statusRows: 0, statusHits: 0, recipientRows: 0, recipientHits: 0, nonBounceFiles: 0, nonBounceHits: 0, misses: [] };
}

/** Adds one file's result. A row's status is judged on the recipient with that row's address, else the one at the same position. */
export function scoreFile(score: Score, file: string, exp: ExpectedFile, bounce: Bounce): void {
  if (isNonBounceFile(file)) {
    score.nonBounceFiles++;
    if (!bounce.isBounce) score.nonBounceHits++;
    else score.misses.push({ file, what: 'non-bounce', expected: 'isBounce false', got: `isBounce true (${bounce.recipients.map((r) => r.status).join(',')})` });
    return;
  }
  exp.expected.forEach((row, i) => {
    const byAddress = bounce.recipients.find((r) => r.address?.toLowerCase() === row.recipient.toLowerCase());
    if (row.recipient_in_text) {
      score.recipientRows++;
      if (byAddress) score.recipientHits++;
      else score.misses.push({ file, what: 'recipient', expected: row.recipient, got: bounce.recipients.map((r) => r.address ?? '-').join(', ') || `(none; kind ${bounce.kind})` });
    }
    if (row.status_in_text) {
      score.statusRows++;
      const r = byAddress ?? bounce.recipients[i] ?? bounce.recipients[0];
      if (r?.status === row.status) score.statusHits++;
      else score.misses.push({ file, what: 'status', expected: row.status, got: r?.status ?? `(none; kind ${bounce.kind})` });
    }
  });
}

export function percent(hits: number, rows: number): number {
  return rows ? (100 * hits) / rows : 100;
}
