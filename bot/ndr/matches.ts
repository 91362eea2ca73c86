/**
 * `text.matchAll(re)` without its cost. `matchAll` clones the regex on every call, and a clone of one of
 * the large patterns here (the address pattern, the labelled-reply pattern) costs several microseconds
 * before it matches anything: on a typical NDR that was a good part of the whole parse. This walks the
 * shared regex with `exec` instead and yields the same matches in the same order.
 *
 * `re` must be global. Each step sets `lastIndex` from the generator's own position, so the same regex
 * may be used again inside the loop (or by a nested walk) without disturbing this one; as with
 * `matchAll`, an empty match advances by one character (one code point for a unicode regex).
 */
export function* matchesOf(text: string, re: RegExp): Generator<RegExpExecArray, void, undefined> {
  if (!re.global) throw new TypeError('matchesOf needs a global regex');
  const fullUnicode = re.unicode || re.flags.includes('v');
  let pos = 0;
  while (pos <= text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (!m) return;
    pos = re.lastIndex;
    if (m[0] === '') pos = advance(text, pos, fullUnicode);
    yield m;
  }
}

function advance(text: string, index: number, fullUnicode: boolean): number {
  if (!fullUnicode || index + 1 >= text.length) return index + 1;
  const c = text.charCodeAt(index);
  if (c < 0xd800 || c > 0xdbff) return index + 1;
  const d = text.charCodeAt(index + 1);
  return d >= 0xdc00 && d <= 0xdfff ? index + 2 : index + 1;
}
