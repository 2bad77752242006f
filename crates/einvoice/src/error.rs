//! The error type returned by [`crate::parse`] and friends.

use crate::{Date, DocumentKind};

/// Why an input could not be turned into an [`crate::EInvoice`].
///
/// Every variant has a stable machine-readable [`code`](EInvoiceError::code) for clients
/// (`--output json`) and a human message (`Display`) that says what is wrong and, where
/// the user can do something about it, what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EInvoiceError {
    /// The input is empty (or only whitespace).
    #[error(
        "the file is empty: expected a UBL 2.1 Invoice or a UN/CEFACT Cross Industry Invoice XML document"
    )]
    Empty,

    /// The input is a PDF. Its terms cannot be read automatically; the caller must take them
    /// from command-line flags. The SHA-256 of the PDF is provided so it can still be bound
    /// to the invoice as its document hash.
    #[error(
        "the file is a PDF, not an XML e-invoice: its terms cannot be read from it, so give them as flags \
         (invoice number, amount, currency, issue date, due date, buyer) and the PDF is only hashed \
         (sha256 {}); if it is a Factur-X/ZUGFeRD PDF, pass its embedded XML file instead",
        hex::encode(.document_sha256)
    )]
    Pdf {
        /// SHA-256 of the exact PDF bytes.
        document_sha256: [u8; 32],
    },

    /// The input starts like a PDF but cannot be read as one ([`crate::parse_pdf`]).
    #[error("the file is not a readable PDF: {detail}")]
    MalformedPdf {
        /// What the PDF reader reported.
        detail: String,
    },

    /// The input is not UTF-8 text (XML in another encoding is not supported).
    #[error("the file is not UTF-8 text ({detail}); e-invoices must be UTF-8 XML — re-export it as UTF-8")]
    NotUtf8 {
        /// Decoder detail (byte offset).
        detail: String,
    },

    /// The input is not well-formed XML.
    #[error("the file is not well-formed XML: {detail}")]
    MalformedXml {
        /// Parser message with position.
        detail: String,
    },

    /// The XML root element is neither a UBL Invoice nor a CII CrossIndustryInvoice.
    #[error(
        "unsupported document type: root element <{root}> in namespace {namespace}; expected a UBL 2.1 \
         <Invoice> (urn:oasis:names:specification:ubl:schema:xsd:Invoice-2) or a UN/CEFACT \
         <rsm:CrossIndustryInvoice> (urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100)"
    )]
    UnknownDocument {
        /// Local name of the root element.
        root: String,
        /// Namespace URI of the root element, or `(none)`.
        namespace: String,
    },

    /// The document is a credit note (UBL `CreditNote`, or a credit-note type code such as 381).
    #[error(
        "document {number} is a credit note ({format}, type code {}), not an invoice: a credit note reduces what \
         the buyer owes and cannot be financed — use the invoice it corrects",
        .type_code.as_deref().unwrap_or("none")
    )]
    CreditNote {
        /// Document format.
        format: DocumentKind,
        /// The document number (BT-1), or `(no number)`.
        number: String,
        /// The document type code (UNTDID 1001), if present.
        type_code: Option<String>,
    },

    /// The document type code (UNTDID 1001) is not a financeable invoice type (e.g. 325
    /// pro-forma, 386 prepayment invoice, 751 invoice information).
    #[error(
        "document {number} has type code {type_code} ({description}), which is not a commercial invoice that can \
         be financed; only invoices (e.g. 380 commercial invoice, 383 debit note, 384 corrected invoice, \
         389 self-billed invoice, 393 factored invoice) are accepted"
    )]
    NotAnInvoice {
        /// The document number (BT-1), or `(no number)`.
        number: String,
        /// The type code found.
        type_code: String,
        /// What the code means, as far as known.
        description: &'static str,
    },

    /// A mandatory EN 16931 element is absent or empty.
    #[error("the e-invoice has no {field} (expected at {path}); the document is incomplete — have the issuer correct it")]
    MissingField {
        /// Business term, e.g. "invoice number (BT-1)".
        field: &'static str,
        /// Where it was looked for.
        path: &'static str,
    },

    /// A date element could not be read.
    #[error("the {field} {value:?} is not a valid date ({reason})")]
    InvalidDate {
        /// Business term.
        field: &'static str,
        /// The text found.
        value: String,
        /// What is wrong.
        reason: String,
    },

    /// The payable amount is not a valid decimal number.
    #[error("the amount due for payment (BT-115) {value:?} is not a valid amount: {reason}")]
    InvalidAmount {
        /// The text found.
        value: String,
        /// What is wrong.
        reason: String,
    },

    /// The payable amount has more fractional digits than the currency allows, and they are
    /// not all zero.
    #[error(
        "the amount due for payment {value} {currency} has more decimals than {currency} allows ({exponent}); \
         it cannot be represented exactly in minor units"
    )]
    AmountPrecision {
        /// The text found.
        value: String,
        /// ISO 4217 code.
        currency: String,
        /// The currency's minor-unit exponent.
        exponent: u8,
    },

    /// The payable amount is zero or negative: there is nothing to finance.
    #[error(
        "the amount due for payment is {value} {currency}: only a positive amount due can be financed (a zero \
         or negative balance means the invoice is settled or is in effect a credit)"
    )]
    NonPositiveAmount {
        /// The text found.
        value: String,
        /// ISO 4217 code.
        currency: String,
    },

    /// The currency code is not in the built-in ISO 4217 table.
    #[error("unknown or unsupported currency code {code:?}: expected an ISO 4217 currency such as EUR, USD, NOK or JPY")]
    UnknownCurrency {
        /// The code found.
        code: String,
    },

    /// The payable amount's `currencyID` disagrees with the invoice currency (BT-5).
    #[error(
        "the amount due for payment is in {amount_currency} but the invoice currency (BT-5) is \
         {invoice_currency}; the document is inconsistent"
    )]
    CurrencyMismatch {
        /// BT-5 invoice currency code.
        invoice_currency: String,
        /// `currencyID` of the payable amount.
        amount_currency: String,
    },

    /// No due date in the document and the payment terms do not unambiguously state a
    /// number of days net.
    #[error(
        "the e-invoice states no payment due date{}; pass --due-date YYYY-MM-DD",
        match .terms { Some(t) => format!(" and its payment terms {t:?} do not state an unambiguous number of days net"), None => " and no payment terms".to_string() }
    )]
    MissingDueDate {
        /// The payment terms text (BT-20), if any.
        terms: Option<String>,
    },

    /// The document states several different due dates (e.g. instalments).
    #[error(
        "the e-invoice states several different due dates ({}); pass the one to finance with --due-date YYYY-MM-DD",
        .dates.iter().map(|d| d.format("%Y-%m-%d").to_string()).collect::<Vec<_>>().join(", ")
    )]
    AmbiguousDueDate {
        /// The distinct dates found, in document order.
        dates: Vec<Date>,
    },
}

impl EInvoiceError {
    /// A stable, machine-readable identifier of the variant (snake_case), for JSON output and
    /// for clients that match on errors.
    pub fn code(&self) -> &'static str {
        match self {
            EInvoiceError::Empty => "empty",
            EInvoiceError::Pdf { .. } => "pdf",
            EInvoiceError::MalformedPdf { .. } => "malformed_pdf",
            EInvoiceError::NotUtf8 { .. } => "not_utf8",
            EInvoiceError::MalformedXml { .. } => "malformed_xml",
            EInvoiceError::UnknownDocument { .. } => "unknown_document",
            EInvoiceError::CreditNote { .. } => "credit_note",
            EInvoiceError::NotAnInvoice { .. } => "not_an_invoice",
            EInvoiceError::MissingField { .. } => "missing_field",
            EInvoiceError::InvalidDate { .. } => "invalid_date",
            EInvoiceError::InvalidAmount { .. } => "invalid_amount",
            EInvoiceError::AmountPrecision { .. } => "amount_precision",
            EInvoiceError::NonPositiveAmount { .. } => "non_positive_amount",
            EInvoiceError::UnknownCurrency { .. } => "unknown_currency",
            EInvoiceError::CurrencyMismatch { .. } => "currency_mismatch",
            EInvoiceError::MissingDueDate { .. } => "missing_due_date",
            EInvoiceError::AmbiguousDueDate { .. } => "ambiguous_due_date",
        }
    }
}
