/**
 * Localized bounces as people hand them to the bot: text copied from Outlook or OWA (no MIME), under the
 * "From: / Sent: / To: / Subject:" lines Outlook writes above it in the person's language, and as .eml.
 * Exchange Online's new and classic layouts, Gmail's and Postfix's reports, in Japanese, Chinese (Traditional
 * and Simplified), Korean, French, Swedish, German, Spanish, Italian, Portuguese, Dutch and Polish; with
 * full-width colons, no-break spaces, a space before French colons, tabs after labels, lines Outlook wrapped
 * and two failed recipients in one report. Each case states what a support engineer must see read out: the
 * failed recipients, the code, the reply code, the remote server's words, the sender and the NDR's language.
 * The texts were written for these tests; every address is an example one.
 */
import { parseBounce } from '../../bot/ndr';
import type { Bounce } from '../../bot/ndr/types';
import { multipartReport } from './eml';
import { exoZhCnSpfNdrText } from '../helpers/bounces';

interface Expect {
  recipients: string[];
  /** The first recipient's enhanced status code. */
  status: string;
  reply?: string;
  /** Words of the server's reply the bounce must keep (in the reply, or in the remote reply Exchange wraps). */
  words?: string;
  sender?: string;
  language: string;
}

interface Case {
  name: string;
  text: string;
  expect: Expect;
}

const NB = '\u00a0';

/** What a user sees read out of a bounce, in the shape the cases state it. */
function facts(b: Bounce, e: Expect): Record<string, unknown> {
  const first = b.recipients[0];
  const replyText = [first?.diagnostic, first?.wrapped?.text].join('\n');
  return {
    recipients: b.recipients.map((r) => r.address),
    status: first?.status,
    ...(e.reply ? { reply: first?.replyCode } : {}),
    ...(e.words ? { words: replyText.includes(e.words) ? e.words : replyText } : {}),
    ...(e.sender ? { sender: b.sender } : {}),
    language: b.language,
  };
}

/** The facts as a case states them, with nothing read that the case does not ask about. */
function expected(e: Expect): Record<string, unknown> {
  return {
    recipients: e.recipients,
    status: e.status,
    ...(e.reply ? { reply: e.reply } : {}),
    ...(e.words ? { words: e.words } : {}),
    ...(e.sender ? { sender: e.sender } : {}),
    language: e.language,
  };
}

const PASTED: Case[] = [
  {
    name: 'ja new layout 5.1.10 with Outlook header, full-width colons',
    text: `差出人: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@fabrikam.example>
送信日時: 2026年3月4日 10:15
宛先: 山田 太郎 <yamada@fabrikam.example>
件名: 配信不能: 見積書の件

yoshida@contoso.example へのメッセージを配信できませんでした。

yoshida が contoso.example で見つかりませんでした。

yamada	Office 365	yoshida
送信者	要対応	受信者

不明な受信者

解決方法
受信者のメール アドレスが正しいことを確認してから、メッセージをもう一度送信してください。

メール管理者向けの詳細情報
状態コード：550 5.1.10

このエラーは、受信者のメール アドレスが受信者のドメインに存在しない場合に発生します。

元のメッセージの詳細
作成日：2026/03/04 1:15:02
送信者のアドレス：yamada@fabrikam.example
受信者のアドレス：yoshida@contoso.example
件名：見積書の件

エラーの詳細
報告されたエラー：550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient yoshida@contoso.example not found by SMTP address lookup
DSN 生成元：OS3PR01MB1234.jpnprd01.prod.outlook.com
`,
    expect: { recipients: ['yoshida@contoso.example'], status: '5.1.10', reply: '550', words: 'RecipientNotFound', sender: 'yamada@fabrikam.example', language: 'ja' },
  },
  {
    name: 'ja classic 5.2.2 mailbox full, without original headers',
    text: `差出人: postmaster@fabrikam.example
送信日時: 2026年3月4日 11:02
宛先: 山田 太郎
件名: 配信不能: 会議資料

次の受信者またはグループへの配信に失敗しました:

鈴木 一郎 (suzuki@contoso.example)
受信者のメールボックスがいっぱいのため、メッセージを受け付けることができません。後でもう一度送信してください。

管理者向けの診断情報:

生成サーバー: TY2PR01MB3456.jpnprd01.prod.outlook.com

suzuki@contoso.example
mx.contoso.example
Remote Server returned '552 5.2.2 <suzuki@contoso.example>: Recipient address rejected: Mailbox full'
`,
    expect: { recipients: ['suzuki@contoso.example'], status: '5.2.2', reply: '552', words: 'Mailbox full', language: 'ja' },
  },
  {
    name: 'ja reported error on the line after its label (copied table cells)',
    text: `tanaka@contoso.example へのメッセージを配信できませんでした。

contoso.example のメール サーバーは、送信者のドメインの SPF 検証に失敗したため、このメッセージを拒否しました。

メール管理者向けの詳細情報
状態コード:
550 5.7.23

元のメッセージの詳細
作成日:
2026/03/04 2:00:00
送信者のアドレス:
kato@fabrikam.example
受信者のアドレス:
tanaka@contoso.example
件名:
請求書

エラーの詳細
報告されたエラー:
550 5.7.23 The message was rejected because of Sender Policy Framework violation -> 550 5.7.1 SPF check failed for fabrikam.example
DSN 生成元:
OS3PR01MB1234.jpnprd01.prod.outlook.com
リモート サーバー:
mx.contoso.example
`,
    expect: { recipients: ['tanaka@contoso.example'], status: '5.7.23', reply: '550', words: 'SPF check failed', sender: 'kato@fabrikam.example', language: 'ja' },
  },
  {
    name: 'ja Gmail 5.1.1',
    text: `差出人: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
送信日時: 2026年3月4日 12:00
宛先: yamada@fabrikam.example
件名: Delivery Status Notification (Failure)

** アドレスが見つかりませんでした **

メールは nakamura@contoso.example に配信されませんでした。アドレスが見つからなかったか、メールを受信できないアドレスです。

詳しくは https://support.google.com/mail/?p=NoSuchUser をご覧ください。

レスポンスは次のとおりです:

550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser d9443c01a7336-1f2e3d4c5b6a7si12345pjd.123 - gsmtp
`,
    expect: { recipients: ['nakamura@contoso.example'], status: '5.1.1', reply: '550', words: 'does not exist', sender: 'yamada@fabrikam.example', language: 'ja' },
  },
  {
    name: 'zh-TW new layout 5.7.23 with Outlook header',
    text: `寄件者: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@fabrikam.example>
寄件日期: 2026年3月4日 星期三 上午 10:15
收件者: 陳大文 <chen@fabrikam.example>
主旨: 無法傳遞: 報價單

無法將您的郵件傳遞給 wang@contoso.example。

contoso.example 的郵件伺服器拒絕了這封郵件，因為寄件者網域的 SPF 驗證失敗。

解決方法
網域的電子郵件系統管理員必須確認網域的 SPF 記錄包含所有傳送郵件的伺服器。

給電子郵件系統管理員的更多資訊
狀態碼: 550 5.7.23

原始郵件詳細資料
建立日期: 2026/3/4 上午 02:15:02
寄件者地址: chen@fabrikam.example
收件者地址: wang@contoso.example
主旨: 報價單

錯誤詳細資料
回報的錯誤: 550 5.7.23 The message was rejected because of Sender Policy Framework violation -> 550 5.7.1 Rejected by SPF: fabrikam.example does not designate 198.51.100.7 as permitted sender
DSN 產生者: SG2PR06MB5012.apcprd06.prod.outlook.com
遠端伺服器: mail.contoso.example
`,
    expect: { recipients: ['wang@contoso.example'], status: '5.7.23', reply: '550', words: 'does not designate', sender: 'chen@fabrikam.example', language: 'zh-TW' },
  },
  {
    name: 'zh-TW classic, two recipients, 5.1.1 and 5.2.2',
    text: `寄件者: Microsoft Outlook
寄件日期: 2026年3月4日 下午 03:40
收件者: 陳大文
主旨: 無法傳遞: 會議通知

傳遞至下列收件者或群組失敗:

林小美 (lin@contoso.example)
在 contoso.example 找不到這個電子郵件地址。請檢查收件者的電子郵件地址，然後再傳送一次。

黃志明 (huang@contoso.example)
收件者的信箱已滿，目前無法接受郵件。請稍後再傳送一次。

系統管理員的診斷資訊:

產生伺服器: SG2PR06MB5012.apcprd06.prod.outlook.com

lin@contoso.example
mail.contoso.example
Remote Server returned '550 5.1.1 <lin@contoso.example>: Recipient address rejected: User unknown in virtual mailbox table'

huang@contoso.example
mail.contoso.example
Remote Server returned '552 5.2.2 <huang@contoso.example>: Recipient address rejected: Mailbox full'

原始郵件標頭:

Received: from SG2PR06MB5012.apcprd06.prod.outlook.com ([fe80::1]) by SG2PR06MB5012.apcprd06.prod.outlook.com ([fe80::1%5]) with mapi id 15.20.7000.000; Wed, 4 Mar 2026 07:40:00 +0000
From: 陳大文 <chen@fabrikam.example>
To: 林小美 <lin@contoso.example>, 黃志明 <huang@contoso.example>
Subject: 會議通知
Date: Wed, 4 Mar 2026 07:40:00 +0000
Message-ID: <SG2PR06MB50121234@SG2PR06MB5012.apcprd06.prod.outlook.com>
`,
    expect: { recipients: ['lin@contoso.example', 'huang@contoso.example'], status: '5.1.1', reply: '550', words: 'User unknown', sender: 'chen@fabrikam.example', language: 'zh-TW' },
  },
  {
    name: 'zh-CN new layout 5.7.23 with Outlook header',
    text: exoZhCnSpfNdrText('198.51.100.7'),
    expect: { recipients: ['wang@contoso.example'], status: '5.7.23', reply: '550', words: 'does not designate', sender: 'zhang@fabrikam.example', language: 'zh-CN' },
  },
  {
    name: 'zh-CN new layout 5.2.2 mailbox full',
    text: `发件人: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@fabrikam.example>
发送时间: 2026年3月4日 10:15
收件人: 张伟 <zhang@fabrikam.example>
主题: 无法传递: 合同草稿

你发送到 li.na@contoso.example 的邮件无法传递。

收件人的邮箱已满，无法接受邮件。

解决方法
请稍后再发送这封邮件，或通过其他方式联系收件人。

面向电子邮件管理员的详细信息
状态代码: 550 5.2.2

原始邮件详细信息
创建日期: 2026/3/4 2:15:02
发件人地址: zhang@fabrikam.example
收件人地址: li.na@contoso.example
主题: 合同草稿

错误详细信息
报告的错误: 552 5.2.2 mailbox full; the recipient's mailbox is over its storage limit
DSN 生成者: SG2PR06MB5012.apcprd06.prod.outlook.com
远程服务器: mx1.contoso.example
`,
    expect: { recipients: ['li.na@contoso.example'], status: '5.2.2', reply: '552', words: 'mailbox full', sender: 'zhang@fabrikam.example', language: 'zh-CN' },
  },
  {
    name: 'zh-CN classic 4.4.7 expired',
    text: `发件人: Microsoft Outlook
发送时间: 2026年3月5日 10:15
收件人: 张伟
主题: 无法传递: 合同草稿

未能传递到以下收件人或组:

zhao@contoso.example (zhao@contoso.example)<mailto:zhao@contoso.example>
邮件已过期，无法传递。收件人的邮件服务器在很长一段时间内没有响应。

管理员的诊断信息:

生成服务器: SG2PR06MB5012.apcprd06.prod.outlook.com

zhao@contoso.example
Remote Server returned '550 4.4.7 QUEUE.Expired; message expired [{LED=441 4.4.1 Error encountered while communicating with primary target IP address: "Failed to connect. Winsock error code: 10060"};{MSG=};{FQDN=mx.contoso.example};{IP=203.0.113.25}]'

原始邮件头:

From: 张伟 <zhang@fabrikam.example>
To: zhao@contoso.example
Subject: 合同草稿
`,
    expect: { recipients: ['zhao@contoso.example'], status: '4.4.7', reply: '550', words: 'QUEUE.Expired', sender: 'zhang@fabrikam.example', language: 'zh-CN' },
  },
  {
    name: 'ko new layout 5.7.509 DMARC',
    text: `보낸 사람: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@fabrikam.example>
보낸 날짜: 2026년 3월 4일 수요일 오전 10:15
받는 사람: 이서준 <lee@fabrikam.example>
제목: 배달되지 않음: 견적 요청

park@contoso.example에 대한 메시지를 배달할 수 없습니다.

보낸 사람의 도메인이 DMARC 검사를 통과하지 못했습니다.

해결 방법
도메인의 메일 관리자가 SPF, DKIM 및 DMARC 설정을 확인해야 합니다.

메일 관리자를 위한 추가 정보
상태 코드: 550 5.7.509

원래 메시지 정보
만든 날짜: 2026-03-04 오전 1:15:02
보낸 사람 주소: lee@fabrikam.example
받는 사람 주소: park@contoso.example
제목: 견적 요청

오류 정보
보고된 오류: 550 5.7.509 Access denied, sending domain fabrikam.example does not pass DMARC verification and has a DMARC policy of reject.
DSN 생성 서버: SL2P216MB1234.KORP216.PROD.OUTLOOK.COM
`,
    expect: { recipients: ['park@contoso.example'], status: '5.7.509', reply: '550', words: 'DMARC', sender: 'lee@fabrikam.example', language: 'ko' },
  },
  {
    name: 'ko classic 5.1.1 without original headers',
    text: `보낸 사람: Microsoft Outlook
보낸 날짜: 2026년 3월 4일 수요일 오후 2:00
받는 사람: 이서준
제목: 배달되지 않음: 회의 일정

다음 받는 사람 또는 그룹에 배달하지 못했습니다.

choi@contoso.example (choi@contoso.example)
입력한 전자 메일 주소를 찾을 수 없습니다. 받는 사람의 전자 메일 주소를 확인한 후 메시지를 다시 보내 보세요.

관리자를 위한 진단 정보:

생성 서버: SL2P216MB1234.KORP216.PROD.OUTLOOK.COM

choi@contoso.example
mx.contoso.example
Remote Server returned '550 5.1.1 <choi@contoso.example>: Recipient address rejected: User unknown'
`,
    expect: { recipients: ['choi@contoso.example'], status: '5.1.1', reply: '550', words: 'User unknown', language: 'ko' },
  },
  {
    name: 'fr new layout 5.1.10 with NBSP before colons and De : header',
    text: `De${NB}: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@fabrikam.example>
Envoyé${NB}: mercredi 4 mars 2026 10:15
À${NB}: Claire Martin <claire.martin@fabrikam.example>
Objet${NB}: Non remis${NB}: Devis

Votre message à dupont@contoso.example n’a pas pu être remis.

dupont est introuvable sur contoso.example.

Comment résoudre le problème
Vérifiez l’adresse de messagerie du destinataire, puis renvoyez le message.

Plus d’informations pour les administrateurs de messagerie
Code d’état${NB}: 550 5.1.10

Détails du message d’origine
Date de création${NB}: 04/03/2026 09:15:02
Adresse de l’expéditeur${NB}: claire.martin@fabrikam.example
Adresse du destinataire${NB}: dupont@contoso.example
Objet${NB}: Devis

Détails de l’erreur
Erreur signalée${NB}: 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient dupont@contoso.example not found by SMTP address lookup
DSN générée par${NB}: PR3PR02MB6123.eurprd02.prod.outlook.com
`,
    expect: { recipients: ['dupont@contoso.example'], status: '5.1.10', reply: '550', words: 'RecipientNotFound', sender: 'claire.martin@fabrikam.example', language: 'fr' },
  },
  {
    name: 'fr classic 5.7.1 policy, space before colons',
    text: `De : postmaster@contoso.example
Envoyé : mercredi 4 mars 2026 10:20
À : Claire Martin
Objet : Non remis : Devis

Échec de la remise pour ces destinataires ou groupes :

Service Comptabilité (compta@contoso.example)
Votre message n’a pas pu être remis. Le groupe n’accepte pas les messages provenant d’expéditeurs externes.

Informations de diagnostic pour les administrateurs :

Serveur de génération : PR3PR02MB6123.eurprd02.prod.outlook.com

compta@contoso.example
Remote Server returned '550 5.7.1 RESOLVER.RST.AuthRequired; authentication required [Stage: CreateMessage]'

En-têtes de message d’origine :

From: Claire Martin <claire.martin@fabrikam.example>
To: Service Comptabilité <compta@contoso.example>
Subject: Devis
`,
    expect: { recipients: ['compta@contoso.example'], status: '5.7.1', reply: '550', words: 'AuthRequired', sender: 'claire.martin@fabrikam.example', language: 'fr' },
  },
  {
    name: 'fr Postfix bounce, localized template',
    text: `De : MAILER-DAEMON@mail.fabrikam.example
Envoyé : mercredi 4 mars 2026 10:30
À : claire.martin@fabrikam.example
Objet : Message non délivré

Ceci est le programme Postfix du serveur mail.fabrikam.example.

Votre message n'a pas pu être remis à un ou plusieurs destinataires.
Vous trouverez ci-dessous le rapport d'erreur.

<bernard@contoso.example>: host mx.contoso.example[203.0.113.30] said: 550 5.1.1
    <bernard@contoso.example>: Recipient address rejected: User unknown in
    local recipient table (in reply to RCPT TO command)
`,
    expect: { recipients: ['bernard@contoso.example'], status: '5.1.1', reply: '550', words: 'User unknown', sender: 'claire.martin@fabrikam.example', language: 'fr' },
  },
  {
    name: 'sv new layout 5.7.509 with Från: header and tabs',
    text: `Från:	Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@fabrikam.example>
Skickat:	den 4 mars 2026 10:15
Till:	Anna Berg <anna.berg@fabrikam.example>
Ämne:	Olevererbart: Offert

Ditt meddelande till erik@contoso.example kunde inte levereras.

Avsändarens domän klarade inte DMARC-kontrollen.

Åtgärda problemet
Domänens e-postadministratör måste kontrollera SPF, DKIM och DMARC.

Mer information för e-postadministratörer
Statuskod:	550 5.7.509

Ursprungliga meddelandeinformation
Skapat datum:	2026-03-04 09:15:02
Avsändaradress:	anna.berg@fabrikam.example
Mottagaradress:	erik@contoso.example
Ämne:	Offert

Felinformation
Rapporterat fel:	550 5.7.509 Access denied, sending domain fabrikam.example does not pass DMARC verification and has a DMARC policy of reject.
DSN genererad av:	HE1PR07MB1234.eurprd07.prod.outlook.com
`,
    expect: { recipients: ['erik@contoso.example'], status: '5.7.509', reply: '550', words: 'DMARC', sender: 'anna.berg@fabrikam.example', language: 'sv' },
  },
  {
    name: 'sv classic 4.4.7, line wrapped by Outlook',
    text: `Leveransen misslyckades till följande mottagare eller grupper:

lars@contoso.example (lars@contoso.example)<mailto:lars@contoso.example>
Meddelandet kunde inte levereras inom tidsgränsen. Mottagarens e-postserver svarade inte.

Diagnostisk information för administratörer:

Genererande server: HE1PR07MB1234.eurprd07.prod.outlook.com

lars@contoso.example
Remote Server returned '550 4.4.7 QUEUE.Expired; message expired [{LED=450 4.7.1
Service unavailable, try again later};{MSG=};{FQDN=mx.contoso.example};{IP=203.0.113.60}]'

Ursprungliga meddelandehuvuden:

From: Anna Berg <anna.berg@fabrikam.example>
To: lars@contoso.example
Subject: Offert
`,
    expect: { recipients: ['lars@contoso.example'], status: '4.4.7', reply: '550', words: 'QUEUE.Expired', sender: 'anna.berg@fabrikam.example', language: 'sv' },
  },
  {
    name: 'de new layout 5.7.23 with Von:/Gesendet: header',
    text: `Von: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@fabrikam.example>
Gesendet: Mittwoch, 4. März 2026 10:15
An: Jonas Weber <jonas.weber@fabrikam.example>
Betreff: Unzustellbar: Angebot

Ihre Nachricht an mueller@contoso.example konnte nicht zugestellt werden.

Der E-Mail-Server von contoso.example hat die Nachricht abgelehnt, weil die SPF-Prüfung für die Domäne des Absenders fehlgeschlagen ist.

So beheben Sie das Problem
Der E-Mail-Administrator der Domäne muss den SPF-Eintrag der Domäne prüfen.

Weitere Informationen für E-Mail-Administratoren
Statuscode: 550 5.7.23

Details zur ursprünglichen Nachricht
Erstellungsdatum: 04.03.2026 09:15:02
Absenderadresse: jonas.weber@fabrikam.example
Empfängeradresse: mueller@contoso.example
Betreff: Angebot

Fehlerdetails
Gemeldeter Fehler: 550 5.7.23 The message was rejected because of Sender Policy Framework violation -> 550 5.7.1 SPF fail - not authorized
DSN generiert von: FR2P281MB1234.DEUP281.PROD.OUTLOOK.COM
Remoteserver: mx01.contoso.example
`,
    expect: { recipients: ['mueller@contoso.example'], status: '5.7.23', reply: '550', words: 'SPF fail', sender: 'jonas.weber@fabrikam.example', language: 'de' },
  },
  {
    name: 'de classic, two recipients 5.1.1, headings with tabs',
    text: `Die Zustellung an folgende Empfänger oder Gruppen ist fehlgeschlagen:

schmidt@contoso.example
Die eingegebene E-Mail-Adresse wurde nicht gefunden.

fischer@contoso.example
Die eingegebene E-Mail-Adresse wurde nicht gefunden.

Diagnoseinformationen für Administratoren:

Generierender Server:	FR2P281MB1234.DEUP281.PROD.OUTLOOK.COM

schmidt@contoso.example
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient schmidt@contoso.example not found by SMTP address lookup'

fischer@contoso.example
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient fischer@contoso.example not found by SMTP address lookup'

Ursprüngliche Nachrichtenkopfzeilen:

From: Jonas Weber <jonas.weber@fabrikam.example>
To: schmidt@contoso.example, fischer@contoso.example
Subject: Angebot
`,
    expect: { recipients: ['schmidt@contoso.example', 'fischer@contoso.example'], status: '5.1.10', reply: '550', words: 'RecipientNotFound', sender: 'jonas.weber@fabrikam.example', language: 'de' },
  },
  {
    name: 'de Postfix bounce with a localized template',
    text: `Von: Mail Delivery System <MAILER-DAEMON@mail.fabrikam.example>
Gesendet: Mittwoch, 4. März 2026 11:00
An: jonas.weber@fabrikam.example
Betreff: Unzustellbare Nachricht

Dies ist das Postfix-Programm auf dem Server mail.fabrikam.example.

Leider konnte Ihre Nachricht an einen oder mehrere Empfänger nicht
zugestellt werden. Die Fehlermeldung finden Sie weiter unten.

<wagner@contoso.example>: host mx.contoso.example[203.0.113.31] said: 552 5.2.2
    <wagner@contoso.example>: Mailbox full (in reply to RCPT TO command)
`,
    expect: { recipients: ['wagner@contoso.example'], status: '5.2.2', reply: '552', words: 'Mailbox full', sender: 'jonas.weber@fabrikam.example', language: 'de' },
  },
  {
    name: 'es new layout 5.2.2',
    text: `De: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@fabrikam.example>
Enviado el: miércoles, 4 de marzo de 2026 10:15
Para: Lucía Fernández <lucia@fabrikam.example>
Asunto: No se puede entregar: Presupuesto

No se pudo entregar su mensaje a garcia@contoso.example.

El buzón del destinatario está lleno y no puede aceptar mensajes en este momento.

Cómo solucionarlo
Intente volver a enviar el mensaje más tarde o póngase en contacto con el destinatario.

Más información para administradores de correo electrónico
Código de estado: 550 5.2.2

Detalles del mensaje original
Fecha de creación: 04/03/2026 9:15:02
Dirección del remitente: lucia@fabrikam.example
Dirección del destinatario: garcia@contoso.example
Asunto: Presupuesto

Detalles del error
Error notificado: 554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded
DSN generado por: MAD1P192MB1234.EURP192.PROD.OUTLOOK.COM
`,
    expect: { recipients: ['garcia@contoso.example'], status: '5.2.2', reply: '554', words: 'QuotaExceeded', sender: 'lucia@fabrikam.example', language: 'es' },
  },
  {
    name: 'es classic 5.7.23, generating server under a heading not in the list',
    text: `Error en la entrega a estos destinatarios o grupos:

lopez@contoso.example (lopez@contoso.example)<mailto:lopez@contoso.example>
El servidor de correo del destinatario rechazó el mensaje porque no superó la comprobación de SPF.

Información de diagnóstico para administradores:

Servidor de generación: MAD1P192MB1234.EURP192.PROD.OUTLOOK.COM

lopez@contoso.example
mx.contoso.example
Remote Server returned '550 5.7.23 The message was rejected because of Sender Policy Framework violation -> 550 5.7.1 SPF validation failed for fabrikam.example'

Encabezados de mensaje originales:

From: Lucía Fernández <lucia@fabrikam.example>
To: lopez@contoso.example
Subject: Presupuesto
`,
    expect: { recipients: ['lopez@contoso.example'], status: '5.7.23', reply: '550', words: 'SPF validation failed', sender: 'lucia@fabrikam.example', language: 'es' },
  },
  {
    name: 'it new layout 5.7.23 with Da:/Inviato: header',
    text: `Da: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@fabrikam.example>
Inviato: mercoledì 4 marzo 2026 10:15
A: Giulia Bianchi <giulia@fabrikam.example>
Oggetto: Non recapitabile: Preventivo

Impossibile recapitare il messaggio a rossi@contoso.example.

Il server di posta di contoso.example ha rifiutato il messaggio perché il controllo SPF del dominio del mittente non è riuscito.

Come risolvere il problema
L'amministratore della posta del dominio deve verificare il record SPF del dominio.

Altre informazioni per gli amministratori della posta elettronica
Codice di stato: 550 5.7.23

Dettagli del messaggio originale
Data di creazione: 04/03/2026 09:15:02
Indirizzo mittente: giulia@fabrikam.example
Indirizzo destinatario: rossi@contoso.example
Oggetto: Preventivo

Dettagli errore
Errore segnalato: 550 5.7.23 The message was rejected because of Sender Policy Framework violation -> 550 5.7.1 Sender not authorized by SPF
DSN generato da: MI1P293MB1234.ITAP293.PROD.OUTLOOK.COM
Server remoto: mx.contoso.example
`,
    expect: { recipients: ['rossi@contoso.example'], status: '5.7.23', reply: '550', words: 'not authorized by SPF', sender: 'giulia@fabrikam.example', language: 'it' },
  },
  {
    name: 'it classic 5.1.1 without original headers',
    text: `Il recapito non è riuscito per i seguenti destinatari o gruppi:

verdi@contoso.example (verdi@contoso.example)<mailto:verdi@contoso.example>
Impossibile trovare l'indirizzo di posta elettronica immesso. Verificare l'indirizzo del destinatario e provare a inviare di nuovo il messaggio.

Informazioni di diagnostica per gli amministratori:

Server di generazione: MI1P293MB1234.ITAP293.PROD.OUTLOOK.COM

verdi@contoso.example
mx.contoso.example
Remote Server returned '550 5.1.1 <verdi@contoso.example>: Recipient address rejected: User unknown'
`,
    expect: { recipients: ['verdi@contoso.example'], status: '5.1.1', reply: '550', words: 'User unknown', language: 'it' },
  },
  {
    name: 'pt-BR new layout 5.1.1',
    text: `De: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@fabrikam.example>
Enviado: quarta-feira, 4 de março de 2026 10:15
Para: João Silva <joao@fabrikam.example>
Assunto: Não é possível entregar: Orçamento

Sua mensagem para souza@contoso.example não pôde ser entregue.

souza não foi encontrado em contoso.example.

Como corrigir
Verifique o endereço de email do destinatário e tente enviar a mensagem novamente.

Mais informações para administradores de email
Código de status: 550 5.1.1

Detalhes da mensagem original
Data de criação: 04/03/2026 09:15:02
Endereço do remetente: joao@fabrikam.example
Endereço do destinatário: souza@contoso.example
Assunto: Orçamento

Detalhes do erro
Erro relatado: 550 5.1.1 <souza@contoso.example>: Recipient address rejected: User unknown in virtual mailbox table
DSN gerado por: CP2P152MB1234.LAMP152.PROD.OUTLOOK.COM
Servidor remoto: mx.contoso.example
`,
    expect: { recipients: ['souza@contoso.example'], status: '5.1.1', reply: '550', words: 'User unknown', sender: 'joao@fabrikam.example', language: 'pt' },
  },
  {
    name: 'pt-BR classic 5.7.1 blocked IP',
    text: `Falha na entrega a estes destinatários ou grupos:

Pedro Santos (pedro@contoso.example)
Sua mensagem não pôde ser entregue. O servidor de email do destinatário rejeitou a mensagem.

Informações de diagnóstico para administradores:

Servidor de origem: CP2P152MB1234.LAMP152.PROD.OUTLOOK.COM

pedro@contoso.example
mx.contoso.example
Remote Server returned '554 5.7.1 Service unavailable; Client host [40.107.1.2] blocked using zen.spamhaus.org'

Cabeçalhos originais da mensagem:

From: João Silva <joao@fabrikam.example>
To: Pedro Santos <pedro@contoso.example>
Subject: Orçamento
`,
    expect: { recipients: ['pedro@contoso.example'], status: '5.7.1', reply: '554', words: 'blocked using', sender: 'joao@fabrikam.example', language: 'pt' },
  },
  {
    name: 'nl new layout 4.4.7 with Van:/Verzonden: header',
    text: `Van: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@fabrikam.example>
Verzonden: woensdag 4 maart 2026 10:15
Aan: Sanne de Vries <sanne@fabrikam.example>
Onderwerp: Onbestelbaar: Offerte

Uw bericht aan jansen@contoso.example kan niet worden bezorgd.

Het bericht is verlopen omdat de e-mailserver van de geadresseerde niet heeft gereageerd.

Het probleem oplossen
Probeer het bericht later opnieuw te verzenden.

Meer informatie voor e-mailbeheerders
Statuscode: 550 4.4.7

Oorspronkelijke berichtgegevens
Aanmaakdatum: 4-3-2026 09:15:02
Adres afzender: sanne@fabrikam.example
Adres geadresseerde: jansen@contoso.example
Onderwerp: Offerte

Foutgegevens
Gemelde fout: 550 4.4.7 QUEUE.Expired; message expired
DSN gegenereerd door: AM0PR02MB1234.eurprd02.prod.outlook.com
`,
    expect: { recipients: ['jansen@contoso.example'], status: '4.4.7', reply: '550', words: 'QUEUE.Expired', sender: 'sanne@fabrikam.example', language: 'nl' },
  },
  {
    name: 'nl classic 5.7.509',
    text: `Uw bericht kan niet worden bezorgd bij de volgende geadresseerden of groepen:

bakker@contoso.example (bakker@contoso.example)<mailto:bakker@contoso.example>
De domeinnaam van de afzender is niet geverifieerd.

Diagnostische gegevens voor beheerders:

Bronserver: AM0PR02MB1234.eurprd02.prod.outlook.com

bakker@contoso.example
Remote Server returned '550 5.7.509 Access denied, sending domain fabrikam.example does not pass DMARC verification and has a DMARC policy of reject.'

Oorspronkelijke berichtkoppen:

From: Sanne de Vries <sanne@fabrikam.example>
To: bakker@contoso.example
Subject: Offerte
`,
    expect: { recipients: ['bakker@contoso.example'], status: '5.7.509', reply: '550', words: 'DMARC', sender: 'sanne@fabrikam.example', language: 'nl' },
  },
  {
    name: 'pl new layout 5.7.23 with Od:/Wysłano: header',
    text: `Od: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@fabrikam.example>
Wysłano: środa, 4 marca 2026 10:15
Do: Anna Nowak <anna.nowak@fabrikam.example>
Temat: Niedostarczalne: Oferta

Nie można dostarczyć wiadomości do kowalski@contoso.example.

Serwer poczty domeny contoso.example odrzucił wiadomość, ponieważ sprawdzanie SPF domeny nadawcy nie powiodło się.

Jak rozwiązać problem
Administrator poczty domeny musi sprawdzić rekord SPF domeny.

Więcej informacji dla administratorów poczty e-mail
Kod stanu: 550 5.7.23

Szczegóły oryginalnej wiadomości
Data utworzenia: 04.03.2026 09:15:02
Adres nadawcy: anna.nowak@fabrikam.example
Adres adresata: kowalski@contoso.example
Temat: Oferta

Szczegóły błędu
Zgłoszony błąd: 550 5.7.23 The message was rejected because of Sender Policy Framework violation -> 550 5.7.1 SPF check failed for fabrikam.example
DSN wygenerowany przez: WA0P291MB1234.POLP291.PROD.OUTLOOK.COM
Serwer zdalny: mx.contoso.example
`,
    expect: { recipients: ['kowalski@contoso.example'], status: '5.7.23', reply: '550', words: 'SPF check failed', sender: 'anna.nowak@fabrikam.example', language: 'pl' },
  },
  {
    name: 'pl classic 5.2.2, two recipients',
    text: `Dostarczenie do tych adresatów lub grup nie powiodło się:

wisniewski@contoso.example (wisniewski@contoso.example)<mailto:wisniewski@contoso.example>
Skrzynka pocztowa adresata jest pełna i nie może teraz przyjmować wiadomości.

zielinski@contoso.example (zielinski@contoso.example)<mailto:zielinski@contoso.example>
Skrzynka pocztowa adresata jest pełna i nie może teraz przyjmować wiadomości.

Informacje diagnostyczne dla administratorów:

Serwer generujący: WA0P291MB1234.POLP291.PROD.OUTLOOK.COM

wisniewski@contoso.example
mx.contoso.example
Remote Server returned '552 5.2.2 Mailbox full'

zielinski@contoso.example
mx.contoso.example
Remote Server returned '552 5.2.2 Mailbox full'

Oryginalne nagłówki wiadomości:

From: Anna Nowak <anna.nowak@fabrikam.example>
To: wisniewski@contoso.example, zielinski@contoso.example
Subject: Oferta
`,
    expect: { recipients: ['wisniewski@contoso.example', 'zielinski@contoso.example'], status: '5.2.2', reply: '552', words: 'Mailbox full', sender: 'anna.nowak@fabrikam.example', language: 'pl' },
  },

  {
    name: 'de forwarded with a note and the translated separator',
    text: `Hallo Support, kannst du dir das bitte ansehen? Danke, Jonas

-----Ursprüngliche Nachricht-----
Von: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@fabrikam.example>
Gesendet: Mittwoch, 4. März 2026 10:15
An: Jonas Weber <jonas.weber@fabrikam.example>
Betreff: Unzustellbar: Angebot

Die Zustellung an folgende Empfänger oder Gruppen ist fehlgeschlagen:

Klaus Becker (becker@contoso.example)<mailto:becker@contoso.example>
Die eingegebene E-Mail-Adresse wurde nicht gefunden.

Diagnoseinformationen für Administratoren:

Generierender Server: FR2P281MB1234.DEUP281.PROD.OUTLOOK.COM

becker@contoso.example
mx.contoso.example
Remote Server returned '550 5.1.1 <becker@contoso.example>: Recipient address rejected: User unknown'
`,
    expect: { recipients: ['becker@contoso.example'], status: '5.1.1', reply: '550', words: 'User unknown', language: 'de' },
  },
  {
    name: 'ja Outlook header with quoted To address',
    text: `差出人: postmaster@contoso.example
送信日時: 2026年3月4日 10:15
宛先: 'yamada@fabrikam.example'
件名: 配信不能: 見積書の件

次の受信者またはグループへの配信に失敗しました:

ito@contoso.example
受信者のメールボックスがいっぱいです。

管理者向けの診断情報:

生成サーバー: mail.contoso.example

ito@contoso.example
Remote Server returned '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded'
`,
    expect: { recipients: ['ito@contoso.example'], status: '5.2.2', reply: '554', words: 'QuotaExceeded', sender: 'yamada@fabrikam.example', language: 'ja' },
  },
  {
    name: 'sv classic wrapped by Outlook at 76 columns',
    text: `Från: Microsoft Outlook
Skickat: den 4 mars 2026 10:15
Till: Anna Berg
Ämne: Olevererbart: Offert

Leveransen misslyckades till följande mottagare eller grupper:

nilsson@contoso.example (nilsson@contoso.example)<mailto:nilsson@contoso.example>
Mottagarens e-postserver avvisade meddelandet eftersom SPF-kontrollen
misslyckades.

Diagnostisk information för administratörer:

Genererande server: HE1PR07MB1234.eurprd07.prod.outlook.com

nilsson@contoso.example
mx.contoso.example
Remote Server returned '550 5.7.23 The message was rejected because of
Sender Policy Framework violation -> 550 5.7.1 SPF check failed for
fabrikam.example'

Ursprungliga meddelandehuvuden:

From: Anna Berg <anna.berg@fabrikam.example>
To: nilsson@contoso.example
Subject: Offert
`,
    expect: { recipients: ['nilsson@contoso.example'], status: '5.7.23', reply: '550', words: 'SPF check failed for fabrikam.example', sender: 'anna.berg@fabrikam.example', language: 'sv' },
  },
  {
    name: 'fr Gmail not found',
    text: `De : Mail Delivery Subsystem <mailer-daemon@googlemail.com>
Envoyé : mercredi 4 mars 2026 10:40
À : claire.martin@fabrikam.example
Objet : Delivery Status Notification (Failure)

** Adresse introuvable **

Votre message n'a pas été distribué à girard@contoso.example, car l'adresse est introuvable ou ne peut pas recevoir d'e-mails.

Pour en savoir plus, consultez la page https://support.google.com/mail/?p=NoSuchUser

La réponse était :

550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser a1-20020a05600c000100b0041234567si123456wmb.12 - gsmtp
`,
    expect: { recipients: ['girard@contoso.example'], status: '5.1.1', reply: '550', words: 'does not exist', sender: 'claire.martin@fabrikam.example', language: 'fr' },
  },
  {
    name: 'zh-TW Gmail DMARC, multi-line 550-5.7.26',
    text: `寄件者: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
寄件日期: 2026年3月4日 星期三 上午 11:00
收件者: chen@fabrikam.example
主旨: Delivery Status Notification (Failure)

** 郵件遭到封鎖 **

你的郵件無法寄達 wu@contoso.example，因為收件者的電子郵件服務供應商封鎖了這封郵件。

回應內容如下：

550-5.7.26 Unauthenticated email from fabrikam.example is not accepted due to
550-5.7.26 domain's DMARC policy. Please contact the administrator of
550-5.7.26 fabrikam.example domain if this was a legitimate mail. To learn about
550 5.7.26 the DMARC initiative, go to https://support.google.com/mail/?p=DmarcRejection d2e1a72fcca58-6f0a1b2c3d4si1234567b3a.12 - gsmtp
`,
    expect: { recipients: ['wu@contoso.example'], status: '5.7.26', reply: '550', words: 'DMARC', sender: 'chen@fabrikam.example', language: 'zh-TW' },
  },
  {
    name: 'ko Gmail mailbox full',
    text: `보낸 사람: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
보낸 날짜: 2026년 3월 4일 수요일 오후 1:00
받는 사람: lee@fabrikam.example
제목: Delivery Status Notification (Failure)

** 받은편지함 용량 초과 **

jung@contoso.example 주소의 받은편지함이 가득 차서 메일을 전송하지 못했습니다.

응답:

552 5.2.2 The recipient's inbox is out of storage space. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm 41be03b00d2f7-5e1a2b3c4d5si1234567a12.345 - gsmtp
`,
    expect: { recipients: ['jung@contoso.example'], status: '5.2.2', reply: '552', words: 'out of storage', sender: 'lee@fabrikam.example', language: 'ko' },
  },
  {
    name: 'es Gmail not found, forwarded from OWA with underscore rule',
    text: `________________________________
De: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
Enviado: miércoles, 4 de marzo de 2026 10:40
Para: lucia@fabrikam.example <lucia@fabrikam.example>
Asunto: Delivery Status Notification (Failure)

** No se ha encontrado la dirección **

Tu mensaje no se ha entregado a ramirez@contoso.example porque no se ha encontrado la dirección o no se pueden recibir correos en ella.

La respuesta fue:

550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. - gsmtp
`,
    expect: { recipients: ['ramirez@contoso.example'], status: '5.1.1', reply: '550', words: 'does not exist', sender: 'lucia@fabrikam.example', language: 'es' },
  },
  {
    name: 'it new layout, NBSP after colons',
    text: `Impossibile recapitare il messaggio a colombo@contoso.example.

La cassetta postale del destinatario è piena e non può accettare messaggi in questo momento.

Altre informazioni per gli amministratori della posta elettronica
Codice di stato:${NB}550 5.2.2

Dettagli del messaggio originale
Data di creazione:${NB}04/03/2026 09:15:02
Indirizzo mittente:${NB}giulia@fabrikam.example
Indirizzo destinatario:${NB}colombo@contoso.example
Oggetto:${NB}Preventivo

Dettagli errore
Errore segnalato:${NB}554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded
DSN generato da:${NB}MI1P293MB1234.ITAP293.PROD.OUTLOOK.COM
`,
    expect: { recipients: ['colombo@contoso.example'], status: '5.2.2', reply: '554', words: 'QuotaExceeded', sender: 'giulia@fabrikam.example', language: 'it' },
  },
  {
    name: 'pt-BR Outlook header, To with display name, new layout 5.7.1 group restriction',
    text: `De: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@fabrikam.example>
Enviada em: quarta-feira, 4 de março de 2026 10:15
Para: João Silva <joao@fabrikam.example>
Assunto: Não é possível entregar: Orçamento

Sua mensagem para diretoria@contoso.example não pôde ser entregue.

O grupo diretoria só aceita mensagens de pessoas da organização ou de remetentes autorizados.

Mais informações para administradores de email
Código de status: 550 5.7.1

Detalhes da mensagem original
Data de criação: 04/03/2026 09:15:02
Endereço do remetente: joao@fabrikam.example
Endereço do destinatário: diretoria@contoso.example
Assunto: Orçamento

Detalhes do erro
Erro relatado: 550 5.7.1 RESOLVER.RST.AuthRequired; authentication required
DSN gerado por: CP2P152MB1234.LAMP152.PROD.OUTLOOK.COM
`,
    expect: { recipients: ['diretoria@contoso.example'], status: '5.7.1', reply: '550', words: 'AuthRequired', sender: 'joao@fabrikam.example', language: 'pt' },
  },
  {
    name: 'nl classic two recipients, quoted with > by a reply',
    text: `> Uw bericht kan niet worden bezorgd bij de volgende geadresseerden of groepen:
>
> visser@contoso.example
> Het e-mailadres dat u hebt ingevoerd, is niet gevonden.
>
> smit@contoso.example
> Het e-mailadres dat u hebt ingevoerd, is niet gevonden.
>
> Diagnostische gegevens voor beheerders:
>
> Bronserver: AM0PR02MB1234.eurprd02.prod.outlook.com
>
> visser@contoso.example
> Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient visser@contoso.example not found by SMTP address lookup'
>
> smit@contoso.example
> Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient smit@contoso.example not found by SMTP address lookup'
`,
    expect: { recipients: ['visser@contoso.example', 'smit@contoso.example'], status: '5.1.10', reply: '550', words: 'RecipientNotFound', language: 'nl' },
  },
  {
    name: 'pl classic 4.4.7 without original headers, Od:/Do: header',
    text: `Od: Microsoft Outlook
Wysłano: środa, 5 marca 2026 10:15
Do: Anna Nowak
Temat: Niedostarczalne: Oferta

Dostarczenie do tych adresatów lub grup nie powiodło się:

lewandowski@contoso.example (lewandowski@contoso.example)<mailto:lewandowski@contoso.example>
Wiadomość wygasła, ponieważ serwer poczty adresata nie odpowiadał.

Informacje diagnostyczne dla administratorów:

Serwer generujący: WA0P291MB1234.POLP291.PROD.OUTLOOK.COM

lewandowski@contoso.example
Remote Server returned '550 4.4.7 QUEUE.Expired; message expired'
`,
    expect: { recipients: ['lewandowski@contoso.example'], status: '4.4.7', reply: '550', words: 'QUEUE.Expired', language: 'pl' },
  },
  {
    name: 'zh-CN new layout 5.1.10, full-width colons everywhere',
    text: `你发送到 sun@contoso.example 的邮件无法传递。

在 contoso.example 上找不到 sun。

面向电子邮件管理员的详细信息
状态代码：550 5.1.10

原始邮件详细信息
创建日期：2026/3/4 2:15:02
发件人地址：zhang@fabrikam.example
收件人地址：sun@contoso.example
主题：合同草稿

错误详细信息
报告的错误：550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient sun@contoso.example not found by SMTP address lookup
DSN 生成者：SG2PR06MB5012.apcprd06.prod.outlook.com
`,
    expect: { recipients: ['sun@contoso.example'], status: '5.1.10', reply: '550', words: 'RecipientNotFound', sender: 'zhang@fabrikam.example', language: 'zh-CN' },
  },

  {
    name: 'zh-TW forwarded by the sender to the helpdesk, two header blocks',
    text: `寄件者: 陳大文 <chen@fabrikam.example>
寄件日期: 2026年3月4日 星期三 上午 11:30
收件者: IT 服務台 <helpdesk@fabrikam.example>
主旨: 轉寄: 無法傳遞: 報價單

請協助確認，謝謝。

寄件者: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@fabrikam.example>
寄件日期: 2026年3月4日 星期三 上午 10:15
收件者: 陳大文 <chen@fabrikam.example>
主旨: 無法傳遞: 報價單

傳遞至下列收件者或群組失敗:

吳志強 (wu.zq@contoso.example)
您的郵件因為 SPF 驗證失敗而遭到拒絕。

系統管理員的診斷資訊:

產生伺服器: SG2PR06MB5012.apcprd06.prod.outlook.com

wu.zq@contoso.example
mail.contoso.example
Remote Server returned '550 5.7.23 The message was rejected because of Sender Policy Framework violation -> 550 5.7.1 Rejected by SPF policy'
`,
    expect: { recipients: ['wu.zq@contoso.example'], status: '5.7.23', reply: '550', words: 'Rejected by SPF', language: 'zh-TW' },
  },
  {
    name: 'fr Teams HTML paste of a new layout NDR',
    text: `<p>De&nbsp;: Microsoft Outlook &lt;MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@fabrikam.example&gt;<br>Envoyé&nbsp;: mercredi 4 mars 2026 10:15<br>À&nbsp;: Claire Martin &lt;claire.martin@fabrikam.example&gt;<br>Objet&nbsp;: Non remis&nbsp;: Devis</p><p>Votre message à roux@contoso.example n’a pas pu être remis.</p><p>Le serveur de messagerie de contoso.example a rejeté le message, car la vérification DMARC du domaine de l’expéditeur a échoué.</p><p>Plus d’informations pour les administrateurs de messagerie<br>Code d’état&nbsp;: 550 5.7.509</p><p>Détails du message d’origine<br>Adresse de l’expéditeur&nbsp;: claire.martin@fabrikam.example<br>Adresse du destinataire&nbsp;: roux@contoso.example<br>Objet&nbsp;: Devis</p><p>Détails de l’erreur<br>Erreur signalée&nbsp;: 550 5.7.509 Access denied, sending domain fabrikam.example does not pass DMARC verification and has a DMARC policy of reject.<br>DSN générée par&nbsp;: PR3PR02MB6123.eurprd02.prod.outlook.com</p>`,
    expect: { recipients: ['roux@contoso.example'], status: '5.7.509', reply: '550', words: 'DMARC', sender: 'claire.martin@fabrikam.example', language: 'fr' },
  },
  {
    name: 'ja Gmail, To line with two addresses separated by ;',
    text: `差出人: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
送信日時: 2026年3月4日 12:00
宛先: yamada@fabrikam.example
CC: sato@fabrikam.example
件名: Delivery Status Notification (Failure)

** メッセージがブロックされました **

メールは kobayashi@contoso.example に配信されませんでした。受信者のメール プロバイダによってメッセージがブロックされました。

レスポンスは次のとおりです:

550 5.7.1 [203.0.113.77] Our system has detected that this message is likely unsolicited mail. - gsmtp
`,
    expect: { recipients: ['kobayashi@contoso.example'], status: '5.7.1', reply: '550', words: 'unsolicited', sender: 'yamada@fabrikam.example', language: 'ja' },
  },
];

describe('localized NDRs pasted as text', () => {
  it.each(PASTED.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const b = await parseBounce(c.text);
    expect(b.isBounce).toBe(true);
    expect(facts(b, c.expect)).toEqual(expected(c.expect));
    // A code read from the report, never one guessed from its words.
    expect(b.recipients.some((r) => r.statusInferred)).toBe(false);
  });
});

// Builders for the .eml cases: bodies encoded as Exchange and Postfix write them (base64 and quoted-printable UTF-8).
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
const word = (s: string): string => `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;
/** Quoted-printable of UTF-8 text, soft-wrapped at 76 as mail software writes it. */
function qp(s: string): string {
  const bytes = Buffer.from(s.replace(/\r?\n/g, '\n'), 'utf8');
  const lines: string[] = [];
  let line = '';
  const push = (tok: string): void => {
    if (line.length + tok.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += tok;
  };
  for (const b of bytes) {
    if (b === 10) {
      lines.push(line);
      line = '';
    } else if ((b >= 33 && b <= 126 && b !== 61) || b === 32) push(String.fromCharCode(b));
    else push(`=${b.toString(16).toUpperCase().padStart(2, '0')}`);
  }
  lines.push(line);
  return lines.join('\r\n');
}


/** A message file's bytes: everything above is 7-bit, as the encodings make it. */
const ascii = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

interface EmlCase {
  name: string;
  bytes: Uint8Array;
  expect: Expect;
}

const EMLS: EmlCase[] = [
  {
    name: 'ja eml new layout, base64 UTF-8, DSN and original headers',
    bytes: ascii(multipartReport(
      [
        'From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@fabrikam.example>',
        'To: <yamada@fabrikam.example>',
        `Subject: ${word('配信不能: 見積書の件')}`,
        'Date: Wed, 4 Mar 2026 01:15:05 +0000',
        'Content-Language: ja-JP',
        'X-MS-Exchange-Message-Is-Ndr:',
        'X-MS-Exchange-CrossTenant-Id: 00000000-0000-0000-0000-000000000000',
      ],
      [
        {
          type: 'text/plain; charset="utf-8"',
          headers: ['Content-Transfer-Encoding: base64'],
          body: b64(`yoshida@contoso.example へのメッセージを配信できませんでした。\n\nyoshida が contoso.example で見つかりませんでした。\n\nメール管理者向けの詳細情報\n状態コード: 550 5.1.10\n\n元のメッセージの詳細\n作成日: 2026/03/04 1:15:02\n送信者のアドレス: yamada@fabrikam.example\n受信者のアドレス: yoshida@contoso.example\n件名: 見積書の件\n\nエラーの詳細\n報告されたエラー: 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient yoshida@contoso.example not found by SMTP address lookup\nDSN 生成元: OS3PR01MB1234.jpnprd01.prod.outlook.com\n`),
        },
        {
          type: 'message/delivery-status',
          body: 'Reporting-MTA: dns;OS3PR01MB1234.jpnprd01.prod.outlook.com\r\nReceived-From-MTA: dns;OS3PR01MB1234.jpnprd01.prod.outlook.com\r\nArrival-Date: Wed, 4 Mar 2026 01:15:02 +0000\r\n\r\nFinal-Recipient: rfc822;yoshida@contoso.example\r\nAction: failed\r\nStatus: 5.1.10\r\nDiagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient yoshida@contoso.example not found by SMTP address lookup',
        },
        {
          type: 'text/rfc822-headers',
          body: `From: ${word('山田 太郎')} <yamada@fabrikam.example>\r\nTo: yoshida@contoso.example\r\nSubject: ${word('見積書の件')}\r\nDate: Wed, 4 Mar 2026 01:15:02 +0000\r\nMessage-ID: <OS3PR01MB12341@OS3PR01MB1234.jpnprd01.prod.outlook.com>`,
        },
      ],
    )),
    expect: { recipients: ['yoshida@contoso.example'], status: '5.1.10', reply: '550', words: 'RecipientNotFound', sender: 'yamada@fabrikam.example', language: 'ja' },
  },
  {
    name: 'fr eml classic, quoted-printable soft-wrapped, no DSN part',
    bytes: ascii(
      [
        'From: postmaster@contoso.example',
        'To: claire.martin@fabrikam.example',
        `Subject: ${word('Non remis : Devis')}`,
        'Date: Wed, 4 Mar 2026 09:20:00 +0000',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset="utf-8"',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        qp(`Échec de la remise pour ces destinataires ou groupes :\n\nAndré Lefèvre (andre.lefevre@contoso.example)\nLa boîte aux lettres du destinataire est pleine et ne peut pas accepter de messages pour l'instant.\n\nInformations de diagnostic pour les administrateurs :\n\nServeur de génération : PR3PR02MB6123.eurprd02.prod.outlook.com\n\nandre.lefevre@contoso.example\nmx.contoso.example\nRemote Server returned '552 5.2.2 <andre.lefevre@contoso.example>: Recipient address rejected: Mailbox full, quota exceeded for this recipient'\n\nEn-têtes de message d'origine :\n\nFrom: Claire Martin <claire.martin@fabrikam.example>\nTo: andre.lefevre@contoso.example\nSubject: Devis\n`),
      ].join('\r\n'),
    ),
    expect: { recipients: ['andre.lefevre@contoso.example'], status: '5.2.2', reply: '552', words: 'Mailbox full', sender: 'claire.martin@fabrikam.example', language: 'fr' },
  },
  {
    name: 'de eml Postfix localized, multipart/report',
    bytes: ascii(multipartReport(
      ['From: Mail Delivery System <MAILER-DAEMON@mail.fabrikam.example>', 'To: jonas.weber@fabrikam.example', 'Subject: Unzustellbare Nachricht', 'Date: Wed, 4 Mar 2026 11:00:00 +0100'],
      [
        {
          type: 'text/plain; charset=utf-8',
          headers: ['Content-Transfer-Encoding: quoted-printable'],
          body: qp(`Dies ist das Postfix-Programm auf dem Server mail.fabrikam.example.\n\nLeider konnte Ihre Nachricht an einen oder mehrere Empfänger nicht\nzugestellt werden. Die Fehlermeldung finden Sie weiter unten.\n\n<wagner@contoso.example>: host mx.contoso.example[203.0.113.31] said: 550 5.7.1\n    <wagner@contoso.example>: Recipient address rejected: Access denied (in reply\n    to RCPT TO command)\n`),
        },
        {
          type: 'message/delivery-status',
          body: 'Reporting-MTA: dns; mail.fabrikam.example\r\nX-Postfix-Sender: rfc822; jonas.weber@fabrikam.example\r\nArrival-Date: Wed,  4 Mar 2026 10:59:58 +0100 (CET)\r\n\r\nFinal-Recipient: rfc822; wagner@contoso.example\r\nAction: failed\r\nStatus: 5.7.1\r\nRemote-MTA: dns; mx.contoso.example\r\nDiagnostic-Code: smtp; 550 5.7.1 <wagner@contoso.example>: Recipient address rejected: Access denied',
        },
      ],
    )),
    expect: { recipients: ['wagner@contoso.example'], status: '5.7.1', reply: '550', words: 'Access denied', sender: 'jonas.weber@fabrikam.example', language: 'de' },
  },
  {
    name: 'ko eml forwarded by a person with the NDR attached',
    bytes: ascii(
      [
        'From: =?UTF-8?B?' + Buffer.from('이서준').toString('base64') + '?= <lee@fabrikam.example>',
        'To: helpdesk@fabrikam.example',
        `Subject: ${word('전달: 배달되지 않음: 견적 요청')}`,
        'Date: Wed, 4 Mar 2026 02:00:00 +0000',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="outer"',
        '',
        '--outer',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        b64('확인 부탁드립니다.\n'),
        '--outer',
        'Content-Type: message/rfc822',
        '',
        multipartReport(
          [
            'From: postmaster@contoso.example',
            'To: lee@fabrikam.example',
            `Subject: ${word('배달되지 않음: 견적 요청')}`,
            'Date: Wed, 4 Mar 2026 01:15:05 +0000',
          ],
          [
            {
              type: 'text/plain; charset=utf-8',
              headers: ['Content-Transfer-Encoding: base64'],
              body: b64(`다음 받는 사람 또는 그룹에 배달하지 못했습니다.\n\nhan@contoso.example\n받는 사람의 사서함이 가득 차서 메시지를 받을 수 없습니다. 나중에 다시 보내 보세요.\n\n관리자를 위한 진단 정보:\n\n생성 서버: mail.contoso.example\n\nhan@contoso.example\nRemote Server returned '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded'\n`),
            },
            {
              type: 'message/delivery-status',
              body: 'Reporting-MTA: dns;mail.contoso.example\r\n\r\nFinal-Recipient: rfc822;han@contoso.example\r\nAction: failed\r\nStatus: 5.2.2\r\nDiagnostic-Code: smtp;554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded',
            },
            { type: 'text/rfc822-headers', body: 'From: lee@fabrikam.example\r\nTo: han@contoso.example\r\nSubject: quote' },
          ],
          'inner',
        ),
        '--outer--',
        '',
      ].join('\r\n'),
    ),
    expect: { recipients: ['han@contoso.example'], status: '5.2.2', reply: '554', words: 'QuotaExceeded', sender: 'lee@fabrikam.example', language: 'ko' },
  },
];

describe('localized NDRs as .eml files', () => {
  it.each(EMLS.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const b = await parseBounce(c.bytes, { filename: 'bounce.eml' });
    expect(b.isBounce).toBe(true);
    expect(facts(b, c.expect)).toEqual(expected(c.expect));
  });
});

describe('details of localized pastes', () => {
  const byName = (start: string): Case => {
    const c = PASTED.find((p) => p.name.startsWith(start));
    if (!c) throw new Error(`no case ${start}`);
    return c;
  };

  it('gives each of two failed recipients its own code', async () => {
    const b = await parseBounce(byName('zh-TW classic, two recipients').text);
    expect(b.recipients.map((r) => [r.address, r.status, r.replyCode])).toEqual([
      ['lin@contoso.example', '5.1.1', '550'],
      ['huang@contoso.example', '5.2.2', '552'],
    ]);
  });

  it("keeps the remote server's own reply when Outlook wrapped the 'Remote Server returned' line", async () => {
    const b = await parseBounce(byName('sv classic wrapped by Outlook').text);
    expect(b.recipients[0]?.wrapped).toEqual({ status: '5.7.1', replyCode: '550', text: '550 5.7.1 SPF check failed for fabrikam.example' });
  });

  it("never lists the address on Outlook's translated To line as a failed recipient", async () => {
    for (const start of ['fr Postfix', 'de Postfix', 'ja Gmail 5.1.1', 'fr Gmail', 'ko Gmail', 'zh-TW Gmail']) {
      const c = byName(start);
      const b = await parseBounce(c.text);
      expect([start, b.recipients.map((r) => r.address)]).toEqual([start, c.expect.recipients]);
    }
  });
});

// Only the administrators' part pasted: its headings, the servers, the recipient and the reply.
const ADMIN_PART: [lang: string, heading: string, generating: string][] = [
  ['sv', 'Diagnostisk information för administratörer:', 'Genererande server:'],
  ['es', 'Información de diagnóstico para administradores:', 'Servidor de generación:'],
  ['pt', 'Informações de diagnóstico para administradores:', 'Servidor de origem:'],
  ['nl', 'Diagnostische gegevens voor beheerders:', 'Bronserver:'],
  ['fr', `Informations de diagnostic pour les administrateurs${NB}:`, `Serveur de génération${NB}:`],
  ['de', 'Diagnoseinformationen für Administratoren:', 'Generierender Server:'],
  ['it', 'Informazioni di diagnostica per gli amministratori:', 'Server di generazione:'],
  ['pl', 'Informacje diagnostyczne dla administratorów:', 'Serwer generujący:'],
  ['ja', '管理者向けの診断情報:', '生成サーバー:'],
  ['zh-TW', '系統管理員的診斷資訊:', '產生伺服器:'],
  ['zh-CN', '管理员的诊断信息:', '生成服务器:'],
  ['ko', '관리자를 위한 진단 정보:', '생성 서버:'],
];

describe("the administrators' part of a classic NDR pasted alone", () => {
  it.each(ADMIN_PART)('tells %s from its headings and reads the recipient and code', async (lang, heading, generating) => {
    const text = `${heading}\n\n${generating} AM0PR02MB1234.eurprd02.prod.outlook.com\n\nuser@contoso.example\nmx.contoso.example\nRemote Server returned '550 5.1.1 <user@contoso.example>: Recipient address rejected: User unknown'\n`;
    const b = await parseBounce(text);
    expect([b.language, b.recipients.map((r) => [r.address, r.status])]).toEqual([lang, [['user@contoso.example', '5.1.1']]]);
  });
});

describe("Outlook's translated header lines above a pasted report", () => {
  const report = `\n次の受信者またはグループへの配信に失敗しました:\n\nmori@contoso.example\n\n管理者向けの診断情報:\n\n生成サーバー: mail.contoso.example\n\nmori@contoso.example\nRemote Server returned '550 5.1.1 User unknown'\n`;

  it('still names the sender when Outlook wrapped a long subject onto the next line', async () => {
    const b = await parseBounce(
      `差出人: postmaster@contoso.example\n送信日時: 2026年3月4日 10:15\n宛先: yamada@fabrikam.example\n件名: 配信不能: 2026年度 第1四半期 営業会議の議事録と次回の打ち合わせ日程について（ご確認のお願い）\n追加資料あり\n${report}`,
    );
    expect([b.sender, b.recipients.map((r) => r.address)]).toEqual(['yamada@fabrikam.example', ['mori@contoso.example']]);
  });

  it('still names the sender when the lines list an attachment', async () => {
    const b = await parseBounce(
      `Von: postmaster@contoso.example\nGesendet: Mittwoch, 4. März 2026 10:15\nAn: jonas.weber@fabrikam.example\nBetreff: Unzustellbar: Angebot\nAnlagen: ATT00001.txt\n${report}`,
    );
    expect([b.sender, b.recipients.map((r) => r.address)]).toEqual(['jonas.weber@fabrikam.example', ['mori@contoso.example']]);
  });

  // A person's Outlook is in their language; the report it shows may not be. The lines Outlook wrote
  // are not the report's text: Japanese ones over an English report made it read as Chinese.
  it("tells an English report as English under a Japanese or Chinese Outlook's lines", async () => {
    const gmail = await parseBounce(
      `差出人: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\n送信日時: 2026年3月4日 12:00\n宛先: yamada@fabrikam.example\n件名: Delivery Status Notification (Failure)\n\n** Address not found **\n\nYour message wasn't delivered to nakamura@contoso.example because the address couldn't be found, or is unable to receive mail.\n\nThe response from the remote server was:\n\n550 5.1.1 The email account that you tried to reach does not exist. - gsmtp\n`,
    );
    expect([gmail.language, gmail.sender, gmail.recipients.map((r) => r.address)]).toEqual(['en', 'yamada@fabrikam.example', ['nakamura@contoso.example']]);
    const exchange = await parseBounce(
      `寄件者: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@fabrikam.example>\n寄件日期: 2026年3月4日 星期三 上午 10:15\n收件者: 陳大文 <chen@fabrikam.example>\n主旨: 無法傳遞: 報價單\n\nDelivery has failed to these recipients or groups:\n\nwang@contoso.example (wang@contoso.example)<mailto:wang@contoso.example>\nThe email address you entered couldn't be found.\n\nDiagnostic information for administrators:\n\nGenerating server: SG2PR06MB5012.apcprd06.prod.outlook.com\n\nwang@contoso.example\nRemote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; not found'\n`,
    );
    expect(exchange.language).toBe('en');
  });

  it('takes no sender from lines that do not open with the From line', async () => {
    const b = await parseBounce(`宛先: yamada@fabrikam.example\n件名: 配信不能\n${report}`);
    expect(b.sender).toBeUndefined();
  });
});

// Only the top of a classic NDR pasted: its heading, the recipient and Exchange's explanation, no code.
// The code comes from the words, as it does for the English text ("couldn't be found", "mailbox is full").
const USER_PART: [lang: string, heading: string, notFound: string, full: string][] = [
  ['ja', '次の受信者またはグループへの配信に失敗しました:', '入力したメール アドレスが見つかりませんでした。', '受信者のメールボックスがいっぱいのため、メッセージを受け付けることができません。'],
  ['zh-TW', '傳遞至下列收件者或群組失敗:', '找不到您輸入的電子郵件地址。', '收件者的信箱已滿，目前無法接受郵件。'],
  ['zh-CN', '未能传递到以下收件人或组:', '找不到你输入的电子邮件地址。', '收件人的邮箱已满，目前无法接收邮件。'],
  ['ko', '다음 받는 사람 또는 그룹에 배달하지 못했습니다.', '입력한 전자 메일 주소를 찾을 수 없습니다.', '받는 사람의 사서함이 가득 차서 지금은 메시지를 받을 수 없습니다.'],
  ['fr', `Échec de la remise pour ces destinataires ou groupes${NB}:`, 'L’adresse de messagerie que vous avez entrée est introuvable.', 'La boîte aux lettres du destinataire est pleine et ne peut pas accepter de messages pour l’instant.'],
  ['sv', 'Leveransen misslyckades till följande mottagare eller grupper:', 'Det gick inte att hitta e-postadressen du angav.', 'Mottagarens postlåda är full och kan inte ta emot meddelanden just nu.'],
  ['de', 'Die Zustellung an folgende Empfänger oder Gruppen ist fehlgeschlagen:', 'Die eingegebene E-Mail-Adresse wurde nicht gefunden.', 'Das Postfach des Empfängers ist voll und kann zurzeit keine Nachrichten annehmen.'],
  ['es', 'Error en la entrega a estos destinatarios o grupos:', 'No se encontró la dirección de correo electrónico que escribió.', 'El buzón del destinatario está lleno y no puede aceptar mensajes en este momento.'],
  ['it', 'Il recapito non è riuscito per i seguenti destinatari o gruppi:', "Impossibile trovare l'indirizzo di posta elettronica immesso.", 'La cassetta postale del destinatario è piena e non può accettare messaggi al momento.'],
  ['pt', 'Falha na entrega a estes destinatários ou grupos:', 'O endereço de email inserido não foi encontrado.', 'A caixa de correio do destinatário está cheia e não pode aceitar mensagens no momento.'],
  ['nl', 'Uw bericht kan niet worden bezorgd bij de volgende geadresseerden of groepen:', 'Het e-mailadres dat u hebt ingevoerd, is niet gevonden.', 'Het postvak van de geadresseerde is vol en kan momenteel geen berichten ontvangen.'],
  ['pl', 'Dostarczenie do tych adresatów lub grup nie powiodło się:', 'Nie można odnaleźć wprowadzonego adresu e-mail.', 'Skrzynka pocztowa adresata jest pełna i nie może teraz przyjmować wiadomości.'],
];

describe('the top of a classic NDR pasted alone, without any code', () => {
  const read = async (heading: string, words: string): Promise<unknown> => {
    const b = await parseBounce(`${heading}\n\nuser@contoso.example\n${words}\n`);
    return { isBounce: b.isBounce, language: b.language, recipients: b.recipients.map((r) => [r.address, r.status, r.statusInferred]) };
  };

  it.each(USER_PART)('reads %s: an address that could not be found is 5.1.1, a full mailbox 5.2.2', async (lang, heading, notFound, full) => {
    expect(await read(heading, notFound)).toEqual({ isBounce: true, language: lang, recipients: [['user@contoso.example', '5.1.1', true]] });
    expect(await read(heading, full)).toEqual({ isBounce: true, language: lang, recipients: [['user@contoso.example', '5.2.2', true]] });
  });
});

// Only the first lines of a new-layout NDR pasted: "Your message to x couldn't be delivered." and the
// line that says why. The recipient must be read from the sentence in every language, as in English.
const NEW_LAYOUT_TOP: [lang: string, text: string][] = [
  ['ja', 'kim@contoso.example へのメッセージを配信できませんでした。\n\nkim が contoso.example で見つかりませんでした。\n'],
  ['zh-TW', '無法將您的郵件傳遞給 kim@contoso.example。\n\n在 contoso.example 找不到 kim。\n'],
  ['zh-CN', '你发送到 kim@contoso.example 的邮件无法传递。\n\n在 contoso.example 上找不到 kim。\n'],
  ['ko', 'kim@contoso.example에 대한 메시지를 배달할 수 없습니다.\n\ncontoso.example에서 kim을(를) 찾을 수 없습니다.\n'],
  ['fr', 'Votre message à kim@contoso.example n’a pas pu être remis.\n\nkim est introuvable sur contoso.example.\n'],
  ['sv', 'Ditt meddelande till kim@contoso.example kunde inte levereras.\n\nkim hittades inte på contoso.example.\n'],
  ['de', 'Ihre Nachricht an kim@contoso.example konnte nicht zugestellt werden.\n\nkim wurde bei contoso.example nicht gefunden.\n'],
  ['es', 'No se pudo entregar su mensaje a kim@contoso.example.\n\nNo se encontró a kim en contoso.example.\n'],
  ['it', 'Impossibile recapitare il messaggio a kim@contoso.example.\n\nkim non è stato trovato in contoso.example.\n'],
  ['pt', 'Sua mensagem para kim@contoso.example não pôde ser entregue.\n\nkim não foi encontrado em contoso.example.\n'],
  ['nl', 'Uw bericht aan kim@contoso.example kan niet worden bezorgd.\n\nkim is niet gevonden op contoso.example.\n'],
  ['pl', 'Nie można dostarczyć wiadomości do kim@contoso.example.\n\nNie znaleziono kim w contoso.example.\n'],
];

describe('the first lines of a new-layout NDR pasted alone', () => {
  it.each(NEW_LAYOUT_TOP)('reads %s as a bounce for the address its first sentence names', async (lang, text) => {
    const b = await parseBounce(text);
    expect({ isBounce: b.isBounce, language: b.language, recipients: b.recipients.map((r) => r.address) }).toEqual({
      isBounce: true,
      language: lang,
      recipients: ['kim@contoso.example'],
    });
  });

  it.each(NEW_LAYOUT_TOP)("reads %s's '<name> wasn't found at <domain>' as an unknown recipient (5.1.1)", async (_lang, text) => {
    const b = await parseBounce(text);
    expect(b.recipients.map((r) => [r.status, r.statusInferred])).toEqual([['5.1.1', true]]);
  });

  it("reads the English '<name> wasn't found at <domain>' as an unknown recipient too", async () => {
    const b = await parseBounce("Your message to kim@contoso.example couldn't be delivered.\n\nkim wasn't found at contoso.example.\n");
    expect(b.recipients.map((r) => [r.address, r.status, r.statusInferred])).toEqual([['kim@contoso.example', '5.1.1', true]]);
  });
});

// Gmail's report with no server reply under it (the part the person copied): its own sentence names the
// address inside it. Japanese, Korean and Chinese put the particle after the address, so the reason is the
// whole sentence; what follows the address alone began with a dangling "に" or "(으)로".
const GMAIL_SENTENCE_ONLY: [lang: string, text: string, sentence: string][] = [
  ['ja', '** アドレスが見つかりません **\n\nkim@contoso.example にメールを配信できませんでした。このアドレスが見つからないか、メールを受信できません。\n', 'kim@contoso.example にメールを配信できませんでした。'],
  ['ko', '** 주소를 찾을 수 없음 **\n\n주소를 찾을 수 없거나 주소에서 메일을 수신할 수 없어 메일이 kim@contoso.example(으)로 전송되지 않았습니다.\n', '메일이 kim@contoso.example(으)로 전송되지 않았습니다.'],
  ['zh-TW', '** 找不到地址 **\n\n找不到 kim@contoso.example 這個地址，或是該地址無法接收郵件，因此您的郵件無法傳送到該地址。\n', '找不到 kim@contoso.example 這個地址'],
  // Swedish and French name the address after a verb ("levererades inte till", "n'a pas été distribué à"): the reason follows it.
  ['sv', '** Adressen hittades inte **\n\nDitt meddelande levererades inte till kim@contoso.example eftersom adressen inte hittades eller inte kan ta emot e-post.\n', 'eftersom adressen inte hittades'],
  ['fr', "** Adresse introuvable **\n\nVotre message n'a pas été distribué à kim@contoso.example, car l'adresse est introuvable ou ne peut pas recevoir d'e-mails.\n", "car l'adresse est introuvable"],
];

describe("Gmail's sentence about the address, without the server's reply", () => {
  it.each(GMAIL_SENTENCE_ONLY)('%s: reads the address and the reason from the sentence that names it', async (_lang, text, sentence) => {
    const b = await parseBounce(text);
    expect(b.recipients.map((r) => r.address)).toEqual(['kim@contoso.example']);
    expect(b.recipients[0]?.diagnostic).toContain(sentence);
  });

  it("does not read 'not found, or …' (見つからないか) as an unknown address: au's template says it over every refusal", async () => {
    const b = await parseBounce('kim@contoso.example にメールを配信できませんでした。このアドレスが見つからないか、メールを受信できません。\n');
    expect(b.recipients[0]?.status).toBeUndefined();
  });
});

// The same report copied from the web page, where its heading is a heading (no `** … **` around it), in the
// wordings its languages use: the address sits after a verb ("nicht an", "entregado a", "afgeleverd bij") or,
// in Japanese, Korean and Chinese, beside a particle ("x に配信されませんでした", "x에 전송되지", "傳送至 x").
// Each is the bounce of one unknown address, as the English sentence is.
const GMAIL_PAGE_SENTENCE: [lang: string, text: string][] = [
  ['ja', 'アドレスが見つかりません\nメールは kim@contoso.example に配信されませんでした。アドレスが見つからないか、メールを受信できないアドレスです。\n'],
  ['ko', '주소를 찾을 수 없음\n주소를 찾을 수 없거나 주소에서 메일을 받을 수 없으므로 메일이 kim@contoso.example에 전송되지 않았습니다.\n'],
  ['zh-TW', '找不到地址\n您的郵件無法傳送至 kim@contoso.example，因為系統找不到該地址，或是該地址無法接收郵件。\n'],
  ['de', 'Adresse nicht gefunden\nIhre Nachricht wurde nicht an kim@contoso.example zugestellt, weil die Adresse nicht gefunden wurde oder keine E-Mails empfangen kann.\n'],
  ['es', 'No se ha encontrado la dirección\nTu mensaje no se ha entregado a kim@contoso.example porque no se ha encontrado la dirección o no puede recibir correo electrónico.\n'],
  ['it', "Indirizzo non trovato\nIl tuo messaggio non è stato recapitato a kim@contoso.example perché l'indirizzo non è stato trovato o non può ricevere email.\n"],
  ['pt', 'Endereço não encontrado\nSua mensagem não foi entregue a kim@contoso.example porque o endereço não foi encontrado ou não pode receber e-mails.\n'],
  ['nl', 'Adres niet gevonden\nJe bericht is niet afgeleverd bij kim@contoso.example omdat het adres niet is gevonden of geen e-mail kan ontvangen.\n'],
  ['pl', 'Nie znaleziono adresu\nTwoja wiadomość nie została dostarczona do kim@contoso.example, ponieważ nie znaleziono adresu lub nie może on odbierać poczty.\n'],
  // Other wordings of the same sentence: "consegnato a", "無法將您的郵件傳送至", "未能送达", "не доставлено на адрес".
  ['it', "Indirizzo non trovato\nIl tuo messaggio non è stato consegnato a kim@contoso.example perché l'indirizzo non è stato trovato o non può ricevere email.\n"],
  ['zh-TW', '找不到地址\n無法將您的郵件傳送至 kim@contoso.example，因為系統找不到該地址或該地址無法接收郵件。\n'],
  ['zh-CN', '找不到地址\n您的邮件未能送达 kim@contoso.example，因为找不到该地址，或该地址无法接收邮件。\n'],
  ['ru', 'Адрес не найден\nВаше сообщение не доставлено на адрес kim@contoso.example, так как этот адрес не найден или не может получать почту.\n'],
];

describe("Gmail's sentence copied from the web page, without the server's reply", () => {
  it.each(GMAIL_PAGE_SENTENCE)('%s: a bounce for the address it names, read as unknown (5.1.1 from the words)', async (lang, text) => {
    const b = await parseBounce(text);
    expect(b.isBounce).toBe(true);
    expect(b.language).toBe(lang);
    expect(b.recipients.map((r) => [r.address, r.status, r.statusInferred])).toEqual([['kim@contoso.example', '5.1.1', true]]);
  });

  it('keeps the reason after the address without the full-width comma that separated them', async () => {
    const b = await parseBounce(GMAIL_PAGE_SENTENCE[2]![1]);
    expect(b.recipients[0]?.diagnostic).toMatch(/^因為系統找不到該地址/);
  });

  it('Swedish: "eftersom adressen inte hittades" (the verb after "inte", as a Swedish clause puts it) is an unknown address', async () => {
    const b = await parseBounce('Ditt meddelande levererades inte till kim@contoso.example eftersom adressen inte hittades eller inte kan ta emot e-post.\n');
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([['kim@contoso.example', '5.1.1']]);
  });
});

// "Gmail will retry for 47 more hours" in other languages: a delay, with the message still on its way; the
// same verb denied ("不會重試", "no volverá a intentarlo", "ne réessaiera pas") is no delay.
const STILL_RETRYING: [lang: string, text: string][] = [
  ['ja', '配信が遅れています\nkim@contoso.example へのメール配信で一時的な問題が発生しました。Gmail はあと 47 時間再試行します。\n'],
  ['zh-TW', '郵件延遲\n您的郵件傳送至 kim@contoso.example 時發生暫時性問題。Gmail 將重試 47 小時。\n'],
  ['ko', '전송 지연\n메일이 kim@contoso.example에 전송되지 않았습니다. 일시적인 문제이며 Gmail에서 47시간 동안 다시 시도합니다.\n'],
  ['fr', "Distribution incomplète\nVotre message n'a pas été distribué à kim@contoso.example en raison d'un problème temporaire. Gmail réessaiera pendant encore 47 heures.\n"],
  ['es', 'Entrega incompleta\nTu mensaje no se ha entregado a kim@contoso.example por un problema temporal. Gmail volverá a intentarlo durante 47 horas más.\n'],
];
const GAVE_UP_WORDS: [lang: string, text: string][] = [
  ['zh-TW', '郵件退回\n您的郵件無法傳送至 kim@contoso.example。系統不會重試。\n'],
  ['es', 'Mensaje no entregado\nTu mensaje no se ha entregado a kim@contoso.example. No volverá a intentarlo.\n'],
  ['fr', "Message non remis\nVotre message n'a pas été distribué à kim@contoso.example. Le serveur ne réessaiera pas.\n"],
];

describe('a report that says it will try again, in other languages', () => {
  it.each(STILL_RETRYING)('%s: reads as a delay, the message still being retried', async (_lang, text) => {
    const b = await parseBounce(text);
    expect(b.recipients.map((r) => [r.address, r.status?.[0], r.stillRetrying])).toEqual([['kim@contoso.example', '4', true]]);
  });

  it.each(GAVE_UP_WORDS)('%s: "will not retry" is no delay', async (_lang, text) => {
    const b = await parseBounce(text);
    expect(b.recipients.map((r) => r.address)).toEqual(['kim@contoso.example']);
    expect(b.recipients[0]?.stillRetrying).toBeUndefined();
  });
});

// Gmail's "Message blocked" report, copied without its technical part: a bounce for the address it names, refused by
// the recipient's side (5.7.1 from the words), in every language as in English; not "not a bounce".
const GMAIL_BLOCKED: [lang: string, text: string][] = [
  ['en', 'Message blocked\nYour message to kim@contoso.example has been blocked. See technical details below for more information.\n'],
  ['ja', 'メッセージがブロックされました\nkim@contoso.example へのメールはブロックされました。詳しくは、以下の技術情報をご覧ください。\n'],
  ['ko', '메시지가 차단됨\nkim@contoso.example(으)로 보낸 메시지가 차단되었습니다. 자세한 내용은 아래 기술 정보를 참조하세요.\n'],
  ['zh-TW', '郵件已遭封鎖\n您寄給 kim@contoso.example 的郵件已遭封鎖。如需詳細資訊，請參閱下方的技術詳細資料。\n'],
  ['fr', 'Message bloqué\nVotre message destiné à kim@contoso.example a été bloqué. Pour en savoir plus, consultez les détails techniques ci-dessous.\n'],
  ['sv', 'Meddelandet blockerades\nDitt meddelande till kim@contoso.example har blockerats. Mer information finns i den tekniska informationen nedan.\n'],
];

describe("Gmail's 'Message blocked' report without its technical part", () => {
  it.each(GMAIL_BLOCKED)('%s: a bounce for the address it names, a refusal by the recipient\'s side (5.7.1)', async (lang, text) => {
    const b = await parseBounce(text);
    expect(b.isBounce).toBe(true);
    expect(b.language).toBe(lang);
    expect(b.recipients.map((r) => [r.address, r.status, r.statusInferred])).toEqual([['kim@contoso.example', '5.7.1', true]]);
  });
});
