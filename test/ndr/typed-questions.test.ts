/**
 * A bounce described in a person's own words, typed into the chat instead of pasted: the sender and the
 * recipient they name, in the languages people type in. Guards: a report's own words are never read this
 * way, a mail daemon is never the sender, and an address the question only mentions is not taken for either.
 */
import { parseBounce } from '../../bot/ndr';

const ADA = 'ada@contoso.example';
const BOB = 'bob@fabrikam.example';

describe('a question typed in words', () => {
  it.each([
    ['Getting 550 5.7.23 when sending from ada@contoso.example to bob@fabrikam.example'],
    ['Getting 550 5.7.23 when mailing bob@fabrikam.example from ada@contoso.example'],
    ['NDR 5.7.23 when ada@contoso.example mails bob@fabrikam.example, can you check?'],
    ['bob@fabrikam.example bounces with 550 5.7.23 (sender ada@contoso.example)'],
    ['User ada@contoso.example gets 5.7.23 sending to bob@fabrikam.example'],
    ["J'ai une erreur 5.7.23 en envoyant depuis ada@contoso.example à bob@fabrikam.example"],
    ['Fel 5.7.23 när jag skickar från ada@contoso.example till bob@fabrikam.example'],
    ['Fehler 5.7.23 bei einer Mail von ada@contoso.example an bob@fabrikam.example'],
    ['ada@contoso.example から bob@fabrikam.example に送ると 5.7.23 で返ってきます'],
    ['从 ada@contoso.example 发给 bob@fabrikam.example 时收到 5.7.23'],
    ['ada@contoso.example에서 bob@fabrikam.example로 보내면 5.7.23 오류가 납니다'],
  ])('names the sender and the recipient: %s', async (text) => {
    const b = await parseBounce(text);
    expect(b.isBounce).toBe(true);
    expect(b.sender).toBe(ADA);
    expect(b.senderDomain).toBe('contoso.example');
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([[BOB, '5.7.23']]);
  });

  it('a sender named by its domain alone gives the domain to check', async () => {
    const b = await parseBounce('Why does mail from contoso.example to bob@fabrikam.example fail with 550 5.7.23?');
    expect(b.sender).toBeUndefined();
    expect(b.senderDomain).toBe('contoso.example');
    expect(b.recipients.map((r) => r.address)).toEqual([BOB]);
  });

  it.each([
    ['Mails to bob@fabrikam.example bounce with 5.7.23, our domain is contoso.example'],
    ['5.7.23 when mailing bob@fabrikam.example. My domain: contoso.example'],
    ["bob@fabrikam.example rejects us with 550 5.7.23 (the sender's domain is contoso.example)"],
    ['Erreur 5.7.23 pour bob@fabrikam.example, notre domaine est contoso.example'],
    ['Fel 5.7.23 till bob@fabrikam.example, vår domän är contoso.example'],
    ['bob@fabrikam.example に送ると 5.7.23 になります。弊社のドメインは contoso.example です'],
    ['寄給 bob@fabrikam.example 出現 5.7.23，我們的網域是 contoso.example'],
    ['bob@fabrikam.example로 보내면 5.7.23 오류가 납니다. 저희 도메인은 contoso.example 입니다'],
    ['Why do our mails to bob@fabrikam.example bounce with 5.7.23? Domain is contoso.example'],
    ['contoso.example の送信で bob@fabrikam.example に 5.7.23 が返ってきます'],
    ['contoso.example から送信すると bob@fabrikam.example に届かず 5.7.23 になります'],
    ['contoso.example에서 보낼 때 bob@fabrikam.example로 5.7.23 오류가 발생합니다'],
    ['We use contoso.example and get 550 5.7.23 sending to bob@fabrikam.example'],
    ["On utilise contoso.example et bob@fabrikam.example nous renvoie 550 5.7.23"],
    ['Vi använder contoso.example och får 550 5.7.23 när vi skickar till bob@fabrikam.example'],
    ['Wir verwenden die Domain contoso.example und bekommen 550 5.7.23 beim Senden an bob@fabrikam.example'],
    ['弊社は contoso.example を使っていて、bob@fabrikam.example に送ると 550 5.7.23 が返ってきます'],
    ['저희는 contoso.example 를 사용하는데 bob@fabrikam.example 로 보내면 550 5.7.23 오류가 나요'],
    ['我們使用 contoso.example，寄給 bob@fabrikam.example 時收到 550 5.7.23'],
    // The recipient between the sending domain and the verb.
    ['contoso.example から bob@fabrikam.example に送ると 550 5.7.23 が返ってきます'],
    ['contoso.example 寄給 bob@fabrikam.example 的郵件被退回：5.7.23'],
    ['contoso.example 发给 bob@fabrikam.example 的邮件被退回 5.7.23'],
    ['contoso.example에서 bob@fabrikam.example으로 보내면 5.7.23 오류가 납니다'],
  ])('"our domain is …" names the sending domain, and the reply is the code alone: %s', async (text) => {
    const b = await parseBounce(text);
    expect(b.senderDomain).toBe('contoso.example');
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([[BOB, '5.7.23']]);
    expect(b.recipients[0]!.diagnostic ?? '').not.toMatch(/domain/);
  });

  it.each([
    ["contoso.example users can't send to bob@fabrikam.example, 5.7.23", 'contoso.example', '5.7.23'],
    ['We (contoso.example) get 5.7.23 when emailing bob@fabrikam.example', 'contoso.example', '5.7.23'],
    ['ada@contoso.example -> bob@fabrikam.example: 550 5.7.23', 'contoso.example', '550 5.7.23'],
    ['ada@contoso.example → bob@fabrikam.example 5.7.23', 'contoso.example', '5.7.23'],
    ['Bounce 5.7.23. Sender: ada@contoso.example Recipient: bob@fabrikam.example', 'contoso.example', '5.7.23'],
    ['bob@fabrikam.example宛のメールが 550 5.7.23 で戻ってきました。送信者は ada@contoso.example です', 'contoso.example', '550 5.7.23'],
    ['寄件者 ada@contoso.example 寄給 bob@fabrikam.example 被退回 5.7.23', 'contoso.example', '5.7.23'],
    ['ada@contoso.example 님이 bob@fabrikam.example 에게 보낸 메일이 5.7.23 로 반송됨', 'contoso.example', '5.7.23'],
    ['Hi team, user bob@fabrikam.example is not receiving our mails, error 5.7.23 SPF check failed. Sender is ada@contoso.example', 'contoso.example', '5.7.23 SPF check failed'],
  ])('names the sender as people write it in a hurry, and the reply is the code: %s', async (text, domain, reply) => {
    const b = await parseBounce(text);
    expect(b.senderDomain).toBe(domain);
    expect(b.recipients.map((r) => [r.address, r.status, r.diagnostic])).toEqual([[BOB, '5.7.23', reply]]);
  });

  it('"the recipient\'s domain is …" names no sender (guard)', async () => {
    const b = await parseBounce("Getting 5.7.23, the recipient's domain is fabrikam.example");
    expect(b.senderDomain).toBeUndefined();
  });

  it.each([
    ['bob@fabrikam.example から 550 5.7.23 が返ってきました'],
    ['bob@fabrikam.example からエラーが返ってきます: 5.7.23'],
    ['bob@fabrikam.example에서 550 5.7.23 오류가 돌아왔습니다'],
    ['从 bob@fabrikam.example 退回了 550 5.7.23'],
    ['從 bob@fabrikam.example 收到退信 5.7.23'],
    ['I got a bounce back from bob@fabrikam.example: 550 5.7.23'],
    ['Got an NDR from bob@fabrikam.example with 5.7.23'],
    ["J'ai reçu un message d'erreur de bob@fabrikam.example : 550 5.7.23"],
    ['Jag fick ett felmeddelande från bob@fabrikam.example: 550 5.7.23'],
    ['Ich bekomme eine Fehlermeldung von bob@fabrikam.example: 550 5.7.23'],
  ])(
    'what came back "from" the recipient names no sender: %s',
    async (text) => {
      const b = await parseBounce(text);
      expect(b.sender).toBeUndefined();
      expect(b.senderDomain).toBeUndefined();
      expect(b.recipients.map((r) => r.address)).toEqual([BOB]);
    },
  );

  it.each([
    ['ada@contoso.example から送ったメールが bob@fabrikam.example から 550 5.7.23 で返ってきました'],
    ['ada@contoso.example에서 보낸 메일이 bob@fabrikam.example에서 5.7.23 로 반송되었습니다'],
  ])('the sender, then what came back from the recipient: %s', async (text) => {
    const b = await parseBounce(text);
    expect(b.sender).toBe('ada@contoso.example');
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([[BOB, '5.7.23']]);
  });

  it("an error message back from the recipient's domain doesn't make that domain the sender's", async () => {
    const b = await parseBounce("I received an error message back from fabrikam.example's server: 550 5.7.23");
    expect(b.senderDomain).toBeUndefined();
    expect(b.recipients.map((r) => r.status)).toEqual(['5.7.23']);
  });

  it('"users at contoso.example" names the sending domain', async () => {
    const b = await parseBounce('Users at contoso.example get NDR 550 5.7.509 when mailing fabrikam.example');
    expect(b.senderDomain).toBe('contoso.example');
    expect(b.recipients.map((r) => r.status)).toEqual(['5.7.509']);
  });

  it.each([
    ['Our users get NDR 550 5.7.509 when mailing fabrikam.example'],
    ['Getting 550 5.7.23 when sending from contoso.example to fabrikam.example'],
  ])('a recipient named by its domain alone keeps the domain, with no address made up: %s', async (text) => {
    const b = await parseBounce(text);
    expect(b.recipients).toHaveLength(1);
    expect(b.recipients[0]!.address).toBeUndefined();
    expect(b.recipients[0]!.domain).toBe('fabrikam.example');
  });

  it('a bounce "from" a mail daemon names no sender, and its recipient is the one the code is for', async () => {
    const b = await parseBounce('Got a bounce from mailer-daemon@fabrikam.example: 550 5.7.23 for bob@fabrikam.example');
    expect(b.sender).toBeUndefined();
    expect(b.senderDomain).toBeUndefined();
    expect(b.recipients.map((r) => r.address)).toEqual([BOB]);
  });

  it.each([
    ['NDR 5.7.23 to bob@fabrikam.example, which domain should I check?'],
    ["L'adresse de bob@fabrikam.example renvoie 5.7.23"],
  ])('an address the question does not say sent the message is no sender: %s', async (text) => {
    const b = await parseBounce(text);
    expect(b.senderDomain).toBeUndefined();
    expect(b.recipients.map((r) => r.address)).toEqual([BOB]);
  });

  it('a report is read by its own readers, not as a typed question (guard)', async () => {
    // Postfix's report: "from" and "to" words in it never name the sender or the recipient.
    const report = [
      'This is the mail system at host mail.contoso.example.',
      '',
      "I'm sorry to have to inform you that your message could not be delivered to one or more recipients.",
      '',
      '<bob@fabrikam.example>: host mx.fabrikam.example[203.0.113.5] said: 550 5.7.1 Mail from carol@example.net to bob@fabrikam.example refused (in reply to RCPT TO command)',
      '',
      'From: Ada <ada@contoso.example>',
      'To: bob@fabrikam.example',
      'Subject: figures',
      ...Array.from({ length: 8 }, (_, i) => `X-Trace-${i}: relayed by hop ${i}.contoso.example for bob@fabrikam.example`),
    ].join('\n');
    const b = await parseBounce(report);
    expect(b.sender).toBe(ADA);
    expect(b.recipients.map((r) => r.address)).toEqual([BOB]);
  });

  it.each([
    ['Getting 550 5.7.23 when sending from ada@contoso.example to bob@fabrikam.example, what should I do?', '550 5.7.23'],
    ['bob@fabrikam.example bounces with 550 5.7.23 (sender ada@contoso.example)', '550 5.7.23'],
    ['550 5.7.23 when sending from ada@contoso.example to bob@fabrikam.example', '550 5.7.23'],
    ['Users at contoso.example get NDR 550 5.7.509 when mailing fabrikam.example', '550 5.7.509'],
    ["J'ai une erreur 5.7.23 en envoyant depuis ada@contoso.example à bob@fabrikam.example", '5.7.23'],
    ['Fel 5.7.23 när jag skickar från ada@contoso.example till bob@fabrikam.example', '5.7.23'],
    ['ada@contoso.example から bob@fabrikam.example に送ると 5.7.23 で返ってきます', '5.7.23'],
    // The server's words the person quotes or writes after the code stay.
    ['User ada@contoso.example gets 550 5.7.1 Message rejected: SPF check failed', '550 5.7.1 Message rejected: SPF check failed'],
    ['I get "550 5.7.1 Message rejected: SPF check failed" when sending from ada@contoso.example to bob@fabrikam.example', '550 5.7.1 Message rejected: SPF check failed'],
    ['Getting 550 5.7.1 SPF fail when sending from ada@contoso.example to bob@fabrikam.example', '550 5.7.1 SPF fail'],
    // A provider's tag in brackets is the server's; the person's "when we" is not.
    ['Mails from contoso.example to bob@fabrikam.example get deferred 421 4.7.0 [TSS04]', '421 4.7.0 [TSS04]'],
    ['bob@fabrikam.example bounces: 550 5.7.1 [BL21] when we send from contoso.example', '550 5.7.1 [BL21]'],
    ['We get an NDR (550 5.7.23) when mailing bob@fabrikam.example', '550 5.7.23'],
  ])('what the server said is the code and its words, not the question around them: %s', async (text, said) => {
    const b = await parseBounce(text);
    expect(b.recipients.map((r) => r.diagnostic)).toEqual([said]);
  });

  it.each([
    ["550-5.7.26 Unauthenticated email from contoso.example is not accepted due to contoso.example's DMARC policy"],
    ['host mx.fabrikam.example said: 550 5.7.1 rejected, mail from ada@contoso.example'],
  ])('a server reply that names the sender is quoted whole (guard): %s', async (text) => {
    const b = await parseBounce(text);
    expect(b.recipients.map((r) => r.diagnostic)).toEqual([text.replace(/^host \S+ said: /, '')]);
  });
});
