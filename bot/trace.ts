/**
 * The bot's OpenTelemetry spans, made by the shell around the pure core (bot/ndr, bot/dns and
 * bot/diagnosis import nothing from OpenTelemetry):
 *
 *   bot.turn                  one per turn (adapter middleware), under the POST /api/messages request
 *     bounce.parse            reading the bounce (parseBounce)
 *     bot.diagnosis           running the diagnosis a card or an e-mail answers with
 *       dns.spf | dns.authentication | dns.mail_host    each DNS check (wrapped where bot/app.ts builds them)
 *     connector.send | connector.update | connector.delete    each call to the Bot Framework connector
 *
 * Attributes carry codes, the playbook, the verdict's cause, counts and timings (ms). Never bounce text,
 * an e-mail address, a remote server's words, a DNS record, or a domain other than the sender's.
 *
 * Without a registered tracer provider (telemetry off, tests) @opentelemetry/api makes no-op spans.
 */
import { context, createContextKey, SpanKind, SpanStatusCode, trace, type Attributes, type AttributeValue, type Span } from '@opentelemetry/api';
import type { Middleware, TurnContext } from 'botbuilder';
import type { Diagnosis } from './diagnosis/types';
import type { Checks } from './dns/checks';
import { parseBounce as parseBounceUntraced } from './ndr';
import type { Bounce } from './ndr/types';

const tracer = trace.getTracer('bounce-doctor');
/** The turn's span, in the OpenTelemetry context of everything the turn runs. */
const TURN_SPAN = createContextKey('bounce-doctor.turn');

const STATUS_CODE = /^[245]\.\d{1,3}\.\d{1,3}$/;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
const WORD = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

/** Only values of a known shape leave the process: anything else is dropped, not trimmed. */
function word(value: unknown): string | undefined {
  return typeof value === 'string' && WORD.test(value) ? value : undefined;
}

function clean(attributes: Record<string, AttributeValue | undefined>): Attributes {
  return Object.fromEntries(Object.entries(attributes).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as Attributes;
}

/** The distinct enhanced status codes of a bounce's recipients, e.g. ["5.7.23"]. */
export function codesOf(bounce: Pick<Bounce, 'recipients'>): string[] {
  return [...new Set(bounce.recipients.map((r) => r.status).filter((s): s is string => typeof s === 'string' && STATUS_CODE.test(s)))].slice(0, 10);
}

function bounceAttributes(b: Bounce): Attributes {
  return clean({
    'bounce.is_bounce': b.isBounce,
    'bounce.kind': word(b.kind),
    'bounce.format': word(b.inputFormat),
    'bounce.input_bytes': b.inputBytes,
    'bounce.codes': codesOf(b),
    'bounce.recipients': b.recipientCount ?? b.recipients.length,
    'bounce.language': word(b.language),
    'bounce.microsoft365': b.microsoft365,
    'bounce.sender_domain': b.senderDomain && DOMAIN.test(b.senderDomain) ? b.senderDomain.toLowerCase() : undefined,
  });
}

function diagnosisAttributes(d: Diagnosis): Attributes {
  return clean({
    'diagnosis.playbook': word(d.playbook),
    'diagnosis.subject': word(d.subject),
    'diagnosis.verdict.cause': word(d.verdict.cause),
    'diagnosis.owner': word(d.owner),
    'diagnosis.escalation_suggested': d.escalationSuggested,
    'diagnosis.codes': codesOf(d.bounce),
    'diagnosis.recipients': d.recipients.length,
  });
}

function failed(span: Span, err: unknown): void {
  // The error's type only: messages can quote the input.
  span.setAttribute('error.type', word((err as Error | undefined)?.name) ?? 'Error');
  span.setStatus({ code: SpanStatusCode.ERROR });
}

/** Runs `work` in an active span that ends with it; `done` adds attributes from its result. */
async function inSpan<T>(name: string, kind: SpanKind, attributes: () => Attributes, work: () => Promise<T>, done?: (span: Span, value: T) => void, isTurn = false): Promise<T> {
  const span = tracer.startSpan(name, { kind });
  // Without telemetry (or when sampled out) the span records nothing: its attributes are not worth computing.
  const recording = span.isRecording();
  if (recording) span.setAttributes(attributes());
  let active = trace.setSpan(context.active(), span);
  if (isTurn) active = active.setValue(TURN_SPAN, span);
  const started = performance.now();
  try {
    const value = await context.with(active, work);
    if (recording) done?.(span, value);
    return value;
  } catch (err) {
    failed(span, err);
    throw err;
  } finally {
    if (recording) span.setAttribute('duration_ms', Math.round(performance.now() - started));
    span.end();
  }
}

/** The span of the turn this code runs in, if any. */
function turnSpan(): Span | undefined {
  return context.active().getValue(TURN_SPAN) as Span | undefined;
}

/** Connector calls of a turn, as spans: the activities' types and count, never their content. */
function traceConnector(ctx: TurnContext): void {
  ctx.onSendActivities(async (_c, activities, next) => {
    // Invoke responses go back in the HTTP response, not through the connector.
    const sent = activities.filter((a) => a.type !== 'invokeResponse');
    if (!sent.length) return next();
    return inSpan('connector.send', SpanKind.CLIENT, () => clean({ 'connector.activities': sent.length, 'connector.activity_types': [...new Set(sent.map((a) => word(a.type) ?? 'other'))] }), next);
  });
  ctx.onUpdateActivity(async (_c, activity, next) => inSpan('connector.update', SpanKind.CLIENT, () => clean({ 'connector.activity_types': [word(activity.type) ?? 'other'] }), next));
  ctx.onDeleteActivity(async (_c, _ref, next) => inSpan('connector.delete', SpanKind.CLIENT, () => ({}), next));
}

/**
 * Adapter middleware: a `bot.turn` span around every turn the adapter runs (incoming activities, and the
 * proactive ones of escalations), with its connector calls as child spans. Register it first.
 */
export function turnTracing(): Middleware {
  return {
    onTurn: (ctx, next) => {
      const a = ctx.activity;
      const attributes = (): Attributes => clean({
        'bot.activity.type': word(a.type),
        'bot.activity.name': word(a.name?.replace('/', '.')),
        'bot.channel': word(a.channelId),
        'bot.conversation.type': word(a.conversation?.conversationType),
      });
      traceConnector(ctx);
      return inSpan('bot.turn', SpanKind.INTERNAL, attributes, next, undefined, true);
    },
  };
}

/** bot/ndr's parseBounce, in a `bounce.parse` span; what it read also goes on the turn's span. */
export const parseBounce: typeof parseBounceUntraced = (input, hint, limits) =>
  inSpan('bounce.parse', SpanKind.INTERNAL, () => ({}), () => parseBounceUntraced(input, hint, limits), (span, bounce) => {
    const attributes = bounceAttributes(bounce);
    span.setAttributes(attributes);
    turnSpan()?.setAttributes(attributes);
  });

/**
 * Runs a diagnosis in a `bot.diagnosis` span (its DNS checks become children), and puts its playbook,
 * verdict cause and codes on that span and on the turn's.
 */
export function traceDiagnosis(run: () => Promise<Diagnosis>): Promise<Diagnosis> {
  return inSpan('bot.diagnosis', SpanKind.INTERNAL, () => ({}), run, (span, diagnosis) => {
    const attributes = diagnosisAttributes(diagnosis);
    span.setAttributes(attributes);
    turnSpan()?.setAttributes(attributes);
  });
}

/** The DNS checks, each in its own span with its outcome: states, counts and timings, no names or records. */
export function tracedChecks(checks: Checks): Checks {
  const reason = (r: { incomplete?: { reason: string } }): string | undefined => (r.incomplete ? word(r.incomplete.reason.split(':')[0]) ?? 'other' : undefined);
  return {
    spf: (req) =>
      inSpan('dns.spf', SpanKind.INTERNAL, () => clean({ 'dns.with_ip': Boolean(req.ip), 'dns.bypass_cache': req.bypassCache ?? false }), () => checks.spf(req), (span, r) =>
        span.setAttributes(
          clean({
            'spf.published': r.published.state,
            'spf.result': word(r.ipResult?.result),
            'spf.lookups': r.lookups,
            'spf.void_lookups': r.voidLookups,
            'spf.findings': [...new Set(r.findings.map((f) => word(f.code)).filter((c): c is string => Boolean(c)))].slice(0, 20),
            'spf.sending_network': word(r.sendingIp?.network),
            'dns.incomplete': reason(r),
            'dns.cached': Boolean(r.cachedSince),
            'dns.check_ms': r.durationMs,
          }),
        ),
      ),
    authentication: (req) =>
      inSpan('dns.authentication', SpanKind.INTERNAL, () => clean({ 'dns.signatures': req.signatures.length, 'dns.with_ip': Boolean(req.ip) }), () => checks.authentication(req), (span, r) =>
        span.setAttributes(
          clean({
            'auth.spf_aligned': r.spfAligned,
            'auth.aligned_signatures': r.alignedSignatures.length,
            'auth.dkim_keys': r.keys.length,
            'auth.dmarc_policy': word(r.dmarc.policy),
            'spf.published': r.spf.published.state,
            'spf.result': word(r.spf.ipResult?.result),
            'dns.incomplete': reason(r),
          }),
        ),
      ),
    mailHost: checks.mailHost
      ? (domain, bypassCache) =>
          inSpan('dns.mail_host', SpanKind.INTERNAL, () => clean({ 'dns.bypass_cache': bypassCache ?? false }), () => checks.mailHost!(domain, bypassCache), (span, r) =>
            span.setAttributes(clean({ 'mail_host.state': r.state, 'mail_host.microsoft365': r.microsoft365, 'mail_host.mx_count': r.mx.length })),
          )
      : undefined,
  };
}
