// Events: `emit_cpi!` self-invocations in a transaction's inner
// instructions, decoded with the IDL's event coder.
import { PublicKey, type ConfirmedSignatureInfo, type VersionedTransactionResponse } from "@solana/web3.js";
import type { Program } from "./anchor.js";
import { fromAnchor } from "./convert.js";
import { IDL, type AutofactorIdl } from "./idl.js";

/** Anchor's `EVENT_IX_TAG_LE`: the first 8 bytes of every `emit_cpi!` instruction. */
export const EVENT_IX_TAG_LE = Buffer.from([0xe4, 0x45, 0xa5, 0x2e, 0x51, 0xcb, 0x9a, 0x1d]);

/** Names of the program's events, as the IDL spells them (`Deposited`, …). */
export type EventName = (typeof IDL.events)[number]["name"];

/** A decoded event (integers as bigint). */
export interface AutofactorEvent {
  name: EventName;
  data: Record<string, unknown>;
  signature?: string;
  slot?: number;
  blockTime?: number | null;
  /** Index of the top-level instruction whose inner instructions carried it. */
  instructionIndex?: number;
}

const BY_DISCRIMINATOR = new Map<string, EventName>(IDL.events.map((e) => [Buffer.from(e.discriminator).toString("hex"), e.name]));

const B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
function bs58Decode(s: string): Buffer {
  let n = 0n;
  for (const c of s) {
    const i = B58.indexOf(c);
    if (i < 0) throw new Error(`not base58: ${s}`);
    n = n * 58n + BigInt(i);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n % 256n));
    n /= 256n;
  }
  for (const c of s) {
    if (c !== "1") break;
    bytes.unshift(0);
  }
  return Buffer.from(bytes);
}

/** Reads the program's events. */
export class EventReader {
  constructor(private readonly program: Program<AutofactorIdl>) {}

  /** Decodes one instruction's data if it is an `emit_cpi!` event of this program. */
  decodeInstructionData(data: Uint8Array): AutofactorEvent | null {
    const buf = Buffer.from(data);
    if (buf.length < 16 || !buf.subarray(0, 8).equals(EVENT_IX_TAG_LE)) return null;
    const body = buf.subarray(8);
    const name = BY_DISCRIMINATOR.get(body.subarray(0, 8).toString("hex"));
    if (!name) return null;
    const decoded = this.program.coder.events.decode(body.toString("base64"));
    if (!decoded) return null;
    return { name, data: fromAnchor(decoded.data) as Record<string, unknown> };
  }

  /** Every event of a transaction (fetched if a signature is given), in order. */
  async fromTransaction(tx: string | VersionedTransactionResponse): Promise<AutofactorEvent[]> {
    let resp: VersionedTransactionResponse | null;
    let signature: string | undefined;
    if (typeof tx === "string") {
      signature = tx;
      resp = await this.program.provider.connection.getTransaction(tx, { commitment: "confirmed", maxSupportedTransactionVersion: 0 });
      if (!resp) throw new Error(`transaction ${tx} not found`);
    } else {
      resp = tx;
      signature = tx.transaction.signatures[0];
    }
    const msg = resp.transaction.message;
    const keys: PublicKey[] = [
      ...msg.staticAccountKeys,
      ...(resp.meta?.loadedAddresses?.writable ?? []).map((k) => new PublicKey(k)),
      ...(resp.meta?.loadedAddresses?.readonly ?? []).map((k) => new PublicKey(k)),
    ];
    const out: AutofactorEvent[] = [];
    for (const group of resp.meta?.innerInstructions ?? []) {
      for (const ix of group.instructions) {
        if (!keys[ix.programIdIndex]?.equals(this.program.programId)) continue;
        const ev = this.decodeInstructionData(bs58Decode(ix.data));
        if (ev) out.push({ ...ev, signature, slot: resp.slot, blockTime: resp.blockTime, instructionIndex: group.index });
      }
    }
    return out;
  }

  /**
   * A pool's history: the events of the transactions that touched the pool
   * account (newest first, at most `limit` transactions).
   */
  async poolHistory(pool: PublicKey, opts: { limit?: number; before?: string } = {}): Promise<AutofactorEvent[]> {
    const sigs: ConfirmedSignatureInfo[] = await this.program.provider.connection.getSignaturesForAddress(pool, { limit: opts.limit ?? 100, before: opts.before }, "confirmed");
    const out: AutofactorEvent[] = [];
    for (const s of sigs) {
      if (s.err) continue;
      const events = await this.fromTransaction(s.signature);
      out.push(...events.reverse());
    }
    return out;
  }
}
