//! Helpers shared by the CLI's test targets.
#![allow(dead_code)]

pub mod demo;

use serde_json::Value;
use solana_commitment_config::CommitmentConfig;
use solana_rpc_client::rpc_client::RpcClient;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The built `autofactor` binary.
pub fn autofactor() -> Command {
    Command::new(env!("CARGO_BIN_EXE_autofactor"))
}

/// `cli/tests/snapshots/<name>`.
pub fn snapshot_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(name)
}

/// Compares `actual` with the snapshot `name`; with `UPDATE_SNAPSHOTS=1`
/// (re)writes it instead.
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = snapshot_path(name);
    let actual = if actual.ends_with('\n') { actual.to_string() } else { format!("{actual}\n") };
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("snapshot {} missing ({e}); run with UPDATE_SNAPSHOTS=1 to create it", path.display())
    });
    if expected != actual {
        let diff: Vec<String> = expected
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (e, a))| e != a)
            .take(5)
            .map(|(i, (e, a))| format!("line {}:\n  - {e}\n  + {a}", i + 1))
            .collect();
        panic!(
            "snapshot {} differs ({} vs {} lines):\n{}\n(UPDATE_SNAPSHOTS=1 regenerates it)",
            path.display(),
            expected.lines().count(),
            actual.lines().count(),
            diff.join("\n")
        );
    }
}

/// Replaces every value at a key in `keys` (at any depth) with `"<masked>"`,
/// and every base58 32-byte address with `"<address>"`: what changes from
/// one demo chain to the next.
pub fn mask(v: &mut Value, keys: &[&str]) {
    match v {
        Value::Object(m) => {
            for (k, val) in m.iter_mut() {
                if keys.contains(&k.as_str()) {
                    *val = Value::String("<masked>".into());
                } else {
                    mask(val, keys);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| mask(x, keys)),
        Value::String(s) if is_address(s) => *s = "<address>".into(),
        _ => {}
    }
}

fn is_address(s: &str) -> bool {
    (32..=44).contains(&s.len()) && bs58::decode(s).into_vec().is_ok_and(|b| b.len() == 32)
}

/// Three free ports: a port whose two successors are free too (the local
/// chain's JSON-RPC, WebSocket on port + 1, the demo's API on port + 2).
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

/// An `autofactor localnet` process on a free port, killed on drop. Its
/// test directory `af-cli-<name>-<pid>` holds the ledger (`ledger/`, keys
/// under `ledger/keys/`) and whatever the test writes; it is removed on
/// drop too.
pub struct Chain {
    child: Child,
    /// JSON-RPC port (WebSocket: port + 1, the demo's API: port + 2).
    pub port: u16,
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    /// The test directory.
    pub dir: PathBuf,
}

impl Drop for Chain {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Chain {
    /// Starts `autofactor localnet <args>` and waits until it answers
    /// getHealth and, with `--demo`, has written its manifest.
    pub fn start(name: &str, args: &[&str]) -> Chain {
        let dir = std::env::temp_dir().join(format!("af-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let port = free_port();
        let child = autofactor()
            .args(["localnet", "--port", &port.to_string(), "--ledger-dir"])
            .arg(dir.join("ledger"))
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn autofactor localnet");
        let mut chain = Chain { child, port, url: format!("http://127.0.0.1:{port}"), dir };
        let rpc = chain.rpc();
        let demo = args.contains(&"--demo");
        chain.wait_until("healthy", |c| rpc.get_health().is_ok() && (!demo || c.manifest_path().exists()));
        chain
    }

    /// Waits until `ready` holds; fails if the process exits, or after 240 s.
    pub fn wait_until(&mut self, what: &str, ready: impl Fn(&Chain) -> bool) {
        let start = Instant::now();
        while !ready(self) {
            assert!(self.child.try_wait().unwrap().is_none(), "localnet exited early");
            assert!(start.elapsed() < Duration::from_secs(240), "localnet not {what}");
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// A client at `confirmed` commitment.
    pub fn rpc(&self) -> RpcClient {
        RpcClient::new_with_commitment(self.url.clone(), CommitmentConfig::confirmed())
    }

    /// The ledger's `keys/` (the demo's keypairs and manifest).
    pub fn keys_dir(&self) -> PathBuf {
        self.dir.join("ledger/keys")
    }

    fn manifest_path(&self) -> PathBuf {
        self.keys_dir().join("demo.json")
    }

    /// The demo's manifest (`keys/demo.json`).
    pub fn manifest(&self) -> Value {
        serde_json::from_str(&std::fs::read_to_string(self.manifest_path()).unwrap()).unwrap()
    }

    /// The demo's API (the indexer's, on port + 2).
    pub fn api_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port + 2)
    }

    /// The CLI against this chain, with keypairs from `keys`.
    pub fn cli(&self, keys: PathBuf) -> Cli {
        Cli { url: self.url.clone(), dir: keys }
    }
}

/// The CLI, run with `--url`, one of the keypairs in `dir` and `--output
/// json`.
pub struct Cli {
    pub url: String,
    /// Where the keypairs are (`<name>.json`).
    pub dir: PathBuf,
}

impl Cli {
    /// The keypair file of `name`.
    pub fn key(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.json"))
    }

    pub fn output(&self, signer: &str, args: &[&str]) -> std::process::Output {
        autofactor()
            .args(args)
            .args(["--url", &self.url, "--keypair"])
            .arg(self.key(signer))
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
