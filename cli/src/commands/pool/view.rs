//! Pool views: `pool show` (a typed view with a curated summary), `pool
//! list`, `pool exposure` and an investor's positions.

use super::super::args::tranche_name;
use super::super::chain::key_filter;
use super::super::ctx::Ctx;
use super::ConfigFile;
use crate::output::{Report, View};
use anyhow::{anyhow, Result};
use autofactor_client::format::{bps, code_str, datetime, usdc, usdc_money};
use autofactor_client::layout::{EXPOSURE_POOL_OFFSET, WITHDRAWAL_INVESTOR_OFFSET};
use autofactor_client::state::{Exposure, IdentityRecord, Pool, PoolLedger, Tranche, WithdrawalRequest};
use autofactor_client::{ix::PoolKeys, pda};
use serde::Serialize;
use solana_sdk::pubkey::Pubkey;
use std::collections::BTreeMap;

/// `pool show`: a pool valued at `valued_at` (the senior claim and invoice
/// income accrued to then, as the program would).
#[derive(Serialize)]
pub struct PoolView {
    address: String,
    pool_id: u64,
    manager: String,
    usdc_mint: String,
    vault: String,
    paused: bool,
    valued_at: i64,
    nav_usdc: String,
    cash_usdc: String,
    receivables_usdc: String,
    senior_claim_usdc: String,
    senior: TrancheView,
    junior: TrancheView,
    protocol_fees_owed_usdc: String,
    manager_fees_owed_usdc: String,
    reserves_owed_usdc: String,
    open_invoices: u64,
    total_advanced_usdc: String,
    total_collected_usdc: String,
    total_written_down_usdc: String,
    config: ConfigFile,
    #[serde(skip)]
    figures: (u64, u64, u64),
}

/// A tranche of a pool.
#[derive(Serialize)]
pub struct TrancheView {
    mint: String,
    value_usdc: String,
    share_price_usdc: String,
    shares_outstanding: String,
    shares_pending: String,
    queue_head: u64,
    queue_tail: u64,
    queued_requests: u64,
    total_deposited_usdc: String,
    total_withdrawn_usdc: String,
}

/// The ledger accrued to `now_ts`; a math error is an error, never 0.
fn accrued(addr: &Pubkey, p: &Pool, now_ts: i64) -> Result<PoolLedger> {
    let mut ledger = p.ledger;
    if now_ts > ledger.last_accrual_ts {
        ledger
            .accrue(p.params.senior_apr_bps, now_ts)
            .map_err(|e| anyhow!("pool {addr}: accrual failed: {e}"))?;
    }
    Ok(ledger)
}

impl PoolView {
    /// The view of a pool at `now_ts`.
    pub fn new(addr: &Pubkey, p: &Pool, now_ts: i64) -> Result<Self> {
        let ledger = accrued(addr, p, now_ts)?;
        let math = |e: anchor_lang::error::Error| anyhow!("pool {addr}: valuation failed: {e}");
        let tranche = |t: Tranche| -> Result<TrancheView> {
            let s = ledger.tranche(t);
            Ok(TrancheView {
                mint: p.tranche_mint(t).to_string(),
                value_usdc: usdc(ledger.tranche_value(t).map_err(math)?),
                share_price_usdc: usdc(ledger.share_price(t).map_err(math)?),
                shares_outstanding: usdc(s.shares_outstanding),
                shares_pending: usdc(s.shares_pending),
                queue_head: s.queue_head,
                queue_tail: s.queue_tail,
                queued_requests: s.queue_tail - s.queue_head,
                total_deposited_usdc: usdc(s.total_deposited_usdc),
                total_withdrawn_usdc: usdc(s.total_withdrawn_usdc),
            })
        };
        let nav = ledger.nav_usdc().map_err(math)?;
        let receivables = ledger.receivables_value_usdc().map_err(math)?;
        Ok(PoolView {
            address: addr.to_string(),
            pool_id: p.pool_id,
            manager: p.manager.to_string(),
            usdc_mint: p.usdc_mint.to_string(),
            vault: p.vault.to_string(),
            paused: p.paused,
            valued_at: now_ts,
            nav_usdc: usdc(nav),
            cash_usdc: usdc(ledger.cash_usdc),
            receivables_usdc: usdc(receivables),
            senior_claim_usdc: usdc(ledger.senior_claim_usdc().map_err(math)?),
            senior: tranche(Tranche::Senior)?,
            junior: tranche(Tranche::Junior)?,
            protocol_fees_owed_usdc: usdc(ledger.protocol_fees_owed_usdc),
            manager_fees_owed_usdc: usdc(ledger.manager_fees_owed_usdc),
            reserves_owed_usdc: usdc(ledger.reserves_owed_usdc),
            open_invoices: ledger.open_invoices,
            total_advanced_usdc: usdc(ledger.total_advanced_usdc),
            total_collected_usdc: usdc(ledger.total_collected_usdc),
            total_written_down_usdc: usdc(ledger.total_written_down_usdc),
            config: ConfigFile { params: p.params, policy: p.policy },
            figures: (nav, ledger.cash_usdc, receivables),
        })
    }
}

impl View for PoolView {
    fn summary(&self) -> Vec<(String, String)> {
        let (nav, cash, receivables) = self.figures;
        let pct = |part: u64| {
            if nav == 0 {
                "-".to_string()
            } else {
                bps((part as u128 * 10_000 / nav as u128) as u64)
            }
        };
        let price = |t: &TrancheView| format!("{} USDC / share", t.share_price_usdc.trim_end_matches('0'));
        let queue = |t: &TrancheView| {
            format!("{} request(s), {} shares pending", t.queued_requests, t.shares_pending)
        };
        vec![
            (
                "pool".into(),
                format!("{} (id {}){}", self.address, self.pool_id, if self.paused { " PAUSED" } else { "" }),
            ),
            ("valued at".into(), datetime(self.valued_at)),
            ("NAV".into(), usdc_money(nav)),
            ("senior price".into(), price(&self.senior)),
            ("junior price".into(), price(&self.junior)),
            ("cash".into(), format!("{} ({} of NAV)", usdc_money(cash), pct(cash))),
            (
                "utilisation".into(),
                format!("{} in receivables ({} open invoices)", pct(receivables), self.open_invoices),
            ),
            ("senior queue".into(), queue(&self.senior)),
            ("junior queue".into(), queue(&self.junior)),
        ]
    }
}

/// `pool list`
pub fn list(ctx: &Ctx) -> Result<Report> {
    let now = ctx.chain_now()?;
    let rows = ctx
        .program_accounts::<Pool>(vec![])?
        .iter()
        .map(|(a, p)| {
            let v = PoolView::new(a, p, now)?;
            Ok(PoolRow {
                address: v.address,
                pool_id: v.pool_id,
                manager: v.manager,
                paused: v.paused,
                nav_usdc: v.nav_usdc,
                cash_usdc: v.cash_usdc,
                receivables_usdc: v.receivables_usdc,
                senior_price_usdc: v.senior.share_price_usdc,
                junior_price_usdc: v.junior.share_price_usdc,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(serde_json::to_value(rows)?.into())
}

/// `pool exposure`: by buyer, by supplier and by currency.
pub fn exposure(ctx: &Ctx, pool: &Pubkey) -> Result<Report> {
    let exposures = ctx.program_accounts::<Exposure>(vec![key_filter(EXPOSURE_POOL_OFFSET, pool)])?;
    // Exposure is per legal entity: name it and its wallets.
    let mut entities: BTreeMap<[u8; 32], (String, Vec<String>)> = BTreeMap::new();
    for (_, r) in ctx.program_accounts::<IdentityRecord>(vec![])? {
        let e = entities.entry(r.entity_key).or_insert_with(|| (r.entity_id.clone(), Vec::new()));
        e.1.push(r.wallet.to_string());
    }
    let (mut buyers, mut suppliers) = (Vec::new(), Vec::new());
    for (addr, e) in exposures {
        let (entity_id, wallets) = entities.get(&e.entity).cloned().unwrap_or_default();
        let row = PartyExposure {
            party: entity_id,
            wallets,
            entity_key: hex::encode(e.entity),
            outstanding_usdc: usdc(e.outstanding_usdc),
            open_invoices: e.open_invoices,
        };
        if addr == pda::buyer_exposure(pool, &e.entity) {
            buyers.push(row);
        } else {
            suppliers.push(row);
        }
    }
    let mut by_ccy: BTreeMap<String, (u64, u64, u64)> = BTreeMap::new();
    for (_, i) in super::super::invoice::list_invoices(ctx, Some(*pool), None, None, None)? {
        if i.status.is_outstanding() {
            let e = by_ccy.entry(code_str(&i.currency)).or_default();
            e.0 += i.outstanding_minor();
            e.1 += i.book.claim_outstanding_usdc();
            e.2 += 1;
        }
    }
    let by_currency = by_ccy
        .into_iter()
        .map(|(currency, (minor, claim, n))| CurrencyExposure {
            currency,
            outstanding_minor: minor,
            claim_outstanding_usdc: usdc(claim),
            open_invoices: n,
        })
        .collect();
    let v = ExposureView { pool: pool.to_string(), by_buyer: buyers, by_supplier: suppliers, by_currency };
    Ok(serde_json::to_value(v)?.into())
}

/// An investor's positions in every pool, and queued withdrawals.
pub fn positions(ctx: &Ctx, owner: &Pubkey) -> Result<Report> {
    let pools = ctx.program_accounts::<Pool>(vec![])?;
    let now = ctx.chain_now()?;
    let mut rows = Vec::new();
    for (addr, p) in &pools {
        let keys = PoolKeys::from_pool(addr, p);
        let ledger = accrued(addr, p, now)?;
        let math = |e: anchor_lang::error::Error| anyhow!("pool {addr}: valuation failed: {e}");
        for t in [Tranche::Senior, Tranche::Junior] {
            // 0 when the investor has no share account in this pool.
            let shares = ctx.token_amount(&keys.shares_ata(owner, t))?;
            if shares == 0 {
                continue;
            }
            rows.push(Position {
                pool: addr.to_string(),
                tranche: tranche_name(t),
                shares: usdc(shares),
                value_usdc: usdc(ledger.preview_redeem(t, shares).map_err(math)?),
                share_price_usdc: usdc(ledger.share_price(t).map_err(math)?),
            });
        }
    }
    let queued_withdrawals = ctx
        .program_accounts::<WithdrawalRequest>(vec![key_filter(WITHDRAWAL_INVESTOR_OFFSET, owner)])?
        .into_iter()
        .map(|(a, w)| QueuedWithdrawal {
            address: a.to_string(),
            pool: w.pool.to_string(),
            tranche: tranche_name(w.tranche),
            sequence: w.sequence,
            shares_requested: usdc(w.shares_requested),
            shares_remaining: usdc(w.shares_remaining),
            usdc_paid: usdc(w.usdc_paid),
        })
        .collect();
    let v = PositionsView { owner: owner.to_string(), positions: rows, queued_withdrawals };
    Ok(serde_json::to_value(v)?.into())
}

/// A row of `pool list`.
#[derive(Serialize)]
struct PoolRow {
    address: String,
    pool_id: u64,
    manager: String,
    paused: bool,
    nav_usdc: String,
    cash_usdc: String,
    receivables_usdc: String,
    senior_price_usdc: String,
    junior_price_usdc: String,
}

/// `pool exposure`
#[derive(Serialize)]
struct ExposureView {
    pool: String,
    by_buyer: Vec<PartyExposure>,
    by_supplier: Vec<PartyExposure>,
    by_currency: Vec<CurrencyExposure>,
}

/// A buyer's or supplier's exposure (per legal entity).
#[derive(Serialize)]
struct PartyExposure {
    party: String,
    wallets: Vec<String>,
    entity_key: String,
    outstanding_usdc: String,
    open_invoices: u32,
}

/// The open invoices in one currency.
#[derive(Serialize)]
struct CurrencyExposure {
    currency: String,
    outstanding_minor: u64,
    claim_outstanding_usdc: String,
    open_invoices: u64,
}

/// An investor's positions (`tranche positions`).
#[derive(Serialize)]
struct PositionsView {
    owner: String,
    positions: Vec<Position>,
    queued_withdrawals: Vec<QueuedWithdrawal>,
}

/// Shares of one tranche, valued now.
#[derive(Serialize)]
struct Position {
    pool: String,
    tranche: String,
    shares: String,
    value_usdc: String,
    share_price_usdc: String,
}

/// A queued withdrawal request.
#[derive(Serialize)]
struct QueuedWithdrawal {
    address: String,
    pool: String,
    tranche: String,
    sequence: u64,
    shares_requested: String,
    shares_remaining: String,
    usdc_paid: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::{AnchorDeserialize, Space};

    #[test]
    fn a_valuation_error_is_an_error_not_zero() {
        let zeros = vec![0u8; Pool::INIT_SPACE + 64];
        let mut p = Pool::deserialize(&mut &zeros[..]).unwrap();
        assert!(PoolView::new(&Pubkey::new_unique(), &p, 0).is_ok());
        // NAV overflows u64: before, the view printed NAV and prices as 0.
        p.ledger.cash_usdc = u64::MAX;
        p.ledger.receivables_usdc = u64::MAX;
        let e = PoolView::new(&Pubkey::new_unique(), &p, 0).err().unwrap();
        assert!(e.to_string().contains("valuation failed"), "{e}");
    }
}
