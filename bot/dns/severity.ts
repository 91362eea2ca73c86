/** Building findings and ordering them most important first. */
import type { FindingCode } from './findings';
import type { Finding, FindingParams, Severity } from './types';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, ok: 3 };

export function finding(code: FindingCode, severity: Severity, params: FindingParams): Finding {
  const clean: FindingParams = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) clean[k] = v;
  return { code, severity, params: clean };
}

/** Stable sort by severity: among equals, the order the checks produced them (their own priority). */
export function sortFindings(list: Finding[]): Finding[] {
  return list
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
}
