//! Per-pool accepted currencies and their Pyth price feeds.

use crate::constants::*;
use crate::error::AutofactorError;
use anchor_lang::prelude::*;

pub use crate::math::fx::QuoteDirection;

/// The terms under which a pool accepts a currency.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, PartialEq, Eq, Debug)]
pub struct CurrencyTerms {
    /// ISO 4217 code, upper-case ASCII, not USD.
    pub code: [u8; 3],
    /// Minor-unit decimals (JPY 0, EUR 2, KWD 3), at most 4.
    pub decimals: u8,
    /// Pyth price feed id.
    pub feed_id: [u8; 32],
    /// Quote direction of the feed.
    pub direction: QuoteDirection,
    /// A price older than this (seconds) is refused.
    pub max_age_secs: u32,
    /// Confidence / price must not exceed this (bps).
    pub max_conf_bps: u16,
    /// Plausibility band of one whole unit in micro-USD (a misconfigured,
    /// inverted feed falls outside it).
    pub min_usdc_per_unit: u64,
    /// Upper end of the plausibility band.
    pub max_usdc_per_unit: u64,
}

impl CurrencyTerms {
    /// Validates every field.
    pub fn validate(&self) -> Result<()> {
        require!(
            self.code.iter().all(|c| c.is_ascii_uppercase()) && self.code != USD,
            AutofactorError::InvalidCurrencyConfig
        );
        require!(self.decimals <= MAX_CURRENCY_DECIMALS, AutofactorError::InvalidCurrencyConfig);
        require!(self.feed_id != [0u8; 32], AutofactorError::CurrencyWithoutFeed);
        require!(
            self.max_age_secs > 0 && self.max_age_secs <= MAX_PRICE_AGE_SECS,
            AutofactorError::InvalidCurrencyConfig
        );
        require!(
            self.max_conf_bps > 0 && self.max_conf_bps <= MAX_PRICE_CONF_BPS,
            AutofactorError::InvalidCurrencyConfig
        );
        require!(
            self.min_usdc_per_unit > 0 && self.max_usdc_per_unit > self.min_usdc_per_unit,
            AutofactorError::InvalidCurrencyConfig
        );
        Ok(())
    }

    /// Whether `other` values an invoice differently: decimals, feed or
    /// quote direction. These are frozen while financed invoices are open.
    pub fn valuation_differs(&self, other: &CurrencyTerms) -> bool {
        self.decimals != other.decimals || self.feed_id != other.feed_id || self.direction != other.direction
    }

    /// Whether `other` accepts fewer prices than these terms: a narrower
    /// plausibility band, a shorter maximum age or a smaller confidence
    /// limit. Refused while financed invoices are open (a tightened check
    /// could make their repayments fail until they are written down);
    /// loosening, within the protocol caps `validate` enforces, is allowed.
    pub fn tightened_by(&self, other: &CurrencyTerms) -> bool {
        other.min_usdc_per_unit > self.min_usdc_per_unit
            || other.max_usdc_per_unit < self.max_usdc_per_unit
            || other.max_age_secs < self.max_age_secs
            || other.max_conf_bps < self.max_conf_bps
    }
}

/// A currency a pool accepts, PDA `["currency", pool, code]`.
#[account]
#[derive(InitSpace, Debug)]
pub struct CurrencyConfig {
    /// The pool.
    pub pool: Pubkey,
    /// The terms.
    pub terms: CurrencyTerms,
    /// PDA bump.
    pub bump: u8,
    /// Financed invoices in this currency not yet fully repaid. While it is
    /// above zero the configuration cannot be removed, its decimals, feed
    /// and quote direction cannot change (they value those invoices), and
    /// its price band, maximum age and confidence limit may only loosen.
    pub open_invoices: u32,
}
