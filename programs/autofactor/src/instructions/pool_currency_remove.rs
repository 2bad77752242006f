//! The manager stops accepting a currency for new invoices (existing
//! unfinanced invoices in it can no longer be financed). Refused while a
//! financed invoice in the currency is open, since its payments need the
//! configuration (`CurrencyHasOpenInvoices`).

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
    /// The configuration (pause flag).
    #[account(seeds = [PROTOCOL_SEED], bump = protocol.bump)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
    /// The manager's identity record (role: manager).
    #[account(seeds = [IDENTITY_SEED, manager.key().as_ref()], bump = manager_identity.bump)]
    pub manager_identity: Box<Account<'info, IdentityRecord>>,
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
    /// Protocol pause, the manager's identity, and no financed invoice in
    /// the currency still open (its payments need the configuration).
    pub fn validate(&self) -> Result<()> {
        let now = Clock::get()?.unix_timestamp;
        self.protocol.require_manager_may_act(&self.manager_identity, &self.manager.key(), now)?;
        require!(self.currency_config.open_invoices == 0, AutofactorError::CurrencyHasOpenInvoices);
        Ok(())
    }

    /// Emits the removal (the account closes on exit).
    pub fn handle(ctx: Context<Self>) -> Result<()> {
        emit_cpi!(PoolCurrencyRemoved {
            pool: ctx.accounts.pool.key(),
            code: ctx.accounts.currency_config.terms.code,
        });
        Ok(())
    }
}
