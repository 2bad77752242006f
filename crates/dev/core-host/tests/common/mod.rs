//! Shared harness for the core-host integration tests: an in-process chain
//! with Metaplex Core registered under the Core id.
//!
//! Without a real Core binary (see `core_host::backend`) the chain is one
//! bank running `core_host::process_instruction`. With one
//! (`AUTOFACTOR_CORE_SO=<path>` or `tests/fixtures/mpl_core.so`) the tests
//! become the differential test: [`Chain`] drives two banks, the host
//! implementation and the real program loaded as BPF, sends every
//! transaction to both, and fails unless both return the same result and
//! leave every account the transaction references (data, lamports, owner)
//! byte-for-byte identical. Every read ([`account`], [`balance`], ...) is
//! compared the same way. The tests' own assertions then hold for both.
//! Known differences are asserted explicitly with [`send_each`].
//! `AUTOFACTOR_CORE=host` runs the host implementation alone.

#![allow(dead_code)]

use core_host::backend::{self, CoreBackend};
use mpl_core::{
    accounts::{BaseAssetV1, BaseCollectionV1},
    errors::MplCoreError,
    instructions::{CreateCollectionV2Builder, CreateV2Builder},
    types::{
        Attribute, Attributes, DataState, PermanentBurnDelegate, PermanentFreezeDelegate,
        PermanentTransferDelegate, Plugin, PluginAuthority, PluginAuthorityPair,
    },
    Asset, Collection,
};
use solana_program_test::{processor, BanksClientError, ProgramTest, ProgramTestContext};
use solana_sdk::{
    account::Account,
    account_info::AccountInfo,
    instruction::{Instruction, InstructionError},
    pubkey::Pubkey,
    signature::Keypair,
    signer::Signer,
    transaction::{Transaction, TransactionError},
};
use solana_system_interface::{instruction as system_instruction, program as system_program};

/// One bank of a [`Chain`].
struct Bank {
    /// `host` or `real`.
    name: &'static str,
    ctx: ProgramTestContext,
}

/// The chain the tests drive: the host implementation's bank, plus the real
/// program's bank when a binary is available.
pub struct Chain {
    /// Fee payer of every transaction and the default Core `payer` (the same
    /// key, funded with the same lamports, in every bank).
    pub payer: Keypair,
    banks: Vec<Bank>,
    /// Transactions sent (to each bank).
    transactions: usize,
    /// Of which succeeded on the host.
    successes: usize,
    /// `Some`: differences are collected here instead of failing at once.
    differences: Option<Vec<String>>,
    /// Prefix of difference messages (the sequence being run).
    label: String,
}

/// Lamports the payer starts with in every bank.
const PAYER_LAMPORTS: u64 = 1_000_000_000_000;

/// The configured backend, announced once per test binary (past the output
/// capture). A binary that is configured but unusable ends the run with the
/// reason.
fn configured_backend() -> CoreBackend {
    static SELECTED: std::sync::OnceLock<CoreBackend> = std::sync::OnceLock::new();
    SELECTED
        .get_or_init(|| {
            use std::io::Write;
            let backend = backend::select().unwrap_or_else(|e| {
                let _ = writeln!(std::io::stderr(), "error: {e}");
                std::process::exit(2)
            });
            let line = match &backend {
                CoreBackend::RealBinary(_) => format!(
                    "differential: host implementation of Metaplex Core (crates/dev/core-host) vs {backend}; \
                     every transaction runs in both banks, results and accounts must match"
                ),
                CoreBackend::HostImplementation(backend::HostReason::Forced) => format!("{backend} only"),
                CoreBackend::HostImplementation(backend::HostReason::NoBinary) => format!(
                    "{backend} only (no real binary; set {}=<path> to compare with the real program)",
                    backend::CORE_SO_ENV
                ),
            };
            let _ = writeln!(std::io::stderr(), "[core-host tests] Metaplex Core: {line}");
            backend
        })
        .clone()
}

/// Whether the tests run against the real program too.
pub fn differential() -> bool {
    configured_backend().is_real()
}

async fn start_bank(name: &'static str, backend: &CoreBackend, payer: &Pubkey) -> Bank {
    let mut program_test = ProgramTest::default();
    program_test.prefer_bpf(false);
    match backend {
        CoreBackend::RealBinary(core) => program_test.add_account(mpl_core::ID, core.program_account()),
        CoreBackend::HostImplementation(_) => {
            program_test.add_program("mpl_core", mpl_core::ID, processor!(core_host::process_instruction))
        }
    }
    let ctx = program_test.start_with_context().await;
    let fund = system_instruction::transfer(&ctx.payer.pubkey(), payer, PAYER_LAMPORTS);
    let tx = Transaction::new_signed_with_payer(
        &[fund],
        Some(&ctx.payer.pubkey()),
        &[&ctx.payer],
        ctx.last_blockhash,
    );
    ctx.banks_client.process_transaction(tx).await.unwrap();
    Bank { name, ctx }
}

/// Start the chain: the host bank, and the real program's bank when a binary
/// is configured.
pub async fn start() -> Chain {
    let payer = Keypair::new();
    let mut banks = vec![
        start_bank("host", &CoreBackend::HostImplementation(backend::HostReason::Forced), &payer.pubkey())
            .await,
    ];
    let configured = configured_backend();
    if configured.is_real() {
        banks.push(start_bank("real", &configured, &payer.pubkey()).await);
    }
    Chain { payer, banks, transactions: 0, successes: 0, differences: None, label: String::new() }
}

/// What each bank returned for the same transaction.
#[derive(Debug)]
pub struct Outcomes {
    /// The host implementation's result.
    pub host: Result<(), TransactionError>,
    /// The real program's result (differential runs only).
    pub real: Option<Result<(), TransactionError>>,
}

fn transaction_result(result: Result<(), BanksClientError>) -> Result<(), TransactionError> {
    result.map_err(|e| match e {
        BanksClientError::TransactionError(e) | BanksClientError::SimulationError { err: e, .. } => e,
        other => panic!("transport error: {other:?}"),
    })
}

/// Describe how two versions of an account differ.
fn account_difference(host: &Option<Account>, real: &Option<Account>) -> Option<String> {
    match (host, real) {
        (None, None) => None,
        (Some(_), None) => Some("exists only on the host".to_owned()),
        (None, Some(_)) => Some("exists only on the real program".to_owned()),
        (Some(h), Some(r)) => {
            let mut parts = vec![];
            if h.lamports != r.lamports {
                parts.push(format!("lamports host {} real {}", h.lamports, r.lamports));
            }
            if h.owner != r.owner {
                parts.push(format!("owner host {} real {}", h.owner, r.owner));
            }
            if h.data != r.data {
                let first = h.data.iter().zip(&r.data).position(|(a, b)| a != b);
                parts.push(format!(
                    "data ({} vs {} bytes, first difference at {:?})\n    host {:?}\n    real {:?}",
                    h.data.len(),
                    r.data.len(),
                    first,
                    h.data,
                    r.data
                ));
            }
            (!parts.is_empty()).then(|| parts.join("; "))
        }
    }
}

impl Chain {
    /// Collect differences (see [`Chain::take_differences`]) instead of
    /// failing at the first one, to report every difference of a matrix.
    pub fn collect_differences(&mut self) {
        self.differences.get_or_insert_with(Vec::new);
    }

    /// The differences collected so far.
    pub fn take_differences(&mut self) -> Vec<String> {
        self.differences.as_mut().map(std::mem::take).unwrap_or_default()
    }

    /// Name the sequence being run, for difference messages.
    pub fn set_label(&mut self, label: impl Into<String>) {
        self.label = label.into();
    }

    /// Transactions sent so far (each to every bank).
    pub fn transactions(&self) -> usize {
        self.transactions
    }

    /// Transactions that succeeded on the host so far.
    pub fn successes(&self) -> usize {
        self.successes
    }

    /// Whether this chain compares the host with the real program.
    pub fn is_differential(&self) -> bool {
        self.banks.len() > 1
    }

    /// Record (or fail with) a difference between the banks.
    fn difference(&mut self, message: String) {
        let message = if self.label.is_empty() { message } else { format!("[{}] {message}", self.label) };
        match &mut self.differences {
            Some(differences) => differences.push(message),
            None => panic!("differential: {message}"),
        }
    }

    /// Send the same transaction to every bank; compare every account it
    /// references (programs excepted) across the banks.
    async fn send_everywhere(
        &mut self,
        payer: &Keypair,
        instructions: &[Instruction],
        signers: &[&Keypair],
        compare_accounts: bool,
    ) -> Outcomes {
        let mut all: Vec<&Keypair> = vec![payer];
        all.extend_from_slice(signers);
        self.transactions += 1;
        let mut results = vec![];
        for bank in &self.banks {
            let blockhash = bank.ctx.banks_client.get_latest_blockhash().await.unwrap();
            let tx = Transaction::new_signed_with_payer(instructions, Some(&payer.pubkey()), &all, blockhash);
            results.push(transaction_result(bank.ctx.banks_client.process_transaction(tx).await));
        }
        let mut keys: Vec<Pubkey> = vec![payer.pubkey()];
        for ix in instructions {
            keys.extend(ix.accounts.iter().map(|meta| meta.pubkey));
        }
        keys.sort();
        keys.dedup();
        if !compare_accounts {
            keys.clear();
        }
        for key in keys {
            self.compared_account(&key, &format!("after {}", describe(instructions))).await;
        }
        self.successes += usize::from(results[0].is_ok());
        let mut results = results.into_iter();
        Outcomes { host: results.next().unwrap(), real: results.next() }
    }

    /// The account in every bank; panics when the banks disagree. Program
    /// accounts (the Core program differs by construction) are not compared.
    async fn compared_account(&mut self, address: &Pubkey, when: &str) -> Option<Account> {
        let mut versions = vec![];
        for bank in &self.banks {
            versions.push(bank.ctx.banks_client.get_account(*address).await.unwrap());
        }
        let host = versions[0].clone();
        if let Some(real) = versions.get(1) {
            let executable = |a: &Option<Account>| a.as_ref().is_some_and(|a| a.executable);
            if *address != mpl_core::ID && !executable(&host) && !executable(real) {
                if let Some(difference) = account_difference(&host, real) {
                    self.difference(format!("account {address} differs {when}: {difference}"));
                }
            }
        }
        host
    }

    /// A value read from every bank; panics when the banks disagree.
    fn compared<T: PartialEq + std::fmt::Debug>(&self, what: &str, values: Vec<T>) -> T {
        if let [host, real] = &values[..] {
            assert_eq!(
                host, real,
                "differential: {what} differs between the host (left) and the real program (right)"
            );
        }
        values.into_iter().next().unwrap()
    }
}

/// Names of the Core instructions of a transaction, for messages.
fn describe(instructions: &[Instruction]) -> String {
    instructions
        .iter()
        .map(|ix| {
            if ix.program_id == mpl_core::ID {
                core_host::decode_instruction_name(&ix.data).unwrap_or("unknown Core instruction").to_owned()
            } else {
                format!("an instruction of {}", ix.program_id)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Send `instructions` paid by the chain payer, signed by the payer and `signers`.
pub async fn send(
    ctx: &mut Chain,
    instructions: &[Instruction],
    signers: &[&Keypair],
) -> Result<(), BanksClientError> {
    let payer = ctx.payer.insecure_clone();
    send_as(ctx, &payer, instructions, signers).await
}

/// Send `instructions` with `payer` as fee payer (plus `signers`). In a
/// differential run both banks must return the same result.
pub async fn send_as(
    ctx: &mut Chain,
    payer: &Keypair,
    instructions: &[Instruction],
    signers: &[&Keypair],
) -> Result<(), BanksClientError> {
    let outcomes = ctx.send_everywhere(payer, instructions, signers, true).await;
    if let Some(real) = &outcomes.real {
        if *real != outcomes.host {
            ctx.difference(format!(
                "{} returned {:?} on the host but {:?} on the real program",
                describe(instructions),
                outcomes.host,
                real
            ));
        }
    }
    outcomes.host.map_err(BanksClientError::TransactionError)
}

/// Send `instructions` (chain payer) to every bank and return each bank's
/// result without comparing results or accounts, for the documented
/// differences: the test asserts what each implementation did.
pub async fn send_each(ctx: &mut Chain, instructions: &[Instruction], signers: &[&Keypair]) -> Outcomes {
    let payer = ctx.payer.insecure_clone();
    ctx.send_everywhere(&payer, instructions, signers, false).await
}

/// Assert the outcome of a documented difference: the host's result, and
/// the real program's in a differential run.
pub fn assert_outcomes(
    outcomes: &Outcomes,
    host: Result<(), TransactionError>,
    real: Result<(), TransactionError>,
) {
    assert_eq!(outcomes.host, host, "host implementation");
    if let Some(actual) = &outcomes.real {
        assert_eq!(*actual, real, "real Metaplex Core program");
    }
}

/// `Err` of instruction 0 failing with `error`.
pub fn failed(error: InstructionError) -> Result<(), TransactionError> {
    Err(TransactionError::InstructionError(0, error))
}

/// The instruction error of a failed single-instruction transaction.
pub fn instruction_error(result: Result<(), BanksClientError>) -> InstructionError {
    match result.expect_err("transaction should fail").unwrap() {
        TransactionError::InstructionError(0, error) => error,
        other => panic!("unexpected transaction error: {other:?}"),
    }
}

/// Assert that the transaction failed with Core error `expected` in instruction 0.
pub fn assert_core_error(result: Result<(), BanksClientError>, expected: MplCoreError) {
    assert_eq!(instruction_error(result), InstructionError::Custom(expected as u32));
}

/// Fund `to` with `lamports` from the chain payer.
pub async fn airdrop(ctx: &mut Chain, to: &Pubkey, lamports: u64) {
    let ix = system_instruction::transfer(&ctx.payer.pubkey(), to, lamports);
    send(ctx, &[ix], &[]).await.unwrap();
}

/// A funded fresh wallet.
pub async fn wallet(ctx: &mut Chain) -> Keypair {
    let keypair = Keypair::new();
    airdrop(ctx, &keypair.pubkey(), 1_000_000_000).await;
    keypair
}

/// Fetch an account that must exist.
pub async fn account(ctx: &mut Chain, address: &Pubkey) -> Account {
    ctx.compared_account(address, "when read").await.expect("account exists")
}

/// Lamport balance (0 if the account does not exist).
pub async fn balance(ctx: &mut Chain, address: &Pubkey) -> u64 {
    ctx.compared_account(address, "when read").await.map_or(0, |a| a.lamports)
}

/// Whether `address` holds no account in any bank.
pub async fn account_is_missing(ctx: &mut Chain, address: &Pubkey) -> bool {
    ctx.compared_account(address, "when read").await.is_none()
}

/// Rent-exempt minimum for `len` bytes.
pub async fn rent_for(ctx: &mut Chain, len: usize) -> u64 {
    let mut values = vec![];
    for bank in &ctx.banks {
        values.push(bank.ctx.banks_client.get_rent().await.unwrap().minimum_balance(len));
    }
    ctx.compared("rent", values)
}

/// Deserialize an asset account with mpl-core's own reader.
pub async fn fetch_asset(ctx: &mut Chain, address: &Pubkey) -> Box<Asset> {
    let account = account(ctx, address).await;
    assert_eq!(account.owner, mpl_core::ID, "asset owned by Core");
    Asset::from_bytes(&account.data).expect("asset deserializes")
}

/// Deserialize a collection account with mpl-core's own reader.
pub async fn fetch_collection(ctx: &mut Chain, address: &Pubkey) -> Box<Collection> {
    let account = account(ctx, address).await;
    assert_eq!(account.owner, mpl_core::ID, "collection owned by Core");
    Collection::from_bytes(&account.data).expect("collection deserializes")
}

/// Run `f` on an `AccountInfo` view of a fetched account, so mpl-core's
/// `AccountInfo`-based readers (`fetch_asset_plugin`, ...) can be used.
pub fn with_account_info<R>(address: &Pubkey, account: &Account, f: impl FnOnce(&AccountInfo) -> R) -> R {
    let mut lamports = account.lamports;
    let mut data = account.data.clone();
    let info = AccountInfo::new(address, false, false, &mut lamports, &mut data, &account.owner, false);
    f(&info)
}

/// Options of [`create_asset`].
#[derive(Default)]
pub struct AssetOptions<'a> {
    pub owner: Option<Pubkey>,
    pub update_authority: Option<Pubkey>,
    pub collection: Option<Pubkey>,
    /// Signing authority (collection authority or delegate).
    pub authority: Option<&'a Keypair>,
    pub plugins: Vec<PluginAuthorityPair>,
    pub name: Option<String>,
}

impl<'a> AssetOptions<'a> {
    /// An asset owned by `owner`.
    pub fn owned_by(owner: Pubkey) -> Self {
        Self { owner: Some(owner), ..Default::default() }
    }

    /// An asset in `collection`, created with the signature of `authority`
    /// (the collection's update authority or one of its delegates).
    pub fn in_collection(collection: Pubkey, authority: &'a Keypair) -> Self {
        Self { collection: Some(collection), authority: Some(authority), ..Default::default() }
    }
}

/// Attributes with `n` entries `key_i = value_i`.
pub fn attributes(n: usize) -> Attributes {
    Attributes {
        attribute_list: (0..n)
            .map(|i| Attribute { key: format!("key_{i}"), value: format!("value_{i}") })
            .collect(),
    }
}

/// The plugins of an Autofactor invoice asset: Attributes (two entries,
/// update authority) and the permanent freeze (`frozen`), transfer and burn
/// delegates, all three held by `delegate`.
pub fn invoice_plugins(delegate: &Pubkey, frozen: bool) -> Vec<PluginAuthorityPair> {
    let authority = Some(PluginAuthority::Address { address: *delegate });
    let delegated = |plugin| PluginAuthorityPair { plugin, authority: authority.clone() };
    vec![
        PluginAuthorityPair { plugin: Plugin::Attributes(attributes(2)), authority: None },
        delegated(Plugin::PermanentFreezeDelegate(PermanentFreezeDelegate { frozen })),
        delegated(Plugin::PermanentTransferDelegate(PermanentTransferDelegate {})),
        delegated(Plugin::PermanentBurnDelegate(PermanentBurnDelegate {})),
    ]
}

/// Build a `CreateV2` instruction for `asset` paid by `payer`.
pub fn create_asset_ix(payer: &Pubkey, asset: &Pubkey, options: &AssetOptions) -> Instruction {
    CreateV2Builder::new()
        .asset(*asset)
        .collection(options.collection)
        .authority(options.authority.map(|a| a.pubkey()))
        .payer(*payer)
        .owner(options.owner)
        .update_authority(options.update_authority)
        .system_program(system_program::ID)
        .data_state(DataState::AccountState)
        .name(options.name.clone().unwrap_or_else(|| "Invoice #1".to_owned()))
        .uri("https://example.com/invoice/1.json".to_owned())
        .plugins(options.plugins.clone())
        .instruction()
}

/// Create an asset with `CreateV2`, paid by the chain payer.
pub async fn create_asset(ctx: &mut Chain, options: AssetOptions<'_>) -> Result<Keypair, BanksClientError> {
    let asset = Keypair::new();
    let ix = create_asset_ix(&ctx.payer.pubkey(), &asset.pubkey(), &options);
    let mut signers = vec![&asset];
    if let Some(authority) = options.authority {
        signers.push(authority);
    }
    send(ctx, &[ix], &signers).await.map(|_| asset)
}

/// Create an asset owned by `owner` with one plugin (`authority: None` is
/// the plugin's default authority), paid by the chain payer.
pub async fn owned_asset_with(
    ctx: &mut Chain,
    owner: Pubkey,
    plugin: Plugin,
    authority: Option<PluginAuthority>,
) -> Keypair {
    let options = AssetOptions {
        owner: Some(owner),
        plugins: vec![PluginAuthorityPair { plugin, authority }],
        ..Default::default()
    };
    create_asset(ctx, options).await.expect("create asset")
}

/// A started chain, a funded owner and an asset it owns with one plugin
/// (the plugin's default authority): `(chain, owner, asset)`.
pub async fn start_with_owned_asset(plugin: Plugin) -> (Chain, Keypair, Keypair) {
    let mut ctx = start().await;
    let owner = wallet(&mut ctx).await;
    let asset = owned_asset_with(&mut ctx, owner.pubkey(), plugin, None).await;
    (ctx, owner, asset)
}

/// Build a `CreateCollectionV2` instruction.
pub fn create_collection_ix(
    payer: &Pubkey,
    collection: &Pubkey,
    update_authority: Option<Pubkey>,
    plugins: Vec<PluginAuthorityPair>,
) -> Instruction {
    CreateCollectionV2Builder::new()
        .collection(*collection)
        .update_authority(update_authority)
        .payer(*payer)
        .system_program(system_program::ID)
        .name("Autofactor invoices".to_owned())
        .uri("https://example.com/collection.json".to_owned())
        .plugins(plugins)
        .instruction()
}

/// Create a collection with `CreateCollectionV2`, paid by the chain payer.
pub async fn create_collection(
    ctx: &mut Chain,
    update_authority: Option<Pubkey>,
    plugins: Vec<PluginAuthorityPair>,
) -> Result<Keypair, BanksClientError> {
    let collection = Keypair::new();
    let ix = create_collection_ix(&ctx.payer.pubkey(), &collection.pubkey(), update_authority, plugins);
    send(ctx, &[ix], &[&collection]).await.map(|_| collection)
}

/// A collection whose update authority is a funded fresh wallet:
/// `(authority, collection)`.
pub async fn collection_with_authority(
    ctx: &mut Chain,
    plugins: Vec<PluginAuthorityPair>,
) -> (Keypair, Keypair) {
    let authority = wallet(ctx).await;
    let collection =
        create_collection(ctx, Some(authority.pubkey()), plugins).await.expect("create collection");
    (authority, collection)
}

/// Serialized length of the base struct of an asset account.
pub fn asset_base_len(base: &BaseAssetV1) -> usize {
    borsh::to_vec(base).unwrap().len()
}

/// Serialized length of the base struct of a collection account.
pub fn collection_base_len(base: &BaseCollectionV1) -> usize {
    borsh::to_vec(base).unwrap().len()
}

/// Mark account `index` of `ix` as not signing.
pub fn unsign(mut ix: Instruction, index: usize) -> Instruction {
    ix.accounts[index].is_signer = false;
    ix
}

/// Assert the exact Core plugin layout of an account whose base struct is
/// `base_len` bytes: header right after the base, the plugins back to back in
/// `expected` order, then the registry (with one record per plugin pointing at
/// it) at the very end of the account.
pub fn assert_plugin_layout(
    data: &[u8],
    base_len: usize,
    expected: &[(mpl_core::types::Plugin, mpl_core::types::PluginAuthority)],
) {
    use borsh::BorshDeserialize;
    use mpl_core::{
        accounts::{PluginHeaderV1, PluginRegistryV1},
        types::{Key, Plugin, PluginType},
    };

    let header = PluginHeaderV1::from_bytes(&data[base_len..]).unwrap();
    assert_eq!(header.key, Key::PluginHeaderV1);

    let mut offset = base_len + PluginHeaderV1::LEN;
    let registry_offset = header.plugin_registry_offset as usize;
    let registry = PluginRegistryV1::from_bytes(&data[registry_offset..]).unwrap();
    assert_eq!(registry.key, Key::PluginRegistryV1);
    assert!(registry.external_registry.is_empty());
    assert_eq!(registry.registry.len(), expected.len());

    for (record, (plugin, authority)) in registry.registry.iter().zip(expected) {
        assert_eq!(record.plugin_type, PluginType::from(plugin));
        assert_eq!(&record.authority, authority);
        assert_eq!(record.offset as usize, offset, "offset of {:?}", record.plugin_type);
        let stored = Plugin::deserialize(&mut &data[offset..]).unwrap();
        assert_eq!(&stored, plugin);
        offset += borsh::to_vec(plugin).unwrap().len();
    }
    assert_eq!(registry_offset, offset, "registry follows the last plugin");
    assert_eq!(
        data.len(),
        registry_offset + borsh::to_vec(&registry).unwrap().len(),
        "registry ends the account"
    );
}
