//! Parses e-invoices for Autofactor invoice origination.
//!
//! [`parse`] recognises the document by its root element and namespace:
//!
//! * UBL 2.1 `Invoice` (`urn:oasis:names:specification:ubl:schema:xsd:Invoice-2`), as used by
//!   Peppol BIS Billing 3.0 and the EN 16931 UBL binding;
//! * UN/CEFACT Cross Industry Invoice `rsm:CrossIndustryInvoice`
//!   (`urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100`), the EN 16931 CII binding
//!   (also the XML inside Factur-X / ZUGFeRD 2).
//!
//! and refuses, each with its own [`EInvoiceError`] variant: UBL `CreditNote` documents and
//! credit-note type codes ([`EInvoiceError::CreditNote`]), other non-invoice type codes
//! ([`EInvoiceError::NotAnInvoice`]), zero or negative amounts due
//! ([`EInvoiceError::NonPositiveAmount`]), PDFs ([`EInvoiceError::Pdf`]: the terms must be
//! given as flags; [`parse_pdf`] reads the XML a Factur-X / ZUGFeRD PDF embeds) and any other document ([`EInvoiceError::UnknownDocument`]).
//!
//! The result, [`EInvoice`], carries the amount due (BT-115) in integer minor units of its
//! ISO 4217 currency (BT-5), converted exactly (no floating point), the issue and due dates,
//! both parties, and the SHA-256 of the exact input bytes. [`metadata_json`] renders it as
//! Metaplex-style JSON metadata for the invoice's Core asset, and `EInvoice` serialises (serde)
//! to the stable JSON shape documented on [`EInvoice`].
//!
//! ```no_run
//! let bytes = std::fs::read("invoice.xml").unwrap();
//! match autofactor_einvoice::parse(&bytes) {
//!     Ok(inv) => println!("{} {} {} due {}", inv.invoice_number, inv.amount_decimal(), inv.currency, inv.due_date),
//!     Err(e) => eprintln!("error[{}]: {e}", e.code()),
//! }
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod amount;
mod cii;
mod error;
mod metadata;
mod pdf;
mod terms;
mod ubl;
mod xml;

use serde::{Serialize, Serializer};
use sha2::{Digest, Sha256};

pub use amount::{currency_exponent, decimal_to_minor_units, format_minor_units, AmountError};
pub use error::EInvoiceError;
pub use metadata::{metadata_json, MetadataOptions};
pub use pdf::{
    embedded_xml, is_pdf, parse_pdf, parse_pdf_with, EmbeddedXml, PdfInvoice, EINVOICE_ATTACHMENT_NAMES,
    MAX_EMBEDDED_XML_BYTES,
};
pub use terms::net_days_from_terms;

/// A calendar date (no time, no zone).
pub type Date = chrono::NaiveDate;

/// The syntax of the parsed document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// OASIS UBL 2.1 `Invoice` (Peppol BIS Billing 3.0 / EN 16931). JSON: `"ubl"`.
    Ubl,
    /// UN/CEFACT Cross Industry Invoice (EN 16931 CII, Factur-X / ZUGFeRD XML). JSON: `"cii"`.
    Cii,
}

impl std::fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DocumentKind::Ubl => "UBL 2.1",
            DocumentKind::Cii => "UN/CEFACT CII",
        })
    }
}

/// Where [`EInvoice::due_date`] came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueDateSource {
    /// Stated in the document (UBL `cbc:DueDate` / `cbc:PaymentDueDate`, CII
    /// `ram:DueDateDateTime`). JSON: `"document"`.
    Document,
    /// Issue date plus the number of days net read from the payment terms text
    /// (see [`net_days_from_terms`]). JSON: `"payment_terms"`.
    PaymentTerms,
    /// Given by the caller in [`ParseOptions::due_date`]. JSON: `"override"`.
    Override,
}

/// An identifier with its optional scheme (`schemeID`, e.g. an ISO 6523 ICD such as `0088`
/// for GLN or `0192` for the Norwegian organisation number).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Identifier {
    /// The identifier as written in the document (trimmed).
    pub value: String,
    /// The `schemeID` attribute, if any.
    pub scheme: Option<String>,
}

/// The seller (BG-4) or buyer (BG-7) of an invoice.
///
/// JSON: `{"name", "trading_name", "endpoint_id", "legal_registration_id", "vat_id",
/// "identifiers", "country"}`; identifiers are `{"value", "scheme"}` objects, absent values
/// are `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Party {
    /// Legal name (BT-27 seller / BT-44 buyer): UBL `cac:PartyLegalEntity/cbc:RegistrationName`,
    /// CII `ram:Name`; falls back to the trading name when absent.
    pub name: String,
    /// Trading name (BT-28 / BT-45): UBL `cac:PartyName/cbc:Name`, CII
    /// `ram:SpecifiedLegalOrganization/ram:TradingBusinessName`.
    pub trading_name: Option<String>,
    /// Electronic address (BT-34 / BT-49): UBL `cbc:EndpointID`, CII
    /// `ram:URIUniversalCommunication/ram:URIID`.
    pub endpoint_id: Option<Identifier>,
    /// Legal registration identifier (BT-30 / BT-47): UBL `cac:PartyLegalEntity/cbc:CompanyID`,
    /// CII `ram:SpecifiedLegalOrganization/ram:ID`.
    pub legal_registration_id: Option<Identifier>,
    /// VAT identifier (BT-31 / BT-48): UBL `cac:PartyTaxScheme[TaxScheme/ID='VAT']/cbc:CompanyID`,
    /// CII `ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']`.
    pub vat_id: Option<String>,
    /// Other party identifiers (BT-29 / BT-46): UBL `cac:PartyIdentification/cbc:ID`, CII
    /// `ram:ID` and `ram:GlobalID`.
    pub identifiers: Vec<Identifier>,
    /// Country code of the postal address (BT-40 / BT-55), ISO 3166-1 alpha-2.
    pub country: Option<String>,
}

/// Options for [`parse_with`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// Due date to use instead of the document's (`--due-date`). When set it always wins, and
    /// a document without a usable due date is accepted.
    pub due_date: Option<Date>,
}

/// A parsed e-invoice: the terms Autofactor needs to originate an invoice.
///
/// # JSON shape (`serde::Serialize`, stable)
///
/// ```json
/// {
///   "kind": "ubl",                       // "ubl" | "cii"
///   "invoice_number": "TOSL108",
///   "type_code": "380",                  // UNTDID 1001
///   "issue_date": "2013-06-30",          // YYYY-MM-DD
///   "due_date": "2013-07-20",            // YYYY-MM-DD
///   "due_date_source": "document",       // "document" | "payment_terms" | "override"
///   "currency": "NOK",                   // ISO 4217
///   "currency_exponent": 2,              // ISO 4217 minor-unit digits
///   "amount_minor": 80200,               // amount due (BT-115) in minor units, integer
///   "amount": "802.00",                  // the same as an exact decimal string
///   "payment_terms": "2 % discount ...", // BT-20 text, or null
///   "seller": { ...Party },
///   "buyer": { ...Party },
///   "document_sha256": "9f2c..."         // 64 lowercase hex digits
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EInvoice {
    /// Document syntax.
    pub kind: DocumentKind,
    /// Invoice number (BT-1).
    pub invoice_number: String,
    /// Invoice type code (BT-3, UNTDID 1001), e.g. `380`.
    pub type_code: String,
    /// Issue date (BT-2).
    pub issue_date: Date,
    /// Payment due date (BT-9), derived or overridden as told by [`EInvoice::due_date_source`].
    pub due_date: Date,
    /// Where the due date came from.
    pub due_date_source: DueDateSource,
    /// Invoice currency (BT-5), ISO 4217, upper case.
    pub currency: String,
    /// ISO 4217 minor-unit exponent of [`EInvoice::currency`].
    pub currency_exponent: u8,
    /// Amount due for payment (BT-115) in minor units; always positive.
    pub amount_minor: u64,
    /// Payment terms text (BT-20), whitespace-collapsed; several notes are joined with `"; "`.
    pub payment_terms: Option<String>,
    /// Seller (BG-4).
    pub seller: Party,
    /// Buyer (BG-7).
    pub buyer: Party,
    /// SHA-256 of the exact input bytes.
    pub document_sha256: [u8; 32],
}

impl EInvoice {
    /// The amount due as an exact decimal string, e.g. `"1656.25"` (EUR) or `"87859"` (JPY).
    pub fn amount_decimal(&self) -> String {
        format_minor_units(self.amount_minor, self.currency_exponent)
    }

    /// The document hash as 64 lowercase hex digits.
    pub fn document_sha256_hex(&self) -> String {
        hex::encode(self.document_sha256)
    }
}

#[derive(Serialize)]
struct EInvoiceJson<'a> {
    kind: DocumentKind,
    invoice_number: &'a str,
    type_code: &'a str,
    issue_date: String,
    due_date: String,
    due_date_source: DueDateSource,
    currency: &'a str,
    currency_exponent: u8,
    amount_minor: u64,
    amount: String,
    payment_terms: Option<&'a str>,
    seller: &'a Party,
    buyer: &'a Party,
    document_sha256: String,
}

impl Serialize for EInvoice {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        EInvoiceJson {
            kind: self.kind,
            invoice_number: &self.invoice_number,
            type_code: &self.type_code,
            issue_date: format_date(self.issue_date),
            due_date: format_date(self.due_date),
            due_date_source: self.due_date_source,
            currency: &self.currency,
            currency_exponent: self.currency_exponent,
            amount_minor: self.amount_minor,
            amount: self.amount_decimal(),
            payment_terms: self.payment_terms.as_deref(),
            seller: &self.seller,
            buyer: &self.buyer,
            document_sha256: self.document_sha256_hex(),
        }
        .serialize(serializer)
    }
}

/// `YYYY-MM-DD`.
pub(crate) fn format_date(d: Date) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// SHA-256 of `bytes` (the document hash bound to an invoice).
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// Parses an e-invoice with default options. See [`parse_with`].
pub fn parse(bytes: &[u8]) -> Result<EInvoice, EInvoiceError> {
    parse_with(bytes, &ParseOptions::default())
}

/// Parses an e-invoice (UBL 2.1 Invoice or UN/CEFACT CII), or explains why it cannot be
/// financed or read.
///
/// The due date is, in order: [`ParseOptions::due_date`] if given; the document's due date;
/// the issue date plus the days net stated unambiguously in the payment terms
/// ([`net_days_from_terms`]); otherwise [`EInvoiceError::MissingDueDate`].
///
/// Never panics, whatever the input.
pub fn parse_with(bytes: &[u8], opts: &ParseOptions) -> Result<EInvoice, EInvoiceError> {
    let document_sha256 = sha256(bytes);
    let head = skip_bom_and_whitespace(bytes);
    if head.is_empty() {
        return Err(EInvoiceError::Empty);
    }
    if looks_like_pdf(bytes, head) {
        return Err(EInvoiceError::Pdf { document_sha256 });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| EInvoiceError::NotUtf8 { detail: e.to_string() })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let doc = roxmltree::Document::parse(text)
        .map_err(|e| EInvoiceError::MalformedXml { detail: e.to_string() })?;
    let root = doc.root_element();
    let namespace = root.tag_name().namespace().unwrap_or("");
    let extracted = match (namespace, root.tag_name().name()) {
        (ubl::NS_INVOICE, "Invoice") => ubl::extract(root)?,
        (ubl::NS_CREDIT_NOTE, "CreditNote") => return Err(ubl::credit_note(root)),
        (cii::NS_RSM, "CrossIndustryInvoice") => cii::extract(root)?,
        (ns, name) => {
            return Err(EInvoiceError::UnknownDocument {
                root: name.to_string(),
                namespace: if ns.is_empty() { "(none)".to_string() } else { ns.to_string() },
            })
        }
    };
    finish(extracted, document_sha256, opts)
}

pub(crate) fn skip_bom_and_whitespace(bytes: &[u8]) -> &[u8] {
    let b = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).unwrap_or(bytes);
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    &b[start..]
}

/// `%PDF-` at the start, or within the first KiB when the file does not start like XML
/// (PDF readers tolerate leading junk).
pub(crate) fn looks_like_pdf(bytes: &[u8], head: &[u8]) -> bool {
    if head.starts_with(b"%PDF-") {
        return true;
    }
    let first_kib = &bytes[..bytes.len().min(1024)];
    !head.starts_with(b"<") && first_kib.windows(5).any(|w| w == b"%PDF-")
}

/// What the syntax-specific readers extract, before currency, amount and due-date checks.
pub(crate) struct Extracted {
    pub(crate) kind: DocumentKind,
    pub(crate) number: String,
    pub(crate) type_code: String,
    pub(crate) issue_date: Date,
    pub(crate) due_dates: Vec<Date>,
    pub(crate) invoice_currency: Option<String>,
    pub(crate) payable_value: String,
    pub(crate) payable_currency: Option<String>,
    pub(crate) seller: Party,
    pub(crate) buyer: Party,
    pub(crate) terms: Vec<String>,
}

/// UNTDID 1001 codes accepted as financeable invoices.
const INVOICE_TYPE_CODES: &[&str] = &[
    "80",  // debit note related to goods or services
    "82",  // metered services invoice
    "84",  // debit note related to financial adjustments
    "326", // partial invoice
    "331", // commercial invoice which includes a packing list
    "380", // commercial invoice
    "383", // debit note
    "384", // corrected invoice
    "385", // consolidated invoice
    "387", // hire invoice
    "388", // tax invoice
    "389", // self-billed invoice
    "393", // factored invoice
    "394", // lease invoice
    "395", // consignment invoice
    "575", // insurer's invoice
    "623", // forwarder's invoice
    "780", // freight invoice
    "875", // partial construction invoice
    "876", // partial final construction invoice
    "877", // final construction invoice
];

/// UNTDID 1001 credit-note codes.
const CREDIT_NOTE_TYPE_CODES: &[&str] = &["81", "83", "261", "262", "296", "308", "381", "396", "532"];

/// Other UNTDID 1001 codes that appear on e-invoices but are not financeable.
const OTHER_TYPE_CODES: &[(&str, &str)] = &[
    ("71", "request for payment"),
    ("102", "tax notification"),
    ("218", "final payment request based on completion of work"),
    ("219", "payment request for completed units"),
    ("325", "pro-forma invoice"),
    ("382", "commission note"),
    ("386", "prepayment invoice"),
    ("390", "delcredere invoice"),
    ("553", "forwarder's invoice discrepancy report"),
    ("751", "invoice information for accounting purposes"),
    ("817", "claim notification"),
    ("870", "consular invoice"),
];

/// Refuses credit notes and non-invoice type codes.
pub(crate) fn check_type_code(
    format: DocumentKind,
    number: Option<&str>,
    type_code: &str,
) -> Result<(), EInvoiceError> {
    let number = || number.unwrap_or("(no number)").to_string();
    if INVOICE_TYPE_CODES.contains(&type_code) {
        Ok(())
    } else if CREDIT_NOTE_TYPE_CODES.contains(&type_code) {
        Err(EInvoiceError::CreditNote { format, number: number(), type_code: Some(type_code.to_string()) })
    } else {
        let description = OTHER_TYPE_CODES
            .iter()
            .find(|(c, _)| *c == type_code)
            .map_or("not a known invoice type code", |(_, d)| *d);
        Err(EInvoiceError::NotAnInvoice { number: number(), type_code: type_code.to_string(), description })
    }
}

fn finish(x: Extracted, document_sha256: [u8; 32], opts: &ParseOptions) -> Result<EInvoice, EInvoiceError> {
    // Currency: BT-5, which the amount's currencyID (when present) must agree with.
    let invoice_currency = x.invoice_currency.map(|c| c.to_ascii_uppercase());
    let amount_currency = x.payable_currency.map(|c| c.to_ascii_uppercase());
    let currency = match (invoice_currency, amount_currency) {
        (Some(i), Some(a)) if i != a => {
            return Err(EInvoiceError::CurrencyMismatch { invoice_currency: i, amount_currency: a })
        }
        (Some(c), _) | (None, Some(c)) => c,
        (None, None) => {
            return Err(EInvoiceError::MissingField {
                field: "invoice currency code (BT-5)",
                path: match x.kind {
                    DocumentKind::Ubl => "/Invoice/cbc:DocumentCurrencyCode",
                    DocumentKind::Cii => "ram:ApplicableHeaderTradeSettlement/ram:InvoiceCurrencyCode",
                },
            })
        }
    };
    let currency_exponent = currency_exponent(&currency)
        .ok_or_else(|| EInvoiceError::UnknownCurrency { code: currency.clone() })?;

    let value = x.payable_value;
    let signed = decimal_to_minor_units(&value, currency_exponent).map_err(|e| match e {
        AmountError::ExcessPrecision => EInvoiceError::AmountPrecision {
            value: value.clone(),
            currency: currency.clone(),
            exponent: currency_exponent,
        },
        other => EInvoiceError::InvalidAmount { value: value.clone(), reason: other.to_string() },
    })?;
    let amount_minor = u64::try_from(signed).ok().filter(|m| *m > 0).ok_or_else(|| {
        EInvoiceError::NonPositiveAmount { value: value.clone(), currency: currency.clone() }
    })?;

    let payment_terms = (!x.terms.is_empty()).then(|| x.terms.join("; "));
    let (due_date, due_date_source) = if let Some(d) = opts.due_date {
        (d, DueDateSource::Override)
    } else {
        let mut distinct: Vec<Date> = Vec::new();
        for d in x.due_dates {
            if !distinct.contains(&d) {
                distinct.push(d);
            }
        }
        match distinct.as_slice() {
            [d] => (*d, DueDateSource::Document),
            [] => {
                let derived = payment_terms
                    .as_deref()
                    .and_then(net_days_from_terms)
                    .and_then(|days| x.issue_date.checked_add_days(chrono::Days::new(u64::from(days))));
                match derived {
                    Some(d) => (d, DueDateSource::PaymentTerms),
                    None => return Err(EInvoiceError::MissingDueDate { terms: payment_terms }),
                }
            }
            _ => return Err(EInvoiceError::AmbiguousDueDate { dates: distinct }),
        }
    };

    Ok(EInvoice {
        kind: x.kind,
        invoice_number: x.number,
        type_code: x.type_code,
        issue_date: x.issue_date,
        due_date,
        due_date_source,
        currency,
        currency_exponent,
        amount_minor,
        payment_terms,
        seller: x.seller,
        buyer: x.buyer,
        document_sha256,
    })
}
