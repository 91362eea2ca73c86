/** Folders at the project root (cards/, locales/, playground/), found both from bot/ (ts) and dist/bot/ (js). */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The root folder `name`, recognised by `marker` inside it; `from` is the caller's __dirname. */
export function projectDir(name: string, marker: string, from: string): string {
  for (let dir = from, i = 0; i < 5; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, name);
    if (existsSync(path.join(candidate, marker))) return candidate;
  }
  throw new Error(`${name}/ folder not found above ${from}`);
}
