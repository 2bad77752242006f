//! Table-driven test over every published sample in `../shared/einvoice/`.
//!
//! Every expected value below was read by hand from the XML files (UBL: `cbc:ID`,
//! `cbc:IssueDate`, `cbc:DueDate`, `cac:LegalMonetaryTotal/cbc:PayableAmount`,
//! `cac:PartyLegalEntity/cbc:RegistrationName`, `cac:PartyTaxScheme/cbc:CompanyID`; CII: the
//! `ram:` equivalents), not copied from the parser's output. The SHA-256 values come from
//! coreutils `sha256sum`, independently of this crate.
//!
//! The test fails if the folder holds a file the table does not list (or vice versa).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use autofactor_einvoice::{parse, Date, DocumentKind, DueDateSource, EInvoiceError};

/// What a sample must parse to.
enum Outcome {
    /// A financeable invoice.
    Invoice(Expected),
    /// Refused as a credit note.
    CreditNote { number: &'static str, type_code: &'static str },
    /// Refused for lack of a due date. (No shared sample needs this today; the variant keeps
    /// the table honest if one is added.)
    #[allow(dead_code)]
    MissingDueDate,
}

struct Expected {
    kind: DocumentKind,
    number: &'static str,
    issue: &'static str,
    due: &'static str,
    due_source: DueDateSource,
    amount_minor: u64,
    currency: &'static str,
    seller: &'static str,
    buyer: &'static str,
    seller_vat: Option<&'static str>,
    buyer_vat: Option<&'static str>,
}

struct Case {
    path: &'static str,
    sha256: &'static str,
    outcome: Outcome,
}

use DocumentKind::{Cii, Ubl};
use DueDateSource::{Document, PaymentTerms};

#[rustfmt::skip]
fn table() -> Vec<Case> {
    vec![
        // ---- peppol-bis3 ---------------------------------------------------------------
        Case {
            path: "peppol-bis3/Allowance-example.xml",
            sha256: "aa3df18eb8c634624637eb229891d989c5cfb7cd0d08894ff8e58c58f247ea5b",
            // PayableAmount 6125.00 EUR (TaxInclusive 7125 - Prepaid 1000); TaxCurrencyCode SEK is ignored.
            outcome: Outcome::Invoice(Expected {
                kind: Ubl, number: "Snippet1", issue: "2017-11-13", due: "2017-12-01", due_source: Document,
                amount_minor: 612_500, currency: "EUR",
                seller: "SupplierOfficialName Ltd", buyer: "Buyer Official Name",
                seller_vat: Some("GB1232434"), buyer_vat: Some("SE4598375937"),
            }),
        },
        Case {
            path: "peppol-bis3/GR-base-example-correct.xml",
            sha256: "fba8bb37d6bd4e0349e0b7dbbcd10906f62ee02abbec71a2e335c36605ec39b2",
            outcome: Outcome::Invoice(Expected {
                kind: Ubl, number: "061828591|01/10/2020|0|1.1|0|1", issue: "2020-10-01", due: "2020-12-01",
                due_source: Document, amount_minor: 165_625, currency: "EUR",
                seller: "SupplierOfficialName Ltd", buyer: "Buyer Official Name",
                seller_vat: Some("EL0618285912"), buyer_vat: Some("EL061828591"),
            }),
        },
        Case {
            path: "peppol-bis3/Norwegian-example-1.xml",
            sha256: "a010c23fb221907eee7d80a7feb1575ce9989fd8b491a473e91069562a5780aa",
            // PayableAmount 802.00 NOK (after PayableRoundingAmount 0.22).
            outcome: Outcome::Invoice(Expected {
                kind: Ubl, number: "TOSL108", issue: "2013-06-30", due: "2013-07-20", due_source: Document,
                amount_minor: 80_200, currency: "NOK",
                seller: "The Sellercompany ASA", buyer: "Buyercompany ASA",
                seller_vat: Some("NO123456785MVA"), buyer_vat: Some("NO987654325MVA"),
            }),
        },
        Case {
            path: "peppol-bis3/Vat-category-S.xml",
            sha256: "59f96ae9a77ed3eda4ac17f499994fbd1b050432edf3bb8c117d7f3bca8d5f95",
            outcome: Outcome::Invoice(Expected {
                kind: Ubl, number: "Snippet1", issue: "2017-11-13", due: "2017-12-01", due_source: Document,
                amount_minor: 855_000, currency: "EUR",
                seller: "SupplierOfficialName Ltd", buyer: "Buyer Official Name",
                seller_vat: Some("GB1232434"), buyer_vat: Some("SE4598375937"),
            }),
        },
        Case {
            path: "peppol-bis3/base-creditnote-correction.xml",
            sha256: "08e0ad82e0dbe7e16d7533c01761843343a56954ea24881d0f7f1cce06f8879e",
            outcome: Outcome::CreditNote { number: "Snippet1", type_code: "381" },
        },
        Case {
            path: "peppol-bis3/base-example.xml",
            sha256: "1b7cc3ff1834c8963f2c93f30f171b58002cbf0b2c52dc8765e7e83aebb9f7c9",
            outcome: Outcome::Invoice(Expected {
                kind: Ubl, number: "Snippet1", issue: "2017-11-13", due: "2017-12-01", due_source: Document,
                amount_minor: 165_625, currency: "EUR",
                seller: "SupplierOfficialName Ltd", buyer: "Buyer Official Name",
                seller_vat: Some("GB1232434"), buyer_vat: Some("SE4598375937"),
            }),
        },
        Case {
            path: "peppol-bis3/vat-category-E.xml",
            sha256: "c699bb2bd290be769e082796873a528265bb5717285562feac030f0065e34742",
            // No DueDate; PaymentTerms "Payment within 30 days" → 2018-08-30 + 30 days.
            // Seller has no PartyName, only RegistrationName.
            outcome: Outcome::Invoice(Expected {
                kind: Ubl, number: "Vat-Z", issue: "2018-08-30", due: "2018-09-29", due_source: PaymentTerms,
                amount_minor: 120_000, currency: "GBP",
                seller: "The Sellercompany Incorporated", buyer: "The Buyercompany",
                seller_vat: Some("GB928741974"), buyer_vat: None,
            }),
        },
        // ---- en16931-ubl ---------------------------------------------------------------
        Case {
            path: "en16931-ubl/guide-example1.xml",
            sha256: "8cf298f82ccc0b1e0a3fd57d07dd39f4c174ee6739e147020f22c8aebb364ca5",
            outcome: Outcome::Invoice(Expected {
                kind: Ubl, number: "12115118", issue: "2015-01-09", due: "2015-01-09", due_source: Document,
                amount_minor: 25_033, currency: "EUR",
                seller: "De Koksmaat", buyer: "ODIN 59",
                seller_vat: Some("NL8200.98.395.B.01"), buyer_vat: None,
            }),
        },
        Case {
            path: "en16931-ubl/ubl-tc434-creditnote1.xml",
            sha256: "911d7ac2cb4fa72d21331c76914468e7d94eda03629e0def75c64ab18e3e9dce",
            outcome: Outcome::CreditNote { number: "018304 / 28865", type_code: "381" },
        },
        Case {
            path: "en16931-ubl/ubl-tc434-example1.xml",
            sha256: "507a03e3c45761c435cf81e4a32097bedb3cb9b724572a9989028a4dfc2c7b51",
            outcome: Outcome::Invoice(Expected {
                kind: Ubl, number: "12115118", issue: "2015-01-09", due: "2015-01-09", due_source: Document,
                amount_minor: 25_033, currency: "EUR",
                seller: "De Koksmaat", buyer: "ODIN 59",
                seller_vat: Some("NL8200.98.395.B.01"), buyer_vat: None,
            }),
        },
        Case {
            path: "en16931-ubl/ubl-tc434-example2.xml",
            sha256: "1137eccac470c19b67706d6d9c568450ebb9e5596487e73f50f5c8164fc13506",
            // PayableAmount 801.78 NOK; parties have no PartyName.
            outcome: Outcome::Invoice(Expected {
                kind: Ubl, number: "TOSL108", issue: "2013-06-30", due: "2013-07-20", due_source: Document,
                amount_minor: 80_178, currency: "NOK",
                seller: "Salescompany ltd.", buyer: "The Buyercompany",
                seller_vat: Some("NO123456789MVA"), buyer_vat: Some("NO987654321MVA"),
            }),
        },
        Case {
            path: "en16931-ubl/ubl-tc434-example5.xml",
            sha256: "6e27a93287a9866cebb2560d0028602a0984f1402b5b577332ce43e99bb83098",
            // DocumentCurrencyCode DKK, TaxCurrencyCode EUR; PayableAmount 2337.50 DKK after prepayment.
            outcome: Outcome::Invoice(Expected {
                kind: Ubl, number: "TOSL110", issue: "2013-04-10", due: "2013-05-10", due_source: Document,
                amount_minor: 233_750, currency: "DKK",
                seller: "SellerCompany", buyer: "Buyercompany ltd",
                seller_vat: Some("NL16356706"), buyer_vat: Some("DK16356607"),
            }),
        },
        // ---- en16931-cii ---------------------------------------------------------------
        Case {
            path: "en16931-cii/CII_business_example_01.xml",
            sha256: "2ce8286333f4c2019166c505642963e1222f54c18558ae4210fd41fd5d526b2f",
            outcome: Outcome::Invoice(Expected {
                kind: Cii, number: "TOSL108", issue: "2013-06-30", due: "2013-07-20", due_source: Document,
                amount_minor: 80_178, currency: "NOK",
                seller: "Salescompany ltd.", buyer: "The Buyercompany",
                seller_vat: Some("NO123456789MVA"), buyer_vat: Some("NO987654321MVA"),
            }),
        },
        Case {
            path: "en16931-cii/CII_business_example_02.xml",
            sha256: "53a636ac10592aa6fdc280190a366955380a64883519a4d58926b96802eb7163",
            // As published, the due date (20130510) precedes the issue date (20130825).
            outcome: Outcome::Invoice(Expected {
                kind: Cii, number: "INV000013", issue: "2013-08-25", due: "2013-05-10", due_source: Document,
                amount_minor: 1_190, currency: "EUR",
                seller: "xxxx", buyer: "Buyercompany ltd",
                seller_vat: Some("DE1111111"), buyer_vat: None,
            }),
        },
        Case {
            path: "en16931-cii/CII_example1.xml",
            sha256: "0c12e3ca9aab58299e6271b89d061274694c62159510ca2d848f13d287ee4f99",
            outcome: Outcome::Invoice(Expected {
                kind: Cii, number: "12115118", issue: "2015-01-09", due: "2015-01-09", due_source: Document,
                amount_minor: 25_033, currency: "EUR",
                seller: "De Koksmaat", buyer: "ODIN 59",
                seller_vat: Some("NL8200.98.395.B.01"), buyer_vat: None,
            }),
        },
        Case {
            // Byte-identical to CII_business_example_01.xml (same SHA-256).
            path: "en16931-cii/CII_example2.xml",
            sha256: "2ce8286333f4c2019166c505642963e1222f54c18558ae4210fd41fd5d526b2f",
            outcome: Outcome::Invoice(Expected {
                kind: Cii, number: "TOSL108", issue: "2013-06-30", due: "2013-07-20", due_source: Document,
                amount_minor: 80_178, currency: "NOK",
                seller: "Salescompany ltd.", buyer: "The Buyercompany",
                seller_vat: Some("NO123456789MVA"), buyer_vat: Some("NO987654321MVA"),
            }),
        },
        Case {
            // Carries an embedded base64 PDF attachment (must not trip the PDF check).
            path: "en16931-cii/huf_example_cii.xml",
            sha256: "fad73604fc1ff6ac4c762687bdf394d1f4fe14b5b8830d607abf1c1cdfc68758",
            outcome: Outcome::Invoice(Expected {
                kind: Cii, number: "21/001003559/996", issue: "2021-10-05", due: "2021-11-01", due_source: Document,
                amount_minor: 8_785_900, currency: "HUF",
                seller: "DKV Euro Service GmbH + Co. KG", buyer: "HIL Heeresinstandsetzungslogistik GmbH",
                seller_vat: Some("HU30048650"), buyer_vat: Some("DE242688168"),
            }),
        },
    ]
}

fn samples_dir() -> PathBuf {
    // The repository is cloned with `shared/` beside it: /work/main/../shared.
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/einvoice")
}

/// Every file under `dir`, as `/`-separated paths relative to it.
fn list_files(dir: &Path, prefix: &str, out: &mut BTreeSet<String>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.expect("directory entry");
        let name = entry.file_name().into_string().expect("UTF-8 file name");
        let rel = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
        if entry.file_type().expect("file type").is_dir() {
            list_files(&entry.path(), &rel, out);
        } else {
            out.insert(rel);
        }
    }
}

fn date(s: &str) -> Date {
    Date::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

#[test]
fn samples_folder_resolves() {
    let dir = samples_dir();
    assert!(dir.is_dir(), "{} does not exist (is ../shared beside the repository?)", dir.display());
    assert!(dir.join("README.md").is_file());
    let canonical = dir.canonicalize().expect("canonical path");
    assert!(canonical.ends_with("shared/einvoice"), "{}", canonical.display());
}

/// Files in `dir` the table does not list, and table entries with no file in `dir`.
fn coverage(dir: &Path) -> (Vec<String>, Vec<String>) {
    let mut on_disk = BTreeSet::new();
    list_files(dir, "", &mut on_disk);
    on_disk.remove("README.md");
    let in_table: BTreeSet<String> = table().iter().map(|c| c.path.to_string()).collect();
    assert_eq!(in_table.len(), table().len(), "duplicate path in the table");
    (on_disk.difference(&in_table).cloned().collect(), in_table.difference(&on_disk).cloned().collect())
}

#[test]
fn table_lists_exactly_the_files_in_the_folder() {
    let (unlisted, missing) = coverage(&samples_dir());
    assert!(unlisted.is_empty(), "files in shared/einvoice not covered by the table: {unlisted:?}");
    assert!(missing.is_empty(), "table entries with no file: {missing:?}");
}

/// The guard above really notices a new file: run it on a scratch copy of the folder with one
/// extra file (the shared folder itself is never modified).
#[test]
fn coverage_guard_detects_a_new_file() {
    let scratch = std::env::temp_dir().join(format!("einvoice-coverage-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    for case in table() {
        let to = scratch.join(case.path);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(samples_dir().join(case.path), &to).expect("copy");
    }
    std::fs::write(scratch.join("peppol-bis3/new-sample.xml"), b"<Invoice/>").expect("write");
    let (unlisted, missing) = coverage(&scratch);
    let _ = std::fs::remove_dir_all(&scratch);
    assert_eq!(unlisted, vec!["peppol-bis3/new-sample.xml".to_string()]);
    assert!(missing.is_empty());
}

#[test]
fn every_sample_parses_as_expected() {
    let dir = samples_dir();
    let mut failures = Vec::new();
    for case in table() {
        let bytes = std::fs::read(dir.join(case.path)).unwrap_or_else(|e| panic!("{}: {e}", case.path));
        let result = parse(&bytes);
        let mut check = |ok: bool, what: String| {
            if !ok {
                failures.push(format!("{}: {what}", case.path));
            }
        };
        match (&case.outcome, result) {
            (Outcome::Invoice(x), Ok(inv)) => {
                check(inv.kind == x.kind, format!("kind {:?} != {:?}", inv.kind, x.kind));
                check(
                    inv.invoice_number == x.number,
                    format!("number {:?} != {:?}", inv.invoice_number, x.number),
                );
                check(inv.issue_date == date(x.issue), format!("issue {} != {}", inv.issue_date, x.issue));
                check(inv.due_date == date(x.due), format!("due {} != {}", inv.due_date, x.due));
                check(
                    inv.due_date_source == x.due_source,
                    format!("due source {:?} != {:?}", inv.due_date_source, x.due_source),
                );
                check(
                    inv.amount_minor == x.amount_minor,
                    format!("amount {} != {}", inv.amount_minor, x.amount_minor),
                );
                check(inv.currency == x.currency, format!("currency {} != {}", inv.currency, x.currency));
                check(inv.seller.name == x.seller, format!("seller {:?} != {:?}", inv.seller.name, x.seller));
                check(inv.buyer.name == x.buyer, format!("buyer {:?} != {:?}", inv.buyer.name, x.buyer));
                check(
                    inv.seller.vat_id.as_deref() == x.seller_vat,
                    format!("seller VAT {:?} != {:?}", inv.seller.vat_id, x.seller_vat),
                );
                check(
                    inv.buyer.vat_id.as_deref() == x.buyer_vat,
                    format!("buyer VAT {:?} != {:?}", inv.buyer.vat_id, x.buyer_vat),
                );
                check(
                    inv.document_sha256_hex() == case.sha256,
                    format!("sha256 {} != {}", inv.document_sha256_hex(), case.sha256),
                );
                check(inv.type_code == "380", format!("type code {}", inv.type_code));
            }
            (Outcome::CreditNote { number, type_code }, Err(e)) => {
                let expected = EInvoiceError::CreditNote {
                    format: Ubl,
                    number: number.to_string(),
                    type_code: Some(type_code.to_string()),
                };
                check(e == expected, format!("error {e:?} != {expected:?}"));
                check(e.code() == "credit_note", format!("code {}", e.code()));
            }
            (Outcome::MissingDueDate, Err(e)) => {
                check(
                    matches!(e, EInvoiceError::MissingDueDate { .. }),
                    format!("error {e:?} is not MissingDueDate"),
                );
                check(e.to_string().contains("--due-date YYYY-MM-DD"), format!("message {e}"));
            }
            (_, Ok(inv)) => check(false, format!("expected a refusal, parsed {inv:?}")),
            (_, Err(e)) => check(false, format!("unexpected error: {e} ({e:?})")),
        }
    }
    assert!(failures.is_empty(), "{} mismatch(es):\n{}", failures.len(), failures.join("\n"));
}
