//! End to end on a demo chain, invoices: dispute and cancel, the
//! late-invoice keeper commands, fee collection, origination from a PDF and
//! the legal-entity check of e-invoices.

mod common;

use common::demo::*;

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
    let e = cli.fail("buyer-2", &["invoice", "dispute", "--invoice", &i, "--reason", "not mine"]);
    assert!(e["message"].as_str().unwrap_or_default().contains("needs a signature"), "{e}");
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
    let e = cli.fail("supplier-2", &["invoice", "cancel", "--invoice", &i]);
    assert!(e["message"].as_str().unwrap_or_default().contains("needs a signature"), "{e}");
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
