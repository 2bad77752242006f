//! Output: a stable JSON document per command (`--output json`), or a
//! table for people rendered from the same document — money as decimals
//! with its currency, dates as dates, rates as percentages, a curated
//! summary first where a view has one — and a spinner on stderr for
//! anything that waits (never under `--output json`).

use autofactor_client::format;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{Map, Value};
use std::time::Duration;

/// `--output`
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Human-readable tables.
    #[default]
    Table,
    /// One JSON document on stdout (shapes in cli/README.md).
    Json,
}

/// A command's result: its JSON document and, for tables, either its own
/// table (a typed result's `Display`, `crate::results`) or summary rows
/// printed before the document's own.
#[derive(Debug, Clone)]
pub struct Report {
    /// The JSON document (exact integers and decimal strings).
    pub json: Value,
    /// `(label, value)` rows for people, shown first in tables.
    pub summary: Vec<(String, String)>,
    /// The whole table for people, when the result renders its own.
    pub table: Option<String>,
}

impl From<Value> for Report {
    fn from(json: Value) -> Self {
        Report { json, summary: Vec::new(), table: None }
    }
}

/// A typed view: serialized as the JSON document; its summary heads the table.
pub trait View: serde::Serialize {
    /// Summary rows for people.
    fn summary(&self) -> Vec<(String, String)> {
        Vec::new()
    }

    /// The view as a report.
    fn report(&self) -> anyhow::Result<Report> {
        Ok(Report { json: serde_json::to_value(self)?, summary: self.summary(), table: None })
    }
}

/// Prints a command's result.
pub fn print(format: OutputFormat, report: &Report) {
    let v = &report.json;
    match format {
        OutputFormat::Json => {
            println!("{}", serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string()))
        }
        OutputFormat::Table => {
            if let Some(table) = &report.table {
                print!("{table}");
                return;
            }
            let mut out = String::new();
            if !report.summary.is_empty() {
                let width = report.summary.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
                for (k, val) in &report.summary {
                    out.push_str(&format!("{k:<width$}  {val}\n"));
                }
                out.push_str("\ndetails:\n");
            }
            out.push_str(&render(v));
            print!("{out}");
        }
    }
}

/// A spinner on stderr while `f` runs (hidden for JSON output and when
/// stderr is not a terminal).
pub fn with_spinner<T>(format: OutputFormat, message: &str, f: impl FnOnce() -> T) -> T {
    if format == OutputFormat::Json {
        return f();
    }
    let pb = ProgressBar::new_spinner();
    pb.set_style(
        ProgressStyle::with_template("{spinner} {msg} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb.set_message(message.to_string());
    pb.enable_steady_tick(Duration::from_millis(100));
    let out = f();
    pb.finish_and_clear();
    out
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "-".into(),
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(scalar).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// Exact micro-units from a JSON decimal string (`"12.500000"`).
fn micro_of(s: &str) -> Option<u64> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if frac.len() > 6 || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let int: u64 = int.parse().ok()?;
    let frac: u64 = format!("{frac:0<6}").parse().ok()?;
    int.checked_mul(1_000_000)?.checked_add(frac)
}

/// A field for people, using its name and siblings: `*_usdc` as USDC
/// (decimal strings, or micro-USDC integers in pool configs), `shares*` as
/// shares,
/// `*_minor` in the sibling `currency`, `*_bps` as a percentage, unix
/// seconds as a date and time. `None`: the row is left out (a `*_ts` whose
/// date is shown by a sibling).
fn human(key: &str, v: &Value, siblings: &Map<String, Value>) -> Option<String> {
    if let Some(stem) = key.strip_suffix("_ts") {
        if siblings.contains_key(stem) || siblings.contains_key(&format!("{stem}_date")) {
            return None;
        }
    }
    let text = match v {
        Value::String(s) if key.ends_with("_usdc") => micro_of(s).map(format::usdc_money),
        Value::Number(n) if key.ends_with("_usdc") => n.as_u64().map(format::usdc_money),
        Value::String(s) if key.starts_with("shares") => {
            micro_of(s).map(|m| format::money(m, format::USDC_DECIMALS, "shares"))
        }
        Value::Number(n) if key.ends_with("_minor") => n.as_u64().and_then(|m| {
            let code = siblings.get("currency")?.as_str()?;
            let decimals = match siblings.get("currency_decimals").and_then(Value::as_u64) {
                Some(d) => u8::try_from(d).ok()?,
                None => autofactor_einvoice::currency_exponent(code)?,
            };
            Some(format::money(m, decimals, code))
        }),
        Value::Number(n) if key.ends_with("_bps") => n.as_u64().map(format::bps),
        Value::Number(n) if key.ends_with("_ts") || key == "valued_at" => {
            n.as_i64().filter(|t| *t > 0).map(format::datetime)
        }
        _ => None,
    };
    Some(text.unwrap_or_else(|| scalar(v)))
}

fn flatten(
    prefix: &str,
    v: &Value,
    rows: &mut Vec<(String, String)>,
    tables: &mut Vec<(String, Vec<Value>)>,
) {
    match v {
        Value::Object(map) => {
            for (k, val) in map {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                match val {
                    Value::Object(_) => flatten(&key, val, rows, tables),
                    Value::Array(items) if !items.is_empty() && items.iter().all(|i| i.is_object()) => {
                        tables.push((key, items.clone()))
                    }
                    other => {
                        if let Some(text) = human(k, other, map) {
                            rows.push((key, text));
                        }
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() && items.iter().all(|i| i.is_object()) => {
            tables.push((prefix.to_string(), items.clone()));
        }
        other => rows.push((prefix.to_string(), scalar(other))),
    }
}

/// `(label, text)` pairs: table rows, or titled sub-tables.
pub type Labelled = Vec<(String, String)>;

/// A JSON value's rows (labels under `prefix`) and its arrays of objects
/// as rendered column tables, for a typed result's table.
pub fn json_rows(prefix: &str, v: &Value) -> (Labelled, Labelled) {
    let mut rows = Vec::new();
    let mut tables = Vec::new();
    flatten(prefix, v, &mut rows, &mut tables);
    (rows, tables.into_iter().map(|(title, items)| (title, column_table(&items))).collect())
}

/// Renders a JSON document as aligned `key  value` rows, with arrays of
/// objects as column tables.
pub fn render(v: &Value) -> String {
    let mut rows = Vec::new();
    let mut tables = Vec::new();
    if let Value::Array(items) = v {
        tables.push((String::new(), items.clone()));
    } else {
        flatten("", v, &mut rows, &mut tables);
    }
    let mut out = String::new();
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (k, val) in &rows {
        out.push_str(&format!("{k:<width$}  {val}\n"));
    }
    for (title, items) in tables {
        if !title.is_empty() {
            out.push_str(&format!("\n{title}:\n"));
        }
        out.push_str(&column_table(&items));
    }
    if out.is_empty() {
        out.push_str("(none)\n");
    }
    out
}

fn column_table(items: &[Value]) -> String {
    let mut cols: Vec<String> = Vec::new();
    let mut cells: Vec<Vec<(String, String)>> = Vec::new();
    for item in items {
        let mut rows = Vec::new();
        let mut nested = Vec::new();
        flatten("", item, &mut rows, &mut nested);
        for (k, _) in &rows {
            if !cols.contains(k) {
                cols.push(k.clone());
            }
        }
        cells.push(rows);
    }
    let get = |row: &Vec<(String, String)>, c: &str| {
        row.iter().find(|(k, _)| k == c).map(|(_, v)| v.clone()).unwrap_or_else(|| "-".into())
    };
    let widths: Vec<usize> =
        cols.iter().map(|c| cells.iter().map(|r| get(r, c).len()).max().unwrap_or(0).max(c.len())).collect();
    let line = |vals: Vec<String>| {
        vals.iter()
            .zip(&widths)
            .map(|(v, w)| format!("{v:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
            + "\n"
    };
    let mut out = line(cols.iter().map(|c| c.to_uppercase()).collect());
    for r in &cells {
        out.push_str(&line(cols.iter().map(|c| get(r, c)).collect()));
    }
    if items.is_empty() {
        out.push_str("(none)\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn renders_rows_and_tables() {
        let s = render(&json!({"a": 1, "b": {"c": "x"}, "list": [{"k": 1}, {"k": 22}]}));
        assert!(s.contains("a    1"));
        assert!(s.contains("b.c  x"));
        assert!(s.contains("K\n1\n22\n"));
    }

    #[test]
    fn money_dates_and_rates_for_people() {
        let s = render(&json!({
            "nav_usdc": "1234567.500000", "face_minor": 1_234_567, "currency": "EUR",
            "due_date": "2026-01-31", "due_ts": 1_769_817_600, "valued_at": 86_400, "fee_bps": 850,
            "liquidity_cap_usdc": 10_000_000_000_000u64, "shares_pending": "2.500000",
        }));
        assert!(s.contains("10,000,000.00 USDC"), "{s}");
        assert!(s.contains("2.50 shares"), "{s}");
        assert!(s.contains("1,234,567.50 USDC"), "{s}");
        assert!(s.contains("12,345.67 EUR"), "{s}");
        assert!(!s.contains("due_ts"), "{s}");
        assert!(s.contains("1970-01-02 00:00:00 UTC"), "{s}");
        assert!(s.contains("8.5%"), "{s}");
        assert!(!s.contains("1234567.5"), "{s}");
    }
}
