//! Factur-X / ZUGFeRD / XRechnung PDFs: a PDF that carries the e-invoice XML as an embedded
//! file. [`parse_pdf_with`] finds it (the PDF's file specifications, `/EF`, and any stream of
//! `/Type /EmbeddedFile`), parses it with [`crate::parse_with`] — the one parser — and binds
//! the result to the PDF: its `document_sha256` is the SHA-256 of the PDF bytes, the document
//! the parties see.

use crate::{parse_with, sha256, EInvoice, EInvoiceError, ParseOptions};
use lopdf::{Document, Object};

/// Largest embedded XML file read (decompressed).
pub const MAX_EMBEDDED_XML_BYTES: usize = 8 * 1024 * 1024;

/// File names that Factur-X, ZUGFeRD and XRechnung give the invoice XML, preferred in this
/// order over any other `.xml` attachment.
pub const EINVOICE_ATTACHMENT_NAMES: &[&str] =
    &["factur-x.xml", "zugferd-invoice.xml", "zugferd_invoice.xml", "xrechnung.xml", "order-x.xml"];

/// An XML file embedded in a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbeddedXml {
    /// The attachment's file name (`/UF` or `/F`), or `""` for an unnamed embedded stream.
    pub name: String,
    /// Its decompressed bytes.
    pub bytes: Vec<u8>,
}

/// An e-invoice read from a PDF's embedded XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfInvoice {
    /// The parsed terms; `document_sha256` is the SHA-256 of the PDF.
    pub invoice: EInvoice,
    /// The embedded file the terms come from.
    pub xml_name: String,
    /// SHA-256 of the embedded XML bytes.
    pub xml_sha256: [u8; 32],
}

/// Whether `bytes` is a PDF (`%PDF-` at the start, or within the first KiB when the file
/// does not start like XML — PDF readers tolerate leading junk).
pub fn is_pdf(bytes: &[u8]) -> bool {
    crate::looks_like_pdf(bytes, crate::skip_bom_and_whitespace(bytes))
}

fn text_of(o: &Object) -> Option<String> {
    let raw = o.as_str().ok()?;
    // PDF text strings are PDFDocEncoding (ASCII for file names) or UTF-16BE with a BOM.
    if let Some(u16s) = raw.strip_prefix(&[0xFE, 0xFF][..]) {
        let units: Vec<u16> = u16s.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        return String::from_utf16(&units).ok();
    }
    Some(String::from_utf8_lossy(raw).into_owned())
}

fn looks_like_xml(bytes: &[u8]) -> bool {
    crate::skip_bom_and_whitespace(bytes).starts_with(b"<")
}

/// Every file specification (`<< /EF << /F … >> >>`) anywhere in `o`, nested ones too.
fn filespecs<'a>(o: &'a Object, out: &mut Vec<&'a lopdf::Dictionary>) {
    match o {
        Object::Dictionary(d) => {
            if d.has(b"EF") {
                out.push(d);
            }
            for (_, v) in d.iter() {
                filespecs(v, out);
            }
        }
        Object::Array(a) => a.iter().for_each(|v| filespecs(v, out)),
        Object::Stream(s) => {
            for (_, v) in s.dict.iter() {
                filespecs(v, out);
            }
        }
        _ => {}
    }
}

fn read_pdf(pdf: &[u8]) -> Result<Document, EInvoiceError> {
    // The PDF parser is third-party code fed untrusted bytes: a panic in it is an error here.
    std::panic::catch_unwind(|| Document::load_mem(pdf))
        .map_err(|_| EInvoiceError::MalformedPdf { detail: "the PDF parser gave up on this file".into() })?
        .map_err(|e| EInvoiceError::MalformedPdf { detail: e.to_string() })
}

/// The XML files embedded in a PDF, the e-invoice ones first ([`EINVOICE_ATTACHMENT_NAMES`],
/// then other `*.xml` names, then unnamed embedded streams that start like XML).
pub fn embedded_xml(pdf: &[u8]) -> Result<Vec<EmbeddedXml>, EInvoiceError> {
    let doc = read_pdf(pdf)?;
    let mut specs = Vec::new();
    for o in doc.objects.values() {
        filespecs(o, &mut specs);
    }
    let mut found: Vec<(usize, EmbeddedXml)> = Vec::new();
    let mut seen = Vec::new();
    let decode = |s: &lopdf::Stream| s.decompressed_content_with_limit(MAX_EMBEDDED_XML_BYTES).ok();
    for spec in specs {
        let name = [b"UF".as_slice(), b"F"]
            .iter()
            .find_map(|k| spec.get(k).ok().and_then(text_of))
            .unwrap_or_default();
        let Ok(ef) = spec.get(b"EF").and_then(|e| doc.dereference(e)).and_then(|(_, e)| e.as_dict()) else {
            continue;
        };
        let Some(Ok((id, stream))) = [b"UF".as_slice(), b"F"]
            .iter()
            .find_map(|k| ef.get(k).ok())
            .map(|r| doc.dereference(r).and_then(|(id, o)| o.as_stream().map(|s| (id, s))))
        else {
            continue;
        };
        if id.is_some_and(|i| seen.contains(&i)) {
            continue;
        }
        seen.extend(id);
        let lower = name.to_ascii_lowercase();
        let rank = EINVOICE_ATTACHMENT_NAMES
            .iter()
            .position(|n| *n == lower)
            .unwrap_or(if lower.ends_with(".xml") { EINVOICE_ATTACHMENT_NAMES.len() } else { usize::MAX });
        if rank == usize::MAX {
            continue;
        }
        if let Some(bytes) = decode(stream) {
            found.push((rank, EmbeddedXml { name, bytes }));
        }
    }
    // Embedded streams no file specification pointed at (or a broken one).
    for (id, o) in &doc.objects {
        let Object::Stream(s) = o else { continue };
        if seen.contains(id) || !s.dict.has_type(b"EmbeddedFile") {
            continue;
        }
        if let Some(bytes) = decode(s).filter(|b| looks_like_xml(b)) {
            found.push((usize::MAX, EmbeddedXml { name: String::new(), bytes }));
        }
    }
    found.sort_by_key(|(rank, _)| *rank);
    Ok(found.into_iter().map(|(_, x)| x).collect())
}

/// Parses a Factur-X / ZUGFeRD / XRechnung PDF: its embedded e-invoice XML through
/// [`parse_with`]. The first embedded file that parses wins; when none does, the first one's
/// error is returned (e.g. a credit note). A PDF without embedded XML is
/// [`EInvoiceError::Pdf`] (its terms must come from elsewhere); a file that is not a readable
/// PDF is [`EInvoiceError::MalformedPdf`].
pub fn parse_pdf_with(pdf: &[u8], opts: &ParseOptions) -> Result<PdfInvoice, EInvoiceError> {
    let document_sha256 = sha256(pdf);
    if !is_pdf(pdf) {
        return Err(EInvoiceError::MalformedPdf { detail: "the file does not start with %PDF-".into() });
    }
    let mut first_error = None;
    for x in embedded_xml(pdf)? {
        match parse_with(&x.bytes, opts) {
            Ok(mut invoice) => {
                invoice.document_sha256 = document_sha256;
                return Ok(PdfInvoice { invoice, xml_name: x.name, xml_sha256: sha256(&x.bytes) });
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or(EInvoiceError::Pdf { document_sha256 }))
}

/// [`parse_pdf_with`] with default options.
pub fn parse_pdf(pdf: &[u8]) -> Result<PdfInvoice, EInvoiceError> {
    parse_pdf_with(pdf, &ParseOptions::default())
}
