/**
 * The checks every card must pass: the official Adaptive Card 1.5 JSON schema (from ../shared, with Ajv),
 * the official `adaptivecards` renderer's parser at version 1.5, Teams' size limit, and no unresolved
 * template expressions.
 */
import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { hasShared, sharedPath } from './shared';

// The package's CommonJS entry pulls in an ES-module-only dependency (swiper); its UMD bundle is the
// same renderer in one file, as browsers load it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.min.js') as typeof import('adaptivecards');

/** Teams refuses card payloads over 28 KB. */
export const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;

export const SCHEMA_PARTS = ['adaptive-cards', 'adaptive-card-1.5.schema.json'];

let validator: ValidateFunction | undefined;

export function schemaValidator(): ValidateFunction | undefined {
  if (validator) return validator;
  if (!hasShared(...SCHEMA_PARTS)) return undefined;
  const schema = JSON.parse(readFileSync(sharedPath(...SCHEMA_PARTS), 'utf8')) as Record<string, unknown>;
  // Draft-06 names itself with `id`, which Ajv 8 refuses: rename it in memory (see ../shared/adaptive-cards/SOURCE.md).
  if ('id' in schema) {
    schema.$id = schema.id;
    delete schema.id;
  }
  const ajv = new Ajv({ strict: false, allErrors: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  addFormats(ajv);
  validator = ajv.compile(schema);
  return validator;
}

/** Problems the official renderer reports when it parses the card for Adaptive Cards 1.5. */
export function rendererProblems(card: object): string[] {
  const ac = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext(AC.Versions.v1_5);
  ac.parse(card, ctx);
  const problems: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) problems.push(ctx.getEventAt(i).message);
  for (const e of ac.validateProperties().validationEvents) problems.push(e.message);
  return problems;
}

export function schemaErrors(card: object): string[] | undefined {
  const validate = schemaValidator();
  if (!validate) return undefined;
  return validate(card) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

export function cardBytes(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
