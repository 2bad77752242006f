//! Tranche share pricing and the senior/junior waterfall.
//!
//! A tranche's price is exactly `value / supply`. Deposits mint shares
//! rounded down and redemptions pay USDC rounded down, so rounding always
//! stays in the pool. The first deposit into an empty tranche is 1:1 and
//! locks [`LOCKED_SHARES`] of it forever (first-depositor inflation
//! protection), so `supply` never returns to zero afterwards.

use super::mul_div::mul_div_floor_u128;
use super::safe_math::{to_u64, SafeMath};
use crate::constants::{LOCKED_SHARES, SHARE_UNIT};
use crate::error::AutofactorError;
use anchor_lang::prelude::*;

/// Shares minted for `amount_usdc` deposited into a tranche worth
/// `tranche_value_usdc` with `tranche_supply` shares, rounded down. The
/// first deposit (supply 0) mints 1:1, of which [`LOCKED_SHARES`] are locked
/// by the caller. A tranche whose shares are worth nothing takes no deposits.
pub fn shares_for_deposit_floor(
    amount_usdc: u64,
    tranche_value_usdc: u64,
    tranche_supply: u64,
) -> Result<u64> {
    if tranche_supply == 0 {
        return Ok(amount_usdc);
    }
    require!(tranche_value_usdc > 0, AutofactorError::TrancheWipedOut);
    to_u64(mul_div_floor_u128(amount_usdc as u128, tranche_supply as u128, tranche_value_usdc as u128)?)
}

/// USDC paid for redeeming `shares` of a tranche worth `tranche_value_usdc`
/// with `tranche_supply` shares, rounded down. Never more than the value.
pub fn usdc_for_shares_floor(shares: u64, tranche_value_usdc: u64, tranche_supply: u64) -> Result<u64> {
    require!(shares <= tranche_supply, AutofactorError::MathOverflow);
    if shares == 0 {
        return Ok(0);
    }
    to_u64(mul_div_floor_u128(shares as u128, tranche_value_usdc as u128, tranche_supply as u128)?)
}

/// The largest number of shares (at most `shares_wanted`) whose redemption
/// pays no more than `cash_usdc`.
pub fn max_shares_for_cash_floor(
    shares_wanted: u64,
    cash_usdc: u64,
    tranche_value_usdc: u64,
    tranche_supply: u64,
) -> Result<u64> {
    if tranche_value_usdc == 0 {
        return Ok(shares_wanted);
    }
    // shares × value / supply ≤ cash  ⇐  shares ≤ floor(cash × supply / value)
    let affordable =
        mul_div_floor_u128(cash_usdc as u128, tranche_supply as u128, tranche_value_usdc as u128)?;
    to_u64(affordable.min(shares_wanted as u128))
}

/// Splits `nav_usdc` into (senior, junior) values: the senior tranche is
/// owed `senior_claim_usdc` and is paid first; the junior tranche owns the
/// residual and absorbs losses first.
pub fn waterfall(nav_usdc: u64, senior_claim_usdc: u64) -> (u64, u64) {
    let senior = nav_usdc.min(senior_claim_usdc);
    (senior, nav_usdc - senior)
}

/// Price of one whole share ([`SHARE_UNIT`] units) in micro-USDC, rounded
/// down; 1.0 for an empty tranche. For display and events.
pub fn share_price_floor(tranche_value_usdc: u64, tranche_supply: u64) -> Result<u64> {
    if tranche_supply == 0 {
        return Ok(SHARE_UNIT);
    }
    to_u64(mul_div_floor_u128(SHARE_UNIT as u128, tranche_value_usdc as u128, tranche_supply as u128)?)
}

/// Shares the first depositor receives out of `minted` (the rest is locked).
pub fn first_deposit_shares(minted: u64) -> Result<u64> {
    require!(minted > LOCKED_SHARES, AutofactorError::DepositTooSmall);
    minted.safe_sub(LOCKED_SHARES)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn first_deposit_is_one_to_one_minus_locked() {
        assert_eq!(shares_for_deposit_floor(5_000_000, 0, 0).unwrap(), 5_000_000);
        assert_eq!(first_deposit_shares(5_000_000).unwrap(), 4_999_000);
        assert!(first_deposit_shares(1_000).is_err());
        assert_eq!(usdc_for_shares_floor(4_999_000, 5_000_000, 5_000_000).unwrap(), 4_999_000);
        assert_eq!(share_price_floor(0, 0).unwrap(), 1_000_000);
    }

    #[test]
    fn prices_round_down() {
        // value 10, supply 3: 1 share is worth 3.33 → 3; 3 USDC buys 0.9 → 0 shares
        assert_eq!(usdc_for_shares_floor(1, 10, 3).unwrap(), 3);
        assert_eq!(shares_for_deposit_floor(3, 10, 3).unwrap(), 0);
        assert_eq!(share_price_floor(10, 3).unwrap(), 3_333_333);
    }

    #[test]
    fn wiped_out_tranche_refuses_deposits() {
        assert_eq!(shares_for_deposit_floor(1, 0, 10).unwrap_err(), error!(AutofactorError::TrancheWipedOut));
        assert_eq!(usdc_for_shares_floor(10, 0, 10).unwrap(), 0);
    }

    #[test]
    fn waterfall_hits_junior_first() {
        assert_eq!(waterfall(100, 80), (80, 20));
        assert_eq!(waterfall(70, 80), (70, 0));
        assert_eq!(waterfall(0, 80), (0, 0));
    }

    #[test]
    fn inflation_attack_costs_the_attacker_a_thousandfold() {
        // Attacker makes the first deposit and redeems all it can: only the
        // locked shares and one share unit remain.
        let supply = LOCKED_SHARES + 1;
        // It then adds 1,000 USDC of value (e.g. income it paid for).
        let value = 1 + 1_000_000_000u64;
        let victim_shares = shares_for_deposit_floor(2_000_000_000, value, supply).unwrap();
        let total_value = value + 2_000_000_000;
        let total_supply = supply + victim_shares;
        let victim_value = usdc_for_shares_floor(victim_shares, total_value, total_supply).unwrap();
        let attacker_value = usdc_for_shares_floor(1, total_value, total_supply).unwrap();
        let victim_loss = 2_000_000_000 - victim_value;
        let attacker_loss = 1_000_000_001 - attacker_value;
        assert!(victim_loss < 1_000_000, "victim lost {victim_loss}");
        assert!(attacker_loss > 990_000_000, "attacker lost only {attacker_loss}");
    }

    proptest! {
        #[test]
        fn max_shares_for_cash_pays_at_most_cash(want in 0u64..1u64<<50, cash in 0u64..1u64<<50, value in 0u64..1u64<<50, extra in 0u64..1u64<<50) {
            let supply = want + extra;
            let shares = max_shares_for_cash_floor(want, cash, value, supply).unwrap();
            prop_assert!(shares <= want);
            prop_assert!(usdc_for_shares_floor(shares, value, supply).unwrap() <= cash);
        }

        #[test]
        fn round_trip_never_gains(amount in 0u64..1u64<<50, value in 1u64..1u64<<50, supply in 1u64..1u64<<50) {
            let shares = shares_for_deposit_floor(amount, value, supply).unwrap();
            let back = usdc_for_shares_floor(shares, value + amount, supply + shares).unwrap();
            prop_assert!(back <= amount);
        }

        #[test]
        fn redemption_never_exceeds_value(shares in 0u64..1u64<<50, value in 0u64..1u64<<50, extra in 0u64..1u64<<50) {
            prop_assert!(usdc_for_shares_floor(shares, value, shares + extra).unwrap() <= value);
        }
    }
}
