/**
 * Where the bounce is in an incoming activity: the message text (mention removed, HTML kept for its
 * line structure), or an attached file (.eml, .msg, text) fetched under the download policy.
 */
import type { Activity, Attachment } from 'botbuilder';
import { formatBytes } from '../cards/views/simple';
import { download, type DownloadPolicy, type DownloadResult } from './download';
import { messageText } from './message-text';

export type BounceInput =
  | { kind: 'text'; text: string }
  | { kind: 'file'; bytes: Uint8Array; filename: string; contentType?: string }
  | { kind: 'file-error'; filename: string; reason: Exclude<DownloadResult, { ok: true }>['reason'] | 'unsupported'; detail?: string };

const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';
const READABLE_EXT = /\.(eml|msg|txt|text|htm|html|mht|nws)$/i;
const READABLE_TYPES = /^(message\/rfc822|text\/plain|text\/html|application\/vnd\.ms-outlook|application\/octet-stream)$/i;
/** Attachments that are part of how a client sends a message, not something the person attached. */
const NOT_FILES = /^(text\/html|application\/vnd\.microsoft\.card\.|application\/vnd\.microsoft\.teams\.card\.)/i;

interface FileRef {
  name: string;
  url: string;
  contentType?: string;
}

function fileRef(a: Attachment): FileRef | undefined {
  if (a.contentType === TEAMS_FILE) {
    const content = a.content as { downloadUrl?: string; fileType?: string } | undefined;
    if (!content?.downloadUrl) return undefined;
    return { name: a.name ?? `file.${content.fileType ?? 'bin'}`, url: content.downloadUrl };
  }
  if (NOT_FILES.test(a.contentType ?? '') || !a.contentUrl) return undefined;
  return { name: a.name ?? 'attachment', url: a.contentUrl, contentType: a.contentType };
}

export function attachedFile(activity: Activity): FileRef | undefined {
  for (const a of activity.attachments ?? []) {
    const ref = fileRef(a);
    if (ref) return ref;
  }
  return undefined;
}

export async function readBounceInput(activity: Activity, policy: DownloadPolicy): Promise<BounceInput> {
  const file = attachedFile(activity);
  const text = messageText(activity);
  // A file wins over the words around it ("here is the bounce"), unless the text is itself a bounce.
  if (file && text.length < 2000) {
    const readable = READABLE_EXT.test(file.name) || (file.contentType !== undefined && READABLE_TYPES.test(file.contentType));
    if (!readable) return { kind: 'file-error', filename: file.name, reason: 'unsupported' };
    const result = await download(file.url, policy);
    if (!result.ok) return { kind: 'file-error', filename: file.name, reason: result.reason, detail: result.detail };
    return { kind: 'file', bytes: result.bytes, filename: file.name, contentType: result.contentType ?? file.contentType };
  }
  return { kind: 'text', text };
}

/** The locale key and values that tell the person why their file was not read. */
export function fileErrorWords(
  input: Extract<BounceInput, { kind: 'file-error' }>,
  maxFileBytes: number,
  locale: string,
): { key: string; params: Record<string, unknown> } {
  const key = input.reason === 'unsupported' ? 'files.unsupported' : `files.failed.${input.reason}`;
  return { key, params: { name: input.filename, host: input.detail ?? '', detail: input.detail ?? '', size: formatBytes(maxFileBytes, locale) } };
}
