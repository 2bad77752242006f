//! Factur-X / ZUGFeRD PDFs built here with `lopdf` (a real PDF: catalog, page, the
//! `/EmbeddedFiles` name tree and `/AF`, the XML stream Flate-compressed) around the published
//! EN 16931 CII sample; a plain PDF; a PDF whose attachment is a credit note; broken PDFs.

use autofactor_einvoice::{embedded_xml, is_pdf, parse, parse_pdf, sha256, DocumentKind, EInvoiceError};
use lopdf::{dictionary, Document, Object, Stream};
use std::path::Path;

fn cii_example() -> Vec<u8> {
    let p =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/einvoice/en16931-cii/CII_example1.xml");
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A one-page PDF with `attachments` (name, bytes) as embedded files.
fn pdf_with(attachments: &[(&str, &[u8])]) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font =
        doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let content =
        doc.add_object(Stream::new(dictionary! {}, b"BT /F1 12 Tf 72 720 Td (Invoice) Tj ET".to_vec()));
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
    let mut names = Vec::new();
    let mut af = Vec::new();
    for (name, bytes) in attachments {
        let mut stream =
            Stream::new(dictionary! { "Type" => "EmbeddedFile", "Subtype" => "text/xml" }, bytes.to_vec());
        stream.compress().unwrap();
        let file = doc.add_object(stream);
        let spec = doc.add_object(dictionary! {
            "Type" => "Filespec",
            "F" => Object::string_literal(*name),
            "UF" => Object::string_literal(*name),
            "AFRelationship" => "Data",
            "EF" => dictionary! { "F" => file },
        });
        names.push(Object::string_literal(*name));
        names.push(spec.into());
        af.push(Object::from(spec));
    }
    let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => pages_id };
    if !attachments.is_empty() {
        catalog.set("Names", dictionary! { "EmbeddedFiles" => dictionary! { "Names" => names } });
        catalog.set("AF", af);
    }
    let catalog = doc.add_object(catalog);
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn factur_x_pdf_terms_come_from_the_embedded_cii() {
    let xml = cii_example();
    let pdf = pdf_with(&[("factur-x.xml", &xml)]);
    assert!(is_pdf(&pdf));
    // The XML parser alone still refuses a PDF (unchanged behaviour).
    assert!(matches!(parse(&pdf), Err(EInvoiceError::Pdf { .. })));

    let from_pdf = parse_pdf(&pdf).unwrap();
    let from_xml = parse(&xml).unwrap();
    assert_eq!(from_pdf.xml_name, "factur-x.xml");
    assert_eq!(from_pdf.xml_sha256, sha256(&xml));
    // The document is the PDF: its hash, the XML's terms.
    assert_eq!(from_pdf.invoice.document_sha256, sha256(&pdf));
    assert_eq!(from_pdf.invoice.kind, DocumentKind::Cii);
    assert_eq!(from_pdf.invoice.invoice_number, from_xml.invoice_number);
    assert_eq!(from_pdf.invoice.amount_minor, from_xml.amount_minor);
    assert_eq!(from_pdf.invoice.currency, from_xml.currency);
    assert_eq!(from_pdf.invoice.due_date, from_xml.due_date);
    assert_eq!(from_pdf.invoice.seller, from_xml.seller);
    assert_eq!(from_pdf.invoice.buyer, from_xml.buyer);
}

#[test]
fn the_e_invoice_attachment_is_preferred_over_other_xml() {
    let xml = cii_example();
    let other = b"<?xml version=\"1.0\"?><Order xmlns=\"urn:example\"/>".to_vec();
    let pdf = pdf_with(&[("delivery-note.xml", &other), ("factur-x.xml", &xml)]);
    let files = embedded_xml(&pdf).unwrap();
    assert_eq!(
        files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>(),
        ["factur-x.xml", "delivery-note.xml"]
    );
    assert_eq!(files[0].bytes, xml);
    assert_eq!(parse_pdf(&pdf).unwrap().xml_name, "factur-x.xml");
}

#[test]
fn a_plain_pdf_has_no_terms() {
    let pdf = pdf_with(&[]);
    assert!(embedded_xml(&pdf).unwrap().is_empty());
    match parse_pdf(&pdf) {
        Err(EInvoiceError::Pdf { document_sha256 }) => assert_eq!(document_sha256, sha256(&pdf)),
        other => panic!("expected Pdf, got {other:?}"),
    }
}

#[test]
fn an_embedded_credit_note_is_refused_with_the_parser_error() {
    let xml = String::from_utf8(cii_example()).unwrap();
    let credit = xml.replacen("<ram:TypeCode>380</ram:TypeCode>", "<ram:TypeCode>381</ram:TypeCode>", 1);
    assert_ne!(credit, xml, "the sample has type code 380");
    let pdf = pdf_with(&[("factur-x.xml", credit.as_bytes())]);
    let e = parse_pdf(&pdf).unwrap_err();
    assert_eq!(e.code(), "credit_note", "{e}");
}

#[test]
fn broken_pdfs_are_a_specific_error() {
    let e = parse_pdf(b"%PDF-1.7\nthis is not a pdf at all").unwrap_err();
    assert_eq!(e.code(), "malformed_pdf", "{e}");
    let e = parse_pdf(b"<Invoice/>").unwrap_err();
    assert_eq!(e.code(), "malformed_pdf", "{e}");
    // Truncated: read as far as it goes (lenient), never a different invoice, never a panic.
    let xml = cii_example();
    let expected = parse(&xml).unwrap().invoice_number;
    let pdf = pdf_with(&[("factur-x.xml", &xml)]);
    for cut in [pdf.len() / 4, pdf.len() / 2, pdf.len() - 40] {
        match parse_pdf(&pdf[..cut]) {
            Ok(p) => assert_eq!(p.invoice.invoice_number, expected),
            Err(e) => assert!(["malformed_pdf", "pdf"].contains(&e.code()), "{e}"),
        }
    }
}
