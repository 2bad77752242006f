// Runtime configuration shared by every page: which cluster, its JSON-RPC
// and WebSocket URLs, the indexer's HTTP API URL and explorer links.
//
// Where the values come from, first match wins:
//   1. the user's choice in the cluster selector (localStorage "autofactor.cluster");
//   2. `window.__AUTOFACTOR_CONFIG__ = { cluster, rpcUrl, wsUrl, apiUrl }` set by the host page;
//   3. build-time env: VITE_RPC_URL, VITE_WS_URL, VITE_API_URL (local chain),
//      VITE_DEVNET_API_URL (the API that indexes devnet);
//   4. defaults: the local chain of `autofactor localnet --demo`
//      (http://127.0.0.1:8899, ws://127.0.0.1:8900, API http://127.0.0.1:8901).
import { createContext, createElement, useCallback, useContext, useMemo, useState, type ReactNode } from "react";

export type ClusterId = "local" | "devnet" | "custom";

export interface AppConfig {
  cluster: ClusterId;
  /** JSON-RPC endpoint. */
  rpcUrl: string;
  /** WebSocket endpoint (subscriptions, confirmations). */
  wsUrl: string;
  /** The indexer's HTTP API (history, documents); "" when none is configured. */
  apiUrl: string;
}

/** What the cluster selector stores. */
export interface ClusterChoice {
  cluster: ClusterId;
  rpcUrl?: string;
  wsUrl?: string;
  apiUrl?: string;
}

declare global {
  interface Window {
    __AUTOFACTOR_CONFIG__?: Partial<AppConfig>;
  }
}

const STORAGE_KEY = "autofactor.cluster";
const DEVNET_RPC = "https://api.devnet.solana.com";

function env(name: string): string | undefined {
  const v = (import.meta.env as Record<string, string | undefined>)[name];
  return v && v.trim() ? v.trim() : undefined;
}

/** `ws(s)://host:(port+1)` for an `http(s)://host:port` JSON-RPC URL (the Solana convention). */
export function wsUrlFor(rpcUrl: string): string {
  const u = new URL(rpcUrl);
  u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  if (u.port) u.port = String(Number(u.port) + 1);
  return u.toString().replace(/\/$/, "");
}

function hostDefaults(): Partial<AppConfig> {
  return (typeof window !== "undefined" && window.__AUTOFACTOR_CONFIG__) || {};
}

/** The local chain's endpoints (host page, then env, then `autofactor localnet --demo`'s defaults). */
export function localDefaults(): AppConfig {
  const host = hostDefaults();
  const rpcUrl = host.rpcUrl ?? env("VITE_RPC_URL") ?? "http://127.0.0.1:8899";
  return {
    cluster: "local",
    rpcUrl,
    wsUrl: host.wsUrl ?? env("VITE_WS_URL") ?? wsUrlFor(rpcUrl),
    apiUrl: host.apiUrl ?? env("VITE_API_URL") ?? "http://127.0.0.1:8901",
  };
}

/** Turns a stored choice into a full configuration. */
export function resolveConfig(choice: ClusterChoice | null): AppConfig {
  const local = localDefaults();
  const cluster = choice?.cluster ?? (hostDefaults().cluster as ClusterId | undefined) ?? "local";
  if (cluster === "devnet") {
    return { cluster, rpcUrl: DEVNET_RPC, wsUrl: wsUrlFor(DEVNET_RPC), apiUrl: choice?.apiUrl ?? env("VITE_DEVNET_API_URL") ?? "" };
  }
  if (cluster === "custom" && choice?.rpcUrl) {
    return { cluster, rpcUrl: choice.rpcUrl, wsUrl: choice.wsUrl || wsUrlFor(choice.rpcUrl), apiUrl: choice.apiUrl ?? "" };
  }
  if (cluster === "local" && (choice?.rpcUrl || choice?.apiUrl)) {
    const rpcUrl = choice.rpcUrl || local.rpcUrl;
    return { cluster, rpcUrl, wsUrl: rpcUrl === local.rpcUrl ? local.wsUrl : wsUrlFor(rpcUrl), apiUrl: choice.apiUrl ?? local.apiUrl };
  }
  return local;
}

function readChoice(): ClusterChoice | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as ClusterChoice;
    return v && (v.cluster === "local" || v.cluster === "devnet" || v.cluster === "custom") ? v : null;
  } catch {
    return null;
  }
}

/** The configuration outside React (the stored choice or the defaults). */
export function getAppConfig(): AppConfig {
  return resolveConfig(readChoice());
}

/** Checks a URL typed into the selector; returns an error sentence or null. */
export function checkUrl(text: string, protocols: string[]): string | null {
  try {
    const u = new URL(text);
    return protocols.includes(u.protocol) ? null : `must start with ${protocols.map((p) => `${p}//`).join(" or ")}`;
  } catch {
    return "is not a valid URL";
  }
}

/** Link to a transaction or an address on the Solana explorer for this cluster. */
export function explorerUrl(cfg: AppConfig, kind: "tx" | "address", id: string): string {
  const base = `https://explorer.solana.com/${kind}/${id}`;
  if (cfg.cluster === "devnet") return `${base}?cluster=devnet`;
  return `${base}?cluster=custom&customUrl=${encodeURIComponent(cfg.rpcUrl)}`;
}

interface ConfigContextValue extends AppConfig {
  /** Whether the app talks to a local chain (the burner/keypair wallets are offered only then). */
  isLocal: boolean;
  setChoice(choice: ClusterChoice): void;
}

const ConfigContext = createContext<ConfigContextValue | null>(null);

export function AppConfigProvider(props: { children: ReactNode }) {
  const [choice, setChoiceState] = useState<ClusterChoice | null>(readChoice);
  const setChoice = useCallback((c: ClusterChoice) => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(c));
    setChoiceState(c);
  }, []);
  const value = useMemo<ConfigContextValue>(() => {
    const cfg = resolveConfig(choice);
    return { ...cfg, isLocal: cfg.cluster === "local", setChoice };
  }, [choice, setChoice]);
  return createElement(ConfigContext.Provider, { value }, props.children);
}

/** The current configuration (inside `AppConfigProvider`). */
export function useAppConfig(): ConfigContextValue {
  const v = useContext(ConfigContext);
  if (!v) throw new Error("useAppConfig must be used inside <AppConfigProvider>");
  return v;
}
