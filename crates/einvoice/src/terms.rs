//! Conservative reading of free-text payment terms (BT-20) for a number of days net.

/// Words that introduce a payment period: "within 30 days".
const WITHIN: &[&str] = &["within", "innerhalb", "binnen", "inom", "innen"];
/// "Net" in the languages seen on European invoices.
const NET: &[&str] = &["net", "netto", "nett"];
/// "Day(s)".
const DAYS: &[&str] =
    &["day", "days", "dagen", "dag", "tage", "tagen", "dage", "dager", "dagar", "jours", "jour"];
/// Words that make a day count ambiguous as "issue date + N": discounts (the N is the
/// discount period), instalments and prepayments (several amounts), month-based terms
/// (end of month), and periods counted from another event than the invoice date.
const AMBIGUOUS: &[&str] = &[
    "discount",
    "discounts",
    "skonto",
    "rabatt",
    "korting",
    "escompte",
    "sconto",
    "rebate",
    "prepaid",
    "prepayment",
    "advance",
    "deposit",
    "instalment",
    "instalments",
    "installment",
    "installments",
    "month",
    "months",
    "eom",
    "ultimo",
    "mois",
    "monat",
    "monats",
    "delivery",
    "receipt",
    "received",
    "receiving",
    "arrival",
    "shipment",
    "lieferung",
    "erhalt",
    "levering",
];

/// Reads a number of days net from payment-terms text, when — and only when — the text
/// states it unambiguously, counted from the invoice date.
///
/// Accepted forms (case-insensitive, punctuation ignored): `Net 30`, `Net 30 days`,
/// `30 days net`, `within 30 days`, `Payment within 30 days`, `due in 30 days`,
/// `payable in 30 days`, `netto 30 Tage`, `30 dagen netto`, `innerhalb von 30 Tagen`.
///
/// Returns `None` when there is no such statement or when anything makes it ambiguous:
/// a percentage or discount (the days are then a discount period, e.g. "Payment within
/// 10 days, 2% discount"), instalments or prepayments, month-based terms ("end of month",
/// "within one month"), periods counted from delivery or receipt, or more than one distinct
/// number anywhere in the text (e.g. a date, or two periods).
pub fn net_days_from_terms(text: &str) -> Option<u32> {
    let lower = text.to_lowercase();
    if lower.contains('%') {
        return None;
    }
    let cleaned: String = lower.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    let tokens: Vec<&str> = cleaned.split_whitespace().collect();
    if tokens.iter().any(|t| AMBIGUOUS.contains(t)) {
        return None;
    }
    // Every numeric token in the text, and the value they share (there must be exactly one).
    let mut value: Option<u32> = None;
    let mut positions = Vec::new();
    for (i, tok) in tokens.iter().enumerate() {
        if tok.chars().any(|c| c.is_numeric()) {
            // Mixed alphanumerics ("n30", "2nd") or non-ASCII digits: not a plain day count.
            if !tok.bytes().all(|b| b.is_ascii_digit()) || tok.len() > 4 {
                return None;
            }
            let n: u32 = tok.parse().ok()?;
            match value {
                Some(v) if v != n => return None,
                _ => value = Some(n),
            }
            positions.push(i);
        }
    }
    let n = value?;
    if n > 3650 {
        return None;
    }
    let at = |i: Option<usize>, set: &[&str]| i.and_then(|i| tokens.get(i)).is_some_and(|t| set.contains(t));
    let qualified = positions.iter().all(|&i| {
        let prev = i.checked_sub(1);
        let prev2 = i.checked_sub(2);
        let next = Some(i + 1);
        let next2 = Some(i + 2);
        // "net 30 [days]"
        at(prev, NET)
            // "30 days net"
            || (at(next, DAYS) && at(next2, NET))
            // "within 30 days", "innerhalb von 30 Tagen"
            || (at(next, DAYS) && (at(prev, WITHIN) || (at(prev, &["von", "of"]) && at(prev2, WITHIN))))
            // "due in 30 days", "payable in 30 days"
            || (at(next, DAYS) && at(prev, &["in"]) && at(prev2, &["due", "payable"]))
    });
    qualified.then_some(n)
}

#[cfg(test)]
mod tests {
    use super::net_days_from_terms as days;

    #[test]
    fn accepts_unambiguous_net_terms() {
        assert_eq!(days("Net 30 days"), Some(30));
        assert_eq!(days("NET 30"), Some(30));
        assert_eq!(days("net 60 days from invoice date"), Some(60));
        assert_eq!(days("30 days net"), Some(30));
        assert_eq!(days("Payment within 30 days"), Some(30));
        assert_eq!(days("within 45 days."), Some(45));
        assert_eq!(days("Payment terms: within 14 days of the invoice date"), Some(14));
        assert_eq!(days("Due in 10 days"), Some(10));
        assert_eq!(days("payable in 7 days"), Some(7));
        assert_eq!(days("Zahlbar innerhalb von 30 Tagen netto"), Some(30));
        assert_eq!(days("netto 30 Tage"), Some(30));
        assert_eq!(days("Betalingstermijn: 14 dagen netto"), Some(14));
        assert_eq!(days("Net 30 days. Net 30 days."), Some(30));
        assert_eq!(days("  Payment\n within 30\tdays "), Some(30));
        assert_eq!(days("Net 0"), Some(0));
    }

    #[test]
    fn refuses_ambiguous_or_absent_terms() {
        // Texts from the shared samples.
        assert_eq!(days("Payment within 10 days, 2% discount"), None);
        assert_eq!(days("2 % discount if paid within 2 days. Penalty percentage 10% from due date"), None);
        assert_eq!(
            days("2 % discount if paid within 2 days\n            Penalty percentage 10% from due date"),
            None
        );
        assert_eq!(days("50% prepaid, 50% within one month"), None);
        assert_eq!(days("01.11.2021 00:00:00"), None);
        // Others.
        assert_eq!(days(""), None);
        assert_eq!(days("Payment by bank transfer"), None);
        assert_eq!(days("30 days"), None);
        assert_eq!(days("within thirty days"), None);
        assert_eq!(days("Net 30 days end of month"), None);
        assert_eq!(days("30 days EOM"), None);
        assert_eq!(days("Net 30 days after delivery"), None);
        assert_eq!(days("within 30 days of receipt"), None);
        assert_eq!(days("Net 30, or 10 days with 2 pct skonto"), None);
        assert_eq!(days("Net 30 days or net 60 days"), None);
        assert_eq!(days("Net 30 days, pay to account 123456"), None);
        assert_eq!(days("N30"), None);
        assert_eq!(days("Net 30 days, 1st reminder after 45 days"), None);
        assert_eq!(days("Net 99999 days"), None);
        assert_eq!(days("within 3 instalments of 30 days"), None);
        assert_eq!(days("Net 30 days; 3 payments within 30 days"), None);
    }
}
