//! The buyer's acknowledgment and dispute, the verifier's attestation, the
//! supplier's cancel and reserve claim.

use super::super::args::{parse_hash32, InvoiceArg};
use super::super::ctx::Ctx;
use super::{grade_letter, status_details, InvoiceState};
use crate::errors::err;
use crate::output::Report;
use crate::results::{Addr, Hex32, Usdc};
use anyhow::Result;
use autofactor_client::events::InvoiceReserveClaimed;
use autofactor_client::ix;
use clap::Args;
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
    ctx.tx_result(&sent, status_details(ctx, &li.address)?.0)
}

/// `invoice dispute` (also `buyer dispute`).
pub fn dispute(ctx: &Ctx, a: DisputeArgs) -> Result<Report> {
    let li = ctx.invoice(&a.invoice.invoice)?;
    let h = autofactor_einvoice::sha256(a.reason.as_bytes());
    let sent = ctx.send(&ctx.signer()?, vec![ix::invoice_dispute(&li.keys, h)], &[])?;
    let d = Disputed { state: status_details(ctx, &li.address)?.0, reason_hash: Hex32(h) };
    ctx.tx_result(&sent, d)
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
    let (state, after) = status_details(ctx, &li.address)?;
    let d = Attested {
        state,
        delivery_proof_hash: Hex32(h),
        credit_score: a.credit_score,
        risk_grade: after.map(|i| grade_letter(i.risk_grade)),
    };
    ctx.tx_result(&sent, d)
}

/// `invoice cancel` (also `supplier cancel`).
pub fn cancel(ctx: &Ctx, InvoiceArg { invoice }: InvoiceArg) -> Result<Report> {
    let li = ctx.invoice(&invoice)?;
    let i = ix::invoice_cancel(&li.keys, &li.invoice.document_hash, &li.invoice.invoice_number);
    let sent = ctx.send(&ctx.signer()?, vec![i], &[])?;
    ctx.tx_result(&sent, status_details(ctx, &li.address)?.0)
}

/// `invoice claim-reserve` (also `supplier claim-reserve`).
pub fn claim_reserve(ctx: &Ctx, a: ClaimReserveArgs) -> Result<Report> {
    let li = ctx.invoice(&a.invoice)?;
    let to = a.to.unwrap_or(li.keys.pool.usdc_ata(&ctx.me()?));
    let sent = ctx.send(&ctx.signer()?, vec![ix::invoice_claim_reserve(&li.keys, &to)], &[])?;
    let e = sent.expect_event::<InvoiceReserveClaimed>()?;
    let d = ReserveClaimed {
        invoice: Addr(li.address),
        amount_usdc: Usdc(e.amount_usdc),
        to: Addr(e.destination),
    };
    ctx.tx_result(&sent, d)
}

crate::result! {
    /// `invoice dispute`
    pub struct Disputed {
        ..state: InvoiceState,
        /// SHA-256 of the reason.
        reason_hash: Hex32,
    }
}

crate::result! {
    /// `invoice attest`
    pub struct Attested {
        ..state: InvoiceState,
        /// SHA-256 of the delivery proof.
        delivery_proof_hash: Hex32,
        /// The buyer's credit score attested.
        credit_score: u16,
        /// The risk grade it maps to (absent if the account is gone).
        #[serde(skip_serializing_if = "Option::is_none")]
        risk_grade: Option<Option<String>>,
    }
}

crate::result! {
    /// `invoice claim-reserve`, from the transaction's
    /// `InvoiceReserveClaimed` event.
    pub struct ReserveClaimed {
        /// The invoice.
        invoice: Addr,
        /// Reserve paid.
        amount_usdc: Usdc,
        /// The USDC account paid.
        to: Addr,
    }
}
