// Connection and wallets for the configured cluster: Wallet Standard
// wallets are detected by wallet-adapter; on a local chain the "Local
// keypair" wallet (a keypair file loaded into this browser) and the burner
// wallet are offered too — never on devnet or a custom cluster.
import { useMemo, type ReactNode } from "react";
import { ConnectionProvider, WalletProvider } from "@solana/wallet-adapter-react";
import { WalletModalProvider } from "@solana/wallet-adapter-react-ui";
import { UnsafeBurnerWalletAdapter } from "@solana/wallet-adapter-unsafe-burner";
import type { Adapter } from "@solana/wallet-adapter-base";
import { useAppConfig } from "../config";
import { LocalKeypairWalletAdapter } from "./localKeypair";
import "@solana/wallet-adapter-react-ui/styles.css";

export function WalletProviders(props: { children: ReactNode }) {
  const cfg = useAppConfig();
  const wallets = useMemo<Adapter[]>(
    () => (cfg.isLocal ? [new LocalKeypairWalletAdapter(), new UnsafeBurnerWalletAdapter()] : []),
    [cfg.isLocal],
  );
  return (
    <ConnectionProvider endpoint={cfg.rpcUrl} config={{ commitment: "confirmed", wsEndpoint: cfg.wsUrl }} key={`${cfg.rpcUrl}|${cfg.wsUrl}`}>
      <WalletProvider wallets={wallets} autoConnect>
        <WalletModalProvider>{props.children}</WalletModalProvider>
      </WalletProvider>
    </ConnectionProvider>
  );
}
