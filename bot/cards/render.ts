/**
 * Binds a static template from `cards/` to data, producing exactly what adaptivecards-templating's
 * `Template.expand` produces (test/cards/binding.test.ts compares the two, byte for byte). Data values are
 * never evaluated as expressions: only the template's own `${…}` are.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import * as AEL from 'adaptive-expressions';
import { projectDir } from '../paths';

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** A template in `cards/`: the small cards by name, and each playbook's `<id>-result`. */
export type CardName = 'help' | 'welcome' | 'error' | 'notice' | 'checking' | 'ask-domain' | 'language' | 'message-action' | 'escalation-requester' | 'escalation-support' | (string & {});

export interface CardAttachment {
  contentType: typeof CARD_CONTENT_TYPE;
  content: Record<string, unknown>;
}

export const CARDS_DIR = projectDir('cards', 'help.json', __dirname);

const templates = new Map<CardName, unknown>();

/** A template's JSON as read from `cards/` (read once; never to be changed). */
export function cardTemplate(name: CardName): unknown {
  let t = templates.get(name);
  if (!t) {
    t = JSON.parse(readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8')) as unknown;
    templates.set(name, t);
  }
  return t;
}

// ---------------------------------------------------------------------------------------------------------
// Binding. `Template.expand` walks the whole template on every card: it parses every `${…}` (a new
// Template per card), saves and restores its context around every node, and evaluates each expression
// through adaptive-expressions (a memory object, an options object, a case-insensitive property search by
// way of a split path string). That was most of a card's cost. Here each template is compiled once into a
// tree of small functions that do the same walk with the same rules, and the expressions our templates use
// (a property path, text around property paths, `!= ''`, `!= null`, `count(…) > 0`, `&&`) are evaluated
// directly, following adaptive-expressions' rules for the values they meet; any other expression, and any
// value outside those rules, is evaluated by the library itself, as `expand` would.

/** What `expand` keeps while it walks: the data in scope and the index of a repeated item. */
interface Scope {
  root: unknown;
  data: unknown;
  index: number | undefined;
  /**
   * Per object read during this binding: its keys by lower case, the first of each (`property`). Made
   * when first needed: a view's own data finds every key by its name and never needs it.
   */
  keys: Map<object, Map<string, string>> | undefined;
  /** The data has no two keys that differ only in case (`bindTemplate`'s `ownData`). */
  caseUnique: boolean;
}

type Bound = (s: Scope) => unknown;

/** Marks "not evaluated here": the library evaluates the expression instead. */
const LIBRARY = Symbol('library');
type Fast = (s: Scope, substitute: boolean) => unknown;

interface LibraryInternals {
  internalTryEvaluateExpression(e: AEL.Expression, context: Record<string, unknown>, allowSubstitutions: boolean): { value: unknown; error?: unknown };
  prepare(node: unknown): unknown;
}
const Library = ACData.Template as unknown as LibraryInternals;
// The expressions the library prepares must be adaptive-expressions' own (its peer dependency, shared).
if (!(Library.prepare('${x}') instanceof AEL.Expression)) throw new Error('adaptivecards-templating uses another copy of adaptive-expressions');

/** The template version `expand` puts in every evaluation context (`$_acTemplateVersion`). */
const TEMPLATE_VERSION = ACData.Template.tryEvaluateExpression(ACData.Template.parseInterpolatedString('${$_acTemplateVersion}') as AEL.Expression, { $root: {} }, false).value as unknown;

/** The library's own evaluation, with the context `expand` would have at this point. */
function libraryEvaluate(e: AEL.Expression, s: Scope, substitute: boolean): { value: unknown; error?: unknown } {
  return Library.internalTryEvaluateExpression(e, { $root: s.root, $data: s.data, $index: s.index, $host: undefined, $_acTemplateVersion: TEMPLATE_VERSION }, substitute);
}

/**
 * adaptive-expressions' property access: the first own enumerable key (`Object.keys` order) equal to
 * `name` ignoring case. An object's keys are looked at once per binding (a card reads its data object
 * dozens of times); the data does not change while it is bound.
 */
function property(s: Scope, scope: unknown, lower: string, name: string): unknown {
  if (!scope) return undefined;
  const o = scope as Record<string, unknown>;
  // In data whose keys never differ only in case (the views' own), an own enumerable key spelled as the
  // template spells it is the one the search finds: no lower-case map of the object's keys to make.
  if (s.caseUnique && propertyIsEnumerable.call(o, name)) return o[name];
  s.keys ??= new Map();
  let byLower = s.keys.get(o);
  if (!byLower) {
    byLower = new Map();
    for (const k of Object.keys(o)) {
      const l = k.toLowerCase();
      if (!byLower.has(l)) byLower.set(l, k);
    }
    s.keys.set(o, byLower);
  }
  const key = byLower.get(lower);
  return key === undefined ? undefined : o[key];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const { propertyIsEnumerable } = Object.prototype;

const dataScope = (s: Scope): unknown => s.data;

/** `a.b.c` as the names it walks, or undefined for any other expression. */
function accessorPath(e: AEL.Expression): string[] | undefined {
  const names: string[] = [];
  let at: AEL.Expression | undefined = e;
  while (at) {
    if (at.type !== AEL.ExpressionType.Accessor) return undefined;
    const head = at.children[0];
    if (!(head instanceof AEL.Constant) || typeof head.value !== 'string') return undefined;
    names.unshift(head.value);
    at = at.children.length === 2 ? at.children[1] : undefined;
  }
  return names;
}

/**
 * A property path, evaluated as the library's memory would: `$data`, `$root` and `$index` name the
 * context; any other first name is looked up in `$data`. Undefined becomes `${path}` when substituting.
 */
function compilePath(e: AEL.Expression): Fast | undefined {
  const names = accessorPath(e);
  if (!names?.length) return undefined;
  const [first, ...rest] = names as [string, ...string[]];
  if (!rest.every((n) => NAME.test(n))) return undefined;
  let start: (s: Scope) => unknown;
  let walk: string[];
  if (first === '$data') [start, walk] = [dataScope, rest];
  else if (first === '$root') [start, walk] = [(s) => s.root, rest];
  else if (first === '$index' && !rest.length) [start, walk] = [(s) => s.index, rest];
  else if (NAME.test(first)) [start, walk] = [dataScope, names];
  else return undefined;
  const lower = walk.map((n) => n.toLowerCase());
  const unresolved = `\${${names.join('.')}}`;
  const done = (v: unknown, substitute: boolean): unknown => {
    if (v !== undefined || !substitute) return v;
    return ACData.GlobalSettings.getUndefinedFieldValueSubstitutionString ? LIBRARY : unresolved;
  };
  // The usual paths, `name` and `a.b` in `$data`, without the loop.
  if (start === dataScope && walk.length === 1) {
    const l0 = lower[0]!;
    const n0 = walk[0]!;
    return (s, substitute) => (s.data instanceof Map ? LIBRARY : done(property(s, s.data, l0, n0), substitute));
  }
  if (start === dataScope && walk.length === 2) {
    const [l0, l1, n0, n1] = [lower[0]!, lower[1]!, walk[0]!, walk[1]!];
    return (s, substitute) => {
      if (s.data instanceof Map) return LIBRARY;
      const v = property(s, s.data, l0, n0);
      return v instanceof Map ? LIBRARY : done(property(s, v, l1, n1), substitute);
    };
  }
  return (s, substitute) => {
    let v = start(s);
    for (let i = 0; i < walk.length; i++) {
      if (v instanceof Map) return LIBRARY;
      v = property(s, v, lower[i]!, walk[i]!);
    }
    return done(v, substitute);
  };
}

/** Text around expressions (`r${$index}Short`): each part as a string, joined. */
function compileConcat(e: AEL.Expression): Fast | undefined {
  const parts: (string | Fast)[] = [];
  for (const c of e.children) {
    if (c instanceof AEL.Constant && typeof c.value === 'string') parts.push(c.value);
    else {
      const f = compilePath(c);
      if (!f) return undefined;
      parts.push(f);
    }
  }
  return (s, substitute) => {
    // Only when substituting does the library join the parts itself; otherwise it evaluates the concat.
    if (!substitute) return LIBRARY;
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') {
        out += p;
        continue;
      }
      const v = p(s, true);
      if (typeof v === 'string') out += v;
      else if (typeof v === 'number' || typeof v === 'boolean') out += v.toString();
      else return LIBRARY;
    }
    return out;
  };
}

/** `x != ''`, `x != null`, `count(x) > 0`, and `&&` of those: comparisons see undefined, never `${x}`. */
function compileCondition(e: AEL.Expression): Fast | undefined {
  const [a, b] = e.children;
  if (e.type === AEL.ExpressionType.NotEqual && a && b instanceof AEL.Constant && (b.value === '' || b.value === null)) {
    const x = compilePath(a);
    if (!x) return undefined;
    // commonEquals: null and undefined equal only each other; a string equals '' only when empty; nothing
    // else (number, object, list) equals ''.
    const empty = b.value === '';
    return (s) => {
      const v = x(s, false);
      if (v === LIBRARY) return LIBRARY;
      return empty ? v !== '' : v != null;
    };
  }
  if (e.type === AEL.ExpressionType.GreaterThan && a?.type === AEL.ExpressionType.Count && a.children.length === 1 && b instanceof AEL.Constant && b.value === 0) {
    const x = compilePath(a.children[0]!);
    if (!x) return undefined;
    return (s) => {
      const v = x(s, false);
      return typeof v === 'string' || Array.isArray(v) ? v.length > 0 : LIBRARY;
    };
  }
  if (e.type === AEL.ExpressionType.And && e.children.length) {
    const all = e.children.map(compileCondition);
    if (all.some((f) => !f)) return undefined;
    return (s) => {
      for (const f of all as Fast[]) {
        const v = f(s, false);
        if (v === LIBRARY) return LIBRARY;
        if (v !== true) return false;
      }
      return true;
    };
  }
  return undefined;
}

function compileExpression(e: AEL.Expression): Fast | undefined {
  if (e.type === AEL.ExpressionType.Accessor) return compilePath(e);
  if (e.type === AEL.ExpressionType.Concat) return compileConcat(e);
  return compileCondition(e);
}

/** Where `expand` would throw: an expression that failed where no substitution was allowed for it. */
const FAILED = Symbol('failed');

/**
 * An expression's value as `expand` takes it: with substitution, a failure throws (as `expand` does);
 * without, it is FAILED.
 */
function evaluator(e: AEL.Expression): (s: Scope, substitute: boolean) => unknown {
  const fast = compileExpression(e) ?? (() => LIBRARY);
  return (s, substitute) => {
    const value = fast(s, substitute);
    if (value !== LIBRARY) return value;
    const r = libraryEvaluate(e, s, substitute);
    if (!r.error) return r.value;
    if (substitute) throw new Error(r.error as string);
    return FAILED;
  };
}

const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

/** Whether expanding a prepared node can give anything but the node itself: a string, number, boolean or null can't. */
function hasExpression(node: unknown): boolean {
  return typeof node === 'object' && node !== null;
}

/** One node of a prepared template (the library's `prepare` output) as the function that expands it. */
function compile(node: unknown): Bound {
  if (Array.isArray(node)) {
    const items = node.map(compile);
    // Sized for the usual case, every item kept and none a list: a `[]` would take 17 slots on its first push.
    // Cut to the count only when items were dropped: setting `length` is a call into the runtime.
    return (s) => {
      const out: unknown[] = new Array(items.length);
      let n = 0;
      for (const item of items) {
        const v = item(s);
        if (v === null) continue;
        if (Array.isArray(v)) for (const x of v) out[n++] = x;
        else out[n++] = v;
      }
      if (n < out.length) out.length = n;
      return out;
    };
  }
  if (node instanceof AEL.Expression) {
    const evaluate = evaluator(node);
    // Most of a card's fields are one name in `$data` (`${title}`): read at once. Anything else (a Map, a
    // value not found, which substitutes) goes the whole way, which reads the same property again.
    const names = node.type === AEL.ExpressionType.Accessor ? accessorPath(node) : undefined;
    if (names?.length === 1 && names[0] !== '$data' && names[0] !== '$root' && names[0] !== '$index' && NAME.test(names[0]!)) {
      const name = names[0]!;
      const lower = name.toLowerCase();
      return (s) => {
        const data = s.data;
        if (!(data instanceof Map)) {
          const v = property(s, data, lower, name);
          if (v !== undefined) return v;
        }
        return evaluate(s, true);
      };
    }
    return (s) => evaluate(s, true);
  }
  if (typeof node !== 'object' || node === null) return () => node;
  return compileObject(node as Record<string, unknown>);
}

/** The values of an object's fields, in order, as `single` would set them: undefined ones are left out. */
function objectOf(keys: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) if (values[i] !== undefined) out[keys[i]!] = values[i];
  return out;
}

/** A constant as JavaScript source that gives exactly it, or undefined where it must be read from the list. */
function literal(v: unknown): string | undefined {
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return JSON.stringify(v);
  if (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0) && Object.is(Number(String(v)), v)) return String(v);
  return undefined;
}

/**
 * The function that makes one object of the template: its fields evaluated in the template's order, then
 * the object made by an object literal of the template's keys (made once per template node with `Function`,
 * from nothing but the template's own keys and constants, quoted). A literal gets its shape at once, where
 * adding the keys one by one walks the shape's transitions, with a keyed store each, on every card. A field
 * whose value is undefined leaves its key out, as `expand` does: those rare objects are made key by key.
 */
function objectMaker(keys: readonly string[], fields: readonly (Bound | undefined)[], constants: readonly unknown[]): Bound {
  const slow = (s: Scope): Record<string, unknown> => objectOf(keys, keys.map((_, i) => (fields[i] ? fields[i](s) : constants[i])));
  // `__proto__` in a literal sets the prototype; no card template has such a key.
  if (keys.includes('__proto__') || keys.length > 200) return slow;
  const lines: string[] = [];
  const props: string[] = [];
  const dynamic: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const name = JSON.stringify(keys[i]);
    if (fields[i]) {
      lines.push(`const v${i} = F[${i}](s);`);
      dynamic.push(`v${i}`);
      props.push(`${name}: v${i}`);
    } else {
      props.push(`${name}: ${literal(constants[i]) ?? `C[${i}]`}`);
    }
  }
  const anyUndefined = dynamic.length ? `if (${dynamic.map((v) => `${v} === undefined`).join(' || ')}) return objectOf(K, [${keys.map((_, i) => (fields[i] ? `v${i}` : `C[${i}]`)).join(', ')}]);` : '';
  const source = `return function bound(s) {\n${lines.join('\n')}\n${anyUndefined}\nreturn { ${props.join(', ')} };\n};`;
  return new Function('F', 'C', 'K', 'objectOf', source)(fields, constants, keys, objectOf) as Bound;
}

function compileObject(node: Record<string, unknown>): Bound {
  // Each field's expansion, or its value when it has no expression (most of a card's fields).
  const keys = Object.keys(node).filter((k) => !RESERVED.has(k));
  const fields = keys.map((k) => (hasExpression(node[k]) ? compile(node[k]) : undefined));
  const constants = keys.map((k) => node[k]);
  const when = node.$when;
  const whenValue = when instanceof AEL.Expression ? evaluator(when) : undefined;
  // A `$when` that is not an expression drops the object, as does one that is not true.
  const dropAlways = !whenValue && Boolean(when);
  const data = node.$data;
  const dataValue = data instanceof AEL.Expression ? evaluator(data) : undefined;

  const single = objectMaker(keys, fields, constants);
  const kept = (s: Scope): boolean => {
    if (dropAlways) return false;
    return !whenValue || whenValue(s, false) === true;
  };

  if (data === undefined) return (s) => (kept(s) ? single(s) : null);
  return (s) => {
    const savedData = s.data;
    const savedIndex = s.index;
    const context: unknown = dataValue ? dataValue(s, true) : data;
    if (!Array.isArray(context)) {
      // An undefined item keeps the previous item's data, as `expand` does.
      if (context !== undefined) s.data = context;
      const one = kept(s) ? single(s) : null;
      s.data = savedData;
      s.index = savedIndex;
      return one;
    }
    // Sized for every item kept, as for a template array.
    const out: unknown[] = new Array(context.length);
    let n = 0;
    for (let i = 0; i < context.length; i++) {
      s.index = i;
      if (context[i] !== undefined) s.data = context[i];
      if (kept(s)) out[n++] = single(s);
    }
    if (n < out.length) out.length = n;
    s.data = savedData;
    s.index = savedIndex;
    return out.length === 0 ? null : out.length === 1 ? out[0] : out;
  };
}

const compiled = new Map<CardName, Bound>();

function binder(name: CardName): Bound {
  let b = compiled.get(name);
  if (!b) {
    b = compile(Library.prepare(cardTemplate(name)));
    compiled.set(name, b);
  }
  return b;
}

/**
 * The template bound to `data`: the same JSON as `new Template(template).expand({ $root: data })`.
 * `ownData`: no object in the data has two keys that differ only in case, as in the data the card views make
 * (test/cards/binding.test.ts checks every card's), which lets a property be read by its name.
 */
export function bindTemplate(name: CardName, data: object, ownData = false): Record<string, unknown> {
  return binder(name)({ root: data, data, index: undefined, keys: undefined, caseUnique: ownData }) as Record<string, unknown>;
}

/** A card from the data a card view made. */
export function renderCard(name: CardName, data: object): CardAttachment {
  return { contentType: CARD_CONTENT_TYPE, content: bindTemplate(name, data, true) };
}
