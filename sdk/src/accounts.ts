// Account fetchers and list queries (getProgramAccounts with memcmp
// filters at offsets computed from the IDL's layouts).
import { PublicKey, type GetProgramAccountsFilter } from "@solana/web3.js";
import { createHash } from "node:crypto";
import type { Program } from "./anchor.js";
import { fromAnchor, type Bigints } from "./convert.js";
import { IDL, type AutofactorIdl } from "./idl.js";
import { type Pda, type Tranche, trancheSeed } from "./pda.js";
import type { IdlAccounts } from "@anchor-lang/core";

type A = IdlAccounts<AutofactorIdl>;
type Acc<K extends keyof A> = Bigints<A[K]>;

const PRIM: Record<string, number> = { bool: 1, u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, u64: 8, i64: 8, u128: 16, i128: 16, pubkey: 32 };
type IdlTy = string | { array?: [IdlTy, number]; defined?: { name: string } };
interface LooseTypeDef {
  name: string;
  type: { kind: string; fields?: { name: string; type: IdlTy }[]; variants?: { fields?: unknown[] }[] };
}
const TYPES = IDL.types as unknown as LooseTypeDef[];

function sizeOf(ty: IdlTy): number {
  if (typeof ty === "string") {
    const n = PRIM[ty];
    if (n === undefined) throw new Error(`variable-size type ${ty}`);
    return n;
  }
  if (ty.array) return sizeOf(ty.array[0]) * ty.array[1];
  if (ty.defined) {
    const name = ty.defined.name;
    const def = TYPES.find((t) => t.name === name);
    if (!def) throw new Error(`type ${name} not in the IDL`);
    const k = def.type;
    if (k.kind === "struct") return (k.fields ?? []).reduce((n, f) => n + sizeOf(f.type), 0);
    if (k.kind === "enum" && (k.variants ?? []).every((v) => !v.fields)) return 1;
  }
  throw new Error(`unsupported type ${JSON.stringify(ty)}`);
}

/**
 * Byte offset of a field in an account (after the 8-byte discriminator),
 * from the IDL; only fields after fixed-size fields have one.
 */
export function fieldOffset(typeName: string, field: string): number {
  const def = TYPES.find((t) => t.name === typeName);
  if (!def || def.type.kind !== "struct") throw new Error(`${typeName} is not a struct in the IDL`);
  let offset = 8;
  for (const f of def.type.fields ?? []) {
    if (f.name === field) return offset;
    offset += sizeOf(f.type);
  }
  throw new Error(`${typeName}.${field} not in the IDL`);
}

function memcmp(offset: number, key: PublicKey | Uint8Array): GetProgramAccountsFilter {
  const bytes = key instanceof PublicKey ? key.toBase58() : new PublicKey(key).toBase58();
  return { memcmp: { offset, bytes } };
}

/**
 * An investor's position in one tranche (`state::Position`). The program
 * reads and writes it by hand (it is not an instruction account), so the
 * IDL does not describe it: this layout follows state/position.rs.
 */
export interface Position {
  address: PublicKey;
  bump: number;
  pool: PublicKey;
  tranche: Tranche;
  owner: PublicKey;
  unlockTs: bigint;
  lastDepositTs: bigint;
  queuedShares: bigint;
}
/** `sha256("account:Position")[..8]` */
export const POSITION_DISCRIMINATOR = createHash("sha256").update("account:Position").digest().subarray(0, 8);
/** 8 + bump 1 + pool 32 + tranche 1 + owner 32 + unlock 8 + last deposit 8 + queued 8. */
export const POSITION_SIZE = 98;
const POSITION_OWNER_OFFSET = 42;

export function decodePosition(address: PublicKey, data: Buffer): Position {
  if (data.length < POSITION_SIZE || !data.subarray(0, 8).equals(POSITION_DISCRIMINATOR)) {
    throw new Error(`${address.toBase58()} is not a Position account`);
  }
  const t = data.readUInt8(41);
  return {
    address,
    bump: data.readUInt8(8),
    pool: new PublicKey(data.subarray(9, 41)),
    tranche: t === 0 ? "senior" : "junior",
    owner: new PublicKey(data.subarray(42, 74)),
    unlockTs: data.readBigInt64LE(74),
    lastDepositTs: data.readBigInt64LE(82),
    queuedShares: data.readBigUInt64LE(90),
  };
}

/** Fetchers and list queries. */
export class AccountQueries {
  constructor(
    private readonly program: Program<AutofactorIdl>,
    private readonly pda: Pda,
  ) {}

  /** The protocol configuration (throws if not initialized). */
  async protocol(): Promise<Acc<"protocolConfig">> {
    return fromAnchor(await this.program.account.protocolConfig.fetch(this.pda.protocol()));
  }
  async protocolOrNull(): Promise<Acc<"protocolConfig"> | null> {
    const a = await this.program.account.protocolConfig.fetchNullable(this.pda.protocol());
    return a ? fromAnchor(a) : null;
  }
  async pool(address: PublicKey): Promise<Acc<"pool">> {
    return fromAnchor(await this.program.account.pool.fetch(address));
  }
  async invoice(address: PublicKey): Promise<Acc<"invoice">> {
    return fromAnchor(await this.program.account.invoice.fetch(address));
  }
  async invoiceOrNull(address: PublicKey): Promise<Acc<"invoice"> | null> {
    const a = await this.program.account.invoice.fetchNullable(address);
    return a ? fromAnchor(a) : null;
  }
  /** The identity record of a wallet, or null. */
  async identity(wallet: PublicKey): Promise<Acc<"identityRecord"> | null> {
    const a = await this.program.account.identityRecord.fetchNullable(this.pda.identity(wallet));
    return a ? fromAnchor(a) : null;
  }
  async issuer(authority: PublicKey): Promise<Acc<"identityIssuer"> | null> {
    const a = await this.program.account.identityIssuer.fetchNullable(this.pda.issuer(authority));
    return a ? fromAnchor(a) : null;
  }
  async currencyConfig(address: PublicKey): Promise<Acc<"currencyConfig"> | null> {
    const a = await this.program.account.currencyConfig.fetchNullable(address);
    return a ? fromAnchor(a) : null;
  }
  async withdrawalRequest(address: PublicKey): Promise<Acc<"withdrawalRequest"> | null> {
    const a = await this.program.account.withdrawalRequest.fetchNullable(address);
    return a ? fromAnchor(a) : null;
  }
  async exposure(address: PublicKey): Promise<Acc<"exposure"> | null> {
    const a = await this.program.account.exposure.fetchNullable(address);
    return a ? fromAnchor(a) : null;
  }
  /** The repayment record of `buyer`'s legal entity (shared by the entity's wallets); null without an identity or a record. */
  async buyerReputation(buyer: PublicKey): Promise<Acc<"buyerReputation"> | null> {
    const identity = await this.identity(buyer);
    if (!identity) return null;
    const entity = Uint8Array.from(identity.entityKey as number[]);
    const a = await this.program.account.buyerReputation.fetchNullable(this.pda.buyerReputation(entity));
    return a ? fromAnchor(a) : null;
  }
  /** The origination record of `supplier`'s legal entity (created, disputed, cancelled, financed); null without an identity or a record. */
  async supplierReputation(supplier: PublicKey): Promise<Acc<"supplierReputation"> | null> {
    const identity = await this.identity(supplier);
    if (!identity) return null;
    const entity = Uint8Array.from(identity.entityKey as number[]);
    const a = await this.program.account.supplierReputation.fetchNullable(this.pda.supplierReputation(entity));
    return a ? fromAnchor(a) : null;
  }
  async registryEntry(address: PublicKey): Promise<Acc<"registryEntry"> | null> {
    const a = await this.program.account.registryEntry.fetchNullable(address);
    return a ? fromAnchor(a) : null;
  }
  /** An investor's position in a tranche, or null before its first deposit. */
  async position(pool: PublicKey, tranche: Tranche, owner: PublicKey): Promise<Position | null> {
    const address = this.pda.position(pool, tranche, owner);
    const info = await this.program.provider.connection.getAccountInfo(address);
    if (!info || !info.owner.equals(this.program.programId) || info.data.length === 0) return null;
    return decodePosition(address, info.data);
  }

  // ---------------------------------------------------------------- lists

  /** Pools, optionally of one manager. */
  async pools(f: { manager?: PublicKey } = {}): Promise<{ address: PublicKey; account: Acc<"pool"> }[]> {
    const filters = f.manager ? [memcmp(fieldOffset("Pool", "manager"), f.manager)] : [];
    return (await this.program.account.pool.all(filters)).map((x) => ({ address: x.publicKey, account: fromAnchor(x.account) }));
  }

  /**
   * Invoices by pool, supplier and/or buyer (memcmp on the chain), and by
   * status (filtered here: the status follows variable-length strings, so
   * it has no fixed offset).
   */
  async invoices(f: { pool?: PublicKey; supplier?: PublicKey; buyer?: PublicKey; status?: string | string[] } = {}): Promise<{ address: PublicKey; account: Acc<"invoice"> }[]> {
    const filters: GetProgramAccountsFilter[] = [];
    if (f.pool) filters.push(memcmp(fieldOffset("Invoice", "pool"), f.pool));
    if (f.supplier) filters.push(memcmp(fieldOffset("Invoice", "supplier"), f.supplier));
    if (f.buyer) filters.push(memcmp(fieldOffset("Invoice", "buyer"), f.buyer));
    const statuses = f.status === undefined ? null : new Set(Array.isArray(f.status) ? f.status : [f.status]);
    return (await this.program.account.invoice.all(filters))
      .map((x) => ({ address: x.publicKey, account: fromAnchor(x.account) }))
      .filter((x) => !statuses || statuses.has(Object.keys(x.account.status)[0]));
  }

  /** Identity records, optionally of one issuer (its authority, as records store it). */
  async identities(f: { issuerAuthority?: PublicKey } = {}): Promise<{ address: PublicKey; account: Acc<"identityRecord"> }[]> {
    const filters = f.issuerAuthority ? [memcmp(fieldOffset("IdentityRecord", "issuer"), f.issuerAuthority)] : [];
    return (await this.program.account.identityRecord.all(filters)).map((x) => ({ address: x.publicKey, account: fromAnchor(x.account) }));
  }

  /** Every position of an owner (all pools and tranches). */
  async positions(owner: PublicKey): Promise<Position[]> {
    const res = await this.program.provider.connection.getProgramAccounts(this.program.programId, {
      filters: [
        { dataSize: POSITION_SIZE },
        { memcmp: { offset: 0, bytes: bs58Prefix(POSITION_DISCRIMINATOR) } },
        memcmp(POSITION_OWNER_OFFSET, owner),
      ],
    });
    return res.map((r) => decodePosition(r.pubkey, r.account.data));
  }

  /**
   * The withdrawal queue of a tranche: open requests in sequence order
   * (head first), optionally of one investor.
   */
  async queue(pool: PublicKey, tranche: Tranche, f: { investor?: PublicKey } = {}): Promise<{ address: PublicKey; account: Acc<"withdrawalRequest"> }[]> {
    const filters: GetProgramAccountsFilter[] = [
      memcmp(fieldOffset("WithdrawalRequest", "pool"), pool),
      { memcmp: { offset: fieldOffset("WithdrawalRequest", "tranche"), bytes: bs58Prefix(Buffer.from([trancheSeed(tranche)])) } },
    ];
    if (f.investor) filters.push(memcmp(fieldOffset("WithdrawalRequest", "investor"), f.investor));
    return (await this.program.account.withdrawalRequest.all(filters))
      .map((x) => ({ address: x.publicKey, account: fromAnchor(x.account) }))
      .sort((a, b) => (a.account.sequence < b.account.sequence ? -1 : a.account.sequence > b.account.sequence ? 1 : 0));
  }
}

const B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
/** Base58 of arbitrary bytes (memcmp filters take base58). */
export function bs58Prefix(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let s = "";
  while (n > 0n) {
    s = B58[Number(n % 58n)] + s;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    s = "1" + s;
  }
  return s;
}
