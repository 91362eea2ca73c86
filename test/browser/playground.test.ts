/**
 * The local playground in a real browser (Debian's Chromium, driven by playwright-core; never a browser
 * download), against the real bot and a real DNS server: for each of the six languages, a person picks
 * the language, pastes a 5.7.23 bounce, reads the result card in that language, fixes DNS, clicks
 * "Check again" and sees the card change. Screenshots go to test-output/screenshots/ (git-ignored).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { exoSpfBounceText } from '../helpers/bounces';
import { startDnsServer, type TestDnsServer, type ZoneData } from '../helpers/dns-server';
import { startBot, type BotHarness } from '../helpers/http-harness';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.join(__dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');

const BROKEN = 'v=spf1 ip4:198.51.100.0/24 -all';
const FIXED = 'v=spf1 include:spf.protection.outlook.com -all';

interface LocaleCase {
  /** What the page's language picker sends. */
  tag: string;
  /** The folder under locales/. */
  lng: string;
  /** Characters only text in this language has. */
  script: RegExp;
  scriptName: string;
  /** Characters that must not be there (tells Chinese from Japanese). */
  not?: RegExp;
}

const LOCALES: LocaleCase[] = [
  { tag: 'en-US', lng: 'en', script: /[A-Za-z]/, scriptName: 'Latin letters' },
  { tag: 'ja-JP', lng: 'ja', script: /[\u3040-\u30FF]/u, scriptName: 'kana' },
  { tag: 'zh-CN', lng: 'zh-CN', script: /[\u4E00-\u9FFF]/u, scriptName: 'CJK ideographs', not: /[\u3040-\u30FF\uAC00-\uD7AF]/u },
  { tag: 'zh-TW', lng: 'zh-TW', script: /[\u4E00-\u9FFF]/u, scriptName: 'CJK ideographs', not: /[\u3040-\u30FF\uAC00-\uD7AF]/u },
  { tag: 'sv-SE', lng: 'sv', script: /[åäöÅÄÖ]/u, scriptName: 'å/ä/ö' },
  { tag: 'fr-FR', lng: 'fr', script: /[éèàêçÉÀ]/u, scriptName: 'é/è/à' },
  { tag: 'ko-KR', lng: 'ko', script: /[\uAC00-\uD7AF]/u, scriptName: 'Hangul' },
];

/** A string of locales/<lng>/<namespace>.json (`ns:key`, common by default), or undefined while absent. */
function localeString(lng: string, nsKey: string): string | undefined {
  const [ns, key] = nsKey.includes(':') ? nsKey.split(':') as [string, string] : ['common', nsKey];
  const file = path.join(ROOT, 'locales', lng, `${ns}.json`);
  if (!existsSync(file)) return undefined;
  let node: unknown = JSON.parse(readFileSync(file, 'utf8'));
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

const ENGLISH_TITLE = localeString('en', 'spf:title') ?? "Rejected by the recipient's server: SPF check failed";

function domainFor(lng: string): string {
  return `${lng.toLowerCase()}.contoso.example`;
}

const fixedDomains = new Set<string>();

function zone(): ZoneData {
  const z: ZoneData = {
    'spf.protection.outlook.com': [{ TXT: 'v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 ip6:2a01:111:f400::/48 -all' }],
    'fabrikam.example': [{ MX: [10, 'mx1.fabrikam.example'] }],
  };
  for (const { lng } of LOCALES) {
    const d = domainFor(lng);
    z[d] = [{ TXT: fixedDomains.has(d) ? FIXED : BROKEN }, { MX: [10, `mx.${d}`] }, { TTL: 3600 }];
    z[`_dmarc.${d}`] = [{ TXT: 'v=DMARC1; p=quarantine' }];
  }
  return z;
}

let dns: TestDnsServer;
let bot: BotHarness;
let browser: BrowserContext;
let profile: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dns = await startDnsServer(zone());
  bot = await startBot({ DNS_SERVERS: dns.address, DNS_TIMEOUT_MS: '500', SPF_DEADLINE_MS: '4000' });
  profile = mkdtempSync(path.join(os.tmpdir(), 'bounce-doctor-chromium-'));
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1100, height: 900 },
    locale: 'en-US',
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await bot?.close();
  await dns?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

// Each open page holds an event stream, and Chromium allows only six connections per host: close them.
const openPages: Page[] = [];
afterEach(async () => {
  for (const page of openPages.splice(0)) await page.close();
  const errors = pageErrors.splice(0);
  expect(errors).toEqual([]);
});

async function openPlayground(tag: string): Promise<Page> {
  const page = await browser.newPage();
  openPages.push(page);
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(`${bot.baseUrl}/`);
  // The bot greets the new chat: the renderer, host config and event stream all work.
  await page.locator('li.msg.bot .ac-adaptiveCard').first().waitFor({ timeout: 10_000 });
  await page.selectOption('#locale', tag);
  return page;
}

/** Makes the window tall enough to show the whole conversation, then photographs one message. */
async function screenshot(page: Page, target: Locator, name: string): Promise<void> {
  const height = await page.evaluate(() => {
    const chat = document.getElementById('chat')!;
    return document.body.scrollHeight - chat.clientHeight + chat.scrollHeight;
  });
  await page.setViewportSize({ width: 1100, height: Math.min(Math.max(height + 40, 900), 6000) });
  await target.screenshot({ path: path.join(SHOTS, name), animations: 'disabled' });
  await page.setViewportSize({ width: 1100, height: 900 });
}

/** The bot's message whose card shows `text` (the checking card turns into the result in place). */
function botMessageWith(page: Page, text: string): Locator {
  return page.locator('li.msg.bot').filter({ hasText: text });
}

describe('the local playground in Chromium', () => {
  it.each(LOCALES)('$tag: paste a 5.7.23 bounce, read the result in that language, Check again', async ({ tag, lng, script, scriptName, not }) => {
    const page = await openPlayground(tag);
    const domain = domainFor(lng);

    await page.locator('#compose').fill(exoSpfBounceText({ senderDomain: domain }));
    await page.locator('#send').click();

    // What the person pasted is shown as they pasted it.
    await expect(page.locator('li.msg.user .user-text').last().textContent()).resolves.toContain(`ada@${domain}`);

    const message = botMessageWith(page, BROKEN);
    await message.waitFor({ timeout: 15_000 });
    // One message for the whole check: the result alone when the check was quick, or the "Checking …"
    // card updated into it in place when it was slow (test/browser/playground-server.test.ts forces that).
    await expect(page.locator('li.msg.bot').count()).resolves.toBe(2);

    const card = message.locator('.card');
    const text = await card.innerText();
    expect(text).toContain(domain);
    await screenshot(page, message, `${lng}-1-result.png`);
    expect({ language: lng, has: scriptName, matches: script.test(text) }).toEqual({ language: lng, has: scriptName, matches: true });
    if (not) expect(text).not.toMatch(not);
    if (lng === 'en') expect(text).toContain(ENGLISH_TITLE);
    else expect(text).not.toContain(ENGLISH_TITLE);

    // The person fixes DNS and clicks the card's own "Check again" (Action.Execute → adaptiveCard/action).
    fixedDomains.add(domain);
    dns.setZone(zone());
    const label = localeString(lng, 'actions.checkAgain') ?? localeString('en', 'actions.checkAgain') ?? 'Check again';
    const revision = Number(await message.getAttribute('data-revision'));
    const id = (await message.getAttribute('data-activity-id'))!;
    await card.getByRole('button', { name: label, exact: true }).click();
    await page.waitForFunction(
      ([activityId, r]) => Number(document.querySelector(`li[data-activity-id="${activityId}"]`)?.getAttribute('data-revision')) > Number(r),
      [id, revision] as const,
      { timeout: 15_000 },
    );
    const after = await message.locator('.card').innerText();
    expect(after).toContain(FIXED);
    expect(after).not.toEqual(text);
    expect(after).toMatch(script);
    await screenshot(page, message, `${lng}-2-check-again.png`);
  }, 45_000);

  it('reads an attached .eml, sent as a data: URL', async () => {
    const page = await openPlayground('en-US');
    const eml = [
      'From: Microsoft Outlook <postmaster@outlook.example>',
      'To: ada@eml.contoso.example',
      'Subject: Undeliverable: Quarterly figures',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      exoSpfBounceText({ senderDomain: 'en.contoso.example' }),
    ].join('\r\n');
    const file = path.join(profile, 'bounce.eml');
    writeFileSync(file, eml);
    await page.locator('#file').setInputFiles(file);
    await expect(page.locator('#attachment-name').textContent()).resolves.toContain('bounce.eml');
    await page.locator('#send').click();
    await expect(page.locator('li.msg.user .file').last().textContent()).resolves.toContain('bounce.eml');
    await botMessageWith(page, 'SPF record of en.contoso.example').waitFor({ timeout: 15_000 });
  }, 30_000);

  it('shows pasted text as text, never as HTML', async () => {
    const page = await openPlayground('en-US');
    const text = '<img src=x onerror="window.__injected=1"><b>not bold</b> 550 5.7.23';
    await page.locator('#compose').fill(text);
    await page.locator('#compose').press('Enter');
    await expect(page.locator('li.msg.user .user-text').last().textContent()).resolves.toBe(text);
    await page.locator('li.msg.bot').nth(1).waitFor({ timeout: 15_000 });
    await expect(page.locator('li.msg.user img, li.msg.user b').count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).resolves.toBeUndefined();
  }, 30_000);
});
