/** Domain name checks done before anything goes on the wire (dns-packet would encode bad names wrongly). */

/** Lower case, without the trailing dot. */
export function normalizeName(name: string): string {
  return name.replace(/\.$/, '').toLowerCase();
}

/**
 * Why `name` cannot be asked in DNS, or undefined when it can: RFC 1035 allows labels of 1-63 octets and
 * 253 octets in all. Any other byte is allowed: SPF macros can put ':' or '/' in a name.
 */
export function nameProblem(name: string): string | undefined {
  const n = name.replace(/\.$/, '');
  if (!n) return 'empty-name';
  if (Buffer.byteLength(n) > 253) return 'name-too-long';
  for (const label of n.split('.')) {
    if (!label) return 'empty-label';
    if (Buffer.byteLength(label) > 63) return 'label-too-long';
  }
  return undefined;
}
