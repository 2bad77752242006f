//! Events, one per state change, emitted with `emit_cpi!` so that they
//! travel in the transaction's inner instructions (readable from
//! `getTransaction` and from simulations) and an indexer can rebuild the
//! protocol's history from them alone.

use crate::state::{HistoryTier, IdentityTerms, PoolParams, PoolPolicy, SupplierTier, Tranche};
use anchor_lang::prelude::*;

/// The protocol configuration was created.
#[event]
pub struct ProtocolInitialized {
    pub admin: Pubkey,
    pub treasury: Pubkey,
    pub usdc_mint: Pubkey,
    pub protocol_fee_bps: u16,
}

/// The protocol fee or treasury changed.
#[event]
pub struct ProtocolFeeUpdated {
    pub protocol_fee_bps: u16,
    pub treasury: Pubkey,
}

/// The protocol was paused or unpaused.
#[event]
pub struct ProtocolPauseSet {
    pub paused: bool,
    pub admin: Pubkey,
}

/// The admin proposed a new admin (`Pubkey::default()` cancels).
#[event]
pub struct AdminTransferProposed {
    pub admin: Pubkey,
    pub pending_admin: Pubkey,
}

/// The pending admin accepted.
#[event]
pub struct AdminTransferAccepted {
    pub previous_admin: Pubkey,
    pub admin: Pubkey,
}

/// An identity issuer was registered.
#[event]
pub struct IssuerRegistered {
    pub issuer: Pubkey,
    pub authority: Pubkey,
    pub name: String,
}

/// An identity issuer was activated or deactivated.
#[event]
pub struct IssuerStatusSet {
    pub issuer: Pubkey,
    pub active: bool,
}

/// An identity record was issued.
#[event]
pub struct IdentityIssued {
    pub record: Pubkey,
    pub wallet: Pubkey,
    pub issuer: Pubkey,
    pub terms: IdentityTerms,
    /// `sha256` of the canonical entity id (zero if none).
    pub entity_key: [u8; 32],
}

/// An identity record was updated (and reinstated if it was revoked).
#[event]
pub struct IdentityUpdated {
    pub record: Pubkey,
    pub wallet: Pubkey,
    pub issuer: Pubkey,
    pub terms: IdentityTerms,
    /// `sha256` of the canonical entity id (zero if none).
    pub entity_key: [u8; 32],
    pub reinstated: bool,
}

/// An identity record was revoked.
#[event]
pub struct IdentityRevoked {
    pub record: Pubkey,
    pub wallet: Pubkey,
    pub issuer: Pubkey,
}

/// A pool was created.
#[event]
pub struct PoolCreated {
    pub pool: Pubkey,
    pub manager: Pubkey,
    pub pool_id: u64,
    pub usdc_mint: Pubkey,
    pub vault: Pubkey,
    pub senior_mint: Pubkey,
    pub junior_mint: Pubkey,
    pub params: PoolParams,
    pub policy: PoolPolicy,
}

/// The manager changed a pool's parameters and policy.
#[event]
pub struct PoolConfigUpdated {
    pub pool: Pubkey,
    pub params: PoolParams,
    pub policy: PoolPolicy,
}

/// A pool was paused or unpaused.
#[event]
pub struct PoolPauseSet {
    pub pool: Pubkey,
    pub paused: bool,
}

pub use crate::state::PoolSnapshot;

/// The senior claim was accrued (keeper refresh).
#[event]
pub struct PoolRefreshed {
    pub pool: Pubkey,
    pub accrued_to_senior_usdc: u64,
    pub snapshot: PoolSnapshot,
    pub ts: i64,
}

/// A tranche token account was thawed for a verified investor.
#[event]
pub struct TrancheAccountThawed {
    pub pool: Pubkey,
    pub tranche: Tranche,
    pub token_account: Pubkey,
    pub owner: Pubkey,
}

/// A tranche token account was frozen because its owner's identity lapsed.
#[event]
pub struct TrancheAccountFrozen {
    pub pool: Pubkey,
    pub tranche: Tranche,
    pub token_account: Pubkey,
    pub owner: Pubkey,
}

/// USDC deposited into a tranche.
#[event]
pub struct Deposited {
    pub pool: Pubkey,
    pub investor: Pubkey,
    pub tranche: Tranche,
    pub amount_usdc: u64,
    pub shares: u64,
    pub snapshot: PoolSnapshot,
    pub ts: i64,
    /// End of the investor's holding period in this tranche (the share ATA
    /// stays frozen until then; equals `ts` when the pool has none).
    pub unlock_ts: i64,
}

/// Share tokens burned outside the program (Token-2022 `Burn` by a holder)
/// were taken off the tranche's book: their value now belongs to the
/// remaining holders.
#[event]
pub struct ExternalBurnReconciled {
    pub pool: Pubkey,
    pub tranche: Tranche,
    /// Shares burned since the last reconciliation.
    pub shares_burned: u64,
    /// Shares outstanding after the reconciliation (= the mint's supply).
    pub shares_outstanding: u64,
    pub ts: i64,
}

/// Shares redeemed and paid immediately.
#[event]
pub struct Withdrawn {
    pub pool: Pubkey,
    pub investor: Pubkey,
    pub tranche: Tranche,
    pub shares: u64,
    pub amount_usdc: u64,
    pub snapshot: PoolSnapshot,
    pub ts: i64,
}

/// A withdrawal was queued for lack of cash (or behind earlier requests).
#[event]
pub struct WithdrawalQueued {
    pub pool: Pubkey,
    pub investor: Pubkey,
    pub request: Pubkey,
    pub tranche: Tranche,
    pub sequence: u64,
    pub shares: u64,
    pub ts: i64,
}

/// A keeper filled (part of) the request at the head of a queue.
#[event]
pub struct WithdrawalFilled {
    pub pool: Pubkey,
    pub investor: Pubkey,
    pub request: Pubkey,
    pub tranche: Tranche,
    pub sequence: u64,
    pub shares: u64,
    pub amount_usdc: u64,
    pub shares_remaining: u64,
    pub keeper: Pubkey,
    pub snapshot: PoolSnapshot,
    pub ts: i64,
}

/// A keeper moved the queue head past a request that had been cancelled.
#[event]
pub struct WithdrawalSkipped {
    pub pool: Pubkey,
    pub tranche: Tranche,
    pub sequence: u64,
}

/// The investor cancelled a queued request; unpaid shares were returned.
#[event]
pub struct WithdrawalCancelled {
    pub pool: Pubkey,
    pub investor: Pubkey,
    pub request: Pubkey,
    pub tranche: Tranche,
    pub sequence: u64,
    pub shares_returned: u64,
    pub ts: i64,
}

/// The manager registered a verifier for a pool.
#[event]
pub struct PoolVerifierAdded {
    pub pool: Pubkey,
    pub verifier: Pubkey,
}

/// The manager removed a verifier from a pool.
#[event]
pub struct PoolVerifierRemoved {
    pub pool: Pubkey,
    pub verifier: Pubkey,
}

/// An invoice was originated and its Core asset minted to the supplier.
#[event]
pub struct InvoiceCreated {
    pub invoice: Pubkey,
    pub asset: Pubkey,
    pub pool: Pubkey,
    pub supplier: Pubkey,
    pub buyer: Pubkey,
    pub face_minor: u64,
    pub currency: [u8; 3],
    pub issue_ts: i64,
    pub due_ts: i64,
    pub document_hash: [u8; 32],
    pub invoice_number: String,
}

/// The buyer acknowledged the invoice.
#[event]
pub struct InvoiceAcknowledged {
    pub invoice: Pubkey,
    pub buyer: Pubkey,
    pub ts: i64,
}

/// The buyer disputed the invoice.
#[event]
pub struct InvoiceDisputed {
    pub invoice: Pubkey,
    pub buyer: Pubkey,
    pub reason_hash: [u8; 32],
    pub ts: i64,
}

/// A verifier attested delivery and the buyer's credit.
#[event]
pub struct InvoiceAttested {
    pub invoice: Pubkey,
    pub verifier: Pubkey,
    pub delivery_proof_hash: [u8; 32],
    pub credit_score: u16,
    /// 0 = A …; 255 when no enabled grade accepts the score.
    pub risk_grade: u8,
    pub ts: i64,
}

/// The supplier cancelled the invoice before financing.
#[event]
pub struct InvoiceCancelled {
    pub invoice: Pubkey,
    pub asset: Pubkey,
    pub supplier: Pubkey,
    pub ts: i64,
}

/// What moved a supplier's record ([`SupplierRecordUpdated`]).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, PartialEq, Eq, Debug)]
pub enum SupplierRecordChange {
    /// `invoice_create`: one more invoice originated.
    Created,
    /// `invoice_dispute`: the buyer disputed one.
    Disputed,
    /// `invoice_cancel` of an invoice the buyer had not acknowledged
    /// (Created, or Disputed: counted as disputed already).
    Cancelled,
    /// `invoice_cancel` of an invoice the buyer had acknowledged
    /// (Acknowledged or Verified).
    CancelledAfterAcknowledgement,
    /// `invoice_finance`: a pool bought one.
    Financed,
}

/// A supplier entity's record changed (`SupplierReputation`, PDA
/// `["supplier_reputation", supplier_entity]`): the change, the invoice,
/// and the record's figures after it.
#[event]
pub struct SupplierRecordUpdated {
    pub supplier_entity: [u8; 32],
    pub invoice: Pubkey,
    pub change: SupplierRecordChange,
    pub created_count: u32,
    pub disputed_count: u32,
    pub cancelled_count: u32,
    pub cancelled_acknowledged_count: u32,
    pub financed_count: u32,
    pub financed_volume_usdc: u64,
    pub ts: i64,
}

impl SupplierRecordUpdated {
    /// The event of `change` to `record` for `invoice` at `ts`.
    pub fn of(
        record: &crate::state::SupplierReputation,
        invoice: Pubkey,
        change: SupplierRecordChange,
        ts: i64,
    ) -> Self {
        SupplierRecordUpdated {
            supplier_entity: record.supplier_entity,
            invoice,
            change,
            created_count: record.created_count,
            disputed_count: record.disputed_count,
            cancelled_count: record.cancelled_count,
            cancelled_acknowledged_count: record.cancelled_acknowledged_count,
            financed_count: record.financed_count,
            financed_volume_usdc: record.financed_volume_usdc,
            ts,
        }
    }
}

/// The pool bought the invoice.
#[event]
pub struct InvoiceFinanced {
    pub invoice: Pubkey,
    pub pool: Pubkey,
    pub supplier: Pubkey,
    pub buyer: Pubkey,
    pub risk_grade: u8,
    pub face_usdc: u64,
    pub advance_usdc: u64,
    pub discount_usdc: u64,
    pub protocol_fee_usdc: u64,
    pub manager_fee_usdc: u64,
    pub reserve_usdc: u64,
    /// Discount APR charged: the grade's, moved by the buyer's history tier.
    pub discount_apr_bps: u16,
    /// The buyer's history tier under the pool's credit policy.
    pub history_tier: HistoryTier,
    /// The buyer's credit limit that applied (micro-USDC); 0: none.
    pub buyer_credit_limit_usdc: u64,
    /// The supplier's history tier under the pool's credit policy.
    pub supplier_tier: SupplierTier,
    /// The supplier's invoices disputed or cancelled after acknowledgement
    /// that the decision read, and its invoices created.
    pub supplier_problem_invoices: u32,
    pub supplier_created_invoices: u32,
    /// FX rate used (USDC micro per minor unit × 10^12); 0 for USD.
    pub fx_rate_scaled: u128,
    /// Risk terms fixed now (F-07): start of the due date (income stops,
    /// the write-down starts), Late from, write-off horizon.
    pub overdue_ts: i64,
    pub late_after_ts: i64,
    pub writeoff_ts: i64,
    pub snapshot: PoolSnapshot,
    pub ts: i64,
}

/// A payment toward an invoice.
#[event]
pub struct InvoicePaid {
    pub invoice: Pubkey,
    pub pool: Pubkey,
    pub payer: Pubkey,
    pub amount_minor: u64,
    pub amount_usdc: u64,
    pub outstanding_minor: u64,
    /// Part applied to the pool's claim.
    pub to_pool_usdc: u64,
    /// The invoice was late or defaulted: a recovery.
    pub recovery: bool,
    pub fully_repaid: bool,
    /// The invoice's `written_down_usdc` after the instruction (write-downs
    /// net of write-backs and recoveries); the pool's
    /// `total_written_down_usdc` is the sum over invoices of the last value.
    pub written_down_usdc: u64,
    /// FX rate charged (USDC micro per minor unit × 10^12); 0 for USD.
    pub fx_rate_scaled: u128,
    pub snapshot: PoolSnapshot,
    pub ts: i64,
}

/// A keeper stopped an invoice's income accrual at its due date.
#[event]
pub struct InvoiceMatured {
    pub invoice: Pubkey,
    pub pool: Pubkey,
    pub book_usdc: u64,
    /// The invoice's `written_down_usdc` after the instruction (write-downs
    /// net of write-backs and recoveries); the pool's
    /// `total_written_down_usdc` is the sum over invoices of the last value.
    pub written_down_usdc: u64,
    pub snapshot: PoolSnapshot,
    pub ts: i64,
}

/// A keeper marked an invoice late.
#[event]
pub struct InvoiceMarkedLate {
    pub invoice: Pubkey,
    pub book_usdc: u64,
    /// The invoice's `written_down_usdc` after the instruction (write-downs
    /// net of write-backs and recoveries); the pool's
    /// `total_written_down_usdc` is the sum over invoices of the last value.
    pub written_down_usdc: u64,
    pub snapshot: PoolSnapshot,
    pub ts: i64,
}

/// A keeper applied the write-down schedule (or the invoice defaulted).
#[event]
pub struct InvoiceWrittenDown {
    pub invoice: Pubkey,
    pub previous_book_usdc: u64,
    pub book_usdc: u64,
    /// The invoice's `written_down_usdc` after the instruction (write-downs
    /// net of write-backs and recoveries); the pool's
    /// `total_written_down_usdc` is the sum over invoices of the last value.
    pub written_down_usdc: u64,
    pub defaulted: bool,
    pub snapshot: PoolSnapshot,
    pub ts: i64,
}

/// A repaid invoice was settled: reserve released, asset burned, account closed.
#[event]
pub struct InvoiceSettled {
    pub invoice: Pubkey,
    pub asset: Pubkey,
    pub pool: Pubkey,
    pub supplier: Pubkey,
    /// Reserve paid to the supplier.
    pub reserve_released_usdc: u64,
    /// Reserve that could not be delivered (the supplier's USDC account was
    /// frozen): it stays owed, the invoice stays `Closed` until the
    /// supplier claims it (`invoice_claim_reserve`).
    pub reserve_owed_usdc: u64,
    pub ts: i64,
}

/// Fees owed were paid out to the treasury and the manager.
#[event]
pub struct FeesCollected {
    pub pool: Pubkey,
    pub protocol_fees_usdc: u64,
    pub manager_fees_usdc: u64,
}

/// The USDC/USD depeg guard changed.
#[event]
pub struct UsdcGuardSet {
    pub feed_id: [u8; 32],
    pub min_price_bps: u16,
    pub max_age_secs: u32,
}

/// A pool accepts a currency (or changed its terms).
#[event]
pub struct PoolCurrencyUpdated {
    pub pool: Pubkey,
    pub terms: crate::state::CurrencyTerms,
}

/// A pool stopped accepting a currency.
#[event]
pub struct PoolCurrencyRemoved {
    pub pool: Pubkey,
    pub code: [u8; 3],
}

/// `pool_update_config` announced a change of the minimum junior ratio or
/// the senior APR; it applies at `effective_ts` (F-07: no retroactive move
/// of value between the tranches without notice).
#[event]
pub struct PoolRiskChangeScheduled {
    pub pool: Pubkey,
    pub min_junior_ratio_bps: u16,
    pub senior_apr_bps: u16,
    pub min_hold_secs: u32,
    pub effective_ts: i64,
}

/// An announced risk change took effect (senior claim accrued at the old APR first).
#[event]
pub struct PoolRiskChangeApplied {
    pub pool: Pubkey,
    pub min_junior_ratio_bps: u16,
    pub senior_apr_bps: u16,
    pub min_hold_secs: u32,
    pub ts: i64,
}

impl PoolRiskChangeApplied {
    /// The event for the risk change `applied` (as returned by
    /// [`crate::state::Pool::accrue`] / `apply_due_risk_change`), if any:
    /// every instruction that can apply a change emits it through this.
    pub fn of(pool: Pubkey, applied: Option<crate::state::PendingRiskChange>, ts: i64) -> Option<Self> {
        applied.map(|c| Self {
            pool,
            min_junior_ratio_bps: c.min_junior_ratio_bps,
            senior_apr_bps: c.senior_apr_bps,
            min_hold_secs: c.min_hold_secs,
            ts,
        })
    }
}

/// `pool_update_config` withdrew an announced risk change before it applied.
#[event]
pub struct PoolRiskChangeCancelled {
    pub pool: Pubkey,
    pub ts: i64,
}

/// A filled redemption could not be delivered (the investor's USDC account
/// is frozen, closed or not theirs): the USDC is held in the vault for the
/// investor and the queue moved on (F-08).
#[event]
pub struct WithdrawalPayoutOwed {
    pub pool: Pubkey,
    pub investor: Pubkey,
    pub request: Pubkey,
    pub tranche: Tranche,
    pub sequence: u64,
    /// Owed by this fill.
    pub amount_usdc: u64,
    /// Owed on the request in total.
    pub usdc_claimable: u64,
    pub ts: i64,
}

/// The investor claimed an undelivered payout.
#[event]
pub struct WithdrawalClaimed {
    pub pool: Pubkey,
    pub investor: Pubkey,
    pub request: Pubkey,
    pub tranche: Tranche,
    pub sequence: u64,
    pub amount_usdc: u64,
    /// USDC account it was paid to.
    pub destination: Pubkey,
    /// Whether the request was closed (all its shares were paid).
    pub closed: bool,
    pub ts: i64,
}

/// A defaulted invoice was closed at the end of its recovery period: what
/// was collected toward the supplier's reserve is paid out, the asset is
/// burned and the invoice account closed.
#[event]
pub struct InvoiceClosedDefaulted {
    pub invoice: Pubkey,
    pub asset: Pubkey,
    pub pool: Pubkey,
    pub supplier: Pubkey,
    /// Collected toward the reserve and paid to the supplier.
    pub reserve_released_usdc: u64,
    /// Collected toward the reserve but not delivered (no USDC account of
    /// the supplier's that can receive was given): it stays owed, the
    /// invoice stays `Closed` until the supplier claims it
    /// (`invoice_claim_reserve`).
    pub reserve_owed_usdc: u64,
    /// The pool's claim that stays unpaid (its loss).
    pub claim_unpaid_usdc: u64,
    pub snapshot: PoolSnapshot,
    pub ts: i64,
}

/// The supplier claimed a reserve that settlement or the close of a
/// default could not deliver; the invoice account is closed.
#[event]
pub struct InvoiceReserveClaimed {
    pub invoice: Pubkey,
    pub pool: Pubkey,
    pub supplier: Pubkey,
    pub amount_usdc: u64,
    /// USDC account it was paid to.
    pub destination: Pubkey,
    pub snapshot: PoolSnapshot,
    pub ts: i64,
}
