/**
 * Public API of the DNS and SPF layer (stable: the diagnosis, the cards and outside checks call it).
 * - checkSpf(domain, opts): the support engineer's report (findings, IP verdict, suggestion, DMARC).
 * - checkHost(query): RFC 7208 check_host() with its full trace; `recordOverride` evaluates a draft.
 * - createResolver(opts) / parseDnsServers(env): the stub resolver the two use, and DNS_SERVERS parsing.
 * Nothing here imports botbuilder.
 */
export { checkSpf, type CheckSpfOptions } from './check-spf';
export { checkHost, type CheckHostQuery } from './spf/check-host';
export {
  createResolver,
  type DnsResolver,
  type DnsResult,
  type DnsRecord,
  type DnsRecordType,
  type DnsStatus,
  type QueryOptions,
  type ResolverOptions,
} from './resolver';
export { parseDnsServers } from './servers';
export { FINDING_CODES, type FindingCode } from './findings';
export * from './types';
