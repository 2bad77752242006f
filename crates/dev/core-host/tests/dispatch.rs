//! Instruction decoding and unsupported instructions.

mod common;

use common::*;
use mpl_core::instructions::{BurnCollectionV1Builder, CreateV1Builder, UpdateV1Builder};
use solana_sdk::{
    instruction::{AccountMeta, Instruction, InstructionError},
    pubkey::Pubkey,
    signature::Keypair,
    signer::Signer,
};

#[test]
fn decodes_instruction_names_from_mpl_core_discriminators() {
    let ix = UpdateV1Builder::new().asset(Pubkey::new_unique()).payer(Pubkey::new_unique()).instruction();
    assert_eq!(core_host::decode_instruction_name(&ix.data), Some("UpdateV1"));
    assert_eq!(core_host::decode_instruction_name(&[20]), Some("CreateV2"));
    assert_eq!(core_host::decode_instruction_name(&[250]), None);
    assert_eq!(core_host::decode_instruction_name(&[]), None);

    let create = create_asset_ix(&Pubkey::new_unique(), &Pubkey::new_unique(), &AssetOptions::default());
    assert!(matches!(
        core_host::CoreInstruction::unpack(&create.data),
        Ok(Some(core_host::CoreInstruction::CreateV2(args))) if args.name == "Invoice #1"
    ));
    assert_eq!(core_host::CoreInstruction::unpack(&ix.data), Ok(None));
}

#[tokio::test]
async fn unsupported_core_instruction_is_rejected() {
    let mut ctx = start().await;
    let asset = create_asset(&mut ctx, AssetOptions::default()).await.unwrap();
    let ix = UpdateV1Builder::new()
        .asset(asset.pubkey())
        .payer(ctx.payer.pubkey())
        .new_name("renamed".to_owned())
        .instruction();
    // Documented difference: the real program renames the asset.
    let outcomes = send_each(&mut ctx, &[ix], &[]).await;
    assert_outcomes(&outcomes, failed(InstructionError::InvalidInstructionData), Ok(()));

    let ix = BurnCollectionV1Builder::new()
        .collection(Pubkey::new_unique())
        .payer(ctx.payer.pubkey())
        .instruction();
    // The real program aborts reading the missing collection account.
    let outcomes = send_each(&mut ctx, &[ix], &[]).await;
    assert_outcomes(
        &outcomes,
        failed(InstructionError::InvalidInstructionData),
        failed(InstructionError::ProgramFailedToComplete),
    );
}

#[tokio::test]
async fn create_v1_is_not_implemented() {
    let mut ctx = start().await;
    let asset = Keypair::new();
    let ix = CreateV1Builder::new()
        .asset(asset.pubkey())
        .payer(ctx.payer.pubkey())
        .name("legacy".to_owned())
        .uri("https://example.com".to_owned())
        .instruction();
    // Documented difference: the real program creates the asset.
    let outcomes = send_each(&mut ctx, &[ix], &[&asset]).await;
    assert_outcomes(&outcomes, failed(InstructionError::InvalidInstructionData), Ok(()));
}

#[tokio::test]
async fn malformed_or_unknown_data_is_rejected() {
    let mut ctx = start().await;
    let payer = ctx.payer.pubkey();
    let ix = |data: Vec<u8>| Instruction {
        program_id: mpl_core::ID,
        accounts: vec![AccountMeta::new(payer, true)],
        data,
    };

    // Like Core, which borsh-decodes its instruction enum from the data.
    let result = send(&mut ctx, &[ix(vec![])], &[]).await;
    assert_eq!(instruction_error(result), InstructionError::BorshIoError);
    let result = send(&mut ctx, &[ix(vec![200, 1, 2])], &[]).await;
    assert_eq!(instruction_error(result), InstructionError::BorshIoError);
    // A TransferV1 discriminator followed by garbage arguments.
    let result = send(&mut ctx, &[ix(vec![14, 7, 7, 7])], &[]).await;
    assert_eq!(instruction_error(result), InstructionError::BorshIoError);
}

#[tokio::test]
#[allow(deprecated)] // Core returns ProgramError::NotEnoughAccountKeys.
async fn missing_accounts_are_rejected() {
    let mut ctx = start().await;
    let mut ix = create_asset_ix(&ctx.payer.pubkey(), &Pubkey::new_unique(), &AssetOptions::default());
    ix.accounts.truncate(7);
    ix.accounts[0].is_signer = false;
    let result = send(&mut ctx, &[ix], &[]).await;
    assert_eq!(instruction_error(result), InstructionError::NotEnoughAccountKeys);
}
