/**
 * Where the bounce is in an incoming activity: the message text (mention removed, HTML kept for its
 * line structure), or an attached file (.eml, .msg, text) fetched under the download policy.
 */
import { createHash } from 'node:crypto';
import type { Activity, Attachment } from 'botbuilder';
import { formatBytes } from '../cards/views/simple';
import { isDmarcReportName } from '../ndr/classify';
import { download, type DownloadPolicy, type DownloadResult } from './download';
import { messageText, typedText } from './message-text';

export type BounceInput =
  /** `picture`: the message also holds a picture (its name, '' when it has none), to mention if the text is no bounce. */
  | { kind: 'text'; text: string; picture?: string }
  | { kind: 'file'; bytes: Uint8Array; filename: string; contentType?: string }
  | { kind: 'file-error'; filename: string; reason: Exclude<DownloadResult, { ok: true }>['reason'] | 'unsupported' | 'image' | 'shared'; detail?: string };

const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';
// An .xml file, and a file named as DMARC aggregate reports are (zipped or gzipped), is read to say what it is.
const READABLE_EXT = /\.(eml|msg|txt|text|htm|html|mht|nws|xml)$/i;
const READABLE_TYPES = /^(message\/rfc822|text\/plain|text\/html|application\/vnd\.ms-outlook|application\/octet-stream)$/i;
/**
 * A picture: a screenshot of a bounce is what many people send first. Teams sends a pasted picture as an
 * `image/*` attachment (and an `<img>` in the message's HTML), an attached one as a file named like one.
 */
const IMAGE_EXT = /\.(png|jpe?g|gif|bmp|webp|heic|heif|tiff?)$/i;
const IMAGE_TYPE = /^image\//i;
const IMG_TAG = /<img\s/i;
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

function isImage(file: FileRef): boolean {
  return IMAGE_EXT.test(file.name) || IMAGE_TYPE.test(file.contentType ?? '');
}

/** The attached file to read: a document before a picture (a forwarded bounce may carry a logo or a signature's image). */
export function attachedFile(activity: Activity): FileRef | undefined {
  const refs = (activity.attachments ?? []).map(fileRef).filter((r): r is FileRef => r !== undefined);
  return refs.find((r) => !isImage(r)) ?? refs[0];
}

/** Whether the message's HTML (the text itself, or Teams' HTML copy of it) shows a picture. */
function showsPicture(activity: Activity): boolean {
  return [activity.text ?? '', ...(activity.attachments ?? []).map((a) => (a.contentType === 'text/html' && typeof a.content === 'string' ? a.content : ''))].some((h) => IMG_TAG.test(h));
}

/**
 * The bounce in a message: its text, or the file attached to it. `beforeDownload` runs only when a file is
 * about to be fetched (the one wait worth a typing indicator).
 */
export async function readBounceInput(activity: Activity, policy: DownloadPolicy, beforeDownload?: () => Promise<void>): Promise<BounceInput> {
  const file = attachedFile(activity);
  const text = messageText(activity);
  // A picture never wins over words: they are read, and the picture mentioned only if they are no bounce.
  if (file && isImage(file)) return { kind: 'text', text, picture: file.name };
  // A file wins over the words around it ("here is the bounce"), unless the text is itself a bounce.
  if (file && text.length < 2000) {
    const readable = READABLE_EXT.test(file.name) || isDmarcReportName(file.name) || (file.contentType !== undefined && READABLE_TYPES.test(file.contentType));
    if (!readable) return { kind: 'file-error', filename: file.name, reason: 'unsupported' };
    await beforeDownload?.();
    const result = await download(file.url, policy);
    if (!result.ok) return { kind: 'file-error', filename: file.name, reason: result.reason, detail: result.detail };
    return { kind: 'file', bytes: result.bytes, filename: file.name, contentType: result.contentType ?? file.contentType };
  }
  return !file && showsPicture(activity) ? { kind: 'text', text, picture: '' } : { kind: 'text', text };
}

/** What "Diagnose bounce" gets of the message it runs on (a Teams `messagePayload`). */
export interface MessagePayloadFiles {
  body?: { contentType?: string; content?: string };
  attachments?: { contentType?: string; contentUrl?: string; name?: string }[];
}

/**
 * A message "Diagnose bounce" runs on that holds no bounce text but a picture or a file: a file shared in a
 * chat is stored in SharePoint or OneDrive, which the bot has no access to (only a file sent to the bot
 * itself comes with a download link), so the person is told what to send instead.
 */
export function payloadFileError(payload: MessagePayloadFiles | undefined): Extract<BounceInput, { kind: 'file-error' }> | undefined {
  const files = (payload?.attachments ?? []).filter((a) => !NOT_FILES.test(a.contentType ?? '') && (a.contentUrl || a.name));
  const refs = files.map((a): FileRef => ({ name: a.name ?? 'attachment', url: a.contentUrl ?? '', contentType: a.contentType }));
  const document = refs.find((r) => !isImage(r));
  if (document) return { kind: 'file-error', filename: document.name, reason: 'shared' };
  if (refs[0]) return { kind: 'file-error', filename: refs[0].name, reason: 'image' };
  const body = payload?.body?.content ?? '';
  if (IMG_TAG.test(body) && !body.replace(/<[^<>]*>|&nbsp;/gi, '').trim()) return { kind: 'file-error', filename: '', reason: 'image' };
  return undefined;
}

/** A picture where words were no bounce: what to tell the person instead of "that's not a bounce". */
export function pictureError(input: BounceInput): Extract<BounceInput, { kind: 'file-error' }> | undefined {
  return input.kind === 'text' && input.picture !== undefined ? { kind: 'file-error', filename: input.picture, reason: 'image' } : undefined;
}

/** The locale key and values that tell the person why their file was not read. */
export function fileErrorWords(
  input: Extract<BounceInput, { kind: 'file-error' }>,
  maxFileBytes: number,
  locale: string,
): { key: string; params: Record<string, unknown> } {
  const key = input.reason === 'unsupported' || input.reason === 'image' || input.reason === 'shared' ? `files.${input.reason}` : `files.failed.${input.reason}`;
  return { key, params: { name: input.filename, host: input.detail ?? '', detail: input.detail ?? '', size: formatBytes(maxFileBytes, locale) } };
}

/**
 * A digest of what the bot reads in a message: the text it parses, what was typed (a command) and the file
 * it would read. Two versions of a message with the same digest get the same answer: an edit that leaves it
 * as it was needs none.
 */
export function readDigest(activity: Activity): string {
  // An edit's turn asks for it up to three times (its redelivery key, the earlier answer, the new one): made once.
  let digest = DIGESTS.get(activity);
  if (digest === undefined) {
    const file = attachedFile(activity);
    digest = createHash('sha256')
      .update([messageText(activity), typedText(activity), file?.name ?? '', file?.url ?? ''].join('\0'))
      .digest('base64url')
      .slice(0, 22);
    DIGESTS.set(activity, digest);
  }
  return digest;
}

const DIGESTS = new WeakMap<Activity, string>();
