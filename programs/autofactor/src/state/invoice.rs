//! Invoices, their global registry, per-pool verifiers and exposures, and
//! buyer and supplier reputation.

use crate::constants::*;
use crate::math::Pricing;
use crate::state::{PoolCalendar, PoolPolicy};
use anchor_lang::prelude::*;

/// Where an invoice is in its lifecycle (PRODUCT.md, "Invoice lifecycle").
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, PartialEq, Eq, Debug)]
pub enum InvoiceStatus {
    /// Originated by the supplier.
    Created,
    /// The buyer confirmed the debt.
    Acknowledged,
    /// The buyer rejected it (only cancellation remains).
    Disputed,
    /// A verifier of the pool attested delivery and the buyer's credit.
    Verified,
    /// Bought by the pool; the asset belongs to the pool.
    Financed,
    /// Financed and partly paid.
    PartiallyRepaid,
    /// Past due + grace; its book value is being written down.
    Late,
    /// Past the write-off horizon; fully written off (payments are recoveries).
    Defaulted,
    /// Paid in full; waiting to be settled.
    Repaid,
    /// Settled or closed as a default, its asset burned, while the reserve
    /// owed to the supplier could not be delivered (its USDC account was
    /// frozen or not given): the account stays until the supplier claims
    /// the reserve (`invoice_claim_reserve`), which closes it.
    Closed,
}

impl InvoiceStatus {
    /// Name written to the asset's `status` attribute.
    pub fn name(self) -> &'static str {
        match self {
            InvoiceStatus::Created => "Created",
            InvoiceStatus::Acknowledged => "Acknowledged",
            InvoiceStatus::Disputed => "Disputed",
            InvoiceStatus::Verified => "Verified",
            InvoiceStatus::Financed => "Financed",
            InvoiceStatus::PartiallyRepaid => "PartiallyRepaid",
            InvoiceStatus::Late => "Late",
            InvoiceStatus::Defaulted => "Defaulted",
            InvoiceStatus::Repaid => "Repaid",
            InvoiceStatus::Closed => "Closed",
        }
    }

    /// Before financing: cancellable by the supplier.
    pub fn is_pre_financing(self) -> bool {
        matches!(
            self,
            InvoiceStatus::Created
                | InvoiceStatus::Acknowledged
                | InvoiceStatus::Disputed
                | InvoiceStatus::Verified
        )
    }

    /// Financed and not yet fully repaid: accepts payments.
    pub fn is_outstanding(self) -> bool {
        matches!(
            self,
            InvoiceStatus::Financed
                | InvoiceStatus::PartiallyRepaid
                | InvoiceStatus::Late
                | InvoiceStatus::Defaulted
        )
    }
}

/// The pool-side accounting of a financed invoice, in micro-USDC.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct InvoiceBook {
    /// Price fixed at financing.
    pub pricing: Pricing,
    /// USDC received from payers in total.
    pub collected_usdc: u64,
    /// Part of the collections applied to the pool's claim (advance + net income).
    pub claim_collected_usdc: u64,
    /// Part applied to the protocol fee.
    pub protocol_fee_collected_usdc: u64,
    /// Part applied to the manager fee.
    pub manager_fee_collected_usdc: u64,
    /// Part applied to the supplier's reserve.
    pub reserve_collected_usdc: u64,
    /// Book value recognized at the last touch (excludes the running accrual).
    pub book_usdc: u64,
    /// Income accrual rate while accruing (micro-USDC/s × INCOME_SCALE); 0 otherwise.
    pub rate_scaled: u128,
    /// Start of the running accrual or write-down.
    pub accrual_start_ts: i64,
    /// Book value taken off by write-downs, net of write-backs and of
    /// payments beyond the book (recoveries); the invoice's share of the
    /// pool's `total_written_down_usdc`. Income never recognized (an
    /// invoice marked late before its income was booked in full) is not a
    /// write-down.
    pub written_down_usdc: u64,
    /// Write-down rate while past due (micro-USDC/s × INCOME_SCALE): the
    /// book falls linearly to zero at the write-off horizon; 0 otherwise.
    pub write_down_rate_scaled: u128,
}

impl InvoiceBook {
    /// The pool's claim still outstanding.
    pub fn claim_outstanding_usdc(&self) -> u64 {
        self.pricing.claim_usdc() - self.claim_collected_usdc
    }
}

/// A factored invoice, PDA `["invoice", asset]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct Invoice {
    /// The Metaplex Core asset that represents it.
    pub asset: Pubkey,
    /// The pool it is offered to.
    pub pool: Pubkey,
    /// The supplier (originator, owner of the asset until financing).
    pub supplier: Pubkey,
    /// The buyer (debtor).
    pub buyer: Pubkey,
    /// The supplier's legal-entity key at origination
    /// ([`crate::state::IdentityRecord::entity_key`]): keys the supplier
    /// exposure and the invoice-number registry entry.
    pub supplier_entity: [u8; 32],
    /// The buyer's legal-entity key at origination: keys the buyer exposure.
    pub buyer_entity: [u8; 32],
    /// Who paid the rent of this account and the registry entries.
    pub rent_payer: Pubkey,
    /// Face amount in the currency's minor units.
    pub face_minor: u64,
    /// Minor units paid so far.
    pub repaid_minor: u64,
    /// ISO 4217 code, upper-case ASCII.
    pub currency: [u8; 3],
    /// Minor-unit decimals of the currency.
    pub currency_decimals: u8,
    /// Issue date (unix seconds).
    pub issue_ts: i64,
    /// Due date (unix seconds).
    pub due_ts: i64,
    /// SHA-256 of the invoice document.
    pub document_hash: [u8; 32],
    /// The supplier's own invoice number.
    #[max_len(MAX_INVOICE_NUMBER_LEN)]
    pub invoice_number: String,
    /// SHA-256 of the canonical invoice number
    /// ([`crate::canonical::invoice_number_hash`]; seed of its registry entry).
    pub invoice_number_hash: [u8; 32],
    /// URI of the asset's off-chain metadata.
    #[max_len(MAX_METADATA_URI_LEN)]
    pub metadata_uri: String,
    /// Lifecycle status.
    pub status: InvoiceStatus,
    /// When it was originated.
    pub created_ts: i64,
    /// When the buyer acknowledged (0 if not).
    pub acknowledged_ts: i64,
    /// The verifier who attested (default if none).
    pub verifier: Pubkey,
    /// Hash of the delivery proof the verifier attested.
    pub delivery_proof_hash: [u8; 32],
    /// Buyer credit score attested (0–1000).
    pub credit_score: u16,
    /// Risk grade from the pool policy (0 = A); 255 when no enabled grade fits.
    pub risk_grade: u8,
    /// When it was attested.
    pub attested_ts: i64,
    /// When the pool bought it.
    pub financed_ts: i64,
    /// When it was marked late.
    pub late_ts: i64,
    /// When it defaulted.
    pub defaulted_ts: i64,
    /// When it was fully repaid.
    pub repaid_ts: i64,
    /// Risk terms fixed at financing (F-07), all UTC midnights: the start
    /// of the due date (the midnight at or before `due_ts`). Income accrues
    /// up to it; from it the write-down schedule runs.
    pub overdue_ts: i64,
    /// `overdue_ts` + the pool's grace days at financing: from here a keeper
    /// may mark it Late; repaid in full by then counts as on time.
    pub late_after_ts: i64,
    /// `overdue_ts` + the pool's write-off days at financing: the schedule
    /// reaches zero and the invoice defaults.
    pub writeoff_ts: i64,
    /// Its pending deadline in the pool's calendar: `overdue_ts` while its
    /// income accrues, `writeoff_ts` while it is written down, 0 after a
    /// default or a full repayment (and before financing).
    pub next_deadline_ts: i64,
    /// `writeoff_ts` + the pool's recovery days at financing: from then a
    /// defaulted invoice may be closed by anyone (`invoice_close_defaulted`).
    pub close_after_ts: i64,
    /// FX rate used at financing (USDC micro per minor unit × 10^12); 0 for USD.
    pub fx_rate_scaled: u128,
    /// Pool-side accounting.
    pub book: InvoiceBook,
    /// PDA bump.
    pub bump: u8,
}

impl Invoice {
    /// Minor units still due.
    pub fn outstanding_minor(&self) -> u64 {
        self.face_minor - self.repaid_minor
    }

    /// Fixes the invoice's risk terms at financing from the pool's policy
    /// then (F-07): a later change of the policy's grace or write-off days
    /// applies only to invoices financed afterwards. Every deadline is a UTC
    /// midnight, so the pool's per-day calendar holds it exactly. Registers
    /// the first deadline (`overdue_ts`) in the calendar.
    pub fn fix_risk_terms(
        &mut self,
        policy: &PoolPolicy,
        calendar: &mut PoolCalendar,
        now_ts: i64,
    ) -> Result<()> {
        use crate::math::SafeMath;
        // The due date's first second; after `invoice_finance`'s tenor check
        // (at least one day) it lies in the future.
        let overdue = self.due_ts.div_euclid(SECONDS_PER_DAY).safe_mul(SECONDS_PER_DAY)?;
        self.overdue_ts = overdue;
        self.late_after_ts = overdue.safe_add(policy.grace_days as i64 * SECONDS_PER_DAY)?;
        self.writeoff_ts = overdue.safe_add(policy.writeoff_days as i64 * SECONDS_PER_DAY)?;
        self.close_after_ts = self.writeoff_ts.safe_add(policy.recovery_days as i64 * SECONDS_PER_DAY)?;
        self.next_deadline_ts = overdue;
        calendar.add(overdue, now_ts)
    }

    /// Whether its income still accrues (its overdue deadline is pending).
    pub fn is_accruing(&self) -> bool {
        self.next_deadline_ts != 0 && self.next_deadline_ts == self.overdue_ts
    }

    /// The write-down schedule's value of the outstanding claim at `now_ts`
    /// (from the overdue time): `claim × (writeoff − now) / (writeoff −
    /// overdue)`, rounded down; the whole claim at `overdue_ts`, zero from
    /// `writeoff_ts` on.
    pub fn scheduled_value_usdc(&self, now_ts: i64) -> Result<u64> {
        let (start, end) = (self.overdue_ts, self.writeoff_ts);
        let claim = self.book.claim_outstanding_usdc();
        if now_ts >= end {
            return Ok(0);
        }
        let remaining = (end - now_ts.max(start)) as u64;
        crate::math::mul_div_floor(claim, remaining, (end - start) as u64)
    }
}

/// `YYYY-MM-DD` of a unix time (UTC), for the asset's attributes.
pub fn iso_date(ts: i64) -> String {
    // Days-to-civil conversion (proleptic Gregorian calendar).
    let z = ts.div_euclid(SECONDS_PER_DAY) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(iso_date(0), "1970-01-01");
        assert_eq!(iso_date(951_782_400), "2000-02-29");
        assert_eq!(iso_date(1_798_761_599), "2026-12-31");
        assert_eq!(iso_date(1_798_761_600), "2027-01-01");
    }
}

/// Global registry entry of a document hash, PDA `["document", hash]`. Its
/// existence blocks a second origination of the same document in any pool.
/// Closed only when the invoice is cancelled before financing.
#[account]
#[derive(InitSpace, Debug)]
pub struct RegistryEntry {
    /// The invoice originated from it.
    pub invoice: Pubkey,
    /// The supplier who originated it.
    pub supplier: Pubkey,
    /// When.
    pub created_ts: i64,
    /// PDA bump.
    pub bump: u8,
}

/// A verifier registered by the manager for a pool, PDA
/// `["pool_verifier", pool, verifier]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct PoolVerifier {
    /// The pool.
    pub pool: Pubkey,
    /// The verifier's wallet.
    pub verifier: Pubkey,
    /// When it was added.
    pub added_ts: i64,
    /// Attestations made.
    pub attestations: u64,
    /// PDA bump.
    pub bump: u8,
}

/// A pool's outstanding claim on one buyer or supplier legal entity, PDA
/// `["exposure", pool, kind, entity_key]`, for the concentration caps. All
/// wallets of one entity share it (F-06).
#[account]
#[derive(InitSpace, Debug)]
pub struct Exposure {
    /// The pool.
    pub pool: Pubkey,
    /// The buyer's or supplier's entity key (`sha256` of the canonical
    /// legal-entity id of its identity record).
    pub entity: [u8; 32],
    /// Sum of the pool's outstanding claims (micro-USDC) on invoices of this party.
    pub outstanding_usdc: u64,
    /// Number of this party's financed invoices still owed: financed, not
    /// yet repaid in full nor closed in default (the pool's
    /// `PoolLedger::open_invoices` counts until settlement instead).
    pub open_invoices: u32,
    /// PDA bump.
    pub bump: u8,
}

impl Exposure {
    /// A payment of `claim_usdc` toward the pool's claim on one of this
    /// party's invoices.
    pub fn release_claim(&mut self, claim_usdc: u64) -> Result<()> {
        self.outstanding_usdc = crate::math::SafeMath::safe_sub(self.outstanding_usdc, claim_usdc)?;
        Ok(())
    }

    /// One of this party's invoices leaves the book (repaid in full, or
    /// closed in default): what remains of its claim and the open invoice
    /// are released. The one rule for both (`invoice_repay`,
    /// `invoice_close_defaulted`).
    pub fn release_invoice(&mut self, remaining_claim_usdc: u64) -> Result<()> {
        self.outstanding_usdc = crate::math::SafeMath::safe_sub(self.outstanding_usdc, remaining_claim_usdc)?;
        self.open_invoices = crate::math::SafeMath::safe_sub(self.open_invoices, 1)?;
        Ok(())
    }
}

/// A buyer's on-chain repayment record, PDA `["buyer_reputation",
/// buyer_entity]`: one per legal entity, shared by all its wallets (as the
/// pool's exposure records are), so a second wallet of a buyer starts with
/// the entity's history, not a clean one.
/// Volumes are face values in micro-USDC: a USD invoice's face, a non-USD
/// invoice's face at the FX rate of its financing (acknowledged volume: USD
/// invoices at acknowledgement, others when financed). Read by the credit
/// policy ([`crate::state::CreditPolicy`]).
#[account]
#[derive(InitSpace, Debug, Default)]
pub struct BuyerReputation {
    /// The buyer's legal-entity key (`IdentityRecord::entity_key`).
    pub buyer_entity: [u8; 32],
    /// Invoices acknowledged.
    pub acknowledged_count: u32,
    /// Their face volume.
    pub acknowledged_volume_usdc: u64,
    /// Invoices disputed.
    pub disputed_count: u32,
    /// Invoices repaid in full by the due date plus grace.
    pub repaid_on_time_count: u32,
    /// Their face volume.
    pub repaid_on_time_volume_usdc: u64,
    /// Invoices marked late.
    pub late_count: u32,
    /// Their face volume.
    pub late_volume_usdc: u64,
    /// Invoices that defaulted.
    pub defaulted_count: u32,
    /// Their face volume.
    pub defaulted_volume_usdc: u64,
    /// Invoices repaid in full after being late or defaulted.
    pub recovered_count: u32,
    /// PDA bump.
    pub bump: u8,
    /// Invoices Late now (marked late, not yet repaid in full nor defaulted).
    pub open_late_count: u32,
    /// Invoices defaulted and not recovered in full (closing a default
    /// leaves it counted: the buyer never paid it).
    pub open_default_count: u32,
}

/// A supplier's origination record, PDA `["supplier_reputation",
/// supplier_entity]`: one per legal entity, shared by all its wallets (as
/// [`BuyerReputation`] is), so a second wallet of a supplier starts with
/// the entity's history. Created by the supplier's first `invoice_create`
/// (the supplier pays its rent); counted by `invoice_create`,
/// `invoice_dispute`, `invoice_cancel` and `invoice_finance`, each with a
/// `SupplierRecordUpdated` event. Read by the credit policy
/// ([`crate::state::CreditPolicy`]).
#[account]
#[derive(InitSpace, Debug, Default)]
pub struct SupplierReputation {
    /// The supplier's legal-entity key (`IdentityRecord::entity_key`).
    pub supplier_entity: [u8; 32],
    /// Invoices originated.
    pub created_count: u32,
    /// Invoices the buyer disputed.
    pub disputed_count: u32,
    /// Invoices the supplier cancelled (any status before financing).
    pub cancelled_count: u32,
    /// Of those, invoices the buyer had acknowledged (Acknowledged or
    /// Verified when cancelled). A disputed invoice cancelled is counted
    /// as disputed only.
    pub cancelled_acknowledged_count: u32,
    /// Invoices financed by a pool.
    pub financed_count: u32,
    /// Their face volume in micro-USDC at financing (a non-USD invoice at
    /// the rate the pool bought it at).
    pub financed_volume_usdc: u64,
    /// PDA bump.
    pub bump: u8,
}

pub use crate::math::fx::usd_minor_to_usdc;
