/** Automatic replies (out of office) are not bounces, whatever language their subject is in. */
import { parseBounce } from '../../bot/ndr';

describe('automatic replies in other languages', () => {
  it.each(['Automatyczna odpowiedź: Budżet', 'Автоответ: Бюджет', 'Automatisk svar: Budsjett', 'Automaattinen vastaus: Budjetti', 'Fuera de la oficina: Presupuesto'])('says "%s" is an auto-reply', async (subject) => {
    const b = await parseBounce(`From: Dana <dana@contoso.example>\nTo: ada@godwit.example\nSubject: ${subject}\n\nThanks for your message, I will answer when I am back.\n`);
    expect(b.isBounce).toBe(false);
    expect(b.kind).toBe('auto-reply');
  });
});
