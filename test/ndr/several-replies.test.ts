/**
 * Habits of real bounces the parser once misread: Exchange's `#550 … ##` lines for several recipients,
 * the Exchange 2000/2003 layout, an address named only inside the reply, a success notice that lists
 * addresses, and a Postfix reply with no enhanced code.
 */
import { parseBounce } from '../../bot/ndr';

const codes = (b: Awaited<ReturnType<typeof parseBounce>>): [string | undefined, string | undefined, string | undefined][] =>
  b.recipients.map((r) => [r.address, r.status, r.replyCode]);

describe('Exchange classic layout with several recipients', () => {
  const head = ['Delivery has failed to these recipients or groups:', '', 'kim@fabrikam.example', '', 'lee.gu@tailspin.example', '', 'Diagnostic information for administrators:', '', 'Generating server: EX01.contoso.local', ''];

  it('keeps each recipient\'s own reply when a `#550 … ##` line is followed by the next recipient', async () => {
    const b = await parseBounce(
      [...head, 'kim@fabrikam.example', '#550 5.1.10 RESOLVER.ADR.RecipientNotFound; not found ##', '', 'lee.gu@tailspin.example', "Remote Server returned '554 5.7.1 <lee.gu@tailspin.example>: Relay access denied'", ''].join('\n'),
    );
    expect(codes(b)).toEqual([
      ['kim@fabrikam.example', '5.1.10', '550'],
      ['lee.gu@tailspin.example', '5.7.1', '554'],
    ]);
  });

  it('reads `host #550 … ##` lines, with the host as the server that answered', async () => {
    const b = await parseBounce(
      [...head, 'kim@fabrikam.example', 'mx.fabrikam.example #550 5.1.1 <kim@fabrikam.example>: User unknown ##', '', 'lee.gu@tailspin.example', 'mx.tailspin.example #554 5.7.1 <lee.gu@tailspin.example>: Relay access denied ##', ''].join('\n'),
    );
    expect(codes(b)).toEqual([
      ['kim@fabrikam.example', '5.1.1', '550'],
      ['lee.gu@tailspin.example', '5.7.1', '554'],
    ]);
    expect(b.recipients.map((r) => r.remoteMta)).toEqual(['mx.fabrikam.example', 'mx.tailspin.example']);
  });

  it('still reads `##rfc822;user@x` on the same line as the recipient', async () => {
    const b = await parseBounce([...head.slice(0, 6), 'Diagnostic information for administrators:', '', '#550 5.2.2 STOREDRV.Deliver: mailbox full ##rfc822;kim@fabrikam.example', ''].join('\n'));
    expect(codes(b)).toEqual([['kim@fabrikam.example', '5.2.2', '550']]);
  });
});

describe('Exchange 2000/2003 layout', () => {
  it('reads each `<host #5.x.x smtp;reply>` entry, a recipient shown by name taking the address its reply names', async () => {
    const b = await parseBounce(
      [
        'Your message did not reach some or all of the intended recipients.',
        '',
        '      Subject:\tMeeting notes',
        '',
        'The following recipient(s) cannot be reached:',
        '',
        "      'Liu Wei' on 3/14/2011 10:21 AM",
        "            The e-mail address you entered couldn't be found.",
        '            <mail.contoso.example #5.1.1 smtp;550 5.1.1 <liu.wei@fabrikam.example>... User unknown>',
        '',
        "      'ops@fabrikam.example' on 3/14/2011 10:21 AM",
        "            The recipient's mailbox is full and can't accept messages now.",
        '            <mail.contoso.example #5.2.2 smtp;552 5.2.2 <ops@fabrikam.example>... Mailbox full>',
        '',
      ].join('\n'),
    );
    expect(b.isBounce).toBe(true);
    expect(codes(b)).toEqual([
      ['liu.wei@fabrikam.example', '5.1.1', '550'],
      ['ops@fabrikam.example', '5.2.2', '552'],
    ]);
  });
});

describe('Exchange 2000/2003 layout without the remote reply', () => {
  it('keeps every entry, named or addressed, each with its own status', async () => {
    const b = await parseBounce(
      [
        'Your message did not reach some or all of the intended recipients.',
        '',
        'The following recipient(s) could not be reached:',
        '',
        '      Dana Berg on 10/4/2024 5:12 PM',
        '            The e-mail account does not exist at the organization this message was sent to.',
        '            <mx.contoso.example #5.1.1>',
        '',
        '      carl@contoso.example on 10/4/2024 5:12 PM',
        "            The recipient's mailbox is full and can't accept messages now.",
        '            <mx.contoso.example #5.2.2>',
        '',
        '      Eve Ek on 10/4/2024 5:12 PM',
        '            You do not have permission to send to this recipient.',
        '            <mx.contoso.example #5.7.1>',
        '',
      ].join('\n'),
    );
    expect(b.recipients.map((r) => [r.address ?? r.name, r.status])).toEqual([
      ['Dana Berg', '5.1.1'],
      ['carl@contoso.example', '5.2.2'],
      ['Eve Ek', '5.7.1'],
    ]);
  });
});

describe('an address named only inside the reply', () => {
  it('is the recipient of a bounce whose sentence is in a language the text readers do not know', async () => {
    const b = await parseBounce(
      ['アドレスが見つかりません', '', 'メッセージは yamada@example-jp.example に配信されませんでした。', '', 'リモート サーバーからの応答:', '550 5.1.1 <yamada@example-jp.example>: Recipient address rejected: User unknown', ''].join('\n'),
    );
    expect(codes(b)).toEqual([['yamada@example-jp.example', '5.1.1', '550']]);
  });

  it('is not taken when it is the sender\'s own address', async () => {
    const b = await parseBounce(
      ['Delivery has failed:', '', 'Remote Server returned: 550 5.7.1 <ada@contoso.example>: Sender address rejected', '', 'Original message headers:', '', 'From: Ada <ada@contoso.example>', 'To: someone', ''].join('\n'),
    );
    expect(b.recipients.map((r) => r.address)).not.toContain('ada@contoso.example');
  });
});

describe('success notices', () => {
  it('a "Relayed" report whose text lists the recipient is not a bounce', async () => {
    const b = await parseBounce(
      [
        'From: postmaster@contoso.example',
        'To: anna@contoso.example',
        'Subject: Relayed: Contract',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
        '',
        '--r',
        'Content-Type: text/plain',
        '',
        'Delivery to these recipients or groups is complete, but no delivery notification was sent by the destination server:',
        '',
        'legal@partner-firm.example',
        '',
        '--r',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns;EXCH01.corp.contoso.local',
        '',
        'Final-Recipient: rfc822;legal@partner-firm.example',
        'Action: relayed',
        'Status: 2.0.0',
        '',
        '--r--',
        '',
      ].join('\r\n'),
    );
    expect(b.isBounce).toBe(false);
    expect(b.recipients).toEqual([]);
  });
});

describe('Postfix replies without an enhanced code', () => {
  it('a `host mx[ip] said: 554 …` line is a bounce with its reply code', async () => {
    const b = await parseBounce('<bob@example.org>: host mx.example.org[192.0.2.7] said: 554 go away (in reply to RCPT\n    TO command)\n');
    expect(b.isBounce).toBe(true);
    expect(codes(b)).toEqual([['bob@example.org', undefined, '554']]);
  });

  it('"refused to talk to me", wrapped as Postfix wraps it, is a bounce', async () => {
    const b = await parseBounce('<old@example.net>: host mx1.example.net[192.0.2.80] refused to talk to\n    me: 554 mx1.example.net 203.0.113.66 found on one or more DNSBLs\n');
    expect(b.isBounce).toBe(true);
    expect(b.recipients[0]?.address).toBe('old@example.net');
    expect(b.recipients[0]?.replyCode).toBe('554');
  });

  it('the same words in a person\'s message about a bounce, with no recipient line, are not a bounce', async () => {
    const b = await parseBounce('Hi team, yesterday a host said something odd about our mail. Can you look? Thanks, Ada');
    expect(b.isBounce).toBe(false);
  });
});

describe('a reply code followed by a colon', () => {
  it('is read (qmail and Yahoo: `554: delivery error: …`)', async () => {
    const b = await parseBounce(
      ['Sorry, we were unable to deliver your message to the following address.', '', '<jdoe@yahoo.example>:', "554: delivery error: dd This user doesn't have a yahoo.example account (jdoe@yahoo.example) [0] - mta4011.mail.bf1.yahoo.example", ''].join('\n'),
    );
    expect(b.recipients.map((r) => [r.address, r.replyCode])).toEqual([['jdoe@yahoo.example', '554']]);
  });
});

describe('a recipient named twice, first with words and then with the reply', () => {
  it("keeps the server's codes from the second mention (a localized classic NDR)", async () => {
    const b = await parseBounce(
      [
        'No se pudo entregar a estos destinatarios o grupos:',
        '',
        'rrhh@asesoria-valencia.example',
        'El buzón del destinatario está lleno y no puede aceptar mensajes ahora mismo.',
        '',
        'Información de diagnóstico para administradores:',
        '',
        'Servidor de generación: MAD1P195MB0012.EURP195.PROD.OUTLOOK.COM',
        '',
        'rrhh@asesoria-valencia.example',
        "El servidor remoto devolvió '552 5.2.2 <rrhh@asesoria-valencia.example>: Recipient address rejected: Mailbox quota exceeded'",
      ].join('\n'),
    );
    expect(codes(b)).toEqual([['rrhh@asesoria-valencia.example', '5.2.2', '552']]);
    expect(b.recipients[0]?.statusInferred).toBeUndefined();
    expect(b.recipients[0]?.diagnostic).toMatch(/Mailbox quota exceeded/);
  });
});
