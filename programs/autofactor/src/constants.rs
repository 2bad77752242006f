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

/// `["pool_verifier", pool, verifier]` — a verifier registered for a pool.
#[constant]
pub const POOL_VERIFIER_SEED: &[u8] = b"pool_verifier";
/// `["invoice", asset]` — an [`crate::state::Invoice`], keyed by its Core asset.
#[constant]
pub const INVOICE_SEED: &[u8] = b"invoice";
/// `["document", sha256]` — global registry entry of an invoice document.
#[constant]
pub const DOCUMENT_SEED: &[u8] = b"document";
/// `["invoice_number", supplier, sha256(invoice number)]` — global registry
/// entry of a supplier's invoice number.
#[constant]
pub const INVOICE_NUMBER_SEED: &[u8] = b"invoice_number";
/// `["exposure", pool, kind, party]` — a pool's outstanding claim on one
/// buyer (kind [`EXPOSURE_BUYER`]) or supplier (kind [`EXPOSURE_SUPPLIER`]).
#[constant]
pub const EXPOSURE_SEED: &[u8] = b"exposure";
/// Exposure kind byte: the party is the invoices' buyer.
pub const EXPOSURE_BUYER: u8 = 0;
/// Exposure kind byte: the party is the invoices' supplier.
pub const EXPOSURE_SUPPLIER: u8 = 1;
/// `["buyer_reputation", buyer]` — a buyer's on-chain repayment record.
#[constant]
pub const BUYER_REPUTATION_SEED: &[u8] = b"buyer_reputation";
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
