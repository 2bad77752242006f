//! F-09: the pause and identity matrix. Every instruction of the program is
//! run under a protocol pause, under a pool pause and with the acting
//! wallet's identity revoked (and once with none of these, to show each row's
//! transaction is otherwise valid), and the outcome is asserted: allowed
//! (the transaction succeeds) or refused with the exact error and every
//! account unchanged.
//!
//! The table below is the specification: `MATRIX` must name every
//! instruction of `programs/autofactor/src/lib.rs`, and docs/ARCHITECTURE.md
//! ("Pause semantics") must contain the table rendered from it verbatim.

use autofactor_client::constants::*;
use autofactor_client::state::{CurrencyTerms, PoolPolicy, QuoteDirection, Tranche};
use autofactor_client::{ix, AutofactorError as E};
use autofactor_tests::*;
use solana_sdk::instruction::Instruction;
use solana_sdk::signature::{Keypair, Signer};
use std::collections::BTreeMap;

/// What the matrix asserts for one instruction under one condition.
#[derive(Clone, Copy, Debug)]
enum Outcome {
    /// The transaction succeeds.
    Allowed,
    /// Refused with this error; every account unchanged.
    Refused(E),
    /// `protocol_initialize` runs once, before any pause or pool exists:
    /// afterwards it always fails because the configuration exists.
    Once,
}

use Outcome::*;

/// The conditions of the matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Condition {
    /// None (each row's transaction is valid).
    Baseline,
    /// `protocol_set_paused(true)`.
    ProtocolPaused,
    /// `pool_set_paused(true)` on the pool the rows act on.
    PoolPaused,
    /// The identity records of the manager, the investors, the supplier,
    /// the buyer and the verifier are revoked.
    IdentityLapsed,
}

/// One row: instruction (as in lib.rs; a parenthesis names a variant), the
/// actor whose identity the third column revokes, and the outcome under a
/// protocol pause, a pool pause and a lapsed identity. Rows run in this order.
struct Row {
    instruction: &'static str,
    actor: &'static str,
    protocol_paused: Outcome,
    pool_paused: Outcome,
    identity_lapsed: Outcome,
}

const fn row(
    instruction: &'static str,
    actor: &'static str,
    protocol_paused: Outcome,
    pool_paused: Outcome,
    identity_lapsed: Outcome,
) -> Row {
    Row { instruction, actor, protocol_paused, pool_paused, identity_lapsed }
}

const PP: Outcome = Refused(E::ProtocolPaused);
const POOL: Outcome = Refused(E::PoolPaused);
const REVOKED: Outcome = Refused(E::IdentityRevoked);

const MATRIX: &[Row] = &[
    row("protocol_initialize", "deployer", Once, Once, Once),
    row("protocol_update", "admin", Allowed, Allowed, Allowed),
    row("protocol_set_usdc_guard", "admin", Allowed, Allowed, Allowed),
    row("issuer_register", "admin", Allowed, Allowed, Allowed),
    row("issuer_set_active", "admin", Allowed, Allowed, Allowed),
    row("identity_issue", "issuer", Allowed, Allowed, Allowed),
    row("identity_update", "issuer", Allowed, Allowed, Allowed),
    row("identity_revoke", "issuer", Allowed, Allowed, Allowed),
    // Keeper actions on past-due invoices run first: deposits, immediate
    // redemptions and fills need every passed deadline applied.
    row("invoice_mature", "keeper", Allowed, Allowed, Allowed),
    row("invoice_mark_late", "keeper", Allowed, Allowed, Allowed),
    row("invoice_write_down", "keeper", Allowed, Allowed, Allowed),
    row("pool_create", "manager", PP, Allowed, REVOKED),
    row("pool_update_config", "manager", PP, Allowed, REVOKED),
    row("pool_currency_set", "manager", PP, Allowed, REVOKED),
    row("pool_currency_remove", "manager", PP, Allowed, REVOKED),
    row("pool_verifier_add", "manager", PP, Allowed, REVOKED),
    row("pool_verifier_remove", "manager", PP, Allowed, REVOKED),
    row("pool_refresh", "keeper", PP, POOL, Allowed),
    row("tranche_account_thaw", "investor", PP, POOL, REVOKED),
    row("tranche_account_freeze", "keeper", Allowed, Allowed, Allowed),
    row("tranche_deposit", "investor", PP, POOL, REVOKED),
    row("tranche_withdraw", "investor", PP, POOL, REVOKED),
    row("withdrawal_fill", "keeper", PP, POOL, Allowed),
    row("withdrawal_cancel", "investor", PP, POOL, Allowed),
    row("pool_collect_fees", "keeper", Allowed, Allowed, Allowed),
    row("invoice_create", "supplier", PP, POOL, REVOKED),
    row("invoice_acknowledge", "buyer", PP, POOL, REVOKED),
    row("invoice_dispute", "buyer", PP, POOL, REVOKED),
    row("invoice_attest", "verifier", PP, POOL, REVOKED),
    row("invoice_cancel", "supplier", Allowed, Allowed, Allowed),
    row("invoice_finance", "supplier", PP, POOL, REVOKED),
    row("invoice_repay", "anyone", Allowed, Allowed, Allowed),
    row("invoice_settle", "keeper", Allowed, Allowed, Allowed),
    row("invoice_close_defaulted", "keeper", Allowed, Allowed, Allowed),
    row("invoice_claim_reserve", "supplier", Allowed, Allowed, Allowed),
    row("withdrawal_claim", "investor", Allowed, Allowed, Allowed),
    row("protocol_admin_propose", "admin", Allowed, Allowed, Allowed),
    row("protocol_admin_accept", "new admin", Allowed, Allowed, Allowed),
    row("pool_set_paused (pause)", "manager", Allowed, Refused(E::PoolPauseUnchanged), Allowed),
    row("pool_set_paused (unpause)", "manager", PP, Allowed, REVOKED),
    row("protocol_set_paused", "admin", Allowed, Allowed, Allowed),
];

impl Row {
    fn outcome(&self, c: Condition) -> Outcome {
        match c {
            Condition::Baseline => match self.protocol_paused {
                Once => Once,
                _ => Allowed,
            },
            Condition::ProtocolPaused => self.protocol_paused,
            Condition::PoolPaused => self.pool_paused,
            Condition::IdentityLapsed => self.identity_lapsed,
        }
    }
}

fn cell(o: Outcome) -> String {
    match o {
        Allowed => "allowed".into(),
        Refused(e) => format!("`{e:?}`"),
        Once => "n/a (runs once)".into(),
    }
}

/// The matrix as the Markdown table docs/ARCHITECTURE.md carries.
fn markdown() -> String {
    let mut s = String::from(
        "| instruction | actor | protocol paused | pool paused | actor's identity revoked |\n|---|---|---|---|---|\n",
    );
    for r in MATRIX {
        let name = match r.instruction.split_once(' ') {
            Some((n, v)) => format!("`{n}` {v}"),
            None => format!("`{}`", r.instruction),
        };
        s.push_str(&format!(
            "| {name} | {} | {} | {} | {} |\n",
            r.actor,
            cell(r.protocol_paused),
            cell(r.pool_paused),
            cell(r.identity_lapsed)
        ));
    }
    s
}

/// Instruction names of the `#[program]` module in lib.rs.
fn program_instructions() -> Vec<String> {
    let src = include_str!("../../../../programs/autofactor/src/lib.rs");
    src.lines()
        .filter_map(|l| l.trim().strip_prefix("pub fn "))
        .filter(|l| l.contains("(ctx: Context<"))
        .map(|l| l[..l.find('(').unwrap()].to_string())
        .collect()
}

#[test]
fn the_matrix_covers_every_instruction_and_is_the_documented_one() {
    let mut listed: Vec<String> =
        MATRIX.iter().map(|r| r.instruction.split(' ').next().unwrap().to_string()).collect();
    listed.dedup();
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    let mut program = program_instructions();
    assert!(program.len() >= 37, "parsed {} instructions from lib.rs", program.len());
    program.sort();
    assert_eq!(listed_sorted, program, "MATRIX must list every instruction of lib.rs exactly once");
    let docs = include_str!("../../../../docs/ARCHITECTURE.md");
    let table = markdown();
    assert!(docs.contains(&table), "docs/ARCHITECTURE.md must contain the pause matrix verbatim:\n{table}");
}

fn sek_terms() -> CurrencyTerms {
    CurrencyTerms {
        code: *b"SEK",
        decimals: 2,
        feed_id: [5; 32],
        direction: QuoteDirection::UsdCcy,
        max_age_secs: 60,
        max_conf_bps: 50,
        min_usdc_per_unit: 50_000,
        max_usdc_per_unit: 200_000,
    }
}

/// Everything the rows act on.
struct World {
    env: Env,
    admin: Keypair,
    new_admin: Keypair,
    manager: Keypair,
    pool: ix::PoolKeys,
    verifier: Keypair,
    verifier_out: Keypair,
    verifier_in: Keypair,
    supplier: Keypair,
    buyer: Keypair,
    senior: Keypair,
    claimer: Keypair,
    newcomer: Keypair,
    lapsed: Keypair,
    wallet_update: Keypair,
    wallet_revoke: Keypair,
    issuer2: Keypair,
    invoices: BTreeMap<&'static str, TestInvoice>,
}

impl World {
    async fn new() -> Self {
        let mut env = Env::new().await;
        let admin = env.admin.insecure_clone();
        let payer = env.payer();
        let (manager, pool) = env.pool().await;
        // Junior large enough to stay above 20 % through ~10 months of
        // senior accrual and one default.
        let junior = env.investor(2_000 * USDC).await;
        env.deposit(&pool, &junior, Tranche::Junior, 2_000 * USDC).await;
        let lapsed = env.investor(100 * USDC).await;
        env.deposit(&pool, &lapsed, Tranche::Junior, 100 * USDC).await;
        let senior = env.investor(4_000 * USDC).await;
        env.deposit(&pool, &senior, Tranche::Senior, 4_000 * USDC).await;
        let claimer = env.investor(200 * USDC).await;
        env.deposit(&pool, &claimer, Tranche::Senior, 200 * USDC).await;
        env.pass_holding_windows().await;
        let newcomer = env.investor(100 * USDC).await;
        env.ok(
            &[
                ix::create_shares_ata(&payer.pubkey(), &newcomer.pubkey(), &pool, Tranche::Junior),
                ix::create_shares_ata(&payer.pubkey(), &newcomer.pubkey(), &pool, Tranche::Senior),
            ],
            &[],
        )
        .await;
        let verifier = env.pool_verifier(&pool, &manager).await;
        let verifier_out = env.pool_verifier(&pool, &manager).await;
        let verifier_in = env.user(ROLE_VERIFIER).await;
        let supplier = env.user(ROLE_SUPPLIER).await;
        let buyer = env.user(ROLE_BUYER).await;
        env.mint_usdc(&buyer.pubkey(), 10_000 * USDC).await;
        let usdc = env.usdc_mint;
        let treasury = env.treasury.pubkey();
        env.create_ata(&treasury, &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
        env.create_ata(&manager.pubkey(), &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
        env.ok(&[ix::pool_currency_set(&manager.pubkey(), &pool.pool, sek_terms())], &[&manager]).await;

        let mut invoices = BTreeMap::new();
        // An invoice defaulted and past its recovery period (closable).
        let t = env.usd_terms("PM-close_defaulted", 100_00, 10).await;
        let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 900).await;
        env.finance(&inv, &supplier).await;
        let close_after = env.invoice_state(&inv).await.close_after_ts;
        let now = env.now().await;
        env.warp_seconds(close_after - now + 1).await;
        env.ok(&[ix::invoice_mark_late(&inv.keys, &payer.pubkey())], &[]).await;
        assert_eq!(env.invoice_state(&inv).await.status, autofactor_client::state::InvoiceStatus::Defaulted);
        invoices.insert("close_defaulted", inv);
        // Three queued senior requests — 0: the claimer's, filled while its
        // USDC account is closed (the payout is owed, claimed by a row);
        // 1: filled by a row; 2: cancelled by a row. Cash is deployed for a
        // moment so that the requests queue.
        let cash = env.pool_state(&pool).await.ledger.cash_usdc;
        env.inject_financing(&pool, cash - 10 * USDC).await;
        for (who, shares) in [(&claimer, 20 * USDC), (&senior, 100 * USDC), (&senior, 50 * USDC)] {
            let tail = env.pool_state(&pool).await.ledger.senior.queue_tail;
            env.ok(&[ix::tranche_withdraw(&pool, &who.pubkey(), Tranche::Senior, shares, tail)], &[who])
                .await;
        }
        env.inject_repayment(&pool, cash - 10 * USDC, 0).await;
        assert_eq!(env.pool_state(&pool).await.ledger.senior.queue_tail, 3);
        let claimer_usdc = pool.usdc_ata(&claimer.pubkey());
        env.ok(
            &[anchor_spl::token::spl_token::instruction::close_account(
                &autofactor_client::TOKEN_PROGRAM_ID,
                &claimer_usdc,
                &claimer.pubkey(),
                &claimer.pubkey(),
                &[],
            )
            .unwrap()],
            &[&claimer],
        )
        .await;
        env.ok(&[ix::withdrawal_fill(&pool, &payer.pubkey(), Tranche::Senior, 0, &claimer.pubkey())], &[])
            .await;
        env.create_ata(&claimer.pubkey(), &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
        for (name, due_days) in
            [("mature", 10), ("mark_late", 10), ("write_down", 10), ("repay", 60), ("settle", 60)]
        {
            let t = env.usd_terms(&format!("PM-{name}"), 100_00, due_days).await;
            let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 900).await;
            env.finance(&inv, &supplier).await;
            invoices.insert(name, inv);
        }
        env.warp_seconds(16 * 86_400).await;
        env.ok(&[ix::invoice_mark_late(&invoices["write_down"].keys, &payer.pubkey())], &[]).await;
        env.ok(&[ix::invoice_repay(&invoices["settle"].keys, &buyer.pubkey(), 100_00, u64::MAX)], &[&buyer])
            .await;
        // An invoice settled while the issuer froze the supplier's USDC
        // account: `Closed`, its reserve owed (claimed by a row once the
        // account is thawed again).
        let t = env.usd_terms("PM-claim_reserve", 100_00, 60).await;
        let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 700).await;
        env.finance(&inv, &supplier).await;
        env.ok(&[ix::invoice_repay(&inv.keys, &buyer.pubkey(), 100_00, u64::MAX)], &[&buyer]).await;
        env.freeze_usdc_account(&supplier.pubkey()).await;
        env.ok(&[ix::invoice_settle(&inv.keys, &payer.pubkey())], &[]).await;
        assert_eq!(env.invoice_state(&inv).await.status, autofactor_client::state::InvoiceStatus::Closed);
        let auth = env.usdc_authority.insecure_clone();
        let thaw = anchor_spl::token::spl_token::instruction::thaw_account(
            &autofactor_client::TOKEN_PROGRAM_ID,
            &pool.usdc_ata(&supplier.pubkey()),
            &usdc,
            &auth.pubkey(),
            &[],
        )
        .unwrap();
        env.ok(&[thaw], &[&auth]).await;
        invoices.insert("claim_reserve", inv);
        for name in ["acknowledge", "dispute", "cancel"] {
            let t = env.usd_terms(&format!("PM-{name}"), 100_00, 60).await;
            let inv = env.new_invoice(&pool, &supplier, &buyer.pubkey(), t).await;
            invoices.insert(name, inv);
        }
        let t = env.usd_terms("PM-attest", 100_00, 60).await;
        let inv = env.new_invoice(&pool, &supplier, &buyer.pubkey(), t).await;
        env.ok(&[ix::invoice_acknowledge(&inv.keys)], &[&buyer]).await;
        invoices.insert("attest", inv);
        let t = env.usd_terms("PM-finance", 100_00, 60).await;
        let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 900).await;
        invoices.insert("finance", inv);

        let issuer = env.issuer.insecure_clone();
        env.ok(&[ix::identity_revoke(&issuer.pubkey(), &lapsed.pubkey())], &[&issuer]).await;
        let wallet_update = env.user(ROLE_INVESTOR).await;
        let wallet_revoke = env.user(ROLE_INVESTOR).await;
        World {
            env,
            admin,
            new_admin: Keypair::new(),
            manager,
            pool,
            verifier,
            verifier_out,
            verifier_in,
            supplier,
            buyer,
            senior,
            claimer,
            newcomer,
            lapsed,
            wallet_update,
            wallet_revoke,
            issuer2: Keypair::new(),
            invoices,
        }
    }

    async fn apply(&mut self, c: Condition) {
        let issuer = self.env.issuer.insecure_clone();
        match c {
            Condition::Baseline => {}
            Condition::ProtocolPaused => {
                let admin = self.admin.insecure_clone();
                self.env.ok(&[ix::protocol_set_paused(&admin.pubkey(), true)], &[&admin]).await;
            }
            Condition::PoolPaused => {
                let m = self.manager.insecure_clone();
                self.env.ok(&[ix::pool_set_paused(&m.pubkey(), &self.pool.pool, true)], &[&m]).await;
            }
            Condition::IdentityLapsed => {
                for w in [
                    &self.manager,
                    &self.senior,
                    &self.claimer,
                    &self.newcomer,
                    &self.supplier,
                    &self.buyer,
                    &self.verifier,
                ] {
                    let w = w.pubkey();
                    self.env.ok(&[ix::identity_revoke(&issuer.pubkey(), &w)], &[&issuer]).await;
                }
            }
        }
    }

    /// The transaction of one row (preparing what it needs first).
    async fn transaction(&mut self, instruction: &str) -> (Vec<Instruction>, Vec<Keypair>) {
        let env = &mut self.env;
        let keeper = env.payer();
        let admin = self.admin.insecure_clone();
        let issuer = env.issuer.insecure_clone();
        let m = self.manager.insecure_clone();
        let pool = self.pool;
        let now = env.now().await;
        let inv = |n: &str| self.invoices[n].clone();
        match instruction {
            "protocol_initialize" => (
                vec![ix::protocol_initialize(&admin.pubkey(), &env.usdc_mint, &env.treasury.pubkey(), 1_000)],
                vec![admin],
            ),
            "protocol_update" => {
                (vec![ix::protocol_update(&admin.pubkey(), 1_000, &env.treasury.pubkey())], vec![admin])
            }
            "protocol_set_usdc_guard" => {
                (vec![ix::protocol_set_usdc_guard(&admin.pubkey(), [0; 32], 0, 0)], vec![admin])
            }
            "issuer_register" => (
                vec![ix::issuer_register(&admin.pubkey(), &self.issuer2.pubkey(), "Second KYC")],
                vec![admin],
            ),
            "issuer_set_active" => {
                (vec![ix::issuer_set_active(&admin.pubkey(), &self.issuer2.pubkey(), false)], vec![admin])
            }
            "identity_issue" => (
                vec![ix::identity_issue(
                    &issuer.pubkey(),
                    &Keypair::new().pubkey(),
                    identity_terms(ROLE_INVESTOR, now + 86_400),
                )],
                vec![issuer],
            ),
            "identity_update" => (
                vec![ix::identity_update(
                    &issuer.pubkey(),
                    &self.wallet_update.pubkey(),
                    identity_terms(ROLE_INVESTOR | ROLE_BUYER, now + 86_400),
                )],
                vec![issuer],
            ),
            "identity_revoke" => {
                (vec![ix::identity_revoke(&issuer.pubkey(), &self.wallet_revoke.pubkey())], vec![issuer])
            }
            "pool_create" => (
                vec![ix::pool_create(&m.pubkey(), &env.usdc_mint, 2, default_params(), default_policy())],
                vec![m],
            ),
            "pool_update_config" => (
                vec![ix::pool_update_config(
                    &m.pubkey(),
                    &pool.pool,
                    default_params(),
                    PoolPolicy { max_invoice_usdc: 500_000 * USDC, ..default_policy() },
                )],
                vec![m],
            ),
            "pool_currency_set" => (
                vec![ix::pool_currency_set(
                    &m.pubkey(),
                    &pool.pool,
                    CurrencyTerms { code: *b"DKK", ..sek_terms() },
                )],
                vec![m],
            ),
            "pool_currency_remove" => {
                (vec![ix::pool_currency_remove(&m.pubkey(), &pool.pool, b"SEK")], vec![m])
            }
            "pool_verifier_add" => {
                (vec![ix::pool_verifier_add(&m.pubkey(), &pool.pool, &self.verifier_in.pubkey())], vec![m])
            }
            "pool_verifier_remove" => (
                vec![ix::pool_verifier_remove(&m.pubkey(), &pool.pool, &self.verifier_out.pubkey())],
                vec![m],
            ),
            "pool_refresh" => (vec![ix::pool_refresh(&pool.pool)], vec![]),
            "tranche_account_thaw" => {
                (vec![ix::tranche_account_thaw(&pool, &self.newcomer.pubkey(), Tranche::Senior)], vec![])
            }
            "tranche_account_freeze" => {
                (vec![ix::tranche_account_freeze(&pool, &self.lapsed.pubkey(), Tranche::Junior)], vec![])
            }
            "tranche_deposit" => (
                vec![ix::tranche_deposit(&pool, &self.newcomer.pubkey(), Tranche::Junior, 10 * USDC, 0)],
                vec![self.newcomer.insecure_clone()],
            ),
            "tranche_withdraw" => {
                let tail = env.pool_state(&pool).await.ledger.senior.queue_tail;
                (
                    vec![ix::tranche_withdraw(
                        &pool,
                        &self.senior.pubkey(),
                        Tranche::Senior,
                        10 * USDC,
                        tail,
                    )],
                    vec![self.senior.insecure_clone()],
                )
            }
            "withdrawal_fill" => (
                vec![ix::withdrawal_fill(&pool, &keeper.pubkey(), Tranche::Senior, 1, &self.senior.pubkey())],
                vec![],
            ),
            "withdrawal_cancel" => (
                vec![ix::withdrawal_cancel(&pool, &self.senior.pubkey(), Tranche::Senior, 2)],
                vec![self.senior.insecure_clone()],
            ),
            "pool_collect_fees" => {
                (vec![ix::pool_collect_fees(&pool, &env.treasury.pubkey(), &m.pubkey())], vec![])
            }
            "invoice_create" => {
                let t = env.usd_terms("PM-create", 100_00, 60).await;
                let asset = Keypair::new();
                let keys = env
                    .invoice_keys(&pool, &asset.pubkey(), &self.supplier.pubkey(), &self.buyer.pubkey())
                    .await;
                (vec![ix::invoice_create(&keys, &t)], vec![self.supplier.insecure_clone(), asset])
            }
            "invoice_acknowledge" => {
                (vec![ix::invoice_acknowledge(&inv("acknowledge").keys)], vec![self.buyer.insecure_clone()])
            }
            "invoice_dispute" => {
                (vec![ix::invoice_dispute(&inv("dispute").keys, [9; 32])], vec![self.buyer.insecure_clone()])
            }
            "invoice_attest" => (
                vec![ix::invoice_attest(&inv("attest").keys, &self.verifier.pubkey(), [7; 32], 900)],
                vec![self.verifier.insecure_clone()],
            ),
            "invoice_cancel" => {
                let i = inv("cancel");
                (
                    vec![ix::invoice_cancel(&i.keys, &i.terms.document_hash, &i.terms.invoice_number)],
                    vec![self.supplier.insecure_clone()],
                )
            }
            "invoice_finance" => {
                (vec![ix::invoice_finance(&inv("finance").keys, 0)], vec![self.supplier.insecure_clone()])
            }
            "invoice_repay" => (
                vec![ix::invoice_repay(&inv("repay").keys, &self.buyer.pubkey(), 10_00, u64::MAX)],
                vec![self.buyer.insecure_clone()],
            ),
            "invoice_mature" => (vec![ix::invoice_mature(&inv("mature").keys)], vec![]),
            "invoice_mark_late" => {
                (vec![ix::invoice_mark_late(&inv("mark_late").keys, &keeper.pubkey())], vec![])
            }
            "invoice_write_down" => {
                (vec![ix::invoice_write_down(&inv("write_down").keys, &keeper.pubkey())], vec![])
            }
            "invoice_settle" => (vec![ix::invoice_settle(&inv("settle").keys, &keeper.pubkey())], vec![]),
            "invoice_close_defaulted" => {
                (vec![ix::invoice_close_defaulted(&inv("close_defaulted").keys, &keeper.pubkey())], vec![])
            }
            "invoice_claim_reserve" => {
                let i = inv("claim_reserve");
                let to = i.keys.pool.usdc_ata(&self.supplier.pubkey());
                (vec![ix::invoice_claim_reserve(&i.keys, &to)], vec![self.supplier.insecure_clone()])
            }
            "withdrawal_claim" => {
                let destination = pool.usdc_ata(&self.claimer.pubkey());
                (
                    vec![ix::withdrawal_claim(
                        &pool,
                        &self.claimer.pubkey(),
                        Tranche::Senior,
                        0,
                        &destination,
                    )],
                    vec![self.claimer.insecure_clone()],
                )
            }
            "protocol_admin_propose" => {
                (vec![ix::protocol_admin_propose(&admin.pubkey(), &self.new_admin.pubkey())], vec![admin])
            }
            "protocol_admin_accept" => (
                vec![ix::protocol_admin_accept(&self.new_admin.pubkey())],
                vec![self.new_admin.insecure_clone()],
            ),
            "pool_set_paused (pause)" => (vec![ix::pool_set_paused(&m.pubkey(), &pool.pool, true)], vec![m]),
            "pool_set_paused (unpause)" => {
                if !env.pool_state(&pool).await.paused {
                    env.ok(&[ix::pool_set_paused(&m.pubkey(), &pool.pool, true)], &[&m]).await;
                }
                (vec![ix::pool_set_paused(&m.pubkey(), &pool.pool, false)], vec![m])
            }
            "protocol_set_paused" => {
                let paused = env
                    .get::<autofactor_client::state::ProtocolConfig>(&autofactor_client::pda::protocol())
                    .await
                    .paused;
                (vec![ix::protocol_set_paused(&admin.pubkey(), !paused)], vec![admin])
            }
            other => panic!("no transaction for {other}"),
        }
    }
}

async fn run(c: Condition) {
    let mut w = World::new().await;
    w.apply(c).await;
    for r in MATRIX {
        let expected = r.outcome(c);
        let (ixs, signers) = w.transaction(r.instruction).await;
        let signers: Vec<&Keypair> = signers.iter().collect();
        match expected {
            Allowed => {
                let tx = w.env.transaction(&ixs, &signers).await;
                if let Err(e) = w.env.send_tx(tx).await {
                    panic!("{c:?}: {} should be allowed, failed with {e:?}", r.instruction);
                }
                if r.instruction == "protocol_admin_accept" {
                    w.admin = w.new_admin.insecure_clone();
                }
            }
            Refused(e) => w.env.assert_program_error(&ixs, &signers, e).await,
            Once => w.env.assert_failure(&ixs, &signers, ALREADY_IN_USE).await,
        }
    }
}

#[tokio::test]
async fn baseline_every_row_is_a_valid_transaction() {
    run(Condition::Baseline).await;
}

#[tokio::test]
async fn under_a_protocol_pause() {
    run(Condition::ProtocolPaused).await;
}

#[tokio::test]
async fn under_a_pool_pause() {
    run(Condition::PoolPaused).await;
}

#[tokio::test]
async fn with_the_actors_identity_revoked() {
    run(Condition::IdentityLapsed).await;
}

/// Issue 15 (cost report): every instruction's transaction as the CLI
/// builds it (its compute-budget instruction first), in the matrix's
/// baseline world: serialized size (of the 1,232-byte limit), accounts
/// referenced, and rent created and reclaimed by the instruction.
/// `cargo test -p autofactor-tests --test program cost_report -- --nocapture`
/// prints the table (docs/BENCHMARKS.md); the test asserts that every
/// transaction fits in a packet.
#[tokio::test]
async fn cost_report() {
    const PACKET: usize = 1_232;
    let mut w = World::new().await;
    let budget = solana_compute_budget_interface::ComputeBudgetInstruction::set_compute_unit_limit(1_000_000);
    println!("| instruction | signers | accounts | bytes (of {PACKET}) | rent created (lamports) | rent reclaimed (lamports) |");
    println!("|---|---|---|---|---|---|");
    let mut largest = (0, "");
    for r in MATRIX {
        let (ixs, signers) = w.transaction(r.instruction).await;
        let signers: Vec<&Keypair> = signers.iter().collect();
        // Sized as the CLI sends it: the actor (the first signer, else the
        // keeper) pays the fee, the compute-budget instruction first. It is
        // run as the harness sends it (another fee payer, no budget
        // instruction: the in-process bank does not need one).
        let mut with_budget = vec![budget.clone()];
        with_budget.extend(ixs.iter().cloned());
        let fee_payer = signers.first().map_or(w.env.payer().pubkey(), |k| k.pubkey());
        let sized = solana_sdk::message::Message::new(&with_budget, Some(&fee_payer));
        // Wire format: signature count (short vec, 1 byte below 128),
        // signatures, message.
        let required = sized.header.num_required_signatures as usize;
        let bytes = 1 + 64 * required + sized.serialize().len();
        assert!(bytes <= PACKET, "{}: {bytes} bytes", r.instruction);
        if bytes > largest.0 {
            largest = (bytes, r.instruction);
        }
        let tx = w.env.transaction(&ixs, &signers).await;
        let keys = tx.message.account_keys.clone();
        let (signers_n, accounts) = (required, sized.account_keys.len());
        let (mut created, mut reclaimed) = (0u64, 0u64);
        let rent = if matches!(r.outcome(Condition::Baseline), Allowed) {
            let before = w.env.snapshot(&keys).await;
            w.env.send_tx(tx).await.unwrap_or_else(|e| panic!("{}: {e:?}", r.instruction));
            let after = w.env.snapshot(&keys).await;
            let payer = w.env.payer().pubkey();
            for k in keys.iter().filter(|k| **k != payer) {
                let lamports =
                    |a: &Option<solana_sdk::account::Account>| a.as_ref().map_or(0, |a| a.lamports);
                let (b, a) = (lamports(&before[k]), lamports(&after[k]));
                let (b_live, a_live) = (
                    before[k].as_ref().is_some_and(|x| !x.data.is_empty()),
                    after[k].as_ref().is_some_and(|x| !x.data.is_empty()),
                );
                if !b_live && a_live {
                    created += a;
                } else if b_live && !a_live {
                    reclaimed += b;
                }
            }
            if r.instruction == "protocol_admin_accept" {
                w.admin = w.new_admin.insecure_clone();
            }
            format!("{created} | {reclaimed}")
        } else {
            "(not run: once per deployment) | –".to_string()
        };
        println!("| `{}` | {signers_n} | {accounts} | {bytes} | {rent} |", r.instruction);
    }
    println!("\nlargest transaction: `{}`, {} bytes of {PACKET}", largest.1, largest.0);
    // Room to spare: the largest stays within 1,000 bytes (issue 15).
    assert!(largest.0 <= 1_000, "largest transaction {} bytes", largest.0);
}

async fn lamports_of(env: &mut Env, key: &solana_sdk::pubkey::Pubkey) -> u64 {
    env.account(key).await.map_or(0, |a| a.lamports)
}

/// Issue 15 (cost report): the SOL a supplier spends and gets back over a
/// whole invoice lifecycle (create → finance → repaid → settle), the fee
/// payer apart: settlement returns everything the invoice and its asset
/// hold; what stays is the registry entries (so the document can never be
/// financed again) and, for a party's first invoice in a pool, the pool's
/// exposure records of its entities.
#[tokio::test]
async fn a_supplier_gets_back_the_rent_of_its_invoice_and_asset() {
    let mut env = Env::new().await;
    let (manager, pool) = env.pool().await;
    let junior = env.investor(5_000 * USDC).await;
    env.deposit(&pool, &junior, Tranche::Junior, 5_000 * USDC).await;
    env.pass_holding_windows().await;
    let verifier = env.pool_verifier(&pool, &manager).await;
    let supplier = env.user(ROLE_SUPPLIER).await;
    let buyer = env.user(ROLE_BUYER).await;
    env.mint_usdc(&buyer.pubkey(), 2_000 * USDC).await;
    let usdc = env.usdc_mint;
    env.create_ata(&supplier.pubkey(), &usdc, &autofactor_client::TOKEN_PROGRAM_ID).await;
    let keeper = env.payer().pubkey();
    let mut kept = vec![];
    for n in 0..2 {
        let start = lamports_of(&mut env, &supplier.pubkey()).await;
        let terms = env.usd_terms(&format!("COST-{n}"), 1_000_00, 60).await;
        let inv = env.verified_invoice(&pool, &supplier, &buyer, &verifier, terms, 900).await;
        let after_create = lamports_of(&mut env, &supplier.pubkey()).await;
        env.finance(&inv, &supplier).await;
        let after_finance = lamports_of(&mut env, &supplier.pubkey()).await;
        env.ok(&[ix::invoice_repay(&inv.keys, &buyer.pubkey(), 1_000_00, 1_000 * USDC)], &[&buyer]).await;
        let held =
            lamports_of(&mut env, &inv.keys.invoice).await + lamports_of(&mut env, &inv.keys.asset).await;
        env.ok(&[ix::invoice_settle(&inv.keys, &keeper)], &[]).await;
        let end = lamports_of(&mut env, &supplier.pubkey()).await;
        // The burned asset stays as Core's 1-byte tombstone, keeping its
        // rent and Core's creation fee.
        let tombstone = lamports_of(&mut env, &inv.keys.asset).await;
        assert_eq!(after_create, after_finance, "financing costs the supplier no rent");
        assert_eq!(
            end - after_finance,
            held - tombstone,
            "settlement returns the rest of what invoice and asset hold"
        );
        println!(
            "invoice {n}: supplier spent {} lamports at origination, got {} back at settlement; kept {} ({} in the asset's tombstone)",
            start - after_create,
            end - after_finance,
            start - end,
            tombstone
        );
        kept.push(start - end);
    }
    // The second invoice no longer pays for the exposure records.
    assert!(kept[1] < kept[0], "{kept:?}");
}
