// Wallet-related bits used by every role page.
import type { ReactNode } from "react";
import { useWallet } from "@solana/wallet-adapter-react";
import { WalletMultiButton } from "@solana/wallet-adapter-react-ui";
import type { PublicKey } from "@solana/web3.js";
import { ata, type AutofactorClient } from "@autofactor/sdk";

/** Renders children with the connected wallet's key, or asks to connect. */
export function RequireWallet(props: { role: string; children: (me: PublicKey) => ReactNode }) {
  const { publicKey } = useWallet();
  if (!publicKey) {
    return (
      <div className="connect">
        <p>Connect the {props.role}'s wallet to continue.</p>
        <WalletMultiButton />
      </div>
    );
  }
  return <>{props.children(publicKey)}</>;
}

/** A role's page: its title, then `children` with the connected wallet's key (or a request to connect it). */
export function RolePage(props: { title: string; role: string; children: (me: PublicKey) => ReactNode }) {
  return (
    <section>
      <h1>{props.title}</h1>
      <RequireWallet role={props.role}>{props.children}</RequireWallet>
    </section>
  );
}

/** Micro-USDC in `owner`'s USDC account of `mint` (0 when it has none). */
export async function usdcBalance(client: AutofactorClient, owner: PublicKey, mint: PublicKey): Promise<bigint> {
  const info = await client.connection.getTokenAccountBalance(ata(owner, mint)).catch(() => null);
  return info ? BigInt(info.value.amount) : 0n;
}
