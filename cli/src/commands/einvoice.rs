//! E-invoice files: `einvoice show` (offline) and the terms of
//! `invoice create --from-einvoice`.

use super::args::{date_ts, parse_date};
use crate::errors::CliError;
use crate::output::{OutputFormat, Report};
use anyhow::{anyhow, Context as _, Result};
use autofactor_client::ix::NewInvoice;
use autofactor_einvoice::{EInvoice, EInvoiceError, MetadataOptions, ParseOptions, Party};
use clap::{Args, Subcommand};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// `autofactor einvoice ...`
#[derive(Subcommand, Debug)]
pub enum EinvoiceCmd {
    /// Parses a UBL 2.1 or CII e-invoice and prints its terms and document
    /// hash (no chain access). JSON: the parser's shape.
    Show {
        /// The e-invoice file.
        file: PathBuf,
        /// Due date to use when the document states none (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        due_date: Option<chrono::NaiveDate>,
    },
}

/// Runs an `einvoice` command.
pub fn run(_format: OutputFormat, cmd: EinvoiceCmd) -> Result<Report> {
    match cmd {
        EinvoiceCmd::Show { file, due_date } => {
            let bytes = read(&file)?;
            let inv = parse(&bytes, due_date)?;
            Ok(serde_json::to_value(&inv).context("serialising the e-invoice")?.into())
        }
    }
}

fn read(file: &Path) -> Result<Vec<u8>> {
    std::fs::read(file)
        .map_err(|e| anyhow!(CliError::new("io_error", format!("cannot read {}: {e}", file.display()))))
}

/// The parser's error as a [`CliError`] carrying its stable code.
pub fn einvoice_error(e: &EInvoiceError) -> CliError {
    CliError::new(e.code(), e.to_string())
}

fn parse(bytes: &[u8], due_date: Option<chrono::NaiveDate>) -> Result<EInvoice> {
    autofactor_einvoice::parse_with(bytes, &ParseOptions { due_date })
        .map_err(|e| anyhow!(einvoice_error(&e)))
}

/// Invoice terms read from a file (and flags): the program's
/// [`NewInvoice`] (the document hash is the SHA-256 of the exact file
/// bytes) and where they came from.
#[derive(Debug, Clone)]
pub struct FileTerms {
    /// The terms `invoice_create` takes.
    pub invoice: NewInvoice,
    /// Where the metadata JSON was written (XML e-invoices only).
    pub metadata_path: Option<PathBuf>,
    /// `xml` or `pdf`.
    pub source: &'static str,
    /// Seller and buyer as the e-invoice names them (XML only).
    pub parties: Option<(Party, Party)>,
}

/// `invoice create` flags that complete or override what a file says.
#[derive(Args, Debug, Clone, Default)]
pub struct TermFlags {
    /// Face amount in currency units, e.g. 1656.25 (PDF only).
    #[arg(long)]
    pub amount: Option<String>,
    /// ISO 4217 currency (PDF only).
    #[arg(long)]
    pub currency: Option<String>,
    /// Issue date YYYY-MM-DD (PDF; overrides the document's for XML).
    #[arg(long, value_parser = parse_date)]
    pub issue_date: Option<chrono::NaiveDate>,
    /// Due date YYYY-MM-DD (PDF; overrides the document's for XML).
    #[arg(long, value_parser = parse_date)]
    pub due_date: Option<chrono::NaiveDate>,
    /// Invoice number (PDF; overrides the document's for XML).
    #[arg(long)]
    pub invoice_number: Option<String>,
    /// Metadata URI of the asset [default: file://<metadata-out>].
    #[arg(long)]
    pub metadata_uri: Option<String>,
    /// Where to write the metadata JSON [default: <FILE>.metadata.json].
    #[arg(long)]
    pub metadata_out: Option<PathBuf>,
}

fn currency_code(s: &str) -> Result<[u8; 3]> {
    autofactor_client::format::currency_code(s).map_err(|e| anyhow!(CliError::new("invalid_currency", e)))
}

/// Reads the terms of `file`: an XML e-invoice is parsed (flags override the
/// dates), a PDF is hashed and its terms must all be given as flags.
pub fn terms_from_file(file: &Path, flags: &TermFlags) -> Result<FileTerms> {
    let bytes = read(file)?;
    match autofactor_einvoice::parse_with(&bytes, &ParseOptions { due_date: flags.due_date }) {
        Ok(inv) => {
            let meta_path = flags.metadata_out.clone().unwrap_or_else(|| {
                let mut p = file.to_path_buf().into_os_string();
                p.push(".metadata.json");
                PathBuf::from(p)
            });
            let meta = autofactor_einvoice::metadata_json(&inv, &MetadataOptions::default());
            let text = serde_json::to_string_pretty(&meta).context("serialising metadata")?;
            std::fs::write(&meta_path, text)
                .with_context(|| format!("cannot write {}", meta_path.display()))?;
            let abs = std::fs::canonicalize(&meta_path).unwrap_or_else(|_| meta_path.clone());
            let metadata_uri =
                flags.metadata_uri.clone().unwrap_or_else(|| format!("file://{}", abs.display()));
            Ok(FileTerms {
                invoice: NewInvoice {
                    face_minor: inv.amount_minor,
                    currency: currency_code(&inv.currency)?,
                    issue_ts: date_ts(flags.issue_date.unwrap_or(inv.issue_date)),
                    due_ts: date_ts(inv.due_date),
                    document_hash: inv.document_sha256,
                    invoice_number: flags.invoice_number.clone().unwrap_or(inv.invoice_number),
                    metadata_uri,
                },
                metadata_path: Some(meta_path),
                source: "xml",
                parties: Some((inv.seller, inv.buyer)),
            })
        }
        Err(EInvoiceError::Pdf { document_sha256 }) => {
            let missing: Vec<&str> = [
                ("--amount", flags.amount.is_none()),
                ("--currency", flags.currency.is_none()),
                ("--issue-date", flags.issue_date.is_none()),
                ("--due-date", flags.due_date.is_none()),
                ("--invoice-number", flags.invoice_number.is_none()),
                ("--metadata-uri", flags.metadata_uri.is_none()),
            ]
            .into_iter()
            .filter_map(|(f, m)| m.then_some(f))
            .collect();
            if !missing.is_empty() {
                return Err(anyhow!(CliError::new(
                    "pdf_terms_missing",
                    format!(
                        "{} is a PDF: its terms cannot be read from it; give {}",
                        file.display(),
                        missing.join(", ")
                    )
                )));
            }
            let currency = flags.currency.clone().unwrap_or_default();
            let code = currency_code(&currency)?;
            let exp =
                autofactor_einvoice::currency_exponent(&currency.to_ascii_uppercase()).ok_or_else(|| {
                    anyhow!(CliError::new(
                        "unknown_currency",
                        format!("unknown ISO 4217 currency {currency:?}")
                    ))
                })?;
            let amount = flags.amount.clone().unwrap_or_default();
            let minor = autofactor_einvoice::decimal_to_minor_units(&amount, exp)
                .map_err(|e| anyhow!(CliError::new("invalid_amount", format!("--amount {amount:?}: {e}"))))?;
            let face_minor = u64::try_from(minor).ok().filter(|m| *m > 0).ok_or_else(|| {
                anyhow!(CliError::new(
                    "non_positive_amount",
                    format!("--amount {amount}: only a positive amount can be financed")
                ))
            })?;
            Ok(FileTerms {
                invoice: NewInvoice {
                    face_minor,
                    currency: code,
                    issue_ts: flags.issue_date.map(date_ts).unwrap_or_default(),
                    due_ts: flags.due_date.map(date_ts).unwrap_or_default(),
                    document_hash: document_sha256,
                    invoice_number: flags.invoice_number.clone().unwrap_or_default(),
                    metadata_uri: flags.metadata_uri.clone().unwrap_or_default(),
                },
                metadata_path: None,
                source: "pdf",
                parties: None,
            })
        }
        Err(e) => Err(anyhow!(einvoice_error(&e))),
    }
}

/// The legal identifiers an e-invoice gives for a party, in the program's
/// canonical entity-id form (`autofactor_client::canonical`): the legal
/// registration id (BT-30/BT-47), the electronic address (BT-34/BT-49) and
/// the other party identifiers (BT-29/BT-46) when their scheme is an ISO 6523
/// ICD, and the VAT id (BT-31/BT-48) as `VAT:…`. Identifiers without a
/// scheme, or that the rule refuses, are left out.
pub fn party_entity_ids(p: &Party) -> Vec<String> {
    use autofactor_client::canonical::canonical_entity_id;
    let mut ids: Vec<String> = Vec::new();
    let schemed = p.legal_registration_id.iter().chain(p.endpoint_id.iter()).chain(p.identifiers.iter());
    let raw = schemed
        .filter_map(|i| i.scheme.as_ref().map(|s| format!("{}:{}", s.trim(), i.value)))
        .chain(p.vat_id.iter().map(|v| format!("VAT:{v}")));
    for id in raw {
        if let Ok(c) = canonical_entity_id(&id) {
            if !ids.contains(&c) {
                ids.push(c);
            }
        }
    }
    ids
}

/// Checks an e-invoice's seller and buyer against the entity ids of the
/// supplier's and buyer's identity records (canonical; empty when the
/// record has none or is missing). Returns the `entity_check`; a
/// mismatch is an `entity_mismatch` error naming both sides unless
/// `allow_mismatch` (then the check says `overridden`). PDFs carry no
/// identifiers: `not_applicable`.
pub fn check_entities(
    t: &FileTerms,
    supplier_entity_id: &str,
    buyer_entity_id: &str,
    allow_mismatch: bool,
) -> Result<EntityCheck> {
    let Some((seller, buyer)) = &t.parties else {
        return Ok(EntityCheck { seller: None, buyer: None, result: "not_applicable" });
    };
    let mut problems = Vec::new();
    let mut sides = Vec::new();
    for (role, party, record_role, record_id) in
        [("seller", seller, "supplier", supplier_entity_id), ("buyer", buyer, "buyer", buyer_entity_id)]
    {
        let ids = party_entity_ids(party);
        let matched = !record_id.is_empty() && ids.iter().any(|i| i == record_id);
        if !matched {
            let doc = if ids.is_empty() { "no legal identifier".to_string() } else { ids.join(", ") };
            let rec = if record_id.is_empty() { "no entity id" } else { record_id };
            problems.push(format!(
                "the document's {role} {:?} is {doc}, but the {record_role}'s identity record is {rec}",
                party.name
            ));
        }
        sides.push(PartyCheck { document_ids: ids, record_entity_id: record_id.to_string(), matched });
    }
    if !problems.is_empty() && !allow_mismatch {
        return Err(anyhow!(CliError::new(
            "entity_mismatch",
            format!(
                "{}; nothing was sent (pass --allow-entity-mismatch to originate anyway)",
                problems.join("; ")
            )
        )));
    }
    let mut sides = sides.into_iter();
    Ok(EntityCheck {
        seller: sides.next(),
        buyer: sides.next(),
        result: if problems.is_empty() { "matched" } else { "overridden" },
    })
}

/// The e-invoice's parties against the identity records (`entity_check`
/// in `invoice create`'s result).
#[derive(Debug, Serialize)]
pub struct EntityCheck {
    /// The seller against the supplier's record (XML only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seller: Option<PartyCheck>,
    /// The buyer against the buyer's record (XML only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub buyer: Option<PartyCheck>,
    /// `matched`, `overridden` or `not_applicable`.
    pub result: &'static str,
}

/// One party of an e-invoice against an identity record.
#[derive(Debug, Serialize)]
pub struct PartyCheck {
    /// The document's identifiers (canonical entity ids).
    pub document_ids: Vec<String>,
    /// The record's entity id ("" when none).
    pub record_entity_id: String,
    /// Whether one of them is the record's.
    pub matched: bool,
}
