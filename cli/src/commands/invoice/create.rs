//! `invoice create`: origination from an e-invoice (or a PDF and flags),
//! with the parties' legal entities checked against their identity records.

use super::super::args::PoolArg;
use super::super::ctx::Ctx;
use super::super::einvoice::{check_entities, terms_from_file, EntityCheck, TermFlags};
use crate::errors::err;
use crate::output::Report;
use crate::results::{Addr, Day, Hex32, Json, Minor};
use anyhow::Result;
use autofactor_client::constants::MAX_METADATA_URI_LEN;
use autofactor_client::format::code_str;
use autofactor_client::ix::{self, InvoiceKeys, PoolKeys};
use autofactor_client::pda;
use autofactor_client::state::IdentityRecord;
use clap::Args;
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
    #[command(flatten)]
    terms: TermFlags,
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
    let mut flags = a.terms;
    let api_url = a.api_url.as_deref().or(ctx.api_url.as_deref());
    let uploaded = crate::upload::for_create(api_url, &s, &a.from_einvoice, &mut flags)?;
    let t = terms_from_file(&a.from_einvoice, &flags)?;
    let terms = &t.invoice;
    if terms.metadata_uri.len() > MAX_METADATA_URI_LEN {
        return Err(err(
            "invalid_argument",
            format!(
                "metadata URI is {} bytes, at most {MAX_METADATA_URI_LEN}: pass a shorter --metadata-uri",
                terms.metadata_uri.len()
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
    let sent = ctx.send(&s, vec![ix::invoice_create(&keys, terms)], &[&asset])?;
    let d = Created {
        invoice: Addr(keys.invoice),
        asset: Addr(asset.pubkey()),
        pool: Addr(pool),
        supplier: Addr(me),
        buyer: Addr(buyer),
        invoice_number: terms.invoice_number.clone(),
        face_minor: Minor::new(terms.face_minor, terms.currency),
        currency: code_str(&terms.currency),
        issue_date: Day(terms.issue_ts),
        due_date: Day(terms.due_ts),
        document_hash: Hex32(terms.document_hash),
        metadata_uri: terms.metadata_uri.clone(),
        asset_explorer: crate::config::explorer_address(&ctx.url, &asset.pubkey().to_string()),
        supplier_entity_id,
        buyer_entity_id,
        entity_check: Json(entity_check),
        document_uri: uploaded.map(|up| up.document_uri),
        source: t.source,
        metadata_path: t.metadata_path.as_ref().map(|p| p.display().to_string()),
    };
    ctx.tx_result(&sent, d)
}

crate::result! {
    /// `invoice create`
    pub struct Created {
        /// The invoice.
        invoice: Addr,
        /// Its Core asset.
        asset: Addr,
        /// The pool.
        pool: Addr,
        /// The supplier (the signer).
        supplier: Addr,
        /// The buyer.
        buyer: Addr,
        /// The supplier's invoice number.
        invoice_number: String,
        /// Face value.
        face_minor: Minor,
        /// Currency.
        currency: String,
        /// Issue date.
        issue_date: Day,
        /// Due date.
        due_date: Day,
        /// SHA-256 of the document.
        document_hash: Hex32,
        /// The asset's metadata URI.
        metadata_uri: String,
        /// The asset on the explorer.
        asset_explorer: String,
        /// The supplier's legal entity (identity record).
        supplier_entity_id: String,
        /// The buyer's legal entity (identity record).
        buyer_entity_id: String,
        /// The document's parties against the records.
        entity_check: Json<EntityCheck>,
        /// The document at the origination service, when uploaded.
        #[serde(skip_serializing_if = "Option::is_none")]
        document_uri: Option<String>,
        /// `xml` or `pdf`.
        source: &'static str,
        /// Where the metadata JSON was written (XML).
        metadata_path: Option<String>,
    }
}
