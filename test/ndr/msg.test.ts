/** Outlook .msg files: a saved NDR (REPORT.IPM.Note.NDR), a note with an NDR pasted in, broken files. */
import { parseBounce } from '../../bot/ndr';
import { writeMsg } from '../fixtures/ndr/tools/msg-writer';
import { fixtureBytes } from './fixtures';

describe('Outlook .msg', () => {
  it('reads a saved Japanese NDR: body, recipient table and transport headers', async () => {
    const b = await parseBounce(fixtureBytes('ja', 'new-layout-5.7.23.msg'), { filename: '配信不能.msg' });
    expect(b.inputFormat).toBe('msg');
    expect(b.isBounce).toBe(true);
    expect(b.recipients).toEqual([expect.objectContaining({ address: 'sato.kenji@contoso.example', status: '5.7.23', replyCode: '550' })]);
    expect(b.recipients[0]?.wrapped?.status).toBe('5.7.1');
    expect(b.language).toBe('ja');
    expect(b.microsoft365).toBe(true);
    expect(b.senderDomain).toBe('fabrikam.example');
    expect(b.originalSubject).toBe('第1四半期の請求書について');
  });

  it('reads a .msg whose name says nothing (sniffed from content)', async () => {
    const b = await parseBounce(fixtureBytes('ja', 'new-layout-5.7.23.msg'), { filename: 'attachment.bin' });
    expect(b.inputFormat).toBe('msg');
    expect(b.recipients[0]?.status).toBe('5.7.23');
  });

  it('reads the recipient table alone when the NDR body is empty', async () => {
    const msg = writeMsg({ '001A': 'REPORT.IPM.Note.NDR', '0037': 'Undeliverable: Offer', '0067': 'sales@fabrikam.example', '0049': 'Offer' }, [
      {
        '3001': 'Kari Nordmann',
        '39FE': 'kari@contoso.example',
        '0C1B': "mx.contoso.example Remote Server returned '550 5.7.23 The message was rejected because of Sender Policy Framework violation'",
      },
    ]);
    const b = await parseBounce(msg);
    expect(b.isBounce).toBe(true);
    expect(b.recipients).toEqual([expect.objectContaining({ address: 'kari@contoso.example', status: '5.7.23', replyCode: '550' })]);
    expect(b.sender).toBe('sales@fabrikam.example');
    expect(b.originalSubject).toBe('Offer');
  });

  it('reads an NDR that a user pasted into an ordinary Outlook item', async () => {
    const b = await parseBounce(fixtureBytes('en', 'pasted-in-note.msg'), { filename: 'FW Undeliverable.msg' });
    expect(b.isBounce).toBe(true);
    expect(b.recipients[0]).toMatchObject({ address: 'alex.wu@contoso.example', status: '5.7.23', remoteMta: 'mx1.contoso.example' });
    expect(b.sendingIp).toBe('203.0.113.5');
  });

  it('says an out-of-office item is an auto-reply', async () => {
    const msg = writeMsg({ '001A': 'IPM.Note.Rules.OofTemplate.Microsoft', '0037': 'Automatic reply: Offer', '1000': 'I am away until Monday.' });
    const b = await parseBounce(msg);
    expect(b.isBounce).toBe(false);
    expect(b.kind).toBe('auto-reply');
  });

  it('says a damaged .msg is unreadable instead of failing', async () => {
    const good = fixtureBytes('ja', 'new-layout-5.7.23.msg');
    const damaged = new Uint8Array(good.length);
    damaged.set(good.subarray(0, 512));
    const b = await parseBounce(damaged, { filename: 'broken.msg' });
    expect(b.isBounce).toBe(false);
    expect(b.kind).toBe('unreadable');
  });
});
