//! Native test harness for Autofactor.
//!
//! The program runs in-process in `solana-program-test`, registered as a
//! builtin (its Anchor `entry`), next to the real SPL Token, Token-2022 and
//! Associated Token Account programs (embedded BPF) and Metaplex Core (the
//! real program, loaded as BPF, from `AUTOFACTOR_CORE_SO=<path>` or
//! `tests/fixtures/mpl_core.so`; otherwise the host implementation in
//! `crates/dev/core-host`; `AUTOFACTOR_CORE=host` forces it — see
//! [`autofactor_chain::core_backend`]).
//!
//! What the harness gives every test:
//! - [`Env::send`]: sends a transaction made unique by a compute-budget
//!   instruction, after simulating it to capture the `emit_cpi!` events
//!   from the inner instructions;
//! - [`Env::assert_error`]: asserts the exact program error code AND that
//!   every account the failed transaction referenced is byte-for-byte
//!   unchanged (the fee payer's lamports drop by exactly the fee);
//! - clock warps, token helpers and identity-verified actors.

pub mod fixtures;
pub mod reject;

use anchor_lang::prelude::{Clock, Pubkey};
use anchor_lang::solana_program::system_instruction;
use anchor_lang::{AccountDeserialize, AnchorDeserialize, Discriminator};
use autofactor_client::{ix, pda, PROGRAM_ID, TOKEN_PROGRAM_ID};
use solana_program_test::{BanksClientError, ProgramTest, ProgramTestContext};
use solana_sdk::{
    account::Account,
    instruction::{Instruction, InstructionError},
    message::Message,
    signature::{Keypair, Signer},
    transaction::{Transaction, TransactionError},
};
use std::collections::BTreeMap;

pub use autofactor_client as client;
pub use fixtures::*;
pub use reject::*;

/// How a second `init` of an existing PDA fails: Anchor's init asks the
/// system program to allocate an account that is already in use, and the
/// runtime reports the refused CPI as `InvalidInstructionData` (observed).
pub const ALREADY_IN_USE: InstructionError = InstructionError::InvalidInstructionData;

/// How long identities made by [`Env::user`] stay valid (three years).
pub const IDENTITY_VALIDITY_SECS: i64 = 3 * 365 * 86_400;

/// One USDC in micro-USDC.
pub const USDC: u64 = 1_000_000;

pub use autofactor_chain::{core_backend, fixtures_dir, CoreBackend};

/// [`autofactor_chain::program_test`]; the first call in a test binary
/// announces on the terminal which Core implementation runs (written past
/// the test harness's output capture).
pub fn program_test() -> ProgramTest {
    static ANNOUNCE: std::sync::Once = std::sync::Once::new();
    ANNOUNCE.call_once(|| {
        use std::io::Write;
        let _ = writeln!(std::io::stderr(), "[autofactor-tests] Metaplex Core: {}", core_backend());
    });
    autofactor_chain::program_test()
}

/// What a successful transaction produced.
#[derive(Debug, Default)]
pub struct TxOutcome {
    /// Payloads of the inner instructions addressed to Autofactor
    /// (`emit_cpi!` events among them), in order.
    pub program_inner_data: Vec<Vec<u8>>,
    /// Log lines of the simulation.
    pub logs: Vec<String>,
    /// Compute units of the simulation.
    pub units_consumed: u64,
}

impl TxOutcome {
    /// Events of type `E` the transaction emitted.
    pub fn events<E: AnchorDeserialize + Discriminator>(&self) -> Vec<E> {
        client::decode::events(&self.program_inner_data)
    }

    /// The single event of type `E` (panics if there is not exactly one).
    pub fn event<E: AnchorDeserialize + Discriminator>(&self) -> E {
        let mut v = self.events::<E>();
        assert_eq!(
            v.len(),
            1,
            "expected exactly one {} event; the transaction emitted {:?}",
            std::any::type_name::<E>(),
            self.event_names()
        );
        v.remove(0)
    }

    /// Names of every Autofactor event emitted, in order.
    pub fn event_names(&self) -> Vec<&'static str> {
        self.program_inner_data.iter().filter_map(|d| client::decode::event_name(d)).collect()
    }
}

/// A running test chain with the protocol initialized.
pub struct Env {
    /// The program-test context (bank, banks client, payer).
    pub ctx: ProgramTestContext,
    /// The protocol admin.
    pub admin: Keypair,
    /// The protocol treasury wallet.
    pub treasury: Keypair,
    /// A registered identity issuer.
    pub issuer: Keypair,
    /// The USDC mint (SPL Token, 6 decimals).
    pub usdc_mint: Pubkey,
    /// The USDC mint authority.
    pub usdc_authority: Keypair,
    /// Which Core implementation is loaded.
    pub core: CoreBackend,
    nonce: u32,
}

fn to_tx_error(e: BanksClientError) -> TransactionError {
    match e {
        BanksClientError::TransactionError(te) => te,
        BanksClientError::SimulationError { err, .. } => err,
        other => panic!("transport error: {other:?}"),
    }
}

impl Env {
    /// A chain with the USDC mint created but the protocol NOT initialized.
    pub async fn bare() -> Self {
        let ctx = program_test().start_with_context().await;
        let mut env = Env {
            ctx,
            admin: Keypair::new(),
            treasury: Keypair::new(),
            issuer: Keypair::new(),
            usdc_mint: Pubkey::default(),
            usdc_authority: Keypair::new(),
            core: core_backend(),
            nonce: 0,
        };
        let admin = env.admin.pubkey();
        env.airdrop(&admin, 10_000_000_000).await;
        let issuer = env.issuer.pubkey();
        env.airdrop(&issuer, 10_000_000_000).await;
        let auth = env.usdc_authority.pubkey();
        env.usdc_mint = env.create_spl_mint(&auth, 6).await;
        env
    }

    /// A chain with the protocol initialized (fee 10%) and one active issuer.
    pub async fn new() -> Self {
        let env_ = Self::bare().await;
        let mut env = env_;
        let admin = env.admin.insecure_clone();
        let usdc = env.usdc_mint;
        let treasury = env.treasury.pubkey();
        env.send(&[ix::protocol_initialize(&admin.pubkey(), &usdc, &treasury, 1_000)], &[&admin])
            .await
            .expect("protocol_initialize");
        let issuer = env.issuer.pubkey();
        env.send(&[ix::issuer_register(&admin.pubkey(), &issuer, "Test KYC Ltd")], &[&admin])
            .await
            .expect("issuer_register");
        env
    }

    /// The fee payer of every transaction.
    pub fn payer(&self) -> Keypair {
        self.ctx.payer.insecure_clone()
    }

    fn next_nonce(&mut self) -> u32 {
        self.nonce += 1;
        self.nonce
    }

    /// Builds a unique transaction (compute-budget instruction first).
    pub async fn transaction(&mut self, ixs: &[Instruction], signers: &[&Keypair]) -> Transaction {
        let nonce = self.next_nonce();
        let mut all =
            vec![solana_compute_budget_interface::ComputeBudgetInstruction::set_compute_unit_limit(
                1_400_000 - nonce,
            )];
        all.extend_from_slice(ixs);
        let payer = self.ctx.payer.insecure_clone();
        let mut keys: Vec<&Keypair> = vec![&payer];
        for s in signers {
            if s.pubkey() != payer.pubkey() && !keys.iter().any(|k| k.pubkey() == s.pubkey()) {
                keys.push(s);
            }
        }
        // The bank keeps producing slots in the background: take the latest
        // blockhash every time so long tests never use an expired one.
        let blockhash = self.ctx.banks_client.get_latest_blockhash().await.expect("blockhash");
        self.ctx.last_blockhash = blockhash;
        Transaction::new_signed_with_payer(&all, Some(&payer.pubkey()), &keys, blockhash)
    }

    /// Simulates (to capture events and logs), then processes the
    /// transaction. Returns the transaction error if it failed.
    pub async fn send(
        &mut self,
        ixs: &[Instruction],
        signers: &[&Keypair],
    ) -> Result<TxOutcome, TransactionError> {
        let tx = self.transaction(ixs, signers).await;
        self.send_tx(tx).await
    }

    /// As [`Env::send`] for a prepared transaction.
    pub async fn send_tx(&mut self, tx: Transaction) -> Result<TxOutcome, TransactionError> {
        let sim = self.ctx.banks_client.simulate_transaction(tx.clone()).await.expect("simulate");
        let mut outcome = TxOutcome::default();
        if let Some(Err(e)) = &sim.result {
            if matches!(e, TransactionError::BlockhashNotFound) {
                panic!("simulation refused the transaction: {e:?}");
            }
        }
        if let Some(details) = sim.simulation_details {
            outcome.logs = details.logs;
            outcome.units_consumed = details.units_consumed;
            let keys = &tx.message.account_keys;
            for inner in details.inner_instructions.unwrap_or_default() {
                for ii in inner {
                    let program = keys[ii.instruction.program_id_index as usize];
                    if program == PROGRAM_ID {
                        outcome.program_inner_data.push(ii.instruction.data.clone());
                    }
                }
            }
        }
        self.ctx.banks_client.process_transaction(tx).await.map_err(to_tx_error)?;
        Ok(outcome)
    }

    /// Sends and panics with the logs if the transaction fails.
    pub async fn ok(&mut self, ixs: &[Instruction], signers: &[&Keypair]) -> TxOutcome {
        let tx = self.transaction(ixs, signers).await;
        let sim = self.ctx.banks_client.simulate_transaction(tx.clone()).await.expect("simulate");
        match self.send_tx(tx).await {
            Ok(o) => o,
            Err(e) => {
                let logs = sim.simulation_details.map(|d| d.logs).unwrap_or_default();
                panic!("transaction failed: {e:?}\n{}", logs.join("\n"));
            }
        }
    }

    /// Asserts that the transaction fails with program error `code` in one
    /// of its instructions, and that every account it referenced is
    /// unchanged (the fee payer only paid the fee).
    pub async fn assert_error(&mut self, ixs: &[Instruction], signers: &[&Keypair], code: u32) {
        self.assert_failure(ixs, signers, InstructionError::Custom(code)).await
    }

    /// Asserts that the transaction fails with exactly `expected` in one of
    /// its instructions and that every account it referenced is unchanged
    /// (the fee payer only paid the fee).
    pub async fn assert_failure(
        &mut self,
        ixs: &[Instruction],
        signers: &[&Keypair],
        expected: InstructionError,
    ) {
        let tx = self.transaction(ixs, signers).await;
        let keys: Vec<Pubkey> = tx.message.account_keys.clone();
        let fee = self
            .ctx
            .banks_client
            .get_fee_for_message(tx.message.clone())
            .await
            .expect("fee")
            .expect("fee known");
        let before = self.snapshot(&keys).await;
        let err = self.send_tx(tx).await.expect_err("transaction unexpectedly succeeded");
        match &err {
            TransactionError::InstructionError(_, got) => {
                assert_eq!(*got, expected, "wrong error: got {got:?}, expected {expected:?}")
            }
            other => panic!("expected {expected:?}, got {other:?}"),
        }
        let after = self.snapshot(&keys).await;
        let payer = self.ctx.payer.pubkey();
        for key in &keys {
            let (b, a) = (&before[key], &after[key]);
            if *key == payer {
                let (b, a) = (b.as_ref().unwrap(), a.as_ref().unwrap());
                assert_eq!(a.lamports, b.lamports - fee, "fee payer paid more than the fee");
                assert_eq!(a.data, b.data);
                assert_eq!(a.owner, b.owner);
            } else {
                assert_eq!(a, b, "account {key} changed although the transaction failed");
            }
        }
    }

    /// Asserts a failure with one of our own error variants.
    pub async fn assert_program_error(
        &mut self,
        ixs: &[Instruction],
        signers: &[&Keypair],
        e: client::AutofactorError,
    ) {
        self.assert_error(ixs, signers, client::error_code(e)).await
    }

    /// Current state of `keys`.
    pub async fn snapshot(&mut self, keys: &[Pubkey]) -> BTreeMap<Pubkey, Option<Account>> {
        let mut m = BTreeMap::new();
        for k in keys {
            m.insert(*k, self.ctx.banks_client.get_account(*k).await.expect("get_account"));
        }
        m
    }

    /// Raw account, if it exists.
    pub async fn account(&mut self, key: &Pubkey) -> Option<Account> {
        self.ctx.banks_client.get_account(*key).await.expect("get_account")
    }

    /// Decoded Anchor account (panics if missing or malformed).
    pub async fn get<T: AccountDeserialize>(&mut self, key: &Pubkey) -> T {
        let acc = self.account(key).await.unwrap_or_else(|| panic!("account {key} missing"));
        client::decode::account::<T>(&acc.data).expect("decode")
    }

    /// The current clock.
    pub async fn clock(&mut self) -> Clock {
        self.ctx.banks_client.get_sysvar::<Clock>().await.expect("clock")
    }

    /// Current unix time of the bank.
    pub async fn now(&mut self) -> i64 {
        self.clock().await.unix_timestamp
    }

    /// Moves the clock forward by `seconds` (never backwards).
    pub async fn warp_seconds(&mut self, seconds: i64) {
        assert!(seconds >= 0, "the bank clock only moves forward");
        let mut clock = self.clock().await;
        clock.unix_timestamp += seconds;
        self.ctx.set_sysvar(&clock);
    }

    /// Sends lamports from the payer.
    pub async fn airdrop(&mut self, to: &Pubkey, lamports: u64) {
        let payer = self.payer();
        self.ok(&[system_instruction::transfer(&payer.pubkey(), to, lamports)], &[]).await;
    }

    /// Creates an SPL Token mint (`authority` is also its freeze authority,
    /// as USDC's issuer can freeze accounts).
    pub async fn create_spl_mint(&mut self, authority: &Pubkey, decimals: u8) -> Pubkey {
        use anchor_spl::token::spl_token;
        let mint = Keypair::new();
        let payer = self.payer();
        let rent = self.ctx.banks_client.get_rent().await.unwrap();
        let space = 82;
        let ixs = [
            system_instruction::create_account(
                &payer.pubkey(),
                &mint.pubkey(),
                rent.minimum_balance(space),
                space as u64,
                &TOKEN_PROGRAM_ID,
            ),
            spl_token::instruction::initialize_mint2(
                &TOKEN_PROGRAM_ID,
                &mint.pubkey(),
                authority,
                Some(authority),
                decimals,
            )
            .unwrap(),
        ];
        self.ok(&ixs, &[&mint]).await;
        mint.pubkey()
    }

    /// Creates (idempotently) `owner`'s associated token account.
    pub async fn create_ata(&mut self, owner: &Pubkey, mint: &Pubkey, token_program: &Pubkey) -> Pubkey {
        let payer = self.payer();
        let ix = anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent(
            &payer.pubkey(),
            owner,
            mint,
            token_program,
        );
        self.ok(&[ix], &[]).await;
        pda::ata(owner, mint, token_program)
    }

    /// Mints USDC to `owner`'s USDC ATA (created if missing).
    pub async fn mint_usdc(&mut self, owner: &Pubkey, amount: u64) -> Pubkey {
        use anchor_spl::token::spl_token;
        let usdc = self.usdc_mint;
        let ata = self.create_ata(owner, &usdc, &TOKEN_PROGRAM_ID).await;
        let auth = self.usdc_authority.insecure_clone();
        let ix = spl_token::instruction::mint_to(&TOKEN_PROGRAM_ID, &usdc, &ata, &auth.pubkey(), &[], amount)
            .unwrap();
        self.ok(&[ix], &[&auth]).await;
        ata
    }

    /// Token amount held by a token account (SPL Token or Token-2022).
    pub async fn token_balance(&mut self, account: &Pubkey) -> u64 {
        self.token_account(account).await.amount
    }

    /// Decoded token account (SPL Token or Token-2022).
    pub async fn token_account(
        &mut self,
        account: &Pubkey,
    ) -> anchor_spl::token_2022::spl_token_2022::state::Account {
        use anchor_spl::token_2022::spl_token_2022::{
            extension::StateWithExtensions, state::Account as TokenAcc,
        };
        let acc = self.account(account).await.expect("token account missing");
        StateWithExtensions::<TokenAcc>::unpack(&acc.data).expect("token account").base
    }

    /// Supply of a mint (SPL Token or Token-2022).
    pub async fn mint_supply(&mut self, mint: &Pubkey) -> u64 {
        use anchor_spl::token_2022::spl_token_2022::{extension::StateWithExtensions, state::Mint};
        let acc = self.account(mint).await.expect("mint missing");
        StateWithExtensions::<Mint>::unpack(&acc.data).expect("mint").base.supply
    }

    /// A funded wallet with an identity record carrying `roles`, valid for
    /// [`IDENTITY_VALIDITY_SECS`], of a legal entity of its own
    /// ([`entity_id_of`]).
    pub async fn user(&mut self, roles: u8) -> Keypair {
        let kp = Keypair::new();
        let entity = entity_id_of(&kp.pubkey());
        self.user_keypair_of_entity(kp, roles, &entity).await
    }

    /// Like [`Env::user`], but of the legal entity `entity_id` (as an issuer
    /// writes it): several wallets of one entity.
    pub async fn user_of_entity(&mut self, roles: u8, entity_id: &str) -> Keypair {
        self.user_keypair_of_entity(Keypair::new(), roles, entity_id).await
    }

    async fn user_keypair_of_entity(&mut self, kp: Keypair, roles: u8, entity_id: &str) -> Keypair {
        self.airdrop(&kp.pubkey(), 5_000_000_000).await;
        let now = self.now().await;
        let issuer = self.issuer.insecure_clone();
        let terms = client::state::IdentityTerms {
            entity_id: entity_id.to_string(),
            ..identity_terms(roles, now + IDENTITY_VALIDITY_SECS)
        };
        self.ok(&[ix::identity_issue(&issuer.pubkey(), &kp.pubkey(), terms)], &[&issuer]).await;
        kp
    }

    /// The entity key of `wallet`'s identity record (zero if it has none).
    pub async fn entity_key(&mut self, wallet: &Pubkey) -> [u8; 32] {
        match self.account(&pda::identity(wallet)).await {
            Some(acc) => {
                client::decode::account::<client::state::IdentityRecord>(&acc.data)
                    .expect("identity record")
                    .entity_key
            }
            None => [0; 32],
        }
    }

    /// Keys of a new invoice of `asset`, with the entity keys of the
    /// supplier's and buyer's identity records.
    pub async fn invoice_keys(
        &mut self,
        pool: &client::ix::PoolKeys,
        asset: &Pubkey,
        supplier: &Pubkey,
        buyer: &Pubkey,
    ) -> client::ix::InvoiceKeys {
        let (se, be) = (self.entity_key(supplier).await, self.entity_key(buyer).await);
        client::ix::InvoiceKeys::new(*pool, *asset, *supplier, *buyer, se, be)
    }

    /// An investor with `usdc` in its USDC ATA.
    pub async fn investor(&mut self, usdc: u64) -> Keypair {
        let kp = self.user(client::constants::ROLE_INVESTOR).await;
        self.mint_usdc(&kp.pubkey(), usdc).await;
        kp
    }

    /// A manager's pool with default parameters and policy.
    pub async fn pool(&mut self) -> (Keypair, client::ix::PoolKeys) {
        self.pool_with(default_params(), default_policy()).await
    }

    /// A manager's pool with the given parameters and policy.
    pub async fn pool_with(
        &mut self,
        params: client::state::PoolParams,
        policy: client::state::PoolPolicy,
    ) -> (Keypair, client::ix::PoolKeys) {
        let manager = self.user(client::constants::ROLE_MANAGER).await;
        let usdc = self.usdc_mint;
        self.ok(&[ix::pool_create(&manager.pubkey(), &usdc, 1, params, policy)], &[&manager]).await;
        let keys = client::ix::PoolKeys::derive(&manager.pubkey(), 1, &usdc);
        (manager, keys)
    }

    /// Waits out two default holding windows
    /// ([`client::constants::DEFAULT_MIN_HOLD_SECS`]): deposits made before
    /// are redeemable and count towards the NAV and cash that financing
    /// limits use (a deposit counts as recent for one to two windows).
    pub async fn pass_holding_windows(&mut self) {
        self.warp_seconds(2 * client::constants::DEFAULT_MIN_HOLD_SECS as i64).await;
    }

    /// Deposits for `investor` (creating its share ATA first).
    pub async fn deposit(
        &mut self,
        keys: &client::ix::PoolKeys,
        investor: &Keypair,
        tranche: client::state::Tranche,
        amount: u64,
    ) -> TxOutcome {
        let payer = self.payer();
        self.ok(
            &[
                ix::create_shares_ata(&payer.pubkey(), &investor.pubkey(), keys, tranche),
                ix::tranche_deposit(keys, &investor.pubkey(), tranche, amount, 0),
            ],
            &[investor],
        )
        .await
    }

    /// The decoded pool.
    pub async fn pool_state(&mut self, keys: &client::ix::PoolKeys) -> client::state::Pool {
        self.get(&keys.pool).await
    }

    /// Message of a transaction (for fee queries and inspection).
    pub fn message(&self, ixs: &[Instruction]) -> Message {
        Message::new(ixs, Some(&self.ctx.payer.pubkey()))
    }
}

/// Replaces every occurrence of account `old` in `ix` by `new` (to build
/// "wrong account substituted" failure cases).
pub fn substitute(mut ix: Instruction, old: &Pubkey, new: &Pubkey) -> Instruction {
    for meta in ix.accounts.iter_mut() {
        if meta.pubkey == *old {
            meta.pubkey = *new;
        }
    }
    ix
}

impl Env {
    /// Books `amount_usdc` of the pool's cash as receivables and moves the
    /// USDC out of the vault, by writing the pool and vault accounts
    /// directly. This stands in for invoice financing in tests of the pool
    /// mechanics (queueing needs cash to be deployed).
    pub async fn inject_financing(&mut self, keys: &client::ix::PoolKeys, amount_usdc: u64) {
        let mut pool = self.pool_state(keys).await;
        pool.ledger.cash_usdc -= amount_usdc;
        pool.ledger.receivables_usdc += amount_usdc;
        pool.ledger.open_invoices += 1;
        self.write_pool(keys, &pool).await;
        self.adjust_vault(keys, -(amount_usdc as i128)).await;
    }

    /// Books the collection of `principal_usdc` of receivables plus
    /// `income_usdc` of income into cash and adds the USDC to the vault
    /// (state injection standing in for invoice repayment, see
    /// [`Env::inject_financing`]).
    pub async fn inject_repayment(
        &mut self,
        keys: &client::ix::PoolKeys,
        principal_usdc: u64,
        income_usdc: u64,
    ) {
        let mut pool = self.pool_state(keys).await;
        pool.ledger.receivables_usdc -= principal_usdc;
        pool.ledger.cash_usdc += principal_usdc + income_usdc;
        if pool.ledger.receivables_usdc == 0 {
            pool.ledger.open_invoices = 0;
        }
        self.write_pool(keys, &pool).await;
        self.adjust_vault(keys, (principal_usdc + income_usdc) as i128).await;
    }

    /// Changes the book value of the receivables by `delta_usdc` (a
    /// write-down when negative, a write-back when positive) by writing the
    /// pool account: state injection standing in for the invoice
    /// lifecycle's revaluations (see [`Env::inject_financing`]).
    pub async fn inject_revaluation(&mut self, keys: &client::ix::PoolKeys, delta_usdc: i64) {
        let mut pool = self.pool_state(keys).await;
        pool.ledger.receivables_usdc = (pool.ledger.receivables_usdc as i64 + delta_usdc) as u64;
        self.write_pool(keys, &pool).await;
    }

    /// Freezes `owner`'s USDC associated token account with the USDC mint's
    /// freeze authority (as the issuer does for a sanctioned address).
    pub async fn freeze_usdc_account(&mut self, owner: &Pubkey) {
        use anchor_spl::token::spl_token;
        let ata = pda::ata(owner, &self.usdc_mint, &TOKEN_PROGRAM_ID);
        let auth = self.usdc_authority.insecure_clone();
        let ix = spl_token::instruction::freeze_account(
            &TOKEN_PROGRAM_ID,
            &ata,
            &self.usdc_mint,
            &auth.pubkey(),
            &[],
        )
        .unwrap();
        self.ok(&[ix], &[&auth]).await;
    }

    async fn write_pool(&mut self, keys: &client::ix::PoolKeys, pool: &client::state::Pool) {
        use anchor_lang::AccountSerialize;
        let mut acc = self.account(&keys.pool).await.unwrap();
        let mut data = Vec::new();
        pool.try_serialize(&mut data).unwrap();
        acc.data[..data.len()].copy_from_slice(&data);
        self.ctx.set_account(&keys.pool, &acc.into());
    }

    async fn adjust_vault(&mut self, keys: &client::ix::PoolKeys, delta: i128) {
        let mut acc = self.account(&keys.vault).await.unwrap();
        let amount = u64::from_le_bytes(acc.data[64..72].try_into().unwrap()) as i128 + delta;
        acc.data[64..72].copy_from_slice(&(amount as u64).to_le_bytes());
        self.ctx.set_account(&keys.vault, &acc.into());
    }
}

/// An invoice made by [`Env::new_invoice`].
#[derive(Clone, Debug)]
pub struct TestInvoice {
    /// Its addresses.
    pub keys: client::ix::InvoiceKeys,
    /// Its terms.
    pub terms: client::ix::NewInvoice,
}

impl Env {
    /// A verifier with an identity, registered for the pool by `manager`.
    pub async fn pool_verifier(&mut self, keys: &client::ix::PoolKeys, manager: &Keypair) -> Keypair {
        let verifier = self.user(client::constants::ROLE_VERIFIER).await;
        self.ok(&[ix::pool_verifier_add(&manager.pubkey(), &keys.pool, &verifier.pubkey())], &[manager])
            .await;
        verifier
    }

    /// Terms of a USD invoice of `face_cents` due in `due_in_days`, with a
    /// document hash and number derived from `number`.
    pub async fn usd_terms(
        &mut self,
        number: &str,
        face_cents: u64,
        due_in_days: i64,
    ) -> client::ix::NewInvoice {
        let now = self.now().await;
        client::ix::NewInvoice {
            face_minor: face_cents,
            currency: *b"USD",
            issue_ts: now - 86_400,
            due_ts: now + due_in_days * 86_400,
            document_hash: solana_sdk::hash::hashv(&[b"document of ", number.as_bytes()]).to_bytes(),
            invoice_number: number.to_string(),
            metadata_uri: format!("https://invoices.example/{number}.json"),
        }
    }

    /// Originates an invoice (a fresh asset keypair) from `supplier` to `buyer`.
    pub async fn new_invoice(
        &mut self,
        pool: &client::ix::PoolKeys,
        supplier: &Keypair,
        buyer: &Pubkey,
        terms: client::ix::NewInvoice,
    ) -> TestInvoice {
        let asset = Keypair::new();
        let keys = self.invoice_keys(pool, &asset.pubkey(), &supplier.pubkey(), buyer).await;
        self.ok(&[ix::invoice_create(&keys, &terms)], &[supplier, &asset]).await;
        TestInvoice { keys, terms }
    }

    /// Originates, acknowledges and attests (credit score `score`) an invoice.
    pub async fn verified_invoice(
        &mut self,
        pool: &client::ix::PoolKeys,
        supplier: &Keypair,
        buyer: &Keypair,
        verifier: &Keypair,
        terms: client::ix::NewInvoice,
        score: u16,
    ) -> TestInvoice {
        let inv = self.new_invoice(pool, supplier, &buyer.pubkey(), terms).await;
        self.ok(&[ix::invoice_acknowledge(&inv.keys)], &[buyer]).await;
        self.ok(&[ix::invoice_attest(&inv.keys, &verifier.pubkey(), [7; 32], score)], &[verifier]).await;
        inv
    }

    /// Finances a verified invoice (creating the supplier's USDC ATA first).
    pub async fn finance(&mut self, inv: &TestInvoice, supplier: &Keypair) -> TxOutcome {
        let usdc = self.usdc_mint;
        self.create_ata(&supplier.pubkey(), &usdc, &TOKEN_PROGRAM_ID).await;
        self.ok(&[ix::invoice_finance(&inv.keys, 0)], &[supplier]).await
    }

    /// The repayment record of `buyer`'s legal entity.
    pub async fn buyer_reputation(&mut self, buyer: &Pubkey) -> client::state::BuyerReputation {
        let entity = self.entity_key(buyer).await;
        self.get(&client::pda::buyer_reputation(&entity)).await
    }

    /// The decoded invoice.
    pub async fn invoice_state(&mut self, inv: &TestInvoice) -> client::state::Invoice {
        self.get(&inv.keys.invoice).await
    }

    /// The decoded Core asset.
    pub async fn asset(&mut self, inv: &TestInvoice) -> Box<mpl_core::Asset> {
        let acc = self.account(&inv.keys.asset).await.expect("asset account");
        mpl_core::Asset::from_bytes(&acc.data).expect("Core asset")
    }
}

/// A Pyth price for [`Env::set_price`].
#[derive(Clone, Copy, Debug)]
pub struct TestPrice {
    /// Feed id.
    pub feed_id: [u8; 32],
    /// Mantissa.
    pub price: i64,
    /// Confidence mantissa.
    pub conf: u64,
    /// Exponent.
    pub exponent: i32,
    /// Publish time (unix seconds).
    pub publish_time: i64,
    /// Fully verified (else partially, 5 signatures).
    pub full: bool,
    /// Owner of the account (the receiver program unless testing a forgery).
    pub owner: Pubkey,
}

impl TestPrice {
    /// A fully verified price owned by the Pyth receiver.
    pub fn new(feed_id: [u8; 32], price: i64, conf: u64, exponent: i32, publish_time: i64) -> Self {
        Self { feed_id, price, conf, exponent, publish_time, full: true, owner: pyth_solana_receiver_sdk::ID }
    }
}

impl Env {
    /// Writes a `PriceUpdateV2` account (serialized with the Pyth SDK's own
    /// type) at `address`.
    pub fn set_price(&mut self, address: &Pubkey, p: TestPrice) {
        use anchor_lang::AccountSerialize;
        use pyth_solana_receiver_sdk::price_update::{PriceFeedMessage, PriceUpdateV2, VerificationLevel};
        let update = PriceUpdateV2 {
            write_authority: Pubkey::new_unique(),
            verification_level: if p.full {
                VerificationLevel::Full
            } else {
                VerificationLevel::Partial { num_signatures: 5 }
            },
            price_message: PriceFeedMessage {
                feed_id: p.feed_id,
                price: p.price,
                conf: p.conf,
                exponent: p.exponent,
                publish_time: p.publish_time,
                prev_publish_time: p.publish_time - 1,
                ema_price: p.price,
                ema_conf: p.conf,
            },
            posted_slot: 1,
        };
        let mut data = Vec::with_capacity(PriceUpdateV2::LEN);
        update.try_serialize(&mut data).expect("serialize PriceUpdateV2");
        let account =
            Account { lamports: 10_000_000, data, owner: p.owner, executable: false, rent_epoch: 0 };
        self.ctx.set_account(address, &account.into());
    }
}
