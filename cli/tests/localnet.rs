//! End-to-end test of `autofactor localnet`: starts the built binary on a
//! free port and drives it with Solana's own `RpcClient` and
//! `PubsubClient`, exactly as a client of devnet would.

use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use anchor_spl::token::spl_token;
use autofactor_client::events::{Deposited, Withdrawn};
use autofactor_client::events::{InvoiceFinanced, InvoicePaid, InvoiceSettled};
use autofactor_client::ix::{self, PoolKeys};
use autofactor_client::state::{
    IdentityRecord, IdentityTerms, Invoice, InvoiceStatus, Pool, PoolParams, PoolPolicy, ProtocolConfig,
    Tranche,
};
use autofactor_client::{constants::*, decode, pda, PROGRAM_ID, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID};
use futures::StreamExt as _;
use solana_account_decoder_client_types::UiAccountEncoding;
use solana_commitment_config::CommitmentConfig;
use solana_pubsub_client::nonblocking::pubsub_client::PubsubClient;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_rpc_client_api::client_error::ErrorKind;
use solana_rpc_client_api::config::{RpcAccountInfoConfig, RpcProgramAccountsConfig, RpcTransactionConfig};
use solana_rpc_client_api::filter::{Memcmp, RpcFilterType};
use solana_rpc_client_api::request::{RpcError, RpcRequest, RpcResponseErrorData};
use solana_rpc_client_api::response::RpcSignatureResult;
use solana_sdk::hash::Hash;
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signature, Signer};
use solana_sdk::transaction::Transaction;
use solana_transaction_status_client_types::{
    option_serializer::OptionSerializer, EncodedTransaction, UiInstruction, UiMessage, UiTransactionEncoding,
};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const USDC: u64 = 1_000_000;
/// Offset of `Invoice::supplier`: discriminator, asset, pool.
const INVOICE_SUPPLIER_OFFSET: usize = 8 + 32 + 32;

fn mpl_core_id() -> Pubkey {
    "CoREENxT6tW1HoK8ypY1SxRMZTcVPm7R94rH4PZNhX7d".parse().unwrap()
}
const SOL: u64 = 1_000_000_000;
/// Offset of `Pool::manager` (8-byte discriminator, 4 bumps, paused, pool_id).
const POOL_MANAGER_OFFSET: usize = 8 + 4 + 1 + 8;
/// Offset of `IdentityRecord::wallet`.
const IDENTITY_WALLET_OFFSET: usize = 8;

/// A running `autofactor localnet`, killed on drop.
struct Localnet {
    child: Child,
    port: u16,
}

impl Localnet {
    fn start(port: u16, ledger: &Path, extra: &[&str]) -> Self {
        let child = Command::new(env!("CARGO_BIN_EXE_autofactor"))
            .args(["localnet", "--port", &port.to_string(), "--ledger-dir"])
            .arg(ledger)
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn autofactor localnet");
        Self { child, port }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn ws_url(&self) -> String {
        format!("ws://127.0.0.1:{}", self.port + 1)
    }

    fn client(&self) -> RpcClient {
        RpcClient::new_with_commitment(self.url(), CommitmentConfig::confirmed())
    }

    /// Waits until getHealth answers "ok".
    async fn ready(&mut self) -> RpcClient {
        let rpc = self.client();
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("autofactor localnet exited early: {status}");
            }
            if rpc.get_health().await.is_ok() {
                return rpc;
            }
            assert!(start.elapsed() < Duration::from_secs(120), "localnet did not become healthy");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Ctrl-C, then waits for a clean exit.
    fn interrupt(mut self) {
        let pid = self.child.id().to_string();
        let ok = Command::new("kill").args(["-INT", &pid]).status().unwrap().success();
        assert!(ok, "kill -INT failed");
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "localnet exited with {status} after Ctrl-C");
                return;
            }
            assert!(start.elapsed() < Duration::from_secs(30), "localnet did not stop after Ctrl-C");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Localnet {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port whose successor is free too (JSON-RPC + WebSocket).
fn free_port() -> u16 {
    for _ in 0..100 {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        if port < 65_000 && std::net::TcpListener::bind(("127.0.0.1", port + 1)).is_ok() {
            return port;
        }
    }
    panic!("no free port pair");
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("af-localnet-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

async fn send(rpc: &RpcClient, payer: &Keypair, ixs: &[Instruction], signers: &[&Keypair]) -> Signature {
    send_with(rpc, payer, ixs, signers, None).await
}

async fn send_with(
    rpc: &RpcClient,
    payer: &Keypair,
    ixs: &[Instruction],
    signers: &[&Keypair],
    blockhash: Option<Hash>,
) -> Signature {
    let blockhash = match blockhash {
        Some(h) => h,
        None => rpc.get_latest_blockhash().await.unwrap(),
    };
    let mut all: Vec<&Keypair> = vec![payer];
    all.extend(signers.iter().filter(|s| s.pubkey() != payer.pubkey()));
    let tx = Transaction::new_signed_with_payer(ixs, Some(&payer.pubkey()), &all, blockhash);
    match rpc.send_and_confirm_transaction(&tx).await {
        Ok(sig) => sig,
        Err(e) => panic!("transaction failed: {e}"),
    }
}

async fn airdrop(rpc: &RpcClient, to: &Pubkey, lamports: u64) {
    let sig = rpc.request_airdrop(to, lamports).await.unwrap();
    let start = Instant::now();
    while !rpc.confirm_transaction(&sig).await.unwrap() {
        assert!(start.elapsed() < Duration::from_secs(30), "airdrop not confirmed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn terms(roles: u8, expires_ts: i64) -> IdentityTerms {
    IdentityTerms {
        roles,
        jurisdiction: *b"NO",
        accreditation: 1,
        did: "did:web:rpc-test.autofactor.example".into(),
        // One legal entity per role combination (ISO 6523 ICD 0192).
        entity_id: format!("0192:{}", 910_000_000 + roles as u32),
        expires_ts,
    }
}

fn params() -> PoolParams {
    // The preset terms, without the holding period: this test finances and
    // redeems within seconds of wall time (the holding period has its own
    // program tests).
    PoolParams { min_hold_secs: 0, ..autofactor_client::presets::pool_params() }
}

fn policy() -> PoolPolicy {
    autofactor_client::presets::pool_policy()
}

/// getProgramAccounts (base64) for Autofactor with `filters`.
async fn program_accounts(rpc: &RpcClient, filters: Vec<RpcFilterType>) -> Vec<(Pubkey, Vec<u8>)> {
    rpc.get_program_ui_accounts_with_config(
        &PROGRAM_ID,
        RpcProgramAccountsConfig {
            filters: Some(filters),
            account_config: RpcAccountInfoConfig {
                encoding: Some(UiAccountEncoding::Base64),
                ..Default::default()
            },
            ..Default::default()
        },
    )
    .await
    .unwrap()
    .into_iter()
    .map(|(k, a)| (k, a.data.decode().unwrap()))
    .collect()
}

async fn token_amount(rpc: &RpcClient, account: &Pubkey) -> u64 {
    rpc.get_token_account_balance(account).await.unwrap().amount.parse().unwrap()
}

async fn pool_state(rpc: &RpcClient, pool: &Pubkey) -> Pool {
    decode::account::<Pool>(&rpc.get_account_data(pool).await.unwrap()).unwrap()
}

/// Autofactor inner-instruction payloads of a transaction, via getTransaction.
async fn program_inner_data(rpc: &RpcClient, sig: &Signature) -> Vec<Vec<u8>> {
    let tx = rpc
        .get_transaction_with_config(
            sig,
            RpcTransactionConfig {
                encoding: Some(UiTransactionEncoding::Json),
                commitment: Some(CommitmentConfig::confirmed()),
                max_supported_transaction_version: Some(0),
            },
        )
        .await
        .unwrap();
    let EncodedTransaction::Json(ui) = &tx.transaction.transaction else { panic!("json encoding") };
    let UiMessage::Raw(raw) = &ui.message else { panic!("raw message") };
    let keys: Vec<Pubkey> = raw.account_keys.iter().map(|k| k.parse().unwrap()).collect();
    let meta = tx.transaction.meta.unwrap();
    assert!(meta.err.is_none());
    let OptionSerializer::Some(inner) = meta.inner_instructions else { panic!("no inner instructions") };
    let mut out = Vec::new();
    for group in inner {
        for ix in group.instructions {
            let UiInstruction::Compiled(c) = ix else { panic!("json encoding gives compiled instructions") };
            if keys[c.program_id_index as usize] == PROGRAM_ID {
                out.push(bs58::decode(&c.data).into_vec().unwrap());
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rpc_client_drives_the_protocol_and_state_survives_a_restart() {
    let ledger = temp_dir("e2e");
    let port = free_port();
    let mut net = Localnet::start(port, &ledger, &[]);
    let rpc = net.ready().await;

    // Chain facts.
    let version = rpc.get_version().await.unwrap();
    assert!(!version.solana_core.is_empty());
    let genesis = rpc.get_genesis_hash().await.unwrap();
    let epoch = rpc.get_epoch_info().await.unwrap();
    assert!(epoch.absolute_slot > 0);
    let slot0 = rpc.get_slot().await.unwrap();
    let (early_blockhash, last_valid) =
        rpc.get_latest_blockhash_with_commitment(CommitmentConfig::finalized()).await.unwrap();
    assert_eq!(last_valid, rpc.get_block_height().await.unwrap() + 150);
    let early = Instant::now();

    // Unknown methods are refused with -32601.
    let err = rpc
        .send::<serde_json::Value>(RpcRequest::Custom { method: "getNothing" }, serde_json::json!([]))
        .await;
    match err.unwrap_err().kind() {
        ErrorKind::RpcError(RpcError::RpcResponseError { code, message, .. }) => {
            assert_eq!(*code, -32601);
            assert_eq!(message, "Method not found");
        }
        other => panic!("unexpected error {other:?}"),
    }

    // WebSocket: slots arrive.
    let pubsub = PubsubClient::new(&net.ws_url()).await.unwrap();
    let (mut slots, slots_unsub) = pubsub.slot_subscribe().await.unwrap();
    // Slots are made on demand (a blockhash request 400 ms after the last
    // slot) and at least every 5 s.
    let url = net.url();
    let poker = tokio::spawn(async move {
        let rpc = RpcClient::new(url);
        loop {
            tokio::time::sleep(Duration::from_millis(450)).await;
            let _ = rpc.get_latest_blockhash().await;
        }
    });
    let first = tokio::time::timeout(Duration::from_secs(6), slots.next()).await.unwrap().unwrap();
    let second = tokio::time::timeout(Duration::from_secs(6), slots.next()).await.unwrap().unwrap();
    poker.abort();
    assert!(second.slot > first.slot);
    slots_unsub().await;

    // Wallets.
    let payer = Keypair::new();
    airdrop(&rpc, &payer.pubkey(), 100 * SOL).await;
    assert_eq!(rpc.get_balance(&payer.pubkey()).await.unwrap(), 100 * SOL);
    let (admin, treasury, issuer, mint_authority) =
        (Keypair::new(), Keypair::new(), Keypair::new(), Keypair::new());
    let (manager, junior, senior) = (Keypair::new(), Keypair::new(), Keypair::new());
    for k in [&admin, &issuer, &manager, &junior, &senior] {
        send(
            &rpc,
            &payer,
            &[anchor_lang::solana_program::system_instruction::transfer(
                &payer.pubkey(),
                &k.pubkey(),
                2 * SOL,
            )],
            &[],
        )
        .await;
    }

    // USDC mint and accounts.
    let usdc_mint = Keypair::new();
    let usdc = usdc_mint.pubkey();
    let rent = rpc.get_minimum_balance_for_rent_exemption(82).await.unwrap();
    send(
        &rpc,
        &payer,
        &[
            anchor_lang::solana_program::system_instruction::create_account(
                &payer.pubkey(),
                &usdc,
                rent,
                82,
                &TOKEN_PROGRAM_ID,
            ),
            spl_token::instruction::initialize_mint2(
                &TOKEN_PROGRAM_ID,
                &usdc,
                &mint_authority.pubkey(),
                None,
                6,
            )
            .unwrap(),
        ],
        &[&usdc_mint],
    )
    .await;
    for (who, amount) in [(&junior, 1_000_000 * USDC), (&senior, 2_000_000 * USDC)] {
        let ata = pda::ata(&who.pubkey(), &usdc, &TOKEN_PROGRAM_ID);
        send(
            &rpc,
            &payer,
            &[
                create_associated_token_account_idempotent(
                    &payer.pubkey(),
                    &who.pubkey(),
                    &usdc,
                    &TOKEN_PROGRAM_ID,
                ),
                spl_token::instruction::mint_to(
                    &TOKEN_PROGRAM_ID,
                    &usdc,
                    &ata,
                    &mint_authority.pubkey(),
                    &[],
                    amount,
                )
                .unwrap(),
            ],
            &[&mint_authority],
        )
        .await;
        assert_eq!(token_amount(&rpc, &ata).await, amount);
    }

    // Protocol, issuer, identities.
    send(&rpc, &admin, &[ix::protocol_initialize(&admin.pubkey(), &usdc, &treasury.pubkey(), 1_000)], &[])
        .await;
    let protocol: ProtocolConfig =
        decode::account(&rpc.get_account_data(&pda::protocol()).await.unwrap()).unwrap();
    assert_eq!(protocol.admin, admin.pubkey());
    assert_eq!(protocol.usdc_mint, usdc);
    send(&rpc, &admin, &[ix::issuer_register(&admin.pubkey(), &issuer.pubkey(), "RPC Test KYC")], &[]).await;
    // The bank clock follows wall time.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let expires = now + 365 * 86_400;
    for (who, roles) in [(&manager, ROLE_MANAGER), (&junior, ROLE_INVESTOR), (&senior, ROLE_INVESTOR)] {
        send(
            &rpc,
            &issuer,
            &[ix::identity_issue(&issuer.pubkey(), &who.pubkey(), terms(roles, expires))],
            &[],
        )
        .await;
    }
    // getProgramAccounts + memcmp: the junior investor's identity record.
    let records = program_accounts(
        &rpc,
        vec![
            RpcFilterType::Memcmp(Memcmp::new_base58_encoded(
                0,
                <IdentityRecord as anchor_lang::Discriminator>::DISCRIMINATOR,
            )),
            RpcFilterType::Memcmp(Memcmp::new_base58_encoded(
                IDENTITY_WALLET_OFFSET,
                junior.pubkey().as_ref(),
            )),
        ],
    )
    .await;
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].0, pda::identity(&junior.pubkey()));
    let record: IdentityRecord = decode::account(&records[0].1).unwrap();
    assert_eq!(record.roles, ROLE_INVESTOR);

    // Pool.
    send(&rpc, &manager, &[ix::pool_create(&manager.pubkey(), &usdc, 7, params(), policy())], &[]).await;
    let keys = PoolKeys::derive(&manager.pubkey(), 7, &usdc);

    // Account subscription on the pool, signature subscription on a deposit.
    let (mut pool_updates, pool_unsub) = pubsub
        .account_subscribe(
            &keys.pool,
            Some(RpcAccountInfoConfig {
                encoding: Some(UiAccountEncoding::Base64),
                commitment: Some(CommitmentConfig::confirmed()),
                ..Default::default()
            }),
        )
        .await
        .unwrap();

    // Deposits: junior first, then senior (subordination).
    let deposit = |who: &Keypair, t: Tranche, amount: u64| {
        [
            ix::create_shares_ata(&who.pubkey(), &who.pubkey(), &keys, t),
            ix::tranche_deposit(&keys, &who.pubkey(), t, amount, 0),
        ]
    };
    // The junior deposit is sent raw and confirmed over the WebSocket.
    let blockhash = rpc.get_latest_blockhash().await.unwrap();
    let tx = Transaction::new_signed_with_payer(
        &deposit(&junior, Tranche::Junior, 500_000 * USDC),
        Some(&junior.pubkey()),
        &[&junior],
        blockhash,
    );
    let junior_sig = tx.signatures[0];
    let (mut sig_updates, _sig_unsub) = pubsub
        .signature_subscribe(
            &junior_sig,
            Some(solana_rpc_client_api::config::RpcSignatureSubscribeConfig {
                commitment: Some(CommitmentConfig::finalized()),
                enable_received_notification: None,
            }),
        )
        .await
        .unwrap();
    assert_eq!(rpc.send_transaction(&tx).await.unwrap(), junior_sig);
    let note = tokio::time::timeout(Duration::from_secs(10), sig_updates.next()).await.unwrap().unwrap();
    match note.value {
        RpcSignatureResult::ProcessedSignature(p) => assert!(p.err.is_none(), "{:?}", p.err),
        other => panic!("unexpected {other:?}"),
    }
    let update = tokio::time::timeout(Duration::from_secs(10), pool_updates.next()).await.unwrap().unwrap();
    let from_ws: Pool = decode::account(&update.value.data.decode().unwrap()).unwrap();
    assert_eq!(from_ws.ledger.cash_usdc, 500_000 * USDC);
    pool_unsub().await;

    let senior_sig = send(&rpc, &senior, &deposit(&senior, Tranche::Senior, 1_000_000 * USDC), &[]).await;

    // Balances.
    assert_eq!(token_amount(&rpc, &keys.vault).await, 1_500_000 * USDC);
    assert_eq!(token_amount(&rpc, &keys.usdc_ata(&junior.pubkey())).await, 500_000 * USDC);
    assert_eq!(token_amount(&rpc, &keys.usdc_ata(&senior.pubkey())).await, 1_000_000 * USDC);
    let junior_shares = token_amount(&rpc, &keys.shares_ata(&junior.pubkey(), Tranche::Junior)).await;
    let senior_shares = token_amount(&rpc, &keys.shares_ata(&senior.pubkey(), Tranche::Senior)).await;
    assert!(junior_shares > 0 && junior_shares <= 500_000 * USDC);
    assert!(senior_shares > 0 && senior_shares <= 1_000_000 * USDC);
    let supply = rpc.get_token_supply(&keys.junior_mint).await.unwrap();
    assert_eq!(supply.decimals, 6);

    // The Deposited events, decoded from getTransaction's inner instructions.
    let events: Vec<Deposited> = decode::events(&program_inner_data(&rpc, &junior_sig).await);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].investor, junior.pubkey());
    assert_eq!(events[0].pool, keys.pool);
    assert_eq!(events[0].tranche, Tranche::Junior);
    assert_eq!(events[0].amount_usdc, 500_000 * USDC);
    assert_eq!(events[0].shares, junior_shares);
    let events: Vec<Deposited> = decode::events(&program_inner_data(&rpc, &senior_sig).await);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].amount_usdc, 1_000_000 * USDC);

    // getProgramAccounts with memcmp filters finds the pool by manager.
    let pools = program_accounts(
        &rpc,
        vec![
            RpcFilterType::Memcmp(Memcmp::new_base58_encoded(
                0,
                <Pool as anchor_lang::Discriminator>::DISCRIMINATOR,
            )),
            RpcFilterType::Memcmp(Memcmp::new_base58_encoded(POOL_MANAGER_OFFSET, manager.pubkey().as_ref())),
        ],
    )
    .await;
    assert_eq!(pools.len(), 1);
    assert_eq!(pools[0].0, keys.pool);
    let pool: Pool = decode::account(&pools[0].1).unwrap();
    assert_eq!(pool.manager, manager.pubkey());
    assert_eq!(pool.ledger.cash_usdc, 1_500_000 * USDC);
    assert_eq!(pool.ledger.junior.total_deposited_usdc, 500_000 * USDC);
    assert_eq!(pool.ledger.senior.total_deposited_usdc, 1_000_000 * USDC);
    let none = program_accounts(
        &rpc,
        vec![RpcFilterType::Memcmp(Memcmp::new_base58_encoded(
            POOL_MANAGER_OFFSET,
            Pubkey::new_unique().as_ref(),
        ))],
    )
    .await;
    assert!(none.is_empty());

    // Token accounts by owner (jsonParsed): the junior share account.
    let owned = rpc
        .get_token_accounts_by_owner(
            &junior.pubkey(),
            solana_rpc_client_api::request::TokenAccountsFilter::ProgramId(TOKEN_2022_PROGRAM_ID),
        )
        .await
        .unwrap();
    assert_eq!(owned.len(), 1);
    assert_eq!(owned[0].pubkey, keys.shares_ata(&junior.pubkey(), Tranche::Junior).to_string());

    // A failing deposit is refused by preflight with the program's logs.
    let blockhash = rpc.get_latest_blockhash().await.unwrap();
    let bad = Transaction::new_signed_with_payer(
        &[ix::tranche_deposit(&keys, &junior.pubkey(), Tranche::Junior, 10_000_000 * USDC, 0)],
        Some(&junior.pubkey()),
        &[&junior],
        blockhash,
    );
    match rpc.send_transaction(&bad).await.unwrap_err().kind() {
        ErrorKind::RpcError(RpcError::RpcResponseError {
            code: -32002,
            data: RpcResponseErrorData::SendTransactionPreflightFailure(result),
            ..
        }) => {
            assert!(result.err.is_some());
            assert!(!result.logs.as_ref().unwrap().is_empty());
        }
        other => panic!("expected a preflight failure, got {other:?}"),
    }

    // Withdraw part of the junior tranche (cash is available: immediate).
    let pool = pool_state(&rpc, &keys.pool).await;
    let shares = junior_shares / 5;
    let usdc_before = token_amount(&rpc, &keys.usdc_ata(&junior.pubkey())).await;
    let sig = send(
        &rpc,
        &junior,
        &[ix::tranche_withdraw(
            &keys,
            &junior.pubkey(),
            Tranche::Junior,
            shares,
            pool.ledger.junior.queue_tail,
        )],
        &[],
    )
    .await;
    let withdrawn: Vec<Withdrawn> = decode::events(&program_inner_data(&rpc, &sig).await);
    assert_eq!(withdrawn.len(), 1);
    let paid = withdrawn[0].amount_usdc;
    assert!(paid > 0);
    assert_eq!(token_amount(&rpc, &keys.usdc_ata(&junior.pubkey())).await, usdc_before + paid);
    assert_eq!(
        token_amount(&rpc, &keys.shares_ata(&junior.pubkey(), Tranche::Junior)).await,
        junior_shares - shares
    );
    assert_eq!(token_amount(&rpc, &keys.vault).await, 1_500_000 * USDC - paid);
    let pool = pool_state(&rpc, &keys.pool).await;
    assert_eq!(pool.ledger.cash_usdc, 1_500_000 * USDC - paid);

    // An invoice's whole lifecycle over RPC: origination (a Core asset
    // minted by CPI), acknowledgment, attestation, financing, repayment,
    // settlement.
    let (supplier, buyer, verifier) = (Keypair::new(), Keypair::new(), Keypair::new());
    for k in [&supplier, &buyer, &verifier] {
        send(
            &rpc,
            &payer,
            &[anchor_lang::solana_program::system_instruction::transfer(
                &payer.pubkey(),
                &k.pubkey(),
                2 * SOL,
            )],
            &[],
        )
        .await;
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    send(
        &rpc,
        &issuer,
        &[
            ix::identity_issue(
                &issuer.pubkey(),
                &supplier.pubkey(),
                terms(ROLE_SUPPLIER, now + 365 * 86_400),
            ),
            ix::identity_issue(&issuer.pubkey(), &buyer.pubkey(), terms(ROLE_BUYER, now + 365 * 86_400)),
            ix::identity_issue(
                &issuer.pubkey(),
                &verifier.pubkey(),
                terms(ROLE_VERIFIER, now + 365 * 86_400),
            ),
        ],
        &[],
    )
    .await;
    send(&rpc, &manager, &[ix::pool_verifier_add(&manager.pubkey(), &keys.pool, &verifier.pubkey())], &[])
        .await;
    let buyer_usdc = pda::ata(&buyer.pubkey(), &usdc, &TOKEN_PROGRAM_ID);
    send(
        &rpc,
        &payer,
        &[
            create_associated_token_account_idempotent(
                &payer.pubkey(),
                &buyer.pubkey(),
                &usdc,
                &TOKEN_PROGRAM_ID,
            ),
            create_associated_token_account_idempotent(
                &payer.pubkey(),
                &supplier.pubkey(),
                &usdc,
                &TOKEN_PROGRAM_ID,
            ),
            spl_token::instruction::mint_to(
                &TOKEN_PROGRAM_ID,
                &usdc,
                &buyer_usdc,
                &mint_authority.pubkey(),
                &[],
                1_000 * USDC,
            )
            .unwrap(),
        ],
        &[&mint_authority],
    )
    .await;
    let asset = Keypair::new();
    let entity = |roles: u8| pda::entity_key(&terms(roles, 0).entity_id).unwrap();
    let inv = ix::InvoiceKeys::new(
        keys,
        asset.pubkey(),
        supplier.pubkey(),
        buyer.pubkey(),
        entity(ROLE_SUPPLIER),
        entity(ROLE_BUYER),
    );
    let new_invoice = ix::NewInvoice {
        face_minor: 100_000,
        currency: *b"USD",
        issue_ts: now - 86_400,
        due_ts: now + 60 * 86_400,
        document_hash: [42; 32],
        invoice_number: "RPC-1".into(),
        metadata_uri: "https://invoices.example/rpc-1.json".into(),
    };
    send(&rpc, &supplier, &[ix::invoice_create(&inv, &new_invoice)], &[&asset]).await;
    assert_eq!(rpc.get_account(&asset.pubkey()).await.unwrap().owner, mpl_core_id());
    send(&rpc, &buyer, &[ix::invoice_acknowledge(&inv)], &[]).await;
    send(&rpc, &verifier, &[ix::invoice_attest(&inv, &verifier.pubkey(), [1; 32], 900)], &[]).await;
    let sig = send(&rpc, &supplier, &[ix::invoice_finance(&inv, 0)], &[]).await;
    let financed: Vec<InvoiceFinanced> = decode::events(&program_inner_data(&rpc, &sig).await);
    assert_eq!(financed.len(), 1);
    let advance = financed[0].advance_usdc;
    assert!(advance > 980 * USDC && advance < 1_000 * USDC);
    assert_eq!(token_amount(&rpc, &pda::ata(&supplier.pubkey(), &usdc, &TOKEN_PROGRAM_ID)).await, advance);
    // getProgramAccounts: the supplier's invoices (discriminator + supplier field).
    let invoices = program_accounts(
        &rpc,
        vec![
            RpcFilterType::Memcmp(Memcmp::new_base58_encoded(
                0,
                <Invoice as anchor_lang::Discriminator>::DISCRIMINATOR,
            )),
            RpcFilterType::Memcmp(Memcmp::new_base58_encoded(
                INVOICE_SUPPLIER_OFFSET,
                supplier.pubkey().as_ref(),
            )),
        ],
    )
    .await;
    assert_eq!(invoices.len(), 1);
    assert_eq!(invoices[0].0, inv.invoice);
    let invoice: Invoice = decode::account(&invoices[0].1).unwrap();
    assert_eq!((invoice.status, invoice.face_minor), (InvoiceStatus::Financed, 100_000));
    let sig =
        send(&rpc, &buyer, &[ix::invoice_repay(&inv, &buyer.pubkey(), 100_000, 1_000 * USDC)], &[]).await;
    let paid_events: Vec<InvoicePaid> = decode::events(&program_inner_data(&rpc, &sig).await);
    assert!(paid_events[0].fully_repaid);
    let sig = send(&rpc, &payer, &[ix::invoice_settle(&inv, &payer.pubkey())], &[]).await;
    let settled: Vec<InvoiceSettled> = decode::events(&program_inner_data(&rpc, &sig).await);
    assert_eq!(settled[0].invoice, inv.invoice);
    assert!(rpc
        .get_account_with_commitment(&inv.invoice, CommitmentConfig::confirmed())
        .await
        .unwrap()
        .value
        .is_none());
    let pool = pool_state(&rpc, &keys.pool).await;
    assert_eq!(pool.ledger.open_invoices, 0);
    assert!(pool.ledger.cash_usdc > 1_500_000 * USDC - paid, "the pool earned the discount");
    let vault_now = token_amount(&rpc, &keys.vault).await;

    // A blockhash from the start is still valid many slots later (blockhashes
    // last 150 slots, not program-test's ~1 second).
    let mut last = early_blockhash;
    while rpc.get_slot().await.unwrap() < slot0 + 20 || early.elapsed() < Duration::from_secs(5) {
        tokio::time::sleep(Duration::from_millis(420)).await;
        let h = rpc.get_latest_blockhash().await.unwrap();
        assert_ne!(h, last, "a blockhash request 400 ms later gets a new blockhash");
        last = h;
    }
    assert!(rpc.is_blockhash_valid(&early_blockhash, CommitmentConfig::processed()).await.unwrap());
    send_with(
        &rpc,
        &payer,
        &[anchor_lang::solana_program::system_instruction::transfer(&payer.pubkey(), &admin.pubkey(), 1)],
        &[],
        Some(early_blockhash),
    )
    .await;
    assert!(!rpc.is_blockhash_valid(&Hash::new_unique(), CommitmentConfig::processed()).await.unwrap());

    // Ctrl-C writes the snapshot; a restart on the same ledger has the state.
    net.interrupt();
    assert!(ledger.join("accounts.snapshot").exists());
    let mut net = Localnet::start(port, &ledger, &[]);
    let rpc = net.ready().await;
    assert_ne!(rpc.get_genesis_hash().await.unwrap(), genesis, "a new chain, with the old accounts");
    let restored = pool_state(&rpc, &keys.pool).await;
    assert_eq!(restored.ledger.cash_usdc, pool.ledger.cash_usdc);
    assert_eq!(restored.manager, manager.pubkey());
    assert_eq!(token_amount(&rpc, &keys.vault).await, vault_now);
    let pools = program_accounts(
        &rpc,
        vec![RpcFilterType::Memcmp(Memcmp::new_base58_encoded(
            POOL_MANAGER_OFFSET,
            manager.pubkey().as_ref(),
        ))],
    )
    .await;
    assert_eq!(pools.len(), 1);
    // …and keeps working: the senior investor deposits again.
    send(&rpc, &senior, &deposit(&senior, Tranche::Senior, 10_000 * USDC), &[]).await;
    assert_eq!(token_amount(&rpc, &keys.vault).await, vault_now + 10_000 * USDC);
    net.interrupt();
    let _ = std::fs::remove_dir_all(&ledger);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn port_in_use_and_corrupt_snapshot_are_clear_errors() {
    // Port taken.
    let blocker = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = blocker.local_addr().unwrap().port();
    let ledger = temp_dir("errors");
    let out = Command::new(env!("CARGO_BIN_EXE_autofactor"))
        .args(["localnet", "--port", &port.to_string()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("port {port}")) && stderr.contains("already in use"), "{stderr}");
    drop(blocker);

    // A truncated snapshot is refused, never used.
    std::fs::write(ledger.join("accounts.snapshot"), b"AFLEDGER\x01\x00\x00\x00 partial").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_autofactor"))
        .args(["localnet", "--port", &free_port().to_string(), "--ledger-dir"])
        .arg(&ledger)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("corrupt or incomplete"), "{stderr}");
    let _ = std::fs::remove_dir_all(&ledger);
}
