/**
 * DMARC aggregate reports (RFC 7489's rua) land in the same mailboxes as bounces and get pasted for the same
 * reason. They are no bounce, and not unreadable junk either: the bot says what they are.
 */
import { gzipSync } from 'node:zlib';
import { parseBounce } from '../../bot/ndr';
import { helpPlainText } from '../../bot/cards';

const XML = [
  '<?xml version="1.0" encoding="UTF-8" ?>',
  '<feedback>',
  '  <report_metadata><org_name>fabrikam.example</org_name><report_id>20261201.1</report_id></report_metadata>',
  '  <policy_published><domain>contoso.example</domain><adkim>r</adkim><aspf>r</aspf><p>none</p><pct>100</pct></policy_published>',
  '  <record><row><source_ip>203.0.113.9</source_ip><count>2</count><policy_evaluated><disposition>none</disposition><dkim>fail</dkim><spf>fail</spf></policy_evaluated></row></record>',
  '</feedback>',
].join('\n');

const NAME = 'fabrikam.example!contoso.example!1764547200!1764633599';

describe('DMARC aggregate reports', () => {
  it('names a pasted report, whose <p> is no HTML paragraph', async () => {
    const b = await parseBounce(XML);
    expect(b.isBounce).toBe(false);
    expect(b.kind).toBe('dmarc-report');
  });

  it('names one Teams delivered as HTML, its XML escaped in paragraphs', async () => {
    const html = XML.split('\n').map((l) => `<p>${l.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</p>`).join('');
    expect((await parseBounce(html, { contentType: 'text/html' })).kind).toBe('dmarc-report');
  });

  it('names the .xml file, and the gzipped one by the name reports are given', async () => {
    expect((await parseBounce(new Uint8Array(Buffer.from(XML)), { filename: `${NAME}.xml` })).kind).toBe('dmarc-report');
    const gz = new Uint8Array(gzipSync(Buffer.from(XML)));
    expect((await parseBounce(gz, { filename: `${NAME}.xml.gz` })).kind).toBe('dmarc-report');
    // The same bytes under another name are only binary data.
    expect((await parseBounce(gz, { filename: 'archive.gz' })).kind).toBe('unreadable');
  });

  it('names the mail that carries a report, by its subject', async () => {
    const eml = [
      'From: noreply-dmarc-support@fabrikam.example',
      'To: dmarc@contoso.example',
      `Subject: Report domain: contoso.example Submitter: fabrikam.example Report-ID: <20261201.1>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="r1"',
      '',
      '--r1',
      'Content-Type: text/plain',
      '',
      'This is an aggregate report from fabrikam.example.',
      '--r1',
      `Content-Type: application/zip; name="${NAME}.zip"`,
      'Content-Transfer-Encoding: base64',
      '',
      'UEsDBAoAAAAAAA==',
      '--r1--',
      '',
    ].join('\r\n');
    expect((await parseBounce(new Uint8Array(Buffer.from(eml)), { filename: 'report.eml' })).kind).toBe('dmarc-report');
  });

  it('says what it is, in the person’s language', () => {
    expect(helpPlainText('en', 'teams', { kind: 'dmarc-report' })).toContain('That is a DMARC aggregate report, not a bounce');
    expect(helpPlainText('fr', 'teams', { kind: 'dmarc-report' })).toContain('rapport agrégé DMARC');
  });
});
