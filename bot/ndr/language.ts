/**
 * The language of an NDR's human-readable text, as a BCP 47 tag. Scripts decide for Japanese, Korean
 * and Chinese (Traditional vs Simplified by characters that only one of them uses); Latin-script
 * languages are told apart by their most frequent function words and by NDR phrases. The parts every
 * localized NDR keeps in English (Remote Server returned, codes, headers, addresses) are removed first.
 */

// Characters frequent in NDR prose, Traditional and Simplified side by side; only pairs that differ
// tell the two apart.
const TRAD_SIMP_PAIRS = [
  '傳遞郵無這們為與區發訊網際資務碼錯誤詳細請檢查確認說關聯絡單頭時間轉後應該將級類體實標題議個員態處記錄開啟議從總數應須驗證記錄稱頁',
  '传递邮无这们为与区发讯网际资务码错误详细请检查确认说关联络单头时间转后应该将级类体实标题议个员态处记录开启议从总数应须验证记录称页',
];
const TRADITIONAL = new Set<string>();
const SIMPLIFIED = new Set<string>();
{
  const [trad, simp] = TRAD_SIMP_PAIRS.map((s) => [...s]);
  trad?.forEach((t, i) => {
    const sc = simp?.[i];
    if (sc && sc !== t) {
      TRADITIONAL.add(t);
      SIMPLIFIED.add(sc);
    }
  });
}

// Besides function words, the words of Exchange's own headings ("Diagnostisk information för administratörer",
// "Servidor de origem", "Bronserver"): a person often pastes only the administrators' part, whose prose is
// those headings alone, and shared words (de, para) cannot tell Spanish from Portuguese there.
const LATIN_WORDS: Record<string, string[]> = {
  en: ['the', 'your', 'message', 'to', 'was', 'could', 'not', 'be', 'delivered', 'because', 'and', 'of', 'this', 'please', 'recipient', 'following', 'error', 'for', 'is', 'that', 'with', 'sent', 'server', 'you', 'has', 'failed'],
  fr: ['le', 'la', 'les', 'de', 'des', 'du', 'votre', 'vous', 'message', 'pas', 'pu', 'être', 'remis', 'est', 'une', 'pour', 'destinataire', 'serveur', 'erreur', 'que', 'qui', 'ce', 'à', 'échec', 'remise', 'été', 'au', 'domaine'],
  sv: ['och', 'att', 'det', 'som', 'för', 'till', 'inte', 'ditt', 'meddelande', 'kunde', 'levereras', 'är', 'av', 'med', 'mottagaren', 'fel', 'servern', 'på', 'den', 'har', 'om', 'eller', 'sedan', 'din', 'domän', 'diagnostisk', 'administratörer', 'genererande', 'ursprungliga', 'meddelandehuvuden', 'leveransen', 'misslyckades', 'följande'],
  de: ['die', 'der', 'das', 'und', 'nicht', 'ihre', 'nachricht', 'konnte', 'zugestellt', 'werden', 'an', 'empfänger', 'ist', 'ein', 'eine', 'des', 'für', 'von', 'mit', 'wurde', 'fehler'],
  it: ['il', 'la', 'di', 'che', 'non', 'messaggio', 'destinatario', 'recapito', 'è', 'stato', 'per', 'del', 'della', 'errore', 'con', 'un', 'una', 'riuscito'],
  es: ['el', 'la', 'de', 'que', 'no', 'su', 'mensaje', 'se', 'pudo', 'entregar', 'destinatario', 'error', 'para', 'del', 'los', 'las', 'con', 'un', 'una', 'es', 'información', 'generación', 'encabezados', 'originales', 'estos', 'remitente', 'notificado'],
  nl: ['de', 'het', 'een', 'en', 'niet', 'uw', 'bericht', 'kan', 'worden', 'bezorgd', 'van', 'voor', 'is', 'geadresseerde', 'met', 'fout', 'aan', 'diagnostische', 'gegevens', 'beheerders', 'bronserver', 'oorspronkelijke', 'berichtkoppen', 'geadresseerden', 'volgende'],
  pt: ['o', 'a', 'de', 'que', 'não', 'sua', 'mensagem', 'foi', 'entregue', 'para', 'destinatário', 'erro', 'do', 'da', 'com', 'um', 'uma', 'informações', 'origem', 'cabeçalhos', 'originais', 'falha', 'estes', 'remetente', 'relatado'],
  // Danish and Norwegian share most of their small words with each other and many with Swedish: without
  // their own lists their NDRs were told as Swedish, and answered in it.
  da: ['og', 'ikke', 'til', 'af', 'din', 'dit', 'meddelelse', 'meddelelsen', 'kunne', 'leveres', 'er', 'det', 'den', 'for', 'med', 'modtageren', 'modtager', 'fejl', 'fejlen', 'serveren', 'på', 'har', 'eller', 'derefter', 'domæne', 'domænet', 'blev', 'fordi', 'igen', 'som'],
  nb: ['og', 'ikke', 'til', 'av', 'din', 'ditt', 'meldingen', 'melding', 'kunne', 'leveres', 'er', 'det', 'den', 'for', 'med', 'mottakeren', 'mottaker', 'feil', 'feilen', 'serveren', 'på', 'har', 'eller', 'deretter', 'domenet', 'ble', 'fordi', 'nytt', 'som'],
  fi: ['ja', 'ei', 'on', 'tai', 'kun', 'että', 'koska', 'tämä', 'viesti', 'viestiä', 'viestisi', 'viestiäsi', 'voitu', 'toimittaa', 'vastaanottaja', 'vastaanottajan', 'lähettäjän', 'palvelin', 'palvelimen', 'virhe', 'osoite', 'osoitetta', 'uudelleen', 'toimialueen', 'sähköpostin'],
  tr: ['ve', 'bir', 'bu', 'için', 'ile', 'veya', 'değil', 'ileti', 'iletiniz', 'iletinizi', 'iletiyi', 'teslim', 'edilemedi', 'alıcı', 'alıcının', 'adresi', 'hata', 'sunucu', 'sunucusu', 'gönderen', 'yeniden', 'olarak', 'etki', 'alanı'],
  cs: ['a', 'je', 'se', 'na', 'pro', 'že', 'nebo', 'když', 'protože', 'zprávu', 'zpráva', 'zprávy', 'příjemce', 'odesílatele', 'adresa', 'adresu', 'chyba', 'nepodařilo', 'doručit', 'není', 'vaši', 'domény', 'znovu'],
  pl: ['nie', 'można', 'wiadomości', 'wiadomość', 'dostarczyć', 'została', 'dostarczona', 'się', 'jest', 'lub', 'dla', 'poczty', 'adresata', 'odbiorcy', 'nadawcy', 'błąd', 'serwer', 'ponieważ', 'przez', 'tę', 'ta', 'tej', 'na', 'od', 'że'],
};

const LATIN_LISTS = Object.entries(LATIN_WORDS);
/** For each function word some language scores (the only words worth counting), the languages (indexes into LATIN_LISTS) whose list holds it, once per time it is listed. */
const LANGUAGES_OF = new Map<string, number[]>();
LATIN_LISTS.forEach(([, list], i) => {
  for (const w of list) {
    const langs = LANGUAGES_OF.get(w);
    if (langs) langs.push(i);
    else LANGUAGES_OF.set(w, [i]);
  }
});
const LANGUAGE_INDEX = new Map(LATIN_LISTS.map(([lang], i) => [lang, i]));

// Made once, not at every call (a regex literal is a new object each time it is evaluated; `replace`
// starts a global regex at 0 and leaves it there).
const REMOTE_SERVER_RETURNED_LINE = /Remote Server returned[^\n]*/gi;
const HEADER_LINES = /^[\w-]{2,40}:\s[^\n]*$/gm;
const URLS = /https?:\/\/\S+/g;
const CODED_REPLIES = /\b[245]\d\d[ -][245]\.\d+\.\d+[^\n]*/g;
const ENGLISH_TERMS = /\b(?:Sender Policy Framework|Office 365|Microsoft|Exchange Online|SPF|DKIM|DMARC|DSN|SMTP|UTC)\b/gi;
const LATIN_WORD = /[a-zà-öø-ÿ\u0100-\u017f']+/g;

/** The prose part of an NDR: code lines, headers, addresses, hosts and URLs removed. */
export function proseOf(text: string): string {
  const withoutAddresses = withoutAddressTokens(
    text
      .slice(0, 60_000)
      .replace(REMOTE_SERVER_RETURNED_LINE, ' ')
      .replace(HEADER_LINES, ' ')
      .replace(URLS, ' ')
      // A server's reply (`Reported error: 550 5.7.23 The message was rejected …`) is English in every
      // language's NDR; before host names go, or its code would go with them and leave its words behind.
      .replace(CODED_REPLIES, ' '),
  );
  return withoutHostNames(withoutAddresses).replace(ENGLISH_TERMS, ' ');
}

/** Characters of `[\w-]`: a host name label. */
function isLabelChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

function labelRun(text: string, from: number): number {
  let p = from;
  while (p < text.length && isLabelChar(text.charCodeAt(p))) p++;
  return p - from;
}

/**
 * `text.replace(/(?<![\w.-])[\w-]{1,63}(?:\.[\w-]{1,63}){2,}(?![\w-])/g, ' ')` (host names of three or
 * more labels), tried only where a run of `[\w.-]` starts, which is the only place that lookbehind lets a
 * match start. A label can only end where its run of label characters does (or after 63 of them): a
 * shorter one would be followed by a label character, never the dot or the end the pattern needs. So
 * the labels are taken whole, as many as follow, then dropped from the end until the name stands on
 * its own (no label character after it) with at least three labels.
 */
function withoutHostNames(text: string): string {
  const n = text.length;
  let out = '';
  let last = 0;
  let i = 0;
  while (i < n) {
    if (!isDomainChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let dots = 0;
    for (let c = text.charCodeAt(i); i < n && isDomainChar(c); c = text.charCodeAt(++i)) if (c === 46) dots++;
    // A name of three labels has two dots inside this run (it cannot reach past it): most words are skipped at once.
    const end = dots >= 2 && isLabelChar(text.charCodeAt(start)) ? hostNameEnd(text, start) : -1;
    if (end > 0) {
      out += `${text.slice(last, start)} `;
      last = end;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Where the host name starting at `start` ends, or -1. */
function hostNameEnd(text: string, start: number): number {
  const ends: number[] = [];
  let p = start + Math.min(labelRun(text, start), 63);
  while (p < text.length && text.charCodeAt(p) === 46) {
    const run = labelRun(text, p + 1);
    if (run === 0) break;
    p += 1 + Math.min(run, 63);
    ends.push(p);
  }
  for (let c = ends.length; c >= 2; c--) {
    const e = ends[c - 1]!;
    if (e >= text.length || !isLabelChar(text.charCodeAt(e))) return e;
  }
  return -1;
}

/** Characters of `[\w.+'-]`: what an address token's local part is made of. */
function isLocalChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 43 || c === 39 || c === 45;
}

/** Characters of `[\w.-]`: a token's domain. */
function isDomainChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}

/**
 * `text.replace(/(?<![\w.+'-])[\w.+'-]{1,64}@[\w.-]{1,255}/g, ' ')`, found from each `@` instead of
 * tried at every position. A match is a whole run of local-part characters (1 to 64 of them, not starting
 * inside the previous match) right before an `@`, then up to 255 domain characters (at least one).
 */
function withoutAddressTokens(text: string): string {
  let at = text.indexOf('@');
  if (at < 0) return text;
  let out = '';
  let last = 0;
  while (at >= 0) {
    let start = at;
    while (start > 0 && isLocalChar(text.charCodeAt(start - 1))) start--;
    const localLength = at - start;
    let end = at + 1;
    const limit = Math.min(text.length, at + 1 + 255);
    while (end < limit && isDomainChar(text.charCodeAt(end))) end++;
    if (start >= last && localLength >= 1 && localLength <= 64 && end > at + 1) {
      out += `${text.slice(last, start)} `;
      last = end;
      at = text.indexOf('@', end);
    } else {
      at = text.indexOf('@', at + 1);
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/** How many characters of each script or telling letter a text holds (the classes detectLanguage weighs). */
interface LetterCounts {
  kana: number;
  hangul: number;
  han: number;
  cyrillic: number;
  /** å Å */
  sv: number;
  /** é è ê à ç É */
  fr: number;
  /** ß ü */
  de: number;
  /** ą ę ł ń ś ź ż and capitals */
  pl: number;
  /** æ ø Æ Ø */
  aeO: number;
  /** ı ğ ş Ğ Ş İ */
  tr: number;
  /** ř ů ě Ř Ů Ě */
  cs: number;
}

const PL_LETTERS = new Set([...'ąęłńśźżĄĘŁŃŚŹŻ'].map((c) => c.charCodeAt(0)));
const TR_LETTERS = new Set([...'ığşĞŞİ'].map((c) => c.charCodeAt(0)));
const CS_LETTERS = new Set([...'řůěŘŮĚ'].map((c) => c.charCodeAt(0)));

/** One pass over the text for every count (each was a regex pass of its own); ASCII is skipped at once. */
function letterCounts(text: string): LetterCounts {
  const n: LetterCounts = { kana: 0, hangul: 0, han: 0, cyrillic: 0, sv: 0, fr: 0, de: 0, pl: 0, aeO: 0, tr: 0, cs: 0 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xc0) continue;
    if (c >= 0x3040 && c <= 0x30ff) n.kana++;
    else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff)) n.hangul++;
    else if (c >= 0x4e00 && c <= 0x9fff) n.han++;
    else if (c >= 0x0400 && c <= 0x04ff) n.cyrillic++;
    else if (c === 0xe5 || c === 0xc5) n.sv++;
    else if (c === 0xe9 || c === 0xe8 || c === 0xea || c === 0xe0 || c === 0xe7 || c === 0xc9) n.fr++;
    else if (c === 0xdf || c === 0xfc) n.de++;
    else if (c === 0xe6 || c === 0xf8 || c === 0xc6 || c === 0xd8) n.aeO++;
    else if (PL_LETTERS.has(c)) n.pl++;
    else if (TR_LETTERS.has(c)) n.tr++;
    else if (CS_LETTERS.has(c)) n.cs++;
  }
  return n;
}

/** Best guess at the language of the human text, or undefined when the text says too little. */
export function detectLanguage(text: string): string | undefined {
  const prose = proseOf(text);
  const letters = letterCounts(prose);
  const { kana, hangul, han } = letters;
  if (hangul >= 6 && hangul >= kana) return 'ko';
  if (kana >= 6) return 'ja';
  if (han >= 6) {
    let trad = 0;
    let simp = 0;
    for (const c of prose) {
      if (TRADITIONAL.has(c)) trad++;
      else if (SIMPLIFIED.has(c)) simp++;
    }
    return simp > trad ? 'zh-CN' : 'zh-TW';
  }
  if (letters.cyrillic >= 10) return 'ru';

  // Latin Extended-A too (ą ę ł ś ż …): Polish words must not fall apart at their letters.
  const words = prose.toLowerCase().match(LATIN_WORD) ?? [];
  if (words.length < 4) return undefined;
  // A language's score: how often its words occur, each word as often as the language lists it.
  const scores = new Array<number>(LATIN_LISTS.length).fill(0);
  // Only scored words are counted, and only words with an apostrophe (l'adresse) are split.
  const tally = (part: string): void => {
    const langs = LANGUAGES_OF.get(part);
    if (langs) for (const l of langs) scores[l]! += 1;
  };
  for (const w of words) {
    if (!w.includes("'")) tally(w);
    else for (const part of w.split("'")) tally(part);
  }
  const add = (lang: string, n: number): void => {
    const i = LANGUAGE_INDEX.get(lang)!;
    scores[i] = scores[i]! + n;
  };
  // Letters that only some of these languages use settle near ties.
  add('sv', letters.sv * 2);
  add('fr', letters.fr * 0.5);
  add('de', letters.de * 2);
  add('pl', letters.pl * 2);
  // æ and ø: Danish and Norwegian alike (their words tell them apart); ı ğ ş: Turkish, whose ü and ö
  // would otherwise count for German; ř ů ě: Czech.
  const aeO = letters.aeO * 2;
  add('da', aeO);
  add('nb', aeO);
  add('tr', letters.tr * 2);
  add('cs', letters.cs * 2);
  // The two highest scores, ties going to the language listed first (as a stable sort would rank them).
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;
  let second = best === 0 ? 1 : 0;
  for (let i = 0; i < scores.length; i++) if (i !== best && scores[i]! > scores[second]!) second = i;
  const bestScore = scores[best]!;
  const bestLang = LATIN_LISTS[best]![0];
  if (bestScore < 3) return undefined;
  if (bestScore < scores[second]! * 1.2 + 1) return bestLang === 'en' ? 'en' : undefined;
  return bestLang;
}

// Made once, not at every call (a regex literal is a new object each time it is evaluated).
const TAG_SEPARATOR = /[,;\s]/;
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/;
const SIMPLIFIED_CHINESE_SUBTAG = /hans|cn|sg/;

/** `ja-JP` → `ja`, `zh-Hant`/`zh-HK` → `zh-TW`, `zh-Hans` → `zh-CN`, else the primary subtag. */
export function normaliseLanguageTag(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  const t = tag.trim().split(TAG_SEPARATOR)[0]?.toLowerCase() ?? '';
  if (!LANGUAGE_TAG.test(t)) return undefined;
  if (t.startsWith('zh')) return SIMPLIFIED_CHINESE_SUBTAG.test(t) ? 'zh-CN' : 'zh-TW';
  return t.split('-')[0];
}

/**
 * Language of the NDR: the text when it is clear, else the NDR's Content-Language header (Exchange
 * sets it to the language it wrote the NDR in).
 */
export function ndrLanguage(humanText: string, contentLanguage: string | undefined): string | undefined {
  const fromText = detectLanguage(humanText);
  const fromHeader = normaliseLanguageTag(contentLanguage);
  return fromText ?? fromHeader;
}
