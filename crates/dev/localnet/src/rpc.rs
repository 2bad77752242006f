//! The JSON-RPC methods. Request parsing, batching and the standard errors
//! (-32700 parse error, -32600 invalid request, -32601 "Method not found")
//! come from `jsonrpc-core`, the library the Agave validator's RPC uses;
//! request configs and responses are the types of `solana-rpc-client-types`,
//! `solana-account-decoder` and `solana-transaction-status`, so every client
//! that talks to a validator parses them.
//!
//! Everything is final as soon as it executed: every commitment level is
//! accepted and answered from the same state.

use crate::chain::{ChainHandle, SendError};
use crate::token;
use base64::prelude::{Engine as _, BASE64_STANDARD};
use jsonrpc_core::{Error, ErrorCode, IoHandler, Params, Value};
use serde::de::DeserializeOwned;
use serde::Serialize;
use solana_account_decoder::{encode_ui_account, UiAccount, UiAccountEncoding, UiDataSliceConfig};
use solana_rpc_client_api::custom_error::RpcCustomError;
use solana_rpc_client_types::config::{
    RpcAccountInfoConfig, RpcContextConfig, RpcEncodingConfigWrapper, RpcProgramAccountsConfig,
    RpcRequestAirdropConfig, RpcSendTransactionConfig, RpcSignatureStatusConfig,
    RpcSignaturesForAddressConfig, RpcSimulateTransactionConfig, RpcTokenAccountsFilter,
    RpcTransactionConfig,
};
use solana_rpc_client_types::filter::RpcFilterType;
use solana_rpc_client_types::response::{
    OptionalContext, Response, RpcBlockhash, RpcConfirmedTransactionStatusWithSignature, RpcKeyedAccount,
    RpcPrioritizationFee, RpcResponseContext, RpcSimulateTransactionResult, RpcVersionInfo,
};
use solana_sdk::account::Account;
use solana_sdk::epoch_info::EpochInfo;
use solana_sdk::hash::Hash;
use solana_sdk::message::{AccountKeys, VersionedMessage};
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signature;
use solana_sdk::transaction::VersionedTransaction;
use solana_transaction_status::{
    parse_ui_inner_instructions, ConfirmedTransactionWithStatusMeta, TransactionBinaryEncoding,
    TransactionConfirmationStatus, TransactionStatus, TransactionWithStatusMeta, UiLoadedAddresses,
    UiTransactionEncoding, VersionedTransactionWithStatusMeta,
};

/// Methods served (besides the ones `jsonrpc-core` answers itself).
pub const METHODS: &[&str] = &[
    "getAccountInfo",
    "getBalance",
    "getBlockHeight",
    "getEpochInfo",
    "getEpochSchedule",
    "getFeeForMessage",
    "getGenesisHash",
    "getHealth",
    "getLatestBlockhash",
    "getMinimumBalanceForRentExemption",
    "getMultipleAccounts",
    "getProgramAccounts",
    "getRecentPrioritizationFees",
    "getSignatureStatuses",
    "getSignaturesForAddress",
    "getSlot",
    "getTokenAccountBalance",
    "getTokenAccountsByOwner",
    "getTokenSupply",
    "getTransaction",
    "getTransactionCount",
    "getVersion",
    "isBlockhashValid",
    "requestAirdrop",
    "sendTransaction",
    "simulateTransaction",
];

/// Largest transaction packet (bytes).
const PACKET_DATA_SIZE: usize = 1232;
/// Base58 / base64 sizes of a full packet.
const MAX_BASE58_SIZE: usize = 1683;
const MAX_BASE64_SIZE: usize = 1644;
/// Most keys per `getMultipleAccounts` and signatures per `getSignatureStatuses`.
const MAX_MULTIPLE_ACCOUNTS: usize = 100;
const MAX_SIGNATURE_STATUSES: usize = 256;
/// Base58 account data above this size must use base64 (as a validator).
const MAX_BASE58_BYTES: usize = 128;

type RpcResult = Result<Value, Error>;

/// The JSON-RPC front of the chain.
pub struct Rpc {
    chain: ChainHandle,
    io: IoHandler,
}

fn invalid_params(message: impl Into<String>) -> Error {
    Error::invalid_params(message)
}

fn internal(message: impl Into<String>) -> Error {
    Error { code: ErrorCode::InternalError, message: message.into(), data: None }
}

fn to_value<T: Serialize>(v: T) -> RpcResult {
    serde_json::to_value(v).map_err(|e| internal(format!("cannot serialize the response: {e}")))
}

/// Positional parameters.
struct Args(Vec<Value>);

impl Args {
    fn new(p: Params) -> Result<Self, Error> {
        match p {
            Params::Array(v) => Ok(Self(v)),
            Params::None => Ok(Self(vec![])),
            Params::Map(_) => Err(invalid_params("Invalid params: expected an array of parameters")),
        }
    }

    fn req<T: DeserializeOwned>(&self, i: usize, name: &str) -> Result<T, Error> {
        let v = self.0.get(i).ok_or_else(|| invalid_params(format!("Invalid params: missing `{name}`")))?;
        serde_json::from_value(v.clone())
            .map_err(|e| invalid_params(format!("Invalid params: `{name}`: {e}")))
    }

    fn opt<T: DeserializeOwned>(&self, i: usize, name: &str) -> Result<Option<T>, Error> {
        match self.0.get(i) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => serde_json::from_value(v.clone())
                .map(Some)
                .map_err(|e| invalid_params(format!("Invalid params: `{name}`: {e}"))),
        }
    }

    fn pubkey(&self, i: usize, name: &str) -> Result<Pubkey, Error> {
        parse_pubkey(&self.req::<String>(i, name)?)
    }
}

fn parse_pubkey(s: &str) -> Result<Pubkey, Error> {
    s.parse().map_err(|e| invalid_params(format!("Invalid param: {e:?}")))
}

fn parse_signature(s: &str) -> Result<Signature, Error> {
    s.parse().map_err(|e| invalid_params(format!("Invalid param: {e:?}")))
}

fn check_min_context_slot(slot: u64, min: Option<u64>) -> Result<(), Error> {
    match min {
        Some(min) if slot < min => {
            Err(RpcCustomError::MinContextSlotNotReached { context_slot: slot }.into())
        }
        _ => Ok(()),
    }
}

/// Decodes and deserializes a wire transaction or message, with the
/// validator's size limits.
fn decode_wire<T: DeserializeOwned>(
    encoded: &str,
    encoding: TransactionBinaryEncoding,
    what: &str,
) -> Result<T, Error> {
    use bincode::Options as _;
    let bytes = match encoding {
        TransactionBinaryEncoding::Base58 => {
            if encoded.len() > MAX_BASE58_SIZE {
                return Err(invalid_params(format!(
                    "base58 encoded {what} too large: {} bytes (max: encoded/raw {MAX_BASE58_SIZE}/{PACKET_DATA_SIZE})",
                    encoded.len()
                )));
            }
            bs58::decode(encoded)
                .into_vec()
                .map_err(|e| invalid_params(format!("invalid base58 encoding: {e:?}")))?
        }
        TransactionBinaryEncoding::Base64 => {
            if encoded.len() > MAX_BASE64_SIZE {
                return Err(invalid_params(format!(
                    "base64 encoded {what} too large: {} bytes (max: encoded/raw {MAX_BASE64_SIZE}/{PACKET_DATA_SIZE})",
                    encoded.len()
                )));
            }
            BASE64_STANDARD
                .decode(encoded)
                .map_err(|e| invalid_params(format!("invalid base64 encoding: {e:?}")))?
        }
    };
    if bytes.len() > PACKET_DATA_SIZE {
        return Err(invalid_params(format!(
            "decoded {what} too large: {} bytes (max: {PACKET_DATA_SIZE} bytes)",
            bytes.len()
        )));
    }
    bincode::options()
        .with_limit(PACKET_DATA_SIZE as u64)
        .with_fixint_encoding()
        .allow_trailing_bytes()
        .deserialize_from(&bytes[..])
        .map_err(|err| invalid_params(format!("failed to deserialize {what}: {err}")))
}

fn binary_encoding(encoding: Option<UiTransactionEncoding>) -> Result<TransactionBinaryEncoding, Error> {
    let encoding = encoding.unwrap_or(UiTransactionEncoding::Base58);
    encoding.into_binary_encoding().ok_or_else(|| {
        invalid_params(format!("unsupported encoding: {encoding}. Supported encodings: base58, base64"))
    })
}

fn send_error(e: SendError) -> Error {
    match e {
        SendError::Preflight { message, result } => {
            RpcCustomError::SendTransactionPreflightFailure { message, result: *result }.into()
        }
        SendError::SignatureVerification => RpcCustomError::TransactionSignatureVerificationFailure.into(),
        SendError::Invalid(m) => invalid_params(m),
        SendError::Internal(m) => internal(m),
    }
}

/// Whether `account` passes every getProgramAccounts filter.
pub fn filters_match(filters: &[RpcFilterType], account: &Account) -> bool {
    filters.iter().all(|f| match f {
        RpcFilterType::DataSize(n) => account.data.len() as u64 == *n,
        RpcFilterType::Memcmp(m) => m.bytes_match(&account.data),
        RpcFilterType::TokenAccountState => token::token_account(account).is_some(),
    })
}

impl Rpc {
    /// The RPC front of `chain`.
    pub fn new(chain: ChainHandle) -> Self {
        let mut io = IoHandler::new();
        macro_rules! method {
            ($name:literal, $f:ident) => {{
                let chain = chain.clone();
                io.add_method($name, move |p: Params| {
                    let chain = chain.clone();
                    async move {
                        let args = Args::new(p)?;
                        Methods { chain }.$f(args).await
                    }
                });
            }};
        }
        method!("getAccountInfo", get_account_info);
        method!("getBalance", get_balance);
        method!("getBlockHeight", get_block_height);
        method!("getEpochInfo", get_epoch_info);
        method!("getEpochSchedule", get_epoch_schedule);
        method!("getFeeForMessage", get_fee_for_message);
        method!("getGenesisHash", get_genesis_hash);
        method!("getHealth", get_health);
        method!("getLatestBlockhash", get_latest_blockhash);
        method!("getMinimumBalanceForRentExemption", get_minimum_balance_for_rent_exemption);
        method!("getMultipleAccounts", get_multiple_accounts);
        method!("getProgramAccounts", get_program_accounts);
        method!("getRecentPrioritizationFees", get_recent_prioritization_fees);
        method!("getSignatureStatuses", get_signature_statuses);
        method!("getSignaturesForAddress", get_signatures_for_address);
        method!("getSlot", get_slot);
        method!("getTokenAccountBalance", get_token_account_balance);
        method!("getTokenAccountsByOwner", get_token_accounts_by_owner);
        method!("getTokenSupply", get_token_supply);
        method!("getTransaction", get_transaction);
        method!("getTransactionCount", get_transaction_count);
        method!("getVersion", get_version);
        method!("isBlockhashValid", blockhash_valid);
        method!("requestAirdrop", request_airdrop);
        method!("sendTransaction", send_transaction);
        method!("simulateTransaction", simulate_transaction);
        Self { chain, io }
    }

    /// Answers one HTTP request body (a request or a batch); `None` when
    /// it held only notifications.
    pub async fn handle(&self, body: &str) -> Option<String> {
        self.io.handle_request(body).await
    }

    /// The chain behind this front.
    pub fn chain(&self) -> &ChainHandle {
        &self.chain
    }
}

/// Encodes an account the way the validator's RPC does.
pub fn encode_account(
    chain: &ChainHandle,
    pubkey: &Pubkey,
    account: &Account,
    encoding: UiAccountEncoding,
    data_slice: Option<UiDataSliceConfig>,
) -> Result<UiAccount, Error> {
    if matches!(encoding, UiAccountEncoding::Binary | UiAccountEncoding::Base58) {
        let len = match data_slice {
            Some(s) => account.data.len().saturating_sub(s.offset).min(s.length),
            None => account.data.len(),
        };
        if len > MAX_BASE58_BYTES {
            return Err(invalid_params(format!(
                "Encoded binary (base 58) data should be less than {MAX_BASE58_BYTES} bytes, please use Base64 encoding."
            )));
        }
    }
    let additional = if encoding == UiAccountEncoding::JsonParsed {
        token::additional_data_for(account, |m| chain.cached_account(m), chain.view().unix_timestamp)
    } else {
        None
    };
    Ok(encode_ui_account(pubkey, account, encoding, additional, data_slice))
}

struct Methods {
    chain: ChainHandle,
}

impl Methods {
    fn context(&self) -> RpcResponseContext {
        RpcResponseContext::new(self.chain.view().slot)
    }

    fn respond<T: Serialize>(&self, value: T) -> RpcResult {
        to_value(Response { context: self.context(), value })
    }

    /// The account at `key`, which the query needs to exist.
    async fn existing_account(&self, key: &Pubkey) -> Result<Account, Error> {
        self.chain.account(key).await.ok_or_else(|| invalid_params("Invalid param: could not find account"))
    }

    fn context_config(&self, args: &Args, i: usize) -> Result<(), Error> {
        let config: Option<RpcContextConfig> = args.opt(i, "config")?;
        check_min_context_slot(self.chain.view().slot, config.and_then(|c| c.min_context_slot))
    }

    async fn get_latest_blockhash(self, args: Args) -> RpcResult {
        self.context_config(&args, 0)?;
        let v = self.chain.latest().await;
        to_value(Response {
            context: RpcResponseContext::new(v.slot),
            value: RpcBlockhash {
                blockhash: v.blockhash.to_string(),
                last_valid_block_height: v.last_valid_block_height,
            },
        })
    }

    async fn blockhash_valid(self, args: Args) -> RpcResult {
        let hash: String = args.req(0, "blockhash")?;
        let hash: Hash = hash.parse().map_err(|e| invalid_params(format!("Invalid param: {e:?}")))?;
        self.context_config(&args, 1)?;
        let height = self.chain.view().block_height;
        let valid = self.chain.blockhash_last_valid(&hash).is_some_and(|lv| lv >= height);
        self.respond(valid)
    }

    async fn get_slot(self, args: Args) -> RpcResult {
        self.context_config(&args, 0)?;
        to_value(self.chain.view().slot)
    }

    async fn get_block_height(self, args: Args) -> RpcResult {
        self.context_config(&args, 0)?;
        to_value(self.chain.view().block_height)
    }

    async fn get_transaction_count(self, args: Args) -> RpcResult {
        self.context_config(&args, 0)?;
        to_value(self.chain.view().transaction_count)
    }

    async fn get_epoch_info(self, args: Args) -> RpcResult {
        self.context_config(&args, 0)?;
        let v = self.chain.view();
        let schedule = &self.chain.info().epoch_schedule;
        let (epoch, slot_index) = schedule.get_epoch_and_slot_index(v.slot);
        to_value(EpochInfo {
            epoch,
            slot_index,
            slots_in_epoch: schedule.get_slots_in_epoch(epoch),
            absolute_slot: v.slot,
            block_height: v.block_height,
            transaction_count: Some(v.transaction_count),
        })
    }

    async fn get_epoch_schedule(self, _args: Args) -> RpcResult {
        to_value(&self.chain.info().epoch_schedule)
    }

    async fn get_version(self, _args: Args) -> RpcResult {
        let h = self.chain.info().genesis_hash.to_bytes();
        to_value(RpcVersionInfo {
            solana_core: solana_rpc_client_types::response::RpcApiVersion::default().to_string(),
            feature_set: Some(u32::from_le_bytes([h[0], h[1], h[2], h[3]])),
        })
    }

    async fn get_genesis_hash(self, _args: Args) -> RpcResult {
        to_value(self.chain.info().genesis_hash.to_string())
    }

    async fn get_health(self, _args: Args) -> RpcResult {
        if self.chain.is_healthy() {
            to_value("ok")
        } else {
            Err(RpcCustomError::NodeUnhealthy { num_slots_behind: None }.into())
        }
    }

    async fn get_minimum_balance_for_rent_exemption(self, args: Args) -> RpcResult {
        let len: usize = args.req(0, "data length")?;
        to_value(self.chain.info().rent.minimum_balance(len))
    }

    async fn get_recent_prioritization_fees(self, args: Args) -> RpcResult {
        if let Some(keys) = args.opt::<Vec<String>>(0, "addresses")? {
            if keys.len() > 128 {
                return Err(invalid_params("Too many inputs provided; max 128"));
            }
            for k in &keys {
                parse_pubkey(k)?;
            }
        }
        to_value(vec![RpcPrioritizationFee { slot: self.chain.view().slot, prioritization_fee: 0 }])
    }

    async fn get_fee_for_message(self, args: Args) -> RpcResult {
        let data: String = args.req(0, "message")?;
        self.context_config(&args, 1)?;
        let message: VersionedMessage = decode_wire(&data, TransactionBinaryEncoding::Base64, "message")?;
        message.sanitize().map_err(|e| invalid_params(format!("invalid transaction message: {e}")))?;
        let fee = self.chain.fee_for_message(message).await;
        self.respond(fee)
    }

    async fn get_balance(self, args: Args) -> RpcResult {
        let key = args.pubkey(0, "pubkey")?;
        self.context_config(&args, 1)?;
        let lamports = self.chain.account(&key).await.map_or(0, |a| a.lamports);
        self.respond(lamports)
    }

    fn account_config(&self, args: &Args, i: usize) -> Result<RpcAccountInfoConfig, Error> {
        let config: RpcAccountInfoConfig = args.opt(i, "config")?.unwrap_or_default();
        check_min_context_slot(self.chain.view().slot, config.min_context_slot)?;
        Ok(config)
    }

    fn encode(
        &self,
        key: &Pubkey,
        account: &Account,
        config: &RpcAccountInfoConfig,
    ) -> Result<UiAccount, Error> {
        encode_account(
            &self.chain,
            key,
            account,
            config.encoding.unwrap_or(UiAccountEncoding::Binary),
            config.data_slice,
        )
    }

    async fn get_account_info(self, args: Args) -> RpcResult {
        let key = args.pubkey(0, "pubkey")?;
        let config = self.account_config(&args, 1)?;
        let account = self.chain.account(&key).await;
        let value = account.map(|a| self.encode(&key, &a, &config)).transpose()?;
        self.respond(value)
    }

    async fn get_multiple_accounts(self, args: Args) -> RpcResult {
        let keys: Vec<String> = args.req(0, "pubkeys")?;
        if keys.len() > MAX_MULTIPLE_ACCOUNTS {
            return Err(invalid_params(format!("Too many inputs provided; max {MAX_MULTIPLE_ACCOUNTS}")));
        }
        let keys = keys.iter().map(|k| parse_pubkey(k)).collect::<Result<Vec<_>, _>>()?;
        let config = self.account_config(&args, 1)?;
        let accounts = self.chain.accounts(&keys).await;
        let value = keys
            .iter()
            .zip(accounts)
            .map(|(k, a)| a.map(|a| self.encode(k, &a, &config)).transpose())
            .collect::<Result<Vec<_>, _>>()?;
        self.respond(value)
    }

    async fn get_program_accounts(self, args: Args) -> RpcResult {
        let program = args.pubkey(0, "program id")?;
        let config: RpcProgramAccountsConfig = args.opt(1, "config")?.unwrap_or_default();
        check_min_context_slot(self.chain.view().slot, config.account_config.min_context_slot)?;
        let filters = config.filters.unwrap_or_default();
        for f in &filters {
            f.verify().map_err(|e| invalid_params(format!("Invalid param: {f:?}, {e:?}")))?;
        }
        let matches = self.chain.scan(|_, a| a.owner == program && filters_match(&filters, a));
        let accounts = matches
            .iter()
            .map(|(k, a)| {
                Ok(RpcKeyedAccount {
                    pubkey: k.to_string(),
                    account: self.encode(k, a, &config.account_config)?,
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        if config.with_context.unwrap_or(false) {
            to_value(OptionalContext::Context(Response { context: self.context(), value: accounts }))
        } else {
            to_value(OptionalContext::NoContext(accounts))
        }
    }

    async fn get_token_accounts_by_owner(self, args: Args) -> RpcResult {
        let owner = args.pubkey(0, "owner")?;
        let filter: RpcTokenAccountsFilter = args.req(1, "filter")?;
        let config = self.account_config(&args, 2)?;
        let (program, mint) = match filter {
            RpcTokenAccountsFilter::Mint(m) => {
                let mint = parse_pubkey(&m)?;
                let account = self
                    .chain
                    .account(&mint)
                    .await
                    .filter(|a| token::mint_decimals(a).is_some())
                    .ok_or_else(|| invalid_params("Invalid param: could not find mint"))?;
                (account.owner, Some(mint))
            }
            RpcTokenAccountsFilter::ProgramId(p) => {
                let program = parse_pubkey(&p)?;
                if program != autofactor_client::TOKEN_PROGRAM_ID
                    && program != autofactor_client::TOKEN_2022_PROGRAM_ID
                {
                    return Err(invalid_params("Invalid param: unrecognized Token program id"));
                }
                (program, None)
            }
        };
        let matches = self.chain.scan(|_, a| {
            a.owner == program
                && token::token_account(a)
                    .is_some_and(|t| t.owner == owner && mint.is_none_or(|m| m == t.mint))
        });
        let value = matches
            .iter()
            .map(|(k, a)| Ok(RpcKeyedAccount { pubkey: k.to_string(), account: self.encode(k, a, &config)? }))
            .collect::<Result<Vec<_>, Error>>()?;
        self.respond(value)
    }

    async fn get_token_account_balance(self, args: Args) -> RpcResult {
        let key = args.pubkey(0, "pubkey")?;
        self.context_config(&args, 1)?;
        let account = self.existing_account(&key).await?;
        let ts = self.chain.view().unix_timestamp;
        let amount = token::ui_amount(&account, |m| self.chain.cached_account(m), ts)
            .ok_or_else(|| invalid_params("Invalid param: not a Token account"))?;
        self.respond(amount)
    }

    async fn get_token_supply(self, args: Args) -> RpcResult {
        use spl_token_2022_interface::extension::StateWithExtensions;
        use spl_token_2022_interface::state::Mint;
        let key = args.pubkey(0, "mint")?;
        self.context_config(&args, 1)?;
        let account = self.existing_account(&key).await?;
        let data = token::mint_additional_data(&account, self.chain.view().unix_timestamp)
            .ok_or_else(|| invalid_params("Invalid param: not a Token mint"))?;
        let supply = StateWithExtensions::<Mint>::unpack(&account.data)
            .map_err(|_| invalid_params("Invalid param: not a Token mint"))?
            .base
            .supply;
        self.respond(solana_account_decoder::parse_token::token_amount_to_ui_amount_v3(supply, &data))
    }

    async fn request_airdrop(self, args: Args) -> RpcResult {
        let key = args.pubkey(0, "pubkey")?;
        let lamports: u64 = args.req(1, "lamports")?;
        let _config: Option<RpcRequestAirdropConfig> = args.opt(2, "config")?;
        if lamports == 0 {
            return Err(invalid_params("Invalid params: lamports must be positive"));
        }
        match self.chain.airdrop(key, lamports).await {
            Ok(sig) => to_value(sig.to_string()),
            Err(e) => Err(internal(format!("airdrop failed: {e}"))),
        }
    }

    async fn send_transaction(self, args: Args) -> RpcResult {
        let data: String = args.req(0, "transaction")?;
        let config: RpcSendTransactionConfig = args.opt(1, "config")?.unwrap_or_default();
        let encoding = binary_encoding(config.encoding)?;
        let tx: VersionedTransaction = decode_wire(&data, encoding, "transaction")?;
        check_min_context_slot(self.chain.view().slot, config.min_context_slot)?;
        let sig = self.chain.send_transaction(tx, config.skip_preflight).await.map_err(send_error)?;
        to_value(sig.to_string())
    }

    async fn simulate_transaction(self, args: Args) -> RpcResult {
        let data: String = args.req(0, "transaction")?;
        let config: RpcSimulateTransactionConfig = args.opt(1, "config")?.unwrap_or_default();
        let encoding = binary_encoding(config.encoding)?;
        let mut tx: VersionedTransaction = decode_wire(&data, encoding, "transaction")?;
        let view =
            if config.replace_recent_blockhash { self.chain.latest().await } else { self.chain.view() };
        check_min_context_slot(view.slot, config.min_context_slot)?;
        tx.sanitize().map_err(|e| invalid_params(format!("invalid transaction: {e}")))?;
        if config.sig_verify {
            if config.replace_recent_blockhash {
                return Err(invalid_params("sigVerify may not be used with replaceRecentBlockhash"));
            }
            if !tx.verify_with_results().iter().all(|ok| *ok) {
                return Err(RpcCustomError::TransactionSignatureVerificationFailure.into());
            }
        }
        let replacement = if config.replace_recent_blockhash {
            tx.message.set_recent_blockhash(view.blockhash);
            Some(RpcBlockhash {
                blockhash: view.blockhash.to_string(),
                last_valid_block_height: view.last_valid_block_height,
            })
        } else {
            None
        };
        if let Some(accounts) = &config.accounts {
            for a in &accounts.addresses {
                parse_pubkey(a)?;
            }
        }
        let static_keys = tx.message.static_account_keys().to_vec();
        let sim = self.chain.simulate(tx).await.map_err(internal)?;
        let inner_instructions = if config.inner_instructions {
            let keys = AccountKeys::new(&static_keys, Some(&sim.loaded_addresses));
            Some(
                sim.inner_instructions
                    .iter()
                    .cloned()
                    .map(|ii| parse_ui_inner_instructions(ii, &keys))
                    .collect(),
            )
        } else {
            None
        };
        let value = RpcSimulateTransactionResult {
            inner_instructions,
            replacement_blockhash: replacement,
            fee: sim.fee,
            pre_balances: Some(sim.pre_balances.clone()),
            loaded_addresses: Some(UiLoadedAddresses::from(&sim.loaded_addresses)),
            ..crate::chain::preflight_result(&sim)
        };
        to_value(Response { context: RpcResponseContext::new(view.slot), value })
    }

    async fn get_signature_statuses(self, args: Args) -> RpcResult {
        let sigs: Vec<String> = args.req(0, "signatures")?;
        let _config: Option<RpcSignatureStatusConfig> = args.opt(1, "config")?;
        if sigs.len() > MAX_SIGNATURE_STATUSES {
            return Err(invalid_params(format!("Too many inputs provided; max {MAX_SIGNATURE_STATUSES}")));
        }
        let sigs = sigs.iter().map(|s| parse_signature(s)).collect::<Result<Vec<_>, _>>()?;
        let value: Vec<Option<TransactionStatus>> = sigs
            .iter()
            .map(|s| {
                self.chain.transaction(s).map(|r| TransactionStatus {
                    slot: r.slot,
                    confirmations: None,
                    status: r.meta.status.clone(),
                    err: r.meta.status.clone().err(),
                    confirmation_status: Some(TransactionConfirmationStatus::Finalized),
                })
            })
            .collect();
        self.respond(value)
    }

    async fn get_signatures_for_address(self, args: Args) -> RpcResult {
        let address = args.pubkey(0, "address")?;
        let config: RpcSignaturesForAddressConfig = args.opt(1, "config")?.unwrap_or_default();
        check_min_context_slot(self.chain.view().slot, config.min_context_slot)?;
        let limit = config.limit.unwrap_or(1000);
        if limit == 0 || limit > 1000 {
            return Err(invalid_params("Invalid limit; max 1000"));
        }
        let before = config.before.as_deref().map(parse_signature).transpose()?;
        let until = config.until.as_deref().map(parse_signature).transpose()?;
        let all = self.chain.signatures_for_address(&address, usize::MAX);
        let start = match before {
            Some(b) => all.iter().position(|(s, _)| *s == b).map_or(all.len(), |i| i + 1),
            None => 0,
        };
        let value: Vec<RpcConfirmedTransactionStatusWithSignature> = all[start..]
            .iter()
            .take_while(|(s, _)| Some(*s) != until)
            .take(limit)
            .map(|(s, r)| RpcConfirmedTransactionStatusWithSignature {
                signature: s.to_string(),
                slot: r.slot,
                err: r.meta.status.clone().err().map(Into::into),
                memo: None,
                block_time: Some(r.block_time),
                confirmation_status: Some(TransactionConfirmationStatus::Finalized),
            })
            .collect();
        to_value(value)
    }

    async fn get_transaction(self, args: Args) -> RpcResult {
        let sig = parse_signature(&args.req::<String>(0, "signature")?)?;
        let config = args
            .opt::<RpcEncodingConfigWrapper<RpcTransactionConfig>>(1, "config")?
            .map(|c| c.convert_to_current())
            .unwrap_or_default();
        let Some(record) = self.chain.transaction(&sig) else { return Ok(Value::Null) };
        let confirmed = ConfirmedTransactionWithStatusMeta {
            slot: record.slot,
            tx_with_meta: TransactionWithStatusMeta::Complete(VersionedTransactionWithStatusMeta {
                transaction: record.transaction.clone(),
                meta: record.meta.clone(),
            }),
            block_time: Some(record.block_time),
        };
        let encoded = confirmed
            .encode(
                config.encoding.unwrap_or(UiTransactionEncoding::Json),
                config.max_supported_transaction_version,
            )
            .map_err(|e| Error::from(RpcCustomError::from(e)))?;
        to_value(encoded)
    }
}

impl std::fmt::Debug for Rpc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rpc").finish_non_exhaustive()
    }
}
