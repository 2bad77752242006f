// The SDK on the configured connection: builders and queries go through
// a read-only client; transactions are signed by the connected wallet
// (tx.ts).
import { useMemo } from "react";
import { useConnection } from "@solana/wallet-adapter-react";
import { AutofactorClient } from "@autofactor/sdk";

export function useClient(): AutofactorClient {
  const { connection } = useConnection();
  return useMemo(() => AutofactorClient.readOnly(connection), [connection]);
}
