/** One readable view of the input, plus nested messages worth trying when it is not a bounce itself. */
import type { BounceSources } from './analyse';

export interface InputView {
  sources: BounceSources;
  nested: Uint8Array[];
}
