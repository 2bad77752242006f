//! `autofactor einvoice show FILE --output json` over every file in
//! `../shared/einvoice/` (expected values from
//! crates/einvoice/tests/shared_samples.rs, verified by hand), run through
//! the built binary.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

enum Outcome {
    /// number, issue, due, amount_minor, currency, seller, buyer
    Invoice(&'static str, &'static str, &'static str, u64, &'static str, &'static str, &'static str),
    /// Refused as a credit note (the document number appears in the message).
    CreditNote(&'static str),
}
use Outcome::{CreditNote, Invoice};

#[rustfmt::skip]
const TABLE: &[(&str, Outcome)] = &[
    ("peppol-bis3/Allowance-example.xml", Invoice("Snippet1", "2017-11-13", "2017-12-01", 612_500, "EUR", "SupplierOfficialName Ltd", "Buyer Official Name")),
    ("peppol-bis3/GR-base-example-correct.xml", Invoice("061828591|01/10/2020|0|1.1|0|1", "2020-10-01", "2020-12-01", 165_625, "EUR", "SupplierOfficialName Ltd", "Buyer Official Name")),
    ("peppol-bis3/Norwegian-example-1.xml", Invoice("TOSL108", "2013-06-30", "2013-07-20", 80_200, "NOK", "The Sellercompany ASA", "Buyercompany ASA")),
    ("peppol-bis3/Vat-category-S.xml", Invoice("Snippet1", "2017-11-13", "2017-12-01", 855_000, "EUR", "SupplierOfficialName Ltd", "Buyer Official Name")),
    ("peppol-bis3/base-creditnote-correction.xml", CreditNote("Snippet1")),
    ("peppol-bis3/base-example.xml", Invoice("Snippet1", "2017-11-13", "2017-12-01", 165_625, "EUR", "SupplierOfficialName Ltd", "Buyer Official Name")),
    ("peppol-bis3/vat-category-E.xml", Invoice("Vat-Z", "2018-08-30", "2018-09-29", 120_000, "GBP", "The Sellercompany Incorporated", "The Buyercompany")),
    ("en16931-ubl/guide-example1.xml", Invoice("12115118", "2015-01-09", "2015-01-09", 25_033, "EUR", "De Koksmaat", "ODIN 59")),
    ("en16931-ubl/ubl-tc434-creditnote1.xml", CreditNote("018304 / 28865")),
    ("en16931-ubl/ubl-tc434-example1.xml", Invoice("12115118", "2015-01-09", "2015-01-09", 25_033, "EUR", "De Koksmaat", "ODIN 59")),
    ("en16931-ubl/ubl-tc434-example2.xml", Invoice("TOSL108", "2013-06-30", "2013-07-20", 80_178, "NOK", "Salescompany ltd.", "The Buyercompany")),
    ("en16931-ubl/ubl-tc434-example5.xml", Invoice("TOSL110", "2013-04-10", "2013-05-10", 233_750, "DKK", "SellerCompany", "Buyercompany ltd")),
    ("en16931-cii/CII_business_example_01.xml", Invoice("TOSL108", "2013-06-30", "2013-07-20", 80_178, "NOK", "Salescompany ltd.", "The Buyercompany")),
    ("en16931-cii/CII_business_example_02.xml", Invoice("INV000013", "2013-08-25", "2013-05-10", 1_190, "EUR", "xxxx", "Buyercompany ltd")),
    ("en16931-cii/CII_example1.xml", Invoice("12115118", "2015-01-09", "2015-01-09", 25_033, "EUR", "De Koksmaat", "ODIN 59")),
    ("en16931-cii/CII_example2.xml", Invoice("TOSL108", "2013-06-30", "2013-07-20", 80_178, "NOK", "Salescompany ltd.", "The Buyercompany")),
    ("en16931-cii/huf_example_cii.xml", Invoice("21/001003559/996", "2021-10-05", "2021-11-01", 8_785_900, "HUF", "DKV Euro Service GmbH + Co. KG", "HIL Heeresinstandsetzungslogistik GmbH")),
];

fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/einvoice")
}

fn list_files(dir: &Path, prefix: &str, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        let rel = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
        if entry.file_type().unwrap().is_dir() {
            list_files(&entry.path(), &rel, out);
        } else if rel != "README.md" {
            out.insert(rel);
        }
    }
}

fn show(path: &Path, extra: &[&str]) -> (bool, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_autofactor"))
        .args(["einvoice", "show"])
        .arg(path)
        .args(["--output", "json"])
        .args(extra)
        .output()
        .expect("run autofactor");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let v: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {stdout}", path.display()));
    (out.status.success(), v, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn table_covers_every_sample() {
    let mut on_disk = BTreeSet::new();
    list_files(&samples_dir(), "", &mut on_disk);
    let listed: BTreeSet<String> = TABLE.iter().map(|(p, _)| p.to_string()).collect();
    assert_eq!(on_disk, listed, "shared/einvoice and the table differ");
}

#[test]
fn every_sample_shows_as_expected() {
    let mut failures = Vec::new();
    for (path, outcome) in TABLE {
        let (ok, v, stderr) = show(&samples_dir().join(path), &[]);
        match outcome {
            Invoice(number, issue, due, amount, currency, seller, buyer) => {
                if !ok {
                    failures.push(format!("{path}: failed: {v} {stderr}"));
                    continue;
                }
                let checks = [
                    ("invoice_number", v["invoice_number"] == *number),
                    ("issue_date", v["issue_date"] == *issue),
                    ("due_date", v["due_date"] == *due),
                    ("amount_minor", v["amount_minor"] == *amount),
                    ("currency", v["currency"] == *currency),
                    ("seller", v["seller"]["name"] == *seller),
                    ("buyer", v["buyer"]["name"] == *buyer),
                    ("document_sha256", v["document_sha256"].as_str().is_some_and(|h| h.len() == 64)),
                ];
                for (what, good) in checks {
                    if !good {
                        failures.push(format!("{path}: {what} wrong in {v}"));
                    }
                }
            }
            CreditNote(number) => {
                let msg = v["error"]["message"].as_str().unwrap_or_default();
                if ok
                    || v["error"]["code"] != "credit_note"
                    || !msg.contains("is a credit note")
                    || !msg.contains(number)
                {
                    failures.push(format!("{path}: expected a credit-note refusal, got {v}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn document_hash_is_sha256_of_the_file() {
    let (_, v, _) = show(&samples_dir().join("peppol-bis3/base-example.xml"), &[]);
    assert_eq!(v["document_sha256"], "1b7cc3ff1834c8963f2c93f30f171b58002cbf0b2c52dc8765e7e83aebb9f7c9");
}

#[test]
fn bad_inputs_fail_cleanly() {
    let dir = std::env::temp_dir().join(format!("af-cli-einvoice-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let junk = dir.join("junk.xml");
    std::fs::write(&junk, "<Order xmlns=\"urn:x\"/>").unwrap();
    let (ok, v, _) = show(&junk, &[]);
    assert!(!ok);
    assert_eq!(v["error"]["code"], "unknown_document");
    let (ok, v, _) = show(&dir.join("missing.xml"), &[]);
    assert!(!ok);
    assert_eq!(v["error"]["code"], "io_error");
    // Human output: message on stderr, non-zero exit, no panic.
    let out = Command::new(env!("CARGO_BIN_EXE_autofactor"))
        .args(["einvoice", "show"])
        .arg(&junk)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: unsupported document type"), "{stderr}");
    assert!(!stderr.contains("panicked"));
    let _ = std::fs::remove_dir_all(&dir);
}
