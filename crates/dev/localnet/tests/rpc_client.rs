//! Solana's own `RpcClient` and `PubsubClient` against the local chain,
//! exactly as a client of devnet would use them: chain facts, slots and
//! blockhash lifetimes; pools, deposits, withdrawals and an invoice's whole
//! lifecycle over RPC (events from getTransaction, getProgramAccounts with
//! memcmp filters, account and signature subscriptions); the state across a
//! restart on the same ledger; and clear errors for a taken port and a
//! corrupt snapshot.

mod common;

use anchor_lang::solana_program::system_instruction;
use anchor_lang::Discriminator;
use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use anchor_spl::token::spl_token;
use autofactor_client::events::{Deposited, InvoiceFinanced, InvoicePaid, InvoiceSettled, Withdrawn};
use autofactor_client::ix::{self, PoolKeys};
use autofactor_client::layout::{IDENTITY_WALLET_OFFSET, INVOICE_SUPPLIER_OFFSET, POOL_MANAGER_OFFSET};
use autofactor_client::state::{
    IdentityRecord, IdentityTerms, Invoice, InvoiceStatus, Pool, PoolParams, ProtocolConfig, Tranche,
};
use autofactor_client::{constants::*, decode, pda, presets, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID};
use autofactor_localnet::{Config, Localnet};
use autofactor_tests::{entity_id_of, identity_terms};
use common::*;
use futures::StreamExt as _;
use solana_account_decoder_client_types::UiAccountEncoding;
use solana_commitment_config::CommitmentConfig;
use solana_pubsub_client::nonblocking::pubsub_client::PubsubClient;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_rpc_client_api::client_error::ErrorKind;
use solana_rpc_client_api::config::{RpcAccountInfoConfig, RpcSignatureSubscribeConfig};
use solana_rpc_client_api::filter::{Memcmp, RpcFilterType};
use solana_rpc_client_api::request::{RpcError, RpcRequest, RpcResponseErrorData, TokenAccountsFilter};
use solana_rpc_client_api::response::RpcSignatureResult;
use solana_sdk::hash::Hash;
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};
use solana_sdk::transaction::Transaction;
use std::time::{Duration, Instant};

use presets::USDC;
const SOL: u64 = 1_000_000_000;
/// The pool's id (any).
const POOL_ID: u64 = 7;

/// The accounts of a protocol with one pool, made over RPC.
struct World {
    /// Fee payer with 100 SOL from an airdrop; funds the others.
    payer: Keypair,
    admin: Keypair,
    issuer: Keypair,
    mint_authority: Keypair,
    manager: Keypair,
    /// Investors with 1M (junior) and 2M (senior) USDC.
    junior: Keypair,
    senior: Keypair,
    usdc: Pubkey,
    keys: PoolKeys,
}

/// A legal entity of its own for `who`, with `roles`, valid for a year.
fn identity(who: &Keypair, roles: u8) -> IdentityTerms {
    IdentityTerms {
        entity_id: entity_id_of(&who.pubkey()),
        ..identity_terms(roles, wall_clock() + 365 * 86_400)
    }
}

/// Moves 2 SOL from the world's payer to each of `to`.
async fn fund(rpc: &RpcClient, payer: &Keypair, to: &[&Keypair]) {
    let ixs: Vec<Instruction> =
        to.iter().map(|k| system_instruction::transfer(&payer.pubkey(), &k.pubkey(), 2 * SOL)).collect();
    send(rpc, payer, &ixs, &[]).await;
}

/// Wallets, a USDC mint and the investors' USDC; the protocol, an issuer
/// and identities; a pool with the preset terms but no holding period
/// (the tests finance and redeem within seconds of wall time; the holding
/// period has its own program tests).
async fn world(rpc: &RpcClient) -> World {
    let payer = Keypair::new();
    airdrop(rpc, &payer.pubkey(), 100 * SOL).await;
    assert_eq!(rpc.get_balance(&payer.pubkey()).await.unwrap(), 100 * SOL);
    let (admin, issuer, mint_authority) = (Keypair::new(), Keypair::new(), Keypair::new());
    let (manager, junior, senior) = (Keypair::new(), Keypair::new(), Keypair::new());
    fund(rpc, &payer, &[&admin, &issuer, &manager, &junior, &senior]).await;

    // USDC mint and accounts.
    let usdc_mint = Keypair::new();
    let usdc = usdc_mint.pubkey();
    let mint_len = anchor_spl::token::Mint::LEN;
    let rent = rpc.get_minimum_balance_for_rent_exemption(mint_len).await.unwrap();
    let create_mint = [
        system_instruction::create_account(&payer.pubkey(), &usdc, rent, mint_len as u64, &TOKEN_PROGRAM_ID),
        spl_token::instruction::initialize_mint2(&TOKEN_PROGRAM_ID, &usdc, &mint_authority.pubkey(), None, 6)
            .unwrap(),
    ];
    send(rpc, &payer, &create_mint, &[&usdc_mint]).await;
    let keys = PoolKeys::derive(&manager.pubkey(), POOL_ID, &usdc);
    let w = World { payer, admin, issuer, mint_authority, manager, junior, senior, usdc, keys };
    for (who, amount) in [(&w.junior, 1_000_000 * USDC), (&w.senior, 2_000_000 * USDC)] {
        mint_usdc(rpc, &w, who, amount).await;
        assert_eq!(token_amount(rpc, &keys.usdc_ata(&who.pubkey())).await, amount);
    }

    // Protocol, issuer, identities.
    let admin = w.admin.pubkey();
    send(rpc, &w.admin, &[ix::protocol_initialize(&admin, &usdc, &Pubkey::new_unique(), 1_000)], &[]).await;
    let protocol: ProtocolConfig = state(rpc, &pda::protocol()).await;
    assert_eq!((protocol.admin, protocol.usdc_mint), (admin, usdc));
    send(rpc, &w.admin, &[ix::issuer_register(&admin, &w.issuer.pubkey(), "RPC Test KYC")], &[]).await;
    for (who, roles) in [(&w.manager, ROLE_MANAGER), (&w.junior, ROLE_INVESTOR), (&w.senior, ROLE_INVESTOR)] {
        let issue = ix::identity_issue(&w.issuer.pubkey(), &who.pubkey(), identity(who, roles));
        send(rpc, &w.issuer, &[issue], &[]).await;
    }

    // The pool.
    let params = PoolParams { min_hold_secs: 0, ..presets::pool_params() };
    let create = ix::pool_create(&w.manager.pubkey(), &usdc, POOL_ID, params, presets::pool_policy());
    send(rpc, &w.manager, &[create], &[]).await;
    w
}

/// Mints `amount` USDC to `who`'s associated account (created if needed).
async fn mint_usdc(rpc: &RpcClient, w: &World, who: &Keypair, amount: u64) {
    let usdc = w.usdc;
    let ata = w.keys.usdc_ata(&who.pubkey());
    let payer = w.payer.pubkey();
    let authority = w.mint_authority.pubkey();
    let ixs = [
        create_associated_token_account_idempotent(&payer, &who.pubkey(), &usdc, &TOKEN_PROGRAM_ID),
        spl_token::instruction::mint_to(&TOKEN_PROGRAM_ID, &usdc, &ata, &authority, &[], amount).unwrap(),
    ];
    send(rpc, &w.payer, &ixs, &[&w.mint_authority]).await;
}

/// `who` deposits `amount` into tranche `t` (its share account created first).
fn deposit(keys: &PoolKeys, who: &Keypair, t: Tranche, amount: u64) -> [Instruction; 2] {
    [
        ix::create_shares_ata(&who.pubkey(), &who.pubkey(), keys, t),
        ix::tranche_deposit(keys, &who.pubkey(), t, amount, 0),
    ]
}

/// The memcmp filters "accounts of type `T` with `key` at `offset`".
fn of_type_with<T: Discriminator>(offset: usize, key: &Pubkey) -> Vec<RpcFilterType> {
    vec![
        RpcFilterType::Memcmp(Memcmp::new_base58_encoded(0, T::DISCRIMINATOR)),
        RpcFilterType::Memcmp(Memcmp::new_base58_encoded(offset, key.as_ref())),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chain_facts_slots_and_unknown_methods() {
    let chain = TestChain::start("facts", Config::default()).await;
    let rpc = &chain.rpc;
    assert!(!rpc.get_version().await.unwrap().solana_core.is_empty());
    assert_ne!(rpc.get_genesis_hash().await.unwrap(), Hash::default());
    assert!(rpc.get_epoch_info().await.unwrap().absolute_slot > 0);

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

    // WebSocket: slots arrive. Slots are made on demand (a blockhash
    // request 400 ms after the last slot) and at least every 10 s.
    let pubsub = PubsubClient::new(&chain.net.ws_url).await.unwrap();
    let (mut slots, slots_unsub) = pubsub.slot_subscribe().await.unwrap();
    let url = chain.net.rpc_url.clone();
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
    chain.finish().await;
}

/// A blockhash's last valid height is 150 blocks on, as on a cluster, and
/// it still lands a transaction 20 slots later (not program-test's ~1 s);
/// an unknown hash is not valid.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blockhash_lasts_150_blocks_and_still_lands_20_slots_later() {
    let chain = TestChain::start("blockhash", Config::default()).await;
    let rpc = &chain.rpc;
    let payer = Keypair::new();
    airdrop(rpc, &payer.pubkey(), SOL).await;
    let slot0 = rpc.get_slot().await.unwrap();
    let (early_blockhash, last_valid) =
        rpc.get_latest_blockhash_with_commitment(CommitmentConfig::finalized()).await.unwrap();
    assert_eq!(last_valid, rpc.get_block_height().await.unwrap() + 150);
    let early = Instant::now();

    let mut last = early_blockhash;
    while rpc.get_slot().await.unwrap() < slot0 + 20 || early.elapsed() < Duration::from_secs(5) {
        tokio::time::sleep(Duration::from_millis(420)).await;
        let h = rpc.get_latest_blockhash().await.unwrap();
        assert_ne!(h, last, "a blockhash request 400 ms later gets a new blockhash");
        last = h;
    }
    assert!(rpc.is_blockhash_valid(&early_blockhash, CommitmentConfig::processed()).await.unwrap());
    let transfer = system_instruction::transfer(&payer.pubkey(), &Pubkey::new_unique(), SOL / 2);
    send_with(rpc, &payer, &[transfer], &[], Some(early_blockhash)).await;
    assert!(!rpc.is_blockhash_valid(&Hash::new_unique(), CommitmentConfig::processed()).await.unwrap());
    chain.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deposits_and_withdrawals_over_rpc_with_events_filters_and_subscriptions() {
    let chain = TestChain::start("deposits", Config::default()).await;
    let rpc = &chain.rpc;
    let w = world(rpc).await;
    let keys = &w.keys;
    let (junior, senior) = (&w.junior, &w.senior);

    // getProgramAccounts + memcmp: the junior investor's identity record.
    let records =
        program_accounts(rpc, of_type_with::<IdentityRecord>(IDENTITY_WALLET_OFFSET, &junior.pubkey())).await;
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].0, pda::identity(&junior.pubkey()));
    let record: IdentityRecord = decode::account(&records[0].1).unwrap();
    assert_eq!(record.roles, ROLE_INVESTOR);

    // Account subscription on the pool, signature subscription on the
    // junior deposit, which is sent raw and confirmed over the WebSocket.
    let pubsub = PubsubClient::new(&chain.net.ws_url).await.unwrap();
    let account_config = RpcAccountInfoConfig {
        encoding: Some(UiAccountEncoding::Base64),
        commitment: Some(CommitmentConfig::confirmed()),
        ..Default::default()
    };
    let (mut pool_updates, pool_unsub) =
        pubsub.account_subscribe(&keys.pool, Some(account_config)).await.unwrap();
    let blockhash = rpc.get_latest_blockhash().await.unwrap();
    let tx = Transaction::new_signed_with_payer(
        &deposit(keys, junior, Tranche::Junior, 500_000 * USDC),
        Some(&junior.pubkey()),
        &[junior],
        blockhash,
    );
    let junior_sig = tx.signatures[0];
    let finalized = RpcSignatureSubscribeConfig {
        commitment: Some(CommitmentConfig::finalized()),
        enable_received_notification: None,
    };
    let (mut sig_updates, _sig_unsub) =
        pubsub.signature_subscribe(&junior_sig, Some(finalized)).await.unwrap();
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

    let senior_sig = send(rpc, senior, &deposit(keys, senior, Tranche::Senior, 1_000_000 * USDC), &[]).await;

    // Balances.
    assert_eq!(token_amount(rpc, &keys.vault).await, 1_500_000 * USDC);
    assert_eq!(token_amount(rpc, &keys.usdc_ata(&junior.pubkey())).await, 500_000 * USDC);
    assert_eq!(token_amount(rpc, &keys.usdc_ata(&senior.pubkey())).await, 1_000_000 * USDC);
    let junior_shares = token_amount(rpc, &keys.shares_ata(&junior.pubkey(), Tranche::Junior)).await;
    let senior_shares = token_amount(rpc, &keys.shares_ata(&senior.pubkey(), Tranche::Senior)).await;
    assert!(junior_shares > 0 && junior_shares <= 500_000 * USDC);
    assert!(senior_shares > 0 && senior_shares <= 1_000_000 * USDC);
    assert_eq!(rpc.get_token_supply(&keys.junior_mint).await.unwrap().decimals, 6);

    // The Deposited events, decoded from getTransaction's inner instructions.
    let events: Vec<Deposited> = decode::events(&program_inner_data(rpc, &junior_sig).await);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].investor, junior.pubkey());
    assert_eq!(events[0].pool, keys.pool);
    assert_eq!(events[0].tranche, Tranche::Junior);
    assert_eq!(events[0].amount_usdc, 500_000 * USDC);
    assert_eq!(events[0].shares, junior_shares);
    let events: Vec<Deposited> = decode::events(&program_inner_data(rpc, &senior_sig).await);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].amount_usdc, 1_000_000 * USDC);

    // getProgramAccounts with memcmp filters finds the pool by manager.
    let pools = program_accounts(rpc, of_type_with::<Pool>(POOL_MANAGER_OFFSET, &w.manager.pubkey())).await;
    assert_eq!(pools.len(), 1);
    assert_eq!(pools[0].0, keys.pool);
    let pool: Pool = decode::account(&pools[0].1).unwrap();
    assert_eq!(pool.manager, w.manager.pubkey());
    assert_eq!(pool.ledger.cash_usdc, 1_500_000 * USDC);
    assert_eq!(pool.ledger.junior.total_deposited_usdc, 500_000 * USDC);
    assert_eq!(pool.ledger.senior.total_deposited_usdc, 1_000_000 * USDC);
    let someone_else = Memcmp::new_base58_encoded(POOL_MANAGER_OFFSET, Pubkey::new_unique().as_ref());
    assert!(program_accounts(rpc, vec![RpcFilterType::Memcmp(someone_else)]).await.is_empty());

    // Token accounts by owner (jsonParsed): the junior share account.
    let owned = rpc
        .get_token_accounts_by_owner(&junior.pubkey(), TokenAccountsFilter::ProgramId(TOKEN_2022_PROGRAM_ID))
        .await
        .unwrap();
    assert_eq!(owned.len(), 1);
    assert_eq!(owned[0].pubkey, keys.shares_ata(&junior.pubkey(), Tranche::Junior).to_string());

    // A failing deposit is refused by preflight with the program's logs.
    let blockhash = rpc.get_latest_blockhash().await.unwrap();
    let bad = Transaction::new_signed_with_payer(
        &[ix::tranche_deposit(keys, &junior.pubkey(), Tranche::Junior, 10_000_000 * USDC, 0)],
        Some(&junior.pubkey()),
        &[junior],
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
    let queue_tail = state::<Pool>(rpc, &keys.pool).await.ledger.junior.queue_tail;
    let shares = junior_shares / 5;
    let usdc_before = token_amount(rpc, &keys.usdc_ata(&junior.pubkey())).await;
    let withdraw = ix::tranche_withdraw(keys, &junior.pubkey(), Tranche::Junior, shares, queue_tail);
    let sig = send(rpc, junior, &[withdraw], &[]).await;
    let withdrawn: Vec<Withdrawn> = decode::events(&program_inner_data(rpc, &sig).await);
    assert_eq!(withdrawn.len(), 1);
    let paid = withdrawn[0].amount_usdc;
    assert!(paid > 0);
    assert_eq!(token_amount(rpc, &keys.usdc_ata(&junior.pubkey())).await, usdc_before + paid);
    assert_eq!(
        token_amount(rpc, &keys.shares_ata(&junior.pubkey(), Tranche::Junior)).await,
        junior_shares - shares
    );
    assert_eq!(token_amount(rpc, &keys.vault).await, 1_500_000 * USDC - paid);
    assert_eq!(state::<Pool>(rpc, &keys.pool).await.ledger.cash_usdc, 1_500_000 * USDC - paid);
    chain.finish().await;
}

/// Origination (a Core asset minted by CPI), acknowledgment, attestation,
/// financing, repayment and settlement, each a transaction over RPC.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invoice_lifecycle_over_rpc() {
    let chain = TestChain::start("invoice", Config::default()).await;
    let rpc = &chain.rpc;
    let w = world(rpc).await;
    let keys = w.keys;
    send(rpc, &w.junior, &deposit(&keys, &w.junior, Tranche::Junior, 500_000 * USDC), &[]).await;
    send(rpc, &w.senior, &deposit(&keys, &w.senior, Tranche::Senior, 1_000_000 * USDC), &[]).await;
    let cash_before = state::<Pool>(rpc, &keys.pool).await.ledger.cash_usdc;

    let (supplier, buyer, verifier) = (Keypair::new(), Keypair::new(), Keypair::new());
    fund(rpc, &w.payer, &[&supplier, &buyer, &verifier]).await;
    let issue =
        |who: &Keypair, roles| ix::identity_issue(&w.issuer.pubkey(), &who.pubkey(), identity(who, roles));
    let identities =
        [issue(&supplier, ROLE_SUPPLIER), issue(&buyer, ROLE_BUYER), issue(&verifier, ROLE_VERIFIER)];
    send(rpc, &w.issuer, &identities, &[]).await;
    send(rpc, &w.manager, &[ix::pool_verifier_add(&w.manager.pubkey(), &keys.pool, &verifier.pubkey())], &[])
        .await;
    mint_usdc(rpc, &w, &buyer, 1_000 * USDC).await;
    let supplier_usdc = keys.usdc_ata(&supplier.pubkey());
    let create_ata = create_associated_token_account_idempotent(
        &w.payer.pubkey(),
        &supplier.pubkey(),
        &w.usdc,
        &TOKEN_PROGRAM_ID,
    );
    send(rpc, &w.payer, &[create_ata], &[]).await;

    let asset = Keypair::new();
    let entity = |who: &Keypair| pda::entity_key(&entity_id_of(&who.pubkey())).unwrap();
    let inv = ix::InvoiceKeys::new(
        keys,
        asset.pubkey(),
        supplier.pubkey(),
        buyer.pubkey(),
        entity(&supplier),
        entity(&buyer),
    );
    let now = wall_clock();
    let new_invoice = ix::NewInvoice {
        face_minor: 100_000,
        currency: *b"USD",
        issue_ts: now - 86_400,
        due_ts: now + 60 * 86_400,
        document_hash: [42; 32],
        invoice_number: "RPC-1".into(),
        metadata_uri: "https://invoices.example/rpc-1.json".into(),
    };
    send(rpc, &supplier, &[ix::invoice_create(&inv, &new_invoice)], &[&asset]).await;
    assert_eq!(rpc.get_account(&asset.pubkey()).await.unwrap().owner, mpl_core::ID);
    send(rpc, &buyer, &[ix::invoice_acknowledge(&inv)], &[]).await;
    send(rpc, &verifier, &[ix::invoice_attest(&inv, &verifier.pubkey(), [1; 32], 900)], &[]).await;
    let sig = send(rpc, &supplier, &[ix::invoice_finance(&inv, 0)], &[]).await;
    let financed: Vec<InvoiceFinanced> = decode::events(&program_inner_data(rpc, &sig).await);
    assert_eq!(financed.len(), 1);
    let advance = financed[0].advance_usdc;
    assert!(advance > 980 * USDC && advance < 1_000 * USDC);
    assert_eq!(token_amount(rpc, &supplier_usdc).await, advance);

    // getProgramAccounts: the supplier's invoices (discriminator + supplier field).
    let invoices =
        program_accounts(rpc, of_type_with::<Invoice>(INVOICE_SUPPLIER_OFFSET, &supplier.pubkey())).await;
    assert_eq!(invoices.len(), 1);
    assert_eq!(invoices[0].0, inv.invoice);
    let invoice: Invoice = decode::account(&invoices[0].1).unwrap();
    assert_eq!((invoice.status, invoice.face_minor), (InvoiceStatus::Financed, 100_000));

    let sig =
        send(rpc, &buyer, &[ix::invoice_repay(&inv, &buyer.pubkey(), 100_000, 1_000 * USDC)], &[]).await;
    let paid: Vec<InvoicePaid> = decode::events(&program_inner_data(rpc, &sig).await);
    assert!(paid[0].fully_repaid);
    let sig = send(rpc, &w.payer, &[ix::invoice_settle(&inv, &w.payer.pubkey())], &[]).await;
    let settled: Vec<InvoiceSettled> = decode::events(&program_inner_data(rpc, &sig).await);
    assert_eq!(settled[0].invoice, inv.invoice);
    let closed = rpc.get_account_with_commitment(&inv.invoice, CommitmentConfig::confirmed()).await.unwrap();
    assert!(closed.value.is_none());
    let pool = state::<Pool>(rpc, &keys.pool).await;
    assert_eq!(pool.ledger.open_invoices, 0);
    assert!(pool.ledger.cash_usdc > cash_before, "the pool earned the discount");
    chain.finish().await;
}

/// Stopping writes the snapshot (as Ctrl-C does); a restart on the same
/// ledger and port is a new chain with the old accounts, and keeps working.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn state_survives_a_restart() {
    let chain = TestChain::start("restart", Config::default()).await;
    let w = world(&chain.rpc).await;
    let keys = w.keys;
    send(&chain.rpc, &w.junior, &deposit(&keys, &w.junior, Tranche::Junior, 300_000 * USDC), &[]).await;
    let genesis = chain.rpc.get_genesis_hash().await.unwrap();
    let pool = state::<Pool>(&chain.rpc, &keys.pool).await;
    let vault = token_amount(&chain.rpc, &keys.vault).await;
    assert_eq!(vault, 300_000 * USDC);

    let config = chain.stop().await;
    assert!(config.snapshot_path().unwrap().exists());
    let chain = TestChain::start_with(config).await;
    let rpc = &chain.rpc;
    assert_ne!(rpc.get_genesis_hash().await.unwrap(), genesis, "a new chain, with the old accounts");
    let restored = state::<Pool>(rpc, &keys.pool).await;
    assert_eq!(restored.ledger.cash_usdc, pool.ledger.cash_usdc);
    assert_eq!(restored.manager, w.manager.pubkey());
    assert_eq!(token_amount(rpc, &keys.vault).await, vault);
    let by_manager = Memcmp::new_base58_encoded(POOL_MANAGER_OFFSET, w.manager.pubkey().as_ref());
    assert_eq!(program_accounts(rpc, vec![RpcFilterType::Memcmp(by_manager)]).await.len(), 1);
    // …and keeps working: the senior investor deposits.
    send(rpc, &w.senior, &deposit(&keys, &w.senior, Tranche::Senior, 10_000 * USDC), &[]).await;
    assert_eq!(token_amount(rpc, &keys.vault).await, vault + 10_000 * USDC);
    chain.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn port_in_use_and_corrupt_snapshot_are_clear_errors() {
    // Port taken.
    let blocker = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = blocker.local_addr().unwrap().port();
    let Err(e) = Localnet::start(Config { port, ..Config::default() }).await else {
        panic!("started on a port in use")
    };
    let message = format!("{e:#}");
    assert!(message.contains(&format!("port {port}")) && message.contains("already in use"), "{message}");
    drop(blocker);

    // A truncated snapshot is refused, never used.
    let ledger = temp_dir("corrupt");
    std::fs::write(ledger.join("accounts.snapshot"), b"AFLEDGER\x01\x00\x00\x00 partial").unwrap();
    let config = Config { port: free_port(), ledger_dir: Some(ledger.clone()), ..Config::default() };
    let Err(e) = Localnet::start(config).await else { panic!("started on a corrupt snapshot") };
    let message = format!("{e:#}");
    assert!(message.contains("corrupt or incomplete"), "{message}");
    let _ = std::fs::remove_dir_all(&ledger);
}
