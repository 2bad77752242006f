//! The manager stops accepting a currency for new invoices (existing
//! unfinanced invoices in it can no longer be financed). Refused while a
//! financed invoice in the currency is open, since its payments need the
//! configuration (`CurrencyHasOpenInvoices`).

use super::shared::*;
use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::PoolCurrencyRemoved;
use crate::state::*;
use anchor_lang::prelude::*;

#[event_cpi]
#[derive(Accounts)]
pub struct PoolCurrencyRemove<'info> {
    /// The manager (gets the rent back) and the pool.
    pub managed: ManagerPool<'info>,
    /// The configuration; closed here.
    #[account(mut, constraint = currency_config.pool == managed.pool.key() @ AutofactorError::WrongCurrencyConfig,
              seeds = [CURRENCY_SEED, managed.pool.key().as_ref(), currency_config.terms.code.as_ref()],
              bump = currency_config.bump)]
    pub currency_config: Box<Account<'info, CurrencyConfig>>,
}

impl PoolCurrencyRemove<'_> {
    /// Protocol pause, the manager's identity, and no financed invoice in
    /// the currency still open (its payments need the configuration).
    pub fn validate(&self) -> Result<()> {
        self.managed.require_manager_may_act()?;
        require!(self.currency_config.open_invoices == 0, AutofactorError::CurrencyHasOpenInvoices);
        Ok(())
    }

    /// Closes the configuration (rent to the manager) and emits the removal.
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        let a = &ctx.accounts;
        let event = PoolCurrencyRemoved { pool: a.managed.pool.key(), code: a.currency_config.terms.code };
        crate::cpi::close_account(&a.currency_config.to_account_info(), &a.managed.manager)?;
        emit_cpi!(event);
        Ok(())
    }
}
