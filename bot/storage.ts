/**
 * Where state and escalations live: one `Storage` interface, MemoryStorage by default, Azure Blob Storage
 * (botbuilder-azure-blobs) when a connection string, or an account URL used with the managed identity,
 * is configured. All writes carry eTags where it matters (claims, case updates), so concurrent instances
 * never lose an update.
 *
 * Each storage also says whether it can be used right now (`ready()`, behind GET /readyz): memory always
 * can; Blob storage can when the account answers for the container.
 */
import { MemoryStorage, type Storage, type StoreItem } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { ContainerClient, type StoragePipelineOptions } from '@azure/storage-blob';
// The blob naming BlobsStorage uses, so items written here read back through it.
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey';
import { ManagedIdentityCredential, DefaultAzureCredential } from '@azure/identity';

export interface StorageConfig {
  connectionString?: string;
  /** `https://<account>.blob.core.windows.net`: used with the managed identity. */
  accountUrl?: string;
  container: string;
  /** Client id of the user-assigned managed identity (MicrosoftAppId under UserAssignedMSI). */
  managedIdentityClientId?: string;
}

export type StorageKind = 'memory' | 'blob';

/**
 * Storage that can also create an item only if it does not exist yet: what makes "one case per
 * diagnosis" hold when two clicks, or two instances, create it at the same moment.
 */
export interface CaseStorage extends Storage {
  /** Writes the item unless the key exists; false when it already did. */
  createIfAbsent(key: string, item: StoreItem): Promise<boolean>;
}

export function isCaseStorage(s: Storage): s is CaseStorage {
  return typeof (s as Partial<CaseStorage>).createIfAbsent === 'function';
}

/** Whether storage answers: `reason` is a status or error code, never a URL, key or token. */
export interface Readiness {
  ready: boolean;
  reason?: string;
}

/** Storage that can say whether it answers right now. */
export interface ReadinessProbe {
  ready(): Promise<Readiness>;
}

/** How long a readiness probe waits for Blob storage (ms): under the 3 s probe timeout documented for Kubernetes. */
export const READY_TIMEOUT_MS = 2000;

/** The storage's own probe; storage without one (a plain MemoryStorage) is always ready. */
export function storageReadiness(s: Storage): () => Promise<Readiness> {
  const probe = (s as Partial<ReadinessProbe>).ready;
  return typeof probe === 'function' ? () => probe.call(s) : () => Promise.resolve({ ready: true });
}

class MemoryCaseStorage extends MemoryStorage implements CaseStorage, ReadinessProbe {
  constructor(private readonly items: Record<string, string> = {}) {
    super(items);
  }

  ready(): Promise<Readiness> {
    return Promise.resolve({ ready: true });
  }

  async createIfAbsent(key: string, item: StoreItem): Promise<boolean> {
    // No await between the check and the write: one process, one event loop, so this is atomic.
    if (this.items[key] !== undefined) return false;
    await this.write({ [key]: { ...item, eTag: '*' } });
    return true;
  }
}

class BlobCaseStorage extends BlobsStorage implements CaseStorage, ReadinessProbe {
  private created?: Promise<unknown>;
  private probing?: Promise<Readiness>;

  constructor(
    private readonly container: ContainerClient,
    /** The same container without retries, for readiness probes that must answer within seconds. */
    private readonly probeContainer: ContainerClient,
    ...args: ConstructorParameters<typeof BlobsStorage>
  ) {
    super(...args);
  }

  /**
   * Ready when the account answers for the container: its properties, or "no such container" (it is
   * created on the first write). Refused access (403: a role assignment that has not reached Storage
   * yet), any other error, or no answer within READY_TIMEOUT_MS is not ready. Probes arriving together
   * share one request.
   */
  ready(): Promise<Readiness> {
    this.probing ??= this.probeContainer
      .getProperties({ abortSignal: AbortSignal.timeout(READY_TIMEOUT_MS) })
      .then(
        (): Readiness => ({ ready: true }),
        (err: { statusCode?: number; code?: string; name?: string }): Readiness => {
          if (err.statusCode === 404) return { ready: true };
          return { ready: false, reason: err.statusCode ? `status ${err.statusCode}${err.code ? ` ${err.code}` : ''}` : err.name === 'AbortError' ? `no answer in ${READY_TIMEOUT_MS} ms` : (err.code ?? err.name ?? 'error') };
        },
      )
      .finally(() => {
        this.probing = undefined;
      });
    return this.probing;
  }

  async createIfAbsent(key: string, item: StoreItem): Promise<boolean> {
    this.created ??= this.container.createIfNotExists();
    await this.created;
    const { eTag: _ignored, ...body } = item;
    const json = Buffer.from(JSON.stringify(body), 'utf8');
    try {
      await this.container.getBlockBlobClient(sanitizeBlobKey(key)).upload(json, json.byteLength, {
        conditions: { ifNoneMatch: '*' },
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
      return true;
    } catch (err) {
      const status = (err as { statusCode?: number }).statusCode;
      if (status === 409 || status === 412) return false;
      throw err;
    }
  }
}

/**
 * Fail within seconds when storage is down, rather than after the SDK's default minutes of backoff: a
 * Teams turn has 15 s, and the person must hear "could not save, try again" in time.
 */
const PIPELINE: StoragePipelineOptions = { retryOptions: { maxTries: 3, tryTimeoutInMs: 4000, retryDelayInMs: 200, maxRetryDelayInMs: 1000 } };
/** Readiness probes: one try, answered or not within READY_TIMEOUT_MS. */
const PROBE_PIPELINE: StoragePipelineOptions = { retryOptions: { maxTries: 1, tryTimeoutInMs: READY_TIMEOUT_MS } };

export function createStorage(cfg: StorageConfig): { storage: CaseStorage; kind: StorageKind } {
  const options = { storagePipelineOptions: PIPELINE };
  if (cfg.connectionString) {
    const container = new ContainerClient(cfg.connectionString, cfg.container, PIPELINE);
    const probe = new ContainerClient(cfg.connectionString, cfg.container, PROBE_PIPELINE);
    return { storage: new BlobCaseStorage(container, probe, cfg.connectionString, cfg.container, options), kind: 'blob' };
  }
  if (cfg.accountUrl) {
    const credential = cfg.managedIdentityClientId
      ? new ManagedIdentityCredential({ clientId: cfg.managedIdentityClientId })
      : new DefaultAzureCredential();
    const url = `${cfg.accountUrl.replace(/\/$/, '')}/${cfg.container}`;
    const container = new ContainerClient(url, credential, PIPELINE);
    const probe = new ContainerClient(url, credential, PROBE_PIPELINE);
    return { storage: new BlobCaseStorage(container, probe, '', cfg.container, options, url, credential as never), kind: 'blob' };
  }
  return { storage: new MemoryCaseStorage(), kind: 'memory' };
}
