/**
 * A bounce pasted in two messages, the first already answered: when the later message is the rest of the
 * same report, the two are read as one; when it is anything else, it is not.
 */
import { parseBounce } from '../../bot/ndr';
import { continuesReport } from '../../bot/ndr/continuation';
import { exoSpfBounceText } from '../helpers/bounces';

const whole = exoSpfBounceText({ senderDomain: 'contoso.example', sendingIp: '198.51.100.7' });

/** As the bot reads two messages: each as Teams delivers it (no trailing blank line), joined by a line break. */
async function read(first: string, later: string): Promise<boolean> {
  const [a, b] = [first.trimEnd(), later.trim()];
  return continuesReport(await parseBounce(a), await parseBounce(`${a}\n${b}`), b);
}

describe('the rest of a bounce, after its first part', () => {
  it('is the same report told more when it adds the sending IP of the original headers', async () => {
    const cut = whole.indexOf('Authentication-Results:');
    expect(await read(whole.slice(0, cut), whole.slice(cut))).toBe(true);
  });

  it('is the same report told more when it starts at the heading of the original headers', async () => {
    const cut = whole.indexOf('Original message headers:');
    const headersWithoutSender = whole.slice(cut).replace(/^From: .*\n/m, '');
    expect(await read(whole.slice(0, cut), headersWithoutSender)).toBe(true);
  });

  it('is the same report told more when it adds the original headers that name the sender', async () => {
    const cut = whole.indexOf('Original message headers:');
    expect(await read(whole.slice(0, cut), whole.slice(cut))).toBe(true);
  });

  it.each([
    ['a reply that adds nothing', 'Thanks! I will forward this to our admin.'],
    ['a sentence that quotes a header line', 'Could this be it? Authentication-Results: spf=fail (sender IP is 198.51.100.7) smtp.mailfrom=contoso.example;'],
    ['the same part pasted again', 'Original message headers:\nFrom: Ada Lovelace <ada@contoso.example>'],
    ['another message’s headers (its own Message-ID)', 'Message-ID: <another@example.net>\nAuthentication-Results: spf=pass (sender IP is 192.0.2.44) smtp.mailfrom=example.net;'],
    ['another sender’s headers (its own From)', 'From: Mallory <mallory@example.net>\nAuthentication-Results: spf=pass (sender IP is 192.0.2.44) smtp.mailfrom=example.net;'],
  ])('is not %s', async (_what, later) => {
    const cut = whole.indexOf('Authentication-Results:');
    expect(await read(whole.slice(0, cut), later)).toBe(false);
  });

  it('is not the rest of a different report: a recipient’s code reads differently once both are read', async () => {
    const first = await parseBounce(whole);
    const other = await parseBounce(exoSpfBounceText({ senderDomain: 'contoso.example', recipient: 'lin@fabrikam.example' }));
    expect(continuesReport(first, other, 'Received: from x by y')).toBe(false);
  });
});
