// Program errors mapped to the IDL's names and messages.
import { LangErrorCode, LangErrorMessage } from "./anchor.js";
import { IDL } from "./idl.js";

/** An error of the Autofactor program (or Anchor's framework) with its IDL name. */
export class ProgramError extends Error {
  constructor(
    /** The numeric code (`6000 + n` for the program's own errors). */
    readonly code: number,
    /** The IDL name, e.g. `InvoiceNotVerified` (Anchor's own for framework errors). */
    readonly errorName: string,
    /** The IDL message. */
    readonly errorMessage: string,
    /** Transaction logs, when known. */
    readonly logs: string[] = [],
    /** The error this was recognised in. */
    override readonly cause?: unknown,
  ) {
    super(`${errorName} (${code}): ${errorMessage}`);
    this.name = "ProgramError";
  }
}

const BY_CODE = new Map<number, { name: string; msg: string }>(
  (IDL.errors as readonly { code: number; name: string; msg?: string }[]).map((e) => [e.code, { name: e.name, msg: e.msg ?? e.name }]),
);

/** The IDL entry of a program error code, if it is one. */
export function errorByCode(code: number): { name: string; msg: string } | undefined {
  return BY_CODE.get(code);
}

/** The code of a program error name (e.g. `errorCode("PoolPaused")`). */
export function errorCode(name: string): number {
  const e = IDL.errors.find((k) => k.name === name);
  if (!e) throw new Error(`the IDL has no error named ${name}`);
  return e.code;
}

// Anchor framework errors (constraint failures and the like): code → name.
const ANCHOR_NAMES = new Map<number, string>(Object.entries(LangErrorCode).map(([name, code]) => [code as number, name]));

function fromCode(code: number, logs: string[], cause: unknown): ProgramError | null {
  const own = BY_CODE.get(code);
  if (own) return new ProgramError(code, own.name, own.msg, logs, cause);
  const anchorMsg = (LangErrorMessage as Map<number, string>).get(code);
  if (anchorMsg) return new ProgramError(code, ANCHOR_NAMES.get(code) ?? `AnchorError${code}`, anchorMsg, logs, cause);
  return null;
}

/** The custom error code in a transaction error value (`{ InstructionError: [i, { Custom: n }] }`). */
export function customCode(err: unknown): number | null {
  if (err && typeof err === "object" && "InstructionError" in err) {
    const ie = (err as { InstructionError: [number, unknown] }).InstructionError;
    const detail = ie?.[1];
    if (detail && typeof detail === "object" && "Custom" in detail) return Number((detail as { Custom: number }).Custom);
  }
  return null;
}

/**
 * Recognises a program error in anything a send or confirm can throw or
 * return: web3.js `SendTransactionError` (message "custom program error:
 * 0x…", logs), a transaction `err` value, or Anchor's own error objects.
 * Returns `null` when it is not one of the program's (or Anchor's) errors.
 */
export function parseProgramError(e: unknown): ProgramError | null {
  if (e instanceof ProgramError) return e;
  if (e === null || e === undefined) return null;
  const logs: string[] = (e as { logs?: string[] }).logs ?? (e as { transactionLogs?: string[] }).transactionLogs ?? [];
  const direct = customCode(e) ?? customCode((e as { err?: unknown }).err);
  if (direct !== null) return fromCode(direct, logs, e);
  const code = (e as { error?: { errorCode?: { number?: number } } }).error?.errorCode?.number;
  if (typeof code === "number") return fromCode(code, logs, e);
  const text = [String((e as Error).message ?? e), ...logs].join("\n");
  const m = /custom program error: (0x[0-9a-fA-F]+)/.exec(text);
  if (m) return fromCode(Number.parseInt(m[1], 16), logs, e);
  const n = /"Custom":\s*(\d+)/.exec(text);
  if (n) return fromCode(Number(n[1]), logs, e);
  return null;
}
