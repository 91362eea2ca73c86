/**
 * A device that sends through Microsoft 365 (a scanner, an app): the bounce's headers name its own address
 * on the hop into Microsoft 365, but the recipient's server saw Microsoft 365's. The SPF answer must not
 * judge, or ask to authorize, the device's address.
 */
import { diagnose } from '../../bot/diagnosis';
import { diagnosisText } from '../../bot/cards';
import { parseBounce } from '../../bot/ndr';
import { exoNdrText, postfixLaptopReport } from '../helpers/bounces';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { checksFor } from '../helpers/scenarios';

let dns: TestDnsServer;
beforeAll(async () => {
  dns = await startDnsServer({
    'contoso.example': [{ TXT: 'v=spf1 include:spf.protection.outlook.com -all' }, { MX: [10, 'contoso-example.mail.protection.outlook.com'] }],
    'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 -all' }],
    // Its own mail server sends its mail: the record lists that server's address.
    'northwind.example': [{ TXT: 'v=spf1 ip4:198.51.100.10 -all' }, { MX: [10, 'mail.northwind.example'] }],
  });
});
afterAll(() => dns.stop());

test('a scanner’s 5.7.23 through Microsoft 365: the record is judged, not the scanner’s address', async () => {
  const recipient = 'grace@fabrikam.example';
  const bounce = await parseBounce(
    exoNdrText({
      recipient,
      reply: '550 5.7.23 The message was rejected because of Sender Policy Framework violation -> 550 5.7.1 SPF check failed for contoso.example',
      headers: [
        'Received: from SCANNER01 (203.0.113.50) by AM6PR04MB1234.eurprd04.prod.outlook.com (2603:10a6:208:1::1) with Microsoft SMTP Server (version=TLS1_2) id 15.20.7000.000 via Frontend Transport; Mon, 16 Nov 2026 09:12:33 +0000',
        'From: Scanner <scanner@contoso.example>',
        `To: ${recipient}`,
        'Subject: Scan',
      ],
    }),
  );
  const d = await diagnose(bounce, { checks: checksFor(dns.address) });
  const text = diagnosisText(d, 'en');
  // The record lets Microsoft 365 send for contoso.example: the failure is on the receiving side, and the
  // card never says the record fails to authorize the scanner, nor asks to add its address.
  expect(d.verdict.cause).toBe('receiving-side');
  expect(text).not.toContain('203.0.113.50');
  expect(text).toContain('include:spf.protection.outlook.com');
});

test('a laptop’s 5.7.1 SPF rejection reported by the sender’s own Postfix: the laptop’s address is never judged nor added', async () => {
  const recipient = 'grace@fabrikam.example';
  const bounce = await parseBounce(postfixLaptopReport({ domain: 'northwind.example', recipient, reply: '550 5.7.1 Message rejected: SPF check failed for northwind.example', dsn: true }));
  const d = await diagnose(bounce, { checks: checksFor(dns.address) });
  const text = diagnosisText(d, 'en');
  // mx1.fabrikam.example saw mail.northwind.example, which the record lists: the laptop's address (the hop
  // into Postfix) is not "the address the receiving server reported", and adding it would authorize a laptop.
  expect(d.verdict.cause).toBe('receiving-side');
  expect(text).not.toContain('203.0.113.50');
  expect(text).not.toContain('ip4:203.0.113.50');
});
