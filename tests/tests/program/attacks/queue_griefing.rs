//! Queue griefing (F-08, F-11): a payout that cannot be delivered at the
//! head of a queue, keepers made to pay rent, dust requests, fills that pay
//! nothing. Cash is deployed and returned by state injection
//! (`Env::inject_financing` / `inject_repayment` / `inject_revaluation`)
//! with a 0 % senior APR, so every price is exactly 1 USDC per share and
//! every figure below is exact.

use autofactor_client::constants::*;
use autofactor_client::events::*;
use autofactor_client::state::{PoolParams, Tranche, WithdrawalRequest};
use autofactor_client::{ix, pda, AutofactorError as E, TOKEN_PROGRAM_ID};
use autofactor_tests::*;
use solana_sdk::instruction::InstructionError;
use solana_sdk::signature::{Keypair, Signer};

/// SPL Token's `AccountFrozen` error.
const TOKEN_ACCOUNT_FROZEN: u32 = 17;

struct Queue {
    env: Env,
    keys: ix::PoolKeys,
    junior: Keypair,
    s1: Keypair,
    s2: Keypair,
}

/// A pool at 0 % senior APR: junior 1,000, seniors 1,000 and 500 USDC;
/// 2,400 USDC deployed, 100 USDC cash left.
async fn queue() -> Queue {
    let mut env = Env::new().await;
    let params = PoolParams { senior_apr_bps: 0, ..default_params() };
    let (_m, keys) = env.pool_with(params, default_policy()).await;
    let junior = env.investor(1_000 * USDC).await;
    let s1 = env.investor(1_000 * USDC).await;
    let s2 = env.investor(500 * USDC).await;
    env.deposit(&keys, &junior, Tranche::Junior, 1_000 * USDC).await;
    env.deposit(&keys, &s1, Tranche::Senior, 1_000 * USDC).await;
    env.deposit(&keys, &s2, Tranche::Senior, 500 * USDC).await;
    env.pass_holding_windows().await;
    env.inject_financing(&keys, 2_400 * USDC).await;
    Queue { env, keys, junior, s1, s2 }
}

impl Queue {
    /// `who` asks to redeem `shares` of `t`; returns the request's sequence.
    async fn request(&mut self, who: &Keypair, t: Tranche, shares: u64) -> u64 {
        let tail = self.env.pool_state(&self.keys).await.ledger.tranche(t).queue_tail;
        let out =
            self.env.ok(&[ix::tranche_withdraw(&self.keys, &who.pubkey(), t, shares, tail)], &[who]).await;
        assert_eq!(out.event::<WithdrawalQueued>().sequence, tail, "queued");
        tail
    }

    fn fill(&self, t: Tranche, seq: u64, investor: &Keypair) -> solana_sdk::instruction::Instruction {
        ix::withdrawal_fill(&self.keys, &self.env.payer().pubkey(), t, seq, &investor.pubkey())
    }

    async fn usdc(&mut self, owner: &Keypair) -> u64 {
        let ata = self.keys.usdc_ata(&owner.pubkey());
        self.env.token_balance(&ata).await
    }

    /// A USDC token account of `owner` that is not its associated one.
    async fn other_usdc_account(&mut self, owner: &Keypair) -> solana_sdk::pubkey::Pubkey {
        use anchor_spl::token::spl_token;
        let account = Keypair::new();
        let rent = self.env.ctx.banks_client.get_rent().await.unwrap().minimum_balance(165);
        let payer = self.env.payer();
        let ixs = [
            anchor_lang::solana_program::system_instruction::create_account(
                &payer.pubkey(),
                &account.pubkey(),
                rent,
                165,
                &TOKEN_PROGRAM_ID,
            ),
            spl_token::instruction::initialize_account3(
                &TOKEN_PROGRAM_ID,
                &account.pubkey(),
                &self.env.usdc_mint,
                &owner.pubkey(),
            )
            .unwrap(),
        ];
        self.env.ok(&ixs, &[&account]).await;
        account.pubkey()
    }
}

/// F-08: the USDC issuer freezes the account of the investor at the head of
/// the senior queue. The fill books the payout as owed and the queue moves
/// on: the next senior and the junior behind them are paid; the frozen
/// investor cannot cancel the parked request (its USDC would be lost), no
/// one else can claim it, a claim into the frozen account fails in the
/// token program, and a claim into another account of the investor's pays
/// exactly the 400 USDC owed and closes the request.
#[tokio::test]
async fn a_frozen_usdc_account_at_the_head_no_longer_blocks_the_queue() {
    let mut q = queue().await;
    let (s1, s2, junior) = (q.s1.insecure_clone(), q.s2.insecure_clone(), q.junior.insecure_clone());
    let keys = q.keys;
    assert_eq!(q.request(&s1, Tranche::Senior, 400 * USDC).await, 0);
    assert_eq!(q.request(&s2, Tranche::Senior, 300 * USDC).await, 1);
    assert_eq!(q.request(&junior, Tranche::Junior, 200 * USDC).await, 0);
    q.env.freeze_usdc_account(&s1.pubkey()).await;
    q.env.inject_repayment(&keys, 2_400 * USDC, 0).await;

    // The head is filled; its payout is owed, not sent.
    let fill = q.fill(Tranche::Senior, 0, &s1);
    let out = q.env.ok(&[fill], &[]).await;
    let f = out.event::<WithdrawalFilled>();
    assert_eq!((f.shares, f.amount_usdc, f.shares_remaining), (400 * USDC, 400 * USDC, 0));
    let owed = out.event::<WithdrawalPayoutOwed>();
    assert_eq!((owed.sequence, owed.amount_usdc, owed.usdc_claimable), (0, 400 * USDC, 400 * USDC));
    assert_eq!(q.usdc(&s1).await, 0);
    let request_key = pda::withdrawal_request(&keys.pool, Tranche::Senior, 0);
    let request: WithdrawalRequest = q.env.get(&request_key).await;
    assert_eq!(
        (request.shares_remaining, request.usdc_paid, request.usdc_claimable),
        (0, 400 * USDC, 400 * USDC)
    );
    let ledger = q.env.pool_state(&keys).await.ledger;
    assert_eq!(
        (ledger.senior.queue_head, ledger.cash_usdc, ledger.payouts_owed_usdc),
        (1, 2_100 * USDC, 400 * USDC)
    );
    assert_eq!(q.env.token_balance(&keys.vault).await, 2_500 * USDC);

    // The queue moved on: the next senior, then the junior, are paid.
    let fill = q.fill(Tranche::Senior, 1, &s2);
    assert_eq!(q.env.ok(&[fill], &[]).await.event::<WithdrawalFilled>().amount_usdc, 300 * USDC);
    assert_eq!(q.usdc(&s2).await, 300 * USDC);
    let fill = q.fill(Tranche::Junior, 0, &junior);
    assert_eq!(q.env.ok(&[fill], &[]).await.event::<WithdrawalFilled>().amount_usdc, 200 * USDC);
    assert_eq!(q.usdc(&junior).await, 200 * USDC);
    let ledger = q.env.pool_state(&keys).await.ledger;
    assert!(ledger.senior.queue_is_empty() && ledger.junior.queue_is_empty());
    assert_eq!((ledger.cash_usdc, ledger.payouts_owed_usdc), (1_600 * USDC, 400 * USDC));

    // Cancelling the parked request would lose the 400 USDC: refused.
    q.env
        .assert_program_error(
            &[ix::withdrawal_cancel(&keys, &s2.pubkey(), Tranche::Senior, 0)],
            &[&s2],
            E::NotRequestOwner,
        )
        .await;
    q.env
        .assert_program_error(
            &[ix::withdrawal_cancel(&keys, &s1.pubkey(), Tranche::Senior, 0)],
            &[&s1],
            E::ClaimPending,
        )
        .await;
    // Another investor cannot claim it.
    let s2_ata = keys.usdc_ata(&s2.pubkey());
    q.env
        .assert_program_error(
            &[ix::withdrawal_claim(&keys, &s2.pubkey(), Tranche::Senior, 0, &s2_ata)],
            &[&s2],
            E::NotRequestOwner,
        )
        .await;
    // Into the frozen account the token program refuses it.
    let s1_ata = keys.usdc_ata(&s1.pubkey());
    q.env
        .assert_failure(
            &[ix::withdrawal_claim(&keys, &s1.pubkey(), Tranche::Senior, 0, &s1_ata)],
            &[&s1],
            InstructionError::Custom(TOKEN_ACCOUNT_FROZEN),
        )
        .await;

    // Into another account of the investor's it is paid in full.
    let other = q.other_usdc_account(&s1).await;
    let lamports = q.env.account(&s1.pubkey()).await.unwrap().lamports;
    let rent = q.env.account(&request_key).await.unwrap().lamports;
    let out =
        q.env.ok(&[ix::withdrawal_claim(&keys, &s1.pubkey(), Tranche::Senior, 0, &other)], &[&s1]).await;
    let c = out.event::<WithdrawalClaimed>();
    assert_eq!((c.amount_usdc, c.destination, c.closed), (400 * USDC, other, true));
    assert_eq!(q.env.token_balance(&other).await, 400 * USDC);
    assert!(q.env.account(&request_key).await.is_none(), "request closed");
    assert_eq!(q.env.account(&s1.pubkey()).await.unwrap().lamports, lamports + rent);
    let ledger = q.env.pool_state(&keys).await.ledger;
    assert_eq!((ledger.cash_usdc, ledger.payouts_owed_usdc), (1_600 * USDC, 0));
    assert_eq!(q.env.token_balance(&keys.vault).await, 1_600 * USDC);
    // Nothing is owed any more: a second claim is refused.
    q.env
        .assert_failure(
            &[ix::withdrawal_claim(&keys, &s1.pubkey(), Tranche::Senior, 0, &other)],
            &[&s1],
            InstructionError::Custom(anchor_lang::error::ErrorCode::AccountNotInitialized.into()),
        )
        .await;
}

/// F-08 with a closed account, and F-11's rent drain: the investor closes
/// its USDC account after queueing. The keeper's fill creates nothing and
/// costs it nothing (before the fix it paid the new account's 2,039,280
/// lamports, which the investor could reclaim by closing it again); the
/// payout is owed until the investor claims it.
#[tokio::test]
async fn a_closed_usdc_account_costs_the_keeper_nothing() {
    use anchor_spl::token::spl_token;
    let mut q = queue().await;
    let (s1, s2) = (q.s1.insecure_clone(), q.s2.insecure_clone());
    let keys = q.keys;
    assert_eq!(q.request(&s1, Tranche::Senior, 400 * USDC).await, 0);
    assert_eq!(q.request(&s2, Tranche::Senior, 300 * USDC).await, 1);
    let s1_ata = keys.usdc_ata(&s1.pubkey());
    let close =
        spl_token::instruction::close_account(&TOKEN_PROGRAM_ID, &s1_ata, &s1.pubkey(), &s1.pubkey(), &[])
            .unwrap();
    q.env.ok(&[close], &[&s1]).await;
    assert!(q.env.account(&s1_ata).await.is_none());
    q.env.inject_repayment(&keys, 2_400 * USDC, 0).await;

    // A keeper of its own (the fee payer is someone else): not a lamport moves.
    let keeper = Keypair::new();
    q.env.airdrop(&keeper.pubkey(), 1_000_000_000).await;
    let fill = ix::withdrawal_fill(&keys, &keeper.pubkey(), Tranche::Senior, 0, &s1.pubkey());
    let out = q.env.ok(&[fill], &[&keeper]).await;
    assert_eq!(out.event::<WithdrawalPayoutOwed>().amount_usdc, 400 * USDC);
    assert_eq!(q.env.account(&keeper.pubkey()).await.unwrap().lamports, 1_000_000_000);
    assert!(q.env.account(&s1_ata).await.is_none(), "the keeper created no account");
    // The next request is paid at once.
    let fill = ix::withdrawal_fill(&keys, &keeper.pubkey(), Tranche::Senior, 1, &s2.pubkey());
    q.env.ok(&[fill], &[&keeper]).await;
    assert_eq!(q.usdc(&s2).await, 300 * USDC);
    assert_eq!(q.env.account(&keeper.pubkey()).await.unwrap().lamports, 1_000_000_000);

    // The investor re-creates its account at its own cost and claims.
    let usdc = q.env.usdc_mint;
    let create = anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account(
        &s1.pubkey(),
        &s1.pubkey(),
        &usdc,
        &TOKEN_PROGRAM_ID,
    );
    q.env.ok(&[create], &[&s1]).await;
    let out =
        q.env.ok(&[ix::withdrawal_claim(&keys, &s1.pubkey(), Tranche::Senior, 0, &s1_ata)], &[&s1]).await;
    assert_eq!(out.event::<WithdrawalClaimed>().amount_usdc, 400 * USDC);
    assert_eq!(q.usdc(&s1).await, 400 * USDC);
    assert_eq!(q.env.pool_state(&keys).await.ledger.payouts_owed_usdc, 0);
}

/// F-11: dust requests. A queued request worth less than 10 USDC is refused
/// with `WithdrawalTooSmall` (every account unchanged); exactly 10 USDC is
/// accepted; an immediate redemption of one share unit (nothing queued, no
/// keeper involved) is still allowed and pays exactly 1 micro-USDC.
#[tokio::test]
async fn dust_requests_are_refused() {
    let mut q = queue().await;
    let (junior, keys) = (q.junior.insecure_clone(), q.keys);
    // Cash returns: one share unit is redeemed at once.
    q.env.inject_repayment(&keys, 2_400 * USDC, 0).await;
    let out =
        q.env.ok(&[ix::tranche_withdraw(&keys, &junior.pubkey(), Tranche::Junior, 1, 0)], &[&junior]).await;
    assert_eq!(out.event::<Withdrawn>().amount_usdc, 1);
    // Cash deployed again: requests must queue.
    let cash = q.env.pool_state(&keys).await.ledger.cash_usdc;
    q.env.inject_financing(&keys, cash).await;
    assert_eq!(MIN_WITHDRAWAL_REQUEST_USDC, 10 * USDC);
    for shares in [1, 1_000, MIN_WITHDRAWAL_REQUEST_USDC - 1] {
        q.env
            .assert_program_error(
                &[ix::tranche_withdraw(&keys, &junior.pubkey(), Tranche::Junior, shares, 0)],
                &[&junior],
                E::WithdrawalTooSmall,
            )
            .await;
    }
    assert_eq!(q.request(&junior, Tranche::Junior, MIN_WITHDRAWAL_REQUEST_USDC).await, 0);
}

/// F-11: a fill at a tranche value of zero. Junior is wiped out for a while
/// (a write-down of 1,500 USDC leaves NAV 500 < senior claim 1,000): the
/// keeper's fill of a 500-share junior request is refused with
/// `TrancheWipedOut` instead of burning the shares for nothing; after the
/// write-back the same request is paid 500 USDC in full.
#[tokio::test]
async fn a_fill_at_a_worthless_price_is_refused_and_the_request_survives() {
    let mut env = Env::new().await;
    let params = PoolParams { senior_apr_bps: 0, ..default_params() };
    let (_m, keys) = env.pool_with(params, default_policy()).await;
    let junior = env.investor(1_000 * USDC).await;
    let senior = env.investor(1_000 * USDC).await;
    env.deposit(&keys, &junior, Tranche::Junior, 1_000 * USDC).await;
    env.deposit(&keys, &senior, Tranche::Senior, 1_000 * USDC).await;
    env.pass_holding_windows().await;
    env.inject_financing(&keys, 2_000 * USDC).await;
    env.ok(&[ix::tranche_withdraw(&keys, &junior.pubkey(), Tranche::Junior, 500 * USDC, 0)], &[&junior])
        .await;

    env.inject_revaluation(&keys, -(1_500 * USDC as i64)).await;
    env.inject_repayment(&keys, 400 * USDC, 0).await;
    let pool = env.pool_state(&keys).await;
    assert_eq!(pool.ledger.tranche_values().unwrap(), (500 * USDC, 0));
    assert_eq!(pool.ledger.cash_usdc, 400 * USDC);
    let fill = ix::withdrawal_fill(&keys, &env.payer().pubkey(), Tranche::Junior, 0, &junior.pubkey());
    env.assert_program_error(&[fill.clone()], &[], E::TrancheWipedOut).await;
    assert_eq!(env.pool_state(&keys).await.ledger.junior.shares_pending, 500 * USDC);

    // Recovery: the write-down is reversed and the cash returns.
    env.inject_revaluation(&keys, 1_500 * USDC as i64).await;
    env.inject_repayment(&keys, 1_600 * USDC, 0).await;
    let out = env.ok(&[fill], &[]).await;
    let f = out.event::<WithdrawalFilled>();
    assert_eq!((f.shares, f.amount_usdc, f.shares_remaining), (500 * USDC, 500 * USDC, 0));
    assert_eq!(env.token_balance(&keys.usdc_ata(&junior.pubkey())).await, 500 * USDC);
}

/// A keeper passes Token-2022 as the USDC token program for the SPL-Token
/// USDC (with the Token-2022-derived, missing, payout address) to push the
/// head's payout into "owed": refused with Anchor's
/// `ConstraintMintTokenProgram`, nothing changes, and the honest fill then
/// pays the investor's ATA the full 400 USDC.
#[tokio::test]
async fn a_keeper_cannot_pass_the_wrong_usdc_token_program_to_force_a_payout_owed() {
    use anchor_lang::error::ErrorCode as AnchorError;
    use autofactor_client::TOKEN_2022_PROGRAM_ID;
    let mut q = queue().await;
    let s1 = q.s1.insecure_clone();
    let keys = q.keys;
    assert_eq!(q.request(&s1, Tranche::Senior, 400 * USDC).await, 0);
    q.env.inject_repayment(&keys, 2_400 * USDC, 0).await;

    let fill = q.fill(Tranche::Senior, 0, &s1);
    let wrong_ata = pda::ata(&s1.pubkey(), &q.env.usdc_mint, &TOKEN_2022_PROGRAM_ID);
    let fill = substitute(fill, &TOKEN_PROGRAM_ID, &TOKEN_2022_PROGRAM_ID);
    let fill = substitute(fill, &keys.usdc_ata(&s1.pubkey()), &wrong_ata);
    q.env.assert_error(&[fill], &[], AnchorError::ConstraintMintTokenProgram.into()).await;
    let ledger = q.env.pool_state(&keys).await.ledger;
    assert_eq!((ledger.senior.queue_head, ledger.payouts_owed_usdc), (0, 0));

    let fill = q.fill(Tranche::Senior, 0, &s1);
    let out = q.env.ok(&[fill], &[]).await;
    assert_eq!(out.event::<WithdrawalFilled>().amount_usdc, 400 * USDC);
    assert!(out.events::<WithdrawalPayoutOwed>().is_empty());
    assert_eq!(q.usdc(&s1).await, 400 * USDC);
    assert_eq!(q.env.pool_state(&keys).await.ledger.payouts_owed_usdc, 0);
}

/// Cancelling a queued request into a share account of the investor's that
/// is not its Token-2022 ATA (thawed, as a pre-fix deposit left it) is
/// refused with `ConstraintAssociated`: shares only ever land in ATAs.
/// Nothing changes; the cancel into the ATA returns all 400 shares.
#[tokio::test]
async fn a_cancel_into_a_non_ata_share_account_is_refused() {
    use super::token2022::{force_thawed, non_ata_share_account};
    use anchor_lang::error::ErrorCode as AnchorError;
    let mut q = queue().await;
    let s1 = q.s1.insecure_clone();
    let keys = q.keys;
    assert_eq!(q.request(&s1, Tranche::Senior, 400 * USDC).await, 0);
    let a = non_ata_share_account(&mut q.env, &keys, Tranche::Senior, &s1.pubkey()).await;
    force_thawed(&mut q.env, &a).await;
    let ata = keys.shares_ata(&s1.pubkey(), Tranche::Senior);
    let cancel = ix::withdrawal_cancel(&keys, &s1.pubkey(), Tranche::Senior, 0);
    q.env
        .assert_error(&[substitute(cancel, &ata, &a)], &[&s1], AnchorError::ConstraintAssociated.into())
        .await;
    assert_eq!(q.env.token_balance(&a).await, 0);

    let before = q.env.token_balance(&ata).await;
    let cancel = ix::withdrawal_cancel(&keys, &s1.pubkey(), Tranche::Senior, 0);
    q.env.ok(&[cancel], &[&s1]).await;
    assert_eq!(q.env.token_balance(&ata).await, before + 400 * USDC);
    assert!(q.env.account(&pda::withdrawal_request(&keys.pool, Tranche::Senior, 0)).await.is_none());
}
