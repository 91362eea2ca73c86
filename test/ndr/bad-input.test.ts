/**
 * Whatever a person drops on the bot gets an answer, never an exception: empty input, noise, binary
 * files, archives renamed .eml, oversized pastes. (Time bounds live in the property test.)
 */
import { deflateRawSync } from 'node:zlib';
import { parseBounce, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_TEXT_BYTES } from '../../bot/ndr';
import { fixtureBytes } from './fixtures';

/** Deterministic pseudo-random bytes (a fixed-seed xorshift), so failures reproduce. */
function noise(n: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** A minimal but valid zip archive holding one file. */
function zipOf(name: string, content: Uint8Array): Uint8Array {
  const data = deflateRawSync(content);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  return new Uint8Array(Buffer.concat([local, nameBytes, data]));
}

describe('bad input', () => {
  it.each([
    ['an empty string', ''],
    ['white space', ' \n\t\r\n  '],
    ['zero-width characters', '\u200b\u200b\ufeff'],
  ])('%s is empty', async (_name, input) => {
    const b = await parseBounce(input);
    expect(b).toMatchObject({ isBounce: false, kind: 'empty', recipients: [] });
  });

  it('an empty file is empty', async () => {
    expect(await parseBounce(new Uint8Array(0), { filename: 'x.eml' })).toMatchObject({ isBounce: false, kind: 'empty' });
  });

  it('20 MB of random bytes is unreadable', async () => {
    const b = await parseBounce(noise(20 * 1024 * 1024), { filename: 'bounce.eml' });
    expect(b).toMatchObject({ isBounce: false, kind: 'unreadable', inputBytes: 20 * 1024 * 1024 });
  });

  it('20 MB of printable noise is not a bounce', async () => {
    const bytes = noise(20 * 1024 * 1024).map((b) => 32 + (b % 95));
    const b = await parseBounce(bytes, { filename: 'bounce.txt' });
    expect(b.isBounce).toBe(false);
    expect(b.recipients).toEqual([]);
  });

  it('a zip archive renamed .eml is unreadable, even when it holds a bounce', async () => {
    const zip = zipOf('ndr.eml', fixtureBytes('en', 'new-layout-5.7.23.eml'));
    const b = await parseBounce(zip, { filename: 'ndr.eml', contentType: 'message/rfc822' });
    expect(b).toMatchObject({ isBounce: false, kind: 'unreadable' });
  });

  it.each([
    ['a PNG image', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...noise(2000)])],
    ['a PDF', new Uint8Array(Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), Buffer.from(noise(4000))]))],
    ['NUL bytes', new Uint8Array(5000)],
  ])('%s is unreadable', async (_name, bytes) => {
    const b = await parseBounce(bytes, { filename: 'bounce.eml' });
    expect(b).toMatchObject({ isBounce: false, kind: 'unreadable' });
  });

  it('a .msg signature followed by garbage is unreadable', async () => {
    const bytes = new Uint8Array(4096);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    bytes.set(noise(4000), 96);
    expect(await parseBounce(bytes, { filename: 'x.msg' })).toMatchObject({ isBounce: false, kind: 'unreadable' });
  });

  it('headers with no body and a MIME part that never ends do not throw', async () => {
    const cut = 'From: MAILER-DAEMON@mx.example.com\r\nSubject: Undelivered Mail\r\nContent-Type: multipart/report; boundary="x"\r\n\r\n--x\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; kari@contoso.example\r\nAction: failed\r\nStatus: 5.1.';
    const b = await parseBounce(new Uint8Array(Buffer.from(cut)));
    expect(b.recipients.map((r) => r.address)).toEqual(['kari@contoso.example']);
  });

  it('non-string, non-byte input gets an answer rather than an exception', async () => {
    const b = await parseBounce(42 as unknown as string);
    expect(b.isBounce).toBe(false);
    expect(b.kind).toBe('unreadable');
  });
});

describe('size caps', () => {
  it('has separate default caps for pasted text and for files', () => {
    expect(DEFAULT_MAX_TEXT_BYTES).toBeLessThan(DEFAULT_MAX_FILE_BYTES);
  });

  it('pasted text over the default cap is too large and is not read', async () => {
    const b = await parseBounce(`Remote Server returned '550 5.7.23 x'\n${'y'.repeat(DEFAULT_MAX_TEXT_BYTES)}`);
    expect(b).toMatchObject({ isBounce: false, kind: 'too-large', recipients: [], sizeLimit: DEFAULT_MAX_TEXT_BYTES });
  });

  it('counts UTF-8 bytes, not characters, for pasted text', async () => {
    const cjk = '配'.repeat(1000); // 3,000 bytes in UTF-8
    expect((await parseBounce(cjk, undefined, { maxTextBytes: 2999 })).kind).toBe('too-large');
    expect((await parseBounce(cjk, undefined, { maxTextBytes: 3000 })).kind).not.toBe('too-large');
  });

  it('a file over its cap is too large even when it is a real bounce', async () => {
    const eml = fixtureBytes('en', 'new-layout-5.7.23.eml');
    const b = await parseBounce(eml, { filename: 'ndr.eml' }, { maxFileBytes: eml.length - 1 });
    expect(b).toMatchObject({ isBounce: false, kind: 'too-large', inputBytes: eml.length, sizeLimit: eml.length - 1 });
    expect((await parseBounce(eml, { filename: 'ndr.eml' }, { maxFileBytes: eml.length })).isBounce).toBe(true);
  });
});
