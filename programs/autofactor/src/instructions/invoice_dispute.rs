//! The buyer rejects the invoice (before financing). Only cancellation
//! remains possible afterwards. Counted in the buyer's record and in the
//! supplier's (a disputed invoice is one of its problem invoices, see
//! `state/credit.rs`).

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::{InvoiceDisputed, SupplierRecordChange, SupplierRecordUpdated};
use crate::math::SafeMath;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceDispute<'info> {
    /// The invoice's buyer.
    #[account(mut)]
    pub buyer: Signer<'info>,
    /// The configuration.
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The buyer's identity record (role: buyer).
    #[account(seeds = [IDENTITY_SEED, buyer.key().as_ref()], bump = buyer_identity.bump)]
    pub buyer_identity: Box<Account<'info, IdentityRecord>>,
    /// The invoice's pool (its pause flag applies).
    pub pool: Box<Account<'info, Pool>>,
    /// The invoice.
    #[account(mut, constraint = invoice.buyer == buyer.key() @ AutofactorError::NotInvoiceBuyer,
              constraint = invoice.pool == pool.key() @ AutofactorError::WrongPool)]
    pub invoice: Box<Account<'info, Invoice>>,
    /// The buyer's reputation record.
    #[account(init_if_needed, payer = buyer, space = 8 + BuyerReputation::INIT_SPACE,
              seeds = [BUYER_REPUTATION_SEED, invoice.buyer_entity.as_ref()], bump)]
    pub buyer_reputation: Box<Account<'info, BuyerReputation>>,
    /// The supplier entity's record (created with its first invoice).
    #[account(mut, seeds = [SUPPLIER_REPUTATION_SEED, invoice.supplier_entity.as_ref()],
              bump = supplier_reputation.bump)]
    pub supplier_reputation: Box<Account<'info, SupplierReputation>>,
    /// CHECK: the invoice's Core asset.
    #[account(mut, address = invoice.asset @ AutofactorError::WrongAsset)]
    pub asset: UncheckedAccount<'info>,
    /// CHECK: the `["asset_authority"]` PDA.
    #[account(seeds = [ASSET_AUTHORITY_SEED], bump)]
    pub asset_authority: UncheckedAccount<'info>,
    /// CHECK: Metaplex Core.
    #[account(address = mpl_core::ID)]
    pub core_program: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

impl InvoiceDispute<'_> {
    /// Checks pause, identity and status (before financing).
    pub fn validate(&self) -> Result<()> {
        self.protocol.require_not_paused()?;
        self.pool.require_not_paused()?;
        let now = Clock::get()?.unix_timestamp;
        self.buyer_identity.require_valid(&self.buyer.key(), ROLE_BUYER, now)?;
        require!(
            matches!(
                self.invoice.status,
                InvoiceStatus::Created | InvoiceStatus::Acknowledged | InvoiceStatus::Verified
            ),
            AutofactorError::InvalidInvoiceStatus
        );
        Ok(())
    }

    /// Marks the invoice disputed.
    pub fn handle(ctx: Context<Self>, reason_hash: [u8; 32]) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let buyer = ctx.accounts.buyer.key();
        ctx.accounts.invoice.status = InvoiceStatus::Disputed;
        let rep = &mut ctx.accounts.buyer_reputation;
        rep.buyer_entity = ctx.accounts.invoice.buyer_entity;
        rep.bump = ctx.bumps.buyer_reputation;
        rep.disputed_count = rep.disputed_count.safe_add(1)?;
        let record = &mut ctx.accounts.supplier_reputation;
        record.disputed_count = record.disputed_count.safe_add(1)?;
        crate::with_core!(ctx, buyer, |core| core.update_attributes(&ctx.accounts.invoice))?;
        let invoice = ctx.accounts.invoice.key();
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
