//! The manager stops accepting a currency for new invoices (existing
//! invoices in it can no longer be financed; payments on financed ones
//! need the configuration, so remove a currency only when none is open).

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::PoolCurrencyRemoved;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct PoolCurrencyRemove<'info> {
    /// The pool's manager (receives the rent).
    #[account(mut)]
    pub manager: Signer<'info>,
    /// The pool.
    #[account(has_one = manager @ AutofactorError::NotPoolManager)]
    pub pool: Box<Account<'info, Pool>>,
    /// The configuration; closed here.
    #[account(mut, close = manager, has_one = pool @ AutofactorError::WrongCurrencyConfig,
              seeds = [CURRENCY_SEED, pool.key().as_ref(), currency_config.terms.code.as_ref()],
              bump = currency_config.bump)]
    pub currency_config: Box<Account<'info, CurrencyConfig>>,
}

impl PoolCurrencyRemove<'_> {
    /// Emits the removal (the account closes on exit).
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        emit_cpi!(PoolCurrencyRemoved {
            pool: ctx.accounts.pool.key(),
            code: ctx.accounts.currency_config.terms.code,
        });
        Ok(())
    }
}
