/** Generated inputs for the fuzz tests and the hostile-input benchmark: fragments real bounces and SPF records are made of, mixed with noise. */
import fc from 'fast-check';

export const BOUNCE_PARTS = [
  "Remote Server returned '550 5.7.23 The message was rejected because of Sender Policy Framework violation -> 550 5.7.1 ",
  'Diagnostic information for administrators:',
  'Generating server: AM6PR04MB1234.eurprd04.prod.outlook.com',
  'Final-Recipient: rfc822; grace@fabrikam.example',
  'Status: 5.0.0',
  'Diagnostic-Code: smtp; 550-5.7.26 Unauthenticated email',
  'Action: failed',
  'From: Ada <ada@contoso.example>',
  'Authentication-Results: spf=fail (sender IP is 203.0.113.9)',
  '#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##',
  'Content-Type: multipart/report; boundary="b"',
  '--b',
  '=?utf-8?B?5Y+X5L+h6ICF?=',
  '<at>Bounce Doctor</at>',
  '<p>',
  '<br>',
  '[203.0.113.5]',
  '5.7.515 Spf= Fail , Dkim= Pass',
  '配信できませんでした',
  '전송 실패',
];

export const SPF_PARTS = ['v=spf1', ' ', 'include:', 'a', 'mx', 'ptr', 'ip4:192.0.2.0/24', 'ip6:2001:db8::/32', 'exists:%{i}.%{d}', 'redirect=', 'exp=', '%{l1r-}', '-all', '~all', '?', '+', '/', ':', '.', '%%', '%_', '%-', '//64'];

export function pieces(parts: string[], maxParts: number): fc.Arbitrary<string> {
  const piece = fc.oneof(fc.constantFrom(...parts), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('\n', '\r\n', ' ', '\t'));
  return fc.array(piece, { maxLength: maxParts }).map((a) => a.join(''));
}
