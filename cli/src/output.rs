//! Output: a stable JSON document per command (`--output json`) or a
//! readable table rendered from the same document, and a spinner on stderr
//! for anything that waits (never under `--output json`).

use indicatif::{ProgressBar, ProgressStyle};
use serde_json::Value;
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

/// Prints a command's result.
pub fn print(format: OutputFormat, value: &Value) {
    match format {
        OutputFormat::Json => {
            println!("{}", serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string()))
        }
        OutputFormat::Table => print!("{}", render(value)),
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

fn flatten(
    prefix: &str,
    v: &Value,
    rows: &mut Vec<(String, String)>,
    tables: &mut Vec<(String, Vec<Value>)>,
) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&key, v, rows, tables);
            }
        }
        Value::Array(items) if !items.is_empty() && items.iter().all(|i| i.is_object()) => {
            tables.push((prefix.to_string(), items.clone()));
        }
        other => rows.push((prefix.to_string(), scalar(other))),
    }
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
    let mut out = String::new();
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
    out.push_str(&line(cols.iter().map(|c| c.to_uppercase()).collect()));
    for r in &cells {
        out.push_str(&line(cols.iter().map(|c| get(r, c)).collect()));
    }
    if items.is_empty() {
        out.push_str("(none)\n");
    }
    out
}

/// Formats micro-units (6 decimals) as a decimal string, e.g. `1234.5` → `"1234.500000"`.
pub fn micro(amount: u64) -> String {
    format!("{}.{:06}", amount / 1_000_000, amount % 1_000_000)
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
        assert_eq!(micro(1_234_500_000), "1234.500000");
    }
}
