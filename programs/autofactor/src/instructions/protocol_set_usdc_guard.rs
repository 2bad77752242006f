//! The admin sets the USDC/USD depeg guard: new financing is refused while
//! the USDC/USD price (a Pyth feed) is below a floor. An all-zero feed id
//! disables the guard.

use crate::constants::*;
use crate::error::AutofactorError;
use crate::events::UsdcGuardSet;
use crate::state::ProtocolConfig;
use anchor_lang::prelude::*;

/// Arguments of `protocol_set_usdc_guard`.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug)]
pub struct UsdcGuardArgs {
    /// Pyth feed id of USDC/USD (all zero: guard off).
    pub feed_id: [u8; 32],
    /// Floor in bps of one dollar (e.g. 9_900 = $0.99).
    pub min_price_bps: u16,
    /// Maximum price age in seconds.
    pub max_age_secs: u32,
}

#[event_cpi]
#[derive(Accounts)]
pub struct ProtocolSetUsdcGuard<'info> {
    /// The protocol admin.
    pub admin: Signer<'info>,
    /// The configuration.
    #[account(mut, seeds = [PROTOCOL_SEED], bump = protocol.bump, has_one = admin @ AutofactorError::NotProtocolAdmin)]
    pub protocol: Box<Account<'info, ProtocolConfig>>,
}

impl ProtocolSetUsdcGuard<'_> {
    /// A guard needs a sane floor and age.
    pub fn validate(&self, args: &UsdcGuardArgs) -> Result<()> {
        if args.feed_id != [0; 32] {
            require!(
                args.min_price_bps > 0 && args.min_price_bps as u64 <= BPS_DENOMINATOR,
                AutofactorError::InvalidCurrencyConfig
            );
            require!(
                args.max_age_secs > 0 && args.max_age_secs <= MAX_PRICE_AGE_SECS,
                AutofactorError::InvalidCurrencyConfig
            );
        }
        Ok(())
    }

    /// Stores the guard.
    pub fn handle(ctx: Context<Self>, args: UsdcGuardArgs) -> Result<()> {
        let p = &mut ctx.accounts.protocol;
        p.usdc_usd_feed_id = args.feed_id;
        p.min_usdc_price_bps = args.min_price_bps;
        p.usdc_max_age_secs = args.max_age_secs;
        emit_cpi!(UsdcGuardSet {
            feed_id: args.feed_id,
            min_price_bps: args.min_price_bps,
            max_age_secs: args.max_age_secs,
        });
        Ok(())
    }
}
