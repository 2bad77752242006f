// Small shared pieces: data loading with refetch, transaction progress,
// labelled fields, errors.
import { useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { explorerUrl } from "../config";
import { useAppConfig } from "../config";
import type { TxState } from "../tx";

/** Loads `load()` when `deps` change; `reload()` refetches (e.g. after a confirmed transaction). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | undefined; error: string | null; loading: boolean; reload: () => Promise<void> } {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const v = await loadRef.current();
      if (mine === seq.current) {
        setData(v);
        setError(null);
      }
    } catch (e) {
      if (mine === seq.current) setError((e as Error).message ?? String(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);
  useEffect(() => {
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return { data, error, loading, reload };
}

const STAGE_TEXT: Record<string, string> = {
  building: "Preparing the transaction…",
  signing: "Waiting for your wallet's signature…",
  sending: "Sending to the cluster…",
  confirming: "Confirming…",
  confirmed: "Confirmed.",
  failed: "Failed.",
};

/** Progress, explorer link and error of the page's last transaction. */
export function TxStatus(props: { state: TxState }) {
  const cfg = useAppConfig();
  const s = props.state;
  if (s.stage === "idle") return null;
  const steps = ["signing", "sending", "confirming", "confirmed"];
  const at = steps.indexOf(s.stage);
  return (
    <div className={`tx tx-${s.stage}`} role="status" aria-live="polite" data-testid="tx-status" data-stage={s.stage}>
      <strong>{s.label}: </strong>
      <span>{STAGE_TEXT[s.stage]}</span>
      {s.stage !== "failed" && (
        <ol className="tx-steps" aria-label="progress">
          {steps.map((st, i) => (
            <li key={st} className={at >= i ? "done" : ""}>
              {st}
            </li>
          ))}
        </ol>
      )}
      {s.signature && (
        <div>
          <a href={explorerUrl(cfg, "tx", s.signature)} target="_blank" rel="noreferrer">
            View transaction {s.signature.slice(0, 8)}… on the explorer
          </a>
        </div>
      )}
      {s.error && (
        <div className="error" role="alert" data-testid="tx-error">
          <code>{s.error.name}</code>: {s.error.sentence}
        </div>
      )}
    </div>
  );
}

export function Field(props: { label: string; children: ReactNode; hint?: string; id: string }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint && (
        <small className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </small>
      )}
    </div>
  );
}

export function ErrorText(props: { error: string | null | undefined }) {
  if (!props.error) return null;
  return (
    <p className="error" role="alert">
      {props.error}
    </p>
  );
}

export function Loading(props: { what: string }) {
  return <p aria-busy="true">Loading {props.what}…</p>;
}
