//! `invoice create`: origination from an e-invoice (or a PDF and flags),
//! with the parties' legal entities checked against their identity records.

use super::super::args::{parse_date, PoolArg};
use super::super::chain::err;
use super::super::ctx::Ctx;
use super::super::einvoice::{check_entities, terms_from_file, terms_json, TermFlags};
use crate::output::Report;
use anyhow::Result;
use autofactor_client::constants::MAX_METADATA_URI_LEN;
use autofactor_client::format::code_str;
use autofactor_client::ix::{self, InvoiceKeys, NewInvoice, PoolKeys};
use autofactor_client::pda;
use autofactor_client::state::{iso_date, IdentityRecord};
use clap::Args;
use serde_json::{json, Value};
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};
use std::path::PathBuf;

/// `invoice create`
#[derive(Args, Debug)]
pub struct CreateArgs {
    #[command(flatten)]
    pool: PoolArg,
    /// The buyer's wallet (e-invoices carry names, not wallets).
    #[arg(long)]
    buyer: Pubkey,
    /// The e-invoice XML (or a PDF, with the terms as flags).
    #[arg(long, value_name = "FILE")]
    from_einvoice: PathBuf,
    /// Face amount in currency units, e.g. 1656.25 (PDF only).
    #[arg(long)]
    amount: Option<String>,
    /// ISO 4217 currency (PDF only).
    #[arg(long)]
    currency: Option<String>,
    /// Issue date YYYY-MM-DD (PDF; overrides the document's for XML).
    #[arg(long, value_parser = parse_date)]
    issue_date: Option<chrono::NaiveDate>,
    /// Due date YYYY-MM-DD (PDF; overrides the document's for XML).
    #[arg(long, value_parser = parse_date)]
    due_date: Option<chrono::NaiveDate>,
    /// Invoice number (PDF; overrides the document's for XML).
    #[arg(long)]
    invoice_number: Option<String>,
    /// Metadata URI of the asset [default: file://<metadata-out>].
    #[arg(long)]
    metadata_uri: Option<String>,
    /// Where to write the metadata JSON [default: <FILE>.metadata.json].
    #[arg(long)]
    metadata_out: Option<PathBuf>,
    /// Origination service (the indexer API) to upload the document to; the
    /// asset URI is then its metadata URL [default: the config file's
    /// autofactor_api_url; none = no upload].
    #[arg(long, value_name = "URL")]
    api_url: Option<String>,
    /// Originate an e-invoice even though its seller (or buyer) legal
    /// identifiers differ from the entity id of the supplier's (or
    /// buyer's) identity record.
    #[arg(long)]
    allow_entity_mismatch: bool,
}

/// Runs `invoice create` (also `supplier create`).
pub fn run(ctx: &Ctx, a: CreateArgs) -> Result<Report> {
    let s = ctx.signer()?;
    let me = s.pubkey();
    let (pool, buyer) = (a.pool.pool, a.buyer);
    let mut flags = TermFlags {
        amount: a.amount,
        currency: a.currency,
        issue_date: a.issue_date,
        due_date: a.due_date,
        invoice_number: a.invoice_number,
        metadata_uri: a.metadata_uri,
        metadata_out: a.metadata_out,
    };
    let api_url = a.api_url.as_deref().or(ctx.api_url.as_deref());
    let uploaded = crate::upload::for_create(api_url, &s, &a.from_einvoice, &mut flags)?;
    let t = terms_from_file(&a.from_einvoice, &flags)?;
    if t.metadata_uri.len() > MAX_METADATA_URI_LEN {
        return Err(err(
            "invalid_argument",
            format!(
                "metadata URI is {} bytes, at most {MAX_METADATA_URI_LEN}: pass a shorter --metadata-uri",
                t.metadata_uri.len()
            ),
        ));
    }
    // The parties' legal entities: the e-invoice must name them (unless
    // overridden), and the program keys on them.
    let supplier_id: Option<IdentityRecord> = ctx.maybe_account(&pda::identity(&me))?;
    let buyer_id: Option<IdentityRecord> = ctx.maybe_account(&pda::identity(&buyer))?;
    let entity = |r: &Option<IdentityRecord>| {
        r.as_ref().map(|r| (r.entity_id.clone(), r.entity_key)).unwrap_or_default()
    };
    let ((supplier_entity_id, supplier_entity), (buyer_entity_id, buyer_entity)) =
        (entity(&supplier_id), entity(&buyer_id));
    let entity_check = check_entities(&t, &supplier_entity_id, &buyer_entity_id, a.allow_entity_mismatch)?;
    let p = ctx.pool(&pool)?;
    let asset = Keypair::new();
    let keys = InvoiceKeys::new(
        PoolKeys::from_pool(&pool, &p),
        asset.pubkey(),
        me,
        buyer,
        supplier_entity,
        buyer_entity,
    );
    let terms = NewInvoice {
        face_minor: t.face_minor,
        currency: t.currency,
        issue_ts: t.issue_ts,
        due_ts: t.due_ts,
        document_hash: t.document_hash,
        invoice_number: t.invoice_number.clone(),
        metadata_uri: t.metadata_uri.clone(),
    };
    let sent = ctx.send(&s, vec![ix::invoice_create(&keys, &terms)], &[&asset])?;
    let mut d = json!({
        "invoice": keys.invoice.to_string(), "asset": asset.pubkey().to_string(), "pool": pool.to_string(),
        "supplier": me.to_string(), "buyer": buyer.to_string(), "invoice_number": t.invoice_number,
        "face_minor": t.face_minor, "currency": code_str(&t.currency),
        "issue_date": iso_date(t.issue_ts), "due_date": iso_date(t.due_ts),
        "document_hash": hex::encode(t.document_hash), "metadata_uri": t.metadata_uri,
        "asset_explorer": crate::config::explorer_address(&ctx.url, &asset.pubkey().to_string()),
        "supplier_entity_id": supplier_entity_id, "buyer_entity_id": buyer_entity_id,
        "entity_check": entity_check,
    });
    if let Some(up) = &uploaded {
        d["document_uri"] = json!(up.document_uri);
    }
    if let (Value::Object(m), Value::Object(x)) = (&mut d, terms_json(&t)) {
        m.extend(x);
    }
    Ok(ctx.tx_result(&sent, d))
}
