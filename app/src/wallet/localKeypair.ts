// "Local keypair" wallet: signs with a Solana CLI keypair file (a JSON
// array of 64 bytes) the user loads into this browser — e.g. one of the
// demo keypairs `autofactor localnet --demo` writes. Offered only on a
// local chain: the secret key sits in localStorage, unsafe anywhere else.
import {
  BaseMessageSignerWalletAdapter,
  WalletConnectionError,
  WalletNotConnectedError,
  WalletReadyState,
  isVersionedTransaction,
  type TransactionOrVersionedTransaction,
  type WalletName,
} from "@solana/wallet-adapter-base";
import { Keypair, type PublicKey, type TransactionVersion } from "@solana/web3.js";
import { ed25519 } from "@noble/curves/ed25519.js";

export const LocalKeypairWalletName = "Local keypair" as WalletName<"Local keypair">;
export const LOCAL_KEYPAIR_STORAGE = "autofactor.localKeypair";

/** Parses a Solana CLI keypair file; throws a sentence on anything else. */
export function parseKeypairFile(text: string): Keypair {
  let bytes: unknown;
  try {
    bytes = JSON.parse(text);
  } catch {
    throw new Error("a keypair file is a JSON array of 64 numbers (Solana CLI format); this is not JSON");
  }
  if (!Array.isArray(bytes) || bytes.length !== 64 || !bytes.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) {
    throw new Error("a keypair file is a JSON array of 64 numbers from 0 to 255 (Solana CLI format)");
  }
  return Keypair.fromSecretKey(Uint8Array.from(bytes as number[]));
}

/** The keypair stored in this browser, if any. */
export function storedKeypair(): Keypair | null {
  const raw = localStorage.getItem(LOCAL_KEYPAIR_STORAGE);
  if (!raw) return null;
  try {
    return parseKeypairFile(raw);
  } catch {
    return null;
  }
}

export function storeKeypair(kp: Keypair | null): void {
  if (kp) localStorage.setItem(LOCAL_KEYPAIR_STORAGE, JSON.stringify(Array.from(kp.secretKey)));
  else localStorage.removeItem(LOCAL_KEYPAIR_STORAGE);
}

const ICON =
  "data:image/svg+xml;base64," +
  btoa(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f4e79"/>' +
      '<circle cx="12" cy="16" r="6" fill="none" stroke="#fff" stroke-width="3"/><path d="M18 16h10v5M24 16v4" stroke="#fff" stroke-width="3" fill="none"/></svg>',
  );

export class LocalKeypairWalletAdapter extends BaseMessageSignerWalletAdapter<"Local keypair"> {
  name = LocalKeypairWalletName;
  url = "https://docs.solanalabs.com/cli/wallets/file-system";
  icon = ICON;
  readonly supportedTransactionVersions: ReadonlySet<TransactionVersion> = new Set(["legacy", 0] as TransactionVersion[]);
  private keypair: Keypair | null = null;

  get connecting(): boolean {
    return false;
  }
  get publicKey(): PublicKey | null {
    return this.keypair?.publicKey ?? null;
  }
  get readyState(): WalletReadyState {
    return WalletReadyState.Loadable;
  }

  async connect(): Promise<void> {
    const kp = storedKeypair();
    if (!kp) {
      const err = new WalletConnectionError("No keypair loaded: load a keypair file (e.g. from the demo's keys folder) under “Local keypair” first.");
      this.emit("error", err);
      throw err;
    }
    this.keypair = kp;
    this.emit("connect", kp.publicKey);
  }

  async disconnect(): Promise<void> {
    this.keypair = null;
    this.emit("disconnect");
  }

  async signTransaction<T extends TransactionOrVersionedTransaction<this["supportedTransactionVersions"]>>(transaction: T): Promise<T> {
    const kp = this.keypair;
    if (!kp) throw new WalletNotConnectedError();
    if (isVersionedTransaction(transaction)) transaction.sign([kp]);
    else transaction.partialSign(kp);
    return transaction;
  }

  async signMessage(message: Uint8Array): Promise<Uint8Array> {
    const kp = this.keypair;
    if (!kp) throw new WalletNotConnectedError();
    return ed25519.sign(message, kp.secretKey.slice(0, 32));
  }
}
