/** Pasted Exchange Online NDR text (English): what a support engineer copies from Outlook. */
import { parseBounce } from '../../bot/ndr';
import { fixtureText } from './fixtures';

describe('pasted Exchange Online NDR, classic layout', () => {
  it('reads the 5.7.23 code, the recipient, the remote host and the wrapped remote reply', async () => {
    const b = await parseBounce(fixtureText('en', 'classic-5.7.23.txt'));
    expect(b.isBounce).toBe(true);
    expect(b.kind).toBe('bounce');
    expect(b.recipients).toHaveLength(1);
    const r = b.recipients[0]!;
    expect(r.address).toBe('alex.wu@contoso.example');
    expect(r.status).toBe('5.7.23');
    expect(r.replyCode).toBe('550');
    expect(r.remoteMta).toBe('mx1.contoso.example');
    expect(r.diagnostic).toContain('Sender Policy Framework violation');
    expect(r.wrapped).toEqual({
      status: '5.7.1',
      replyCode: '550',
      text: '550 5.7.1 <alex.wu@contoso.example>: Recipient address rejected: SPF check failed for fabrikam.example from [203.0.113.5]',
    });
  });

  it('finds the sender in the original message headers and the IP in the remote reply', async () => {
    const b = await parseBounce(fixtureText('en', 'classic-5.7.23.txt'));
    expect(b.sender).toBe('mika.tanaka@fabrikam.example');
    expect(b.senderDomain).toBe('fabrikam.example');
    expect(b.senderSource).toBe('from');
    expect(b.sendingIp).toBe('203.0.113.5');
    expect(b.sendingIpSource).toBe('remote-reply');
    expect(b.generatingServer).toBe('TYCPR01MB8123.jpnprd01.prod.outlook.com');
    expect(b.microsoft365).toBe(true);
    expect(b.originalSubject).toBe('Q1 invoice');
    expect(b.originalMessageId).toBe('TYCPR01MB8123A1B2C3D4E5F6@TYCPR01MB8123.jpnprd01.prod.outlook.com');
  });
});

describe('pasted Exchange Online NDR, new layout (Error Details)', () => {
  it('reads the reported error, the remote server and the DSN generator', async () => {
    const b = await parseBounce(fixtureText('en', 'new-layout-5.7.23.txt'));
    expect(b.isBounce).toBe(true);
    const r = b.recipients[0]!;
    expect(b.recipients).toHaveLength(1);
    expect(r.address).toBe('alex.wu@contoso.example');
    expect(r.status).toBe('5.7.23');
    expect(r.replyCode).toBe('550');
    expect(r.remoteMta).toBe('mx1.contoso.example');
    expect(r.wrapped?.status).toBe('5.7.1');
    expect(r.wrapped?.text).toContain('SPF fail for fabrikam.example');
    expect(b.generatingServer).toBe('TYCPR01MB8123.jpnprd01.prod.outlook.com');
    expect(b.microsoft365).toBe(true);
  });

  it('takes the sender from the headers and the IP the remote server named', async () => {
    const b = await parseBounce(fixtureText('en', 'new-layout-5.7.23.txt'));
    expect(b.sender).toBe('mika.tanaka@fabrikam.example');
    expect(b.senderDomain).toBe('fabrikam.example');
    expect(b.sendingIp).toBe('203.0.113.5');
    expect(b.arrivalDate).toBe('2025-03-14T09:12:41.000Z');
  });

  it('uses the "Sender Address:" line when the original headers were not pasted', async () => {
    const text = fixtureText('en', 'new-layout-5.7.23.txt').split('Message Hops')[0]!;
    const b = await parseBounce(text);
    expect(b.sender).toBe('mika.tanaka@fabrikam.example');
    expect(b.senderSource).toBe('text');
    expect(b.recipients[0]?.address).toBe('alex.wu@contoso.example');
  });
});

describe('pasted Exchange Online NDR, newer Error Details ("Error:", "Message rejected by:")', () => {
  const details = (rejectedBy: string, error: string): string =>
    [
      "Your message to grace@fabrikam.example couldn't be delivered.",
      "The recipient's email provider rejected it.",
      '',
      'Error Details',
      `Error:    ${error}`,
      `Message rejected by:    ${rejectedBy}`,
      'Notification details:    Mon, 16 Nov 2026 09:12:35 +0000',
    ].join('\n');

  it("names the recipient's server that refused it as the remote server", async () => {
    const b = await parseBounce(details('mx1.fabrikam.example', '550 5.7.1 Message rejected due to content restrictions'));
    expect(b.recipients[0]).toMatchObject({ address: 'grace@fabrikam.example', status: '5.7.1', remoteMta: 'mx1.fabrikam.example' });
    expect(b.generatingServer).toBeUndefined();
  });

  it('names Microsoft 365 as the server that wrote the report when it refused the message itself', async () => {
    const b = await parseBounce(details('PH0PR11MB1234.namprd11.prod.outlook.com', '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'));
    expect(b.recipients[0]?.remoteMta).toBeUndefined();
    expect(b.generatingServer).toBe('PH0PR11MB1234.namprd11.prod.outlook.com');
  });
});

describe('a few pasted lines', () => {
  it('reads a lone "Remote Server returned" line', async () => {
    const b = await parseBounce(fixtureText('en', 'snippet-5.7.23.txt'));
    expect(b.isBounce).toBe(true);
    expect(b.recipients).toHaveLength(1);
    expect(b.recipients[0]?.status).toBe('5.7.23');
    expect(b.recipients[0]?.wrapped?.status).toBe('5.7.1');
    expect(b.sendingIp).toBe('198.51.100.23');
  });

  it('reads an NDR whose line breaks Outlook collapsed', async () => {
    const collapsed = fixtureText('en', 'classic-5.7.23.txt').replace(/\s*\n\s*/g, ' ');
    const b = await parseBounce(collapsed);
    expect(b.isBounce).toBe(true);
    expect(b.recipients[0]?.address).toBe('alex.wu@contoso.example');
    expect(b.recipients[0]?.status).toBe('5.7.23');
    expect(b.recipients[0]?.wrapped?.status).toBe('5.7.1');
    expect(b.sender).toBe('mika.tanaka@fabrikam.example');
    expect(b.generatingServer).toBe('TYCPR01MB8123.jpnprd01.prod.outlook.com');
  });
});

describe('an address the sender typed that is no address (5.1.3)', () => {
  // Exchange lists the recipient as typed and explains the format with an example address of its own.
  const ndr = [
    'Delivery has failed to these recipients or groups:',
    '',
    'kim@fabrikam',
    "The format of the email address isn't correct. A correct address looks like this: someone@example.com. Please check the recipient's email address and try to resend the message.",
    '',
    'Diagnostic information for administrators:',
    '',
    'Generating server: EXCH01.contoso.example',
    '',
    'kim@fabrikam',
    '#550 5.1.3 STOREDRV.Submit; invalid recipient address ##',
  ].join('\n');

  it('names the recipient as typed, never the example address', async () => {
    const b = await parseBounce(ndr);
    expect(b.isBounce).toBe(true);
    expect(b.recipients).toHaveLength(1);
    expect(b.recipients[0]).toMatchObject({ name: 'kim@fabrikam', status: '5.1.3' });
    expect(b.recipients[0]!.address).toBeUndefined();
  });

  it("reads the user's part alone as a bounce for the recipient as typed", async () => {
    const b = await parseBounce(ndr.split('\nDiagnostic information for administrators:')[0]!);
    expect(b.kind).toBe('bounce');
    expect(b.recipients).toEqual([expect.objectContaining({ name: 'kim@fabrikam', status: '5.1.3', statusInferred: true })]);
    expect(b.recipients[0]!.address).toBeUndefined();
  });

  it('takes no example address for the recipient when the administrators\' section names none', async () => {
    const b = await parseBounce(ndr.replace(/\nkim@fabrikam\n#550/, '\n#550'));
    expect(b.recipients.map((r) => r.address)).not.toContain('someone@example.com');
    expect(b.recipients[0]?.status).toBe('5.1.3');
  });
});

describe('text that is not a bounce', () => {
  it('says an ordinary message is not a bounce, even with numbers that look like codes', async () => {
    const b = await parseBounce(fixtureText('en', 'not-a-bounce.txt'));
    expect(b.isBounce).toBe(false);
    expect(b.kind).toBe('ordinary-message');
    expect(b.recipients).toEqual([]);
  });

  it.each(['', '   \n\t  '])('says %j is empty', async (input) => {
    const b = await parseBounce(input);
    expect(b.isBounce).toBe(false);
    expect(b.kind).toBe('empty');
  });
});

describe('size caps', () => {
  it('refuses pasted text over the text cap without reading it', async () => {
    const b = await parseBounce(`${fixtureText('en', 'classic-5.7.23.txt')}${'x'.repeat(5000)}`, undefined, { maxTextBytes: 4096 });
    expect(b.kind).toBe('too-large');
    expect(b.isBounce).toBe(false);
    expect(b.recipients).toEqual([]);
    expect(b.sizeLimit).toBe(4096);
  });

  it('refuses a file over the file cap, separately from the text cap', async () => {
    const bytes = new Uint8Array(10_000);
    const b = await parseBounce(bytes, { filename: 'big.eml' }, { maxFileBytes: 9_999, maxTextBytes: 100_000 });
    expect(b.kind).toBe('too-large');
    expect(b.inputBytes).toBe(10_000);
  });
});

describe("Exchange's X.400-style wrapper around a remote reply (#< #5.0.0 smtp;…> #SMTP#)", () => {
  const ndr = (line: string): string =>
    [
      'Delivery has failed to these recipients or groups:',
      '',
      'bob@fabrikam.example',
      "The recipient's e-mail system rejected the message.",
      '',
      'Diagnostic information for administrators:',
      '',
      'Generating server: EX01.contoso.example',
      '',
      'bob@fabrikam.example',
      line,
      '',
      'Original message headers:',
      '',
      'From: Ada <ada@contoso.example>',
      'To: bob@fabrikam.example',
      'Subject: figures',
    ].join('\n');
  const REPLY = '550 5.7.1 Message rejected: SPF check failed for contoso.example';

  it.each([
    [`mx1.fabrikam.example #<mx1.fabrikam.example #5.0.0 smtp;${REPLY}> #SMTP#`, 'mx1.fabrikam.example'],
    [`#< #5.0.0 smtp;${REPLY}> #SMTP#`, undefined],
    // The server that wrote the report is no remote host, even where Exchange writes it there.
    [`EX01.contoso.example #<EX01.contoso.example #5.0.0 smtp;${REPLY}> #SMTP#`, undefined],
  ])('quotes what the server said, not the wrapper: %s', async (line, remoteMta) => {
    const b = await parseBounce(ndr(line));
    expect(b.recipients).toHaveLength(1);
    const r = b.recipients[0]!;
    expect(r.address).toBe('bob@fabrikam.example');
    expect(r.diagnostic).toBe(REPLY);
    expect([r.replyCode, r.status]).toEqual(['550', '5.7.1']);
    expect(r.remoteMta).toBe(remoteMta);
  });
});
