/**
 * Where state and escalations live: one `Storage` interface, MemoryStorage by default, Azure Blob Storage
 * (botbuilder-azure-blobs) when a connection string, or an account URL used with the managed identity,
 * is configured. All writes carry eTags where it matters (claims, case updates), so concurrent instances
 * never lose an update.
 */
import { MemoryStorage, type Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
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

export function createStorage(cfg: StorageConfig): { storage: Storage; kind: StorageKind } {
  if (cfg.connectionString) {
    return { storage: new BlobsStorage(cfg.connectionString, cfg.container), kind: 'blob' };
  }
  if (cfg.accountUrl) {
    const credential = cfg.managedIdentityClientId
      ? new ManagedIdentityCredential({ clientId: cfg.managedIdentityClientId })
      : new DefaultAzureCredential();
    const url = `${cfg.accountUrl.replace(/\/$/, '')}/${cfg.container}`;
    return { storage: new BlobsStorage('', cfg.container, undefined, url, credential as never), kind: 'blob' };
  }
  return { storage: new MemoryStorage(), kind: 'memory' };
}
