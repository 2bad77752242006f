//! End to end: starts `autofactor localnet` on a free port and drives the
//! CLI binary through a whole lifecycle with `--url --keypair --output
//! json` — protocol, issuer, identities, pool (with EUR accepted), deposits,
//! verifier, an invoice originated from the Peppol `base-example.xml`
//! (EUR, financed against the local chain's Pyth EUR/USD account),
//! acknowledgment, attestation, financing, repayment, settlement,
//! withdrawal — asserting the JSON output and the decoded chain state.

mod common;

use autofactor_client::ix::PoolKeys;
use autofactor_client::state::{Invoice, Pool, ProtocolConfig, Tranche};
use autofactor_client::{decode, pda};
use common::Chain;
use serde_json::Value;
use solana_rpc_client::rpc_client::RpcClient;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};
use std::path::Path;
use std::str::FromStr;

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v[k].as_str().unwrap_or_else(|| panic!("no string {k} in {v}"))
}

fn key(v: &Value, k: &str) -> Pubkey {
    Pubkey::from_str(s(v, k)).unwrap()
}

fn token_amount(rpc: &RpcClient, account: &Pubkey) -> u64 {
    rpc.get_token_account_balance(account).unwrap().amount.parse().unwrap()
}

#[test]
fn whole_lifecycle_through_the_cli() {
    let chain = Chain::start("lifecycle", &[]);
    let rpc = chain.rpc();
    let dir = chain.dir.clone();
    let cli = chain.cli(dir.clone());
    let names = ["admin", "manager", "investor", "supplier", "buyer", "verifier"];
    let mut wallets = std::collections::HashMap::new();
    for n in names {
        let k = Keypair::new();
        solana_sdk::signature::write_keypair_file(&k, cli.key(n)).unwrap();
        wallets.insert(n, k.pubkey());
    }
    let w = |n: &str| wallets[n].to_string();
    for n in names {
        let v = cli.ok("admin", &["dev", "airdrop", "--sol", "5", "--to", &w(n)]);
        assert_eq!(v["lamports"], 5_000_000_000u64);
    }

    // Protocol, issuer, identities.
    let usdc = key(&cli.ok("admin", &["dev", "create-mint"]), "mint");
    cli.ok("admin", &["protocol", "init", "--usdc-mint", &usdc.to_string(), "--fee-bps", "1000"]);
    let proto: ProtocolConfig = decode::account(&rpc.get_account_data(&pda::protocol()).unwrap()).unwrap();
    assert_eq!(proto.admin, wallets["admin"]);
    assert_eq!(proto.usdc_mint, usdc);
    let shown = cli.ok("admin", &["protocol", "show"]);
    assert_eq!(shown["protocol_fee_bps"], 1000);
    assert_eq!(shown["paused"], false);
    cli.ok("admin", &["issuer", "register", "--authority", &w("admin"), "--name", "CLI Test KYC"]);
    // The supplier and buyer are the seller and buyer of the Peppol
    // base-example (their VAT ids), as `invoice create --from-einvoice` checks.
    for (n, roles, entity) in [
        ("manager", "manager", "0192:915823917"),
        ("investor", "investor", "0192:986142118"),
        ("supplier", "supplier", "VAT:GB1232434"),
        ("buyer", "buyer", "vat: se 4598375937"),
        ("verifier", "verifier", "LEI:2138003EK5F2LZY8QF44"),
    ] {
        let v = cli.ok(
            "admin",
            &[
                "identity",
                "issue",
                "--wallet",
                &w(n),
                "--roles",
                roles,
                "--jurisdiction",
                "NO",
                "--entity-id",
                entity,
            ],
        );
        assert_eq!(v["roles"][0], roles);
    }
    let id = cli.ok("admin", &["identity", "show", "--wallet", &w("buyer")]);
    assert_eq!(id["roles"][0], "buyer");
    assert_eq!(id["revoked"], false);
    assert_eq!(id["entity_id"], "VAT:SE4598375937", "stored in canonical form");

    // Pool with EUR accepted, funded by the investor.
    // No holding period: this walk deposits, finances and withdraws within
    // seconds of wall time (the holding period has its own program tests).
    let created = cli.ok(
        "manager",
        &["pool", "create", "--pool-id", "1", "--senior-apr-bps", "700", "--min-hold-secs", "0"],
    );
    let pool = key(&created, "pool");
    assert_eq!(created["config"]["params"]["senior_apr_bps"], 700);
    let cur = cli.ok("manager", &["pool", "currency-set", "--pool", &pool.to_string(), "--code", "EUR"]);
    let fx_price = s(&cur, "price_account").to_string();
    cli.ok(
        "admin",
        &["dev", "mint-to", "--mint", &usdc.to_string(), "--owner", &w("investor"), "--amount", "1000000"],
    );
    cli.ok(
        "admin",
        &["dev", "mint-to", "--mint", &usdc.to_string(), "--owner", &w("buyer"), "--amount", "10000"],
    );
    let p = pool.to_string();
    let dep = cli
        .ok("investor", &["investor", "deposit", "--pool", &p, "--tranche", "junior", "--amount", "200000"]);
    assert_eq!(dep["amount_usdc"], "200000.000000");
    cli.ok("investor", &["investor", "deposit", "--pool", &p, "--tranche", "senior", "--amount", "400000"]);
    let summary = cli.ok("admin", &["pool", "show", "--pool", &p]);
    assert_eq!(summary["cash_usdc"], "600000.000000");
    assert_eq!(summary["senior"]["queue_tail"], 0);
    let keys = PoolKeys::derive(&wallets["manager"], 1, &usdc);
    assert_eq!(keys.pool, pool);
    assert_eq!(token_amount(&rpc, &keys.vault), 600_000_000_000);
    cli.ok("manager", &["pool", "verifier-add", "--pool", &p, "--verifier", &w("verifier")]);

    // Program errors are named from the IDL.
    let e = cli.fail("manager", &["pool", "create", "--pool-id", "1"]);
    assert!(e["code"] == "program_error" || e["code"] == "instruction_error", "{e}");
    let e = cli.fail("investor", &["pool", "pause", "--pool", &p]);
    assert_eq!(e["code"], "program_error", "{e}");
    assert!(e["program_error"]["name"].as_str().unwrap().chars().next().unwrap().is_ascii_uppercase(), "{e}");
    assert!(!e["program_error"]["name"].as_str().unwrap().starts_with("Custom"), "{e}");

    // A credit note is refused before anything is sent.
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/einvoice/peppol-bis3");
    let (buyer, credit_note) = (w("buyer"), shared.join("base-creditnote-correction.xml"));
    let create = ["invoice", "create", "--pool", &p, "--buyer", &buyer, "--from-einvoice"];
    let e = cli.fail("supplier", &[&create[..], &[credit_note.to_str().unwrap()]].concat());
    assert_eq!(e["code"], "credit_note");

    // The invoice: Peppol base-example (1656.25 EUR), due in 45 days.
    let due = (chrono::Utc::now() + chrono::Duration::days(45)).format("%Y-%m-%d").to_string();
    let meta = dir.join("base-example.metadata.json");
    let example = shared.join("base-example.xml");
    let from_example = [
        &create[..],
        &[example.to_str().unwrap(), "--due-date", &due, "--metadata-out", meta.to_str().unwrap()],
    ]
    .concat();
    let inv = cli.ok("supplier", &from_example);
    assert_eq!(inv["invoice_number"], "Snippet1");
    assert_eq!(inv["face_minor"], 165_625);
    assert_eq!(inv["currency"], "EUR");
    assert_eq!(inv["issue_date"], "2017-11-13");
    assert_eq!(inv["due_date"], due.as_str());
    assert_eq!(inv["document_hash"], "1b7cc3ff1834c8963f2c93f30f171b58002cbf0b2c52dc8765e7e83aebb9f7c9");
    assert_eq!(inv["entity_check"]["result"], "matched", "{inv}");
    assert_eq!(inv["entity_check"]["seller"]["record_entity_id"], "VAT:GB1232434");
    assert!(s(&inv, "metadata_uri").starts_with("file://"));
    let meta_json: Value = serde_json::from_str(&std::fs::read_to_string(&meta).unwrap()).unwrap();
    assert_eq!(meta_json["name"], "Invoice Snippet1");
    let invoice = key(&inv, "invoice");
    let asset = key(&inv, "asset");
    assert_eq!(invoice, pda::invoice(&asset));
    let on_chain: Invoice = decode::account(&rpc.get_account_data(&invoice).unwrap()).unwrap();
    assert_eq!(on_chain.face_minor, 165_625);
    assert_eq!(&on_chain.currency, b"EUR");
    assert_eq!(on_chain.supplier, wallets["supplier"]);
    assert_eq!(on_chain.buyer, wallets["buyer"]);
    // The same document cannot be originated twice.
    let e = cli.fail("supplier", &from_example);
    assert_eq!(e["program_error"]["name"], "DuplicateDocument", "{e}");

    let i = invoice.to_string();
    let a = asset.to_string();
    assert_eq!(cli.ok("buyer", &["invoice", "acknowledge", "--invoice", &a])["status"], "Acknowledged");
    let att = cli.ok(
        "verifier",
        &[
            "invoice",
            "attest",
            "--invoice",
            &i,
            "--credit-score",
            "900",
            "--delivery-proof-hash",
            &"ab".repeat(32),
        ],
    );
    assert_eq!(att["status"], "Verified");
    assert_eq!(att["risk_grade"], "A");
    let fin = cli.ok("supplier", &["invoice", "finance", "--invoice", &i, "--fx-price", &fx_price]);
    assert_eq!(fin["status"], "Financed");
    let advance: f64 = s(&fin, "advance_usdc").parse().unwrap();
    assert!(advance > 1_500.0 && advance < 2_500.0, "{fin}");
    let supplier_usdc = keys.usdc_ata(&wallets["supplier"]);
    assert_eq!(token_amount(&rpc, &supplier_usdc) as f64 / 1e6, advance);
    let shown = cli.ok("admin", &["invoice", "show", "--invoice", &i]);
    assert_eq!(shown["status"], "Financed");
    assert_ne!(shown["fx_rate_scaled"], "0");

    // Views: list with filters, exposure, reputation.
    let list = cli.ok("admin", &["invoice", "list", "--supplier", &w("supplier")]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["address"], i.as_str());
    assert_eq!(cli.ok("admin", &["invoice", "list", "--buyer", &w("supplier")]).as_array().unwrap().len(), 0);
    assert_eq!(
        cli.ok("admin", &["invoice", "list", "--pool", &p, "--status", "financed"]).as_array().unwrap().len(),
        1
    );
    assert_eq!(cli.ok("admin", &["invoice", "list", "--status", "repaid"]).as_array().unwrap().len(), 0);
    let exp = cli.ok("admin", &["pool", "exposure", "--pool", &p]);
    assert_eq!(exp["by_buyer"][0]["party"], "VAT:SE4598375937");
    assert_eq!(exp["by_buyer"][0]["wallets"][0], w("buyer").as_str());
    assert_eq!(exp["by_supplier"][0]["party"], "VAT:GB1232434");
    assert_eq!(exp["by_supplier"][0]["wallets"][0], w("supplier").as_str());
    assert_eq!(exp["by_currency"][0]["currency"], "EUR");
    assert_eq!(exp["by_currency"][0]["outstanding_minor"], 165_625);
    assert_eq!(cli.ok("admin", &["buyer", "reputation", "--buyer", &w("buyer")])["acknowledged_count"], 1);

    // Repayment in full by the buyer, then settlement by a keeper.
    let rep = cli.ok("buyer", &["invoice", "repay", "--invoice", &i, "--fx-price", &fx_price]);
    assert_eq!(rep["status"], "Repaid");
    assert_eq!(rep["outstanding_minor"], 0);
    let set = cli.ok("admin", &["keeper", "settle", "--invoice", &i]);
    assert_eq!(set["status"], "Closed");
    assert!(rpc.get_account_with_commitment(&invoice, rpc.commitment()).unwrap().value.is_none());
    assert_eq!(cli.ok("admin", &["buyer", "reputation", "--buyer", &w("buyer")])["repaid_on_time_count"], 1);

    // The investor withdraws part of the junior tranche (paid at once).
    let before = token_amount(&rpc, &keys.usdc_ata(&wallets["investor"]));
    let wd = cli
        .ok("investor", &["investor", "withdraw", "--pool", &p, "--tranche", "junior", "--shares", "1000"]);
    assert_eq!(wd["queued"], false);
    let got = token_amount(&rpc, &keys.usdc_ata(&wallets["investor"])) - before;
    assert!(got >= 1_000_000_000, "junior shares are worth at least 1 USDC after income: {got}");
    assert_eq!(s(&wd, "usdc_received"), format!("{}.{:06}", got / 1_000_000, got % 1_000_000));
    let pool_state: Pool = decode::account(&rpc.get_account_data(&pool).unwrap()).unwrap();
    assert_eq!(pool_state.ledger.open_invoices, 0);
    assert!(pool_state.ledger.tranche(Tranche::Junior).queue_is_empty());
    let pos = cli.ok("investor", &["investor", "positions"]);
    assert_eq!(pos["positions"].as_array().unwrap().len(), 2, "{pos}");
}
