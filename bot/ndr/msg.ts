/**
 * Outlook .msg files through @kenjiuno/msgreader. An NDR saved from Outlook (class REPORT.IPM.Note.NDR)
 * keeps the human text in the body, the NDR's transport headers, and per recipient the remote reply
 * (PidTagSupplementaryInfo) instead of a delivery-status part. A forwarded NDR may be an attachment
 * (.msg or .eml), tried when the outer item is not a bounce itself.
 */
import type { FieldsData } from '@kenjiuno/msgreader';
import { Worker } from 'node:worker_threads';
import type { BounceSources } from './analyse';
import { cleanAddress } from './address';
import { classifyHeaders, classifyText } from './classify';
import { HeaderList, parseHeaderBlock } from './headers';
import { htmlToText } from './html';
import type { InputView } from './input-view';
import type { RecipientFinding } from './model';
import { applyReply, parseReply } from './reply';
import { normaliseText, restoreLineBreaks } from './text';

// MAPI property tags (MS-OXPROPS), read from the raw property list.
const TAG = {
  supplementaryInfo: '0c1b001f',
  supplementaryInfo8: '0c1b001e',
  originalSubject: '0049001f',
  originalSubject8: '0049001e',
  originalSenderEmail: '0067001f',
  originalSenderEmail8: '0067001e',
  originalSubmitTime: '004e0040',
};

function rawString(fields: FieldsData, ...tags: string[]): string | undefined {
  for (const p of fields.rawProps ?? []) {
    if (p.propertyTag && tags.includes(p.propertyTag) && typeof p.value === 'string' && p.value.trim()) return p.value;
  }
  return undefined;
}

function unreadable(inputBytes: number): InputView {
  return { sources: { format: 'msg', inputBytes, text: '', deliveryStatus: [], kindHint: 'unreadable' }, nested: [] };
}

/** Time and memory a single .msg may take; a damaged file can send the reader into an endless loop. */
const MSG_TIMEOUT_MS = 5000;
const MSG_HEAP_MB = 256;

// Runs in a worker: msgreader follows the file's own sector chains, and a damaged file can make it
// loop or allocate without end. In a worker it can be stopped, and the bot stays up.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const MsgReader = require(workerData.modulePath).default;
const reader = new MsgReader(workerData.buffer);
reader.parserConfig = { includeRawProps: true };
const fields = reader.getFileData();
const nested = [];
for (const att of fields.attachments || []) {
  try {
    const name = String(att.fileName || att.name || '').toLowerCase();
    if (att.innerMsgContent || name.endsWith('.msg') || name.endsWith('.eml') || att.attachMimeTag === 'message/rfc822') {
      nested.push(reader.getAttachment(att).content);
    }
  } catch (e) {}
}
parentPort.postMessage({ fields, nested });
`;

interface Loaded {
  fields: FieldsData;
  nested: Uint8Array[];
}

function loadInWorker(bytes: Uint8Array): Promise<Loaded | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { buffer: bytes.slice().buffer, modulePath: require.resolve('@kenjiuno/msgreader') },
        resourceLimits: { maxOldGenerationSizeMb: MSG_HEAP_MB, maxYoungGenerationSizeMb: 32 },
      });
    } catch {
      resolve(undefined);
      return;
    }
    let settled = false;
    const done = (value: Loaded | undefined): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(value);
    };
    const timer = setTimeout(() => done(undefined), MSG_TIMEOUT_MS);
    worker.once('message', (m: Loaded) => done(m));
    worker.once('error', () => done(undefined));
    worker.once('exit', () => done(undefined));
  });
}

export async function readMsg(bytes: Uint8Array, inputBytes: number): Promise<InputView> {
  const loaded = await loadInWorker(bytes);
  if (!loaded || loaded.fields.error) return unreadable(inputBytes);
  const { fields } = loaded;
  // A compound file without a message class, body, headers or recipients is not an Outlook item.
  if (!fields.messageClass && !fields.body && !fields.bodyHtml && !fields.headers && !fields.recipients?.length) return unreadable(inputBytes);

  let text = fields.body ?? '';
  if (!text.trim() && fields.bodyHtml) text = htmlToText(fields.bodyHtml);
  else if (!text.trim() && fields.html) text = htmlToText(new TextDecoder('utf-8').decode(fields.html));

  const headers = fields.headers ? parseHeaderBlock(normaliseText(fields.headers)) : new HeaderList([]);
  const isReport = /^REPORT\./i.test(fields.messageClass ?? '');

  // An NDR's recipient table lists the failed recipients with the remote server's reply.
  const findings: RecipientFinding[] = [];
  if (isReport) {
    for (const r of fields.recipients ?? []) {
      const address = cleanAddress(r.smtpAddress) ?? cleanAddress(r.email) ?? cleanAddress(r.name);
      const info = rawString(r, TAG.supplementaryInfo, TAG.supplementaryInfo8);
      if (!address && !info) continue;
      const finding: RecipientFinding = { source: 'dsn' };
      if (address) finding.address = address;
      if (info) {
        // `Remote Server returned '550 …'` or `<server> #550 5.7.23 … ##`: keep the reply itself.
        const start = info.search(/#?\s*[245]\d\d[ -]/);
        const reply = parseReply((start >= 0 ? info.slice(start) : info).replace(/'\s*$/, ''));
        finding.diagnostic = reply.text;
        applyReply(finding, reply);
      }
      findings.push(finding);
    }
  }

  // The original message: an embedded item, else the report's PidTagOriginal* properties.
  const nested = loaded.nested.filter((n) => n instanceof Uint8Array);
  let originalHeaders: HeaderList | undefined;
  for (const att of fields.attachments ?? []) {
    if (att.innerMsgContent && att.innerMsgContentFields?.headers && !originalHeaders) {
      originalHeaders = parseHeaderBlock(normaliseText(att.innerMsgContentFields.headers));
    }
  }
  if (!originalHeaders) {
    const synthetic: string[] = [];
    const sender = rawString(fields, TAG.originalSenderEmail, TAG.originalSenderEmail8);
    const subject = rawString(fields, TAG.originalSubject, TAG.originalSubject8);
    if (sender && cleanAddress(sender)) synthetic.push(`From: <${cleanAddress(sender)}>`);
    if (subject) synthetic.push(`Subject: ${subject.replace(/\s+/g, ' ')}`);
    if (synthetic.length) originalHeaders = parseHeaderBlock(synthetic.join('\n'));
  }

  const clean = restoreLineBreaks(normaliseText(text));
  const sources: BounceSources = { format: 'msg', inputBytes, headers, text: clean, deliveryStatus: [], extraFindings: findings };
  if (originalHeaders) sources.originalHeaders = originalHeaders;
  const kind = isReport ? undefined : (classifyHeaders(headers.size ? headers : undefined, undefined) ?? classifyText(clean) ?? autoReplyClass(fields));
  if (kind) sources.kindHint = kind;
  return { sources, nested };
}

/** Outlook marks out-of-office replies by message class rather than by header. */
function autoReplyClass(fields: FieldsData): 'auto-reply' | undefined {
  return /^IPM\.Note\.Rules\.(?:Oof|ReplyTemplate)/i.test(fields.messageClass ?? '') ? 'auto-reply' : undefined;
}
