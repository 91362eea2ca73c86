/**
 * restify 11 reads `process.binding('http_parser')` as it loads, which Node deprecates (DEP0111). Nobody
 * running the bot, the demo or the tests can act on it, so that one warning is not printed; every other
 * warning is. Imported before restify (bot/server.ts).
 */
type EmitWarning = (warning: string | Error, ...rest: unknown[]) => void;

const emitWarning = process.emitWarning.bind(process) as EmitWarning;

function codeOf(rest: unknown[]): unknown {
  const [typeOrOptions, code] = rest;
  return typeOrOptions && typeof typeOrOptions === 'object' ? (typeOrOptions as { code?: unknown }).code : code;
}

process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  if (codeOf(rest) === 'DEP0111') return;
  emitWarning(warning, ...rest);
}) as typeof process.emitWarning;
