/**
 * `npm run bench`: runs every benchmark section and writes BENCHMARKS.md.
 * Each section module exports `run(): Promise<string>` returning its Markdown.
 * Timings live here, never in the test suite.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SECTIONS = ['./parse', './hostile', './spf', './turn', './memory'];

/** Each section between markers, so that a run of some sections replaces just those in BENCHMARKS.md. */
function marked(name: string, markdown: string, alone: boolean): string[] {
  const id = name.slice(2);
  const when = `_Run alone on ${new Date().toISOString().slice(0, 10)} (\`npm run bench -- ${id}\`), on the machine the header names._`;
  return [`<!-- bench:${id} -->`, markdown.trimEnd(), ...(alone ? ['', when] : []), `<!-- /bench:${id} -->`];
}

/** `npm run bench -- turn` keeps the other sections of the last full run and replaces only the sections run. */
function splice(previous: string, parts: string[]): string {
  let text = previous;
  const fresh = parts.join('\n');
  for (const m of fresh.matchAll(/<!-- bench:(\w[\w-]*) -->[\s\S]*?<!-- \/bench:\1 -->/g)) {
    const section = new RegExp(`<!-- bench:${m[1]} -->[\\s\\S]*?<!-- /bench:${m[1]} -->`);
    text = section.test(text) ? text.replace(section, () => m[0]) : `${text.trimEnd()}\n\n${m[0]}\n`;
  }
  return text;
}

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
    parts.push(...marked(name, await mod.run(), only.length > 0), '');
  }
  const out = path.resolve(__dirname, '..', 'BENCHMARKS.md');
  writeFileSync(out, only.length && existsSync(out) ? splice(readFileSync(out, 'utf8'), parts) : parts.join('\n'));
  process.stderr.write(`bench: wrote ${out}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
