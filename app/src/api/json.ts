// Exact JSON for the indexer API: its amounts are JSON integers that can
// exceed 2^53 (u64 micro-USDC, share supplies), which `JSON.parse` would
// round. Every integer literal is kept as its source text (a string) so the
// decoders turn it into a bigint without ever passing through a float.

/** A JSON value as decoded here: integers stay as their decimal text. */
export type ExactJson = null | boolean | number | string | ExactJson[] | { [key: string]: ExactJson };

const INTEGER = /^-?\d+$/;

/** Thrown when a response cannot be decoded without losing precision. */
export class ExactJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExactJsonError";
  }
}

/**
 * Parses JSON, keeping every integer as its exact decimal text (a string)
 * and non-integers (e.g. an average of days) as numbers. Uses the reviver's
 * `context.source` (JSON.parse source text access); where the engine lacks
 * it, an integer that a float cannot hold exactly is an error, never a
 * silently rounded amount.
 */
export function parseJsonExact(text: string): ExactJson {
  return JSON.parse(text, (_key: string, value: unknown, context?: { source?: string }) => {
    if (typeof value !== "number") return value;
    const source = context?.source;
    if (source !== undefined) return INTEGER.test(source) ? source : value;
    if (Number.isInteger(value)) {
      if (!Number.isSafeInteger(value)) {
        throw new ExactJsonError(
          `the API sent the integer ${value}, which this browser cannot read exactly (no JSON source access)`,
        );
      }
      return String(value);
    }
    return value;
  }) as ExactJson;
}
