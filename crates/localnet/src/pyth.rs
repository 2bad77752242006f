//! The local FX price publisher: keeps one Pyth `PriceUpdateV2` account per
//! configured currency fresh (once per second, `publish_time` = the bank
//! clock) with a small mean-reverting random walk.
//!
//! The accounts look exactly like the Pyth receiver's: owner
//! [`RECEIVER_PROGRAM_ID`] (`rec5EKMG…`), Anchor discriminator, full
//! Wormhole verification level, serialized with
//! `pyth-solana-receiver-sdk`'s own type. Their addresses are those of
//! Pyth's sponsored push-oracle feeds (shard 0): the PDA
//! `[shard_id u16 LE = 0, feed_id]` of the push oracle program
//! `pythWSnswVUd12oZpeFP8e9CVaEqJg25g1Vtc2biRsT` — so a client that derives
//! the feed account the way it does on devnet or mainnet finds it here too.
//! See [`price_feed_address`].

use anchor_lang::AccountSerialize;
use pyth_solana_receiver_sdk::price_update::{PriceFeedMessage, PriceUpdateV2, VerificationLevel};
use rand::{rngs::StdRng, Rng, SeedableRng};
use solana_sdk::account::Account;
use solana_sdk::pubkey::Pubkey;

/// The Pyth Solana receiver program: owner of every `PriceUpdateV2`.
pub const RECEIVER_PROGRAM_ID: Pubkey = pyth_solana_receiver_sdk::ID;
/// Pyth's push-oracle program, whose PDAs are the sponsored feed accounts.
pub const PUSH_ORACLE_PROGRAM_ID: Pubkey = pyth_solana_receiver_sdk::PYTH_PUSH_ORACLE_ID;
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

/// One FX feed the publisher maintains.
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
    /// Starting price in units of `10^exponent`.
    pub initial_price: i64,
    /// Price exponent (Pyth FX feeds: −5, USD/JPY −3).
    pub exponent: i32,
}

impl FxFeed {
    /// The 32-byte feed id.
    pub fn feed_id(&self) -> [u8; 32] {
        decode_hex32(self.feed_id_hex).unwrap_or_default()
    }

    /// The feed's account address ([`price_feed_address`]).
    pub fn address(&self) -> Pubkey {
        price_feed_address(&self.feed_id())
    }

    /// US dollars per one unit of the currency at the starting price.
    pub fn initial_usd_per_unit(&self) -> f64 {
        let price = self.initial_price as f64 * 10f64.powi(self.exponent);
        match self.quote {
            Quote::CcyUsd => price,
            Quote::UsdCcy => 1.0 / price,
        }
    }

    /// Minor-unit decimals of the currency (ISO 4217: JPY 0, the others 2).
    pub fn minor_decimals(&self) -> u8 {
        if self.currency == "JPY" {
            0
        } else {
            2
        }
    }
}

/// The currencies the local chain publishes (feed ids from the product
/// brief; starting prices are realistic late-2025 levels).
pub const FEEDS: &[FxFeed] = &[
    FxFeed {
        currency: "EUR",
        symbol: "FX.EUR/USD",
        feed_id_hex: "a995d00bb36a63cef7fd2c287dc105fc8f3d93779f062f09551b0af3e81ec30b",
        quote: Quote::CcyUsd,
        initial_price: 116_000,
        exponent: -5,
    },
    FxFeed {
        currency: "GBP",
        symbol: "FX.GBP/USD",
        feed_id_hex: "84c2dde9633d93d1bcad84e7dc41c9d56578b7ec52fabedc1f335d673df0a7c1",
        quote: Quote::CcyUsd,
        initial_price: 132_000,
        exponent: -5,
    },
    FxFeed {
        currency: "JPY",
        symbol: "FX.USD/JPY",
        feed_id_hex: "ef2c98c804ba503c6a707e38be4dfbb16683775f195b091252bf24693042fd52",
        quote: Quote::UsdCcy,
        initial_price: 155_000,
        exponent: -3,
    },
    FxFeed {
        currency: "NOK",
        symbol: "FX.USD/NOK",
        feed_id_hex: "235ddea9f40e9af5814dbcc83a418b98e3ee8df1e34e1ae4d45cf5de596023a3",
        quote: Quote::UsdCcy,
        initial_price: 1_010_000,
        exponent: -5,
    },
    FxFeed {
        currency: "SEK",
        symbol: "FX.USD/SEK",
        feed_id_hex: "8ccb376aa871517e807358d4e3cf0bc7fe4950474dbe6c9ffc21ef64e43fc676",
        quote: Quote::UsdCcy,
        initial_price: 950_000,
        exponent: -5,
    },
    FxFeed {
        currency: "CHF",
        symbol: "FX.USD/CHF",
        feed_id_hex: "0b1e3297e69f162877b577b0d6a47a0d63b2392bc8499e6540da4187a63e28f8",
        quote: Quote::UsdCcy,
        initial_price: 80_000,
        exponent: -5,
    },
    FxFeed {
        currency: "CAD",
        symbol: "FX.USD/CAD",
        feed_id_hex: "3112b03a41c910ed446852aacf67118cb1bec67b2cd0b9a214c58cc0eaa2ecca",
        quote: Quote::UsdCcy,
        initial_price: 140_000,
        exponent: -5,
    },
    FxFeed {
        currency: "AUD",
        symbol: "FX.AUD/USD",
        feed_id_hex: "67a6f93030420c1c9e3fe37c1ab6b77966af82f995944a9fefce357a22854a80",
        quote: Quote::CcyUsd,
        initial_price: 65_000,
        exponent: -5,
    },
];

/// The feed for an ISO 4217 currency code, if the publisher serves it.
pub fn feed_for_currency(code: &str) -> Option<&'static FxFeed> {
    FEEDS.iter().find(|f| f.currency.eq_ignore_ascii_case(code))
}

/// Address of the `PriceUpdateV2` account for `feed_id`: the push-oracle
/// PDA `[SHARD_ID.to_le_bytes(), feed_id]`, the address of Pyth's sponsored
/// feed account on devnet and mainnet.
pub fn price_feed_address(feed_id: &[u8; 32]) -> Pubkey {
    Pubkey::find_program_address(&[&SHARD_ID.to_le_bytes(), feed_id], &PUSH_ORACLE_PROGRAM_ID).0
}

/// The `write_authority` recorded in the published accounts.
pub fn publisher_authority() -> Pubkey {
    Pubkey::find_program_address(&[b"autofactor-localnet-fx-publisher"], &PUSH_ORACLE_PROGRAM_ID).0
}

fn decode_hex32(s: &str) -> Option<[u8; 32]> {
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

/// Decodes a `PriceUpdateV2` account's data (discriminator checked).
pub fn decode_price_update(data: &[u8]) -> Option<PriceUpdateV2> {
    use anchor_lang::AccountDeserialize;
    PriceUpdateV2::try_deserialize(&mut &data[..]).ok()
}

/// Builds the account holding `update`.
pub fn price_update_account(update: &PriceUpdateV2, rent: &solana_sdk::rent::Rent) -> Account {
    let len = PriceUpdateV2::LEN;
    let mut data = Vec::with_capacity(len);
    // Serializing into a Vec cannot fail.
    let _ = update.try_serialize(&mut data);
    data.resize(len.max(data.len()), 0);
    Account {
        lamports: rent.minimum_balance(data.len()),
        data,
        owner: RECEIVER_PROGRAM_ID,
        executable: false,
        rent_epoch: u64::MAX,
    }
}

struct FeedState {
    feed: FxFeed,
    /// Current price in units of 10^exponent, as a float for the walk.
    price: f64,
    ema: f64,
    last_publish_time: i64,
}

/// The random-walk publisher.
pub struct FxPublisher {
    feeds: Vec<FeedState>,
    rng: StdRng,
}

/// Per-update volatility (≈ 1 basis point per second).
const SIGMA: f64 = 0.0001;
/// Pull back toward the starting level per update.
const REVERSION: f64 = 0.002;

impl FxPublisher {
    /// A publisher for [`FEEDS`], continuing from `existing` prices (e.g.
    /// accounts from a snapshot) where present.
    pub fn new(existing: impl Fn(&Pubkey) -> Option<Account>) -> Self {
        let feeds = FEEDS
            .iter()
            .map(|feed| {
                let prior = existing(&feed.address())
                    .and_then(|a| decode_price_update(&a.data))
                    .filter(|u| u.price_message.exponent == feed.exponent && u.price_message.price > 0);
                let (price, ema, last) = match prior {
                    Some(u) => (
                        u.price_message.price as f64,
                        u.price_message.ema_price as f64,
                        u.price_message.publish_time,
                    ),
                    None => (feed.initial_price as f64, feed.initial_price as f64, 0),
                };
                FeedState { feed: *feed, price, ema, last_publish_time: last }
            })
            .collect();
        Self { feeds, rng: StdRng::from_entropy() }
    }

    fn normal(&mut self) -> f64 {
        // Box–Muller.
        let u1: f64 = self.rng.gen_range(f64::EPSILON..1.0);
        let u2: f64 = self.rng.gen_range(0.0..1.0);
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }

    /// Forgets the previous publish times (the next update's
    /// `prev_publish_time` is its own `publish_time`): used when the chain's
    /// clock is set back before anything ran (the demo seed's clock).
    pub fn forget_publish_times(&mut self) {
        for f in &mut self.feeds {
            f.last_publish_time = 0;
        }
    }

    /// Moves every price one step and returns the updated accounts, stamped
    /// with `publish_time` (the bank clock) and `slot`.
    pub fn step(
        &mut self,
        publish_time: i64,
        slot: u64,
        rent: &solana_sdk::rent::Rent,
    ) -> Vec<(Pubkey, Account)> {
        let mut out = Vec::with_capacity(self.feeds.len());
        for i in 0..self.feeds.len() {
            let z = self.normal();
            let f = &mut self.feeds[i];
            let anchor = f.feed.initial_price as f64;
            let log_step = SIGMA * z + REVERSION * (anchor / f.price).ln();
            f.price = (f.price * log_step.exp()).clamp(anchor * 0.5, anchor * 1.5);
            f.ema = f.ema + (f.price - f.ema) * 0.05;
            let price = f.price.round() as i64;
            // Confidence ≈ 0.3 bp of the price, at least one unit.
            let conf = ((f.price * 0.00003).round() as u64).max(1);
            let prev = if f.last_publish_time > 0 { f.last_publish_time } else { publish_time };
            let update = PriceUpdateV2 {
                write_authority: publisher_authority(),
                verification_level: VerificationLevel::Full,
                price_message: PriceFeedMessage {
                    feed_id: f.feed.feed_id(),
                    price,
                    conf,
                    exponent: f.feed.exponent,
                    publish_time,
                    prev_publish_time: prev,
                    ema_price: f.ema.round() as i64,
                    ema_conf: conf,
                },
                posted_slot: slot,
            };
            f.last_publish_time = publish_time;
            out.push((f.feed.address(), price_update_account(&update, rent)));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_ids_decode_and_addresses_are_distinct() {
        let usd = |c: &str| feed_for_currency(c).unwrap().initial_usd_per_unit();
        assert!((usd("EUR") - 1.16).abs() < 1e-9 && (usd("JPY") - 1.0 / 155.0).abs() < 1e-12);
        let mut seen = std::collections::HashSet::new();
        for f in FEEDS {
            assert_ne!(f.feed_id(), [0u8; 32], "{}", f.symbol);
            assert!(seen.insert(f.address()), "{}", f.symbol);
            assert_eq!(price_feed_address(&f.feed_id()), f.address());
        }
        assert_eq!(FEEDS.len(), 8);
        assert_eq!(feed_for_currency("nok").unwrap().symbol, "FX.USD/NOK");
    }

    #[test]
    fn published_accounts_decode_with_the_sdk() {
        let mut p = FxPublisher::new(|_| None);
        let rent = solana_sdk::rent::Rent::default();
        let accounts = p.step(1_700_000_000, 42, &rent);
        assert_eq!(accounts.len(), FEEDS.len());
        for ((addr, acc), feed) in accounts.iter().zip(FEEDS) {
            assert_eq!(*addr, feed.address());
            assert_eq!(acc.owner, RECEIVER_PROGRAM_ID);
            assert_eq!(acc.data.len(), PriceUpdateV2::LEN);
            let u = decode_price_update(&acc.data).unwrap();
            assert_eq!(u.verification_level, VerificationLevel::Full);
            assert_eq!(u.price_message.feed_id, feed.feed_id());
            assert_eq!(u.price_message.publish_time, 1_700_000_000);
            assert_eq!(u.posted_slot, 42);
            let rel = (u.price_message.price - feed.initial_price).abs() as f64 / feed.initial_price as f64;
            assert!(rel < 0.01, "{}: {}", feed.symbol, u.price_message.price);
            // The SDK's own freshness and feed checks accept it.
            let clock = anchor_lang::prelude::Clock { unix_timestamp: 1_700_000_010, ..Default::default() };
            u.get_price_no_older_than(&clock, 60, &feed.feed_id()).unwrap();
        }
        // A second step continues from the first.
        let again = FxPublisher::new(|k| accounts.iter().find(|(a, _)| a == k).map(|(_, a)| a.clone()));
        assert_eq!(again.feeds[0].last_publish_time, 1_700_000_000);
    }

    #[test]
    fn derivation_matches_pyths_sponsored_sol_usd_feed() {
        // Crypto.SOL/USD and its well-known sponsored push-oracle account.
        let id = decode_hex32("ef0d8b6fda2ceba41da15d4095d1da392a0d2f8ed0c6c7bc0f4cfac8c280b56d").unwrap();
        assert_eq!(price_feed_address(&id).to_string(), "7UVimffxr9ow1uXYxsr4LHAcV58mLzhmwaeKvJ1pjLiE");
    }
}
