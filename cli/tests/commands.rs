//! End to end, one chain per test: starts `autofactor localnet --demo` on a
//! free port with its own ledger directory and drives the CLI binary with
//! the demo's keypairs (`<ledger-dir>/keys/`, addresses from `demo.json`)
//! through the commands the lifecycle test does not cover — the admin
//! transfer, protocol pause and USDC guard, identity update/revoke with a
//! share-account freeze, invoice dispute and cancel, the late-invoice
//! keeper commands, fee collection and origination from a PDF — asserting
//! the JSON output and the chain state decoded with `autofactor_client`.

use autofactor_client::ix::PoolKeys;
use autofactor_client::state::{IdentityRecord, Invoice, InvoiceStatus, Pool, ProtocolConfig, Tranche};
use autofactor_client::{constants, decode, pda};
use serde_json::Value;
use solana_rpc_client::rpc_client::RpcClient;
use solana_sdk::pubkey::Pubkey;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::str::FromStr;
use std::time::{Duration, Instant};

struct Localnet(Child);

impl Drop for Localnet {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

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

/// A demo chain: the process, its RPC client, the CLI and the manifest.
struct Demo {
    rpc: RpcClient,
    cli: Cli,
    manifest: Value,
    dir: PathBuf,
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
    fn start(name: &str) -> Demo {
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
    fn wallet(&self, name: &str) -> Pubkey {
        Pubkey::from_str(self.manifest["wallets"][name]["pubkey"].as_str().unwrap()).unwrap()
    }

    fn w(&self, name: &str) -> String {
        self.wallet(name).to_string()
    }

    /// The demo pool.
    fn pool(&self) -> Pubkey {
        Pubkey::from_str(self.manifest["pools"][0]["pool"].as_str().unwrap()).unwrap()
    }

    /// A demo invoice's manifest entry, by number.
    fn invoice(&self, number: &str) -> &Value {
        self.manifest["invoices"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["number"] == number)
            .unwrap_or_else(|| panic!("no demo invoice {number}"))
    }

    fn invoice_key(&self, number: &str, field: &str) -> Pubkey {
        Pubkey::from_str(self.invoice(number)[field].as_str().unwrap()).unwrap()
    }

    fn protocol(&self) -> ProtocolConfig {
        decode::account(&self.rpc.get_account_data(&pda::protocol()).unwrap()).unwrap()
    }

    fn pool_state(&self) -> Pool {
        decode::account(&self.rpc.get_account_data(&self.pool()).unwrap()).unwrap()
    }

    fn invoice_state(&self, address: &Pubkey) -> Invoice {
        decode::account(&self.rpc.get_account_data(address).unwrap()).unwrap()
    }

    fn identity(&self, wallet: &Pubkey) -> IdentityRecord {
        decode::account(&self.rpc.get_account_data(&pda::identity(wallet)).unwrap()).unwrap()
    }

    fn exists(&self, address: &Pubkey) -> bool {
        self.rpc.get_account_with_commitment(address, self.rpc.commitment()).unwrap().value.is_some()
    }

    /// Whether a Metaplex Core asset is burned (gone, or the 1-byte
    /// tombstone Core leaves behind).
    fn burned(&self, asset: &Pubkey) -> bool {
        match self.rpc.get_account_with_commitment(asset, self.rpc.commitment()).unwrap().value {
            None => true,
            Some(a) => a.data.len() <= 1,
        }
    }

    /// SPL token balance, 0 when the account does not exist.
    fn token_amount(&self, account: &Pubkey) -> u64 {
        if !self.exists(account) {
            return 0;
        }
        self.rpc.get_token_account_balance(account).unwrap().amount.parse().unwrap()
    }

    /// Whether a token account is frozen (the base layout's state byte at
    /// offset 108: 1 initialized, 2 frozen; also for Token-2022).
    fn frozen(&self, account: &Pubkey) -> bool {
        let data = self.rpc.get_account_data(account).unwrap();
        match data[108] {
            1 => false,
            2 => true,
            s => panic!("token account {account} in state {s}"),
        }
    }
}

/// The CLI, run with a URL and one of the demo's keypairs.
struct Cli {
    url: String,
    dir: PathBuf,
}

impl Cli {
    fn output(&self, signer: &str, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_autofactor"))
            .args(args)
            .args(["--url", &self.url, "--keypair"])
            .arg(self.dir.join(format!("{signer}.json")))
            .args(["--output", "json"])
            .output()
            .expect("run autofactor")
    }

    #[track_caller]
    fn run(&self, signer: &str, args: &[&str]) -> (bool, Value, String) {
        let out = self.output(signer, args);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let v = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {stdout} {stderr}"));
        (out.status.success(), v, stderr)
    }

    /// Runs and expects success (and a transaction result when it sent one).
    #[track_caller]
    fn ok(&self, signer: &str, args: &[&str]) -> Value {
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
    fn fail(&self, signer: &str, args: &[&str]) -> Value {
        let (ok, v, _) = self.run(signer, args);
        assert!(!ok, "{args:?} unexpectedly succeeded: {v:#}");
        v["error"].clone()
    }

    /// Runs and expects only a non-zero exit status. For a signer that is
    /// not the invoice's buyer/supplier the CLI currently panics while
    /// signing (`NotEnoughSigners`) instead of printing a JSON error.
    #[track_caller]
    fn refused(&self, signer: &str, args: &[&str]) {
        let out = self.output(signer, args);
        assert!(!out.status.success(), "{args:?} unexpectedly succeeded");
    }

    /// Runs and expects the program error `name`.
    #[track_caller]
    fn fail_with(&self, signer: &str, args: &[&str], name: &str) -> Value {
        let e = self.fail(signer, args);
        assert_eq!(e["code"], "program_error", "{args:?}: {e:#}");
        assert_eq!(e["program_error"]["name"], name, "{args:?}: {e:#}");
        assert!(e["instruction_index"].is_u64(), "{args:?}: {e:#}");
        assert!(e["message"].as_str().unwrap().contains(name), "{e:#}");
        e
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(solana_sdk::hash::hashv(&[bytes]).to_bytes())
}

fn usdc(v: &Value, k: &str) -> u64 {
    let s = v[k].as_str().unwrap_or_else(|| panic!("no string {k} in {v}"));
    let (int, frac) = s.split_once('.').unwrap();
    assert_eq!(frac.len(), 6, "{s}");
    int.parse::<u64>().unwrap() * 1_000_000 + frac.parse::<u64>().unwrap()
}

#[test]
fn admin_transfer_refuses_the_old_admin() {
    let d = Demo::start("admin");
    let cli = &d.cli;
    let (admin, new_admin) = (d.wallet("admin"), d.wallet("treasury"));
    assert_eq!(d.protocol().admin, admin);

    // Only the admin proposes.
    cli.fail_with(
        "manager",
        &["protocol", "propose-admin", "--new-admin", &d.w("manager")],
        "NotProtocolAdmin",
    );
    let v = cli.ok("admin", &["protocol", "propose-admin", "--new-admin", &new_admin.to_string()]);
    assert_eq!(v["pending_admin"], new_admin.to_string());
    let p = d.protocol();
    assert_eq!(p.admin, admin);
    assert_eq!(p.pending_admin, new_admin);
    let shown = cli.ok("admin", &["protocol", "show"]);
    assert_eq!(shown["pending_admin"], new_admin.to_string());
    assert_eq!(shown["admin"], admin.to_string());

    // Only the proposed admin accepts.
    cli.fail_with("manager", &["protocol", "accept-admin"], "NotPendingAdmin");
    let v = cli.ok("treasury", &["protocol", "accept-admin"]);
    assert_eq!(v["admin"], new_admin.to_string());
    let p = d.protocol();
    assert_eq!(p.admin, new_admin);
    assert_eq!(p.pending_admin, Pubkey::default());
    let shown = cli.ok("admin", &["protocol", "show"]);
    assert_eq!(shown["admin"], new_admin.to_string());
    assert_eq!(shown["pending_admin"], Value::Null);
    // Nothing is pending any more. (Wait for a new slot: the same command
    // within 400 ms is the same transaction, which the chain answers as
    // already processed, i.e. with the first one's success.)
    std::thread::sleep(Duration::from_millis(900));
    cli.fail_with("treasury", &["protocol", "accept-admin"], "NoPendingAdmin");

    // The old admin is refused everywhere; the new one is obeyed.
    cli.fail_with("admin", &["protocol", "pause"], "NotProtocolAdmin");
    cli.fail_with("admin", &["protocol", "update", "--fee-bps", "500"], "NotProtocolAdmin");
    cli.fail_with(
        "admin",
        &["protocol", "propose-admin", "--new-admin", &admin.to_string()],
        "NotProtocolAdmin",
    );
    assert_eq!(cli.ok("treasury", &["protocol", "update", "--fee-bps", "500"])["protocol_fee_bps"], 500);
    assert_eq!(d.protocol().protocol_fee_bps, 500);
    assert!(!d.protocol().paused);
}

#[test]
fn protocol_pause_blocks_actions_until_unpaused() {
    let d = Demo::start("pause");
    let cli = &d.cli;
    let created = d.invoice_key("AF-1007", "invoice");
    assert_eq!(d.invoice_state(&created).status, InvoiceStatus::Created);

    cli.fail_with("manager", &["protocol", "pause"], "NotProtocolAdmin");
    let v = cli.ok("admin", &["protocol", "pause"]);
    assert_eq!(v["paused"], true);
    assert!(d.protocol().paused);
    assert_eq!(cli.ok("admin", &["protocol", "show"])["paused"], true);

    // While paused the buyer cannot acknowledge, the investor cannot
    // deposit; cancelling an unfinanced invoice is deliberately not paused
    // (docs/ARCHITECTURE.md, "Pause semantics").
    let c = created.to_string();
    cli.fail_with("buyer-1", &["invoice", "acknowledge", "--invoice", &c], "ProtocolPaused");
    let p = d.pool().to_string();
    cli.fail_with(
        "senior-investor-1",
        &["investor", "deposit", "--pool", &p, "--tranche", "senior", "--amount", "10"],
        "ProtocolPaused",
    );
    assert_eq!(d.invoice_state(&created).status, InvoiceStatus::Created);
    let disputed = d.invoice_key("AF-1009", "invoice");
    assert_eq!(
        cli.ok("supplier-1", &["invoice", "cancel", "--invoice", &disputed.to_string()])["status"],
        "Closed"
    );
    assert!(!d.exists(&disputed));

    cli.fail_with("manager", &["protocol", "unpause"], "NotProtocolAdmin");
    let v = cli.ok("admin", &["protocol", "unpause"]);
    assert_eq!(v["paused"], false);
    assert!(!d.protocol().paused);
    assert_eq!(cli.ok("admin", &["protocol", "show"])["paused"], false);
    let v = cli.ok("buyer-1", &["invoice", "acknowledge", "--invoice", &c]);
    assert_eq!(v["status"], "Acknowledged");
    assert_eq!(d.invoice_state(&created).status, InvoiceStatus::Acknowledged);
}

#[test]
fn protocol_usdc_guard_set_and_disabled() {
    let d = Demo::start("guard");
    let cli = &d.cli;
    let p = d.protocol();
    assert_eq!(p.usdc_usd_feed_id, [0; 32]);

    let feed = "eaa020c61cc479712813461ce153894a96a6c00b21ed0cfc2798d1f9a9e9c94a";
    cli.fail_with("manager", &["protocol", "usdc-guard", "--feed-id", feed], "NotProtocolAdmin");
    // Neither a feed nor --disable: refused by the argument parser.
    let out = Command::new(env!("CARGO_BIN_EXE_autofactor"))
        .args(["protocol", "usdc-guard", "--url", &cli.url, "--output", "json"])
        .output()
        .unwrap();
    assert!(!out.status.success());

    let v = cli.ok(
        "admin",
        &["protocol", "usdc-guard", "--feed-id", feed, "--min-price-bps", "9950", "--max-age-secs", "120"],
    );
    assert_eq!(v["enabled"], true);
    assert_eq!(v["feed_id"], feed);
    assert_eq!(v["min_price_bps"], 9950);
    assert_eq!(v["max_age_secs"], 120);
    let p = d.protocol();
    assert_eq!(hex::encode(p.usdc_usd_feed_id), feed);
    assert_eq!(p.min_usdc_price_bps, 9950);
    assert_eq!(p.usdc_max_age_secs, 120);
    let shown = cli.ok("admin", &["protocol", "show"]);
    assert_eq!(shown["usdc_guard"]["enabled"], true, "{shown}");
    assert_eq!(shown["usdc_guard"]["feed_id"], feed);
    assert_eq!(shown["usdc_guard"]["min_price_bps"], 9950);
    assert_eq!(shown["usdc_guard"]["max_age_secs"], 120);

    // Defaults: 9900 bps, 60 s.
    let v = cli.ok("admin", &["protocol", "usdc-guard", "--feed-id", &format!("0x{feed}")]);
    assert_eq!(v["min_price_bps"], 9900);
    assert_eq!(v["max_age_secs"], 60);
    assert_eq!(d.protocol().min_usdc_price_bps, 9900);
    assert_eq!(d.protocol().usdc_max_age_secs, 60);

    let v = cli.ok("admin", &["protocol", "usdc-guard", "--disable"]);
    assert_eq!(v["enabled"], false);
    assert_eq!(v["feed_id"], "00".repeat(32));
    assert_eq!(d.protocol().usdc_usd_feed_id, [0; 32]);
    let shown = cli.ok("admin", &["protocol", "show"]);
    assert_eq!(shown["usdc_guard"]["enabled"], false, "{shown}");
}

#[test]
fn identity_revoke_freeze_update_thaw() {
    let d = Demo::start("identity");
    let cli = &d.cli;
    let investor = d.wallet("junior-investor-1");
    let inv = investor.to_string();
    let pool = d.pool();
    let p = pool.to_string();
    let keys = PoolKeys::from_pool(&pool, &d.pool_state());
    let shares = keys.shares_ata(&investor, Tranche::Junior);
    assert!(!d.frozen(&shares));
    assert!(!d.identity(&investor).revoked);

    // The share account of an investor in good standing cannot be frozen.
    let e = cli.fail("verifier", &["keeper", "freeze", "--pool", &p, "--tranche", "junior", "--owner", &inv]);
    assert_eq!(e["code"], "program_error", "{e}");
    assert!(!d.frozen(&shares));

    // Only the issuer revokes.
    cli.fail("manager", &["identity", "revoke", "--wallet", &inv]);
    let v = cli.ok("issuer", &["identity", "revoke", "--wallet", &inv]);
    assert_eq!(v["wallet"], inv.as_str());
    assert_eq!(v["record"], pda::identity(&investor).to_string());
    assert!(d.identity(&investor).revoked);
    assert_eq!(cli.ok("admin", &["identity", "show", "--wallet", &inv])["revoked"], true);

    // Anyone may now freeze the share account.
    let v = cli.ok("verifier", &["keeper", "freeze", "--pool", &p, "--tranche", "junior", "--owner", &inv]);
    assert_eq!(v["pool"], p.as_str());
    assert_eq!(v["owner"], inv.as_str());
    assert!(d.frozen(&shares));
    // A revoked investor cannot thaw it.
    cli.fail("junior-investor-1", &["investor", "thaw", "--pool", &p, "--tranche", "junior"]);
    assert!(d.frozen(&shares));

    // The issuer updates (and so reinstates) the record.
    let v = cli.ok(
        "issuer",
        &[
            "identity",
            "update",
            "--wallet",
            &inv,
            "--roles",
            "investor,buyer",
            "--jurisdiction",
            "SE",
            "--accreditation",
            "2",
            "--did",
            "did:web:updated.example",
            "--expires",
            "2031-02-03",
        ],
    );
    let expires_ts = chrono::NaiveDate::from_ymd_opt(2031, 2, 3).unwrap().and_hms_opt(0, 0, 0).unwrap();
    let expires_ts = expires_ts.and_utc().timestamp();
    assert_eq!(v["expires_ts"], expires_ts);
    assert_eq!(v["wallet"], inv.as_str());
    let mut roles: Vec<&str> = v["roles"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    roles.sort();
    assert_eq!(roles, ["buyer", "investor"]);
    let r = d.identity(&investor);
    assert!(!r.revoked);
    assert_eq!(r.roles, constants::ROLE_INVESTOR | constants::ROLE_BUYER);
    assert_eq!(&r.jurisdiction, b"SE");
    assert_eq!(r.accreditation, 2);
    assert_eq!(r.did, "did:web:updated.example");
    assert_eq!(r.expires_ts, expires_ts);
    assert_eq!(r.issuer, d.wallet("issuer"));
    let shown = cli.ok("admin", &["identity", "show", "--wallet", &inv]);
    assert_eq!(shown["revoked"], false);
    assert_eq!(shown["jurisdiction"], "SE");
    assert_eq!(shown["expires"], "2031-02-03");
    // Only the issuer updates.
    cli.fail("manager", &["identity", "update", "--wallet", &inv, "--roles", "all"]);

    // Reinstated, the investor thaws its account.
    let v = cli.ok("junior-investor-1", &["investor", "thaw", "--pool", &p, "--tranche", "junior"]);
    assert_eq!(v["shares_account"], shares.to_string());
    assert!(!d.frozen(&shares));
}

#[test]
fn invoice_dispute_then_cancel() {
    let d = Demo::start("dispute");
    let cli = &d.cli;
    // AF-1007: Created, supplier-1, buyer-1.
    let invoice = d.invoice_key("AF-1007", "invoice");
    let asset = d.invoice_key("AF-1007", "asset");
    let i = invoice.to_string();
    let buyer = d.w("buyer-1");
    let rep_before = cli.ok("admin", &["buyer", "reputation", "--buyer", &buyer]);

    // Only the invoice's buyer disputes.
    cli.refused("buyer-2", &["invoice", "dispute", "--invoice", &i, "--reason", "not mine"]);
    let reason = "Goods not delivered: pallet 3 of 4 missing";
    // Addressed by its asset.
    let v = cli.ok("buyer-1", &["invoice", "dispute", "--invoice", &asset.to_string(), "--reason", reason]);
    assert_eq!(v["status"], "Disputed");
    assert_eq!(v["invoice"], i.as_str());
    assert_eq!(v["asset"], asset.to_string());
    assert_eq!(v["reason_hash"], sha256_hex(reason.as_bytes()));
    assert_eq!(d.invoice_state(&invoice).status, InvoiceStatus::Disputed);
    assert_eq!(cli.ok("admin", &["invoice", "show", "--invoice", &i])["status"], "Disputed");
    let rep = cli.ok("admin", &["buyer", "reputation", "--buyer", &buyer]);
    assert_eq!(
        rep["disputed_count"].as_u64().unwrap(),
        rep_before["disputed_count"].as_u64().unwrap() + 1,
        "{rep}"
    );
    let listed = cli.ok("admin", &["invoice", "list", "--status", "disputed"]);
    assert!(listed.as_array().unwrap().iter().any(|x| x["address"] == i.as_str()), "{listed}");
    // A disputed invoice can be neither acknowledged nor disputed again.
    cli.fail("buyer-1", &["invoice", "acknowledge", "--invoice", &i]);
    cli.fail("buyer-1", &["invoice", "dispute", "--invoice", &i, "--reason", "again"]);

    // Only the supplier cancels; cancelling closes the invoice, its asset
    // and both registry entries.
    cli.refused("supplier-2", &["invoice", "cancel", "--invoice", &i]);
    let v = cli.ok("supplier-1", &["invoice", "cancel", "--invoice", &i]);
    assert_eq!(v["status"], "Closed");
    assert_eq!(v["invoice"], i.as_str());
    assert!(!d.exists(&invoice));
    assert!(d.burned(&asset), "the asset is burned");
    assert!(!d.exists(&d.invoice_key("AF-1007", "documentEntry")));
    assert!(!d.exists(&d.invoice_key("AF-1007", "numberEntry")));
    let e = cli.fail("admin", &["invoice", "show", "--invoice", &i]);
    assert_eq!(e["code"], "account_not_found", "{e}");

    // A financed invoice cannot be cancelled (AF-1005, supplier-1).
    let financed = d.invoice_key("AF-1005", "invoice");
    cli.fail("supplier-1", &["invoice", "cancel", "--invoice", &financed.to_string()]);
    assert_eq!(d.invoice_state(&financed).status, InvoiceStatus::Financed);
}

#[test]
fn keeper_write_down_late_and_mark_late_too_early() {
    let d = Demo::start("late");
    let cli = &d.cli;
    // AF-1002: Late (NOK), due 70 days ago, written off after 90.
    let late = d.invoice_key("AF-1002", "invoice");
    let before = d.invoice_state(&late);
    assert_eq!(before.status, InvoiceStatus::Late);
    let pool_before = d.pool_state();

    // A keeper (anyone: here the verifier) applies the schedule.
    let v = cli.ok("verifier", &["keeper", "write-down", "--invoice", &late.to_string()]);
    assert_eq!(v["status"], "Late");
    assert_eq!(v["invoice"], late.to_string());
    assert_eq!(v["asset"], d.invoice_key("AF-1002", "asset").to_string());
    let after = d.invoice_state(&late);
    assert_eq!(after.status, InvoiceStatus::Late);
    assert!(after.book.written_down_usdc > before.book.written_down_usdc, "{before:?} {after:?}");
    assert!(after.book.written_down_usdc < after.book.claim_outstanding_usdc());
    let pool_after = d.pool_state();
    let delta = after.book.written_down_usdc - before.book.written_down_usdc;
    assert_eq!(
        pool_after.ledger.receivables_usdc,
        pool_before.ledger.receivables_usdc - delta,
        "the pool's receivables drop by the write-down"
    );
    let shown = cli.ok("admin", &["invoice", "show", "--invoice", &late.to_string()]);
    assert_eq!(shown["status"], "Late");
    assert_eq!(usdc(&shown["book"], "written_down_usdc"), after.book.written_down_usdc);

    // Not late yet: AF-1005 (Financed, due in 60 days).
    let financed = d.invoice_key("AF-1005", "invoice");
    cli.fail_with("verifier", &["keeper", "mark-late", "--invoice", &financed.to_string()], "NotYetLate");
    assert_eq!(d.invoice_state(&financed).status, InvoiceStatus::Financed);
    // An invoice that is already late cannot be marked late again.
    let e = cli.fail("verifier", &["keeper", "mark-late", "--invoice", &late.to_string()]);
    assert_eq!(e["code"], "program_error", "{e}");
}

#[test]
fn pool_collect_fees_pays_treasury_and_manager() {
    let d = Demo::start("fees");
    let cli = &d.cli;
    let pool = d.pool();
    let p = pool.to_string();
    let state = d.pool_state();
    let keys = PoolKeys::from_pool(&pool, &state);
    let (treasury, manager) = (d.wallet("treasury"), d.wallet("manager"));
    assert_eq!(d.protocol().treasury, treasury);
    let shown = cli.ok("admin", &["pool", "show", "--pool", &p]);
    let owed_protocol = usdc(&shown, "protocol_fees_owed_usdc");
    let owed_manager = usdc(&shown, "manager_fees_owed_usdc");
    assert!(owed_protocol > 0 && owed_manager > 0, "the demo's repayments earned fees: {shown}");
    let treasury_before = d.token_amount(&keys.usdc_ata(&treasury));
    let manager_before = d.token_amount(&keys.usdc_ata(&manager));
    let vault_before = d.token_amount(&keys.vault);

    // Anyone may collect (here an investor pays the fees of the transaction).
    let v = cli.ok("senior-investor-1", &["pool", "collect-fees", "--pool", &p]);
    assert_eq!(v["pool"], p.as_str());
    let (protocol_fees, manager_fees) = (usdc(&v, "protocol_fees_usdc"), usdc(&v, "manager_fees_usdc"));
    assert_eq!(protocol_fees, owed_protocol);
    assert_eq!(manager_fees, owed_manager);
    assert_eq!(d.token_amount(&keys.usdc_ata(&treasury)) - treasury_before, protocol_fees);
    assert_eq!(d.token_amount(&keys.usdc_ata(&manager)) - manager_before, manager_fees);
    assert_eq!(vault_before - d.token_amount(&keys.vault), protocol_fees + manager_fees);
    let after = d.pool_state();
    assert_eq!(after.ledger.protocol_fees_owed_usdc, 0);
    assert_eq!(after.ledger.manager_fees_owed_usdc, 0);
    let shown = cli.ok("admin", &["pool", "show", "--pool", &p]);
    assert_eq!(shown["protocol_fees_owed_usdc"], "0.000000");
    assert_eq!(shown["manager_fees_owed_usdc"], "0.000000");
}

#[test]
fn invoice_create_from_pdf_with_flags() {
    let d = Demo::start("pdf");
    let cli = &d.cli;
    let pool = d.pool().to_string();
    let buyer = d.w("buyer-1");
    let pdf = d.dir.join("INV-PDF-7.pdf");
    let bytes = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Invoice INV-PDF-7\n%%EOF\n";
    std::fs::write(&pdf, bytes).unwrap();
    let pdf_path = pdf.to_str().unwrap();
    let today = chrono::Utc::now().date_naive();
    let issue = today.format("%Y-%m-%d").to_string();
    let due = (today + chrono::Duration::days(45)).format("%Y-%m-%d").to_string();
    let uri = "https://invoices.example/INV-PDF-7.json";
    let base = ["invoice", "create", "--pool", &pool, "--buyer", &buyer, "--from-einvoice", pdf_path];

    // The terms are required for a PDF; nothing is sent without them.
    let e = cli.fail("supplier-1", &[&base[..], &["--currency", "EUR", "--issue-date", &issue]].concat());
    assert_eq!(e["code"], "pdf_terms_missing", "{e}");
    // A file that is neither XML nor PDF is refused.
    let junk = d.dir.join("junk.bin");
    std::fs::write(&junk, b"hello").unwrap();
    let e = cli.fail(
        "supplier-1",
        &["invoice", "create", "--pool", &pool, "--buyer", &buyer, "--from-einvoice", junk.to_str().unwrap()],
    );
    assert!(e["code"] == "unknown_document" || e["code"] == "malformed_xml", "{e}");

    let flags = [
        "--amount",
        "1656.25",
        "--currency",
        "EUR",
        "--issue-date",
        &issue,
        "--due-date",
        &due,
        "--invoice-number",
        "INV-PDF-7",
        "--metadata-uri",
        uri,
    ];
    let v = cli.ok("supplier-1", &[&base[..], &flags[..]].concat());
    assert_eq!(v["source"], "pdf", "{v}");
    assert_eq!(v["invoice_number"], "INV-PDF-7");
    assert_eq!(v["face_minor"], 165_625);
    assert_eq!(v["currency"], "EUR");
    assert_eq!(v["issue_date"], issue.as_str());
    assert_eq!(v["due_date"], due.as_str());
    assert_eq!(v["document_hash"], sha256_hex(bytes));
    assert_eq!(v["metadata_uri"], uri);
    assert_eq!(v["pool"], pool.as_str());
    assert_eq!(v["buyer"], buyer.as_str());
    assert_eq!(v["supplier"], d.w("supplier-1"));
    let invoice = Pubkey::from_str(v["invoice"].as_str().unwrap()).unwrap();
    let asset = Pubkey::from_str(v["asset"].as_str().unwrap()).unwrap();
    assert_eq!(invoice, pda::invoice(&asset));
    assert!(d.exists(&asset));

    let on_chain = d.invoice_state(&invoice);
    assert_eq!(on_chain.status, InvoiceStatus::Created);
    assert_eq!(on_chain.face_minor, 165_625);
    assert_eq!(&on_chain.currency, b"EUR");
    assert_eq!(on_chain.currency_decimals, 2);
    assert_eq!(on_chain.invoice_number, "INV-PDF-7");
    assert_eq!(on_chain.metadata_uri, uri);
    assert_eq!(hex::encode(on_chain.document_hash), sha256_hex(bytes));
    assert_eq!(on_chain.supplier, d.wallet("supplier-1"));
    assert_eq!(on_chain.buyer, d.wallet("buyer-1"));
    assert_eq!(on_chain.pool, d.pool());
    let ts = |s: &str| {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp()
    };
    assert_eq!(on_chain.issue_ts, ts(&issue));
    assert_eq!(on_chain.due_ts, ts(&due));
    assert!(d.exists(&pda::document_entry(&on_chain.document_hash)));
    let supplier_entity = d.identity(&d.wallet("supplier-1")).entity_key;
    assert_eq!(on_chain.supplier_entity, supplier_entity);
    assert!(d.exists(&pda::number_entry(&supplier_entity, "INV-PDF-7")));
    // The registry keys on the canonical number: a respelling is the same.
    assert_eq!(
        pda::number_entry(&supplier_entity, " inv pdf 7 "),
        pda::number_entry(&supplier_entity, "INV-PDF-7")
    );
    let shown = cli.ok("admin", &["invoice", "show", "--invoice", &asset.to_string()]);
    assert_eq!(shown["address"], invoice.to_string());
    assert_eq!(shown["invoice_number"], "INV-PDF-7");

    // The same PDF cannot be originated twice, even under another number.
    let mut again = flags;
    again[9] = "INV-PDF-8";
    let e = cli.fail("supplier-1", &[&base[..], &again[..]].concat());
    assert_eq!(e["program_error"]["name"], "DuplicateDocument", "{e}");
    // Another PDF under a respelling of the number is a duplicate number.
    let pdf2 = d.dir.join("INV-PDF-7-resaved.pdf");
    std::fs::write(&pdf2, [&bytes[..], b"% re-saved\n"].concat()).unwrap();
    let mut respelled = flags;
    respelled[9] = " inv/pdf.7 ";
    let base2 =
        ["invoice", "create", "--pool", &pool, "--buyer", &buyer, "--from-einvoice", pdf2.to_str().unwrap()];
    let e = cli.fail("supplier-1", &[&base2[..], &respelled[..]].concat());
    assert_eq!(e["program_error"]["name"], "DuplicateInvoiceNumber", "{e}");
}

#[test]
fn invoice_create_from_einvoice_checks_legal_entities() {
    let d = Demo::start("entities");
    let cli = &d.cli;
    let pool = d.pool().to_string();
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/einvoice");
    let sample = |f: &str| shared.join(f).to_str().unwrap().to_string();
    let norwegian = sample("peppol-bis3/Norwegian-example-1.xml");
    let due = (chrono::Utc::now() + chrono::Duration::days(45)).format("%Y-%m-%d").to_string();
    let meta = |n: &str| d.dir.join(format!("{n}.metadata.json")).to_str().unwrap().to_string();
    let create = |buyer: &str, file: &str, m: &str, extra: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = [
            "invoice",
            "create",
            "--pool",
            &pool,
            "--buyer",
            buyer,
            "--from-einvoice",
            file,
            "--due-date",
            &due,
            "--metadata-out",
            m,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    fn args(v: &[String]) -> Vec<&str> {
        v.iter().map(String::as_str).collect()
    }
    let (s1, b1) = (d.w("supplier-1"), d.w("buyer-1"));
    assert_eq!(d.identity(&d.wallet("supplier-1")).entity_id, "0192:923609016");
    assert_eq!(d.identity(&d.wallet("buyer-1")).entity_id, "0007:5560125790");
    let doc_hash = "a010c23fb221907eee7d80a7feb1575ce9989fd8b491a473e91069562a5780aa";
    let doc_entry = pda::document_entry(&hex::decode(doc_hash).unwrap().try_into().unwrap());

    // The Peppol Norwegian example is sold by 0192:123456785 (VAT
    // NO123456785MVA) to 0192:987654325: neither is supplier-1's or
    // buyer-1's entity, so nothing is sent, and the error names both sides.
    let e = cli.fail("supplier-1", &args(&create(&b1, &norwegian, &meta("no1"), &[])));
    assert_eq!(e["code"], "entity_mismatch", "{e}");
    let msg = e["message"].as_str().unwrap();
    for needle in
        ["0192:123456785", "VAT:NO123456785MVA", "0192:923609016", "0192:987654325", "0007:5560125790"]
    {
        assert!(msg.contains(needle), "{needle} not in {msg}");
    }
    assert!(msg.contains("--allow-entity-mismatch"), "{msg}");
    assert!(!d.exists(&doc_entry), "nothing was sent");

    // The issuer corrects supplier-1's entity id (any spelling): now only
    // the buyer differs.
    let v = cli.ok(
        "issuer",
        &["identity", "update", "--wallet", &s1, "--roles", "supplier", "--entity-id", "0192: 123 456 785"],
    );
    assert_eq!(v["entity_id"], "0192:123456785");
    assert_eq!(d.identity(&d.wallet("supplier-1")).entity_id, "0192:123456785");
    let e = cli.fail("supplier-1", &args(&create(&b1, &norwegian, &meta("no1"), &[])));
    assert_eq!(e["code"], "entity_mismatch", "{e}");
    let msg = e["message"].as_str().unwrap();
    assert!(
        msg.contains("buyer") && msg.contains("0192:987654325") && msg.contains("0007:5560125790"),
        "{msg}"
    );
    assert!(!msg.contains("supplier's identity record"), "the seller matches now: {msg}");
    assert!(!d.exists(&doc_entry));

    // With buyer-1's entity id corrected too (its VAT id), the document is
    // originated; the registry keys on the supplier's entity.
    cli.ok(
        "issuer",
        &[
            "identity",
            "update",
            "--wallet",
            &b1,
            "--roles",
            "buyer",
            "--jurisdiction",
            "NO",
            "--entity-id",
            "vat:no987654325mva",
        ],
    );
    let v = cli.ok("supplier-1", &args(&create(&b1, &norwegian, &meta("no1"), &[])));
    assert_eq!(v["entity_check"]["result"], "matched", "{v}");
    assert_eq!(v["entity_check"]["seller"]["matched"], true);
    assert_eq!(v["entity_check"]["buyer"]["record_entity_id"], "VAT:NO987654325MVA");
    assert_eq!(v["invoice_number"], "TOSL108");
    assert_eq!(v["document_hash"], doc_hash);
    let invoice = d.invoice_state(&Pubkey::from_str(v["invoice"].as_str().unwrap()).unwrap());
    let supplier_entity = pda::entity_key("0192:123456785").unwrap();
    assert_eq!(invoice.supplier_entity, supplier_entity);
    assert_eq!(invoice.buyer_entity, pda::entity_key("VAT:NO987654325MVA").unwrap());
    assert!(d.exists(&pda::number_entry(&supplier_entity, "TOSL108")));

    // Another document of the same entity under a respelling of the same
    // number is a duplicate (override only skips the CLI's entity check).
    let cii = sample("en16931-cii/CII_business_example_01.xml");
    let e = cli.fail(
        "supplier-1",
        &args(&create(
            &b1,
            &cii,
            &meta("cii1"),
            &["--allow-entity-mismatch", "--invoice-number", " tosl 108 "],
        )),
    );
    assert_eq!(e["program_error"]["name"], "DuplicateInvoiceNumber", "{e}");

    // Another entity may use the same number; its seller differs from
    // supplier-2's entity, which the explicit override accepts.
    let ubl2 = sample("en16931-ubl/ubl-tc434-example2.xml");
    let b2 = d.w("buyer-2");
    let e = cli.fail("supplier-2", &args(&create(&b2, &ubl2, &meta("ubl2"), &[])));
    assert_eq!(e["code"], "entity_mismatch", "{e}");
    let v = cli.ok("supplier-2", &args(&create(&b2, &ubl2, &meta("ubl2"), &["--allow-entity-mismatch"])));
    assert_eq!(v["entity_check"]["result"], "overridden", "{v}");
    assert_eq!(v["entity_check"]["seller"]["matched"], false);
    assert_eq!(v["entity_check"]["seller"]["record_entity_id"], "VAT:DE129273398");
    assert_eq!(v["invoice_number"], "TOSL108");
    let invoice = d.invoice_state(&Pubkey::from_str(v["invoice"].as_str().unwrap()).unwrap());
    assert_eq!(invoice.supplier_entity, pda::entity_key("VAT:DE129273398").unwrap());
}

/// `YYYY-MM-DD` (UTC) of a unix time (civil-from-days, proleptic Gregorian).
fn ymd(ts: i64) -> String {
    let z = ts.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Issue 10 (code review): `keeper fill` must get past a cancelled request
/// at the head of the queue. A fresh pool whose cash is deployed in one
/// invoice; three senior requests queue (0: senior-2, 1 and 2: senior-1);
/// request 1 is cancelled; the buyer repays; three fills pay request 0,
/// skip request 1 and pay request 2; a fourth finds the queue empty.
#[test]
fn keeper_fill_gets_past_a_cancelled_request() {
    let d = Demo::start("queue");
    let cli = &d.cli;
    let params = [
        "--min-hold-secs",
        "0",
        "--cash-reserve-bps",
        "0",
        "--max-buyer-concentration-bps",
        "10000",
        "--max-supplier-concentration-bps",
        "10000",
    ];
    let mut args = vec!["pool", "create", "--pool-id", "7"];
    args.extend(params);
    let pool = cli.ok("manager", &args)["pool"].as_str().unwrap().to_string();
    cli.ok("manager", &["pool", "verifier-add", "--pool", &pool, "--verifier", &d.w("verifier")]);
    for (who, tranche) in
        [("junior-investor-1", "junior"), ("senior-investor-1", "senior"), ("senior-investor-2", "senior")]
    {
        cli.ok(who, &["investor", "deposit", "--pool", &pool, "--tranche", tranche, "--amount", "2000"]);
    }
    // A 5,000 USD invoice, grade A, financed: 4,902 USDC of 6,000 deployed.
    let now = cli.ok("admin", &["pool", "show", "--pool", &pool])["valued_at"].as_i64().unwrap();
    let pdf = d.dir.join("q1.pdf");
    std::fs::write(&pdf, b"%PDF-1.4 queue test invoice Q-1\n").unwrap();
    let created = cli.ok(
        "supplier-1",
        &[
            "invoice",
            "create",
            "--pool",
            &pool,
            "--buyer",
            &d.w("buyer-1"),
            "--from-einvoice",
            pdf.to_str().unwrap(),
            "--amount",
            "5000",
            "--currency",
            "USD",
            "--issue-date",
            &ymd(now - 86_400),
            "--due-date",
            &ymd(now + 60 * 86_400),
            "--invoice-number",
            "Q-1",
            "--metadata-uri",
            "https://example.com/q1.json",
        ],
    );
    let invoice = created["invoice"].as_str().unwrap().to_string();
    cli.ok("buyer-1", &["invoice", "acknowledge", "--invoice", &invoice]);
    let proof = "ab".repeat(32);
    cli.ok(
        "verifier",
        &[
            "invoice",
            "attest",
            "--invoice",
            &invoice,
            "--credit-score",
            "900",
            "--delivery-proof-hash",
            &proof,
        ],
    );
    cli.ok("supplier-1", &["invoice", "finance", "--invoice", &invoice]);

    // Three queued requests; the middle one is cancelled.
    let w = |who: &str, shares: &str| {
        cli.ok(who, &["investor", "withdraw", "--pool", &pool, "--tranche", "senior", "--shares", shares])
    };
    let r0 = w("senior-investor-2", "1999.999995");
    let r1 = w("senior-investor-1", "500");
    let r2 = w("senior-investor-1", "400");
    for (r, seq) in [(&r0, 0), (&r1, 1), (&r2, 2)] {
        assert_eq!((r["queued"].as_bool(), r["sequence"].as_u64()), (Some(true), Some(seq)), "{r}");
    }
    cli.ok(
        "senior-investor-1",
        &["investor", "cancel", "--pool", &pool, "--tranche", "senior", "--sequence", "1"],
    );
    cli.ok(
        "buyer-1",
        &["invoice", "repay", "--invoice", &invoice, "--amount-minor", "500000", "--max-usdc", "5000"],
    );

    let fill = || cli.ok("admin", &["keeper", "fill", "--pool", &pool, "--tranche", "senior"]);
    let f0 = fill();
    assert_eq!((f0["sequence"].as_u64(), f0["skipped_cancelled"].as_bool()), (Some(0), Some(false)), "{f0}");
    assert_eq!(f0["investor"], d.w("senior-investor-2"));
    let f1 = fill();
    assert_eq!((f1["sequence"].as_u64(), f1["skipped_cancelled"].as_bool()), (Some(1), Some(true)), "{f1}");
    assert!(f1["investor"].is_null(), "{f1}");
    let f2 = fill();
    assert_eq!((f2["sequence"].as_u64(), f2["skipped_cancelled"].as_bool()), (Some(2), Some(false)), "{f2}");
    assert_eq!(f2["investor"], d.w("senior-investor-1"));
    let p = cli.ok("admin", &["pool", "show", "--pool", &pool]);
    assert_eq!(
        (p["senior"]["queue_head"].as_u64(), p["senior"]["queue_tail"].as_u64()),
        (Some(3), Some(3)),
        "{p}"
    );
    assert_eq!(p["senior"]["shares_pending"], "0.000000", "{p}");
    let e = cli.fail("admin", &["keeper", "fill", "--pool", &pool, "--tranche", "senior"]);
    assert_eq!(e["code"], "queue_empty", "{e}");
}

/// Issue 16: `invoice finance --dry-run` shows the program's own offer —
/// from a simulation, nothing signed or sent — with the buyer's history
/// tier, the discount APR and the rules it passed; a refusal names the
/// program's rule, as a real send would.
#[test]
fn invoice_finance_dry_run_shows_the_offer_and_sends_nothing() {
    let d = Demo::start("dryrun");
    let cli = &d.cli;
    // AF-1010: Verified, 350,000.00 SEK, supplier-2, buyer-1 (score 730: grade B).
    let invoice = d.invoice_key("AF-1010", "invoice");
    let i = invoice.to_string();
    let before = d.invoice_state(&invoice);
    let v = cli.ok("supplier-2", &["invoice", "finance", "--invoice", &i, "--dry-run"]);
    assert_eq!(v["dry_run"], true, "{v}");
    assert!(v.get("signature").is_none(), "{v}");
    let offer = &v["offer"];
    assert_eq!(offer["risk_grade"], "B", "{v}");
    // buyer-1 has late and defaulted invoices in the demo: on Watch; the
    // demo pool sets no history terms, so the tier moves nothing: grade
    // B's 16 %.
    assert_eq!(
        (offer["history_tier"].as_str(), offer["discount_apr_bps"].as_u64()),
        (Some("Watch"), Some(1_600))
    );
    let advance: f64 = offer["advance_usdc"].as_str().unwrap().parse().unwrap();
    assert!(advance > 0.0, "{v}");
    assert_eq!(v["rules_passed"].as_array().unwrap().len(), 6, "{v}");
    // Nothing was sent: still Verified, byte for byte.
    let after = d.invoice_state(&invoice);
    assert_eq!((after.status, after.book), (before.status, before.book));

    // A refusal names the program's rule (AF-1008 is only Acknowledged).
    let acknowledged = d.invoice_key("AF-1008", "invoice").to_string();
    cli.fail_with(
        "supplier-2",
        &["invoice", "finance", "--invoice", &acknowledged, "--dry-run"],
        "InvoiceNotVerified",
    );
}
