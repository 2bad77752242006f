//! The buyer rejects the invoice (before financing). Only cancellation
//! remains possible afterwards. Counted in the buyer's record and in the
//! supplier's (a disputed invoice is one of its problem invoices, see
//! `state/credit.rs`).

use super::shared::*;
use crate::constants::*;
use crate::events::{InvoiceDisputed, SupplierRecordChange, SupplierRecordUpdated};
use crate::math::SafeMath;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceDispute<'info> {
    /// The buyer, its invoice and its record.
    pub buyer_invoice: BuyerInvoice<'info>,
    /// The supplier entity's record (created with its first invoice).
    #[account(mut, seeds = [SUPPLIER_REPUTATION_SEED, buyer_invoice.invoice.supplier_entity.as_ref()],
              bump = supplier_reputation.bump)]
    pub supplier_reputation: Box<Account<'info, SupplierReputation>>,
}

impl InvoiceDispute<'_> {
    /// Checks pause, identity and status (before financing).
    pub fn validate(&self) -> Result<()> {
        use InvoiceStatus::*;
        self.buyer_invoice.validate(&[Created, Acknowledged, Verified])
    }

    /// Marks the invoice disputed.
    pub fn handle(ctx: Context<Self>, reason_hash: [u8; 32]) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let a = &mut ctx.accounts.buyer_invoice;
        let buyer = a.buyer.key();
        a.invoice.status = InvoiceStatus::Disputed;
        let rep = a.reputation(&ctx.bumps.buyer_invoice);
        rep.disputed_count = rep.disputed_count.safe_add(1)?;
        let record = &mut ctx.accounts.supplier_reputation;
        record.disputed_count = record.disputed_count.safe_add(1)?;
        a.update_asset(&ctx.bumps.buyer_invoice)?;
        let invoice = a.invoice.key();
        emit_cpi!(InvoiceDisputed { invoice, buyer, reason_hash, ts: now });
        emit_cpi!(SupplierRecordUpdated::of(
            &ctx.accounts.supplier_reputation,
            invoice,
            SupplierRecordChange::Disputed,
            now
        ));
        Ok(())
    }
}
