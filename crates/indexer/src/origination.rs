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
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine as _;
use serde_json::{json, Value as JsonValue};
use std::collections::HashMap;

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

/// Why a document was refused: the HTTP status, a stable code and a specific
/// message (`{"error", "code"}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub status: StatusCode,
    pub code: String,
    pub message: String,
}

impl Refusal {
    fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        Self { status, code: code.into(), message: message.into() }
    }
    fn unprocessable(code: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
    }
}

impl From<anyhow::Error> for Refusal {
    fn from(e: anyhow::Error) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", format!("{e:#}"))
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        err(self.status, &self.code, self.message)
    }
}

/// A document read and checked, ready to store: its SHA-256 (of the exact
/// bytes), the terms, and the Core asset metadata that will be served at
/// `metadata_uri`.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub content_type: String,
    pub body: Vec<u8>,
    pub document_sha256: String,
    pub terms: JsonValue,
    pub metadata_uri: String,
    pub document_uri: String,
    pub metadata: JsonValue,
}

impl Prepared {
    /// The upload's answer.
    pub fn json(&self) -> JsonValue {
        json!({
            "document_sha256": self.document_sha256,
            "terms": self.terms,
            "metadata_uri": self.metadata_uri,
            "document_uri": self.document_uri,
            "metadata": self.metadata,
        })
    }
}

/// The terms form fields of a plain PDF (query parameters of `POST /documents`).
pub const PDF_FIELDS: [&str; 5] = ["invoice_number", "amount", "currency", "issue_date", "due_date"];
/// Optional form fields of a plain PDF.
pub const PDF_OPTIONAL_FIELDS: [&str; 3] = ["seller_name", "buyer_name", "payment_terms"];
/// Longest invoice number the program accepts.
pub const MAX_INVOICE_NUMBER_LEN: usize = 64;

fn date_field(fields: &HashMap<String, String>, name: &str) -> Result<chrono::NaiveDate, Refusal> {
    let v = fields.get(name).map(|v| v.trim()).unwrap_or_default();
    chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|e| {
        Refusal::unprocessable("invalid_date", format!("{name} {v:?} is not a YYYY-MM-DD date: {e}"))
    })
}

fn party_json(name: Option<&String>) -> JsonValue {
    json!({ "name": name.map(|n| n.trim()).unwrap_or(""), "identifiers": [], "country": null })
}

/// Terms and metadata of a PDF without an embedded e-invoice, from the form
/// fields (the same JSON shapes as an e-invoice's: `autofactor_einvoice`'s
/// terms and `metadata_json`, with `kind`/`format` `pdf`).
fn plain_pdf(
    sha: &str,
    fields: &HashMap<String, String>,
    document_uri: &str,
) -> Result<(JsonValue, JsonValue), Refusal> {
    let missing: Vec<&str> =
        PDF_FIELDS.iter().copied().filter(|f| fields.get(*f).is_none_or(|v| v.trim().is_empty())).collect();
    if !missing.is_empty() {
        return Err(Refusal::unprocessable(
            "pdf_terms_missing",
            format!(
                "this PDF embeds no e-invoice (Factur-X / ZUGFeRD XML), so its terms must be given as form fields \
                 (query parameters): missing {}",
                missing.join(", ")
            ),
        ));
    }
    if let Some(unknown) = fields
        .keys()
        .find(|k| !PDF_FIELDS.contains(&k.as_str()) && !PDF_OPTIONAL_FIELDS.contains(&k.as_str()))
    {
        return Err(Refusal::unprocessable(
            "unknown_field",
            format!(
                "unknown form field {unknown:?}; the fields are {} and optionally {}",
                PDF_FIELDS.join(", "),
                PDF_OPTIONAL_FIELDS.join(", ")
            ),
        ));
    }
    let number = fields["invoice_number"].trim().to_string();
    if number.len() > MAX_INVOICE_NUMBER_LEN {
        return Err(Refusal::unprocessable(
            "invalid_invoice_number",
            format!("invoice_number is {} bytes; at most {MAX_INVOICE_NUMBER_LEN}", number.len()),
        ));
    }
    let currency = fields["currency"].trim().to_string();
    let exponent = autofactor_einvoice::currency_exponent(&currency).ok_or_else(|| {
        Refusal::unprocessable(
            "unknown_currency",
            format!(
                "currency {currency:?} is not an ISO 4217 code such as EUR, USD, NOK or JPY (upper case)"
            ),
        )
    })?;
    let amount = fields["amount"].trim().to_string();
    let minor = autofactor_einvoice::decimal_to_minor_units(&amount, exponent).map_err(|e| {
        Refusal::unprocessable("invalid_amount", format!("amount {amount:?} in {currency}: {e}"))
    })?;
    let amount_minor = u64::try_from(minor).ok().filter(|m| *m > 0).ok_or_else(|| {
        Refusal::unprocessable(
            "non_positive_amount",
            format!("amount {amount} {currency}: only a positive amount due can be financed"),
        )
    })?;
    let issue = date_field(fields, "issue_date")?;
    let due = date_field(fields, "due_date")?;
    if due < issue {
        return Err(Refusal::unprocessable(
            "due_before_issue",
            format!("due_date {due} is before issue_date {issue}"),
        ));
    }
    let amount_decimal = autofactor_einvoice::format_minor_units(amount_minor, exponent);
    let (seller, buyer) = (party_json(fields.get("seller_name")), party_json(fields.get("buyer_name")));
    let payment_terms = fields.get("payment_terms").map(|t| t.trim()).filter(|t| !t.is_empty());
    let terms = json!({
        "kind": "pdf",
        "invoice_number": number,
        "type_code": null,
        "issue_date": issue.to_string(),
        "due_date": due.to_string(),
        "due_date_source": "form",
        "currency": currency,
        "currency_exponent": exponent,
        "amount_minor": amount_minor,
        "amount": amount_decimal,
        "payment_terms": payment_terms,
        "seller": seller,
        "buyer": buyer,
        "document_sha256": sha,
    });
    let name =
        |p: &JsonValue| p["name"].as_str().filter(|n| !n.is_empty()).unwrap_or("(not stated)").to_string();
    let attribute = |t: &str, v: String| json!({ "trait_type": t, "value": v });
    let metadata = json!({
        "name": format!("Invoice {number}"),
        "symbol": METADATA_SYMBOL,
        "description": format!(
            "Invoice {number} from {} to {}, {amount_decimal} {currency}, issued {issue}, due {due}. \
             Original PDF (terms stated by the uploader), SHA-256 {sha}.",
            name(&seller),
            name(&buyer)
        ),
        "attributes": [
            attribute("Invoice number", number.clone()),
            attribute("Currency", currency.clone()),
            attribute("Face amount (minor units)", amount_minor.to_string()),
            attribute("Issue date", issue.to_string()),
            attribute("Due date", due.to_string()),
            attribute("Seller", name(&seller)),
            attribute("Buyer", name(&buyer)),
            attribute("Document SHA-256", sha.to_string()),
            attribute("Document format", "PDF".to_string()),
        ],
        "properties": {
            "files": [{ "uri": document_uri, "type": "application/pdf" }],
            "document": { "format": "pdf", "sha256": sha },
            "invoice": terms,
        },
    });
    Ok((terms, metadata))
}

/// `symbol` of the metadata the service publishes.
pub const METADATA_SYMBOL: &str = "AFINV";

/// Reads and checks a document — the one origination path (uploads and the
/// demo's documents): UBL 2.1 / CII XML through `autofactor-einvoice`; a
/// PDF either embeds its e-invoice (Factur-X / ZUGFeRD: the same parser on
/// the embedded XML) or comes with its terms as `fields`. `due_date` in
/// `fields` overrides an e-invoice's due date (the parser's option).
pub fn prepare(
    public_url: &str,
    content_type: &str,
    body: &[u8],
    fields: &HashMap<String, String>,
) -> Result<Prepared, Refusal> {
    let content_type = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let is_pdf = content_type == "application/pdf";
    if !is_pdf && !XML_TYPES.contains(&content_type.as_str()) {
        return Err(Refusal::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_type",
            format!(
                "Content-Type {content_type:?} is not accepted: use application/xml (UBL 2.1 or CII) or \
                 application/pdf (Factur-X / ZUGFeRD, or a PDF with its terms as form fields)"
            ),
        ));
    }
    if body.len() > MAX_DOCUMENT_BYTES {
        return Err(Refusal::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("{} bytes; the limit is {MAX_DOCUMENT_BYTES}", body.len()),
        ));
    }
    let parser_error =
        |e: autofactor_einvoice::EInvoiceError| Refusal::unprocessable(e.code(), e.to_string());
    let due_date = match fields.get("due_date") {
        Some(_) => Some(date_field(fields, "due_date")?),
        None => None,
    };
    let opts = autofactor_einvoice::ParseOptions { due_date };
    let sha = hex::encode(autofactor_einvoice::sha256(body));
    let base = public_url.trim_end_matches('/');
    let metadata_uri = format!("{base}/metadata/{sha}.json");
    let document_uri = format!("{base}/documents/{sha}");
    let meta_opts = autofactor_einvoice::MetadataOptions {
        symbol: Some(METADATA_SYMBOL.into()),
        document_uri: Some(document_uri.clone()),
        ..Default::default()
    };
    let (terms, metadata) = if is_pdf {
        match autofactor_einvoice::parse_pdf_with(body, &opts) {
            Ok(p) => {
                let mut terms = serde_json::to_value(&p.invoice).map_err(anyhow::Error::from)?;
                let embedded = json!({ "name": p.xml_name, "sha256": hex::encode(p.xml_sha256) });
                terms["embedded_xml"] = embedded.clone();
                let mut metadata = autofactor_einvoice::metadata_json(&p.invoice, &meta_opts);
                metadata["properties"]["files"][0]["type"] = json!("application/pdf");
                metadata["properties"]["document"]["container"] = json!("pdf");
                metadata["properties"]["document"]["embedded_xml"] = embedded;
                (terms, metadata)
            }
            Err(autofactor_einvoice::EInvoiceError::Pdf { .. }) => plain_pdf(&sha, fields, &document_uri)?,
            Err(e) => return Err(parser_error(e)),
        }
    } else {
        if let Some(f) = fields.keys().find(|k| k.as_str() != "due_date") {
            return Err(Refusal::unprocessable(
                "unknown_field",
                format!("form field {f:?}: an e-invoice states its own terms (only due_date may override)"),
            ));
        }
        let invoice = autofactor_einvoice::parse_with(body, &opts).map_err(parser_error)?;
        let terms = serde_json::to_value(&invoice).map_err(anyhow::Error::from)?;
        (terms, autofactor_einvoice::metadata_json(&invoice, &meta_opts))
    };
    Ok(Prepared {
        content_type,
        body: body.to_vec(),
        document_sha256: sha,
        terms,
        metadata_uri,
        document_uri,
        metadata,
    })
}

/// Stores a prepared document (uploaded by `uploader`); false when the same
/// bytes were already stored (the first uploader keeps it).
pub fn store(c: &mut Conn, uploader: &str, p: &Prepared, now: i64) -> anyhow::Result<bool> {
    let n = c.execute(
        "INSERT INTO documents (sha256, content_type, size, body_b64, uploader, terms_json, metadata_json, created_ts) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
        &[
            p.document_sha256.as_str().into(),
            p.content_type.as_str().into(),
            amount(p.body.len() as u64)?,
            base64::engine::general_purpose::STANDARD.encode(&p.body).into(),
            uploader.into(),
            p.terms.to_string().into(),
            p.metadata.to_string().into(),
            now.into(),
        ],
    )?;
    Ok(n == 1)
}

/// [`prepare`] + [`store`]: originates a document without HTTP (the demo's
/// documents). Returns the prepared document and whether it was new.
pub fn originate(
    c: &mut Conn,
    public_url: &str,
    uploader: &str,
    content_type: &str,
    body: &[u8],
    fields: &HashMap<String, String>,
) -> Result<(Prepared, bool), Refusal> {
    let p = prepare(public_url, content_type, body, fields)?;
    let created = store(c, uploader, &p, now_ts())?;
    Ok((p, created))
}

/// A document originated outside HTTP (the demo's): its uploader, type and bytes.
#[derive(Debug, Clone)]
pub struct NewDocument {
    pub uploader: String,
    pub content_type: String,
    pub body: Vec<u8>,
}

impl NewDocument {
    /// An XML e-invoice.
    pub fn xml(uploader: impl ToString, body: Vec<u8>) -> Self {
        Self { uploader: uploader.to_string(), content_type: XML_TYPES[0].into(), body }
    }
}

/// Originates `docs` (in one transaction) through [`originate`]; returns
/// each one's metadata URI, in order. A document already stored is kept.
pub fn originate_all(c: &mut Conn, public_url: &str, docs: &[NewDocument]) -> anyhow::Result<Vec<String>> {
    c.transaction(|c| {
        docs.iter()
            .map(|d| {
                originate(c, public_url, &d.uploader, &d.content_type, &d.body, &HashMap::new())
                    .map(|(p, _)| p.metadata_uri)
                    .map_err(|r| {
                        anyhow::anyhow!("document of {} refused: {} ({})", d.uploader, r.message, r.code)
                    })
            })
            .collect()
    })
}

/// `POST /documents` (signed in): the body is the document —
/// `application/xml` / `text/xml` (UBL 2.1 or CII) or `application/pdf`
/// (Factur-X / ZUGFeRD, or a plain PDF with the terms as query parameters:
/// [`PDF_FIELDS`], [`PDF_OPTIONAL_FIELDS`]).
pub async fn upload(
    State(o): State<Origination>,
    headers: HeaderMap,
    Query(fields): Query<HashMap<String, String>>,
    body: Bytes,
) -> Response {
    let uploader = match authenticate(&o, &headers).await {
        Ok(w) => w,
        Err(r) => return r,
    };
    let content_type =
        headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let public_url = o.public_url.clone();
    // Parsing (a PDF especially) is blocking work.
    let prepared = match tokio::task::spawn_blocking(move || {
        prepare(&public_url, &content_type, &body, &fields)
    })
    .await
    {
        Ok(Ok(p)) => p,
        Ok(Err(r)) => return r.into_response(),
        Err(e) => return internal(anyhow::anyhow!("document parser task: {e}")),
    };
    let p = prepared.clone();
    let created = match o.db.run(move |c| store(c, &uploader, &p, now_ts())).await {
        Ok(c) => c,
        Err(e) => return internal(e),
    };
    (if created { StatusCode::CREATED } else { StatusCode::OK }, Json(prepared.json())).into_response()
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
