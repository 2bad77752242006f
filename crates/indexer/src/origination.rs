//! Origination service: a supplier `POST`s an e-invoice (UBL 2.1 or
//! UN/CEFACT CII XML) and gets the parsed terms (the `autofactor-einvoice`
//! parser, the one the CLI uses), the document's SHA-256, and the URL of
//! the Metaplex Core metadata JSON stored and served here — the URI to give
//! the invoice's asset. The document itself is readable only by the
//! invoice's parties: the uploader, and once the invoice is on chain (and
//! indexed) its supplier, its buyer, its pool's manager and the pool's
//! registered verifiers.
//!
//! Authentication is a wallet-signed message in the style of Sign-In With
//! Solana: `POST /auth/nonce {"wallet"}` returns a one-off nonce, its expiry
//! and the exact message to sign; requests then carry
//! `Authorization: Solana <wallet>:<nonce>:<base58 ed25519 signature of the
//! message>`, valid until the nonce expires. Missing or invalid
//! credentials are a 401; a valid wallet that is not a party a 403.

use crate::db::{amount, Conn, Pool, Value};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine as _;
use serde_json::{json, Value as JsonValue};

/// Largest accepted document.
pub const MAX_DOCUMENT_BYTES: usize = 2 * 1024 * 1024;
/// How long a sign-in nonce stays valid.
pub const NONCE_TTL_SECS: i64 = 600;
/// Accepted document types.
pub const XML_TYPES: [&str; 2] = ["application/xml", "text/xml"];

/// Shared state of the API: the database and the public base URL that
/// metadata and document URIs are built on.
#[derive(Clone)]
pub struct Origination {
    pub db: Pool,
    pub public_url: String,
}

fn now_ts() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

fn err(status: StatusCode, code: &str, msg: impl Into<String>) -> Response {
    (status, Json(json!({ "error": msg.into(), "code": code }))).into_response()
}

fn internal(e: anyhow::Error) -> Response {
    err(StatusCode::INTERNAL_SERVER_ERROR, "internal", format!("{e:#}"))
}

fn pubkey(s: &str) -> Option<[u8; 32]> {
    bs58::decode(s).into_vec().ok()?.try_into().ok()
}

/// The message a wallet signs to sign in (SIWS-style).
pub fn sign_in_message(domain: &str, wallet: &str, nonce: &str, issued_ts: i64, expires_ts: i64) -> String {
    format!(
        "{domain} wants you to sign in with your Solana account:\n{wallet}\n\n\
         Read Autofactor invoice documents you are a party to.\n\n\
         URI: {domain}\nNonce: {nonce}\nIssued At: {issued_ts}\nExpiration Time: {expires_ts}"
    )
}

fn domain(public_url: &str) -> &str {
    public_url.split("://").nth(1).unwrap_or(public_url).trim_end_matches('/')
}

/// `POST /auth/nonce` `{"wallet": "<base58>"}`.
pub async fn nonce(State(o): State<Origination>, body: Bytes) -> Response {
    let req: JsonValue = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => return err(StatusCode::BAD_REQUEST, "bad_json", format!("body is not JSON: {e}")),
    };
    let Some(wallet) = req["wallet"].as_str().filter(|w| pubkey(w).is_some()).map(str::to_string) else {
        return err(StatusCode::BAD_REQUEST, "bad_wallet", "wallet must be a base58 public key");
    };
    let nonce = hex::encode(rand::random::<[u8; 16]>());
    let issued = now_ts();
    let expires = issued + NONCE_TTL_SECS;
    let (w, n) = (wallet.clone(), nonce.clone());
    let stored =
        o.db.run(move |c| {
            c.execute("DELETE FROM auth_nonces WHERE expires_ts < ?", &[issued.into()])?;
            c.execute(
                "INSERT INTO auth_nonces (nonce, wallet, issued_ts, expires_ts) VALUES (?, ?, ?, ?)",
                &[n.into(), w.into(), issued.into(), expires.into()],
            )
        })
        .await;
    if let Err(e) = stored {
        return internal(e);
    }
    let message = sign_in_message(domain(&o.public_url), &wallet, &nonce, issued, expires);
    Json(json!({ "wallet": wallet, "nonce": nonce, "issued_ts": issued, "expires_ts": expires, "message": message }))
        .into_response()
}

/// The signed-in wallet of a request, or the 401 to answer.
async fn authenticate(o: &Origination, headers: &HeaderMap) -> Result<String, Response> {
    let unauthorized = |msg: &str| err(StatusCode::UNAUTHORIZED, "unauthorized", msg);
    let Some(value) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return Err(unauthorized(
            "sign in: Authorization: Solana <wallet>:<nonce>:<signature> (see POST /auth/nonce)",
        ));
    };
    let Some(creds) = value.strip_prefix("Solana ") else {
        return Err(unauthorized("the Authorization scheme must be Solana"));
    };
    let parts: Vec<&str> = creds.trim().split(':').collect();
    let [wallet, nonce, signature] = parts[..] else {
        return Err(unauthorized("credentials must be <wallet>:<nonce>:<signature>"));
    };
    let Some(key) = pubkey(wallet) else { return Err(unauthorized("wallet is not a base58 public key")) };
    let Some(sig) = bs58::decode(signature).into_vec().ok().and_then(|s| <[u8; 64]>::try_from(s).ok()) else {
        return Err(unauthorized("signature is not 64 base58 bytes"));
    };
    let n = nonce.to_string();
    let record =
        o.db.run(move |c| {
            c.query("SELECT wallet, issued_ts, expires_ts FROM auth_nonces WHERE nonce = ?", &[n.into()])
        })
        .await
        .map_err(internal)?;
    let Some(r) = record.first() else {
        return Err(unauthorized("unknown nonce: request one with POST /auth/nonce"));
    };
    let (owner, issued, expires) =
        (r[0].text().map_err(internal)?, r[1].int().map_err(internal)?, r[2].int().map_err(internal)?);
    if owner != wallet {
        return Err(unauthorized("this nonce was issued to another wallet"));
    }
    if now_ts() > expires {
        return Err(unauthorized("the sign-in has expired: request a new nonce"));
    }
    let message = sign_in_message(domain(&o.public_url), wallet, nonce, issued, expires);
    let verifying = ed25519_dalek::VerifyingKey::from_bytes(&key)
        .map_err(|_| unauthorized("wallet is not a valid ed25519 public key"))?;
    verifying
        .verify_strict(message.as_bytes(), &ed25519_dalek::Signature::from_bytes(&sig))
        .map_err(|_| unauthorized("the signature does not match the sign-in message"))?;
    Ok(wallet.to_string())
}

/// `POST /documents` (signed in; body = the e-invoice; `Content-Type`
/// `application/xml` or `text/xml`).
pub async fn upload(State(o): State<Origination>, headers: HeaderMap, body: Bytes) -> Response {
    let uploader = match authenticate(&o, &headers).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .unwrap_or_default();
    if content_type == "application/pdf" {
        return err(
            StatusCode::UNPROCESSABLE_ENTITY,
            "pdf",
            "a PDF carries no machine-readable terms: upload the UBL or CII XML e-invoice",
        );
    }
    if !XML_TYPES.contains(&content_type.as_str()) {
        return err(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_type",
            format!("Content-Type {content_type:?} is not accepted: use application/xml (UBL 2.1 or CII)"),
        );
    }
    if body.len() > MAX_DOCUMENT_BYTES {
        return err(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("{} bytes; the limit is {MAX_DOCUMENT_BYTES}", body.len()),
        );
    }
    let invoice = match autofactor_einvoice::parse(&body) {
        Ok(i) => i,
        Err(e) => return err(StatusCode::UNPROCESSABLE_ENTITY, e.code(), e.to_string()),
    };
    let sha = invoice.document_sha256_hex();
    let base = o.public_url.trim_end_matches('/');
    let metadata_uri = format!("{base}/metadata/{sha}.json");
    let document_uri = format!("{base}/documents/{sha}");
    let metadata = autofactor_einvoice::metadata_json(
        &invoice,
        &autofactor_einvoice::MetadataOptions {
            symbol: Some("AFINV".into()),
            document_uri: Some(document_uri.clone()),
            ..Default::default()
        },
    );
    let terms = match serde_json::to_value(&invoice) {
        Ok(t) => t,
        Err(e) => return internal(e.into()),
    };
    let b64 = base64::engine::general_purpose::STANDARD.encode(&body);
    let size = body.len() as u64;
    let (s, t, m, ct, up) =
        (sha.clone(), terms.to_string(), metadata.to_string(), content_type.clone(), uploader.clone());
    let stored = o
        .db
        .run(move |c| -> anyhow::Result<bool> {
            // The same bytes again: one document (the first uploader keeps it).
            let n = c.execute(
                "INSERT INTO documents (sha256, content_type, size, body_b64, uploader, terms_json, metadata_json, created_ts) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                &[s.into(), ct.into(), amount(size)?, b64.into(), up.into(), t.into(), m.into(), now_ts().into()],
            )?;
            Ok(n == 1)
        })
        .await;
    let created = match stored {
        Ok(c) => c,
        Err(e) => return internal(e),
    };
    (
        if created { StatusCode::CREATED } else { StatusCode::OK },
        Json(json!({
            "document_sha256": sha,
            "terms": terms,
            "metadata_uri": metadata_uri,
            "document_uri": document_uri,
            "metadata": metadata,
        })),
    )
        .into_response()
}

/// `GET /metadata/{sha256}.json` — public: the asset's URI.
pub async fn metadata(State(o): State<Origination>, Path(file): Path<String>) -> Response {
    let Some(sha) =
        file.strip_suffix(".json").filter(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
    else {
        return err(StatusCode::NOT_FOUND, "not_found", "metadata URLs look like /metadata/<64 hex>.json");
    };
    let key = sha.to_ascii_lowercase();
    match o
        .db
        .run(move |c| c.query("SELECT metadata_json FROM documents WHERE sha256 = ?", &[key.into()]))
        .await
    {
        Ok(rows) => match rows.first().map(|r| r[0].text()) {
            Some(Ok(text)) => ([(header::CONTENT_TYPE, "application/json")], text).into_response(),
            Some(Err(e)) => internal(e),
            None => err(StatusCode::NOT_FOUND, "not_found", format!("no metadata for document {sha}")),
        },
        Err(e) => internal(e),
    }
}

/// Wallets allowed to read document `sha`: the uploader and, for every
/// indexed invoice with that document hash, its supplier, buyer, the pool's
/// manager and its active verifiers.
pub fn parties(c: &mut Conn, sha: &str) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for r in c.query("SELECT uploader FROM documents WHERE sha256 = ?", &[sha.into()])? {
        out.push(r[0].text()?);
    }
    let invoices = c.query(
        "SELECT i.supplier, i.buyer, p.manager, i.pool FROM invoices i JOIN pools p ON p.pool = i.pool \
         WHERE i.document_hash = ?",
        &[sha.into()],
    )?;
    for r in invoices {
        out.extend([r[0].text()?, r[1].text()?, r[2].text()?]);
        let pool: Value = r[3].clone();
        for v in c.query("SELECT verifier FROM pool_verifiers WHERE pool = ? AND active = 1", &[pool])? {
            out.push(v[0].text()?);
        }
    }
    Ok(out)
}

/// `GET /documents/{sha256}` — the document, to its parties only.
pub async fn document(State(o): State<Origination>, Path(sha): Path<String>, headers: HeaderMap) -> Response {
    let wallet = match authenticate(&o, &headers).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let key = sha.to_ascii_lowercase();
    let result =
        o.db.run(move |c| {
            let doc = c.query(
                "SELECT content_type, body_b64 FROM documents WHERE sha256 = ?",
                &[key.as_str().into()],
            )?;
            Ok((doc.first().cloned(), parties(c, &key)?))
        })
        .await;
    let (doc, parties) = match result {
        Ok(v) => v,
        Err(e) => return internal(e),
    };
    let Some(doc) = doc else { return err(StatusCode::NOT_FOUND, "not_found", format!("no document {sha}")) };
    if !parties.contains(&wallet) {
        return err(
            StatusCode::FORBIDDEN,
            "forbidden",
            format!("{wallet} is not a party to this invoice (supplier, buyer, pool manager or verifier)"),
        );
    }
    let (Ok(ct), Ok(b64)) = (doc[0].text(), doc[1].text()) else {
        return internal(anyhow::anyhow!("document row unreadable"));
    };
    match base64::engine::general_purpose::STANDARD.decode(b64) {
        Ok(bytes) => ([(header::CONTENT_TYPE, ct)], bytes).into_response(),
        Err(e) => internal(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sign_in_message_names_wallet_nonce_and_expiry() {
        let m = sign_in_message("api.example:8080", "W", "abc", 10, 610);
        assert!(m.starts_with("api.example:8080 wants you to sign in with your Solana account:\nW\n"));
        assert!(m.contains("Nonce: abc\nIssued At: 10\nExpiration Time: 610"));
        assert_eq!(domain("http://127.0.0.1:8901/"), "127.0.0.1:8901");
    }
}
