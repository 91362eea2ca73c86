/** Realistic bounce texts built in the test, so each test shows the domain and words it relies on. */

export interface ExoBounceOptions {
  senderDomain: string;
  sender?: string;
  recipient?: string;
  /** The remote server's own words after the `->` of Exchange's wrapper. */
  remoteText?: string;
  sendingIp?: string;
}

/** What a person copies out of Outlook from an Exchange Online 5.7.23 NDR (classic layout). */
export function exoSpfBounceText(o: ExoBounceOptions): string {
  const sender = o.sender ?? `ada@${o.senderDomain}`;
  const recipient = o.recipient ?? 'grace@fabrikam.example';
  const remote = o.remoteText ?? `550 5.7.1 Message rejected: SPF check failed for ${o.senderDomain}`;
  return [
    'Delivery has failed to these recipients or groups:',
    '',
    `${recipient} (${recipient})`,
    "Your message wasn't delivered because the recipient's email provider rejected it.",
    '',
    'Diagnostic information for administrators:',
    '',
    'Generating server: AM6PR04MB1234.eurprd04.prod.outlook.com',
    '',
    recipient,
    'mx1.fabrikam.example',
    `Remote Server returned '550 5.7.23 The message was rejected because of Sender Policy Framework violation -> ${remote}'`,
    '',
    'Original message headers:',
    '',
    'Received: from AM6PR04MB1234.eurprd04.prod.outlook.com ([fe80::1]) by AM6PR04MB1234.eurprd04.prod.outlook.com',
    ' ([fe80::1%5]) with mapi id 15.20.7000.000; Mon, 16 Nov 2026 09:12:33 +0000',
    `From: Ada Lovelace <${sender}>`,
    `To: Grace Hopper <${recipient}>`,
    'Subject: Quarterly figures',
    'Date: Mon, 16 Nov 2026 09:12:31 +0000',
    `Message-ID: <AM6PR04MB1234ABCD@AM6PR04MB1234.eurprd04.prod.outlook.com>`,
    ...(o.sendingIp ? [`Authentication-Results: spf=fail (sender IP is ${o.sendingIp}) smtp.mailfrom=${o.senderDomain};`] : []),
    'MIME-Version: 1.0',
    '',
  ].join('\n');
}
