/**
 * Where state and escalations live: one `Storage` interface, MemoryStorage by default, Azure Blob Storage
 * (botbuilder-azure-blobs) when a connection string, or an account URL used with the managed identity,
 * is configured. All writes carry eTags where it matters (claims, case updates), so concurrent instances
 * never lose an update.
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

class MemoryCaseStorage extends MemoryStorage implements CaseStorage {
  constructor(private readonly items: Record<string, string> = {}) {
    super(items);
  }

  async createIfAbsent(key: string, item: StoreItem): Promise<boolean> {
    // No await between the check and the write: one process, one event loop, so this is atomic.
    if (this.items[key] !== undefined) return false;
    await this.write({ [key]: { ...item, eTag: '*' } });
    return true;
  }
}

class BlobCaseStorage extends BlobsStorage implements CaseStorage {
  private ready?: Promise<unknown>;

  constructor(
    private readonly container: ContainerClient,
    ...args: ConstructorParameters<typeof BlobsStorage>
  ) {
    super(...args);
  }

  async createIfAbsent(key: string, item: StoreItem): Promise<boolean> {
    this.ready ??= this.container.createIfNotExists();
    await this.ready;
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

export function createStorage(cfg: StorageConfig): { storage: CaseStorage; kind: StorageKind } {
  const options = { storagePipelineOptions: PIPELINE };
  if (cfg.connectionString) {
    const container = new ContainerClient(cfg.connectionString, cfg.container, PIPELINE);
    return { storage: new BlobCaseStorage(container, cfg.connectionString, cfg.container, options), kind: 'blob' };
  }
  if (cfg.accountUrl) {
    const credential = cfg.managedIdentityClientId
      ? new ManagedIdentityCredential({ clientId: cfg.managedIdentityClientId })
      : new DefaultAzureCredential();
    const url = `${cfg.accountUrl.replace(/\/$/, '')}/${cfg.container}`;
    const container = new ContainerClient(url, credential, PIPELINE);
    return { storage: new BlobCaseStorage(container, '', cfg.container, options, url, credential as never), kind: 'blob' };
  }
  return { storage: new MemoryCaseStorage(), kind: 'memory' };
}
