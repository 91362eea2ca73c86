/**
 * A bounce described in a question typed into the chat: the card and the message it drafts for the receiving
 * side's admin quote what the server said (the code, and any words of its the person gives), never the
 * person's own sentence as "the exact error your server returned". Through the real parser, the playbooks and
 * a real DNS server.
 */
import { diagnosisText, SUPPORTED_LOCALES } from '../../bot/cards';
import { diagnose } from '../../bot/diagnosis';
import { parseBounce } from '../../bot/ndr';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { checksFor } from '../helpers/scenarios';

let dns: TestDnsServer;
beforeAll(async () => {
  // A valid record: the receiving side is then whom to write to.
  dns = await startDnsServer({ 'contoso.example': [{ TXT: 'v=spf1 mx -all' }, { MX: [10, 'mx.contoso.example'] }, { A: '198.51.100.10' }], 'mx.contoso.example': [{ A: '198.51.100.10' }] });
});
afterAll(() => dns.stop());

const QUESTION = 'Getting 550 5.7.23 when sending from ada@contoso.example to bob@fabrikam.example, what should I do?';

describe('the SPF card for a typed question', () => {
  it.each(SUPPORTED_LOCALES.map((l) => [l]))('quotes the code as the server’s words, not the question (%s)', async (locale) => {
    const d = await diagnose(await parseBounce(QUESTION), { checks: checksFor(dns.address) });
    expect(d.verdict.cause).toBe('receiving-side');
    const text = diagnosisText(d, locale, {}, 'cli');
    expect(text).toContain('postmaster@fabrikam.example');
    expect(text).not.toMatch(/what should I do|Getting 550|when sending from/);
    // The message for the admin quotes the error: the code the person gave.
    const lines = text.split('\n');
    const to = lines.findIndex((l) => l.includes('postmaster@fabrikam.example'));
    expect(lines.slice(to).some((l) => l.trim() === '550 5.7.23')).toBe(true);
  });

  it('shows the code once, as the error code: no "what the server said" that only repeats it', async () => {
    const d = await diagnose(await parseBounce(QUESTION), { checks: checksFor(dns.address) });
    const text = diagnosisText(d, 'en', {}, 'cli');
    expect(text).toMatch(/Error code: 550 5\.7\.23/);
    expect(text).not.toMatch(/What the receiving server said/);
  });

  it('a reply with words keeps them under "what the server said" (guard)', async () => {
    const d = await diagnose(await parseBounce('User ada@contoso.example gets 550 5.7.23 The message was rejected because of Sender Policy Framework violation'), { checks: checksFor(dns.address) });
    expect(diagnosisText(d, 'en', {}, 'cli')).toMatch(/What the receiving server said:\n\s+550 5\.7\.23 The message was rejected because of Sender Policy Framework violation/);
  });
});
