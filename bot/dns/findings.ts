/**
 * Every finding the SPF checks can report. Cards word each one through the locale key
 * `findings.<code>` with the finding's params; a test checks every code has a text in every locale.
 */
export const FINDING_CODES = [
  // The record itself
  'spf.none', //               params: domain
  'spf.one', //                params: domain, record
  'spf.multiple', //           params: domain, count, records
  'spf.deprecated-type', //    params: domain
  'spf.syntax', //             params: domain, term, position
  'spf.dns-error', //          params: domain, error
  // Limits
  'spf.lookups.ok', //         params: count, limit
  'spf.lookups.over', //       params: count, limit, over, branches (top costs "domain=n")
  'spf.void-lookups.over', //  params: count, limit, terms
  'spf.loop', //               params: domain, via
  'spf.include.duplicate', //  params: domain
  'spf.include.no-record', //  params: domain
  'spf.string.too-long', //    params: domain, length
  'spf.record.too-long', //    params: domain, bytes
  // Policy strength
  'spf.all.pass', //           +all: params: domain
  'spf.all.neutral', //        ?all
  'spf.all.softfail', //       ~all (information)
  'spf.all.fail', //           -all (information)
  'spf.all.missing', //        no all and no redirect
  'spf.all.only', //           params: domain, term, record: nothing but -all or ~all (no server can pass)
  'spf.ptr', //                ptr used (deprecated)
  // Microsoft 365
  'm365.include.missing', //   params: domain
  'm365.include.present', //   params: domain
  'm365.relay-pool', //        params: ip
  'm365.no-a-no-mx', //        params: domain (Microsoft sends such mail through the High Risk Delivery Pool)
  'm365.ip-not-covered', //    params: ip, domain (a Microsoft outbound IP the record does not cover: likely HRDP)
  'm365.mx', //                params: domain, host (the domain's MX is Exchange Online: it is a Microsoft 365 tenant)
  // The sending IP from the bounce
  'ip.result', //              params: ip, result, term (deciding term, if any), domain
  // DMARC
  'dmarc.none', //             params: domain
  'dmarc.policy', //           params: domain, policy, alignment
  // Added by the DNS layer (phase 1)
  'domain.invalid', //         params: domain, reason (not a name DNS can ask: empty label, too long, no dot, …)
  'domain.not-found', //       params: domain (NXDOMAIN: the domain does not exist)
  // Added by the SPF engine (phase 2)
  'spf.void-lookups.present', // params: count, limit, terms (1-2 void lookups: within the limit, but each is a dead term)
  'ip.from-host', //           params: ip, host (no sending IP in the bounce: the address of the host that wrote it, from DNS, stands for it)
  'ip.invalid', //             params: ip (the sending IP given is not an IP address; no IP evaluation done)
  // DMARC and DKIM (checkAuthentication)
  'dmarc.several', //          params: domain, count (several records: receivers ignore them all)
  'dmarc.problems', //         params: domain, problems (tag errors: p missing, bad pct, …)
  'dkim.key.ok', //            params: name, selector, domain, bits
  'dkim.key.missing', //       params: name, selector, domain
  'dkim.key.dangling-cname', // params: name, cname
  'dkim.key.revoked', //       params: name
  'dkim.key.weak', //          params: name, bits, min
  'dkim.key.syntax', //        params: name, problems
  'dkim.key.dns-error', //     params: name, error
  'dkim.m365.published', //    params: domain (selector1/selector2 CNAMEs point at Microsoft's keys)
  'dkim.m365.missing', //      params: domain, selectors (no CNAMEs: DKIM signing for the domain is off)
  'dkim.unsigned', //          params: domain (the original headers show no signature for the From domain)
  'dkim.other-domain', //      params: domain, signers, mode, org (signed, but by domains that do not align with From; org: they
  //                              share the From domain's organizational domain and only adkim=s refuses them)
  'align.spf.yes', //          params: mailFrom, from, mode, org (the organizational domain both share, when they differ),
  //                              assumed (no envelope domain in the bounce: SPF was checked for From in its place)
  'align.spf.no', //           params: mailFrom, from, mode, org (when only aspf=s refuses two names that share it)
  'align.dkim.yes', //         params: signer, from, mode, org (as for SPF)
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];
