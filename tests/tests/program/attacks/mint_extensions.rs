//! F-17: a USDC mint whose Token-2022 extensions break custody or
//! accounting is refused at `protocol_initialize`; the vault-cover
//! invariant counts the supplier reserves the vault holds.

use crate::invoices::{market, Market};
use anchor_lang::solana_program::system_instruction;
use anchor_spl::token_2022::spl_token_2022::{
    extension::{
        default_account_state, metadata_pointer, pausable, transfer_fee, transfer_hook, ExtensionType,
    },
    instruction as t22,
    state::{AccountState, Mint},
};
use autofactor_client::{ix, AutofactorError as E, TOKEN_2022_PROGRAM_ID};
use autofactor_tests::*;
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

/// Creates a Token-2022 mint with `extension` initialized by `init`.
async fn token_2022_mint(
    env: &mut Env,
    extensions: &[ExtensionType],
    init: impl Fn(&Pubkey, &Pubkey) -> Vec<Instruction>,
) -> Pubkey {
    let mint = Keypair::new();
    let payer = env.payer();
    let authority = env.usdc_authority.pubkey();
    let space = ExtensionType::try_calculate_account_len::<Mint>(extensions).unwrap();
    let rent = env.ctx.banks_client.get_rent().await.unwrap().minimum_balance(space);
    let mut ixs = vec![system_instruction::create_account(
        &payer.pubkey(),
        &mint.pubkey(),
        rent,
        space as u64,
        &TOKEN_2022_PROGRAM_ID,
    )];
    ixs.extend(init(&mint.pubkey(), &authority));
    ixs.push(
        t22::initialize_mint2(&TOKEN_2022_PROGRAM_ID, &mint.pubkey(), &authority, Some(&authority), 6)
            .unwrap(),
    );
    env.ok(&ixs, &[&mint]).await;
    mint.pubkey()
}

type Init = fn(&Pubkey, &Pubkey) -> Vec<Instruction>;

fn refused() -> Vec<(&'static str, ExtensionType, Init)> {
    vec![
        ("transfer fee", ExtensionType::TransferFeeConfig, |m, a| {
            vec![transfer_fee::instruction::initialize_transfer_fee_config(
                &TOKEN_2022_PROGRAM_ID,
                m,
                Some(a),
                Some(a),
                0,
                0,
            )
            .unwrap()]
        }),
        ("transfer hook", ExtensionType::TransferHook, |m, a| {
            vec![transfer_hook::instruction::initialize(
                &TOKEN_2022_PROGRAM_ID,
                m,
                Some(*a),
                Some(Pubkey::new_unique()),
            )
            .unwrap()]
        }),
        ("permanent delegate", ExtensionType::PermanentDelegate, |m, a| {
            vec![t22::initialize_permanent_delegate(&TOKEN_2022_PROGRAM_ID, m, a).unwrap()]
        }),
        ("non-transferable", ExtensionType::NonTransferable, |m, _| {
            vec![t22::initialize_non_transferable_mint(&TOKEN_2022_PROGRAM_ID, m).unwrap()]
        }),
        ("default frozen", ExtensionType::DefaultAccountState, |m, _| {
            vec![default_account_state::instruction::initialize_default_account_state(
                &TOKEN_2022_PROGRAM_ID,
                m,
                &AccountState::Frozen,
            )
            .unwrap()]
        }),
        ("pausable", ExtensionType::Pausable, |m, a| {
            vec![pausable::instruction::initialize(&TOKEN_2022_PROGRAM_ID, m, a).unwrap()]
        }),
    ]
}

#[tokio::test]
async fn usdc_mints_with_custody_breaking_extensions_are_refused() {
    let mut env = Env::bare().await;
    let admin = env.admin.insecure_clone();
    let treasury = env.treasury.pubkey();
    for (name, extension, init) in refused() {
        println!("USDC mint with {name}");
        let mint = token_2022_mint(&mut env, &[extension], init).await;
        env.assert_program_error(
            &[ix::protocol_initialize(&admin.pubkey(), &mint, &treasury, 1_000)],
            &[&admin],
            E::UnsupportedMintExtension,
        )
        .await;
    }
    // The protocol was never created.
    assert!(env.account(&autofactor_client::pda::protocol()).await.is_none());
}

#[tokio::test]
async fn plain_and_display_only_token_2022_mints_are_accepted() {
    let accepted: Vec<(&str, Vec<ExtensionType>, Init)> = vec![
        ("no extension", vec![], |_, _| vec![]),
        ("metadata pointer", vec![ExtensionType::MetadataPointer], |m, a| {
            vec![metadata_pointer::instruction::initialize(&TOKEN_2022_PROGRAM_ID, m, Some(*a), Some(*m))
                .unwrap()]
        }),
        ("close authority", vec![ExtensionType::MintCloseAuthority], |m, a| {
            vec![t22::initialize_mint_close_authority(&TOKEN_2022_PROGRAM_ID, m, Some(a)).unwrap()]
        }),
    ];
    for (name, extensions, init) in accepted {
        println!("USDC mint with {name}");
        let mut env = Env::bare().await;
        let admin = env.admin.insecure_clone();
        let treasury = env.treasury.pubkey();
        let mint = token_2022_mint(&mut env, &extensions, init).await;
        env.ok(&[ix::protocol_initialize(&admin.pubkey(), &mint, &treasury, 1_000)], &[&admin]).await;
        let cfg: autofactor_client::state::ProtocolConfig =
            env.get(&autofactor_client::pda::protocol()).await;
        assert_eq!(cfg.usdc_mint, mint);
    }
}

/// Sets the vault's token amount directly (state injection: USDC missing
/// from the vault).
async fn set_vault_amount(env: &mut Env, vault: &Pubkey, amount: u64) {
    let mut acc = env.account(vault).await.unwrap();
    acc.data[64..72].copy_from_slice(&amount.to_le_bytes());
    env.ctx.set_account(vault, &acc.into());
}

#[tokio::test]
async fn the_vault_must_cover_the_supplier_reserves_too() {
    let Market { mut env, pool, supplier, buyer, verifier, .. } = market().await;
    // Grade B (score 700): 95 % advance, so 5 % of the face is the
    // supplier's reserve, owed from the vault once the invoice is paid.
    let t = env.usd_terms("RESERVE-1", 900_00, 60).await;
    let paid = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 700).await;
    env.finance(&paid, &supplier).await;
    let t = env.usd_terms("RESERVE-2", 100_00, 60).await;
    let open = env.verified_invoice(&pool, &supplier, &buyer, &verifier, t, 700).await;
    env.finance(&open, &supplier).await;
    env.ok(&[ix::invoice_repay(&paid.keys, &buyer.pubkey(), 900_00, u64::MAX)], &[&buyer]).await;
    let ledger = env.pool_state(&pool).await.ledger;
    assert_eq!(ledger.reserves_owed_usdc, 45 * USDC);
    let vault = env.token_balance(&pool.vault).await;
    let booked = ledger.cash_usdc + ledger.protocol_fees_owed_usdc + ledger.manager_fees_owed_usdc;
    assert_eq!(vault, booked + 45 * USDC);

    // 1 micro-USDC of the reserves goes missing from the vault: the next
    // money instruction refuses to run (before the fix, the check ignored
    // the reserves and passed).
    set_vault_amount(&mut env, &pool.vault, vault - 1).await;
    env.assert_program_error(
        &[ix::invoice_repay(&open.keys, &buyer.pubkey(), 10_00, u64::MAX)],
        &[&buyer],
        E::InvariantViolated,
    )
    .await;
    set_vault_amount(&mut env, &pool.vault, vault).await;
    env.ok(&[ix::invoice_repay(&open.keys, &buyer.pubkey(), 10_00, u64::MAX)], &[&buyer]).await;
}
