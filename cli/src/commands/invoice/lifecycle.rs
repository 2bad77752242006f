//! The buyer's acknowledgment and dispute, the verifier's attestation, the
//! supplier's cancel and reserve claim.

use super::super::args::{parse_hash32, InvoiceArg};
use super::super::chain::err;
use super::super::ctx::Ctx;
use super::{grade_letter, status_details};
use crate::output::Report;
use anyhow::Result;
use autofactor_client::format::usdc;
use autofactor_client::ix;
use clap::Args;
use serde_json::json;
use solana_sdk::pubkey::Pubkey;
use std::path::PathBuf;

/// `invoice dispute`
#[derive(Args, Debug)]
pub struct DisputeArgs {
    #[command(flatten)]
    invoice: InvoiceArg,
    /// The reason (its SHA-256 is recorded).
    #[arg(long)]
    reason: String,
}

/// `invoice attest`
#[derive(Args, Debug)]
pub struct AttestArgs {
    #[command(flatten)]
    invoice: InvoiceArg,
    /// Buyer credit score (0–1000).
    #[arg(long)]
    credit_score: u16,
    /// Delivery proof file (its SHA-256 is recorded).
    #[arg(long, conflicts_with = "delivery_proof_hash")]
    delivery_proof: Option<PathBuf>,
    /// Delivery proof hash (64 hex digits).
    #[arg(long, value_parser = parse_hash32)]
    delivery_proof_hash: Option<[u8; 32]>,
}

/// `invoice claim-reserve`
#[derive(Args, Debug)]
pub struct ClaimReserveArgs {
    /// Invoice (its PDA or its burned asset's address).
    #[arg(long)]
    invoice: Pubkey,
    /// USDC token account to receive it [default: your associated one].
    #[arg(long)]
    to: Option<Pubkey>,
}

/// `invoice acknowledge` (also `buyer acknowledge`).
pub fn acknowledge(ctx: &Ctx, InvoiceArg { invoice }: InvoiceArg) -> Result<Report> {
    let li = ctx.invoice(&invoice)?;
    let sent = ctx.send(&ctx.signer()?, vec![ix::invoice_acknowledge(&li.keys)], &[])?;
    Ok(ctx.tx_result(&sent, status_details(ctx, &li.address)?.0))
}

/// `invoice dispute` (also `buyer dispute`).
pub fn dispute(ctx: &Ctx, a: DisputeArgs) -> Result<Report> {
    let li = ctx.invoice(&a.invoice.invoice)?;
    let h = autofactor_einvoice::sha256(a.reason.as_bytes());
    let sent = ctx.send(&ctx.signer()?, vec![ix::invoice_dispute(&li.keys, h)], &[])?;
    let mut d = status_details(ctx, &li.address)?.0;
    d["reason_hash"] = json!(hex::encode(h));
    Ok(ctx.tx_result(&sent, d))
}

/// `invoice attest` (also `verifier attest`).
pub fn attest(ctx: &Ctx, a: AttestArgs) -> Result<Report> {
    let li = ctx.invoice(&a.invoice.invoice)?;
    let h = match (a.delivery_proof, a.delivery_proof_hash) {
        (Some(f), _) => autofactor_einvoice::sha256(
            &std::fs::read(&f).map_err(|e| err("io_error", format!("cannot read {}: {e}", f.display())))?,
        ),
        (None, Some(h)) => h,
        (None, None) => {
            return Err(err("invalid_argument", "give --delivery-proof FILE or --delivery-proof-hash HEX"))
        }
    };
    let s = ctx.signer()?;
    let me = solana_sdk::signature::Signer::pubkey(&s);
    let sent = ctx.send(&s, vec![ix::invoice_attest(&li.keys, &me, h, a.credit_score)], &[])?;
    let (mut d, after) = status_details(ctx, &li.address)?;
    d["delivery_proof_hash"] = json!(hex::encode(h));
    d["credit_score"] = json!(a.credit_score);
    if let Some(i) = after {
        d["risk_grade"] = json!(grade_letter(i.risk_grade));
    }
    Ok(ctx.tx_result(&sent, d))
}

/// `invoice cancel` (also `supplier cancel`).
pub fn cancel(ctx: &Ctx, InvoiceArg { invoice }: InvoiceArg) -> Result<Report> {
    let li = ctx.invoice(&invoice)?;
    let i = ix::invoice_cancel(&li.keys, &li.invoice.document_hash, &li.invoice.invoice_number);
    let sent = ctx.send(&ctx.signer()?, vec![i], &[])?;
    Ok(ctx.tx_result(&sent, status_details(ctx, &li.address)?.0))
}

/// `invoice claim-reserve` (also `supplier claim-reserve`).
pub fn claim_reserve(ctx: &Ctx, a: ClaimReserveArgs) -> Result<Report> {
    let li = ctx.invoice(&a.invoice)?;
    let to = a.to.unwrap_or(li.keys.pool.usdc_ata(&ctx.me()?));
    let amount = li.invoice.book.reserve_collected_usdc;
    let sent = ctx.send(&ctx.signer()?, vec![ix::invoice_claim_reserve(&li.keys, &to)], &[])?;
    Ok(ctx.tx_result(
        &sent,
        json!({"invoice": li.address.to_string(), "amount_usdc": usdc(amount), "to": to.to_string()}),
    ))
}
