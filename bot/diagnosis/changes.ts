/** What changed between two SPF checks of the same domain ("Check again"). Pure data. */
import type { Finding, SpfReport, SpfVerdict } from '../dns/types';

export interface SpfChanges {
  recordsAdded: string[];
  recordsRemoved: string[];
  findingsFixed: Finding[];
  findingsNew: Finding[];
  ip?: { ip: string; before: SpfVerdict; after: SpfVerdict };
  /** TTL of the record as now published: how long old answers may still be served. */
  ttl?: number;
  changed: boolean;
}

/** Findings are the same when code and parameters match. Informational and ok findings are not news. */
function key(f: Finding): string {
  return `${f.code}|${JSON.stringify(f.params)}`;
}

const NEWSWORTHY = new Set(['error', 'warning']);

export function compareReports(before: SpfReport, after: SpfReport): SpfChanges {
  const was = new Set(before.published.records);
  const now = new Set(after.published.records);
  const recordsAdded = [...now].filter((r) => !was.has(r));
  const recordsRemoved = [...was].filter((r) => !now.has(r));
  const beforeKeys = new Map(before.findings.filter((f) => NEWSWORTHY.has(f.severity)).map((f) => [key(f), f]));
  const afterKeys = new Map(after.findings.filter((f) => NEWSWORTHY.has(f.severity)).map((f) => [key(f), f]));
  const findingsFixed = [...beforeKeys].filter(([k]) => !afterKeys.has(k)).map(([, f]) => f);
  const findingsNew = [...afterKeys].filter(([k]) => !beforeKeys.has(k)).map(([, f]) => f);
  let ip: SpfChanges['ip'];
  if (before.ipResult && after.ipResult && before.ipResult.result !== after.ipResult.result) {
    ip = { ip: after.ipResult.ip, before: before.ipResult.result, after: after.ipResult.result };
  }
  return {
    recordsAdded,
    recordsRemoved,
    findingsFixed,
    findingsNew,
    ip,
    ttl: after.published.ttl ?? before.published.ttl,
    changed: recordsAdded.length + recordsRemoved.length + findingsFixed.length + findingsNew.length > 0 || ip !== undefined,
  };
}
