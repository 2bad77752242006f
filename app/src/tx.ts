// Sending a transaction from the connected wallet with visible progress:
// building → signing (wallet) → sending → confirming → confirmed / failed.
// Program errors are shown by their IDL name with the IDL's sentence
// (the SDK's parseProgramError). After confirmation the caller refetches.
import { useCallback, useRef, useState } from "react";
import { useConnection, useWallet } from "@solana/wallet-adapter-react";
import { Transaction, type Signer, type TransactionInstruction } from "@solana/web3.js";
import { parseProgramError } from "@autofactor/sdk";

export type TxStage = "idle" | "building" | "signing" | "sending" | "confirming" | "confirmed" | "failed";

export interface TxError {
  /** The program's error name (e.g. "InvoiceNotVerified"), or a short kind ("Wallet", "Input", "Network"). */
  name: string;
  /** A human sentence. */
  sentence: string;
  logs: string[];
}

export interface TxState {
  label: string;
  stage: TxStage;
  signature?: string;
  error?: TxError;
}

export interface TxRequest {
  ixs: TransactionInstruction[];
  /** Extra signers (e.g. a new asset keypair); the wallet signs and pays. */
  signers?: Signer[];
}

/** Maps anything a build, a wallet or a send can throw to a name and a sentence. */
export function describeError(e: unknown): TxError {
  const pe = parseProgramError(e);
  if (pe) return { name: pe.errorName, sentence: sentence(pe.errorMessage), logs: pe.logs };
  const err = e as { name?: string; message?: string; logs?: string[] };
  const msg = String(err?.message ?? e);
  if (err?.name?.startsWith("Wallet")) {
    return { name: err.name, sentence: sentence(msg || "The wallet refused the request."), logs: [] };
  }
  if (/User rejected|rejected the request/i.test(msg)) return { name: "Rejected", sentence: "You rejected the request in your wallet.", logs: [] };
  if (/Failed to fetch|NetworkError|ECONNREFUSED/i.test(msg)) {
    return { name: "Network", sentence: "The cluster could not be reached; check the RPC URL in the cluster selector.", logs: [] };
  }
  return { name: err?.name && err.name !== "Error" ? err.name : "Error", sentence: sentence(msg), logs: err?.logs ?? [] };
}

function sentence(s: string): string {
  const t = s.trim();
  if (!t) return "";
  const first = t[0].toUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/**
 * One transaction slot of a page. `run(label, build, after)` builds the
 * instructions, has the wallet sign, sends, confirms, then awaits `after`
 * (the page's refetch) before reporting "confirmed", so no stale balance
 * is shown next to a confirmed action.
 */
export function useTx() {
  const { connection } = useConnection();
  const wallet = useWallet();
  const [state, setState] = useState<TxState>({ label: "", stage: "idle" });
  const busy = useRef(false);

  const run = useCallback(
    async (label: string, build: () => Promise<TxRequest>, after?: (signature: string) => Promise<unknown> | void): Promise<string | null> => {
      if (busy.current) return null;
      busy.current = true;
      let signature: string | undefined;
      try {
        if (!wallet.publicKey || !wallet.signTransaction) throw Object.assign(new Error("Connect a wallet first."), { name: "WalletNotConnectedError" });
        setState({ label, stage: "building" });
        const req = await build();
        const tx = new Transaction().add(...req.ixs);
        tx.feePayer = wallet.publicKey;
        const latest = await connection.getLatestBlockhash("confirmed");
        tx.recentBlockhash = latest.blockhash;
        if (req.signers?.length) tx.partialSign(...req.signers);
        setState({ label, stage: "signing" });
        const signed = await wallet.signTransaction(tx);
        setState({ label, stage: "sending" });
        signature = await connection.sendRawTransaction(signed.serialize(), { preflightCommitment: "confirmed" });
        setState({ label, stage: "confirming", signature });
        const res = await connection.confirmTransaction({ signature, ...latest }, "confirmed");
        if (res.value.err) {
          throw parseProgramError(res.value.err) ?? new Error(`The transaction failed: ${JSON.stringify(res.value.err)}`);
        }
        if (after) await after(signature);
        setState({ label, stage: "confirmed", signature });
        return signature;
      } catch (e) {
        setState({ label, stage: "failed", signature, error: describeError(e) });
        return null;
      } finally {
        busy.current = false;
      }
    },
    [connection, wallet],
  );

  const reset = useCallback(() => setState({ label: "", stage: "idle" }), []);
  return { state, run, reset, busy: state.stage !== "idle" && state.stage !== "confirmed" && state.stage !== "failed" };
}
