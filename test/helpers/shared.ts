/**
 * The workspace's `../shared` folder (beside the project root) holds provided material: the bounce corpus,
 * the SPF conformance suite, the Adaptive Card schema. Tests read it in place and never copy it.
 * When it is absent (a clone outside the workspace), suites that need it are reported as skipped, with why.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const sharedDir = path.resolve(repoRoot, '..', 'shared');

export function sharedPath(...parts: string[]): string {
  return path.join(sharedDir, ...parts);
}

export function hasShared(...parts: string[]): boolean {
  return existsSync(sharedPath(...parts));
}

const skipSuite = describe.skip;

/** `describe` when `../shared/<parts>` exists; otherwise a skipped suite whose title says why. */
export function describeWithShared(parts: string[], name: string, fn: () => void): void {
  if (hasShared(...parts)) {
    describe(name, fn);
  } else {
    console.warn(`${name}: skipped, ${path.join('../shared', ...parts)} is absent`);
    skipSuite(`${name} (skipped: ../shared/${parts.join('/')} is absent)`, fn);
  }
}
