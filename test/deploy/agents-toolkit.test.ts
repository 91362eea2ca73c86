/**
 * The Microsoft 365 Agents Toolkit's project files: m365agents.yml (dev, Azure), m365agents.local.yml (F5),
 * env/.env.*, .vscode/tasks.json and launch.json. The toolkit cannot run here (it signs in to Microsoft 365
 * and Azure), so this checks them the way it would read them, against what the toolkit itself ships
 * (test/fixtures/agents-toolkit/README.md says where each file comes from):
 *
 * - each lifecycle file parses and validates against the toolkit's own yaml schema, and names only actions
 *   that schema has;
 * - every path exists (inputs) or is a git-ignored output of an earlier step; every ${{PLACEHOLDER}} it or
 *   the Teams manifest uses is in the environment's file or written by an earlier step (an action's
 *   writeToEnvironmentFile, the Bicep's outputs, the dev tunnel, the placeholder script);
 * - the placeholder script (`npm run package -- --teamsfx-env`) prints what the toolkit's script action reads
 *   back (its own regular expression), for every placeholder the manifest has, and the manifest filled with
 *   those values validates against the Teams schema offline;
 * - the VS Code tasks and launch configurations hang together: labels, ports, the npm script, the env file.
 */
import Ajv from 'ajv';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { load } from 'js-yaml';
import { loadConfig } from '../../bot/config';
import { DEFAULT_BUNDLE_DIR } from '../../scripts/bundle';
import { APP_PACKAGE_DIR, fillPlaceholders, manifestSchemaErrors, PLACEHOLDER_NAMES, setTeamsfxEnvLine, teamsfxEnvLines } from '../../scripts/package';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'agents-toolkit');
const read = (rel: string): string => readFileSync(path.join(ROOT, rel), 'utf8');
const rel = (p: string): string => path.relative(ROOT, path.resolve(ROOT, p));

const schema = JSON.parse(readFileSync(path.join(FIXTURES, 'yaml.schema.v1.12.json'), 'utf8')) as { properties: { version: { const: string } }; definitions: Record<string, unknown> };
const teamsfxTasks = JSON.parse(readFileSync(path.join(FIXTURES, 'teamsfx-tasks.json'), 'utf8')) as { commands: string[]; prerequisites: string[]; tunnelTypes: string[] };
const pkg = JSON.parse(read('package.json')) as { version: string; scripts: Record<string, string> };

/** Every action the toolkit's schema knows: the `const` of each definition's `uses`. */
function schemaActions(): Set<string> {
  const found = new Set<string>();
  for (const def of Object.values(schema.definitions)) {
    const uses = (def as { properties?: { uses?: { const?: unknown } } }).properties?.uses?.const;
    if (typeof uses === 'string') found.add(uses);
  }
  return found;
}
const ACTIONS = schemaActions();

interface Action {
  uses: string;
  name?: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface Lifecycle {
  version: string;
  environmentFolderPath: string;
  provision?: Action[];
  deploy?: Action[];
  publish?: Action[];
}

const LIFECYCLES = ['provision', 'deploy', 'publish'] as const;
const FILES = { 'm365agents.local.yml': ['local'], 'm365agents.yml': ['dev'] } as const;
const yml = (file: keyof typeof FILES): Lifecycle => load(read(file)) as Lifecycle;

/** KEY=value lines of a toolkit env file (empty values included: the key is declared). */
function envFile(env: string): Map<string, string> {
  const text = read(`env/.env.${env}`);
  return new Map([...text.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
}

const PLACEHOLDER = /\$\{\{(?:[a-z]+:)?([A-Za-z_][A-Za-z0-9_]*)\}\}/g;
const placeholders = (value: unknown): string[] => [...JSON.stringify(value ?? null).matchAll(PLACEHOLDER)].map((m) => m[1]!);

/** Outputs of deploy/azure/main.bicep: arm/deploy writes each to the env file under its name in capitals. */
function bicepOutputs(template: string): string[] {
  return [...read(template).matchAll(/^output (\w+) \w+ =/gm)].map((m) => m[1]!.toUpperCase());
}

const tasks = JSON.parse(read('.vscode/tasks.json')) as { tasks: { label: string; type?: string; command?: string; args?: Record<string, unknown>; dependsOn?: string[]; problemMatcher?: unknown }[] };
const launch = JSON.parse(read('.vscode/launch.json')) as { configurations: { name: string; type: string; port?: number; url?: string; preLaunchTask?: string }[]; compounds: { name: string; configurations: string[]; preLaunchTask?: string }[] };
const task = (label: string) => {
  const t = tasks.tasks.find((x) => x.label === label);
  expect([label, Boolean(t)]).toEqual([label, true]);
  return t!;
};
interface TunnelPort {
  portNumber: number;
  writeToEnvironmentFile: Record<string, string>;
}
const tunnel = task('Start local tunnel').args as { type: string; ports: TunnelPort[]; env: string };

/** What the environment holds before a lifecycle runs: its env file, and for local debugging the tunnel's outputs. */
function initialVariables(env: string): Set<string> {
  const vars = new Set(envFile(env).keys());
  if (env === tunnel.env) for (const p of tunnel.ports) for (const v of Object.values(p.writeToEnvironmentFile)) vars.add(v);
  return vars;
}

/** Variables an action writes to the environment. */
function outputsOf(action: Action): string[] {
  const out = Object.values(action.writeToEnvironmentFile ?? {});
  if (action.uses === 'arm/deploy') for (const t of (action.with?.templates ?? []) as { path: string }[]) out.push(...bicepOutputs(t.path));
  if (action.uses === 'script' && /\bnpm run (--silent )?package -- --teamsfx-env$/.test(String(action.with?.run))) out.push(...PLACEHOLDER_NAMES);
  return out;
}

const manifestPlaceholders = [...new Set(placeholders(readFileSync(path.join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8')))].sort();

function gitIgnored(file: string): boolean {
  try {
    execFileSync('git', ['check-ignore', '-q', file], { cwd: ROOT });
    return true;
  } catch {
    return false;
  }
}

describe.each(Object.keys(FILES) as (keyof typeof FILES)[])('%s', (file) => {
  const doc = yml(file);
  const envs = FILES[file];

  it('validates against the toolkit\'s yaml schema, of the version it declares', () => {
    expect(doc.version).toBe(schema.properties.version.const);
    expect(read(file)).toContain(`$schema=https://aka.ms/m365-agents-toolkits/${doc.version}/yaml.schema.json`);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
  });

  it('names only actions the toolkit has', () => {
    expect(ACTIONS.size).toBeGreaterThan(30);
    for (const stage of LIFECYCLES) for (const a of doc[stage] ?? []) expect([stage, a.uses, ACTIONS.has(a.uses)]).toEqual([stage, a.uses, true]);
    expect(doc.provision?.length).toBeGreaterThan(0);
    expect(doc.deploy?.length).toBeGreaterThan(0);
  });

  it('has an env file for its environment, in its environmentFolderPath', () => {
    for (const env of envs) {
      expect(existsSync(path.join(ROOT, doc.environmentFolderPath, `.env.${env}`))).toBe(true);
      expect(envFile(env).get('TEAMSFX_ENV')).toBe(env);
    }
  });

  it.each(LIFECYCLES)('%s: every input path exists, every output is git-ignored, every zip it uses was built before', (stage) => {
    const zips = new Set<string>();
    let bundled = false;
    for (const a of doc[stage] ?? []) {
      const w = a.with ?? {};
      if (a.uses === 'teamsApp/validateManifest' || a.uses === 'teamsApp/zipAppPackage') {
        expect(rel(String(w.manifestPath))).toBe(path.relative(ROOT, path.join(APP_PACKAGE_DIR, 'manifest.json')));
        expect(existsSync(path.join(ROOT, String(w.manifestPath)))).toBe(true);
      }
      if (a.uses === 'teamsApp/zipAppPackage') {
        expect([w.outputZipPath, gitIgnored(String(w.outputZipPath).replace('${{TEAMSFX_ENV}}', 'dev'))]).toEqual([w.outputZipPath, true]);
        expect([w.outputFolder, gitIgnored(path.join(String(w.outputFolder), 'manifest.json'))]).toEqual([w.outputFolder, true]);
        zips.add(String(w.outputZipPath));
      }
      if (['teamsApp/validateAppPackage', 'teamsApp/update', 'teamsApp/publishAppPackage'].includes(a.uses)) expect([a.uses, zips.has(String(w.appPackagePath))]).toEqual([a.uses, true]);
      if (a.uses === 'arm/deploy') {
        for (const t of w.templates as { path: string; parameters: string }[]) {
          expect(existsSync(path.join(ROOT, t.path))).toBe(true);
          expect(existsSync(path.join(ROOT, t.parameters))).toBe(true);
          expect(rel(t.path)).toBe('deploy/azure/main.bicep');
        }
      }
      if (a.uses === 'cli/runNpmCommand') {
        const script = /^run (\S+)/.exec(String(w.args))?.[1];
        if (script) expect([script, script in pkg.scripts]).toEqual([script, true]);
        if (script === 'bundle') bundled = true;
      }
      if (a.uses === 'script') {
        expect(String(w.run)).toBe('npm run --silent package -- --teamsfx-env');
        expect('package' in pkg.scripts).toBe(true);
      }
      if (a.uses === 'azureAppService/zipDeploy') {
        // The production bundle `npm run bundle` lays out, built by an earlier step.
        expect(bundled).toBe(true);
        expect(rel(String(w.artifactFolder))).toBe(path.relative(ROOT, DEFAULT_BUNDLE_DIR));
        expect(gitIgnored(path.join(String(w.artifactFolder), 'package.json'))).toBe(true);
      }
      if (a.uses === 'file/createOrUpdateEnvironmentFile') expect(gitIgnored(String(w.target))).toBe(true);
    }
  });

  it.each(LIFECYCLES)('%s: every placeholder it and the manifest use is in the env file or written by an earlier step', (stage) => {
    for (const env of envs) {
      const vars = initialVariables(env);
      // Provision writes its outputs to the env files (secrets to .env.<env>.user): deploy and publish, which
      // come after it, read them there.
      if (stage !== 'provision') for (const a of doc.provision ?? []) for (const out of outputsOf(a)) vars.add(out);
      for (const a of doc[stage] ?? []) {
        for (const name of placeholders(a.with)) expect([env, stage, a.uses, name, vars.has(name)]).toEqual([env, stage, a.uses, name, true]);
        if (a.uses === 'teamsApp/zipAppPackage') for (const name of manifestPlaceholders) expect([env, stage, 'manifest.json', name, vars.has(name)]).toEqual([env, stage, 'manifest.json', name, true]);
        for (const out of outputsOf(a)) vars.add(out);
      }
    }
  });
});

describe('the placeholders', () => {
  it('are the ones npm run package fills: the manifest uses each of them', () => {
    expect(manifestPlaceholders).toEqual([...PLACEHOLDER_NAMES].sort());
  });

  it('come from the Bicep (BOT_ID, BOT_DOMAIN, the Web App for zip deploy) when provisioning on Azure', () => {
    const outputs = bicepOutputs('deploy/azure/main.bicep');
    for (const name of ['BOT_ID', 'BOT_DOMAIN', 'BOT_AZURE_APP_SERVICE_RESOURCE_ID']) expect([name, outputs.includes(name)]).toEqual([name, true]);
  });

  /** The toolkit's script action reads outputs with this expression (teamsfx-core, scriptDriver.js parseSetOutputCommand). */
  function toolkitReads(stdout: string): Record<string, string> {
    const regex = /::(set-teamsfx-env|set-output)\s+(\w+)=((["'])(.*?)\4|[^"'\s]+)/g;
    const output: Record<string, string> = {};
    let match: RegExpExecArray | null;
    while ((match = regex.exec(stdout))) output[match[2]!] = match[5] !== undefined ? match[5] : match[3]!;
    return output;
  }

  it('are printed by `npm run package -- --teamsfx-env` so the toolkit reads back every value exactly', async () => {
    const env = {
      TEAMSFX_ENV: 'local',
      BOT_ID: '0F8FAD5B-D9CB-469F-A165-70867728950E',
      TEAMS_APP_ID: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      BOT_DOMAIN: 'x7k2-3978.euw.devtunnels.ms',
      PUBLISHER_NAME: 'Contoso "IT" Support',
      PUBLISHER_URL: 'https://intranet.contoso.example/it',
      APP_VERSION: '0.0.1',
    };
    const { lines, warnings } = await teamsfxEnvLines(env);
    const values = toolkitReads(lines.join('\n'));
    expect(Object.keys(values).sort()).toEqual([...PLACEHOLDER_NAMES].sort());
    expect(values).toMatchObject({
      BOT_ID: '0f8fad5b-d9cb-469f-a165-70867728950e',
      TEAMS_APP_ID: env.TEAMS_APP_ID,
      BOT_DOMAIN: env.BOT_DOMAIN,
      PUBLISHER_NAME: env.PUBLISHER_NAME,
      PUBLISHER_URL: env.PUBLISHER_URL,
      PRIVACY_URL: env.PUBLISHER_URL,
      // Always package.json's: a value left in the env file by an earlier run is not reused.
      APP_VERSION: pkg.version,
    });
    expect(warnings).toEqual([]);
    // What teamsApp/zipAppPackage then builds: the manifest with those values, valid against the Teams schema.
    const manifest = JSON.parse(fillPlaceholders(readFileSync(path.join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8'), values)) as { id: string; bots: { botId: string }[]; validDomains?: string[] };
    expect(manifestSchemaErrors(manifest)).toEqual([]);
    expect(manifest.id).toBe(env.TEAMS_APP_ID);
    expect(manifest.bots[0]!.botId).toBe(values.BOT_ID);
  });

  it('say what is missing, as npm run package does, when the toolkit has not provided BOT_ID', async () => {
    await expect(teamsfxEnvLines({ BOT_DOMAIN: 'x.devtunnels.ms' })).rejects.toThrow(/BOT_ID is not set/);
  });

  it('quote values the toolkit could not read back otherwise, and refuse the one it cannot', () => {
    expect(toolkitReads(setTeamsfxEnvLine('A', "it's"))).toEqual({ A: "it's" });
    expect(toolkitReads(setTeamsfxEnvLine('A', 'say "hi"'))).toEqual({ A: 'say "hi"' });
    expect(() => setTeamsfxEnvLine('A', `"it's"`)).toThrow(/both kinds of quote/);
  });
});

describe('env files', () => {
  it('are committed (not ignored) while their .user secrets files and the debug settings are git-ignored', () => {
    const envs = readdirSync(path.join(ROOT, 'env')).filter((f) => /^\.env\.[a-z]+$/.test(f));
    expect(envs.sort()).toEqual(['.env.dev', '.env.local']);
    for (const f of envs) {
      expect([f, gitIgnored(`env/${f}`)]).toEqual([f, false]);
      expect([`${f}.user`, gitIgnored(`env/${f}.user`)]).toEqual([`${f}.user`, true]);
    }
    expect(gitIgnored('.localConfigs')).toBe(true);
  });

  it('hold no values for what provision writes (ids and secrets stay out of git)', () => {
    for (const env of ['dev', 'local']) {
      for (const [key, value] of envFile(env)) if (!['TEAMSFX_ENV', 'APP_NAME_SUFFIX'].includes(key)) expect([env, key, value]).toEqual([env, key, '']);
    }
  });

  it('give the bot, while debugging, settings it reads: the single-tenant identity provision made', () => {
    const deploy = yml('m365agents.local.yml').deploy!.find((a) => a.uses === 'file/createOrUpdateEnvironmentFile')!;
    const envs = deploy.with!.envs as Record<string, string | number>;
    const documented = new Set([...read('.env.example').matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((m) => m[1]!));
    for (const key of Object.keys(envs)) expect([key, documented.has(key)]).toEqual([key, true]);
    // With placeholders filled as provision would, the bot's own configuration accepts them.
    const filled = Object.fromEntries(Object.entries(envs).map(([k, v]) => [k, String(v).replace(PLACEHOLDER, '00000000-0000-0000-0000-000000000001')]));
    const config = loadConfig(filled);
    expect(config.auth.appType).toBe('SingleTenant');
    expect(config.auth.appId).toBeTruthy();
    expect(config.auth.tenantId).toBeTruthy();
    expect(config.port).toBe(tunnel.ports[0]!.portNumber);
  });
});

describe('.vscode', () => {
  it('uses only teamsfx task commands, prerequisites and tunnel types the toolkit has', () => {
    for (const t of tasks.tasks.filter((x) => x.type === 'teamsfx')) expect([t.label, teamsfxTasks.commands.includes(String(t.command))]).toEqual([t.label, true]);
    const pre = task('Validate prerequisites').args as { prerequisites: string[]; portOccupancy: number[] };
    for (const p of pre.prerequisites) expect([p, teamsfxTasks.prerequisites.includes(p)]).toEqual([p, true]);
    expect(teamsfxTasks.tunnelTypes).toContain(tunnel.type);
  });

  it('runs provision and deploy for an environment that has an env file and a lifecycle file', () => {
    for (const t of tasks.tasks.filter((x) => x.command === 'provision' || x.command === 'deploy')) {
      const env = String(t.args?.env);
      expect(existsSync(path.join(ROOT, 'env', `.env.${env}`))).toBe(true);
      expect(env === 'local' ? existsSync(path.join(ROOT, 'm365agents.local.yml')) : true).toBe(true);
    }
    expect(tunnel.env).toBe('local');
  });

  it('refers only to tasks and configurations that exist', () => {
    const labels = new Set(tasks.tasks.map((t) => t.label));
    for (const t of tasks.tasks) for (const d of t.dependsOn ?? []) expect([t.label, d, labels.has(d)]).toEqual([t.label, d, true]);
    const names = new Set(launch.configurations.map((c) => c.name));
    for (const c of launch.compounds) {
      for (const n of c.configurations) expect([c.name, n, names.has(n)]).toEqual([c.name, n, true]);
      if (c.preLaunchTask) expect([c.name, labels.has(c.preLaunchTask)]).toEqual([c.name, true]);
    }
    for (const c of launch.configurations) if (c.preLaunchTask) expect([c.name, labels.has(c.preLaunchTask)]).toEqual([c.name, true]);
  });

  it('starts the bot with the npm script, env file and debugger port the rest expects', () => {
    const start = task('Start application');
    const script = /^npm run (\S+)$/.exec(String(start.command))?.[1] ?? '';
    const command = pkg.scripts[script] ?? '';
    expect(command).toContain('bot/index.ts');
    // The settings deploy writes.
    const target = (yml('m365agents.local.yml').deploy!.find((a) => a.uses === 'file/createOrUpdateEnvironmentFile')!.with!.target as string).replace(/^\.\//, '');
    expect(command).toContain(`--env-file=${target}`);
    // The debugger port VS Code attaches to, which the prerequisites check keeps free with the bot's.
    const inspect = Number(/--inspect=(\d+)/.exec(command)?.[1]);
    const attach = launch.configurations.find((c) => c.type === 'node' && c.port)!;
    expect(attach.port).toBe(inspect);
    const pre = task('Validate prerequisites').args as { portOccupancy: number[] };
    expect(pre.portOccupancy.sort()).toEqual([tunnel.ports[0]!.portNumber, inspect].sort());
    // The task is done when the bot says it listens (bot/index.ts's log line).
    const ends = new RegExp(((start.problemMatcher as { background: { endsPattern: string } }).background.endsPattern));
    const listening = /'(Bounce Doctor listening on) /.exec(read('bot/index.ts'))?.[1] ?? /`(Bounce Doctor listening on) /.exec(read('bot/index.ts'))?.[1];
    expect(listening).toBeDefined();
    expect(ends.test(listening!)).toBe(true);
  });

  it('opens Teams on the app provision made: local for debugging, the deployed one for remote', () => {
    for (const c of launch.configurations.filter((x) => x.url)) {
      const [, scope, name] = /\$\{\{(?:([a-z]+):)?([A-Z_]+)\}\}/.exec(c.url!) ?? [];
      expect(name).toBe('TEAMS_APP_ID');
      const file: keyof typeof FILES = scope === 'local' ? 'm365agents.local.yml' : 'm365agents.yml';
      expect(yml(file).provision!.some((a) => a.writeToEnvironmentFile?.teamsAppId === 'TEAMS_APP_ID')).toBe(true);
    }
  });
});
