/**
 * The SPF verdict, scenario by scenario: the real parser, the real SPF engine over the test DNS server,
 * the diagnosis. Each row says what a senior mail admin would conclude, and the steps that follow.
 */
import { diagnosisText } from '../../bot/cards';
import type { SpfDiagnosis } from '../../bot/diagnosis/playbooks/spf';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server';
import { runScenario, SPF_SCENARIOS, SPF_ZONE } from './spf-scenarios';

let dns: TestDnsServer;

beforeAll(async () => {
  dns = await startDnsServer(SPF_ZONE);
});
afterAll(() => dns.stop());

describe.each(SPF_SCENARIOS.map((s) => [s.name, s] as const))('%s', (_name, s) => {
  let d: SpfDiagnosis;
  beforeAll(async () => {
    d = (await runScenario(s, dns)) as SpfDiagnosis;
  });

  it(`is judged ${s.expect.cause} (${s.expect.confidence})`, () => {
    expect(d.playbook).toBe('spf');
    if (s.raw) expect(d.senderDomain).toBe(s.expect.senderDomain ?? 'godwit.example');
    expect({ cause: d.verdict.cause, confidence: d.verdict.confidence }).toEqual({ cause: s.expect.cause, confidence: s.expect.confidence });
  });

  it('has the steps that follow from that verdict', () => {
    expect(d.steps.map((x) => `${x.id}:${x.state}`)).toEqual(s.expect.steps);
  });

  it(s.expect.adminMessage ? 'drafts the message for the receiving side' : 'drafts no message for the receiving side', () => {
    expect(Boolean(d.remoteAdmin)).toBe(s.expect.adminMessage);
  });

  if (s.expect.ruledOut || s.expect.evidence || s.expect.detail) {
    it('names its evidence and what it rules out', () => {
      if (s.expect.ruledOut) expect(d.verdict.ruledOut).toEqual(expect.arrayContaining(s.expect.ruledOut));
      if (s.expect.evidence) expect(d.verdict.evidence.slice(0, s.expect.evidence.length)).toEqual(s.expect.evidence);
      if (s.expect.detail) expect(d.verdict.detail).toMatchObject(s.expect.detail);
    });
  }
});

describe('rules that hold in every scenario', () => {
  let all: SpfDiagnosis[];
  beforeAll(async () => {
    all = [];
    for (const s of SPF_SCENARIOS) all.push((await runScenario(s, dns)) as SpfDiagnosis);
  });

  it('never calls the record a problem for a cause outside the record', () => {
    const record = new Set(['no-record', 'record-invalid', 'm365-not-authorized', 'ip-not-authorized', 'no-senders']);
    for (const d of all) {
      const recordStep = d.steps.find((s) => s.id === 'verify-spf');
      if (recordStep?.state === 'problem') expect(record.has(d.verdict.cause)).toBe(true);
    }
  });

  it('never suspects the High Risk Delivery Pool when the sending IP passes SPF', () => {
    for (const d of all.filter((x) => x.spf?.ipResult?.result === 'pass')) {
      expect(d.verdict.cause).not.toBe('high-risk-delivery-pool');
      expect(d.steps.filter((s) => s.id === 'check-hrdp').every((s) => s.state === 'ok')).toBe(true);
      expect(d.verdict.ruledOut).toContain('high-risk-delivery-pool');
    }
  });

  it('says a Microsoft IP is not covered only when its evaluation reached a result (not a permerror)', () => {
    const withNotCovered = all.filter((x) => x.spf?.findings.some((f) => f.code === 'm365.ip-not-covered'));
    expect(withNotCovered.length).toBeGreaterThan(0);
    for (const d of withNotCovered) expect(['fail', 'softfail', 'neutral', 'none']).toContain(d.spf?.ipResult?.result);
    const broken = all.filter((x) => x.verdict.cause === 'record-invalid' && x.sendingIp?.startsWith('40.107.'));
    expect(broken.length).toBeGreaterThan(1);
    for (const d of broken) expect(d.spf?.findings.map((f) => f.code)).not.toContain('m365.ip-not-covered');
  });

  it('never says a record receivers discard authorizes Microsoft 365', () => {
    const invalid = all.filter((x) => x.verdict.cause === 'record-invalid' && x.spf?.findings.some((f) => f.code === 'm365.include.present'));
    expect(invalid.length).toBeGreaterThan(0);
    for (const d of invalid) {
      const present = d.spf!.findings.find((f) => f.code === 'm365.include.present')!;
      expect({ severity: present.severity, ignored: present.params.ignored }).toEqual({ severity: 'warning', ignored: true });
    }
  });

  it('does not speak of a missing include in a record that does not exist', () => {
    for (const d of all.filter((x) => x.verdict.cause === 'no-record')) expect(d.spf?.findings.map((f) => f.code)).not.toContain('m365.include.missing');
  });

  it('calls a verdict confirmed only when the sending IP itself was evaluated', () => {
    // A domain that doesn't exist, or a record that lets no server pass, fails whatever IP sent the message.
    for (const d of all.filter((x) => x.verdict.confidence === 'confirmed' && !['domain-not-found', 'no-senders'].includes(x.verdict.cause))) {
      expect(d.spf?.ipResult).toBeDefined();
    }
  });

  it('drafts the admin message only when the record is right, saying only what was checked', () => {
    for (const d of all.filter((x) => x.remoteAdmin)) {
      expect(d.verdict.cause).toBe('receiving-side');
      // An address read from DNS for the host that wrote the bounce is not one the receiving server reported.
      expect(d.remoteAdmin!.checked === 'ip-passes').toBe(d.spf?.ipResult?.result === 'pass' && !d.spf.sendingIp?.host);
    }
  });
});

describe('a record that authorizes no server, on the card', () => {
  const line = async (name: string, locale: 'en' | 'ja'): Promise<string | undefined> => {
    const d = await runScenario(SPF_SCENARIOS.find((x) => x.name.startsWith(name))!, dns);
    const marker = locale === 'en' ? 'The record authorizes no server:' : 'このレコードはどのサーバーも許可していません。';
    return diagnosisText(d, locale).split('\n').find((l) => l.includes(marker) && /^\S+ /u.test(l));
  };

  it.each(['en', 'ja'] as const)('is the fault behind a bounce (%s): ❌, and the -all line is not shown as praise beside it', async (locale) => {
    expect(await line('a record that authorizes no server (v=spf1 -all)', locale)).toMatch(/^❌ /u);
    const d = await runScenario(SPF_SCENARIOS.find((x) => x.name.startsWith('a record that authorizes no server (v=spf1 -all)'))!, dns);
    expect(diagnosisText(d, 'en')).not.toContain('The record ends in -all');
  });

  it.each(['en', 'ja'] as const)('is a question for `check <domain>` (%s): ⚠️', async (locale) => {
    expect(await line('check: a record that authorizes no server', locale)).toMatch(/^⚠️ /u);
  });
});

describe('records a support engineer meets, on the card', () => {
  const card = async (name: string, locale: 'en' | 'ja' | 'fr' = 'en'): Promise<string> => {
    const s = SPF_SCENARIOS.find((x) => x.name === name);
    if (!s) throw new Error(`no scenario ${name}`);
    return diagnosisText(await runScenario(s, dns), locale, {}, 'cli');
  };

  it('a check of a broken record speaks of no bounce (there is none)', async () => {
    const text = await card('check: a redirect to a domain without SPF');
    expect(text).not.toMatch(/bounce/i);
    expect(text).toContain('whichever server sends the mail');
  });

  it('a redirect is called a redirect: no include to remove, and no "no all term" beside the permerror', async () => {
    const text = await card('a redirect to a domain without SPF');
    expect(text).toContain('redirect=_spf.gone-provider.example');
    expect(text).not.toContain('include:_spf.gone-provider.example');
    expect(text).not.toMatch(/includes _spf\.gone-provider\.example/);
    expect(text).not.toContain('no all term');
  });

  it.each(['en', 'fr'] as const)('a misspelt Microsoft 365 include is corrected, not removed and added again (%s)', async (locale) => {
    const text = await card('Microsoft 365’s include misspelt (.con)', locale);
    expect(text).toContain('include:spf.protection.outlook.con');
    expect(text).toMatch(/include:spf\.protection\.outlook\.con\b[^\n]*include:spf\.protection\.outlook\.com/);
    // One instruction, not "remove it" in one line and "add the include" in another.
    expect(text.match(/Add include:spf\.protection\.outlook\.com|Ajoutez include:spf\.protection\.outlook\.com/g)).toBeNull();
  });

  it('an include of any other domain without SPF keeps "remove it or correct it" (guard)', async () => {
    const text = await card('an include of another domain without SPF is not taken for a misspelt Microsoft 365 include');
    expect(text).toContain('Remove include:gone-provider.example, or correct it');
  });

  it('a record misspelt at its version is shown, and corrected in place, keeping its terms', async () => {
    const name = 'a record misspelt at its version (v=spf 1)';
    const d = (await runScenario(SPF_SCENARIOS.find((x) => x.name === name)!, dns)) as SpfDiagnosis;
    // Its own range kept, Microsoft 365's include added (the bounce came from Exchange Online), and the IP passes.
    expect(d.spf?.suggestion).toMatchObject({ record: 'v=spf1 ip4:198.51.100.0/24 include:spf.protection.outlook.com -all', verified: 'pass' });
    const text = await card(name);
    expect(text).toContain('  v=spf 1 ip4:198.51.100.0/24 -all');
    expect(text).toContain('Replace the TXT record “v=spf 1 ip4:198.51.100.0/24 -all”');
    expect(text).not.toContain('No SPF record is published');
    expect(text).not.toContain('Publish this record as a TXT record on the domain');
  });

  it.each(['en', 'ja'] as const)('a record published with its quotes gets the same record back without them (%s)', async (locale) => {
    const name = 'check: a record published with its quotes';
    const d = (await runScenario(SPF_SCENARIOS.find((x) => x.name === name)!, dns)) as SpfDiagnosis;
    expect(d.spf?.suggestion?.record).toBe('v=spf1 include:spf.protection.outlook.com -all');
    const text = await card(name, locale);
    expect(text).toContain('"v=spf1 include:spf.protection.outlook.com -all"');
    expect(text).toContain(locale === 'en' ? 'Publish this record in place of the misspelt one.' : '綴りを誤ったレコードの代わりに');
  });

  it('a TXT record that is not meant as SPF is not taken for a misspelt one (guard)', async () => {
    const text = await card('no SPF record');
    expect(text).toContain('No SPF record is published for norecord.example.');
    expect(text).not.toContain('google-site-verification');
  });

  it('one dead term is one lookup that "returned", not "return", nothing', async () => {
    const text = await card('check: one term that points to a name without records');
    expect(text).toContain("⚠️ 1 of the record's lookups returned nothing (onevoid.example: a:old-mail.onevoid.example");
  });

  it.each([
    ['check: a record ending in ?all', 'ends in ?all'],
    ['check: a record with no all term, and a passing IP', 'has no all term'],
  ])('%s: valid, but not "in order" beside the warning to end it in -all or ~all', async (name, says) => {
    const text = await card(name);
    expect(text.split('\n')[4]).toContain(says);
    expect(text).not.toContain('is in order');
    expect(text).toMatch(/end it in ~all or -all/);
  });

  it.each([
    ['a record ending in ?all, no sending IP: the receiving side, and ?all to change', 'ends in ?all'],
    ['a Postfix bounce, a record ending in ?all', 'ends in ?all'],
    ['a record with no all term, sending IP passes', 'has no all term'],
  ])('%s: the rejection is the receiving side’s, and the verdict names the weak all term the findings warn about', async (name, says) => {
    const text = await card(name);
    const verdict = text.split('\n').find((l) => l.startsWith('The SPF record of'))!;
    expect(verdict).toContain('the problem is on the receiving side');
    expect(verdict).toContain(says);
    expect(text).not.toContain('is right');
    expect(text).not.toContain('✅ 1. Check the SPF record');
    expect(text).toMatch(/👉 1\. Check the SPF record[^\n]*\n[^\n]*end it in ~all or -all/);
  });

  it.each([
    ['check: a record that uses ptr', 'is valid but not in order'],
    ['a record that uses ptr, no sending IP', 'The check still found things in the record to fix'],
    ['check: one term that points to a name without records', 'is valid but not in order'],
  ])('%s: a valid record with a warning of its own is not "in order" or "right"', async (name, says) => {
    const text = await card(name);
    expect(text).toContain(says);
    expect(text).toMatch(/⚠️ /);
    expect(text).not.toMatch(/is in order|is right/);
    expect(text).toContain('but fix the warnings under “What the check found”');
  });

  it.each(['ja', 'fr'] as const)('a record that uses ptr is not "in order" in %s either', async (locale) => {
    const text = await card('check: a record that uses ptr', locale);
    expect(text).toContain(locale === 'ja' ? '問題がないとは言えません' : 'valide, mais pas en ordre');
    expect(text).not.toContain(locale === 'ja' ? 'SPF レコードに問題はありません' : 'est en ordre.');
  });

  it('no IP in the bounce: the address of the sender’s own server that wrote it is tested, and the card says whose address it is', async () => {
    const text = await card('a Postfix bounce from the sender’s own server, whose address the record doesn’t list');
    const lines = text.split('\n');
    expect(text).toContain("Cause: the SPF record of selfhosted.example doesn't authorize 198.51.100.77, the address of mail.selfhosted.example, the server that sent the message.");
    expect(text).toContain("Likely: the bounce doesn't show the IP the receiving server saw. mail.selfhosted.example wrote the bounce");
    expect(text).toContain('Sending IP: 198.51.100.77 (mail.selfhosted.example, from DNS)');
    // Where the address came from, then what it gave.
    const from = lines.findIndex((l) => l.startsWith("ℹ️ The bounce doesn't show the sending IP. mail.selfhosted.example wrote it"));
    expect(from).toBeGreaterThan(0);
    expect(lines[from + 1]).toContain('❌ The sending IP 198.51.100.77 fails the SPF check of selfhosted.example');
    expect(text).toContain('v=spf1 ip4:198.51.100.0/28 ip4:198.51.100.77 -all');
  });

  it('no IP in the bounce, and the own server’s address passes: the receiving side, and the message to its admin claims no reported address', async () => {
    const text = await card('a Postfix bounce from the sender’s own server, whose address the record lists');
    expect(text).toContain('the problem is on the receiving side');
    expect(text).toContain('and the result is pass.');
    expect(text).toContain('We checked our SPF record on');
    expect(text).toContain('it is published once and is valid.');
    expect(text).not.toContain('the address your server reported');
  });

  it.each([
    ['a Postfix bounce from a provider’s server: its address says nothing of the sending IP'],
    ['a Postfix bounce from the sender’s server with no address in DNS'],
    ['a bounce written by the sender’s server whose address is private'],
  ])('%s: no address is tested in its place', async (name) => {
    const text = await card(name);
    expect(text).not.toContain('Sending IP');
    expect(text).not.toContain('203.0.113.99');
    expect(text).toContain("Likely: the record is valid, but the bounce doesn't show which IP the receiving server saw, so I couldn't test that address.");
  });

  it('the tested address and its host, in Japanese', async () => {
    const text = await card('a Postfix bounce from the sender’s own server, whose address the record doesn’t list', 'ja');
    expect(text).toContain('メッセージを送信したサーバー mail.selfhosted.example のアドレス 198.51.100.77 を許可していません');
    expect(text).toContain('198.51.100.77 (mail.selfhosted.example、DNS から)');
  });

  it.each(['en', 'ko'] as const)('over the lookup limit: what costs what, the record’s own terms by name, and no advice to copy providers’ ranges (%s)', async (locale) => {
    const d = await runScenario(SPF_SCENARIOS.find((x) => x.name === 'check: services stacked past the lookup limit')!, dns);
    const text = diagnosisText(d, locale, {}, 'cli');
    const step = text.split('\n').find((l) => l.includes(locale === 'en' ? 'Bring the record down' : 'DNS 조회를 10회 이하로'))!;
    if (locale === 'en') {
      expect(step).toContain("_spf.suite.example (4), _spf.crm.example (3), and the record's own terms (2)");
      expect(step).toContain("Don't copy a provider's ranges in place of its include");
      expect(step).not.toContain('replace them with the ip4 and ip6 ranges');
    } else {
      expect(step).toContain('_spf.suite.example(4), _spf.crm.example(3) 및 레코드 자체의 항목(2)');
    }
    expect(text).not.toMatch(/=\d/);
  });

  it('a record ending in +all is never called in order or right', async () => {
    for (const name of ['check: a record ending in +all', 'check: a record ending in +all, with an IP', 'a record ending in +all, no sending IP: not the High Risk Delivery Pool']) {
      const text = await card(name);
      const [, , , , headline] = text.split('\n');
      expect(headline).toContain('+all');
      expect(text).not.toMatch(/is in order|record of plusall\.example is right|The record is valid and (authorizes|passes)/);
      expect(text).not.toContain("couldn't test that address");
    }
  });

  it('a record ending in +all: the High Risk Delivery Pool is ruled out without the sending IP (ja)', async () => {
    const text = await card('a record ending in +all, no sending IP: not the High Risk Delivery Pool', 'ja');
    expect(text).toContain('高リスク配信プールが原因ではありません');
  });
});
