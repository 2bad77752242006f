// Unit tests of src/api/http.ts, the one request path to the indexer API
// (the dashboard client and the role pages' calls): URL and query, the
// API's refusals, network failures and bad JSON as specific ApiErrors,
// integers kept exact. A fake `fetch` answers; no server runs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ApiError, apiFetch, apiJson, type FetchImpl } from "../src/api/http";
import { createApiClient } from "../src/api/client";

function fake(status: number, body: string, statusText = ""): { fetch: FetchImpl; calls: { url: string; init?: RequestInit }[] } {
  const calls: { url: string; init?: RequestInit }[] = [];
  const f: FetchImpl = async (input, init) => {
    calls.push({ url: String(input), init });
    return new Response(body, { status, statusText });
  };
  return { fetch: f, calls };
}

test("GET builds the URL (trailing slash, query without undefined values) and asks for JSON", async () => {
  const { fetch, calls } = fake(200, '{"ok":true}');
  assert.deepEqual(await apiJson("http://api.test/", "/pools/P/history", { query: { resolution: 3600, from: undefined, to: "a b" } }, fetch), { ok: true });
  assert.equal(calls[0].url, "http://api.test/pools/P/history?resolution=3600&to=a%20b");
  assert.equal(calls[0].init?.method, "GET");
  assert.equal((calls[0].init?.headers as Record<string, string>).accept, "application/json");
});

test("POST sends its body and headers", async () => {
  const { fetch, calls } = fake(200, '{"nonce":"n1","issued_ts":1}');
  const body = JSON.stringify({ wallet: "W" });
  const r = await apiJson("http://api.test", "/auth/nonce", { method: "POST", headers: { "content-type": "application/json" }, body }, fetch);
  assert.deepEqual(r, { nonce: "n1", issued_ts: "1" });
  assert.equal(calls[0].init?.method, "POST");
  assert.equal(calls[0].init?.body, body);
  assert.equal((calls[0].init?.headers as Record<string, string>)["content-type"], "application/json");
});

// JSON.parse source text access (Chrome 114+, Node 21+); Node 20 lacks it.
const HAS_SOURCE = (() => {
  let source: string | undefined;
  JSON.parse("1", ((_k: string, v: unknown, c?: { source?: string }) => {
    source = c?.source;
    return v;
  }) as (k: string, v: unknown) => unknown);
  return source === "1";
})();

test("integers stay exact: beyond 2^53 read exactly with source access, refused (never rounded) without", async () => {
  const { fetch } = fake(200, '{"nav_usdc":18446744073709551615,"fees_usdc":9007199254740991,"avg":1.5}');
  if (HAS_SOURCE) {
    assert.deepEqual(await apiJson("http://api.test", "/pools/P", {}, fetch), { nav_usdc: "18446744073709551615", fees_usdc: "9007199254740991", avg: 1.5 });
  } else {
    await assert.rejects(apiJson("http://api.test", "/pools/P", {}, fetch), (e: unknown) => e instanceof ApiError && /^the answer of \/pools\/P is not valid JSON: the API sent the integer \d+, which this browser cannot read exactly/.test(e.message));
  }
  const safe = fake(200, '{"fees_usdc":9007199254740991,"avg":1.5}');
  assert.deepEqual(await apiJson("http://api.test", "/pools/P", {}, safe.fetch), { fees_usdc: "9007199254740991", avg: 1.5 });
});

test("a refusal carries the API's message, status and code", async () => {
  const { fetch } = fake(422, '{"error":"a PDF is not parsed: enter its terms","code":"pdf"}', "Unprocessable Entity");
  const e = await apiJson("http://api.test", "/documents", { method: "POST" }, fetch).then(() => null, (x: unknown) => x);
  assert.ok(e instanceof ApiError);
  assert.equal(e.status, 422);
  assert.equal(e.code, "pdf");
  assert.equal(e.message, "a PDF is not parsed: enter its terms");
  assert.equal(e.url, "http://api.test/documents");
});

test("a refusal without the API's JSON keeps the status line", async () => {
  const { fetch } = fake(502, "<html>bad gateway</html>", "Bad Gateway");
  await assert.rejects(apiFetch("http://api.test", "/pools/P", {}, fetch), (e: unknown) => e instanceof ApiError && e.status === 502 && e.message === "502 Bad Gateway" && e.code === undefined);
});

test("an answer that is not JSON names the path", async () => {
  const { fetch } = fake(200, "not json");
  await assert.rejects(apiJson("http://api.test", "/pools/P/apy", {}, fetch), (e: unknown) => e instanceof ApiError && e.status === 200 && /^the answer of \/pools\/P\/apy is not valid JSON: /.test(e.message));
});

test("a network failure is an ApiError with no status naming the API; an abort is passed through", async () => {
  const down: FetchImpl = async () => {
    throw new TypeError("fetch failed");
  };
  await assert.rejects(apiJson("http://api.test/", "/pools/P", {}, down), (e: unknown) => e instanceof ApiError && e.status === null && e.message === "cannot reach the indexer API at http://api.test: fetch failed");
  const ctl = new AbortController();
  ctl.abort();
  const aborted: FetchImpl = async () => {
    throw new DOMException("This operation was aborted", "AbortError");
  };
  await assert.rejects(apiJson("http://api.test", "/pools/P", { signal: ctl.signal }, aborted), (e: unknown) => !(e instanceof ApiError) && (e as Error).name === "AbortError");
});

test("no API URL configured is a clear error before any request", async () => {
  const { fetch, calls } = fake(200, "{}");
  await assert.rejects(apiJson("", "/investors/W/positions", {}, fetch), { name: "ApiError", message: "no API URL is configured for this cluster (set it in the cluster selector)" });
  assert.equal(calls.length, 0);
});

test("the dashboard client goes through the same path: its 404 is the API's sentence", async () => {
  const { fetch, calls } = fake(404, '{"error":"pool X is not indexed"}', "Not Found");
  const api = createApiClient("http://api.test/", fetch);
  await assert.rejects(api.exposure("X", "buyer"), (e: unknown) => e instanceof ApiError && e.status === 404 && e.message === "pool X is not indexed");
  assert.equal(calls[0].url, "http://api.test/pools/X/exposure?by=buyer");
});
