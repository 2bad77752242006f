//! Read-only views: protocol, pools, invoices (with getProgramAccounts
//! filters), investor positions, buyer reputation, exposures.

use super::Ctx;
use crate::errors::explain_client_error;
use crate::output::{micro, with_spinner};
use anchor_lang::{AccountDeserialize, Discriminator};
use anyhow::{anyhow, Result};
use autofactor_client::state::{
    BuyerReputation, Exposure, IdentityRecord, Invoice, InvoiceStatus, Pool, ProtocolConfig, Tranche,
    WithdrawalRequest,
};
use autofactor_client::{pda, PROGRAM_ID};
use clap::{Subcommand, ValueEnum};
use serde_json::{json, Value};
use solana_account_decoder_client_types::UiAccountEncoding;
use solana_rpc_client_api::config::{RpcAccountInfoConfig, RpcProgramAccountsConfig};
use solana_rpc_client_api::filter::{Memcmp, RpcFilterType};
use solana_sdk::pubkey::Pubkey;
use std::collections::BTreeMap;

/// Byte offsets of `Invoice` fields (8-byte discriminator, then asset, pool,
/// supplier, buyer: 32 bytes each).
pub const INVOICE_POOL_OFFSET: usize = 8 + 32;
/// Offset of `Invoice::supplier`.
pub const INVOICE_SUPPLIER_OFFSET: usize = 8 + 64;
/// Offset of `Invoice::buyer`.
pub const INVOICE_BUYER_OFFSET: usize = 8 + 96;
/// Offset of `Exposure::pool` (then `party`).
pub const EXPOSURE_POOL_OFFSET: usize = 8;
/// Offset of `WithdrawalRequest::investor` (after `pool`).
pub const WITHDRAWAL_INVESTOR_OFFSET: usize = 8 + 32;

/// `autofactor buyer ...`
#[derive(Subcommand, Debug)]
pub enum BuyerCmd {
    /// A buyer's on-chain repayment record.
    Reputation {
        /// The buyer wallet.
        #[arg(long)]
        buyer: Pubkey,
    },
}

/// Runs a `buyer` command.
pub fn buyer(ctx: &Ctx, cmd: BuyerCmd) -> Result<Value> {
    match cmd {
        BuyerCmd::Reputation { buyer } => {
            // The record is the buyer's legal entity's, shared by its wallets.
            let identity: IdentityRecord = ctx.account(&pda::identity(&buyer), "identity record")?;
            let entity = identity.entity_key;
            let addr = pda::buyer_reputation(&entity);
            let r: BuyerReputation = ctx
                .maybe_account(&addr)?
                .unwrap_or(BuyerReputation { buyer_entity: entity, ..Default::default() });
            Ok(json!({
                "address": addr.to_string(),
                "buyer": buyer.to_string(),
                "buyer_entity_id": identity.entity_id,
                "open_late_count": r.open_late_count,
                "open_default_count": r.open_default_count,
                "acknowledged_count": r.acknowledged_count,
                "acknowledged_volume_usdc": micro(r.acknowledged_volume_usdc),
                "disputed_count": r.disputed_count,
                "repaid_on_time_count": r.repaid_on_time_count,
                "repaid_on_time_volume_usdc": micro(r.repaid_on_time_volume_usdc),
                "late_count": r.late_count,
                "late_volume_usdc": micro(r.late_volume_usdc),
                "defaulted_count": r.defaulted_count,
                "defaulted_volume_usdc": micro(r.defaulted_volume_usdc),
                "recovered_count": r.recovered_count,
            }))
        }
    }
}

/// Invoice statuses on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    /// Created
    Created,
    /// Acknowledged
    Acknowledged,
    /// Disputed
    Disputed,
    /// Verified
    Verified,
    /// Financed
    Financed,
    /// PartiallyRepaid
    PartiallyRepaid,
    /// Late
    Late,
    /// Defaulted
    Defaulted,
    /// Repaid
    Repaid,
}

impl StatusArg {
    fn matches(self, s: InvoiceStatus) -> bool {
        format!("{self:?}") == s.name()
    }
}

/// All program accounts of type `T` matching `filters` (discriminator added).
pub fn program_accounts<T: AccountDeserialize + Discriminator>(
    ctx: &Ctx,
    mut filters: Vec<RpcFilterType>,
) -> Result<Vec<(Pubkey, T)>> {
    filters.insert(0, RpcFilterType::Memcmp(Memcmp::new_raw_bytes(0, T::DISCRIMINATOR.to_vec())));
    let config = RpcProgramAccountsConfig {
        filters: Some(filters),
        account_config: RpcAccountInfoConfig {
            encoding: Some(UiAccountEncoding::Base64),
            ..Default::default()
        },
        ..Default::default()
    };
    let accounts = with_spinner(ctx.format, "querying program accounts…", || {
        ctx.rpc.get_program_ui_accounts_with_config(&PROGRAM_ID, config)
    })
    .map_err(|e| anyhow!(explain_client_error(&e)))?;
    // An account with T's discriminator that does not decode (or an
    // undecodable RPC payload) is an error, not a silently missing row.
    accounts
        .into_iter()
        .map(|(k, a)| {
            let data =
                a.data.decode().ok_or_else(|| anyhow!("{k}: undecodable account data from the RPC"))?;
            autofactor_client::decode::account::<T>(&data)
                .map(|t| (k, t))
                .map_err(|e| anyhow!("{k} does not decode as {}: {e}", std::any::type_name::<T>()))
        })
        .collect()
}

/// A memcmp filter on a pubkey field.
pub fn key_filter(offset: usize, key: &Pubkey) -> RpcFilterType {
    RpcFilterType::Memcmp(Memcmp::new_raw_bytes(offset, key.to_bytes().to_vec()))
}

fn date(ts: i64) -> String {
    autofactor_client::state::iso_date(ts)
}

fn code_str(c: &[u8]) -> String {
    String::from_utf8_lossy(c).into_owned()
}

/// JSON of the protocol configuration.
pub fn protocol_json(p: &ProtocolConfig) -> Value {
    json!({
        "address": pda::protocol().to_string(),
        "admin": p.admin.to_string(),
        "pending_admin": (p.pending_admin != Pubkey::default()).then(|| p.pending_admin.to_string()),
        "treasury": p.treasury.to_string(),
        "usdc_mint": p.usdc_mint.to_string(),
        "protocol_fee_bps": p.protocol_fee_bps,
        "paused": p.paused,
        "issuer_count": p.issuer_count,
        "pool_count": p.pool_count,
        "usdc_guard": {
            "enabled": p.usdc_usd_feed_id != [0; 32],
            "feed_id": hex::encode(p.usdc_usd_feed_id),
            "min_price_bps": p.min_usdc_price_bps,
            "max_age_secs": p.usdc_max_age_secs,
        },
    })
}

/// JSON of an identity record.
pub fn identity_json(addr: &Pubkey, r: &IdentityRecord) -> Value {
    json!({
        "address": addr.to_string(),
        "wallet": r.wallet.to_string(),
        "issuer": r.issuer.to_string(),
        "roles": super::actions::role_names(r.roles),
        "jurisdiction": code_str(&r.jurisdiction),
        "accreditation": r.accreditation,
        "did": r.did,
        "entity_id": r.entity_id,
        "entity_key": hex::encode(r.entity_key),
        "expires": date(r.expires_ts),
        "expires_ts": r.expires_ts,
        "revoked": r.revoked,
    })
}

/// JSON of a pool, valued at `now_ts` (the senior claim and invoice income
/// accrued to then, as the program would).
///
/// A math error in the valuation is reported as an error, never as 0.
pub fn pool_json(addr: &Pubkey, p: &Pool, now_ts: i64) -> Result<Value> {
    let mut ledger = p.ledger;
    if now_ts > ledger.last_accrual_ts {
        ledger
            .accrue(p.params.senior_apr_bps, now_ts)
            .map_err(|e| anyhow!("pool {addr}: accrual failed: {e}"))?;
    }
    let math = |e: anchor_lang::error::Error| anyhow!("pool {addr}: valuation failed: {e}");
    let tranche = |t: Tranche| -> Result<Value> {
        let s = ledger.tranche(t);
        Ok(json!({
            "mint": p.tranche_mint(t).to_string(),
            "value_usdc": micro(ledger.tranche_value(t).map_err(math)?),
            "share_price_usdc": micro(ledger.share_price(t).map_err(math)?),
            "shares_outstanding": micro(s.shares_outstanding),
            "shares_pending": micro(s.shares_pending),
            "queue_head": s.queue_head,
            "queue_tail": s.queue_tail,
            "queued_requests": s.queue_tail - s.queue_head,
            "total_deposited_usdc": micro(s.total_deposited_usdc),
            "total_withdrawn_usdc": micro(s.total_withdrawn_usdc),
        }))
    };
    Ok(json!({
        "address": addr.to_string(),
        "pool_id": p.pool_id,
        "manager": p.manager.to_string(),
        "usdc_mint": p.usdc_mint.to_string(),
        "vault": p.vault.to_string(),
        "paused": p.paused,
        "valued_at": now_ts,
        "nav_usdc": micro(ledger.nav_usdc().map_err(math)?),
        "cash_usdc": micro(ledger.cash_usdc),
        "receivables_usdc": micro(ledger.receivables_value_usdc().map_err(math)?),
        "senior_claim_usdc": micro(ledger.senior_claim_usdc().map_err(math)?),
        "senior": tranche(Tranche::Senior)?,
        "junior": tranche(Tranche::Junior)?,
        "protocol_fees_owed_usdc": micro(ledger.protocol_fees_owed_usdc),
        "manager_fees_owed_usdc": micro(ledger.manager_fees_owed_usdc),
        "reserves_owed_usdc": micro(ledger.reserves_owed_usdc),
        "open_invoices": ledger.open_invoices,
        "total_advanced_usdc": micro(ledger.total_advanced_usdc),
        "total_collected_usdc": micro(ledger.total_collected_usdc),
        "total_written_down_usdc": micro(ledger.total_written_down_usdc),
        "config": super::actions::config_file_json(&p.params, &p.policy),
    }))
}

/// JSON of an invoice.
pub fn invoice_json(addr: &Pubkey, i: &Invoice) -> Value {
    let b = &i.book;
    json!({
        "address": addr.to_string(),
        "asset": i.asset.to_string(),
        "pool": i.pool.to_string(),
        "supplier": i.supplier.to_string(),
        "buyer": i.buyer.to_string(),
        "status": i.status.name(),
        "invoice_number": i.invoice_number,
        "currency": code_str(&i.currency),
        "currency_decimals": i.currency_decimals,
        "face_minor": i.face_minor,
        "repaid_minor": i.repaid_minor,
        "outstanding_minor": i.outstanding_minor(),
        "issue_date": date(i.issue_ts),
        "due_date": date(i.due_ts),
        "issue_ts": i.issue_ts,
        "due_ts": i.due_ts,
        "document_hash": hex::encode(i.document_hash),
        "metadata_uri": i.metadata_uri,
        "verifier": (i.verifier != Pubkey::default()).then(|| i.verifier.to_string()),
        "credit_score": i.credit_score,
        "risk_grade": match i.risk_grade { g @ 0..=3 => Some(((b'A' + g) as char).to_string()), _ => None },
        "fx_rate_scaled": i.fx_rate_scaled.to_string(),
        "book": {
            "face_usdc": micro(b.pricing.face_usdc),
            "advance_usdc": micro(b.pricing.advance_usdc),
            "discount_usdc": micro(b.pricing.discount_usdc),
            "reserve_usdc": micro(b.pricing.reserve_usdc),
            "collected_usdc": micro(b.collected_usdc),
            "book_value_usdc": micro(b.book_usdc),
            "claim_outstanding_usdc": micro(b.pricing.claim_usdc().saturating_sub(b.claim_collected_usdc)),
            "written_down_usdc": micro(b.written_down_usdc),
        },
    })
}

/// Lists invoices with memcmp filters on pool, supplier and buyer; status
/// is filtered client-side (it follows variable-length strings).
pub fn list_invoices(
    ctx: &Ctx,
    pool: Option<Pubkey>,
    supplier: Option<Pubkey>,
    buyer: Option<Pubkey>,
    status: Option<StatusArg>,
) -> Result<Vec<(Pubkey, Invoice)>> {
    let mut filters = Vec::new();
    if let Some(p) = pool {
        filters.push(key_filter(INVOICE_POOL_OFFSET, &p));
    }
    if let Some(s) = supplier {
        filters.push(key_filter(INVOICE_SUPPLIER_OFFSET, &s));
    }
    if let Some(b) = buyer {
        filters.push(key_filter(INVOICE_BUYER_OFFSET, &b));
    }
    let mut v = program_accounts::<Invoice>(ctx, filters)?;
    if let Some(st) = status {
        v.retain(|(_, i)| st.matches(i.status));
    }
    v.sort_by_key(|(_, i)| (i.created_ts, i.asset));
    Ok(v)
}

/// Exposure of a pool by buyer, by supplier and by currency.
pub fn exposure(ctx: &Ctx, pool: &Pubkey) -> Result<Value> {
    let exposures = program_accounts::<Exposure>(ctx, vec![key_filter(EXPOSURE_POOL_OFFSET, pool)])?;
    // Exposure is per legal entity: name it and its wallets.
    let mut entities: BTreeMap<[u8; 32], (String, Vec<String>)> = BTreeMap::new();
    for (_, r) in program_accounts::<IdentityRecord>(ctx, vec![])? {
        let e = entities.entry(r.entity_key).or_insert_with(|| (r.entity_id.clone(), Vec::new()));
        e.1.push(r.wallet.to_string());
    }
    let (mut buyers, mut suppliers) = (Vec::new(), Vec::new());
    for (addr, e) in exposures {
        let (entity_id, wallets) = entities.get(&e.entity).cloned().unwrap_or_default();
        let row = json!({
            "party": entity_id,
            "wallets": wallets,
            "entity_key": hex::encode(e.entity),
            "outstanding_usdc": micro(e.outstanding_usdc),
            "open_invoices": e.open_invoices,
        });
        if addr == pda::buyer_exposure(pool, &e.entity) {
            buyers.push(row);
        } else {
            suppliers.push(row);
        }
    }
    let mut by_ccy: BTreeMap<String, (u64, u64, u64)> = BTreeMap::new();
    for (_, i) in list_invoices(ctx, Some(*pool), None, None, None)? {
        if i.status.is_outstanding() {
            let e = by_ccy.entry(code_str(&i.currency)).or_default();
            e.0 += i.outstanding_minor();
            e.1 += i.book.pricing.claim_usdc().saturating_sub(i.book.claim_collected_usdc);
            e.2 += 1;
        }
    }
    let currencies: Vec<Value> = by_ccy
        .into_iter()
        .map(|(c, (minor, usdc, n))| {
            json!({"currency": c, "outstanding_minor": minor, "claim_outstanding_usdc": micro(usdc), "open_invoices": n})
        })
        .collect();
    Ok(
        json!({ "pool": pool.to_string(), "by_buyer": buyers, "by_supplier": suppliers, "by_currency": currencies }),
    )
}

/// An investor's positions in every pool, and queued withdrawals.
pub fn positions(ctx: &Ctx, owner: &Pubkey) -> Result<Value> {
    let pools = program_accounts::<Pool>(ctx, vec![])?;
    let now = ctx.chain_now()?;
    let mut rows = Vec::new();
    for (addr, p) in &pools {
        let keys = autofactor_client::ix::PoolKeys::from_pool(addr, p);
        let mut ledger = p.ledger;
        if now > ledger.last_accrual_ts {
            ledger
                .accrue(p.params.senior_apr_bps, now)
                .map_err(|e| anyhow!("pool {addr}: accrual failed: {e}"))?;
        }
        let math = |e: anchor_lang::error::Error| anyhow!("pool {addr}: valuation failed: {e}");
        for t in [Tranche::Senior, Tranche::Junior] {
            let ata = keys.shares_ata(owner, t);
            // 0 when the investor has no share account in this pool.
            let shares = ctx.token_amount(&ata)?;
            if shares == 0 {
                continue;
            }
            rows.push(json!({
                "pool": addr.to_string(),
                "tranche": format!("{t:?}").to_lowercase(),
                "shares": micro(shares),
                "value_usdc": micro(ledger.preview_redeem(t, shares).map_err(math)?),
                "share_price_usdc": micro(ledger.share_price(t).map_err(math)?),
            }));
        }
    }
    let queued: Vec<Value> =
        program_accounts::<WithdrawalRequest>(ctx, vec![key_filter(WITHDRAWAL_INVESTOR_OFFSET, owner)])?
            .into_iter()
            .map(|(a, w)| {
                json!({
                    "address": a.to_string(),
                    "pool": w.pool.to_string(),
                    "tranche": format!("{:?}", w.tranche).to_lowercase(),
                    "sequence": w.sequence,
                    "shares_requested": micro(w.shares_requested),
                    "shares_remaining": micro(w.shares_remaining),
                    "usdc_paid": micro(w.usdc_paid),
                })
            })
            .collect();
    Ok(json!({ "owner": owner.to_string(), "positions": rows, "queued_withdrawals": queued }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::{AnchorDeserialize, Space};

    #[test]
    fn a_valuation_error_is_an_error_not_zero() {
        let zeros = vec![0u8; Pool::INIT_SPACE + 64];
        let mut p = Pool::deserialize(&mut &zeros[..]).unwrap();
        assert!(pool_json(&Pubkey::new_unique(), &p, 0).is_ok());
        // NAV overflows u64: before, the view printed NAV and prices as 0.
        p.ledger.cash_usdc = u64::MAX;
        p.ledger.receivables_usdc = u64::MAX;
        let e = pool_json(&Pubkey::new_unique(), &p, 0).unwrap_err();
        assert!(e.to_string().contains("valuation failed"), "{e}");
    }
}
