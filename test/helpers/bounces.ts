/** Realistic bounce texts built in the test, so each test shows the domain and words it relies on. */

export interface ExoBounceOptions {
  senderDomain: string;
  sender?: string;
  recipient?: string;
  /** The remote server's own words after the `->` of Exchange's wrapper. */
  remoteText?: string;
  sendingIp?: string;
}

export interface ExoNdrOptions {
  recipient: string;
  /** The remote server's reply as Exchange quotes it after "Remote Server returned". */
  reply: string;
  /** The original message's header lines the NDR quotes. */
  headers: readonly string[];
  /** The recipient line of the user section ("grace@… (grace@…)" in Outlook's layout) and the sentence below it. */
  recipientLine?: string;
  explanation?: string;
  /** The remote server Exchange names above its reply. */
  remoteHost?: string;
}

/** An Exchange Online NDR in the classic text layout, as a person copies it out of Outlook. */
export function exoNdrText(o: ExoNdrOptions): string {
  return [
    'Delivery has failed to these recipients or groups:',
    '',
    o.recipientLine ?? o.recipient,
    ...(o.explanation ? [o.explanation] : []),
    '',
    'Diagnostic information for administrators:',
    '',
    'Generating server: AM6PR04MB1234.eurprd04.prod.outlook.com',
    '',
    o.recipient,
    o.remoteHost ?? 'mx1.fabrikam.example',
    `Remote Server returned '${o.reply}'`,
    '',
    'Original message headers:',
    '',
    ...o.headers,
    '',
  ].join('\n');
}

/** The original message's headers that most test bounces share after their own From or authentication lines. */
export function quotedHeaders(recipient: string, before: readonly string[] = []): string[] {
  return [...before, `To: <${recipient}>`, 'Subject: Quarterly figures', 'Date: Mon, 16 Nov 2026 09:12:31 +0000'];
}

/** What a person copies out of Outlook from an Exchange Online 5.7.23 NDR (classic layout). */
export function exoSpfBounceText(o: ExoBounceOptions): string {
  const sender = o.sender ?? `ada@${o.senderDomain}`;
  const recipient = o.recipient ?? 'grace@fabrikam.example';
  const remote = o.remoteText ?? `550 5.7.1 Message rejected: SPF check failed for ${o.senderDomain}`;
  return exoNdrText({
    recipient,
    recipientLine: `${recipient} (${recipient})`,
    explanation: "Your message wasn't delivered because the recipient's email provider rejected it.",
    reply: `550 5.7.23 The message was rejected because of Sender Policy Framework violation -> ${remote}`,
    headers: [
      'Received: from AM6PR04MB1234.eurprd04.prod.outlook.com ([fe80::1]) by AM6PR04MB1234.eurprd04.prod.outlook.com',
      ' ([fe80::1%5]) with mapi id 15.20.7000.000; Mon, 16 Nov 2026 09:12:33 +0000',
      `From: Ada Lovelace <${sender}>`,
      `To: Grace Hopper <${recipient}>`,
      'Subject: Quarterly figures',
      'Date: Mon, 16 Nov 2026 09:12:31 +0000',
      `Message-ID: <AM6PR04MB1234ABCD@AM6PR04MB1234.eurprd04.prod.outlook.com>`,
      ...(o.sendingIp ? [`Authentication-Results: spf=fail (sender IP is ${o.sendingIp}) smtp.mailfrom=${o.senderDomain};`] : []),
      'MIME-Version: 1.0',
    ],
  });
}

/**
 * An Exchange Online 5.7.23 NDR in its new layout as Exchange writes it in Simplified Chinese (zh-CN), with
 * the header lines a zh-CN Outlook puts above it when a person copies it out: zhang@fabrikam.example's message
 * to wang@contoso.example, refused because fabrikam.example's SPF record does not designate `sendingIp`.
 */
export function exoZhCnSpfNdrText(sendingIp: string, remoteHost = 'mail.contoso.example'): string {
  return `发件人: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@fabrikam.example>
发送时间: 2026年3月4日 10:15
收件人: 张伟 <zhang@fabrikam.example>
主题: 无法传递: 报价单

你发送到 wang@contoso.example 的邮件无法传递。

contoso.example 的邮件服务器拒绝了这封邮件，因为发件人域的 SPF 验证失败。

解决方法
域的电子邮件管理员必须确认域的 SPF 记录包含所有发送邮件的服务器。

面向电子邮件管理员的详细信息
状态代码: 550 5.7.23

原始邮件详细信息
创建日期: 2026/3/4 2:15:02
发件人地址: zhang@fabrikam.example
收件人地址: wang@contoso.example
主题: 报价单

错误详细信息
报告的错误: 550 5.7.23 The message was rejected because of Sender Policy Framework violation -> 550 5.7.1 Rejected by SPF: fabrikam.example does not designate ${sendingIp} as permitted sender
DSN 生成者: SG2PR06MB5012.apcprd06.prod.outlook.com
远程服务器: ${remoteHost}
`;
}

/** The opening of the report Postfix writes when it gave up on a message (its delay notice opens otherwise). */
export function postfixGaveUpOpening(host: string): string[] {
  return [`This is the mail system at host ${host}.`, '', "I'm sorry to have to inform you that your message could not be delivered to one or more recipients."];
}

/** The opening of Postfix's delay notice: it keeps retrying. */
export function postfixDelayOpening(host: string): string[] {
  return [`This is the mail system at host ${host}.`, '', '# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #', '', 'Your message could not be delivered for more than 4 hour(s).', 'It will be retried until it is 5 day(s) old.'];
}

/**
 * A Postfix report written by the sender's own mail server (mail.<domain>): the recipient's server refused
 * the message with `reply`; the original's headers show the hop a laptop took into that server. `delay`:
 * Postfix's delay notice (it keeps retrying), not its final report.
 */
export function postfixLaptopReport(o: { domain: string; recipient: string; reply: string; dsn: boolean; delay?: boolean }): string {
  const host = `mail.${o.domain}`;
  const opening = o.delay ? postfixDelayOpening(host) : postfixGaveUpOpening(host);
  return [
    ...opening,
    '',
    `<${o.recipient}>: host mx1.fabrikam.example[192.0.2.25] said: ${o.reply} (in reply to end of DATA command)`,
    '',
    ...(o.dsn ? [`Reporting-MTA: dns; ${host}`, '', `Final-Recipient: rfc822; ${o.recipient}`, `Action: ${o.delay ? 'delayed' : 'failed'}`, 'Status: 5.7.1', 'Remote-MTA: dns; mx1.fabrikam.example', `Diagnostic-Code: smtp; ${o.reply}`, ''] : []),
    `Return-Path: <ada@${o.domain}>`,
    'Received: from laptop (unknown [203.0.113.50])',
    `\tby ${host} (Postfix) with ESMTPSA id 4F1A2B3C4D`,
    `\tfor <${o.recipient}>; Mon, 16 Nov 2026 09:12:31 +0000 (UTC)`,
    `From: Ada <ada@${o.domain}>`,
    `To: ${o.recipient}`,
    'Subject: Quarterly figures',
    'Date: Mon, 16 Nov 2026 09:12:31 +0000',
    '',
  ].join('\n');
}
