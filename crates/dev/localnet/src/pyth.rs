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

/// The feed table and the sponsored-account derivation live in the client
/// (they are mainnet facts, used by the CLI too); the publisher serves
/// every feed of [`FEEDS`] from its reference price.
pub use autofactor_client::pyth::{
    feed_for_currency, price_feed_address, FxFeed, Quote, FEEDS, PUSH_ORACLE_PROGRAM_ID, SHARD_ID,
};

/// The `write_authority` recorded in the published accounts.
pub fn publisher_authority() -> Pubkey {
    Pubkey::find_program_address(&[b"autofactor-localnet-fx-publisher"], &PUSH_ORACLE_PROGRAM_ID).0
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
                    None => (feed.reference_price as f64, feed.reference_price as f64, 0),
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
            let anchor = f.feed.reference_price as f64;
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
    fn the_client_knows_pyths_push_oracle_program() {
        assert_eq!(PUSH_ORACLE_PROGRAM_ID, pyth_solana_receiver_sdk::PYTH_PUSH_ORACLE_ID);
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
            let rel =
                (u.price_message.price - feed.reference_price).abs() as f64 / feed.reference_price as f64;
            assert!(rel < 0.01, "{}: {}", feed.symbol, u.price_message.price);
            // The SDK's own freshness and feed checks accept it.
            let clock = anchor_lang::prelude::Clock { unix_timestamp: 1_700_000_010, ..Default::default() };
            u.get_price_no_older_than(&clock, 60, &feed.feed_id()).unwrap();
        }
        // A second step continues from the first.
        let again = FxPublisher::new(|k| accounts.iter().find(|(a, _)| a == k).map(|(_, a)| a.clone()));
        assert_eq!(again.feeds[0].last_publish_time, 1_700_000_000);
    }
}
