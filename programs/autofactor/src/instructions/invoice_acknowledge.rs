//! The buyer confirms the debt. No financing without it.

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::InvoiceAcknowledged;
use crate::math::SafeMath;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct InvoiceAcknowledge<'info> {
    /// The invoice's buyer; pays for its reputation record on first use.
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

impl InvoiceAcknowledge<'_> {
    /// Checks pause, identity and status.
    pub fn validate(&self) -> Result<()> {
        self.protocol.require_not_paused()?;
        self.pool.require_not_paused()?;
        let now = Clock::get()?.unix_timestamp;
        self.buyer_identity.require_valid(&self.buyer.key(), ROLE_BUYER, now)?;
        require!(self.invoice.status == InvoiceStatus::Created, AutofactorError::InvalidInvoiceStatus);
        Ok(())
    }

    /// Marks the invoice acknowledged and counts it in the buyer's record.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let buyer = ctx.accounts.buyer.key();
        let invoice = &mut ctx.accounts.invoice;
        invoice.status = InvoiceStatus::Acknowledged;
        invoice.acknowledged_ts = now;
        // Volumes are in USD: non-USD invoices count theirs at financing.
        let volume = if invoice.currency == USD { usd_minor_to_usdc(invoice.face_minor)? } else { 0 };
        let rep = &mut ctx.accounts.buyer_reputation;
        rep.buyer_entity = ctx.accounts.invoice.buyer_entity;
        rep.bump = ctx.bumps.buyer_reputation;
        rep.acknowledged_count = rep.acknowledged_count.safe_add(1)?;
        rep.acknowledged_volume_usdc = rep.acknowledged_volume_usdc.safe_add(volume)?;
        crate::with_core!(ctx, buyer, |core| core.update_attributes(&ctx.accounts.invoice))?;
        emit_cpi!(InvoiceAcknowledged { invoice: ctx.accounts.invoice.key(), buyer, ts: now });
        Ok(())
    }
}
