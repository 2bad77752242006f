// End-to-end harness: the local chain with the demo (`autofactor localnet
// --demo`, its indexer and API), the built app served by `vite preview`,
// and Chromium driven by playwright-core. Shared by every spec.
//
//   AUTOFACTOR_BIN   the autofactor binary (default ../target/debug/autofactor)
//   CHROMIUM         the browser (default /usr/bin/chromium)
//   E2E_RPC_URL, E2E_API_URL, E2E_KEYS_DIR   attach to a running `localnet --demo` instead of starting one
//   E2E_SKIP_BUILD=1 serve the existing app/dist (else `vite build` runs once)
//
// Screenshots go to app/test-results/screenshots/ (gitignored; CI keeps them as artifacts).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { AutofactorClient, web3 } from "@autofactor/sdk";

const here = path.dirname(fileURLToPath(import.meta.url));
export const APP_DIR = path.resolve(here, "..");
export const ROOT = path.resolve(APP_DIR, "..");
export const SCREENSHOT_DIR = path.join(APP_DIR, "test-results", "screenshots");
const require = createRequire(import.meta.url);

// ------------------------------------------------------------------ chain

export interface Stack {
  rpcUrl: string;
  wsUrl: string;
  apiUrl: string;
  /** Folder of the demo's keypair files (and demo.json). */
  keysDir: string;
  manifest: DemoManifest;
  stop(): Promise<void>;
}

export interface DemoManifest {
  programId: string;
  usdcMint: string;
  pools: { address?: string; pool?: string }[] | unknown[];
  wallets: Record<string, { keypair: string; pubkey: string; roles: string[] }>;
  invoices: { number: string; stage: string; invoice: string }[];
}

export async function freePort(span = 3): Promise<number> {
  const free = (p: number) =>
    new Promise<boolean>((ok) => {
      const s = net.createServer();
      s.once("error", () => ok(false));
      s.listen(p, "127.0.0.1", () => s.close(() => ok(true)));
    });
  for (let i = 0; i < 200; i++) {
    const p = 20_000 + Math.floor(Math.random() * 40_000);
    let all = true;
    for (let k = 0; k < span; k++) all = all && (await free(p + k));
    if (all) return p;
  }
  throw new Error("no free port range found");
}

async function rpcHealthy(rpcUrl: string): Promise<boolean> {
  try {
    const r = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "getHealth" }) });
    return (await r.json()).result === "ok";
  } catch {
    return false;
  }
}

/** Starts `autofactor localnet --demo` on free ports (or attaches, see E2E_RPC_URL) and waits until the chain and the API answer. */
export async function startStack(): Promise<Stack> {
  if (process.env.E2E_RPC_URL) {
    const keysDir = need("E2E_KEYS_DIR");
    const rpcUrl = process.env.E2E_RPC_URL;
    const u = new URL(rpcUrl);
    return {
      rpcUrl,
      wsUrl: `ws://${u.hostname}:${Number(u.port) + 1}`,
      apiUrl: need("E2E_API_URL"),
      keysDir,
      manifest: JSON.parse(fs.readFileSync(path.join(keysDir, "demo.json"), "utf8")),
      stop: async () => {},
    };
  }
  const bin = process.env.AUTOFACTOR_BIN ?? path.join(ROOT, "target", "debug", "autofactor");
  if (!fs.existsSync(bin)) throw new Error(`no autofactor binary at ${bin}: build it (cargo build -p autofactor-cli) or set AUTOFACTOR_BIN`);
  const port = await freePort(3);
  const ledger = fs.mkdtempSync(path.join(os.tmpdir(), "autofactor-e2e-"));
  const log = fs.openSync(path.join(ledger, "localnet.log"), "w");
  const child = spawn(bin, ["localnet", "--demo", "--port", String(port), "--ledger-dir", ledger], { stdio: ["ignore", log, log] });
  const rpcUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    if (!process.env.E2E_KEEP_LEDGER) fs.rmSync(ledger, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 600_000;
    let apiUrl = "";
    let keysDir = "";
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`autofactor localnet exited (${child.exitCode}):\n${fs.readFileSync(path.join(ledger, "localnet.log"), "utf8")}`);
      const out = fs.readFileSync(path.join(ledger, "localnet.log"), "utf8");
      // The banner prints the keypair folder ("keypairs   : DIR/ …") and, once the API listens, "API URL      : URL".
      keysDir ||= /keypairs\s*:\s*(\S+?)\/?\s/.exec(out)?.[1] ?? "";
      apiUrl ||= /API URL\s*:\s*(http\S+)/.exec(out)?.[1] ?? "";
      if (keysDir && apiUrl && (await rpcHealthy(rpcUrl))) {
        const s = await fetch(`${apiUrl}/status`).catch(() => null);
        if (s?.ok) {
          await waitIndexed(apiUrl);
          return {
            rpcUrl,
            wsUrl: `ws://127.0.0.1:${port + 1}`,
            apiUrl,
            keysDir,
            manifest: JSON.parse(fs.readFileSync(path.join(keysDir, "demo.json"), "utf8")),
            stop,
          };
        }
      }
      await sleep(500);
    }
    throw new Error("autofactor localnet --demo did not become ready in 10 minutes");
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Waits until the API has indexed the demo (its pools are listed). */
async function waitIndexed(apiUrl: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    const r = await fetch(`${apiUrl}/pools`).catch(() => null);
    if (r?.ok && ((await r.json()) as { pools: unknown[] }).pools.length > 0) return;
    await sleep(500);
  }
  throw new Error(`the API at ${apiUrl} did not index the demo's pool`);
}

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGINT");
  const t = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await done;
  clearTimeout(t);
}

/** A demo keypair file's bytes (Solana CLI JSON). */
export function keypairBytes(stack: Stack, wallet: string): number[] {
  const w = stack.manifest.wallets[wallet];
  if (!w) throw new Error(`the demo has no wallet ${wallet}`);
  return JSON.parse(fs.readFileSync(path.join(stack.keysDir, w.keypair), "utf8"));
}

// -------------------------------------------------------------------- app

const VITE = path.join(APP_DIR, "node_modules", "vite", "bin", "vite.js");

export interface AppServer {
  url: string;
  stop(): Promise<void>;
}

/** Builds the app once (unless E2E_SKIP_BUILD) and serves app/dist with `vite preview` on a free port. */
export async function startApp(): Promise<AppServer> {
  if (!process.env.E2E_SKIP_BUILD || !fs.existsSync(path.join(APP_DIR, "dist", "index.html"))) {
    const r = spawnSync(process.execPath, [VITE, "build", "--logLevel", "warn"], { cwd: APP_DIR, stdio: "inherit" });
    if (r.status !== 0) throw new Error("vite build failed");
  }
  const port = await freePort(1);
  // vite itself (not through npx) so that stopping the child stops the server.
  const child = spawn(process.execPath, [VITE, "preview", "--port", String(port), "--strictPort", "--host", "127.0.0.1"], { cwd: APP_DIR, stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    const r = await fetch(url).catch(() => null);
    if (r?.ok) return { url, stop: () => stopChild(child) };
    await sleep(250);
  }
  await stopChild(child);
  throw new Error("vite preview did not start");
}

// ---------------------------------------------------------------- browser

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
}

/** What a spec file runs against: the chain and API, the served app, Chromium, a read-only SDK client and the demo pool. */
export interface Suite {
  stack: Stack;
  app: AppServer;
  browser: Browser;
  client: AutofactorClient;
  pool: web3.PublicKey;
}

/** Starts the stack, the app and the browser for one spec file (its `before`); `stopSuite` in its `after`. */
export async function startSuite(): Promise<Suite> {
  const stack = await startStack();
  const app = await startApp();
  const browser = await launchBrowser();
  const client = AutofactorClient.readOnly(new web3.Connection(stack.rpcUrl, "confirmed"));
  const pool = (await client.accounts.pools())[0].address;
  return { stack, app, browser, client, pool };
}

export async function stopSuite(s: Partial<Suite> | undefined): Promise<void> {
  await s?.browser?.close();
  await s?.app?.stop();
  await s?.stack?.stop();
}

export interface RolePage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
}

/**
 * A fresh browser context pointed at the stack (the app's runtime config
 * `window.__AUTOFACTOR_CONFIG__`), with `wallet`'s demo keypair loaded for
 * the "Local keypair" wallet; console errors and page errors are collected.
 */
export async function rolePage(browser: Browser, stack: Stack, wallet: string | null): Promise<RolePage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const config = { cluster: "local", rpcUrl: stack.rpcUrl, wsUrl: stack.wsUrl, apiUrl: stack.apiUrl };
  const secret = wallet ? JSON.stringify(keypairBytes(stack, wallet)) : null;
  await context.addInitScript(
    ([cfg, sk]) => {
      (window as unknown as { __AUTOFACTOR_CONFIG__: unknown }).__AUTOFACTOR_CONFIG__ = cfg;
      if (sk && !localStorage.getItem("autofactor.localKeypair")) localStorage.setItem("autofactor.localKeypair", sk);
    },
    [config, secret] as const,
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console.error: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  return { context, page, errors };
}

/** Connects the "Local keypair" wallet through wallet-adapter's modal and waits for it. */
export async function connectWallet(page: Page, expectedAddress: string): Promise<void> {
  await page.getByRole("button", { name: /select wallet/i }).first().click();
  await page.getByRole("dialog").getByRole("button", { name: /local keypair/i }).first().click();
  const short = `${expectedAddress.slice(0, 4)}..${expectedAddress.slice(-4)}`;
  await page.getByRole("button", { name: short }).first().waitFor({ timeout: 30_000 });
}

/** Waits for the page's last transaction to end; returns its stage and text. Throws on a failure unless `allowFail`. */
export async function waitTx(page: Page, label: string, scope: Page | ReturnType<Page["locator"]> = page, allowFail = false): Promise<string> {
  const status = scope.locator(`[data-testid="tx-status"]`).filter({ hasText: label }).first();
  await status.waitFor({ timeout: 60_000 });
  const handle = await status.elementHandle();
  await page.waitForFunction((el) => ["confirmed", "failed"].includes(el?.getAttribute("data-stage") ?? ""), handle, { timeout: 120_000 });
  const stage = await status.getAttribute("data-stage");
  const text = await status.innerText();
  if (stage !== "confirmed" && !allowFail) throw new Error(`${label}: ${text}`);
  return text;
}

// ------------------------------------------------------- axe, screenshots

const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function axeScan(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

export function describeViolations(vs: AxeViolation[]): string {
  return vs.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`).join("\n");
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
