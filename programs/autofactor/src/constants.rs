//! Protocol-wide constants: PDA seeds, units, bounds.
//!
//! Seeds are defined once here and reused by the client crate
//! (`autofactor-client`) so that on-chain and off-chain derivations can never
//! drift apart.

use anchor_lang::prelude::*;

// ---------------------------------------------------------------------------
// PDA seeds
// ---------------------------------------------------------------------------

/// `["protocol"]` — the singleton [`crate::state::ProtocolConfig`].
#[constant]
pub const PROTOCOL_SEED: &[u8] = b"protocol";
/// `["issuer", authority]` — an [`crate::state::IdentityIssuer`].
#[constant]
pub const ISSUER_SEED: &[u8] = b"issuer";
/// `["identity", wallet]` — the [`crate::state::IdentityRecord`] of a wallet.
#[constant]
pub const IDENTITY_SEED: &[u8] = b"identity";
/// `["pool", manager, pool_id (u64 LE)]` — a [`crate::state::Pool`].
#[constant]
pub const POOL_SEED: &[u8] = b"pool";
/// `["vault", pool]` — the pool's USDC token account (authority: the pool PDA).
#[constant]
pub const VAULT_SEED: &[u8] = b"vault";
/// `["senior_mint", pool]` — the senior tranche share mint (Token-2022).
#[constant]
pub const SENIOR_MINT_SEED: &[u8] = b"senior_mint";
/// `["junior_mint", pool]` — the junior tranche share mint (Token-2022).
#[constant]
pub const JUNIOR_MINT_SEED: &[u8] = b"junior_mint";
/// `["withdrawal", pool, tranche (u8), sequence (u64 LE)]` — a queued
/// [`crate::state::WithdrawalRequest`].
#[constant]
pub const WITHDRAWAL_SEED: &[u8] = b"withdrawal";
/// `["position", pool, tranche (u8), owner]` — an investor's
/// [`crate::state::Position`] in one tranche (its holding period).
#[constant]
pub const POSITION_SEED: &[u8] = b"position";
/// `["calendar", pool]` — the pool's [`crate::state::PoolCalendar`] of
/// invoice deadlines (per-day counts).
#[constant]
pub const CALENDAR_SEED: &[u8] = b"calendar";

/// `["pool_verifier", pool, verifier]` — a verifier registered for a pool.
#[constant]
pub const POOL_VERIFIER_SEED: &[u8] = b"pool_verifier";
/// `["invoice", asset]` — an [`crate::state::Invoice`], keyed by its Core asset.
#[constant]
pub const INVOICE_SEED: &[u8] = b"invoice";
/// `["document", sha256]` — global registry entry of an invoice document.
#[constant]
pub const DOCUMENT_SEED: &[u8] = b"document";
/// `["invoice_number", supplier entity key, sha256(canonical invoice number)]`
/// — global registry entry of a supplier legal entity's invoice number
/// (rules in [`crate::canonical`]).
#[constant]
pub const INVOICE_NUMBER_SEED: &[u8] = b"invoice_number";
/// `["exposure", pool, kind, entity key]` — a pool's outstanding claim on one
/// buyer (kind [`EXPOSURE_BUYER`]) or supplier (kind [`EXPOSURE_SUPPLIER`])
/// legal entity, shared by all of the entity's wallets.
#[constant]
pub const EXPOSURE_SEED: &[u8] = b"exposure";
/// Exposure kind byte: the party is the invoices' buyer.
pub const EXPOSURE_BUYER: u8 = 0;
/// Exposure kind byte: the party is the invoices' supplier.
pub const EXPOSURE_SUPPLIER: u8 = 1;
/// `["buyer_reputation", buyer_entity]` — a buyer entity's on-chain repayment record.
#[constant]
pub const BUYER_REPUTATION_SEED: &[u8] = b"buyer_reputation";
/// `["supplier_reputation", supplier_entity]` — a supplier entity's record
/// of invoices created, disputed, cancelled and financed.
#[constant]
pub const SUPPLIER_REPUTATION_SEED: &[u8] = b"supplier_reputation";
/// `["currency", pool, code]` — a currency a pool accepts.
#[constant]
pub const CURRENCY_SEED: &[u8] = b"currency";
/// `["asset_authority"]` — update authority of every invoice asset and holder
/// of its permanent freeze, transfer and burn delegations.
#[constant]
pub const ASSET_AUTHORITY_SEED: &[u8] = b"asset_authority";

// ---------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------

/// Basis points in one whole (100%).
pub const BPS_DENOMINATOR: u64 = 10_000;
/// Seconds in the 365-day year used by every APR in the protocol.
pub const SECONDS_PER_YEAR: u64 = 365 * 24 * 60 * 60;
/// Seconds in a day.
pub const SECONDS_PER_DAY: i64 = 24 * 60 * 60;
/// Fixed-point scale of the senior claim (`senior_claim_fp`): one micro-USDC
/// is `CLAIM_SCALE` units, so accrual keeps 9 extra decimal digits while
/// deposits and payouts change the claim by exact whole micro-USDC.
pub const CLAIM_SCALE: u128 = 1_000_000_000;
/// Fixed-point scale (1e18, "WAD") of the cumulative senior growth index.
pub const WAD: u128 = 1_000_000_000_000_000_000;
/// Decimals of tranche share tokens (the same as USDC).
pub const TRANCHE_DECIMALS: u8 = 6;
/// One whole share in base units (`10^TRANCHE_DECIMALS`): share prices are
/// quoted per whole share.
pub const SHARE_UNIT: u64 = 1_000_000;
/// Scale of recorded FX rates (`fx_rate_scaled`): micro-USDC per minor
/// unit of the invoice currency × 10^12.
pub const FX_RATE_SCALE: u64 = 1_000_000_000_000;
/// Shares locked forever on a tranche's first deposit (taken from the
/// first depositor, 0.001 of a share token): first-depositor inflation
/// protection in the style of Uniswap v2's minimum liquidity. Inflating the
/// price afterwards costs the attacker 1,000× what it can take from a victim.
pub const LOCKED_SHARES: u64 = 1_000;

/// Fixed-point scale of income accrual rates (micro-USDC per second × 10^12).
pub const INCOME_SCALE: u128 = 1_000_000_000_000;
/// Decimals of USDC.
pub const USDC_DECIMALS: u8 = 6;

// ---------------------------------------------------------------------------
// Invoices
// ---------------------------------------------------------------------------

/// Longest supplier invoice number, in bytes.
pub const MAX_INVOICE_NUMBER_LEN: usize = 64;
/// Longest metadata URI, in bytes.
pub const MAX_METADATA_URI_LEN: usize = 200;
/// ISO 4217 code of the US dollar (invoices in USD need no FX price).
pub const USD: [u8; 3] = *b"USD";
/// Minor-unit decimals of USD.
pub const USD_DECIMALS: u8 = 2;

// ---------------------------------------------------------------------------
// Identity
// ---------------------------------------------------------------------------

/// Role bit: may originate invoices.
pub const ROLE_SUPPLIER: u8 = 1 << 0;
/// Role bit: may acknowledge, dispute and pay invoices addressed to it.
pub const ROLE_BUYER: u8 = 1 << 1;
/// Role bit: may deposit into and redeem from tranches.
pub const ROLE_INVESTOR: u8 = 1 << 2;
/// Role bit: may attest delivery and credit scores.
pub const ROLE_VERIFIER: u8 = 1 << 3;
/// Role bit: may create and manage pools.
pub const ROLE_MANAGER: u8 = 1 << 4;
/// Every role bit the protocol knows.
pub const ROLE_ALL: u8 = ROLE_SUPPLIER | ROLE_BUYER | ROLE_INVESTOR | ROLE_VERIFIER | ROLE_MANAGER;
/// Maximum length in bytes of an identity record's DID string.
pub const MAX_DID_LEN: usize = 128;
/// Maximum length in bytes of an identity issuer's display name.
pub const MAX_ISSUER_NAME_LEN: usize = 64;
/// Highest investor accreditation level (0 = none, 1 = accredited,
/// 2 = qualified purchaser / professional, 3 = institutional).
pub const MAX_ACCREDITATION: u8 = 3;

// ---------------------------------------------------------------------------
// Bounds
// ---------------------------------------------------------------------------

/// Upper bound on the protocol fee (bps of income).
pub const MAX_PROTOCOL_FEE_BPS: u16 = 5_000;
/// Upper bound on a pool's manager fee (bps of income).
pub const MAX_MANAGER_FEE_BPS: u16 = 5_000;
/// Upper bound on a pool's senior target APR.
pub const MAX_SENIOR_APR_BPS: u16 = 5_000;
/// Upper bound on any discount APR in a pool policy.
pub const MAX_DISCOUNT_APR_BPS: u16 = 10_000;
/// Number of risk grades a pool policy defines (A, B, C, D).
pub const RISK_GRADE_COUNT: usize = 4;
/// Highest buyer credit score a verifier can attest.
pub const MAX_CREDIT_SCORE: u16 = 1_000;
/// Longest invoice tenor any pool may accept, in days.
pub const MAX_TENOR_DAYS: u16 = 365;
/// Longest write-off horizon (days after the due date) a pool policy may set.
pub const MAX_WRITEOFF_DAYS: u16 = 365;
/// Days in the ring of a pool's deadline calendar. Every deadline lies at
/// most `MAX_TENOR_DAYS + 1 + MAX_WRITEOFF_DAYS` (731) days ahead, so a
/// deadline left unapplied for up to 293 days never shares a slot with a new one.
pub const CALENDAR_DAYS: usize = 1_024;

// ---------------------------------------------------------------------------
// Oracle and risk-parameter hardening
// ---------------------------------------------------------------------------

/// Oldest price any check accepts, whatever a currency or the USDC guard is
/// configured with: one hour. A live Pyth feed publishes every few hundred
/// milliseconds; an hour covers a congested cluster but not a market close
/// (FX over a weekend), where the operation is refused rather than priced
/// with an old quote.
pub const MAX_PRICE_AGE_SECS: u32 = 3_600;
/// Widest confidence / price a currency configuration may allow (bps).
pub const MAX_PRICE_CONF_BPS: u16 = 1_000;
/// Widest confidence / price of the USDC/USD price used by the depeg guard
/// (bps); the guard compares the low bound `price − conf` with its floor.
pub const USDC_GUARD_MAX_CONF_BPS: u16 = 100;
/// Lowest accepted Pyth price exponent (10^-18).
pub const MIN_PRICE_EXPONENT: i32 = -18;
/// Highest accepted Pyth price exponent (10^12).
pub const MAX_PRICE_EXPONENT: i32 = 12;
/// Most minor-unit decimals a currency may have.
pub const MAX_CURRENCY_DECIMALS: u8 = 4;
/// Delay between `pool_update_config` announcing a change of a parameter
/// that moves value between the tranches (minimum junior ratio, senior APR)
/// and the change taking effect: seven days, so that investors who disagree
/// can leave first.
pub const RISK_CHANGE_DELAY_SECS: i64 = 7 * SECONDS_PER_DAY;

// ---------------------------------------------------------------------------
// Redemption fairness (holding period)
// ---------------------------------------------------------------------------

/// Longest holding period (`PoolParams::min_hold_secs`) a pool may set: 30 days.
pub const MAX_MIN_HOLD_SECS: u32 = 30 * SECONDS_PER_DAY as u32;
/// Holding period the client, CLI and demo give new pools unless told
/// otherwise: one day.
pub const DEFAULT_MIN_HOLD_SECS: u32 = SECONDS_PER_DAY as u32;

// ---------------------------------------------------------------------------
// Withdrawal queue; defaulted-invoice closing
// ---------------------------------------------------------------------------

/// Smallest withdrawal that may join a queue, valued at the price when it
/// is queued: 10 USDC. Keepers pay one transaction per request, so dust
/// requests could otherwise make every later redemption wait behind
/// thousands of them. (Immediate redemptions have no minimum.)
pub const MIN_WITHDRAWAL_REQUEST_USDC: u64 = 10_000_000;
/// Longest recovery period (`PoolPolicy::recovery_days`) a pool may set:
/// the days after an invoice's write-off horizon during which recoveries
/// are still booked before anyone may close it.
pub const MAX_RECOVERY_DAYS: u16 = 3_650;
/// The recovery period of the presets and of a pool config file that
/// leaves `recovery_days` out.
pub const DEFAULT_RECOVERY_DAYS: u16 = 180;
