//! End to end on a demo chain, the admin's and the identity issuer's
//! commands: the admin transfer, protocol pause and USDC guard, identity
//! update/revoke with a share-account freeze and thaw.

mod common;

use common::demo::*;

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
