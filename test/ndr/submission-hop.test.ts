/**
 * The sending IP is the address of the server the rejecting server talked to. When Microsoft 365 passed
 * a message on to a server of another organization, that server saw a Microsoft 365 address (or the
 * tenant's outbound gateway's); the hop into Microsoft 365 that the original headers record (a scanner, an
 * app, an on-premises server, a client's X-Originating-IP) is not it.
 */
import { parseBounce } from '../../bot/ndr';
import { exoNdrText, postfixLaptopReport } from '../helpers/bounces';

const RECIPIENT = 'grace@fabrikam.example';
const SUBMITTED = 'Received: from SCANNER01 (203.0.113.50) by AM6PR04MB1234.eurprd04.prod.outlook.com (2603:10a6:208:1::1) with Microsoft SMTP Server (version=TLS1_2) id 15.20.7000.000 via Frontend Transport; Mon, 16 Nov 2026 09:12:33 +0000';
const ORIGINAL = ['From: Scanner <scanner@contoso.example>', `To: ${RECIPIENT}`, 'Subject: Scan', 'Date: Mon, 16 Nov 2026 09:12:31 +0000', 'MIME-Version: 1.0'];

function exo(reply: string, headers: string[], remoteHost?: string): string {
  return exoNdrText({ recipient: RECIPIENT, recipientLine: `${RECIPIENT} (${RECIPIENT})`, explanation: "Your message wasn't delivered because the recipient's email provider rejected it.", reply, headers, ...(remoteHost ? { remoteHost } : {}) });
}

describe('the hop into Microsoft 365 is not the sending IP of a message Microsoft 365 passed on', () => {
  test('a scanner submitting through Microsoft 365, rejected by the recipient’s own server (Exchange wraps its reply)', async () => {
    const b = await parseBounce(exo('550 5.7.23 The message was rejected because of Sender Policy Framework violation -> 550 5.7.1 SPF check failed', [SUBMITTED, ...ORIGINAL]));
    expect(b.microsoft365).toBe(true);
    expect(b.recipients[0]?.wrapped?.status).toBe('5.7.1');
    expect(b.sendingIp).toBeUndefined();
    expect(b.sendingIpSource).toBeUndefined();
  });

  test("a client's X-Originating-IP, rejected by a named remote server", async () => {
    const text = [
      'Delivery has failed to these recipients or groups:',
      '',
      RECIPIENT,
      '',
      'Diagnostic information for administrators:',
      '',
      'Generating server: AM6PR04MB1234.eurprd04.prod.outlook.com',
      '',
      RECIPIENT,
      'mx1.fabrikam.example',
      "Remote Server returned '550 5.7.23 The message was rejected because of Sender Policy Framework violation'",
      '',
      'Original message headers:',
      '',
      ORIGINAL[0]!,
      'X-Originating-IP: [203.0.113.51]',
      ...ORIGINAL.slice(1),
    ].join('\n');
    const b = await parseBounce(text);
    expect(b.recipients[0]?.remoteMta).toBe('mx1.fabrikam.example');
    expect(b.sendingIp).toBeUndefined();
  });

  test('what the remote server itself reported stays the sending IP', async () => {
    const b = await parseBounce(exo('550 5.7.23 The message was rejected because of Sender Policy Framework violation -> 550 5.7.1 SPF check failed for [198.51.100.7]', [SUBMITTED, ...ORIGINAL]));
    expect(b.sendingIp).toBe('198.51.100.7');
    expect(b.sendingIpSource).toBe('remote-reply');
  });

  test('a message Exchange Online refused itself, coming in, keeps the hop it took in', async () => {
    // The recipient's mail host is Exchange Online: the hop into it is the address it checked.
    const b = await parseBounce(
      exo(
        '550 5.7.23 The message was rejected because of Sender Policy Framework violation',
        ['Received: from mail.northwind.example (mail.northwind.example [198.51.100.23]) by AM6PR04MB1234.eurprd04.prod.outlook.com with ESMTPS id abc; Mon, 16 Nov 2026 09:12:33 +0000', ...ORIGINAL],
        'fabrikam-example.mail.protection.outlook.com',
      ),
    );
    expect(b.microsoft365).toBe(true);
    expect(b.sendingIp).toBe('198.51.100.23');
    expect(b.sendingIpSource).toBe('received');
  });
});

/** A Postfix report of the sender's own mail server: the remote server's reply, the DSN, and the original's headers. */
function postfixReport(reply: string, dsn: boolean): string {
  return postfixLaptopReport({ domain: 'contoso.example', recipient: RECIPIENT, reply, dsn });
}

describe('the hop into the sender’s own mail server is not the sending IP of a message it passed on', () => {
  test.each([
    ['with the delivery-status part', true],
    ['the text alone', false],
  ])('a laptop submitting to Postfix, rejected by the recipient’s server (%s)', async (_name, dsn) => {
    const b = await parseBounce(postfixReport('550 5.7.1 Message rejected: SPF check failed for contoso.example', dsn));
    expect(b.microsoft365).toBe(false);
    expect(b.recipients[0]?.remoteMta).toBe('mx1.fabrikam.example');
    // The recipient's server saw mail.contoso.example's address, not the laptop's.
    expect(b.sendingIp).toBeUndefined();
    expect(b.sendingIpSource).toBeUndefined();
  });

  test('what the remote server itself reported stays the sending IP', async () => {
    const b = await parseBounce(postfixReport('550 5.7.1 SPF check failed: client ip 198.51.100.10 not permitted', true));
    expect(b.sendingIp).toBe('198.51.100.10');
    expect(b.sendingIpSource).toBe('remote-reply');
  });
});
