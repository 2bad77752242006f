//! The buyer confirms the debt. No financing without it.

use super::shared::*;
use crate::constants::*;
use crate::events::InvoiceAcknowledged;
use crate::math::SafeMath;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceAcknowledge<'info> {
    /// The buyer, its invoice and its record.
    pub buyer_invoice: BuyerInvoice<'info>,
}

impl InvoiceAcknowledge<'_> {
    /// Checks pause, identity and status.
    pub fn validate(&self) -> Result<()> {
        self.buyer_invoice.validate(&[InvoiceStatus::Created])
    }

    /// Marks the invoice acknowledged and counts it in the buyer's record.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let a = &mut ctx.accounts.buyer_invoice;
        let buyer = a.buyer.key();
        a.invoice.status = InvoiceStatus::Acknowledged;
        a.invoice.acknowledged_ts = now;
        // Volumes are in USD: non-USD invoices count theirs at financing.
        let volume_usdc =
            if a.invoice.currency == USD { usd_minor_to_usdc(a.invoice.face_minor)? } else { 0 };
        let rep = a.reputation(&ctx.bumps.buyer_invoice);
        rep.acknowledged_count = rep.acknowledged_count.safe_add(1)?;
        rep.acknowledged_volume_usdc = rep.acknowledged_volume_usdc.safe_add(volume_usdc)?;
        a.update_asset(&ctx.bumps.buyer_invoice)?;
        emit_cpi!(InvoiceAcknowledged { invoice: ctx.accounts.buyer_invoice.invoice.key(), buyer, ts: now });
        Ok(())
    }
}
