/**
 * DMARC and DKIM rejections, scenario by scenario: the bounce (the code, the receiving server's words,
 * the original headers with their From, Return-Path and DKIM-Signature) and the zone the real test DNS
 * server serves (SPF, DKIM keys made here with node:crypto, DMARC) → the cause, its confidence, the steps,
 * and the records to publish. Shared by the scenario tests and the card consistency test.
 */
import { generateKeyPairSync } from 'node:crypto';
import { diagnose } from '../../bot/diagnosis';
import type { AuthenticationDiagnosis } from '../../bot/diagnosis/playbooks/authentication';
import type { Locale } from '../../bot/cards';
import { parseBounce } from '../../bot/ndr';
import type { TestDnsServer, ZoneData } from '../helpers/dns-server';
import { exoNdrText, postfixGaveUpOpening } from '../helpers/bounces';
import { checksFor } from '../helpers/scenarios';

function dkimRecord(bits: number): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
}

const KEY_2048 = dkimRecord(2048);
const KEY_512 = dkimRecord(512);
const M365 = 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 -all';
const mx = (d: string) => ({ MX: [10, `${d.replace(/\./g, '-')}.mail.protection.outlook.com`] as [number, string] });

export const AUTH_ZONE: ZoneData = {
  'spf.protection.outlook.com': [{ TXT: M365 }],
  // A vendor sends with its own envelope domain: SPF passes there, not for the From domain.
  'vendor.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }],
  'mailer.vendor.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }],
  'aligned.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, mx('aligned.example')],
  '_dmarc.aligned.example': [{ TXT: 'v=DMARC1; p=reject; rua=mailto:dmarc@aligned.example' }],
  // Microsoft 365 signing turned on: selector1 points at the tenant's key.
  'signed.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, mx('signed.example')],
  '_dmarc.signed.example': [{ TXT: 'v=DMARC1; p=reject' }],
  'selector1._domainkey.signed.example': [{ CNAME: 'selector1-signed-example._domainkey.signedtenant.onmicrosoft.com' }],
  'selector1-signed-example._domainkey.signedtenant.onmicrosoft.com': [{ TXT: KEY_2048 }],
  'unsigned.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, mx('unsigned.example')],
  '_dmarc.unsigned.example': [{ TXT: 'v=DMARC1; p=quarantine' }],
  'weak.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }],
  '_dmarc.weak.example': [{ TXT: 'v=DMARC1; p=reject' }],
  's1._domainkey.weak.example': [{ TXT: KEY_512 }],
  'revoked.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }],
  '_dmarc.revoked.example': [{ TXT: 'v=DMARC1; p=reject' }],
  's1._domainkey.revoked.example': [{ TXT: 'v=DKIM1; k=rsa; p=' }],
  'dangling.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, mx('dangling.example')],
  '_dmarc.dangling.example': [{ TXT: 'v=DMARC1; p=reject' }],
  'selector1._domainkey.dangling.example': [{ CNAME: 'selector1-dangling-example._domainkey.oldtenant.onmicrosoft.com' }],
  'nodmarc.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, mx('nodmarc.example')],
  'selector1._domainkey.nodmarc.example': [{ CNAME: 'selector1-nodmarc-example._domainkey.ndtenant.onmicrosoft.com' }],
  'selector1-nodmarc-example._domainkey.ndtenant.onmicrosoft.com': [{ TXT: KEY_2048 }],
  'nomsft.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }, mx('nomsft.example')],
  '_dmarc.nomsft.example': [{ TXT: 'v=DMARC1; p=reject' }],
  // DNS that doesn't answer for the DMARC record, or for the message's DKIM key: not the same as none.
  'slowdmarc.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, mx('slowdmarc.example')],
  '_dmarc.slowdmarc.example': ['TIMEOUT'],
  'slowkey.example': [{ TXT: 'v=spf1 ip4:198.51.100.0/24 -all' }],
  '_dmarc.slowkey.example': [{ TXT: 'v=DMARC1; p=reject' }],
  's1._domainkey.slowkey.example': ['TIMEOUT'],
  // A vendor's envelope domain, and a From domain whose record passes Microsoft 365 now.
  'relay.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }],
  'dmarc.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, mx('dmarc.example')],
  '_dmarc.dmarc.example': [{ TXT: 'v=DMARC1; p=reject' }],
  // Two names under one organizational domain: aligned in relaxed mode.
  'mail4.example.com': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }],
  '_dmarc.google.example.com': [{ TXT: 'v=DMARC1; p=reject' }],
  // A company's own Postfix server: SPF by its MX, no DKIM.
  'pf.example': [{ TXT: 'v=spf1 mx -all' }, { MX: [10, 'mail.pf.example'] }],
  'mail.pf.example': [{ A: '203.0.113.10' }],
  '_dmarc.pf.example': [{ TXT: 'v=DMARC1; p=reject' }],
  // A mailing service signs as the From domain; its envelope domain is its own, and the DMARC record wants strict SPF.
  'esp-signed.example': [{ TXT: 'v=spf1 include:mailer.vendor.example -all' }],
  '_dmarc.esp-signed.example': [{ TXT: 'v=DMARC1; p=reject; aspf=s' }],
  's1._domainkey.esp-signed.example': [{ TXT: KEY_2048 }],
  // A newsletter sent with a subdomain as the envelope domain, or signed by one, where the DMARC record asks
  // for strict alignment: the names share strict.example, but aspf=s / adkim=s want the very same name.
  'news.strict.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }],
  'strict.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, mx('strict.example')],
  '_dmarc.strict.example': [{ TXT: 'v=DMARC1; p=reject; aspf=s' }],
  // A company's own Postfix server signs with its host's subdomain (d=mail.strictkey.example).
  'strictkey.example': [{ TXT: 'v=spf1 mx -all' }, { MX: [10, 'mail.strictkey.example'] }],
  'mail.strictkey.example': [{ A: '203.0.113.12' }],
  '_dmarc.strictkey.example': [{ TXT: 'v=DMARC1; p=reject; adkim=s' }],
  's1._domainkey.mail.strictkey.example': [{ TXT: KEY_2048 }],
  'pfnodmarc.example': [{ TXT: 'v=spf1 mx -all' }, { MX: [10, 'mail.pfnodmarc.example'] }],
  // Services stacked past SPF's 10 lookups: 2 of the record's own, 2 includes, 5 and 4 behind them.
  'stacked.example': [{ TXT: 'v=spf1 a mx include:_spf.crm.stacked.example include:_spf.suite.stacked.example -all' }, { A: '203.0.113.20' }, mx('stacked.example')],
  '_spf.crm.stacked.example': [{ TXT: 'v=spf1 a:c1.stacked.example a:c2.stacked.example a:c3.stacked.example a:c4.stacked.example a:c5.stacked.example -all' }],
  '_spf.suite.stacked.example': [{ TXT: 'v=spf1 a:s1.stacked.example a:s2.stacked.example a:s3.stacked.example a:s4.stacked.example -all' }],
  ...Object.fromEntries(['c1', 'c2', 'c3', 'c4', 'c5', 's1', 's2', 's3', 's4'].map((h, i) => [`${h}.stacked.example`, [{ A: `203.0.113.${30 + i}` }]])),
  '_dmarc.stacked.example': [{ TXT: 'v=DMARC1; p=reject' }],
  'mail.pfnodmarc.example': [{ A: '203.0.113.11' }],
};

export interface AuthScenario {
  name: string;
  code: string;
  words: string;
  headers: string[];
  /** The whole bounce, when it isn't Exchange Online's NDR around `code` and `words` (then those are unused). */
  bounce?: string;
  expect: { cause: string; confidence?: 'confirmed' | 'likely'; steps?: string[]; records?: string[]; tenant?: string };
  /** Lines the card shows (and must not show), by locale. */
  card?: Partial<Record<Locale, { has?: string[]; hasNot?: string[] }>>;
}

/** What a sender's own Postfix server reports when the recipient's server refuses the message at DATA. */
function postfixReport(o: { host: string; rcpt: string; mx: string; reply: string; headers: string[] }): string {
  return [
    ...postfixGaveUpOpening(o.host),
    '',
    '                   The mail system',
    '',
    `<${o.rcpt}>: host ${o.mx} said: ${o.reply} (in reply to end of DATA command)`,
    '',
    ...o.headers,
    `To: ${o.rcpt}`,
    'Subject: Quarterly figures',
    'Date: Mon, 16 Nov 2026 09:12:31 +0000',
    '',
  ].join('\n');
}

const GMAIL = 'This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. Authentication results:';

export const AUTH_SCENARIOS: AuthScenario[] = [
  {
    // The record's lookup costs are said as the SPF card says them, never as the check's internal "name=n".
    name: 'DMARC fails, and the SPF record of From is past the lookup limit: its costs named per include',
    code: '5.7.509',
    words: 'Access denied, sending domain [stacked.example] does not pass DMARC verification and has a DMARC policy of reject.',
    headers: ['From: news@stacked.example', 'Return-Path: <news@stacked.example>'],
    expect: { cause: 'record-invalid', confidence: 'likely', steps: ['verify-spf:problem', 'wait-resend:todo'] },
    card: {
      en: { has: ["❌ The record needs 13 DNS lookups, 3 more than the 10 SPF allows, so receivers give up with a permanent error (permerror). Most lookups come from: _spf.crm.stacked.example (6), _spf.suite.stacked.example (5), and the record's own terms (2)."], hasNot: ['=6', '=5', '=2'] },
      ko: { has: ['_spf.crm.stacked.example(6), _spf.suite.stacked.example(5) 및 레코드 자체의 항목(2)'], hasNot: ['=6', '=5', '=2'] },
    },
  },
  {
    name: 'SPF passes for the vendor’s envelope domain, not for From; no DKIM of From: DMARC fails',
    code: '5.7.509',
    words: 'Access denied, sending domain [aligned.example] does not pass DMARC verification and has a DMARC policy of reject.',
    headers: ['From: news@aligned.example', 'Return-Path: <bounce-123@mailer.vendor.example>', 'Authentication-Results: spf=pass (sender IP is 198.51.100.7) smtp.mailfrom=mailer.vendor.example'],
    expect: { cause: 'dmarc-no-aligned-pass', confidence: 'confirmed', steps: ['align:problem', 'sign-dkim:todo', 'custom-mail-from:todo', 'wait-resend:todo'] },
    // The vendor's envelope domain is the vendor's: Microsoft 365 never sends with it, so its record is not
    // asked for Microsoft 365's include (that ❌ stood beside "✅ the sending IP passes" on the same card).
    card: {
      en: { has: ['passes the SPF check of mailer.vendor.example'], hasNot: ['spf.protection.outlook.com'] },
      fr: { hasNot: ['spf.protection.outlook.com'] },
    },
  },
  {
    // Gmail's 5.7.26 for a domain's DMARC policy (not its SPF-or-DKIM rule): the card speaks of DMARC, as Gmail did.
    name: "Gmail 5.7.26 \"not accepted due to domain's DMARC policy\": the DMARC card, not Gmail's SPF-or-DKIM rule",
    code: '5.7.26',
    words: "Unauthenticated email from aligned.example is not accepted due to domain's DMARC policy. Please contact the administrator of aligned.example domain if this was a legitimate mail. To learn about the DMARC initiative, go to https://support.google.com/mail/?p=DmarcRejection",
    headers: ['From: news@aligned.example', 'Return-Path: <bounce-123@mailer.vendor.example>', 'Authentication-Results: spf=pass (sender IP is 198.51.100.7) smtp.mailfrom=mailer.vendor.example'],
    expect: { cause: 'dmarc-no-aligned-pass', confidence: 'confirmed' },
    card: {
      en: { has: ['The receiving server checked the DMARC policy of aligned.example'], hasNot: ['requires every sender to pass SPF or DKIM'] },
      ja: { has: ['受信側のサーバーで拒否されました: DMARC チェック失敗'], hasNot: ['すべての送信者に SPF または DKIM への合格を求めています'] },
    },
  },
  {
    // Relaxed alignment would pass: the fix is the record's aspf=s (or the very same name), not an envelope on a
    // subdomain, which is the usual advice and is refused the same way.
    name: 'SPF passes for a subdomain of From, and the DMARC record asks for strict SPF alignment (aspf=s)',
    code: '5.7.509',
    words: 'Access denied, sending domain [strict.example] does not pass DMARC verification and has a DMARC policy of reject.',
    headers: [
      'From: news@strict.example',
      'Return-Path: <bounce-42@news.strict.example>',
      'Authentication-Results: spf=pass (sender IP is 40.107.22.10) smtp.mailfrom=news.strict.example; dkim=none (message not signed) header.d=none; dmarc=fail action=oreject header.from=strict.example',
    ],
    expect: { cause: 'dmarc-no-aligned-pass', confidence: 'confirmed', steps: ['align:problem', 'sign-dkim:todo', 'wait-resend:todo'] },
    card: {
      en: {
        has: [
          'Cause: SPF passes for news.strict.example, not for strict.example itself, and the DMARC record asks for strict SPF alignment (aspf=s).',
          'the DMARC record sets aspf=s (strict alignment)',
          'Remove aspf=s from the record',
        ],
        hasNot: ['subdomain of strict.example', "doesn't match the From domain"],
      },
      ja: { has: ['aspf=s (厳密モードのアライメント)', 'レコードから aspf=s を削除する'] },
      'zh-TW': { has: ['aspf=s (嚴格對齊)', '請從記錄中移除 aspf=s'] },
      sv: { has: ['aspf=s (strikt matchning)', 'Ta bort aspf=s från posten'] },
      fr: { has: ['aspf=s (alignement strict)', 'Retirez aspf=s de l’enregistrement'] },
      ko: { has: ['aspf=s(엄격한 정렬)', '레코드에서 aspf=s를 제거하거나'] },
    },
  },
  {
    // Signing works and its key checks out: "turn on DKIM" would be wrong; the record's adkim=s is what refuses it.
    name: 'signed by a subdomain of From with a valid key, and the DMARC record asks for strict DKIM alignment (adkim=s)',
    code: '5.7.509',
    words: 'Access denied, sending domain [STRICTKEY.EXAMPLE] does not pass DMARC verification and has a DMARC policy of reject.',
    headers: [],
    bounce: postfixReport({
      host: 'mail.strictkey.example',
      rcpt: 'grace@outlook.com',
      mx: 'outlook-com.olc.protection.outlook.com[52.101.8.36]',
      reply: '550 5.7.509 Access denied, sending domain [STRICTKEY.EXAMPLE] does not pass DMARC verification and has a DMARC policy of reject.',
      headers: ['Return-Path: <ada@strictkey.example>', 'From: Ada <ada@strictkey.example>', 'DKIM-Signature: v=1; a=rsa-sha256; d=mail.strictkey.example; s=s1; bh=x; b=y'],
    }),
    expect: { cause: 'dmarc-no-aligned-pass', steps: ['align:problem', 'wait-resend:todo'] },
    card: {
      en: {
        // SPF's domain matches From here ("✅ … an SPF pass counts for DMARC"): what is missing is a pass, not a match.
        has: ['Cause: the message is signed with DKIM by mail.strictkey.example, not by strictkey.example itself', "SPF didn't pass for strictkey.example either", 'the DMARC record sets adkim=s (strict alignment)', 'Remove adkim=s from the record'],
        hasNot: ['Turn on DKIM signing', 'Microsoft Defender', 'custom MAIL FROM'],
      },
      ko: { has: ['adkim=s(엄격한 정렬)', '레코드에서 adkim=s를 제거하거나'] },
    },
  },
  {
    // Outlook.com wants SPF, DKIM and DMARC: the subdomain's signature passes DKIM, so DMARC is what failed.
    name: 'Outlook.com 5.7.515 to a sender signing with a subdomain of From under adkim=s: strict alignment, not "turn on DKIM"',
    code: '5.7.515',
    words: "Access denied, sending domain doesn't meet the required authentication level.",
    headers: [],
    bounce: postfixReport({
      host: 'mail.strictkey.example',
      rcpt: 'grace@outlook.com',
      mx: 'outlook-com.olc.protection.outlook.com[52.101.8.36]',
      reply:
        "550 5.7.515 Access denied, sending domain [STRICTKEY.EXAMPLE] doesn't meet the required authentication level. The sender's domain in the 5322.From address doesn't meet the authentication requirements defined for the sender. To learn more, visit https://aka.ms/LearnAboutSenderAuth",
      headers: ['Return-Path: <ada@strictkey.example>', 'From: Ada <ada@strictkey.example>', 'DKIM-Signature: v=1; a=rsa-sha256; d=mail.strictkey.example; s=s1; bh=x; b=y'],
    }),
    expect: { cause: 'dmarc-no-aligned-pass', steps: ['align:problem', 'wait-resend:todo'] },
    card: { en: { has: ['Remove adkim=s from the record'], hasNot: ['Turn on DKIM signing'] }, sv: { has: ['Ta bort adkim=s från posten'] } },
  },
  {
    // The bounce quotes From but no Return-Path: SPF is checked for the From domain, and "SPF's domain matches
    // From" would be true only by that assumption, beside Gmail's own word that From isn't aligned.
    name: 'Gmail 5.7.32 (From not aligned) with no envelope sender in the bounce: the card names the assumption, never "matches"',
    code: '',
    words: '',
    headers: [],
    bounce: postfixReport({
      host: 'mail.pf.example',
      rcpt: 'grace@gmail.com',
      mx: 'gmail-smtp-in.l.google.com[142.250.27.26]',
      reply:
        "550-5.7.32 Your email has been rejected because the From: header isn't aligned with either the authenticated SPF or DKIM organizational domain. 550 5.7.32 To learn more, go to https://support.google.com/mail/answer/81126#authentication - gsmtp",
      headers: ['From: Ada <ada@pf.example>'],
    }),
    // From, To, Subject and Date alone are a person's excerpt, not the headers as sent: they can't show that the
    // message carried no signature ("The message's headers show no DKIM signature" said so from four lines).
    expect: { cause: 'dkim-not-signing', confidence: 'likely' },
    card: {
      en: {
        has: ["The bounce doesn't show the envelope sender (Return-Path), so SPF was checked for the From domain pf.example.", "I can't see whether it carried a DKIM signature"],
        hasNot: ['matches the From domain', "headers show no DKIM signature"],
      },
      ja: { has: ['エンベロープの差出人 (Return-Path) が含まれていないため'], hasNot: ['From ドメイン pf.example と一致している'] },
    },
  },
  {
    // A company's own server, no headers in the bounce: no signature to read, and no Microsoft 365 selectors to
    // look up. The card said "DNS has no DKIM keys for pf.example where Microsoft 365 would put them".
    name: 'Gmail: DKIM did not pass for a sender of its own server, with no headers in the bounce: no word of Microsoft 365',
    code: '',
    words: '',
    headers: [],
    bounce: postfixReport({
      host: 'mail.pf.example',
      rcpt: 'grace@gmail.com',
      mx: 'gmail-smtp-in.l.google.com[142.250.27.26]',
      reply: `550-5.7.26 ${GMAIL} DKIM = did not pass SPF [pf.example] with ip: [203.0.113.10] = pass - gsmtp`,
      headers: [],
    }),
    expect: { cause: 'dkim-not-signing', confidence: 'likely' },
    card: {
      en: { has: ["I can't see whether it carried a DKIM signature of pf.example"], hasNot: ['Microsoft 365'] },
      fr: { has: ['je ne peux donc pas voir s’il portait une signature DKIM de pf.example'], hasNot: ['Microsoft 365'] },
    },
  },
  {
    // Gmail's 5.7.30 wants DKIM to pass (its bulk-sender rule), not SPF or DKIM: the card says what it asked for.
    name: "Gmail 5.7.30 \"DKIM authentication didn't pass\", unsigned mail from the sender's own server: DKIM's rule, not SPF-or-DKIM",
    code: '',
    words: '',
    headers: [],
    bounce: postfixReport({
      host: 'mail.pf.example',
      rcpt: 'grace@gmail.com',
      mx: 'gmail-smtp-in.l.google.com[142.250.27.26]',
      reply:
        "550-5.7.30 Your email has been blocked because DKIM authentication didn't pass for this message. 550-5.7.30 Gmail requires all bulk email senders to authenticate with DKIM. 550 5.7.30 Authentication results: DKIM = did not pass - gsmtp",
      headers: ['Return-Path: <ada@pf.example>', 'From: Ada <ada@pf.example>', 'Message-ID: <a1@mail.pf.example>'],
    }),
    expect: { cause: 'dkim-not-signing', confidence: 'confirmed', steps: ['enable-dkim:problem', 'wait-resend:todo'] },
    card: {
      en: { has: ["Rejected by the recipient's server: no DKIM signature passed", "An SPF pass doesn't take its place."], hasNot: ['requires every sender to pass SPF or DKIM'] },
    },
  },
  {
    // The key is published and fine, so turning signing on or publishing a key cannot be the fix.
    name: 'a signature of the From domain whose key is fine, which the receiving server failed: the message changed after signing',
    code: '5.7.509',
    words: 'Access denied, sending domain [signed.example] does not pass DMARC verification and has a DMARC policy of reject.',
    headers: [
      'From: news@signed.example',
      'Return-Path: <bounce-7@mailer.vendor.example>',
      'DKIM-Signature: v=1; a=rsa-sha256; d=signed.example; s=selector1; bh=x; b=y',
      'Authentication-Results: spf=pass (sender IP is 198.51.100.7) smtp.mailfrom=mailer.vendor.example; dkim=fail (body hash did not verify) header.d=signed.example; dmarc=fail action=oreject header.from=signed.example',
    ],
    expect: { cause: 'dkim-failed', confidence: 'likely', steps: ['find-change:problem'] },
    card: {
      en: { has: ["the DKIM signature of signed.example didn't verify at the receiving server", 'Find what changes the message after it is signed'], hasNot: ['Microsoft Defender', '✅ The DKIM signature of signed.example'] },
      ja: { has: ['signed.example の DKIM 署名が受信側のサーバーで検証できませんでした'], hasNot: ['Microsoft Defender'] },
    },
  },
  {
    // Gmail said only that DMARC failed. SPF can't count (another envelope domain), so the signature whose key is
    // fine must have failed there; the card said "Authentication checks out … the rejection comes from the
    // receiving side" and sent the person to Gmail's postmaster.
    name: 'Gmail rejects for DMARC a message signed as the From domain with a key that is fine: the signature failed there',
    code: '5.7.26',
    words: "Unauthenticated email from esp-signed.example is not accepted due to domain's DMARC policy. Please contact the administrator of esp-signed.example domain if this was a legitimate mail. - gsmtp",
    headers: ['From: news@esp-signed.example', 'Return-Path: <bounce-7@mailer.vendor.example>', 'DKIM-Signature: v=1; a=rsa-sha256; d=esp-signed.example; s=s1; bh=x; b=y'],
    expect: { cause: 'dkim-failed', confidence: 'likely', steps: ['find-change:problem'] },
    card: {
      en: { has: ['The receiving server reported DMARC as failed.', 'only the DKIM signature of esp-signed.example could have passed'], hasNot: ['Authentication checks out', 'The receiving server reported DKIM as failed.'] },
      ko: { has: ['받는 서버가 DMARC 실패를 보고했습니다.'] },
    },
  },
  {
    name: 'Gmail: DKIM did not pass, Microsoft 365 signs with the tenant domain: turn on DKIM, with the two CNAMEs',
    code: '5.7.26',
    words: 'This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. Authentication results: DKIM = did not pass SPF [unsigned.example] with ip: [40.107.22.10] = pass',
    headers: ['From: ada@unsigned.example', 'Return-Path: <ada@unsigned.example>', 'DKIM-Signature: v=1; a=rsa-sha256; d=unsignedtenant.onmicrosoft.com; s=selector1-unsigned-example; bh=x; b=y'],
    expect: {
      cause: 'dkim-not-signing',
      confidence: 'confirmed',
      steps: ['enable-dkim:problem', 'wait-resend:todo'],
      records: ['selector1._domainkey.unsigned.example  CNAME  selector1-unsigned-example._domainkey.unsignedtenant.onmicrosoft.com', 'selector2._domainkey.unsigned.example  CNAME  selector2-unsigned-example._domainkey.unsignedtenant.onmicrosoft.com'],
    },
  },
  {
    name: 'a 512-bit DKIM key',
    code: '5.7.509',
    words: 'Access denied, sending domain [weak.example] does not pass DMARC verification and has a DMARC policy of reject.',
    headers: ['From: ada@weak.example', 'DKIM-Signature: v=1; a=rsa-sha256; d=weak.example; s=s1; bh=x; b=y'],
    expect: { cause: 'dkim-key-broken', confidence: 'confirmed', steps: ['fix-key:problem', 'wait-resend:todo'] },
  },
  {
    name: 'a revoked DKIM key still used to sign',
    code: '5.7.1',
    words: 'Email rejected per DMARC policy for revoked.example, dkim=fail',
    headers: ['From: ada@revoked.example', 'DKIM-Signature: v=1; a=rsa-sha256; d=revoked.example; s=s1; bh=x; b=y'],
    expect: { cause: 'dkim-key-broken', confidence: 'confirmed' },
  },
  {
    name: 'Microsoft 365 selector CNAME pointing at a tenant that has no key',
    code: '5.7.509',
    words: 'Access denied, sending domain [dangling.example] does not pass DMARC verification and has a DMARC policy of reject.',
    headers: ['From: ada@dangling.example', 'DKIM-Signature: v=1; a=rsa-sha256; d=dangling.example; s=selector1; bh=x; b=y'],
    expect: { cause: 'dkim-key-broken', confidence: 'confirmed' },
  },
  {
    // The broken record is one of Microsoft 365's selectors, read for the domain: no signature in the headers names it.
    name: 'Microsoft 365 selector CNAME pointing at a tenant that has no key, and the headers show no signature: the card says which record it read',
    code: '5.7.509',
    words: 'Access denied, sending domain [dangling.example] does not pass DMARC verification and has a DMARC policy of reject.',
    headers: ['From: ada@dangling.example'],
    expect: { cause: 'dkim-key-broken', confidence: 'confirmed' },
    card: {
      en: { has: ["I read Microsoft 365's DKIM records for dangling.example (selector1 and selector2) in DNS"], hasNot: ["the key the message's signature names"] },
      ja: { has: ['dangling.example の Microsoft 365 用 DKIM レコード (selector1 と selector2) を DNS で読み取りました'] },
    },
  },
  {
    name: 'Outlook.com: DMARC fails and the domain publishes no DMARC record',
    code: '5.7.515',
    words: "Access denied, sending domain [nodmarc.example] doesn't meet the required authentication level. Spf= Pass , Dkim= Pass , DMARC= Fail",
    headers: ['From: ada@nodmarc.example', 'DKIM-Signature: v=1; a=rsa-sha256; d=nodmarc.example; s=selector1; bh=x; b=y'],
    expect: { cause: 'dmarc-missing', confidence: 'confirmed', steps: ['publish-dmarc:problem', 'wait-resend:todo'], records: ['_dmarc.nodmarc.example  TXT  v=DMARC1; p=none; rua=mailto:dmarc-reports@nodmarc.example'] },
  },
  {
    name: 'Outlook.com: SPF fails because the record lacks Microsoft 365 (an SPF cause, in SPF’s words)',
    code: '5.7.515',
    words: "Access denied, sending domain [nomsft.example] doesn't meet the required authentication level. Spf= Fail , Dkim= Pass , DMARC= Pass",
    headers: ['From: ada@nomsft.example', 'Return-Path: <ada@nomsft.example>', 'Authentication-Results: spf=fail (sender IP is 40.107.5.5) smtp.mailfrom=nomsft.example'],
    expect: { cause: 'm365-not-authorized', confidence: 'confirmed', steps: ['verify-spf:problem', 'wait-resend:todo'] },
  },
  {
    name: 'relayed through Microsoft 365’s relay pool: forwarded',
    code: '5.7.509',
    words: 'Access denied, sending domain [signed.example] does not pass DMARC verification and has a DMARC policy of reject.',
    headers: ['From: ada@signed.example', 'Authentication-Results: spf=fail (sender IP is 40.95.3.4) smtp.mailfrom=signed.example'],
    expect: { cause: 'forwarded', confidence: 'confirmed' },
  },
  {
    name: 'relayed through Microsoft 365’s relay pool, and the record lacks Microsoft 365 as well: the record is not called fine',
    code: '5.7.509',
    words: 'Access denied, sending domain [nomsft.example] does not pass DMARC verification and has a DMARC policy of reject.',
    headers: ['From: ada@nomsft.example', 'Authentication-Results: spf=fail (sender IP is 40.95.3.4) smtp.mailfrom=nomsft.example'],
    expect: { cause: 'forwarded', confidence: 'confirmed', steps: ['record-not-the-fix:unknown', 'sign-dkim:problem', 'forwarding:todo'] },
    // "✅ The SPF record isn't the fix" stood beside "❌ … doesn't include spf.protection.outlook.com. Add include…".
    card: {
      en: { has: ['Fix the SPF record of nomsft.example too', "that alone won't let forwarded mail through"], hasNot: ["✅ 1. The SPF record isn't the fix"] },
      fr: { has: ['Corrigez aussi l’enregistrement SPF de nomsft.example'] },
      ja: { has: ['nomsft.example の SPF レコードも修正する'] },
    },
  },
  {
    name: 'Gmail: SPF fails for a Microsoft 365 address the record doesn’t authorize; Microsoft 365’s own ARC seal is no sign of forwarding',
    code: '5.7.26',
    words: `${GMAIL} DKIM = did not pass SPF [nomsft.example] with ip: [40.107.22.10] = did not pass`,
    headers: [
      'From: ada@nomsft.example',
      'Return-Path: <ada@nomsft.example>',
      'ARC-Seal: i=1; a=rsa-sha256; s=arcselector10001; d=microsoft.com; cv=none; b=abc',
      'ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=microsoft.com; s=arcselector10001; h=From:Date:Subject; bh=x; b=y',
      'ARC-Authentication-Results: i=1; mx.microsoft.com 1; spf=none; dmarc=none; dkim=none; arc=none',
    ],
    expect: { cause: 'm365-not-authorized', confidence: 'confirmed', steps: ['verify-spf:problem', 'wait-resend:todo'] },
    card: { en: { has: ['Add include:spf.protection.outlook.com to the record'], hasNot: ["The SPF record isn't the fix", 'forwarded'] } },
  },
  {
    name: 'everything aligned and valid now: the receiving side',
    code: '5.7.509',
    words: 'Access denied, sending domain [signed.example] does not pass DMARC verification and has a DMARC policy of reject.',
    headers: ['From: ada@signed.example', 'Return-Path: <ada@signed.example>', 'DKIM-Signature: v=1; a=rsa-sha256; d=signed.example; s=selector1; bh=x; b=y', 'Authentication-Results: spf=pass (sender IP is 40.107.8.8) smtp.mailfrom=signed.example'],
    expect: { cause: 'receiving-side', confidence: 'confirmed', steps: ['verify-auth:ok', 'contact-remote-admin:todo'] },
  },
  {
    name: 'Gmail 5.7.26 pasted without the message’s headers: DKIM judged from DNS alone, and no word of what the headers show',
    code: '5.7.26',
    words: `${GMAIL} DKIM = did not pass SPF [unsigned.example] with ip: [40.107.22.10] = pass`,
    headers: [],
    // Confirmed by DNS: Microsoft 365's two selectors for the domain are not published.
    expect: { cause: 'dkim-not-signing', confidence: 'confirmed' },
    card: { en: { has: ['selector1._domainkey.unsigned.example'], hasNot: ["The message's headers show no DKIM signature"] } },
  },
  {
    name: 'Gmail 5.7.26 and DNS doesn’t answer for _dmarc: the DMARC record is unread, never "none"',
    code: '5.7.26',
    words: `${GMAIL} DKIM = did not pass SPF [slowdmarc.example] with ip: [40.107.22.10] = pass`,
    headers: ['From: ada@slowdmarc.example', 'Return-Path: <ada@slowdmarc.example>'],
    expect: { cause: 'dns-unavailable', confidence: 'likely', steps: ['check-again:unknown'] },
    card: {
      en: {
        has: ["Not known yet: I couldn't read the DMARC record of slowdmarc.example (the DNS server didn't answer in time).", "I couldn't read the DMARC record of slowdmarc.example (the DNS server didn't answer in time).", '. Try again in a moment'],
        // Plain text (e-mail, the command line) has no Check again button to name.
        hasNot: ['publishes no DMARC record', "couldn't read the SPF record", 'Publish a DMARC record', 'Check again'],
      },
    },
  },
  {
    name: 'DNS doesn’t answer for the signature’s DKIM key: the key is unread, never "missing" or "not signing"',
    code: '5.7.509',
    words: 'Access denied, sending domain [slowkey.example] does not pass DMARC verification and has a DMARC policy of reject.',
    headers: ['From: ada@slowkey.example', 'Return-Path: <bounce@mailer.vendor.example>', 'DKIM-Signature: v=1; a=rsa-sha256; d=slowkey.example; s=s1; bh=x; b=y', 'Authentication-Results: spf=pass (sender IP is 198.51.100.7) smtp.mailfrom=mailer.vendor.example'],
    expect: { cause: 'dns-unavailable', confidence: 'likely', steps: ['check-again:unknown'] },
    card: {
      en: {
        has: ["Not known yet: I couldn't read the DKIM key at s1._domainkey.slowkey.example (the DNS server didn't answer in time)."],
        hasNot: ["isn't published", "isn't signed with DKIM"],
      },
    },
  },
  {
    name: '5.7.509 with the receiving server’s Authentication-Results: its SPF and DKIM results are shown, and the From address is the sender',
    code: '5.7.509',
    words: 'Access denied, sending domain [dmarc.example] does not pass DMARC verification and has a DMARC policy of reject.',
    headers: ['From: news@dmarc.example', 'Return-Path: <bounce@relay.example>', 'Authentication-Results: spf=pass (sender IP is 40.107.4.4) smtp.mailfrom=relay.example; dkim=none; dmarc=fail'],
    expect: { cause: 'dmarc-no-aligned-pass', confidence: 'confirmed' },
    card: {
      en: {
        has: ['SPF: pass (relay.example) · DKIM: none · DMARC: fail', 'Sender: news@dmarc.example', 'Envelope sender (MAIL FROM): bounce@relay.example'],
        hasNot: ['Sender: bounce@relay.example', 'not said'],
      },
    },
  },
  {
    name: 'Gmail saw SPF fail, the record passes the IP now: the card says so beside the pass',
    code: '5.7.26',
    words: `${GMAIL} DKIM = did not pass SPF [dmarc.example] with ip: [40.107.22.10] = did not pass`,
    headers: ['From: ada@dmarc.example', 'Return-Path: <ada@dmarc.example>'],
    expect: { cause: 'dkim-not-signing', confidence: 'confirmed', steps: ['enable-dkim:problem', 'wait-resend:todo'] },
    card: {
      en: {
        has: [
          "ℹ️ The receiving server reported that SPF failed, but the record of dmarc.example passes 40.107.22.10 now: either the record has changed since the bounce, or the message reached the receiving server through another hop (forwarding) whose address the record doesn't list.",
          "Replace <initial domain> with the first part of your tenant's initial domain: contoso for contoso.onmicrosoft.com.",
          'selector1._domainkey.dmarc.example  CNAME  selector1-dmarc-example._domainkey.<initial domain>.onmicrosoft.com',
        ],
        hasNot: ['(the one ending in onmicrosoft.com)'],
      },
      ja: {
        has: ['<初期ドメイン> は、テナントの初期ドメインの先頭部分に置き換えてください (contoso.onmicrosoft.com なら contoso)。', 'selector1-dmarc-example._domainkey.<初期ドメイン>.onmicrosoft.com'],
        hasNot: ['<initial domain>'],
      },
      fr: { has: ['selector2-dmarc-example._domainkey.<domaine initial>.onmicrosoft.com'], hasNot: ['<initial domain>'] },
    },
  },
  {
    name: 'relaxed alignment of two names under one organizational domain: the card names the shared domain',
    code: '5.7.509',
    words: 'Access denied, sending domain [google.example.com] does not pass DMARC verification and has a DMARC policy of reject.',
    headers: ['From: ada@google.example.com', 'Return-Path: <b@mail4.example.com>', 'Authentication-Results: spf=pass (sender IP is 40.107.4.4) smtp.mailfrom=mail4.example.com'],
    expect: { cause: 'receiving-side', confidence: 'confirmed', steps: ['verify-auth:ok', 'contact-remote-admin:todo'] },
    card: {
      en: {
        has: ["SPF's domain mail4.example.com and the From domain google.example.com are both under example.com, so an SPF pass counts for DMARC (relaxed alignment).", 'SPF passes for mail4.example.com, which is under example.com like google.example.com (relaxed alignment): DMARC passes.'],
        hasNot: ['mail4.example.com matches the From domain google.example.com'],
      },
    },
  },
  {
    // Yahoo's help: "554 5.7.9 Message not accepted for policy reasons" means the message failed DKIM, SPF or
    // DMARC. It went to the generic card, which told the sender to "read the remote server's own words".
    name: 'Yahoo 554 5.7.9 "not accepted for policy reasons" to a Postfix sender without DKIM: an authentication card',
    code: '5.7.9',
    words: 'Message not accepted for policy reasons.',
    headers: [],
    bounce: postfixReport({
      host: 'mail.pf.example',
      rcpt: 'grace@yahoo.com',
      mx: 'mta7.am0.yahoodns.net[67.195.204.72]',
      reply: '554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes',
      headers: ['Return-Path: <ada@pf.example>', 'From: Ada <ada@pf.example>'],
    }),
    expect: { cause: 'dkim-not-signing', steps: ['enable-dkim:problem', 'wait-resend:todo'] },
    // Most mailing services hand out CNAME records to their own keys, not a key to publish: the step says both.
    card: {
      en: { has: ["Cause: the message isn't signed with DKIM for pf.example.", 'CNAME records that point to keys the service publishes and rotates'], hasNot: ['Microsoft Defender', "Read the remote server's own words"] },
      ja: { has: ['サービスが公開・更新するキーを指す CNAME レコード'] },
    },
  },
  {
    // Outlook.com wants SPF, DKIM and DMARC: the card named DKIM alone, and the sender who turned it on was
    // refused again for the DMARC record the card showed missing but never asked for.
    name: 'Outlook.com 5.7.515 to a Postfix sender without DKIM and without a DMARC record: both are steps',
    code: '5.7.515',
    words: "Access denied, sending domain doesn't meet the required authentication level.",
    headers: [],
    bounce: postfixReport({
      host: 'mail.pfnodmarc.example',
      rcpt: 'grace@outlook.com',
      mx: 'outlook-com.olc.protection.outlook.com[52.101.8.36]',
      reply:
        "550 5.7.515 Access denied, sending domain [PFNODMARC.EXAMPLE] doesn't meet the required authentication level. The sender's domain in the 5322.From address doesn't meet the authentication requirements defined for the sender. To learn more, visit https://aka.ms/LearnAboutSenderAuth",
      headers: ['Return-Path: <ada@pfnodmarc.example>', 'From: Ada <ada@pfnodmarc.example>'],
    }),
    expect: {
      cause: 'dkim-not-signing',
      steps: ['enable-dkim:problem', 'publish-dmarc:problem', 'wait-resend:todo'],
      records: ['_dmarc.pfnodmarc.example  TXT  v=DMARC1; p=none; rua=mailto:dmarc-reports@pfnodmarc.example'],
    },
    card: { en: { has: ['Publish a DMARC record for pfnodmarc.example'], hasNot: ['Microsoft Defender'] }, sv: { has: ['_dmarc.pfnodmarc.example  TXT'] } },
  },
  {
    // RFC 7372's X.7.20: the receiving server wants a DKIM signature that passes, whatever SPF says. The card
    // spoke of Gmail's "SPF or DKIM" rule, which an SPF pass would have met.
    name: 'RFC 7372 5.7.20 "No passing DKIM signature found" to a Postfix sender without DKIM: sign with DKIM',
    code: '5.7.20',
    words: 'No passing DKIM signature found',
    headers: [],
    bounce: postfixReport({
      host: 'mail.pf.example',
      rcpt: 'grace@fabrikam.example',
      mx: 'mx1.fabrikam.example[203.0.113.25]',
      reply: '550 5.7.20 No passing DKIM signature found',
      headers: ['Return-Path: <ada@pf.example>', 'From: Ada <ada@pf.example>'],
    }),
    expect: { cause: 'dkim-not-signing', steps: ['enable-dkim:problem', 'wait-resend:todo'] },
    card: {
      en: { has: ["Rejected by the recipient's server: no DKIM signature passed", "Cause: the message isn't signed with DKIM for pf.example."], hasNot: ['pass SPF or DKIM'] },
      fr: { has: ['aucune signature DKIM valide'] },
    },
  },
  {
    // X.7.22: a signature of the From domain itself. Microsoft 365 signed with the tenant's onmicrosoft.com
    // domain and SPF passed: the card said authentication checks out and sent the sender to the receiving admin.
    name: 'RFC 7372 5.7.22 "No valid author-matched DKIM signature": Microsoft 365 signs with the tenant domain, SPF passes: turn on DKIM',
    code: '5.7.22',
    words: 'No valid author-matched DKIM signature found',
    headers: [
      'From: ada@unsigned.example',
      'Return-Path: <ada@unsigned.example>',
      'Authentication-Results: spf=pass (sender IP is 40.107.22.10) smtp.mailfrom=unsigned.example',
      'DKIM-Signature: v=1; a=rsa-sha256; d=unsignedtenant.onmicrosoft.com; s=selector1-unsigned-example; bh=x; b=y',
    ],
    expect: {
      cause: 'dkim-not-signing',
      confidence: 'confirmed',
      steps: ['enable-dkim:problem', 'wait-resend:todo'],
      records: ['selector1._domainkey.unsigned.example  CNAME  selector1-unsigned-example._domainkey.unsignedtenant.onmicrosoft.com', 'selector2._domainkey.unsigned.example  CNAME  selector2-unsigned-example._domainkey.unsignedtenant.onmicrosoft.com'],
    },
    card: { en: { hasNot: ['Authentication checks out', 'pass SPF or DKIM'] } },
  },
  {
    // Only the top of Exchange's new layout was pasted: no headers to show what was signed, and Microsoft 365's
    // keys for the domain are published. Signing may still be off, or the signature broke on the way: the card
    // says both, and its step tells which (turn signing on, then test).
    name: 'RFC 7372 5.7.20 pasted without headers, Microsoft 365 keys published: check signing is on, then test',
    code: '5.7.20',
    words: 'No passing DKIM signature found',
    headers: [],
    bounce: [
      "Your message to grace@fabrikam.example couldn't be delivered.",
      '',
      'More Info for Email Admins',
      'Status code: 550 5.7.20',
      '',
      'Original Message Details',
      'Created Date:\t11/16/2026 9:12:31 AM',
      'Sender Address:\tada@signed.example',
      'Recipient Address:\tgrace@fabrikam.example',
      'Subject:\tQuarterly figures',
      '',
      'Error Details',
      'Reported error:\t550 5.7.20 No passing DKIM signature found',
      'DSN generated by:\tAM0PR01MB1234.eurprd01.prod.outlook.com',
      'Remote server:\tmx1.fabrikam.example',
      '',
    ].join('\n'),
    expect: { cause: 'dkim-failed', confidence: 'likely', steps: ['find-change:problem'] },
    card: {
      en: {
        has: ['signing is still off for signed.example, or the message was changed after it was signed', 'Check that DKIM signing is on for signed.example, then test it'],
        hasNot: ['The receiving server reported DKIM as failed. The key the signature names', 'Find what changes the message after it is signed'],
      },
      ko: { has: ['signed.example의 DKIM 서명이 켜져 있는지 확인하고 테스트하기'] },
    },
  },
  {
    // A receiving server that names a DKIM failure under 5.7.1, while SPF passes: the signature is the problem.
    name: '5.7.1 "DKIM signature verification failed", SPF passes, the key checks out: the message changed after signing',
    code: '5.7.1',
    words: 'Message rejected: DKIM signature verification failed',
    headers: [
      'From: ada@signed.example',
      'Return-Path: <ada@signed.example>',
      'Authentication-Results: spf=pass (sender IP is 40.107.22.10) smtp.mailfrom=signed.example',
      'DKIM-Signature: v=1; a=rsa-sha256; d=signed.example; s=selector1; bh=x; b=y',
    ],
    expect: { cause: 'dkim-failed', confidence: 'likely', steps: ['find-change:problem'] },
    card: { en: { has: ['The receiving server reported DKIM as failed.'], hasNot: ['Authentication checks out'] } },
  },
];

/** The scenario's bounce as it is pasted. */
function bounceText(s: AuthScenario): string {
  if (s.bounce) return s.bounce;
  return exoNdrText({
    recipient: 'grace@fabrikam.example',
    reply: `550 ${s.code} ${s.words}`,
    headers: [...s.headers, 'To: grace@fabrikam.example', 'Subject: Quarterly figures', 'Date: Mon, 16 Nov 2026 09:12:31 +0000'],
  });
}

/** The scenario's diagnosis, against the test DNS server serving `AUTH_ZONE`. */
export async function runAuthScenario(s: AuthScenario, dns: TestDnsServer): Promise<AuthenticationDiagnosis> {
  return (await diagnose(await parseBounce(bounceText(s)), { checks: checksFor(dns.address) })) as AuthenticationDiagnosis;
}
