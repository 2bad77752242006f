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

pub struct Localnet(Child);

impl Drop for Localnet {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> u16 {
    for _ in 0..100 {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        if port < 65_000 && std::net::TcpListener::bind(("127.0.0.1", port + 1)).is_ok() {
            return port;
        }
    }
    panic!("no free port pair");
}

/// A demo chain: the process, its RPC client, the CLI and the manifest.
pub struct Demo {
    pub rpc: RpcClient,
    pub cli: Cli,
    pub manifest: Value,
    pub dir: PathBuf,
    _chain: Localnet,
}

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Demo {
    /// Starts `autofactor localnet --demo` in a fresh temp dir and waits
    /// for health and the manifest.
    pub fn start(name: &str) -> Demo {
        let dir = std::env::temp_dir().join(format!("af-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let ledger = dir.join("ledger");
        let port = free_port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_autofactor"))
            .args(["localnet", "--demo", "--port", &port.to_string(), "--ledger-dir"])
            .arg(&ledger)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn localnet");
        let url = format!("http://127.0.0.1:{port}");
        let rpc = RpcClient::new_with_commitment(
            url.clone(),
            solana_commitment_config::CommitmentConfig::confirmed(),
        );
        let keys = ledger.join("keys");
        let manifest_path = keys.join("demo.json");
        let start = Instant::now();
        while rpc.get_health().is_err() || !manifest_path.exists() {
            assert!(child.try_wait().unwrap().is_none(), "localnet exited early");
            assert!(start.elapsed() < Duration::from_secs(180), "localnet not healthy");
            std::thread::sleep(Duration::from_millis(200));
        }
        let chain = Localnet(child);
        let manifest: Value =
            serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
        Demo { rpc, cli: Cli { url, dir: keys }, manifest, dir, _chain: chain }
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

/// The CLI, run with a URL and one of the demo's keypairs.
pub struct Cli {
    pub url: String,
    pub dir: PathBuf,
}

impl Cli {
    pub fn output(&self, signer: &str, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_autofactor"))
            .args(args)
            .args(["--url", &self.url, "--keypair"])
            .arg(self.dir.join(format!("{signer}.json")))
            .args(["--output", "json"])
            .output()
            .expect("run autofactor")
    }

    #[track_caller]
    pub fn run(&self, signer: &str, args: &[&str]) -> (bool, Value, String) {
        let out = self.output(signer, args);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let v = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {stdout} {stderr}"));
        (out.status.success(), v, stderr)
    }

    /// Runs and expects success (and a transaction result when it sent one).
    #[track_caller]
    pub fn ok(&self, signer: &str, args: &[&str]) -> Value {
        let (ok, v, stderr) = self.run(signer, args);
        assert!(ok, "{args:?} failed: {v:#} {stderr}");
        if let Some(sig) = v.get("signature") {
            assert!(sig.as_str().is_some_and(|s| s.len() > 60), "{v}");
            assert_eq!(v["command"], format!("{} {}", args[0], args[1]), "{v}");
            let link = v["explorer"].as_str().unwrap();
            assert!(link.contains("?cluster=custom&customUrl=http%3A%2F%2F127.0.0.1%3A"), "{link}");
        }
        v
    }

    /// Runs and expects a failure; returns the `error` object.
    #[track_caller]
    pub fn fail(&self, signer: &str, args: &[&str]) -> Value {
        let (ok, v, _) = self.run(signer, args);
        assert!(!ok, "{args:?} unexpectedly succeeded: {v:#}");
        v["error"].clone()
    }

    /// Runs and expects only a non-zero exit status. For a signer that is
    /// not the invoice's buyer/supplier the CLI currently panics while
    /// signing (`NotEnoughSigners`) instead of printing a JSON error.
    #[track_caller]
    pub fn refused(&self, signer: &str, args: &[&str]) {
        let out = self.output(signer, args);
        assert!(!out.status.success(), "{args:?} unexpectedly succeeded");
    }

    /// Runs and expects the program error `name`.
    #[track_caller]
    pub fn fail_with(&self, signer: &str, args: &[&str], name: &str) -> Value {
        let e = self.fail(signer, args);
        assert_eq!(e["code"], "program_error", "{args:?}: {e:#}");
        assert_eq!(e["program_error"]["name"], name, "{args:?}: {e:#}");
        assert!(e["instruction_index"].is_u64(), "{args:?}: {e:#}");
        assert!(e["message"].as_str().unwrap().contains(name), "{e:#}");
        e
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
