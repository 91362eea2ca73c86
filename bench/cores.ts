/**
 * Which core a thread runs on, for benchmarks that compare threads side by side.
 *
 * The cores of a shared virtual machine need not be equally fast: on the 2-core machine BENCHMARKS.md
 * names, the same loop pinned to cpu1 took 1.6–1.7 times as long as on cpu0 (a Python loop 2.4 s against
 * 1.4 s; reading the bench bounce 100–105 µs against 58–64 µs), with no steal time in /proc/stat; an hour
 * later both ran at cpu0's speed, and during the next run cpu0 fell to 1.4 times cpu1's time. Left to the
 * scheduler, a bot's thread lands on either, and a comparison of two bots measured the cores as much as the
 * bots. So the bots are pinned to one core, the fastest when timed, and the client to another.
 *
 * Linux only (`taskset` from util-linux, threads named by /proc/thread-self); elsewhere nothing is pinned
 * and the report says so.
 */
import { execFileSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';

/** The calling thread's id (its TID), or undefined where /proc does not name it. */
function threadId(): string | undefined {
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>".
    return readlinkSync('/proc/thread-self').split('/').pop();
  } catch {
    return undefined;
  }
}

/** The cores this thread may run on, or undefined where they cannot be read. */
export function allowedCores(): number[] | undefined {
  const tid = threadId();
  if (!tid) return undefined;
  try {
    const list = execFileSync('taskset', ['-c', '-p', tid], { encoding: 'utf8' }).split(':').pop()!.trim();
    const cores: number[] = [];
    for (const part of list.split(',')) {
      const [a, b] = part.split('-').map(Number);
      for (let c = a!; c <= (b ?? a!); c++) cores.push(c);
    }
    return cores.every(Number.isInteger) ? cores : undefined;
  } catch {
    return undefined;
  }
}

/** Pins the calling thread (not its process) to the given cores; false where it cannot. */
export function pinThread(cores: number[]): boolean {
  const tid = threadId();
  if (!tid) return false;
  try {
    execFileSync('taskset', ['-c', '-p', cores.join(','), tid], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const SAMPLE = JSON.stringify(
  Array.from({ length: 200 }, (_, i) => ({ id: `item-${i}`, text: `Remote server returned '550 5.7.23 SPF check failed' for host-${i}.example`, n: i })),
);
const WORDS = /\b(?:returned|failed|check|host-\d+)\b/g;

/**
 * A fixed amount of work like a bot's (objects, strings, JSON, regular expressions), ms. Not a tight
 * arithmetic loop: a core shared with a busy neighbour slows code that works the caches and memory far more
 * than one that stays in registers (7 % against 60–70 % here).
 */
function spin(): number {
  const t0 = performance.now();
  let n = 0;
  const seen = new Map<string, number>();
  for (let i = 0; i < 4; i++) {
    const items = JSON.parse(SAMPLE) as { id: string; text: string; n: number }[];
    for (const item of items) {
      n += item.text.match(WORDS)?.length ?? 0;
      seen.set(item.id + i, item.n);
    }
    n += JSON.stringify(items).length;
  }
  if (n + seen.size === 0.5) throw new Error('unreachable: keeps the work from being removed');
  return performance.now() - t0;
}

export interface CoreSpeed {
  core: number;
  /** The time of the same work on this core, ms per round: the mean over `rounds`. */
  ms: number;
}

/**
 * Times the same work pinned to each allowed core, and leaves the thread allowed on all of them again.
 * Fastest first. The mean over many rounds, not the best: a slow core is slow because it is shared, in
 * slices, and a single short round can fall in a slice it has to itself.
 */
export function coreSpeeds(rounds = 300): CoreSpeed[] | undefined {
  const cores = allowedCores();
  if (!cores || cores.length < 2) return undefined;
  // Compiled by V8 first, so the first core is not timed running it cold.
  for (let i = 0; i < 100; i++) spin();
  const speeds: CoreSpeed[] = [];
  try {
    for (const core of cores) {
      if (!pinThread([core])) return undefined;
      let total = 0;
      for (let i = 0; i < rounds; i++) total += spin();
      speeds.push({ core, ms: total / rounds });
    }
  } finally {
    pinThread(cores);
  }
  return speeds.sort((a, b) => a.ms - b.ms);
}
