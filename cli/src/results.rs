//! Typed command results: `#[derive(Serialize)]` structs (the stable JSON
//! of `--output json`, cli/README.md) that also implement `Display` (the
//! table for people), the way `solana-cli-output` does. A field's type
//! says how it reads: [`Usdc`] is the exact decimal string in JSON and
//! `1,234.50 USDC` in a table, [`Minor`] an integer in JSON and
//! `12,345.67 EUR` in a table, [`Time`] unix seconds and a UTC date, …
//!
//! [`result!`](crate::result) declares a result struct; [`TxResult`] is a
//! sent transaction's result (command, signature, explorer link, then the
//! command's own fields).

use crate::output::{self, Report};
use autofactor_client::format;
use serde::{Serialize, Serializer};
use solana_sdk::pubkey::Pubkey;
use std::fmt;

/// Rows and sub-tables of a result for people.
#[derive(Debug, Default)]
pub struct Table {
    prefix: String,
    rows: Vec<(String, String)>,
    tables: Vec<(String, String)>,
}

impl Table {
    /// A `label  text` row.
    pub fn row(&mut self, label: &str, text: String) {
        self.rows.push((format!("{}{label}", self.prefix), text));
    }

    /// The rows `f` adds, labelled `label.…`.
    pub fn nested(&mut self, label: &str, f: impl FnOnce(&mut Table)) {
        let inner = format!("{}{label}.", self.prefix);
        let outer = std::mem::replace(&mut self.prefix, inner);
        f(self);
        self.prefix = outer;
    }

    /// A JSON value as the generic renderer shows it (key-named money,
    /// rates and dates; arrays of objects as column tables).
    pub fn json(&mut self, label: &str, v: &serde_json::Value) {
        let (rows, tables) = output::json_rows(&format!("{}{label}", self.prefix), v);
        self.rows.extend(rows);
        self.tables.extend(tables);
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = self.rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        for (k, v) in &self.rows {
            writeln!(f, "{k:<width$}  {v}")?;
        }
        for (title, text) in &self.tables {
            write!(f, "\n{title}:\n{text}")?;
        }
        Ok(())
    }
}

/// A result's rows for people.
pub trait Rows {
    /// Adds the rows.
    fn rows(&self, t: &mut Table);
}

/// A field's rows for people, under its name.
pub trait Cell {
    /// Adds the field's row(s) labelled `label` (none for an absent value).
    fn cell(&self, label: &str, t: &mut Table);
}

/// A typed result as a [`Report`]: its JSON and its table.
pub fn report<T: Serialize + fmt::Display>(v: &T) -> anyhow::Result<Report> {
    Ok(Report { json: serde_json::to_value(v)?, summary: Vec::new(), table: Some(v.to_string()) })
}

macro_rules! text_cells {
    ($($t:ty => |$v:ident| $text:expr;)*) => {
        $(impl Cell for $t {
            fn cell(&self, label: &str, t: &mut Table) {
                let $v = self;
                t.row(label, $text);
            }
        })*
    };
}

/// Micro-USDC: `"1234.500000"` in JSON, `1,234.50 USDC` in tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usdc(pub u64);

/// Shares (6 decimals): `"2.500000"` in JSON, `2.50 shares` in tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShareAmount(pub u64);

/// Basis points: an integer in JSON, `8.5%` in tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Bps(pub u16);

/// A calendar day from unix seconds: `"2026-01-31"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day(pub i64);

/// Unix seconds: an integer in JSON, a UTC date and time in tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Time(pub i64);

/// Minor units of a currency: an integer in JSON (the currency is a
/// sibling field), `12,345.67 EUR` in tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Minor {
    /// Minor units.
    pub amount: u64,
    /// ISO 4217 code.
    pub currency: [u8; 3],
}

impl Minor {
    /// `amount` minor units of `currency`.
    pub fn new(amount: u64, currency: [u8; 3]) -> Self {
        Minor { amount, currency }
    }
}

/// An address (base58).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Addr(pub Pubkey);

/// 32 bytes (a hash, a feed id) as hex.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hex32(pub [u8; 32]);

/// Names (roles, events): a JSON array, comma-separated in tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Names(pub Vec<String>);

/// Any serializable value, shown by the generic JSON renderer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Json<T>(pub T);

macro_rules! serialize_as_str {
    ($($t:ty => |$v:ident| $s:expr;)*) => {
        $(impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let $v = self;
                s.serialize_str(&$s)
            }
        })*
    };
}

serialize_as_str! {
    Usdc => |v| format::usdc(v.0);
    ShareAmount => |v| format::usdc(v.0);
    Day => |v| autofactor_client::state::iso_date(v.0);
    Addr => |v| v.0.to_string();
    Hex32 => |v| hex::encode(v.0);
}

impl Serialize for Minor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(self.amount)
    }
}

text_cells! {
    String => |v| v.clone();
    &'static str => |v| v.to_string();
    bool => |v| if *v { "yes".into() } else { "no".into() };
    u8 => |v| v.to_string();
    u16 => |v| v.to_string();
    u32 => |v| v.to_string();
    u64 => |v| v.to_string();
    Usdc => |v| format::usdc_money(v.0);
    ShareAmount => |v| format::money(v.0, format::USDC_DECIMALS, "shares");
    Bps => |v| format::bps(v.0.into());
    Day => |v| autofactor_client::state::iso_date(v.0);
    Time => |v| if v.0 > 0 { format::datetime(v.0) } else { "-".into() };
    Minor => |v| {
        let code = format::code_str(&v.currency);
        match autofactor_einvoice::currency_exponent(&code) {
            Some(d) => format::money(v.amount, d, &code),
            None => format!("{} (minor units of {code})", v.amount),
        }
    };
    Addr => |v| v.0.to_string();
    Hex32 => |v| hex::encode(v.0);
    Names => |v| if v.0.is_empty() { "-".into() } else { v.0.join(", ") };
}

impl<T: Cell> Cell for Option<T> {
    fn cell(&self, label: &str, t: &mut Table) {
        if let Some(v) = self {
            v.cell(label, t);
        }
    }
}

impl<T: Serialize> Cell for Json<T> {
    fn cell(&self, label: &str, t: &mut Table) {
        t.json(
            label,
            &serde_json::to_value(&self.0)
                .unwrap_or_else(|e| serde_json::Value::String(format!("(cannot be shown: {e})"))),
        );
    }
}

/// Declares a result struct: `#[derive(Debug, Serialize)]` with public
/// fields, [`Rows`] (each field through its [`Cell`]), [`Cell`] (nested
/// under its field name) and `Display` (the table). A leading
/// `..name: Type,` is `#[serde(flatten)]`ed and its rows come first.
#[macro_export]
macro_rules! result {
    (
        $(#[$m:meta])*
        pub struct $name:ident {
            $(.. $flat:ident : $ft:ty,)?
            $( $(#[$fm:meta])* $f:ident : $t:ty ),* $(,)?
        }
    ) => {
        $(#[$m])*
        #[derive(Debug, serde::Serialize)]
        pub struct $name {
            $(
                #[serde(flatten)]
                pub $flat: $ft,
            )?
            $( $(#[$fm])* pub $f: $t, )*
        }

        impl $crate::results::Rows for $name {
            fn rows(&self, _t: &mut $crate::results::Table) {
                $( $crate::results::Rows::rows(&self.$flat, _t); )?
                $( $crate::results::Cell::cell(&self.$f, stringify!($f), _t); )*
            }
        }

        impl $crate::results::Cell for $name {
            fn cell(&self, label: &str, t: &mut $crate::results::Table) {
                t.nested(label, |t| $crate::results::Rows::rows(self, t));
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let mut t = $crate::results::Table::default();
                $crate::results::Rows::rows(self, &mut t);
                std::fmt::Display::fmt(&t, f)
            }
        }
    };
}

/// A sent transaction's result: the command as typed, the signature and
/// its explorer link, then the command's own fields `D`.
#[derive(Debug, Serialize)]
pub struct TxResult<D> {
    /// The command, e.g. `buyer pay`.
    pub command: String,
    /// The transaction signature.
    pub signature: String,
    /// Its explorer link.
    pub explorer: String,
    /// What the command reports.
    #[serde(flatten)]
    pub details: D,
}

impl<D: Rows> fmt::Display for TxResult<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut t = Table::default();
        t.row("command", self.command.clone());
        t.row("signature", self.signature.clone());
        t.row("explorer", self.explorer.clone());
        self.details.rows(&mut t);
        fmt::Display::fmt(&t, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::result! {
        /// A test result.
        pub struct Inner {
            /// Money.
            paid_usdc: Usdc,
            /// Absent.
            note: Option<String>,
        }
    }

    crate::result! {
        /// A test result with a flattened part.
        pub struct Outer {
            ..inner: Inner,
            /// Money in a currency.
            amount_minor: Minor,
            /// When.
            at_ts: Time,
            /// Rate.
            fee_bps: Bps,
            /// Day.
            due_date: Day,
        }
    }

    #[test]
    fn json_is_exact_and_tables_are_for_people() {
        let r = TxResult {
            command: "buyer pay".into(),
            signature: "sig".into(),
            explorer: "https://x".into(),
            details: Outer {
                inner: Inner { paid_usdc: Usdc(1_234_500_000), note: None },
                amount_minor: Minor::new(1_234_567, *b"EUR"),
                at_ts: Time(86_400),
                fee_bps: Bps(850),
                due_date: Day(86_400),
            },
        };
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            serde_json::json!({
                "command": "buyer pay", "signature": "sig", "explorer": "https://x",
                "paid_usdc": "1234.500000", "note": null, "amount_minor": 1_234_567,
                "at_ts": 86_400, "fee_bps": 850, "due_date": "1970-01-02",
            })
        );
        let table = r.to_string();
        let line = |k: &str, v: &str| format!("{k:<12}  {v}\n");
        for (k, v) in [
            ("command", "buyer pay"),
            ("paid_usdc", "1,234.50 USDC"),
            ("amount_minor", "12,345.67 EUR"),
            ("at_ts", "1970-01-02 00:00:00 UTC"),
            ("fee_bps", "8.5%"),
            ("due_date", "1970-01-02"),
        ] {
            assert!(table.contains(&line(k, v)), "{k}: {v} in\n{table}");
        }
        assert!(!table.contains("note"), "{table}");
    }
}
