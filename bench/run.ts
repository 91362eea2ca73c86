/**
 * `npm run bench`: runs every benchmark section and writes BENCHMARKS.md.
 * Each section module exports `run(): Promise<string>` returning its Markdown.
 * Timings live here, never in the test suite.
 */
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SECTIONS = ['./parse', './hostile', './spf', './turn', './memory'];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const parts: string[] = [];
  parts.push('# Benchmarks', '');
  parts.push(
    `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ` +
      `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB. ` +
      'The machine is shared and noisy: compare ratios measured side by side in one run, not absolute times across runs.',
    '',
  );
  for (const name of SECTIONS) {
    if (only.length && !only.some((o) => name.includes(o))) continue;
    // A section another engineer has not written yet is skipped, with a note, rather than failing the run.
    try {
      require.resolve(name);
    } catch {
      process.stderr.write(`bench: ${name} skipped: bench/${name.slice(2)}.ts does not exist yet\n`);
      parts.push(`_Section \`bench/${name.slice(2)}.ts\` skipped: it does not exist yet._`, '');
      continue;
    }
    const mod = (await import(name)) as { run: () => Promise<string> };
    process.stderr.write(`bench: ${name}…\n`);
    parts.push(await mod.run(), '');
  }
  const out = path.resolve(__dirname, '..', 'BENCHMARKS.md');
  writeFileSync(out, parts.join('\n'));
  process.stderr.write(`bench: wrote ${out}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
