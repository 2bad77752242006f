//! Shared harness for the core-host integration tests: an in-process chain
//! with `core_host::process_instruction` registered as the Core program.

#![allow(dead_code)]

use mpl_core::{
    accounts::{BaseAssetV1, BaseCollectionV1},
    errors::MplCoreError,
    instructions::{CreateCollectionV2Builder, CreateV2Builder},
    types::{DataState, PluginAuthorityPair},
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

/// Start a chain with the native Core host registered under the Core id.
pub async fn start() -> ProgramTestContext {
    let mut program_test = ProgramTest::default();
    program_test.prefer_bpf(false);
    program_test.add_program("mpl_core", mpl_core::ID, processor!(core_host::process_instruction));
    program_test.start_with_context().await
}

/// Send `instructions` paid by the context payer, signed by the payer and `signers`.
pub async fn send(
    ctx: &mut ProgramTestContext,
    instructions: &[Instruction],
    signers: &[&Keypair],
) -> Result<(), BanksClientError> {
    let mut all: Vec<&Keypair> = vec![&ctx.payer];
    all.extend_from_slice(signers);
    let blockhash = ctx.banks_client.get_latest_blockhash().await.unwrap();
    let tx = Transaction::new_signed_with_payer(instructions, Some(&ctx.payer.pubkey()), &all, blockhash);
    ctx.banks_client.process_transaction(tx).await
}

/// Send `instructions` with `payer` as fee payer (plus `signers`).
pub async fn send_as(
    ctx: &mut ProgramTestContext,
    payer: &Keypair,
    instructions: &[Instruction],
    signers: &[&Keypair],
) -> Result<(), BanksClientError> {
    let mut all: Vec<&Keypair> = vec![payer];
    all.extend_from_slice(signers);
    let blockhash = ctx.banks_client.get_latest_blockhash().await.unwrap();
    let tx = Transaction::new_signed_with_payer(instructions, Some(&payer.pubkey()), &all, blockhash);
    ctx.banks_client.process_transaction(tx).await
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

/// Fund `to` with `lamports` from the context payer.
pub async fn airdrop(ctx: &mut ProgramTestContext, to: &Pubkey, lamports: u64) {
    let ix = system_instruction::transfer(&ctx.payer.pubkey(), to, lamports);
    send(ctx, &[ix], &[]).await.unwrap();
}

/// A funded fresh wallet.
pub async fn wallet(ctx: &mut ProgramTestContext) -> Keypair {
    let keypair = Keypair::new();
    airdrop(ctx, &keypair.pubkey(), 1_000_000_000).await;
    keypair
}

/// Fetch an account that must exist.
pub async fn account(ctx: &mut ProgramTestContext, address: &Pubkey) -> Account {
    ctx.banks_client.get_account(*address).await.unwrap().expect("account exists")
}

/// Lamport balance (0 if the account does not exist).
pub async fn balance(ctx: &mut ProgramTestContext, address: &Pubkey) -> u64 {
    ctx.banks_client.get_balance(*address).await.unwrap()
}

/// Rent-exempt minimum for `len` bytes.
pub async fn rent_for(ctx: &mut ProgramTestContext, len: usize) -> u64 {
    ctx.banks_client.get_rent().await.unwrap().minimum_balance(len)
}

/// Deserialize an asset account with mpl-core's own reader.
pub async fn fetch_asset(ctx: &mut ProgramTestContext, address: &Pubkey) -> Box<Asset> {
    let account = account(ctx, address).await;
    assert_eq!(account.owner, mpl_core::ID, "asset owned by Core");
    Asset::from_bytes(&account.data).expect("asset deserializes")
}

/// Deserialize a collection account with mpl-core's own reader.
pub async fn fetch_collection(ctx: &mut ProgramTestContext, address: &Pubkey) -> Box<Collection> {
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

/// Create an asset with `CreateV2`, paid by the context payer.
pub async fn create_asset(
    ctx: &mut ProgramTestContext,
    options: AssetOptions<'_>,
) -> Result<Keypair, BanksClientError> {
    let asset = Keypair::new();
    let ix = create_asset_ix(&ctx.payer.pubkey(), &asset.pubkey(), &options);
    let mut signers = vec![&asset];
    if let Some(authority) = options.authority {
        signers.push(authority);
    }
    send(ctx, &[ix], &signers).await.map(|_| asset)
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

/// Create a collection with `CreateCollectionV2`, paid by the context payer.
pub async fn create_collection(
    ctx: &mut ProgramTestContext,
    update_authority: Option<Pubkey>,
    plugins: Vec<PluginAuthorityPair>,
) -> Result<Keypair, BanksClientError> {
    let collection = Keypair::new();
    let ix = create_collection_ix(&ctx.payer.pubkey(), &collection.pubkey(), update_authority, plugins);
    send(ctx, &[ix], &[&collection]).await.map(|_| collection)
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
