/** An empty bounce, for a check a person asks for without one, and for input that is not a bounce. */
import type { Bounce } from '../ndr/types';

export function noBounce(): Bounce {
  return { isBounce: false, kind: 'empty', recipients: [], microsoft365: false, inputBytes: 0 };
}
