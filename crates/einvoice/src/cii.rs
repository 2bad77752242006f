//! UN/CEFACT Cross Industry Invoice (D16B, EN 16931 CII syntax binding; also Factur-X /
//! ZUGFeRD 2 XML).

use roxmltree::Node;

use crate::xml::{child, children, identifier, parse_cii_date, path, text, text_collapsed};
use crate::{check_type_code, DocumentKind, EInvoiceError, Extracted, Party};

/// `urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100`
pub(crate) const NS_RSM: &str = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
const RAM: &str = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
const UDT: &str = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";

fn missing(field: &'static str, path: &'static str) -> EInvoiceError {
    EInvoiceError::MissingField { field, path }
}

/// Reads the business terms of a `rsm:CrossIndustryInvoice` root element.
pub(crate) fn extract(root: Node<'_, '_>) -> Result<Extracted, EInvoiceError> {
    let doc = child(root, NS_RSM, "ExchangedDocument")
        .ok_or_else(|| missing("document header", "/rsm:CrossIndustryInvoice/rsm:ExchangedDocument"))?;
    let number = child(doc, RAM, "ID").and_then(text);
    let type_code = child(doc, RAM, "TypeCode")
        .and_then(text)
        .ok_or_else(|| missing("invoice type code (BT-3)", "rsm:ExchangedDocument/ram:TypeCode"))?;
    check_type_code(DocumentKind::Cii, number.as_deref(), &type_code)?;
    let number = number.ok_or_else(|| missing("invoice number (BT-1)", "rsm:ExchangedDocument/ram:ID"))?;

    let issue = path(doc, &[(RAM, "IssueDateTime"), (UDT, "DateTimeString")]).ok_or_else(|| {
        missing("invoice issue date (BT-2)", "rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString")
    })?;
    let issue_date = parse_cii_date("invoice issue date (BT-2)", issue)?;

    let transaction = child(root, NS_RSM, "SupplyChainTradeTransaction").ok_or_else(|| {
        missing("trade transaction", "/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction")
    })?;
    let agreement = child(transaction, RAM, "ApplicableHeaderTradeAgreement").ok_or_else(|| {
        missing(
            "trade agreement (seller and buyer)",
            "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement",
        )
    })?;
    let settlement = child(transaction, RAM, "ApplicableHeaderTradeSettlement").ok_or_else(|| {
        missing(
            "trade settlement (amounts)",
            "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement",
        )
    })?;

    let seller = child(agreement, RAM, "SellerTradeParty")
        .ok_or_else(|| missing("seller (BG-4)", "ram:ApplicableHeaderTradeAgreement/ram:SellerTradeParty"))?;
    let buyer = child(agreement, RAM, "BuyerTradeParty")
        .ok_or_else(|| missing("buyer (BG-7)", "ram:ApplicableHeaderTradeAgreement/ram:BuyerTradeParty"))?;
    let seller =
        party(seller).ok_or_else(|| missing("seller name (BT-27)", "ram:SellerTradeParty/ram:Name"))?;
    let buyer = party(buyer).ok_or_else(|| missing("buyer name (BT-44)", "ram:BuyerTradeParty/ram:Name"))?;

    let invoice_currency = child(settlement, RAM, "InvoiceCurrencyCode").and_then(text);
    let payable = path(
        settlement,
        &[(RAM, "SpecifiedTradeSettlementHeaderMonetarySummation"), (RAM, "DuePayableAmount")],
    )
    .ok_or_else(|| {
        missing(
            "amount due for payment (BT-115)",
            "ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:DuePayableAmount",
        )
    })?;
    let payable_value = text(payable).unwrap_or_default();
    let payable_currency =
        payable.attribute("currencyID").map(|c| c.trim().to_string()).filter(|c| !c.is_empty());

    let mut due_dates = Vec::new();
    let mut terms = Vec::new();
    for t in children(settlement, RAM, "SpecifiedTradePaymentTerms") {
        if let Some(d) = path(t, &[(RAM, "DueDateDateTime"), (UDT, "DateTimeString")]) {
            due_dates.push(parse_cii_date("payment due date (BT-9)", d)?);
        }
        terms.extend(children(t, RAM, "Description").filter_map(text_collapsed));
    }

    Ok(Extracted {
        kind: DocumentKind::Cii,
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

/// Reads a `ram:SellerTradeParty` / `ram:BuyerTradeParty`. The name is `ram:Name` (BT-27 /
/// BT-44), falling back to the trading name; `None` when it has neither.
fn party(p: Node<'_, '_>) -> Option<Party> {
    let legal_org = child(p, RAM, "SpecifiedLegalOrganization");
    let trading_name = legal_org.and_then(|o| child(o, RAM, "TradingBusinessName")).and_then(text_collapsed);
    let name = child(p, RAM, "Name").and_then(text_collapsed).or_else(|| trading_name.clone())?;
    let vat_id = children(p, RAM, "SpecifiedTaxRegistration")
        .filter_map(|r| child(r, RAM, "ID"))
        .find(|id| id.attribute("schemeID").is_some_and(|s| s.trim() == "VA"))
        .and_then(text);
    let identifiers = p
        .children()
        .filter(|c| c.is_element() && c.tag_name().namespace() == Some(RAM))
        .filter(|c| matches!(c.tag_name().name(), "ID" | "GlobalID"))
        .filter_map(identifier)
        .collect();
    Some(Party {
        name,
        trading_name,
        endpoint_id: path(p, &[(RAM, "URIUniversalCommunication"), (RAM, "URIID")]).and_then(identifier),
        legal_registration_id: legal_org.and_then(|o| child(o, RAM, "ID")).and_then(identifier),
        vat_id,
        identifiers,
        country: path(p, &[(RAM, "PostalTradeAddress"), (RAM, "CountryID")]).and_then(text),
    })
}
