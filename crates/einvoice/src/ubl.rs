//! UBL 2.1 `Invoice` (Peppol BIS Billing 3.0 / EN 16931 UBL syntax binding).

use roxmltree::Node;

use crate::xml::{child, children, identifier, parse_iso_date, path, text, text_collapsed};
use crate::{check_type_code, DocumentKind, EInvoiceError, Extracted, Party};

/// `urn:oasis:names:specification:ubl:schema:xsd:Invoice-2`
pub(crate) const NS_INVOICE: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
/// `urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2`
pub(crate) const NS_CREDIT_NOTE: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
const CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

fn missing(field: &'static str, path: &'static str) -> EInvoiceError {
    EInvoiceError::MissingField { field, path }
}

/// The refusal for a UBL `CreditNote` root.
pub(crate) fn credit_note(root: Node<'_, '_>) -> EInvoiceError {
    EInvoiceError::CreditNote {
        format: DocumentKind::Ubl,
        number: child(root, CBC, "ID").and_then(text).unwrap_or_else(|| "(no number)".to_string()),
        type_code: child(root, CBC, "CreditNoteTypeCode").and_then(text),
    }
}

/// Reads the business terms of a UBL `Invoice` root element.
pub(crate) fn extract(root: Node<'_, '_>) -> Result<Extracted, EInvoiceError> {
    let number = child(root, CBC, "ID").and_then(text);
    let type_code = child(root, CBC, "InvoiceTypeCode")
        .and_then(text)
        .ok_or_else(|| missing("invoice type code (BT-3)", "/Invoice/cbc:InvoiceTypeCode"))?;
    check_type_code(DocumentKind::Ubl, number.as_deref(), &type_code)?;
    let number = number.ok_or_else(|| missing("invoice number (BT-1)", "/Invoice/cbc:ID"))?;

    let issue_text = child(root, CBC, "IssueDate")
        .and_then(text)
        .ok_or_else(|| missing("invoice issue date (BT-2)", "/Invoice/cbc:IssueDate"))?;
    let issue_date = parse_iso_date("invoice issue date (BT-2)", &issue_text)?;

    // BT-9: cbc:DueDate; UBL 2.1 also allows cac:PaymentMeans/cbc:PaymentDueDate and
    // cac:PaymentTerms/cbc:PaymentDueDate.
    let mut due_texts: Vec<String> = child(root, CBC, "DueDate").and_then(text).into_iter().collect();
    for agg in ["PaymentMeans", "PaymentTerms"] {
        for node in children(root, CAC, agg) {
            due_texts.extend(child(node, CBC, "PaymentDueDate").and_then(text));
        }
    }
    let due_dates = due_texts
        .iter()
        .map(|t| parse_iso_date("payment due date (BT-9)", t))
        .collect::<Result<Vec<_>, _>>()?;

    let invoice_currency = child(root, CBC, "DocumentCurrencyCode").and_then(text);
    let payable = path(root, &[(CAC, "LegalMonetaryTotal"), (CBC, "PayableAmount")]).ok_or_else(|| {
        missing("amount due for payment (BT-115)", "/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount")
    })?;
    let payable_value = text(payable).unwrap_or_default();
    let payable_currency =
        payable.attribute("currencyID").map(|c| c.trim().to_string()).filter(|c| !c.is_empty());

    let seller = path(root, &[(CAC, "AccountingSupplierParty"), (CAC, "Party")])
        .ok_or_else(|| missing("seller (BG-4)", "/Invoice/cac:AccountingSupplierParty/cac:Party"))?;
    let buyer = path(root, &[(CAC, "AccountingCustomerParty"), (CAC, "Party")])
        .ok_or_else(|| missing("buyer (BG-7)", "/Invoice/cac:AccountingCustomerParty/cac:Party"))?;
    let seller = party(seller).ok_or_else(|| {
        missing(
            "seller name (BT-27)",
            "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
        )
    })?;
    let buyer = party(buyer).ok_or_else(|| {
        missing(
            "buyer name (BT-44)",
            "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName",
        )
    })?;

    let terms = children(root, CAC, "PaymentTerms")
        .flat_map(|t| children(t, CBC, "Note"))
        .filter_map(text_collapsed)
        .collect();

    Ok(Extracted {
        kind: DocumentKind::Ubl,
        number,
        type_code,
        issue_date,
        due_dates,
        invoice_currency,
        payable_value,
        payable_currency,
        seller,
        buyer,
        terms,
    })
}

/// Reads a `cac:Party`. The name is the legal (registration) name, BT-27 / BT-44, falling back
/// to the trading name (BT-28 / BT-45); `None` when it has neither.
fn party(p: Node<'_, '_>) -> Option<Party> {
    let legal_entity = child(p, CAC, "PartyLegalEntity");
    let legal_name = legal_entity.and_then(|e| child(e, CBC, "RegistrationName")).and_then(text_collapsed);
    let trading_name = path(p, &[(CAC, "PartyName"), (CBC, "Name")]).and_then(text_collapsed);
    let name = legal_name.or_else(|| trading_name.clone())?;
    let vat_id = children(p, CAC, "PartyTaxScheme")
        .filter(|s| {
            path(*s, &[(CAC, "TaxScheme"), (CBC, "ID")])
                .and_then(text)
                .is_some_and(|id| id.eq_ignore_ascii_case("VAT"))
        })
        .find_map(|s| child(s, CBC, "CompanyID").and_then(text));
    Some(Party {
        name,
        trading_name,
        endpoint_id: child(p, CBC, "EndpointID").and_then(identifier),
        legal_registration_id: legal_entity.and_then(|e| child(e, CBC, "CompanyID")).and_then(identifier),
        vat_id,
        identifiers: children(p, CAC, "PartyIdentification")
            .filter_map(|pi| child(pi, CBC, "ID"))
            .filter_map(identifier)
            .collect(),
        country: path(p, &[(CAC, "PostalAddress"), (CAC, "Country"), (CBC, "IdentificationCode")])
            .and_then(text),
    })
}
