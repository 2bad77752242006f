//! Shared setting of the generic attack classes (signer, owner, account
//! relations, type cosplay, PDA sharing, program substitution, duplicate
//! accounts, close/revival, lifecycle skipping, …): two funded pools of two
//! managers, each with its own verifier, one supplier and one buyer, and
//! helpers to build the attack transactions.

use anchor_lang::error::ErrorCode as AnchorError;
use autofactor_client::constants::*;
use autofactor_client::ix;
use autofactor_client::state::Tranche;
use autofactor_tests::*;
use solana_sdk::account::Account;
use solana_sdk::instruction::{Instruction, InstructionError};
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

/// Two funded pools (A and B: 1,100 junior + 4,000 senior USDC each, a
/// junior ratio of 21.6%), their
/// managers and verifiers, two investors, a supplier and a buyer with
/// 100,000 USDC.
pub struct World {
    pub env: Env,
    pub manager: Keypair,
    pub pool: ix::PoolKeys,
    pub verifier: Keypair,
    pub manager_b: Keypair,
    pub pool_b: ix::PoolKeys,
    pub verifier_b: Keypair,
    pub junior: Keypair,
    pub senior: Keypair,
    pub supplier: Keypair,
    pub buyer: Keypair,
    next: u32,
}

/// Pool A's policy in [`world`]: the default with the buyer and supplier
/// concentration caps lifted (every attack invoice has the same buyer).
pub fn open_policy() -> autofactor_client::state::PoolPolicy {
    autofactor_client::state::PoolPolicy {
        max_buyer_concentration_bps: 10_000,
        max_supplier_concentration_bps: 10_000,
        ..default_policy()
    }
}

pub async fn world() -> World {
    world_with(default_params(), open_policy()).await
}

/// The credit-policy tests' market: pool A under `credit`, with no
/// concentration caps and no junior minimum (so only the credit rules
/// decide).
pub async fn credit_world(credit: autofactor_client::state::CreditPolicy) -> World {
    let policy = autofactor_client::state::PoolPolicy {
        max_buyer_concentration_bps: 10_000,
        max_supplier_concentration_bps: 10_000,
        credit,
        ..default_policy()
    };
    world_with(autofactor_client::state::PoolParams { min_junior_ratio_bps: 0, ..default_params() }, policy)
        .await
}

/// The documented discount: ⌈face × APR × seconds to due / (10⁴ ×
/// 31,536,000)⌉ micro-USDC.
pub fn documented_discount_usdc(face_usdc: u64, apr_bps: u16, secs: i64) -> u64 {
    const YEAR_SECS: u128 = 31_536_000;
    (face_usdc as u128 * apr_bps as u128 * secs as u128).div_ceil(10_000 * YEAR_SECS) as u64
}

/// As [`world`] with pool A created with `params` and `policy`.
pub async fn world_with(
    params: autofactor_client::state::PoolParams,
    policy: autofactor_client::state::PoolPolicy,
) -> World {
    let mut env = Env::new().await;
    // The generic attack classes are not about the holding period
    // (attacks::round_trips is): with none, the pools finance and redeem at
    // the deposit instant, with junior at exactly 20 % of NAV.
    let params = autofactor_client::state::PoolParams { min_hold_secs: 0, ..params };
    let (manager, pool) = env.pool_with(params, policy).await;
    let (manager_b, pool_b) = env
        .pool_with(
            autofactor_client::state::PoolParams { min_hold_secs: 0, ..default_params() },
            default_policy(),
        )
        .await;
    let junior = env.investor(3_000 * USDC).await;
    let senior = env.investor(8_000 * USDC).await;
    for p in [&pool, &pool_b] {
        env.deposit(p, &junior, Tranche::Junior, 1_100 * USDC).await;
        env.deposit(p, &senior, Tranche::Senior, 4_000 * USDC).await;
    }
    let verifier = env.pool_verifier(&pool, &manager).await;
    let verifier_b = env.pool_verifier(&pool_b, &manager_b).await;
    let supplier = env.user(ROLE_SUPPLIER).await;
    let buyer = env.user(ROLE_BUYER).await;
    env.mint_usdc(&buyer.pubkey(), 100_000 * USDC).await;
    let usdc = env.usdc_mint;
    env.create_ata(&supplier.pubkey(), &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
    let treasury = env.treasury.pubkey();
    for wallet in [treasury, manager.pubkey(), manager_b.pubkey()] {
        env.create_ata(&wallet, &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
    }
    World {
        env,
        manager,
        pool,
        verifier,
        manager_b,
        pool_b,
        verifier_b,
        junior,
        senior,
        supplier,
        buyer,
        next: 0,
    }
}

impl World {
    /// Terms of a fresh USD invoice (unique number) of `face_cents`, due in `days`.
    pub async fn terms(&mut self, face_cents: u64, days: i64) -> ix::NewInvoice {
        self.next += 1;
        let number = format!("ATK-{}-{}", self.next, Keypair::new().pubkey());
        self.env.usd_terms(&number[..40], face_cents, days).await
    }

    /// A created (not acknowledged) invoice in `pool`.
    pub async fn created(&mut self, pool: ix::PoolKeys) -> TestInvoice {
        let terms = self.terms(1_000_00, 60).await;
        let (s, b) = (self.supplier.insecure_clone(), self.buyer.pubkey());
        self.env.new_invoice(&pool, &s, &b, terms).await
    }

    /// A verified invoice of `face_cents` in pool A (score 900).
    pub async fn verified_face(&mut self, face_cents: u64, days: i64) -> TestInvoice {
        let terms = self.terms(face_cents, days).await;
        let (s, b, v, p) = (
            self.supplier.insecure_clone(),
            self.buyer.insecure_clone(),
            self.verifier.insecure_clone(),
            self.pool,
        );
        self.env.verified_invoice(&p, &s, &b, &v, terms, 900).await
    }

    /// A verified 1,000 USD invoice due in 60 days in pool A.
    pub async fn verified(&mut self) -> TestInvoice {
        self.verified_face(1_000_00, 60).await
    }

    /// A verified invoice in pool B.
    pub async fn verified_b(&mut self) -> TestInvoice {
        let terms = self.terms(1_000_00, 60).await;
        let (s, b, v, p) = (
            self.supplier.insecure_clone(),
            self.buyer.insecure_clone(),
            self.verifier_b.insecure_clone(),
            self.pool_b,
        );
        self.env.verified_invoice(&p, &s, &b, &v, terms, 900).await
    }

    /// A financed 1,000 USD invoice in pool A.
    pub async fn financed(&mut self) -> TestInvoice {
        let inv = self.verified().await;
        let s = self.supplier.insecure_clone();
        self.env.finance(&inv, &s).await;
        inv
    }

    /// `pool`'s ledger accrued to the bank's current time: what the next
    /// instruction sees (for exact expected payouts).
    pub async fn accrued(&mut self, pool: &ix::PoolKeys) -> autofactor_client::state::PoolLedger {
        let state = self.env.pool_state(pool).await;
        let now = self.env.now().await;
        let mut l = state.ledger;
        l.accrue(state.params.senior_apr_bps, now).expect("accrue");
        l
    }

    /// The buyer repays the whole invoice.
    pub async fn repay_all(&mut self, inv: &TestInvoice) {
        let b = self.buyer.insecure_clone();
        let face = inv.terms.face_minor;
        self.env.ok(&[ix::invoice_repay(&inv.keys, &b.pubkey(), face, face * 10_000)], &[&b]).await;
    }

    /// A repaid (not yet settled) invoice in pool A.
    pub async fn repaid(&mut self) -> TestInvoice {
        let inv = self.financed().await;
        self.repay_all(&inv).await;
        inv
    }

    /// Queues a senior withdrawal of `shares` in `pool` by deploying all its
    /// cash first (state injection, see [`Env::inject_financing`]); returns
    /// the request's sequence number.
    pub async fn queued_senior(&mut self, pool: ix::PoolKeys, shares: u64) -> u64 {
        let cash = self.env.pool_state(&pool).await.ledger.cash_usdc;
        if cash > 0 {
            self.env.inject_financing(&pool, cash).await;
        }
        let tail = self.env.pool_state(&pool).await.ledger.senior.queue_tail;
        let s = self.senior.insecure_clone();
        self.env.ok(&[ix::tranche_withdraw(&pool, &s.pubkey(), Tranche::Senior, shares, tail)], &[&s]).await;
        assert_eq!(self.env.pool_state(&pool).await.ledger.senior.queue_tail, tail + 1, "queued");
        tail
    }

    /// Puts a copy of `from`'s account at a new address, owned by `owner`.
    pub async fn clone_account(&mut self, from: &Pubkey, owner: &Pubkey) -> Pubkey {
        let acc = self.env.account(from).await.expect("account to clone");
        let at = Pubkey::new_unique();
        let copy = Account { owner: *owner, ..acc };
        self.env.ctx.set_account(&at, &copy.into());
        at
    }

    /// Rewrites the Anchor account at `key` in place (same lamports and
    /// owner) after `f` edits its decoded state.
    pub async fn rewrite<T>(&mut self, key: &Pubkey, f: impl FnOnce(&mut T))
    where
        T: anchor_lang::AccountSerialize + anchor_lang::AccountDeserialize,
    {
        let mut acc = self.env.account(key).await.expect("account to rewrite");
        let mut state: T = autofactor_client::decode::account(&acc.data).expect("decode");
        f(&mut state);
        let mut data = Vec::new();
        state.try_serialize(&mut data).unwrap();
        acc.data[..data.len()].copy_from_slice(&data);
        self.env.ctx.set_account(key, &acc.into());
    }

    /// Sends lamports to `to` (which may be a closed account's address).
    pub async fn fund(&mut self, to: &Pubkey, lamports: u64) {
        self.env.airdrop(to, lamports).await;
    }
}

/// An Anchor framework error as the runtime reports it.
pub fn anchor(e: AnchorError) -> InstructionError {
    InstructionError::Custom(e.into())
}

/// One of our program errors as the runtime reports it.
pub fn program(e: autofactor_client::AutofactorError) -> InstructionError {
    InstructionError::Custom(autofactor_client::error_code(e))
}

/// `ix` with `key` no longer marked as a signer.
pub fn unsigned(mut ix: Instruction, key: &Pubkey) -> Instruction {
    let mut found = false;
    for m in ix.accounts.iter_mut() {
        if m.pubkey == *key {
            m.is_signer = false;
            found = true;
        }
    }
    assert!(found, "{key} is not an account of the instruction");
    ix
}

/// `ix` with its `index`-th account replaced by `new` (keeps the flags).
pub fn replace_at(mut ix: Instruction, index: usize, new: &Pubkey) -> Instruction {
    ix.accounts[index].pubkey = *new;
    ix
}

/// Index of the first account of `ix` equal to `key`.
pub fn index_of(ix: &Instruction, key: &Pubkey) -> usize {
    ix.accounts
        .iter()
        .position(|m| m.pubkey == *key)
        .unwrap_or_else(|| panic!("{key} not in the instruction"))
}

/// `ix` with the first occurrence of `old` replaced by `new` (only that
/// position; other occurrences are kept).
pub fn replace_first(ix: Instruction, old: &Pubkey, new: &Pubkey) -> Instruction {
    let i = index_of(&ix, old);
    replace_at(ix, i, new)
}

/// One attack case: a name, the transaction, its signers, the exact error.
pub struct Case {
    pub name: &'static str,
    pub ixs: Vec<Instruction>,
    pub signers: Vec<Keypair>,
    pub expected: InstructionError,
}

impl Case {
    pub fn new(
        name: &'static str,
        ix: Instruction,
        signers: &[&Keypair],
        expected: InstructionError,
    ) -> Self {
        Case { name, ixs: vec![ix], signers: signers.iter().map(|k| k.insecure_clone()).collect(), expected }
    }
}

/// Runs every case through [`Env::assert_failure`] (exact error, every
/// account unchanged) and returns how many ran.
pub async fn run(env: &mut Env, cases: Vec<Case>) -> usize {
    let n = cases.len();
    // AUTOFACTOR_ATTACK_PROBE=1 prints what each case does instead of
    // asserting (to write the table of a new class); never set in CI.
    let probe = std::env::var("AUTOFACTOR_ATTACK_PROBE").is_ok();
    for case in cases {
        eprintln!("attack case: {}", case.name);
        let signers: Vec<&Keypair> = case.signers.iter().collect();
        if probe {
            let got = env.send(&case.ixs, &signers).await.err();
            eprintln!("PROBE {}: got {got:?}, expected {:?}", case.name, case.expected);
            continue;
        }
        env.assert_failure(&case.ixs, &signers, case.expected.clone()).await;
    }
    n
}
