//! Invoices, their global registry, per-pool verifiers and exposures, and
//! buyer reputation.

use crate::constants::*;
use crate::math::Pricing;
use crate::state::PoolPolicy;
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
    /// Start of the running accrual.
    pub accrual_start_ts: i64,
    /// Total written down so far (claim outstanding − book value), for reporting.
    pub written_down_usdc: u64,
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
    /// SHA-256 of the invoice number (seed of its registry entry).
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

    /// When the invoice may be marked late: due date + grace.
    pub fn late_after_ts(&self, policy: &PoolPolicy) -> i64 {
        self.due_ts + policy.grace_days as i64 * SECONDS_PER_DAY
    }

    /// The write-off horizon: due date + write-off days.
    pub fn writeoff_ts(&self, policy: &PoolPolicy) -> i64 {
        self.due_ts + policy.writeoff_days as i64 * SECONDS_PER_DAY
    }

    /// Book value of a late invoice's outstanding claim at `now_ts` under the
    /// write-down schedule: full at due + grace, falling linearly to zero at
    /// the write-off horizon (rounded down).
    pub fn scheduled_value_usdc(&self, policy: &PoolPolicy, now_ts: i64) -> Result<u64> {
        let start = self.late_after_ts(policy);
        let end = self.writeoff_ts(policy);
        let claim = self.book.claim_outstanding_usdc();
        if now_ts >= end {
            return Ok(0);
        }
        let remaining = (end - now_ts.max(start)) as u64;
        crate::math::mul_div_floor(claim, remaining, (end - start) as u64)
    }
}

/// Values a late invoice by the write-down schedule at `now_ts` (at once in
/// NAV); at the write-off horizon it becomes Defaulted and counts in the
/// buyer's reputation. Returns whether it defaulted now.
pub fn apply_write_down_schedule(
    ledger: &mut crate::state::PoolLedger,
    invoice: &mut Invoice,
    reputation: &mut BuyerReputation,
    policy: &PoolPolicy,
    now_ts: i64,
) -> Result<bool> {
    use crate::math::SafeMath;
    let value = invoice.scheduled_value_usdc(policy, now_ts)?;
    ledger.revalue(&mut invoice.book, value)?;
    if now_ts < invoice.writeoff_ts(policy) {
        return Ok(false);
    }
    invoice.status = InvoiceStatus::Defaulted;
    invoice.defaulted_ts = now_ts;
    reputation.defaulted_count = reputation.defaulted_count.safe_add(1)?;
    reputation.defaulted_volume_usdc =
        reputation.defaulted_volume_usdc.safe_add(invoice.book.pricing.face_usdc)?;
    Ok(true)
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

/// A pool's outstanding claim on one buyer or supplier, PDA
/// `["exposure", pool, kind, party]`, for the concentration caps.
#[account]
#[derive(InitSpace, Debug)]
pub struct Exposure {
    /// The pool.
    pub pool: Pubkey,
    /// The buyer or supplier.
    pub party: Pubkey,
    /// Sum of the pool's outstanding claims (micro-USDC) on invoices of this party.
    pub outstanding_usdc: u64,
    /// Number of financed invoices not yet settled.
    pub open_invoices: u32,
    /// PDA bump.
    pub bump: u8,
}

/// A buyer's on-chain repayment record, PDA `["buyer_reputation", buyer]`.
/// Volumes are face values in micro-USD.
#[account]
#[derive(InitSpace, Debug, Default)]
pub struct BuyerReputation {
    /// The buyer.
    pub buyer: Pubkey,
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
}

/// Converts minor units of USD to micro-USDC (1 cent = 10,000 micro-USDC).
pub fn usd_minor_to_usdc(minor: u64) -> Result<u64> {
    use crate::math::SafeMath;
    minor.safe_mul(10u64.pow((USDC_DECIMALS - USD_DECIMALS) as u32))
}
