//! The demo's invoices: one or more at every lifecycle stage — Created,
//! Acknowledged, Disputed, Verified, Financed, PartiallyRepaid, Late,
//! Defaulted, Repaid (not yet settled), settled and cancelled — in USD,
//! EUR, NOK, JPY, GBP and SEK, made with the program's own instructions
//! (`autofactor_client::ix`), non-USD ones valued with the local Pyth feeds.
//!
//! Late and defaulted invoices need time to pass (due + grace days, due +
//! write-off days), so the whole seed runs on a clock in the past: before
//! the run's first transaction the seed sets the chain's clock offset to
//! −[`SEED_DAYS_AGO`] days ([`crate::chain::ChainHandle::set_clock_offset`]),
//! sets the protocol and pool up, and then moves the clock forward through
//! the phases of [`PHASES`] — each step a new slot with the clock at the new
//! time and FX prices republished with it — ending at wall time (offset 0).
//!
//! | phase (days before now) | what happens |
//! |---|---|
//! | 130 | protocol, pool, junior deposits; AF-1001 (EUR, due in 30 days) and AF-1002 (NOK, due in 60 days) are financed |
//! | 90 | AF-1001 is past due + grace: `invoice_mark_late` → Late |
//! | 8 | AF-1001 is past the write-off horizon: `invoice_write_down` → Defaulted; AF-1002 → Late; senior deposits; AF-1003 (USD) and AF-1004 (JPY) are financed |
//! | 0 | AF-1003 repaid in full (Repaid); AF-1004 repaid and settled (closed); AF-1005 financed; AF-1006 financed and partly repaid; AF-1007 … AF-1011 originated (Created, Acknowledged, Disputed, Verified, cancelled) |

use crate::pyth;
use crate::seeder::Seeder;
use anyhow::Context as _;
use autofactor_client::format;
use autofactor_client::ix::{self, InvoiceKeys, NewInvoice, PoolKeys, Prices};
use autofactor_client::pda;
use autofactor_client::state::{iso_date, InvoiceStatus, Tranche};
use serde::{Deserialize, Serialize};
use sha2::Digest as _;
use solana_sdk::hash::hashv;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

/// How many days before wall time the demo seed's clock starts.
pub const SEED_DAYS_AGO: i64 = 130;
/// The clock phases of the seed, in days before wall time.
pub const PHASES: [i64; 4] = [SEED_DAYS_AGO, 90, 8, 0];
const DAY: i64 = 86_400;

/// Where a demo invoice was left: its account open in one of the program's
/// statuses, or closed. Written to the manifest as the status's name
/// (`"Financed"`), `"Settled"` or `"Cancelled"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Stage {
    /// The invoice account is open, in this status.
    Open(InvoiceStatus),
    /// Paid and settled: invoice account closed, asset burned, registry
    /// entries kept (the document and number stay used).
    Settled,
    /// Cancelled by the supplier: invoice account and registry entries
    /// closed, asset burned.
    Cancelled,
}

impl Stage {
    /// Every stage of the demo, in lifecycle order.
    pub const ALL: [Stage; 11] = [
        Stage::Open(InvoiceStatus::Created),
        Stage::Open(InvoiceStatus::Acknowledged),
        Stage::Open(InvoiceStatus::Disputed),
        Stage::Open(InvoiceStatus::Verified),
        Stage::Open(InvoiceStatus::Financed),
        Stage::Open(InvoiceStatus::PartiallyRepaid),
        Stage::Open(InvoiceStatus::Late),
        Stage::Open(InvoiceStatus::Defaulted),
        Stage::Open(InvoiceStatus::Repaid),
        Stage::Settled,
        Stage::Cancelled,
    ];

    /// The invoice account's status at this stage (`None`: account closed).
    pub fn status(self) -> Option<InvoiceStatus> {
        match self {
            Stage::Open(status) => Some(status),
            Stage::Settled | Stage::Cancelled => None,
        }
    }

    /// The manifest's name of the stage.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Open(status) => status.name(),
            Stage::Settled => "Settled",
            Stage::Cancelled => "Cancelled",
        }
    }

    fn at_least(self, other: Stage) -> bool {
        // Financing-side stages all pass through Verified; Disputed and
        // Cancelled branch off after creation.
        let rank = |s: Stage| match s {
            Stage::Open(InvoiceStatus::Created | InvoiceStatus::Disputed) | Stage::Cancelled => 0,
            Stage::Open(InvoiceStatus::Acknowledged) => 1,
            Stage::Open(InvoiceStatus::Verified) => 2,
            _ => 3,
        };
        rank(self) >= rank(other)
    }
}

impl From<Stage> for String {
    fn from(stage: Stage) -> String {
        stage.name().to_string()
    }
}

impl TryFrom<String> for Stage {
    type Error = String;

    fn try_from(name: String) -> Result<Stage, String> {
        Stage::ALL
            .into_iter()
            .find(|s| s.name() == name)
            .ok_or_else(|| format!("unknown demo stage {name:?}"))
    }
}

/// One demo invoice, as written to the manifest.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoInvoice {
    /// The supplier's invoice number.
    pub number: String,
    /// Where it was left.
    pub stage: Stage,
    /// ISO 4217 code.
    pub currency: String,
    /// Face amount in minor units.
    pub face_minor: u64,
    /// Minor-unit decimals of the currency.
    pub decimals: u8,
    /// Minor units repaid.
    pub repaid_minor: u64,
    /// USDC advanced to the supplier (micro-USDC; 0 if not financed).
    pub advance_usdc: u64,
    /// Supplier wallet name.
    pub supplier: String,
    /// Buyer wallet name.
    pub buyer: String,
    /// Invoice account (closed when settled or cancelled).
    pub invoice: String,
    /// Metaplex Core asset (burned when settled or cancelled).
    pub asset: String,
    /// Document registry entry (kept when settled, closed when cancelled).
    pub document_entry: String,
    /// Invoice-number registry entry (likewise).
    pub number_entry: String,
    /// Issue date (unix seconds).
    pub issue_ts: i64,
    /// Due date (unix seconds).
    pub due_ts: i64,
    /// SHA-256 of the invoice's e-invoice document (its on-chain
    /// `document_hash`), 64 hex digits.
    #[serde(default)]
    pub document_sha256: String,
    /// The e-invoice (UBL 2.1 XML), relative to the keys directory
    /// (`documents/<number>.xml`).
    #[serde(default)]
    pub document_file: String,
    /// The Core asset's URI: the metadata JSON the demo's API serves
    /// (`<api>/metadata/<sha256>.json`).
    #[serde(default)]
    pub metadata_uri: String,
}

impl DemoInvoice {
    /// The face amount in major units, e.g. `85,000.00 EUR`.
    pub fn face(&self) -> String {
        format::money(self.face_minor, self.decimals, &self.currency)
    }
}

struct Plan {
    number: &'static str,
    stage: Stage,
    currency: &'static str,
    /// Face in major units.
    face: u64,
    supplier: &'static str,
    buyer: &'static str,
    /// Attested credit score.
    score: u16,
    /// Due this many days after origination.
    due_days: i64,
}

// A table row: the arguments are the columns.
#[allow(clippy::too_many_arguments)]
const fn plan(
    number: &'static str,
    stage: Stage,
    currency: &'static str,
    face: u64,
    supplier: &'static str,
    buyer: &'static str,
    score: u16,
    due_days: i64,
) -> Plan {
    Plan { number, stage, currency, face, supplier, buyer, score, due_days }
}

const S1: &str = "supplier-1";
const S2: &str = "supplier-2";
const B1: &str = "buyer-1";
const B2: &str = "buyer-2";

/// The part of AF-1006 (NOK) repaid.
const PARTIAL_REPAYMENT: u64 = 400_000;

const PLANS: &[Plan] = &[
    plan("AF-1001", Stage::Open(InvoiceStatus::Defaulted), "EUR", 20_000, S1, B2, 560, 30),
    plan("AF-1002", Stage::Open(InvoiceStatus::Late), "NOK", 900_000, S2, B1, 700, 60),
    plan("AF-1003", Stage::Open(InvoiceStatus::Repaid), "USD", 120_000, S1, B1, 820, 30),
    plan("AF-1004", Stage::Settled, "JPY", 15_000_000, S2, B2, 760, 45),
    plan("AF-1005", Stage::Open(InvoiceStatus::Financed), "EUR", 85_000, S1, B2, 810, 60),
    plan("AF-1006", Stage::Open(InvoiceStatus::PartiallyRepaid), "NOK", 1_200_000, S2, B1, 680, 45),
    plan("AF-1007", Stage::Open(InvoiceStatus::Created), "USD", 42_500, S1, B1, 0, 30),
    plan("AF-1008", Stage::Open(InvoiceStatus::Acknowledged), "JPY", 6_800_000, S2, B2, 0, 50),
    plan("AF-1009", Stage::Open(InvoiceStatus::Disputed), "GBP", 18_000, S1, B2, 0, 30),
    plan("AF-1010", Stage::Open(InvoiceStatus::Verified), "SEK", 350_000, S2, B1, 730, 40),
    plan("AF-1011", Stage::Cancelled, "USD", 9_900, S1, B1, 0, 30),
];

fn decimals(currency: &str) -> u8 {
    pyth::feed_for_currency(currency).map(|f| f.minor_decimals()).unwrap_or(2)
}

/// The price accounts an invoice in `currency` needs (none for USD).
pub fn prices(currency: &str) -> Prices {
    Prices { fx: pyth::feed_for_currency(currency).map(|f| (f.code(), f.address())), usdc: None }
}

struct Live {
    plan: &'static Plan,
    keys: InvoiceKeys,
    terms: NewInvoice,
    /// The e-invoice whose SHA-256 is `terms.document_hash`.
    document: Vec<u8>,
    repaid_minor: u64,
    advance_usdc: u64,
}

struct Invoicer<'a, 'b> {
    s: &'a Seeder<'b>,
    pool: PoolKeys,
    live: Vec<Live>,
    /// Base URL of the API that serves the documents' metadata.
    api_url: &'a str,
}

/// The legal name the demo's e-invoices give a wallet.
fn legal_name(wallet: &str) -> &'static str {
    match wallet {
        "supplier-1" => "Fjordline Components AS",
        "supplier-2" => "Rheintal Maschinenbau GmbH",
        "buyer-1" => "Svensk Handelsgrupp AB",
        "buyer-2" => "Kansai Trading K.K.",
        _ => "Autofactor Demo",
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A UBL 2.1 party: its name, country and legal identifier (an ISO 6523
/// `ICD:number` as `CompanyID@schemeID`, a `LEI:` as scheme 0199, a `VAT:`
/// number as the party's VAT registration).
fn ubl_party(name: &str, country: &str, entity_id: &str) -> String {
    let name = xml_escape(name);
    let (legal_id, tax) = match entity_id.split_once(':') {
        Some(("VAT", n)) => (
            String::new(),
            format!(
                "<cac:PartyTaxScheme><cbc:CompanyID>{}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>",
                xml_escape(n)
            ),
        ),
        Some(("LEI", n)) => (format!("<cbc:CompanyID schemeID=\"0199\">{}</cbc:CompanyID>", xml_escape(n)), String::new()),
        Some((icd, n)) => {
            (format!("<cbc:CompanyID schemeID=\"{}\">{}</cbc:CompanyID>", xml_escape(icd), xml_escape(n)), String::new())
        }
        None => (String::new(), String::new()),
    };
    format!(
        "<cac:Party><cac:PartyName><cbc:Name>{name}</cbc:Name></cac:PartyName>\
         <cac:PostalAddress><cac:Country><cbc:IdentificationCode>{country}</cbc:IdentificationCode></cac:Country></cac:PostalAddress>\
         {tax}<cac:PartyLegalEntity><cbc:RegistrationName>{name}</cbc:RegistrationName>{legal_id}</cac:PartyLegalEntity></cac:Party>"
    )
}

/// The demo invoice's e-invoice: a UBL 2.1 Invoice (Peppol BIS Billing 3.0
/// shape) with its number, dates (the UTC days of `issue_ts` and `due_ts`),
/// currency, amount due and both parties.
#[allow(clippy::too_many_arguments)]
pub fn ubl_document(
    number: &str,
    issue_ts: i64,
    due_ts: i64,
    currency: &str,
    face_minor: u64,
    decimals: u8,
    seller: (&str, &str, &str),
    buyer: (&str, &str, &str),
) -> String {
    let amount = format::decimal(face_minor, decimals);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" \
xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\" \
xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n\
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>\n\
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>\n\
  <cbc:ID>{number}</cbc:ID>\n\
  <cbc:IssueDate>{issue}</cbc:IssueDate>\n\
  <cbc:DueDate>{due}</cbc:DueDate>\n\
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>\n\
  <cbc:Note>Autofactor localnet demo invoice</cbc:Note>\n\
  <cbc:DocumentCurrencyCode>{currency}</cbc:DocumentCurrencyCode>\n\
  <cac:AccountingSupplierParty>{seller}</cac:AccountingSupplierParty>\n\
  <cac:AccountingCustomerParty>{buyer}</cac:AccountingCustomerParty>\n\
  <cac:LegalMonetaryTotal>\n\
    <cbc:LineExtensionAmount currencyID=\"{currency}\">{amount}</cbc:LineExtensionAmount>\n\
    <cbc:TaxExclusiveAmount currencyID=\"{currency}\">{amount}</cbc:TaxExclusiveAmount>\n\
    <cbc:TaxInclusiveAmount currencyID=\"{currency}\">{amount}</cbc:TaxInclusiveAmount>\n\
    <cbc:PayableAmount currencyID=\"{currency}\">{amount}</cbc:PayableAmount>\n\
  </cac:LegalMonetaryTotal>\n\
</Invoice>\n",
        number = xml_escape(number),
        issue = iso_date(issue_ts),
        due = iso_date(due_ts),
        seller = ubl_party(seller.0, seller.1, seller.2),
        buyer = ubl_party(buyer.0, buyer.1, buyer.2),
    )
}

impl Invoicer<'_, '_> {
    fn plan(number: &str) -> &'static Plan {
        // Numbers are the fixed list in `PLANS`.
        PLANS.iter().find(|p| p.number == number).unwrap_or(&PLANS[0])
    }

    fn get(&self, number: &str) -> anyhow::Result<&Live> {
        self.live.iter().find(|l| l.plan.number == number).with_context(|| format!("{number} not originated"))
    }

    fn get_mut(&mut self, number: &str) -> anyhow::Result<&mut Live> {
        self.live
            .iter_mut()
            .find(|l| l.plan.number == number)
            .with_context(|| format!("{number} not originated"))
    }

    /// Moves the clock to `days_ago` days before wall time.
    async fn clock(&self, days_ago: i64) -> anyhow::Result<()> {
        self.s
            .chain
            .set_clock_offset(-days_ago * DAY)
            .await
            .with_context(|| format!("clock to now − {days_ago} days"))?;
        Ok(())
    }

    /// Originates an invoice and takes it as far as its stage needs before
    /// time passes: acknowledged, disputed, attested, financed.
    async fn originate(&mut self, number: &str) -> anyhow::Result<()> {
        let p = Self::plan(number);
        let s = self.s;
        let now = s.now().await;
        let dec = decimals(p.currency);
        let (face_minor, issue_ts, due_ts) =
            (p.face * 10u64.pow(dec as u32), now - 2 * DAY, now + p.due_days * DAY);
        // The invoice's e-invoice: its hash goes on chain, its metadata is
        // served by the demo's API (the indexer stores the document when it
        // starts, through the same origination path as an upload).
        let party = |wallet: &str| {
            let w = s.wallet(wallet);
            (legal_name(wallet), std::str::from_utf8(&w.jurisdiction).unwrap_or("NO"), w.entity_id)
        };
        let document = ubl_document(
            p.number,
            issue_ts,
            due_ts,
            p.currency,
            face_minor,
            dec,
            party(p.supplier),
            party(p.buyer),
        )
        .into_bytes();
        let document_hash: [u8; 32] = sha2::Sha256::digest(&document).into();
        let terms = NewInvoice {
            face_minor,
            currency: format::currency_code(p.currency).map_err(anyhow::Error::msg)?,
            issue_ts,
            due_ts,
            document_hash,
            invoice_number: p.number.to_string(),
            metadata_uri: format!(
                "{}/metadata/{}.json",
                self.api_url.trim_end_matches('/'),
                hex_string(&document_hash)
            ),
        };
        let asset = Keypair::new();
        let keys = InvoiceKeys::new(
            self.pool,
            asset.pubkey(),
            s.key(p.supplier),
            s.key(p.buyer),
            s.entity(p.supplier),
            s.entity(p.buyer),
        );
        let supplier = s.kp(p.supplier);
        let buyer = s.kp(p.buyer);
        s.send(
            &format!("invoice_create {number}"),
            &[ix::invoice_create(&keys, &terms)],
            &[supplier, &asset],
        )
        .await?;
        if p.stage == Stage::Open(InvoiceStatus::Disputed) {
            let reason = hashv(&[b"goods not delivered as ordered: ", p.number.as_bytes()]).to_bytes();
            s.send(&format!("invoice_dispute {number}"), &[ix::invoice_dispute(&keys, reason)], &[buyer])
                .await?;
        }
        if p.stage.at_least(Stage::Open(InvoiceStatus::Acknowledged)) {
            s.send(&format!("invoice_acknowledge {number}"), &[ix::invoice_acknowledge(&keys)], &[buyer])
                .await?;
        }
        if p.stage.at_least(Stage::Open(InvoiceStatus::Verified)) {
            let proof = hashv(&[b"delivery proof of ", p.number.as_bytes()]).to_bytes();
            let verifier = s.kp("verifier");
            s.send(
                &format!("invoice_attest {number}"),
                &[ix::invoice_attest(&keys, &verifier.pubkey(), proof, p.score)],
                &[verifier],
            )
            .await?;
        }
        let mut advance_usdc = 0;
        if p.stage.at_least(Stage::Open(InvoiceStatus::Financed)) {
            let supplier_usdc = self.pool.usdc_ata(&keys.supplier);
            let before = self.token_amount(&supplier_usdc).await;
            s.send(
                &format!("invoice_finance {number}"),
                &[ix::invoice_finance_with(&keys, 0, &prices(p.currency))],
                &[supplier],
            )
            .await?;
            advance_usdc = self.token_amount(&supplier_usdc).await.saturating_sub(before);
        }
        self.live.push(Live { plan: p, keys, terms, document, repaid_minor: 0, advance_usdc });
        Ok(())
    }

    async fn token_amount(&self, account: &Pubkey) -> u64 {
        self.s
            .chain
            .account(account)
            .await
            .and_then(|a| crate::token::token_account(&a))
            .map(|t| t.amount)
            .unwrap_or(0)
    }

    /// The buyer pays `amount_minor` (everything outstanding when `None`).
    async fn repay(&mut self, number: &str, amount_minor: Option<u64>) -> anyhow::Result<()> {
        let s = self.s;
        let l = self.get(number)?;
        let amount = amount_minor.unwrap_or(l.terms.face_minor - l.repaid_minor);
        let buyer = s.kp(l.plan.buyer);
        let ixs =
            [ix::invoice_repay_with(&l.keys, &buyer.pubkey(), amount, u64::MAX, &prices(l.plan.currency))];
        s.send(&format!("invoice_repay {number}"), &ixs, &[buyer]).await?;
        self.get_mut(number)?.repaid_minor += amount;
        Ok(())
    }

    /// A keeper instruction paid and signed by the admin.
    async fn keeper(
        &self,
        what: &str,
        number: &str,
        make: fn(&InvoiceKeys, &Pubkey) -> solana_sdk::instruction::Instruction,
    ) -> anyhow::Result<()> {
        let l = self.get(number)?;
        let admin = self.s.key("admin");
        self.s.send(&format!("{what} {number}"), &[make(&l.keys, &admin)], &[]).await?;
        Ok(())
    }

    async fn cancel(&self, number: &str) -> anyhow::Result<()> {
        let l = self.get(number)?;
        let ixs = [ix::invoice_cancel(&l.keys, &l.terms.document_hash, &l.terms.invoice_number)];
        self.s.send(&format!("invoice_cancel {number}"), &ixs, &[self.s.kp(l.plan.supplier)]).await?;
        Ok(())
    }
}

/// Runs the invoice scenario (the clock is at −[`SEED_DAYS_AGO`] days when
/// called, and at wall time when it returns).
pub(crate) async fn seed(
    s: &Seeder<'_>,
    pool: PoolKeys,
    api_url: &str,
) -> anyhow::Result<Vec<(DemoInvoice, Vec<u8>)>> {
    let mut inv = Invoicer { s, pool, live: Vec::new(), api_url };

    // Phase 1 (130 days ago): two invoices that will go bad are financed.
    inv.originate("AF-1001").await?;
    inv.originate("AF-1002").await?;

    // Phase 2 (90 days ago): AF-1001 is 40 days overdue.
    inv.clock(PHASES[1]).await?;
    inv.keeper("invoice_mark_late", "AF-1001", ix::invoice_mark_late).await?;

    // Phase 3 (8 days ago): AF-1001 is past the write-off horizon, AF-1002
    // overdue; the senior investors deposit; two invoices that will be
    // paid are financed.
    inv.clock(PHASES[2]).await?;
    inv.keeper("invoice_write_down", "AF-1001", ix::invoice_write_down).await?;
    inv.keeper("invoice_mark_late", "AF-1002", ix::invoice_mark_late).await?;
    // The senior investors join (the junior tranche took the losses).
    s.deposits(&pool, Tranche::Senior).await?;
    inv.originate("AF-1003").await?;
    inv.originate("AF-1004").await?;

    // Phase 4 (now): repayments, a settlement, the current book and the
    // pipeline.
    inv.clock(PHASES[3]).await?;
    inv.repay("AF-1003", None).await?;
    inv.repay("AF-1004", None).await?;
    inv.keeper("invoice_settle", "AF-1004", ix::invoice_settle).await?;
    inv.originate("AF-1005").await?;
    inv.originate("AF-1006").await?;
    inv.repay("AF-1006", Some(PARTIAL_REPAYMENT * 10u64.pow(decimals("NOK") as u32))).await?;
    for number in ["AF-1007", "AF-1008", "AF-1009", "AF-1010", "AF-1011"] {
        inv.originate(number).await?;
    }
    inv.cancel("AF-1011").await?;

    Ok(inv
        .live
        .iter()
        .map(|l| {
            (
                DemoInvoice {
                    number: l.plan.number.to_string(),
                    stage: l.plan.stage,
                    currency: l.plan.currency.to_string(),
                    face_minor: l.terms.face_minor,
                    decimals: decimals(l.plan.currency),
                    repaid_minor: l.repaid_minor,
                    advance_usdc: l.advance_usdc,
                    supplier: l.plan.supplier.to_string(),
                    buyer: l.plan.buyer.to_string(),
                    invoice: l.keys.invoice.to_string(),
                    asset: l.keys.asset.to_string(),
                    document_entry: pda::document_entry(&l.terms.document_hash).to_string(),
                    number_entry: pda::number_entry(&l.keys.supplier_entity, &l.terms.invoice_number)
                        .to_string(),
                    issue_ts: l.terms.issue_ts,
                    due_ts: l.terms.due_ts,
                    document_sha256: hex_string(&l.terms.document_hash),
                    document_file: document_file(l.plan.number),
                    metadata_uri: l.terms.metadata_uri.clone(),
                },
                l.document.clone(),
            )
        })
        .collect())
}

/// Where a demo invoice's e-invoice is written, relative to the keys
/// directory.
pub fn document_file(number: &str) -> String {
    format!("documents/{number}.xml")
}

fn hex_string(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_is_planned_once() {
        for stage in Stage::ALL {
            assert_eq!(PLANS.iter().filter(|p| p.stage == stage).count(), 1, "{stage:?}");
        }
    }

    #[test]
    fn stages_are_written_by_name() {
        for stage in Stage::ALL {
            let json = serde_json::to_value(stage).unwrap();
            assert_eq!(json, stage.name());
            assert_eq!(serde_json::from_value::<Stage>(json).unwrap(), stage);
        }
        assert_eq!(
            serde_json::to_value(Stage::Open(InvoiceStatus::PartiallyRepaid)).unwrap(),
            "PartiallyRepaid"
        );
        assert_eq!(serde_json::to_value(Stage::Settled).unwrap(), "Settled");
        assert!(serde_json::from_value::<Stage>("Closed".into()).is_err());
    }
}
