/** Public API of the DNS and SPF layer. Nothing here imports botbuilder. */
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
