//! End to end on a demo chain: a queue fill past a cancelled request,
//! `--dry-run` (the financing offer, and any sending command), an actor
//! alias with `--fee-payer` and a priority fee.

mod common;

use common::demo::*;

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
    assert_eq!(v["rules_passed"].as_array().unwrap().len(), 7, "{v}");
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

    // --dry-run works on every sending command: the simulation's compute
    // units and event names, nothing sent.
    let pool = d.pool().to_string();
    let shares_before = d.pool_state().ledger.tranche(Tranche::Senior).shares_outstanding;
    let v = cli.ok(
        "senior-investor-1",
        &["investor", "deposit", "--pool", &pool, "--tranche", "senior", "--amount", "10", "--dry-run"],
    );
    assert_eq!(
        (v["dry_run"].as_bool(), v["command"].as_str()),
        (Some(true), Some("investor deposit")),
        "{v}"
    );
    assert!(v["units_consumed"].as_u64().unwrap() > 1_000, "{v}");
    assert!(v["events"].as_array().unwrap().iter().any(|e| e == "Deposited"), "{v}");
    assert_eq!(d.pool_state().ledger.tranche(Tranche::Senior).shares_outstanding, shares_before);

    // An actor alias with a separate fee payer and a priority fee: the
    // buyer signs, the admin pays.
    let created = d.invoice_key("AF-1007", "invoice");
    let (buyer, admin) = (d.wallet("buyer-1"), d.wallet("admin"));
    let lamports = |k: &Pubkey| d.rpc.get_balance(k).unwrap();
    let (buyer_sol, admin_sol) = (lamports(&buyer), lamports(&admin));
    let fee_payer = cli.dir.join("admin.json");
    let v = cli.ok(
        "buyer-1",
        &[
            "buyer",
            "acknowledge",
            "--invoice",
            &created.to_string(),
            "--fee-payer",
            fee_payer.to_str().unwrap(),
            "--with-compute-unit-price",
            "1000",
        ],
    );
    assert_eq!(v["status"], "Acknowledged", "{v}");
    let sig = solana_sdk::signature::Signature::from_str(v["signature"].as_str().unwrap()).unwrap();
    let tx = d
        .rpc
        .get_transaction(&sig, solana_transaction_status_client_types::UiTransactionEncoding::Json)
        .unwrap();
    use solana_transaction_status_client_types::{EncodedTransaction, UiMessage};
    let EncodedTransaction::Json(ui) = &tx.transaction.transaction else { panic!("json") };
    let UiMessage::Raw(raw) = &ui.message else { panic!("raw message") };
    assert_eq!(raw.account_keys[0], admin.to_string(), "the admin is the fee payer");
    let fee = tx.transaction.meta.unwrap().fee;
    // Two signatures (5,000 lamports each) plus the priority fee.
    assert!(fee > 10_000, "fee {fee}");
    assert_eq!(admin_sol - lamports(&admin), fee, "the fee payer paid the fee, and only it");
    // The buyer paid no fee (at most the rent of a record it created).
    assert!(lamports(&buyer) <= buyer_sol);
    assert_eq!(d.invoice_state(&created).status, InvoiceStatus::Acknowledged);
}
