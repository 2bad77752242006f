//! Conservation through the program: random sequences of deposits,
//! immediate and queued redemptions, keeper fills while investors' USDC
//! accounts are randomly frozen and thawed by the issuer, claims,
//! cancellations, refreshes, deployed and returned cash (state injection)
//! and time. After every operation every micro-USDC in the vault belongs to
//! exactly one of cash, fees owed, reserves owed and payouts owed, and the
//! payouts owed are exactly the sum of the open requests' claimable
//! balances (each paid by `withdrawal_claim`). At the end every claim is
//! paid and the vault holds exactly the pool's cash. (Reserves through the
//! real invoice lifecycle: `stuck_reserve.rs`; every owner across all
//! flows: the ledger proptest `every_usdc_in_the_vault_has_one_owner`.)

use autofactor_client::state::{Tranche, WithdrawalRequest};
use autofactor_client::{ix, pda, TOKEN_PROGRAM_ID};
use autofactor_tests::*;
use solana_sdk::signature::{Keypair, Signer};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Checks conservation; returns the payouts owed.
async fn check(env: &mut Env, keys: &ix::PoolKeys, open: &[(Tranche, u64)]) -> u64 {
    let l = env.pool_state(keys).await.ledger;
    let vault = env.token_balance(&keys.vault).await;
    assert_eq!(
        vault,
        l.cash_usdc
            + l.protocol_fees_owed_usdc
            + l.manager_fees_owed_usdc
            + l.reserves_owed_usdc
            + l.payouts_owed_usdc
    );
    let mut claimable = 0;
    for (t, seq) in open {
        if let Some(acc) = env.account(&pda::withdrawal_request(&keys.pool, *t, *seq)).await {
            if acc.owner == autofactor_client::PROGRAM_ID {
                claimable += autofactor_client::decode::account::<WithdrawalRequest>(&acc.data)
                    .unwrap()
                    .usdc_claimable;
            }
        }
    }
    assert_eq!(l.payouts_owed_usdc, claimable);
    l.payouts_owed_usdc
}

async fn set_frozen(env: &mut Env, owner: &Keypair, frozen: bool) {
    use anchor_spl::token::spl_token;
    let ata = pda::ata(&owner.pubkey(), &env.usdc_mint, &TOKEN_PROGRAM_ID);
    if env.token_account(&ata).await.is_frozen() == frozen {
        return;
    }
    let auth = env.usdc_authority.insecure_clone();
    let f =
        if frozen { spl_token::instruction::freeze_account } else { spl_token::instruction::thaw_account };
    let ix = f(&TOKEN_PROGRAM_ID, &ata, &env.usdc_mint, &auth.pubkey(), &[]).unwrap();
    env.ok(&[ix], &[&auth]).await;
}

#[tokio::test]
async fn every_usdc_in_the_vault_has_one_owner_through_the_program() {
    let (mut owed_seen, mut fills) = (0u32, 0u32);
    for seed in [0x9E37_79B9_7F4A_7C15u64, 0xD1B5_4A32_D192_ED03, 0x2545_F491_4F6C_DD1D] {
        let mut rng = Rng(seed);
        let mut env = Env::new().await;
        let (_m, keys) = env.pool().await;
        let mut investors = vec![];
        for i in 0..4 {
            let k = env.investor(200_000 * USDC).await;
            let t = if i < 2 { Tranche::Junior } else { Tranche::Senior };
            env.deposit(&keys, &k, t, if t == Tranche::Junior { 60_000 * USDC } else { 90_000 * USDC }).await;
            investors.push((k, t));
        }
        env.pass_holding_windows().await;
        let mut open: Vec<(Tranche, u64)> = vec![];
        let mut deployed = 0u64;
        for _ in 0..60 {
            let (who, t) = {
                let (k, t) = &investors[rng.below(4) as usize];
                (k.insecure_clone(), *t)
            };
            match rng.below(8) {
                0 => {
                    let _ = env
                        .send(
                            &[ix::tranche_deposit(&keys, &who.pubkey(), t, (1 + rng.below(5_000)) * USDC, 0)],
                            &[&who],
                        )
                        .await;
                }
                1 | 2 => {
                    let held = env.token_balance(&keys.shares_ata(&who.pubkey(), t)).await;
                    let shares = held * (1 + rng.below(40)) / 100;
                    let tail = env.pool_state(&keys).await.ledger.tranche(t).queue_tail;
                    if env
                        .send(&[ix::tranche_withdraw(&keys, &who.pubkey(), t, shares, tail)], &[&who])
                        .await
                        .is_ok()
                        && env.pool_state(&keys).await.ledger.tranche(t).queue_tail == tail + 1
                    {
                        open.push((t, tail));
                    }
                }
                3 | 4 => {
                    // The issuer freezes or thaws someone, then a keeper fills a head.
                    let (k, _) = &investors[rng.below(4) as usize];
                    let k = k.insecure_clone();
                    set_frozen(&mut env, &k, rng.below(2) == 0).await;
                    let t = if rng.below(2) == 0 { Tranche::Senior } else { Tranche::Junior };
                    let l = env.pool_state(&keys).await.ledger;
                    let head = l.tranche(t).queue_head;
                    if !l.tranche(t).queue_is_empty() {
                        let addr = pda::withdrawal_request(&keys.pool, t, head);
                        let investor = match env.account(&addr).await {
                            Some(a) if a.owner == autofactor_client::PROGRAM_ID => {
                                autofactor_client::decode::account::<WithdrawalRequest>(&a.data)
                                    .unwrap()
                                    .investor
                            }
                            _ => env.payer().pubkey(),
                        };
                        let fill = ix::withdrawal_fill(&keys, &env.payer().pubkey(), t, head, &investor);
                        fills += u32::from(env.send(&[fill], &[]).await.is_ok());
                    }
                }
                5 => {
                    // Its owner claims an owed payout (into its ATA if it is
                    // not frozen) or cancels a request.
                    if open.is_empty() {
                        continue;
                    }
                    let (t, seq) = open[rng.below(open.len() as u64) as usize];
                    let addr = pda::withdrawal_request(&keys.pool, t, seq);
                    let Some(a) = env.account(&addr).await else { continue };
                    if a.owner != autofactor_client::PROGRAM_ID {
                        continue;
                    }
                    let r = autofactor_client::decode::account::<WithdrawalRequest>(&a.data).unwrap();
                    let owner =
                        investors.iter().find(|(k, _)| k.pubkey() == r.investor).unwrap().0.insecure_clone();
                    set_frozen(&mut env, &owner, false).await;
                    let ata = keys.usdc_ata(&owner.pubkey());
                    let ix = if r.usdc_claimable > 0 {
                        ix::withdrawal_claim(&keys, &owner.pubkey(), t, seq, &ata)
                    } else {
                        ix::withdrawal_cancel(&keys, &owner.pubkey(), t, seq)
                    };
                    env.ok(&[ix], &[&owner]).await;
                }
                6 => {
                    // Most of the cash goes into receivables.
                    let cash = env.pool_state(&keys).await.ledger.cash_usdc;
                    let amount = cash * (80 + rng.below(20)) / 100;
                    env.inject_financing(&keys, amount).await;
                    deployed += amount;
                }
                _ => {
                    // Time passes; part of the receivables comes back with income.
                    env.warp_seconds(rng.below(10 * 86_400) as i64).await;
                    env.ok(&[ix::pool_refresh(&keys.pool)], &[]).await;
                    let amount = deployed * rng.below(60) / 100;
                    if amount > 0 {
                        env.inject_repayment(&keys, amount, amount / 50).await;
                        deployed -= amount;
                    }
                }
            }
            if check(&mut env, &keys, &open).await > 0 {
                owed_seen += 1;
            }
        }
        // Every owed payout is claimed; then the vault is exactly the cash.
        for (t, seq) in open.clone() {
            let addr = pda::withdrawal_request(&keys.pool, t, seq);
            let Some(a) = env.account(&addr).await else { continue };
            if a.owner != autofactor_client::PROGRAM_ID {
                continue;
            }
            let r = autofactor_client::decode::account::<WithdrawalRequest>(&a.data).unwrap();
            if r.usdc_claimable == 0 {
                continue;
            }
            let owner = investors.iter().find(|(k, _)| k.pubkey() == r.investor).unwrap().0.insecure_clone();
            set_frozen(&mut env, &owner, false).await;
            let ata = keys.usdc_ata(&owner.pubkey());
            env.ok(&[ix::withdrawal_claim(&keys, &owner.pubkey(), t, seq, &ata)], &[&owner]).await;
        }
        check(&mut env, &keys, &open).await;
        let l = env.pool_state(&keys).await.ledger;
        assert_eq!(l.payouts_owed_usdc, 0);
        assert_eq!(env.token_balance(&keys.vault).await, l.cash_usdc);
    }
    // The sequences did exercise fills and undeliverable payouts.
    assert!(fills >= 5 && owed_seen >= 3, "fills {fills}, steps with payouts owed {owed_seen}");
}
