//! SPL Token / Token-2022 helpers: recognising token accounts, the mint
//! data `jsonParsed` encodings need, UI amounts and transaction token
//! balances — the way the validator computes them.

use solana_account_decoder::parse_account_data::{AccountAdditionalDataV3, SplTokenAdditionalDataV2};
use solana_account_decoder::parse_token::{is_known_spl_token_id, token_amount_to_ui_amount_v3};
use solana_account_decoder_client_types::token::UiTokenAmount;
use solana_sdk::account::Account;
use solana_sdk::pubkey::Pubkey;
use solana_transaction_status::TransactionTokenBalance;
use spl_token_2022_interface::extension::{
    interest_bearing_mint::InterestBearingConfig, scaled_ui_amount::ScaledUiAmountConfig,
    BaseStateWithExtensions, StateWithExtensions,
};
use spl_token_2022_interface::state::{Account as TokenAccount, Mint};

/// The base fields of a token account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenAccountInfo {
    /// Token program owning the account (SPL Token or Token-2022).
    pub program_id: Pubkey,
    /// Mint.
    pub mint: Pubkey,
    /// Owner (authority) of the tokens.
    pub owner: Pubkey,
    /// Raw amount.
    pub amount: u64,
    /// Whether the account is frozen.
    pub frozen: bool,
}

/// The token account in `account`, if it is one (owned by SPL Token or
/// Token-2022 and an initialized account, not a mint or multisig).
pub fn token_account(account: &Account) -> Option<TokenAccountInfo> {
    if !is_known_spl_token_id(&account.owner) {
        return None;
    }
    let state = StateWithExtensions::<TokenAccount>::unpack(&account.data).ok()?;
    Some(TokenAccountInfo {
        program_id: account.owner,
        mint: state.base.mint,
        owner: state.base.owner,
        amount: state.base.amount,
        frozen: state.base.is_frozen(),
    })
}

/// What the UI amount of a mint's tokens needs: decimals and the
/// interest-bearing / scaled-UI-amount configurations (Token-2022), at the
/// bank time `unix_timestamp`.
pub fn mint_additional_data(mint: &Account, unix_timestamp: i64) -> Option<SplTokenAdditionalDataV2> {
    if !is_known_spl_token_id(&mint.owner) {
        return None;
    }
    let state = StateWithExtensions::<Mint>::unpack(&mint.data).ok()?;
    let interest_bearing_config =
        state.get_extension::<InterestBearingConfig>().ok().map(|c| (*c, unix_timestamp));
    let scaled_ui_amount_config =
        state.get_extension::<ScaledUiAmountConfig>().ok().map(|c| (*c, unix_timestamp));
    Some(SplTokenAdditionalDataV2 {
        decimals: state.base.decimals,
        interest_bearing_config,
        scaled_ui_amount_config,
    })
}

/// Decimals of a mint account.
pub fn mint_decimals(mint: &Account) -> Option<u8> {
    if !is_known_spl_token_id(&mint.owner) {
        return None;
    }
    StateWithExtensions::<Mint>::unpack(&mint.data).ok().map(|s| s.base.decimals)
}

/// The additional data `encode_ui_account` needs for `jsonParsed` of a
/// token account (`None` for anything else).
pub fn additional_data_for(
    account: &Account,
    mint_lookup: impl Fn(&Pubkey) -> Option<Account>,
    unix_timestamp: i64,
) -> Option<AccountAdditionalDataV3> {
    let info = token_account(account)?;
    let mint = mint_lookup(&info.mint)?;
    Some(AccountAdditionalDataV3 { spl_token_additional_data: mint_additional_data(&mint, unix_timestamp) })
}

/// The UI amount of a token account's balance.
pub fn ui_amount(
    account: &Account,
    mint_lookup: impl Fn(&Pubkey) -> Option<Account>,
    unix_timestamp: i64,
) -> Option<UiTokenAmount> {
    let info = token_account(account)?;
    let mint = mint_lookup(&info.mint)?;
    let data = mint_additional_data(&mint, unix_timestamp)?;
    Some(token_amount_to_ui_amount_v3(info.amount, &data))
}

/// Token balances of the token accounts among `accounts` (indexed like the
/// transaction's account keys), as in a transaction's status meta.
pub fn transaction_token_balances(
    accounts: &[Option<Account>],
    mint_lookup: impl Fn(&Pubkey) -> Option<Account>,
    unix_timestamp: i64,
) -> Vec<TransactionTokenBalance> {
    accounts
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let a = a.as_ref()?;
            let info = token_account(a)?;
            let mint = mint_lookup(&info.mint)?;
            let data = mint_additional_data(&mint, unix_timestamp)?;
            Some(TransactionTokenBalance {
                account_index: u8::try_from(i).ok()?,
                mint: info.mint.to_string(),
                ui_token_amount: token_amount_to_ui_amount_v3(info.amount, &data),
                owner: info.owner.to_string(),
                program_id: info.program_id.to_string(),
            })
        })
        .collect()
}
