//! The manager accepts a currency for its pool (or updates its terms):
//! minor-unit decimals, the Pyth feed, its quote direction, the maximum
//! price age and confidence, and a plausibility band.

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::PoolCurrencyUpdated;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
#[instruction(terms: CurrencyTerms)]
pub struct PoolCurrencySet<'info> {
    /// The pool's manager; pays for a new configuration.
    #[account(mut)]
    pub manager: Signer<'info>,
    /// The pool.
    #[account(has_one = manager @ AutofactorError::NotPoolManager)]
    pub pool: Box<Account<'info, Pool>>,
    /// The currency's configuration (created or updated).
    #[account(init_if_needed, payer = manager, space = 8 + CurrencyConfig::INIT_SPACE,
              seeds = [CURRENCY_SEED, pool.key().as_ref(), terms.code.as_ref()], bump)]
    pub currency_config: Box<Account<'info, CurrencyConfig>>,
    pub system_program: Program<'info, System>,
}

impl PoolCurrencySet<'_> {
    /// Validates the terms.
    pub fn validate(&self, terms: &CurrencyTerms) -> Result<()> {
        terms.validate()
    }

    /// Writes them.
    pub fn handle(ctx: Context<Self>, terms: CurrencyTerms) -> Result<()> {
        let cfg = &mut ctx.accounts.currency_config;
        cfg.pool = ctx.accounts.pool.key();
        cfg.terms = terms;
        cfg.bump = ctx.bumps.currency_config;
        emit_cpi!(PoolCurrencyUpdated { pool: ctx.accounts.pool.key(), terms });
        Ok(())
    }
}
