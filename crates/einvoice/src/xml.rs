//! Small namespace-aware helpers over `roxmltree`, plus date parsing.

use roxmltree::Node;

use crate::{Date, EInvoiceError, Identifier};

/// First child element with the given namespace and local name.
pub(crate) fn child<'a, 'i>(node: Node<'a, 'i>, ns: &str, name: &str) -> Option<Node<'a, 'i>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().namespace() == Some(ns) && c.tag_name().name() == name)
}

/// All child elements with the given namespace and local name, in document order.
pub(crate) fn children<'a, 'i: 'a>(
    node: Node<'a, 'i>,
    ns: &'a str,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.children().filter(move |c| {
        c.is_element() && c.tag_name().namespace() == Some(ns) && c.tag_name().name() == name
    })
}

/// Follows a path of `(namespace, local name)` steps, taking the first match at each step.
pub(crate) fn path<'a, 'i>(node: Node<'a, 'i>, steps: &[(&str, &str)]) -> Option<Node<'a, 'i>> {
    steps.iter().try_fold(node, |n, (ns, name)| child(n, ns, name))
}

/// The element's own text content (text and CDATA children, comments skipped), trimmed;
/// `None` when empty.
pub(crate) fn text(node: Node<'_, '_>) -> Option<String> {
    let raw: String = node.children().filter(|c| c.is_text()).filter_map(|c| c.text()).collect();
    let trimmed = raw.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// Like [`text`] but with internal runs of whitespace collapsed to one space (for names and
/// free text).
pub(crate) fn text_collapsed(node: Node<'_, '_>) -> Option<String> {
    text(node).map(|t| collapse_whitespace(&t))
}

/// Collapses runs of whitespace to a single space and trims.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An identifier element: its text and optional `schemeID` attribute.
pub(crate) fn identifier(node: Node<'_, '_>) -> Option<Identifier> {
    let value = text(node)?;
    let scheme = node.attribute("schemeID").map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    Some(Identifier { value, scheme })
}

/// Parses an ISO 8601 calendar date `YYYY-MM-DD` (`xsd:date`, as used by UBL), allowing the
/// optional time-zone suffix of `xsd:date` (`Z` or `±hh:mm`).
pub(crate) fn parse_iso_date(field: &'static str, value: &str) -> Result<Date, EInvoiceError> {
    let invalid = |reason: &str| EInvoiceError::InvalidDate {
        field,
        value: value.to_string(),
        reason: reason.to_string(),
    };
    let v = value.trim();
    let (date_part, zone) =
        (v.get(..10).ok_or_else(|| invalid("expected YYYY-MM-DD"))?, v.get(10..).unwrap_or(""));
    let zone_ok = zone.is_empty() || zone == "Z" || is_offset(zone);
    let b = date_part.as_bytes();
    if !zone_ok || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return Err(invalid("expected YYYY-MM-DD"));
    }
    ymd(date_part.get(0..4), date_part.get(5..7), date_part.get(8..10))
        .ok_or_else(|| invalid("no such calendar date"))
}

/// Parses a UN/CEFACT `udt:DateTimeString` element: format 102 (`CCYYMMDD`). A missing
/// `format` attribute is read as 102 when the value has that shape.
pub(crate) fn parse_cii_date(field: &'static str, node: Node<'_, '_>) -> Result<Date, EInvoiceError> {
    let value = text(node).unwrap_or_default();
    let invalid = |reason: String| EInvoiceError::InvalidDate { field, value: value.clone(), reason };
    match node.attribute("format").map(str::trim) {
        None | Some("102") => {}
        Some(other) => {
            return Err(invalid(format!(
                "date format code {other} is not supported; expected 102 (CCYYMMDD)"
            )))
        }
    }
    if value.len() != 8 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid("expected format 102, CCYYMMDD".to_string()));
    }
    ymd(value.get(0..4), value.get(4..6), value.get(6..8))
        .ok_or_else(|| invalid("no such calendar date".to_string()))
}

fn ymd(y: Option<&str>, m: Option<&str>, d: Option<&str>) -> Option<Date> {
    fn number<T: std::str::FromStr>(s: Option<&str>) -> Option<T> {
        s.filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()
    }
    Date::from_ymd_opt(number(y)?, number(m)?, number(d)?)
}

fn is_offset(zone: &str) -> bool {
    let b = zone.as_bytes();
    b.len() == 6
        && (b[0] == b'+' || b[0] == b'-')
        && b[1].is_ascii_digit()
        && b[2].is_ascii_digit()
        && b[3] == b':'
        && b[4].is_ascii_digit()
        && b[5].is_ascii_digit()
}
