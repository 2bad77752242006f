//! Snapshot tests: `autofactor --help` and every command group's `--help`,
//! and the JSON of `einvoice show` over shared e-invoice samples, checked
//! against the files under `cli/tests/snapshots/`. A change to the command
//! tree, a help text or a JSON shape fails here until the snapshot is
//! regenerated on purpose:
//!
//!     UPDATE_SNAPSHOTS=1 cargo test -p autofactor-cli --test snapshots

mod common;

use common::{assert_snapshot, autofactor};
use serde_json::Value;
use std::path::Path;

/// The chain-facing command groups (noun groups, then actor groups).
const GROUPS: &[&str] = &[
    "protocol", "issuer", "identity", "pool", "tranche", "invoice", "supplier", "buyer", "verifier",
    "investor", "keeper", "einvoice", "dev",
];

fn help(args: &[&str]) -> String {
    let out = autofactor().args(args).arg("--help").output().expect("run autofactor");
    assert!(out.status.success(), "{args:?} --help failed");
    String::from_utf8(out.stdout).unwrap()
}

#[cfg(feature = "localnet")]
#[test]
fn top_level_help() {
    assert_snapshot("help/autofactor.txt", &help(&[]));
}

#[test]
fn every_group_help() {
    for g in GROUPS {
        assert_snapshot(&format!("help/{g}.txt"), &help(&[g]));
    }
}

#[test]
fn aliases_share_their_commands_arguments() {
    // An actor's command is the noun group's command under another name:
    // the same options, only the usage line and the title differ.
    let options = |s: String| s.split_once("Options:").map(|(_, o)| o.to_string()).unwrap();
    for (alias, home) in [
        (&["buyer", "pay"][..], &["invoice", "repay"][..]),
        (&["keeper", "settle"], &["invoice", "settle"]),
        (&["supplier", "finance"], &["invoice", "finance"]),
        (&["investor", "deposit"], &["tranche", "deposit"]),
        (&["keeper", "collect-fees"], &["pool", "collect-fees"]),
    ] {
        assert_eq!(options(help(alias)), options(help(home)), "{alias:?} vs {home:?}");
    }
}

fn samples() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/einvoice")
}

#[test]
fn einvoice_show_json() {
    for (name, sample) in [
        ("base-example", "peppol-bis3/base-example.xml"),
        ("norwegian-example-1", "peppol-bis3/Norwegian-example-1.xml"),
        ("cii-example-2", "en16931-cii/CII_example2.xml"),
    ] {
        let out = autofactor()
            .args(["einvoice", "show", "--output", "json"])
            .arg(samples().join(sample))
            .output()
            .expect("run autofactor");
        assert!(out.status.success(), "{sample}: {}", String::from_utf8_lossy(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_snapshot(
            &format!("json/einvoice-show-{name}.json"),
            &serde_json::to_string_pretty(&v).unwrap(),
        );
    }
    // A refusal is JSON too, with its stable code.
    let out = autofactor()
        .args(["einvoice", "show", "--output", "json"])
        .arg(samples().join("peppol-bis3/base-creditnote-correction.xml"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_snapshot("json/einvoice-show-credit-note.json", &serde_json::to_string_pretty(&v).unwrap());
}

/// Keys whose values move from one demo chain to the next: with the chain
/// clock (accrual to "now") or the live FX random walk the demo's
/// non-USD invoices were priced with.
#[cfg(feature = "localnet")]
const VOLATILE: &[&str] = &[
    "valued_at",
    "nav_usdc",
    "receivables_usdc",
    "senior_claim_usdc",
    "value_usdc",
    "share_price_usdc",
    "protocol_fees_owed_usdc",
    "manager_fees_owed_usdc",
    "senior_price_usdc",
    "junior_price_usdc",
    "cash_usdc",
    "reserves_owed_usdc",
    "total_advanced_usdc",
    "total_collected_usdc",
    "total_written_down_usdc",
    "expires",
    "expires_ts",
];

#[cfg(feature = "localnet")]
#[test]
fn demo_chain_views_json() {
    let chain = common::Chain::start("snapshots", &["--demo", "--api-port", "0"]);
    let manifest = chain.manifest();
    let pool = manifest["pools"][0]["pool"].as_str().unwrap().to_string();
    let json = |args: &[&str]| -> Value {
        let out = autofactor().args(args).args(["--url", &chain.url, "--output", "json"]).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
        let mut v: Value = serde_json::from_slice(&out.stdout).unwrap();
        common::mask(&mut v, VOLATILE);
        v
    };
    let pretty = |v: Value| serde_json::to_string_pretty(&v).unwrap();
    assert_snapshot("json/demo-pool-show.json", &pretty(json(&["pool", "show", "--pool", &pool])));
    assert_snapshot("json/demo-protocol-show.json", &pretty(json(&["protocol", "show"])));
    let invoice = manifest["invoices"].as_array().unwrap().iter().find(|i| i["number"] == "AF-1005").unwrap();
    let inv = invoice["invoice"].as_str().unwrap();
    let mut shown = json(&["invoice", "show", "--invoice", inv]);
    // The FX rate and the book follow the live EUR/USD feed.
    common::mask(
        &mut shown,
        &[
            "fx_rate_scaled",
            "book",
            "issue_date",
            "due_date",
            "issue_ts",
            "due_ts",
            "document_hash",
            "metadata_uri",
        ],
    );
    assert_snapshot("json/demo-invoice-show.json", &pretty(shown));
    // The table shows money with currencies and dates, never raw units.
    let out = autofactor().args(["pool", "show", "--pool", &pool, "--url", &chain.url]).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with("pool "), "{table}");
    for needle in ["NAV", "USDC", "senior price", "utilisation", "senior queue", " UTC"] {
        assert!(table.contains(needle), "{needle}: {table}");
    }
    assert!(!table.contains("valued_at  17"), "unix seconds in the table: {table}");
}
