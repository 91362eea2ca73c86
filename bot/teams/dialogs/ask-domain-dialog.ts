/**
 * Asks for the sender's domain when the bounce does not give it, or for the domain to check when `check`
 * came without one. The answer may come typed in the chat or through the card's own field and button; an
 * address is accepted and its domain used; for a check, an IP address may follow the domain.
 */
import { isIP } from 'node:net';
import { ActivityTypes, MessageFactory } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { askDomainCard } from '../../cards';
import type { AskDomainPurpose } from '../../cards/views/simple';
import { readDomain } from '../../dns/domain-input';
import { parseCommand } from '../commands';
import { typedText } from '../message-text';
import { actionData, leaveCard, showCard, turnLocale } from '../turn';

export const ASK_DOMAIN = 'askDomain';

export interface AskDomainOptions {
  diagnosisId: string;
  purpose?: AskDomainPurpose;
  /** What was typed instead of a domain, shown with the question. */
  invalidInput?: string;
  /** The message that needs the answer (the bounce, or `check`): an edit of it replaces the question. */
  messageId?: string;
}

export interface AskDomainResult {
  domain: string;
  /** For a check: the sending IP typed after the domain. */
  ip?: string;
  /** The prompt card, which the check then turns into its result. */
  cardActivityId?: string;
}

interface AskDomainState {
  diagnosisId: string;
  purpose: AskDomainPurpose;
  cardActivityId?: string;
  messageId?: string;
}

/** A short answer's words: spaces, quotes, brackets and commas part them. */
const ANSWER_WORDS = /[\s,;()"“”'‘’«»「」]+/;
/** Punctuation that ends a sentence after its last word ("40.107.1.2.", "40.107.1.2?"); not a colon, which may end an IPv6 address. */
const SENTENCE_END = /[.!?。、，！？]+$/;
/** A name that ends in a top-level domain ("contoso.com"), not an abbreviation ("e.g.", "i.e."). */
const ENDS_IN_TLD = /\.(?:[a-z]{2,63}|xn--[a-z0-9-]+)$/i;

/**
 * The one domain a short sentence names ("it's contoso.com", "contoso.com I think", "From: Ada <ada@contoso.com>"),
 * or undefined when it names none or several ("contoso.com or fabrikam.com?"): then the question is asked again.
 */
function domainInWords(input: string): string | undefined {
  if (input.length > 300 || input.trim().includes('\n')) return undefined;
  const found = new Set<string>();
  for (const word of input.split(ANSWER_WORDS)) {
    const name = word.replace(/[.:!?。、，！？]+$/, '');
    if (!ENDS_IN_TLD.test(name)) continue;
    const answer = readDomain(name);
    if (answer.ok) found.add(answer.domain);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * "contoso.com", "ada@contoso.com", "check contoso.com", and for a check "contoso.com 203.0.113.5". The domain
 * may also come in a few words around it ("it's contoso.com", "From: Ada <ada@contoso.com>"), and a check's IP
 * with it ("contoso.com, sent from 203.0.113.5").
 */
function readAnswer(input: string, purpose: AskDomainPurpose): { domain: string; ip?: string } | undefined {
  const command = parseCommand(input);
  if (command?.kind === 'check' && command.domain) return { domain: command.domain, ip: purpose === 'check' ? command.ip : undefined };
  const [first = '', ip, ...more] = input.trim().split(/\s+/);
  const answer = readDomain(first);
  const exact = answer.ok && !more.length && (ip === undefined || (purpose === 'check' && isIP(ip)));
  if (exact) return { domain: answer.domain, ip };
  const named = domainInWords(input);
  if (!named) return undefined;
  if (purpose === 'bounce') return { domain: named };
  // A check's IP may come in the words too ("fixed.example, the server is 40.107.1.2"); two are no answer.
  const ips = ipsInWords(input);
  return ips.size > 1 ? undefined : { domain: named, ip: [...ips][0] };
}

/** The IP addresses a short answer names. */
function ipsInWords(input: string): Set<string> {
  return new Set(input.split(ANSWER_WORDS).map((w) => w.replace(SENTENCE_END, '')).filter((w) => isIP(w)));
}

export class AskDomainDialog extends Dialog<AskDomainOptions> {
  constructor() {
    super(ASK_DOMAIN);
  }

  override async beginDialog(dc: DialogContext, options?: AskDomainOptions): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as AskDomainState;
    state.diagnosisId = options?.diagnosisId ?? '';
    state.purpose = options?.purpose ?? 'bounce';
    if (options?.messageId) state.messageId = options.messageId;
    const card = askDomainCard(turnLocale(dc.context), state.diagnosisId, options?.invalidInput, state.purpose);
    const sent = await dc.context.sendActivity(MessageFactory.attachment(card));
    state.cardActivityId = sent?.id;
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as AskDomainState;
    const action = actionData(dc.context);
    let input: string | undefined;
    if (action?.verb === 'provideDomain' && typeof action.data.diagnosisId === 'string' && action.data.diagnosisId !== state.diagnosisId) {
      // The button of an earlier question, whose bounce a later one replaced: its domain is not this
      // question's answer (it showed the other bounce's diagnosis in both cards). This question still waits.
      await leaveCard(dc.context, 'staleCard');
      return Dialog.EndOfTurn;
    }
    if (action?.verb === 'provideDomain') input = typeof action.data.domain === 'string' ? action.data.domain : '';
    else if (dc.context.activity.type === ActivityTypes.Message) input = typedText(dc.context.activity);
    if (input === undefined) return Dialog.EndOfTurn;

    const answer = readAnswer(input, state.purpose);
    if (!answer) {
      // `check` typed again is no wrong domain: ask again, naming only what followed it, if anything.
      const command = parseCommand(input);
      const wrong = command?.kind === 'check' ? command.invalid : input.trim();
      const card = askDomainCard(turnLocale(dc.context), state.diagnosisId, wrong?.slice(0, 200), state.purpose);
      if (action) await showCard(dc.context, card, state.cardActivityId);
      else await dc.context.sendActivity(MessageFactory.attachment(card));
      return Dialog.EndOfTurn;
    }
    const result: AskDomainResult = { ...answer, cardActivityId: action ? state.cardActivityId : undefined };
    return dc.endDialog(result);
  }
}

/**
 * The question card waiting for an answer that the message with this id asked for, if one waits: found in
 * the dialog state as the dialogs keep it (a question inside the diagnosis or check dialog's own stack).
 */
export function waitingQuestionOf(dialogState: unknown, messageId: string): string | undefined {
  const walk = (node: unknown): string | undefined => {
    if (!node || typeof node !== 'object') return undefined;
    if (Array.isArray(node)) {
      for (const n of node) {
        const found = walk(n);
        if (found) return found;
      }
      return undefined;
    }
    const o = node as { id?: unknown; state?: Partial<AskDomainState> & { dialogs?: unknown }; dialogStack?: unknown };
    if (o.id === ASK_DOMAIN && o.state?.messageId === messageId && o.state.cardActivityId) return o.state.cardActivityId;
    return walk(o.dialogStack) ?? walk(o.state?.dialogs);
  };
  return walk(dialogState);
}
