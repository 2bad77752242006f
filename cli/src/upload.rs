//! Uploads an invoice's document to the origination service (the indexer's
//! HTTP API, `autofactor serve` / `autofactor localnet --demo`) for
//! `invoice create --from-einvoice`: signs in with the supplier's wallet
//! (`POST /auth/nonce`, the message signed with the keypair), `POST
//! /documents` with the file, and returns the service's metadata URL — the
//! asset URI that resolves — and the terms it read.
//!
//! The service is `--api-url` or the config file's `autofactor_api_url`;
//! without one nothing is uploaded and `invoice create` behaves as before.

use crate::commands::einvoice::TermFlags;
use crate::errors::CliError;
use anyhow::{anyhow, Result};
use serde_json::Value;
use solana_sdk::signature::{Keypair, Signer};
use std::path::Path;
use std::time::Duration;

/// What the service stored.
#[derive(Debug, Clone)]
pub struct Uploaded {
    /// SHA-256 of the uploaded bytes (64 hex digits).
    pub document_sha256: String,
    /// `<api>/metadata/<sha256>.json`: the asset URI.
    pub metadata_uri: String,
    /// `<api>/documents/<sha256>`: the document, for its parties.
    pub document_uri: String,
    /// The terms the service read (the e-invoice parser's JSON shape).
    pub terms: Value,
}

fn client() -> Result<reqwest::blocking::Client> {
    reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .map_err(|e| anyhow!(CliError::new("api_error", format!("cannot build the HTTP client: {e}"))))
}

fn unreachable(api: &str, e: reqwest::Error) -> anyhow::Error {
    anyhow!(CliError::new(
        "api_unreachable",
        format!("cannot reach the origination service at {api}: {e} (check --api-url / autofactor_api_url)")
    ))
}

/// The service's JSON answer, or its refusal as a [`CliError`] with the
/// service's code.
fn answer(what: &str, r: reqwest::blocking::Response) -> Result<(u16, Value)> {
    let status = r.status().as_u16();
    let text = r.text().unwrap_or_default();
    let body: Option<Value> = serde_json::from_str(&text).ok();
    if !(200..300).contains(&status) {
        let field = |k: &str| body.as_ref().and_then(|b| b[k].as_str()).map(str::to_string);
        let code = field("code").unwrap_or_else(|| "api_error".into());
        // Not JSON: the answer's text is the message.
        let msg =
            field("error").unwrap_or_else(|| if body.is_some() { "no message".into() } else { text.clone() });
        return Err(anyhow!(CliError::new(
            &code,
            format!("{what}: the origination service answered {status}: {msg}")
        )));
    }
    let body = body.ok_or_else(|| {
        anyhow!(CliError::new(
            "api_error",
            format!("{what}: the origination service answered {status}: {text}")
        ))
    })?;
    Ok((status, body))
}

/// `POST /auth/nonce`
#[derive(serde::Serialize)]
struct NonceRequest {
    wallet: String,
}

/// The `Authorization` header of `signer`, signed in at `api`.
pub fn sign_in(http: &reqwest::blocking::Client, api: &str, signer: &Keypair) -> Result<String> {
    let r = http
        .post(format!("{api}/auth/nonce"))
        .json(&NonceRequest { wallet: signer.pubkey().to_string() })
        .send()
        .map_err(|e| unreachable(api, e))?;
    let (_, n) = answer("sign-in", r)?;
    let (Some(message), Some(nonce), Some(issued_ts), Some(expires_ts)) =
        (n["message"].as_str(), n["nonce"].as_str(), n["issued_ts"].as_i64(), n["expires_ts"].as_i64())
    else {
        return Err(anyhow!(CliError::new("api_error", format!("sign-in: unexpected answer {n}"))));
    };
    check_sign_in_message(message, &signer.pubkey().to_string(), nonce, issued_ts, expires_ts)?;
    let signature = signer.sign_message(message.as_bytes());
    Ok(format!("Solana {}:{nonce}:{signature}", signer.pubkey()))
}

/// The keypair signs only the sign-in text for this wallet, never bytes the
/// service chose (they could be a transaction): `message` must be exactly
/// what the service's own code writes for these figures, with a one-line
/// domain of printable characters.
fn check_sign_in_message(
    message: &str,
    wallet: &str,
    nonce: &str,
    issued_ts: i64,
    expires_ts: i64,
) -> Result<()> {
    let domain = message.split(" wants you to sign in").next().unwrap_or_default();
    let expected =
        autofactor_indexer::origination::sign_in_message(domain, wallet, nonce, issued_ts, expires_ts);
    if domain.is_empty() || domain.chars().any(char::is_control) || message != expected {
        return Err(anyhow!(CliError::new(
            "api_bad_sign_in",
            format!(
                "sign-in: the service asked to sign a message that is not a sign-in for {wallet}; refused"
            )
        )));
    }
    Ok(())
}

/// Uploads `file` (an XML e-invoice or a PDF) signed in as `signer`. A PDF
/// goes with the terms the flags give as form fields (used when it embeds no
/// e-invoice); `--due-date` overrides an e-invoice's due date there too.
pub fn upload(api: &str, signer: &Keypair, file: &Path, flags: &TermFlags) -> Result<Uploaded> {
    let api = api.trim_end_matches('/');
    let bytes = std::fs::read(file)
        .map_err(|e| anyhow!(CliError::new("io_error", format!("cannot read {}: {e}", file.display()))))?;
    let pdf = autofactor_einvoice::is_pdf(&bytes);
    let mut fields: Vec<(&str, String)> = Vec::new();
    if let Some(d) = flags.due_date {
        fields.push(("due_date", d.format("%Y-%m-%d").to_string()));
    }
    if pdf {
        for (k, v) in [
            ("invoice_number", flags.invoice_number.clone()),
            ("amount", flags.amount.clone()),
            ("currency", flags.currency.clone().map(|c| c.trim().to_ascii_uppercase())),
            ("issue_date", flags.issue_date.map(|d| d.format("%Y-%m-%d").to_string())),
        ] {
            fields.extend(v.map(|v| (k, v)));
        }
    } else if flags.issue_date.is_some() || flags.invoice_number.is_some() {
        return Err(anyhow!(CliError::new(
            "invalid_argument",
            "with an origination service the asset's metadata states the e-invoice's own issue date and number: \
             drop --issue-date / --invoice-number, or pass --metadata-uri to publish the metadata yourself"
        )));
    }
    let http = client()?;
    let auth = sign_in(&http, api, signer)?;
    let r = http
        .post(format!("{api}/documents"))
        .query(&fields)
        .header("authorization", auth)
        .header("content-type", if pdf { "application/pdf" } else { "application/xml" })
        .body(bytes.clone())
        .send()
        .map_err(|e| unreachable(api, e))?;
    let (_, v) = answer(&format!("uploading {}", file.display()), r)?;
    let text = |k: &str| v[k].as_str().map(str::to_string).unwrap_or_default();
    let up = Uploaded {
        document_sha256: text("document_sha256"),
        metadata_uri: text("metadata_uri"),
        document_uri: text("document_uri"),
        terms: v["terms"].clone(),
    };
    let local = hex::encode(autofactor_einvoice::sha256(&bytes));
    if up.document_sha256 != local || up.metadata_uri.is_empty() {
        return Err(anyhow!(CliError::new(
            "api_error",
            format!(
                "the origination service stored {:?} for a file whose SHA-256 is {local}: not the same document",
                up.document_sha256
            )
        )));
    }
    Ok(up)
}

/// For `invoice create`: uploads the file when a service is configured and
/// no `--metadata-uri` was given, and points the asset at the service's
/// metadata URL. A PDF whose terms the service read from its embedded
/// e-invoice (Factur-X / ZUGFeRD) fills the flags the command would
/// otherwise need.
pub fn for_create(
    api: Option<&str>,
    signer: &Keypair,
    file: &Path,
    flags: &mut TermFlags,
) -> Result<Option<Uploaded>> {
    let Some(api) = api.filter(|a| !a.trim().is_empty()) else { return Ok(None) };
    if flags.metadata_uri.is_some() {
        return Ok(None);
    }
    let up = upload(api, signer, file, flags)?;
    flags.metadata_uri = Some(up.metadata_uri.clone());
    let t = &up.terms;
    if t["kind"] != "pdf" && t["embedded_xml"].is_object() {
        let s = |k: &str| t[k].as_str().map(str::to_string);
        let date = |k: &str| s(k).and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        flags.amount = flags.amount.take().or_else(|| s("amount"));
        flags.currency = flags.currency.take().or_else(|| s("currency"));
        flags.issue_date = flags.issue_date.or_else(|| date("issue_date"));
        flags.due_date = flags.due_date.or_else(|| date("due_date"));
        flags.invoice_number = flags.invoice_number.take().or_else(|| s("invoice_number"));
    }
    Ok(Some(up))
}

#[cfg(test)]
mod tests {
    use super::check_sign_in_message;
    use autofactor_indexer::origination::sign_in_message;

    const WALLET: &str = "4NukRrErtAhbym6kYzSS8gjDyuM6frxfB1cjT6vEXMKR";

    #[test]
    fn only_the_services_sign_in_text_for_this_wallet_is_signed() {
        let good = sign_in_message("api.example", WALLET, "ab12", 100, 400);
        assert!(check_sign_in_message(&good, WALLET, "ab12", 100, 400).is_ok());
        let other_wallet =
            sign_in_message("api.example", "11111111111111111111111111111111", "ab12", 100, 400);
        let appended = format!("{good}\nand transfer everything");
        let multiline_domain = sign_in_message("a\nb", WALLET, "ab12", 100, 400);
        for (case, message) in [
            ("another wallet", other_wallet.as_str()),
            ("text appended", appended.as_str()),
            ("another nonce", &sign_in_message("api.example", WALLET, "ffff", 100, 400)),
            ("a domain with a newline", multiline_domain.as_str()),
            ("arbitrary bytes", "\u{1}\u{0}\u{3}transaction"),
        ] {
            assert!(check_sign_in_message(message, WALLET, "ab12", 100, 400).is_err(), "{case}");
        }
    }
}
