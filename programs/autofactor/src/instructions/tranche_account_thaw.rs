//! Thaws a tranche token account whose owner holds a valid investor
//! identity, so it can receive shares (deposits thaw automatically; this is
//! for receiving shares by transfer). Anyone may send it.
//!
//! Only the owner's Token-2022 associated token account can be thawed
//! (it carries ImmutableOwner, so a thawed account can never be handed to
//! another wallet), and not while the owner's position in the tranche is in
//! its holding period (the deposit froze it so that the shares cannot be
//! moved to another wallet and redeemed from there).

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::TrancheAccountThawed;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::associated_token::get_associated_token_address_with_program_id;
use anchor_spl::token_2022::Token2022;
use anchor_spl::token_interface::{Mint, TokenAccount};

#[event_cpi]
#[derive(Accounts)]
#[instruction(tranche: Tranche)]
pub struct TrancheAccountThaw<'info> {
    /// The configuration.
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The pool.
    pub pool: Box<Account<'info, Pool>>,
    /// The tranche's share mint.
    #[account(constraint = tranche_mint.key() == pool.tranche_mint(tranche) @ AutofactorError::WrongTrancheMint)]
    pub tranche_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The token account to thaw: its owner's share ATA.
    #[account(mut, token::mint = tranche_mint, token::token_program = tranche_token_program)]
    pub token_account: Box<InterfaceAccount<'info, TokenAccount>>,
    /// CHECK: the owner's position in the tranche,
    /// `["position", pool, tranche, owner]`; may not exist (no holding
    /// period). Read with [`Position::unlock_ts_at`].
    #[account(seeds = [POSITION_SEED, pool.key().as_ref(), &[tranche.seed()], token_account.owner.as_ref()], bump)]
    pub position: UncheckedAccount<'info>,
    /// The identity record of the token account's owner (role: investor).
    #[account(seeds = [IDENTITY_SEED, token_account.owner.as_ref()], bump = owner_identity.bump)]
    pub owner_identity: Box<Account<'info, IdentityRecord>>,
    /// Token-2022.
    pub tranche_token_program: Program<'info, Token2022>,
}

impl TrancheAccountThaw<'_> {
    /// Checks protocol/pool state and the owner's identity.
    pub fn validate(&self) -> Result<()> {
        self.protocol.require_not_paused()?;
        self.pool.require_not_paused()?;
        let now = Clock::get()?.unix_timestamp;
        self.owner_identity.require_valid(&self.token_account.owner, ROLE_INVESTOR, now)?;
        require_keys_eq!(
            self.token_account.key(),
            get_associated_token_address_with_program_id(
                &self.token_account.owner,
                &self.tranche_mint.key(),
                &self.tranche_token_program.key()
            ),
            AutofactorError::NotAssociatedShareAccount
        );
        require!(now >= Position::unlock_ts_at(&self.position)?, AutofactorError::HoldingPeriodActive);
        Ok(())
    }

    /// Thaws the account if it is frozen.
    pub fn handle(ctx: Context<Self>, tranche: Tranche) -> Result<()> {
        let a = &ctx.accounts;
        if a.token_account.is_frozen() {
            crate::cpi::thaw(
                &a.pool,
                a.tranche_mint.to_account_info(),
                a.token_account.to_account_info(),
                a.tranche_token_program.to_account_info(),
            )?;
        }
        emit_cpi!(TrancheAccountThawed {
            pool: ctx.accounts.pool.key(),
            tranche,
            token_account: ctx.accounts.token_account.key(),
            owner: ctx.accounts.token_account.owner,
        });
        Ok(())
    }
}
