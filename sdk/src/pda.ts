// Program-derived addresses. Every seed string comes from the IDL's
// constants (see `seed`); the layouts follow client/src/pda.rs.
import { PublicKey } from "@solana/web3.js";
import { PROGRAM_ID, seed } from "./idl.js";

/** SPL Token (USDC). */
export const TOKEN_PROGRAM_ID = new PublicKey("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
/** Token-2022 (tranche share mints). */
export const TOKEN_2022_PROGRAM_ID = new PublicKey("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb");
/** Associated Token Account program. */
export const ATA_PROGRAM_ID = new PublicKey("ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL");
/** The upgradeable BPF loader. */
export const BPF_LOADER_UPGRADEABLE_ID = new PublicKey("BPFLoaderUpgradeab1e11111111111111111111111");
/** Metaplex Core. */
export const CORE_PROGRAM_ID = new PublicKey("CoREENxT6tW1HoK8ypY1SxRMZTcVPm7R94rH4PZNhX7d");

/** A tranche, as the program's `Tranche` enum. */
export type Tranche = "senior" | "junior";
/** `Tranche::seed()`: the enum's index (Senior 0, Junior 1). */
export function trancheSeed(t: Tranche): number {
  return t === "senior" ? 0 : 1;
}
/** The Anchor enum value of a tranche (`{ senior: {} }`). */
export function trancheArg(t: Tranche): { senior: Record<string, never> } | { junior: Record<string, never> } {
  return t === "senior" ? { senior: {} } : { junior: {} };
}
/** Reads a decoded Anchor `Tranche` enum (`{ senior: {} }` / `{ junior: {} }`). */
export function trancheOf(v: object): Tranche {
  if ("senior" in v) return "senior";
  if ("junior" in v) return "junior";
  throw new Error(`not a Tranche: ${JSON.stringify(v)}`);
}

/** `EXPOSURE_BUYER` / `EXPOSURE_SUPPLIER` (constants.rs): the exposure kinds. */
export const EXPOSURE_BUYER = 0;
export const EXPOSURE_SUPPLIER = 1;

function u64le(n: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return b;
}

function bytes32(b: Uint8Array, what: string): Buffer {
  if (b.length !== 32) throw new Error(`${what} must be 32 bytes, got ${b.length}`);
  return Buffer.from(b);
}

/** PDAs of one deployment of the program. */
export class Pda {
  constructor(readonly programId: PublicKey = PROGRAM_ID) {}

  private find(seeds: (Buffer | Uint8Array)[]): PublicKey {
    return PublicKey.findProgramAddressSync(seeds, this.programId)[0];
  }

  /**
   * The program's ProgramData account under the upgradeable BPF loader
   * (`[program id]`): its upgrade authority alone may initialize the
   * protocol on a cluster.
   */
  programData(): PublicKey {
    return PublicKey.findProgramAddressSync([this.programId.toBuffer()], BPF_LOADER_UPGRADEABLE_ID)[0];
  }
  /** `["protocol"]` */
  protocol(): PublicKey {
    return this.find([seed("PROTOCOL_SEED")]);
  }
  /** `["issuer", authority]` */
  issuer(authority: PublicKey): PublicKey {
    return this.find([seed("ISSUER_SEED"), authority.toBuffer()]);
  }
  /** `["identity", wallet]` */
  identity(wallet: PublicKey): PublicKey {
    return this.find([seed("IDENTITY_SEED"), wallet.toBuffer()]);
  }
  /** `["pool", manager, pool_id LE]` */
  pool(manager: PublicKey, poolId: bigint): PublicKey {
    return this.find([seed("POOL_SEED"), manager.toBuffer(), u64le(poolId)]);
  }
  /** `["vault", pool]` */
  vault(pool: PublicKey): PublicKey {
    return this.find([seed("VAULT_SEED"), pool.toBuffer()]);
  }
  /** `["senior_mint", pool]` */
  seniorMint(pool: PublicKey): PublicKey {
    return this.find([seed("SENIOR_MINT_SEED"), pool.toBuffer()]);
  }
  /** `["junior_mint", pool]` */
  juniorMint(pool: PublicKey): PublicKey {
    return this.find([seed("JUNIOR_MINT_SEED"), pool.toBuffer()]);
  }
  /** The share mint of a tranche. */
  trancheMint(pool: PublicKey, t: Tranche): PublicKey {
    return t === "senior" ? this.seniorMint(pool) : this.juniorMint(pool);
  }
  /** `["calendar", pool]` */
  calendar(pool: PublicKey): PublicKey {
    return this.find([seed("CALENDAR_SEED"), pool.toBuffer()]);
  }
  /** `["withdrawal", pool, tranche, sequence LE]` */
  withdrawalRequest(pool: PublicKey, t: Tranche, sequence: bigint): PublicKey {
    return this.find([seed("WITHDRAWAL_SEED"), pool.toBuffer(), Buffer.from([trancheSeed(t)]), u64le(sequence)]);
  }
  /** `["position", pool, tranche, owner]` */
  position(pool: PublicKey, t: Tranche, owner: PublicKey): PublicKey {
    return this.find([seed("POSITION_SEED"), pool.toBuffer(), Buffer.from([trancheSeed(t)]), owner.toBuffer()]);
  }
  /** Anchor's `["__event_authority"]` PDA of `emit_cpi!` (Anchor's own seed, not a program constant). */
  eventAuthority(): PublicKey {
    return this.find([Buffer.from("__event_authority")]);
  }
  /** `["pool_verifier", pool, verifier]` */
  poolVerifier(pool: PublicKey, verifier: PublicKey): PublicKey {
    return this.find([seed("POOL_VERIFIER_SEED"), pool.toBuffer(), verifier.toBuffer()]);
  }
  /** `["invoice", asset]` */
  invoice(asset: PublicKey): PublicKey {
    return this.find([seed("INVOICE_SEED"), asset.toBuffer()]);
  }
  /** `["document", sha256]` */
  documentEntry(documentHash: Uint8Array): PublicKey {
    return this.find([seed("DOCUMENT_SEED"), bytes32(documentHash, "document hash")]);
  }
  /** `["invoice_number", supplier entity key, sha256(canonical number)]` */
  numberEntry(supplierEntity: Uint8Array, invoiceNumberHash: Uint8Array): PublicKey {
    return this.find([
      seed("INVOICE_NUMBER_SEED"),
      bytes32(supplierEntity, "supplier entity key"),
      bytes32(invoiceNumberHash, "invoice number hash"),
    ]);
  }
  /** `["exposure", pool, EXPOSURE_BUYER, buyer entity key]` */
  buyerExposure(pool: PublicKey, buyerEntity: Uint8Array): PublicKey {
    return this.find([seed("EXPOSURE_SEED"), pool.toBuffer(), Buffer.from([EXPOSURE_BUYER]), bytes32(buyerEntity, "buyer entity key")]);
  }
  /** `["exposure", pool, EXPOSURE_SUPPLIER, supplier entity key]` */
  supplierExposure(pool: PublicKey, supplierEntity: Uint8Array): PublicKey {
    return this.find([
      seed("EXPOSURE_SEED"),
      pool.toBuffer(),
      Buffer.from([EXPOSURE_SUPPLIER]),
      bytes32(supplierEntity, "supplier entity key"),
    ]);
  }
  /** `["buyer_reputation", buyer_entity]`: the repayment record of a buyer's legal entity (shared by its wallets). */
  buyerReputation(buyerEntity: Uint8Array): PublicKey {
    return this.find([seed("BUYER_REPUTATION_SEED"), bytes32(buyerEntity, "buyer entity key")]);
  }
  /** `["supplier_reputation", supplier_entity]`: the origination record of a supplier's legal entity (shared by its wallets). */
  supplierReputation(supplierEntity: Uint8Array): PublicKey {
    return this.find([seed("SUPPLIER_REPUTATION_SEED"), bytes32(supplierEntity, "supplier entity key")]);
  }
  /** `["asset_authority"]` */
  assetAuthority(): PublicKey {
    return this.find([seed("ASSET_AUTHORITY_SEED")]);
  }
  /** `["currency", pool, code]` */
  currencyConfig(pool: PublicKey, code: string): PublicKey {
    return this.find([seed("CURRENCY_SEED"), pool.toBuffer(), currencyCode(code)]);
  }
}

/** Associated token account of `owner` for `mint` under `tokenProgram`. */
export function ata(owner: PublicKey, mint: PublicKey, tokenProgram: PublicKey = TOKEN_PROGRAM_ID): PublicKey {
  return PublicKey.findProgramAddressSync([owner.toBuffer(), tokenProgram.toBuffer(), mint.toBuffer()], ATA_PROGRAM_ID)[0];
}

/** An ISO 4217 code as the program's `[u8; 3]` (three ASCII capitals). */
export function currencyCode(code: string): Buffer {
  if (!/^[A-Z]{3}$/.test(code)) throw new Error(`currency code must be three capital letters (ISO 4217), got ${JSON.stringify(code)}`);
  return Buffer.from(code, "ascii");
}
