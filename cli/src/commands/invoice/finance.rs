//! `invoice finance` (with its `--dry-run` offer) and `invoice repay`:
//! the money legs, priced with the pool's FX feed, results read from the
//! program's own events.

use super::super::args::{parse_micro, InvoiceArg};
use super::super::chain::LoadedInvoice;
use super::super::ctx::Ctx;
use super::{grade_letter, status_details, InvoiceState};
use crate::errors::err;
use crate::output::Report;
use crate::results::{self, Addr, Bps, Json, Minor, Time, Usdc};
use anyhow::{Context as _, Result};
use autofactor_client::constants::USD;
use autofactor_client::events::{InvoiceFinanced, InvoicePaid};
use autofactor_client::format::code_str;
use autofactor_client::ix::{self, Prices};
use autofactor_client::state::{CurrencyConfig, Exposure};
use autofactor_client::{pda, pyth, TOKEN_PROGRAM_ID};
use clap::Args;
use serde::Serialize;
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
    let f = sent.expect_event::<InvoiceFinanced>()?;
    let d = Financed {
        state: status_details(ctx, &li.address)?.0,
        advance_usdc: Usdc(f.advance_usdc),
        face_usdc: Usdc(f.face_usdc),
        reserve_usdc: Usdc(f.reserve_usdc),
        fx_rate_scaled: f.fx_rate_scaled.to_string(),
        // The advance is paid in full to the supplier's USDC account.
        usdc_received: Usdc(f.advance_usdc),
        fx_price: fx.map(|(_, p)| Addr(p)),
    };
    ctx.tx_result(&sent, d)
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
    let limit = (offer.buyer_credit_limit_usdc > 0).then_some(Usdc(offer.buyer_credit_limit_usdc));
    let rules = vec![
        Rule::Policy {
            rule: "grade accepted, tenor and face within the policy",
            max_invoice_usdc: Usdc(policy.max_invoice_usdc),
            min_tenor_days: policy.min_tenor_days,
            max_tenor_days: policy.max_tenor_days,
        },
        Rule::BuyerHistory {
            rule: "buyer history",
            tier: format!("{:?}", offer.history_tier),
            block_open_default: policy.credit.block_open_default,
            max_open_late: policy.credit.max_open_late,
        },
        Rule::SupplierHistory {
            rule: "supplier history",
            tier: format!("{:?}", offer.supplier_tier),
            problem_invoices: offer.supplier_problem_invoices,
            created_invoices: offer.supplier_created_invoices,
            block_at_problems: policy.credit.supplier_block_at_problems,
            max_problem_rate_bps: policy.credit.supplier_max_problem_rate_bps,
        },
        Rule::CreditLimit {
            rule: "buyer credit limit",
            limit_usdc: limit,
            outstanding_after_usdc: Usdc(buyer_exposure.outstanding_usdc + claim),
        },
        Rule::Concentration {
            rule: "buyer and supplier concentration",
            max_buyer_bps: policy.max_buyer_concentration_bps,
            max_supplier_bps: policy.max_supplier_concentration_bps,
        },
        Rule::CashReserve {
            rule: "cash reserve and queued withdrawals",
            cash_reserve_bps: policy.cash_reserve_bps,
        },
        Rule::Subordination { rule: "subordination" },
    ];
    let r = OfferReport {
        command: ctx.command.clone(),
        dry_run: true,
        invoice: Addr(li.address),
        offer: Offer {
            risk_grade: grade_letter(offer.risk_grade.min(3)),
            history_tier: format!("{:?}", offer.history_tier),
            discount_apr_bps: Bps(offer.discount_apr_bps),
            face_usdc: Usdc(offer.face_usdc),
            advance_usdc: Usdc(offer.advance_usdc),
            discount_usdc: Usdc(offer.discount_usdc),
            protocol_fee_usdc: Usdc(offer.protocol_fee_usdc),
            manager_fee_usdc: Usdc(offer.manager_fee_usdc),
            reserve_usdc: Usdc(offer.reserve_usdc),
            claim_usdc: Usdc(claim),
            fx_rate_scaled: offer.fx_rate_scaled.to_string(),
            overdue_ts: Time(offer.overdue_ts),
            late_after_ts: Time(offer.late_after_ts),
            writeoff_ts: Time(offer.writeoff_ts),
        },
        rules_passed: Json(rules),
    };
    results::report(&r)
}

crate::result! {
    /// `invoice finance --dry-run`: the program's offer and the rules it
    /// passed.
    pub struct OfferReport {
        /// The command.
        command: String,
        /// Always true.
        dry_run: bool,
        /// The invoice.
        invoice: Addr,
        /// The offer (the simulated `InvoiceFinanced` event).
        offer: Offer,
        /// The rules passed, with their figures.
        rules_passed: Json<Vec<Rule>>,
    }
}

crate::result! {
    /// What the pool would pay and book for the invoice now.
    pub struct Offer {
        /// Risk grade letter.
        risk_grade: Option<String>,
        /// The buyer's history tier.
        history_tier: String,
        /// Discount APR charged.
        discount_apr_bps: Bps,
        /// Face value in USDC.
        face_usdc: Usdc,
        /// Advance to the supplier.
        advance_usdc: Usdc,
        /// Discount.
        discount_usdc: Usdc,
        /// Protocol fee.
        protocol_fee_usdc: Usdc,
        /// Manager fee.
        manager_fee_usdc: Usdc,
        /// Reserve held back.
        reserve_usdc: Usdc,
        /// The pool's claim on the buyer.
        claim_usdc: Usdc,
        /// FX rate (scaled integer).
        fx_rate_scaled: String,
        /// Overdue from.
        overdue_ts: Time,
        /// May be marked late from.
        late_after_ts: Time,
        /// Fully written off at.
        writeoff_ts: Time,
    }
}

/// A financing rule the offer passed, with the figures it checked.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Rule {
    /// Grade, tenor and face.
    Policy { rule: &'static str, max_invoice_usdc: Usdc, min_tenor_days: u16, max_tenor_days: u16 },
    /// The buyer's repayment history.
    BuyerHistory { rule: &'static str, tier: String, block_open_default: bool, max_open_late: u16 },
    /// The supplier's disputed and cancelled invoices.
    SupplierHistory {
        rule: &'static str,
        tier: String,
        problem_invoices: u32,
        created_invoices: u32,
        block_at_problems: u16,
        max_problem_rate_bps: u16,
    },
    /// The buyer's credit limit.
    CreditLimit { rule: &'static str, limit_usdc: Option<Usdc>, outstanding_after_usdc: Usdc },
    /// Concentration caps.
    Concentration { rule: &'static str, max_buyer_bps: u16, max_supplier_bps: u16 },
    /// Cash reserve.
    CashReserve { rule: &'static str, cash_reserve_bps: u16 },
    /// Junior subordination.
    Subordination { rule: &'static str },
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
    let p = sent.expect_event::<InvoicePaid>()?;
    let ccy = li.invoice.currency;
    let d = Repaid {
        state: status_details(ctx, &li.address)?.0,
        currency: code_str(&ccy),
        amount_minor: Minor::new(p.amount_minor, ccy),
        usdc_paid: Usdc(p.amount_usdc),
        outstanding_minor: Minor::new(p.outstanding_minor, ccy),
    };
    ctx.tx_result(&sent, d)
}

crate::result! {
    /// `invoice finance`, from the transaction's `InvoiceFinanced` event.
    pub struct Financed {
        ..state: InvoiceState,
        /// Advance paid to the supplier.
        advance_usdc: Usdc,
        /// Face value in USDC at the FX rate used.
        face_usdc: Usdc,
        /// Reserve held back.
        reserve_usdc: Usdc,
        /// The FX rate used (scaled integer).
        fx_rate_scaled: String,
        /// USDC the supplier received (the advance).
        usdc_received: Usdc,
        /// The FX price account read (non-USD invoices).
        fx_price: Option<Addr>,
    }
}

crate::result! {
    /// `invoice repay`, from the transaction's `InvoicePaid` event.
    pub struct Repaid {
        ..state: InvoiceState,
        /// The invoice currency.
        currency: String,
        /// Paid, in the invoice currency.
        amount_minor: Minor,
        /// USDC paid for it.
        usdc_paid: Usdc,
        /// Still outstanding, in the invoice currency.
        outstanding_minor: Minor,
    }
}
