//! Token CPIs signed by the pool PDA, shared by the tranche instructions.

use crate::state::Pool;
use anchor_lang::prelude::*;
use anchor_spl::token_2022::{self, FreezeAccount, MintTo, ThawAccount};
use anchor_spl::token_interface::{self, TransferChecked};

/// Pays `amount_usdc` from the pool's vault to `to`.
pub fn pay_from_vault<'info>(
    pool: &Account<'info, Pool>,
    vault: AccountInfo<'info>,
    to: AccountInfo<'info>,
    usdc_mint: AccountInfo<'info>,
    usdc_decimals: u8,
    token_program: AccountInfo<'info>,
    amount_usdc: u64,
) -> Result<()> {
    if amount_usdc == 0 {
        return Ok(());
    }
    pool.with_signer(|seeds| {
        token_interface::transfer_checked(
            CpiContext::new_with_signer(
                token_program.key(),
                TransferChecked { from: vault, mint: usdc_mint, to, authority: pool.to_account_info() },
                seeds,
            ),
            amount_usdc,
            usdc_decimals,
        )
    })
}

/// Mints `shares` of a tranche to `to`.
pub fn mint_shares<'info>(
    pool: &Account<'info, Pool>,
    mint: AccountInfo<'info>,
    to: AccountInfo<'info>,
    token_program: AccountInfo<'info>,
    shares: u64,
) -> Result<()> {
    pool.with_signer(|seeds| {
        token_2022::mint_to(
            CpiContext::new_with_signer(
                token_program.key(),
                MintTo { mint, to, authority: pool.to_account_info() },
                seeds,
            ),
            shares,
        )
    })
}

/// Freezes (`frozen`) or thaws a tranche token account, the pool (the
/// share mints' freeze authority) signing.
pub fn set_frozen<'info>(
    pool: &Account<'info, Pool>,
    mint: AccountInfo<'info>,
    account: AccountInfo<'info>,
    token_program: AccountInfo<'info>,
    frozen: bool,
) -> Result<()> {
    let (program, authority) = (token_program.key(), pool.to_account_info());
    pool.with_signer(|seeds| {
        if frozen {
            let accounts = FreezeAccount { account, mint, authority };
            token_2022::freeze_account(CpiContext::new_with_signer(program, accounts, seeds))
        } else {
            let accounts = ThawAccount { account, mint, authority };
            token_2022::thaw_account(CpiContext::new_with_signer(program, accounts, seeds))
        }
    })
}

/// Creates a program-owned account of `space` bytes at a PDA, funded by
/// `payer`. Works even if someone pre-funded the address with lamports (a
/// plain `create_account` would fail there, letting anyone block the PDA).
pub fn create_pda_account<'info>(
    payer: AccountInfo<'info>,
    target: AccountInfo<'info>,
    system_program: AccountInfo<'info>,
    space: usize,
    seeds: &[&[u8]],
) -> Result<()> {
    create_pda_account_owned_by(payer, target, system_program, space, seeds, &crate::ID)
}

/// As [`create_pda_account`], for an account owned by `owner` (e.g. a
/// Token-2022 mint at a PDA of this program).
pub fn create_pda_account_owned_by<'info>(
    payer: AccountInfo<'info>,
    target: AccountInfo<'info>,
    system_program: AccountInfo<'info>,
    space: usize,
    seeds: &[&[u8]],
    owner: &Pubkey,
) -> Result<()> {
    use anchor_lang::system_program::{
        allocate, assign, create_account, transfer, Allocate, Assign, CreateAccount, Transfer,
    };
    let rent = Rent::get()?.minimum_balance(space);
    let program = system_program.key();
    let current = target.lamports();
    if current == 0 {
        return create_account(
            CpiContext::new_with_signer(program, CreateAccount { from: payer, to: target }, &[seeds]),
            rent,
            space as u64,
            owner,
        );
    }
    if current < rent {
        transfer(CpiContext::new(program, Transfer { from: payer, to: target.clone() }), rent - current)?;
    }
    allocate(
        CpiContext::new_with_signer(program, Allocate { account_to_allocate: target.clone() }, &[seeds]),
        space as u64,
    )?;
    assign(CpiContext::new_with_signer(program, Assign { account_to_assign: target }, &[seeds]), owner)
}

/// Closes a program-owned account: its lamports go to `destination`, its
/// data is cleared and it is handed back to the system program.
pub fn close_account<'info>(account: &AccountInfo<'info>, destination: &AccountInfo<'info>) -> Result<()> {
    use crate::math::SafeMath;
    let lamports = account.lamports();
    **destination.try_borrow_mut_lamports()? = destination.lamports().safe_add(lamports)?;
    **account.try_borrow_mut_lamports()? = 0;
    account.assign(&anchor_lang::system_program::ID);
    account.resize(0)?;
    Ok(())
}

/// Serializes an Anchor account (discriminator first) into a freshly
/// created account.
pub fn write_account<T: AccountSerialize>(info: &AccountInfo, value: &T) -> Result<()> {
    let mut data = info.try_borrow_mut_data()?;
    let mut cursor: &mut [u8] = &mut data;
    value.try_serialize(&mut cursor)?;
    Ok(())
}

/// Creates `owner`'s associated token account for `mint` at `ata` if it does
/// not exist (paid by `payer`), so a payout can always be made to it.
#[allow(clippy::too_many_arguments)]
pub fn create_ata_if_missing<'info>(
    payer: AccountInfo<'info>,
    ata: AccountInfo<'info>,
    owner: AccountInfo<'info>,
    mint: AccountInfo<'info>,
    system_program: AccountInfo<'info>,
    token_program: AccountInfo<'info>,
    associated_token_program: &AccountInfo<'info>,
) -> Result<()> {
    use anchor_spl::associated_token::{self, Create};
    if !ata.data_is_empty() {
        return Ok(());
    }
    associated_token::create(CpiContext::new(
        associated_token_program.key(),
        Create { payer, associated_token: ata, authority: owner, mint, system_program, token_program },
    ))
}

/// Whether `account` can receive a transfer of `mint` right now: an
/// initialized, unfrozen token account of `mint` owned by `owner`, under
/// `token_program`, that does not require a memo on incoming transfers.
/// Payouts to investors check this first, so an account that cannot
/// receive (frozen by the USDC issuer, closed, re-assigned) never makes
/// the instruction fail.
pub fn can_receive(account: &AccountInfo, mint: &Pubkey, owner: &Pubkey, token_program: &Pubkey) -> bool {
    use anchor_spl::token_2022::spl_token_2022::extension::memo_transfer::MemoTransfer;
    use anchor_spl::token_2022::spl_token_2022::extension::{BaseStateWithExtensions, StateWithExtensions};
    use anchor_spl::token_2022::spl_token_2022::state::{Account as SplAccount, AccountState};
    if account.owner != token_program || account.data_is_empty() {
        return false;
    }
    let Ok(data) = account.try_borrow_data() else {
        return false;
    };
    let Ok(state) = StateWithExtensions::<SplAccount>::unpack(&data) else {
        return false;
    };
    if state.base.mint != *mint || state.base.owner != *owner || state.base.state != AccountState::Initialized
    {
        return false;
    }
    match state.get_extension::<MemoTransfer>() {
        Ok(memo) => !bool::from(memo.require_incoming_transfer_memos),
        Err(_) => true,
    }
}
