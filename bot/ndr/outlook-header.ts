/**
 * The few header lines Outlook and OWA write above a message that is copied or forwarded ("From: / Sent:
 * / To: / Subject:"), in the language of the person's Outlook. In English they read as an RFC 5322 header
 * block, so a pasted NDR gets its own From, To and Subject; translated ("差出人: / 送信日時: / 宛先: / 件名:",
 * "De : / Envoyé : / À : / Objet :") they did not, and the To line, which names the person the report
 * was sent to (the original sender), was taken for a failed recipient.
 */
import { isDaemonFrom } from './classify';
import { HeaderList, type HeaderField } from './headers';

/** Outlook's labels for each field it copies, per language; the field's English header name is the key. */
const LABELS: Record<'from' | 'date' | 'to' | 'cc' | 'subject', readonly string[]> = {
  from: ['From', '差出人', '送信者', '寄件者', '发件人', '發件人', '보낸 사람', 'De', 'Från', 'Von', 'Da', 'Van', 'Od', 'Fra', 'Lähettäjä'],
  date: [
    'Sent',
    'Date',
    '送信日時',
    '日付',
    '寄件日期',
    '日期',
    '发送时间',
    '發送時間',
    '보낸 날짜',
    '날짜',
    'Envoyé',
    'Skickat',
    'Datum',
    'Gesendet',
    'Enviado el',
    'Enviado',
    'Enviada em',
    'Fecha',
    'Inviato',
    'Data',
    'Verzonden',
    'Wysłano',
    'Sendt',
    'Lähetetty',
  ],
  to: ['To', '宛先', '收件者', '收件人', '받는 사람', 'À', 'A', 'Till', 'An', 'Para', 'Aan', 'Do', 'Til', 'Vastaanottaja'],
  cc: ['Cc', 'CC', '副本', '抄送', '참조', 'Kopia', 'DW', 'Kopie'],
  subject: ['Subject', '件名', '主旨', '主题', '主題', '제목', 'Objet', 'Ämne', 'Betreff', 'Asunto', 'Oggetto', 'Assunto', 'Onderwerp', 'Temat', 'Emne', 'Aihe'],
};

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const SPACES = /[\s\u00a0]+/g;

/** A label as compared: lower case, without spaces (`보낸사람` and `보낸 사람` are the same label). */
function labelKey(label: string): string {
  return label.replace(SPACES, '').toLowerCase();
}

const FIELD_OF = new Map<string, keyof typeof LABELS>();
for (const [field, names] of Object.entries(LABELS) as [keyof typeof LABELS, readonly string[]][]) {
  for (const n of names) FIELD_OF.set(labelKey(n), field);
}

// `Label: value`, `Label : value` (French, often with a no-break space), `Label：value`, `Label:<tab>value`.
const LABEL_LINE = /^[ \t]*([^\s:：][^:：\n]{0,24}?)[ \t\u00a0]*[:：][ \t\u00a0]*(.*)$/;
// Outlook's rules above a forwarded message: `-----Original Message-----` (translated), or a line of underscores.
const SEPARATOR_LINE = /^[ \t]*(?:-{3,}[^\n]{0,40}-{3,}|_{10,})[ \t]*$/;

export interface CopyHeader {
  headers: HeaderList;
  /** The text after the block. */
  rest: string;
}

/** The field a label names, whatever its case and inner spacing. */
function fieldOf(label: string): keyof typeof LABELS | undefined {
  return FIELD_OF.get(labelKey(label));
}

// A line that opens with one of the From labels (`보낸 사람` spaced or not; the labels hold no regex syntax).
const FROM_LINE = new RegExp(String.raw`^[ \t]*(?:${LABELS.from.map((l) => l.replace(/ /g, String.raw`[\s\u00a0]*`)).join('|')})[ \t\u00a0]*[:：]`, 'im');

// Lines of a field's value Outlook wrapped at its line width (a long subject, many addressees).
const MAX_CONTINUATION_LINES = 2;

/**
 * Outlook's header at the top of a pasted text (after blank lines and its separator rule): a From line
 * first, then labelled lines up to a blank line, a Subject among them. Lines with other labels (attachments,
 * importance) are passed over and a value wrapped onto the next lines is joined. Undefined for anything
 * else, so a report's own labelled lines ("Generating server:", "Destinataire :") are never taken for it.
 */
export function outlookCopyHeader(text: string): CopyHeader | undefined {
  // Every header opens with a From line: a text with none near its top (most pastes) is not read further.
  if (!FROM_LINE.test(text.length > MAX_NOTE_CHARS ? text.slice(0, MAX_NOTE_CHARS) : text)) return undefined;
  const top = headerAt(text);
  if (top) return top;
  // A note the person wrote above the report they forwarded ("Can you check this?"): a few short paragraphs,
  // then Outlook's header of the forwarded report, which a mail daemon sent (so nothing of the report's own
  // text, such as the original message's headers, is taken for it).
  let tries = 0;
  for (const m of text.slice(0, MAX_NOTE_CHARS).matchAll(PARAGRAPH_BREAK)) {
    if (++tries > MAX_NOTE_PARAGRAPHS) break;
    const start = (m.index ?? 0) + m[0].length;
    // Only a paragraph that opens with a From line can be the header: the others are not read further.
    const end = text.indexOf('\n', start);
    const opening = LABEL_LINE.exec(text.slice(start, end < 0 ? undefined : end));
    if (!opening || fieldOf(opening[1]!) !== 'from') continue;
    const below = headerAt(text.slice(start));
    if (below) return isDaemonFrom(below.headers.get('from')) ? below : undefined;
  }
  return undefined;
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const PARAGRAPH_BREAK = /\n[ \t]*\n/g;
const MAX_NOTE_CHARS = 1500;
const MAX_NOTE_PARAGRAPHS = 6;
// Blank lines and a rule before it, eight fields and their wrapped lines.
const MAX_HEADER_LINES = 40;

function headerAt(text: string): CopyHeader | undefined {
  // A header is a few lines: no more are split off.
  const lines = text.slice(0, 4000).split('\n', MAX_HEADER_LINES);
  let i = 0;
  while (i < lines.length && (!lines[i]!.trim() || SEPARATOR_LINE.test(lines[i]!))) i++;
  const fields: HeaderField[] = [];
  let chars = lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0);
  let continued = 0;
  for (; i < lines.length && fields.length < 8; i++) {
    const line = lines[i]!;
    if (!line.trim()) break;
    const m = LABEL_LINE.exec(line);
    const field = m ? fieldOf(m[1]!) : undefined;
    const last = fields[fields.length - 1];
    if (field && m && (fields.length > 0 || field === 'from')) {
      fields.push({ name: field, value: (m[2] ?? '').trim() });
      continued = 0;
    } else if (!last) {
      return undefined;
    } else if (!m && ++continued <= MAX_CONTINUATION_LINES) {
      last.value = `${last.value} ${line.trim()}`;
    } else if (!m) {
      return undefined;
    }
    chars += line.length + 1;
  }
  const names = new Set(fields.map((f) => f.name));
  if (fields.length < 3 || !names.has('subject') || !(names.has('to') || names.has('date'))) return undefined;
  return { headers: new HeaderList(fields), rest: text.slice(Math.min(chars, text.length)) };
}
