import { lazy, Suspense, useState, type FormEvent } from "react";
import { Link, NavLink, Route, Routes, useParams } from "react-router-dom";
import { WalletMultiButton } from "@solana/wallet-adapter-react-ui";
import { useWallet } from "@solana/wallet-adapter-react";
import { checkUrl, localDefaults, useAppConfig, type ClusterId } from "./config";
import { parseKeypairFile, storeKeypair, storedKeypair } from "./wallet/localKeypair";
import { useClient } from "./chain";
import { useLoad, ErrorText, Loading } from "./components/common";
import { formatUsdc, shortKey } from "./format";

// Each page is its own chunk, loaded when first visited.
const SupplierPage = lazy(() => import("./pages/SupplierPage").then((m) => ({ default: m.SupplierPage })));
const BuyerPage = lazy(() => import("./pages/BuyerPage").then((m) => ({ default: m.BuyerPage })));
const InvestorPage = lazy(() => import("./pages/InvestorPage").then((m) => ({ default: m.InvestorPage })));
const VerifierPage = lazy(() => import("./pages/VerifierPage").then((m) => ({ default: m.VerifierPage })));
const ManagerPage = lazy(() => import("./pages/ManagerPage").then((m) => ({ default: m.ManagerPage })));
const DashboardPage = lazy(() => import("./dashboard/DashboardPage").then((m) => ({ default: m.DashboardPage })));

export function App() {
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link to="/" className="brand">
          Autofactor
        </Link>
        <nav aria-label="Pages">
          <NavLink to="/" end>
            Pools
          </NavLink>
          <NavLink to="/supplier">Supplier</NavLink>
          <NavLink to="/buyer">Buyer</NavLink>
          <NavLink to="/investor">Investor</NavLink>
          <NavLink to="/verifier">Verifier</NavLink>
          <NavLink to="/manager">Manager</NavLink>
        </nav>
        <div className="top-right">
          <ClusterSelector />
          <WalletMultiButton />
        </div>
      </header>
      <LocalKeypairPanel />
      <main id="main">
        <Suspense fallback={<Loading what="the page" />}>
        <Routes>
          <Route path="/" element={<HomePage />} />
          <Route path="/pools/:pool" element={<PoolDashboardRoute />} />
          <Route path="/supplier" element={<SupplierPage />} />
          <Route path="/buyer" element={<BuyerPage />} />
          <Route path="/investor" element={<InvestorPage />} />
          <Route path="/verifier" element={<VerifierPage />} />
          <Route path="/manager" element={<ManagerPage />} />
          <Route path="*" element={<p>Page not found. <Link to="/">Back to the pools</Link></p>} />
        </Routes>
        </Suspense>
      </main>
    </>
  );
}

function PoolDashboardRoute() {
  const { pool } = useParams();
  const cfg = useAppConfig();
  return <DashboardPage apiUrl={cfg.apiUrl} pool={pool ?? ""} />;
}

/** `/`: the pools on this cluster, each linking to its dashboard. */
function HomePage() {
  const client = useClient();
  const pools = useLoad(() => client.accounts.pools(), [client]);
  return (
    <section>
      <h1>Pools</h1>
      <p>Invoice financing pools on this cluster. Open one for its dashboard, or pick your role above.</p>
      <ErrorText error={pools.error && `Could not read the pools: ${pools.error}`} />
      {pools.loading && !pools.data && <Loading what="pools" />}
      {pools.data && pools.data.length === 0 && <p>No pools on this cluster yet.</p>}
      {pools.data && pools.data.length > 0 && (
        <ul className="cards">
          {pools.data.map(({ address, account }) => (
            <li key={address.toBase58()} className="card">
              <h2>
                <Link to={`/pools/${address.toBase58()}`}>Pool {shortKey(address)}</Link>
              </h2>
              <p>
                Cash {formatUsdc(account.ledger.cashUsdc)} · receivables {formatUsdc(account.ledger.receivablesUsdc)}
                {account.paused ? " · paused" : ""}
              </p>
              <p className="mono">{address.toBase58()}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Cluster: the local chain (default), devnet, or a custom RPC URL; with the API URL. */
function ClusterSelector() {
  const cfg = useAppConfig();
  const [open, setOpen] = useState(false);
  const [cluster, setCluster] = useState<ClusterId>(cfg.cluster);
  const [rpc, setRpc] = useState(cfg.rpcUrl);
  const [api, setApi] = useState(cfg.apiUrl);
  const [error, setError] = useState<string | null>(null);
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (cluster === "custom") {
      const bad = checkUrl(rpc, ["http:", "https:"]);
      if (bad) return setError(`The RPC URL ${bad}.`);
    }
    if (api) {
      const bad = checkUrl(api, ["http:", "https:"]);
      if (bad) return setError(`The API URL ${bad}.`);
    }
    setError(null);
    cfg.setChoice(cluster === "local" ? { cluster, apiUrl: api || localDefaults().apiUrl, rpcUrl: rpc } : { cluster, rpcUrl: rpc, apiUrl: api });
    setOpen(false);
  };
  return (
    <div className="cluster">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} aria-controls="cluster-form">
        Cluster: {cfg.cluster === "local" ? "local chain" : cfg.cluster}
      </button>
      {open && (
        <form id="cluster-form" className="popover" onSubmit={save} aria-label="Cluster">
          <fieldset>
            <legend>Cluster</legend>
            {(["local", "devnet", "custom"] as ClusterId[]).map((c) => (
              <label key={c} className="radio">
                <input
                  type="radio"
                  name="cluster"
                  value={c}
                  checked={cluster === c}
                  onChange={() => {
                    setCluster(c);
                    if (c === "local") setRpc(localDefaults().rpcUrl);
                    if (c === "devnet") setRpc("https://api.devnet.solana.com");
                  }}
                />
                {c === "local" ? "Local chain (autofactor localnet)" : c === "devnet" ? "Devnet" : "Custom RPC URL"}
              </label>
            ))}
          </fieldset>
          <label htmlFor="cluster-rpc">RPC URL</label>
          <input id="cluster-rpc" value={rpc} onChange={(e) => setRpc(e.target.value)} disabled={cluster === "devnet"} />
          <label htmlFor="cluster-api">API URL (indexer)</label>
          <input id="cluster-api" value={api} onChange={(e) => setApi(e.target.value)} />
          <ErrorText error={error} />
          <button type="submit">Use this cluster</button>
        </form>
      )}
    </div>
  );
}

/** On a local chain: load a keypair file (e.g. a demo keypair) for the "Local keypair" wallet. */
function LocalKeypairPanel() {
  const cfg = useAppConfig();
  const wallet = useWallet();
  const [current, setCurrent] = useState(() => storedKeypair()?.publicKey.toBase58() ?? null);
  const [error, setError] = useState<string | null>(null);
  if (!cfg.isLocal) return null;
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const kp = parseKeypairFile(await file.text());
      storeKeypair(kp);
      setCurrent(kp.publicKey.toBase58());
      setError(null);
      if (wallet.wallet?.adapter.name === "Local keypair" && wallet.connected) {
        await wallet.disconnect();
      }
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <aside className="local-keypair" aria-label="Local keypair">
      <label htmlFor="keypair-file">Local chain only — keypair file for the “Local keypair” wallet:</label>{" "}
      <input id="keypair-file" type="file" accept=".json,application/json" onChange={(e) => void onFile(e.target.files?.[0])} />{" "}
      <span data-testid="local-keypair">{current ? `loaded ${current}` : "none loaded"}</span>
      <small> (the demo's keypairs are in the folder `autofactor localnet --demo` prints as “keypairs”)</small>
      <ErrorText error={error} />
    </aside>
  );
}
