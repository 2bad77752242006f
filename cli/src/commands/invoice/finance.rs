//! `invoice finance` (with its `--dry-run` offer) and `invoice repay`:
//! the money legs, priced with the pool's FX feed, results read from the
//! program's own events.

use super::super::args::{parse_micro, InvoiceArg};
use super::super::chain::{err, LoadedInvoice};
use super::super::ctx::Ctx;
use super::{grade_letter, status_details};
use crate::output::Report;
use anyhow::{Context as _, Result};
use autofactor_client::constants::USD;
use autofactor_client::events::{InvoiceFinanced, InvoicePaid};
use autofactor_client::format::usdc;
use autofactor_client::ix::{self, Prices};
use autofactor_client::state::{CurrencyConfig, Exposure};
use autofactor_client::{pda, pyth, TOKEN_PROGRAM_ID};
use clap::Args;
use serde_json::{json, Value};
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signer;

/// `invoice finance`
#[derive(Args, Debug)]
pub struct FinanceArgs {
    #[command(flatten)]
    invoice: InvoiceArg,
    /// Least advance to accept (USDC).
    #[arg(long, value_parser = parse_micro, default_value = "0")]
    min_advance: u64,
    /// FX price account (PriceUpdateV2) for a non-USD invoice [default: the
    /// Pyth sponsored feed account of the pool's currency config].
    #[arg(long)]
    fx_price: Option<Pubkey>,
    /// USDC/USD price account when the depeg guard is on [default: the
    /// sponsored feed account of the protocol's feed].
    #[arg(long)]
    usdc_price: Option<Pubkey>,
}

/// `invoice repay`
#[derive(Args, Debug)]
pub struct RepayArgs {
    #[command(flatten)]
    invoice: InvoiceArg,
    /// Minor units of the invoice currency [default: all outstanding].
    #[arg(long)]
    amount_minor: Option<u64>,
    /// Most USDC to spend (slippage guard for FX invoices) [default: no limit].
    #[arg(long, value_parser = parse_micro)]
    max_usdc: Option<u64>,
    /// FX price account for a non-USD invoice [default: as for finance].
    #[arg(long)]
    fx_price: Option<Pubkey>,
}

fn fx_price_for(ctx: &Ctx, li: &LoadedInvoice, given: Option<Pubkey>) -> Result<Option<([u8; 3], Pubkey)>> {
    if li.invoice.currency == USD {
        return Ok(None);
    }
    let price = match given {
        Some(p) => p,
        None => {
            let cfg: CurrencyConfig = ctx
                .account(&pda::currency_config(&li.invoice.pool, &li.invoice.currency), "currency config")
                .context(
                    "the pool does not accept the invoice's currency; pass --fx-price or have the manager run \
                     `pool currency-set`",
                )?;
            pyth::price_feed_address(&cfg.terms.feed_id)
        }
    };
    Ok(Some((li.invoice.currency, price)))
}

/// `invoice finance` (also `supplier finance`).
pub fn finance(ctx: &Ctx, a: FinanceArgs) -> Result<Report> {
    let li = ctx.invoice(&a.invoice.invoice)?;
    let fx = fx_price_for(ctx, &li, a.fx_price)?;
    let usdc_price = match a.usdc_price {
        Some(p) => Some(p),
        None => {
            let proto = ctx.protocol()?;
            (proto.usdc_usd_feed_id != [0; 32]).then(|| pyth::price_feed_address(&proto.usdc_usd_feed_id))
        }
    };
    let s = ctx.signer()?;
    let me = s.pubkey();
    let ixs = vec![
        super::super::create_ata(&me, &me, &li.pool.usdc_mint, &TOKEN_PROGRAM_ID),
        ix::invoice_finance_with(&li.keys, a.min_advance, &Prices { fx, usdc: usdc_price }),
    ];
    if ctx.dry_run() {
        return offer(ctx, &li, &me, ixs);
    }
    let sent = ctx.send(&s, ixs, &[])?;
    let mut d = status_details(ctx, &li.address)?.0;
    if let Some(f) = sent.event::<InvoiceFinanced>() {
        d["advance_usdc"] = json!(usdc(f.advance_usdc));
        d["face_usdc"] = json!(usdc(f.face_usdc));
        d["reserve_usdc"] = json!(usdc(f.reserve_usdc));
        d["fx_rate_scaled"] = json!(f.fx_rate_scaled.to_string());
        // The advance is paid in full to the supplier's USDC account.
        d["usdc_received"] = json!(usdc(f.advance_usdc));
    }
    d["fx_price"] = json!(fx.map(|(_, p)| p.to_string()));
    Ok(ctx.tx_result(&sent, d))
}

/// `invoice finance --dry-run`: the offer the program makes for the
/// invoice now — its own `InvoiceFinanced` event from a simulation — and
/// the rules it passed, with the figures; a refusal is the program's error
/// (its name, message and logged figures), as a real send would give.
fn offer(
    ctx: &Ctx,
    li: &LoadedInvoice,
    supplier: &Pubkey,
    ixs: Vec<solana_sdk::instruction::Instruction>,
) -> Result<Report> {
    let buyer_exposure: Exposure =
        ctx.account(&pda::buyer_exposure(&li.keys.pool.pool, &li.invoice.buyer_entity), "buyer exposure")?;
    let (_, inner) = ctx.simulate(supplier, &ixs)?;
    let offer: InvoiceFinanced = autofactor_client::decode::events(&inner)
        .into_iter()
        .next()
        .ok_or_else(|| err("simulation", "the simulated financing emitted no InvoiceFinanced event"))?;
    let claim = autofactor_client::math::Pricing {
        face_usdc: offer.face_usdc,
        advance_usdc: offer.advance_usdc,
        discount_usdc: offer.discount_usdc,
        protocol_fee_usdc: offer.protocol_fee_usdc,
        manager_fee_usdc: offer.manager_fee_usdc,
        reserve_usdc: offer.reserve_usdc,
    }
    .claim_usdc();
    let policy = &li.pool.policy;
    let limit = (offer.buyer_credit_limit_usdc > 0).then(|| usdc(offer.buyer_credit_limit_usdc));
    let rules: Value = json!([
        {"rule": "grade accepted, tenor and face within the policy", "max_invoice_usdc": usdc(policy.max_invoice_usdc),
         "min_tenor_days": policy.min_tenor_days, "max_tenor_days": policy.max_tenor_days},
        {"rule": "buyer history", "tier": format!("{:?}", offer.history_tier),
         "block_open_default": policy.credit.block_open_default, "max_open_late": policy.credit.max_open_late},
        {"rule": "supplier history", "tier": format!("{:?}", offer.supplier_tier),
         "problem_invoices": offer.supplier_problem_invoices, "created_invoices": offer.supplier_created_invoices,
         "block_at_problems": policy.credit.supplier_block_at_problems,
         "max_problem_rate_bps": policy.credit.supplier_max_problem_rate_bps},
        {"rule": "buyer credit limit", "limit_usdc": limit,
         "outstanding_after_usdc": usdc(buyer_exposure.outstanding_usdc + claim)},
        {"rule": "buyer and supplier concentration", "max_buyer_bps": policy.max_buyer_concentration_bps,
         "max_supplier_bps": policy.max_supplier_concentration_bps},
        {"rule": "cash reserve and queued withdrawals", "cash_reserve_bps": policy.cash_reserve_bps},
        {"rule": "subordination"},
    ]);
    Ok(json!({
        "command": ctx.command,
        "dry_run": true,
        "invoice": li.address.to_string(),
        "offer": {
            "risk_grade": grade_letter(offer.risk_grade.min(3)),
            "history_tier": format!("{:?}", offer.history_tier),
            "discount_apr_bps": offer.discount_apr_bps,
            "face_usdc": usdc(offer.face_usdc),
            "advance_usdc": usdc(offer.advance_usdc),
            "discount_usdc": usdc(offer.discount_usdc),
            "protocol_fee_usdc": usdc(offer.protocol_fee_usdc),
            "manager_fee_usdc": usdc(offer.manager_fee_usdc),
            "reserve_usdc": usdc(offer.reserve_usdc),
            "claim_usdc": usdc(claim),
            "fx_rate_scaled": offer.fx_rate_scaled.to_string(),
            "overdue_ts": offer.overdue_ts,
            "late_after_ts": offer.late_after_ts,
            "writeoff_ts": offer.writeoff_ts,
        },
        "rules_passed": rules,
    })
    .into())
}

/// `invoice repay` (also `buyer pay`).
pub fn repay(ctx: &Ctx, a: RepayArgs) -> Result<Report> {
    let li = ctx.invoice(&a.invoice.invoice)?;
    let fx = fx_price_for(ctx, &li, a.fx_price)?;
    let amount = a.amount_minor.unwrap_or(li.invoice.outstanding_minor());
    if amount == 0 {
        return Err(err("invalid_argument", "nothing to repay: the invoice has no outstanding amount"));
    }
    let s = ctx.signer()?;
    let max_usdc = a.max_usdc.unwrap_or(u64::MAX);
    let i = ix::invoice_repay_with(&li.keys, &s.pubkey(), amount, max_usdc, &Prices { fx, usdc: None });
    let sent = ctx.send(&s, vec![i], &[])?;
    let (mut d, _) = status_details(ctx, &li.address)?;
    d["amount_minor"] = json!(amount);
    if let Some(p) = sent.event::<InvoicePaid>() {
        d["usdc_paid"] = json!(usdc(p.amount_usdc));
        d["outstanding_minor"] = json!(p.outstanding_minor);
    }
    Ok(ctx.tx_result(&sent, d))
}
