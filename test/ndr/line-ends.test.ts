/**
 * A saved bounce reads the same whatever its line ends: LF (Unix), CRLF (Windows, and the wire) or CR alone
 * (classic Mac OS, which sisimai's corpus keeps a set of). With CR alone, nothing used to see a header block
 * or a MIME part, and most such files read as "not a bounce".
 */
import { readFileSync, readdirSync } from 'node:fs';
import { parseBounce, type Bounce } from '../../bot/ndr';
import { exoSpfBounceText } from '../helpers/bounces';
import { describeWithShared, sharedPath } from '../helpers/shared';

/** What a person sees of a reading: whether it is a bounce, and each recipient with its codes. */
function gist(b: Bounce): unknown {
  return { kind: b.kind, sender: b.senderDomain, recipients: b.recipients.map((r) => [r.address, r.status, r.replyCode]) };
}

function withEnds(lf: Buffer, end: '\r\n' | '\r'): Uint8Array {
  return new Uint8Array(Buffer.from(lf.toString('latin1').replace(/\r?\n/g, end), 'latin1'));
}

describeWithShared(['bounces', 'eml'], 'line ends of saved bounces', () => {
  const files = readdirSync(sharedPath('bounces', 'eml')).filter((f) => f.endsWith('.eml'));

  it.each(['\r', '\r\n'] as const)('reads every corpus file with %j line ends as it reads it with LF', async (end) => {
    expect(files.length).toBeGreaterThan(300);
    const differ: string[] = [];
    let bounces = 0;
    for (const file of files) {
      const lf = readFileSync(sharedPath('bounces', 'eml', file));
      const want = await parseBounce(new Uint8Array(lf), { filename: file });
      if (want.isBounce) bounces++;
      const got = await parseBounce(withEnds(lf, end), { filename: file });
      if (JSON.stringify(gist(got)) !== JSON.stringify(gist(want))) differ.push(file);
    }
    expect(bounces).toBeGreaterThan(300);
    expect(differ).toEqual([]);
  });
});

describe('line ends of a bounce built here', () => {
  const text = exoSpfBounceText({ senderDomain: 'contoso.example' });

  it.each(['\r\n', '\r'] as const)('reads a pasted bounce with %j line ends as with LF', async (end) => {
    const want = await parseBounce(text);
    expect(want.isBounce).toBe(true);
    expect(await parseBounce(text.replace(/\n/g, end)).then(gist)).toEqual(gist(want));
  });

  it('reads a saved .eml with CR line ends, sender and code included', async () => {
    const eml = ['From: MAILER-DAEMON@mx.fabrikam.example', 'To: ada@contoso.example', 'Subject: Undelivered Mail Returned to Sender', 'MIME-Version: 1.0', 'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"', '', '--b1', 'Content-Type: text/plain', '', '<bob@fabrikam.example>: host mx.fabrikam.example said: 550 5.1.1 <bob@fabrikam.example>: Recipient address rejected: User unknown', '', '--b1', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.contoso.example', '', 'Final-Recipient: rfc822; bob@fabrikam.example', 'Action: failed', 'Status: 5.1.1', 'Diagnostic-Code: smtp; 550 5.1.1 User unknown', '', '--b1--', ''].join('\r');
    const b = await parseBounce(new Uint8Array(Buffer.from(eml)), { filename: 'bounce.eml' });
    expect(b.isBounce).toBe(true);
    expect(b.inputFormat).toBe('eml');
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([['bob@fabrikam.example', '5.1.1']]);
  });
});
