/** Reads this project's own NDR fixtures (test/fixtures/ndr). */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const fixtureDir = path.resolve(__dirname, '..', 'fixtures', 'ndr');

export function fixtureText(...parts: string[]): string {
  return readFileSync(path.join(fixtureDir, ...parts), 'utf8');
}

export function fixtureBytes(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(path.join(fixtureDir, ...parts)));
}
