//! After `--demo` startup a client reads back, over JSON-RPC, invoices at
//! every lifecycle stage in several currencies: getProgramAccounts with the
//! Invoice discriminator, decoded with the client's own types; settled and
//! cancelled invoices are checked through their registry entries and
//! burned assets. The seed's clock ran in the past and ends at wall time.

mod common;

use anchor_lang::Discriminator as _;
use autofactor_client::state::{Invoice, InvoiceStatus, RegistryEntry};
use autofactor_client::{decode, pda};
use autofactor_localnet::demo_invoices::{DemoInvoice, Stage, SEED_DAYS_AGO};
use autofactor_localnet::Config;
use common::{program_accounts, wall_clock, TestChain};
use solana_commitment_config::CommitmentConfig;
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_rpc_client_api::filter::{Memcmp, RpcFilterType};
use solana_sdk::pubkey::Pubkey;
use std::collections::{BTreeMap, BTreeSet};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_seeds_invoices_at_every_stage_in_several_currencies() {
    let chain = TestChain::start("demo-invoices", Config { demo: true, ..Config::default() }).await;
    let (net, rpc, keys_dir) = (&chain.net, &chain.rpc, chain.config.keys_dir());
    // The banner's demo summary (shown with `--nocapture`).
    net.demo.as_ref().expect("the demo info").print();

    // Every invoice account of the program, by discriminator.
    let invoices = invoice_accounts(rpc).await;
    let mut statuses: BTreeMap<String, usize> = BTreeMap::new();
    let mut currencies = BTreeSet::new();
    for inv in invoices.values() {
        *statuses.entry(format!("{:?}", inv.status)).or_default() += 1;
        currencies.insert(String::from_utf8(inv.currency.to_vec()).unwrap());
    }
    for status in [
        InvoiceStatus::Created,
        InvoiceStatus::Acknowledged,
        InvoiceStatus::Disputed,
        InvoiceStatus::Verified,
        InvoiceStatus::Financed,
        InvoiceStatus::PartiallyRepaid,
        InvoiceStatus::Late,
        InvoiceStatus::Defaulted,
        InvoiceStatus::Repaid,
    ] {
        assert!(statuses.contains_key(&format!("{status:?}")), "no {status:?} invoice: {statuses:?}");
    }
    for c in ["USD", "EUR", "NOK", "JPY"] {
        assert!(currencies.contains(c), "no {c} invoice: {currencies:?}");
    }
    assert!(currencies.len() >= 4);

    // The manifest lists every invoice with its stage; open ones match the
    // chain, settled and cancelled ones are closed.
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(keys_dir.join("demo.json")).unwrap()).unwrap();
    let listed: Vec<DemoInvoice> = serde_json::from_value(manifest["invoices"].clone()).unwrap();
    for stage in Stage::ALL {
        assert!(listed.iter().any(|i| i.stage == stage), "manifest has no {stage:?} invoice");
    }
    let key = |s: &str| -> Pubkey { s.parse().unwrap() };
    let exists = |data: Option<Vec<u8>>| data.is_some_and(|d| !d.is_empty());
    for entry in &listed {
        let invoice = key(&entry.invoice);
        match entry.stage.status() {
            Some(status) => {
                let inv = invoices.get(&invoice).unwrap_or_else(|| panic!("{} not on chain", entry.number));
                assert_eq!(inv.status, status, "{}", entry.number);
                assert_eq!(String::from_utf8(inv.currency.to_vec()).unwrap(), entry.currency);
                assert_eq!(inv.face_minor, entry.face_minor);
                assert_eq!(inv.repaid_minor, entry.repaid_minor);
                assert_eq!(inv.asset, key(&entry.asset));
                assert_eq!(invoice, pda::invoice(&inv.asset));
            }
            None => {
                assert!(!invoices.contains_key(&invoice), "{} still open", entry.number);
                let data = |k: Pubkey| {
                    let rpc = &chain.rpc;
                    async move {
                        rpc.get_account_with_commitment(&k, CommitmentConfig::confirmed())
                            .await
                            .unwrap()
                            .value
                            .filter(|a| a.lamports > 0)
                            .map(|a| a.data)
                    }
                };
                assert!(!exists(data(invoice).await), "{} invoice account not closed", entry.number);
                // A burned Core asset is a one-byte `Uninitialized` stub (or gone).
                let asset = data(key(&entry.asset)).await.unwrap_or_default();
                assert!(
                    asset.len() <= 1 && asset.first().copied().unwrap_or(0) == 0,
                    "{} asset not burned",
                    entry.number
                );
                let document = data(key(&entry.document_entry)).await;
                let number = data(key(&entry.number_entry)).await;
                if entry.stage == Stage::Settled {
                    // The registry keeps the document and number used.
                    let doc =
                        decode::account::<RegistryEntry>(&document.expect("document entry kept")).unwrap();
                    assert_eq!(doc.invoice, invoice);
                    let num = decode::account::<RegistryEntry>(&number.expect("number entry kept")).unwrap();
                    assert_eq!(num.invoice, invoice);
                } else {
                    assert!(!exists(document), "{} document entry not closed", entry.number);
                    assert!(!exists(number), "{} number entry not closed", entry.number);
                }
            }
        }
    }

    // The seed ran on a clock in the past and ended at wall time.
    let defaulted = invoices.values().find(|i| i.status == InvoiceStatus::Defaulted).unwrap();
    assert!(defaulted.created_ts <= wall_clock() - (SEED_DAYS_AGO - 1) * 86_400);
    let slot = rpc.get_slot().await.unwrap();
    let clock = net.chain.view().unix_timestamp;
    assert!((clock - wall_clock()).abs() <= 3, "bank clock {clock} is not wall time (slot {slot})");

    // Once transactions have executed, the clock cannot be set back.
    let err = net.chain.set_clock_offset(-86_400).await.unwrap_err();
    assert!(err.to_string().contains("only moves forward"), "{err}");
    let config = chain.stop().await;

    // Restarted on its ledger: the demo is recognised, not seeded again (no
    // clock games), and the manifest still lists the invoices.
    let chain = TestChain::start_with(config).await;
    let demo = chain.net.demo.clone().expect("the demo info");
    assert!(demo.restored);
    assert_eq!(demo.invoices.len(), listed.len());
    let again = invoice_accounts(&chain.rpc).await;
    assert_eq!(again.keys().collect::<Vec<_>>(), invoices.keys().collect::<Vec<_>>());
    assert!((chain.net.chain.view().unix_timestamp - wall_clock()).abs() <= 3);
    chain.finish().await;
}

/// Every invoice account of the program (getProgramAccounts with the
/// Invoice discriminator), decoded.
async fn invoice_accounts(rpc: &RpcClient) -> BTreeMap<Pubkey, Invoice> {
    let of_type = RpcFilterType::Memcmp(Memcmp::new_base58_encoded(0, Invoice::DISCRIMINATOR));
    program_accounts(rpc, vec![of_type])
        .await
        .into_iter()
        .map(|(k, data)| (k, decode::account::<Invoice>(&data).unwrap()))
        .collect()
}
