// Loads one API resource for a component: loading / loaded / failed, with
// the request aborted when the inputs change or the component goes away.
import { useEffect, useState } from "react";

export type Resource<T> =
  | { state: "loading" }
  | { state: "ok"; data: T }
  | { state: "error"; message: string };

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** `load` runs again whenever `key` changes; null `key` = not ready to load yet. */
export function useResource<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const [res, setRes] = useState<{ key: string | null; value: Resource<T> }>({ key, value: { state: "loading" } });
  useEffect(() => {
    if (key === null) return;
    const ctl = new AbortController();
    setRes({ key, value: { state: "loading" } });
    load(ctl.signal).then(
      (data) => {
        if (!ctl.signal.aborted) setRes({ key, value: { state: "ok", data } });
      },
      (e: unknown) => {
        if (!ctl.signal.aborted) setRes({ key, value: { state: "error", message: errorMessage(e) } });
      },
    );
    return () => ctl.abort();
    // `load` is derived from `key` by the caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return res.key === key ? res.value : { state: "loading" };
}
