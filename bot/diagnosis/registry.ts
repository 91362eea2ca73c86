/**
 * Which dialog handles a failed recipient, and who usually has to fix it. The SPF dialog takes 5.7.23
 * and the SPF-flavoured variants of other codes; every other code gets the generic code dialog.
 */
import type { BounceRecipient } from '../ndr/types';
import { lookupCode, type CodeInfo } from './code-table';
import type { DialogId, FixOwner } from './types';

const SPF_WORDS = /\bspf\b|sender policy framework/i;

function texts(r: BounceRecipient): string {
  return [r.diagnostic, r.wrapped?.text].filter(Boolean).join('\n');
}

function codes(r: BounceRecipient): string[] {
  return [r.status, r.wrapped?.status].filter((c): c is string => Boolean(c));
}

/** True when this recipient's failure is an SPF failure the SPF dialog should handle. */
export function isSpfFailure(r: BounceRecipient): boolean {
  const text = texts(r);
  for (const code of codes(r)) {
    if (code === '5.7.23' || code === '4.7.23') return true;
    // 5.1.0 / 5.7.1 "… SPF …"; Gmail 5.7.26/5.7.27 (unauthenticated, SPF variant); Outlook.com 5.7.515 with "Spf= Fail".
    if (['5.1.0', '5.7.1', '5.7.26', '5.7.27', '4.7.26', '5.7.367'].includes(code) && SPF_WORDS.test(text)) return true;
    if (code === '5.7.515' && /spf\s*=\s*(fail|softfail|none|permerror|temperror)/i.test(text)) return true;
  }
  return false;
}

export function dialogFor(r: BounceRecipient): DialogId {
  return isSpfFailure(r) ? 'spf' : 'code';
}

/** The code table's entry for this recipient: the inner (remote) code when Exchange wrapped one it knows better. */
export function codeInfoFor(r: BounceRecipient): CodeInfo | undefined {
  const text = texts(r);
  const outer = lookupCode(r.status, text);
  if (outer && !outer.key.startsWith('generic.')) return outer;
  return lookupCode(r.wrapped?.status, text) ?? outer;
}

export function ownerFor(r: BounceRecipient): FixOwner {
  if (isSpfFailure(r)) return 'sender';
  return codeInfoFor(r)?.owner ?? 'varies';
}
