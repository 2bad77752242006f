#!/usr/bin/env node
// Measures the web app's bundle size and the pool dashboard's time to
// first chart, and prints both.
//
//   node scripts/measure.mjs [--runs N] [--no-build]
//
// 1. `vite build` into a temporary folder (--no-build: measure app/dist as it is), then the
//    initial JS: the entry script of dist/index.html and every module it
//    preloads, gzipped (zlib level 9), versus lazy chunks.
// 2. Starts `autofactor localnet --demo` on free ports with a throw-away
//    ledger ($AUTOFACTOR_BIN, else ../target/debug/autofactor), waits for the
//    chain and the indexer API, serves dist/ with `vite preview`, then opens
//    /pools/<demo pool> N times (default 7) in headless Chromium
//    (/usr/bin/chromium or $CHROMIUM), each in a fresh browser context (empty
//    cache), and records the time from navigation start to the first chart's
//    <svg> in the DOM (performance.now() in a MutationObserver installed
//    before any page script). Prints min / median / max.
//
// The app's endpoints are set with window.__AUTOFACTOR_CONFIG__ (see
// src/config.ts). When the API answers without CORS headers, its requests
// go through a proxy of the preview server (printed).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const APP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = path.resolve(APP, "..");
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const RUNS = Number(option("--runs", "7"));
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs must be a positive integer, got ${option("--runs")}`);
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const BIN = process.env.AUTOFACTOR_BIN ?? path.join(process.env.CARGO_TARGET_DIR ?? path.join(ROOT, "target"), "debug", "autofactor");
const FIRST_CHART = ".dash-chart svg";

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// ------------------------------------------------------------------ bundle

function bundleSize(dist) {
  const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
  const refs = new Set();
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) refs.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) refs.add(m[1]);
  if (refs.size === 0) throw new Error("dist/index.html has no module script");
  const gz = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
  const initial = [...refs].map((r) => {
    const file = path.join(dist, r.replace(/^\//, ""));
    return { file: path.relative(dist, file), raw: fs.statSync(file).size, gzip: gz(file) };
  });
  const all = fs.readdirSync(path.join(dist, "assets")).filter((f) => f.endsWith(".js"));
  const lazy = all.filter((f) => !initial.some((i) => i.file === `assets/${f}`));
  const css = fs.readdirSync(path.join(dist, "assets")).filter((f) => f.endsWith(".css"));
  return {
    initial,
    initialRaw: initial.reduce((n, i) => n + i.raw, 0),
    initialGzip: initial.reduce((n, i) => n + i.gzip, 0),
    lazyGzip: lazy.reduce((n, f) => n + gz(path.join(dist, "assets", f)), 0),
    lazyCount: lazy.length,
    cssGzip: css.reduce((n, f) => n + gz(path.join(dist, "assets", f)), 0),
  };
}

// ------------------------------------------------------------- local chain

function freePort(port) {
  return new Promise((ok) => {
    const s = net.createServer();
    s.once("error", () => ok(false));
    s.listen(port, "127.0.0.1", () => s.close(() => ok(true)));
  });
}

async function freePorts(count) {
  for (let i = 0; i < 200; i++) {
    const p = 20000 + Math.floor(Math.random() * 40000);
    let ok = true;
    for (let k = 0; k < count && ok; k++) ok = await freePort(p + k);
    if (ok) return p;
  }
  throw new Error("no free ports");
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, ms, check) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

async function startLocalnet() {
  if (!fs.existsSync(BIN)) throw new Error(`no autofactor binary at ${BIN} (set AUTOFACTOR_BIN or build autofactor-cli)`);
  const port = await freePorts(3);
  const ledger = fs.mkdtempSync(path.join(os.tmpdir(), "af-measure-"));
  const log = fs.openSync(path.join(ledger, "localnet.log"), "w");
  const child = spawn(BIN, ["localnet", "--demo", "--port", String(port), "--ledger-dir", ledger], { stdio: ["ignore", log, log] });
  const rpcUrl = `http://127.0.0.1:${port}`;
  const apiUrl = `http://127.0.0.1:${port + 2}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGINT");
      await new Promise((r) => child.once("exit", r));
    }
    fs.rmSync(ledger, { recursive: true, force: true });
  };
  try {
    await until("the local chain (getHealth)", 300_000, async () => {
      if (child.exitCode !== null) throw Object.assign(new Error("exited"), { fatal: true });
      const r = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "getHealth" }) });
      return (await r.json()).result === "ok";
    });
    const manifest = JSON.parse(fs.readFileSync(path.join(ledger, "keys", "demo.json"), "utf8"));
    const pool = manifest.pools[0].pool;
    // The indexer has caught up when the pool is there and the event count stops moving.
    let last = -1;
    await until("the indexer API", 120_000, async () => {
      const p = await fetch(`${apiUrl}/pools/${pool}`);
      if (!p.ok) return false;
      const n = (await (await fetch(`${apiUrl}/status`)).json()).events;
      const done = n === last;
      last = n;
      return done;
    });
    return { rpcUrl, apiUrl, pool, stop, ledger };
  } catch (e) {
    const text = fs.readFileSync(path.join(ledger, "localnet.log"), "utf8");
    await stop();
    throw new Error(`${e.message}\n--- localnet log ---\n${text.slice(-3000)}`);
  }
}

// -------------------------------------------------------------------- main

// A fresh build goes to a temporary folder (app/dist is left alone); --no-build measures app/dist.
const DIST = flag("--no-build") ? path.join(APP, "dist") : fs.mkdtempSync(path.join(os.tmpdir(), "af-measure-dist-"));
if (!flag("--no-build")) {
  console.log(`vite build → ${DIST} …`);
  const r = spawnSync("npx", ["vite", "build", "--logLevel", "warn", "--outDir", DIST, "--emptyOutDir"], { cwd: APP, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
}
const size = bundleSize(DIST);

const chain = await startLocalnet();
const { preview } = await import(path.join(APP, "node_modules", "vite", "dist", "node", "index.js"));
const { chromium } = await import(path.join(APP, "node_modules", "playwright-core", "index.mjs"));
let server;
let browser;
try {
  const probe = await fetch(`${chain.apiUrl}/status`, { headers: { origin: "http://127.0.0.1" } });
  const cors = probe.headers.get("access-control-allow-origin") !== null;
  const previewPort = await freePorts(1);
  server = await preview({
    root: APP,
    logLevel: "warn",
    build: { outDir: DIST },
    preview: {
      host: "127.0.0.1",
      port: previewPort,
      strictPort: true,
      proxy: cors ? undefined : { "/__measure_api": { target: chain.apiUrl, rewrite: (p) => p.replace(/^\/__measure_api/, "") } },
    },
  });
  const origin = `http://127.0.0.1:${previewPort}`;
  const config = { cluster: "local", rpcUrl: chain.rpcUrl, apiUrl: cors ? chain.apiUrl : `${origin}/__measure_api` };
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  const times = [];
  let routeJs = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(
      ({ config, selector }) => {
        window.__AUTOFACTOR_CONFIG__ = config;
        const obs = new MutationObserver(() => {
          if (document.querySelector(selector)) {
            window.__firstChartMs = performance.now();
            obs.disconnect();
          }
        });
        obs.observe(document, { childList: true, subtree: true });
      },
      { config, selector: FIRST_CHART },
    );
    const page = await context.newPage();
    await page.goto(`${origin}/pools/${chain.pool}`);
    await page.waitForFunction(() => typeof window.__firstChartMs === "number", null, { timeout: 60_000 });
    times.push(await page.evaluate(() => window.__firstChartMs));
    if (i === 0) {
      // Every script the dashboard route fetched up to its first chart (the initial JS plus its lazy chunks).
      const names = await page.evaluate(() =>
        performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => p.endsWith(".js")),
      );
      routeJs = names.map((n) => ({ file: n.replace(/^\//, ""), gzip: zlib.gzipSync(fs.readFileSync(path.join(DIST, n)), { level: 9 }).length }));
    }
    await context.close();
  }
  const cpu = os.cpus();
  console.log("");
  console.log("== Bundle (vite build) ==");
  for (const f of size.initial) console.log(`  initial ${f.file}: ${kb(f.raw)} raw, ${kb(f.gzip)} gzip`);
  console.log(`  initial JS total: ${kb(size.initialRaw)} raw, ${kb(size.initialGzip)} gzip (target <= 600 kB gzip)`);
  console.log(`  lazy chunks: ${size.lazyCount}, ${kb(size.lazyGzip)} gzip; CSS ${kb(size.cssGzip)} gzip`);
  console.log(`  JS the dashboard route loads: ${routeJs.length} files, ${kb(routeJs.reduce((n, f) => n + f.gzip, 0))} gzip (${routeJs.map((f) => `${f.file} ${kb(f.gzip)}`).join(", ")})`);
  console.log("== Dashboard time to first chart ==");
  console.log(`  /pools/${chain.pool} on autofactor localnet --demo, API ${cors ? "direct (CORS)" : "through the preview server's proxy (no CORS on the API)"}`);
  console.log(`  ${RUNS} cold loads (fresh context each): ${times.map((t) => t.toFixed(0)).join(", ")} ms`);
  console.log(`  min ${Math.min(...times).toFixed(0)} ms, median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (target <= 2000 ms)`);
  console.log(`  machine: ${cpu.length} x ${cpu[0]?.model ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}, ${browser.version()} headless, node ${process.version}`);
} finally {
  await browser?.close();
  await new Promise((r) => (server ? server.httpServer.close(r) : r()));
  await chain.stop();
  if (!flag("--no-build")) fs.rmSync(DIST, { recursive: true, force: true });
}
