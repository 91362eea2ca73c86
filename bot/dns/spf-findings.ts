/**
 * Findings about a record tree and a sending IP, as data (codes and parameters; cards choose words).
 * Each function returns its findings in its own order of importance; checkSpf sorts by severity.
 */
import { M365_INCLUDE } from './microsoft';
import { finding } from './severity';
import { branchCosts, effectiveAll, flatten, subtreeLookups, voidCount, type AuditNode } from './spf/audit';
import { LOOKUP_LIMIT, RECORD_BYTES_LIMIT, STRING_LIMIT, VOID_LIMIT } from './spf/limits';
import type { DmarcInfo, Finding, Severity, SpfResult, SpfVerdict } from './types';

export function recordFindings(top: AuditNode): Finding[] {
  const out: Finding[] = [];
  const nodes = flatten(top);

  for (const n of nodes) {
    for (const e of n.parsed?.errors ?? []) {
      out.push(finding('spf.syntax', 'error', { domain: n.domain, term: e.term, position: e.position, reason: e.reason }));
    }
  }
  for (const n of nodes) {
    if (n.kind === 'top') continue;
    if (n.state === 'none' || n.state === 'nxdomain') {
      out.push(finding('spf.include.no-record', 'error', { domain: n.domain, via: n.parent, kind: n.kind }));
    } else if (n.state === 'several') {
      out.push(finding('spf.multiple', 'error', { domain: n.domain, count: n.count, records: n.records, via: n.parent }));
    } else if (n.state === 'error') {
      out.push(finding('spf.dns-error', 'error', { domain: n.domain, error: n.error, via: n.parent }));
    } else if (n.state === 'loop') {
      out.push(finding('spf.loop', 'error', { domain: n.domain, via: n.parent }));
    }
  }

  // Where the walk stopped (a tree past 20 lookups), counts are lower bounds: `atLeast` says so.
  const scope = top.scope ?? { complete: true, voidsComplete: true, checked: 0, records: 0 };
  const count = subtreeLookups(top);
  const branches = branchCosts(top);
  if (count > LOOKUP_LIMIT) {
    const params = { count, limit: LOOKUP_LIMIT, over: count - LOOKUP_LIMIT, branches };
    out.push(finding('spf.lookups.over', 'error', scope.complete ? params : { ...params, atLeast: true }));
  } else {
    // Within the limit the walk has read the whole tree: the count is exact.
    out.push(finding('spf.lookups.ok', 'ok', { count, limit: LOOKUP_LIMIT, branches }));
  }

  const voids = nodes.flatMap((n) => n.voids);
  const voidTerms = voids.map((v) => `${v.domain}: ${v.term} (${v.name} ${v.status})`);
  // Terms past the walk's scope were not asked about: the count is of the first `checked` lookups.
  const partial = scope.voidsComplete ? {} : { atLeast: true, checked: scope.checked };
  if (voidCount(top) > VOID_LIMIT) {
    out.push(finding('spf.void-lookups.over', 'error', { count: voids.length, limit: VOID_LIMIT, terms: voidTerms, ...partial }));
  } else if (voids.length) {
    out.push(finding('spf.void-lookups.present', 'warning', { count: voids.length, limit: VOID_LIMIT, terms: voidTerms, ...partial }));
  }

  // Include terms count wherever they are written, read or not; records not read may hold more.
  const included = new Map<string, number>();
  for (const n of nodes) if (n.kind === 'include' && n.domain) included.set(n.domain, (included.get(n.domain) ?? 0) + 1);
  for (const [domain, times] of included) {
    if (times > 1) out.push(finding('spf.include.duplicate', 'warning', scope.complete ? { domain, count: times } : { domain, count: times, atLeast: true }));
  }

  // A redirect the walk did not follow (past the scope, so past the 10th lookup, where any evaluation
  // has stopped): which all ends the policy is not known, and nothing is said about it.
  const all = effectiveAll(top);
  // A redirect to a name without a record is a permerror of its own (spf.include.no-record): the policy
  // never reaches an end, so "no all term, a neutral result" would be false.
  if (!all) {
    if (!redirectFails(top)) out.push(finding('spf.all.missing', 'warning', { domain: top.domain }));
  } else if (all !== 'unknown' && authorizesNoServer(top) && (all.qualifier === '-' || all.qualifier === '~')) {
    // `v=spf1 -all` is what a domain that sends no mail publishes: every server fails. Said instead of
    // "-all fails servers it doesn't list", which would read as praise beside it.
    out.push(finding('spf.all.only', 'error', { domain: top.domain, term: all.term, record: top.record ?? '' }));
  } else if (all !== 'unknown') {
    const params = { domain: all.domain, term: all.term };
    // A security hole rather than a delivery problem: every IP passes, so it never causes a rejection.
    if (all.qualifier === '+') out.push(finding('spf.all.pass', 'warning', params));
    else if (all.qualifier === '?') out.push(finding('spf.all.neutral', 'warning', params));
    else if (all.qualifier === '~') out.push(finding('spf.all.softfail', 'info', params));
    else out.push(finding('spf.all.fail', 'ok', params));
  }

  for (const n of nodes) {
    const ptr = n.parsed?.mechanisms.find((m) => m.name === 'ptr');
    if (ptr) out.push(finding('spf.ptr', 'warning', { domain: n.domain, term: ptr.text }));
  }

  const bytes = Buffer.byteLength(top.record ?? '');
  if (bytes > RECORD_BYTES_LIMIT) {
    out.push(finding('spf.record.too-long', 'warning', { domain: top.domain, bytes, limit: RECORD_BYTES_LIMIT }));
  }
  for (const s of top.strings ?? []) {
    const length = Buffer.byteLength(s);
    if (length > STRING_LIMIT) out.push(finding('spf.string.too-long', 'warning', { domain: top.domain, length }));
  }
  return out;
}

/** The chain of redirects ends at a name that gives no record to evaluate. */
function redirectFails(n: AuditNode): boolean {
  const redirect = n.children.find((c) => c.kind === 'redirect');
  if (!redirect) return false;
  return redirect.state === 'record' ? redirectFails(redirect) : redirect.state !== 'unwalked';
}

/**
 * The record can give no server a pass: no mechanism but `all` may match with a pass, and no redirect
 * hands evaluation on. (Its `all` is judged by the caller.)
 */
function authorizesNoServer(top: AuditNode): boolean {
  const parsed = top.parsed;
  if (!parsed || parsed.errors.length || parsed.redirect) return false;
  return parsed.mechanisms.every((m) => m.name === 'all' || m.qualifier !== '+');
}

/** The node that includes Microsoft 365's record, anywhere in the tree. */
export function m365Include(top: AuditNode): AuditNode | undefined {
  return flatten(top).find((n) => n.kind === 'include' && n.domain === M365_INCLUDE);
}

const IP_SEVERITY: Record<SpfVerdict, Severity> = {
  pass: 'ok',
  fail: 'error',
  permerror: 'error',
  softfail: 'warning',
  neutral: 'warning',
  none: 'warning',
  temperror: 'warning',
};

export function ipFinding(ip: string, r: SpfResult): Finding {
  const t = r.decidingTerm;
  return finding('ip.result', IP_SEVERITY[r.result], {
    ip,
    result: r.result,
    term: t?.term,
    domain: t?.domain ?? r.domain,
    reason: r.reason,
    explanation: r.explanation,
  });
}

export function dmarcFinding(domain: string, d: DmarcInfo): Finding | undefined {
  if (d.error) return undefined;
  if (!d.record) return finding('dmarc.none', 'warning', { domain, organizationalDomain: d.organizationalDomain });
  const policy = d.subdomainPolicy ?? d.policy ?? 'none';
  const severity: Severity = d.spfAlignmentPossible === false ? 'warning' : policy === 'none' ? 'info' : 'ok';
  return finding('dmarc.policy', severity, {
    domain: d.domain ?? domain,
    policy,
    alignment: d.spfAlignmentPossible ?? false,
    aspf: d.aspf,
  });
}
