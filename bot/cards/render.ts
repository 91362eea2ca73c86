/**
 * Binds a static template from `cards/` to data with adaptivecards-templating. Data values are never
 * evaluated as expressions: only the template's own `${…}` are.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { projectDir } from '../paths';

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** A template in `cards/`: the small cards by name, and each playbook's `<id>-result`. */
export type CardName = 'help' | 'welcome' | 'error' | 'notice' | 'checking' | 'ask-domain' | 'language' | 'escalation-requester' | 'escalation-support' | (string & {});

export interface CardAttachment {
  contentType: typeof CARD_CONTENT_TYPE;
  content: Record<string, unknown>;
}

export const CARDS_DIR = projectDir('cards', 'help.json', __dirname);

/**
 * adaptivecards-templating parses every `${…}` of a template with the adaptive-expressions grammar on
 * every expand, which was most of a turn's CPU (14 ms of a ~20 ms turn). Only our templates' own strings
 * are parsed (data values are never expressions), so the parsed expressions are remembered: a bounded set,
 * and parsed expressions are immutable trees, evaluated afresh against each card's data.
 */
const MAX_PARSED = 4000;
type Parse = (s: string) => unknown;
const TemplateStatic = ACData.Template as unknown as { parseInterpolatedString: Parse };
const parseOnce: Parse = TemplateStatic.parseInterpolatedString.bind(ACData.Template);
const parsed = new Map<string, unknown>();
TemplateStatic.parseInterpolatedString = (text: string): unknown => {
  const hit = parsed.get(text);
  if (hit !== undefined) return hit;
  const result = parseOnce(text);
  if (parsed.size < MAX_PARSED) parsed.set(text, result);
  return result;
};

const templates = new Map<CardName, unknown>();

function template(name: CardName): unknown {
  let t = templates.get(name);
  if (!t) {
    t = JSON.parse(readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8')) as unknown;
    templates.set(name, t);
  }
  return t;
}

export function renderCard(name: CardName, data: object): CardAttachment {
  const tpl = new ACData.Template(template(name));
  const content = tpl.expand({ $root: data }) as Record<string, unknown>;
  return { contentType: CARD_CONTENT_TYPE, content };
}
