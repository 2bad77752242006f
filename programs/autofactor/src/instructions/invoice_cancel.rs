//! The supplier cancels an invoice before financing: the asset is burned,
//! the invoice and both registry entries are closed and their rent returned.
//! Counted in the supplier's record: every cancellation, and separately
//! those of an invoice the buyer had acknowledged (Acknowledged or
//! Verified) — the ones the credit policy holds against the supplier
//! (`state/credit.rs`).

use super::shared::*;
use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::{InvoiceCancelled, SupplierRecordChange, SupplierRecordUpdated};
use crate::math::SafeMath;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceCancel<'info> {
    /// The supplier (receives the rent).
    #[account(mut)]
    pub supplier: Signer<'info>,
    /// The invoice; closed here.
    #[account(mut, close = supplier, has_one = supplier @ AutofactorError::NotInvoiceSupplier,
              constraint = invoice.asset == invoice_asset.asset.key() @ AutofactorError::WrongAsset)]
    pub invoice: Box<Account<'info, Invoice>>,
    /// Registry entry of the document; closed here.
    #[account(mut, close = supplier, seeds = [DOCUMENT_SEED, invoice.document_hash.as_ref()],
              bump = document_entry.bump,
              constraint = document_entry.invoice == invoice.key() @ AutofactorError::WrongRegistryAccount)]
    pub document_entry: Box<Account<'info, RegistryEntry>>,
    /// Registry entry of the invoice number; closed here.
    #[account(mut, close = supplier,
              seeds = [INVOICE_NUMBER_SEED, invoice.supplier_entity.as_ref(), invoice.invoice_number_hash.as_ref()],
              bump = number_entry.bump,
              constraint = number_entry.invoice == invoice.key() @ AutofactorError::WrongRegistryAccount)]
    pub number_entry: Box<Account<'info, RegistryEntry>>,
    /// The supplier entity's record (created with its first invoice).
    #[account(mut, seeds = [SUPPLIER_REPUTATION_SEED, invoice.supplier_entity.as_ref()],
              bump = supplier_reputation.bump)]
    pub supplier_reputation: Box<Account<'info, SupplierReputation>>,
    /// The invoice's Core asset.
    pub invoice_asset: InvoiceAsset<'info>,
    /// The system program.
    pub system_program: Program<'info, System>,
}

impl InvoiceCancel<'_> {
    /// Only before financing.
    pub fn validate(&self) -> Result<()> {
        require!(self.invoice.status.is_pre_financing(), AutofactorError::InvoiceFinanced);
        Ok(())
    }

    /// Burns the asset; the accounts close on exit.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let acknowledged =
            matches!(ctx.accounts.invoice.status, InvoiceStatus::Acknowledged | InvoiceStatus::Verified);
        let record = &mut ctx.accounts.supplier_reputation;
        record.cancelled_count = record.cancelled_count.safe_add(1)?;
        if acknowledged {
            record.cancelled_acknowledged_count = record.cancelled_acknowledged_count.safe_add(1)?;
        }
        let a = &ctx.accounts;
        a.invoice_asset.core(&ctx.bumps.invoice_asset, &a.supplier, &a.system_program).burn()?;
        let invoice = ctx.accounts.invoice.key();
        emit_cpi!(InvoiceCancelled {
            invoice,
            asset: ctx.accounts.invoice.asset,
            supplier: ctx.accounts.supplier.key(),
            ts: now,
        });
        let change = if acknowledged {
            SupplierRecordChange::CancelledAfterAcknowledgement
        } else {
            SupplierRecordChange::Cancelled
        };
        emit_cpi!(SupplierRecordUpdated::of(&ctx.accounts.supplier_reputation, invoice, change, now));
        Ok(())
    }
}
