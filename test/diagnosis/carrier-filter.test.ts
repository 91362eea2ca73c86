/**
 * Japan's mobile carriers answer "User unknown" when the recipient's own reception settings refuse the
 * sender: au (KDDI) as "550 : User unknown", with the address left out, and NTT docomo as "Unknown user" to
 * the message itself (end of DATA) rather than to RCPT TO. The address exists, so the card must not tell the
 * sender it doesn't: the recipient has to allow the sender. Reports written here the way Postfix and sendmail
 * write them, through the parser, the registry and the test DNS server.
 */
import { diagnosisText } from '../../bot/cards';
import { diagnose, type Diagnosis } from '../../bot/diagnosis';
import { parseBounce } from '../../bot/ndr';
import { postfixGaveUpOpening } from '../helpers/bounces';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { checksFor } from '../helpers/scenarios';

let dns: TestDnsServer;
beforeAll(async () => {
  dns = await startDnsServer({
    'ezweb.ne.jp': [{ MX: [10, 'lsean.ezweb.ne.jp'] }],
    'lsean.ezweb.ne.jp': [{ A: '192.0.2.31' }],
    'docomo.ne.jp': [{ MX: [10, 'mfsmax.docomo.ne.jp'] }],
    'mfsmax.docomo.ne.jp': [{ A: '192.0.2.32' }],
    'fabrikam.example': [{ MX: [10, 'mx1.fabrikam.example'] }],
    'mx1.fabrikam.example': [{ A: '192.0.2.25' }],
  });
});
afterAll(() => dns.stop());

async function postfix(recipient: string, host: string, reply: string, command: 'RCPT TO' | 'end of DATA'): Promise<Diagnosis> {
  const text = [
    ...postfixGaveUpOpening('mail.contoso.example'),
    '',
    `<${recipient}>: host ${host}[192.0.2.30] said: ${reply} (in reply to ${command} command)`,
    '',
    'From: Ada <ada@contoso.example>',
    `To: ${recipient}`,
    'Subject: 打ち合わせの件',
    '',
  ].join('\n');
  return diagnose(await parseBounce(text), { checks: checksFor(dns.address) });
}

/** sendmail's report: its transcript shows the refusal came after DATA, and its status for it is 5.2.0. */
async function sendmail(recipient: string, host: string, reply: string): Promise<Diagnosis> {
  const text = [
    'The original message was received at Mon, 16 Nov 2026 18:12:31 +0900',
    'from localhost [127.0.0.1]',
    '',
    '   ----- The following addresses had permanent fatal errors -----',
    `<${recipient}>`,
    `    (reason: ${reply})`,
    '',
    '   ----- Transcript of session follows -----',
    `... while talking to ${host}.:`,
    '>>> DATA',
    `<<< ${reply}`,
    '554 5.0.0 Service unavailable',
    '',
    'Reporting-MTA: dns; mail.contoso.example',
    '',
    `Final-Recipient: RFC822; ${recipient}`,
    'Action: failed',
    'Status: 5.2.0',
    `Remote-MTA: DNS; ${host}`,
    `Diagnostic-Code: SMTP; ${reply}`,
    '',
  ].join('\n');
  return diagnose(await parseBounce(text), { checks: checksFor(dns.address) });
}

describe('a Japanese mobile carrier that refuses the sender by the recipient’s reception settings', () => {
  it.each([
    ['au, "550 : User unknown" after DATA', () => postfix('hanako@ezweb.ne.jp', 'lsean.ezweb.ne.jp', '550 : User unknown', 'end of DATA')],
    ['docomo, "Unknown user" after DATA', () => postfix('taro@docomo.ne.jp', 'mfsmax.docomo.ne.jp', '550 Unknown user taro@docomo.ne.jp', 'end of DATA')],
    ['docomo, in sendmail’s transcript (status 5.2.0)', () => sendmail('taro@docomo.ne.jp', 'mfsmax.docomo.ne.jp', '550 Unknown user taro@docomo.ne.jp')],
  ])('%s: the address most likely exists, the recipient must allow the sender', async (_name, run) => {
    const d = await run();
    expect(d.playbook).toBe('recipient');
    expect(d.verdict.cause).toBe('carrier-filter');
    expect(d.owner).toBe('recipient');
    expect(d.steps.map((s) => s.id)).toEqual(['ask-carrier-allow']);
    const ja = diagnosisText(d, 'ja');
    expect(ja).toContain('受信者の携帯キャリアの受信設定でメールが拒否されました');
    expect(ja).toContain('対処する人: 受信者本人');
    const en = diagnosisText(d, 'en');
    expect(en).toContain('the address most likely exists');
    expect(en).not.toMatch(/address (?:doesn't|does not) exist/i);
    // The same answer once meant an unknown address at docomo (bouncehammer's 2008 samples): the step has the sender check it with the recipient.
    expect(en).toContain('check the address with them');
  });
});

describe('the same words that do mean an unknown address', () => {
  it.each([
    ['au names the address, at RCPT TO', () => postfix('hanako@ezweb.ne.jp', 'lsean.ezweb.ne.jp', '550 <hanako@ezweb.ne.jp>: User unknown', 'RCPT TO')],
    ['docomo at RCPT TO', () => postfix('taro@docomo.ne.jp', 'mfsmax.docomo.ne.jp', '550 Unknown user taro@docomo.ne.jp', 'RCPT TO')],
    // Other mail systems may check addresses only at DATA: the carriers' habit is theirs alone.
    ['another mail system, after DATA', () => postfix('grace@fabrikam.example', 'mx1.fabrikam.example', '550 : User unknown', 'end of DATA')],
  ])('%s', async (_name, run) => {
    const d = await run();
    expect(d.playbook).toBe('recipient');
    expect(d.verdict.cause).toBe('address-unknown');
  });
});
