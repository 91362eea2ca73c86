/** Environment → typed configuration, with a clear error for each bad value. */
import { MICROSOFT_DOWNLOAD_HOSTS } from './teams/download';
import { parseDnsServers } from './dns/servers';
import { matchLocale, type Locale } from './cards/locale';

export interface Config {
  port: number;
  /** `host` or `host:port` entries; empty means the system's resolvers. */
  dnsServers: string[];
  dnsTimeoutMs: number;
  spfDeadlineMs: number;
  /** How long a check may take and still answer with one card, without "Checking …" first (ms). */
  firstAnswerGraceMs: number;
  maxPasteBytes: number;
  maxFileBytes: number;
  logLevel: string;
  storage: { connectionString?: string; accountUrl?: string; container: string };
  escalation: {
    teamId?: string;
    channelId?: string;
    locale: Locale;
    supportUserIds: string[];
    supportGroupIds: string[];
    /** Microsoft Graph, for group membership. */
    graphBaseUrl: string;
    redactTranscript: boolean;
    /** How often the outbox of unposted support-channel messages is retried (s). */
    outboxRetrySeconds: number;
  };
  /** DNS checks one person may start per minute (0 = no limit). */
  checksPerMinute: number;
  /** Tenants whose activities are served; empty = every tenant. */
  allowedTenants: string[];
  /** Where attached bounce files may be downloaded from. */
  download: { allowedHosts: string[]; timeoutMs: number; allowHttp: boolean };
  /** Bot Framework authentication: absent app id = local, unauthenticated mode (Emulator, playground). */
  auth: {
    appId?: string;
    appPassword?: string;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    tenantId?: string;
    /** OpenID metadata for validating channel tokens; Bot Framework's public one unless set (sovereign clouds, tests). */
    openIdMetadataUrl?: string;
  };
}

export class ConfigError extends Error {}

/**
 * An Azure Blob Storage container name as Azure accepts it: 3 to 63 lowercase letters, digits and single
 * hyphens, starting and ending with a letter or digit. Any other name fails every request at run time,
 * which the person in Teams would only see as "something went wrong" on every message.
 */
function containerName(raw: string | undefined): string {
  const name = raw?.trim() || 'bounce-doctor';
  if (name.length < 3 || name.length > 63 || !/^[a-z0-9](?:-?[a-z0-9])*$/.test(name)) {
    throw new ConfigError(`AZURE_STORAGE_CONTAINER must be 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit, not "${name}"`);
  }
  return name;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  }
  return n;
}

function locale(env: Env, name: string): Locale {
  const raw = env[name]?.trim();
  if (!raw) return 'en';
  const m = matchLocale(raw);
  if (!m) throw new ConfigError(`${name} must be one of en, ja, zh-CN, zh-TW, sv, fr, ko, not "${raw}"`);
  return m;
}

function list(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, not "${raw}"`);
}

/** `host`, `host:port` or `[IPv6]:port` DNS servers, checked by the resolver's own parser. */
export function parseServerList(raw: string | undefined, name = 'DNS_SERVERS'): string[] {
  try {
    return parseDnsServers(raw);
  } catch (err) {
    throw new ConfigError(`${name}: ${(err as Error).message}`);
  }
}

export function loadConfig(env: Env = process.env): Config {
  const appType = env.MicrosoftAppType?.trim() || 'MultiTenant';
  if (appType !== 'MultiTenant' && appType !== 'SingleTenant' && appType !== 'UserAssignedMSI') {
    throw new ConfigError(`MicrosoftAppType must be SingleTenant, UserAssignedMSI or MultiTenant, not "${appType}"`);
  }
  return {
    port: int(env, 'PORT', 3978, 0, 65535),
    dnsServers: parseServerList(env.DNS_SERVERS),
    dnsTimeoutMs: int(env, 'DNS_TIMEOUT_MS', 2000, 50, 30000),
    spfDeadlineMs: int(env, 'SPF_DEADLINE_MS', 8000, 100, 60000),
    firstAnswerGraceMs: int(env, 'FIRST_ANSWER_GRACE_MS', 700, 0, 5000),
    maxPasteBytes: int(env, 'MAX_PASTE_BYTES', 2 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    maxFileBytes: int(env, 'MAX_FILE_BYTES', 25 * 1024 * 1024, 1024, 200 * 1024 * 1024),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    storage: {
      connectionString: env.AZURE_STORAGE_CONNECTION_STRING?.trim() || undefined,
      accountUrl: env.AZURE_STORAGE_ACCOUNT_URL?.trim() || undefined,
      container: containerName(env.AZURE_STORAGE_CONTAINER),
    },
    escalation: {
      teamId: env.ESCALATION_TEAM_ID?.trim() || undefined,
      channelId: env.ESCALATION_CHANNEL_ID?.trim() || undefined,
      locale: locale(env, 'ESCALATION_LOCALE'),
      supportUserIds: list(env.SUPPORT_AAD_OBJECT_IDS),
      supportGroupIds: list(env.SUPPORT_GROUP_IDS),
      graphBaseUrl: env.GRAPH_BASE_URL?.trim() || 'https://graph.microsoft.com',
      redactTranscript: bool(env, 'TRANSCRIPT_REDACT_ADDRESSES', false),
      outboxRetrySeconds: int(env, 'OUTBOX_RETRY_SECONDS', 60, 1, 86400),
    },
    allowedTenants: list(env.ALLOWED_TENANTS),
    checksPerMinute: int(env, 'RATE_LIMIT_CHECKS_PER_MINUTE', 20, 0, 100000),
    download: {
      allowedHosts: env.ALLOWED_DOWNLOAD_HOSTS?.trim()
        ? env.ALLOWED_DOWNLOAD_HOSTS.split(',').map((h) => h.trim()).filter(Boolean)
        : MICROSOFT_DOWNLOAD_HOSTS,
      timeoutMs: int(env, 'DOWNLOAD_TIMEOUT_MS', 10000, 100, 120000),
      allowHttp: bool(env, 'ALLOW_HTTP_DOWNLOADS', false),
    },
    auth: {
      appId: env.MicrosoftAppId?.trim() || undefined,
      appPassword: env.MicrosoftAppPassword?.trim() || undefined,
      appType,
      tenantId: env.MicrosoftAppTenantId?.trim() || undefined,
      openIdMetadataUrl: env.BotOpenIdMetadata?.trim() || undefined,
    },
  };
}
