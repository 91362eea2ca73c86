/**
 * Files the playground page is made of: its own (playground/ at the repository root) and the vendor ones,
 * read straight from node_modules (the official Adaptive Cards renderer, markdown-it, and the Microsoft
 * Teams light host config and container styles from the Adaptive Cards designer). Nothing is copied.
 */
import * as path from 'node:path';
import { projectDir } from '../paths';

export interface Asset {
  /** URL path the page asks for. */
  url: string;
  /** Absolute file path, or undefined when it cannot be found (dev dependencies not installed). */
  file: string | undefined;
  contentType: string;
  /** What is missing, for the 503 answer and the log, when `file` is undefined. */
  missing?: string;
}

/** playground/ beside bot/ (from bot/playground) or beside dist/ (from dist/bot/playground). */
export function findPageDir(from = __dirname): string | undefined {
  try {
    return projectDir('playground', 'index.html', from);
  } catch {
    return undefined;
  }
}

function vendor(url: string, request: string, contentType: string): Asset {
  try {
    return { url, file: require.resolve(request), contentType };
  } catch {
    return { url, file: undefined, contentType, missing: `${request} (run npm ci: it is a dev dependency)` };
  }
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

export function playgroundAssets(pageDir: string | undefined): Asset[] {
  const own = (url: string, name: string, contentType: string): Asset =>
    pageDir ? { url, file: path.join(pageDir, name), contentType } : { url, file: undefined, contentType, missing: `playground/${name}` };
  return [
    own('/', 'index.html', 'text/html; charset=utf-8'),
    own('/playground/app.js', 'app.js', JS),
    own('/playground/style.css', 'style.css', CSS),
    vendor('/playground/vendor/adaptivecards.min.js', 'adaptivecards/dist/adaptivecards.min.js', JS),
    vendor('/playground/vendor/markdown-it.min.js', 'markdown-it/dist/markdown-it.min.js', JS),
    vendor('/playground/vendor/teams-light.json', 'adaptivecards-designer/lib/hostConfigs/microsoft-teams-light.json', JSON_TYPE),
    vendor('/playground/vendor/teams-container-light.css', 'adaptivecards-designer/dist/containers/teams-container-light.css', CSS),
  ];
}
