// Calls to the indexer's HTTP API that the role pages need beyond the
// dashboard client (src/api): sign-in, document upload and download
// (origination), an investor's positions and history, an invoice's
// timeline. Requests go through the API's one HTTP path (src/api/http.ts:
// ApiError with the API's message and code); integers are read exactly
// (parseJsonExact), never as floats.
import { bs58Prefix } from "@autofactor/sdk";
import { ApiFormatError, apiFetch, apiJson, type ApiRequest, type ExactJson } from "./api";

/** An answer of the API that must be a JSON object (every route these calls use answers one). */
async function request(apiUrl: string, path: string, req: ApiRequest = {}): Promise<Record<string, ExactJson>> {
  const body = await apiJson(apiUrl, path, req);
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new ApiFormatError(`the answer of ${path} is not a JSON object`);
  return body;
}

// ------------------------------------------------------------ sign-in

export interface SignIn {
  wallet: string;
  header: string;
  expiresTs: number;
}

const signIns = new Map<string, SignIn>();

/**
 * The sign-in text the API writes (`sign_in_message` in
 * crates/indexer/src/origination.rs; the CLI checks it the same way).
 */
export function signInMessage(domain: string, wallet: string, nonce: string, issuedTs: number, expiresTs: number): string {
  return (
    `${domain} wants you to sign in with your Solana account:\n${wallet}\n\n` +
    `Read Autofactor invoice documents you are a party to.\n\n` +
    `URI: ${domain}\nNonce: ${nonce}\nIssued At: ${issuedTs}\nExpiration Time: ${expiresTs}`
  );
}

/**
 * A wallet signs only the sign-in text for itself, never bytes the API
 * chose (they could be a transaction): the message must be exactly the
 * API's template for the figures it sent, with a one-line domain.
 */
export function checkSignInMessage(message: string, wallet: string, nonce: string, issuedTs: number, expiresTs: number): void {
  const domain = message.split(" wants you to sign in")[0] ?? "";
  // eslint-disable-next-line no-control-regex
  const oneLine = domain.length > 0 && !/[\u0000-\u001f\u007f]/.test(domain);
  if (!oneLine || message !== signInMessage(domain, wallet, nonce, issuedTs, expiresTs)) {
    throw new Error(`the API asked to sign a message that is not a sign-in for ${wallet}; refused`);
  }
}

/**
 * The `Authorization` header for `wallet` (Sign-In With Solana style: the
 * API's message signed by the wallet), reused until a minute before the
 * nonce expires.
 */
export async function signIn(apiUrl: string, wallet: string, signMessage: (m: Uint8Array) => Promise<Uint8Array>): Promise<string> {
  const key = `${apiUrl}|${wallet}`;
  const have = signIns.get(key);
  if (have && have.expiresTs - 60 > Date.now() / 1000) return have.header;
  const n = await request(apiUrl, "/auth/nonce", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ wallet }) });
  const message = String(n.message);
  checkSignInMessage(message, wallet, String(n.nonce), Number(n.issued_ts), Number(n.expires_ts));
  const signature = await signMessage(new TextEncoder().encode(message));
  const header = `Solana ${wallet}:${String(n.nonce)}:${bs58Prefix(signature)}`;
  signIns.set(key, { wallet, header, expiresTs: Number(n.expires_ts) });
  return header;
}

// ------------------------------------------------------- origination

/** The terms the API's parser (the CLI's) read from an e-invoice. */
export interface ParsedInvoice {
  documentSha256: string;
  metadataUri: string;
  documentUri: string;
  invoiceNumber: string;
  currency: string;
  currencyExponent: number;
  amountMinor: bigint;
  issueDate: string;
  dueDate: string;
  dueDateSource: string;
  sellerName: string;
  buyerName: string;
  paymentTerms: string | null;
  format: string;
}

/** Uploads an XML e-invoice; the API parses it (422 with the parser's code for a PDF or a refused document). */
export async function uploadDocument(apiUrl: string, auth: string, bytes: Uint8Array, contentType: string): Promise<ParsedInvoice> {
  const o = await request(apiUrl, "/documents", { method: "POST", headers: { "content-type": contentType, authorization: auth }, body: bytes as BodyInit });
  const meta = o.metadata as Record<string, ExactJson>;
  const inv = ((meta.properties as Record<string, ExactJson>).invoice ?? {}) as Record<string, ExactJson>;
  const party = (p: ExactJson) => String((p as Record<string, ExactJson> | null)?.name ?? "");
  return {
    documentSha256: String(o.document_sha256),
    metadataUri: String(o.metadata_uri),
    documentUri: String(o.document_uri),
    invoiceNumber: String(inv.invoice_number),
    currency: String(inv.currency),
    currencyExponent: Number(inv.currency_exponent),
    amountMinor: BigInt(String(inv.amount_minor)),
    issueDate: String(inv.issue_date),
    dueDate: String(inv.due_date ?? ""),
    dueDateSource: String(inv.due_date_source ?? ""),
    sellerName: party(inv.seller),
    buyerName: party(inv.buyer),
    paymentTerms: inv.payment_terms ? String(inv.payment_terms) : null,
    format: String(inv.kind ?? ""),
  };
}

/** Downloads an invoice document (allowed to its parties, the pool's manager and verifiers). */
export async function fetchDocument(apiUrl: string, auth: string, sha256Hex: string): Promise<{ contentType: string; bytes: Uint8Array }> {
  const res = await apiFetch(apiUrl, `/documents/${sha256Hex}`, { headers: { accept: "*/*", authorization: auth } });
  return { contentType: res.headers.get("content-type") ?? "application/octet-stream", bytes: new Uint8Array(await res.arrayBuffer()) };
}

// --------------------------------------------------------- investors

export interface ApiPosition {
  pool: string;
  tranche: "senior" | "junior";
  shares: bigint;
  sharesPending: bigint;
  depositedUsdc: bigint;
  withdrawnUsdc: bigint;
}

export async function investorPositions(apiUrl: string, investor: string): Promise<ApiPosition[]> {
  const o = await request(apiUrl, `/investors/${investor}/positions`);
  return ((o.positions as Record<string, ExactJson>[]) ?? []).map((p) => ({
    pool: String(p.pool),
    tranche: String(p.tranche).toLowerCase() as "senior" | "junior",
    shares: BigInt(String(p.shares)),
    sharesPending: BigInt(String(p.shares_pending)),
    depositedUsdc: BigInt(String(p.deposited_usdc)),
    withdrawnUsdc: BigInt(String(p.withdrawn_usdc)),
  }));
}

export interface ApiEvent {
  name: string;
  signature: string;
  blockTime: number | null;
  pool: string | null;
  invoice: string | null;
  data: Record<string, ExactJson>;
}

function events(o: Record<string, ExactJson>): ApiEvent[] {
  return ((o.events as Record<string, ExactJson>[]) ?? []).map((e) => ({
    name: String(e.name),
    signature: String(e.signature),
    blockTime: e.block_time === null || e.block_time === undefined ? null : Number(e.block_time),
    pool: e.pool ? String(e.pool) : null,
    invoice: e.invoice ? String(e.invoice) : null,
    data: (e.data ?? {}) as Record<string, ExactJson>,
  }));
}

export async function investorHistory(apiUrl: string, investor: string): Promise<ApiEvent[]> {
  return events(await request(apiUrl, `/investors/${investor}/history`));
}

export async function invoiceTimeline(apiUrl: string, invoice: string): Promise<ApiEvent[]> {
  return events(await request(apiUrl, `/invoices/${invoice}/timeline`));
}
