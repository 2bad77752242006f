//! Permissionless: pays the fees owed by a pool to the protocol treasury's
//! and the manager's USDC associated token accounts.

use super::shared::*;
use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::FeesCollected;
use crate::state::*;
use anchor_lang::prelude::*;
use anchor_spl::token_interface::TokenAccount;

#[event_cpi]
#[derive(Accounts)]
pub struct PoolCollectFees<'info> {
    /// The configuration (treasury).
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The pool and its vault.
    pub pool_vault: PoolVault<'info>,
    /// The treasury's USDC associated token account.
    #[account(mut, associated_token::mint = pool_vault.usdc_mint, associated_token::authority = protocol.treasury,
              associated_token::token_program = pool_vault.usdc_token_program)]
    pub treasury_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The manager's USDC associated token account.
    #[account(mut, associated_token::mint = pool_vault.usdc_mint, associated_token::authority = pool_vault.pool.manager,
              associated_token::token_program = pool_vault.usdc_token_program)]
    pub manager_usdc: Box<InterfaceAccount<'info, TokenAccount>>,
}

impl PoolCollectFees<'_> {
    /// Pays both fee balances.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let ledger = &ctx.accounts.pool_vault.pool.ledger;
        let (protocol_fees_usdc, manager_fees_usdc) =
            (ledger.protocol_fees_owed_usdc, ledger.manager_fees_owed_usdc);
        require!(protocol_fees_usdc > 0 || manager_fees_usdc > 0, AutofactorError::ZeroAmount);
        let now = Clock::get()?.unix_timestamp;
        crate::accrue_pool!(ctx, ctx.accounts.pool_vault.pool, now);
        let a = &mut *ctx.accounts;
        let ledger = &mut a.pool_vault.pool.ledger;
        ledger.protocol_fees_owed_usdc = 0;
        ledger.manager_fees_owed_usdc = 0;
        ledger.invariant()?;
        a.pool_vault.pay(&a.treasury_usdc.to_account_info(), protocol_fees_usdc)?;
        a.pool_vault.pay(&a.manager_usdc.to_account_info(), manager_fees_usdc)?;
        a.pool_vault.require_vault_covers()?;
        let event = FeesCollected { pool: a.pool_vault.pool.key(), protocol_fees_usdc, manager_fees_usdc };
        emit_cpi!(event);
        Ok(())
    }
}
