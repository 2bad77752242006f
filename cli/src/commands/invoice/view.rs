//! Invoice views: `invoice show` (typed, with a summary) and `invoice list`
//! (getProgramAccounts with memcmp filters).

use super::super::chain::key_filter;
use super::super::ctx::Ctx;
use crate::output::{Report, View};
use anchor_lang::AnchorDeserialize;
use anyhow::Result;
use autofactor_client::format::{code_str, money, usdc, usdc_money};
use autofactor_client::layout::{INVOICE_BUYER_OFFSET, INVOICE_POOL_OFFSET, INVOICE_SUPPLIER_OFFSET};
use autofactor_client::state::{iso_date, Invoice, InvoiceStatus};
use clap::Args;
use serde::Serialize;
use solana_sdk::pubkey::Pubkey;

/// Every invoice status, in the program's order (read from the program's
/// own enum: each Borsh tag it accepts).
fn all_statuses() -> Vec<InvoiceStatus> {
    (0..=u8::MAX).map_while(|tag| InvoiceStatus::try_from_slice(&[tag]).ok()).collect()
}

/// A status's command-line name: `PartiallyRepaid` → `partially-repaid`.
fn status_arg_name(s: InvoiceStatus) -> String {
    let mut out = String::new();
    for (i, c) in s.name().chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// `--status`: an invoice status by its command-line name.
fn parse_status(s: &str) -> Result<InvoiceStatus, String> {
    let all = all_statuses();
    all.iter().copied().find(|st| status_arg_name(*st) == s.trim().to_ascii_lowercase()).ok_or_else(|| {
        let names: Vec<String> = all.into_iter().map(status_arg_name).collect();
        format!("{s:?} is not an invoice status; one of {}", names.join(", "))
    })
}

/// `invoice list` filters.
#[derive(Args, Debug)]
pub struct ListArgs {
    /// Only this pool's.
    #[arg(long)]
    pool: Option<Pubkey>,
    /// Only this supplier's.
    #[arg(long)]
    supplier: Option<Pubkey>,
    /// Only this buyer's.
    #[arg(long)]
    buyer: Option<Pubkey>,
    /// Only in this status (created, acknowledged, disputed, verified,
    /// financed, partially-repaid, late, defaulted, repaid, closed).
    #[arg(long, value_parser = parse_status)]
    status: Option<InvoiceStatus>,
}

/// The risk grade letter of a stored grade (`None` before attestation).
pub fn grade_letter(g: u8) -> Option<String> {
    (g <= 3).then(|| ((b'A' + g) as char).to_string())
}

/// `invoice show`
#[derive(Serialize)]
pub struct InvoiceView {
    address: String,
    asset: String,
    pool: String,
    supplier: String,
    buyer: String,
    status: &'static str,
    invoice_number: String,
    currency: String,
    currency_decimals: u8,
    face_minor: u64,
    repaid_minor: u64,
    outstanding_minor: u64,
    issue_date: String,
    due_date: String,
    issue_ts: i64,
    due_ts: i64,
    document_hash: String,
    metadata_uri: String,
    verifier: Option<String>,
    credit_score: u16,
    risk_grade: Option<String>,
    fx_rate_scaled: String,
    book: BookView,
    #[serde(skip)]
    advance_usdc: u64,
    #[serde(skip)]
    claim_outstanding_usdc: u64,
}

/// The pool's book of an invoice.
#[derive(Serialize)]
struct BookView {
    face_usdc: String,
    advance_usdc: String,
    discount_usdc: String,
    reserve_usdc: String,
    collected_usdc: String,
    book_value_usdc: String,
    claim_outstanding_usdc: String,
    written_down_usdc: String,
}

impl InvoiceView {
    /// The view of an invoice.
    pub fn new(addr: &Pubkey, i: &Invoice) -> Self {
        let b = &i.book;
        InvoiceView {
            address: addr.to_string(),
            asset: i.asset.to_string(),
            pool: i.pool.to_string(),
            supplier: i.supplier.to_string(),
            buyer: i.buyer.to_string(),
            status: i.status.name(),
            invoice_number: i.invoice_number.clone(),
            currency: code_str(&i.currency),
            currency_decimals: i.currency_decimals,
            face_minor: i.face_minor,
            repaid_minor: i.repaid_minor,
            outstanding_minor: i.outstanding_minor(),
            issue_date: iso_date(i.issue_ts),
            due_date: iso_date(i.due_ts),
            issue_ts: i.issue_ts,
            due_ts: i.due_ts,
            document_hash: hex::encode(i.document_hash),
            metadata_uri: i.metadata_uri.clone(),
            verifier: (i.verifier != Pubkey::default()).then(|| i.verifier.to_string()),
            credit_score: i.credit_score,
            risk_grade: grade_letter(i.risk_grade),
            fx_rate_scaled: i.fx_rate_scaled.to_string(),
            book: BookView {
                face_usdc: usdc(b.pricing.face_usdc),
                advance_usdc: usdc(b.pricing.advance_usdc),
                discount_usdc: usdc(b.pricing.discount_usdc),
                reserve_usdc: usdc(b.pricing.reserve_usdc),
                collected_usdc: usdc(b.collected_usdc),
                book_value_usdc: usdc(b.book_usdc),
                claim_outstanding_usdc: usdc(b.claim_outstanding_usdc()),
                written_down_usdc: usdc(b.written_down_usdc),
            },
            advance_usdc: b.pricing.advance_usdc,
            claim_outstanding_usdc: b.claim_outstanding_usdc(),
        }
    }
}

impl View for InvoiceView {
    fn summary(&self) -> Vec<(String, String)> {
        let m = |minor| money(minor, self.currency_decimals, &self.currency);
        let mut rows = vec![
            ("invoice".into(), format!("{} ({})", self.invoice_number, self.status)),
            ("face".into(), m(self.face_minor)),
            ("outstanding".into(), m(self.outstanding_minor)),
            ("issued / due".into(), format!("{} / {}", self.issue_date, self.due_date)),
        ];
        if let Some(g) = &self.risk_grade {
            rows.push(("risk grade".into(), format!("{g} (credit score {})", self.credit_score)));
        }
        if self.advance_usdc > 0 {
            rows.push(("advance".into(), usdc_money(self.advance_usdc)));
            rows.push(("pool claim outstanding".into(), usdc_money(self.claim_outstanding_usdc)));
        }
        rows
    }
}

/// Lists invoices with memcmp filters on pool, supplier and buyer; status
/// is filtered client-side (it follows variable-length strings).
pub fn list_invoices(
    ctx: &Ctx,
    pool: Option<Pubkey>,
    supplier: Option<Pubkey>,
    buyer: Option<Pubkey>,
    status: Option<InvoiceStatus>,
) -> Result<Vec<(Pubkey, Invoice)>> {
    let mut filters = Vec::new();
    for (offset, key) in
        [(INVOICE_POOL_OFFSET, pool), (INVOICE_SUPPLIER_OFFSET, supplier), (INVOICE_BUYER_OFFSET, buyer)]
    {
        if let Some(k) = key {
            filters.push(key_filter(offset, &k));
        }
    }
    let mut v = ctx.program_accounts::<Invoice>(filters)?;
    if let Some(st) = status {
        v.retain(|(_, i)| i.status == st);
    }
    v.sort_by_key(|(_, i)| (i.created_ts, i.asset));
    Ok(v)
}

/// `invoice list`
pub fn list(ctx: &Ctx, a: ListArgs) -> Result<Report> {
    let rows: Vec<InvoiceRow> = list_invoices(ctx, a.pool, a.supplier, a.buyer, a.status)?
        .iter()
        .map(|(a, i)| InvoiceRow {
            address: a.to_string(),
            invoice_number: i.invoice_number.clone(),
            status: i.status.name(),
            currency: code_str(&i.currency),
            face_minor: i.face_minor,
            outstanding_minor: i.outstanding_minor(),
            due_date: iso_date(i.due_ts),
            supplier: i.supplier.to_string(),
            buyer: i.buyer.to_string(),
            pool: i.pool.to_string(),
        })
        .collect();
    Ok(serde_json::to_value(rows)?.into())
}

/// A row of `invoice list`.
#[derive(Serialize)]
struct InvoiceRow {
    address: String,
    invoice_number: String,
    status: &'static str,
    currency: String,
    face_minor: u64,
    outstanding_minor: u64,
    due_date: String,
    supplier: String,
    buyer: String,
    pool: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--status` takes every status of the program's enum, by its
    /// kebab-case name, and names them all when refused.
    #[test]
    fn status_names_come_from_the_program() {
        assert_eq!(all_statuses().len(), 10);
        assert_eq!(parse_status("partially-repaid"), Ok(InvoiceStatus::PartiallyRepaid));
        assert_eq!(parse_status("Financed"), Ok(InvoiceStatus::Financed));
        assert_eq!(parse_status("closed"), Ok(InvoiceStatus::Closed));
        let e = parse_status("paid").unwrap_err();
        assert!(e.contains("created, acknowledged, disputed") && e.ends_with("repaid, closed"), "{e}");
    }
}
