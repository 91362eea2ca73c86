/** Automatic replies (out of office) are not bounces, whatever language their subject is in. */
import { parseBounce } from '../../bot/ndr';

describe('automatic replies in other languages', () => {
  it.each(['Automatyczna odpowiedź: Budżet', 'Автоответ: Бюджет', 'Automatisk svar: Budsjett', 'Automaattinen vastaus: Budjetti', 'Fuera de la oficina: Presupuesto'])('says "%s" is an auto-reply', async (subject) => {
    const b = await parseBounce(`From: Dana <dana@contoso.example>\nTo: ada@godwit.example\nSubject: ${subject}\n\nThanks for your message, I will answer when I am back.\n`);
    expect(b.isBounce).toBe(false);
    expect(b.kind).toBe('auto-reply');
  });
});

describe('automatic replies pasted as text (no headers)', () => {
  it.each([
    ['its subject on the first line', 'Automatische Antwort: Rechnung 2024-117\n\nVielen Dank für Ihre Nachricht. Ich bin bis 21.06. nicht erreichbar.'],
    ['its subject after "Subject:"', 'Subject: Réponse automatique : Devis\n\nBonjour, je reviens le 24 juin.'],
    ['"I am out of the office" in the body', 'Hello,\n\nI am out of the office until Monday, 17 June, with limited access to email.\n\nBest regards'],
    ['a writer who has left the company', 'Please note that I have left Vendor Solutions and this mailbox is no longer monitored.'],
    ['不在にしております', 'お世話になっております。\n6月14日まで出張のため不在にしております。'],
    ['its subject after a Polish "Temat:"', 'Temat: Odpowiedź automatyczna: Faktura 12/2024\n\nDziękuję za wiadomość.'],
    ['its subject after a Dutch "Onderwerp:"', 'Onderwerp: Automatisch antwoord: Offerte\n\nBedankt voor uw bericht.'],
    ['"przebywam na urlopie" in the body', 'Dzień dobry,\n\ndziękuję za wiadomość. Przebywam na urlopie do 2 stycznia.\n\nPozdrawiam'],
    ['"ik ben met vakantie" in the body', 'Beste,\n\nIk ben met vakantie tot 6 januari en lees mijn e-mail niet.'],
    ['"estou de férias" in the body', 'Olá,\n\nEstou de férias até 6 de janeiro, sem acesso ao e-mail.'],
  ])('says a paste with %s is an auto-reply', async (_what, text) => {
    const b = await parseBounce(text);
    expect(b.isBounce).toBe(false);
    expect(b.kind).toBe('auto-reply');
  });

  it('a bounce whose text mentions the office is still a bounce', async () => {
    const b = await parseBounce("Delivery has failed to these recipients or groups:\n\ndana@fabrikam.example\n\nRemote Server returned '550 5.1.1 User unknown; I am out of the office is not a reason'\n");
    expect(b.isBounce).toBe(true);
  });
});

describe('an auto-reply that names addresses', () => {
  it('lists no failed recipient (found by the property test: "Invalid final delivery userid: …" beside "I\'m out of the office")', async () => {
    const b = await parseBounce('Invalid final delivery userid: nobody@fabrikam.example\nI am out of the office Friday\n');
    expect(b.kind).toBe('auto-reply');
    expect(b.isBounce).toBe(false);
    expect(b.recipients).toEqual([]);
  });
});
