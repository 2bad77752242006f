// The Autofactor client: one function per actor action, each resolving
// every account the way the Rust client (client/src/ix.rs) and CLI do;
// account fetchers and list queries; sending with program errors mapped to
// their IDL names.
import {
  Connection,
  PublicKey,
  SystemProgram,
  Transaction,
  TransactionInstruction,
  type Commitment,
  type Signer,
  type TransactionSignature,
} from "@solana/web3.js";
import { AnchorProvider, Program, type BN, type Provider } from "./anchor.js";
import { fromAnchor, toAnchor, bytes32, type Bigints } from "./convert.js";
import { parseProgramError } from "./errors.js";
import { TYPED_IDL, type AutofactorIdl } from "./idl.js";
import { invoiceNumberHash } from "./canonical.js";
import { ata, currencyCode, Pda, trancheArg, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID, ATA_PROGRAM_ID, CORE_PROGRAM_ID, type Tranche } from "./pda.js";
import { priceFeedAddress } from "./pyth.js";
import { AccountQueries } from "./accounts.js";
import { EventReader } from "./events.js";
import type { IdlAccounts, IdlTypes } from "@anchor-lang/core";

type T = IdlTypes<AutofactorIdl>;
type A = IdlAccounts<AutofactorIdl>;
export type ProtocolConfig = Bigints<A["protocolConfig"]>;
export type PoolAccount = Bigints<A["pool"]>;
export type InvoiceAccount = Bigints<A["invoice"]>;
export type IdentityRecord = Bigints<A["identityRecord"]>;
export type CurrencyConfig = Bigints<A["currencyConfig"]>;
export type WithdrawalRequest = Bigints<A["withdrawalRequest"]>;
export type PoolParams = Bigints<T["poolParams"]>;
export type PoolPolicy = Bigints<T["poolPolicy"]>;
export type IdentityTerms = Bigints<T["identityTerms"]>;
/** `CurrencyTerms` with the code as a string and the direction by name. */
export interface CurrencyTermsInput {
  code: string;
  decimals: number;
  feedId: Uint8Array;
  direction: "ccyUsd" | "usdCcy";
  maxAgeSecs: number;
  maxConfBps: number;
  minUsdcPerUnit: bigint;
  maxUsdcPerUnit: bigint;
}

/**
 * The SDK function of every program instruction (a unit test checks that
 * the IDL has no instruction without one).
 */
export const INSTRUCTION_ACTIONS: Record<string, string> = {
  protocol_initialize: "admin.protocolInitialize", protocol_update: "admin.protocolUpdate", protocol_set_paused: "admin.protocolSetPaused",
  protocol_admin_propose: "admin.protocolAdminPropose", protocol_admin_accept: "admin.protocolAdminAccept",
  protocol_set_usdc_guard: "admin.protocolSetUsdcGuard", issuer_register: "admin.issuerRegister", issuer_set_active: "admin.issuerSetActive",
  identity_issue: "issuer.identityIssue", identity_update: "issuer.identityUpdate", identity_revoke: "issuer.identityRevoke",
  pool_create: "manager.poolCreate", pool_update_config: "manager.poolUpdateConfig", pool_set_paused: "manager.poolSetPaused",
  pool_currency_set: "manager.poolCurrencySet", pool_currency_remove: "manager.poolCurrencyRemove",
  pool_verifier_add: "manager.poolVerifierAdd", pool_verifier_remove: "manager.poolVerifierRemove",
  tranche_deposit: "investor.deposit", tranche_withdraw: "investor.withdraw", withdrawal_cancel: "investor.withdrawalCancel",
  withdrawal_claim: "investor.withdrawalClaim", tranche_account_thaw: "investor.thaw", tranche_account_freeze: "investor.freeze",
  invoice_create: "supplier.invoiceCreate", invoice_cancel: "supplier.invoiceCancel", invoice_finance: "supplier.invoiceFinance",
  invoice_claim_reserve: "supplier.invoiceClaimReserve",
  invoice_acknowledge: "buyer.acknowledge", invoice_dispute: "buyer.dispute", invoice_repay: "buyer.repay",
  invoice_attest: "verifier.attest",
  withdrawal_fill: "keeper.withdrawalFill", invoice_mature: "keeper.invoiceMature", invoice_mark_late: "keeper.invoiceMarkLate",
  invoice_write_down: "keeper.invoiceWriteDown", invoice_settle: "keeper.invoiceSettle", invoice_close_defaulted: "keeper.invoiceCloseDefaulted",
  pool_refresh: "keeper.poolRefresh", pool_collect_fees: "keeper.poolCollectFees",
};

/** Roles of an identity record (constants.rs `ROLE_*`). */
export const ROLE = { supplier: 1, buyer: 2, investor: 4, verifier: 8, manager: 16 } as const;

/** The status names of `InvoiceStatus`. */
export type InvoiceStatusName =
  | "created" | "acknowledged" | "disputed" | "verified" | "financed" | "partiallyRepaid" | "late" | "defaulted" | "repaid";

/** The status of a decoded invoice (`{ financed: {} }` → `"financed"`). */
export function invoiceStatus(inv: { status: object }): InvoiceStatusName {
  return Object.keys(inv.status)[0] as InvoiceStatusName;
}

/** The terms of a new invoice. */
export interface NewInvoice {
  /** Face amount in minor units of `currency`. */
  faceMinor: bigint;
  /** ISO 4217 code. */
  currency: string;
  issueTs: bigint;
  dueTs: bigint;
  /** SHA-256 of the invoice document. */
  documentHash: Uint8Array;
  invoiceNumber: string;
  metadataUri: string;
}

/** Options of `send`. */
export interface SendOptions {
  /** Pays the fee; defaults to the first signer. */
  feePayer?: PublicKey;
  skipPreflight?: boolean;
  commitment?: Commitment;
}

/** The addresses every instruction on a pool needs (`PoolKeys` in the Rust client). */
export interface PoolKeys {
  pool: PublicKey;
  usdcMint: PublicKey;
  vault: PublicKey;
  seniorMint: PublicKey;
  juniorMint: PublicKey;
  manager: PublicKey;
}

/** An invoice's addresses and the facts its instructions need (`InvoiceKeys`). */
export interface InvoiceKeys {
  invoice: PublicKey;
  asset: PublicKey;
  pool: PoolKeys;
  supplier: PublicKey;
  buyer: PublicKey;
  supplierEntity: Uint8Array;
  buyerEntity: Uint8Array;
  currency: string;
  invoiceNumberHash: Uint8Array;
  documentHash: Uint8Array;
}

type Ix = Promise<TransactionInstruction[]>;

/** Client of one Autofactor deployment. */
export class AutofactorClient {
  readonly program: Program<AutofactorIdl>;
  readonly pda: Pda;
  readonly accounts: AccountQueries;
  readonly events: EventReader;

  constructor(readonly provider: Provider, programId?: PublicKey) {
    const idl = programId ? ({ ...TYPED_IDL, address: programId.toBase58() } as AutofactorIdl) : TYPED_IDL;
    this.program = new Program<AutofactorIdl>(idl, provider);
    this.pda = new Pda(this.program.programId);
    this.accounts = new AccountQueries(this.program, this.pda);
    this.events = new EventReader(this.program);
  }

  /** A client on `connection` that only reads (no wallet). */
  static readOnly(connection: Connection, programId?: PublicKey): AutofactorClient {
    const wallet = {
      publicKey: PublicKey.default,
      signTransaction: () => Promise.reject(new Error("read-only client: no wallet")),
      signAllTransactions: () => Promise.reject(new Error("read-only client: no wallet")),
    };
    return new AutofactorClient(new AnchorProvider(connection, wallet as never, { commitment: "confirmed" }), programId);
  }

  get connection(): Connection {
    return this.provider.connection;
  }
  get programId(): PublicKey {
    return this.program.programId;
  }

  private common() {
    return { eventAuthority: this.pda.eventAuthority(), program: this.programId };
  }

  /**
   * The instruction `name` with `accounts` given flat, by name: nested
   * into the IDL's account groups (the program's shared `Accounts` structs,
   * e.g. `poolVault`) as Anchor expects them. A key the instruction does
   * not take is a bug here, and throws.
   */
  private async build(
    name: string,
    method: { accountsStrict(a: never): { instruction(): Promise<TransactionInstruction> } },
    accounts: Record<string, PublicKey | null>,
  ): Promise<TransactionInstruction> {
    const ix = this.program.idl.instructions.find((i) => i.name === name);
    if (!ix) throw new Error(`no instruction ${name} in the IDL`);
    return method.accountsStrict(nestAccounts(name, ix.accounts as IdlAccountItem[], { ...accounts, ...this.common() }) as never).instruction();
  }

  // ---------------------------------------------------------------- sending

  /**
   * Signs with `signers` and sends `ixs` as one transaction, waiting for
   * confirmation. A program error is thrown as a `ProgramError` carrying
   * its IDL name and message.
   */
  async send(ixs: TransactionInstruction[], signers: Signer[], opts: SendOptions = {}): Promise<TransactionSignature> {
    if (signers.length === 0 && !opts.feePayer) throw new Error("send needs a signer or a fee payer");
    const commitment = opts.commitment ?? "confirmed";
    const tx = new Transaction().add(...ixs);
    tx.feePayer = opts.feePayer ?? signers[0].publicKey;
    const latest = await this.connection.getLatestBlockhash(commitment);
    tx.recentBlockhash = latest.blockhash;
    if (signers.length) tx.partialSign(...signers);
    const wallet = (this.provider as AnchorProvider).wallet;
    const walletKey = wallet?.publicKey;
    if (walletKey && !walletKey.equals(PublicKey.default) && tx.signatures.some((s) => s.publicKey.equals(walletKey) && !s.signature)) {
      await wallet.signTransaction(tx);
    }
    try {
      const sig = await this.connection.sendRawTransaction(tx.serialize(), { skipPreflight: opts.skipPreflight, preflightCommitment: commitment });
      const res = await this.connection.confirmTransaction({ signature: sig, ...latest }, commitment);
      if (res.value.err) {
        throw parseProgramError(res.value.err) ?? new Error(`transaction ${sig} failed: ${JSON.stringify(res.value.err)}`);
      }
      return sig;
    } catch (e) {
      throw parseProgramError(e) ?? e;
    }
  }

  // -------------------------------------------------------------- resolving

  /** The keys of a pool, read from its account. */
  async poolKeys(pool: PublicKey): Promise<PoolKeys> {
    const p = await this.accounts.pool(pool);
    return { pool, usdcMint: p.usdcMint, vault: p.vault, seniorMint: p.seniorMint, juniorMint: p.juniorMint, manager: p.manager };
  }

  /** The keys of an invoice, read from its account and its pool's. */
  async invoiceKeys(invoice: PublicKey): Promise<InvoiceKeys> {
    const inv = await this.accounts.invoice(invoice);
    return {
      invoice,
      asset: inv.asset,
      pool: await this.poolKeys(inv.pool),
      supplier: inv.supplier,
      buyer: inv.buyer,
      supplierEntity: Uint8Array.from(inv.supplierEntity),
      buyerEntity: Uint8Array.from(inv.buyerEntity),
      currency: Buffer.from(inv.currency).toString("ascii"),
      invoiceNumberHash: Uint8Array.from(inv.invoiceNumberHash),
      documentHash: Uint8Array.from(inv.documentHash),
    };
  }

  /** Currency config and Pyth price account of a non-USD currency of a pool (both null for USD). */
  async fxAccounts(pool: PublicKey, currency: string): Promise<{ currencyConfig: PublicKey | null; fxPrice: PublicKey | null }> {
    if (currency === "USD") return { currencyConfig: null, fxPrice: null };
    const currencyConfig = this.pda.currencyConfig(pool, currency);
    const cfg = await this.accounts.currencyConfig(currencyConfig);
    if (!cfg) throw new Error(`pool ${pool.toBase58()} does not accept ${currency} (no currency config at ${currencyConfig.toBase58()})`);
    return { currencyConfig, fxPrice: priceFeedAddress(Uint8Array.from(cfg.terms.feedId)) };
  }

  /** The USDC/USD price account when the protocol's depeg guard is on, else null. */
  async usdcPriceAccount(): Promise<PublicKey | null> {
    const p = await this.accounts.protocol();
    const feed = Uint8Array.from(p.usdcUsdFeedId);
    return feed.every((b) => b === 0) ? null : priceFeedAddress(feed);
  }

  // ------------------------------------------------------------------ admin

  readonly admin = {
    /** `protocol_initialize` (on a cluster: signed by the program's upgrade authority) */
    protocolInitialize: async (a: { admin: PublicKey; usdcMint: PublicKey; treasury: PublicKey; protocolFeeBps: number }): Ix => [
      await this.build("protocolInitialize", this.program.methods.protocolInitialize({ treasury: a.treasury, protocolFeeBps: a.protocolFeeBps }) as never, {
        admin: a.admin, protocol: this.pda.protocol(), usdcMint: a.usdcMint, autofactorProgram: this.programId,
        programData: this.pda.programData(), systemProgram: SystemProgram.programId,
      }),
    ],
    /** `protocol_update` */
    protocolUpdate: async (a: { admin: PublicKey; protocolFeeBps: number; treasury: PublicKey }): Ix => [
      await this.build("protocolUpdate", this.program.methods.protocolUpdate({ protocolFeeBps: a.protocolFeeBps, treasury: a.treasury }) as never, {
        admin: a.admin, protocol: this.pda.protocol(),
      }),
    ],
    /** `protocol_set_paused` */
    protocolSetPaused: async (a: { admin: PublicKey; paused: boolean }): Ix => [
      await this.build("protocolSetPaused", this.program.methods.protocolSetPaused(a.paused) as never, { admin: a.admin, protocol: this.pda.protocol() }),
    ],
    /** `protocol_admin_propose` */
    protocolAdminPropose: async (a: { admin: PublicKey; newAdmin: PublicKey }): Ix => [
      await this.build("protocolAdminPropose", this.program.methods.protocolAdminPropose(a.newAdmin) as never, { admin: a.admin, protocol: this.pda.protocol() }),
    ],
    /** `protocol_admin_accept` (signed by the proposed admin) */
    protocolAdminAccept: async (a: { newAdmin: PublicKey }): Ix => [
      await this.build("protocolAdminAccept", this.program.methods.protocolAdminAccept() as never, { newAdmin: a.newAdmin, protocol: this.pda.protocol() }),
    ],
    /** `protocol_set_usdc_guard` (an all-zero feed id turns the guard off) */
    protocolSetUsdcGuard: async (a: { admin: PublicKey; feedId: Uint8Array; minPriceBps: number; maxAgeSecs: number }): Ix => [
      await this.build(
        "protocolSetUsdcGuard", this.program.methods.protocolSetUsdcGuard({ feedId: bytes32(a.feedId, "feed id"), minPriceBps: a.minPriceBps, maxAgeSecs: a.maxAgeSecs }) as never,
        { admin: a.admin, protocol: this.pda.protocol() },
      ),
    ],
    /** `issuer_register` */
    issuerRegister: async (a: { admin: PublicKey; authority: PublicKey; name: string }): Ix => [
      await this.build("issuerRegister", this.program.methods.issuerRegister(a.name) as never, {
        admin: a.admin, protocol: this.pda.protocol(), authority: a.authority, issuer: this.pda.issuer(a.authority), systemProgram: SystemProgram.programId,
      }),
    ],
    /** `issuer_set_active` */
    issuerSetActive: async (a: { admin: PublicKey; authority: PublicKey; active: boolean }): Ix => [
      await this.build("issuerSetActive", this.program.methods.issuerSetActive(a.active) as never, {
        admin: a.admin, protocol: this.pda.protocol(), issuer: this.pda.issuer(a.authority),
      }),
    ],
  };

  // ----------------------------------------------------------------- issuer

  readonly issuer = {
    /** `identity_issue` */
    identityIssue: async (a: { authority: PublicKey; wallet: PublicKey; terms: IdentityTerms }): Ix => [
      await this.build("identityIssue", this.program.methods.identityIssue(toAnchor(a.terms) as never) as never, {
        authority: a.authority, issuer: this.pda.issuer(a.authority), wallet: a.wallet, record: this.pda.identity(a.wallet), systemProgram: SystemProgram.programId,
      }),
    ],
    /** `identity_update` */
    identityUpdate: async (a: { authority: PublicKey; wallet: PublicKey; terms: IdentityTerms }): Ix => [
      await this.build("identityUpdate", this.program.methods.identityUpdate(toAnchor(a.terms) as never) as never, {
        authority: a.authority, issuer: this.pda.issuer(a.authority), record: this.pda.identity(a.wallet),
      }),
    ],
    /** `identity_revoke` */
    identityRevoke: async (a: { authority: PublicKey; wallet: PublicKey }): Ix => [
      await this.build("identityRevoke", this.program.methods.identityRevoke() as never, { authority: a.authority, record: this.pda.identity(a.wallet) }),
    ],
  };

  // ---------------------------------------------------------------- manager

  readonly manager = {
    /** `pool_create` (USDC under SPL Token, shares under Token-2022); returns the pool's keys too. */
    poolCreate: async (a: { manager: PublicKey; usdcMint: PublicKey; poolId: bigint; params: PoolParams; policy: PoolPolicy }): Promise<{ ixs: TransactionInstruction[]; keys: PoolKeys }> => {
      const pool = this.pda.pool(a.manager, a.poolId);
      const keys: PoolKeys = { pool, usdcMint: a.usdcMint, vault: this.pda.vault(pool), seniorMint: this.pda.seniorMint(pool), juniorMint: this.pda.juniorMint(pool), manager: a.manager };
      const ix = await this.build(
        "poolCreate", this.program.methods.poolCreate(toAnchor({ poolId: a.poolId, params: a.params, policy: a.policy }) as never) as never,
        {
          manager: a.manager, protocol: this.pda.protocol(), managerIdentity: this.pda.identity(a.manager), pool,
          calendar: this.pda.calendar(pool), usdcMint: a.usdcMint, vault: keys.vault, seniorMint: keys.seniorMint, juniorMint: keys.juniorMint,
          usdcTokenProgram: TOKEN_PROGRAM_ID, trancheTokenProgram: TOKEN_2022_PROGRAM_ID, systemProgram: SystemProgram.programId,
        },
      );
      return { ixs: [ix], keys };
    },
    /** `pool_update_config` */
    poolUpdateConfig: async (a: { manager: PublicKey; pool: PublicKey; params: PoolParams; policy: PoolPolicy }): Ix => [
      await this.build("poolUpdateConfig", this.program.methods.poolUpdateConfig(toAnchor({ params: a.params, policy: a.policy }) as never) as never, {
        manager: a.manager, protocol: this.pda.protocol(), managerIdentity: this.pda.identity(a.manager), pool: a.pool,
      }),
    ],
    /** `pool_set_paused` */
    poolSetPaused: async (a: { manager: PublicKey; pool: PublicKey; paused: boolean }): Ix => [
      await this.build("poolSetPaused", this.program.methods.poolSetPaused(a.paused) as never, {
        manager: a.manager, protocol: this.pda.protocol(), managerIdentity: this.pda.identity(a.manager), pool: a.pool,
      }),
    ],
    /** `pool_currency_set` */
    poolCurrencySet: async (a: { manager: PublicKey; pool: PublicKey; terms: CurrencyTermsInput }): Ix => {
      const t = a.terms;
      const terms = {
        code: Array.from(currencyCode(t.code)), decimals: t.decimals, feedId: bytes32(t.feedId, "feed id"),
        direction: t.direction === "ccyUsd" ? { ccyUsd: {} } : { usdCcy: {} },
        maxAgeSecs: t.maxAgeSecs, maxConfBps: t.maxConfBps, minUsdcPerUnit: t.minUsdcPerUnit, maxUsdcPerUnit: t.maxUsdcPerUnit,
      };
      return [
        await this.build("poolCurrencySet", this.program.methods.poolCurrencySet(toAnchor(terms) as never) as never, {
          manager: a.manager, protocol: this.pda.protocol(), managerIdentity: this.pda.identity(a.manager), pool: a.pool,
          currencyConfig: this.pda.currencyConfig(a.pool, t.code), systemProgram: SystemProgram.programId,
        }),
      ];
    },
    /** `pool_currency_remove` */
    poolCurrencyRemove: async (a: { manager: PublicKey; pool: PublicKey; code: string }): Ix => [
      await this.build("poolCurrencyRemove", this.program.methods.poolCurrencyRemove() as never, {
        manager: a.manager, protocol: this.pda.protocol(), managerIdentity: this.pda.identity(a.manager), pool: a.pool,
        currencyConfig: this.pda.currencyConfig(a.pool, a.code),
      }),
    ],
    /** `pool_verifier_add` */
    poolVerifierAdd: async (a: { manager: PublicKey; pool: PublicKey; verifier: PublicKey }): Ix => [
      await this.build("poolVerifierAdd", this.program.methods.poolVerifierAdd() as never, {
        manager: a.manager, protocol: this.pda.protocol(), managerIdentity: this.pda.identity(a.manager), pool: a.pool,
        verifier: a.verifier, verifierIdentity: this.pda.identity(a.verifier), poolVerifier: this.pda.poolVerifier(a.pool, a.verifier),
        systemProgram: SystemProgram.programId,
      }),
    ],
    /** `pool_verifier_remove` */
    poolVerifierRemove: async (a: { manager: PublicKey; pool: PublicKey; verifier: PublicKey }): Ix => [
      await this.build("poolVerifierRemove", this.program.methods.poolVerifierRemove() as never, {
        manager: a.manager, protocol: this.pda.protocol(), managerIdentity: this.pda.identity(a.manager), pool: a.pool,
        poolVerifier: this.pda.poolVerifier(a.pool, a.verifier),
      }),
    ],
  };

  // --------------------------------------------------------------- investor

  readonly investor = {
    /**
     * `tranche_deposit` from the investor's USDC ATA into its share ATA
     * (created first, idempotently, if missing).
     */
    deposit: async (a: { investor: PublicKey; pool: PublicKey; tranche: Tranche; amountUsdc: bigint; minSharesOut?: bigint }): Ix => {
      const k = await this.poolKeys(a.pool);
      const mint = a.tranche === "senior" ? k.seniorMint : k.juniorMint;
      return [
        // The share ATA must exist (new ones start frozen; the deposit thaws it).
        createAtaIdempotent(a.investor, a.investor, mint, TOKEN_2022_PROGRAM_ID),
        await this.build(
          "trancheDeposit", this.program.methods.trancheDeposit(toAnchor({ tranche: trancheArg(a.tranche), amountUsdc: a.amountUsdc, minSharesOut: a.minSharesOut ?? 0n }) as never) as never,
          {
            investor: a.investor, protocol: this.pda.protocol(), investorIdentity: this.pda.identity(a.investor), pool: a.pool,
            calendar: this.pda.calendar(a.pool), usdcMint: k.usdcMint, vault: k.vault, investorUsdc: ata(a.investor, k.usdcMint, TOKEN_PROGRAM_ID),
            trancheMint: mint, investorShares: ata(a.investor, mint, TOKEN_2022_PROGRAM_ID), position: this.pda.position(a.pool, a.tranche, a.investor),
            usdcTokenProgram: TOKEN_PROGRAM_ID, trancheTokenProgram: TOKEN_2022_PROGRAM_ID, associatedTokenProgram: ATA_PROGRAM_ID,
            systemProgram: SystemProgram.programId,
          },
        ),
      ];
    },
    /**
     * `tranche_withdraw`: paid now if the queue is empty and cash covers
     * it, else queued at the tranche's current queue tail (read from the pool).
     */
    withdraw: async (a: { investor: PublicKey; pool: PublicKey; tranche: Tranche; shares: bigint }): Ix => {
      const p = await this.accounts.pool(a.pool);
      const mint = a.tranche === "senior" ? p.seniorMint : p.juniorMint;
      const tail = p.ledger[a.tranche].queueTail;
      return [
        await this.build("trancheWithdraw", this.program.methods.trancheWithdraw(toAnchor({ tranche: trancheArg(a.tranche), shares: a.shares }) as never) as never, {
          investor: a.investor, protocol: this.pda.protocol(), investorIdentity: this.pda.identity(a.investor), pool: a.pool,
          calendar: this.pda.calendar(a.pool), usdcMint: p.usdcMint, vault: p.vault, investorUsdc: ata(a.investor, p.usdcMint, TOKEN_PROGRAM_ID),
          trancheMint: mint, investorShares: ata(a.investor, mint, TOKEN_2022_PROGRAM_ID), position: this.pda.position(a.pool, a.tranche, a.investor),
          withdrawalRequest: this.pda.withdrawalRequest(a.pool, a.tranche, tail), usdcTokenProgram: TOKEN_PROGRAM_ID,
          trancheTokenProgram: TOKEN_2022_PROGRAM_ID, associatedTokenProgram: ATA_PROGRAM_ID, systemProgram: SystemProgram.programId,
        }),
      ];
    },
    /** `withdrawal_cancel` of the investor's request `sequence`. */
    withdrawalCancel: async (a: { investor: PublicKey; pool: PublicKey; tranche: Tranche; sequence: bigint }): Ix => {
      const k = await this.poolKeys(a.pool);
      const mint = a.tranche === "senior" ? k.seniorMint : k.juniorMint;
      return [
        await this.build("withdrawalCancel", this.program.methods.withdrawalCancel() as never, {
          investor: a.investor, protocol: this.pda.protocol(), pool: a.pool, withdrawalRequest: this.pda.withdrawalRequest(a.pool, a.tranche, a.sequence),
          trancheMint: mint, investorShares: ata(a.investor, mint, TOKEN_2022_PROGRAM_ID), trancheTokenProgram: TOKEN_2022_PROGRAM_ID,
          position: this.pda.position(a.pool, a.tranche, a.investor),
        }),
      ];
    },
    /** `withdrawal_claim` of an undelivered payout, to `destination` (default: the investor's USDC ATA). */
    withdrawalClaim: async (a: { investor: PublicKey; pool: PublicKey; tranche: Tranche; sequence: bigint; destination?: PublicKey }): Ix => {
      const k = await this.poolKeys(a.pool);
      return [
        await this.build("withdrawalClaim", this.program.methods.withdrawalClaim() as never, {
          investor: a.investor, pool: a.pool, usdcMint: k.usdcMint, vault: k.vault,
          withdrawalRequest: this.pda.withdrawalRequest(a.pool, a.tranche, a.sequence),
          destination: a.destination ?? ata(a.investor, k.usdcMint, TOKEN_PROGRAM_ID), usdcTokenProgram: TOKEN_PROGRAM_ID,
        }),
      ];
    },
    /** Creates `owner`'s share ATA if missing (idempotent). */
    createSharesAta: async (a: { payer: PublicKey; owner: PublicKey; pool: PublicKey; tranche: Tranche }): Ix => {
      const k = await this.poolKeys(a.pool);
      const mint = a.tranche === "senior" ? k.seniorMint : k.juniorMint;
      return [createAtaIdempotent(a.payer, a.owner, mint, TOKEN_2022_PROGRAM_ID)];
    },
    /** `tranche_account_thaw` of `owner`'s share ATA (anyone may send it). */
    thaw: async (a: { owner: PublicKey; pool: PublicKey; tranche: Tranche }): Ix => {
      const k = await this.poolKeys(a.pool);
      const mint = a.tranche === "senior" ? k.seniorMint : k.juniorMint;
      return [
        await this.build("trancheAccountThaw", this.program.methods.trancheAccountThaw(trancheArg(a.tranche) as never) as never, {
          protocol: this.pda.protocol(), pool: a.pool, trancheMint: mint, tokenAccount: ata(a.owner, mint, TOKEN_2022_PROGRAM_ID),
          position: this.pda.position(a.pool, a.tranche, a.owner), ownerIdentity: this.pda.identity(a.owner), trancheTokenProgram: TOKEN_2022_PROGRAM_ID,
        }),
      ];
    },
    /** `tranche_account_freeze` of `owner`'s share ATA (once its identity lapsed). */
    freeze: async (a: { owner: PublicKey; pool: PublicKey; tranche: Tranche }): Ix => {
      const k = await this.poolKeys(a.pool);
      const mint = a.tranche === "senior" ? k.seniorMint : k.juniorMint;
      return [
        await this.build("trancheAccountFreeze", this.program.methods.trancheAccountFreeze(trancheArg(a.tranche) as never) as never, {
          protocol: this.pda.protocol(), pool: a.pool, trancheMint: mint, tokenAccount: ata(a.owner, mint, TOKEN_2022_PROGRAM_ID),
          ownerIdentity: this.pda.identity(a.owner), trancheTokenProgram: TOKEN_2022_PROGRAM_ID,
        }),
      ];
    },
  };

  // --------------------------------------------------------------- supplier

  readonly supplier = {
    /**
     * `invoice_create`: the entity keys come from the supplier's and
     * buyer's identity records, the invoice-number hash from the canonical
     * number, the currency config for non-USD currencies. `asset` is a new
     * keypair that must sign.
     */
    invoiceCreate: async (a: { supplier: PublicKey; buyer: PublicKey; pool: PublicKey; asset: PublicKey; terms: NewInvoice }): Promise<{ ixs: TransactionInstruction[]; invoice: PublicKey }> => {
      const [sid, bid] = await Promise.all([this.accounts.identity(a.supplier), this.accounts.identity(a.buyer)]);
      if (!sid) throw new Error(`supplier ${a.supplier.toBase58()} has no identity record`);
      if (!bid) throw new Error(`buyer ${a.buyer.toBase58()} has no identity record`);
      const t = a.terms;
      const numberHash = invoiceNumberHash(t.invoiceNumber);
      const invoice = this.pda.invoice(a.asset);
      const { currencyConfig } = await this.fxAccounts(a.pool, t.currency);
      const args = {
        faceMinor: t.faceMinor, currency: Array.from(currencyCode(t.currency)), issueTs: t.issueTs, dueTs: t.dueTs,
        documentHash: bytes32(t.documentHash, "document hash"), invoiceNumber: t.invoiceNumber,
        invoiceNumberHash: Array.from(numberHash), metadataUri: t.metadataUri,
      };
      const ix = await this.build("invoiceCreate", this.program.methods.invoiceCreate(toAnchor(args) as never) as never, {
        supplier: a.supplier, protocol: this.pda.protocol(), supplierIdentity: this.pda.identity(a.supplier), buyer: a.buyer,
        buyerIdentity: this.pda.identity(a.buyer), pool: a.pool, invoice, asset: a.asset,
        documentEntry: this.pda.documentEntry(t.documentHash), numberEntry: this.pda.numberEntry(Uint8Array.from(sid.entityKey), numberHash),
        buyerExposure: this.pda.buyerExposure(a.pool, Uint8Array.from(bid.entityKey)),
        supplierExposure: this.pda.supplierExposure(a.pool, Uint8Array.from(sid.entityKey)),
        supplierReputation: this.pda.supplierReputation(Uint8Array.from(sid.entityKey)),
        currencyConfig, assetAuthority: this.pda.assetAuthority(), coreProgram: CORE_PROGRAM_ID, systemProgram: SystemProgram.programId,
      });
      return { ixs: [ix], invoice };
    },
    /** `invoice_cancel` (before financing); registry entries located from the invoice. */
    invoiceCancel: async (a: { invoice: PublicKey }): Ix => {
      const k = await this.invoiceKeys(a.invoice);
      return [
        await this.build("invoiceCancel", this.program.methods.invoiceCancel() as never, {
          supplier: k.supplier, invoice: a.invoice, documentEntry: this.pda.documentEntry(k.documentHash),
          numberEntry: this.pda.numberEntry(k.supplierEntity, k.invoiceNumberHash),
          supplierReputation: this.pda.supplierReputation(k.supplierEntity), asset: k.asset,
          assetAuthority: this.pda.assetAuthority(), coreProgram: CORE_PROGRAM_ID, systemProgram: SystemProgram.programId,
        }),
      ];
    },
    /**
     * `invoice_finance`: advance to the supplier's USDC ATA; for non-USD
     * invoices the currency config and the Pyth price account of its feed;
     * the USDC/USD price account when the protocol's depeg guard is on.
     */
    invoiceFinance: async (a: { invoice: PublicKey; minAdvanceUsdc?: bigint }): Ix => {
      const k = await this.invoiceKeys(a.invoice);
      const { currencyConfig, fxPrice } = await this.fxAccounts(k.pool.pool, k.currency);
      return [
        // The advance goes to the supplier's USDC ATA: created if missing.
        createAtaIdempotent(k.supplier, k.supplier, k.pool.usdcMint, TOKEN_PROGRAM_ID),
        await this.build("invoiceFinance", this.program.methods.invoiceFinance(toAnchor({ minAdvanceUsdc: a.minAdvanceUsdc ?? 0n }) as never) as never, {
          supplier: k.supplier, protocol: this.pda.protocol(), supplierIdentity: this.pda.identity(k.supplier), pool: k.pool.pool,
          calendar: this.pda.calendar(k.pool.pool), usdcMint: k.pool.usdcMint, vault: k.pool.vault,
          supplierUsdc: ata(k.supplier, k.pool.usdcMint, TOKEN_PROGRAM_ID), invoice: a.invoice,
          buyerExposure: this.pda.buyerExposure(k.pool.pool, k.buyerEntity), supplierExposure: this.pda.supplierExposure(k.pool.pool, k.supplierEntity),
          buyerReputation: this.pda.buyerReputation(k.buyerEntity), supplierReputation: this.pda.supplierReputation(k.supplierEntity),
          asset: k.asset, currencyConfig, fxPrice, usdcPrice: await this.usdcPriceAccount(), assetAuthority: this.pda.assetAuthority(),
          coreProgram: CORE_PROGRAM_ID, usdcTokenProgram: TOKEN_PROGRAM_ID, systemProgram: SystemProgram.programId,
        }),
      ];
    },
    /**
     * `invoice_claim_reserve`: the reserve `invoice_settle` could not pay
     * (closed or frozen USDC account), to `destination` (default: the
     * supplier's USDC ATA). The invoice's pool is given because the
     * invoice account holds it.
     */
    invoiceClaimReserve: async (a: { invoice: PublicKey; destination?: PublicKey }): Ix => {
      const k = await this.invoiceKeys(a.invoice);
      return [
        await this.build("invoiceClaimReserve", this.program.methods.invoiceClaimReserve() as never, {
          supplier: k.supplier, pool: k.pool.pool, usdcMint: k.pool.usdcMint, vault: k.pool.vault, invoice: a.invoice,
          destination: a.destination ?? ata(k.supplier, k.pool.usdcMint, TOKEN_PROGRAM_ID), usdcTokenProgram: TOKEN_PROGRAM_ID,
        }),
      ];
    },
  };

  // ------------------------------------------------------------------ buyer

  readonly buyer = {
    /** `invoice_acknowledge` */
    acknowledge: async (a: { invoice: PublicKey }): Ix => {
      const k = await this.invoiceKeys(a.invoice);
      return [await this.build("invoiceAcknowledge", this.program.methods.invoiceAcknowledge() as never, this.buyerAccounts(k))];
    },
    /** `invoice_dispute` with the SHA-256 of the buyer's reason. */
    dispute: async (a: { invoice: PublicKey; reasonHash: Uint8Array }): Ix => {
      const k = await this.invoiceKeys(a.invoice);
      return [
        await this.build("invoiceDispute", this.program.methods.invoiceDispute(bytes32(a.reasonHash, "reason hash") as never) as never, {
          ...this.buyerAccounts(k),
          supplierReputation: this.pda.supplierReputation(k.supplierEntity),
        }),
      ];
    },
    /**
     * `invoice_repay` of `amountMinor` (invoice currency) from the payer's
     * USDC ATA, paying at most `maxUsdc` (anyone may pay).
     */
    repay: async (a: { invoice: PublicKey; payer: PublicKey; amountMinor: bigint; maxUsdc: bigint }): Ix => {
      const k = await this.invoiceKeys(a.invoice);
      const { currencyConfig, fxPrice } = await this.fxAccounts(k.pool.pool, k.currency);
      return [
        await this.build("invoiceRepay", this.program.methods.invoiceRepay(toAnchor({ amountMinor: a.amountMinor, maxUsdc: a.maxUsdc }) as never) as never, {
          payer: a.payer, pool: k.pool.pool, calendar: this.pda.calendar(k.pool.pool), usdcMint: k.pool.usdcMint, vault: k.pool.vault,
          payerUsdc: ata(a.payer, k.pool.usdcMint, TOKEN_PROGRAM_ID), invoice: a.invoice, buyerReputation: this.pda.buyerReputation(k.buyerEntity),
          buyerExposure: this.pda.buyerExposure(k.pool.pool, k.buyerEntity), supplierExposure: this.pda.supplierExposure(k.pool.pool, k.supplierEntity),
          asset: k.asset, currencyConfig, fxPrice, assetAuthority: this.pda.assetAuthority(), coreProgram: CORE_PROGRAM_ID,
          usdcTokenProgram: TOKEN_PROGRAM_ID, systemProgram: SystemProgram.programId,
        }),
      ];
    },
  };

  private buyerAccounts(k: InvoiceKeys): Record<string, PublicKey> {
    return {
      buyer: k.buyer, protocol: this.pda.protocol(), buyerIdentity: this.pda.identity(k.buyer), pool: k.pool.pool, invoice: k.invoice,
      buyerReputation: this.pda.buyerReputation(k.buyerEntity), asset: k.asset, assetAuthority: this.pda.assetAuthority(),
      coreProgram: CORE_PROGRAM_ID, systemProgram: SystemProgram.programId,
    };
  }

  // --------------------------------------------------------------- verifier

  readonly verifier = {
    /** `invoice_attest`: delivery proof and credit score (the pool's policy grades it). */
    attest: async (a: { invoice: PublicKey; verifier: PublicKey; deliveryProofHash: Uint8Array; creditScore: number }): Ix => {
      const k = await this.invoiceKeys(a.invoice);
      return [
        await this.build(
          "invoiceAttest", this.program.methods.invoiceAttest({ deliveryProofHash: bytes32(a.deliveryProofHash, "delivery proof hash"), creditScore: a.creditScore } as never) as never,
          {
            verifier: a.verifier, protocol: this.pda.protocol(), verifierIdentity: this.pda.identity(a.verifier), pool: k.pool.pool,
            poolVerifier: this.pda.poolVerifier(k.pool.pool, a.verifier), invoice: a.invoice, asset: k.asset,
            assetAuthority: this.pda.assetAuthority(), coreProgram: CORE_PROGRAM_ID, systemProgram: SystemProgram.programId,
          },
        ),
      ];
    },
  };

  // ----------------------------------------------------------------- keeper

  readonly keeper = {
    /** `withdrawal_fill` of the request at the head of a tranche's queue (owner read from the request). */
    withdrawalFill: async (a: { keeper: PublicKey; pool: PublicKey; tranche: Tranche }): Ix => {
      const p = await this.accounts.pool(a.pool);
      const head = p.ledger[a.tranche].queueHead;
      const reqAddr = this.pda.withdrawalRequest(a.pool, a.tranche, head);
      const req = await this.accounts.withdrawalRequest(reqAddr);
      if (!req) throw new Error(`the ${a.tranche} queue of ${a.pool.toBase58()} has no request at its head (${head})`);
      return [
        await this.build("withdrawalFill", this.program.methods.withdrawalFill(trancheArg(a.tranche) as never) as never, {
          keeper: a.keeper, protocol: this.pda.protocol(), pool: a.pool, calendar: this.pda.calendar(a.pool), usdcMint: p.usdcMint,
          vault: p.vault, withdrawalRequest: reqAddr, investor: req.investor, investorUsdc: ata(req.investor, p.usdcMint, TOKEN_PROGRAM_ID),
          usdcTokenProgram: TOKEN_PROGRAM_ID, position: this.pda.position(a.pool, a.tranche, req.investor),
        }),
      ];
    },
    /** `invoice_mature` */
    invoiceMature: async (a: { invoice: PublicKey }): Ix => {
      const k = await this.invoiceKeys(a.invoice);
      return [await this.build("invoiceMature", this.program.methods.invoiceMature() as never, { pool: k.pool.pool, calendar: this.pda.calendar(k.pool.pool), invoice: a.invoice })];
    },
    /** `invoice_mark_late` */
    invoiceMarkLate: async (a: { invoice: PublicKey; keeper: PublicKey }): Ix => {
      const k = await this.invoiceKeys(a.invoice);
      return [await this.build("invoiceMarkLate", this.program.methods.invoiceMarkLate() as never, this.keeperAccounts(k, a.keeper))];
    },
    /** `invoice_write_down` */
    invoiceWriteDown: async (a: { invoice: PublicKey; keeper: PublicKey }): Ix => {
      const k = await this.invoiceKeys(a.invoice);
      return [await this.build("invoiceWriteDown", this.program.methods.invoiceWriteDown() as never, this.keeperAccounts(k, a.keeper))];
    },
    /** `invoice_settle`: closes a repaid invoice, releases the reserve to the supplier's USDC ATA. */
    invoiceSettle: async (a: { invoice: PublicKey; keeper: PublicKey }): Ix => {
      const k = await this.invoiceKeys(a.invoice);
      return [
        await this.build("invoiceSettle", this.program.methods.invoiceSettle() as never, {
          keeper: a.keeper, pool: k.pool.pool, usdcMint: k.pool.usdcMint, vault: k.pool.vault, invoice: a.invoice, supplier: k.supplier,
          supplierUsdc: ata(k.supplier, k.pool.usdcMint, TOKEN_PROGRAM_ID), asset: k.asset, assetAuthority: this.pda.assetAuthority(),
          coreProgram: CORE_PROGRAM_ID, usdcTokenProgram: TOKEN_PROGRAM_ID, associatedTokenProgram: ATA_PROGRAM_ID, systemProgram: SystemProgram.programId,
        }),
      ];
    },
    /** `invoice_close_defaulted`: reserve (if any) to the supplier's USDC ATA. */
    invoiceCloseDefaulted: async (a: { invoice: PublicKey; keeper: PublicKey; noReserve?: boolean }): Ix => {
      const k = await this.invoiceKeys(a.invoice);
      const { currencyConfig } = await this.fxAccounts(k.pool.pool, k.currency);
      return [
        await this.build("invoiceCloseDefaulted", this.program.methods.invoiceCloseDefaulted() as never, {
          keeper: a.keeper, pool: k.pool.pool, usdcMint: k.pool.usdcMint, vault: k.pool.vault, invoice: a.invoice, supplier: k.supplier,
          supplierUsdc: a.noReserve ? null : ata(k.supplier, k.pool.usdcMint, TOKEN_PROGRAM_ID),
          buyerExposure: this.pda.buyerExposure(k.pool.pool, k.buyerEntity), supplierExposure: this.pda.supplierExposure(k.pool.pool, k.supplierEntity),
          // The closed invoice leaves its currency's open invoices; no price is read.
          asset: k.asset, currencyConfig, fxPrice: null, assetAuthority: this.pda.assetAuthority(), coreProgram: CORE_PROGRAM_ID,
          usdcTokenProgram: TOKEN_PROGRAM_ID, systemProgram: SystemProgram.programId,
        }),
      ];
    },
    /** `pool_refresh` */
    poolRefresh: async (a: { pool: PublicKey }): Ix => [
      await this.build("poolRefresh", this.program.methods.poolRefresh() as never, { protocol: this.pda.protocol(), pool: a.pool }),
    ],
    /** `pool_collect_fees` to the treasury's and the manager's USDC ATAs (which must exist). */
    poolCollectFees: async (a: { pool: PublicKey }): Ix => {
      const [k, proto] = await Promise.all([this.poolKeys(a.pool), this.accounts.protocol()]);
      return [
        await this.build("poolCollectFees", this.program.methods.poolCollectFees() as never, {
          protocol: this.pda.protocol(), pool: a.pool, usdcMint: k.usdcMint, vault: k.vault,
          treasuryUsdc: ata(proto.treasury, k.usdcMint, TOKEN_PROGRAM_ID), managerUsdc: ata(k.manager, k.usdcMint, TOKEN_PROGRAM_ID),
          usdcTokenProgram: TOKEN_PROGRAM_ID,
        }),
      ];
    },
  };

  private keeperAccounts(k: InvoiceKeys, keeper: PublicKey): Record<string, PublicKey> {
    return {
      keeper, pool: k.pool.pool, calendar: this.pda.calendar(k.pool.pool), invoice: k.invoice, buyerReputation: this.pda.buyerReputation(k.buyerEntity),
      asset: k.asset, assetAuthority: this.pda.assetAuthority(), coreProgram: CORE_PROGRAM_ID, systemProgram: SystemProgram.programId,
    };
  }
}

/** The ATA program's `CreateIdempotent` instruction. */
export function createAtaIdempotent(payer: PublicKey, owner: PublicKey, mint: PublicKey, tokenProgram: PublicKey = TOKEN_PROGRAM_ID): TransactionInstruction {
  return new TransactionInstruction({
    programId: ATA_PROGRAM_ID,
    keys: [
      { pubkey: payer, isSigner: true, isWritable: true },
      { pubkey: ata(owner, mint, tokenProgram), isSigner: false, isWritable: true },
      { pubkey: owner, isSigner: false, isWritable: false },
      { pubkey: mint, isSigner: false, isWritable: false },
      { pubkey: SystemProgram.programId, isSigner: false, isWritable: false },
      { pubkey: tokenProgram, isSigner: false, isWritable: false },
    ],
    data: Buffer.from([1]),
  });
}

export type { BN };

/** An instruction account, or a group of them, as the IDL lists them. */
type IdlAccountItem = { name: string; accounts?: IdlAccountItem[] };
type NestedAccounts = { [name: string]: PublicKey | null | NestedAccounts };

/**
 * `flat` (every account by its name) nested as `items` groups them; every
 * key of `flat` must be used.
 */
export function nestAccounts(ixName: string, items: IdlAccountItem[], flat: Record<string, PublicKey | null>): NestedAccounts {
  const used = new Set<string>();
  const nest = (list: IdlAccountItem[]): NestedAccounts => {
    const out: NestedAccounts = {};
    for (const item of list) {
      if (item.accounts) {
        out[item.name] = nest(item.accounts);
      } else if (item.name in flat) {
        out[item.name] = flat[item.name];
        used.add(item.name);
      }
    }
    return out;
  };
  const nested = nest(items);
  const unused = Object.keys(flat).filter((k) => !used.has(k));
  if (unused.length > 0) throw new Error(`${ixName}: accounts it does not take: ${unused.join(", ")}`);
  return nested;
}
