/** What a parsed bounce (non-delivery report) tells us. Pure data: no wording, no Bot Framework. */

/** What the input turned out to be when it is not a bounce (or is one). */
export type BounceKind =
  | 'bounce'
  | 'auto-reply'
  /** A challenge-response system holds the message until the sender confirms being a person. */
  | 'challenge'
  | 'feedback-report'
  /** A report that the message was delivered or relayed (a DSN saying so, Exchange's delivery receipt): no failure. */
  | 'delivery-notice'
  /** A read receipt (RFC 8098's MDN, Outlook's "was read on …"): delivered, and opened or deleted unread. */
  | 'read-receipt'
  /** A DMARC aggregate report (RFC 7489's rua): a receiver's summary of who sent as a domain, not about one message. */
  | 'dmarc-report'
  /**
   * The sender's own mail program could not send (Outlook's "Task '…' reported error (0x800CCC0E)", Thunderbird's
   * "Sending of the message failed"), with no server's reply: the message never left, so no server refused it.
   */
  | 'client-error'
  /**
   * Text that reads like a bounce ("This message could not be delivered.") with no code, reply or failed recipient to
   * read: the visible part of a report whose details a mail program shows as an attachment.
   */
  | 'bounce-without-details'
  | 'ordinary-message'
  | 'empty'
  | 'unreadable'
  | 'too-large';

/** The inner reply when Exchange wraps a remote server's answer: `550 5.7.23 … -> 550 5.7.1 …`. */
export interface WrappedReply {
  status?: string;
  replyCode?: string;
  text: string;
}

/**
 * One failed recipient. `address` is absent when the bounce gives none that could be read (a display
 * name, a Notes name or a screen name only: then `name` holds it; or nothing at all: then only the
 * status and diagnostic say what failed).
 */
export interface BounceRecipient {
  address?: string;
  /** The recipient as the bounce names it when it gives no readable address (`Dana Berg/Sales/Contoso`, an AOL screen name). */
  name?: string;
  /** No address, but its domain: a question typed in words ("… when mailing fabrikam.com"). */
  domain?: string;
  /**
   * The address the sender wrote, when the bounce shows the message was forwarded or expanded to
   * `address` (Sendmail's "expanded from:", Exim's "generated from", "(Originally addressed to …)").
   */
  originalAddress?: string;
  /** Most specific RFC 3463 enhanced status code for this recipient, e.g. `5.7.23`. */
  status?: string;
  /**
   * The bounce wrote no code; `status` was inferred from its words: a delay notice is `4.0.0` (or
   * `4.x.y` when its words say more), "user unknown" in any language `5.1.1`, "mailbox full" `5.2.2`.
   */
  statusInferred?: boolean;
  /** SMTP reply code, e.g. `550`. */
  replyCode?: string;
  remoteMta?: string;
  /** The remote server's own words (or the generating server's when it rejected the mail itself). */
  diagnostic?: string;
  wrapped?: WrappedReply;
  /**
   * The sending server stopped retrying although the code is a temporary one (4.x.x): the DSN says
   * `Action: failed`, or the report says it gave up (Postfix keeps the last 4.x.x when its queue time
   * runs out). The bounce is final; nothing is retried any more.
   */
  stoppedRetrying?: true;
  /**
   * The bounce is a delay notice and this recipient's code is a temporary one: the sending server is still
   * retrying. Exchange's delay notice gives 4.4.7 "Message delayed", the code its final report gives an
   * expired message.
   */
  stillRetrying?: true;
}

/**
 * Where the sender was read from. `text`: the NDR's own words (Exchange's "Sender Address:", a
 * transcript's `MAIL FROM:<…>`, or the remote server naming the domain it checked, as in "SPF check
 * failed for x.example"); then `sender` is set only when the words gave a whole address.
 */
export type SenderSource = 'return-path' | 'envelope' | 'from' | 'text';

export interface Bounce {
  isBounce: boolean;
  kind: BounceKind;
  /**
   * The failed recipients. Empty when not a bounce; for a bounce, empty only when its headers say
   * delivery failed but its body names no recipient and no reason (the report was lost in transit).
   */
  recipients: BounceRecipient[];
  sender?: string;
  senderDomain?: string;
  senderSource?: SenderSource;
  /** The IP the receiving server saw the message come from, when the bounce shows it; never the receiving server's own. */
  sendingIp?: string;
  reportingMta?: string;
  generatingServer?: string;
  originalMessageId?: string;
  originalSubject?: string;
  arrivalDate?: string;
  /** BCP 47 tag of the NDR's human text, when it could be told. */
  language?: string;
  /** The NDR came from Exchange Online / Microsoft 365. */
  microsoft365: boolean;
  /** Size of the input in bytes (for the "too large" answer and for escalation records). */
  inputBytes: number;
  /** More failed recipients were listed than the parser keeps (see `MAX_RECIPIENTS`); `recipientCount` has the total. */
  recipientsTruncated?: boolean;
  /** How many distinct failed recipients the bounce listed (equals `recipients.length` unless truncated). */
  recipientCount?: number;
  /** Where `sendingIp` was read from. */
  sendingIpSource?: SendingIpSource;
  /** What the input was read as (pasted text, HTML, .eml, .msg). */
  inputFormat?: InputFormat;
  /** For `too-large`: the cap that applied, in bytes. */
  sizeLimit?: number;
  /** What the bounce says about SPF, DKIM and DMARC, when it says anything. */
  authentication?: AuthenticationFacts;
}

export type AuthResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror';

/** Results of SPF, DKIM, DMARC and ARC as someone reported them, and the domains they were for. */
export interface ReportedAuthentication {
  spf?: AuthResult;
  dkim?: AuthResult;
  dmarc?: AuthResult;
  arc?: AuthResult;
  /** The domain SPF was checked for (smtp.mailfrom, Gmail's "SPF [domain]"). */
  spfDomain?: string;
  /** The domain of the DKIM signature that was checked (header.d). */
  dkimDomain?: string;
}

/** What the bounce says about email authentication (SPF, DKIM, DMARC). */
export interface AuthenticationFacts {
  /** The original message's From domain (RFC 5322.From): the domain DMARC protects. */
  fromDomain?: string;
  /** The original message's From address: the sender as its recipient saw it. */
  from?: string;
  /** The envelope sender's domain (Return-Path): the domain SPF checks. */
  mailFromDomain?: string;
  /** The envelope sender (Return-Path, MAIL FROM). */
  mailFrom?: string;
  /** The DKIM signatures the original message carried (d= and s=). */
  signatures: { domain: string; selector: string }[];
  /** What the rejecting server said it saw: its own words, and the quoted Authentication-Results when they agree. */
  reported?: ReportedAuthentication;
  /** Authentication-Results / Received-SPF quoted in the original headers: an earlier hop's view. */
  quoted?: ReportedAuthentication;
  /** The original carried ARC headers: a forwarder sealed it on the way. */
  arcSealed?: boolean;
  /**
   * The original's headers are there as the message carried them (a Received or Message-ID field among them),
   * not a few lines a person kept: only then does no DKIM-Signature among them mean the message was unsigned.
   */
  headersWhole?: boolean;
}

/** Where the sending IP came from: the remote server's reply, or the original message's headers. */
export type SendingIpSource = 'remote-reply' | 'authentication-results' | 'received-spf' | 'received' | 'x-header';

export type InputFormat = 'text' | 'html' | 'eml' | 'msg' | 'binary';

/** Size caps; input over a cap gets `kind: 'too-large'` without being read. */
export interface ParseOptions {
  /** Cap for pasted text or HTML (string input), in UTF-8 bytes. Default 2 MB. */
  maxTextBytes?: number;
  /** Cap for files (byte input). Default 25 MB. */
  maxFileBytes?: number;
}

export interface ParseHint {
  filename?: string;
  contentType?: string;
}
