/**
 * A DMARC rejection in a report written by the sender's own server (Postfix's "mail system at host
 * mail.northwind.example"), with no IP in it: that server's address in DNS is what SPF is evaluated for, as
 * the SPF card does, and the card says whose address it is and that the verdict is likely, not confirmed.
 * Through the real parser, the playbooks and a real DNS server.
 */
import { diagnose } from '../../bot/diagnosis';
import { diagnosisText } from '../../bot/cards';
import { parseBounce } from '../../bot/ndr';
import { postfixLaptopReport } from '../helpers/bounces';
import { startDnsServer, type TestDnsServer, type ZoneData } from '../helpers/dns-server';
import { checksFor } from '../helpers/scenarios';

/** The sender's domain publishing `spf`, its mail server mail.<domain> at 198.51.100.10, and DMARC p=reject. */
function zone(domain: string, spf: string): ZoneData {
  return {
    [domain]: [{ TXT: spf }, { MX: [10, `mail.${domain}`] }],
    [`mail.${domain}`]: [{ A: '198.51.100.10' }],
    [`_dmarc.${domain}`]: [{ TXT: 'v=DMARC1; p=reject' }],
  };
}

let dns: TestDnsServer;
beforeAll(async () => {
  dns = await startDnsServer({});
});
afterAll(() => dns.stop());

/** Outlook.com's DMARC rejection of mail from `domain`, in the report its own Postfix wrote. */
async function diagnosed(domain: string, spf: string): Promise<Awaited<ReturnType<typeof diagnose>>> {
  dns.setZone(zone(domain, spf));
  const reply = `550 5.7.509 Access denied, sending domain ${domain} does not pass DMARC verification and has a DMARC policy of reject.`;
  const bounce = await parseBounce(postfixLaptopReport({ domain, recipient: 'grace@fabrikam.example', reply, dsn: true }));
  return diagnose(bounce, { checks: checksFor(dns.address) });
}

describe('a DMARC rejection reported by the sender’s own server, with no IP', () => {
  it('a record that doesn’t list the server: SPF for its address is the fix, as likely, naming the server', async () => {
    const d = await diagnosed('tailspin.example', 'v=spf1 ip4:198.51.100.99 -all');
    expect(d.playbook).toBe('authentication');
    expect(d.verdict).toMatchObject({ cause: 'ip-not-authorized', confidence: 'likely' });
    const text = diagnosisText(d, 'en', {}, 'cli');
    expect(text).toMatch(/doesn't authorize 198\.51\.100\.10, the address of mail\.tailspin\.example, the server that sent the message/);
    expect(text).toMatch(/Sending IP: 198\.51\.100\.10 \(mail\.tailspin\.example, from DNS\)/);
    expect(text).toContain('v=spf1 ip4:198.51.100.99 ip4:198.51.100.10 -all');
    // The laptop's hop into the server is never taken for the sending IP.
    expect(text).not.toContain('203.0.113.50');
    expect(diagnosisText(d, 'ja', {}, 'cli')).toContain('サーバー mail.tailspin.example のアドレス 198.51.100.10 を許可していません');
  });

  it('a record that lists the server: its pass proves less than a fail, so the missing DKIM signature stays the fix', async () => {
    const d = await diagnosed('northwind.example', 'v=spf1 ip4:198.51.100.10 -all');
    expect(d.verdict.cause).toBe('dkim-not-signing');
    const text = diagnosisText(d, 'en', {}, 'cli');
    expect(text).toMatch(/Sending IP: 198\.51\.100\.10 \(mail\.northwind\.example, from DNS\)/);
    expect(text).not.toMatch(/the receiving server reported|your server reported/);
    expect(text).not.toContain('203.0.113.50');
  });
});
