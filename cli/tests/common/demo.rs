//! The demo-chain harness of the command tests (`commands_*.rs`): starts
//! `autofactor localnet --demo` on a free port with its own ledger
//! directory and drives the CLI binary with the demo's keypairs
//! (`<ledger-dir>/keys/`, addresses from `demo.json`), asserting JSON
//! output and decoding chain state with `autofactor_client`.
#![allow(unused_imports)]

pub use autofactor_client::ix::PoolKeys;
pub use autofactor_client::state::{IdentityRecord, Invoice, InvoiceStatus, Pool, ProtocolConfig, Tranche};
pub use autofactor_client::{constants, decode, pda};
pub use serde_json::Value;
pub use solana_rpc_client::rpc_client::RpcClient;
pub use solana_sdk::pubkey::Pubkey;
pub use std::path::PathBuf;
pub use std::process::{Child, Command, Stdio};
pub use std::str::FromStr;
pub use std::time::{Duration, Instant};

pub use super::{Chain, Cli};

/// A demo chain (`autofactor localnet --demo`): the process, its RPC
/// client, the CLI with the demo's keypairs and the manifest.
pub struct Demo {
    pub rpc: RpcClient,
    pub cli: Cli,
    pub manifest: Value,
    /// The test directory (removed with the chain).
    pub dir: PathBuf,
    _chain: Chain,
}

impl Demo {
    /// Starts `autofactor localnet --demo` and waits for health and the
    /// manifest.
    pub fn start(name: &str) -> Demo {
        let chain = Chain::start(name, &["--demo"]);
        Demo {
            rpc: chain.rpc(),
            cli: chain.cli(chain.keys_dir()),
            manifest: chain.manifest(),
            dir: chain.dir.clone(),
            _chain: chain,
        }
    }

    /// A demo wallet's address.
    pub fn wallet(&self, name: &str) -> Pubkey {
        Pubkey::from_str(self.manifest["wallets"][name]["pubkey"].as_str().unwrap()).unwrap()
    }

    pub fn w(&self, name: &str) -> String {
        self.wallet(name).to_string()
    }

    /// The demo pool.
    pub fn pool(&self) -> Pubkey {
        Pubkey::from_str(self.manifest["pools"][0]["pool"].as_str().unwrap()).unwrap()
    }

    /// A demo invoice's manifest entry, by number.
    pub fn invoice(&self, number: &str) -> &Value {
        self.manifest["invoices"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["number"] == number)
            .unwrap_or_else(|| panic!("no demo invoice {number}"))
    }

    pub fn invoice_key(&self, number: &str, field: &str) -> Pubkey {
        Pubkey::from_str(self.invoice(number)[field].as_str().unwrap()).unwrap()
    }

    pub fn protocol(&self) -> ProtocolConfig {
        decode::account(&self.rpc.get_account_data(&pda::protocol()).unwrap()).unwrap()
    }

    pub fn pool_state(&self) -> Pool {
        decode::account(&self.rpc.get_account_data(&self.pool()).unwrap()).unwrap()
    }

    pub fn invoice_state(&self, address: &Pubkey) -> Invoice {
        decode::account(&self.rpc.get_account_data(address).unwrap()).unwrap()
    }

    pub fn identity(&self, wallet: &Pubkey) -> IdentityRecord {
        decode::account(&self.rpc.get_account_data(&pda::identity(wallet)).unwrap()).unwrap()
    }

    pub fn exists(&self, address: &Pubkey) -> bool {
        self.rpc.get_account_with_commitment(address, self.rpc.commitment()).unwrap().value.is_some()
    }

    /// Whether a Metaplex Core asset is burned (gone, or the 1-byte
    /// tombstone Core leaves behind).
    pub fn burned(&self, asset: &Pubkey) -> bool {
        match self.rpc.get_account_with_commitment(asset, self.rpc.commitment()).unwrap().value {
            None => true,
            Some(a) => a.data.len() <= 1,
        }
    }

    /// SPL token balance, 0 when the account does not exist.
    pub fn token_amount(&self, account: &Pubkey) -> u64 {
        if !self.exists(account) {
            return 0;
        }
        self.rpc.get_token_account_balance(account).unwrap().amount.parse().unwrap()
    }

    /// Whether a token account is frozen (the base layout's state byte at
    /// offset 108: 1 initialized, 2 frozen; also for Token-2022).
    pub fn frozen(&self, account: &Pubkey) -> bool {
        let data = self.rpc.get_account_data(account).unwrap();
        match data[108] {
            1 => false,
            2 => true,
            s => panic!("token account {account} in state {s}"),
        }
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(solana_sdk::hash::hashv(&[bytes]).to_bytes())
}

pub fn usdc(v: &Value, k: &str) -> u64 {
    let s = v[k].as_str().unwrap_or_else(|| panic!("no string {k} in {v}"));
    let (int, frac) = s.split_once('.').unwrap();
    assert_eq!(frac.len(), 6, "{s}");
    int.parse::<u64>().unwrap() * 1_000_000 + frac.parse::<u64>().unwrap()
}

/// `YYYY-MM-DD` (UTC) of a unix time.
pub fn ymd(ts: i64) -> String {
    autofactor_client::state::iso_date(ts)
}
