// Each role's main flow clicked through the app against `autofactor
// localnet --demo`, with the demo's keypairs in the "Local keypair" wallet;
// every result is checked on chain with the SDK; every page is scanned
// with axe-core (no serious/critical violations), screenshotted, and must
// log no console error.
//
//   npm run e2e        (from app/; see e2e/harness.ts for the environment)
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { AutofactorClient, ata, TOKEN_2022_PROGRAM_ID, web3 } from "@autofactor/sdk";
import { axeScan, connectWallet, describeViolations, ROOT, rolePage, screenshot, startSuite, stopSuite, waitTx, type AppServer, type RolePage, type Stack, type Suite } from "./harness.js";

const EINVOICE = path.join(ROOT, "..", "shared", "einvoice", "peppol-bis3", "base-example.xml");
const DAY = 86_400;

let stack: Stack;
let app: AppServer;
let browser: Browser;
let client: AutofactorClient;
let pool: web3.PublicKey;
const wallets = (name: string) => new web3.PublicKey(stack.manifest.wallets[name].pubkey);

let suite: Suite | undefined;

before(async () => {
  suite = await startSuite();
  ({ stack, app, browser, client, pool } = suite);
}, { timeout: 900_000 });

after(async () => {
  await stopSuite(suite);
});

async function chainNow(): Promise<number> {
  const info = await client.connection.getAccountInfo(new web3.PublicKey("SysvarC1ock11111111111111111111111111111111"));
  return Number(info!.data.readBigInt64LE(32));
}

async function usdcOf(owner: web3.PublicKey): Promise<bigint> {
  const p = await client.accounts.pool(pool);
  return BigInt((await client.connection.getTokenAccountBalance(ata(owner, p.usdcMint))).value.amount);
}

async function findInvoice(number: string): Promise<{ address: web3.PublicKey; account: Awaited<ReturnType<typeof client.accounts.invoice>> }> {
  const all = await client.accounts.invoices({ supplier: wallets("supplier-1") });
  const hit = all.find((i) => i.account.invoiceNumber === number);
  assert.ok(hit, `invoice ${number} is on chain`);
  return hit;
}

function statusOf(inv: { status: object }): string {
  return Object.keys(inv.status)[0];
}

/** Opens `route` as `wallet`, connects the Local keypair wallet. */
async function open(wallet: string | null, route: string): Promise<RolePage> {
  const r = await rolePage(browser, stack, wallet);
  await r.page.goto(`${app.url}${route}`);
  if (wallet) await connectWallet(r.page, stack.manifest.wallets[wallet].pubkey);
  return r;
}

/** Screenshot, axe scan and console check of a page at the end of a step. */
async function finish(r: RolePage, name: string): Promise<void> {
  await screenshot(r.page, name);
  const violations = await axeScan(r.page);
  assert.equal(violations.length, 0, `axe: serious/critical violations on ${name}:\n${describeViolations(violations)}`);
  assert.deepEqual(r.errors, [], `console errors on ${name}`);
  await r.context.close();
}

async function openInvoice(page: Page, number: string): Promise<void> {
  await page.getByRole("button", { name: `Open invoice ${number}` }).click();
  await page.getByTestId("invoice-panel").or(page.getByRole("form", { name: `Attest invoice ${number}` })).first().waitFor();
}

const NUMBER = "Snippet1"; // base-example.xml's invoice number

describe("roles against autofactor localnet --demo", { concurrency: false }, () => {
  test("pools page lists the demo pool", { timeout: 120_000 }, async () => {
    const r = await open(null, "/");
    await r.page.getByRole("link", { name: /^Pool / }).first().waitFor();
    assert.match(await r.page.locator("main").innerText(), new RegExp(pool.toBase58()));
    await finish(r, "pools");
  });

  test("supplier drops the Peppol e-invoice, confirms the terms with its dates moved to the chain's clock, and creates it", { timeout: 300_000 }, async () => {
    const r = await open("supplier-1", "/supplier");
    const { page } = r;
    await page.locator("#einvoice-file").setInputFiles(EINVOICE);
    const terms = page.getByTestId("parsed-terms");
    await terms.waitFor({ timeout: 60_000 });
    const text = await terms.innerText();
    assert.match(text, /Snippet1/);
    assert.match(text, /1,656\.25 EUR/);
    // The document is dated 2017: the UI proposes the chain's today and today + 30 d; the user moves the due date to today + 45 d.
    const now = await chainNow();
    const today = new Date(now * 1000).toISOString().slice(0, 10);
    assert.equal(await page.locator("#t-issue").inputValue(), today);
    const due = new Date((now + 45 * DAY) * 1000).toISOString().slice(0, 10);
    await page.locator("#t-due").fill(due);
    await page.locator("#t-buyer").selectOption(wallets("buyer-1").toBase58());
    await page.getByRole("button", { name: "Create invoice" }).click();
    await waitTx(page, "Create invoice");
    const { account } = await findInvoice(NUMBER);
    assert.equal(statusOf(account), "created");
    assert.equal(account.faceMinor, 165_625n);
    assert.equal(Buffer.from(account.currency).toString("ascii"), "EUR");
    assert.equal(account.buyer.toBase58(), wallets("buyer-1").toBase58());
    assert.equal(account.dueTs, BigInt(Date.parse(`${due}T00:00:00Z`) / 1000));
    assert.equal(account.issueTs, BigInt(Date.parse(`${today}T00:00:00Z`) / 1000));
    const sha = crypto.createHash("sha256").update(fs.readFileSync(EINVOICE)).digest();
    assert.deepEqual(Buffer.from(account.documentHash), sha);
    // The list shows it without a reload.
    await page.getByTestId(`invoice-row-${NUMBER}`).waitFor();
    await finish(r, "supplier-created");
  });

  test("buyer reads the document and acknowledges", { timeout: 300_000 }, async () => {
    const r = await open("buyer-1", "/buyer");
    const { page } = r;
    await openInvoice(page, NUMBER);
    await page.getByRole("button", { name: "Read the document" }).click();
    await page.getByTestId("invoice-document").waitFor({ timeout: 30_000 });
    assert.match(await page.getByTestId("invoice-document").innerText(), /<cbc:ID>Snippet1<\/cbc:ID>/);
    await page.getByRole("button", { name: "Acknowledge", exact: true }).click();
    await waitTx(page, "Acknowledge invoice");
    assert.equal(statusOf((await findInvoice(NUMBER)).account), "acknowledged");
    assert.match(await page.getByTestId("invoice-status").innerText(), /Acknowledged/);
    await finish(r, "buyer-acknowledged");
  });

  test("verifier attaches a delivery proof (hashed in the browser), scores and attests", { timeout: 300_000 }, async () => {
    const r = await open("verifier", "/verifier");
    const { page } = r;
    await openInvoice(page, NUMBER);
    const proof = Buffer.from("Proof of delivery: 1 x Snippet1 goods, signed by the buyer's warehouse.\n");
    await page.locator("#proof-file").setInputFiles({ name: "delivery-proof.txt", mimeType: "text/plain", buffer: proof });
    const expected = crypto.createHash("sha256").update(proof).digest("hex");
    await page.getByTestId("proof-hash").filter({ hasText: expected }).waitFor();
    // 730 is grade B in the demo policy: an advance below 100% of face, so a reserve is held back (released at settlement).
    await page.locator("#credit-score").fill("730");
    assert.match(await page.locator("#grade-text").innerText(), /Grade B/);
    await page.getByRole("button", { name: "Attest", exact: true }).click();
    await waitTx(page, "Attest invoice");
    const { account } = await findInvoice(NUMBER);
    assert.equal(statusOf(account), "verified");
    assert.equal(account.creditScore, 730);
    assert.equal(account.riskGrade, 1);
    assert.equal(Buffer.from(account.deliveryProofHash).toString("hex"), expected);
    assert.equal(account.verifier.toBase58(), wallets("verifier").toBase58());
    await page.getByTestId(`attested-${NUMBER}`).waitFor();
    await finish(r, "verifier-attested");
  });

  test("supplier sees the financing offer and finances", { timeout: 300_000 }, async () => {
    const r = await open("supplier-1", "/supplier");
    const { page } = r;
    const before = await usdcOf(wallets("supplier-1"));
    await openInvoice(page, NUMBER);
    const offer = page.getByTestId("finance-offer");
    await offer.waitFor({ timeout: 30_000 });
    const offerText = await offer.innerText();
    for (const what of ["Advance", "Discount", "Reserve", "FX rate", "1 EUR = "]) assert.ok(offerText.includes(what), `the offer shows ${what}`);
    await page.getByRole("button", { name: /^Finance: receive about/ }).click();
    await waitTx(page, "Finance invoice");
    const { account } = await findInvoice(NUMBER);
    assert.equal(statusOf(account), "financed");
    const advance = account.book.pricing.advanceUsdc;
    assert.ok(advance > 0n);
    const afterBal = await usdcOf(wallets("supplier-1"));
    assert.equal(afterBal - before, advance, "the supplier received the advance");
    // No stale balance: the page shows the balance after the transaction.
    assert.equal(await page.getByTestId("supplier-usdc").innerText(), formatUsdcUi(afterBal));
    assert.match(await page.getByTestId("invoice-status").innerText(), /Financed/);
    await finish(r, "supplier-financed");
  });

  test("buyer pays part, then the rest, with the USDC cost shown", { timeout: 300_000 }, async () => {
    const r = await open("buyer-1", "/buyer");
    const { page } = r;
    await openInvoice(page, NUMBER);
    await page.locator("#pay-amount").fill("600.00");
    await page.getByTestId("pay-cost").filter({ hasText: /Costs [\d,.]+ USDC at 1 EUR = / }).waitFor();
    const before = await usdcOf(wallets("buyer-1"));
    await page.getByRole("button", { name: "Pay", exact: true }).click();
    await waitTx(page, "Pay invoice");
    let inv = (await findInvoice(NUMBER)).account;
    assert.equal(inv.repaidMinor, 60_000n);
    assert.equal(statusOf(inv), "partiallyRepaid");
    const mid = await usdcOf(wallets("buyer-1"));
    assert.ok(mid < before);
    assert.equal(await page.getByTestId("buyer-usdc").innerText(), formatUsdcUi(mid));
    assert.match(await page.getByTestId("invoice-outstanding").innerText(), /1,056\.25 EUR/);
    await page.getByRole("button", { name: "Full amount" }).click();
    assert.equal(await page.locator("#pay-amount").inputValue(), "1056.25");
    await page.getByRole("button", { name: "Pay", exact: true }).click();
    await waitTx(page, "Pay invoice");
    inv = (await findInvoice(NUMBER)).account;
    assert.equal(inv.repaidMinor, 165_625n);
    assert.equal(statusOf(inv), "repaid");
    await page.getByTestId("repayment-record").waitFor();
    await finish(r, "buyer-paid");
  });

  test("supplier settles the repaid invoice (keeper action) and receives the reserve", { timeout: 300_000 }, async () => {
    const r = await open("supplier-1", "/supplier");
    const { page } = r;
    const { address, account } = await findInvoice(NUMBER);
    const before = await usdcOf(wallets("supplier-1"));
    await openInvoice(page, NUMBER);
    await page.getByRole("button", { name: "Settle (release the reserve)" }).click();
    await waitTx(page, "Settle (release the reserve)");
    assert.equal(await client.accounts.invoiceOrNull(address), null, "the settled invoice account is closed");
    const afterBal = await usdcOf(wallets("supplier-1"));
    // invoice_settle releases the reserve the payments collected (book.reserve_collected_usdc) to the supplier.
    assert.ok(account.book.reserveCollectedUsdc > 0n, "the payments collected a reserve");
    assert.equal(afterBal - before, account.book.reserveCollectedUsdc, `the collected reserve was paid (reserve ${account.book.pricing.reserveUsdc}, collected ${account.book.reserveCollectedUsdc})`);
    assert.equal(await page.getByTestId("supplier-usdc").innerText(), formatUsdcUi(afterBal));
    await finish(r, "supplier-settled");
  });

  test("investor deposits and withdraws (paid now)", { timeout: 300_000 }, async () => {
    const who = "junior-investor-1";
    const me = wallets(who);
    const r = await open(who, "/investor");
    const { page } = r;
    const p = await client.accounts.pool(pool);
    const shareAta = ata(me, p.juniorMint, TOKEN_2022_PROGRAM_ID);
    const shares0 = BigInt((await client.connection.getTokenAccountBalance(shareAta)).value.amount);
    const usdc0 = await usdcOf(me);
    const form = page.getByRole("form", { name: "Deposit" });
    await form.getByLabel("Amount (USDC)").fill("1000");
    await page.getByTestId("deposit-preview").filter({ hasText: /You receive about/ }).waitFor();
    await form.getByRole("button", { name: "Deposit" }).click();
    await waitTx(page, "Deposit into junior");
    const shares1 = BigInt((await client.connection.getTokenAccountBalance(shareAta)).value.amount);
    assert.ok(shares1 > shares0, "shares minted");
    assert.equal(await usdcOf(me), usdc0 - 1_000_000_000n, "1,000 USDC left the wallet");
    const wd = page.getByRole("form", { name: "Withdraw" });
    await wd.getByLabel("Shares").fill("100");
    await page.getByTestId("withdraw-preview").filter({ hasText: /Paid now: [\d,.]+ USDC/ }).waitFor();
    await wd.getByRole("button", { name: "Withdraw" }).click();
    await waitTx(page, "Withdraw from junior");
    const shares2 = BigInt((await client.connection.getTokenAccountBalance(shareAta)).value.amount);
    assert.equal(shares1 - shares2, 100_000_000n, "100 shares redeemed");
    const usdc2 = await usdcOf(me);
    assert.ok(usdc2 > usdc0 - 1_000_000_000n, "the withdrawal paid USDC");
    assert.equal(await page.getByTestId("investor-usdc").innerText(), formatUsdcUi(usdc2));
    await finish(r, "investor");
  });

  test("manager sees the credit policy with its supplier terms; the form refuses a bad value, then changes the cash reserve and the supplier terms (one status banner)", { timeout: 300_000 }, async () => {
    const r = await open("manager", "/manager");
    const { page } = r;
    // The pool's current credit policy, supplier terms included (the demo pool's are off).
    const credit = page.getByTestId("credit-policy");
    await credit.waitFor();
    const shown = await credit.innerText();
    assert.match(shown, /Supplier blocked at\s+off/);
    assert.match(shown, /Supplier problem-rate cap\s+off/);
    assert.match(shown, /Watch supplier\s+off/);
    assert.match(shown, /Most late invoices a buyer may have\s+no limit/);
    const form = page.getByRole("form", { name: "Pool policy" });
    assert.equal(await form.getByLabel("Block a supplier at (problem invoices)").inputValue(), "0");
    assert.equal(await form.getByLabel("Watch supplier extra discount (% APR)").inputValue(), "0.00");

    await form.getByLabel("Grace period (days)").fill("abc");
    // A Watch discount without a Watch tier: CreditPolicy::validate refuses it, so the form does before sending.
    await form.getByLabel("Watch supplier extra discount (% APR)").fill("2.50");
    await form.getByRole("button", { name: "Save parameters and policy" }).click();
    const errors = page.getByTestId("policy-errors");
    await errors.filter({ hasText: "The grace period must be a whole number" }).waitFor();
    assert.match(await errors.innerText(), /The Watch suppliers' extra discount must be 0% while there is no supplier Watch tier/);
    assert.equal(await page.getByTestId("tx-status").count(), 0, "nothing was sent");

    const before = await client.accounts.pool(pool);
    await form.getByLabel("Grace period (days)").fill(String(before.policy.graceDays));
    await form.getByLabel("Cash reserve (% of NAV)").fill("7.50");
    await form.getByLabel("Block a supplier at (problem invoices)").fill("3");
    await form.getByLabel("Supplier problem-rate cap (% of invoices created)").fill("25");
    await form.getByLabel("Cap applies from (invoices created)").fill("8");
    await form.getByLabel("Supplier on Watch from (problem invoices)").fill("1");
    await form.getByRole("button", { name: "Save parameters and policy" }).click();
    await waitTx(page, "Update pool policy", form);
    // One status banner for the one transaction (the page showed "Confirmed" twice before).
    assert.equal(await page.getByTestId("tx-status").count(), 1, "one transaction status on the page");
    assert.equal(await page.getByText("Confirmed.", { exact: true }).count(), 1, "one Confirmed banner");

    const afterPool = await client.accounts.pool(pool);
    assert.equal(afterPool.policy.cashReserveBps, 750);
    assert.equal(afterPool.policy.graceDays, before.policy.graceDays);
    assert.equal(afterPool.policy.maxTenorDays, before.policy.maxTenorDays);
    assert.deepEqual(afterPool.policy.credit, {
      ...before.policy.credit,
      supplierBlockAtProblems: 3,
      supplierMaxProblemRateBps: 2_500,
      supplierRateMinCreated: 8,
      supplierWatchMinProblems: 1,
      supplierWatchDiscountAddBps: 250,
    });
    assert.equal(await form.getByLabel("Cash reserve (% of NAV)").inputValue(), "7.50");
    // The page refetched: the current policy shows the new supplier terms.
    const now = await credit.innerText();
    assert.match(now, /Supplier blocked at\s+3 problem invoices/);
    assert.match(now, /Supplier problem-rate cap\s+25\.00% of invoices created, once 8 created/);
    assert.match(now, /Watch supplier\s+from 1 problem invoice: discount \+ 2\.50%/);
    await finish(r, "manager");
  });
});

/** The app's USDC rendering (src/format.ts formatUsdc), restated for the assertions. */
function formatUsdcUi(micro: bigint): string {
  const whole = (micro / 1_000_000n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  let frac = (micro % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  if (frac.length < 2) frac = frac.padEnd(2, "0");
  return `${whole}.${frac} USDC`;
}
