//! Permissionless: freezes a tranche token account whose owner no longer
//! holds a valid investor identity (revoked, expired, role removed, or no
//! identity record at all), and any share account that is not its owner's
//! associated token account (only ATAs may hold shares).

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::TrancheAccountFrozen;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::associated_token::get_associated_token_address_with_program_id;
use anchor_spl::token_2022::Token2022;
use anchor_spl::token_interface::{Mint, TokenAccount};

#[event_cpi]
#[derive(Accounts)]
#[instruction(tranche: Tranche)]
pub struct TrancheAccountFreeze<'info> {
    /// The configuration.
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The pool.
    pub pool: Box<Account<'info, Pool>>,
    /// The tranche's share mint.
    #[account(constraint = tranche_mint.key() == pool.tranche_mint(tranche) @ AutofactorError::WrongTrancheMint)]
    pub tranche_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The token account to freeze.
    #[account(mut, token::mint = tranche_mint, token::token_program = tranche_token_program)]
    pub token_account: Box<InterfaceAccount<'info, TokenAccount>>,
    /// CHECK: the identity record PDA of the token account's owner,
    /// `["identity", owner]`. Missing, not owned by this program or not an
    /// identity record means "no valid identity" (freezable); read with
    /// [`IdentityRecord::is_valid_at`].
    #[account(seeds = [IDENTITY_SEED, token_account.owner.as_ref()], bump)]
    pub owner_identity: UncheckedAccount<'info>,
    /// Token-2022.
    pub tranche_token_program: Program<'info, Token2022>,
}

impl TrancheAccountFreeze<'_> {
    /// Only accounts of owners without a valid investor identity. Works
    /// while paused: keeping unverified wallets out is never suspended.
    pub fn validate(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        let owner = self.token_account.owner;
        let is_ata = self.token_account.key()
            == get_associated_token_address_with_program_id(
                &owner,
                &self.tranche_mint.key(),
                &self.tranche_token_program.key(),
            );
        require!(
            !is_ata || !IdentityRecord::is_valid_at(&self.owner_identity, &owner, ROLE_INVESTOR, now)?,
            AutofactorError::IdentityStillValid
        );
        Ok(())
    }

    /// Freezes the account if it is not frozen yet.
    pub fn handle(ctx: Context<Self>, tranche: Tranche) -> Result<()> {
        let a = &ctx.accounts;
        if !a.token_account.is_frozen() {
            crate::cpi::freeze(
                &a.pool,
                a.tranche_mint.to_account_info(),
                a.token_account.to_account_info(),
                a.tranche_token_program.to_account_info(),
            )?;
        }
        emit_cpi!(TrancheAccountFrozen {
            pool: ctx.accounts.pool.key(),
            tranche,
            token_account: ctx.accounts.token_account.key(),
            owner: ctx.accounts.token_account.owner,
        });
        Ok(())
    }
}
