/** RFC 7208 processing limits (section 4.6.4) and the size advice of section 3.4. */

/** Terms that cause DNS lookups (include, a, mx, ptr, exists, redirect) per check. */
export const LOOKUP_LIMIT = 10;
/** Lookups that come back empty (NXDOMAIN or no answers). */
export const VOID_LIMIT = 2;
/** MX names, and PTR names, looked at per term. */
export const NAME_LIMIT = 10;
/** Record size that still fits a 512-byte UDP answer with room to spare. */
export const RECORD_BYTES_LIMIT = 450;
/** One TXT character-string. */
export const STRING_LIMIT = 255;
