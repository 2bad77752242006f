//! Pyth price accounts: the FX feeds Autofactor knows (mainnet feed ids)
//! and the address of a feed's sponsored `PriceUpdateV2` account.
//!
//! The address is the Pyth push-oracle PDA `[shard_id u16 LE, feed_id]`
//! (shard 0): the account Pyth keeps fresh on devnet and mainnet, and the
//! one the local chain publishes (crates/dev/localnet). Used by the CLI's
//! defaults and the local chain alike.

use anchor_lang::prelude::Pubkey;

/// Pyth's push-oracle program, whose PDAs are the sponsored feed accounts
/// (`pyth_solana_receiver_sdk::PYTH_PUSH_ORACLE_ID`; the local chain's
/// tests check they agree).
pub const PUSH_ORACLE_PROGRAM_ID: Pubkey =
    anchor_lang::pubkey!("pythWSnswVUd12oZpeFP8e9CVaEqJg25g1Vtc2biRsT");
/// Shard of the feed accounts (Pyth's sponsored feeds use shard 0).
pub const SHARD_ID: u16 = 0;

/// How a feed quotes its currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quote {
    /// `CCY/USD`: the price is USD per one unit of the currency.
    CcyUsd,
    /// `USD/CCY`: the price is units of the currency per one USD.
    UsdCcy,
}

/// One FX feed.
#[derive(Clone, Copy, Debug)]
pub struct FxFeed {
    /// ISO 4217 code of the non-USD currency.
    pub currency: &'static str,
    /// Pyth symbol, e.g. `FX.EUR/USD`.
    pub symbol: &'static str,
    /// Pyth feed id (mainnet), hex.
    pub feed_id_hex: &'static str,
    /// Quote direction, as the feed's name says.
    pub quote: Quote,
    /// Reference price in units of `10^exponent` (a realistic late-2025
    /// level): the centre of the presets' plausibility band and the local
    /// publisher's starting price.
    pub reference_price: i64,
    /// Price exponent (Pyth FX feeds: −5, USD/JPY −3).
    pub exponent: i32,
}

impl FxFeed {
    /// The 32-byte feed id.
    pub fn feed_id(&self) -> [u8; 32] {
        decode_hex32(self.feed_id_hex).unwrap_or_default()
    }

    /// The currency's code as stored on chain ([`crate::format::currency_code`]).
    pub fn code(&self) -> [u8; 3] {
        crate::format::currency_code(self.currency).unwrap_or_default()
    }

    /// The feed's sponsored account address ([`price_feed_address`]).
    pub fn address(&self) -> Pubkey {
        price_feed_address(&self.feed_id())
    }

    /// Minor-unit decimals of the currency (ISO 4217: JPY 0, the others 2).
    pub fn minor_decimals(&self) -> u8 {
        if self.currency == "JPY" {
            0
        } else {
            2
        }
    }

    /// USD per one unit of the currency at the reference price, as the
    /// exact fraction `(numerator, denominator)` in micro-USD.
    pub fn reference_micro_usd_per_unit(&self) -> (u128, u128) {
        let price = self.reference_price.unsigned_abs() as u128;
        let scale = 10u128.pow(self.exponent.unsigned_abs());
        let micro = 1_000_000u128;
        match (self.quote, self.exponent < 0) {
            (Quote::CcyUsd, true) => (price * micro, scale),
            (Quote::CcyUsd, false) => (price * micro * scale, 1),
            (Quote::UsdCcy, true) => (micro * scale, price.max(1)),
            (Quote::UsdCcy, false) => (micro, (price * scale).max(1)),
        }
    }
}

/// The FX feeds Autofactor ships terms for (feed ids from the product
/// brief), which the local chain also publishes.
pub const FEEDS: &[FxFeed] = &[
    FxFeed {
        currency: "EUR",
        symbol: "FX.EUR/USD",
        feed_id_hex: "a995d00bb36a63cef7fd2c287dc105fc8f3d93779f062f09551b0af3e81ec30b",
        quote: Quote::CcyUsd,
        reference_price: 116_000,
        exponent: -5,
    },
    FxFeed {
        currency: "GBP",
        symbol: "FX.GBP/USD",
        feed_id_hex: "84c2dde9633d93d1bcad84e7dc41c9d56578b7ec52fabedc1f335d673df0a7c1",
        quote: Quote::CcyUsd,
        reference_price: 132_000,
        exponent: -5,
    },
    FxFeed {
        currency: "JPY",
        symbol: "FX.USD/JPY",
        feed_id_hex: "ef2c98c804ba503c6a707e38be4dfbb16683775f195b091252bf24693042fd52",
        quote: Quote::UsdCcy,
        reference_price: 155_000,
        exponent: -3,
    },
    FxFeed {
        currency: "NOK",
        symbol: "FX.USD/NOK",
        feed_id_hex: "235ddea9f40e9af5814dbcc83a418b98e3ee8df1e34e1ae4d45cf5de596023a3",
        quote: Quote::UsdCcy,
        reference_price: 1_010_000,
        exponent: -5,
    },
    FxFeed {
        currency: "SEK",
        symbol: "FX.USD/SEK",
        feed_id_hex: "8ccb376aa871517e807358d4e3cf0bc7fe4950474dbe6c9ffc21ef64e43fc676",
        quote: Quote::UsdCcy,
        reference_price: 950_000,
        exponent: -5,
    },
    FxFeed {
        currency: "CHF",
        symbol: "FX.USD/CHF",
        feed_id_hex: "0b1e3297e69f162877b577b0d6a47a0d63b2392bc8499e6540da4187a63e28f8",
        quote: Quote::UsdCcy,
        reference_price: 80_000,
        exponent: -5,
    },
    FxFeed {
        currency: "CAD",
        symbol: "FX.USD/CAD",
        feed_id_hex: "3112b03a41c910ed446852aacf67118cb1bec67b2cd0b9a214c58cc0eaa2ecca",
        quote: Quote::UsdCcy,
        reference_price: 140_000,
        exponent: -5,
    },
    FxFeed {
        currency: "AUD",
        symbol: "FX.AUD/USD",
        feed_id_hex: "67a6f93030420c1c9e3fe37c1ab6b77966af82f995944a9fefce357a22854a80",
        quote: Quote::CcyUsd,
        reference_price: 65_000,
        exponent: -5,
    },
];

/// The feed for an ISO 4217 currency code, if there is one.
pub fn feed_for_currency(code: &str) -> Option<&'static FxFeed> {
    FEEDS.iter().find(|f| f.currency.eq_ignore_ascii_case(code))
}

/// Address of the `PriceUpdateV2` account for `feed_id`: the push-oracle
/// PDA `[SHARD_ID.to_le_bytes(), feed_id]`, the address of Pyth's sponsored
/// feed account on devnet and mainnet.
pub fn price_feed_address(feed_id: &[u8; 32]) -> Pubkey {
    Pubkey::find_program_address(&[&SHARD_ID.to_le_bytes(), feed_id], &PUSH_ORACLE_PROGRAM_ID).0
}

/// 64 hex digits (optionally `0x`-prefixed) as 32 bytes.
pub fn decode_hex32(s: &str) -> Option<[u8; 32]> {
    let s = s.strip_prefix("0x").unwrap_or(s);
    if s.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_ids_decode_and_addresses_are_distinct() {
        let mut seen = std::collections::HashSet::new();
        for f in FEEDS {
            assert_ne!(f.feed_id(), [0u8; 32], "{}", f.symbol);
            assert!(seen.insert(f.address()), "{}", f.symbol);
            assert_eq!(&f.code(), f.currency.as_bytes(), "{}", f.symbol);
        }
        assert_eq!(FEEDS.len(), 8);
        assert_eq!(feed_for_currency("nok").unwrap().symbol, "FX.USD/NOK");
        // EUR/USD 1.16000 → 1.16 USD; USD/JPY 155.000 → 1/155 USD.
        assert_eq!(
            feed_for_currency("EUR").unwrap().reference_micro_usd_per_unit(),
            (116_000_000_000, 100_000)
        );
        assert_eq!(
            feed_for_currency("JPY").unwrap().reference_micro_usd_per_unit(),
            (1_000_000_000, 155_000)
        );
    }

    #[test]
    fn derivation_matches_pyths_sponsored_sol_usd_feed() {
        // Crypto.SOL/USD and its well-known sponsored push-oracle account.
        let id = decode_hex32("ef0d8b6fda2ceba41da15d4095d1da392a0d2f8ed0c6c7bc0f4cfac8c280b56d").unwrap();
        assert_eq!(price_feed_address(&id).to_string(), "7UVimffxr9ow1uXYxsr4LHAcV58mLzhmwaeKvJ1pjLiE");
        assert!(decode_hex32("zz").is_none());
    }
}
