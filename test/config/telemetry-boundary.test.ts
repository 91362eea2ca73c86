/**
 * The pure core stays free of telemetry: only the shell's two telemetry modules import OpenTelemetry or
 * the Azure Monitor distro; bot/ndr, bot/dns and bot/diagnosis are wrapped from outside (bot/trace.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const BOT = path.resolve(__dirname, '../../bot');
const TELEMETRY_IMPORT = /from '(@opentelemetry\/[^']+|@azure\/monitor-opentelemetry[^']*|applicationinsights)'|require\('(@opentelemetry\/[^']+|@azure\/monitor-opentelemetry[^']*|applicationinsights)'\)/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

it('imports OpenTelemetry only in bot/trace.ts and bot/telemetry.ts', () => {
  const importing = tsFiles(BOT)
    .filter((f) => TELEMETRY_IMPORT.test(readFileSync(f, 'utf8')))
    .map((f) => path.relative(BOT, f))
    .sort();
  expect(importing).toEqual(['telemetry.ts', 'trace.ts']);
});

it.each(['ndr', 'dns', 'diagnosis'])('keeps bot/%s free of telemetry and of the shell that traces it', (dir) => {
  for (const file of tsFiles(path.join(BOT, dir))) {
    const text = readFileSync(file, 'utf8');
    expect([path.relative(BOT, file), TELEMETRY_IMPORT.test(text) || /from '\.\.\/(trace|telemetry)'/.test(text)]).toEqual([path.relative(BOT, file), false]);
  }
});
