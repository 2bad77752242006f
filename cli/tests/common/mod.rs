//! Helpers shared by the CLI's test targets.
#![allow(dead_code)]

pub mod demo;

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

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

/// A local chain process, killed on drop.
pub struct Chain {
    child: std::process::Child,
    /// Its JSON-RPC URL.
    pub url: String,
    /// Its ledger directory (keys under `keys/`), removed on drop.
    pub dir: PathBuf,
}

impl Drop for Chain {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A free port whose successor is free too.
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

/// Starts `autofactor localnet --demo` (no indexer API) and waits for its
/// manifest and health.
pub fn demo_chain(name: &str) -> (Chain, Value) {
    let dir = std::env::temp_dir().join(format!("af-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let port = free_port();
    let child = autofactor()
        .args(["localnet", "--demo", "--api-port", "0", "--port", &port.to_string(), "--ledger-dir"])
        .arg(&dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::inherit())
        .spawn()
        .expect("spawn localnet");
    let mut chain = Chain { child, url: format!("http://127.0.0.1:{port}"), dir };
    let manifest = chain.dir.join("keys/demo.json");
    let start = std::time::Instant::now();
    loop {
        assert!(chain.child.try_wait().unwrap().is_none(), "localnet exited early");
        assert!(start.elapsed() < std::time::Duration::from_secs(240), "localnet not ready");
        let healthy = autofactor()
            .args(["protocol", "show", "--output", "json", "--url", &chain.url])
            .output()
            .is_ok_and(|o| o.status.success());
        if healthy && manifest.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(500));
    }
    let m: Value = serde_json::from_str(&std::fs::read_to_string(manifest).unwrap()).unwrap();
    (chain, m)
}
