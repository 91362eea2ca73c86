/**
 * deploy/azure/main.bicep, read as text: Bicep cannot be compiled here (no Azure CLI, no network), so
 * these checks make sure the template declares what the bot needs to run on App Service and that every
 * name it uses is declared. `az bicep build` remains the real check (see deploy/README.md).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const bicep = readFileSync(path.join(ROOT, 'deploy/azure/main.bicep'), 'utf8');
/** The template without its comments (a `//` after `:` is a URL's, inside a string). */
const code = bicep.replace(/(^|[^:'])\/\/[^\n]*/g, '$1');
const readme = readFileSync(path.join(ROOT, 'deploy/README.md'), 'utf8');
const server = readFileSync(path.join(ROOT, 'bot/server.ts'), 'utf8');
const parametersFile = JSON.parse(readFileSync(path.join(ROOT, 'deploy/azure/main.parameters.json'), 'utf8')) as { parameters: Record<string, { value: unknown }> };

interface Resource {
  symbol: string;
  type: string;
  apiVersion: string;
  body: string;
}

/** The `{ … }` block that starts at `open`, braces balanced. */
function block(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open, i + 1);
  }
  throw new Error(`unbalanced braces from offset ${open}`);
}

const resources: Resource[] = [...code.matchAll(/^resource (\w+) '([\w./]+)@([\w-]+)' = (?:if \([^\n]*\) )?\{/gm)].map((m) => ({
  symbol: m[1]!,
  type: m[2]!,
  apiVersion: m[3]!,
  body: block(code, m.index! + m[0].length - 1),
}));
const params = new Map([...code.matchAll(/^param (\w+) (\w+)(?: = ([^\n]+))?$/gm)].map((m) => [m[1]!, { type: m[2]!, default: m[3] }]));
const vars = new Set([...code.matchAll(/^var (\w+) =/gm)].map((m) => m[1]!));
const outputs = new Set([...code.matchAll(/^output (\w+) \w+ =/gm)].map((m) => m[1]!));

function resource(type: string): Resource {
  const found = resources.filter((r) => r.type === type);
  expect([type, found.length]).toEqual([type, 1]);
  return found[0]!;
}

/** App settings of the web app, name → the Bicep expression of its value. */
function appSettings(): Map<string, string> {
  const body = resource('Microsoft.Web/sites').body;
  return new Map([...body.matchAll(/name: '([^']+)'\s+value: ([^\n]+)/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

describe('deploy/azure/main.bicep', () => {
  it('declares each resource on a current API version', () => {
    const expected: Record<string, string> = {
      'Microsoft.ManagedIdentity/userAssignedIdentities': '2023-01-31',
      'Microsoft.Web/serverfarms': '2023-12-01',
      'Microsoft.Web/sites': '2023-12-01',
      'Microsoft.BotService/botServices': '2022-09-15',
      'Microsoft.Storage/storageAccounts': '2023-05-01',
      'Microsoft.Insights/components': '2020-02-02',
    };
    for (const [type, version] of Object.entries(expected)) expect([type, resource(type).apiVersion >= version]).toEqual([type, true]);
    expect(resource('Microsoft.OperationalInsights/workspaces').apiVersion >= '2022-10-01').toBe(true);
    expect(resource('Microsoft.Storage/storageAccounts/blobServices/containers').body).toMatch(/publicAccess: 'None'/);
  });

  it('registers an Azure Bot that is the managed identity (UserAssignedMSI), pointing at /api/messages', () => {
    const bot = resource('Microsoft.BotService/botServices').body;
    const identity = resource('Microsoft.ManagedIdentity/userAssignedIdentities').symbol;
    expect(bot).toMatch(/kind: 'azurebot'/);
    expect(bot).toMatch(/msaAppType: 'UserAssignedMSI'/);
    expect(bot).toContain(`msaAppId: ${identity}.properties.clientId`);
    expect(bot).toContain(`msaAppTenantId: ${identity}.properties.tenantId`);
    expect(bot).toContain(`msaAppMSIResourceId: ${identity}.id`);
    expect(bot).toContain("endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'");
    expect(server).toContain("server.post('/api/messages'");
  });

  it('turns on the Teams and Email channels', () => {
    const channels = resources.filter((r) => r.type === 'Microsoft.BotService/botServices/channels');
    expect(channels.map((c) => /channelName: '(\w+)'/.exec(c.body)?.[1]).sort()).toEqual(['EmailChannel', 'MsTeamsChannel']);
    for (const c of channels) expect(c.body).toMatch(/isEnabled: true/);
  });

  it('runs a Linux Node 20 web app, HTTPS only, health-checked on the route the server answers', () => {
    const plan = resource('Microsoft.Web/serverfarms').body;
    expect(plan).toMatch(/reserved: true/);
    const site = resource('Microsoft.Web/sites').body;
    expect(site).toMatch(/kind: 'app,linux'/);
    expect(site).toMatch(/httpsOnly: true/);
    expect(site).toContain("linuxFxVersion: 'NODE|20-lts'");
    // Readiness (storage answers), the route test/e2e/readyz.test.ts exercises.
    expect(site).toMatch(/healthCheckPath: '\/readyz'/);
    expect(server).toContain("server.get('/readyz'");
    expect(site).toMatch(/type: 'UserAssigned'/);
    const main = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string }).main;
    expect(site).toContain(`appCommandLine: 'node ${main}'`);
  });

  it('gives the bot the app settings it reads in production', () => {
    const settings = appSettings();
    const identity = resource('Microsoft.ManagedIdentity/userAssignedIdentities').symbol;
    const storage = resource('Microsoft.Storage/storageAccounts').symbol;
    const insights = resource('Microsoft.Insights/components').symbol;
    expect(Object.fromEntries(settings)).toMatchObject({
      MicrosoftAppType: "'UserAssignedMSI'",
      MicrosoftAppId: `${identity}.properties.clientId`,
      MicrosoftAppTenantId: `${identity}.properties.tenantId`,
      AZURE_CLIENT_ID: `${identity}.properties.clientId`,
      AZURE_STORAGE_ACCOUNT_URL: `${storage}.properties.primaryEndpoints.blob`,
      AZURE_STORAGE_CONTAINER: 'stateContainerName',
      APPLICATIONINSIGHTS_CONNECTION_STRING: `${insights}.properties.ConnectionString`,
      ALLOWED_TENANTS: 'allowedTenants',
      DNS_SERVERS: 'dnsServers',
      ESCALATION_TEAM_ID: 'escalationTeamId',
      ESCALATION_CHANNEL_ID: 'escalationChannelId',
      ESCALATION_LOCALE: 'escalationLocale',
      SUPPORT_AAD_OBJECT_IDS: 'supportAgentObjectIds',
      WEBSITE_NODE_DEFAULT_VERSION: "'~20'",
      SCM_DO_BUILD_DURING_DEPLOYMENT: "'false'",
    });
    expect(settings.has('MicrosoftAppPassword')).toBe(false); // a managed identity has no secret
  });

  it('lets the identity, and only the identity, use the state storage', () => {
    const role = resource('Microsoft.Authorization/roleAssignments').body;
    const identity = resource('Microsoft.ManagedIdentity/userAssignedIdentities').symbol;
    const storage = resource('Microsoft.Storage/storageAccounts');
    expect(code).toContain("'ba92f5b4-2d11-453d-a403-e96b0029c9fe'"); // Storage Blob Data Contributor
    expect(role).toContain(`principalId: ${identity}.properties.principalId`);
    expect(role).toContain(`scope: ${storage.symbol}`);
    expect(storage.body).toMatch(/allowSharedKeyAccess: false/);
    expect(storage.body).toMatch(/allowBlobPublicAccess: false/);
  });

  it('uses only names it declares', () => {
    const declared = new Set([...resources.map((r) => r.symbol), ...params.keys(), ...vars]);
    const used = new Set([...code.matchAll(/\b([a-zA-Z]\w*)\.(?:properties|id|name)\b/g)].map((m) => m[1]!));
    for (const name of used) expect([name, declared.has(name)]).toEqual([name, true]);
    for (const m of code.matchAll(/parent: (\w+)/g)) expect(declared.has(m[1]!)).toBe(true);
    for (const m of code.matchAll(/\$\{(\w+)\}/g)) expect([m[1], declared.has(m[1]!)]).toEqual([m[1], true]);
  });

  it('has an example parameters file that only sets parameters the template declares', () => {
    for (const name of Object.keys(parametersFile.parameters)) expect([name, params.has(name)]).toEqual([name, true]);
    for (const [name, p] of params) if (p.default === undefined) expect([name, name in parametersFile.parameters]).toEqual([name, true]);
  });

  it('outputs what deploy/README.md tells people to read from it', () => {
    for (const name of ['botAppId', 'webAppHostName', 'webAppName', 'botName']) {
      expect([name, outputs.has(name)]).toEqual([name, true]);
      expect([name, readme.includes(name)]).toEqual([name, true]);
    }
  });

  it('is documented: deploy/README.md names every parameter and app setting', () => {
    for (const name of params.keys()) expect([name, readme.includes(`\`${name}\``)]).toEqual([name, true]);
    for (const name of appSettings().keys()) expect([name, readme.includes(name)]).toEqual([name, true]);
  });
});
