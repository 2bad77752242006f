//! The invoice lifecycle controller: the steps a handler takes, each
//! written once, between the instructions (which accounts, which checks,
//! in what order) and the state and math below them (what an account
//! holds, how a figure is computed). Layering, top to bottom:
//! `instructions` → `lifecycle` → `state` → `math`; nothing imports
//! upward.
//!
//! - accrual: [`accrue_pool!`](crate::accrue_pool) at the start of every
//!   handler that reads the pool's value;
//! - the write-down schedule: [`value_on_schedule`], [`default_at_horizon`],
//!   [`clear_deadline`];
//! - financing limits: [`check_financing_limits`];
//! - the end of an invoice: [`release_exposures`], [`finish_burned_invoice`].

use crate::error::AutofactorError;
use crate::math::{bps_of_ceil, bps_of_floor, SafeMath};
use crate::state::*;
use anchor_lang::prelude::*;

/// Ends an invoice whose asset was just burned (settlement, close of a
/// default): the account is closed (rent to the supplier) when its reserve
/// was delivered, else kept as `Closed` with the reserve owed
/// (`book.reserve_collected_usdc`) until `invoice_claim_reserve`.
pub fn finish_burned_invoice<'info>(
    invoice: &mut Account<'info, Invoice>,
    reserve_delivered: bool,
    supplier: &AccountInfo<'info>,
) -> Result<()> {
    if reserve_delivered {
        crate::cpi::close_account(&invoice.to_account_info(), supplier)
    } else {
        invoice.status = InvoiceStatus::Closed;
        Ok(())
    }
}

/// Values an outstanding invoice at `now_ts` under its own risk terms. The
/// caller has accrued the ledger to `now_ts` and stopped the invoice's
/// running accrual or write-down (`PoolLedger::stop_running` or `collect`).
///
/// - Before `overdue_ts`: its income accrues to the outstanding claim at
///   `overdue_ts`.
/// - From `overdue_ts`: its book is set to the schedule's value and a
///   running write-down takes it linearly to zero at `writeoff_ts`, in NAV
///   continuously (the ledger's write-down aggregate). Passing `overdue_ts`
///   moves its pending deadline to `writeoff_ts`.
pub fn value_on_schedule(
    ledger: &mut crate::state::PoolLedger,
    calendar: &mut PoolCalendar,
    invoice: &mut Invoice,
    now_ts: i64,
) -> Result<()> {
    if now_ts < invoice.overdue_ts {
        return ledger.start_accrual(&mut invoice.book, now_ts, invoice.overdue_ts);
    }
    if invoice.is_accruing() {
        calendar.add(invoice.writeoff_ts, now_ts)?;
        calendar.remove(invoice.overdue_ts)?;
        invoice.next_deadline_ts = invoice.writeoff_ts;
    }
    let value = invoice.scheduled_value_usdc(now_ts)?;
    ledger.revalue(&mut invoice.book, value)?;
    ledger.start_write_down(&mut invoice.book, now_ts, invoice.writeoff_ts)
}

/// At or past its write-off horizon a late invoice (valued at zero by
/// [`value_on_schedule`]) becomes Defaulted, leaves the calendar and counts
/// in the buyer's reputation. Returns whether it defaulted now.
pub fn default_at_horizon(
    calendar: &mut PoolCalendar,
    invoice: &mut Invoice,
    reputation: &mut BuyerReputation,
    now_ts: i64,
) -> Result<bool> {
    use crate::math::SafeMath;
    if now_ts < invoice.writeoff_ts {
        return Ok(false);
    }
    require!(invoice.next_deadline_ts == invoice.writeoff_ts, AutofactorError::InvariantViolated);
    calendar.remove(invoice.writeoff_ts)?;
    invoice.next_deadline_ts = 0;
    invoice.status = InvoiceStatus::Defaulted;
    invoice.defaulted_ts = now_ts;
    // Late → Defaulted (both callers mark it Late first).
    reputation.open_late_count = reputation.open_late_count.safe_sub(1)?;
    reputation.open_default_count = reputation.open_default_count.safe_add(1)?;
    reputation.defaulted_count = reputation.defaulted_count.safe_add(1)?;
    reputation.defaulted_volume_usdc =
        reputation.defaulted_volume_usdc.safe_add(invoice.book.pricing.face_usdc)?;
    Ok(true)
}

/// A fully repaid invoice leaves the calendar (its pending deadline, if
/// any, needs no keeper action any more).
pub fn clear_deadline(calendar: &mut PoolCalendar, invoice: &mut Invoice) -> Result<()> {
    if invoice.next_deadline_ts != 0 {
        calendar.remove(invoice.next_deadline_ts)?;
        invoice.next_deadline_ts = 0;
    }
    Ok(())
}

/// The one accrual rule in a handler: accrues the handler's pool (`$ctx.accounts.pool`,
/// or the account given) to `$now` ([`Pool::accrue`]) and emits `PoolRiskChangeApplied` when a
/// pending risk change applied; evaluates to the micro-USDC that moved to
/// the senior tranche. A macro because `emit_cpi!` needs the handler's
/// context.
#[macro_export]
macro_rules! accrue_pool {
    ($ctx:ident, $now:expr) => {
        $crate::accrue_pool!($ctx, $ctx.accounts.pool, $now)
    };
    ($ctx:ident, $pool:expr, $now:expr) => {{
        let now: i64 = $now;
        let pool_key = $pool.key();
        let (moved, applied) = $pool.accrue(now)?;
        if let Some(e) = $crate::events::PoolRiskChangeApplied::of(pool_key, applied, now) {
            // `emit_cpi!` names `ctx`; bound here, inside the macro.
            let ctx = &$ctx;
            emit_cpi!(e);
        }
        moved
    }};
}

/// The pool-level limits on buying an invoice whose claim is `claim_usdc`
/// for `advance_usdc`, on NAV before the purchase (a purchase moves cash
/// into receivables and leaves NAV unchanged), both without the deposits
/// of the last holding window ([`Pool::settled_nav_and_cash`]): the
/// buyer's and the supplier's exposure within their concentration caps,
/// the buyer's within its credit limit (`credit`, the credit policy's
/// decision), the cash left at least the cash reserve plus the queued
/// withdrawals, and subordination intact.
#[allow(clippy::too_many_arguments)]
pub fn check_financing_limits(
    pool: &Pool,
    buyer: &Pubkey,
    buyer_exposure: &Exposure,
    supplier_exposure: &Exposure,
    credit: &CreditDecision,
    claim_usdc: u64,
    advance_usdc: u64,
    now_ts: i64,
) -> Result<()> {
    let policy = &pool.policy;
    let (nav_usdc, settled_cash_usdc) = pool.settled_nav_and_cash(now_ts)?;
    for (exposure, cap_bps, err) in [
        (buyer_exposure, policy.max_buyer_concentration_bps, AutofactorError::BuyerConcentrationExceeded),
        (
            supplier_exposure,
            policy.max_supplier_concentration_bps,
            AutofactorError::SupplierConcentrationExceeded,
        ),
    ] {
        let after_usdc = exposure.outstanding_usdc.safe_add(claim_usdc)?;
        if after_usdc > bps_of_floor(nav_usdc, cap_bps as u64)? {
            return Err(error!(err));
        }
    }
    credit.require_within_limit(buyer, buyer_exposure.outstanding_usdc.safe_add(claim_usdc)?)?;
    let reserve_usdc = bps_of_ceil(nav_usdc, policy.cash_reserve_bps as u64)?;
    let must_keep_usdc = reserve_usdc.safe_add(pool.ledger.pending_withdrawals_usdc()?)?;
    require!(
        settled_cash_usdc >= advance_usdc.safe_add(must_keep_usdc)?,
        AutofactorError::CashReserveBreached
    );
    pool.ledger.require_subordination(pool.params.min_junior_ratio_bps)
}

/// The buyer's and the supplier's exposure count a newly financed invoice
/// and its claim.
pub fn add_exposures(exposures: [&mut Exposure; 2], claim_usdc: u64) -> Result<()> {
    for exposure in exposures {
        exposure.outstanding_usdc = exposure.outstanding_usdc.safe_add(claim_usdc)?;
        exposure.open_invoices = exposure.open_invoices.safe_add(1)?;
    }
    Ok(())
}

/// An invoice leaves the book with `remaining_claim_usdc` of its claim
/// uncollected (repaid in full, or closed in default): both exposures
/// release it and the open invoice ([`Exposure::release_invoice`]).
pub fn release_exposures(exposures: [&mut Exposure; 2], remaining_claim_usdc: u64) -> Result<()> {
    for exposure in exposures {
        exposure.release_invoice(remaining_claim_usdc)?;
    }
    Ok(())
}

/// Stops the invoice's running accrual or write-down and values it on its
/// schedule at `now_ts` ([`value_on_schedule`]); from the overdue time on,
/// that is the write-down.
pub fn revalue(
    ledger: &mut PoolLedger,
    calendar: &mut PoolCalendar,
    invoice: &mut Invoice,
    now_ts: i64,
) -> Result<()> {
    let accrual_end_ts = invoice.overdue_ts;
    ledger.stop_running(&mut invoice.book, now_ts, accrual_end_ts)?;
    value_on_schedule(ledger, calendar, invoice, now_ts)
}

/// What a payment did ([`apply_payment`]).
pub struct PaymentApplied {
    /// Micro-USDC of the payment that went to the pool's claim (the rest
    /// tops up the supplier's reserve).
    pub to_pool_usdc: u64,
    /// Whether it was paid on a late or defaulted invoice.
    pub recovery: bool,
    /// Whether the invoice is now repaid in full.
    pub fully_repaid: bool,
    /// Whether the invoice's status changed.
    pub status_changed: bool,
}

/// Applies a payment of `amount_minor` (the invoice currency), worth
/// `amount_usdc`, to a financed invoice at `now_ts`, the ledger accrued to
/// it: the pool's claim is collected first ([`PoolLedger::collect`]), the
/// exposures release what was collected, and
/// - in full: whatever of the claim was not collected (FX invoices only)
///   is the pool's loss now and leaves the exposures, the invoice leaves
///   the calendar, becomes Repaid and counts in the buyer's record (on
///   time, or as a recovery);
/// - in part: a financed or late invoice is valued again on its schedule
///   (accruing before its overdue time; a write-back of the part paid
///   after it); a defaulted one stays at zero (the payment is recovery).
#[allow(clippy::too_many_arguments)]
pub fn apply_payment(
    ledger: &mut PoolLedger,
    calendar: &mut PoolCalendar,
    invoice: &mut Invoice,
    reputation: &mut BuyerReputation,
    exposures: [&mut Exposure; 2],
    amount_minor: u64,
    amount_usdc: u64,
    now_ts: i64,
) -> Result<PaymentApplied> {
    let due_ts = invoice.overdue_ts;
    let before = invoice.status;
    let recovery = matches!(before, InvoiceStatus::Late | InvoiceStatus::Defaulted);
    let to_pool_usdc = ledger.collect(&mut invoice.book, amount_usdc, now_ts, due_ts)?;
    invoice.repaid_minor = invoice.repaid_minor.safe_add(amount_minor)?;
    let [buyer_exposure, supplier_exposure] = exposures;
    buyer_exposure.release_claim(to_pool_usdc)?;
    supplier_exposure.release_claim(to_pool_usdc)?;
    let fully_repaid = invoice.repaid_minor == invoice.face_minor;
    if fully_repaid {
        release_exposures([buyer_exposure, supplier_exposure], invoice.book.claim_outstanding_usdc())?;
        ledger.revalue(&mut invoice.book, 0)?;
        clear_deadline(calendar, invoice)?;
        invoice.status = InvoiceStatus::Repaid;
        invoice.repaid_ts = now_ts;
        match before {
            InvoiceStatus::Late => reputation.open_late_count = reputation.open_late_count.safe_sub(1)?,
            InvoiceStatus::Defaulted => {
                reputation.open_default_count = reputation.open_default_count.safe_sub(1)?
            }
            _ => {}
        }
        if recovery {
            reputation.recovered_count = reputation.recovered_count.safe_add(1)?;
        } else if now_ts <= invoice.late_after_ts {
            let volume_usdc = invoice.book.pricing.face_usdc;
            reputation.repaid_on_time_count = reputation.repaid_on_time_count.safe_add(1)?;
            reputation.repaid_on_time_volume_usdc =
                reputation.repaid_on_time_volume_usdc.safe_add(volume_usdc)?;
        }
    } else if before == InvoiceStatus::Defaulted {
        // Fully written off; the payment is pure recovery.
        ledger.revalue(&mut invoice.book, 0)?;
    } else {
        if before != InvoiceStatus::Late {
            invoice.status = InvoiceStatus::PartiallyRepaid;
        }
        value_on_schedule(ledger, calendar, invoice, now_ts)?;
    }
    ledger.invariant()?;
    Ok(PaymentApplied { to_pool_usdc, recovery, fully_repaid, status_changed: invoice.status != before })
}
