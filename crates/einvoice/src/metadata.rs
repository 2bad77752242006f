//! Metaplex-style JSON metadata for an invoice's Core asset URI.

use serde_json::{json, Map, Value};

use crate::{format_date, DocumentKind, EInvoice};

/// Optional fields of the metadata document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetadataOptions {
    /// `symbol`, omitted when `None`.
    pub symbol: Option<String>,
    /// `image` URI, omitted when `None`.
    pub image: Option<String>,
    /// `external_url` (e.g. the invoice page in the web app), omitted when `None`.
    pub external_url: Option<String>,
    /// Where the original e-invoice file is published; listed in `properties.files` with its
    /// MIME type. Omitted when `None`.
    pub document_uri: Option<String>,
}

/// Builds Metaplex-style JSON metadata (the document a Core asset's `uri` points to) for an
/// invoice.
///
/// Shape:
///
/// ```json
/// {
///   "name": "Invoice TOSL108",
///   "description": "Invoice TOSL108 from ... to ..., 802.00 NOK, issued ..., due ....",
///   "attributes": [
///     {"trait_type": "Invoice number", "value": "TOSL108"},
///     {"trait_type": "Currency", "value": "NOK"},
///     {"trait_type": "Face amount (minor units)", "value": "80200"},
///     {"trait_type": "Issue date", "value": "2013-06-30"},
///     {"trait_type": "Due date", "value": "2013-07-20"},
///     {"trait_type": "Seller", "value": "The Sellercompany ASA"},
///     {"trait_type": "Buyer", "value": "Buyercompany ASA"},
///     {"trait_type": "Document SHA-256", "value": "<64 hex>"},
///     {"trait_type": "Document format", "value": "UBL 2.1"}
///   ],
///   "properties": {
///     "files": [{"uri": "...", "type": "application/xml"}],   // only with document_uri
///     "document": {"format": "ubl", "sha256": "<64 hex>"},
///     "invoice": { ...the EInvoice JSON shape... }
///   }
/// }
/// ```
///
/// plus `symbol`, `image` and `external_url` when given in `opts`. Every attribute value is a
/// string (the amount too, so that it survives JavaScript number precision).
pub fn metadata_json(invoice: &EInvoice, opts: &MetadataOptions) -> Value {
    let hash = invoice.document_sha256_hex();
    let issue = format_date(invoice.issue_date);
    let due = format_date(invoice.due_date);
    let attribute = |trait_type: &str, value: String| json!({ "trait_type": trait_type, "value": value });
    let attributes = vec![
        attribute("Invoice number", invoice.invoice_number.clone()),
        attribute("Currency", invoice.currency.clone()),
        attribute("Face amount (minor units)", invoice.amount_minor.to_string()),
        attribute("Issue date", issue.clone()),
        attribute("Due date", due.clone()),
        attribute("Seller", invoice.seller.name.clone()),
        attribute("Buyer", invoice.buyer.name.clone()),
        attribute("Document SHA-256", hash.clone()),
        attribute("Document format", invoice.kind.to_string()),
    ];

    let mut properties = Map::new();
    if let Some(uri) = &opts.document_uri {
        properties.insert("files".into(), json!([{ "uri": uri, "type": "application/xml" }]));
    }
    let format = match invoice.kind {
        DocumentKind::Ubl => "ubl",
        DocumentKind::Cii => "cii",
    };
    properties.insert("document".into(), json!({ "format": format, "sha256": hash }));
    // Serialising an EInvoice cannot fail (plain strings and integers), but stay panic-free.
    properties.insert("invoice".into(), serde_json::to_value(invoice).unwrap_or(Value::Null));

    let mut root = Map::new();
    root.insert("name".into(), Value::String(format!("Invoice {}", invoice.invoice_number)));
    if let Some(symbol) = &opts.symbol {
        root.insert("symbol".into(), Value::String(symbol.clone()));
    }
    root.insert(
        "description".into(),
        Value::String(format!(
            "Invoice {} from {} to {}, {} {}, issued {}, due {}. Original {} e-invoice, SHA-256 {}.",
            invoice.invoice_number,
            invoice.seller.name,
            invoice.buyer.name,
            invoice.amount_decimal(),
            invoice.currency,
            issue,
            due,
            invoice.kind,
            hash
        )),
    );
    if let Some(image) = &opts.image {
        root.insert("image".into(), Value::String(image.clone()));
    }
    if let Some(url) = &opts.external_url {
        root.insert("external_url".into(), Value::String(url.clone()));
    }
    root.insert("attributes".into(), Value::Array(attributes));
    root.insert("properties".into(), Value::Object(properties));
    Value::Object(root)
}
