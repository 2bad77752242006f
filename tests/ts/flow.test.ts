// The Anchor-style suite: every actor's flow through @autofactor/sdk on a
// fresh chain (ANCHOR_PROVIDER_URL / ANCHOR_WALLET): the admin sets up the
// protocol and an identity issuer; the issuer issues identities; a manager
// creates a pool with two tranches; investors deposit; an invoice taken from
// a real e-invoice sample (terms via the CLI's `einvoice show` JSON) goes
// create → acknowledge → attest → finance → partial and full repayment →
// settle, in EUR (the FX path); a USD invoice checks the SDK's finance
// preview to the micro-USDC; a queued withdrawal is filled by a keeper; a
// dispute, a cancel and refusals asserted by error name. Every deposit,
// redemption and fill is checked against the SDK's preview at the
// transaction's own timestamp.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  web3,
  AutofactorClient,
  ProgramError,
  ROLE,
  ata,
  createAtaIdempotent,
  decodePriceUpdate,
  documentHash,
  feedIdFromHex,
  formatUsdc,
  FX_FEEDS,
  fxValueForPurchase,
  invoiceStatus,
  poolMathState,
  previewDeposit,
  previewInvoiceFinance,
  previewRedeem,
  previewWithdraw,
  previewSharePrice,
  priceFeedAddress,
  usdc,
  parseAmount,
  TOKEN_2022_PROGRAM_ID,
  type AutofactorEvent,
  type PoolParams,
  type PoolPolicy,
  type IdentityTerms,
} from "@autofactor/sdk";
import { createUsdcMint, fund, mintUsdc, providerFromEnv, tokenBalance } from "./chain.js";

const { Keypair } = web3;
type Keypair = web3.Keypair;
type PublicKey = web3.PublicKey;

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, "../../..");
const EINVOICE = process.env.AUTOFACTOR_EINVOICE ?? "/work/shared/einvoice/peppol-bis3/base-example.xml";
const DAY = 86_400n;

const provider = providerFromEnv();
const client = new AutofactorClient(provider);
const admin = (provider.wallet as unknown as { payer: Keypair }).payer;
const w = {
  usdcAuthority: Keypair.generate(),
  treasury: Keypair.generate(),
  issuer: Keypair.generate(),
  manager: Keypair.generate(),
  senior: Keypair.generate(),
  junior: Keypair.generate(),
  supplier: Keypair.generate(),
  buyer: Keypair.generate(),
  verifier: Keypair.generate(),
  keeper: Keypair.generate(),
};
let usdcMint: PublicKey;
let pool: PublicKey;
const POOL_ID = 1n;

// web3.js keeps its WebSocket (used to confirm transactions) open; close
// it so that the test process can exit.
after(() => {
  (client.connection as unknown as { _rpcWebSocket?: { close(): void } })._rpcWebSocket?.close();
  // Its reconnect timers can still hold the event loop: leave once the
  // results are out (the timer itself does not keep the process alive).
  setTimeout(() => process.exit(), 2_000).unref();
});

// Events of a transaction, and the single event of a name.
async function events(sig: string): Promise<AutofactorEvent[]> {
  return client.events.fromTransaction(sig);
}
function one(evs: AutofactorEvent[], name: string): Record<string, unknown> {
  const found = evs.filter((e) => e.name === name);
  assert.equal(found.length, 1, `one ${name} event in ${evs.map((e) => e.name).join(", ")}`);
  return found[0].data;
}
function big(v: unknown): bigint {
  assert.equal(typeof v, "bigint", `a bigint, got ${typeof v}`);
  return v as bigint;
}
async function refuses(p: Promise<unknown>, errorName: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ProgramError, `a ProgramError, got ${String(e)}`);
    assert.equal(e.errorName, errorName, e.message);
    return true;
  });
}
async function send(ixs: Promise<web3.TransactionInstruction[]> | web3.TransactionInstruction[], signers: Keypair[]): Promise<string> {
  return client.send(await ixs, signers);
}

function identity(roles: number, entityId: string, name: string): IdentityTerms {
  return {
    roles,
    jurisdiction: Array.from(Buffer.from("NO")),
    accreditation: roles & ROLE.investor ? 1 : 0,
    did: `did:web:${name}.suite.autofactor.example`,
    entityId,
    expiresTs: BigInt(Math.floor(Date.now() / 1000)) + 365n * DAY,
  };
}

const params: PoolParams = {
  minJuniorRatioBps: 2_000,
  seniorAprBps: 800,
  managerFeeBps: 1_000,
  liquidityCapUsdc: usdc("10000000"),
  maxInvestorShareBps: 5_000,
  minHoldSecs: 0,
};
const policy: PoolPolicy = {
  grades: [
    { enabled: true, minCreditScore: 800, advanceRateBps: 10_000, discountAprBps: 1_200 },
    { enabled: true, minCreditScore: 650, advanceRateBps: 9_500, discountAprBps: 1_600 },
    { enabled: true, minCreditScore: 500, advanceRateBps: 9_000, discountAprBps: 2_200 },
    { enabled: true, minCreditScore: 0, advanceRateBps: 8_000, discountAprBps: 3_000 },
  ],
  minTenorDays: 7,
  maxTenorDays: 120,
  maxInvoiceUsdc: usdc("1000000"),
  maxBuyerConcentrationBps: 10_000,
  maxSupplierConcentrationBps: 10_000,
  cashReserveBps: 500,
  graceDays: 5,
  writeoffDays: 90,
  recoveryDays: 180,
};

test("admin: protocol, USDC mint, identity issuer", async () => {
  await fund(client, admin, Object.values(w).map((k) => k.publicKey));
  usdcMint = await createUsdcMint(client, admin, w.usdcAuthority.publicKey);
  const sig = await send(client.admin.protocolInitialize({ admin: admin.publicKey, usdcMint, treasury: w.treasury.publicKey, protocolFeeBps: 1_000 }), [admin]);
  const ev = one(await events(sig), "ProtocolInitialized");
  assert.ok((ev.admin as PublicKey).equals(admin.publicKey));
  const proto = await client.accounts.protocol();
  assert.equal(proto.protocolFeeBps, 1_000);
  assert.ok(proto.usdcMint.equals(usdcMint));
  // Only the admin registers issuers.
  await refuses(send(client.admin.issuerRegister({ admin: w.manager.publicKey, authority: w.issuer.publicKey, name: "Rogue" }), [w.manager]), "NotProtocolAdmin");
  one(await events(await send(client.admin.issuerRegister({ admin: admin.publicKey, authority: w.issuer.publicKey, name: "Suite KYC" }), [admin])), "IssuerRegistered");
});

test("issuer: identities for every party", async () => {
  const ids: [Keypair, IdentityTerms][] = [
    [w.manager, identity(ROLE.manager, "", "manager")],
    [w.senior, identity(ROLE.investor, "", "senior")],
    [w.junior, identity(ROLE.investor, "", "junior")],
    [w.supplier, identity(ROLE.supplier, "0192:923609016", "supplier")],
    [w.buyer, identity(ROLE.buyer, "0007:5560125790", "buyer")],
    [w.verifier, identity(ROLE.verifier, "", "verifier")],
  ];
  for (const [k, terms] of ids) {
    one(await events(await send(client.issuer.identityIssue({ authority: w.issuer.publicKey, wallet: k.publicKey, terms }), [w.issuer])), "IdentityIssued");
  }
  const rec = await client.accounts.identity(w.supplier.publicKey);
  assert.equal(rec?.entityId, "0192:923609016");
  await refuses(
    send(client.issuer.identityIssue({ authority: w.issuer.publicKey, wallet: w.keeper.publicKey, terms: identity(ROLE.supplier, "not an id", "k") }), [w.issuer]),
    "InvalidEntityId",
  );
  const listed = await client.accounts.identities({ issuerAuthority: w.issuer.publicKey });
  assert.equal(listed.length, 6);
});

test("manager: pool with two tranches, EUR accepted, verifier registered", async () => {
  const { ixs, keys } = await client.manager.poolCreate({ manager: w.manager.publicKey, usdcMint, poolId: POOL_ID, params, policy });
  pool = keys.pool;
  one(await events(await send(ixs, [w.manager])), "PoolCreated");
  const p = await client.accounts.pool(pool);
  assert.ok(p.seniorMint.equals(client.pda.seniorMint(pool)) && p.juniorMint.equals(client.pda.juniorMint(pool)));
  const eur = FX_FEEDS.EUR;
  const sig = await send(
    client.manager.poolCurrencySet({
      manager: w.manager.publicKey,
      pool,
      terms: {
        code: "EUR", decimals: eur.minorDecimals, feedId: feedIdFromHex(eur.feedIdHex), direction: eur.direction,
        maxAgeSecs: 60, maxConfBps: 50, minUsdcPerUnit: usdc("0.5"), maxUsdcPerUnit: usdc("2.5"),
      },
    }),
    [w.manager],
  );
  one(await events(sig), "PoolCurrencyUpdated");
  one(await events(await send(client.manager.poolVerifierAdd({ manager: w.manager.publicKey, pool, verifier: w.verifier.publicKey }), [w.manager])), "PoolVerifierAdded");
  const pools = await client.accounts.pools({ manager: w.manager.publicKey });
  assert.deepEqual(pools.map((x) => x.address.toBase58()), [pool.toBase58()]);
});

/** A deposit whose minted shares must equal the SDK's preview at the transaction's time. */
async function depositChecked(investor: Keypair, tranche: "senior" | "junior", amountUsdc: bigint): Promise<bigint> {
  const before = await client.accounts.pool(pool);
  const sig = await send(client.investor.deposit({ investor: investor.publicKey, pool, tranche, amountUsdc }), [investor]);
  const ev = one(await events(sig), "Deposited");
  const shares = previewDeposit(poolMathState(before), tranche, amountUsdc, big(ev.ts));
  assert.equal(big(ev.shares), shares, `${tranche} deposit of ${formatUsdc(amountUsdc)}: preview = program`);
  const snap = ev.snapshot as Record<string, bigint>;
  const after = poolMathState(await client.accounts.pool(pool));
  assert.equal(previewSharePrice(after, tranche, big(ev.ts)), tranche === "senior" ? snap.seniorPrice : snap.juniorPrice, "share price preview");
  return shares;
}

test("investors: deposits into both tranches (shares minted = SDK preview)", async () => {
  for (const k of [w.senior, w.junior]) await mintUsdc(client, admin, usdcMint, w.usdcAuthority, k.publicKey, usdc("50000"));
  const j = await depositChecked(w.junior, "junior", usdc("3000"));
  assert.equal(j, usdc("3000") - 1_000n, "first deposit locks 1,000 share units");
  await depositChecked(w.senior, "senior", usdc("9000"));
  await depositChecked(w.junior, "junior", usdc("25.123456"));
  // 10,000 more senior would leave junior under 20% of NAV.
  await refuses(send(client.investor.deposit({ investor: w.senior.publicKey, pool, tranche: "senior", amountUsdc: usdc("10000") }), [w.senior]), "SubordinationBreached");
  const shares = await tokenBalance(client, ata(w.junior.publicKey, client.pda.juniorMint(pool), TOKEN_2022_PROGRAM_ID));
  assert.ok(shares > 0n);
  const positions = await client.accounts.positions(w.junior.publicKey);
  assert.equal(positions.length, 1);
  assert.equal(positions[0].tranche, "junior");
  assert.ok(positions[0].pool.equals(pool));
});

test("investor: immediate redemption pays the SDK's redemption value", async () => {
  const before = await client.accounts.pool(pool);
  const shares = 100_000_000n;
  const sig = await send(client.investor.withdraw({ investor: w.junior.publicKey, pool, tranche: "junior", shares }), [w.junior]);
  const ev = one(await events(sig), "Withdrawn");
  assert.equal(big(ev.shares), shares);
  assert.equal(big(ev.amountUsdc), previewRedeem(poolMathState(before), "junior", shares, big(ev.ts)));
});

// ------------------------------------------------------------- invoices

interface EInvoiceJson {
  amount_minor: number;
  currency: string;
  currency_exponent: number;
  document_sha256: string;
  invoice_number: string;
  issue_date: string;
  due_date: string;
}
let eurInvoice: PublicKey;
let usdInvoice: PublicKey;
let eurFaceMinor: bigint;

function dateTs(d: string): bigint {
  return BigInt(Date.parse(`${d}T00:00:00Z`) / 1000);
}
function isoDate(ts: bigint): string {
  return new Date(Number(ts) * 1000).toISOString().slice(0, 10);
}

async function createInvoice(terms: Parameters<AutofactorClient["supplier"]["invoiceCreate"]>[0]["terms"]): Promise<{ invoice: PublicKey; sig: string }> {
  const asset = Keypair.generate();
  const { ixs, invoice } = await client.supplier.invoiceCreate({ supplier: w.supplier.publicKey, buyer: w.buyer.publicKey, pool, asset: asset.publicKey, terms });
  const sig = await send(ixs, [w.supplier, asset]);
  return { invoice, sig };
}

test("supplier: invoice from the e-invoice sample (terms from `autofactor einvoice show`)", async () => {
  const bin = process.env.AUTOFACTOR_BIN ?? "autofactor";
  const due = isoDate(BigInt(Math.floor(Date.now() / 1000)) + 40n * DAY);
  let out: string;
  try {
    out = execFileSync(bin, ["--output", "json", "einvoice", "show", EINVOICE, "--due-date", due], { encoding: "utf8" });
  } catch (e) {
    throw new Error(`the e-invoice terms come from the CLI (${bin} einvoice show); set AUTOFACTOR_BIN: ${String(e)}`);
  }
  const inv = JSON.parse(out) as EInvoiceJson;
  const bytes = fs.readFileSync(EINVOICE);
  assert.equal(documentHash(bytes).toString("hex"), inv.document_sha256, "SDK and CLI agree on the document hash");
  assert.equal(inv.currency, "EUR");
  eurFaceMinor = BigInt(inv.amount_minor);
  assert.equal(eurFaceMinor, parseAmount("1656.25", inv.currency_exponent));
  const { invoice, sig } = await createInvoice({
    faceMinor: eurFaceMinor,
    currency: inv.currency,
    issueTs: dateTs(inv.issue_date),
    dueTs: dateTs(inv.due_date),
    documentHash: documentHash(bytes),
    invoiceNumber: inv.invoice_number,
    metadataUri: `https://suite.autofactor.example/${inv.document_sha256}.json`,
  });
  eurInvoice = invoice;
  one(await events(sig), "InvoiceCreated");
  const acc = await client.accounts.invoice(invoice);
  assert.equal(invoiceStatus(acc), "created");
  assert.equal(acc.invoiceNumber, inv.invoice_number);
  // The same document cannot be financed twice.
  await refuses(
    createInvoice({ faceMinor: 1n, currency: "EUR", issueTs: dateTs(inv.issue_date), dueTs: dateTs(inv.due_date), documentHash: documentHash(bytes), invoiceNumber: "OTHER-1", metadataUri: "https://x.example/1" }),
    "DuplicateDocument",
  );
  await refuses(send(client.supplier.invoiceFinance({ invoice }), [w.supplier]), "InvoiceNotAcknowledged");
});

test("buyer acknowledges, verifier attests (grade A)", async () => {
  one(await events(await send(client.buyer.acknowledge({ invoice: eurInvoice }), [w.buyer])), "InvoiceAcknowledged");
  const sig = await send(client.verifier.attest({ invoice: eurInvoice, verifier: w.verifier.publicKey, deliveryProofHash: documentHash(Buffer.from("POD-1")), creditScore: 820 }), [w.verifier]);
  const ev = one(await events(sig), "InvoiceAttested");
  assert.equal(ev.riskGrade, 0);
  assert.equal(invoiceStatus(await client.accounts.invoice(eurInvoice)), "verified");
});

test("supplier: EUR invoice financed with the Pyth price (FX preview brackets the program)", async () => {
  const priceAccount = priceFeedAddress(feedIdFromHex(FX_FEEDS.EUR.feedIdHex));
  const read = async () => decodePriceUpdate((await client.connection.getAccountInfo(priceAccount))!.data);
  const p0 = await read();
  const supplierUsdc = ata(w.supplier.publicKey, usdcMint);
  await mintUsdc(client, admin, usdcMint, w.usdcAuthority, w.supplier.publicKey, 0n);
  const sig = await send(client.supplier.invoiceFinance({ invoice: eurInvoice }), [w.supplier]);
  const p1 = await read();
  const ev = one(await events(sig), "InvoiceFinanced");
  const face = big(ev.faceUsdc);
  const a = fxValueForPurchase(eurFaceMinor, p0, 2, "ccyUsd");
  const b = fxValueForPurchase(eurFaceMinor, p1, 2, "ccyUsd");
  const [lo, hi] = a < b ? [a, b] : [b, a];
  // The local publisher moves the price about 1 bp per second.
  assert.ok(face >= (lo * 9_990n) / 10_000n && face <= (hi * 10_010n) / 10_000n, `face ${face} within [${lo}, ${hi}] ± 10 bp`);
  assert.equal(await tokenBalance(client, supplierUsdc), big(ev.advanceUsdc));
  assert.equal(invoiceStatus(await client.accounts.invoice(eurInvoice)), "financed");
});

test("USD invoice: the SDK's finance preview equals the program (advance, discount, fees, reserve)", async () => {
  const now = BigInt(Math.floor(Date.now() / 1000));
  const { invoice } = await createInvoice({
    faceMinor: parseAmount("8000.00", 2), currency: "USD", issueTs: now - DAY, dueTs: now + 45n * DAY,
    documentHash: documentHash(Buffer.from("suite USD invoice 1")), invoiceNumber: "SUITE-USD-0001", metadataUri: "https://suite.autofactor.example/usd1.json",
  });
  usdInvoice = invoice;
  await send(client.buyer.acknowledge({ invoice }), [w.buyer]);
  await send(client.verifier.attest({ invoice, verifier: w.verifier.publicKey, deliveryProofHash: documentHash(Buffer.from("POD-2")), creditScore: 700 }), [w.verifier]);
  const [inv, poolAcc, proto] = await Promise.all([client.accounts.invoice(invoice), client.accounts.pool(pool), client.accounts.protocol()]);
  assert.equal(inv.riskGrade, 1);
  const sig = await send(client.supplier.invoiceFinance({ invoice }), [w.supplier]);
  const ev = one(await events(sig), "InvoiceFinanced");
  const preview = previewInvoiceFinance({ invoice: inv, pool: poolAcc, protocol: proto, nowTs: big(ev.ts) });
  assert.equal(big(ev.faceUsdc), preview.faceUsdc);
  assert.equal(big(ev.advanceUsdc), preview.advanceUsdc, "advance");
  assert.equal(big(ev.discountUsdc), preview.discountUsdc, "discount");
  assert.equal(big(ev.protocolFeeUsdc), preview.protocolFeeUsdc);
  assert.equal(big(ev.managerFeeUsdc), preview.managerFeeUsdc);
  assert.equal(big(ev.reserveUsdc), preview.reserveUsdc);
  console.log(`  USD 8,000.00 grade B: advance ${formatUsdc(preview.advanceUsdc)}, discount ${formatUsdc(preview.discountUsdc)} USDC (preview = program)`);
});

let queuedSeq: bigint;
let queuedShares: bigint;

test("senior investor: withdrawal larger than cash is queued", async () => {
  const seniorShares = await tokenBalance(client, ata(w.senior.publicKey, client.pda.seniorMint(pool), TOKEN_2022_PROGRAM_ID));
  queuedShares = (seniorShares * 6n) / 10n;
  const before = poolMathState(await client.accounts.pool(pool));
  const preview = previewWithdraw(before, "senior", queuedShares, BigInt(Math.floor(Date.now() / 1000)));
  assert.equal(preview.kind, "queued", "the SDK previews a queued withdrawal");
  const sig = await send(client.investor.withdraw({ investor: w.senior.publicKey, pool, tranche: "senior", shares: queuedShares }), [w.senior]);
  const ev = one(await events(sig), "WithdrawalQueued");
  queuedSeq = big(ev.sequence);
  const queue = await client.accounts.queue(pool, "senior");
  assert.equal(queue.length, 1);
  assert.ok(queue[0].account.investor.equals(w.senior.publicKey));
  assert.equal(queue[0].account.sharesRemaining, queuedShares);
  const pos = await client.accounts.position(pool, "senior", w.senior.publicKey);
  assert.equal(pos?.queuedShares, queuedShares);
});

test("buyer: EUR partial and full repayment, then settlement", async () => {
  await mintUsdc(client, admin, usdcMint, w.usdcAuthority, w.buyer.publicKey, usdc("20000"));
  const part = parseAmount("600.00", 2);
  let sig = await send(client.buyer.repay({ invoice: eurInvoice, payer: w.buyer.publicKey, amountMinor: part, maxUsdc: usdc("1000") }), [w.buyer]);
  let ev = one(await events(sig), "InvoicePaid");
  assert.equal(ev.fullyRepaid, false);
  assert.equal(big(ev.outstandingMinor), eurFaceMinor - part);
  assert.equal(invoiceStatus(await client.accounts.invoice(eurInvoice)), "partiallyRepaid");
  await refuses(send(client.keeper.invoiceSettle({ invoice: eurInvoice, keeper: w.keeper.publicKey }), [w.keeper]), "NotFullyRepaid");
  await refuses(send(client.buyer.repay({ invoice: eurInvoice, payer: w.buyer.publicKey, amountMinor: eurFaceMinor, maxUsdc: usdc("5000") }), [w.buyer]), "Overpayment");
  await refuses(send(client.buyer.repay({ invoice: eurInvoice, payer: w.buyer.publicKey, amountMinor: eurFaceMinor - part, maxUsdc: 1n }), [w.buyer]), "PaymentAboveMax");
  sig = await send(client.buyer.repay({ invoice: eurInvoice, payer: w.buyer.publicKey, amountMinor: eurFaceMinor - part, maxUsdc: usdc("3000") }), [w.buyer]);
  ev = one(await events(sig), "InvoicePaid");
  assert.equal(ev.fullyRepaid, true);
  assert.equal(invoiceStatus(await client.accounts.invoice(eurInvoice)), "repaid");
  sig = await send(client.keeper.invoiceSettle({ invoice: eurInvoice, keeper: w.keeper.publicKey }), [w.keeper]);
  one(await events(sig), "InvoiceSettled");
  assert.equal(await client.accounts.invoiceOrNull(eurInvoice), null, "settled invoice account closed");
});

test("keeper: fills the queued withdrawal once the USD invoice is repaid (fill = SDK redemption value)", async () => {
  const inv = await client.accounts.invoice(usdInvoice);
  await send(client.buyer.repay({ invoice: usdInvoice, payer: w.buyer.publicKey, amountMinor: inv.faceMinor, maxUsdc: usdc("8000") }), [w.buyer]);
  const before = await client.accounts.pool(pool);
  const usdcBefore = await tokenBalance(client, ata(w.senior.publicKey, usdcMint));
  const sig = await send(client.keeper.withdrawalFill({ keeper: w.keeper.publicKey, pool, tranche: "senior" }), [w.keeper]);
  const ev = one(await events(sig), "WithdrawalFilled");
  assert.equal(big(ev.sequence), queuedSeq);
  assert.equal(big(ev.shares), queuedShares);
  assert.equal(big(ev.sharesRemaining), 0n);
  const expected = previewRedeem(poolMathState(before), "senior", queuedShares, big(ev.ts));
  assert.equal(big(ev.amountUsdc), expected, "fill pays the preview's redemption value");
  assert.equal(await tokenBalance(client, ata(w.senior.publicKey, usdcMint)), usdcBefore + expected);
  assert.equal((await client.accounts.queue(pool, "senior")).length, 0);
  await send(client.keeper.invoiceSettle({ invoice: usdInvoice, keeper: w.keeper.publicKey }), [w.keeper]);
});

test("buyer disputes an invoice; supplier cancels another", async () => {
  const now = BigInt(Math.floor(Date.now() / 1000));
  const mk = (n: string) => createInvoice({
    faceMinor: parseAmount("1200.00", 2), currency: "USD", issueTs: now - DAY, dueTs: now + 30n * DAY,
    documentHash: documentHash(Buffer.from(`suite ${n}`)), invoiceNumber: n, metadataUri: `https://suite.autofactor.example/${n}.json`,
  });
  const disputed = (await mk("SUITE-D-1")).invoice;
  await send(client.buyer.acknowledge({ invoice: disputed }), [w.buyer]);
  const sig = await send(client.buyer.dispute({ invoice: disputed, reasonHash: documentHash(Buffer.from("goods not delivered")) }), [w.buyer]);
  one(await events(sig), "InvoiceDisputed");
  assert.equal(invoiceStatus(await client.accounts.invoice(disputed)), "disputed");
  await refuses(send(client.verifier.attest({ invoice: disputed, verifier: w.verifier.publicKey, deliveryProofHash: documentHash(Buffer.from("x")), creditScore: 820 }), [w.verifier]), "InvalidInvoiceStatus");
  // "suite-c 1" is the same invoice number as "SUITE-C-1" once canonical.
  const cancelled = (await mk("SUITE-C-1")).invoice;
  await refuses(mk("suite-c 1"), "DuplicateInvoiceNumber");
  const c = await send(client.supplier.invoiceCancel({ invoice: cancelled }), [w.supplier]);
  one(await events(c), "InvoiceCancelled");
  assert.equal(await client.accounts.invoiceOrNull(cancelled), null);
  const byStatus = await client.accounts.invoices({ pool, status: "disputed" });
  assert.deepEqual(byStatus.map((x) => x.address.toBase58()), [disputed.toBase58()]);
  const bySupplier = await client.accounts.invoices({ supplier: w.supplier.publicKey });
  const byBuyer = await client.accounts.invoices({ buyer: w.buyer.publicKey });
  assert.equal(bySupplier.length, 1);
  assert.equal(byBuyer.length, 1);
});

test("manager pauses the pool: deposits refused with PoolPaused; fees collected", async () => {
  await send(client.manager.poolSetPaused({ manager: w.manager.publicKey, pool, paused: true }), [w.manager]);
  await refuses(send(client.investor.deposit({ investor: w.junior.publicKey, pool, tranche: "junior", amountUsdc: usdc("10") }), [w.junior]), "PoolPaused");
  await send(client.manager.poolSetPaused({ manager: w.manager.publicKey, pool, paused: false }), [w.manager]);
  await refuses(send(client.manager.poolSetPaused({ manager: w.supplier.publicKey, pool, paused: true }), [w.supplier]), "NotPoolManager");
  for (const owner of [w.treasury.publicKey, w.manager.publicKey]) await send([createAtaIdempotent(admin.publicKey, owner, usdcMint)], [admin]);
  const sig = await send(client.keeper.poolCollectFees({ pool }), [w.keeper]);
  const ev = one(await events(sig), "FeesCollected");
  const total = big(ev.protocolFeesUsdc) + big(ev.managerFeesUsdc);
  assert.ok(total > 0n, "the discounts earned fees");
});

test("the pool's history decodes every emit_cpi! event", async () => {
  const history = await client.events.poolHistory(pool, { limit: 200 });
  const names = new Set(history.map((e) => e.name));
  for (const n of ["PoolCreated", "Deposited", "Withdrawn", "WithdrawalQueued", "WithdrawalFilled", "InvoiceFinanced", "InvoicePaid", "InvoiceSettled", "PoolPauseSet", "FeesCollected"]) {
    assert.ok(names.has(n as never), `${n} in the pool's history (${[...names].join(", ")})`);
  }
});
