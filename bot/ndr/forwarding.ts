/**
 * Forwarding and alias expansion: the address the sender wrote, shown next to the final one that
 * failed (Sendmail and Postfix `(expanded from: <b@y>)`, Exim `(generated from b@y)`, "(Originally
 * addressed to b@y)", Exchange's "(Was addressed to b@y)"). The person asking knows the original.
 */
import { ADDRESS_SOURCE, cleanAddress } from './address';

const ADDR = `(?:${ADDRESS_SOURCE})`;

export const FORWARDED_FROM = new RegExp(
  String.raw`\((?:expanded|generated)[ \t]+from:?\s{0,40}<?(${ADDR})>?\)?|\(?\b(?:originally|was)[ \t]+addressed[ \t]+to:?\s{0,40}<?(${ADDR})>?\)?`,
  'i',
);

/** The original address written beside or just below a recipient: within the block's first three lines. */
export function originalAddressIn(block: string): string | undefined {
  const head = block.split('\n', 3).join('\n');
  const m = FORWARDED_FROM.exec(head);
  return cleanAddress(m?.[1] ?? m?.[2]);
}
