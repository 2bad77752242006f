//! `POST /documents` with PDFs (the API alone, on SQLite; no chain needed):
//! a Factur-X PDF built here with `lopdf` around the published EN 16931
//! sample `CII_example1.xml` gets the CII parser's terms and a metadata
//! document naming the PDF; a plain PDF gets its terms from form fields
//! (query parameters), each missing or bad one refused with its own code;
//! both are stored under the SHA-256 of the PDF and readable by their
//! uploader only (until an indexed invoice names them).

use autofactor_indexer::IndexerArgs;
use lopdf::{dictionary, Document, Object, Stream};
use reqwest::StatusCode;
use serde_json::{json, Value};
use solana_sdk::signature::Keypair;

mod common;
use common::*;

fn cii_example() -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/einvoice/en16931-cii/CII_example1.xml");
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A one-page PDF, with `xml` embedded as Factur-X's `factur-x.xml` (the
/// `/EmbeddedFiles` name tree and `/AF`, Flate-compressed) when given.
fn pdf(text: &str, xml: Option<&[u8]>) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font =
        doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let content = doc.add_object(Stream::new(
        dictionary! {},
        format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET").into_bytes(),
    ));
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Contents" => content,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }),
    );
    let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => pages_id };
    if let Some(xml) = xml {
        let mut stream =
            Stream::new(dictionary! { "Type" => "EmbeddedFile", "Subtype" => "text/xml" }, xml.to_vec());
        stream.compress().unwrap();
        let file = doc.add_object(stream);
        let spec = doc.add_object(dictionary! {
            "Type" => "Filespec",
            "F" => Object::string_literal("factur-x.xml"),
            "UF" => Object::string_literal("factur-x.xml"),
            "AFRelationship" => "Data",
            "EF" => dictionary! { "F" => file },
        });
        catalog.set(
            "Names",
            dictionary! { "EmbeddedFiles" => dictionary! { "Names" => vec![Object::string_literal("factur-x.xml"), spec.into()] } },
        );
        catalog.set("AF", vec![Object::from(spec)]);
    }
    let catalog = doc.add_object(catalog);
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pdfs_are_originated_from_embedded_xml_or_form_fields() {
    let dir = fresh_dir("pdf-upload");
    let args = IndexerArgs::local("http://127.0.0.1:1", "", &dir.join("index.sqlite"));
    let services = autofactor_indexer::start_services(&args, "127.0.0.1:0", false, None).await.unwrap();
    let api = services.api_url.clone();
    let (supplier, other) = (Keypair::new(), Keypair::new());
    let auth = sign_in(&api, &supplier).await;
    let other_auth = sign_in(&api, &other).await;

    // 1. Factur-X: the terms are the embedded CII's, the document is the PDF.
    let xml = cii_example();
    let expected = autofactor_einvoice::parse(&xml).unwrap();
    let facturx = pdf("Invoice with Factur-X", Some(&xml));
    let sha = hex::encode(autofactor_einvoice::sha256(&facturx));
    let (status, up) = upload(&api, Some(&auth), "application/pdf", &[], facturx.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{up}");
    assert_eq!(up["document_sha256"], sha);
    assert_eq!(up["terms"]["kind"], "cii");
    assert_eq!(up["terms"]["invoice_number"], expected.invoice_number);
    assert_eq!(up["terms"]["amount_minor"], expected.amount_minor);
    assert_eq!(up["terms"]["currency"], expected.currency);
    assert_eq!(up["terms"]["due_date"], expected.due_date.to_string());
    assert_eq!(up["terms"]["document_sha256"], sha, "the PDF's hash, not the XML's");
    assert_eq!(up["terms"]["embedded_xml"]["name"], "factur-x.xml");
    assert_eq!(up["terms"]["embedded_xml"]["sha256"], hex::encode(autofactor_einvoice::sha256(&xml)));
    assert_eq!(up["metadata_uri"], format!("{api}/metadata/{sha}.json"));
    let meta: Value = reqwest::get(up["metadata_uri"].as_str().unwrap()).await.unwrap().json().await.unwrap();
    assert_eq!(meta, up["metadata"]);
    assert_eq!(
        meta["properties"]["files"][0],
        json!({ "uri": format!("{api}/documents/{sha}"), "type": "application/pdf" })
    );
    assert_eq!(meta["properties"]["document"]["sha256"], sha);
    assert_eq!(meta["properties"]["document"]["container"], "pdf");
    assert_eq!(attribute(&meta, "Face amount (minor units)"), &json!(expected.amount_minor.to_string()));
    // The due date can be overridden (the parser's option), as for XML.
    let (status, again) =
        upload(&api, Some(&auth), "application/pdf", &[("due_date", "2031-01-31")], facturx.clone()).await;
    assert_eq!(status, StatusCode::OK, "same bytes: already stored");
    assert_eq!(again["terms"]["due_date"], "2031-01-31");
    // Readable by its uploader only (no invoice names it yet).
    assert_eq!(
        read_document(&api, &sha, Some(&auth)).await,
        (StatusCode::OK, "application/pdf".into(), facturx.clone())
    );
    assert_eq!(read_document(&api, &sha, Some(&other_auth)).await.0, StatusCode::FORBIDDEN);

    // 2. A plain PDF: the terms come from form fields.
    let plain = pdf("Invoice PDF-2026-77, 1,234.50 EUR", None);
    let plain_sha = hex::encode(autofactor_einvoice::sha256(&plain));
    let fields = [
        ("invoice_number", "PDF-2026-77"),
        ("amount", "1234.50"),
        ("currency", "EUR"),
        ("issue_date", "2026-11-01"),
        ("due_date", "2026-12-31"),
        ("seller_name", "Fjordline Components AS"),
        ("buyer_name", "Svensk Handelsgrupp AB"),
    ];
    let (status, e) = upload(&api, Some(&auth), "application/pdf", &[], plain.clone()).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("pdf_terms_missing")),
        "{e}"
    );
    assert!(
        e["error"].as_str().unwrap().contains("invoice_number, amount, currency, issue_date, due_date"),
        "{e}"
    );
    let with = |k: &'static str, v: &'static str| -> Vec<(&'static str, &'static str)> {
        fields.iter().map(|(fk, fv)| if *fk == k { (k, v) } else { (*fk, *fv) }).collect()
    };
    for (k, v, code) in [
        ("amount", "12,34", "invalid_amount"),
        ("amount", "1234.505", "invalid_amount"),
        ("amount", "0", "non_positive_amount"),
        ("currency", "EURO", "unknown_currency"),
        ("currency", "XYZ", "unknown_currency"),
        ("issue_date", "2026-13-01", "invalid_date"),
        ("due_date", "2026-10-01", "due_before_issue"),
        (
            "invoice_number",
            "N-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789",
            "invalid_invoice_number",
        ),
    ] {
        let (status, e) = upload(&api, Some(&auth), "application/pdf", &with(k, v), plain.clone()).await;
        assert_eq!(
            (status, e["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some(code)),
            "{k}={v}: {e}"
        );
        assert!(e["error"].as_str().unwrap().contains(k), "{k}: {e}");
    }
    let mut unknown = fields.to_vec();
    unknown.push(("colour", "blue"));
    let (status, e) = upload(&api, Some(&auth), "application/pdf", &unknown, plain.clone()).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("unknown_field")),
        "{e}"
    );
    // Nothing refused was stored.
    assert_eq!(read_document(&api, &plain_sha, Some(&auth)).await.0, StatusCode::NOT_FOUND);

    let (status, up) = upload(&api, Some(&auth), "application/pdf", &fields, plain.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{up}");
    assert_eq!(up["document_sha256"], plain_sha);
    let t = &up["terms"];
    assert_eq!(t["kind"], "pdf");
    assert_eq!(t["amount_minor"], 123_450);
    assert_eq!(t["amount"], "1234.50");
    assert_eq!(t["currency"], "EUR");
    assert_eq!(t["currency_exponent"], 2);
    assert_eq!((t["issue_date"].as_str(), t["due_date"].as_str()), (Some("2026-11-01"), Some("2026-12-31")));
    assert_eq!(t["buyer"]["name"], "Svensk Handelsgrupp AB");
    let meta: Value = reqwest::get(up["metadata_uri"].as_str().unwrap()).await.unwrap().json().await.unwrap();
    assert_eq!(meta["name"], "Invoice PDF-2026-77");
    assert_eq!(meta["properties"]["document"], json!({ "format": "pdf", "sha256": plain_sha }));
    assert_eq!(meta["properties"]["files"][0]["type"], "application/pdf");
    assert_eq!(attribute(&meta, "Due date"), "2026-12-31");
    assert_eq!(attribute(&meta, "Seller"), "Fjordline Components AS");
    assert!(meta["description"].as_str().unwrap().contains("1234.50 EUR"));
    assert_eq!(
        read_document(&api, &plain_sha, Some(&auth)).await,
        (StatusCode::OK, "application/pdf".into(), plain)
    );
    assert_eq!(read_document(&api, &plain_sha, Some(&other_auth)).await.0, StatusCode::FORBIDDEN);

    // 3. A credit note inside a Factur-X PDF: the parser's refusal.
    let credit = String::from_utf8(xml).unwrap().replacen("<ram:TypeCode>380<", "<ram:TypeCode>381<", 1);
    let (status, e) =
        upload(&api, Some(&auth), "application/pdf", &[], pdf("Credit note", Some(credit.as_bytes()))).await;
    assert_eq!((status, e["code"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("credit_note")), "{e}");

    services.stop().await;
    let _ = std::fs::remove_dir_all(&dir);
}
