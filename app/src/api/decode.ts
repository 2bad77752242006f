// Field readers for API answers parsed with `parseJsonExact`: each names
// the field it refuses, so a changed API gives a specific error.
import type { ExactJson } from "./json";

export type JsonObject = { [key: string]: ExactJson };

/** The API answered something this client does not understand. */
export class ApiFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ApiFormatError";
  }
}

function describe(v: ExactJson | undefined): string {
  return v === undefined ? "nothing" : JSON.stringify(v);
}

export function asObject(v: ExactJson | undefined, what: string): JsonObject {
  if (v === null || v === undefined || typeof v !== "object" || Array.isArray(v)) {
    throw new ApiFormatError(`${what}: expected an object, got ${describe(v)}`);
  }
  return v;
}

export function asArray(v: ExactJson | undefined, what: string): ExactJson[] {
  if (!Array.isArray(v)) throw new ApiFormatError(`${what}: expected a list, got ${describe(v)}`);
  return v;
}

function integerText(v: ExactJson | undefined, what: string): string {
  // Integers arrive as their source text (parseJsonExact); some API fields
  // (u64 inside stored event JSON) are strings in the API itself.
  if (typeof v === "string" && /^-?\d+$/.test(v)) return v;
  throw new ApiFormatError(`${what}: expected an integer, got ${describe(v)}`);
}

/** An integer amount (micro-USDC, minor units, shares) as a bigint. */
export function bigintField(o: JsonObject, key: string, what: string): bigint {
  return BigInt(integerText(o[key], `${what}.${key}`));
}

export function optBigintField(o: JsonObject, key: string, what: string): bigint | null {
  const v = o[key];
  return v === null || v === undefined ? null : bigintField(o, key, what);
}

/** A small integer (a count, basis points, Unix seconds) as a number. */
export function intField(o: JsonObject, key: string, what: string): number {
  const n = Number(integerText(o[key], `${what}.${key}`));
  if (!Number.isSafeInteger(n)) throw new ApiFormatError(`${what}.${key}: ${describe(o[key])} is too large`);
  return n;
}

export function optIntField(o: JsonObject, key: string, what: string): number | null {
  const v = o[key];
  return v === null || v === undefined ? null : intField(o, key, what);
}

/** A non-money measure that may have a fraction (e.g. average days late). */
export function optNumberField(o: JsonObject, key: string, what: string): number | null {
  const v = o[key];
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return v;
  if (typeof v === "string" && /^-?\d+$/.test(v)) return Number(v);
  throw new ApiFormatError(`${what}.${key}: expected a number, got ${describe(v)}`);
}

export function stringField(o: JsonObject, key: string, what: string): string {
  const v = o[key];
  if (typeof v !== "string") throw new ApiFormatError(`${what}.${key}: expected text, got ${describe(v)}`);
  return v;
}

export function boolField(o: JsonObject, key: string, what: string): boolean {
  const v = o[key];
  if (typeof v !== "boolean") throw new ApiFormatError(`${what}.${key}: expected true or false, got ${describe(v)}`);
  return v;
}

export function oneOf<T extends string>(o: JsonObject, key: string, allowed: readonly T[], what: string): T {
  const v = stringField(o, key, what);
  if (!(allowed as readonly string[]).includes(v)) {
    throw new ApiFormatError(`${what}.${key}: expected one of ${allowed.join(", ")}, got ${JSON.stringify(v)}`);
  }
  return v as T;
}
