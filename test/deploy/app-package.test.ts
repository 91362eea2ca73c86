/**
 * The Teams app package: what `npm run package` writes is a zip Teams accepts (manifest valid against the
 * bundled 1.22 schema, icons and localization files flat at its root), with the bot wired the way the bot
 * code expects (scopes, files, the diagnoseBounce message action), and a clear error when the bot id is
 * missing.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { APP_PACKAGE_DIR, buildAppPackage, crc32, manifestSchemaErrors, PackageError, valuesFromEnv, zip, type Manifest } from '../../scripts/package';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

const BOT_ID = '0f8c1b2a-3d4e-4f50-8a6b-7c8d9e0f1a2b';
const HOST = 'bounce-doctor-abc123.azurewebsites.net';
const ENV = { BOT_ID, BOT_DOMAIN: HOST, PUBLISHER_URL: 'https://it.contoso.example/bounce-doctor' };

/** Reads a zip with nothing but its central directory and zlib: names and contents, CRCs checked. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + csize);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    if (crc32(data) !== crc) throw new Error(`CRC mismatch for ${name}`);
    files.set(name, data);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

describe('npm run package', () => {
  let out: string;
  let files: Map<string, Buffer>;
  let manifest: Manifest & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bd-package-'));
    out = path.join(dir, 'bounce-doctor-teams.zip');
    const cleanEnv = { ...process.env, MicrosoftAppId: '', BOT_ID: '', TEAMS_APP_ID: '', APP_VERSION: '', PUBLISHER_NAME: '', PRIVACY_URL: '', TERMS_URL: '' };
    await run(process.execPath, ['-r', 'ts-node/register/transpile-only', 'scripts/package.ts', '--out', out], { cwd: ROOT, env: { ...cleanEnv, ...ENV } });
    files = unzip(readFileSync(out));
    manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
  });

  afterAll(() => rmSync(path.dirname(out), { recursive: true, force: true }));

  it('writes a zip with the manifest, both icons and seven localization files at its root', () => {
    expect([...files.keys()].sort()).toEqual(['color.png', 'en.json', 'fr.json', 'ja.json', 'ko.json', 'manifest.json', 'outline.png', 'sv.json', 'zh-CN.json', 'zh-TW.json']);
    expect(files.get('color.png')).toEqual(readFileSync(path.join(APP_PACKAGE_DIR, 'color.png')));
    expect(files.get('ja.json')).toEqual(readFileSync(path.join(APP_PACKAGE_DIR, 'ja.json')));
  });

  it('can be read by a standard unzip tool', async () => {
    const listing = await run('unzip', ['-t', out]).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err)));
    if (listing) expect(listing.stdout).toMatch(/No errors detected/);
  });

  it('has a manifest valid against the Teams schema bundled with @microsoft/app-manifest (1.19 or later)', async () => {
    const [major, minor] = String(manifest.manifestVersion).split('.').map(Number);
    expect(major === 1 && minor! >= 19).toBe(true);
    expect(manifestSchemaErrors(manifest)).toEqual([]);
  });

  it('passes @microsoft/app-manifest\'s own validateAgainstSchema too', async () => {
    // The package's index loads an ES module, which plain Node 20.19+ can require but Jest cannot: ask a child process.
    const script = `require('@microsoft/app-manifest').AppManifestUtils.validateAgainstSchema(JSON.parse(process.argv[1])).then((e) => console.log(JSON.stringify(e)))`;
    const result = await run(process.execPath, ['-e', script, JSON.stringify(manifest)], { cwd: ROOT }).catch((err: { stderr: string }) => err);
    if ('stderr' in result && /ERR_REQUIRE_ESM/.test(result.stderr) && !('stdout' in result && result.stdout)) {
      console.warn('this Node cannot require @microsoft/app-manifest; its schema was checked above by scripts/package.ts');
      return;
    }
    expect(JSON.parse((result as { stdout: string }).stdout)).toEqual([]);
  });

  it('fills in the bot id, app id, version, domain and publisher links', () => {
    expect(manifest.id).toBe(BOT_ID);
    expect(manifest.bots[0].botId).toBe(BOT_ID);
    expect(manifest.composeExtensions[0].botId).toBe(BOT_ID);
    expect(manifest.version).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    expect(manifest.validDomains).toEqual([HOST]);
    expect(manifest.developer.websiteUrl).toBe('https://it.contoso.example/bounce-doctor');
    expect(manifest.developer.privacyUrl).toBe('https://it.contoso.example/bounce-doctor');
    expect(JSON.stringify(manifest)).not.toContain('${{');
  });

  it('installs the bot in personal chats, teams and group chats, and accepts files', () => {
    const bot = manifest.bots[0];
    expect(bot.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(true);
    const scoped = bot.commandLists.flatMap((l: { scopes: string[] }) => l.scopes).sort();
    expect(scoped).toEqual(['groupChat', 'personal', 'team']);
    for (const list of bot.commandLists) {
      expect(list.commands.map((c: { title: string }) => c.title)).toEqual(['help', 'language', 'check']);
    }
  });

  it('offers "Diagnose bounce" on messages, with the command id the bot handles', () => {
    const commands = manifest.composeExtensions[0].commands;
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({ id: 'diagnoseBounce', type: 'action', context: ['message'], title: 'Diagnose bounce', fetchTask: false });
    // A static action needs at least one parameter for Teams to show its dialog.
    expect(commands[0].parameters.length).toBeGreaterThan(0);
    expect(readFileSync(path.join(ROOT, 'test/e2e/conversation.test.ts'), 'utf8')).toContain(`commandId: '${commands[0].id}'`);
  });

  it('asks for no resource-specific consent or extra permissions: the bot only reads what is sent to it', () => {
    expect(manifest.authorization).toBeUndefined();
    expect(manifest.webApplicationInfo).toBeUndefined();
    expect(manifest.permissions).toBeUndefined();
  });

  it('lists a localization file for each of the seven languages', () => {
    const info = manifest.localizationInfo!;
    const tags = [info.defaultLanguageTag, ...(info.additionalLanguages ?? []).map((l) => l.languageTag)];
    expect(tags).toEqual(['en', 'ja', 'zh-CN', 'zh-TW', 'sv', 'fr', 'ko']);
  });

  it('builds the same bytes twice', async () => {
    const a = zip((await buildAppPackage(ENV)).entries);
    const b = zip((await buildAppPackage(ENV)).entries);
    expect(a.equals(b)).toBe(true);
  });
});

describe('package configuration', () => {
  it('fails with a message naming BOT_ID and MicrosoftAppId when neither is set', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bd-package-'));
    try {
      const env = { ...process.env, BOT_ID: '', MicrosoftAppId: '', BOT_DOMAIN: HOST };
      const result = await run(process.execPath, ['-r', 'ts-node/register/transpile-only', 'scripts/package.ts', '--out', path.join(dir, 'x.zip')], { cwd: ROOT, env }).then(
        () => ({ code: 0, stderr: '' }),
        (err: { code: number; stderr: string }) => err,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/BOT_ID is not set/);
      expect(result.stderr).toMatch(/MicrosoftAppId/);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the bot id from MicrosoftAppId, as the bot itself does', () => {
    const { values } = valuesFromEnv({ MicrosoftAppId: BOT_ID.toUpperCase(), BOT_DOMAIN: HOST }, '1.0.0');
    expect(values.BOT_ID).toBe(BOT_ID);
    expect(values.TEAMS_APP_ID).toBe(BOT_ID);
  });

  it('refuses a bot id that is not a GUID', () => {
    expect(() => valuesFromEnv({ BOT_ID: 'my-bot', BOT_DOMAIN: HOST }, '1.0.0')).toThrow(PackageError);
    expect(() => valuesFromEnv({ BOT_ID: 'my-bot', BOT_DOMAIN: HOST }, '1.0.0')).toThrow(/BOT_ID must be a GUID/);
  });

  it('needs the bot host name, and accepts it as a URL too', () => {
    expect(() => valuesFromEnv({ BOT_ID }, '1.0.0')).toThrow(/BOT_DOMAIN is not set/);
    expect(valuesFromEnv({ BOT_ID, BOT_DOMAIN: `https://${HOST}/api/messages` }, '1.0.0').values.BOT_DOMAIN).toBe(HOST);
    expect(() => valuesFromEnv({ BOT_ID, BOT_DOMAIN: 'not a host' }, '1.0.0')).toThrow(/BOT_DOMAIN must be the host name/);
  });

  it('warns when the publisher links fall back to the bot host', () => {
    expect(valuesFromEnv({ BOT_ID, BOT_DOMAIN: HOST }, '1.0.0').warnings.join()).toMatch(/PUBLISHER_URL is not set/);
    expect(() => valuesFromEnv({ BOT_ID, BOT_DOMAIN: HOST, PUBLISHER_URL: 'http://insecure.example' }, '1.0.0')).toThrow(/https/);
  });

  it('refuses bad values before they reach the manifest', async () => {
    await expect(buildAppPackage({ ...ENV, PUBLISHER_NAME: 'x'.repeat(33) })).rejects.toThrow(/PUBLISHER_NAME must be 32 characters/);
    await expect(buildAppPackage({ ...ENV, APP_VERSION: 'latest' })).rejects.toThrow(/APP_VERSION/);
  });

  describe('with an edited app package folder', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'bd-apppkg-'));
      cpSync(APP_PACKAGE_DIR, dir, { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('refuses a manifest that breaks the schema, saying where', async () => {
      const file = path.join(dir, 'manifest.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"groupChat"]', '"groupChat", "meeting"]'));
      await expect(buildAppPackage(ENV, dir)).rejects.toThrow(/manifest\.json: \/bots\/0\/scopes\/3 must be equal to one of the allowed values/);
    });

    it('refuses a localization file with a key Teams does not know', async () => {
      const file = path.join(dir, 'sv.json');
      const json = JSON.parse(readFileSync(file, 'utf8'));
      json['bots[0].commandLists[7].commands[0].title'] = 'hjälp';
      writeFileSync(file, JSON.stringify(json));
      await expect(buildAppPackage(ENV, dir)).rejects.toThrow(/sv\.json: .*additional properties/);
    });

    it('refuses an outline icon that is not white on transparent', async () => {
      const png = new PNG({ width: 32, height: 32 });
      png.data.fill(0);
      png.data[3] = 255; // one opaque black pixel
      writeFileSync(path.join(dir, 'outline.png'), PNG.sync.write(png));
      await expect(buildAppPackage(ENV, dir)).rejects.toThrow(/outline\.png has 1 pixels that are neither white nor transparent/);
    });

    it('refuses a color icon of the wrong size', async () => {
      writeFileSync(path.join(dir, 'color.png'), PNG.sync.write(new PNG({ width: 96, height: 96 })));
      await expect(buildAppPackage(ENV, dir)).rejects.toThrow(/color\.png is 96×96; the color icon must be 192×192/);
    });
  });
});
