/**
 * `npm run package`: builds the Teams app package, deploy/build/bounce-doctor-teams.zip.
 *
 * Reads deploy/appPackage/manifest.json, fills in its ${{PLACEHOLDERS}} from the environment, checks the
 * result against the Teams manifest schema bundled with @microsoft/app-manifest (offline), checks the
 * localization files and icons, and zips manifest.json, the icons and the six localization files flat at
 * the root of the archive, as Teams expects.
 *
 *   BOT_ID (or MicrosoftAppId)   required: the bot's Microsoft App ID (with a managed identity, its client id)
 *   BOT_DOMAIN                   required: host name that serves /api/messages, e.g. bounce-doctor-x.azurewebsites.net
 *   TEAMS_APP_ID                 optional: the Teams app id; defaults to BOT_ID
 *   APP_VERSION                  optional: the app version Teams shows; defaults to package.json's version
 *   PUBLISHER_NAME               optional: defaults to "Bounce Doctor"
 *   PUBLISHER_URL                optional: https page about the app; defaults to https://BOT_DOMAIN/
 *   PRIVACY_URL, TERMS_URL       optional: default to PUBLISHER_URL
 *
 * Usage: npm run package [-- --out <file.zip>]
 *        npm run package -- --teamsfx-env
 *
 * --teamsfx-env is for the Microsoft 365 Agents Toolkit (m365agents.yml, m365agents.local.yml): it makes
 * the same values and the same offline checks, writes no file, and prints one `::set-teamsfx-env NAME=value`
 * line per placeholder, which the toolkit's `script` action puts in the environment its
 * teamsApp/zipAppPackage then fills deploy/appPackage/manifest.json from. There APP_VERSION is always
 * package.json's version (a value left in env/.env.<environment> from an earlier run is not reused).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type Ajv from 'ajv';
import type { Options, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';

export const ROOT = path.resolve(__dirname, '..');
export const APP_PACKAGE_DIR = path.join(ROOT, 'deploy', 'appPackage');
export const DEFAULT_OUT = path.join(ROOT, 'deploy', 'build', 'bounce-doctor-teams.zip');

/** A problem the person running the script can fix; printed without a stack trace. */
export class PackageError extends Error {}

type Env = Record<string, string | undefined>;

export interface PackageValues {
  BOT_ID: string;
  TEAMS_APP_ID: string;
  BOT_DOMAIN: string;
  APP_VERSION: string;
  PUBLISHER_NAME: string;
  PUBLISHER_URL: string;
  PRIVACY_URL: string;
  TERMS_URL: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

function guid(name: string, value: string, hint: string): string {
  if (!GUID.test(value)) throw new PackageError(`${name} must be a GUID such as 00000000-0000-0000-0000-000000000000 (${hint}), not "${value}"`);
  return value.toLowerCase();
}

function httpsUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new PackageError(`${name} must be an https:// address, not "${value}"`);
  }
  if (url.protocol !== 'https:') throw new PackageError(`${name} must be an https:// address, not "${value}"`);
  return url.toString();
}

/** A host name, from "host", "host:443" or a whole URL such as https://host/api/messages. */
function hostName(value: string): string {
  let host = value.trim();
  if (/^[a-z]+:\/\//i.test(host)) {
    try {
      host = new URL(host).hostname;
    } catch {
      /* reported below */
    }
  }
  host = host.replace(/:\d+$/, '').replace(/\.$/, '').toLowerCase();
  if (!HOST.test(host)) throw new PackageError(`BOT_DOMAIN must be the host name that serves /api/messages, such as bounce-doctor-abc123.azurewebsites.net, not "${value}"`);
  return host;
}

/** Reads and checks every value the manifest needs; `warnings` says which defaults were used. */
export function valuesFromEnv(env: Env, packageVersion: string): { values: PackageValues; warnings: string[] } {
  const get = (name: string): string | undefined => env[name]?.trim() || undefined;
  const warnings: string[] = [];

  const rawBotId = get('BOT_ID') ?? get('MicrosoftAppId');
  if (!rawBotId) {
    throw new PackageError(
      'BOT_ID is not set. Set BOT_ID (or MicrosoftAppId) to the bot\'s Microsoft App ID: with the Bicep in deploy/azure, ' +
        'the "botAppId" output of the deployment (the managed identity\'s client id).',
    );
  }
  const BOT_ID = guid(get('BOT_ID') ? 'BOT_ID' : 'MicrosoftAppId', rawBotId, "the bot's Microsoft App ID");
  const TEAMS_APP_ID = get('TEAMS_APP_ID') ? guid('TEAMS_APP_ID', get('TEAMS_APP_ID')!, 'the Teams app id') : BOT_ID;

  const rawDomain = get('BOT_DOMAIN');
  if (!rawDomain) {
    throw new PackageError(
      'BOT_DOMAIN is not set. Set it to the host name that serves /api/messages: with the Bicep in deploy/azure, ' +
        'the "webAppHostName" output of the deployment, such as bounce-doctor-abc123.azurewebsites.net.',
    );
  }
  const BOT_DOMAIN = hostName(rawDomain);

  const APP_VERSION = get('APP_VERSION') ?? packageVersion;
  if (!SEMVER.test(APP_VERSION)) throw new PackageError(`APP_VERSION must be a version such as 1.2.3, not "${APP_VERSION}"`);

  const PUBLISHER_NAME = get('PUBLISHER_NAME') ?? 'Bounce Doctor';
  if ([...PUBLISHER_NAME].length > 32) throw new PackageError(`PUBLISHER_NAME must be 32 characters or fewer, not "${PUBLISHER_NAME}"`);
  let PUBLISHER_URL: string;
  if (get('PUBLISHER_URL')) PUBLISHER_URL = httpsUrl('PUBLISHER_URL', get('PUBLISHER_URL')!);
  else {
    PUBLISHER_URL = `https://${BOT_DOMAIN}/`;
    warnings.push(`PUBLISHER_URL is not set: the app's website, privacy and terms links point at ${PUBLISHER_URL}. Set PUBLISHER_URL (and PRIVACY_URL, TERMS_URL) to your IT support pages.`);
  }
  const PRIVACY_URL = get('PRIVACY_URL') ? httpsUrl('PRIVACY_URL', get('PRIVACY_URL')!) : PUBLISHER_URL;
  const TERMS_URL = get('TERMS_URL') ? httpsUrl('TERMS_URL', get('TERMS_URL')!) : PUBLISHER_URL;

  return { values: { BOT_ID, TEAMS_APP_ID, BOT_DOMAIN, APP_VERSION, PUBLISHER_NAME, PUBLISHER_URL, PRIVACY_URL, TERMS_URL }, warnings };
}

const PLACEHOLDER = /\$\{\{([A-Z_]+)\}\}/g;

/** Replaces every ${{NAME}} in the manifest text; a placeholder without a value is an error. */
export function fillPlaceholders(template: string, values: Record<string, string>): string {
  const missing = new Set<string>();
  const text = template.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      missing.add(name);
      return whole;
    }
    return JSON.stringify(value).slice(1, -1); // the placeholders sit inside JSON strings
  });
  if (missing.size) throw new PackageError(`manifest.json uses placeholders with no value: ${[...missing].join(', ')}`);
  return text;
}

export interface LocalizationFile {
  languageTag: string;
  file: string;
}

/** The default language file and every additional one the manifest lists. */
export function localizationFiles(manifest: Manifest): LocalizationFile[] {
  const info = manifest.localizationInfo;
  if (!info) return [];
  const files: LocalizationFile[] = [];
  if (info.defaultLanguageFile) files.push({ languageTag: info.defaultLanguageTag, file: info.defaultLanguageFile });
  for (const lang of info.additionalLanguages ?? []) files.push(lang);
  return files;
}

/** The parts of the manifest this script reads. */
export interface Manifest {
  manifestVersion: string;
  id: string;
  icons: { color: string; outline: string };
  localizationInfo?: { defaultLanguageTag: string; defaultLanguageFile?: string; additionalLanguages?: LocalizationFile[] };
  [key: string]: unknown;
}

/*
 * Schemas: @microsoft/app-manifest ships every Teams manifest and localization schema under
 * build/json-schemas/teams/v1.x/, and validates with Ajv's draft-04 flavour (ajv-draft-04). Its index
 * module also loads an ES-module-only dependency that older Node 20 releases and Jest cannot require,
 * so this script reads the bundled schema files and sets up Ajv the way that package does.
 */
const APP_MANIFEST_DIR = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
const requireFromAppManifest = createRequire(path.join(APP_MANIFEST_DIR, 'package.json'));
const AjvDraft04 = (requireFromAppManifest('ajv-draft-04') as { default: new (options: Options) => Ajv }).default;

const SCHEMA_URL = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?json-schemas\/teams\/(v1\.\d+)\/(MicrosoftTeams(?:\.Localization)?\.schema\.json)$/i;

/** The bundled copy of a Teams schema, from the address in a manifest's $schema; never the network. */
export function bundledSchemaFile(url: string): string | undefined {
  const m = SCHEMA_URL.exec(url);
  if (!m) return undefined;
  const file = path.join(APP_MANIFEST_DIR, 'build', 'json-schemas', 'teams', m[1]!.toLowerCase(), m[2]!);
  return existsSync(file) ? file : undefined;
}

const validators = new Map<string, ValidateFunction>();

function validatorFor(file: string, unicodeRegExp: boolean): ValidateFunction {
  const key = `${file}|${unicodeRegExp}`;
  let validate = validators.get(key);
  if (!validate) {
    // As @microsoft/app-manifest reads them: a few schemas carry \a and \v escapes that JSON lacks.
    const text = readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
    const ajv = new AjvDraft04({ allErrors: true, strictTypes: false, unicodeRegExp });
    addFormats(ajv, ['uri', 'email', 'regex']);
    validate = ajv.compile(JSON.parse(text) as object);
    validators.set(key, validate);
  }
  return validate;
}

function errorsOf(validate: ValidateFunction, json: object): string[] {
  if (validate(json)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${e.params ? JSON.stringify(e.params) : ''}`.trim());
}

/** Errors of the app manifest against the schema its $schema names. */
export function manifestSchemaErrors(manifest: object): string[] {
  const url = (manifest as { $schema?: unknown }).$schema;
  const file = typeof url === 'string' && !url.includes('Localization') ? bundledSchemaFile(url) : undefined;
  if (!file) return [`$schema must name a Teams app manifest schema bundled with @microsoft/app-manifest (https://developer.microsoft.com/json-schemas/teams/v1.xx/MicrosoftTeams.schema.json), not ${JSON.stringify(url)}`];
  return errorsOf(validatorFor(file, true), manifest);
}

/**
 * Errors of a localization file against the Teams localization schema it names. That schema has
 * patterns that are not valid Unicode regular expressions (a lone `]`), so it is compiled without
 * Ajv's `u` flag.
 */
export function localizationSchemaErrors(json: object): string[] {
  const url = (json as { $schema?: unknown }).$schema;
  const file = typeof url === 'string' && url.includes('Localization') ? bundledSchemaFile(url) : undefined;
  if (!file) return [`$schema must name a Teams localization schema bundled with @microsoft/app-manifest (https://developer.microsoft.com/json-schemas/teams/v1.xx/MicrosoftTeams.Localization.schema.json), not ${JSON.stringify(url)}`];
  return errorsOf(validatorFor(file, false), json);
}

export interface IconProblem {
  file: string;
  problem: string;
}

/** Teams' rules for the two icons: sizes, and an outline icon that is only white and transparent. */
export function iconProblems(dir: string, icons: { color: string; outline: string }): IconProblem[] {
  const problems: IconProblem[] = [];
  const read = (file: string): PNG | undefined => {
    try {
      return PNG.sync.read(readFileSync(path.join(dir, file)));
    } catch (err) {
      problems.push({ file, problem: `cannot be read as a PNG (${(err as Error).message})` });
      return undefined;
    }
  };
  const color = read(icons.color);
  if (color && (color.width !== 192 || color.height !== 192)) problems.push({ file: icons.color, problem: `is ${color.width}×${color.height}; the color icon must be 192×192` });
  const outline = read(icons.outline);
  if (outline) {
    if (outline.width !== 32 || outline.height !== 32) problems.push({ file: icons.outline, problem: `is ${outline.width}×${outline.height}; the outline icon must be 32×32` });
    let other = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [outline.data[i], outline.data[i + 1], outline.data[i + 2], outline.data[i + 3]];
      const white = r === 255 && g === 255 && b === 255 && a === 255;
      if (!white && a !== 0) other++;
    }
    if (other) problems.push({ file: icons.outline, problem: `has ${other} pixels that are neither white nor transparent; the outline icon must be white on transparent` });
  }
  return problems;
}

// --- zip ------------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/**
 * A zip archive of `entries`, deflated, every entry dated 1980-01-01 so the same input always gives
 * the same bytes. Names are stored as UTF-8.
 */
export function zip(entries: ZipEntry[]): Buffer {
  const DOS_TIME = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  const UTF8 = 0x0800;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateRawSync(entry.data, { level: 9 });
    const crc = crc32(entry.data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(UTF8, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk, internal and external attributes: all 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

// --- the package ----------------------------------------------------------------------------------

export interface BuiltPackage {
  /** The value of each placeholder. */
  values: PackageValues;
  manifest: Manifest;
  entries: ZipEntry[];
  warnings: string[];
}

/** Everything `npm run package` does short of writing the file; throws PackageError on any problem. */
export async function buildAppPackage(env: Env, dir = APP_PACKAGE_DIR): Promise<BuiltPackage> {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const { values, warnings } = valuesFromEnv(env, pkg.version);
  const text = fillPlaceholders(readFileSync(path.join(dir, 'manifest.json'), 'utf8'), { ...values });
  const manifest = JSON.parse(text) as Manifest;

  const problems: string[] = [];
  for (const err of manifestSchemaErrors(manifest)) problems.push(`manifest.json: ${err.trim()}`);

  const entries: ZipEntry[] = [{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') }];
  for (const { file } of localizationFiles(manifest)) {
    let data: Buffer;
    try {
      data = readFileSync(path.join(dir, file));
    } catch {
      problems.push(`${file}: listed in localizationInfo but not found in ${path.relative(ROOT, dir) || dir}`);
      continue;
    }
    let json: object;
    try {
      json = JSON.parse(data.toString('utf8')) as object;
    } catch (err) {
      problems.push(`${file}: not valid JSON (${(err as Error).message})`);
      continue;
    }
    for (const err of localizationSchemaErrors(json)) problems.push(`${file}: ${err.trim()}`);
    entries.push({ name: file, data });
  }

  for (const { file, problem } of iconProblems(dir, manifest.icons)) problems.push(`${file} ${problem}`);
  for (const file of [manifest.icons.color, manifest.icons.outline]) {
    try {
      entries.push({ name: file, data: readFileSync(path.join(dir, file)) });
    } catch {
      /* reported by iconProblems */
    }
  }

  if (problems.length) throw new PackageError(`the app package is not valid:\n  - ${problems.join('\n  - ')}`);
  return { values, manifest, entries, warnings };
}

/** The placeholders the manifest may use, in the order `--teamsfx-env` prints them. */
export const PLACEHOLDER_NAMES: readonly (keyof PackageValues)[] = ['BOT_ID', 'TEAMS_APP_ID', 'BOT_DOMAIN', 'APP_VERSION', 'PUBLISHER_NAME', 'PUBLISHER_URL', 'PRIVACY_URL', 'TERMS_URL'];

/**
 * One `::set-teamsfx-env NAME=value` line, as the toolkit's script action reads them: a bare value, or one
 * in double or single quotes when it has spaces or quotes (a value with both kinds of quote cannot be said).
 */
export function setTeamsfxEnvLine(name: string, value: string): string {
  if (/^[^"'\s]+$/.test(value)) return `::set-teamsfx-env ${name}=${value}`;
  if (!value.includes('"')) return `::set-teamsfx-env ${name}="${value}"`;
  if (!value.includes("'")) return `::set-teamsfx-env ${name}='${value}'`;
  throw new PackageError(`${name} holds both kinds of quote, which the toolkit cannot read back: ${value}`);
}

/** What `npm run package -- --teamsfx-env` prints: the checks' warnings go to stderr. */
export async function teamsfxEnvLines(env: Env, dir = APP_PACKAGE_DIR): Promise<{ lines: string[]; warnings: string[] }> {
  const built = await buildAppPackage({ ...env, APP_VERSION: undefined }, dir);
  return { lines: PLACEHOLDER_NAMES.map((name) => setTeamsfxEnvLine(name, built.values[name])), warnings: built.warnings };
}

function parseArgs(argv: string[]): { out: string; teamsfxEnv: boolean } {
  let out = DEFAULT_OUT;
  let teamsfxEnv = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out' && argv[i + 1]) out = path.resolve(argv[++i]!);
    else if (arg === '--teamsfx-env') teamsfxEnv = true;
    else throw new PackageError(`unknown argument "${arg}". Usage: npm run package [-- --out <file.zip> | --teamsfx-env]`);
  }
  return { out, teamsfxEnv };
}

async function main(): Promise<void> {
  try {
    const { out, teamsfxEnv } = parseArgs(process.argv.slice(2));
    if (teamsfxEnv) {
      const { lines, warnings } = await teamsfxEnvLines(process.env);
      for (const warning of warnings) console.error(`warning: ${warning}`);
      console.log(lines.join('\n'));
      return;
    }
    const built = await buildAppPackage(process.env);
    for (const warning of built.warnings) console.warn(`warning: ${warning}`);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, zip(built.entries));
    const bot = (built.manifest.bots as { botId: string }[])[0]!.botId;
    console.log(`wrote ${path.relative(process.cwd(), out) || out} (Teams app ${built.manifest.id}, bot ${bot}, manifest ${built.manifest.manifestVersion}, ${built.entries.length} files)`);
  } catch (err) {
    if (err instanceof PackageError) {
      console.error(`npm run package: ${err.message}`);
      process.exit(1);
    }
    throw err;
  }
}

if (require.main === module) void main();
