//! Refusals, due-date rules, hashing and JSON shapes, on small documents written here (or
//! derived in memory from a shared sample — the shared files are never modified).

use std::path::Path;

use autofactor_einvoice::{
    metadata_json, parse, parse_with, sha256, Date, DocumentKind, DueDateSource, EInvoiceError,
    MetadataOptions, ParseOptions,
};
use sha2::{Digest, Sha256};

fn date(s: &str) -> Date {
    Date::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn shared(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/einvoice").join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Replaces exactly one occurrence of `from`, so a variant cannot silently miss its target.
fn replace_once(doc: &str, from: &str, to: &str) -> String {
    assert_eq!(doc.matches(from).count(), 1, "{from:?} must occur exactly once");
    doc.replacen(from, to, 1)
}

/// A minimal UBL 2.1 invoice with the given header fields.
struct Ubl<'a> {
    type_code: &'a str,
    due: Option<&'a str>,
    terms: Option<&'a str>,
    currency: &'a str,
    amount_currency: &'a str,
    amount: &'a str,
}

impl Default for Ubl<'_> {
    fn default() -> Self {
        Ubl {
            type_code: "380",
            due: Some("2024-03-31"),
            terms: None,
            currency: "EUR",
            amount_currency: "EUR",
            amount: "1234.5",
        }
    }
}

impl Ubl<'_> {
    fn xml(&self) -> String {
        let due = self.due.map(|d| format!("<cbc:DueDate>{d}</cbc:DueDate>")).unwrap_or_default();
        let terms = self
            .terms
            .map(|t| format!("<cac:PaymentTerms><cbc:Note>{t}</cbc:Note></cac:PaymentTerms>"))
            .unwrap_or_default();
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID>INV-1</cbc:ID>
  <cbc:IssueDate>2024-03-01</cbc:IssueDate>
  {due}
  <cbc:InvoiceTypeCode>{tc}</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>{cur}</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party>
    <cbc:EndpointID schemeID="0088">7300010000001</cbc:EndpointID>
    <cac:PartyName><cbc:Name>Acme</cbc:Name></cac:PartyName>
    <cac:PartyTaxScheme><cbc:CompanyID>DE123456789</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>Acme GmbH</cbc:RegistrationName><cbc:CompanyID schemeID="0204">HRB 1</cbc:CompanyID></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cac:PartyLegalEntity><cbc:RegistrationName>Buyer &amp; Co</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>
  {terms}
  <cac:LegalMonetaryTotal>
    <cbc:PayableAmount currencyID="{acur}">{amount}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
</Invoice>"#,
            tc = self.type_code,
            cur = self.currency,
            acur = self.amount_currency,
            amount = self.amount,
        )
    }
}

// ---- amounts --------------------------------------------------------------------------------

#[test]
fn minimal_invoice_parses_with_exact_amount() {
    let inv = parse(Ubl::default().xml().as_bytes()).expect("parses");
    assert_eq!(inv.kind, DocumentKind::Ubl);
    assert_eq!(inv.invoice_number, "INV-1");
    assert_eq!(inv.amount_minor, 123_450); // "1234.5" EUR
    assert_eq!(inv.amount_decimal(), "1234.50");
    assert_eq!(inv.currency, "EUR");
    assert_eq!(inv.seller.name, "Acme GmbH");
    assert_eq!(inv.seller.trading_name.as_deref(), Some("Acme"));
    assert_eq!(inv.seller.vat_id.as_deref(), Some("DE123456789"));
    assert_eq!(inv.buyer.name, "Buyer & Co");
    assert_eq!(inv.due_date, date("2024-03-31"));
    assert_eq!(inv.due_date_source, DueDateSource::Document);
}

#[test]
fn zero_amount_is_refused() {
    for amount in ["0", "0.00", "-0.00", "+0"] {
        let err = parse(Ubl { amount, ..Ubl::default() }.xml().as_bytes()).unwrap_err();
        assert_eq!(
            err,
            EInvoiceError::NonPositiveAmount { value: amount.into(), currency: "EUR".into() },
            "{amount}"
        );
        assert!(err.to_string().contains("only a positive amount due can be financed"), "{err}");
    }
}

#[test]
fn negative_amount_is_refused() {
    let err = parse(Ubl { amount: "-100.00", ..Ubl::default() }.xml().as_bytes()).unwrap_err();
    assert_eq!(err, EInvoiceError::NonPositiveAmount { value: "-100.00".into(), currency: "EUR".into() });
    assert_eq!(err.code(), "non_positive_amount");
}

#[test]
fn zero_amount_cii_is_refused() {
    let doc = replace_once(
        &shared("en16931-cii/CII_example1.xml"),
        "<ram:DuePayableAmount>250.33</ram:DuePayableAmount>",
        "<ram:DuePayableAmount>0.00</ram:DuePayableAmount>",
    );
    let err = parse(doc.as_bytes()).unwrap_err();
    assert_eq!(err, EInvoiceError::NonPositiveAmount { value: "0.00".into(), currency: "EUR".into() });
}

#[test]
fn minor_units_follow_iso_4217_exponents() {
    let p = |currency: &str, amount: &str| {
        parse(Ubl { currency, amount_currency: currency, amount, ..Ubl::default() }.xml().as_bytes())
    };
    assert_eq!(p("JPY", "1000").expect("JPY").amount_minor, 1000);
    assert_eq!(p("JPY", "1000.00").expect("JPY zeros").amount_minor, 1000);
    assert_eq!(p("KWD", "12.345").expect("KWD").amount_minor, 12_345);
    assert_eq!(p("BHD", "1.5").expect("BHD").amount_minor, 1_500);
    assert_eq!(p("HUF", "87859.00").expect("HUF").amount_minor, 8_785_900);
    assert_eq!(
        p("JPY", "1000.5").unwrap_err(),
        EInvoiceError::AmountPrecision { value: "1000.5".into(), currency: "JPY".into(), exponent: 0 }
    );
    assert_eq!(
        p("EUR", "10.005").unwrap_err(),
        EInvoiceError::AmountPrecision { value: "10.005".into(), currency: "EUR".into(), exponent: 2 }
    );
    assert_eq!(p("XXX", "10").unwrap_err(), EInvoiceError::UnknownCurrency { code: "XXX".into() });
    assert!(matches!(p("EUR", "1,5").unwrap_err(), EInvoiceError::InvalidAmount { .. }));
    assert!(matches!(p("EUR", "").unwrap_err(), EInvoiceError::InvalidAmount { .. }));
    assert!(matches!(p("EUR", "99999999999999999999").unwrap_err(), EInvoiceError::InvalidAmount { .. }));
}

#[test]
fn amount_currency_must_match_invoice_currency() {
    let err = parse(Ubl { amount_currency: "USD", ..Ubl::default() }.xml().as_bytes()).unwrap_err();
    assert_eq!(
        err,
        EInvoiceError::CurrencyMismatch { invoice_currency: "EUR".into(), amount_currency: "USD".into() }
    );
}

// ---- due dates ------------------------------------------------------------------------------

#[test]
fn due_date_from_net_days_in_terms() {
    let inv =
        parse(Ubl { due: None, terms: Some("Net 45 days"), ..Ubl::default() }.xml().as_bytes()).expect("ok");
    assert_eq!(inv.due_date, date("2024-04-15")); // 2024-03-01 + 45 days
    assert_eq!(inv.due_date_source, DueDateSource::PaymentTerms);
    assert_eq!(inv.payment_terms.as_deref(), Some("Net 45 days"));
}

#[test]
fn missing_due_date_is_refused_with_a_hint() {
    // base-example.xml without its DueDate: terms "Payment within 10 days, 2% discount" state a
    // discount period, not a net period.
    let doc =
        replace_once(&shared("peppol-bis3/base-example.xml"), "<cbc:DueDate>2017-12-01</cbc:DueDate>", "");
    let err = parse(doc.as_bytes()).unwrap_err();
    assert_eq!(
        err,
        EInvoiceError::MissingDueDate { terms: Some("Payment within 10 days, 2% discount".into()) }
    );
    assert!(err.to_string().contains("pass --due-date YYYY-MM-DD"), "{err}");

    // No terms at all.
    let err = parse(Ubl { due: None, ..Ubl::default() }.xml().as_bytes()).unwrap_err();
    assert_eq!(err, EInvoiceError::MissingDueDate { terms: None });
    assert!(err.to_string().contains("--due-date YYYY-MM-DD"), "{err}");

    // The caller's --due-date makes it acceptable.
    let opts = ParseOptions { due_date: Some(date("2017-12-20")) };
    let inv = parse_with(doc.as_bytes(), &opts).expect("override");
    assert_eq!(inv.due_date, date("2017-12-20"));
    assert_eq!(inv.due_date_source, DueDateSource::Override);
}

#[test]
fn override_wins_over_document_due_date() {
    let opts = ParseOptions { due_date: Some(date("2030-01-01")) };
    let inv = parse_with(Ubl::default().xml().as_bytes(), &opts).expect("ok");
    assert_eq!(inv.due_date, date("2030-01-01"));
    assert_eq!(inv.due_date_source, DueDateSource::Override);
}

#[test]
fn ubl_payment_means_due_date_and_conflicts() {
    let base = Ubl { due: None, ..Ubl::default() }.xml();
    let means = |d: &str| {
        format!("<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentDueDate>{d}</cbc:PaymentDueDate></cac:PaymentMeans><cac:LegalMonetaryTotal>")
    };
    let doc = replace_once(&base, "<cac:LegalMonetaryTotal>", &means("2024-05-02"));
    let inv = parse(doc.as_bytes()).expect("ok");
    assert_eq!(inv.due_date, date("2024-05-02"));
    assert_eq!(inv.due_date_source, DueDateSource::Document);

    let with_due = Ubl::default().xml();
    let doc = replace_once(&with_due, "<cac:LegalMonetaryTotal>", &means("2024-05-02"));
    let err = parse(doc.as_bytes()).unwrap_err();
    assert_eq!(err, EInvoiceError::AmbiguousDueDate { dates: vec![date("2024-03-31"), date("2024-05-02")] });
    assert!(err.to_string().contains("--due-date"), "{err}");
}

#[test]
fn cii_without_due_date_uses_terms_or_refuses() {
    let doc = shared("en16931-cii/CII_example1.xml");
    let no_due = replace_once(
        &doc,
        r#"<ram:DueDateDateTime><udt:DateTimeString format="102">20150109</udt:DateTimeString></ram:DueDateDateTime>"#,
        "<ram:Description>Net 30 days</ram:Description>",
    );
    let inv = parse(no_due.as_bytes()).expect("ok");
    assert_eq!(inv.due_date, date("2015-02-08")); // 2015-01-09 + 30
    assert_eq!(inv.due_date_source, DueDateSource::PaymentTerms);

    let no_terms = replace_once(
        &doc,
        r#"<ram:DueDateDateTime><udt:DateTimeString format="102">20150109</udt:DateTimeString></ram:DueDateDateTime>"#,
        "",
    );
    assert_eq!(parse(no_terms.as_bytes()).unwrap_err(), EInvoiceError::MissingDueDate { terms: None });
}

#[test]
fn bad_dates_are_refused() {
    let doc = Ubl { due: Some("2024-02-30"), ..Ubl::default() }.xml();
    assert!(matches!(parse(doc.as_bytes()).unwrap_err(), EInvoiceError::InvalidDate { .. }));
    let doc = Ubl { due: Some("31.03.2024"), ..Ubl::default() }.xml();
    assert!(matches!(parse(doc.as_bytes()).unwrap_err(), EInvoiceError::InvalidDate { .. }));
    // xsd:date time-zone suffixes are allowed.
    let doc = Ubl { due: Some("2024-03-31Z"), ..Ubl::default() }.xml();
    assert_eq!(parse(doc.as_bytes()).expect("Z").due_date, date("2024-03-31"));
    let doc = Ubl { due: Some("2024-03-31+02:00"), ..Ubl::default() }.xml();
    assert_eq!(parse(doc.as_bytes()).expect("offset").due_date, date("2024-03-31"));
    // CII date in an unsupported format code.
    let doc = replace_once(
        &shared("en16931-cii/CII_example1.xml"),
        r#"<udt:DateTimeString format="102">20150109</udt:DateTimeString></ram:DueDateDateTime>"#,
        r#"<udt:DateTimeString format="610">201501</udt:DateTimeString></ram:DueDateDateTime>"#,
    );
    assert!(matches!(parse(doc.as_bytes()).unwrap_err(), EInvoiceError::InvalidDate { .. }));
}

// ---- document types -------------------------------------------------------------------------

#[test]
fn pdf_is_refused_with_flags_hint_and_hash() {
    let pdf: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n";
    let err = parse(pdf).unwrap_err();
    assert_eq!(err, EInvoiceError::Pdf { document_sha256: sha256(pdf) });
    assert_eq!(err.code(), "pdf");
    let msg = err.to_string();
    assert!(msg.contains("PDF") && msg.contains("flags"), "{msg}");
    assert!(msg.contains(&hex::encode(Sha256::digest(pdf))), "{msg}");

    // Leading BOM / whitespace, or junk before the header, still count as a PDF.
    let mut with_bom = b"\xEF\xBB\xBF\n".to_vec();
    with_bom.extend_from_slice(pdf);
    assert!(matches!(parse(&with_bom), Err(EInvoiceError::Pdf { .. })));
    let mut with_junk = b"\x00\x01junk".to_vec();
    with_junk.extend_from_slice(pdf);
    assert!(matches!(parse(&with_junk), Err(EInvoiceError::Pdf { .. })));
}

#[test]
fn ubl_credit_note_type_code_in_invoice_is_refused() {
    let err = parse(Ubl { type_code: "381", ..Ubl::default() }.xml().as_bytes()).unwrap_err();
    assert_eq!(
        err,
        EInvoiceError::CreditNote {
            format: DocumentKind::Ubl,
            number: "INV-1".into(),
            type_code: Some("381".into())
        }
    );
}

#[test]
fn cii_credit_note_and_non_invoice_types_are_refused() {
    let doc = shared("en16931-cii/CII_example1.xml");
    let credit = replace_once(&doc, "<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode>381</ram:TypeCode>");
    let err = parse(credit.as_bytes()).unwrap_err();
    assert_eq!(
        err,
        EInvoiceError::CreditNote {
            format: DocumentKind::Cii,
            number: "12115118".into(),
            type_code: Some("381".into())
        }
    );
    assert!(err.to_string().contains("credit note"), "{err}");

    let proforma = replace_once(&doc, "<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode>325</ram:TypeCode>");
    let err = parse(proforma.as_bytes()).unwrap_err();
    assert_eq!(
        err,
        EInvoiceError::NotAnInvoice {
            number: "12115118".into(),
            type_code: "325".into(),
            description: "pro-forma invoice"
        }
    );
    assert_eq!(err.code(), "not_an_invoice");

    let unknown = replace_once(&doc, "<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode>999</ram:TypeCode>");
    assert!(matches!(parse(unknown.as_bytes()).unwrap_err(), EInvoiceError::NotAnInvoice { .. }));

    // A factored invoice (393) is an invoice.
    let factored = replace_once(&doc, "<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode>393</ram:TypeCode>");
    assert_eq!(parse(factored.as_bytes()).expect("393").type_code, "393");
}

#[test]
fn unknown_documents_are_refused() {
    let order = br#"<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"><ID>1</ID></Order>"#;
    assert_eq!(
        parse(order).unwrap_err(),
        EInvoiceError::UnknownDocument {
            root: "Order".into(),
            namespace: "urn:oasis:names:specification:ubl:schema:xsd:Order-2".into()
        }
    );
    // The right local name in no namespace is not a UBL invoice.
    let err = parse(b"<Invoice><ID>1</ID></Invoice>").unwrap_err();
    assert_eq!(err, EInvoiceError::UnknownDocument { root: "Invoice".into(), namespace: "(none)".into() });
    assert!(err.to_string().contains("urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"), "{err}");
    // ZUGFeRD 1 (CrossIndustryDocument) is not CII D16B.
    let zf1 = br#"<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0"/>"#;
    assert!(matches!(parse(zf1).unwrap_err(), EInvoiceError::UnknownDocument { .. }));
}

#[test]
fn garbage_is_refused_specifically() {
    assert_eq!(parse(b"").unwrap_err(), EInvoiceError::Empty);
    assert_eq!(parse(b" \n\t ").unwrap_err(), EInvoiceError::Empty);
    assert!(matches!(parse(b"<Invoice").unwrap_err(), EInvoiceError::MalformedXml { .. }));
    assert!(matches!(parse(b"hello").unwrap_err(), EInvoiceError::MalformedXml { .. }));
    assert!(matches!(parse(b"<a>\xff\xfe</a>").unwrap_err(), EInvoiceError::NotUtf8 { .. }));
    // UTF-16 is not supported.
    assert!(matches!(parse(b"\xff\xfe<\x00a\x00/\x00>\x00").unwrap_err(), EInvoiceError::NotUtf8 { .. }));
    // DTDs (entity expansion) are refused.
    let bomb = br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><Invoice>&lol;</Invoice>"#;
    assert!(matches!(parse(bomb).unwrap_err(), EInvoiceError::MalformedXml { .. }));
    // A UTF-8 BOM before XML is fine.
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(Ubl::default().xml().as_bytes());
    assert_eq!(parse(&with_bom).expect("BOM").invoice_number, "INV-1");
}

#[test]
fn missing_mandatory_fields_are_named() {
    let doc = replace_once(&Ubl::default().xml(), "<cbc:ID>INV-1</cbc:ID>", "");
    let err = parse(doc.as_bytes()).unwrap_err();
    assert_eq!(err, EInvoiceError::MissingField { field: "invoice number (BT-1)", path: "/Invoice/cbc:ID" });
    let doc = replace_once(
        &Ubl::default().xml(),
        "<cac:PartyLegalEntity><cbc:RegistrationName>Buyer &amp; Co</cbc:RegistrationName></cac:PartyLegalEntity>",
        "",
    );
    assert!(matches!(
        parse(doc.as_bytes()).unwrap_err(),
        EInvoiceError::MissingField { field: "buyer name (BT-44)", .. }
    ));
}

#[test]
fn no_panic_on_truncated_or_corrupted_samples() {
    for rel in ["peppol-bis3/Norwegian-example-1.xml", "en16931-cii/CII_business_example_01.xml"] {
        let bytes = shared(rel).into_bytes();
        for n in (0..bytes.len()).step_by(37) {
            let _ = parse(&bytes[..n]);
        }
        for i in (0..bytes.len()).step_by(53) {
            let mut corrupted = bytes.clone();
            corrupted[i] = corrupted[i].wrapping_add(1);
            let _ = parse(&corrupted);
        }
    }
}

// ---- hash and JSON --------------------------------------------------------------------------

#[test]
fn hash_is_sha256_of_the_exact_bytes() {
    // FIPS 180-2 test vector.
    assert_eq!(
        hex::encode(sha256(b"abc")),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );

    let xml = Ubl::default().xml();
    let inv = parse(xml.as_bytes()).expect("ok");
    let expected: [u8; 32] = Sha256::digest(xml.as_bytes()).into();
    assert_eq!(inv.document_sha256, expected);
    assert_eq!(inv.document_sha256_hex(), hex::encode(expected));

    // Any byte change (even insignificant whitespace) changes the hash, not the terms.
    let spaced = format!("{xml}\n");
    let inv2 = parse(spaced.as_bytes()).expect("ok");
    assert_ne!(inv2.document_sha256, inv.document_sha256);
    assert_eq!(inv2.amount_minor, inv.amount_minor);
}

#[test]
fn json_shape_is_stable() {
    let bytes = shared("peppol-bis3/base-example.xml");
    let inv = parse(bytes.as_bytes()).expect("ok");
    let v = serde_json::to_value(&inv).expect("json");
    let keys: Vec<&str> = v.as_object().expect("object").keys().map(String::as_str).collect();
    let mut expected_keys = vec![
        "kind",
        "invoice_number",
        "type_code",
        "issue_date",
        "due_date",
        "due_date_source",
        "currency",
        "currency_exponent",
        "amount_minor",
        "amount",
        "payment_terms",
        "seller",
        "buyer",
        "document_sha256",
    ];
    expected_keys.sort_unstable();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort_unstable();
    assert_eq!(keys_sorted, expected_keys);
    assert_eq!(v["kind"], "ubl");
    assert_eq!(v["invoice_number"], "Snippet1");
    assert_eq!(v["type_code"], "380");
    assert_eq!(v["issue_date"], "2017-11-13");
    assert_eq!(v["due_date"], "2017-12-01");
    assert_eq!(v["due_date_source"], "document");
    assert_eq!(v["currency"], "EUR");
    assert_eq!(v["currency_exponent"], 2);
    assert_eq!(v["amount_minor"], 165_625);
    assert_eq!(v["amount"], "1656.25");
    assert_eq!(v["payment_terms"], "Payment within 10 days, 2% discount");
    assert_eq!(v["document_sha256"], "1b7cc3ff1834c8963f2c93f30f171b58002cbf0b2c52dc8765e7e83aebb9f7c9");
    assert_eq!(
        v["seller"],
        serde_json::json!({
            "name": "SupplierOfficialName Ltd",
            "trading_name": "SupplierTradingName Ltd.",
            "endpoint_id": {"value": "9482348239847239874", "scheme": "0088"},
            "legal_registration_id": {"value": "GB983294", "scheme": null},
            "vat_id": "GB1232434",
            "identifiers": [{"value": "99887766", "scheme": null}],
            "country": "GB"
        })
    );
    assert_eq!(
        v["buyer"],
        serde_json::json!({
            "name": "Buyer Official Name",
            "trading_name": "BuyerTradingName AS",
            "endpoint_id": {"value": "FR23342", "scheme": "0002"},
            "legal_registration_id": {"value": "39937423947", "scheme": "0183"},
            "vat_id": "SE4598375937",
            "identifiers": [{"value": "FR23342", "scheme": "0002"}],
            "country": "SE"
        })
    );
}

#[test]
fn cii_party_identifiers() {
    let inv = parse(shared("en16931-cii/CII_business_example_01.xml").as_bytes()).expect("ok");
    let v = serde_json::to_value(&inv.seller).expect("json");
    assert_eq!(
        v,
        serde_json::json!({
            "name": "Salescompany ltd.",
            "trading_name": null,
            "endpoint_id": null,
            "legal_registration_id": {"value": "123456789", "scheme": null},
            "vat_id": "NO123456789MVA",
            "identifiers": [{"value": "1238764941386", "scheme": "0088"}],
            "country": "NO"
        })
    );
    assert_eq!(inv.kind, DocumentKind::Cii);
    assert_eq!(
        inv.payment_terms.as_deref(),
        Some("2 % discount if paid within 2 days Penalty percentage 10% from due date")
    );
}

#[test]
fn metadata_json_has_the_metaplex_fields() {
    let inv = parse(shared("peppol-bis3/Norwegian-example-1.xml").as_bytes()).expect("ok");
    let opts = MetadataOptions {
        symbol: Some("AFINV".into()),
        document_uri: Some("https://example.org/inv.xml".into()),
        ..MetadataOptions::default()
    };
    let m = metadata_json(&inv, &opts);
    assert_eq!(m["name"], "Invoice TOSL108");
    assert_eq!(m["symbol"], "AFINV");
    assert!(m["description"].as_str().expect("description").contains("802.00 NOK"));
    assert!(m.get("image").is_none());
    let attrs = m["attributes"].as_array().expect("attributes");
    let get = |t: &str| {
        attrs
            .iter()
            .find(|a| a["trait_type"] == t)
            .map(|a| a["value"].clone())
            .unwrap_or_else(|| panic!("no {t}"))
    };
    assert_eq!(get("Invoice number"), "TOSL108");
    assert_eq!(get("Currency"), "NOK");
    assert_eq!(get("Face amount (minor units)"), "80200");
    assert_eq!(get("Issue date"), "2013-06-30");
    assert_eq!(get("Due date"), "2013-07-20");
    assert_eq!(get("Seller"), "The Sellercompany ASA");
    assert_eq!(get("Buyer"), "Buyercompany ASA");
    assert_eq!(get("Document SHA-256"), "a010c23fb221907eee7d80a7feb1575ce9989fd8b491a473e91069562a5780aa");
    assert!(attrs.iter().all(|a| a["value"].is_string() && a.as_object().expect("attr").len() == 2));
    assert_eq!(m["properties"]["files"][0]["uri"], "https://example.org/inv.xml");
    assert_eq!(m["properties"]["files"][0]["type"], "application/xml");
    assert_eq!(m["properties"]["document"]["format"], "ubl");
    assert_eq!(m["properties"]["invoice"], serde_json::to_value(&inv).expect("json"));

    // Without options: no symbol / files.
    let bare = metadata_json(&inv, &MetadataOptions::default());
    assert!(bare.get("symbol").is_none());
    assert!(bare["properties"].get("files").is_none());
}
