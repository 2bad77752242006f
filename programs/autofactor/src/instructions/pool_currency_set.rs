//! The manager accepts a currency for its pool (or updates its terms):
//! minor-unit decimals, the Pyth feed, its quote direction, the maximum
//! price age and confidence, and a plausibility band. Decimals, feed and
//! direction are frozen while financed invoices in the currency are open,
//! and the band, age and confidence limit may then only loosen (a manager
//! cannot make those invoices' repayments fail, have them written down, and
//! restore the terms).

use super::shared::*;
use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::PoolCurrencyUpdated;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
#[instruction(terms: CurrencyTerms)]
pub struct PoolCurrencySet<'info> {
    /// The manager (pays for a new configuration) and the pool.
    pub managed: ManagerPool<'info>,
    /// The currency's configuration (created or updated).
    #[account(init_if_needed, payer = managed.manager, space = 8 + CurrencyConfig::INIT_SPACE,
              seeds = [CURRENCY_SEED, managed.pool.key().as_ref(), terms.code.as_ref()], bump)]
    pub currency_config: Box<Account<'info, CurrencyConfig>>,
    pub system_program: Program<'info, System>,
}

impl PoolCurrencySet<'_> {
    /// Protocol pause, the manager's identity, the terms; while financed
    /// invoices in the currency are open, its decimals, feed and quote
    /// direction cannot change (they value those invoices) and the price
    /// checks may only loosen.
    pub fn validate(&self, terms: &CurrencyTerms) -> Result<()> {
        self.managed.require_manager_may_act()?;
        terms.validate()?;
        let cfg = &self.currency_config;
        require!(
            cfg.open_invoices == 0 || (!cfg.terms.valuation_differs(terms) && !cfg.terms.tightened_by(terms)),
            AutofactorError::CurrencyTermsLocked
        );
        Ok(())
    }

    /// Writes them.
    pub fn handle(ctx: Context<Self>, terms: CurrencyTerms) -> Result<()> {
        let cfg = &mut ctx.accounts.currency_config;
        cfg.pool = ctx.accounts.managed.pool.key();
        cfg.terms = terms;
        cfg.bump = ctx.bumps.currency_config;
        emit_cpi!(PoolCurrencyUpdated { pool: ctx.accounts.managed.pool.key(), terms });
        Ok(())
    }
}
