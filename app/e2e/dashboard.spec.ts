// The pool dashboard against `autofactor localnet --demo`: the NAV (and
// the other key figures) shown equal the pool account read through RPC
// with the SDK, computed as the program does; every chart renders an SVG
// and has its data table; no console error; no serious/critical axe
// violation (with every data table open too); screenshots saved.
//
//   npm run e2e        (from app/; see e2e/harness.ts for the environment)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { AutofactorClient, navUsdc, parseAmount, poolMathState, snapshotAt, USDC_DECIMALS, web3 } from "@autofactor/sdk";
import { axeScan, describeViolations, rolePage, screenshot, sleep, startSuite, stopSuite, type AppServer, type RolePage, type Stack, type Suite } from "./harness.js";

/** The figures the dashboard draws, by test id; each must render an SVG chart. */
const CHARTS = [
  "chart-nav",
  "chart-prices",
  "chart-apy",
  "chart-cash",
  "chart-exposure-buyer",
  "chart-exposure-supplier",
  "chart-exposure-currency",
  "chart-ageing",
  "chart-health",
];

let stack: Stack;
let app: AppServer;
let browser: Browser;
let client: AutofactorClient;
let pool: web3.PublicKey;

let suite: Suite | undefined;

before(async () => {
  suite = await startSuite();
  ({ stack, app, browser, client, pool } = suite);
  await waitCaughtUp();
  // The app (another origin) reads the API from the browser: it must send CORS headers.
  const probe = await fetch(`${stack.apiUrl}/status`, { headers: { origin: app.url } });
  assert.ok(
    probe.headers.get("access-control-allow-origin") !== null,
    `the indexer API at ${stack.apiUrl} sends no CORS headers, so the browser cannot read it: use an autofactor binary built from this tree`,
  );
}, { timeout: 900_000 });

after(async () => {
  await stopSuite(suite);
});

/** Waits until the indexer has stored the program's latest transaction (its cursor is the chain's newest signature). */
async function waitCaughtUp(): Promise<void> {
  const program = new web3.PublicKey(stack.manifest.programId);
  for (let i = 0; i < 240; i++) {
    const [latest] = await client.connection.getSignaturesForAddress(program, { limit: 1 }, "confirmed");
    const status = (await (await fetch(`${stack.apiUrl}/status`)).json()) as { cursors: { last_signature: string | null }[] };
    if (latest && status.cursors.some((c) => c.last_signature === latest.signature)) return;
    await sleep(500);
  }
  throw new Error("the indexer did not catch up with the chain in 2 minutes");
}

async function open(route: string): Promise<RolePage> {
  const r = await rolePage(browser, stack, null);
  await r.page.goto(`${app.url}${route}`);
  return r;
}

/** "1,917,922.108908 USDC" → 1917922108908n (exact). */
function usdcText(text: string | null): bigint {
  const m = /^([\d,]+(?:\.\d+)?) USDC$/.exec((text ?? "").trim());
  assert.ok(m, `a USDC amount, got ${JSON.stringify(text)}`);
  return parseAmount(m[1], USDC_DECIMALS);
}

async function figure(page: Page, testId: string): Promise<string> {
  return (await page.locator(`[data-testid="${testId}"]`).textContent()) ?? "";
}

/** Waits until no section is loading any more and fails on an error shown by the page. */
async function loaded(page: Page): Promise<void> {
  await page.locator('[data-testid="pool-dashboard"]').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => document.querySelectorAll(".dash-loading").length === 0 && document.querySelector('[data-testid="nav-usdc"]') !== null, null, {
    timeout: 60_000,
  });
  const shownErrors = await page.locator(".dash-error").allTextContents();
  assert.deepEqual(shownErrors, [], "the dashboard shows no error");
}

test("pool dashboard: NAV equals the pool account's, charts render, accessible, no console errors", { timeout: 300_000 }, async () => {
  const r = await open(`/pools/${pool.toBase58()}`);
  const { page } = r;
  await loaded(page);

  // The NAV shown, to the micro-USDC, is the account's NAV computed as the
  // program does (cash + receivables + accrued income − write-downs) at the
  // ledger's last accrual, when the program emitted the snapshot the
  // indexer stores.
  const account = await client.accounts.pool(pool);
  const math = poolMathState(account);
  const nav = navUsdc(math.ledger);
  assert.equal(usdcText(await figure(page, "nav-usdc")), nav, "NAV shown = navUsdc(pool.ledger)");
  const snap = snapshotAt(math, account.ledger.lastAccrualTs);
  assert.equal(snap.navUsdc, nav);
  assert.equal(usdcText(await figure(page, "cash-usdc")), account.ledger.cashUsdc, "cash shown = ledger cash");
  assert.equal(usdcText(await figure(page, "receivables-usdc")), nav - account.ledger.cashUsdc, "deployed shown = NAV − cash");
  assert.equal(usdcText(await figure(page, "senior-value-usdc")), snap.seniorValueUsdc, "senior value (waterfall)");
  assert.equal(usdcText(await figure(page, "junior-value-usdc")), snap.juniorValueUsdc, "junior value (waterfall)");
  assert.equal(usdcText(await figure(page, "senior-price")), snap.seniorPrice, "senior share price");
  assert.equal(usdcText(await figure(page, "junior-price")), snap.juniorPrice, "junior share price");
  assert.equal(Number(await figure(page, "open-invoices")), Number(account.ledger.openInvoices), "open financed invoices");
  console.log(`NAV shown ${await figure(page, "nav-usdc")} = account ${nav} micro-USDC`);

  // Every chart is an SVG, and each has its table with a caption and rows.
  for (const id of CHARTS) {
    const fig = page.locator(`[data-testid="${id}"]`);
    assert.equal(await fig.count(), 1, `${id} is on the page`);
    assert.ok((await fig.locator(".dash-chart svg.recharts-surface").count()) >= 1, `${id} renders an svg chart`);
    const graphics = await fig.locator(".dash-chart svg path, .dash-chart svg rect").count();
    assert.ok(graphics > 0, `${id} draws shapes`);
    assert.ok(((await fig.locator("table caption").textContent()) ?? "").length > 0, `${id} has a table caption`);
    assert.ok((await fig.locator("table tbody tr").count()) > 0, `${id}'s table has rows`);
  }
  // The NAV history ends at the current NAV.
  const navRows = await page.locator('[data-testid="chart-nav"] table tbody tr').all();
  const lastRow = await navRows[navRows.length - 1].locator("td").first().textContent();
  assert.equal(usdcText(lastRow), nav, "last NAV of the history table = NAV");
  // Dates as dates, never Unix seconds.
  const text = await page.locator('[data-testid="pool-dashboard"]').innerText();
  assert.doesNotMatch(text, /\b1[5-9]\d{8}\b/, "no Unix timestamps shown");
  assert.match(text, /\b20\d\d-\d\d-\d\d\b/, "dates shown");
  // This browser reads the API's integers exactly (JSON.parse source text access).
  assert.equal(await page.evaluate(() => JSON.parse("18446744073709551615", (_k, v, c?: { source?: string }) => c?.source ?? v)), "18446744073709551615");

  await screenshot(page, "dashboard");
  let violations = await axeScan(page);
  assert.equal(violations.length, 0, `axe: serious/critical violations:\n${describeViolations(violations)}`);
  // The same with every data table open.
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
  await screenshot(page, "dashboard-tables");
  violations = await axeScan(page);
  assert.equal(violations.length, 0, `axe (tables open): serious/critical violations:\n${describeViolations(violations)}`);
  assert.deepEqual(r.errors, [], "no console errors");
  await r.context.close();
});

test("pool dashboard: an unknown pool is a clear error, not a crash", { timeout: 120_000 }, async () => {
  const r = await open(`/pools/${web3.Keypair.generate().publicKey.toBase58()}`);
  // The other sections load in parallel and may fail first; once the pool itself fails, its error is the only one left.
  const alert = r.page.locator(".dash-error").filter({ hasText: "Could not load the pool:" });
  await alert.waitFor({ timeout: 60_000 });
  assert.match((await alert.textContent()) ?? "", /Could not load the pool: pool \w+ is not indexed/);
  assert.equal(await r.page.locator(".dash-error").count(), 1, "only the pool's error is shown");
  assert.equal(await r.page.locator(".dash-chart svg").count(), 0);
  // The API's 404 is logged by the browser as a failed resource; nothing else.
  assert.deepEqual(
    r.errors.filter((e) => !/Failed to load resource: the server responded with a status of 404/.test(e)),
    [],
    "no other console errors",
  );
  await r.context.close();
});
