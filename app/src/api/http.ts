// The one HTTP path to the indexer's API, for the dashboard client
// (./client) and the role pages' calls (../indexer): build the URL, send,
// turn a network failure or a refusal (`{"error": …, "code": …}`) into an
// ApiError with a specific message, and parse JSON exactly (parseJsonExact:
// integers stay exact, never floats).
import { parseJsonExact, type ExactJson } from "./json";

/** The API refused a request (its status, `{"error": …}` message and `code`), or could not be reached (status null). */
export class ApiError extends Error {
  constructor(
    readonly url: string,
    readonly status: number | null,
    message: string,
    /** The API's machine-readable reason (e.g. `pdf` for an upload the parser refuses), when it sends one. */
    readonly code?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type Query = Record<string, string | number | undefined>;

export interface ApiRequest {
  method?: "GET" | "POST";
  query?: Query;
  headers?: Record<string, string>;
  body?: BodyInit;
  signal?: AbortSignal;
}

export type FetchImpl = typeof fetch;
const defaultFetch: FetchImpl = (...a) => fetch(...a);

/** The API's base URL without a trailing slash; a clear error when none is configured. */
export function apiBase(baseUrl: string): string {
  const base = baseUrl.trim().replace(/\/+$/, "");
  if (!base) throw new ApiError("", null, "no API URL is configured for this cluster (set it in the cluster selector)");
  return base;
}

export function apiUrl(baseUrl: string, path: string, query: Query = {}): string {
  const qs = Object.entries(query)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join("&");
  return `${apiBase(baseUrl)}${path}${qs ? `?${qs}` : ""}`;
}

/**
 * Sends a request; answers the response only when its status is 2xx.
 * A refusal throws ApiError with the API's `error` text and `code` (or the
 * status line when the body is not the API's JSON error); a network
 * failure throws ApiError with status null (an abort is rethrown as is).
 */
export async function apiFetch(baseUrl: string, path: string, req: ApiRequest = {}, fetchImpl: FetchImpl = defaultFetch): Promise<Response> {
  const url = apiUrl(baseUrl, path, req.query);
  let res: Response;
  try {
    res = await fetchImpl(url, { method: req.method ?? "GET", headers: { accept: "application/json", ...req.headers }, body: req.body, signal: req.signal });
  } catch (e) {
    if (req.signal?.aborted) throw e;
    throw new ApiError(url, null, `cannot reach the indexer API at ${apiBase(baseUrl)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!res.ok) {
    const text = await res.text();
    let message = `${res.status} ${res.statusText}`.trim();
    let code: string | undefined;
    try {
      const body = parseJsonExact(text);
      if (body && typeof body === "object" && !Array.isArray(body)) {
        if (typeof body.error === "string") message = body.error;
        if (typeof body.code === "string") code = body.code;
      }
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(url, res.status, message, code);
  }
  return res;
}

/** `apiFetch`, then the body parsed exactly; a body that is not JSON is an ApiError naming the path. */
export async function apiJson(baseUrl: string, path: string, req: ApiRequest = {}, fetchImpl: FetchImpl = defaultFetch): Promise<ExactJson> {
  const res = await apiFetch(baseUrl, path, req, fetchImpl);
  const text = await res.text();
  try {
    return parseJsonExact(text);
  } catch (e) {
    throw new ApiError(res.url || apiUrl(baseUrl, path, req.query), res.status, `the answer of ${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}
