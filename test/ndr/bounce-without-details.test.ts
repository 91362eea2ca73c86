/**
 * The visible part of a bounce pasted alone: mail programs show a report's delivery-status part as an attachment, so
 * what people copy may say only that delivery failed. That is a bounce without its details, and the answer asks for
 * them, not "that doesn't look like a bounce".
 */
import { parseBounce } from '../../bot/ndr';
import { helpPlainText } from '../../bot/cards';
import { rankedRecipients } from '../../bot/diagnosis/recipients';

describe('a bounce pasted without its details', () => {
  it.each([
    ['Amazon SES', 'An error occurred while trying to deliver the mail to the following recipients:\nkim@fabrikam.example\n'],
    ['a one-line report', 'This message could not be delivered.\n'],
    ["Exchange's top, its administrators' part left out", 'Delivery has failed to these recipients or groups:\n\nkim@fabrikam.example\n'],
    ['Lotus Notes', '------- Failure Reasons  --------\n\nkim@fabrikam.example\n\n------- Returned Message --------\n'],
    ['a person saying so', 'my email to kim could not be delivered, help!'],
    // The recipient named, but under the report's heading alone: no reason, no server's words.
    ['Hotmail', 'This is an automatically generated Delivery Status Notification.\n\nDelivery to the following recipients failed.\n\n       kim@fabrikam.example\n'],
    ['PowerMTA', 'I am sending you this message to inform you on the delivery status of a\nmessage you previously sent.\n\n  <kim@fabrikam.example>  delivery failed; will not continue trying\n'],
  ])('%s is a bounce without details, with no recipient made up', async (_name, text) => {
    const b = await parseBounce(text);
    expect(b.isBounce).toBe(false);
    expect(b.kind).toBe('bounce-without-details');
    expect(b.recipients).toEqual([]);
  });

  it.each([['hello'], ['what can you do?'], ['Thanks, the figures are attached.']])('an ordinary message stays one (guard): %s', async (text) => {
    expect((await parseBounce(text)).kind).toBe('ordinary-message');
  });

  it.each([
    ['Unable to deliver message to the following recipients, due to being unable to connect successfully to the destination mail server.', 'connection-failed'],
    ['Message could not be delivered for too long\nMessage will be deleted from queue', 'expired'],
    ['Illegal host/domain name found', 'dns-failure'],
  ])('a reason in the report\'s own words, with no code, names its cause: %s', async (reason, cause) => {
    const b = await parseBounce(`Your message cannot be delivered to the following recipients:\n\n  Recipient address: kim@fabrikam.example\n  Reason: ${reason}\n`);
    expect(b.kind).toBe('bounce');
    const primary = rankedRecipients(b)[0];
    expect([primary?.playbook, primary?.subCause]).toEqual(['transient', cause]);
  });

  it("Gmail's report that names no recipient but gives the server's words under 'The response was:' is a bounce with that reply", async () => {
    const b = await parseBounce(
      [
        '** Message not delivered **',
        '',
        "You're sending from another address with the 'Send mail as' setting, and its settings are out of date.",
        '',
        'The response was:',
        '',
        'Unspecified Error (SENT_SECOND_EHLO): Smtp server does not advertise AUTH capability',
      ].join('\n'),
    );
    expect(b.kind).toBe('bounce');
    expect(b.recipients.map((r) => [r.address, r.diagnostic])).toEqual([[undefined, 'Unspecified Error (SENT_SECOND_EHLO): Smtp server does not advertise AUTH capability']]);
    const primary = rankedRecipients(b)[0];
    expect([primary?.playbook, primary?.subCause]).toEqual(['policy', 'client-submission']);
  });

  it('the same words with a reply to read are a bounce (guard)', async () => {
    const b = await parseBounce('This message could not be delivered.\n\nkim@fabrikam.example\n550 5.1.1 Mailbox does not exist\n');
    expect(b.kind).toBe('bounce');
    expect(b.recipients.map((r) => [r.address, r.status])).toEqual([['kim@fabrikam.example', '5.1.1']]);
  });

  it('asks for the details, and says where mail programs put them, in the person\'s language', () => {
    expect(helpPlainText('en', 'teams', { kind: 'bounce-without-details' })).toContain("That reads like a bounce, but I couldn't find an error code or the receiving server's reply in it");
    expect(helpPlainText('en', 'teams', { kind: 'bounce-without-details' })).toContain('details.txt');
    expect(helpPlainText('sv', 'teams', { kind: 'bounce-without-details' })).toContain('bilaga');
    expect(helpPlainText('fr', 'teams', { kind: 'bounce-without-details' })).toContain('pièce jointe');
  });
});

describe("Google Groups' refusal pasted alone", () => {
  // Its words, with no reply and no address: the group named in brackets, its help link the same in every language.
  const HELP = 'Questions? See https://groups.google.com/support/ for help.';
  it.each([
    ['English', `Hello ada@contoso.example,\n\nThe group you tried to contact (sales-team) may not exist, or you may not be allowed to post to it.\n\n${HELP}`],
    ['Spanish', `Hola, ada@contoso.example:\n\nEl grupo al que has intentado escribir (sales-team) quizás no exista o no tengas permiso para publicar en él.\n\n${HELP}`],
    ['Traditional Chinese', `ada@contoso.example您好，\n\n您嘗試聯絡的「sales-team」群組可能不存在，或您沒有張貼留言的權限。\n\n${HELP}`],
  ])('in %s names the group and reads as a group that refused the sender', async (_lang, text) => {
    const b = await parseBounce(text);
    expect(b.kind).toBe('bounce');
    expect(b.recipients.map((r) => r.name ?? r.address)).toEqual(['sales-team']);
    const primary = rankedRecipients(b)[0];
    expect([primary?.playbook, primary?.subCause]).toEqual(['recipient', 'group-refused']);
  });
});

describe("a report's visible part whose only marks are its MTA's own headings", () => {
  // Pasted without the report's headers or delivery-status part, these read as "not a bounce".
  it.each([
    [
      "Sendmail's transcript",
      ['   ----- Transcript of session follows -----', '554 <kim@fabrikam.example>... 550 Host unknown (Authoritative answer from name server)', '', '   ----- Unsent message follows -----', 'From: ada@contoso.example'],
      'transient',
      'dns-failure',
    ],
    [
      "amavis's spam verdict",
      ['A message from <ada@contoso.example> to:', '-> kim@fabrikam.example', '', 'was considered unsolicited bulk e-mail (UBE).'],
      'policy',
      'content-rejected',
    ],
    ['an X.400 gateway', ['|------------------------- Failed addresses follow: ---------------------|', ' kim@fabrikam.example ... unknown host'], 'transient', 'dns-failure'],
    ['a list of delivery errors', ['---The following addresses had delivery errors---', 'kim@fabrikam.example [Connection timed out]'], 'transient', 'connection-failed'],
  ])('%s is a bounce, read for its recipient and reason', async (_name, lines, playbook, cause) => {
    const b = await parseBounce(lines.join('\n'));
    expect(b.kind).toBe('bounce');
    expect(b.recipients.map((r) => r.address)).toEqual(['kim@fabrikam.example']);
    const primary = rankedRecipients(b)[0];
    expect([primary?.playbook, primary?.subCause]).toEqual([playbook, cause]);
  });
});

describe('words far below the failed address', () => {
  const report = (gap: string, below: string): string =>
    ['This is an automatically generated Delivery Status Notification.', '', 'Delivery to the following recipients failed.', '', '       kim@fabrikam.example', gap, below, '_________________________________________________', '', 'This message is for the designated recipient only.'].join('\n');

  it("are not the server's words when a gap of blank lines sets them apart (a gateway's slogan appended below the report)", async () => {
    const b = await parseBounce(report('\n\n\n\n', 'Working together.  For life.(sm)'));
    expect(b.kind).toBe('bounce-without-details');
    expect(JSON.stringify(b)).not.toContain('Working together');
  });

  it('are the reason one blank line below, as delay notices write it (guard)', async () => {
    const b = await parseBounce(report('', 'Message will be retried for 2 more day(s)').replace('failed.', 'was delayed.'));
    expect(b.recipients.map((r) => [r.address, r.diagnostic])).toEqual([['kim@fabrikam.example', 'Message will be retried for 2 more day(s)']]);
  });
});

describe("a short notice in the sender's language, with no code and the reason on a labelled line", () => {
  it.each([
    ['Korean, passive', '메일이 전송되지 못했습니다.\n받는 사람: grace@fabrikam.example\n실패 사유: 받는 사람의 메일 주소가 존재하지 않습니다.', 'recipient', 'address-unknown'],
    ['Simplified Chinese', '邮件发送失败\n收件人：grace@fabrikam.example\n原因：收件人邮箱已满', 'mailbox', 'mailbox-full'],
    ['Traditional Chinese', '郵件傳送失敗\n收件者：grace@fabrikam.example\n原因：收件者地址不存在', 'recipient', 'address-unknown'],
    ['French', "Votre message n'a pas pu être envoyé.\nDestinataire : grace@fabrikam.example\nMotif : adresse inconnue", 'recipient', 'address-unknown'],
    ['Swedish', 'Meddelandet kunde inte skickas.\nMottagare: grace@fabrikam.example\nOrsak: Adressen finns inte', 'recipient', 'address-unknown'],
    ['Japanese', 'メールの送信に失敗しました。\n宛先: grace@fabrikam.example\n理由: 宛先のメールアドレスが存在しません。', 'recipient', 'address-unknown'],
    ['Spanish', 'No se pudo enviar el mensaje.\nDestinatario: grace@fabrikam.example\nMotivo: usuario desconocido', 'recipient', 'address-unknown'],
    ['Italian', 'Il messaggio non è stato inviato.\nDestinatario: grace@fabrikam.example\nMotivo: utente sconosciuto', 'recipient', 'address-unknown'],
    ['Portuguese', 'A mensagem não pôde ser enviada.\nDestinatário: grace@fabrikam.example\nMotivo: usuário desconhecido', 'recipient', 'address-unknown'],
  ])('is a bounce whose reason names the cause (%s)', async (_language, text, playbook, cause) => {
    const b = await parseBounce(text);
    expect(b.isBounce).toBe(true);
    const [first] = rankedRecipients(b);
    expect([first?.address, first?.playbook, first?.subCause]).toEqual(['grace@fabrikam.example', playbook, cause]);
  });
});

describe("the reason of such a notice, in the sender's language, read as the status it stands for", () => {
  it.each([
    ['宛先のドメインが見つかりません。', '5.1.2'],
    ['받는 사람의 도메인을 찾을 수 없습니다.', '5.1.2'],
    ['收件人域名不存在', '5.1.2'],
    ['domaine introuvable', '5.1.2'],
    ['Domänen hittades inte', '5.1.2'],
    ['메일 크기가 너무 큽니다.', '5.3.4'],
    ['Meddelandet är för stort', '5.3.4'],
    ['받는 사람의 계정이 휴면 상태입니다.', '5.2.1'],
  ])('%s → %s', async (reason, status) => {
    const b = await parseBounce(`Delivery has failed to these recipients or groups:\n\ngrace@fabrikam.example\n${reason}\n`);
    expect(b.recipients.map((r) => [r.address, r.status, r.statusInferred])).toEqual([['grace@fabrikam.example', status, true]]);
  });
});

describe("a recipient's refusal of the sender, and other reasons, in the report's language with no code", () => {
  it.each([
    ['受信者によって拒否されました。', 'recipient', 'sender-rejected'],
    ['보낸 사람이 차단되었습니다.', 'recipient', 'sender-rejected'],
    ['收件人拒绝接收', 'recipient', 'sender-rejected'],
    // The sender on the recipient side's list, not the sending server on a public one.
    ['发件人已被列入黑名单', 'recipient', 'sender-rejected'],
    ['寄件者已被封鎖', 'recipient', 'sender-rejected'],
    ["L'expéditeur est bloqué.", 'recipient', 'sender-rejected'],
    ['Mottagaren har blockerat avsändaren.', 'recipient', 'sender-rejected'],
    ['このアドレスは現在使用されていません。', 'recipient', 'address-unknown'],
    ['Det gick inte att ansluta till mottagarens server.', 'transient', 'connection-failed'],
    ['メールボックスが見つかりません。', 'recipient', 'address-unknown'],
    ['受信者のメールボックスは無効です。', 'mailbox', 'mailbox-disabled'],
    ['메일함이 비활성화되었습니다.', 'mailbox', 'mailbox-disabled'],
    ['Brevlådan är inaktiverad.', 'mailbox', 'mailbox-disabled'],
    ['迷惑メールとして拒否されました。', 'policy', 'content-rejected'],
    ['Meddelandet avvisades som skräppost.', 'policy', 'content-rejected'],
    // The sending IP on a block list, in each language: the listing to be taken off, not generic.
    ['送信元IPアドレスがブロックリストに登録されています。', 'policy', 'ip-listed'],
    ['발신 IP가 차단 목록에 등록되어 있습니다.', 'policy', 'ip-listed'],
    ['寄件 IP 已列入封鎖清單', 'policy', 'ip-listed'],
    ["L'adresse IP d'envoi figure sur une liste de blocage.", 'policy', 'ip-listed'],
    ['Den sändande IP-adressen finns på en blockeringslista.', 'policy', 'ip-listed'],
    // The sender on the recipient's own list, not the sending IP on a public one (the list's name alone reads as one).
    ['送信者は受信者のブロックリストに登録されています。', 'recipient', 'sender-rejected'],
    ['보낸 사람이 수신자의 차단 목록에 있습니다.', 'recipient', 'sender-rejected'],
    ['发件人在收件人的黑名单中', 'recipient', 'sender-rejected'],
    ["L'expéditeur figure sur la liste de blocage du destinataire.", 'recipient', 'sender-rejected'],
    ['Avsändaren finns på mottagarens blockeringslista.', 'recipient', 'sender-rejected'],
  ])('%s', async (reason, playbook, cause) => {
    const b = await parseBounce(`Delivery has failed to these recipients or groups:\n\ngrace@fabrikam.example\n${reason}\n`);
    const [first] = rankedRecipients(b);
    expect([first?.address, first?.playbook, first?.subCause]).toEqual(['grace@fabrikam.example', playbook, cause]);
  });
});

// Gmail's own report when the recipient's domain couldn't be found, in the languages it writes it in: the sending side
// found no domain (no server was reached to refuse an address), so the domain is what to correct.
describe("a report that the recipient's domain couldn't be found, in its sender's language", () => {
  it.each([
    ['en', 'Address not found', "Your message wasn't delivered to grace@fabrikam.example because the domain fabrikam.example couldn't be found. Check for typos or unnecessary spaces and try again."],
    ['ja', 'アドレスが見つかりませんでした', 'ドメイン fabrikam.example が見つからなかったため、grace@fabrikam.example にメールを配信できませんでした。入力ミスや不要なスペースがないかどうかを確認してから、もう一度お試しください。'],
    ['ko', '주소를 찾을 수 없음', 'fabrikam.example 도메인을 찾을 수 없어 grace@fabrikam.example(으)로 메일을 전송하지 못했습니다. 오타나 불필요한 공백이 없는지 확인한 후 다시 시도하세요.'],
    ['fr', 'Adresse introuvable', "Votre message n'a pas été distribué à grace@fabrikam.example, car le domaine fabrikam.example est introuvable. Vérifiez qu'il ne contient pas de fautes de frappe ou d'espaces inutiles, puis réessayez."],
    ['sv', 'Meddelandet levererades inte', 'Ditt meddelande levererades inte till grace@fabrikam.example eftersom domänen fabrikam.example inte hittades. Kontrollera att det inte finns några stavfel eller onödiga blanksteg och försök igen.'],
    // The reason before the address, the sentence ending right after it.
    ['zh-TW', '找不到地址', '找不到網域 fabrikam.example，因此您的郵件無法傳送至 grace@fabrikam.example。請檢查是否有錯字或多餘的空格，然後再試一次。'],
  ])('%s', async (_lang, heading, sentence) => {
    const b = await parseBounce(`${heading}\n\n${sentence}\n`);
    const [first] = rankedRecipients(b);
    expect([first?.address, first?.status, first?.playbook, first?.subCause]).toEqual(['grace@fabrikam.example', '5.1.2', 'recipient', 'recipient-domain-missing']);
  });

  it("keeps an address the domain's own server refused as an unknown address (guard)", async () => {
    const b = await parseBounce("Address not found\n\nYour message wasn't delivered to grace@fabrikam.example because the address couldn't be found, or is unable to receive mail.\n");
    expect(rankedRecipients(b).map((r) => [r.address, r.subCause])).toEqual([['grace@fabrikam.example', 'address-unknown']]);
  });

  it("reads a null MX in the sending server's words, under no code that says so, as a domain that takes no mail", async () => {
    const b = await parseBounce(
      "Message not delivered\n\nThere was a problem delivering your message to grace@fabrikam.example.\n\nThe response was:\n\nDNS Error: 1234 DNS type 'mx' lookup of fabrikam.example responded with code NOERROR The domain fabrikam.example doesn't receive email according to the administrator: returned Null MX\n",
    );
    expect(rankedRecipients(b).map((r) => [r.address, r.playbook, r.subCause])).toEqual([['grace@fabrikam.example', 'recipient', 'recipient-domain-missing']]);
  });
});
