// Drives a running `autofactor localnet --demo` the way a web app does:
// @solana/web3.js + @anchor-lang/core with the committed IDL.
//
//  1. a junior deposit sent with web3.js `sendAndConfirmTransaction`
//     (confirmed over the WebSocket `signatureSubscribe`), while an
//     `onAccountChange` subscription watches the pool (and one on the EUR
//     Pyth feed shows the local price publisher at work);
//  2. a second deposit sent raw and confirmed only by an `onSignature`
//     WebSocket notification (no HTTP polling at all);
//  3. the `Deposited` event decoded from `getTransaction`'s inner
//     instructions (emit_cpi!) with the IDL's event coder;
//  4. pools read back with `program.account.pool.all([memcmp filters])`.
//
// Usage: node deposit.mjs [--rpc URL] [--keys DIR]
//   defaults: http://127.0.0.1:8899 (WebSocket: port + 1), ../../.localnet/keys
// Exits non-zero on any failure.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import anchor from "@anchor-lang/core";
import {
  Connection,
  Keypair,
  PublicKey,
  SystemProgram,
  Transaction,
  sendAndConfirmTransaction,
} from "@solana/web3.js";

const { AnchorProvider, BN, Program, Wallet, utils } = anchor;
const here = path.dirname(fileURLToPath(import.meta.url));

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const RPC_URL = arg("--rpc", process.env.AUTOFACTOR_RPC_URL ?? "http://127.0.0.1:8899");
const KEYS_DIR = path.resolve(arg("--keys", process.env.AUTOFACTOR_KEYS_DIR ?? path.join(here, "../../.localnet/keys")));
const IDL_PATH = path.join(here, "../../idl/autofactor.json");

const TOKEN_PROGRAM = new PublicKey("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
const TOKEN_2022_PROGRAM = new PublicKey("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb");
const ATA_PROGRAM = new PublicKey("ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL");
const USDC = 1_000_000;

function assert(cond, msg) {
  if (!cond) throw new Error(`assertion failed: ${msg}`);
}

function loadKeypair(name) {
  const bytes = JSON.parse(fs.readFileSync(path.join(KEYS_DIR, `${name}.json`), "utf8"));
  return Keypair.fromSecretKey(Uint8Array.from(bytes));
}

function ata(owner, mint, tokenProgram) {
  return PublicKey.findProgramAddressSync([owner.toBuffer(), tokenProgram.toBuffer(), mint.toBuffer()], ATA_PROGRAM)[0];
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/// Byte offset of `field` in an IDL account/struct type (fixed-size fields
/// before it), so memcmp filters follow the IDL instead of hard-coded numbers.
function fieldOffset(idl, typeName, field) {
  const sizeOf = (ty) => {
    const prim = { bool: 1, u8: 1, i8: 1, u16: 2, i16: 2, u32: 4, i32: 4, u64: 8, i64: 8, u128: 16, i128: 16, pubkey: 32 };
    if (typeof ty === "string") {
      if (prim[ty] === undefined) throw new Error(`variable-size field type ${ty}`);
      return prim[ty];
    }
    if (ty.array) return sizeOf(ty.array[0]) * ty.array[1];
    if (ty.defined) {
      const def = idl.types.find((t) => t.name === ty.defined.name);
      if (def.type.kind !== "struct") throw new Error(`non-struct ${ty.defined.name}`);
      return def.type.fields.reduce((n, f) => n + sizeOf(f.type), 0);
    }
    throw new Error(`unsupported type ${JSON.stringify(ty)}`);
  };
  const def = idl.types.find((t) => t.name === typeName);
  let offset = 8; // Anchor account discriminator
  for (const f of def.type.fields) {
    if (f.name === field) return offset;
    offset += sizeOf(f.type);
  }
  throw new Error(`${typeName}.${field} not found`);
}

async function tokenAmount(connection, account) {
  return BigInt((await connection.getTokenAccountBalance(account)).value.amount);
}

async function main() {
  const manifest = JSON.parse(fs.readFileSync(path.join(KEYS_DIR, "demo.json"), "utf8"));
  const idl = JSON.parse(fs.readFileSync(IDL_PATH, "utf8"));
  const wsUrl = (() => {
    const u = new URL(RPC_URL);
    u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
    u.port = String(Number(u.port || 80) + 1);
    return u.toString();
  })();
  const connection = new Connection(RPC_URL, { commitment: "confirmed", wsEndpoint: wsUrl });
  console.log(`RPC ${RPC_URL}  WS ${wsUrl}  (node ${process.version}, solana-core ${(await connection.getVersion())["solana-core"]})`);

  const investor = loadKeypair("junior-investor-1");
  const provider = new AnchorProvider(connection, new Wallet(investor), { commitment: "confirmed" });
  const program = new Program(idl, provider);
  assert(program.programId.toBase58() === manifest.programId, "program id from the IDL matches the chain's");

  const poolInfo = manifest.pools[0];
  const pool = new PublicKey(poolInfo.pool);
  const manager = new PublicKey(poolInfo.manager);
  const usdcMint = new PublicKey(manifest.usdcMint);
  const juniorMint = new PublicKey(poolInfo.juniorMint);
  const pid = program.programId;
  // PDA seeds come from the IDL's constants (defined once, in the program).
  const seed = (name) => {
    const c = idl.constants.find((k) => k.name === name);
    assert(c, `seed constant ${name} in the IDL`);
    return Buffer.from(JSON.parse(c.value));
  };
  const [protocol] = PublicKey.findProgramAddressSync([seed("PROTOCOL_SEED")], pid);
  const [identity] = PublicKey.findProgramAddressSync([seed("IDENTITY_SEED"), investor.publicKey.toBuffer()], pid);
  const [calendar] = PublicKey.findProgramAddressSync([seed("CALENDAR_SEED"), pool.toBuffer()], pid);
  const JUNIOR = 1; // Tranche::Junior.seed()
  const [position] = PublicKey.findProgramAddressSync(
    [seed("POSITION_SEED"), pool.toBuffer(), Buffer.from([JUNIOR]), investor.publicKey.toBuffer()],
    pid,
  );
  const [eventAuthority] = PublicKey.findProgramAddressSync([Buffer.from("__event_authority")], pid);
  const investorUsdc = ata(investor.publicKey, usdcMint, TOKEN_PROGRAM);
  const investorShares = ata(investor.publicKey, juniorMint, TOKEN_2022_PROGRAM);

  const depositIx = (amount) =>
    program.methods
      .trancheDeposit({ tranche: { junior: {} }, amountUsdc: new BN(amount), minSharesOut: new BN(0) })
      // Account groups shared by several instructions (the program's
      // nested `Accounts` structs) are nested objects, as the IDL lists them.
      .accountsStrict({
        holding: {
          investor: investor.publicKey,
          protocol,
          investorIdentity: identity,
          poolVault: { pool, usdcMint, vault: new PublicKey(poolInfo.vault), usdcTokenProgram: TOKEN_PROGRAM },
          calendar,
          trancheMint: juniorMint,
          investorShares,
          position,
          trancheTokenProgram: TOKEN_2022_PROGRAM,
        },
        investorUsdc,
        associatedTokenProgram: ATA_PROGRAM,
        systemProgram: SystemProgram.programId,
        eventAuthority,
        program: pid,
      })
      .instruction();

  const before = await program.account.pool.fetch(pool);
  const sharesBefore = await tokenAmount(connection, investorShares);
  const usdcBefore = await tokenAmount(connection, investorUsdc);
  console.log(`pool ${pool.toBase58()}: cash ${before.ledger.cashUsdc.toString()}, junior deposited ${before.ledger.junior.totalDepositedUsdc.toString()}`);

  // 1. sendAndConfirmTransaction, with the pool watched over the WebSocket.
  const amount1 = 1_234 * USDC;
  let resolvePoolChange;
  const poolChanged = new Promise((r) => (resolvePoolChange = r));
  const sub = connection.onAccountChange(pool, (info) => resolvePoolChange(info), { commitment: "confirmed" });
  // web3.js subscribes asynchronously. Subscriptions go out in order on one
  // socket, so once a later one (the EUR price feed, updated every second)
  // notifies, the pool's subscription is in place on the server.
  const eurFeed = new PublicKey(manifest.priceFeeds.EUR.address);
  let resolveFeed;
  const feedSeen = new Promise((r) => (resolveFeed = r));
  const feedSub = connection.onAccountChange(eurFeed, (info) => resolveFeed(info), { commitment: "confirmed" });
  const feedInfo = await withTimeout(feedSeen, 10_000, "the EUR price feed's accountNotification");
  assert(feedInfo.owner.toBase58() === "rec5EKMGg6MxZYaMdyBfgwp4d5rB9T1VQH5pJv5LtFJ", "price feed owned by the Pyth receiver");
  await connection.removeAccountChangeListener(feedSub);
  const tx1 = new Transaction().add(await depositIx(amount1));
  const sig1 = await sendAndConfirmTransaction(connection, tx1, [investor], { commitment: "confirmed" });
  console.log(`deposit 1 (sendAndConfirmTransaction): ${sig1}`);
  const changed = await withTimeout(poolChanged, 10_000, "the pool's accountNotification");
  const fromWs = program.coder.accounts.decode("pool", changed.data);
  assert(
    BigInt(fromWs.ledger.cashUsdc.toString()) === BigInt(before.ledger.cashUsdc.toString()) + BigInt(amount1),
    "the accountNotification carries the new cash",
  );
  await connection.removeAccountChangeListener(sub);

  // 2. Raw send, confirmed by signatureSubscribe alone.
  const amount2 = 766 * USDC;
  const tx2 = new Transaction().add(await depositIx(amount2));
  const { blockhash } = await connection.getLatestBlockhash();
  tx2.recentBlockhash = blockhash;
  tx2.feePayer = investor.publicKey;
  tx2.sign(investor);
  const sig2 = utils.bytes.bs58.encode(tx2.signature);
  const notified = new Promise((resolve) => connection.onSignature(sig2, (result) => resolve(result), "finalized"));
  await connection.sendRawTransaction(tx2.serialize());
  const note = await withTimeout(notified, 10_000, "the signatureNotification");
  assert(note.err === null, `deposit 2 succeeded (${JSON.stringify(note.err)})`);
  console.log(`deposit 2 (signatureSubscribe): ${sig2}`);

  // 3. The Deposited event from the inner instructions.
  const txInfo = await connection.getTransaction(sig1, { commitment: "confirmed", maxSupportedTransactionVersion: 0 });
  assert(txInfo && txInfo.meta && txInfo.meta.err === null, "getTransaction returns the successful deposit");
  const keys = txInfo.transaction.message.staticAccountKeys;
  const events = [];
  for (const group of txInfo.meta.innerInstructions ?? []) {
    for (const ix of group.instructions) {
      if (!keys[ix.programIdIndex].equals(pid)) continue;
      const data = utils.bytes.bs58.decode(ix.data);
      // emit_cpi!: 8-byte event-instruction tag, then the event.
      const event = program.coder.events.decode(utils.bytes.base64.encode(Buffer.from(data.subarray(8))));
      if (event) events.push(event);
    }
  }
  const deposited = events.filter((e) => e.name === "Deposited" || e.name === "deposited");
  assert(deposited.length === 1, `one Deposited event (got ${events.map((e) => e.name)})`);
  const ev = deposited[0].data;
  assert(ev.investor.equals(investor.publicKey), "event investor");
  assert(ev.pool.equals(pool), "event pool");
  assert(ev.amountUsdc.toString() === String(amount1), "event amount");
  console.log(`Deposited event: ${ev.amountUsdc.toString()} micro-USDC -> ${ev.shares.toString()} junior shares`);

  // 4. Pools back, through program.account.pool.all with memcmp filters.
  const managerOffset = fieldOffset(idl, "Pool", "manager");
  const usdcOffset = fieldOffset(idl, "Pool", "usdc_mint");
  const pools = await program.account.pool.all([
    { memcmp: { offset: managerOffset, bytes: manager.toBase58() } },
    { memcmp: { offset: usdcOffset, bytes: usdcMint.toBase58() } },
  ]);
  assert(pools.length === 1, `one pool of the demo manager (got ${pools.length})`);
  assert(pools[0].publicKey.equals(pool), "it is the demo pool");
  const none = await program.account.pool.all([{ memcmp: { offset: managerOffset, bytes: Keypair.generate().publicKey.toBase58() } }]);
  assert(none.length === 0, "no pool for an unknown manager");
  const after = pools[0].account;
  const total = BigInt(amount1 + amount2);
  const delta = (a, b) => BigInt(a.toString()) - BigInt(b.toString());
  for (const p of pools) {
    const l = p.account.ledger;
    console.log(
      `pool ${p.publicKey.toBase58()} manager ${p.account.manager.toBase58()}: cash ${l.cashUsdc} receivables ${l.receivablesUsdc}, ` +
        `senior deposited ${l.senior.totalDepositedUsdc} (${l.senior.sharesOutstanding} shares), ` +
        `junior deposited ${l.junior.totalDepositedUsdc} (${l.junior.sharesOutstanding} shares)`,
    );
  }
  assert(delta(after.ledger.cashUsdc, before.ledger.cashUsdc) === total, "pool cash grew by both deposits");
  assert(
    delta(after.ledger.junior.totalDepositedUsdc, before.ledger.junior.totalDepositedUsdc) === total,
    "junior deposits grew by both deposits",
  );
  assert(usdcBefore - (await tokenAmount(connection, investorUsdc)) === total, "investor USDC paid");
  const shares = (await tokenAmount(connection, investorShares)) - sharesBefore;
  assert(shares >= BigInt(ev.shares.toString()), "investor received the shares");
  console.log(`OK: ${pools.length} pool, investor +${shares} junior shares for ${Number(total) / USDC} USDC`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`FAILED: ${e?.stack ?? e}`);
    if (e?.logs) console.error(e.logs.join("\n"));
    process.exit(1);
  },
);
