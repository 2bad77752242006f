//! End to end: `autofactor localnet --demo` (chain + indexer + API on
//! port + 2) and `autofactor invoice create --from-einvoice FILE` with an
//! origination service (`--api-url`, or `autofactor_api_url` in the config
//! file): the CLI signs in with the supplier's keypair, uploads the
//! document, and the created invoice's asset URI is the service's metadata
//! URL, which resolves to the invoice's terms. The demo's own invoices'
//! URIs resolve too. Without a service nothing is uploaded.

mod common;

use autofactor_client::state::Invoice;
use autofactor_client::{decode, pda};
use common::Chain;
use serde_json::Value;
use solana_rpc_client::rpc_client::RpcClient;
use solana_sdk::pubkey::Pubkey;
use std::str::FromStr;

fn get_json(url: &str) -> (u16, Value) {
    let r = reqwest::blocking::get(url).unwrap();
    let status = r.status().as_u16();
    (status, r.json().unwrap_or(Value::Null))
}

fn ubl(number: &str, issue: &str, due: &str) -> String {
    // Seller and buyer legal ids: the demo's supplier-1 (0192:923609016)
    // and buyer-1 (0007:5560125790) identities.
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
         xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
         xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID>{number}</cbc:ID>
  <cbc:IssueDate>{issue}</cbc:IssueDate>
  <cbc:DueDate>{due}</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>USD</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party>
    <cac:PartyLegalEntity><cbc:RegistrationName>Nordic Supplier AS</cbc:RegistrationName><cbc:CompanyID schemeID="0192">923609016</cbc:CompanyID></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cac:PartyLegalEntity><cbc:RegistrationName>Svensk Buyer AB</cbc:RegistrationName><cbc:CompanyID schemeID="0007">5560125790</cbc:CompanyID></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:LegalMonetaryTotal>
    <cbc:PayableAmount currencyID="USD">2500.75</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
</Invoice>
"#
    )
}

/// A minimal valid one-page PDF (catalog, pages, page; a correct xref).
fn plain_pdf(text: &str) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\n% {text}"),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for off in offsets {
        out.extend(format!("{off:010} 00000 n \n").bytes());
    }
    out.extend(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).bytes(),
    );
    out
}

fn invoice_account(rpc: &RpcClient, address: &str) -> Invoice {
    decode::account(&rpc.get_account_data(&Pubkey::from_str(address).unwrap()).unwrap()).unwrap()
}

#[test]
fn invoice_create_uploads_the_document_and_its_uri_resolves() {
    let mut chain = Chain::start("upload", &["--demo"]);
    let api = chain.api_url();
    chain
        .wait_until("serving its API", |c| reqwest::blocking::get(format!("{}/status", c.api_url())).is_ok());
    let (rpc, rpc_url, dir) = (chain.rpc(), chain.url.clone(), chain.dir.clone());
    let manifest = chain.manifest();
    let cli = chain.cli(chain.keys_dir());
    assert_eq!(manifest["apiUrl"], api);
    let pool = manifest["pools"][0]["pool"].as_str().unwrap().to_string();
    let buyer = manifest["wallets"]["buyer-1"]["pubkey"].as_str().unwrap().to_string();

    // The demo's own invoices: every asset URI resolves (the CLI stored
    // their documents in the indexer before the API started).
    let demo_invoices = manifest["invoices"].as_array().unwrap();
    assert!(demo_invoices.len() >= 11, "{manifest:#}");
    for inv in demo_invoices {
        let uri = inv["metadataUri"].as_str().unwrap();
        assert!(uri.starts_with(&format!("{api}/metadata/")), "{uri}");
        let (status, meta) = get_json(uri);
        assert_eq!(status, 200, "{uri}");
        assert_eq!(meta["properties"]["document"]["sha256"], inv["documentSha256"]);
        assert_eq!(meta["properties"]["invoice"]["amount_minor"], inv["faceMinor"]);
    }

    let today = chrono::Utc::now().date_naive();
    let issue = (today - chrono::Duration::days(1)).format("%Y-%m-%d").to_string();
    let due = (today + chrono::Duration::days(40)).format("%Y-%m-%d").to_string();
    let number = format!("UP-{}", std::process::id());
    let xml_path = dir.join("invoice.xml");
    let xml = ubl(&number, &issue, &due);
    std::fs::write(&xml_path, &xml).unwrap();
    let create = ["invoice", "create", "--pool", &pool, "--buyer", &buyer, "--from-einvoice"];

    // 1. --api-url: uploaded; the asset URI is the service's metadata URL.
    let args = [&create[..], &[xml_path.to_str().unwrap(), "--api-url", &api]].concat();
    let v = cli.ok("supplier-1", &args);
    let sha = hex::encode(autofactor_einvoice::sha256(xml.as_bytes()));
    assert_eq!(v["document_hash"], sha);
    assert_eq!(v["metadata_uri"], format!("{api}/metadata/{sha}.json"));
    assert_eq!(v["document_uri"], format!("{api}/documents/{sha}"));
    let on_chain = invoice_account(&rpc, v["invoice"].as_str().unwrap());
    assert_eq!(on_chain.metadata_uri, v["metadata_uri"].as_str().unwrap());
    let (status, meta) = get_json(&on_chain.metadata_uri);
    assert_eq!(status, 200);
    assert_eq!(meta["name"], format!("Invoice {number}"));
    assert_eq!(meta["properties"]["document"]["sha256"], hex::encode(on_chain.document_hash));
    assert_eq!(meta["properties"]["invoice"]["amount_minor"], on_chain.face_minor);
    assert_eq!(meta["properties"]["invoice"]["amount_minor"], 250_075);
    assert_eq!(meta["properties"]["invoice"]["currency"], "USD");
    assert_eq!(meta["properties"]["invoice"]["due_date"], due);

    // 2. The config file's autofactor_api_url, with a plain PDF and its
    //    terms as flags (sent to the service as form fields).
    let config = dir.join("config.yml");
    std::fs::write(&config, format!("---\njson_rpc_url: \"{rpc_url}\"\nautofactor_api_url: \"{api}\"\n"))
        .unwrap();
    let pdf_path = dir.join("invoice.pdf");
    let pdf = plain_pdf(&format!("Invoice {number}-PDF"));
    std::fs::write(&pdf_path, &pdf).unwrap();
    let pdf_number = format!("{number}-PDF");
    let args = [
        &create[..],
        &[
            pdf_path.to_str().unwrap(),
            "--amount",
            "990.10",
            "--currency",
            "EUR",
            "--issue-date",
            &issue,
            "--due-date",
            &due,
            "--invoice-number",
            &pdf_number,
        ],
    ]
    .concat();
    let v = cli.ok("supplier-1", &[&args[..], &["--config", config.to_str().unwrap()]].concat());
    let pdf_sha = hex::encode(autofactor_einvoice::sha256(&pdf));
    assert_eq!(v["metadata_uri"], format!("{api}/metadata/{pdf_sha}.json"));
    let on_chain = invoice_account(&rpc, v["invoice"].as_str().unwrap());
    let (status, meta) = get_json(&on_chain.metadata_uri);
    assert_eq!(status, 200);
    assert_eq!(meta["properties"]["document"]["format"], "pdf");
    assert_eq!(meta["properties"]["document"]["sha256"], hex::encode(on_chain.document_hash));
    assert_eq!(meta["properties"]["invoice"]["amount_minor"], on_chain.face_minor);
    assert_eq!(meta["properties"]["invoice"]["amount_minor"], 99_010);
    assert_eq!(meta["properties"]["invoice"]["currency"], "EUR");
    assert_eq!(meta["properties"]["invoice"]["invoice_number"], pdf_number);

    // 3. The service's refusal is the CLI's error (a plain PDF without its
    //    amount): nothing is sent.
    let other_pdf = dir.join("other.pdf");
    std::fs::write(&other_pdf, plain_pdf("another")).unwrap();
    let args = [&create[..], &[other_pdf.to_str().unwrap(), "--api-url", &api, "--currency", "EUR"]].concat();
    let e = cli.fail("supplier-1", &args);
    assert_eq!(e["code"], "pdf_terms_missing", "{e:#}");
    assert!(e["message"].as_str().unwrap().contains("origination service"), "{e:#}");

    // 4. Without a service: as before (a local file:// metadata URI).
    let xml2 = dir.join("invoice2.xml");
    std::fs::write(&xml2, ubl(&format!("{number}-2"), &issue, &due)).unwrap();
    let v = cli.ok("supplier-1", &[&create[..], &[xml2.to_str().unwrap()]].concat());
    assert!(v["metadata_uri"].as_str().unwrap().starts_with("file://"), "{v:#}");
    assert!(v.get("document_uri").is_none());
    let hash: [u8; 32] = hex::decode(v["document_hash"].as_str().unwrap()).unwrap().try_into().unwrap();
    assert!(rpc.get_account(&pda::document_entry(&hash)).is_ok(), "the invoice was created");
    drop(chain);
}
