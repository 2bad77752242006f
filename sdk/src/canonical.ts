// The program's canonical forms (programs/autofactor/src/canonical.rs):
// invoice numbers and legal-entity ids. The program checks the client's
// invoice-number hash against its own (`InvalidInvoiceNumber`), and the
// registry PDAs are seeded with these hashes.
import { createHash } from "node:crypto";

/** `MAX_INVOICE_NUMBER_LEN` (constants.rs). */
export const MAX_INVOICE_NUMBER_LEN = 64;

function sha256(s: string | Uint8Array): Buffer {
  return createHash("sha256").update(s).digest();
}

const ASCII_PUNCT = /^[!-/:-@[-`{-~]$/;
const ASCII_WS = /^[ \t\n\f\r]$/;

/**
 * `canonical_token`: ASCII letters and digits upper-cased, ASCII
 * whitespace and punctuation dropped; `null` for any other character, an
 * empty result, or more than `maxLen` characters.
 */
export function canonicalToken(s: string, maxLen: number): string | null {
  let out = "";
  for (const c of s) {
    if (/^[A-Za-z0-9]$/.test(c)) out += c.toUpperCase();
    else if (!(ASCII_WS.test(c) || ASCII_PUNCT.test(c))) return null;
    if (out.length > maxLen) return null;
  }
  return out.length > 0 ? out : null;
}

/** `canonical_invoice_number`; throws with the program's error name. */
export function canonicalInvoiceNumber(n: string): string {
  const c = Buffer.byteLength(n, "utf8") <= MAX_INVOICE_NUMBER_LEN ? canonicalToken(n, MAX_INVOICE_NUMBER_LEN) : null;
  if (c === null) throw new Error(`InvalidInvoiceNumber: ${JSON.stringify(n)} has no canonical form`);
  return c;
}

/** `invoice_number_hash`: SHA-256 of the canonical invoice number. */
export function invoiceNumberHash(n: string): Buffer {
  return sha256(canonicalInvoiceNumber(n));
}

/** SHA-256 of a document's exact bytes (the document hash of an invoice). */
export function documentHash(bytes: Uint8Array): Buffer {
  return sha256(bytes);
}

/** `canonical_entity_id` (see canonical.rs); throws `InvalidEntityId`. */
export function canonicalEntityId(id: string): string {
  const bad = () => new Error(`InvalidEntityId: ${JSON.stringify(id)}`);
  if (Buffer.byteLength(id, "utf8") > 64) throw bad();
  const i = id.indexOf(":");
  if (i < 0) throw bad();
  let scheme = id.slice(0, i).trim().toUpperCase();
  if (scheme === "0199" || scheme === "LEI") scheme = "LEI";
  else if (scheme !== "VAT" && !/^[0-9]{4}$/.test(scheme)) throw bad();
  const value = canonicalToken(id.slice(i + 1), 35);
  if (value === null) throw bad();
  if (scheme === "LEI" && value.length !== 20) throw bad();
  if (scheme === "VAT" && !(value.length > 2 && /^[A-Z]{2}/.test(value))) throw bad();
  return `${scheme}:${value}`;
}

/** `entity_key`: SHA-256 of a canonical entity id. */
export function entityKey(canonicalId: string): Buffer {
  return sha256(canonicalId);
}
