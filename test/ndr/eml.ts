/** Builds small test messages: a multipart/report bounce from parts, encoded as a file would be. */

export interface Part {
  type: string;
  body: string;
  headers?: string[];
}

export function multipartReport(headers: string[], parts: Part[], boundary = 'b-test-1'): string {
  const lines = [...headers, 'MIME-Version: 1.0', `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`, ''];
  for (const p of parts) {
    lines.push(`--${boundary}`, `Content-Type: ${p.type}`, ...(p.headers ?? []), '', p.body, '');
  }
  lines.push(`--${boundary}--`, '');
  return lines.join('\r\n');
}

export function bytesOf(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'latin1'));
}

export const DAEMON_HEADERS = [
  'From: Mail Delivery System <MAILER-DAEMON@mx.fabrikam.example>',
  'To: <mika@fabrikam.example>',
  'Subject: Undelivered Mail Returned to Sender',
  'Date: Mon, 03 Feb 2025 10:00:00 +0100',
];
