//! Permissionless: pays the fees owed by a pool to the protocol treasury's
//! and the manager's USDC associated token accounts.

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::FeesCollected;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

#[event_cpi]
#[derive(Accounts)]
pub struct PoolCollectFees<'info> {
    /// The configuration (treasury).
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The pool.
    #[account(mut,
              has_one = usdc_mint @ AutofactorError::WrongUsdcMint,
              has_one = vault @ AutofactorError::WrongVault)]
    pub pool: Box<Account<'info, Pool>>,
    /// The pool's USDC mint.
    pub usdc_mint: Box<InterfaceAccount<'info, Mint>>,
    /// The pool's vault.
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The treasury's USDC associated token account.
    #[account(mut, associated_token::mint = usdc_mint, associated_token::authority = protocol.treasury,
              associated_token::token_program = usdc_token_program)]
    pub treasury_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The manager's USDC associated token account.
    #[account(mut, associated_token::mint = usdc_mint, associated_token::authority = pool.manager,
              associated_token::token_program = usdc_token_program)]
    pub manager_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    /// Token program of USDC.
    pub usdc_token_program: Interface<'info, TokenInterface>,
}

impl PoolCollectFees<'_> {
    /// Pays both fee balances.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let protocol_fees = ctx.accounts.pool.ledger.protocol_fees_owed_usdc;
        let manager_fees = ctx.accounts.pool.ledger.manager_fees_owed_usdc;
        require!(protocol_fees > 0 || manager_fees > 0, AutofactorError::ZeroAmount);
        let now = Clock::get()?.unix_timestamp;
        crate::accrue_pool!(ctx, now);
        let pool = &mut ctx.accounts.pool;
        pool.ledger.protocol_fees_owed_usdc = 0;
        pool.ledger.manager_fees_owed_usdc = 0;
        let a = &ctx.accounts;
        for (to, amount) in [(&a.treasury_usdc, protocol_fees), (&a.manager_usdc, manager_fees)] {
            crate::cpi::pay_from_vault(
                &a.pool,
                a.vault.to_account_info(),
                to.to_account_info(),
                a.usdc_mint.to_account_info(),
                a.usdc_mint.decimals,
                a.usdc_token_program.to_account_info(),
                amount,
            )?;
        }
        ctx.accounts.vault.reload()?;
        ctx.accounts.pool.ledger.require_vault_covers(ctx.accounts.vault.amount)?;
        emit_cpi!(FeesCollected {
            pool: ctx.accounts.pool.key(),
            protocol_fees_usdc: protocol_fees,
            manager_fees_usdc: manager_fees,
        });
        Ok(())
    }
}
