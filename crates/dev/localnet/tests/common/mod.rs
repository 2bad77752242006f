//! The harness of the local chain's tests: an in-process local chain
//! ([`Localnet::start`]: the chain thread, JSON-RPC and WebSocket on real
//! ports) on a free port with a ledger directory of its own, and the calls
//! the tests make with Solana's own `RpcClient`.
#![allow(dead_code)]

use autofactor_client::{decode, PROGRAM_ID};
use autofactor_localnet::{Config, Localnet};
use solana_account_decoder_client_types::UiAccountEncoding;
use solana_commitment_config::CommitmentConfig;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_rpc_client_api::config::{RpcAccountInfoConfig, RpcProgramAccountsConfig, RpcTransactionConfig};
use solana_rpc_client_api::filter::RpcFilterType;
use solana_sdk::hash::Hash;
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signature, Signer};
use solana_sdk::transaction::Transaction;
use solana_transaction_status_client_types::{
    option_serializer::OptionSerializer, EncodedTransaction, UiInstruction, UiMessage, UiTransactionEncoding,
};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A port for [`Config::port`] whose two successors are free too (the
/// WebSocket listens on port + 1, the demo's API on port + 2).
pub fn free_port() -> u16 {
    for _ in 0..100 {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        let free = |p: u16| std::net::TcpListener::bind(("127.0.0.1", p)).is_ok();
        if port < 65_000 && free(port + 1) && free(port + 2) {
            return port;
        }
    }
    panic!("no three free ports");
}

/// An empty temporary directory `af-localnet-<name>-<pid>`.
pub fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("af-localnet-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Wall-clock unix seconds (the chain's clock follows it).
pub fn wall_clock() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// The programs' log output only at error level, unless `RUST_LOG` says
/// otherwise.
fn quiet_logs() {
    if std::env::var_os("RUST_LOG").is_none() {
        std::env::set_var("RUST_LOG", "error");
    }
}

/// A running in-process local chain.
pub struct TestChain {
    pub net: Localnet,
    /// What it was started with (port and ledger directory included).
    pub config: Config,
    /// A client at `confirmed` commitment.
    pub rpc: RpcClient,
}

impl TestChain {
    /// Starts `config` on a free port with the ledger in a fresh
    /// [`temp_dir`] named `name`.
    pub async fn start(name: &str, config: Config) -> TestChain {
        Self::start_with(Config { port: free_port(), ledger_dir: Some(temp_dir(name)), ..config }).await
    }

    /// Starts exactly `config` (e.g. a stopped chain's, on its ledger).
    pub async fn start_with(config: Config) -> TestChain {
        quiet_logs();
        let net = Localnet::start(config.clone()).await.expect("the local chain starts");
        let rpc = RpcClient::new_with_commitment(net.rpc_url.clone(), CommitmentConfig::confirmed());
        TestChain { net, config, rpc }
    }

    /// Stops serving and writes the final snapshot, as Ctrl-C does; returns
    /// the configuration to start it again with.
    pub async fn stop(self) -> Config {
        self.net.shutdown().await.expect("a clean shutdown");
        self.config
    }

    /// Stops the chain and removes its ledger directory.
    pub async fn finish(self) {
        if let Some(dir) = self.stop().await.ledger_dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Signs with `payer` (the fee payer) and `signers`, sends and confirms.
pub async fn send(rpc: &RpcClient, payer: &Keypair, ixs: &[Instruction], signers: &[&Keypair]) -> Signature {
    send_with(rpc, payer, ixs, signers, None).await
}

/// [`send`] with a given blockhash (default: the latest).
pub async fn send_with(
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

/// `requestAirdrop`, then waits for its confirmation.
pub async fn airdrop(rpc: &RpcClient, to: &Pubkey, lamports: u64) {
    let sig = rpc.request_airdrop(to, lamports).await.unwrap();
    let start = Instant::now();
    while !rpc.confirm_transaction(&sig).await.unwrap() {
        assert!(start.elapsed() < Duration::from_secs(30), "airdrop not confirmed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// getProgramAccounts (base64) for Autofactor with `filters`.
pub async fn program_accounts(rpc: &RpcClient, filters: Vec<RpcFilterType>) -> Vec<(Pubkey, Vec<u8>)> {
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

/// A token account's balance.
pub async fn token_amount(rpc: &RpcClient, account: &Pubkey) -> u64 {
    rpc.get_token_account_balance(account).await.unwrap().amount.parse().unwrap()
}

/// An Autofactor account, decoded.
pub async fn state<T: anchor_lang::AccountDeserialize>(rpc: &RpcClient, address: &Pubkey) -> T {
    decode::account(&rpc.get_account_data(address).await.unwrap()).unwrap()
}

/// Autofactor inner-instruction payloads of a transaction (its `emit_cpi!`
/// events), via getTransaction.
pub async fn program_inner_data(rpc: &RpcClient, sig: &Signature) -> Vec<Vec<u8>> {
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
